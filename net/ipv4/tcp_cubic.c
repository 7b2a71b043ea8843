/*
 * CUBIC congestion control (RFC 9438), in integer arithmetic: time in
 * milliseconds, windows in segments, C = 0.4, beta_cubic = 0.7, with fast
 * convergence (§4.7) and the Reno-friendly region (§4.3).
 */
#include <net/tcp.h>

#define EST_SHIFT 20
/* alpha_cubic = 3 (1 - beta) / (1 + beta) = 0.5294 (RFC 9438 §4.3), << 20 */
#define ALPHA_CUBIC_FP 555128u

struct cubic {
	u32 w_max;          /* window before the last reduction */
	u32 w_last_max;     /* for fast convergence */
	u32 k_ms;           /* time to reach w_max again */
	u32 origin;         /* the plateau of this epoch */
	u64 epoch_ns;       /* start of the current avoidance epoch; 0 = none */
	u64 w_est_fp;       /* Reno-friendly estimate << EST_SHIFT */
};
_Static_assert(sizeof(struct cubic) <= TCP_CA_PRIV_SIZE, "cubic state fits");

static struct cubic *ca(struct tcp_sock *tp)
{
	return (struct cubic *)(void *)tp->ca_priv;
}

/* Integer cube root: the largest r with r^3 <= x. */
static u64 icbrt(u64 x)
{
	u64 lo = 0, hi = 2642245;          /* 2642245^3 > 2^64 - 1 */

	while (lo < hi) {
		u64 mid = (lo + hi + 1) / 2;

		if (mid * mid * mid <= x)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

static void cubic_init(struct tcp_sock *tp)
{
	memset(ca(tp), 0, sizeof(struct cubic));
}

/* §4.6 multiplicative decrease with §4.7 fast convergence. */
static u32 cubic_ssthresh(struct tcp_sock *tp)
{
	struct cubic *c = ca(tp);
	u32 cwnd = tp->snd_cwnd, ss;

	c->epoch_ns = 0;
	if (cwnd < c->w_last_max) {
		c->w_last_max = cwnd;
		c->w_max = cwnd * 17 / 20;          /* cwnd (1 + beta) / 2 */
	} else {
		c->w_last_max = cwnd;
		c->w_max = cwnd;
	}
	ss = cwnd * 7 / 10;
	return ss > 2 ? ss : 2;
}

static void cubic_on_loss(struct tcp_sock *tp, bool rto)
{
	(void)rto;
	ca(tp)->epoch_ns = 0;
}

static void cubic_cong_avoid(struct tcp_sock *tp, u32 acked)
{
	struct cubic *c = ca(tp);
	u64 now = net_now_ns();
	s64 t_ms, d, target, delta;
	u32 cwnd, cnt;

	if (tp->snd_cwnd < tp->snd_ssthresh) {
		acked = tcp_slow_start(tp, acked);
		if (!acked)
			return;
	}
	cwnd = tp->snd_cwnd;
	if (!c->epoch_ns) {
		c->epoch_ns = now ? now : 1;
		if (cwnd < c->w_max) {
			/* §4.2: K = cbrt((W_max - cwnd_epoch) / C), in ms:
			 * cbrt((W_max - cwnd) / 0.4 * 1e9). */
			c->k_ms = (u32)icbrt((u64)(c->w_max - cwnd) * 2500000000ull);
			c->origin = c->w_max;
		} else {
			c->k_ms = 0;
			c->origin = cwnd;
		}
		c->w_est_fp = (u64)cwnd << EST_SHIFT;
		tp->snd_cwnd_cnt = 0;
	}
	/* §4.2: W_cubic(t + RTT) = C (t + RTT - K)^3 + W_max */
	t_ms = (s64)((now - c->epoch_ns) / NSEC_PER_MSEC) + tp->srtt_us / 1000;
	d = t_ms - (s64)c->k_ms;
	if (d > 100000)
		d = 100000;
	if (d < -100000)
		d = -100000;
	delta = d * d * d * 4 / 10 / 1000000000;
	target = (s64)c->origin + delta;
	/* §4.3 Reno-friendly estimate. */
	c->w_est_fp += (u64)ALPHA_CUBIC_FP * acked / cwnd;
	if ((s64)(c->w_est_fp >> EST_SHIFT) > target)
		target = (s64)(c->w_est_fp >> EST_SHIFT);
	/* §4.4/4.5: at most 1.5x per RTT. */
	if (target > (s64)cwnd * 3 / 2)
		target = (s64)cwnd * 3 / 2;
	if (target > (s64)cwnd)
		cnt = (u32)((s64)cwnd / (target - (s64)cwnd));
	else
		cnt = 100 * cwnd;                  /* plateau: grow very slowly */
	if (cnt < 1)
		cnt = 1;
	tp->snd_cwnd_cnt += acked;
	if (tp->snd_cwnd_cnt >= cnt) {
		tp->snd_cwnd += tp->snd_cwnd_cnt / cnt;
		tp->snd_cwnd_cnt %= cnt;
	}
}

struct tcp_cong_ops tcp_cubic_ops = {
	.name = "cubic",
	.init = cubic_init,
	.ssthresh = cubic_ssthresh,
	.cong_avoid = cubic_cong_avoid,
	.on_loss = cubic_on_loss,
};
