/*
 * TCP output: segment building, options, the send loop (window, cwnd,
 * Nagle), retransmission, ACKs, RSTs and probes.
 *
 * The write queue holds payload only, one pkbuf per segment, in sequence
 * order: [snd_una .. send_head) have been sent, [send_head .. write_seq)
 * not yet.  Every (re)transmission builds a fresh packet with a current
 * header, so queued data is never shared with the device.
 */
#include <net/tcp.h>

#define TCP_OPT_TS_LEN 12         /* NOP NOP TS(10) */

u32 tcp_time_stamp_ms(const struct tcp_sock *tp)
{
	return (u32)(net_now_ns() / NSEC_PER_MSEC) + tp->ts_offset;
}

/* Effective send MSS (RFC 9293 §3.7.1, RFC 6691): payload bytes per
 * segment given the path MTU, the peer's MSS option and TCP_MAXSEG. */
void tcp_sync_mss(struct tcp_sock *tp, u32 pmtu)
{
	u32 mss;

	if (pmtu < 68)
		pmtu = 68;
	tp->pmtu = pmtu;
	mss = tcp_mtu_to_mss(pmtu);
	if (tp->mss_clamp && mss > tp->mss_clamp)
		mss = tp->mss_clamp;
	if (tp->user_mss && mss > tp->user_mss)
		mss = tp->user_mss;
	if (tp->tstamp_ok)
		mss -= TCP_OPT_TS_LEN;
	if (mss < 8)
		mss = 8;
	tp->mss_cache = (u16)mss;
}

u32 tcp_current_mss(const struct tcp_sock *tp)
{
	return tp->mss_cache;
}

/* Free receive buffer space, in bytes. */
u32 tcp_rcv_space(const struct tcp_sock *tp)
{
	u32 used = tp->rcv_nxt - tp->copied_seq - (tp->rcv_fin ? 1 : 0) + tp->ooo_bytes;

	if (tp->state == TCP_SYN_SENT || tp->state == TCP_CLOSE ||
	    tp->state == TCP_LISTEN)
		used = 0;
	return used >= tp->sk.rcvbuf ? 0 : tp->sk.rcvbuf - used;
}

/*
 * The window to advertise (RFC 9293 §3.8.6.2.2, RFC 7323 §2.4): never
 * move the right edge left, and open it only in steps of at least
 * min(rcvbuf/2, MSS) (receiver-side silly window avoidance).  Returns the
 * value for the header (scaled); records rcv_wnd/rcv_wup.
 */
u32 tcp_select_window(struct tcp_sock *tp)
{
	u32 space = tcp_rcv_space(tp);
	u32 max_wnd = 65535u << tp->rcv_wscale;
	u32 cur = 0, step, wnd;

	if (tcp_before(tp->rcv_nxt, tp->rcv_wup + tp->rcv_wnd))
		cur = tp->rcv_wup + tp->rcv_wnd - tp->rcv_nxt;
	if (tp->window_clamp && max_wnd > tp->window_clamp)
		max_wnd = tp->window_clamp;	/* TCP_WINDOW_CLAMP */
	if (space > max_wnd)
		space = max_wnd;
	step = tp->advmss < tp->sk.rcvbuf / 2 ? tp->advmss : tp->sk.rcvbuf / 2;
	wnd = space;
	if (wnd < cur + step && wnd != max_wnd && space < tp->sk.rcvbuf)
		wnd = cur;                        /* too small an increase: wait */
	if (wnd < cur)
		wnd = cur;
	/* The scaled value loses the low bits; round up so the edge never
	 * moves left because of the shift. */
	wnd = (wnd + (1u << tp->rcv_wscale) - 1) >> tp->rcv_wscale << tp->rcv_wscale;
	if (wnd > max_wnd)
		wnd = max_wnd;
	if (wnd == 0 && tp->rcv_wnd != 0)
		NET_INC_STATS(LINUX_MIB_TCPTOZEROWINDOWADV);
	else if (wnd != 0 && tp->rcv_wnd == 0)
		NET_INC_STATS(LINUX_MIB_TCPFROMZEROWINDOWADV);
	tp->rcv_wnd = wnd;
	tp->rcv_wup = tp->rcv_nxt;
	return wnd >> tp->rcv_wscale;
}

/* SACK blocks for the out-of-order queue, most recent arrival first
 * (RFC 2018 §4).  Returns how many were written (at most `max`). */
