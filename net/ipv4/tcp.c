/*
 * TCP's socket-facing half: creating and releasing connections, the one
 * place that changes a connection's state (tcp_set_state), and the calls
 * a socket layer makes (bind, listen, connect, accept, send, recv,
 * shutdown, close, poll, options, TCP_INFO).  See net/tcp.h.
 *
 * Lifetime: the socket layer owns a tcp_sock from tcp_create() until
 * tcp_close()/tcp_abort(); after that it is an orphan that TCP frees
 * when it reaches CLOSE.  Embryonic children (SYN_RECV) belong to their
 * listener; established children to its accept queue until accepted.
 */
#include <net/tcp.h>

static const char *const state_names[TCP_MAX_STATES] = {
	[0] = "UNKNOWN",
	[TCP_ESTABLISHED] = "ESTABLISHED",
	[TCP_SYN_SENT] = "SYN_SENT",
	[TCP_SYN_RECV] = "SYN_RECV",
	[TCP_FIN_WAIT1] = "FIN_WAIT1",
	[TCP_FIN_WAIT2] = "FIN_WAIT2",
	[TCP_TIME_WAIT] = "TIME_WAIT",
	[TCP_CLOSE] = "CLOSE",
	[TCP_CLOSE_WAIT] = "CLOSE_WAIT",
	[TCP_LAST_ACK] = "LAST_ACK",
	[TCP_LISTEN] = "LISTEN",
	[TCP_CLOSING] = "CLOSING",
};

const char *tcp_state_name(int state)
{
	if (state <= 0 || state >= TCP_MAX_STATES)
		return "UNKNOWN";
	return state_names[state];
}

#define S(x) (1u << (x))
/* RFC 9293 §3.3.2 figure 5, plus the CLOSE edges ABORT/RST/timeouts add. */
static const u32 legal_next[TCP_MAX_STATES] = {
	[TCP_CLOSE] = S(TCP_SYN_SENT) | S(TCP_LISTEN) | S(TCP_SYN_RECV) | S(TCP_ESTABLISHED),
	[TCP_LISTEN] = S(TCP_CLOSE),
	[TCP_SYN_SENT] = S(TCP_SYN_RECV) | S(TCP_ESTABLISHED) | S(TCP_CLOSE),
	[TCP_SYN_RECV] = S(TCP_ESTABLISHED) | S(TCP_FIN_WAIT1) | S(TCP_CLOSE),
	[TCP_ESTABLISHED] = S(TCP_FIN_WAIT1) | S(TCP_CLOSE_WAIT) | S(TCP_CLOSE),
	[TCP_FIN_WAIT1] = S(TCP_FIN_WAIT2) | S(TCP_CLOSING) | S(TCP_TIME_WAIT) | S(TCP_CLOSE),
	[TCP_FIN_WAIT2] = S(TCP_TIME_WAIT) | S(TCP_CLOSE),
	[TCP_CLOSE_WAIT] = S(TCP_LAST_ACK) | S(TCP_CLOSE),
	[TCP_CLOSING] = S(TCP_TIME_WAIT) | S(TCP_CLOSE),
	[TCP_LAST_ACK] = S(TCP_CLOSE),
	[TCP_TIME_WAIT] = S(TCP_CLOSE),
};

static bool counts_as_estab(int state)
{
	return state == TCP_ESTABLISHED || state == TCP_CLOSE_WAIT;
}

/* The one place a connection changes state; counters follow RFC 4022
 * tcpCurrEstab and Linux's tcp_set_state. */
void tcp_set_state(struct tcp_sock *tp, int state)
{
	int old = tp->state;

	if (old == state)
		return;
	if (!(legal_next[old] & S(state)))
		net_panic("tcp: illegal transition %s -> %s", tcp_state_name(old),
			  tcp_state_name(state));
	if (counts_as_estab(old) && !counts_as_estab(state))
		TCP_DEC_STATS(TCP_MIB_CURRESTAB);
	if (!counts_as_estab(old) && counts_as_estab(state))
		TCP_INC_STATS(TCP_MIB_CURRESTAB);
	if (state == TCP_CLOSE && counts_as_estab(old))
		TCP_INC_STATS(TCP_MIB_ESTABRESETS);
	if (state == TCP_CLOSE && (old == TCP_SYN_SENT || old == TCP_SYN_RECV))
		TCP_INC_STATS(TCP_MIB_ATTEMPTFAILS);
	if (state == TCP_SYN_SENT)
		TCP_INC_STATS(TCP_MIB_ACTIVEOPENS);
	if (state == TCP_ESTABLISHED)
		tp->synced = true;
	tp->state = (u8)state;
	tp->sk.listening = state == TCP_LISTEN;
	net_log(7, "tcp %p: %s -> %s", (void *)tp, tcp_state_name(old), tcp_state_name(state));
	if (state != TCP_SYN_SENT && state != TCP_LISTEN && state != TCP_SYN_RECV)
		tp->sk.state_change(&tp->sk);
}

/*
 * RFC 7323 §2.3: the shift is fixed on the SYN, so it must cover every
 * window the connection may later offer.  Like Linux, room for the
 * receive buffer's auto-tuning limit unless SO_RCVBUF fixed the size,
 * within TCP_WINDOW_CLAMP.
 */
