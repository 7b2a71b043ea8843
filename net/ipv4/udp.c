/*
 * UDP (RFC 768; RFC 1122 §4.1) and the datagram socket operations the
 * socket layer calls (see net/udp.h).
 *
 * Sockets hang off a hash of their local port.  Delivery picks, among
 * sockets on the destination port, the most specific match (Linux's
 * compute_score): a connected socket's exact 4-tuple beats a socket bound
 * to the address, which beats a wildcard.  Broadcast and multicast go to
 * every matching socket.
 */
#include <net/checksum.h>
#include <net/icmp.h>
#include <net/inetdevice.h>
#include <net/route.h>
#include <net/snmp.h>
#include <net/udp.h>
#include <net/text.h>
#include <uapi/errno.h>

#define UDP_HTABLE_SIZE 128

/* What a queued datagram remembers (after the IP layer's slot). */
struct udp_cb {
	struct ip_cb ip;
	be32 saddr, daddr;
	be16 sport;
	u8 ttl, tos;
	u32 truesize;
};
#define UDP_CB(pkb) ((struct udp_cb *)(pkb)->cb)
_Static_assert(sizeof(struct udp_cb) <= sizeof(((struct pkbuf *)0)->cb), "udp_cb fits");

/* udp_sock.bind_locks: what bind() chose, which disconnect keeps. */
#define BIND_ADDR_LOCK 1
#define BIND_PORT_LOCK 2

static struct udp_sock *udp_hash[UDP_HTABLE_SIZE];
static u32 udp_socks;

static unsigned udp_hashfn(be16 port)
{
	return net_ntohs(port) & (UDP_HTABLE_SIZE - 1);
}

struct sock *udp_sock_create(void)
{
	struct udp_sock *us = net_alloc(sizeof(*us));

