/*
 * TCP input: option parsing, the RFC 9293 §3.10.7 segment-arrival rules
 * for SYN_SENT and the synchronized states, ACK processing (RTT per RFC
 * 6298, SACK scoreboard per RFC 2018, the loss-recovery state machine
 * over tcp_recovery.c's RACK-TLP, PRR and undo, RFC 5681/6582 for peers
 * without SACK), reassembly and FIN handling.
 */
#include <net/tcp.h>

#define TCP_OOO_MAX_SEGS 4096
#define TCP_COALESCE_MAX 512
#define TCP_COALESCE_BUF 4096

int tcp_parse_options(const struct tcphdr *th, u32 hdrlen, struct tcp_opts *opt)
{
	const u8 *p = (const u8 *)(th + 1);
	u32 len = hdrlen - sizeof(*th);
	bool syn = th->flags & TCPHDR_SYN;

	memset(opt, 0, sizeof(*opt));
	while (len > 0) {
		u8 kind = p[0], olen;

		if (kind == TCPOPT_EOL)
			break;
		if (kind == TCPOPT_NOP) {
			p++;
			len--;
			continue;
		}
		if (len < 2)
			break;
		olen = p[1];
		if (olen < 2 || olen > len)
			break;                        /* malformed: ignore the rest */
		switch (kind) {
		case TCPOPT_MSS:
			if (olen == 4 && syn) {
				opt->mss = (u16)(p[2] << 8 | p[3]);
				opt->saw_mss = opt->mss != 0;
			}
			break;
		case TCPOPT_WSCALE:
			if (olen == 3 && syn) {
				opt->saw_wscale = true;
				/* RFC 7323 §2.3: treat a shift above 14 as 14. */
				opt->wscale = p[2] > TCP_MAX_WSCALE ? TCP_MAX_WSCALE : p[2];
			}
			break;
		case TCPOPT_SACK_PERM:
			if (olen == 2 && syn)
				opt->saw_sack_perm = true;
			break;
		case TCPOPT_TIMESTAMP:
			if (olen == 10) {
				opt->saw_tstamp = true;
				opt->tsval = (u32)p[2] << 24 | (u32)p[3] << 16 | (u32)p[4] << 8 | p[5];
				opt->tsecr = (u32)p[6] << 24 | (u32)p[7] << 16 | (u32)p[8] << 8 | p[9];
			}
			break;
		case TCPOPT_SACK:
			if (olen >= 10 && (olen - 2) % 8 == 0 && !syn) {
				u32 i, n = (olen - 2) / 8;

				for (i = 0; i < n && i < TCP_MAX_SACKS; i++) {
					const u8 *b = p + 2 + 8 * i;

					opt->sacks[i].start = (u32)b[0] << 24 | (u32)b[1] << 16 |
							      (u32)b[2] << 8 | b[3];
					opt->sacks[i].end = (u32)b[4] << 24 | (u32)b[5] << 16 |
							    (u32)b[6] << 8 | b[7];
				}
				opt->num_sacks = (u8)i;
			}
			break;
		default:
			break;
		}
		p += olen;
		len -= olen;
	}
	return 0;
}

/*
 * RFC 6298 §2: SRTT/RTTVAR from a sample R (microseconds).
 * linux-compat: like Linux, RTO = SRTT + max(4 * RTTVAR, 200 ms), so the
 * 200 ms minimum bounds the variance term rather than the whole RTO.
 */
void tcp_rtt_estimator(struct tcp_sock *tp, u32 rtt_us)
{
	if (rtt_us == 0)
		rtt_us = 1;
	if (!tp->rtt_min_us || rtt_us < tp->rtt_min_us)
		tp->rtt_min_us = rtt_us;
	if (!tp->srtt_us) {
		tp->srtt_us = rtt_us;                 /* §2.2 */
		tp->rttvar_us = rtt_us / 2;
	} else {                                      /* §2.3, alpha 1/8, beta 1/4 */
		u32 delta = tp->srtt_us > rtt_us ? tp->srtt_us - rtt_us : rtt_us - tp->srtt_us;

		tp->rttvar_us = tp->rttvar_us - tp->rttvar_us / 4 + delta / 4;
		tp->srtt_us = tp->srtt_us - tp->srtt_us / 8 + rtt_us / 8;
		if (!tp->srtt_us)
			tp->srtt_us = 1;
	}
	tcp_set_rto(tp);
}

void tcp_set_rto(struct tcp_sock *tp)
{
	u64 var = 4ull * tp->rttvar_us, rto_us;

	if (var < TCP_RTO_MIN_MS * 1000ull)
		var = TCP_RTO_MIN_MS * 1000ull;
	rto_us = tp->srtt_us + var;
	if (rto_us > TCP_RTO_MAX_MS * 1000ull)
		rto_us = TCP_RTO_MAX_MS * 1000ull;
	tp->rto_ms = (u32)((rto_us + 999) / 1000);
}

static u32 tcp_window_end(const struct tcp_sock *tp)
{
	return tp->rcv_wup + tp->rcv_wnd;
}

/* Bytes of receive window still open at rcv_nxt (0 if we shrank). */
static u32 tcp_receive_window(const struct tcp_sock *tp)
{
	u32 end = tcp_window_end(tp);

	return tcp_after(end, tp->rcv_nxt) ? end - tp->rcv_nxt : 0;
}

/*
 * RFC 9293 §3.10.7.4, first check: is the segment in the window?
 * linux-compat: Linux's tcp_sequence() test, slightly wider than the
 * RFC's four cases: a segment starting exactly at the right edge passes
 * (a pure ACK from a peer that filled our window must not be refused, or
 * two such peers ACK each other forever), and so does one ending at or
 * after RCV.WUP; data outside the window is trimmed later, and data at
 * RCV.NXT into a zero window leaves only its ACK.
 */
static bool tcp_sequence_ok(const struct tcp_sock *tp, u32 seq, u32 end_seq)
{
	return !tcp_before(end_seq, tp->rcv_wup) &&
	       !tcp_after(seq, tp->rcv_nxt + tcp_receive_window(tp));
}

/* Linux's tcp_oow_rate_limited(): at most one ACK per 500 ms answers
 * pure ACKs that are out of window or fail PAWS (RFC 5961 §7 spirit). */
static bool tcp_oow_rate_limited(struct tcp_sock *tp, const struct pkbuf *pkb, int mib)
{
	const struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	u64 now = net_now_ns();

	if (cb->seq != cb->end_seq || (cb->flags & TCPHDR_SYN))
		return false;
	if (tp->last_oow_ack_ns && now - tp->last_oow_ack_ns < 500 * NSEC_PER_MSEC) {
		NET_INC_STATS(mib);
		return true;
	}
	tp->last_oow_ack_ns = now ? now : 1;
	return false;
}

/* RFC 7323 §5.3 R1: a timestamp older than TS.Recent marks an old duplicate
 * (unless TS.Recent is more than 24 days old, §5.5). */