u8 tcp_choose_wscale(const struct tcp_sock *tp)
{
	u32 space = tp->sk.rcvbuf;
	u8 s = 0;

	if (!(tp->sk.userlocks & SOCK_RCVBUF_LOCK) && space < sysctl_tcp_rmem[2])
		space = sysctl_tcp_rmem[2];
	if (tp->window_clamp && space > tp->window_clamp)
		space = tp->window_clamp;
	while (s < TCP_MAX_WSCALE && (65535u << s) < space)
		s++;
	return s;
}

void tcp_init_buffers(struct tcp_sock *tp)
{
	tp->rcv_wscale = tp->wscale_ok ? tcp_choose_wscale(tp) : 0;
}

struct tcp_sock *tcp_create(void)
{
	struct tcp_sock *tp = net_alloc(sizeof(*tp));

	if (!tp)
		return NULL;
	sock_init(&tp->sk, AF_INET, SOCK_STREAM, IPPROTO_TCP);
	/* tcp(7): tcp_rmem[1] and tcp_wmem[1]; both grow while the
	 * connection runs unless SO_RCVBUF/SO_SNDBUF fix them. */
	tp->sk.rcvbuf = sysctl_tcp_rmem[1];
	tp->sk.sndbuf = sysctl_tcp_wmem[1];
	tp->state = TCP_CLOSE;
	pkb_queue_init(&tp->write_queue);
	tp->rto_ms = TCP_TIMEOUT_INIT_MS;
	tp->ato_ms = TCP_DELACK_MIN_MS;
	tp->rcv_mss = TCP_MSS_DEFAULT;
	tp->advmss = TCP_MSS_DEFAULT;
	tp->mss_cache = TCP_MSS_DEFAULT;
	tp->mss_clamp = 0;
	tp->pmtu = 576;
	tp->snd_cwnd = TCP_INIT_CWND;
	tp->snd_ssthresh = 0x7fffffff;
	tp->keepidle = TCP_KEEPIDLE_DEFAULT;
	tp->keepintvl = TCP_KEEPINTVL_DEFAULT;
	tp->keepcnt = TCP_KEEPCNT_DEFAULT;
	tp->wscale_ok = tp->sack_ok = tp->tstamp_ok = true;
	tp->ts_offset = net_random_u32();
	tcp_init_timers(tp);
	tcp_cong_init(tp);
	tcp_track(tp);
	return tp;
}

static void tcp_destroy(struct tcp_sock *tp)
{
	NET_ASSERT(tp->state == TCP_CLOSE);
	if (tp->parent)
		tcp_child_unlink(tp);
	tcp_clear_timers(tp);
	tcp_unhash(tp);
	tcp_unbind(tp);
	tcp_untrack(tp);
	pkb_queue_purge(&tp->write_queue);
	pkb_queue_purge(&tp->sk.receive_queue);
	tcp_purge_ooo(tp);
	net_free(tp);
}

static void no_upcall(struct sock *sk)
{
	(void)sk;
}

static void orphan(struct tcp_sock *tp)
{
	tp->user_closed = true;
	tp->sk.owner = NULL;
	tp->sk.data_ready = tp->sk.write_space = no_upcall;
	tp->sk.state_change = tp->sk.error_report = no_upcall;
}

/* Move to CLOSE and release everything but the control block, which
 * is freed too if nobody owns it any more. */
void tcp_done(struct tcp_sock *tp)
{
	bool embryonic = tp->parent && tp->state == TCP_SYN_RECV;

	tcp_set_state(tp, TCP_CLOSE);
	tcp_clear_timers(tp);
	tcp_unhash(tp);
	/* An automatically chosen port goes back; an explicit bind(2) stays
	 * until the socket is closed (Linux's SOCK_BINDPORT_LOCK). */
	if (!tp->user_bound || tp->user_closed)
		tcp_unbind(tp);
	pkb_queue_purge(&tp->write_queue);
	tp->send_head = NULL;
	tp->packets_out = tp->sacked_out = tp->lost_out = tp->retrans_out = 0;
	tcp_purge_ooo(tp);
	tp->sk.shutdown = RCV_SHUTDOWN | SEND_SHUTDOWN;
	if (embryonic)
		tcp_child_unlink(tp);
	if (tp->user_closed && !tp->parent)
		tcp_destroy(tp);
}

void tcp_reset_conn(struct tcp_sock *tp, int err)
{
	tp->sk.err = err;
	tp->sk.error_report(&tp->sk);
	tcp_done(tp);
}

/* ---- the socket layer's calls ---------------------------------------- */

int tcp_bind(struct tcp_sock *tp, be32 addr, be16 port)
{
	int err;

	if (tp->state != TCP_CLOSE || tp->bound)
		return -EINVAL;
	if (addr && tcp_ip && !tcp_ip->addr_is_local(addr))
		return -EADDRNOTAVAIL;
	err = tcp_bind_port(tp, addr, net_ntohs(port));
	if (!err && port)
		tp->user_bound = true;
	return err;
}

int tcp_listen(struct tcp_sock *tp, int backlog)
{
	int err;

	if ((unsigned int)backlog > SOMAXCONN)
		backlog = SOMAXCONN;
	if (tp->state == TCP_LISTEN) {
		tp->backlog = (u32)backlog;
		return 0;
	}
	if (tp->state != TCP_CLOSE)
		return -EINVAL;
	if (!tp->bound && (err = tcp_pick_port(tp)) != 0)
		return err;
	/* A port shared while nobody listened may not be listened on twice
	 * (Linux checks the bind conflict again at listen). */
	if (tp->bound && tcp_listen_conflict(tp))
		return -EADDRINUSE;
	tp->backlog = (u32)backlog;
	tcp_set_state(tp, TCP_LISTEN);
	tp->sk.shutdown = 0;
	tcp_hash(tp);
	return 0;
}

