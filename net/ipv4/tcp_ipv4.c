/*
 * TCP over IPv4: connection tables, segment demultiplexing, the protocol
 * entry points, RSTs for segments nobody owns, and ISN selection.
 *
 * Tables: ehash finds a connection by its 4-tuple (SYN_SENT onwards,
 * including SYN_RECV children and TIME_WAIT); lhash finds listeners by
 * local port; bhash holds every socket owning a local port, for bind(2)
 * conflicts and ephemeral port choice.  A global list holds every
 * tcp_sock for /proc/net/tcp and leak checks.
 */
#include <net/checksum.h>
#include <net/tcp.h>
#include <uapi/icmp.h>
#include <uapi/time.h>		/* USER_HZ */

#define EHASH_SIZE 1024
#define PHASH_SIZE 256

static struct tcp_sock *ehash[EHASH_SIZE];
static struct tcp_sock *bhash[PHASH_SIZE];
static struct tcp_sock *lhash[PHASH_SIZE];
static struct tcp_sock *all_socks;

const struct tcp_ip_ops *tcp_ip;

void tcp_set_ip_ops(const struct tcp_ip_ops *ops)
{
	tcp_ip = ops;
}

const struct net_protocol tcp_protocol_ops = {
	.protocol = IPPROTO_TCP,
	.rcv = tcp_v4_rcv,
	.err = tcp_v4_err,
};

static u32 ehashfn(be32 laddr, be16 lport, be32 raddr, be16 rport)
{
	u32 h = laddr ^ (raddr * 0x9e3779b1u) ^ ((u32)lport << 16 | rport);

	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	return h & (EHASH_SIZE - 1);
}

static u32 phashfn(be16 port)
{
	return net_ntohs(port) & (PHASH_SIZE - 1);
}

void tcp_track(struct tcp_sock *tp)
{
	tp->all_next = all_socks;
	if (all_socks)
		all_socks->all_pprev = &tp->all_next;
	all_socks = tp;
	tp->all_pprev = &all_socks;
}

void tcp_untrack(struct tcp_sock *tp)
{
	if (!tp->all_pprev)
		return;
	*tp->all_pprev = tp->all_next;
	if (tp->all_next)
		tp->all_next->all_pprev = tp->all_pprev;
	tp->all_pprev = NULL;
	tp->all_next = NULL;
}

void tcp_for_each(void (*fn)(struct tcp_sock *tp, void *arg), void *arg)
{
	struct tcp_sock *tp, *next;

	for (tp = all_socks; tp; tp = next) {
		next = tp->all_next;
		fn(tp, arg);
	}
}

static void unlink_from(struct tcp_sock **head, struct tcp_sock *tp, size_t link_off)
{
	struct tcp_sock **pp = head;

	while (*pp) {
		struct tcp_sock **next = (struct tcp_sock **)((char *)*pp + link_off);

		if (*pp == tp) {
			*pp = *next;
			*next = NULL;
			return;
		}
		pp = next;
	}
}

void tcp_hash(struct tcp_sock *tp)
{
	struct sock *sk = &tp->sk;
	u32 h;

	if (tp->state == TCP_LISTEN) {
		if (tp->in_lhash)
			return;
		h = phashfn(sk->sport);
		tp->lhash_next = lhash[h];
		lhash[h] = tp;
		tp->in_lhash = true;
		return;
	}
	if (tp->in_ehash)
		return;
	h = ehashfn(sk->saddr, sk->sport, sk->daddr, sk->dport);
	tp->ehash_next = ehash[h];
	ehash[h] = tp;
	tp->in_ehash = true;
}

void tcp_unhash(struct tcp_sock *tp)
{
	struct sock *sk = &tp->sk;

	if (tp->in_ehash) {
		unlink_from(&ehash[ehashfn(sk->saddr, sk->sport, sk->daddr, sk->dport)], tp,
			    __builtin_offsetof(struct tcp_sock, ehash_next));
		tp->in_ehash = false;
	}
	if (tp->in_lhash) {
		unlink_from(&lhash[phashfn(sk->sport)], tp,
			    __builtin_offsetof(struct tcp_sock, lhash_next));
		tp->in_lhash = false;
	}
}

struct tcp_sock *tcp_lookup_established(be32 laddr, be16 lport, be32 raddr, be16 rport)
{
	struct tcp_sock *tp;

	for (tp = ehash[ehashfn(laddr, lport, raddr, rport)]; tp; tp = tp->ehash_next) {
		struct sock *sk = &tp->sk;

		if (sk->saddr == laddr && sk->sport == lport && sk->daddr == raddr &&
		    sk->dport == rport)
			return tp;
	}
	return NULL;
}

