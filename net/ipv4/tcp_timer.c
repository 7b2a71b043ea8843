/*
 * TCP timers: retransmission (RFC 6298 §5) and persist (RFC 9293
 * §3.8.6.1) share rtx_timer; delayed ACK (RFC 9293 §3.8.6.3); and
 * keep_timer for keepalive (RFC 9293 §3.8.4), the orphaned FIN_WAIT2
 * timeout and TIME_WAIT's 2MSL (§3.10.7.4, Linux's 60 s).
 */
#include <net/tcp.h>

static u32 max_retries(const struct tcp_sock *tp)
{
	if (tp->state == TCP_SYN_SENT)
		return tp->syn_retries ? tp->syn_retries : TCP_SYN_RETRIES;
	if (tp->state == TCP_SYN_RECV && tp->parent)
		return tp->synack_retries ? tp->synack_retries : TCP_SYNACK_RETRIES;
	return TCP_RETRIES2;
}

/* Give up on the connection: ETIMEDOUT (or the pending ICMP soft error). */
static void tcp_write_err(struct tcp_sock *tp)
{
	NET_INC_STATS(LINUX_MIB_TCPABORTONTIMEOUT);
	if (tp->state == TCP_SYN_RECV && tp->parent) {
		tcp_done(tp);                         /* embryonic: just forget it */
		return;
	}
	tcp_reset_conn(tp, tp->soft_err ? tp->soft_err : ETIMEDOUT);
}

static bool user_timeout_expired(const struct tcp_sock *tp)
{
	return tp->user_timeout_ms && tp->retrans_stamp_ns &&
	       net_now_ns() - tp->retrans_stamp_ns >= (u64)tp->user_timeout_ms * NSEC_PER_MSEC;
}

/*
 * An embryonic child's SYN-ACK timer (Linux's reqsk_timer_handler).
 * With the listener's TCP_DEFER_ACCEPT the child waits that many
 * timeouts for data after a bare ACK, not resending the SYN-ACK until
 * the last one (whose answer completes the handshake), and lives at
 * least that long.
 */
static void tcp_synack_timer(struct tcp_sock *tp, struct pkbuf *syn)
{
	u8 defer = tp->parent->defer_accept;
	u32 max = max_retries(tp);
	bool expire, resend;

	if (defer > max)
		max = defer;
	expire = tp->retransmits >= max && (!tp->defer_acked || tp->retransmits >= defer);
	resend = !tp->defer_acked || tp->retransmits + 1 >= defer;
	if (expire) {
		tcp_write_err(tp);
		return;
	}
	NET_INC_STATS(LINUX_MIB_TCPTIMEOUTS);
	if (resend)
		tcp_retransmit_pkb(tp, syn);
	tp->retransmits++;
	if (tp->backoff < 16)
		tp->backoff++;
	tcp_rearm_rto(tp);
}

/* What the timeout interrupted, in Linux's names: a Fast Recovery, an
 * earlier timeout's recovery, or a flight already out of order. */
static void tcp_count_rto_failure(const struct tcp_sock *tp)
{
	if (tp->ca_state == TCP_CA_Recovery)
		NET_INC_STATS(tp->sack_ok ? LINUX_MIB_TCPSACKRECOVERYFAIL :
			      LINUX_MIB_TCPRENORECOVERYFAIL);
	else if (tp->ca_state == TCP_CA_Loss)
		NET_INC_STATS(LINUX_MIB_TCPLOSSFAILURES);
	else if (tp->ca_state == TCP_CA_Disorder || tp->sacked_out)
		NET_INC_STATS(tp->sack_ok ? LINUX_MIB_TCPSACKFAILURES : LINUX_MIB_TCPRENOFAILURES);
}

static void tcp_retransmit_timer(struct tcp_sock *tp)
{
	struct pkbuf *head = pkb_peek(&tp->write_queue);

	if (!tp->packets_out || !head || head == tp->send_head)
		return;
	if (tp->state == TCP_SYN_RECV && tp->parent) {
		tcp_synack_timer(tp, head);
		return;
	}
	if (tp->retransmits >= max_retries(tp) || user_timeout_expired(tp)) {
		tcp_write_err(tp);
		return;
	}
	NET_INC_STATS(LINUX_MIB_TCPTIMEOUTS);
	if (tp->state != TCP_SYN_SENT && tp->state != TCP_SYN_RECV) {
		tcp_count_rto_failure(tp);
		tcp_enter_loss(tp);
	}
	tp->retransmits++;
	/* RFC 6298 §5.4: retransmit the earliest unacked segment. */
	tcp_retransmit_pkb(tp, head);
	/* §5.5: back off; §5.6: restart the timer. */
	if (tp->backoff < 16)
		tp->backoff++;
	tcp_rearm_rto(tp);
}

/*
 * Persist timer (RFC 9293 §3.8.6.1), also the ceiling on data held back
 * by TCP_CORK or MSG_MORE (tcp(7): about 200 ms, one RTO): send what
 * the window takes, or probe it.
 */
static void tcp_probe_timer(struct tcp_sock *tp)
{
	if (tp->packets_out || !tp->send_head) {
		tp->probes_out = 0;
		return;
	}
	/* Keep probing as long as the peer answers; give up after
	 * tcp_retries2 unanswered probes (Linux). */
	if (tp->probes_out >= TCP_RETRIES2 || user_timeout_expired(tp)) {
		tcp_write_err(tp);
		return;
	}
	tcp_window_probe(tp);
	if (tp->state == TCP_CLOSE)
		return;
	if (tp->packets_out) {
		/* Data went out: the retransmission timer watches it now. */
		tp->probes_out = 0;
		tp->backoff = 0;
		return;
	}
	tp->probes_out++;
	if (tp->backoff < 16)
		tp->backoff++;
	tcp_check_probe_timer(tp);
}

