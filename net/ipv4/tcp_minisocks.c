/*
 * Passive opens: a listener's SYN queue (embryonic SYN_RECV children),
 * its accept queue, and SYN cookies when the SYN queue overflows
 * (RFC 4987 §3.6).  Linux's rules for the limits: the SYN queue holds at
 * most `backlog` embryos; the accept queue is full when it holds more
 * than `backlog` connections.
 */
#include <net/tcp.h>

bool tcp_syncookies_enabled = true;

/* Cookies are only checked for a while after we last sent one. */
#define COOKIE_RECENT_NS (120ull * NSEC_PER_SEC)

static bool accept_queue_full(const struct tcp_sock *lp)
{
	return lp->accept_qlen > lp->backlog;
}

static void syn_queue_add(struct tcp_sock *lp, struct tcp_sock *child)
{
	child->syn_next = lp->syn_queue;
	lp->syn_queue = child;
	lp->syn_qlen++;
}

static void accept_queue_add(struct tcp_sock *lp, struct tcp_sock *child)
{
	child->syn_next = NULL;
	if (lp->accept_last)
		lp->accept_last->syn_next = child;
	else
		lp->accept_first = child;
	lp->accept_last = child;
	lp->accept_qlen++;
}

/* Remove a child from whichever of its listener's queues holds it. */
void tcp_child_unlink(struct tcp_sock *child)
{
	struct tcp_sock *lp = child->parent, **pp, *prev = NULL;

	if (!lp)
		return;
	for (pp = &lp->syn_queue; *pp; pp = &(*pp)->syn_next) {
		if (*pp == child) {
			*pp = child->syn_next;
			lp->syn_qlen--;
			goto out;
		}
	}
	for (pp = &lp->accept_first; *pp; prev = *pp, pp = &(*pp)->syn_next) {
		if (*pp == child) {
			*pp = child->syn_next;
			if (lp->accept_last == child)
				lp->accept_last = prev;
			lp->accept_qlen--;
			goto out;
		}
	}
out:
	child->syn_next = NULL;
	child->parent = NULL;
}

bool tcp_child_may_establish(struct tcp_sock *child)
{
	if (!accept_queue_full(child->parent))
		return true;
	NET_INC_STATS(LINUX_MIB_LISTENOVERFLOWS);
	NET_INC_STATS(LINUX_MIB_LISTENDROPS);
	return false;
}

/* The handshake completed: from the SYN queue to the accept queue. */
void tcp_child_established(struct tcp_sock *child)
{
	struct tcp_sock *lp = child->parent;

	NET_ASSERT(lp);
	tcp_child_unlink(child);
	child->parent = lp;
	child->user_closed = false;           /* the accept queue owns it now */
	accept_queue_add(lp, child);
	TCP_INC_STATS(TCP_MIB_PASSIVEOPENS);
	lp->sk.data_ready(&lp->sk);
}

/* Closing a listener: embryos vanish, unaccepted connections are reset. */
void tcp_listen_stop(struct tcp_sock *lp)
{
	struct tcp_sock *c;

	while ((c = lp->syn_queue)) {
		tcp_child_unlink(c);
		c->user_closed = true;
		tcp_done(c);
	}
	while ((c = lp->accept_first)) {
		tcp_child_unlink(c);
		tcp_abort(c);
	}
	tcp_unhash(lp);
}

/*
 * SYN cookies and options (Linux's scheme): when the SYN had timestamps,
 * the low 6 bits of our TSval carry the peer's window scale (0xf: none)
 * and SACK-permitted, so the final ACK's TSecr brings them back.
 */
#define TS_OPT_WSCALE_MASK 0x0f
#define TS_OPT_SACK 0x10
#define TS_OPT_MASK 0x3f

static u32 cookie_tsval(const struct tcp_sock *lp, const struct tcp_opts *opt)
{
	u32 now = tcp_time_stamp_ms(lp), ts;
	u32 options = opt->saw_wscale ? opt->wscale : TS_OPT_WSCALE_MASK;

	if (opt->saw_sack_perm)
		options |= TS_OPT_SACK;
	ts = (now & ~(u32)TS_OPT_MASK) | options;
	if (tcp_after(ts, now))
		ts -= TS_OPT_MASK + 1;                 /* never ahead of our clock */
	return ts;
}