static u32 tcp_build_sacks(const struct tcp_sock *tp, struct tcp_sack_block *out, u32 max)
{
	struct tcp_sack_block blk[16];
	const struct pkbuf *p;
	u32 n = 0, i, w = 0;

	for (p = tp->ooo_first; p && n < 16; p = p->next) {
		const struct tcp_skb_cb *cb = (const struct tcp_skb_cb *)(const void *)p->cb;

		if (n && blk[n - 1].end == cb->seq)
			blk[n - 1].end = cb->end_seq;
		else
			blk[n++] = (struct tcp_sack_block){ cb->seq, cb->end_seq };
	}
	for (i = 0; i < n && w < max; i++) {
		if (tcp_between(tp->ooo_last_seq, blk[i].start, blk[i].end - 1)) {
			out[w++] = blk[i];
			blk[i].start = blk[i].end;        /* taken */
			break;
		}
	}
	for (i = 0; i < n && w < max; i++)
		if (blk[i].start != blk[i].end)
			out[w++] = blk[i];
	return w;
}

/* TS option without padding: kind, length, TSval, TSecr (RFC 7323 §3). */
static u8 *put_ts_raw(u8 *p, u32 tsval, u32 tsecr)
{
	*p++ = TCPOPT_TIMESTAMP;
	*p++ = 10;
	tsval = net_htonl(tsval);
	tsecr = net_htonl(tsecr);
	memcpy(p, &tsval, 4);
	memcpy(p + 4, &tsecr, 4);
	return p + 8;
}

static u8 *put_ts(u8 *p, u32 tsval, u32 tsecr)
{
	*p++ = TCPOPT_NOP;
	*p++ = TCPOPT_NOP;
	return put_ts_raw(p, tsval, tsecr);
}

/*
 * Options for a segment, at most `room` bytes (a multiple of 4).
 * SYN and SYN-ACK carry MSS, SACK-permitted, timestamps and window scale
 * in Linux's order; the SYN-ACK only what the peer offered.  Other
 * segments carry timestamps and as many SACK blocks as fit.
 */
static u32 tcp_write_options(struct tcp_sock *tp, u8 *opt, u8 flags, u32 room)
{
	u8 *p = opt;

	if (flags & TCPHDR_SYN) {
		bool syn_ack = tp->state != TCP_SYN_SENT;
		u16 mss = net_htons(tp->advmss);

		*p++ = TCPOPT_MSS;
		*p++ = 4;
		memcpy(p, &mss, 2);
		p += 2;
		if (tp->tstamp_ok || !syn_ack) {
			if (tp->sack_ok || !syn_ack) {
				*p++ = TCPOPT_SACK_PERM;
				*p++ = 2;
			} else {
				*p++ = TCPOPT_NOP;
				*p++ = TCPOPT_NOP;
			}
			p = put_ts_raw(p, tcp_time_stamp_ms(tp), syn_ack ? tp->ts_recent : 0);
		} else if (tp->sack_ok) {
			*p++ = TCPOPT_NOP;
			*p++ = TCPOPT_NOP;
			*p++ = TCPOPT_SACK_PERM;
			*p++ = 2;
		}
		if (tp->wscale_ok || !syn_ack) {
			*p++ = TCPOPT_NOP;
			*p++ = TCPOPT_WSCALE;
			*p++ = 3;
			*p++ = tp->rcv_wscale;
		}
		return (u32)(p - opt);
	}
	if (tp->tstamp_ok && room >= TCP_OPT_TS_LEN) {
		p = put_ts(p, tcp_time_stamp_ms(tp), tp->ts_recent);
		room -= TCP_OPT_TS_LEN;
	}
	if (tp->sack_ok && (tp->ooo_first || tp->dsack.start != tp->dsack.end) && room >= 12) {
		struct tcp_sack_block blk[TCP_MAX_SACKS];
		u32 max = (room - 4) / 8, n = 0, i;

		if (max > TCP_MAX_SACKS)
			max = TCP_MAX_SACKS;
		/* RFC 2883 §4: a D-SACK block goes first, once. */
		if (tp->dsack.start != tp->dsack.end) {
			blk[n++] = tp->dsack;
			tp->dsack.start = tp->dsack.end = 0;
		}
		n += tcp_build_sacks(tp, blk + n, max - n);
		if (n) {
			*p++ = TCPOPT_NOP;
			*p++ = TCPOPT_NOP;
			*p++ = TCPOPT_SACK;
			*p++ = (u8)(2 + 8 * n);
			for (i = 0; i < n; i++) {
				u32 s = net_htonl(blk[i].start), e = net_htonl(blk[i].end);

				memcpy(p, &s, 4);
				memcpy(p + 4, &e, 4);
				p += 8;
			}
		}
	}
	return (u32)(p - opt);
}