static void rtx_timer_fn(struct net_timer *t)
{
	struct tcp_sock *tp = net_container_of(t, struct tcp_sock, rtx_timer);

	switch (tp->rtx_mode) {
	case TCP_TMODE_PROBE:
		tcp_probe_timer(tp);
		break;
	case TCP_TMODE_TLP:
		tcp_send_loss_probe(tp);
		break;
	case TCP_TMODE_REO:
		tcp_rack_reo_timeout(tp);
		break;
	default:
		tcp_retransmit_timer(tp);
		break;
	}
}

/*
 * The delayed ACK is due (Linux's tcp_delack_timer_handler): an
 * interactive flow that made us wait was not so interactive, so leave
 * that mode; otherwise wait longer next time (up to the RTO).
 */
static void delack_timer_fn(struct net_timer *t)
{
	struct tcp_sock *tp = net_container_of(t, struct tcp_sock, delack_timer);

	if (!tp->ack_pending)
		return;
	if (tcp_in_pingpong_mode(tp)) {
		tp->pingpong = 0;
		tp->ato_ms = TCP_DELACK_MIN_MS;
	} else {
		tp->ato_ms = 2 * tp->ato_ms < tp->rto_ms ? 2 * tp->ato_ms : tp->rto_ms;
	}
	NET_INC_STATS(LINUX_MIB_DELAYEDACKS);
	tcp_send_ack(tp);
}

static u64 keepalive_time_ns(const struct tcp_sock *tp)
{
	return (u64)tp->keepidle * NSEC_PER_SEC;
}

/* Arm keep_timer for keepalive in a synchronized state. */
void tcp_reset_keepalive(struct tcp_sock *tp)
{
	if (!tp->sk.keepalive || tp->state != TCP_ESTABLISHED)
		return;
	net_timer_arm_in(&tp->keep_timer, keepalive_time_ns(tp));
}

static void tcp_keepalive(struct tcp_sock *tp)
{
	u64 now = net_now_ns(), idle, idle_max = keepalive_time_ns(tp);

	/* Like Linux: every synchronized state but TIME_WAIT. */
	if (!tp->sk.keepalive || tp->state == TCP_CLOSE || tp->state == TCP_LISTEN ||
	    tp->state == TCP_SYN_SENT || tp->state == TCP_SYN_RECV ||
	    tp->state == TCP_TIME_WAIT)
		return;
	/* Data in flight or queued: the retransmit/persist timer watches. */
	if (tp->packets_out || tp->send_head) {
		net_timer_arm_in(&tp->keep_timer, idle_max);
		return;
	}
	idle = now - tp->last_rcv_ns;
	if (idle >= idle_max) {
		if (tp->probes_out >= tp->keepcnt) {
			tcp_send_active_reset(tp);
			tcp_write_err(tp);
			return;
		}
		tp->probes_out++;
		NET_INC_STATS(LINUX_MIB_TCPKEEPALIVE);
		tcp_send_probe(tp);
		net_timer_arm_in(&tp->keep_timer, (u64)tp->keepintvl * NSEC_PER_SEC);
		return;
	}
	net_timer_arm_in(&tp->keep_timer, idle_max - idle);
}

static void keep_timer_fn(struct net_timer *t)
{
	struct tcp_sock *tp = net_container_of(t, struct tcp_sock, keep_timer);

	switch (tp->state) {
	case TCP_TIME_WAIT:
		NET_INC_STATS(LINUX_MIB_TIMEWAITED);   /* Linux counts "TW" at expiry */
		tcp_done(tp);
		break;
	case TCP_FIN_WAIT2:
		/* Orphaned half-closed connection timed out (tcp_fin_timeout);
		 * an owned one only runs keepalive. */
		if (tp->user_closed)
			tcp_done(tp);
		else
			tcp_keepalive(tp);
		break;
	default:
		tcp_keepalive(tp);
		break;
	}
}

void tcp_init_timers(struct tcp_sock *tp)
{
	net_timer_init(&tp->rtx_timer, rtx_timer_fn);
	net_timer_init(&tp->delack_timer, delack_timer_fn);
	net_timer_init(&tp->keep_timer, keep_timer_fn);
}

void tcp_clear_timers(struct tcp_sock *tp)
{
	net_timer_cancel(&tp->rtx_timer);
	net_timer_cancel(&tp->delack_timer);
	net_timer_cancel(&tp->keep_timer);
}

/* Enter TIME_WAIT (or restart its 2MSL): only keep_timer stays. */
void tcp_time_wait(struct tcp_sock *tp)
{
	if (tp->state != TCP_TIME_WAIT)
		tcp_set_state(tp, TCP_TIME_WAIT);
	net_timer_cancel(&tp->rtx_timer);
	net_timer_cancel(&tp->delack_timer);
	pkb_queue_purge(&tp->write_queue);
	tp->send_head = NULL;
	tp->packets_out = tp->sacked_out = tp->lost_out = tp->retrans_out = 0;
	tcp_purge_ooo(tp);
	net_timer_arm_in(&tp->keep_timer, (u64)TCP_TIMEWAIT_MS * NSEC_PER_MSEC);
}

/* FIN_WAIT2 without an owner must not last forever (Linux tcp_fin_timeout). */
void tcp_arm_fin_wait2(struct tcp_sock *tp)
{
	u64 ms = tp->linger2_s > 0 ? (u64)tp->linger2_s * 1000 : TCP_FIN_TIMEOUT_MS;

	if (!tp->user_closed)
		return;
	if (tp->linger2_s < 0) {
		tcp_send_active_reset(tp);
		tcp_done(tp);
		return;
	}
	net_timer_arm_in(&tp->keep_timer, ms * NSEC_PER_MSEC);
}
