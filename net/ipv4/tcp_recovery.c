/*
 * TCP loss recovery's mechanisms (the state machine that uses them is
 * tcp_fastretrans_alert in tcp_input.c):
 *
 * - RACK (RFC 8985 §6): a segment is lost when a segment sent after it
 *   has been delivered and more than RACK.rtt + the reordering window
 *   has passed since it was sent.  The window starts at min_RTT/4 and
 *   grows with D-SACK evidence of reordering.  It replaces the
 *   DupThresh rule (RFC 6675 IsLost) for SACK peers; peers without SACK
 *   keep RFC 5681/6582's three duplicate ACKs.
 * - TLP (RFC 8985 §7): at the tail, a probe after PTO (about 2 SRTT)
 *   draws the SACK that lets RACK find the loss, instead of an RTO.
 * - PRR (RFC 6937): cwnd during Fast Recovery follows what the network
 *   delivers, down to ssthresh.
 * - Undo (RFC 2883 §5 / RFC 3708 with D-SACK, RFC 3522 Eifel with
 *   timestamps): a reduction found spurious is taken back.
 *
 * Every decision counts in Linux's TcpExt names.
 */
#include <net/tcp.h>

#define TCP_WCDELACK_MS 200         /* RFC 8985 §7.2 WCDelAckT */
#define TCP_PTO_NO_RTT_MS 1000      /* RFC 8985 §7.2: no SRTT yet */
#define TCP_RACK_PERSIST 16         /* RFC 8985 §6.2 step 4: recoveries a grown window lasts */

/* RFC 8985 §6.2 RACK_sent_after(t1, seq1, t2, seq2). */
static bool rack_sent_after(u64 t1, u32 seq1, u64 t2, u32 seq2)
{
	return t1 > t2 || (t1 == t2 && tcp_after(seq1, seq2));
}

void tcp_mark_pkb_lost(struct tcp_sock *tp, struct pkbuf *pkb)
{
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);

	if (cb->sacked & TCPCB_RETRANS) {
		/* A retransmission lost too: send it again. */
		cb->sacked &= (u8)~TCPCB_RETRANS;
		tp->retrans_out--;
		NET_INC_STATS(LINUX_MIB_TCPLOSTRETRANSMIT);
	}
	if (!(cb->sacked & TCPCB_LOST)) {
		cb->sacked |= TCPCB_LOST;
		tp->lost_out++;
	}
}

/*
 * RFC 8985 §6.2 steps 1-2 for one newly delivered segment: note
 * reordering (delivered below the highest SACKed sequence without
 * having been retransmitted) and take it as RACK's segment if it was
 * sent later.  A retransmitted segment whose ACK may answer the
 * original (sooner than min_RTT, or echoing an older TSval) is skipped.
 */
void tcp_rack_delivered(struct tcp_sock *tp, const struct tcp_skb_cb *cb,
			const struct tcp_ack_info *ai, bool sacked)
{
	struct tcp_rack *r = &tp->rack;
	u64 now = net_now_ns();
	u32 rtt_us;

	tp->delivered++;
	if (!(cb->sacked & TCPCB_EVER_RETRANS) && tp->sacked_out &&
	    tcp_before(cb->end_seq, r->fack)) {
		if (!r->reordering_seen)
			NET_INC_STATS(LINUX_MIB_TCPSACKREORDER);
		r->reordering_seen = true;
	}
	/* fack is meaningful only while something is SACKed. */
	if (sacked && (!tp->sacked_out || tcp_after(cb->end_seq, r->fack)))
		r->fack = cb->end_seq;
	if (!cb->tx_ns || now < cb->tx_ns)
		return;
	rtt_us = (u32)((now - cb->tx_ns) / 1000);
	if (cb->sacked & TCPCB_EVER_RETRANS) {
		u32 tsval = (u32)(cb->tx_ns / NSEC_PER_MSEC) + tp->ts_offset;

		if (rtt_us < tp->rtt_min_us)
			return;
		if (ai && ai->saw_tsecr && tcp_before(ai->tsecr, tsval))
			return;
	}
	if (!rack_sent_after(cb->tx_ns, cb->end_seq, r->xmit_ns, r->end_seq))
		return;
	r->xmit_ns = cb->tx_ns;
	r->end_seq = cb->end_seq;
	r->rtt_us = rtt_us;
	r->advanced = true;
}