static bool tcp_paws_reject(struct tcp_sock *tp, const struct tcp_opts *opt, bool rst)
{
	if (!tp->tstamp_ok || !opt->saw_tstamp || rst || !tp->ts_recent_stamp_ms)
		return false;
	if ((s32)(opt->tsval - tp->ts_recent) >= 0)
		return false;
	if (net_now_ns() / NSEC_PER_MSEC - tp->ts_recent_stamp_ms > TCP_PAWS_24DAYS_MS) {
		tp->ts_recent_stamp_ms = 0;
		return false;
	}
	return true;
}

/* RFC 7323 §4.3: remember TSval of segments that cover Last.ACK.sent. */
static void tcp_store_ts_recent(struct tcp_sock *tp, const struct tcp_opts *opt, u32 seq)
{
	if (!tp->tstamp_ok || !opt->saw_tstamp)
		return;
	if (tcp_after(seq, tp->last_ack_sent))
		return;
	if (tp->ts_recent_stamp_ms && (s32)(opt->tsval - tp->ts_recent) < 0)
		return;
	tp->ts_recent = opt->tsval;
	tp->ts_recent_stamp_ms = net_now_ns() / NSEC_PER_MSEC;
}

/* RFC 2883: report duplicate data [start, end) in the next ACK's first
 * SACK block. */
static void tcp_dsack_set(struct tcp_sock *tp, u32 start, u32 end, int mib)
{
	if (!tp->sack_ok || !tcp_before(start, end))
		return;
	tp->dsack.start = start;
	tp->dsack.end = end;
	NET_INC_STATS(mib);
}

/* ---- out-of-order queue and in-order delivery ------------------------ */

static void ooo_unlink_free(struct tcp_sock *tp, struct pkbuf **pp)
{
	struct pkbuf *p = *pp;

	*pp = p->next;
	p->next = NULL;
	tp->ooo_bytes -= p->len;
	tp->ooo_count--;
	pkb_free(p);
}

void tcp_purge_ooo(struct tcp_sock *tp)
{
	while (tp->ooo_first)
		ooo_unlink_free(tp, &tp->ooo_first);
}

/*
 * Keep an out-of-order segment (RFC 9293 §3.10.7.4 seventh step): the list
 * is sorted by sequence number and its segments never overlap; new data
 * already held is trimmed away.
 */
static void tcp_ooo_insert(struct tcp_sock *tp, struct pkbuf *pkb)
{
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	struct pkbuf **pp = &tp->ooo_first;

	NET_INC_STATS(LINUX_MIB_TCPOFOQUEUE);
	tp->ooo_last_seq = cb->seq;
	tp->ooo_last_end = cb->end_seq;
	/* Skip segments wholly before us; trim our front against the last
	 * one that overlaps it. */
	while (*pp) {
		struct tcp_skb_cb *o = TCP_SKB_CB(*pp);

		if (!tcp_after(o->end_seq, cb->seq)) {
			pp = &(*pp)->next;
			continue;
		}
		if (!tcp_after(o->seq, cb->seq)) {
			/* o starts at or before us and reaches into us. */
			u32 cut = o->end_seq - cb->seq;

			if (!tcp_before(o->end_seq, cb->end_seq)) {
				NET_INC_STATS(LINUX_MIB_TCPOFOMERGE);
				tcp_dsack_set(tp, cb->seq, cb->end_seq,
					      LINUX_MIB_TCPDSACKOFOSENT);
				pkb_free(pkb);            /* wholly duplicate */
				return;
			}
			pkb_pull(pkb, cut);
			cb->seq += cut;
			pp = &(*pp)->next;
			continue;
		}
		break;
	}
	/* Drop later segments we cover completely; trim our tail to the next. */
	while (*pp) {
		struct tcp_skb_cb *o = TCP_SKB_CB(*pp);

		if (!tcp_after(cb->end_seq, o->seq))
			break;
		if (!tcp_after(o->end_seq, cb->end_seq)) {
			NET_INC_STATS(LINUX_MIB_TCPOFOMERGE);
			ooo_unlink_free(tp, pp);
			continue;
		}
		pkb_trim(pkb, o->seq - cb->seq);
		cb->end_seq = o->seq;
		cb->flags &= (u8)~TCPHDR_FIN;
		break;
	}
	if (cb->end_seq == cb->seq) {
		pkb_free(pkb);
		return;
	}
	/* Bound the list: a peer can otherwise make us hold one buffer per
	 * byte of window (Linux prunes the queue under memory pressure). */
	if (tp->ooo_count >= TCP_OOO_MAX_SEGS) {
		NET_INC_STATS(LINUX_MIB_TCPOFODROP);
		pkb_free(pkb);
		return;
	}
	pkb->next = *pp;
	*pp = pkb;
	tp->ooo_bytes += pkb->len;
	tp->ooo_count++;
}

/* RFC 9293 §3.10.7.4 eighth step. */
static void tcp_fin(struct tcp_sock *tp)
{
	tp->rcv_fin = true;
	tp->sk.shutdown |= RCV_SHUTDOWN;
	switch (tp->state) {
	case TCP_SYN_RECV:
	case TCP_ESTABLISHED:
		tcp_set_state(tp, TCP_CLOSE_WAIT);
		break;
	case TCP_FIN_WAIT1:
		/* Our FIN is not acked yet (else we'd be in FIN_WAIT2). */
		tcp_set_state(tp, TCP_CLOSING);
		break;
	case TCP_FIN_WAIT2:
		tcp_time_wait(tp);
		break;
	default:
		break;
	}
	tp->sk.data_ready(&tp->sk);
}

/* Append an in-order segment's payload to the receive queue. */
static void tcp_queue_rcv(struct tcp_sock *tp, struct pkbuf *pkb, bool *fin)
{
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);

	tp->bytes_received += cb->end_seq - tp->rcv_nxt;   /* Linux: the FIN counts */
	tp->rcv_nxt = cb->end_seq;
	if (cb->flags & TCPHDR_FIN)
		*fin = true;
	if (!pkb->len) {
		pkb_free(pkb);
		return;
	}
	/* Small segments are copied together so a peer sending tiny
	 * segments cannot make us hold a buffer per byte (Linux's
	 * TCPRcvCoalesce). */
	if (pkb->len <= TCP_COALESCE_MAX) {
		struct pkb_queue *q = &tp->sk.receive_queue;
		struct pkbuf *tail = q->last;

		if (!tail || tail->refcnt != 1 || pkb_tailroom(tail) < pkb->len) {
			tail = pkb_alloc(0, TCP_COALESCE_BUF);
			if (tail)
				pkb_enqueue(q, tail);
		}
		if (tail && pkb_tailroom(tail) >= pkb->len) {
			memcpy(pkb_put(tail, pkb->len), pkb->data, pkb->len);
			q->bytes += pkb->len;
			NET_INC_STATS(LINUX_MIB_TCPRCVCOALESCE);
			pkb_free(pkb);
			return;
		}
	}
	pkb_enqueue(&tp->sk.receive_queue, pkb);
}