int tcp_connect(struct tcp_sock *tp, be32 daddr, be16 dport)
{
	struct route_result rt;
	struct sock *sk = &tp->sk;
	int err;

	switch (tp->state) {
	case TCP_CLOSE:
		break;
	case TCP_SYN_SENT:
	case TCP_SYN_RECV:
		return -EALREADY;
	default:
		return -EISCONN;
	}
	if (!tcp_ip)
		return -ENETUNREACH;
	err = tcp_ip->route(daddr, sk->bound_ifindex, &rt);
	if (err)
		return err;
	if (!sk->saddr)
		sk->saddr = rt.prefsrc;
	/* Linux (ip_route_output_key): connecting to 0.0.0.0 connects to
	 * this host, at the bound address or else 127.0.0.1. */
	if (!daddr)
		daddr = sk->saddr;
	sk->daddr = daddr;
	sk->dport = dport;
	tp->ts_offset = tcp_ts_offset(sk->saddr, daddr);
	if (!tp->bound) {
		err = tcp_pick_port(tp);
		if (err)
			return err;
	} else if (tcp_lookup_established(sk->saddr, sk->sport, daddr, dport)) {
		return -EADDRNOTAVAIL;
	}
	tp->advmss = tcp_mtu_to_mss(rt.mtu);
	if (tp->user_mss && tp->advmss > tp->user_mss)
		tp->advmss = tp->user_mss;
	tp->mss_clamp = 0;
	tp->wscale_ok = tp->sack_ok = tp->tstamp_ok = true;
	tcp_sync_mss(tp, rt.mtu);
	tcp_init_buffers(tp);
	tp->iss = tcp_isn(sk->saddr, daddr, sk->sport, dport);
	tp->snd_wnd = 0;
	tp->rcv_wnd = 0;
	tp->rcv_nxt = tp->rcv_wup = tp->copied_seq = 0;
	tp->fin_queued = tp->rcv_fin = false;
	tp->urg_data = 0;
	tp->lrcv_ns = 0;
	tp->quick = 0;
	sk->shutdown = 0;
	sk->err = 0;
	tp->total_retrans = 0;
	tcp_set_state(tp, TCP_SYN_SENT);
	tcp_hash(tp);
	err = tcp_connect_xmit(tp);
	return err ? err : -EINPROGRESS;
}

int tcp_accept(struct tcp_sock *tp, struct tcp_sock **child)
{
	struct tcp_sock *c;

	if (tp->state != TCP_LISTEN)
		return -EINVAL;
	c = tp->accept_first;
	if (!c)
		return tp->sk.err ? -tcp_sock_error(tp) : -EAGAIN;
	tp->accept_first = c->syn_next;
	if (!tp->accept_first)
		tp->accept_last = NULL;
	tp->accept_qlen--;
	c->syn_next = NULL;
	c->parent = NULL;
	*child = c;
	return 0;
}

int tcp_sock_error(struct tcp_sock *tp)
{
	int err = tp->sk.err;

	tp->sk.err = 0;
	return err;
}

long tcp_send_room(struct tcp_sock *tp, u32 *mss, u32 *tail_room)
{
	struct pkbuf *last = tp->write_queue.last;
	u32 used, space;

	if (tp->sk.err)
		return -tcp_sock_error(tp);
	if (tp->sk.shutdown & SEND_SHUTDOWN)
		return -EPIPE;
	switch (tp->state) {
	case TCP_ESTABLISHED:
	case TCP_CLOSE_WAIT:
		break;
	case TCP_SYN_SENT:
	case TCP_SYN_RECV:
		return -EAGAIN;
	default:
		return -EPIPE;
	}
	used = tp->write_seq - tp->snd_una;
	space = tp->sk.sndbuf > used ? tp->sk.sndbuf - used : 0;
	if (space == 0)
		return -EAGAIN;
	*mss = tcp_current_mss(tp);
	*tail_room = 0;
	if (last && tp->send_head && !tcp_pkb_sent(tp, last) &&
	    !(TCP_SKB_CB(last)->flags & (TCPHDR_SYN | TCPHDR_FIN)) && last->len < *mss) {
		*tail_room = *mss - last->len;
		if (*tail_room > pkb_tailroom(last))
			*tail_room = pkb_tailroom(last);
	}
	return space;
}

/* Append a filled payload buffer (at most one MSS) to the write queue. */
static void tcp_queue_pkb(struct tcp_sock *tp, struct pkbuf *pkb)
{
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	struct pkbuf *last = tp->write_queue.last;

	/* Bytes meant for the unsent tail segment's free room go into it. */
	if (last && tp->send_head && !tcp_pkb_sent(tp, last) &&
	    !(TCP_SKB_CB(last)->flags & (TCPHDR_SYN | TCPHDR_FIN)) &&
	    last->len + pkb->len <= tcp_current_mss(tp) && pkb_tailroom(last) >= pkb->len) {
		memcpy(pkb_put(last, pkb->len), pkb->data, pkb->len);
		TCP_SKB_CB(last)->end_seq += pkb->len;
		tp->write_queue.bytes += pkb->len;
		tp->write_seq += pkb->len;
		pkb_free(pkb);
		return;
	}
	memset(cb, 0, sizeof(*cb));
	cb->seq = tp->write_seq;
	cb->end_seq = tp->write_seq + pkb->len;
	tp->write_seq += pkb->len;
	pkb_enqueue(&tp->write_queue, pkb);
	if (!tp->send_head)
		tp->send_head = pkb;
}