/* RFC 8985 §6.2 step 4, the bookkeeping half: a D-SACK once a round
 * trip widens the window for the next 16 recoveries. */
void tcp_rack_update_reo_wnd(struct tcp_sock *tp)
{
	struct tcp_rack *r = &tp->rack;

	if (r->dsack_round_on && !tcp_before(tp->snd_una, r->dsack_round))
		r->dsack_round_on = false;
	if (!r->dsack_round_on && r->dsack_seen) {
		r->dsack_round = tp->snd_nxt;
		r->dsack_round_on = true;
		if (r->reo_wnd_mult < 255)
			r->reo_wnd_mult = (u8)((r->reo_wnd_mult ? r->reo_wnd_mult : 1) + 1);
		r->reo_wnd_persist = TCP_RACK_PERSIST;
	}
	r->dsack_seen = false;
}

/* Each recovery counts down: a grown window shrinks back after 16
 * without a D-SACK. */
static void rack_recovery_done(struct tcp_sock *tp)
{
	struct tcp_rack *r = &tp->rack;

	if (r->reo_wnd_persist && !--r->reo_wnd_persist)
		r->reo_wnd_mult = 1;
}

/* RFC 8985 §6.2 step 4: RACK.reo_wnd in microseconds. */
static u32 rack_reo_wnd_us(const struct tcp_sock *tp)
{
	const struct tcp_rack *r = &tp->rack;
	u64 wnd;

	if (!r->reordering_seen) {
		if (tp->ca_state == TCP_CA_Recovery || tp->ca_state == TCP_CA_Loss)
			return 0;
		if (tp->sacked_out >= TCP_DUPTHRESH)
			return 0;
	}
	wnd = (u64)(r->reo_wnd_mult ? r->reo_wnd_mult : 1) * tp->rtt_min_us / 4;
	return wnd < tp->srtt_us ? (u32)wnd : tp->srtt_us;
}

/* The reordering timer replaces the retransmission timer. */
static void rack_arm_reo_timer(struct tcp_sock *tp, u64 ns)
{
	tp->rtx_mode = TCP_TMODE_REO;
	net_timer_arm_in(&tp->rtx_timer, ns);
}

/*
 * RFC 8985 §6.2 step 5 (RACK_detect_loss): walk the segments sent
 * before RACK's; once RACK.rtt + reo_wnd has passed since one was sent
 * it is lost, else the timer is set for the latest of those not yet
 * due.  Original transmissions go out in sequence order, so the walk
 * stops at the first one sent after RACK's segment.
 */
u32 tcp_rack_detect_loss(struct tcp_sock *tp)
{
	struct tcp_rack *r = &tp->rack;
	u64 now = net_now_ns(), wait = 0;
	u64 window = ((u64)r->rtt_us + rack_reo_wnd_us(tp)) * 1000;
	struct pkbuf *pkb;
	u32 marked = 0;

	if (!r->xmit_ns)
		return 0;
	for (pkb = pkb_peek(&tp->write_queue); pkb && pkb != tp->send_head; pkb = pkb->next) {
		struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
		u64 due;

		if (!rack_sent_after(r->xmit_ns, r->end_seq, cb->tx_ns, cb->end_seq)) {
			if (!(cb->sacked & TCPCB_EVER_RETRANS))
				break;
			continue;
		}
		if (cb->sacked & TCPCB_SACKED)
			continue;
		if ((cb->sacked & (TCPCB_LOST | TCPCB_RETRANS)) == TCPCB_LOST)
			continue;                      /* already waiting to go again */
		/* A retransmission sent in the same instant as RACK's segment
		 * went after it: the order of sequence numbers says nothing. */
		if ((cb->sacked & TCPCB_RETRANS) && cb->tx_ns == r->xmit_ns)
			continue;
		due = cb->tx_ns + window;
		if (due <= now) {
			tcp_mark_pkb_lost(tp, pkb);
			marked++;
		} else if (due - now > wait) {
			wait = due - now;
		}
	}
	if (wait)
		rack_arm_reo_timer(tp, wait);
	else if (tp->rtx_mode == TCP_TMODE_REO && net_timer_pending(&tp->rtx_timer))
		tcp_rearm_rto(tp);
	r->advanced = false;
	return marked;
}