/* A listener on lport; one bound to laddr exactly wins over a wildcard. */
struct tcp_sock *tcp_lookup_listener(be32 laddr, be16 lport)
{
	struct tcp_sock *tp, *wild = NULL;

	for (tp = lhash[phashfn(lport)]; tp; tp = tp->lhash_next) {
		if (tp->sk.sport != lport)
			continue;
		if (tp->sk.saddr == laddr)
			return tp;
		if (tp->sk.saddr == 0 && !wild)
			wild = tp;
	}
	return wild;
}

/*
 * bind(2) conflicts, as Linux decides them for TCP (its
 * inet_csk_bind_conflict): two sockets may share a port when they are
 * bound to different devices or addresses (neither a wildcard), or when
 * both set SO_REUSEADDR and the other is not listening, or both set
 * SO_REUSEPORT and belong to the same user (or the other is in
 * TIME_WAIT).  The same test runs again at listen(2), when the other
 * socket may have started listening meanwhile.
 */
static bool bind_conflict(const struct tcp_sock *tp, be32 addr, u16 port)
{
	const struct tcp_sock *o;

	for (o = bhash[phashfn(net_htons(port))]; o; o = o->bhash_next) {
		if (o == tp || o->sk.sport != net_htons(port))
			continue;
		if (tp->sk.bound_ifindex && o->sk.bound_ifindex &&
		    tp->sk.bound_ifindex != o->sk.bound_ifindex)
			continue;
		if (addr && o->sk.saddr && addr != o->sk.saddr)
			continue;
		if (tp->sk.reuseaddr && o->sk.reuseaddr && o->state != TCP_LISTEN)
			continue;
		if (tp->sk.reuseport && o->sk.reuseport &&
		    (o->state == TCP_TIME_WAIT || o->uid == tp->uid))
			continue;
		return true;
	}
	return false;
}

bool tcp_listen_conflict(const struct tcp_sock *tp)
{
	return bind_conflict(tp, tp->sk.saddr, net_ntohs(tp->sk.sport));
}

static void bhash_add(struct tcp_sock *tp)
{
	u32 h = phashfn(tp->sk.sport);

	tp->bhash_next = bhash[h];
	bhash[h] = tp;
	tp->bound = true;
}

int tcp_bind_port(struct tcp_sock *tp, be32 addr, u16 port)
{
	if (tp->bound)
		return -EINVAL;
	if (port == 0) {
		tp->sk.saddr = addr;
		return tcp_pick_port(tp);
	}
	if (bind_conflict(tp, addr, port))
		return -EADDRINUSE;
	tp->sk.saddr = addr;
	tp->sk.sport = net_htons(port);
	bhash_add(tp);
	return 0;
}

/* An ephemeral port nobody holds, starting at a random offset. */
int tcp_pick_port(struct tcp_sock *tp)
{
	u16 low, high;
	u32 range, off, i;

	inet_get_local_port_range(&low, &high);   /* net.ipv4.ip_local_port_range */
	range = (u32)high - low + 1;
	off = net_random_u32() % range;

	for (i = 0; i < range; i++) {
		u16 port = (u16)(low + (off + i) % range);

		if (!bind_conflict(tp, tp->sk.saddr, port)) {
			tp->sk.sport = net_htons(port);
			bhash_add(tp);
			return 0;
		}
	}
	return -EADDRNOTAVAIL;
}

void tcp_unbind(struct tcp_sock *tp)
{
	if (!tp->bound)
		return;
	unlink_from(&bhash[phashfn(tp->sk.sport)], tp,
		    __builtin_offsetof(struct tcp_sock, bhash_next));
	tp->bound = false;
}

/* Join the listener's port in bhash (accepted children keep it busy). */
void tcp_bind_child(struct tcp_sock *child)
{
	bhash_add(child);
}

/* RFC 6528: ISN = M + F(4-tuple, secret), M a 4 µs clock. */
static bool isn_forced;
static u32 isn_next;

void tcp_force_next_isn(u32 isn)
{
	isn_forced = true;
	isn_next = isn;
}

u32 tcp_isn(be32 saddr, be32 daddr, be16 sport, be16 dport)
{
	if (isn_forced) {
		isn_forced = false;
		return isn_next;
	}
	return (u32)(net_now_ns() / 4000) +
	       (u32)tcp_keyed_hash(0, saddr, daddr, (u32)sport << 16 | dport, 0);
}