/* The options a cookie ACK stands for: the MSS from the cookie, the rest
 * from the TSecr (only if it echoes a time we could have sent). */
static void cookie_decode_options(const struct tcp_sock *lp, const struct tcp_opts *ack_opt,
				  u16 mss, struct tcp_opts *out)
{
	memset(out, 0, sizeof(*out));
	out->saw_mss = true;
	out->mss = mss;
	if (ack_opt->saw_tstamp && ack_opt->tsecr &&
	    !tcp_after(ack_opt->tsecr, tcp_time_stamp_ms(lp))) {
		u32 o = ack_opt->tsecr & TS_OPT_MASK;

		out->saw_tstamp = true;
		out->tsval = ack_opt->tsval;
		out->tsecr = ack_opt->tsecr;
		out->saw_sack_perm = o & TS_OPT_SACK;
		if ((o & TS_OPT_WSCALE_MASK) != TS_OPT_WSCALE_MASK) {
			out->saw_wscale = true;
			out->wscale = (u8)(o & TS_OPT_WSCALE_MASK) > TCP_MAX_WSCALE ?
				      TCP_MAX_WSCALE : (u8)(o & TS_OPT_WSCALE_MASK);
		}
	}
}

static u16 cookie_window(const struct tcp_sock *lp)
{
	u32 w = lp->sk.rcvbuf;

	if (lp->window_clamp && w > lp->window_clamp)
		w = lp->window_clamp;
	return w < 65535 ? (u16)w : 65535;
}

/* A connection for a SYN (or a valid cookie ACK) to listener lp. */
static struct tcp_sock *tcp_create_child(struct tcp_sock *lp, const struct tcphdr *th,
					 const struct tcp_opts *opt, be32 raddr, be32 laddr,
					 u32 isn_peer, u32 iss, bool cookie)
{
	struct route_result rt;
	struct tcp_sock *c;
	struct sock *sk;

	if (!tcp_ip || tcp_ip->route(raddr, lp->sk.bound_ifindex, &rt))
		return NULL;
	c = tcp_create();
	if (!c)
		return NULL;
	sk = &c->sk;
	sk->saddr = laddr;
	sk->sport = th->dest;
	sk->daddr = raddr;
	sk->dport = th->source;
	/* Linux clones the listener: socket(7) settings carry over. */
	sk->rcvbuf = lp->sk.rcvbuf;
	sk->sndbuf = lp->sk.sndbuf;
	sk->userlocks = lp->sk.userlocks;
	sk->keepalive = lp->sk.keepalive;
	sk->ttl = lp->sk.ttl;
	sk->tos = lp->sk.tos;
	sk->bound_ifindex = lp->sk.bound_ifindex;
	sk->reuseaddr = lp->sk.reuseaddr;
	sk->reuseport = lp->sk.reuseport;
	sk->oobinline = lp->sk.oobinline;
	sk->dontroute = lp->sk.dontroute;
	sk->rcvlowat = lp->sk.rcvlowat;
	sk->priority = lp->sk.priority;
	sk->pmtudisc = lp->sk.pmtudisc;
	c->uid = lp->uid;
	c->window_clamp = lp->window_clamp;
	c->syn_retries = lp->syn_retries;
	c->synack_retries = lp->syn_retries;	/* Linux: the listener's TCP_SYNCNT */
	c->nodelay = lp->nodelay;
	c->keepidle = lp->keepidle;
	c->keepintvl = lp->keepintvl;
	c->keepcnt = lp->keepcnt;
	c->user_mss = lp->user_mss;
	c->linger2_s = lp->linger2_s;
	c->user_timeout_ms = lp->user_timeout_ms;
	c->cong = lp->cong;
	tcp_cong_init(c);
	c->advmss = tcp_mtu_to_mss(rt.mtu);
	if (c->user_mss && c->advmss > c->user_mss)
		c->advmss = c->user_mss;
	c->pmtu = rt.mtu;
	c->irs = isn_peer;
	c->rcv_nxt = c->rcv_wup = c->copied_seq = isn_peer + 1;
	c->iss = iss;
	if (cookie) {
		/* Our SYN,ACK's timestamps came from the listener's clock. */
		c->ts_offset = lp->ts_offset;
		c->from_cookie = true;
	}
	tcp_init_buffers(c);
	tcp_apply_syn_options(c, opt);
	c->snd_wnd = net_ntohs(th->window);
	c->snd_wl1 = isn_peer;
	c->parent = lp;
	c->user_closed = true;                   /* nobody's until accepted */
	tcp_bind_child(c);
	tcp_hash(c);
	return c;
}