/* Move now-contiguous segments from the out-of-order list. */
static void tcp_ooo_drain(struct tcp_sock *tp, bool *fin)
{
	while (tp->ooo_first && !*fin) {
		struct pkbuf *p = tp->ooo_first;
		struct tcp_skb_cb *cb = TCP_SKB_CB(p);

		if (tcp_after(cb->seq, tp->rcv_nxt))
			break;
		tp->ooo_first = p->next;
		p->next = NULL;
		tp->ooo_bytes -= p->len;
		tp->ooo_count--;
		if (!tcp_after(cb->end_seq, tp->rcv_nxt)) {
			pkb_free(p);
			continue;
		}
		pkb_pull(p, tp->rcv_nxt - cb->seq);
		cb->seq = tp->rcv_nxt;
		tcp_queue_rcv(tp, p, fin);
	}
}

/*
 * In-order data arrived (Linux's tcp_event_data_recv): learn the peer's
 * segment size, allow quick ACKs on the first data or after a long
 * silence (an interactive flow keeps delaying them), and otherwise fit the ACK timeout to the gaps between
 * arrivals (half the old value plus the new gap, 20..RTO ms).
 */
static void tcp_event_data_recv(struct tcp_sock *tp, u32 len)
{
	u64 now = net_now_ns();

	if (len >= tp->rcv_mss)
		tp->rcv_mss = (u16)(len < tp->advmss ? len : tp->advmss);
	if (!tp->lrcv_ns) {
		tcp_incr_quickack(tp, TCP_MAX_QUICKACKS);
		tp->ato_ms = TCP_DELACK_MIN_MS;
	} else {
		u64 gap = (now - tp->lrcv_ns) / NSEC_PER_MSEC;

		if (gap <= TCP_DELACK_MIN_MS / 2) {
			tp->ato_ms = tp->ato_ms / 2 + TCP_DELACK_MIN_MS / 2;
		} else if (gap < tp->ato_ms) {
			tp->ato_ms = tp->ato_ms / 2 + (u32)gap;
			if (tp->ato_ms > tp->rto_ms)
				tp->ato_ms = tp->rto_ms;
		} else if (gap > tp->rto_ms) {
			tcp_incr_quickack(tp, TCP_MAX_QUICKACKS);
		}
	}
	tp->lrcv_ns = now ? now : 1;
}

/*
 * Deliver a segment's text and FIN (RFC 9293 §3.10.7.4 steps 7–8).
 * pkb->data is the payload; seq..end_seq includes the FIN.  Consumes pkb.
 */
static void tcp_data_queue(struct tcp_sock *tp, struct pkbuf *pkb)
{
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	u32 wnd_end = tp->rcv_nxt + tcp_receive_window(tp);
	bool fin = false, had_ooo = tp->ooo_first != NULL;

	if (cb->seq == cb->end_seq) {
		pkb_free(pkb);
		return;
	}
	if (cb->flags & TCPHDR_SYN) {                 /* data on a SYN-ACK */
		cb->seq++;
		cb->flags &= (u8)~TCPHDR_SYN;
		if (cb->seq == cb->end_seq) {
			pkb_free(pkb);
			return;
		}
	}
	/* Old data: trim what we already have (§3.10.7.4 "trim"). */
	if (tcp_before(cb->seq, tp->rcv_nxt)) {
		u32 cut = tp->rcv_nxt - cb->seq;

		if (!tcp_after(cb->end_seq, tp->rcv_nxt)) {
			/* A retransmission: our ACK was lost or late, so ACK
			 * the next segments at once too (Linux). */
			NET_INC_STATS(LINUX_MIB_DELAYEDACKLOST);
			tcp_dsack_set(tp, cb->seq, cb->end_seq, LINUX_MIB_TCPDSACKOLDSENT);
			pkb_free(pkb);
			tcp_enter_quickack_mode(tp, TCP_MAX_QUICKACKS);
			tcp_send_ack(tp);
			return;
		}
		tcp_dsack_set(tp, cb->seq, tp->rcv_nxt, LINUX_MIB_TCPDSACKOLDSENT);
		if (cut > pkb->len)
			cut = pkb->len;
		pkb_pull(pkb, cut);
		cb->seq = tp->rcv_nxt;
	}
	/* Beyond the window: trim the tail (and any FIN with it). */
	if (tcp_after(cb->end_seq, wnd_end)) {
		u32 keep = tcp_after(wnd_end, cb->seq) ? wnd_end - cb->seq : 0;

		if (keep > pkb->len)
			keep = pkb->len;
		pkb_trim(pkb, keep);
		cb->end_seq = cb->seq + keep;
		cb->flags &= (u8)~TCPHDR_FIN;
		if (cb->end_seq == cb->seq) {
			pkb_free(pkb);
			tcp_enter_quickack_mode(tp, TCP_MAX_QUICKACKS);
			tcp_send_ack(tp);
			return;
		}
	}
	if (cb->seq != tp->rcv_nxt) {
		/* Out of order: keep it and send an immediate duplicate ACK
		 * carrying SACK (RFC 5681 §4.2, RFC 2018 §4). */
		tcp_ooo_insert(tp, pkb);
		tcp_send_ack(tp);
		return;
	}
	tp->data_segs_in++;
	if (pkb->len)
		tcp_event_data_recv(tp, pkb->len);
	tcp_queue_rcv(tp, pkb, &fin);
	tcp_ooo_drain(tp, &fin);
	if (fin) {
		tcp_purge_ooo(tp);
		tcp_fin(tp);
		if (tp->state != TCP_CLOSE)
			tcp_send_ack(tp);
		return;
	}
	tp->sk.data_ready(&tp->sk);
	/* RFC 5681 §4.2: ACK at least every second full segment, at once when
	 * filling a hole or in quick-ACK mode; otherwise delay. */
	tp->ack_pending++;
	if (had_ooo || tcp_in_quickack_mode(tp) || tp->ack_pending >= 2 || tp->ooo_first)
		tcp_send_ack(tp);
	else
		tcp_send_delayed_ack(tp);
}

/* ---- urgent data (RFC 9293 §3.8.5 and §3.10.7.4 sixth step) ---------- */

/*
 * A segment with URG set: take its urgent pointer as Linux does (tcp(7),
 * RFC 6093 §3: it points one past the urgent byte, BSD's reading).  A
 * mark the reader has passed or already knows is ignored; a newer one
 * replaces it.
 */
static void tcp_check_urg(struct tcp_sock *tp, const struct tcphdr *th)
{
	u32 ptr = net_ntohs(th->urg_ptr);

	if (ptr)
		ptr--;
	ptr += net_ntohl(th->seq);
	if (tcp_after(tp->copied_seq, ptr) || tcp_before(ptr, tp->rcv_nxt))
		return;
	if (tp->urg_data && !tcp_after(ptr, tp->urg_seq))
		return;
	/* The reader stands on the old out-of-band byte: step over it now,
	 * or the new mark would leave it in the stream. */
	if (tp->urg_data && tp->urg_seq == tp->copied_seq && !tp->sk.oobinline &&
	    tp->copied_seq != tp->rcv_nxt && tp->sk.receive_queue.bytes)
		tcp_recv_consume(tp, 1);
	tp->urg_data = TCP_URG_NOTYET;
	tp->urg_seq = ptr;
}