long tcp_send_pkbs(struct tcp_sock *tp, struct pkb_queue *q, int flags)
{
	u32 mss, tail;
	long room = tcp_send_room(tp, &mss, &tail), done = 0;
	struct pkbuf *pkb;

	if (room < 0 && room != -EAGAIN) {
		pkb_queue_purge(q);
		return room;
	}
	while ((pkb = pkb_dequeue(q))) {
		done += pkb->len;
		tcp_queue_pkb(tp, pkb);
	}
	if (!done)
		return 0;
	/* MSG_MORE: hold partial segments until a send without it (Linux). */
	tp->more = flags & MSG_MORE;
	if (flags & MSG_OOB) {
		/* tcp(7): the last byte of the send is the urgent byte; the
		 * urgent pointer points past it (RFC 6093, as BSD and Linux). */
		tp->urg_mode = true;
		tp->snd_up = tp->write_seq;
	}
	tcp_push(tp);
	return done;
}

long tcp_send(struct tcp_sock *tp, const void *buf, size_t len, int flags)
{
	struct pkb_queue q;
	u32 mss, tail, off = 0;
	long room = tcp_send_room(tp, &mss, &tail);

	if (room < 0)
		return room;
	if (len == 0)
		return 0;
	if (len > (size_t)room)
		len = (size_t)room;
	pkb_queue_init(&q);
	while (off < len) {
		u32 n = (u32)(len - off), cap = off ? mss : (tail ? tail : mss);
		struct pkbuf *pkb;

		if (n > cap)
			n = cap;
		pkb = pkb_alloc_uninit(TCP_HEADROOM, mss);
		if (!pkb)
			break;
		memcpy(pkb_put(pkb, n), (const u8 *)buf + off, n);
		pkb_enqueue(&q, pkb);
		off += n;
	}
	if (!off)
		return -ENOMEM;
	return tcp_send_pkbs(tp, &q, flags);
}

/*
 * After the user read: tell the peer if the window opened a lot
 * (RFC 9293 §3.8.6.2.2; Linux's tcp_cleanup_rbuf), or if more than a
 * segment waits for its ACK.
 */
static void tcp_cleanup_rbuf(struct tcp_sock *tp)
{
	u32 end = tp->rcv_wup + tp->rcv_wnd;
	u32 now = tcp_after(end, tp->rcv_nxt) ? end - tp->rcv_nxt : 0;
	u32 space = tcp_rcv_space(tp);

	if (tp->state != TCP_ESTABLISHED && tp->state != TCP_FIN_WAIT1 &&
	    tp->state != TCP_FIN_WAIT2)
		return;
	if (tp->ack_pending && tp->rcv_nxt - tp->rcv_wup > tp->rcv_mss)
		tcp_send_ack(tp);
	else if (space >= 2 * now && space - now >= tp->advmss)
		tcp_send_ack(tp);
	else if (tp->ack_pending && now == 0)
		tcp_send_ack(tp);
}

/* What a read finds when no byte is queued (tcp_recv's rules). */
static long tcp_recv_empty(struct tcp_sock *tp)
{
	if (tp->sk.err)
		return -tcp_sock_error(tp);
	if (tp->rcv_fin || (tp->sk.shutdown & RCV_SHUTDOWN))
		return 0;
	if (tp->state == TCP_CLOSE)
		return tp->synced ? 0 : -ENOTCONN;
	return -EAGAIN;
}

/* Has the urgent byte of the current mark arrived (it is queued until
 * the read position passes it)? */
static bool urg_byte_here(const struct tcp_sock *tp)
{
	return tp->urg_data && !(tp->urg_data & TCP_URG_NOTYET);
}

long tcp_recv_peek(struct tcp_sock *tp, u32 *skip, u32 copied, bool peek, struct pkbuf **out,
		   u32 *off)
{
	struct pkbuf *pkb;
	u32 seq, pos;

	if (tp->state == TCP_LISTEN)
		return -ENOTCONN;
	seq = tp->copied_seq + *skip;
	if (tp->urg_data && tp->urg_seq == seq) {
		if (copied)
			return 0;		/* tcp(7): a read stops at the mark */
		if (!tp->sk.oobinline && urg_byte_here(tp) && tp->sk.receive_queue.bytes > *skip) {
			/* Out of band: the urgent byte is not part of the
			 * stream (recv(MSG_OOB) has it). */
			if (peek)
				(*skip)++;
			else
				tcp_recv_consume(tp, 1);
			seq++;
		}
	}
	pos = *skip;
	for (pkb = pkb_peek(&tp->sk.receive_queue); pkb; pkb = pkb->next) {
		if (pos < pkb->len) {
			u32 n = pkb->len - pos;

			/* A read takes the bytes before the mark in one go and
			 * stops there. */
			if (tp->urg_data && tcp_after(tp->urg_seq, seq) && tp->urg_seq - seq < n)
				n = tp->urg_seq - seq;
			*out = pkb_get(pkb);
			*off = pos;
			return n;
		}
		pos -= pkb->len;
	}
	return tcp_recv_empty(tp);
}

