/*
 * Congestion control framework and NewReno (RFC 5681, RFC 6582).
 * Algorithms register a struct tcp_cong_ops; connections pick one by name
 * (TCP_CONGESTION) or get the default, CUBIC as on Linux.  Windows are
 * counted in segments, as Linux counts them.  Loss recovery itself
 * (which segments to resend) lives in tcp_input.c; an algorithm only
 * chooses ssthresh and how cwnd grows.
 */
#include <net/tcp.h>

#define TCP_CWND_MAX 0x100000u

static struct tcp_cong_ops *cong_list;
static const struct tcp_cong_ops *cong_default;

static void cong_builtin(void)
{
	if (cong_list)
		return;
	tcp_cong_register(&tcp_newreno_ops);
	tcp_cong_register(&tcp_cubic_ops);
	cong_default = &tcp_cubic_ops;
}

void tcp_cong_register(struct tcp_cong_ops *ops)
{
	ops->next = cong_list;
	cong_list = ops;
}

const struct tcp_cong_ops *tcp_cong_find(const char *name)
{
	const struct tcp_cong_ops *o;
	size_t n = strlen(name);

	cong_builtin();
	for (o = cong_list; o; o = o->next)
		if (strlen(o->name) == n && memcmp(o->name, name, n) == 0)
			return o;
	return NULL;
}

void tcp_cong_init(struct tcp_sock *tp)
{
	cong_builtin();
	if (!tp->cong)
		tp->cong = cong_default;
	memset(tp->ca_priv, 0, sizeof(tp->ca_priv));
	if (tp->cong->init)
		tp->cong->init(tp);
}

int tcp_set_congestion(struct tcp_sock *tp, const char *name)
{
	const struct tcp_cong_ops *o = tcp_cong_find(name);

	if (!o)
		return -ENOENT;
	tp->cong = o;
	memset(tp->ca_priv, 0, sizeof(tp->ca_priv));
	if (o->init)
		o->init(tp);
	return 0;
}

int tcp_set_default_congestion(const char *name)
{
	const struct tcp_cong_ops *o = tcp_cong_find(name);

	if (!o)
		return -ENOENT;
	cong_default = o;
	return 0;
}

/* RFC 5681 §3.1 slow start: cwnd grows by the segments acked, up to
 * ssthresh; returns the acked segments left over for avoidance. */
u32 tcp_slow_start(struct tcp_sock *tp, u32 acked)
{
	u32 cwnd = tp->snd_cwnd + acked;

	if (cwnd > tp->snd_ssthresh)
		cwnd = tp->snd_ssthresh;
	acked -= cwnd - tp->snd_cwnd;
	tp->snd_cwnd = cwnd < TCP_CWND_MAX ? cwnd : TCP_CWND_MAX;
	return acked;
}

/* Congestion avoidance: +1 segment per cwnd segments acked (RFC 5681 eq. 3). */
void tcp_cong_avoid_reno(struct tcp_sock *tp, u32 acked)
{
	tp->snd_cwnd_cnt += acked;
	if (tp->snd_cwnd_cnt >= tp->snd_cwnd) {
		u32 inc = tp->snd_cwnd_cnt / tp->snd_cwnd;

		tp->snd_cwnd_cnt -= inc * tp->snd_cwnd;
		tp->snd_cwnd += inc;
		if (tp->snd_cwnd > TCP_CWND_MAX)
			tp->snd_cwnd = TCP_CWND_MAX;
	}
}

static void newreno_cong_avoid(struct tcp_sock *tp, u32 acked)
{
	if (tp->snd_cwnd < tp->snd_ssthresh) {
		acked = tcp_slow_start(tp, acked);
		if (!acked)
			return;
	}
	tcp_cong_avoid_reno(tp, acked);
}

/* RFC 5681 eq. 4: ssthresh = max(FlightSize / 2, 2 * SMSS); like Linux we
 * take cwnd as the flight size. */
static u32 newreno_ssthresh(struct tcp_sock *tp)
{
	u32 half = tp->snd_cwnd / 2;

	return half > 2 ? half : 2;
}

struct tcp_cong_ops tcp_newreno_ops = {
	.name = "reno",
	.ssthresh = newreno_ssthresh,
	.cong_avoid = newreno_cong_avoid,
};