	if (!us)
		return NULL;
	sock_init(&us->sk, AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	return &us->sk;
}

static void udp_unhash(struct udp_sock *us)
{
	if (!us->hashed)
		return;
	for (struct udp_sock **pp = &udp_hash[udp_hashfn(us->sk.sport)]; *pp; pp = &(*pp)->next) {
		if (*pp == us) {
			*pp = us->next;
			break;
		}
	}
	us->hashed = false;
	us->sk.sport = 0;
	udp_socks--;
}

static void udp_flush_pending(struct udp_sock *us)
{
	pkb_free(us->pending);
	us->pending = NULL;
}

void udp_close(struct sock *sk)
{
	struct udp_sock *us = udp_sk(sk);

	udp_unhash(us);
	udp_flush_pending(us);
	pkb_queue_purge(&sk->receive_queue);
	pkb_queue_purge(&sk->error_queue);
	us->rmem = 0;
	net_free(us);
}

void udp_close_all(void)
{
	for (unsigned i = 0; i < UDP_HTABLE_SIZE; i++)
		while (udp_hash[i])
			udp_close(&udp_hash[i]->sk);
}

u32 udp_sock_count(void)
{
	return udp_socks;
}

int sock_error(struct sock *sk)
{
	int e = sk->err;

	sk->err = 0;
	return e;
}

/* Would `us` on (addr, port) clash with a socket already there? */
static bool udp_conflict(const struct udp_sock *us, be32 addr, be16 port)
{
	for (const struct udp_sock *o = udp_hash[udp_hashfn(port)]; o; o = o->next) {
		if (o == us || o->sk.sport != port)
			continue;
		if (o->sk.saddr && addr && o->sk.saddr != addr)
			continue;
		if (o->sk.bound_ifindex && us->sk.bound_ifindex &&
		    o->sk.bound_ifindex != us->sk.bound_ifindex)
			continue;
		/* socket(7): SO_REUSEADDR on both (UDP) or SO_REUSEPORT on both. */
		if ((o->sk.reuseaddr && us->sk.reuseaddr) || (o->sk.reuseport && us->sk.reuseport))
			continue;
		return true;
	}
	return false;
}

static void udp_hash_insert(struct udp_sock *us, be16 port)
{
	unsigned h = udp_hashfn(port);

	us->sk.sport = port;
	us->next = udp_hash[h];
	udp_hash[h] = us;
	us->hashed = true;
	udp_socks++;
}

/* Bind to `port`, or to an ephemeral port when 0 (-EAGAIN if none free). */
static int udp_get_port(struct udp_sock *us, be16 port)
{
	u16 low, high;
	u32 range, start;

	if (port) {
		if (udp_conflict(us, us->sk.saddr, port))
			return -EADDRINUSE;
		udp_hash_insert(us, port);
		return 0;
	}
	/* Linux's udp_lib_get_port: a random start in the range, then every
	 * port in turn (wrapping) until a free one. */
	inet_get_local_port_range(&low, &high);
	range = (u32)high - low + 1;
	start = net_random_u32() % range;
	for (u32 i = 0; i < range; i++) {
		be16 cand = net_htons((u16)(low + (start + i) % range));

		if (!udp_conflict(us, us->sk.saddr, cand)) {
			udp_hash_insert(us, cand);
			return 0;
		}
	}
	return -EAGAIN;
}

int udp_bind(struct sock *sk, be32 addr, be16 port)
{
	struct udp_sock *us = udp_sk(sk);
	u8 type;
	int err;

	if (us->hashed)
		return -EINVAL;
	type = inet_addr_type(addr);
	if (addr && type != RTN_LOCAL && type != RTN_BROADCAST && type != RTN_MULTICAST)
		return -EADDRNOTAVAIL;
	sk->saddr = addr;
	err = udp_get_port(us, port);
	if (err) {
		sk->saddr = 0;
		return err == -EAGAIN ? -EADDRINUSE : err;
	}
	if (addr)
		us->bind_locks |= BIND_ADDR_LOCK;
	if (port)
		us->bind_locks |= BIND_PORT_LOCK;
	return 0;
}

int udp_connect(struct sock *sk, be32 daddr, be16 dport)
{
	struct udp_sock *us = udp_sk(sk);
	struct dgram_route dr;
	int err;

	/* Linux's __ip4_datagram_connect: the route as a send would take
	 * it; an unbound address becomes the route's source, an unbound
	 * port an ephemeral one. */
	err = ip_dgram_route(sk, daddr, NULL, &dr);
	if (err)
		return err;
	if (!sk->saddr)
		sk->saddr = dr.saddr;
	if (!us->hashed) {
		err = udp_get_port(us, 0);
		if (err) {
			if (!(us->bind_locks & BIND_ADDR_LOCK))
				sk->saddr = 0;
			return err;
		}
	}
	sk->daddr = dr.daddr;
	sk->dport = dport;
	us->connected = true;
	return 0;
}

int udp_disconnect(struct sock *sk)
{
	struct udp_sock *us = udp_sk(sk);

	sk->daddr = 0;
	sk->dport = 0;
	us->connected = false;
	if (!(us->bind_locks & BIND_ADDR_LOCK))
		sk->saddr = 0;
	if (!(us->bind_locks & BIND_PORT_LOCK))
		udp_unhash(us);
	return 0;
}

int udp_autobind(struct sock *sk)
{
	struct udp_sock *us = udp_sk(sk);

	if (us->hashed)
		return 0;
	return udp_get_port(us, 0) ? -EAGAIN : 0;
}

/*
 * Put the UDP header and checksum on pkb (data at the header, payload
 * behind it) and send it on the resolved route.  Consumes pkb.
 */
static int udp_send_skb(struct sock *sk, struct pkbuf *pkb, const struct dgram_route *dr,
			be16 dport)
{
	struct udphdr *uh = (struct udphdr *)pkb->data;
	u32 ulen = pkb->len;
	struct ip_out out;
	bool df;
	int err;

	/* A local error names the connected port (Linux's inet_dport). */
	err = ip_dgram_df(sk, dr, ulen + sizeof(struct iphdr), sk->dport, &df);
	if (err) {
		pkb_free(pkb);
		return err;
	}
	uh->source = sk->sport;
	uh->dest = dport;
	uh->len = net_htons((u16)ulen);
	uh->check = 0;
	/* RFC 768: checksum over the pseudo-header; a computed 0 is sent as
	 * all ones (0 means "no checksum"). */
	uh->check = csum_fold(csum_partial(uh, ulen, csum_pseudo(dr->saddr, dr->daddr, IPPROTO_UDP,
								   (u16)ulen)));
	if (uh->check == 0)
		uh->check = 0xffff;
	ip_dgram_out(dr, IPPROTO_UDP, df, &out);
	err = ip_output(pkb, &out);
	if (err) {
		if (err == -ENOBUFS)
			UDP_INC_STATS(UDP_MIB_SNDBUFERRORS);
		return err;
	}
	UDP_INC_STATS(UDP_MIB_OUTDATAGRAMS);
	return 0;
}

static int udp_push_pending(struct udp_sock *us)
{
	struct pkbuf *pkb = us->pending;
	struct dgram_route dr;
	int err;

	if (!pkb)
		return 0;
	us->pending = NULL;
	err = ip_dgram_route(&us->sk, us->pending_daddr, &us->pending_ipc, &dr);
	if (err) {
		pkb_free(pkb);
		return err;
	}
	return udp_send_skb(&us->sk, pkb, &dr, us->pending_dport);
}

/*
 * Append len bytes to the corked datagram (udp(7) UDP_CORK, MSG_MORE):
 * a new buffer holding the old payload and the new bytes.  On any error
 * the pending datagram is dropped (Linux's udp_flush_pending_frames).
 */
static int udp_append(struct udp_sock *us, const u8 *data, u32 len)
{
	struct pkbuf *old = us->pending, *pkb;
	u32 have = old ? old->len : sizeof(struct udphdr);
	u8 *p;

	if (have - sizeof(struct udphdr) + len > UDP_MAX_PAYLOAD) {
		udp_flush_pending(us);
		return -EMSGSIZE;
	}
	pkb = pkb_alloc(NET_HEADROOM, have + len);
	if (!pkb) {
		udp_flush_pending(us);
		UDP_INC_STATS(UDP_MIB_SNDBUFERRORS);
		return -ENOBUFS;
	}
	p = pkb_put(pkb, have + len);
	if (old)
		memcpy(p, old->data, have);
	memcpy(p + have, data, len);
	pkb_free(old);
	us->pending = pkb;
	return 0;
}

/*
 * sendto(2)'s checks; fills in the destination and, unless the datagram
 * joins a corked one, its route.  0 or a negative errno.
 */
static int udp_send_check(struct udp_sock *us, u32 len, be32 *daddr, be16 *dport,
			  const struct ipcm_cookie *ipc, struct dgram_route *dr)
{
	struct sock *sk = &us->sk;
	int err;

	if (sk->err)
		return -sock_error(sk);
	if (len > UDP_MAX_PAYLOAD)
		return -EMSGSIZE;
	if (sk->shutdown & SEND_SHUTDOWN)
		return -EPIPE;
	if (us->pending)
		return 0;       /* Linux: the corked datagram's destination holds */
	if (*daddr || *dport) {
		if (!*dport)
			return -EINVAL;
	} else {
		if (!us->connected)
			return -EDESTADDRREQ;
		*daddr = sk->daddr;
		*dport = sk->dport;
	}
	err = udp_autobind(sk);
	if (err)
		return err;
	return ip_dgram_route(sk, *daddr, ipc, dr);
}

int udp_send_pkb(struct sock *sk, struct pkbuf *pkb, be32 daddr, be16 dport,
		 const struct ipcm_cookie *ipc, int flags)
{
	struct udp_sock *us = udp_sk(sk);
	bool cork = us->corkflag || (flags & MSG_MORE);
	u32 len = pkb->len;
	struct dgram_route dr;
	int err = udp_send_check(us, len, &daddr, &dport, ipc, &dr);

	if (err) {
		pkb_free(pkb);
		return err;
	}
	if (!us->pending && !cork) {
		/* The common case: the caller's buffer is the datagram. */
		if (!pkb_push(pkb, sizeof(struct udphdr))) {
			pkb_free(pkb);
			return -EINVAL;
		}
		err = udp_send_skb(sk, pkb, &dr, dport);
		return err ? err : (int)len;
	}
	if (!us->pending) {
		us->pending_daddr = daddr;
		us->pending_dport = dport;
		if (ipc)
			us->pending_ipc = *ipc;
		else
			ipcm_init(&us->pending_ipc);
	}
	err = udp_append(us, pkb->data, len);
	pkb_free(pkb);
	if (err)
		return err;
	if (!cork) {
		err = udp_push_pending(us);
		if (err)
			return err;
	}
	return (int)len;
}

int udp_sendto(struct sock *sk, const void *buf, u32 len, be32 daddr, be16 dport)
{
	struct pkbuf *pkb = pkb_alloc(UDP_HEADROOM, len);

	if (!pkb)
		return -ENOBUFS;
	memcpy(pkb_put(pkb, len), buf, len);
	return udp_send_pkb(sk, pkb, daddr, dport, NULL, 0);
}

void udp_set_cork(struct sock *sk, bool on)
{
	struct udp_sock *us = udp_sk(sk);

	us->corkflag = on;
	if (!on)
		(void)udp_push_pending(us);  /* udp(7): uncorking sends it */
}

int udp_recv_take(struct sock *sk, int flags, struct pkbuf **out, struct dgram_msg_info *info)
{
	struct udp_sock *us = udp_sk(sk);
	struct pkbuf *pkb;

	*out = NULL;
	memset(info, 0, sizeof(*info));
	if (sk->err)
		return -sock_error(sk);
	pkb = pkb_peek(&sk->receive_queue);
	if (!pkb)
		return (sk->shutdown & RCV_SHUTDOWN) ? 0 : -EAGAIN;
	info->saddr = UDP_CB(pkb)->saddr;
	info->sport = UDP_CB(pkb)->sport;
	info->daddr = UDP_CB(pkb)->daddr;
	info->ifindex = UDP_CB(pkb)->ip.iif;
	info->spec_dst = ip_spec_dst(info->saddr, info->daddr, UDP_CB(pkb)->ip.rt_type,
				     info->ifindex);
	info->ttl = UDP_CB(pkb)->ttl;
	info->tos = UDP_CB(pkb)->tos;
	info->len = pkb->len;
	info->tstamp_ns = pkb->tstamp_ns;
	info->valid = true;
	if (flags & MSG_PEEK) {
		*out = pkb_get(pkb);
	} else {
		pkb_dequeue(&sk->receive_queue);
		us->rmem -= UDP_CB(pkb)->truesize;
		*out = pkb;
	}
	return 0;
}

void udp_recv_done(struct sock *sk, int flags, bool copied)
{
	(void)sk;
	if (flags & MSG_PEEK)
		return;
	/* Linux counts InDatagrams when the application takes one, and a
	 * datagram it could not copy out as an error (it is gone). */
	if (copied)
		UDP_INC_STATS(UDP_MIB_INDATAGRAMS);
	else
		UDP_INC_STATS(UDP_MIB_INERRORS);
}

int udp_recvfrom(struct sock *sk, void *buf, u32 len, int flags,
		 be32 *saddr, be16 *sport, u32 *full_len)
{
	struct dgram_msg_info info;
	struct pkbuf *pkb;
	int n = udp_recv_take(sk, flags, &pkb, &info);
	u32 copy;

	if (n < 0 || !pkb)
		return n;
	copy = pkb->len < len ? pkb->len : len;
	memcpy(buf, pkb->data, copy);
	pkb_free(pkb);
	udp_recv_done(sk, flags, true);
	if (saddr)
		*saddr = info.saddr;
	if (sport)
		*sport = info.sport;
	if (full_len)
		*full_len = info.len;
	return (int)((flags & MSG_TRUNC) ? info.len : copy);
}

int udp_shutdown(struct sock *sk, int how)
{
	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	/* SHUT_RD 0 -> RCV_SHUTDOWN 1, SHUT_WR 1 -> SEND_SHUTDOWN 2, both 3. */
	sk->shutdown |= (u8)(how + 1);
	sk->state_change(sk);
	sk->data_ready(sk);
	return udp_sk(sk)->connected ? 0 : -ENOTCONN;
}

u32 udp_poll(struct sock *sk)
{
	/* linux-compat: no send-buffer accounting yet; always writable. */
	return datagram_poll(sk);
}

u32 udp_next_len(struct sock *sk)
{
	struct pkbuf *pkb = pkb_peek(&sk->receive_queue);

	return pkb ? pkb->len : 0;
}

/* Linux's compute_score: -1 if no match, higher for more specific. */
static int udp_score(const struct udp_sock *us, be32 saddr, be16 sport,
		     be32 daddr, be16 dport, int ifindex)
{
	int score = 1;

	if (us->sk.sport != dport)
		return -1;
	if (us->sk.saddr) {
		if (us->sk.saddr != daddr)
			return -1;
		score += 4;
	}
	if (us->connected) {
		if (us->sk.daddr != saddr || us->sk.dport != sport)
			return -1;
		score += 8;
	}
	if (us->sk.bound_ifindex) {
		if (us->sk.bound_ifindex != ifindex)
			return -1;
		score += 4;
	}
	return score;
}

static struct udp_sock *udp_lookup(be32 saddr, be16 sport, be32 daddr, be16 dport,
				   int ifindex)
{
	struct udp_sock *best = NULL;
	int best_score = -1;

	for (struct udp_sock *us = udp_hash[udp_hashfn(dport)]; us; us = us->next) {
		int s = udp_score(us, saddr, sport, daddr, dport, ifindex);

		if (s > best_score) {
			best = us;
			best_score = s;
		}
	}
	return best;
}

/* Queue for the application; counts RcvbufErrors when full.  Consumes pkb. */
static void udp_queue_rcv(struct udp_sock *us, struct pkbuf *pkb, const struct iphdr *iph,
			  const struct udphdr *uh)
{
	u32 ts = pkb->size + (u32)sizeof(*pkb);

	/* Linux's __udp_enqueue_schedule_skb: refuse once over the limit
	 * (and only then: after SHUT_RD datagrams still queue, and are
	 * read before the end of file). */
	if (us->rmem > us->sk.rcvbuf) {
		us->drops++;
		UDP_INC_STATS(UDP_MIB_RCVBUFERRORS);
		UDP_INC_STATS(UDP_MIB_INERRORS);
		pkb_free(pkb);
		return;
	}
	/* What recvmsg reports (msg_name, IP_PKTINFO, IP_RECVTTL/TOS): kept
	 * here, since copies for broadcast hold no IP header. */
	UDP_CB(pkb)->saddr = iph->saddr;
	UDP_CB(pkb)->daddr = iph->daddr;
	UDP_CB(pkb)->sport = uh->source;
	UDP_CB(pkb)->ttl = iph->ttl;
	UDP_CB(pkb)->tos = iph->tos;
	UDP_CB(pkb)->truesize = ts;
	pkb_pull(pkb, sizeof(struct udphdr));
	pkb_enqueue(&us->sk.receive_queue, pkb);
	us->rmem += ts;
	us->sk.data_ready(&us->sk);
}

/* Every socket listening on the port that would take this datagram. */
static void udp_mcast_deliver(struct pkbuf *pkb, const struct iphdr *iph,
			      const struct udphdr *uh)
{
	struct udp_sock *prev = NULL;
	int ifindex = IPCB(pkb)->iif;

	for (struct udp_sock *us = udp_hash[udp_hashfn(uh->dest)]; us; us = us->next) {
		if (us->sk.sport != uh->dest)
			continue;
		/* Bound to a unicast address: not for broadcasts (Linux's
		 * __udp_is_mcast_sock). */
		if (us->sk.saddr && us->sk.saddr != iph->daddr)
			continue;
		if (us->connected && (us->sk.daddr != iph->saddr || us->sk.dport != uh->source))
			continue;
		if (us->sk.bound_ifindex && us->sk.bound_ifindex != ifindex)
			continue;
		if (prev) {
			struct pkbuf *copy = pkb_copy(pkb, 0);

			if (copy)
				udp_queue_rcv(prev, copy, iph, uh);
			else
				UDP_INC_STATS(UDP_MIB_INERRORS);
		}
		prev = us;
	}
	if (prev) {
		udp_queue_rcv(prev, pkb, iph, uh);
	} else {
		UDP_INC_STATS(UDP_MIB_IGNOREDMULTI);
		pkb_free(pkb);
	}
}

void udp_rcv(struct pkbuf *pkb)
{
	const struct iphdr *iph = (const struct iphdr *)pkb_network(pkb);
	const struct udphdr *uh;
	struct udp_sock *us;
	u32 ulen;
	u8 rt_type = IPCB(pkb)->rt_type;

	if (!pkb_may_pull(pkb, sizeof(*uh)))
		goto drop;
	uh = (const struct udphdr *)pkb->data;
	ulen = net_ntohs(uh->len);
	/* RFC 768: the length covers header and data; it must fit the datagram. */
	if (ulen < sizeof(*uh) || ulen > pkb->len)
		goto drop;
	pkb_trim(pkb, ulen);
	/* RFC 768 / RFC 1122 §4.1.3.4: checksum 0 means none was sent. */
	if (uh->check &&
	    csum_fold(csum_partial(uh, ulen, csum_pseudo(iph->saddr, iph->daddr,
							  IPPROTO_UDP, (u16)ulen))) != 0) {
		UDP_INC_STATS(UDP_MIB_CSUMERRORS);
		goto drop;
	}
	if (rt_type == RTN_BROADCAST || rt_type == RTN_MULTICAST) {
		udp_mcast_deliver(pkb, iph, uh);
		return;
	}
	us = udp_lookup(iph->saddr, uh->source, iph->daddr, uh->dest, IPCB(pkb)->iif);
	if (!us) {
		/* RFC 1122 §4.1.3.1: port unreachable. */
		UDP_INC_STATS(UDP_MIB_NOPORTS);
		icmp_send(pkb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
		pkb_free(pkb);
		return;
	}
	udp_queue_rcv(us, pkb, iph, uh);
	return;
drop:
	UDP_INC_STATS(UDP_MIB_INERRORS);
	pkb_free(pkb);
}

void udp_err(const struct iphdr *inner, u32 inner_len, u8 type, u8 code,
	     int err, u32 info)
{
	const struct udphdr *uh = (const struct udphdr *)((const u8 *)inner + ip_hdrlen(inner));
	const struct pkbuf *icmp = icmp_current_error();
	struct udp_sock *us;
	bool hard;

	if (inner_len < ip_hdrlen(inner) + sizeof(*uh))
		return;
	/* The quoted datagram is one we sent: its source is our end. */
	us = udp_lookup(inner->daddr, uh->dest, inner->saddr, uh->source, 0);
	if (!us) {
		ICMP_INC_STATS(ICMP_MIB_INERRORS);
		return;
	}
	/* Linux's __udp4_lib_err: "fragmentation needed" is an error only
	 * while the socket does path MTU discovery. */
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED &&
	    us->sk.pmtudisc == IP_PMTUDISC_DONT)
		return;
	hard = icmp_err_is_hard(type, code);
	/* ip(7) IP_RECVERR: every error is queued (and reported) with its
	 * payload; without it only connected sockets hear, and only hard
	 * errors (RFC 1122 §4.1.3.3). */
	if (us->sk.recverr && icmp)
		ip_icmp_error(&us->sk, icmp, (const u8 *)(uh + 1), err, uh->dest, info);
	else if (!hard || !us->connected)
		return;
	us->sk.err = err;
	us->sk.error_report(&us->sk);
}

int udp_proc_format(char *buf, size_t size, sock_proc_info_fn info)
{
	struct net_text t = NET_TEXT_INIT(buf, size);
	char line[160];

	/* Linux's udp4_seq_show / udp4_format_sock. */
	net_text_printf(&t, "%-127s\n", "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
	     "retrnsmt   uid  timeout inode ref pointer drops");
	for (unsigned h = 0; h < UDP_HTABLE_SIZE; h++) {
		for (struct udp_sock *us = udp_hash[h]; us; us = us->next) {
			struct sock *sk = &us->sk;
			u32 uid = 0;
			u64 ino = 0;

			if (info)
				info(sk, &uid, &ino);
			snprintf(line, sizeof(line),
				 "%5u: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u %8d %llu %d %016llx %llu",
				 h, sk->saddr, net_ntohs(sk->sport), sk->daddr, net_ntohs(sk->dport),
				 us->connected ? 1u : 7u,   /* TCP_ESTABLISHED / TCP_CLOSE */
				 0u, us->rmem, 0u, 0ul, 0u, uid, 0, (unsigned long long)ino,
				 (int)sk->refcnt, 0ull, (unsigned long long)us->drops);
			net_text_printf(&t, "%-127s\n", line);
		}
	}
	return net_text_len(&t);
}

static const struct net_protocol udp_protocol = {
	.protocol = IPPROTO_UDP,
	.rcv = udp_rcv,
	.err = udp_err,
};

void udp_init(void)
{
	(void)inet_add_protocol(&udp_protocol);
}