void tcp_recv_consume(struct tcp_sock *tp, u32 n)
{
	struct pkb_queue *q = &tp->sk.receive_queue;

	while (n) {
		struct pkbuf *pkb = pkb_peek(q);
		u32 take;

		NET_ASSERT(pkb);
		take = pkb->len < n ? pkb->len : n;
		tp->copied_seq += take;
		pkb_pull(pkb, take);
		q->bytes -= take;
		n -= take;
		if (pkb->len == 0)
			pkb_free(pkb_dequeue(q));
	}
	/* Read past the urgent byte: that mark is over. */
	if (tp->urg_data && tcp_after(tp->copied_seq, tp->urg_seq))
		tp->urg_data = 0;
}

bool tcp_recv_ready(struct tcp_sock *tp, u32 skip, u32 want)
{
	u32 avail, pos;

	if (tcp_recv_empty(tp) != -EAGAIN)
		return true;
	if (!tp->synced)
		return false;
	avail = tp->rcv_nxt - tp->copied_seq;
	if (avail <= skip)
		return false;
	/* Every byte before a mark ahead is here: the read can end there. */
	pos = tp->copied_seq + skip;
	if (tp->urg_data && !tcp_before(tp->urg_seq, pos) && !tcp_after(tp->urg_seq, tp->rcv_nxt))
		return true;
	return avail - skip >= want;
}

void tcp_recv_done(struct tcp_sock *tp)
{
	tcp_rcv_space_adjust(tp);
	tcp_cleanup_rbuf(tp);
}

long tcp_recv_urg(struct tcp_sock *tp, bool peek, u8 *byte)
{
	if (tp->state == TCP_LISTEN)
		return -ENOTCONN;
	/* Linux: none, inline, or already taken is EINVAL. */
	if (tp->sk.oobinline || !tp->urg_data || tp->urg_data == TCP_URG_READ)
		return -EINVAL;
	if (tp->state == TCP_CLOSE && !tp->rcv_fin)
		return -ENOTCONN;
	if (tp->urg_data & TCP_URG_VALID) {
		*byte = (u8)tp->urg_data;
		if (!peek)
			tp->urg_data = TCP_URG_READ;
		return 1;
	}
	if (tp->state == TCP_CLOSE || (tp->sk.shutdown & RCV_SHUTDOWN))
		return 0;
	return -EAGAIN;		/* BSD and Linux: MSG_OOB never blocks */
}

long tcp_recv(struct tcp_sock *tp, void *buf, size_t len, int flags)
{
	bool peek = flags & MSG_PEEK;
	size_t copied = 0;
	u8 *out = buf;
	u32 skip = 0;
	long r;

	if (flags & MSG_OOB) {
		u8 b;

		r = tcp_recv_urg(tp, peek, &b);
		if (r == 1 && len)
			out[0] = b;
		return r == 1 && !len ? 0 : r;
	}
	if (tp->state == TCP_LISTEN)
		return -ENOTCONN;
	if (len == 0)
		return 0;
	do {
		struct pkbuf *pkb;
		u32 off, n;

		r = tcp_recv_peek(tp, &skip, (u32)copied, peek, &pkb, &off);
		if (r <= 0)
			break;
		n = (u32)r;
		if (n > len - copied)
			n = (u32)(len - copied);
		memcpy(out + copied, pkb->data + off, n);
		pkb_free(pkb);
		copied += n;
		if (peek)
			skip += n;
		else
			tcp_recv_consume(tp, n);
	} while (copied < len);
	if (copied) {
		if (!peek)
			tcp_recv_done(tp);
		return (long)copied;
	}
	return r;
}

int tcp_shutdown(struct tcp_sock *tp, int how)
{
	int mask;

	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	mask = how + 1;                               /* RCV_SHUTDOWN / SEND_SHUTDOWN */
	switch (tp->state) {
	case TCP_CLOSE:
		tp->sk.shutdown |= (u8)mask;
		return -ENOTCONN;
	case TCP_LISTEN:
		if (mask & RCV_SHUTDOWN) {
			tcp_listen_stop(tp);
			tcp_done(tp);
		}
		return 0;
	case TCP_SYN_SENT:
		tcp_done(tp);
		return 0;
	default:
		break;
	}
	tp->sk.shutdown |= (u8)mask;
	if (mask & SEND_SHUTDOWN) {
		if (tp->state == TCP_ESTABLISHED || tp->state == TCP_SYN_RECV) {
			tcp_set_state(tp, TCP_FIN_WAIT1);
			tcp_send_fin(tp);
		} else if (tp->state == TCP_CLOSE_WAIT) {
			tcp_set_state(tp, TCP_LAST_ACK);
			tcp_send_fin(tp);
		}
	}
	tp->sk.state_change(&tp->sk);
	return 0;
}

void tcp_close(struct tcp_sock *tp)
{
	u32 unread = tp->rcv_nxt - tp->copied_seq - (tp->rcv_fin ? 1 : 0);

	orphan(tp);
	switch (tp->state) {
	case TCP_LISTEN:
		tcp_listen_stop(tp);
		tcp_done(tp);
		return;
	case TCP_CLOSE:
		tcp_destroy(tp);
		return;
	case TCP_SYN_SENT:
		tcp_done(tp);
		return;
	default:
		break;
	}
	if (tp->synced && tp->sk.receive_queue.count && unread) {
		/* RFC 9293 §3.10.4 / RFC 2525 §2.17: unread data means the
		 * application lost data: reset, don't pretend an orderly close. */
		NET_INC_STATS(LINUX_MIB_TCPABORTONCLOSE);
		tcp_send_active_reset(tp);
		tcp_done(tp);
		return;
	}
	pkb_queue_purge(&tp->sk.receive_queue);
	tp->sk.shutdown = RCV_SHUTDOWN | SEND_SHUTDOWN;
	switch (tp->state) {
	case TCP_SYN_RECV:
	case TCP_ESTABLISHED:
		tcp_set_state(tp, TCP_FIN_WAIT1);
		tcp_send_fin(tp);
		break;
	case TCP_CLOSE_WAIT:
		tcp_set_state(tp, TCP_LAST_ACK);
		tcp_send_fin(tp);
		break;
	case TCP_FIN_WAIT2:
		tcp_arm_fin_wait2(tp);
		break;
	default:                 /* FIN_WAIT1, CLOSING, LAST_ACK, TIME_WAIT */
		break;
	}
}