/* A SYN-ACK carrying a cookie: no state kept (RFC 4987 §3.6).  Options
 * as tcp_write_options() lays them out for a SYN-ACK. */
static void send_cookie_synack(struct tcp_sock *lp, const struct tcphdr *th,
			       const struct tcp_opts *opt, be32 raddr, be32 laddr, u32 cookie,
			       u16 mss)
{
	struct pkbuf *pkb = pkb_alloc(NET_HEADROOM + 20 + 40, 0);
	u8 opts[40], *o = opts;
	struct tcphdr *h;
	u32 optlen;

	if (!pkb)
		return;
	*o++ = TCPOPT_MSS;
	*o++ = 4;
	*o++ = (u8)(mss >> 8);
	*o++ = (u8)mss;
	if (opt->saw_tstamp) {
		u32 tsval = cookie_tsval(lp, opt), tsecr = opt->tsval;

		if (opt->saw_sack_perm) {
			*o++ = TCPOPT_SACK_PERM;
			*o++ = 2;
		} else {
			*o++ = TCPOPT_NOP;
			*o++ = TCPOPT_NOP;
		}
		*o++ = TCPOPT_TIMESTAMP;
		*o++ = 10;
		tsval = net_htonl(tsval);
		tsecr = net_htonl(tsecr);
		memcpy(o, &tsval, 4);
		memcpy(o + 4, &tsecr, 4);
		o += 8;
		if (opt->saw_wscale) {
			*o++ = TCPOPT_NOP;
			*o++ = TCPOPT_WSCALE;
			*o++ = 3;
			*o++ = tcp_choose_wscale(lp);	/* the child's, which inherits */
		}
	}
	optlen = (u32)(o - opts);
	h = pkb_push(pkb, sizeof(*h) + optlen);
	memset(h, 0, sizeof(*h));
	memcpy(h + 1, opts, optlen);
	h->source = th->dest;
	h->dest = th->source;
	h->seq = net_htonl(cookie);
	h->ack_seq = net_htonl(net_ntohl(th->seq) + 1);
	h->doff = (u8)(((sizeof(*h) + optlen) / 4) << 4);
	h->flags = TCPHDR_SYN | TCPHDR_ACK;
	h->window = net_htons(cookie_window(lp));
	TCP_INC_STATS(TCP_MIB_OUTSEGS);
	tcp_v4_send(pkb, laddr, raddr, lp->sk.ttl, lp->sk.tos, lp->sk.bound_ifindex);
}