/*
 * Build and send one segment: header, options, and `len` payload bytes
 * -- a clone of the write-queue segment `src` when it has room for the
 * headers in front and no other clone is in flight (the common case: no
 * copy), else a copy of `data`.  Every segment but the first SYN carries
 * an ACK.
 */
static int tcp_transmit_from(struct tcp_sock *tp, u32 seq, u8 flags, struct pkbuf *src,
			     const u8 *data, u32 len)
{
	struct sock *sk = &tp->sk;
	u8 opts[40];
	u32 optlen, room;
	struct pkbuf *pkb;
	struct tcphdr *th;

	if (tp->state != TCP_SYN_SENT && !(flags & TCPHDR_RST && !(flags & TCPHDR_ACK)))
		flags |= TCPHDR_ACK;
	room = 40;
	if (tp->pmtu && tp->pmtu > len + 40 && tp->pmtu - 40 - len < room)
		room = (tp->pmtu - 40 - len) & ~3u;
	optlen = (flags & TCPHDR_RST) ? 0 : tcp_write_options(tp, opts, flags, room);
	if (src && len && len == src->len && !pkb_is_cloned(src) &&
	    pkb_headroom(src) >= TCP_HEADROOM) {
		pkb = pkb_clone(src);
		if (!pkb)
			return -ENOBUFS;
	} else {
		pkb = pkb_alloc_uninit(TCP_HEADROOM, len);
		if (!pkb)
			return -ENOBUFS;
		if (len)
			memcpy(pkb_put(pkb, len), data, len);
	}
	th = pkb_push(pkb, sizeof(*th) + optlen);
	memset(th, 0, sizeof(*th));
	memcpy(th + 1, opts, optlen);
	th->source = sk->sport;
	th->dest = sk->dport;
	th->seq = net_htonl(seq);
	th->doff = (u8)(((sizeof(*th) + optlen) / 4) << 4);
	th->flags = flags;
	if (flags & TCPHDR_ACK) {
		th->ack_seq = net_htonl(tp->rcv_nxt);
		tp->last_ack_sent = tp->rcv_nxt;
		/* One quick ACK spent when this one acknowledges new data;
		 * leaving quick-ACK mode deflates the ACK timeout (Linux). */
		if (tp->ack_pending && tp->quick && !--tp->quick)
			tp->ato_ms = TCP_DELACK_MIN_MS;
		tp->ack_pending = 0;
		net_timer_cancel(&tp->delack_timer);
	}
	/* Urgent pointer (RFC 9293 §3.8.5; RFC 6093: points past the last
	 * urgent byte, as BSD and Linux do). */
	if (tp->urg_mode && tcp_before(seq, tp->snd_up) && !(flags & (TCPHDR_SYN | TCPHDR_RST))) {
		u32 off = tp->snd_up - seq;

		th->flags |= TCPHDR_URG;
		th->urg_ptr = net_htons((u16)(off > 0xffff ? 0xffff : off));
	}
	if (flags & TCPHDR_SYN) {
		u32 w = tcp_select_window(tp) << tp->rcv_wscale;

		th->window = net_htons((u16)(w > 65535 ? 65535 : w));   /* RFC 7323 §2.2 */
	} else {
		th->window = net_htons((u16)tcp_select_window(tp));
	}
	tp->segs_out++;
	if (len)
		tp->data_segs_out++;
	return tcp_v4_send(pkb, sk->saddr, sk->daddr, sk->ttl, sk->tos, sk->bound_ifindex);
}

static int tcp_transmit(struct tcp_sock *tp, u32 seq, u8 flags, const u8 *data, u32 len)
{
	return tcp_transmit_from(tp, seq, flags, NULL, data, len);
}

static int tcp_transmit_pkb(struct tcp_sock *tp, struct pkbuf *pkb)
{
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	u8 flags = cb->flags;

	if (!pkb->next && pkb->len)
		flags |= TCPHDR_PSH;
	cb->tx_ns = net_now_ns();
	if (tp->ca_state == TCP_CA_Recovery && pkb->len)
		tp->prr_out++;                    /* RFC 6937 prr_out */
	return tcp_transmit_from(tp, cb->seq, flags, pkb, pkb->data, pkb->len);
}