int tcp_disconnect(struct tcp_sock *tp)
{
	int old = tp->state;

	switch (old) {
	case TCP_CLOSE:
		break;
	case TCP_LISTEN:
		tcp_listen_stop(tp);
		tcp_done(tp);
		break;
	case TCP_SYN_SENT:
		tp->sk.err = ECONNRESET;
		tcp_done(tp);
		break;
	case TCP_ESTABLISHED:
	case TCP_CLOSE_WAIT:
	case TCP_FIN_WAIT1:
	case TCP_FIN_WAIT2:
	case TCP_SYN_RECV:
		tcp_send_active_reset(tp);
		tp->sk.err = ECONNRESET;
		tcp_done(tp);
		break;
	default:		/* CLOSING, LAST_ACK, TIME_WAIT */
		if ((old == TCP_CLOSING || old == TCP_LAST_ACK) && tp->snd_nxt != tp->write_seq) {
			tcp_send_active_reset(tp);
			tp->sk.err = ECONNRESET;
		}
		tcp_done(tp);
		break;
	}
	pkb_queue_purge(&tp->sk.receive_queue);
	tp->sk.shutdown = 0;
	tp->sk.daddr = 0;
	tp->sk.dport = 0;
	if (!tp->user_bound)
		tp->sk.saddr = 0;
	tp->synced = false;
	tp->rcv_fin = false;
	tp->fin_queued = false;
	tp->urg_data = 0;
	tp->copied_seq = tp->rcv_nxt;
	/* Loss recovery's memory belongs to the old connection. */
	memset(&tp->rack, 0, sizeof(tp->rack));
	tp->tlp_on = tp->undo_on = false;
	if (old != TCP_CLOSE)
		tp->sk.error_report(&tp->sk);
	return 0;
}

void tcp_abort(struct tcp_sock *tp)
{
	orphan(tp);
	switch (tp->state) {
	case TCP_CLOSE:
		tcp_destroy(tp);
		return;
	case TCP_LISTEN:
		tcp_listen_stop(tp);
		break;
	case TCP_SYN_SENT:
	case TCP_TIME_WAIT:
		break;
	default:
		NET_INC_STATS(LINUX_MIB_TCPABORTONLINGER);
		tcp_send_active_reset(tp);
		break;
	}
	tcp_done(tp);
}

u32 tcp_inq(const struct tcp_sock *tp)
{
	if (tp->state == TCP_LISTEN || !tp->synced)
		return 0;
	/* Linux: with an out-of-band byte ahead, what is before the mark. */
	if (!tp->sk.oobinline && tp->urg_data && !tcp_before(tp->urg_seq, tp->copied_seq) &&
	    tcp_before(tp->urg_seq, tp->rcv_nxt))
		return tp->urg_seq - tp->copied_seq;
	return tp->rcv_nxt - tp->copied_seq - (tp->rcv_fin ? 1 : 0);
}

u32 tcp_inq_hint(const struct tcp_sock *tp)
{
	if (tp->state == TCP_LISTEN || !tp->synced)
		return 0;
	return tp->rcv_nxt - tp->copied_seq;	/* a FIN counts: "read on" */
}

bool tcp_atmark(const struct tcp_sock *tp)
{
	return tp->urg_data && tp->urg_seq == tp->copied_seq;
}

u32 tcp_outq(const struct tcp_sock *tp)
{
	if (tp->state == TCP_LISTEN || tp->state == TCP_CLOSE)
		return 0;
	return tp->write_seq - tp->snd_una - (tp->fin_queued ? 1 : 0) -
	       (tp->state == TCP_SYN_SENT || tp->state == TCP_SYN_RECV ? 1 : 0);
}

/*
 * Readable as Linux's tcp_poll decides: SO_RCVLOWAT bytes are queued
 * (one more while the read position is at an out-of-band urgent byte,
 * which a read does not return), or any when the window we offered is
 * down to a segment (the peer cannot send the rest).
 */
static bool tcp_readable(const struct tcp_sock *tp)
{
	u32 avail = tp->rcv_nxt - tp->copied_seq, target = tp->sk.rcvlowat > 1 ?
			(u32)tp->sk.rcvlowat : 1;
	u32 end = tp->rcv_wup + tp->rcv_wnd;

	if (!avail || !tp->sk.receive_queue.count)
		return false;
	if (tp->urg_data && tp->urg_seq == tp->copied_seq && !tp->sk.oobinline)
		target++;
	return avail >= target || !tcp_after(end, tp->rcv_nxt + tp->rcv_mss);
}