/* An ACK to a listener may complete a cookie handshake. */
static void tcp_cookie_ack(struct tcp_sock *lp, struct pkbuf *pkb, const struct tcphdr *th,
			   const struct tcp_opts *opt, be32 raddr, be32 laddr)
{
	u32 seq = net_ntohl(th->seq), ack = net_ntohl(th->ack_seq);
	struct tcp_opts dec;
	struct tcp_sock *c;
	u16 mss;

	if (!tcp_syncookies_enabled || !lp->last_cookie_ns ||
	    net_now_ns() - lp->last_cookie_ns > COOKIE_RECENT_NS ||
	    (th->flags & (TCPHDR_RST | TCPHDR_SYN | TCPHDR_ACK)) != TCPHDR_ACK)
		goto reset;
	mss = tcp_cookie_check(raddr, laddr, th->source, th->dest, seq - 1, ack - 1);
	if (!mss) {
		NET_INC_STATS(LINUX_MIB_SYNCOOKIESFAILED);
		goto reset;
	}
	NET_INC_STATS(LINUX_MIB_SYNCOOKIESRECV);
	if (accept_queue_full(lp)) {
		NET_INC_STATS(LINUX_MIB_LISTENOVERFLOWS);
		NET_INC_STATS(LINUX_MIB_LISTENDROPS);
		pkb_free(pkb);
		return;
	}
	cookie_decode_options(lp, opt, mss, &dec);
	c = tcp_create_child(lp, th, &dec, raddr, laddr, seq - 1, ack - 1, true);
	if (!c) {
		NET_INC_STATS(LINUX_MIB_LISTENDROPS);
		pkb_free(pkb);
		return;
	}
	c->snd_una = c->snd_nxt = c->write_seq = ack;
	c->snd_sml = ack;
	c->rcv_wnd = cookie_window(lp);          /* what the cookie SYN-ACK offered */
	tcp_set_state(c, TCP_ESTABLISHED);
	tcp_finish_connect(c, th, seq, ack);
	tcp_child_established(c);
	/* The ACK may carry data: process it as the new connection's. */
	tcp_rcv_state_process(c, pkb, th, opt);
	return;
reset:
	tcp_send_reset_for(pkb, th, raddr, laddr, pkb->len);
	pkb_free(pkb);
}

/* RFC 9293 §3.10.7.2: a segment for a LISTEN socket. */
void tcp_rcv_listen(struct tcp_sock *lp, struct pkbuf *pkb, const struct tcphdr *th,
		    const struct tcp_opts *opt, be32 raddr, be32 laddr)
{
	u32 seq = net_ntohl(th->seq);
	struct tcp_sock *c;

	if (th->flags & TCPHDR_RST)
		goto drop;
	if (th->flags & TCPHDR_ACK) {
		if (th->flags & TCPHDR_SYN)
			goto reset;
		tcp_cookie_ack(lp, pkb, th, opt, raddr, laddr);
		return;
	}
	if (!(th->flags & TCPHDR_SYN))
		goto drop;
	if (accept_queue_full(lp)) {
		NET_INC_STATS(LINUX_MIB_LISTENOVERFLOWS);
		NET_INC_STATS(LINUX_MIB_LISTENDROPS);
		goto drop;
	}
	if (lp->syn_qlen >= lp->backlog || lp->syn_qlen >= SOMAXCONN) {
		u16 mss;
		u32 cookie;

		if (!tcp_syncookies_enabled) {
			NET_INC_STATS(LINUX_MIB_TCPREQQFULLDROP);
			NET_INC_STATS(LINUX_MIB_LISTENDROPS);
			goto drop;
		}
		mss = opt->saw_mss ? opt->mss : TCP_MSS_DEFAULT;
		cookie = tcp_cookie_make(raddr, laddr, th->source, th->dest, seq, &mss);
		NET_INC_STATS(LINUX_MIB_TCPREQQFULLDOCOOKIES);
		NET_INC_STATS(LINUX_MIB_SYNCOOKIESSENT);
		lp->last_cookie_ns = net_now_ns();
		if (!lp->last_cookie_ns)
			lp->last_cookie_ns = 1;
		send_cookie_synack(lp, th, opt, raddr, laddr, cookie, mss);
		goto drop;
	}
	c = tcp_create_child(lp, th, opt, raddr, laddr, seq,
			     tcp_isn(laddr, raddr, th->dest, th->source), false);
	if (!c) {
		NET_INC_STATS(LINUX_MIB_LISTENDROPS);
		goto drop;
	}
	tcp_set_state(c, TCP_SYN_RECV);
	syn_queue_add(lp, c);
	c->ts_recent = opt->tsval;
	tcp_send_synack(c);
	goto drop;
reset:
	tcp_send_reset_for(pkb, th, raddr, laddr, pkb->len + 1);
drop:
	pkb_free(pkb);
}