/*
 * The offset of a connection's timestamp clock (RFC 7323 §5.4 allows
 * one per connection): a keyed hash of the two addresses, as Linux does,
 * so it tells an onlooker nothing, yet every connection between the same
 * two hosts counts on one clock.  A new incarnation of a 4-tuple then
 * sends timestamps newer than the old one's, and the peer's TIME_WAIT
 * hands the 4-tuple over at once (RFC 6191) instead of answering the
 * SYN with an ACK that costs the client a reset and a 1 s retransmit.
 */
u32 tcp_ts_offset(be32 saddr, be32 daddr)
{
	return (u32)tcp_keyed_hash(3, saddr, daddr, 0, 0);
}

static u32 tcp_checksum(be32 saddr, be32 daddr, const void *seg, u32 len)
{
	return csum_fold(csum_partial(seg, len, csum_pseudo(saddr, daddr, IPPROTO_TCP,
							    (u16)len)));
}

/* Fill in the checksum of the segment at pkb->data and hand it to IP. */
int tcp_v4_send(struct pkbuf *pkb, be32 saddr, be32 daddr, u8 ttl, u8 tos, int oif)
{
	struct tcphdr *th = (struct tcphdr *)pkb->data;
	struct ip_out out = {
		.saddr = saddr, .daddr = daddr, .protocol = IPPROTO_TCP,
		.ttl = ttl, .tos = tos, .df = true, .oif = oif,
	};

	/* The checksum is the device's to finish (dev_queue_xmit completes
	 * it in software for those that cannot): the pseudo-header's folded
	 * sum goes in the field. */
	th->check = (u16)~csum_fold(csum_pseudo(saddr, daddr, IPPROTO_TCP, (u16)pkb->len));
	pkb_set_csum_partial(pkb, 0, __builtin_offsetof(struct tcphdr, check));
	if (!tcp_ip) {
		pkb_free(pkb);
		return -ENETUNREACH;
	}
	return tcp_ip->output(pkb, &out);
}

/*
 * RFC 9293 §3.10.7.1: a segment for no connection gets a RST, never a
 * RST in reply to a RST.  If the segment had an ACK, the RST takes its
 * sequence number from it; otherwise seq 0 and an ACK of the segment.
 */
void tcp_send_reset_for(const struct pkbuf *pkb, const struct tcphdr *th,
			be32 saddr, be32 daddr, u32 seg_len)
{
	struct pkbuf *r;
	struct tcphdr *rh;

	(void)pkb;
	if (th->flags & TCPHDR_RST)
		return;
	r = pkb_alloc(NET_HEADROOM + sizeof(*rh), 0);
	if (!r)
		return;
	rh = pkb_push(r, sizeof(*rh));
	memset(rh, 0, sizeof(*rh));
	rh->source = th->dest;
	rh->dest = th->source;
	rh->doff = 5 << 4;
	if (th->flags & TCPHDR_ACK) {
		rh->seq = th->ack_seq;
		rh->flags = TCPHDR_RST;
	} else {
		rh->ack_seq = net_htonl(net_ntohl(th->seq) + seg_len);
		rh->flags = TCPHDR_RST | TCPHDR_ACK;
	}
	TCP_INC_STATS(TCP_MIB_OUTSEGS);
	TCP_INC_STATS(TCP_MIB_OUTRSTS);
	tcp_v4_send(r, daddr, saddr, 0, 0, 0);
}

/* RFC 6191-style TIME_WAIT reuse: a new SYN may take over the 4-tuple if
 * it is clearly newer than the old incarnation (timestamp, or sequence
 * number beyond what we last acknowledged). */
static bool tw_allows_reuse(const struct tcp_sock *tw, const struct tcphdr *th,
			    const struct tcp_opts *opt)
{
	if (tw->tstamp_ok && opt->saw_tstamp)
		return (s32)(opt->tsval - tw->ts_recent) > 0;
	return tcp_after(net_ntohl(th->seq), tw->rcv_nxt);
}

/*
 * Segment arrival (RFC 9293 §3.10.7): validate, demultiplex, dispatch.
 * The packet's data starts at the TCP header; IP's header is at
 * pkb_network().  Consumes pkb.
 */