/*
 * Split a write-queue segment after `len` payload bytes; the tail keeps
 * FIN/PSH.  Scoreboard counts follow when the segment was in flight.
 */
int tcp_fragment(struct tcp_sock *tp, struct pkbuf *pkb, u32 len)
{
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb), *ncb;
	u32 rest = pkb->len - len;
	struct pkbuf *n;

	NET_ASSERT(len > 0 && len < pkb->len && !(cb->flags & TCPHDR_SYN));
	n = pkb_alloc(0, rest > tp->mss_cache ? rest : tp->mss_cache);
	if (!n)
		return -ENOBUFS;
	memcpy(pkb_put(n, rest), pkb->data + len, rest);
	pkb_trim(pkb, len);
	ncb = TCP_SKB_CB(n);
	*ncb = *cb;
	ncb->seq = cb->seq + len;
	cb->end_seq = ncb->seq;
	cb->flags &= (u8)~(TCPHDR_FIN | TCPHDR_PSH);
	n->next = pkb->next;
	pkb->next = n;
	if (tp->write_queue.last == pkb)
		tp->write_queue.last = n;
	tp->write_queue.count++;
	if (tcp_pkb_sent(tp, n)) {
		tp->packets_out++;
		if (cb->sacked & TCPCB_SACKED)
			tp->sacked_out++;
		if (cb->sacked & TCPCB_LOST)
			tp->lost_out++;
		if (cb->sacked & TCPCB_RETRANS)
			tp->retrans_out++;
	}
	return 0;
}

static void queue_control(struct tcp_sock *tp, u8 flags)
{
	struct pkbuf *pkb = pkb_alloc(0, 0);
	struct tcp_skb_cb *cb;

	if (!pkb) {
		/* linux-compat: Linux retries a FIN later; we treat OOM here
		 * as fatal for the connection rather than stall it. */
		tcp_reset_conn(tp, ENOMEM);
		return;
	}
	cb = TCP_SKB_CB(pkb);
	memset(cb, 0, sizeof(*cb));
	cb->seq = tp->write_seq;
	cb->end_seq = tp->write_seq + 1;
	cb->flags = flags;
	tp->write_seq++;
	pkb_enqueue(&tp->write_queue, pkb);
	if (!tp->send_head)
		tp->send_head = pkb;
}

/* RFC 9293 §3.10.4 CLOSE: queue a FIN after all data (piggybacked on the
 * last unsent segment when there is one) and try to send it. */
void tcp_send_fin(struct tcp_sock *tp)
{
	struct pkbuf *last = tp->write_queue.last;

	if (tp->fin_queued)
		return;
	tp->fin_queued = true;
	if (last && tp->send_head && !tcp_pkb_sent(tp, last) &&
	    !(TCP_SKB_CB(last)->flags & (TCPHDR_SYN | TCPHDR_FIN))) {
		TCP_SKB_CB(last)->flags |= TCPHDR_FIN;
		TCP_SKB_CB(last)->end_seq++;
		tp->write_seq++;
	} else {
		queue_control(tp, TCPHDR_FIN);
	}
	tcp_push(tp);
}

void tcp_rearm_rto(struct tcp_sock *tp)
{
	u64 rto;

	if (!tp->packets_out) {
		if (tp->rtx_mode != TCP_TMODE_PROBE)
			net_timer_cancel(&tp->rtx_timer);
		return;
	}
	rto = (u64)tp->rto_ms << tp->backoff;
	if (rto > TCP_RTO_MAX_MS)
		rto = TCP_RTO_MAX_MS;
	tp->rtx_mode = TCP_TMODE_RTO;
	net_timer_arm_in(&tp->rtx_timer, rto * NSEC_PER_MSEC);
}

/* RFC 9293 §3.8.6.1: with data waiting, nothing in flight and the peer's
 * window closed, probe at RTO intervals with exponential backoff. */
void tcp_check_probe_timer(struct tcp_sock *tp)
{
	u64 when;

	if (tp->packets_out || !tp->send_head || net_timer_pending(&tp->rtx_timer))
		return;
	when = (u64)tp->rto_ms << tp->backoff;
	if (when > TCP_RTO_MAX_MS)
		when = TCP_RTO_MAX_MS;
	tp->rtx_mode = TCP_TMODE_PROBE;
	net_timer_arm_in(&tp->rtx_timer, when * NSEC_PER_MSEC);
}