/* The reordering timer expired (RFC 8985 §6.3): what is due is lost;
 * start Fast Recovery if need be and send. */
void tcp_rack_reo_timeout(struct tcp_sock *tp)
{
	tcp_rack_detect_loss(tp);
	if (tp->lost_out && tp->ca_state != TCP_CA_Recovery && tp->ca_state != TCP_CA_Loss) {
		tcp_enter_recovery(tp);
		tcp_prr_reduce(tp, 1);
	}
	if (tp->ca_state == TCP_CA_Recovery || tp->ca_state == TCP_CA_Loss)
		tcp_xmit_retransmit_queue(tp);
	if (!net_timer_pending(&tp->rtx_timer))
		tcp_rearm_rto(tp);
}

/* ---- tail loss probe (RFC 8985 §7) ------------------------------------ */

/*
 * §7.2: after sending data or on an ACK, with SACK, outside recovery and
 * no probe out, arm PTO = 2 SRTT (plus the worst delayed ACK when one
 * segment is in flight; 1 s without an RTT sample), never after the RTO.
 */
bool tcp_schedule_loss_probe(struct tcp_sock *tp)
{
	u64 pto_ms, rto_ms;

	if (!tp->sack_ok || !tp->packets_out || tp->tlp_on ||
	    (tp->ca_state != TCP_CA_Open && tp->ca_state != TCP_CA_Disorder) ||
	    (tp->state != TCP_ESTABLISHED && tp->state != TCP_CLOSE_WAIT &&
	     tp->state != TCP_FIN_WAIT1 && tp->state != TCP_CLOSING &&
	     tp->state != TCP_LAST_ACK))
		return false;
	if (tp->rtx_mode == TCP_TMODE_REO && net_timer_pending(&tp->rtx_timer))
		return false;
	if (tp->srtt_us) {
		pto_ms = (2ull * tp->srtt_us + 999) / 1000;
		if (tp->packets_out == 1)
			pto_ms += TCP_WCDELACK_MS;
		if (pto_ms < 1)
			pto_ms = 1;
	} else {
		pto_ms = TCP_PTO_NO_RTT_MS;
	}
	rto_ms = (u64)tp->rto_ms << tp->backoff;
	if (rto_ms > TCP_RTO_MAX_MS)
		rto_ms = TCP_RTO_MAX_MS;
	if (pto_ms > rto_ms)
		pto_ms = rto_ms;
	tp->rtx_mode = TCP_TMODE_TLP;
	net_timer_arm_in(&tp->rtx_timer, pto_ms * NSEC_PER_MSEC);
	return true;
}

/*
 * §7.3: the PTO expired.  Send one new segment if the peer's window
 * takes it (cwnd notwithstanding), else retransmit the last one sent;
 * then the RTO watches.
 */