/* Step six: note the mark, and the urgent byte when this segment holds
 * it (pkb->data is the payload; urgent data is readable at once, so the
 * reader is told). */
static void tcp_urg(struct tcp_sock *tp, const struct pkbuf *pkb, const struct tcphdr *th)
{
	if (th->flags & TCPHDR_URG)
		tcp_check_urg(tp, th);
	if (tp->urg_data == TCP_URG_NOTYET) {
		u32 off = tp->urg_seq - TCP_SKB_CB(pkb)->seq;

		if (off < pkb->len) {
			tp->urg_data = (u16)(TCP_URG_VALID | pkb->data[off]);
			tp->sk.data_ready(&tp->sk);
		}
	}
}

/* ---- ACK processing -------------------------------------------------- */

/*
 * A D-SACK block [start, end) (RFC 2883): data the receiver got twice.
 * It undoes a spurious episode (tcp_recovery.c) and, unless it answers
 * the tail loss probe, is RACK's evidence of reordering.
 */
static void tcp_dsack_rcv(struct tcp_sock *tp, u32 start, u32 end, u32 ack,
			  struct tcp_ack_info *ai)
{
	u32 mss = tcp_current_mss(tp);

	ai->dsack = true;
	NET_INC_STATS(tcp_after(end, ack) ? LINUX_MIB_TCPDSACKOFORECV : LINUX_MIB_TCPDSACKRECV);
	NET_ADD_STATS(LINUX_MIB_TCPDSACKRECVSEGS, (end - start + mss - 1) / mss);
	if (tp->tlp_on && tp->tlp_retrans && end == tp->tlp_high_seq)
		ai->dsack_tlp = true;
	else
		tp->rack.dsack_seen = true;
	tcp_undo_dsack_segs(tp, start, end);
}

/* Mark the sent segments within [start, end) SACKed (RFC 2018 §4,
 * RFC 6675 §4); returns how many were new. */
static u32 tcp_sack_range(struct tcp_sock *tp, u32 start, u32 end, const struct tcp_ack_info *ai)
{
	struct pkbuf *pkb;
	u32 newly = 0;

	for (pkb = pkb_peek(&tp->write_queue); pkb && pkb != tp->send_head; pkb = pkb->next) {
		struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);

		if (!tcp_before(cb->seq, end))
			break;
		if (cb->sacked & TCPCB_SACKED)
			continue;
		if (tcp_before(cb->seq, start) || tcp_after(cb->end_seq, end))
			continue;
		tcp_rack_delivered(tp, cb, ai, true);
		cb->sacked |= TCPCB_SACKED;
		tp->sacked_out++;
		if (cb->sacked & TCPCB_LOST) {
			cb->sacked &= (u8)~TCPCB_LOST;
			tp->lost_out--;
		}
		if (cb->sacked & TCPCB_RETRANS) {
			cb->sacked &= (u8)~TCPCB_RETRANS;
			tp->retrans_out--;
		}
		newly++;
	}
	return newly;
}

/*
 * The SACK option of an ACK: the first block may be a D-SACK (RFC 2883
 * §4: below the cumulative ACK, or inside the second block); the others
 * are taken lowest first, so that only a real late arrival looks like
 * reordering to RACK.
 */
static u32 tcp_sacktag(struct tcp_sock *tp, const struct tcp_opts *opt, u32 ack,
		       struct tcp_ack_info *ai)
{
	struct tcp_sack_block blk[TCP_MAX_SACKS];
	u32 newly = 0, n = 0, i, j;

	for (i = 0; i < opt->num_sacks; i++) {
		u32 start = opt->sacks[i].start, end = opt->sacks[i].end;

		if (!tcp_after(end, start) || tcp_after(end, tp->snd_nxt))
			continue;
		if (i == 0 && (!tcp_after(end, ack) ||
			       (opt->num_sacks > 1 && !tcp_before(start, opt->sacks[1].start) &&
				!tcp_after(end, opt->sacks[1].end)))) {
			tcp_dsack_rcv(tp, start, end, ack, ai);
			continue;
		}
		if (!tcp_after(end, ack)) {
			NET_INC_STATS(LINUX_MIB_TCPSACKDISCARD);    /* stale */
			continue;
		}
		for (j = n; j > 0 && tcp_before(start, blk[j - 1].start); j--)
			blk[j] = blk[j - 1];
		blk[j] = opt->sacks[i];
		n++;
	}
	for (i = 0; i < n; i++)
		newly += tcp_sack_range(tp, blk[i].start, blk[i].end, ai);
	return newly;
}

static void tcp_mark_head_lost(struct tcp_sock *tp)
{
	struct pkbuf *pkb = pkb_peek(&tp->write_queue);
	struct tcp_skb_cb *cb;

	if (!pkb || pkb == tp->send_head)
		return;
	cb = TCP_SKB_CB(pkb);
	if (cb->sacked & (TCPCB_LOST | TCPCB_SACKED))
		return;
	if (cb->sacked & TCPCB_RETRANS) {
		/* Retransmission lost again (NewReno partial ACK): resend. */
		cb->sacked &= (u8)~TCPCB_RETRANS;
		tp->retrans_out--;
	}
	cb->sacked |= TCPCB_LOST;
	tp->lost_out++;
}

/* Remove acknowledged segments; returns how many; oldest RTT sample in
 * *rtt_us (Karn: never from a retransmitted segment, RFC 6298 §3). */
static u32 tcp_clean_rtx_queue(struct tcp_sock *tp, u32 ack, s64 *rtt_us,
			       const struct tcp_ack_info *ai)
{
	struct pkbuf *pkb;
	u32 acked = 0;
	u64 now = net_now_ns();

	while ((pkb = pkb_peek(&tp->write_queue)) && pkb != tp->send_head) {
		struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);

		if (tcp_after(cb->end_seq, ack)) {
			/* Partly acked: drop the acked bytes (not a SYN). */
			if (tcp_after(ack, cb->seq) && !(cb->flags & TCPHDR_SYN)) {
				u32 cut = ack - cb->seq;

				if (cut > pkb->len)
					cut = pkb->len;
				pkb_pull(pkb, cut);
				tp->write_queue.bytes -= cut;
				cb->seq += cut;
			}
			break;
		}
		if (*rtt_us < 0 && !(cb->sacked & TCPCB_EVER_RETRANS) && cb->tx_ns)
			*rtt_us = (s64)((now - cb->tx_ns) / 1000);
		if (!(cb->sacked & TCPCB_SACKED))
			tcp_rack_delivered(tp, cb, ai, false);
		if (cb->sacked & TCPCB_SACKED)
			tp->sacked_out--;
		if (cb->sacked & TCPCB_LOST)
			tp->lost_out--;
		if (cb->sacked & TCPCB_RETRANS)
			tp->retrans_out--;
		tp->packets_out--;
		acked++;
		pkb_free(pkb_dequeue(&tp->write_queue));
	}
	return acked;
}