static void on_sent(struct tcp_sock *tp, struct pkbuf *pkb)
{
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);

	tp->send_head = pkb->next;
	tp->snd_nxt = cb->end_seq;
	tp->packets_out++;
	TCP_INC_STATS(TCP_MIB_OUTSEGS);
	if (pkb->len) {
		u64 now = net_now_ns();

		NET_INC_STATS(LINUX_MIB_TCPORIGDATASENT);
		tp->last_snd_ns = now;
		/* Data sent within the ACK timeout of data received looks like
		 * a reply: after a few, treat the flow as interactive (Linux's
		 * pingpong count). */
		if (tp->lrcv_ns && now - tp->lrcv_ns < (u64)tp->ato_ms * NSEC_PER_MSEC &&
		    tp->pingpong < 255)
			tp->pingpong++;
	}
	if (pkb->len < tp->mss_cache)
		tp->snd_sml = cb->end_seq;
	if (tp->packets_out == 1 || tp->rtx_mode == TCP_TMODE_PROBE ||
	    !net_timer_pending(&tp->rtx_timer))
		tcp_rearm_rto(tp);
}

void tcp_xmit_one(struct tcp_sock *tp, struct pkbuf *pkb)
{
	tcp_transmit_pkb(tp, pkb);
	on_sent(tp, pkb);
}

/* Nagle (RFC 9293 §3.7.4) with Minshall's refinement as Linux does it:
 * hold a small segment while an earlier small segment is unacked. */
static bool nagle_holds(const struct tcp_sock *tp, const struct pkbuf *pkb, u32 mss)
{
	/* Urgent data and the FIN are never held (Linux). */
	if (pkb->len >= mss || (TCP_SKB_CB(pkb)->flags & TCPHDR_FIN) || tp->urg_mode)
		return false;
	if (tp->cork || tp->more)
		return true;
	if (tp->nodelay || !tp->packets_out)
		return false;
	return tcp_after(tp->snd_sml, tp->snd_una) && !tcp_after(tp->snd_sml, tp->snd_nxt);
}

/*
 * Send new segments while the peer's window, cwnd and Nagle allow
 * (RFC 9293 §3.8.6.2.1 sender SWS avoidance; RFC 5681 §3.1).
 */
void tcp_push(struct tcp_sock *tp)
{
	u32 mss = tcp_current_mss(tp), prior_nxt = tp->snd_nxt;
	struct pkbuf *pkb;

	if (tp->state == TCP_CLOSE || tp->state == TCP_LISTEN)
		return;
	while ((pkb = tp->send_head)) {
		struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
		u32 wnd_end = tp->snd_una + tp->snd_wnd;

		if (cb->flags & TCPHDR_SYN) {
			/* A failed send is retried by the RTO like a lost one. */
			tcp_xmit_one(tp, pkb);
			continue;
		}
		if (tp->state == TCP_SYN_SENT || tp->state == TCP_SYN_RECV)
			break;                            /* data waits for the handshake */
		if (tcp_packets_in_flight(tp) >= tp->snd_cwnd)
			break;
		if (pkb->len > mss && tcp_fragment(tp, pkb, mss))
			break;
		if (tcp_after(cb->end_seq, wnd_end)) {
			u32 usable = tcp_after(wnd_end, cb->seq) ? wnd_end - cb->seq : 0;

			/* Send part only if it is a big share of the window. */
			if (usable == 0 || usable >= pkb->len ||
			    usable < tp->max_snd_wnd / 2 || tcp_fragment(tp, pkb, usable))
				break;
		}
		if (nagle_holds(tp, pkb, mss))
			break;
		tcp_xmit_one(tp, pkb);
	}
	/* New data went out: the tail loss probe moves (RFC 8985 §7.2). */
	if (tp->snd_nxt != prior_nxt)
		tcp_schedule_loss_probe(tp);
	/* Data waiting with nothing in flight starts the persist timer:
	 * for the peer's window, and (tcp(7)) as the ceiling on what
	 * TCP_CORK or MSG_MORE holds back.  With data in flight, an ACK
	 * comes to push the rest (Nagle, cwnd). */
	if (tp->send_head)
		tcp_check_probe_timer(tp);
}

/* Retransmit one sent segment (RFC 9293 §3.8.1), splitting it first if
 * the MSS shrank since it was sent. */