void tcp_v4_rcv(struct pkbuf *pkb)
{
	const struct iphdr *iph = (const struct iphdr *)pkb_network(pkb);
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	struct tcp_opts opt;
	struct tcphdr *th;
	struct tcp_sock *tp;
	be32 saddr, daddr;
	u32 hdrlen, seglen;

	TCP_INC_STATS(TCP_MIB_INSEGS);
	if (pkb->refcnt > 1) {
		/* Shared (e.g. with a packet tap): TCP trims and queues the
		 * buffer, so it works on a private copy. */
		struct pkbuf *own = pkb_copy(pkb, pkb_headroom(pkb));

		pkb_free(pkb);
		if (!own)
			return;
		pkb = own;
		iph = (const struct iphdr *)pkb_network(pkb);
	}
	if (!iph || !pkb_may_pull(pkb, sizeof(*th)))
		goto bad;
	saddr = iph->saddr;
	daddr = iph->daddr;
	th = (struct tcphdr *)pkb->data;
	hdrlen = (u32)(th->doff >> 4) * 4;
	if (hdrlen < sizeof(*th) || hdrlen > pkb->len)
		goto bad;
	if (!pkb->csum_ok && tcp_checksum(saddr, daddr, pkb->data, pkb->len) != 0) {
		TCP_INC_STATS(TCP_MIB_INCSUMERRORS);
		goto bad;
	}
	/* Broadcast/multicast destinations never get TCP (RFC 1122 §4.2.3.10). */
	if (pkb->pkt_type != PACKET_HOST && pkb->pkt_type != PACKET_OUTGOING)
		goto drop;
	tcp_parse_options(th, hdrlen, &opt);
	pkb_set_transport(pkb);
	pkb_pull(pkb, hdrlen);
	seglen = pkb->len + !!(th->flags & TCPHDR_SYN) + !!(th->flags & TCPHDR_FIN);
	memset(cb, 0, sizeof(*cb));
	cb->seq = net_ntohl(th->seq);
	cb->end_seq = cb->seq + seglen;
	cb->flags = th->flags;
	cb->tsval = opt.tsval;
	net_log(7, "tcp in %u->%u seq %u ack %u flags %#x len %u win %u", net_ntohs(th->source),
		net_ntohs(th->dest), cb->seq, net_ntohl(th->ack_seq), th->flags, pkb->len,
		net_ntohs(th->window));

	tp = tcp_lookup_established(daddr, th->dest, saddr, th->source);
	if (tp && tp->state == TCP_TIME_WAIT &&
	    (th->flags & (TCPHDR_SYN | TCPHDR_ACK | TCPHDR_RST)) == TCPHDR_SYN &&
	    tw_allows_reuse(tp, th, &opt) && tcp_lookup_listener(daddr, th->dest)) {
		NET_INC_STATS(LINUX_MIB_TIMEWAITRECYCLED);
		tcp_done(tp);
		tp = NULL;
	}
	if (tp) {
		tcp_rcv_state_process(tp, pkb, th, &opt);
		return;
	}
	tp = tcp_lookup_listener(daddr, th->dest);
	if (tp) {
		tcp_rcv_listen(tp, pkb, th, &opt, saddr, daddr);
		return;
	}
	tcp_send_reset_for(pkb, th, saddr, daddr, seglen);
	goto drop;
bad:
	TCP_INC_STATS(TCP_MIB_INERRS);
drop:
	pkb_free(pkb);
}

/*
 * ICMP errors about a segment we sent (RFC 9293 §3.9 "ICMP", RFC 1122
 * §4.2.3.9, RFC 5927): fragmentation-needed lowers the path MTU; hard
 * errors abort a connection still in SYN_SENT; others are soft errors
 * reported through SO_ERROR only if the connection later times out.
 */
void tcp_v4_err(const struct iphdr *inner, u32 inner_len, u8 type, u8 code,
		int err, u32 info)
{
	const struct tcphdr *th;
	struct tcp_sock *tp;
	u32 hl, seq;

	if (inner_len < sizeof(*inner))
		return;
	hl = ip_hdrlen(inner);
	if (hl < sizeof(*inner) || inner_len < hl + 8)
		return;
	th = (const struct tcphdr *)((const u8 *)inner + hl);
	tp = tcp_lookup_established(inner->saddr, th->source, inner->daddr, th->dest);
	if (!tp || tp->state == TCP_TIME_WAIT)
		return;
	seq = net_ntohl(th->seq);
	/* RFC 5927 §4.1: ignore errors quoting a sequence number not in flight. */
	if (!tcp_between(seq, tp->snd_una, tp->snd_nxt)) {
		NET_INC_STATS(LINUX_MIB_OUTOFWINDOWICMPS);
		return;
	}
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED) {
		/* 68: the smallest IPv4 MTU (RFC 791) */
		if (info >= 68 && info < tp->pmtu) {
			tcp_sync_mss(tp, info);
			tcp_simple_retransmit(tp);
		}
		return;
	}
	if (!err)
		return;
	if (tp->state == TCP_SYN_SENT || tp->state == TCP_SYN_RECV) {
		/* Hard errors abort an opening connection (Linux's behaviour). */
		if (type == ICMP_DEST_UNREACH &&
		    (code == ICMP_PROT_UNREACH || code == ICMP_PORT_UNREACH ||
		     code == ICMP_NET_ANO || code == ICMP_HOST_ANO || code == ICMP_PKT_FILTERED)) {
			tcp_reset_conn(tp, err);
			return;
		}
	}
	tp->soft_err = err;     /* soft: reported only if we time out */
}