/* Fast Recovery starts: RFC 6675 §5 with the rate of RFC 6937 (PRR
 * sets cwnd per ACK; its first ACK lets the first retransmission go). */
void tcp_enter_recovery(struct tcp_sock *tp)
{
	NET_INC_STATS(tp->sack_ok ? LINUX_MIB_TCPSACKRECOVERY : LINUX_MIB_TCPRENORECOVERY);
	tcp_init_undo(tp);
	tp->ca_state = TCP_CA_Recovery;
	tp->high_seq = tp->snd_nxt;
	tcp_prr_init(tp);
	if (!tp->sack_ok)
		tcp_mark_head_lost(tp);           /* RFC 5681 §3.2 step 2 */
	if (tp->rtx_mode == TCP_TMODE_TLP)
		tcp_rearm_rto(tp);                /* no probes in recovery */
}

/* RFC 6298 §5.4–5.6, RFC 5681 §3.1: the retransmission timer expired. */
void tcp_enter_loss(struct tcp_sock *tp)
{
	struct pkbuf *pkb;

	if (tp->ca_state != TCP_CA_Loss) {
		/* Repeated timeouts keep ssthresh (RFC 5681 §3.1, eq. 4 note);
		 * a timeout in Fast Recovery keeps that episode's undo state. */
		if (tp->ca_state != TCP_CA_Recovery)
			tcp_init_undo(tp);
		tp->snd_ssthresh = tp->cong->ssthresh(tp);
		if (tp->cong->on_loss)
			tp->cong->on_loss(tp, true);
	}
	tp->snd_cwnd = 1;
	tp->snd_cwnd_cnt = 0;
	tp->tlp_on = false;
	if (!tp->sack_ok)
		tp->sacked_out = 0;
	tp->retrans_out = 0;
	for (pkb = pkb_peek(&tp->write_queue); pkb && pkb != tp->send_head; pkb = pkb->next) {
		struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);

		cb->sacked &= (u8)~TCPCB_RETRANS;
		if (!(cb->sacked & (TCPCB_SACKED | TCPCB_LOST))) {
			cb->sacked |= TCPCB_LOST;
			tp->lost_out++;
		}
	}
	tp->high_seq = tp->snd_nxt;
	tp->ca_state = TCP_CA_Loss;
	tp->dupacks = 0;
}

static void tcp_open_state(struct tcp_sock *tp)
{
	tp->ca_state = tp->sacked_out || tp->retrans_out ? TCP_CA_Disorder : TCP_CA_Open;
	tp->dupacks = 0;
	if (!tp->sack_ok)
		tp->sacked_out = 0;
}

/*
 * All of the episode is acknowledged.  Spurious (every retransmission
 * D-SACKed, or the ACK echoes a timestamp from before the first, RFC
 * 3522): restore the window (Linux's TCPFullUndo, TCPLossUndo).  Else
 * Fast Recovery ends with cwnd = ssthresh (RFC 6937 §3, RFC 6582 §3.2
 * step 3).
 */
static void tcp_end_recovery(struct tcp_sock *tp, const struct tcp_ack_info *ai)
{
	bool loss = tp->ca_state == TCP_CA_Loss;

	if (tcp_may_undo(tp, ai)) {
		tcp_undo_cwnd_reduction(tp, false);
		NET_INC_STATS(loss ? LINUX_MIB_TCPLOSSUNDO : LINUX_MIB_TCPFULLUNDO);
	} else if (!loss) {
		tp->snd_cwnd = tp->snd_ssthresh;
	}
	tp->ca_state = TCP_CA_Open;
	tcp_open_state(tp);
}

/* The loss-recovery state machine, run for every ACK. */
static void tcp_fastretrans_alert(struct tcp_sock *tp, const struct tcp_ack_info *ai)
{
	u32 acked = ai->acked;

	if (ai->dup) {
		tp->dupacks++;
		/* Without SACK each duplicate ACK stands for one segment that
		 * left the network (RFC 5681 §3.2 step 4's inflation). */
		if (!tp->sack_ok && tp->sacked_out + 1 < tp->packets_out) {
			tp->sacked_out++;
			tp->delivered++;
		}
	}
	if (acked && !tp->sack_ok && tp->sacked_out) {
		u32 dec = acked - 1;

		tp->sacked_out = tp->sacked_out > dec ? tp->sacked_out - dec : 0;
		if (tp->packets_out && tp->sacked_out >= tp->packets_out)
			tp->sacked_out = tp->packets_out - 1;
		if (!tp->packets_out)
			tp->sacked_out = 0;
	}
	/* RFC 8985 §6.2: RACK is the loss signal with SACK. */
	if (tp->sack_ok) {
		tcp_rack_update_reo_wnd(tp);
		if (tp->rack.advanced)
			tcp_rack_detect_loss(tp);
	}
	switch (tp->ca_state) {
	case TCP_CA_Recovery:
	case TCP_CA_Loss:
		if (tp->ca_state == TCP_CA_Loss && acked && tcp_packet_delayed(tp, ai)) {
			/* RFC 3522 §3.2: an ACK after the RTO answers the
			 * original transmission; the timeout was spurious. */
			NET_INC_STATS(LINUX_MIB_TCPSPURIOUSRTOS);
			NET_INC_STATS(LINUX_MIB_TCPLOSSUNDO);
			tcp_undo_cwnd_reduction(tp, true);
			tcp_open_state(tp);
			break;
		}
		if (!tcp_before(tp->snd_una, tp->high_seq)) {
			tcp_end_recovery(tp, ai);
			break;
		}
		if (ai->dsack && tcp_try_undo_dsack(tp))
			break;
		if (tp->ca_state == TCP_CA_Recovery && acked && !tp->sack_ok)
			tcp_mark_head_lost(tp);           /* RFC 6582 partial ACK */
		break;
	default:
		if (acked && !ai->dup)
			tp->dupacks = 0;
		if (ai->dsack)
			tcp_try_undo_dsack(tp);
		if (tp->packets_out && (tp->sack_ok ? tp->lost_out > 0 :
					tp->dupacks >= TCP_DUPTHRESH)) {
			tcp_enter_recovery(tp);
			break;
		}
		tp->ca_state = (tp->dupacks || tp->sacked_out) ? TCP_CA_Disorder : TCP_CA_Open;
		break;
	}
}

/*
 * The ACK field (RFC 9293 §3.10.7.4 fifth step, RFC 5961 §5).
 * Returns false if the segment must be dropped.
 */