int tcp_retransmit_pkb(struct tcp_sock *tp, struct pkbuf *pkb)
{
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	int err;

	if (pkb->len > tcp_current_mss(tp) && tcp_fragment(tp, pkb, tcp_current_mss(tp)))
		return -ENOBUFS;
	err = tcp_transmit_pkb(tp, pkb);
	if (err && err != -ENETUNREACH)
		return err;
	if (!(cb->sacked & TCPCB_RETRANS))
		tp->retrans_out++;
	if (tp->undo_on) {
		/* The episode's retransmissions, for undo (tcp_recovery.c). */
		if (!tp->undo_ts_on) {
			tp->undo_tsval = tcp_time_stamp_ms(tp);
			tp->undo_ts_on = true;
		}
		tp->undo_retrans = tp->undo_retrans < 0 ? 1 : tp->undo_retrans + 1;
	}
	cb->sacked |= TCPCB_RETRANS | TCPCB_EVER_RETRANS;
	cb->retrans++;
	tp->total_retrans++;
	TCP_INC_STATS(TCP_MIB_RETRANSSEGS);
	if (cb->flags & TCPHDR_SYN)
		NET_INC_STATS(LINUX_MIB_TCPSYNRETRANS);
	if (!tp->retrans_stamp_ns)
		tp->retrans_stamp_ns = net_now_ns();
	return 0;
}

/*
 * Loss recovery's sending step (RFC 6675 §5 NextSeg, RFC 6582 §3.2):
 * first retransmit segments marked lost, in order, while the pipe is
 * below cwnd; then new data.
 */
void tcp_xmit_retransmit_queue(struct tcp_sock *tp)
{
	struct pkbuf *pkb;

	for (pkb = pkb_peek(&tp->write_queue); pkb && pkb != tp->send_head; pkb = pkb->next) {
		struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);

		if (tcp_packets_in_flight(tp) >= tp->snd_cwnd)
			return;
		if ((cb->sacked & (TCPCB_LOST | TCPCB_RETRANS | TCPCB_SACKED)) != TCPCB_LOST)
			continue;
		if (tcp_retransmit_pkb(tp, pkb))
			return;
		if (tp->ca_state == TCP_CA_Loss)
			NET_INC_STATS(LINUX_MIB_TCPSLOWSTARTRETRANS);
		else
			NET_INC_STATS(LINUX_MIB_TCPFASTRETRANS);
		if (pkb == pkb_peek(&tp->write_queue))
			tcp_rearm_rto(tp);
	}
	tcp_push(tp);
}

/* Queue the SYN (active open) and send it. */
int tcp_connect_xmit(struct tcp_sock *tp)
{
	tp->write_seq = tp->iss;
	tp->snd_una = tp->snd_nxt = tp->iss;
	queue_control(tp, TCPHDR_SYN);
	if (tp->state == TCP_CLOSE)
		return -ENOBUFS;
	tcp_push(tp);
	return 0;
}

/* The SYN-ACK of a passive open is the same queued SYN, sent with ACK. */
int tcp_send_synack(struct tcp_sock *tp)
{
	return tcp_connect_xmit(tp);
}

void tcp_send_ack(struct tcp_sock *tp)
{
	if (tp->state == TCP_CLOSE || tp->state == TCP_LISTEN || tp->state == TCP_SYN_SENT)
		return;
	tcp_transmit(tp, tp->snd_nxt, TCPHDR_ACK, NULL, 0);
	TCP_INC_STATS(TCP_MIB_OUTSEGS);
}

/*
 * RFC 9293 §3.8.6.3: at most 500 ms.  Linux's bounds: the ACK timeout,
 * once above 40 ms, within the RTT (at least 40 ms) and 500 ms, 200 ms
 * for an interactive flow, and never more than 200 ms.  A pending timer
 * is not moved.
 */
void tcp_send_delayed_ack(struct tcp_sock *tp)
{
	u32 ato = tp->ato_ms;

	if (net_timer_pending(&tp->delack_timer))
		return;
	if (ato > TCP_DELACK_MIN_MS) {
		u32 max = tcp_in_pingpong_mode(tp) ? TCP_DELACK_MAX_MS : 500;

		if (tp->srtt_us) {
			u32 rtt = tp->srtt_us / 1000;

			if (rtt < TCP_DELACK_MIN_MS)
				rtt = TCP_DELACK_MIN_MS;
			if (rtt < max)
				max = rtt;
		}
		if (ato > max)
			ato = max;
	}
	if (ato > TCP_DELACK_MAX_MS)
		ato = TCP_DELACK_MAX_MS;
	net_timer_arm_in(&tp->delack_timer, (u64)ato * NSEC_PER_MSEC);
}