/* ---- /proc/net/tcp --------------------------------------------------- */

#define PROC_LINE_WIDTH 149      /* Linux pads every line to TMPSZ - 1 */

static int pad_line(char *buf, size_t size, int n)
{
	while (n >= 0 && n < PROC_LINE_WIDTH) {
		if ((size_t)n + 1 < size)
			buf[n] = ' ';
		n++;
	}
	if ((size_t)n + 1 < size) {
		buf[n] = '\n';
		buf[n + 1] = 0;
	} else if (size) {
		buf[size - 1] = 0;
	}
	return n + 1;
}

int tcp_proc_header(char *buf, size_t size)
{
	int n = snprintf(buf, size, "  sl  local_address rem_address   st tx_queue rx_queue tr "
			 "tm->when retrnsmt   uid  timeout inode");

	return pad_line(buf, size, n);
}

static unsigned long ticks_until(const struct net_timer *t)
{
	u64 now = net_now_ns();

	if (!t->armed || t->expires_ns <= now)
		return 0;
	return (unsigned long)((t->expires_ns - now) / (NSEC_PER_SEC / USER_HZ));
}

/*
 * One line of /proc/net/tcp, as Linux's get_tcp4_sock()/get_timewait4_sock()
 * print it: addresses as the raw 32-bit value in hex, ports in host order,
 * times in USER_HZ ticks, the kernel pointer hidden (kptr_restrict).
 * `uid` and `inode` come from the socket layer (0 for orphans).
 */
int tcp_proc_format(struct tcp_sock *tp, int slot, u32 uid, unsigned long inode,
		    char *buf, size_t size)
{
	struct sock *sk = &tp->sk;
	const struct net_timer *t = NULL;
	int timer = 0, n;
	u32 rxq, txq;
	long ssthresh;

	if (tp->state == TCP_TIME_WAIT) {
		n = snprintf(buf, size, "%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX "
			     "%08X %5d %8d %d %d %016x", slot, sk->saddr, net_ntohs(sk->sport),
			     sk->daddr, net_ntohs(sk->dport), tp->state, 0, 0, 3,
			     ticks_until(&tp->keep_timer), 0, 0, 0, 0, 3, 0);
		return pad_line(buf, size, n);
	}
	if (net_timer_pending(&tp->rtx_timer)) {
		timer = tp->rtx_mode == TCP_TMODE_PROBE ? 4 : 1;
		t = &tp->rtx_timer;
	} else if (net_timer_pending(&tp->keep_timer)) {
		timer = 2;
		t = &tp->keep_timer;
	}
	if (tp->state == TCP_LISTEN) {
		rxq = tp->accept_qlen;             /* sk_ack_backlog */
		txq = 0;
		ssthresh = 0;
	} else {
		rxq = tp->synced ? tcp_inq(tp) : 0;
		txq = tp->write_seq - tp->snd_una;
		ssthresh = tp->snd_ssthresh >= 0xffff ? -1 : (long)tp->snd_ssthresh;
	}
	n = snprintf(buf, size, "%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u "
		     "%8d %lu %d %016x %u %u %u %u %ld", slot, sk->saddr, net_ntohs(sk->sport),
		     sk->daddr, net_ntohs(sk->dport), tp->state, txq, rxq, timer,
		     t ? ticks_until(t) : 0ul, tp->retransmits, uid, tp->probes_out, inode,
		     (int)sk->refcnt, 0, tp->rto_ms / (1000 / USER_HZ), tp->ato_ms / (1000 / USER_HZ),
		     (u32)tp->quick << 1 | tcp_in_pingpong_mode(tp), tp->snd_cwnd, ssthresh);
	return pad_line(buf, size, n);
}