static bool tcp_ack(struct tcp_sock *tp, struct pkbuf *pkb, const struct tcphdr *th,
		    const struct tcp_opts *opt)
{
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	u32 ack = net_ntohl(th->ack_seq), prior_una = tp->snd_una;
	u32 prior_in_flight = tcp_packets_in_flight(tp);
	u32 win = (u32)net_ntohs(th->window) << tp->snd_wscale;
	u32 acked = 0, newly_sacked = 0;
	bool win_update = false, is_dup;
	s64 rtt_us = -1;
	struct tcp_ack_info ai = {
		.prior_una = prior_una,
		.prior_delivered = tp->delivered,
		.saw_tsecr = tp->tstamp_ok && opt->saw_tstamp,
		.tsecr = opt->tsecr,
	};

	if (tcp_after(ack, tp->snd_nxt)) {
		/* Acks data we never sent: ACK and drop. */
		tcp_send_challenge_ack(tp);
		return false;
	}
	if (tcp_before(ack, prior_una)) {
		/* RFC 5961 §5.2: too old an ACK gets a challenge. */
		if (tcp_before(ack, prior_una - tp->max_snd_wnd)) {
			tcp_send_challenge_ack(tp);
			return false;
		}
		return true;                          /* old duplicate: ignore */
	}
	tp->probes_out = 0;
	/* Window update (SND.WL1/WL2 rule). */
	if (tcp_before(tp->snd_wl1, cb->seq) ||
	    (tp->snd_wl1 == cb->seq && !tcp_before(ack, tp->snd_wl2))) {
		if (tp->snd_wnd != win)
			win_update = true;
		tp->snd_wnd = win;
		tp->snd_wl1 = cb->seq;
		tp->snd_wl2 = ack;
		if (win > tp->max_snd_wnd)
			tp->max_snd_wnd = win;
	}
	if (tp->sack_ok && opt->num_sacks)
		newly_sacked = tcp_sacktag(tp, opt, ack, &ai);
	if (tcp_after(ack, prior_una)) {
		acked = tcp_clean_rtx_queue(tp, ack, &rtt_us, &ai);
		tp->bytes_acked += ack - prior_una;	/* Linux: SYN and FIN count */
		tp->snd_una = ack;
		if (tp->urg_mode && !tcp_before(ack, tp->snd_up))
			tp->urg_mode = false;            /* urgent data delivered */
		tp->retransmits = 0;
		if (!tp->retrans_out)
			tp->retrans_stamp_ns = 0;
		/* RTT sample (RFC 6298 §3 Karn), else from the echoed
		 * timestamp (RFC 7323 §4). */
		if (rtt_us < 0 && tp->tstamp_ok && opt->saw_tstamp && opt->tsecr &&
		    !(cb->flags & TCPHDR_SYN)) {
			s32 ms = (s32)(tcp_time_stamp_ms(tp) - opt->tsecr);

			/* Only an echo of a time we could have sent counts. */
			if (ms >= 0 && ms <= TCP_RTO_MAX_MS)
				rtt_us = (s64)ms * 1000;
		}
		if (rtt_us >= 0) {
			tp->backoff = 0;
			tcp_rtt_estimator(tp, (u32)rtt_us);
			if (tp->cong->pkts_acked)
				tp->cong->pkts_acked(tp, acked, (u32)rtt_us);
		}
		tcp_rearm_rto(tp);                   /* RFC 6298 §5.2, §5.3 */
	} else if (tp->rtx_mode == TCP_TMODE_PROBE && tp->snd_wnd && win_update) {
		net_timer_cancel(&tp->rtx_timer);
		tp->backoff = 0;
	}
	is_dup = ack == prior_una && tp->packets_out && pkb->len == 0 &&
		 !(cb->flags & (TCPHDR_SYN | TCPHDR_FIN)) && !win_update;
	if (tp->sack_ok && ack == prior_una && newly_sacked)
		is_dup = true;
	if (tp->state != TCP_SYN_RECV) {
		ai.acked = acked;
		ai.dup = is_dup;
		if (tp->tlp_on)
			tcp_process_tlp_ack(tp, ack, &ai);
		tcp_fastretrans_alert(tp, &ai);
		if (tp->ca_state == TCP_CA_Recovery)
			tcp_prr_reduce(tp, tp->delivered - ai.prior_delivered);
		if (acked && tp->ca_state != TCP_CA_Recovery &&
		    (prior_in_flight >= tp->snd_cwnd ||
		     (tp->snd_cwnd < tp->snd_ssthresh && 2 * prior_in_flight >= tp->snd_cwnd)))
			tp->cong->cong_avoid(tp, acked);
	}
	/* Room for what cwnd now allows (Linux grows the buffer when an
	 * ACK frees space and cwnd is not the limit). */
	if (acked && tcp_packets_in_flight(tp) < tp->snd_cwnd)
		tcp_sndbuf_expand(tp);
	if (acked && tcp_stream_writeable(tp))
		tp->sk.write_space(&tp->sk);
	if (tp->ca_state == TCP_CA_Recovery || tp->ca_state == TCP_CA_Loss)
		tcp_xmit_retransmit_queue(tp);
	else
		tcp_push(tp);
	/* The tail loss probe follows the newest ACK (RFC 8985 §7.2). */
	if (acked)
		tcp_schedule_loss_probe(tp);
	return true;
}

/* ---- SYN_SENT (RFC 9293 §3.10.7.3) ----------------------------------- */

void tcp_apply_syn_options(struct tcp_sock *tp, const struct tcp_opts *opt)
{
	tp->mss_clamp = opt->saw_mss ? opt->mss : TCP_MSS_DEFAULT;
	if (tp->wscale_ok && opt->saw_wscale) {
		tp->snd_wscale = opt->wscale;
	} else {
		tp->wscale_ok = false;
		tp->snd_wscale = tp->rcv_wscale = 0;
	}
	tp->sack_ok = tp->sack_ok && opt->saw_sack_perm;
	tp->tstamp_ok = tp->tstamp_ok && opt->saw_tstamp;
	if (tp->tstamp_ok) {
		tp->ts_recent = opt->tsval;
		tp->ts_recent_stamp_ms = net_now_ns() / NSEC_PER_MSEC;
	}
	tcp_sync_mss(tp, tp->pmtu);
}

/* ---- buffers ---------------------------------------------------------- */

/* Linux's estimate of a full segment's memory on x86_64: payload and
 * headers in a power-of-two block, plus the buffer's bookkeeping. */
#define TCP_SEG_OVERHEAD 640
#define TCP_SEG_META 256

void tcp_sndbuf_expand(struct tcp_sock *tp)
{
	u32 mss = tp->mss_clamp > tp->mss_cache ? tp->mss_clamp : tp->mss_cache;
	u32 per_mss = 1, segs = tp->snd_cwnd > TCP_INIT_CWND ? tp->snd_cwnd : TCP_INIT_CWND;
	u64 want;

	if (tp->sk.userlocks & SOCK_SNDBUF_LOCK)
		return;
	while (per_mss < mss + TCP_SEG_OVERHEAD)
		per_mss <<= 1;
	per_mss += TCP_SEG_META;
	/* Two windows' worth: what is in flight and what Fast Recovery
	 * (RFC 5681 §3.2) may send on top, as Linux sizes it. */
	want = 2ull * segs * per_mss;
	if (want > sysctl_tcp_wmem[2])
		want = sysctl_tcp_wmem[2];
	if (tp->sk.sndbuf < want)
		tp->sk.sndbuf = (u32)want;
}

/* Established: size the buffers for the path (Linux's
 * tcp_init_buffer_space) and start measuring the reader. */