u32 tcp_poll(struct tcp_sock *tp)
{
	struct sock *sk = &tp->sk;
	u32 mask = 0;

	if (tp->state == TCP_LISTEN)
		return tp->accept_first ? EPOLLIN | EPOLLRDNORM : 0;
	if (sk->shutdown == (RCV_SHUTDOWN | SEND_SHUTDOWN) || tp->state == TCP_CLOSE)
		mask |= EPOLLHUP;
	if (sk->shutdown & RCV_SHUTDOWN)
		mask |= EPOLLIN | EPOLLRDNORM | EPOLLRDHUP;
	if (tp->state != TCP_SYN_SENT && tp->state != TCP_SYN_RECV) {
		if (tcp_readable(tp))
			mask |= EPOLLIN | EPOLLRDNORM;
		if (sk->shutdown & SEND_SHUTDOWN)
			mask |= EPOLLOUT | EPOLLWRNORM;
		else if (tcp_stream_writeable(tp) ||
			 tp->state == TCP_CLOSE)
			mask |= EPOLLOUT | EPOLLWRNORM;
		/* poll(2): urgent data is the "priority" condition. */
		if (tp->urg_data & TCP_URG_VALID)
			mask |= EPOLLPRI;
	}
	if (sk->err)
		mask |= EPOLLERR;
	return mask;
}

int tcp_set_keepalive(struct tcp_sock *tp, bool on)
{
	tp->sk.keepalive = on;
	if (tp->state != TCP_ESTABLISHED && tp->state != TCP_CLOSE_WAIT &&
	    tp->state != TCP_FIN_WAIT1)
		return 0;
	if (on)
		net_timer_arm_in(&tp->keep_timer, (u64)tp->keepidle * NSEC_PER_SEC);
	else
		net_timer_cancel(&tp->keep_timer);
	return 0;
}

/* TCP_DEFER_ACCEPT's seconds as SYN-ACK timeouts (1 s, doubling up to
 * TCP_RTO_MAX) that cover them, and back: Linux's rounding (5 s are
 * three timeouts, read back as 1 + 2 + 4 = 7 s). */
static u8 secs_to_timeouts(int secs)
{
	int period = TCP_TIMEOUT_INIT_MS / 1000, t = period;
	u8 n;

	if (secs <= 0)
		return 0;
	for (n = 1; secs > period && n < 255; n++) {
		t = 2 * t > TCP_RTO_MAX_MS / 1000 ? TCP_RTO_MAX_MS / 1000 : 2 * t;
		period += t;
	}
	return n;
}

static int timeouts_to_secs(u8 n)
{
	int t = TCP_TIMEOUT_INIT_MS / 1000, period = n ? t : 0;

	while (n-- > 1) {
		t = 2 * t > TCP_RTO_MAX_MS / 1000 ? TCP_RTO_MAX_MS / 1000 : 2 * t;
		period += t;
	}
	return period;
}

/* TCP_QUICKACK (tcp(7)): 0 makes the flow "interactive" (ACKs wait to
 * ride on replies); 1 leaves that mode and sends an ACK that waits. */
static void tcp_set_quickack(struct tcp_sock *tp, int val)
{
	if (!val) {
		tp->pingpong = TCP_PINGPONG_THRESH;
		return;
	}
	tp->pingpong = 0;
	if ((tp->state == TCP_ESTABLISHED || tp->state == TCP_CLOSE_WAIT) && tp->ack_pending) {
		tcp_send_ack(tp);
		if (!(val & 1))
			tp->pingpong = TCP_PINGPONG_THRESH;
	}
}

/* The largest window the connection may offer: TCP_WINDOW_CLAMP's
 * value as Linux reads it back once a connection has chosen one. */
static u32 tcp_full_window(const struct tcp_sock *tp)
{
	u32 max = 65535u << tp->rcv_wscale;

	return tp->sk.rcvbuf < max ? tp->sk.rcvbuf : max;
}