void tcp_incr_quickack(struct tcp_sock *tp, u32 max)
{
	u32 n = tp->rcv_wnd / (2u * (tp->rcv_mss ? tp->rcv_mss : TCP_MSS_DEFAULT));

	if (n == 0)
		n = 2;
	if (n > max)
		n = max;
	if (n > tp->quick)
		tp->quick = (u8)n;
}

void tcp_enter_quickack_mode(struct tcp_sock *tp, u32 max)
{
	tcp_incr_quickack(tp, max);
	tp->pingpong = 0;
	tp->ato_ms = TCP_DELACK_MIN_MS;
}

/* RFC 5961 §3.2/§4.2/§5.2 challenge ACK, limited to 1000 a second for the
 * whole stack (RFC 5961 §7; Linux's tcp_challenge_ack_limit). */
void tcp_send_challenge_ack(struct tcp_sock *tp)
{
	static u64 window_start;
	static u32 count;
	u64 now = net_now_ns();

	if (now - window_start >= NSEC_PER_SEC) {
		window_start = now;
		count = 0;
	}
	if (++count > 1000)
		return;
	NET_INC_STATS(LINUX_MIB_TCPCHALLENGEACK);
	tcp_send_ack(tp);
}

/* Abort: RST with our next sequence number (RFC 9293 §3.10.4 ABORT). */
void tcp_send_active_reset(struct tcp_sock *tp)
{
	if (tp->state == TCP_CLOSE || tp->state == TCP_LISTEN || tp->state == TCP_SYN_SENT)
		return;
	tcp_transmit(tp, tp->snd_nxt, TCPHDR_RST | TCPHDR_ACK, NULL, 0);
	TCP_INC_STATS(TCP_MIB_OUTSEGS);
	TCP_INC_STATS(TCP_MIB_OUTRSTS);
}

/* A probe the peer must answer with an ACK: an old sequence number and no
 * data (Linux's zero-window and keepalive probe, RFC 1122 §4.2.3.6). */
void tcp_send_probe(struct tcp_sock *tp)
{
	tcp_transmit(tp, tp->snd_una - 1, TCPHDR_ACK, NULL, 0);
	TCP_INC_STATS(TCP_MIB_OUTSEGS);
}

/* Persist timer: if the window opened a little, send what fits (RFC 9293
 * §3.8.6.2.1 override); otherwise probe. */
void tcp_window_probe(struct tcp_sock *tp)
{
	struct pkbuf *pkb = tp->send_head;
	u32 wnd_end = tp->snd_una + tp->snd_wnd;

	if (pkb && tcp_after(wnd_end, TCP_SKB_CB(pkb)->seq)) {
		u32 usable = wnd_end - TCP_SKB_CB(pkb)->seq;

		if (usable < pkb->len && tcp_fragment(tp, pkb, usable))
			return;
		tcp_xmit_one(tp, pkb);
		return;
	}
	NET_INC_STATS(LINUX_MIB_TCPWINPROBE);
	tcp_send_probe(tp);
}

/* The path MTU dropped (RFC 1191 / Linux's tcp_simple_retransmit): resend
 * every in-flight segment now too big, without a congestion response. */
void tcp_simple_retransmit(struct tcp_sock *tp)
{
	u32 mss = tcp_current_mss(tp), marked = 0;
	struct pkbuf *pkb;

	for (pkb = pkb_peek(&tp->write_queue); pkb && pkb != tp->send_head; pkb = pkb->next) {
		struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);

		if (pkb->len <= mss || (cb->sacked & (TCPCB_SACKED | TCPCB_LOST)))
			continue;
		if (cb->sacked & TCPCB_RETRANS) {
			cb->sacked &= (u8)~TCPCB_RETRANS;
			tp->retrans_out--;
		}
		cb->sacked |= TCPCB_LOST;
		tp->lost_out++;
		marked++;
	}
	if (!marked)
		return;
	if (tp->ca_state != TCP_CA_Loss) {
		tp->high_seq = tp->snd_nxt;
		tp->ca_state = TCP_CA_Loss;
	}
	tcp_xmit_retransmit_queue(tp);
}