void tcp_send_loss_probe(struct tcp_sock *tp)
{
	struct pkbuf *pkb = tp->send_head, *last = NULL, *p;
	u32 mss = tcp_current_mss(tp);

	if (tp->tlp_on || !tp->packets_out ||
	    tp->ca_state == TCP_CA_Recovery || tp->ca_state == TCP_CA_Loss)
		goto rearm;
	if (pkb && !(TCP_SKB_CB(pkb)->flags & TCPHDR_SYN)) {
		struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);

		if (pkb->len > mss && tcp_fragment(tp, pkb, mss))
			goto rearm;
		if (!tcp_after(cb->end_seq, tp->snd_una + tp->snd_wnd)) {
			tcp_xmit_one(tp, pkb);
			tp->tlp_retrans = false;
			goto sent;
		}
	}
	for (p = pkb_peek(&tp->write_queue); p && p != tp->send_head; p = p->next)
		last = p;
	if (!last || (TCP_SKB_CB(last)->sacked & TCPCB_SACKED))
		goto rearm;
	if (tcp_retransmit_pkb(tp, last))
		goto rearm;
	tp->tlp_retrans = true;
sent:
	tp->tlp_on = true;
	tp->tlp_high_seq = tp->snd_nxt;
	NET_INC_STATS(LINUX_MIB_TCPLOSSPROBES);
rearm:
	tcp_rearm_rto(tp);
}

/*
 * §7.4: was the probe's episode a loss?  An ACK of a new-data probe, a
 * D-SACK of a retransmitted one (both copies arrived) or a bare duplicate
 * ACK says no; an ACK beyond the probe that was none of these says the
 * probe repaired a loss, which costs a congestion response.
 */
void tcp_process_tlp_ack(struct tcp_sock *tp, u32 ack, const struct tcp_ack_info *ai)
{
	if (tcp_before(ack, tp->tlp_high_seq))
		return;
	if (!tp->tlp_retrans || ai->dsack_tlp) {
		tp->tlp_on = false;
	} else if (tcp_after(ack, tp->tlp_high_seq)) {
		tp->tlp_on = false;
		tp->prior_cwnd = tp->snd_cwnd;
		tp->snd_ssthresh = tp->cong->ssthresh(tp);
		if (tp->cong->on_loss)
			tp->cong->on_loss(tp, false);
		if (tp->snd_cwnd > tp->snd_ssthresh)
			tp->snd_cwnd = tp->snd_ssthresh;
		tp->snd_cwnd_cnt = 0;
		NET_INC_STATS(LINUX_MIB_TCPLOSSPROBERECOVERY);
	} else if (ai->dup && ack == ai->prior_una) {
		tp->tlp_on = false;
	}
}

/* ---- undo ------------------------------------------------------------- */

/* A congestion episode starts: remember what to restore. */
void tcp_init_undo(struct tcp_sock *tp)
{
	tp->undo_on = true;
	tp->undo_marker = tp->snd_una;
	tp->undo_retrans = tp->retrans_out ? (s32)tp->retrans_out : -1;
	tp->undo_ts_on = false;
	tp->prior_cwnd = tp->snd_cwnd;
	tp->prior_ssthresh = tp->snd_ssthresh;
}

/* A D-SACK for [start, end): a retransmission of this episode that the
 * receiver already had (RFC 3708 §3.2). */
void tcp_undo_dsack_segs(struct tcp_sock *tp, u32 start, u32 end)
{
	u32 mss = tcp_current_mss(tp), segs;

	if (!tp->undo_on || tp->undo_retrans <= 0) {
		NET_INC_STATS(LINUX_MIB_TCPDSACKIGNOREDNOUNDO);
		return;
	}
	if (!tcp_after(end, tp->undo_marker)) {
		NET_INC_STATS(LINUX_MIB_TCPDSACKIGNOREDOLD);     /* before the episode */
		return;
	}
	segs = (end - start + mss - 1) / mss;
	if (!segs)
		segs = 1;
	tp->undo_retrans = (s32)segs >= tp->undo_retrans ? 0 : tp->undo_retrans - (s32)segs;
}

/* RFC 3522 §3.2 Eifel: the ACK echoes a timestamp older than the
 * episode's first retransmission, so the original got through. */
bool tcp_packet_delayed(const struct tcp_sock *tp, const struct tcp_ack_info *ai)
{
	return tp->tstamp_ok && tp->undo_ts_on && ai->saw_tsecr && ai->tsecr &&
	       tcp_before(ai->tsecr, tp->undo_tsval);
}