int tcp_setsockopt(struct tcp_sock *tp, int optname, int val)
{
	switch (optname) {
	case TCP_NODELAY:
		tp->nodelay = val != 0;
		if (tp->nodelay)
			tcp_push(tp);
		return 0;
	case TCP_CORK:
		tp->cork = val != 0;
		if (!tp->cork)
			tcp_push(tp);
		return 0;
	case TCP_MAXSEG:
		/* Linux: 0 (none) or TCP_MIN_MSS (88) .. MAX_TCP_WINDOW (32767). */
		if (val && (val < 88 || val > 32767))
			return -EINVAL;
		tp->user_mss = (u16)val;
		return 0;
	case TCP_KEEPIDLE:
	case TCP_KEEPINTVL:
		if (val < 1 || val > 32767)
			return -EINVAL;
		if (optname == TCP_KEEPIDLE) {
			tp->keepidle = (u32)val;
			if (tp->sk.keepalive)
				tcp_set_keepalive(tp, true);
		} else {
			tp->keepintvl = (u32)val;
		}
		return 0;
	case TCP_KEEPCNT:
		if (val < 1 || val > 127)
			return -EINVAL;
		tp->keepcnt = (u32)val;
		return 0;
	case TCP_SYNCNT:
		if (val < 1 || val > 127)
			return -EINVAL;
		tp->syn_retries = (u8)val;
		return 0;
	case TCP_LINGER2:
		/* Linux: negative is "reset at once", at most 120 s. */
		tp->linger2_s = val < 0 ? -1 : (val > 120 ? 120 : val);
		return 0;
	case TCP_DEFER_ACCEPT:
		tp->defer_accept = secs_to_timeouts(val);
		return 0;
	case TCP_WINDOW_CLAMP:
		if (!val) {
			if (tp->state != TCP_CLOSE)
				return -EINVAL;
			tp->window_clamp = 0;
		} else {
			tp->window_clamp = val < TCP_MIN_WINDOW_CLAMP ? TCP_MIN_WINDOW_CLAMP : (u32)val;
		}
		return 0;
	case TCP_QUICKACK:
		tcp_set_quickack(tp, val);
		return 0;
	case TCP_USER_TIMEOUT:
		if (val < 0)
			return -EINVAL;
		tp->user_timeout_ms = (u32)val;
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

int tcp_getsockopt(struct tcp_sock *tp, int optname, int *val)
{
	switch (optname) {
	case TCP_NODELAY:
		*val = tp->nodelay;
		return 0;
	case TCP_CORK:
		*val = tp->cork;
		return 0;
	case TCP_MAXSEG:
		/* Linux: the user's value until a connection has an MSS. */
		*val = tp->user_mss && (tp->state == TCP_CLOSE || tp->state == TCP_LISTEN) ?
		       tp->user_mss : tp->mss_cache;
		return 0;
	case TCP_KEEPIDLE:
		*val = (int)tp->keepidle;
		return 0;
	case TCP_KEEPINTVL:
		*val = (int)tp->keepintvl;
		return 0;
	case TCP_KEEPCNT:
		*val = (int)tp->keepcnt;
		return 0;
	case TCP_SYNCNT:
		*val = tp->syn_retries ? tp->syn_retries : TCP_SYN_RETRIES;
		return 0;
	case TCP_LINGER2:
		*val = tp->linger2_s < 0 ? -1 :
		       (tp->linger2_s ? tp->linger2_s : TCP_FIN_TIMEOUT_MS / 1000);
		return 0;
	case TCP_DEFER_ACCEPT:
		*val = timeouts_to_secs(tp->defer_accept);
		return 0;
	case TCP_WINDOW_CLAMP:
		if (tp->window_clamp || tp->state == TCP_CLOSE || tp->state == TCP_LISTEN)
			*val = (int)tp->window_clamp;
		else
			*val = (int)tcp_full_window(tp);
		return 0;
	case TCP_QUICKACK:
		*val = !tcp_in_pingpong_mode(tp);
		return 0;
	case TCP_USER_TIMEOUT:
		*val = (int)tp->user_timeout_ms;
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

void tcp_getname(struct tcp_sock *tp, be32 *addr, be16 *port, bool peer)
{
	*addr = peer ? tp->sk.daddr : tp->sk.saddr;
	*port = peer ? tp->sk.dport : tp->sk.sport;
}

static u32 ms_since(u64 then_ns)
{
	return then_ns ? (u32)((net_now_ns() - then_ns) / NSEC_PER_MSEC) : 0;
}

void tcp_get_info(struct tcp_sock *tp, struct tcp_info *info)
{
	memset(info, 0, sizeof(*info));
	info->tcpi_state = tp->state;
	info->tcpi_ca_state = tp->ca_state;
	info->tcpi_retransmits = tp->retransmits;
	info->tcpi_probes = tp->probes_out;
	info->tcpi_backoff = tp->backoff;
	if (tp->tstamp_ok)
		info->tcpi_options |= TCPI_OPT_TIMESTAMPS;
	if (tp->sack_ok)
		info->tcpi_options |= TCPI_OPT_SACK;
	if (tp->wscale_ok) {
		info->tcpi_options |= TCPI_OPT_WSCALE;
		info->tcpi_wscale = TCPI_WSCALE(tp->snd_wscale, tp->rcv_wscale);
	}
	info->tcpi_rto = tp->rto_ms * 1000;
	info->tcpi_ato = tp->ato_ms * 1000;
	info->tcpi_snd_mss = tp->mss_cache;
	info->tcpi_rcv_mss = tp->rcv_mss;
	info->tcpi_unacked = tp->packets_out;
	info->tcpi_sacked = tp->sacked_out;
	info->tcpi_lost = tp->lost_out;
	info->tcpi_retrans = tp->retrans_out;
	info->tcpi_last_data_sent = ms_since(tp->last_snd_ns);
	info->tcpi_last_data_recv = ms_since(tp->last_rcv_ns);
	info->tcpi_last_ack_recv = ms_since(tp->last_rcv_ns);
	info->tcpi_pmtu = tp->pmtu;
	info->tcpi_rcv_ssthresh = tp->rcv_wnd;
	info->tcpi_rtt = tp->srtt_us;
	info->tcpi_rttvar = tp->rttvar_us;
	info->tcpi_snd_ssthresh = tp->snd_ssthresh;
	info->tcpi_snd_cwnd = tp->snd_cwnd;
	info->tcpi_advmss = tp->advmss;
	info->tcpi_reordering = 3;
	info->tcpi_rcv_space = tcp_rcv_space(tp);
	info->tcpi_total_retrans = tp->total_retrans;
	info->tcpi_bytes_acked = tp->bytes_acked;
	info->tcpi_bytes_received = tp->bytes_received;
	info->tcpi_segs_out = tp->segs_out;
	info->tcpi_segs_in = tp->segs_in;
	info->tcpi_notsent_bytes = tp->send_head ?
		tp->write_seq - TCP_SKB_CB(tp->send_head)->seq : 0;
	info->tcpi_min_rtt = tp->rtt_min_us;
	info->tcpi_data_segs_in = tp->data_segs_in;
	info->tcpi_data_segs_out = tp->data_segs_out;
	info->tcpi_delivered = tp->delivered;
	info->tcpi_snd_wnd = tp->snd_wnd;
}