static void tcp_init_buffer_space(struct tcp_sock *tp)
{
	u32 space = TCP_INIT_CWND * tp->advmss;

	tcp_sndbuf_expand(tp);
	if (tp->rcv_wnd && space > tp->rcv_wnd)
		space = tp->rcv_wnd;
	tp->rcvq_space = space;
	tp->rcvq_seq = tp->copied_seq;
	tp->rcvq_time_ns = net_now_ns();
}

/*
 * Receive buffer auto-tuning (Linux's tcp_rcv_space_adjust, after
 * "dynamic right-sizing"): once a round trip, if the reader took more
 * than in the last one, make the buffer hold twice that (a loss costs a
 * round trip) grown by the sender's rate increase, plus some segments of
 * slack, up to tcp_rmem[2].  SO_RCVBUF turns it off.
 */
void tcp_rcv_space_adjust(struct tcp_sock *tp)
{
	u64 now = net_now_ns();
	u32 copied;

	if (!tp->rcvq_time_ns || !tp->srtt_us ||
	    now - tp->rcvq_time_ns < (u64)tp->srtt_us * 1000)
		return;
	copied = tp->copied_seq - tp->rcvq_seq;
	if (copied > tp->rcvq_space) {
		if (!(tp->sk.userlocks & SOCK_RCVBUF_LOCK)) {
			u64 win = 2ull * copied + 16ull * tp->advmss;

			win += 2 * (win * (copied - tp->rcvq_space) / tp->rcvq_space);
			if (win > sysctl_tcp_rmem[2])
				win = sysctl_tcp_rmem[2];
			if (win > tp->sk.rcvbuf)
				tp->sk.rcvbuf = (u32)win;
		}
		tp->rcvq_space = copied;
	}
	tp->rcvq_seq = tp->copied_seq;
	tp->rcvq_time_ns = now;
}

/* The connection is open: initial window and congestion state. */
void tcp_finish_connect(struct tcp_sock *tp, const struct tcphdr *th, u32 seq, u32 ack)
{
	/* RFC 7323 §2.2: a SYN's window is never scaled. */
	tp->snd_wnd = (u32)net_ntohs(th->window) <<
		      ((th->flags & TCPHDR_SYN) ? 0 : tp->snd_wscale);
	tp->max_snd_wnd = tp->snd_wnd;
	tp->snd_wl1 = seq;
	tp->snd_wl2 = ack;
	/* RFC 5681 §3.1 / RFC 6298 §5.7: IW 1 if the SYN was retransmitted,
	 * and without an RTT sample the RTO starts at 3 s (Linux too). */
	tp->snd_cwnd = tp->total_retrans ? 1 : TCP_INIT_CWND;
	if (tp->total_retrans && !tp->srtt_us)
		tp->rto_ms = TCP_TIMEOUT_FALLBACK_MS;
	tp->estab_ns = net_now_ns();
	tcp_set_state(tp, TCP_ESTABLISHED);
	tcp_reset_keepalive(tp);
	tcp_init_buffer_space(tp);
}

static void tcp_rcv_synsent(struct tcp_sock *tp, struct pkbuf *pkb, const struct tcphdr *th,
			    const struct tcp_opts *opt)
{
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	u32 ack = net_ntohl(th->ack_seq);
	s64 rtt_us = -1;

	if (th->flags & TCPHDR_ACK) {
		if (!tcp_after(ack, tp->iss) || tcp_after(ack, tp->snd_nxt)) {
			if (!(th->flags & TCPHDR_RST))
				tcp_send_reset_for(pkb, th, tp->sk.daddr, tp->sk.saddr,
						   cb->end_seq - cb->seq);
			goto drop;
		}
	}
	if (th->flags & TCPHDR_RST) {
		if (th->flags & TCPHDR_ACK)
			tcp_reset_conn(tp, ECONNREFUSED);
		goto drop;
	}
	if (!(th->flags & TCPHDR_SYN))
		goto drop;
	tp->irs = cb->seq;
	tp->rcv_nxt = cb->seq + 1;
	tp->copied_seq = tp->rcv_nxt;
	tp->rcv_wup = tp->rcv_nxt;
	tcp_apply_syn_options(tp, opt);
	if (th->flags & TCPHDR_ACK) {
		tcp_clean_rtx_queue(tp, ack, &rtt_us, NULL);
		tp->bytes_acked += ack - tp->snd_una;
		tp->snd_una = ack;
		if (rtt_us >= 0)
			tcp_rtt_estimator(tp, (u32)rtt_us);
		tp->retransmits = 0;
		tp->backoff = 0;
		tp->retrans_stamp_ns = 0;
		tcp_rearm_rto(tp);
		tcp_finish_connect(tp, th, cb->seq, ack);
		tcp_data_queue(tp, pkb);
		if (tp->state != TCP_ESTABLISHED && tp->state != TCP_CLOSE_WAIT)
			return;
		if (tp->ack_pending || !(tp->defer_accept || tcp_in_pingpong_mode(tp))) {
			tcp_send_ack(tp);
		} else {
			/* Linux: with TCP_DEFER_ACCEPT or an interactive flow the
			 * handshake's ACK waits (TCP_DELACK_MAX) to ride on the
			 * first data. */
			tp->ack_pending = 1;
			tcp_enter_quickack_mode(tp, TCP_MAX_QUICKACKS);
			net_timer_arm_in(&tp->delack_timer, TCP_DELACK_MAX_MS * NSEC_PER_MSEC);
		}
		tcp_push(tp);
		return;
	}
	/* Simultaneous open (§3.5 figure 8): SYN_RECV, send SYN,ACK. */
	tp->snd_wnd = (u32)net_ntohs(th->window);
	tp->snd_wl1 = cb->seq;
	tcp_set_state(tp, TCP_SYN_RECV);
	pkb_free(pkb);
	{
		struct pkbuf *syn = pkb_peek(&tp->write_queue);

		if (syn)
			tcp_retransmit_pkb(tp, syn);
		tcp_rearm_rto(tp);
	}
	return;
drop:
	pkb_free(pkb);
}

/* ---- synchronized states --------------------------------------------- */

static void tcp_rcv_rst(struct tcp_sock *tp)
{
	switch (tp->state) {
	case TCP_SYN_RECV:
		if (tp->parent) {
			/* From LISTEN: forget the embryonic connection. */
			NET_INC_STATS(LINUX_MIB_EMBRYONICRSTS);
			tcp_done(tp);
		} else {
			tcp_reset_conn(tp, ECONNREFUSED);
		}
		break;
	case TCP_CLOSE_WAIT:
		tcp_reset_conn(tp, EPIPE);
		break;
	case TCP_CLOSING:
	case TCP_LAST_ACK:
	case TCP_TIME_WAIT:
		tcp_done(tp);
		break;
	default:
		tcp_reset_conn(tp, ECONNRESET);
		break;
	}
}