bool tcp_may_undo(const struct tcp_sock *tp, const struct tcp_ack_info *ai)
{
	return tp->undo_on && (tp->undo_retrans == 0 || tcp_packet_delayed(tp, ai));
}

/* Restore cwnd and ssthresh as they were before the episode; with
 * unmark_loss, forget the loss marks too (nothing was lost). */
void tcp_undo_cwnd_reduction(struct tcp_sock *tp, bool unmark_loss)
{
	if (unmark_loss) {
		struct pkbuf *pkb;

		for (pkb = pkb_peek(&tp->write_queue); pkb && pkb != tp->send_head; pkb = pkb->next)
			TCP_SKB_CB(pkb)->sacked &= (u8)~TCPCB_LOST;
		tp->lost_out = 0;
	}
	if (tp->snd_cwnd < tp->prior_cwnd)
		tp->snd_cwnd = tp->prior_cwnd;
	if (tp->snd_ssthresh < tp->prior_ssthresh)
		tp->snd_ssthresh = tp->prior_ssthresh;
	tp->snd_cwnd_cnt = 0;
	tp->undo_on = false;
	if (tp->rack.reo_wnd_persist < TCP_RACK_PERSIST)
		tp->rack.reo_wnd_persist++;
}

/* Every retransmission of the episode was D-SACKed: all spurious. */
bool tcp_try_undo_dsack(struct tcp_sock *tp)
{
	if (!tp->undo_on || tp->undo_retrans != 0)
		return false;
	tcp_undo_cwnd_reduction(tp, true);
	tp->ca_state = tp->sacked_out || tp->retrans_out ? TCP_CA_Disorder : TCP_CA_Open;
	tp->dupacks = 0;
	NET_INC_STATS(LINUX_MIB_TCPDSACKUNDO);
	return true;
}

/* ---- Proportional Rate Reduction (RFC 6937) ---------------------------- */

/* §3: entering recovery.  ssthresh is set here; cwnd follows per ACK. */
void tcp_prr_init(struct tcp_sock *tp)
{
	tp->prior_cwnd = tp->snd_cwnd;
	tp->snd_ssthresh = tp->cong->ssthresh(tp);
	tp->snd_cwnd_cnt = 0;
	if (tp->cong->on_loss)
		tp->cong->on_loss(tp, false);
	tp->prr_delivered = 0;
	tp->prr_out = 0;
	tp->recover_fs = tp->packets_out ? tp->packets_out : 1;
	rack_recovery_done(tp);
}

/*
 * §3 on each ACK in recovery: while the pipe is above ssthresh send in
 * proportion to what was delivered (ssthresh/RecoverFS of it); below,
 * PRR-SSRB: grow back to ssthresh at most one segment faster than
 * delivery.  The first retransmission always goes.
 */
void tcp_prr_reduce(struct tcp_sock *tp, u32 delivered)
{
	u32 pipe = tcp_packets_in_flight(tp);
	s64 sndcnt;

	if (!delivered && tp->prr_out)
		return;
	tp->prr_delivered += delivered;
	if (pipe > tp->snd_ssthresh) {
		u64 want = ((u64)tp->snd_ssthresh * tp->prr_delivered + tp->recover_fs - 1) /
			   tp->recover_fs;

		sndcnt = (s64)want - tp->prr_out;
	} else {
		s64 limit = (s64)tp->prr_delivered - tp->prr_out;

		if (limit < (s64)delivered)
			limit = delivered;
		sndcnt = (s64)tp->snd_ssthresh - pipe;
		if (sndcnt > limit + 1)
			sndcnt = limit + 1;
	}
	if (sndcnt < (tp->prr_out ? 0 : 1))
		sndcnt = tp->prr_out ? 0 : 1;
	tp->snd_cwnd = pipe + (u32)sndcnt;
	if (!tp->snd_cwnd)
		tp->snd_cwnd = 1;
}