/* SYN_RECV's ACK (§3.10.7.4 fifth step, SYN-RECEIVED). */
static bool tcp_synrecv_ack(struct tcp_sock *tp, struct pkbuf *pkb, const struct tcphdr *th)
{
	u32 ack = net_ntohl(th->ack_seq);

	if (!tcp_after(ack, tp->snd_una) || tcp_after(ack, tp->snd_nxt)) {
		/* Demultiplexed by the full 4-tuple: the socket's addresses
		 * are the segment's, reversed. */
		tcp_send_reset_for(pkb, th, tp->sk.daddr, tp->sk.saddr, 0);
		return false;
	}
	/* TCP_DEFER_ACCEPT: a bare ACK does not complete the handshake; the
	 * first data does, or the ACK that answers the SYN-ACK sent when the
	 * deferral runs out (Linux's TCPDeferAcceptDrop). */
	if (tp->parent && tp->parent->defer_accept && tp->retransmits < tp->parent->defer_accept &&
	    TCP_SKB_CB(pkb)->end_seq == tp->rcv_nxt) {
		tp->defer_acked = true;
		NET_INC_STATS(LINUX_MIB_TCPDEFERACCEPTDROP);
		return false;
	}
	if (tp->parent && !tcp_child_may_establish(tp))
		return false;                          /* accept queue full */
	tcp_finish_connect(tp, th, TCP_SKB_CB(pkb)->seq, ack);
	if (tp->parent)
		tcp_child_established(tp);
	return true;
}

void tcp_rcv_state_process(struct tcp_sock *tp, struct pkbuf *pkb,
			   const struct tcphdr *th, const struct tcp_opts *opt)
{
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	bool rst = th->flags & TCPHDR_RST;

	tp->segs_in++;
	tp->last_rcv_ns = net_now_ns();
	switch (tp->state) {
	case TCP_CLOSE:
	case TCP_LISTEN:
		tcp_send_reset_for(pkb, th, tp->sk.daddr, tp->sk.saddr, cb->end_seq - cb->seq);
		pkb_free(pkb);
		return;
	case TCP_SYN_SENT:
		tcp_rcv_synsent(tp, pkb, th, opt);
		return;
	default:
		break;
	}

	/* SYN_RECV: a retransmitted SYN means our SYN,ACK was lost. */
	if (tp->state == TCP_SYN_RECV && (th->flags & (TCPHDR_SYN | TCPHDR_ACK | TCPHDR_RST)) ==
	    TCPHDR_SYN && cb->seq == tp->irs) {
		struct pkbuf *syn = pkb_peek(&tp->write_queue);

		if (syn && (TCP_SKB_CB(syn)->flags & TCPHDR_SYN))
			tcp_retransmit_pkb(tp, syn);
		goto drop;
	}
	/* RFC 7323 §5.3 PAWS, before the window check. */
	if (tcp_paws_reject(tp, opt, rst)) {
		NET_INC_STATS(LINUX_MIB_PAWSESTABREJECTED);
		if (!tcp_oow_rate_limited(tp, pkb, LINUX_MIB_TCPACKSKIPPEDPAWS))
			tcp_send_ack(tp);
		goto drop;
	}
	/* First: sequence number. */
	if (!tcp_sequence_ok(tp, cb->seq, cb->end_seq)) {
		if (!rst && tcp_before(cb->seq, tp->rcv_nxt) && pkb->len)
			tcp_dsack_set(tp, cb->seq, tcp_before(cb->end_seq, tp->rcv_nxt) ?
					  cb->end_seq : tp->rcv_nxt, LINUX_MIB_TCPDSACKOLDSENT);
		if (!rst && !tcp_oow_rate_limited(tp, pkb, LINUX_MIB_TCPACKSKIPPEDSEQ))
			tcp_send_ack(tp);
		/* TIME_WAIT: a retransmitted FIN restarts 2MSL (§3.10.7.4). */
		if (tp->state == TCP_TIME_WAIT && !rst && (th->flags & TCPHDR_FIN) &&
		    cb->end_seq == tp->rcv_nxt)
			tcp_time_wait(tp);
		goto drop;
	}
	/* Second: RST (RFC 5961 §3.2: exact match resets, else challenge). */
	if (rst) {
		if (cb->seq == tp->rcv_nxt)
			tcp_rcv_rst(tp);
		else
			tcp_send_challenge_ack(tp);
		goto drop;
	}
	tcp_store_ts_recent(tp, opt, cb->seq);
	/* Fourth: SYN in a synchronized state (RFC 5961 §4). */
	if (th->flags & TCPHDR_SYN) {
		NET_INC_STATS(LINUX_MIB_TCPSYNCHALLENGE);
		tcp_send_challenge_ack(tp);
		goto drop;
	}
	/* Fifth: ACK. */
	if (!(th->flags & TCPHDR_ACK))
		goto drop;
	if (tp->state == TCP_SYN_RECV && !tcp_synrecv_ack(tp, pkb, th))
		goto drop;
	if (!tcp_ack(tp, pkb, th, opt))
		goto drop;
	switch (tp->state) {
	case TCP_FIN_WAIT1:
		if (tp->fin_queued && tp->snd_una == tp->write_seq) {
			tcp_set_state(tp, TCP_FIN_WAIT2);
			tp->sk.shutdown |= SEND_SHUTDOWN;
			tcp_arm_fin_wait2(tp);
		}
		break;
	case TCP_CLOSING:
		if (tp->snd_una == tp->write_seq) {
			tcp_time_wait(tp);
			goto drop;
		}
		break;
	case TCP_LAST_ACK:
		if (tp->snd_una == tp->write_seq) {
			tcp_done(tp);                    /* may free tp, not pkb */
			goto drop;
		}
		break;
	case TCP_TIME_WAIT:
		/* A retransmitted FIN: acknowledge, restart 2MSL (§3.10.7.4). */
		if ((th->flags & TCPHDR_FIN) && cb->end_seq == tp->rcv_nxt) {
			tcp_send_ack(tp);
			tcp_time_wait(tp);
		}
		goto drop;
	default:
		break;
	}
	/* Sixth: the urgent pointer (segments with SYN were dropped above). */
	tcp_urg(tp, pkb, th);
	/* Seventh/eighth: text and FIN. */
	switch (tp->state) {
	case TCP_ESTABLISHED:
	case TCP_FIN_WAIT1:
	case TCP_FIN_WAIT2:
		if (tp->user_closed && (tp->sk.shutdown & RCV_SHUTDOWN) && pkb->len &&
		    tcp_after(cb->end_seq - !!(cb->flags & TCPHDR_FIN), tp->rcv_nxt)) {
			/* Data for a closed socket nobody will read (Linux). */
			NET_INC_STATS(LINUX_MIB_TCPABORTONDATA);
			tcp_send_active_reset(tp);
			tcp_done(tp);
			goto drop;
		}
		tcp_data_queue(tp, pkb);
		return;
	default:
		/* CLOSE_WAIT, CLOSING, LAST_ACK: the peer already sent FIN;
		 * anything new is ignored, an old duplicate is re-acked. */
		if (cb->end_seq != cb->seq && tcp_before(cb->seq, tp->rcv_nxt))
			tcp_send_ack(tp);
		goto drop;
	}
drop:
	pkb_free(pkb);
}
