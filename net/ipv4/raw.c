/*
 * Raw IPv4 sockets (raw(7), see net/raw.h).
 *
 * Sockets are in one list, hashed by nothing: a host has few of them
 * (a ping, a traceroute).  Every raw socket of a protocol gets its own
 * copy of each datagram of that protocol for the host, whether or not
 * the protocol is also handled by the stack (ICMP echo replies reach
 * ping this way).
 */
#include <net/checksum.h>
#include <net/icmp.h>
#include <net/raw.h>
#include <net/route.h>
#include <net/udp.h>
#include <uapi/errno.h>

struct raw_cb {
	struct ip_cb ip;
	u32 truesize;
};
#define RAW_CB(pkb) ((struct raw_cb *)(pkb)->cb)

static struct raw_sock *raw_list;
static u32 raw_socks;

struct sock *raw_sock_create(u8 protocol, int *err)
{
	struct raw_sock *rs;

	if (!protocol) {
		*err = -EPROTONOSUPPORT;   /* Linux: SOCK_RAW needs a protocol */
		return NULL;
	}
	rs = net_alloc(sizeof(*rs));
	if (!rs) {
		*err = -ENOMEM;
		return NULL;
	}
	sock_init(&rs->sk, AF_INET, SOCK_RAW, protocol);
	rs->hdrincl = protocol == IPPROTO_RAW;
	/* Raw sockets receive from creation on, bound or not. */
	rs->next = raw_list;
	raw_list = rs;
	raw_socks++;
	*err = 0;
	return &rs->sk;
}

void raw_close(struct sock *sk)
{
	struct raw_sock *rs = raw_sk(sk);

	for (struct raw_sock **pp = &raw_list; *pp; pp = &(*pp)->next) {
		if (*pp == rs) {
			*pp = rs->next;
			raw_socks--;
			break;
		}
	}
	pkb_queue_purge(&sk->receive_queue);
	net_free(rs);
}

void raw_close_all(void)
{
	while (raw_list)
		raw_close(&raw_list->sk);
}

int raw_proc_format(char *buf, size_t size, sock_proc_info_fn info)
{
	size_t off = 0;
	int n;

#define EMIT(...)                                                           \
	do {                                                                \
		n = snprintf(buf ? buf + (off < size ? off : size) : NULL,  \
			     off < size ? size - off : 0, __VA_ARGS__);     \
		if (n > 0)                                                  \
			off += (size_t)n;                                   \
	} while (0)

	/* Linux's raw_seq_show / raw_sock_seq_show. */
	EMIT("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
	     "retrnsmt   uid  timeout inode ref pointer drops\n");
	for (struct raw_sock *rs = raw_list; rs; rs = rs->next) {
		struct sock *sk = &rs->sk;
		u32 uid = 0;
		u64 ino = 0;

		if (info)
			info(sk, &uid, &ino);
		EMIT("%4u: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u %8d %llu %d %016llx %llu\n",
		     (unsigned)sk->protocol, sk->saddr, (unsigned)sk->protocol, sk->daddr, 0u,
		     rs->connected ? 1u : 7u, 0u, rs->rmem, 0u, 0ul, 0u, uid, 0,
		     (unsigned long long)ino, (int)sk->refcnt, 0ull, (unsigned long long)rs->drops);
	}
#undef EMIT
	return (int)off;
}

u32 raw_sock_count(void)
{
	return raw_socks;
}

int raw_bind(struct sock *sk, be32 addr)
{
	u8 type = inet_addr_type(addr);

	if (addr && type != RTN_LOCAL && type != RTN_BROADCAST && type != RTN_MULTICAST)
		return -EADDRNOTAVAIL;
	sk->saddr = addr;
	return 0;
}

int raw_connect(struct sock *sk, be32 daddr)
{
	struct route_result rt;
	int err = ip_route_output(daddr, sk->bound_ifindex, &rt);

	if (err)
		return err;
	if (rt.type == RTN_BROADCAST && !sk->broadcast)
		return -EACCES;
	if (!sk->saddr)
		sk->saddr = rt.prefsrc;
	sk->daddr = daddr ? daddr : rt.prefsrc;
	raw_sk(sk)->connected = true;
	return 0;
}

int raw_disconnect(struct sock *sk)
{
	sk->daddr = 0;
	raw_sk(sk)->connected = false;
	return 0;
}

void raw_set_icmp_filter(struct sock *sk, u32 mask)
{
	raw_sk(sk)->icmp_filter = mask;
}

void raw_set_hdrincl(struct sock *sk, bool on)
{
	/* IPPROTO_RAW implies IP_HDRINCL (raw(7)). */
	raw_sk(sk)->hdrincl = on || sk->protocol == IPPROTO_RAW;
}

static int raw_send_hdrincl(struct sock *sk, const struct net_copy *from, u32 len, be32 daddr)
{
	struct route_result rt;
	struct pkbuf *pkb;
	struct iphdr *iph;
	int err;

	/* linux-compat: Linux passes a header shorter than 20 bytes through
	 * untouched; Tern refuses it. */
	if (len < sizeof(*iph))
		return -EINVAL;
	err = ip_route_output(daddr, sk->bound_ifindex, &rt);
	if (err)
		return err;
	pkb = pkb_alloc(NET_HEADROOM, len);
	if (!pkb)
		return -ENOBUFS;
	iph = pkb_put(pkb, len);
	err = from->copy(from->ctx, iph, len);
	if (!err && (ip_hdrlen(iph) < sizeof(*iph) || ip_hdrlen(iph) > len))
		err = -EINVAL;
	if (err) {
		pkb_free(pkb);
		return err;
	}
	/* raw(7): tot_len and checksum always filled in, saddr and id if 0. */
	iph->tot_len = net_htons((u16)len);
	if (!iph->saddr)
		iph->saddr = rt.prefsrc;
	if (!iph->id)
		iph->id = net_htons(ip_select_id());
	iph->check = 0;
	iph->check = inet_csum(iph, ip_hdrlen(iph));
	err = ip_output_hdrincl(pkb, daddr, sk->bound_ifindex, sk->broadcast);
	return err ? err : (int)len;
}

int raw_sendmsg(struct sock *sk, const struct net_copy *from, u32 len, be32 daddr)
{
	struct raw_sock *rs = raw_sk(sk);
	struct route_result rt;
	struct pkbuf *pkb;
	struct ip_out out;
	int err;

	if (sk->err)
		return -sock_error(sk);
	if (len > 0xffff)
		return -EMSGSIZE;
	if (sk->shutdown & SEND_SHUTDOWN)
		return -EPIPE;
	if (!daddr) {
		if (!rs->connected)
			return -EDESTADDRREQ;
		daddr = sk->daddr;
	}
	if (rs->hdrincl)
		return raw_send_hdrincl(sk, from, len, daddr);
	if (len > 0xffff - sizeof(struct iphdr))
		return -EMSGSIZE;
	err = ip_route_output(daddr, sk->bound_ifindex, &rt);
	if (err)
		return err;
	if (rt.type == RTN_BROADCAST && !sk->broadcast)
		return -EACCES;
	pkb = pkb_alloc(NET_HEADROOM, len);
	if (!pkb)
		return -ENOBUFS;
	if (len && (err = from->copy(from->ctx, pkb_put(pkb, len), len)) != 0) {
		pkb_free(pkb);
		return err;
	}
	memset(&out, 0, sizeof(out));
	out.saddr = sk->saddr && inet_addr_type(sk->saddr) == RTN_LOCAL ? sk->saddr : 0;
	out.daddr = daddr;
	out.protocol = (u8)sk->protocol;
	out.ttl = sk->ttl;
	out.tos = sk->tos;
	out.oif = sk->bound_ifindex;
	out.df = len + sizeof(struct iphdr) <= rt.mtu;   /* IP_PMTUDISC_WANT */
	err = ip_output(pkb, &out);
	return err ? err : (int)len;
}

int raw_recvmsg(struct sock *sk, const struct net_copy *to, u32 len, int flags,
		be32 *saddr, u32 *full_len)
{
	struct raw_sock *rs = raw_sk(sk);
	struct pkbuf *pkb;
	u32 copy;
	int err;

	if (sk->err)
		return -sock_error(sk);
	pkb = pkb_peek(&sk->receive_queue);
	if (!pkb)
		return (sk->shutdown & RCV_SHUTDOWN) ? 0 : -EAGAIN;
	copy = pkb->len < len ? pkb->len : len;
	err = copy ? to->copy(to->ctx, pkb->data, copy) : 0;
	if (!err) {
		if (saddr)
			*saddr = ((const struct iphdr *)pkb->data)->saddr;
		if (full_len)
			*full_len = pkb->len;
		if (flags & MSG_TRUNC)
			copy = pkb->len;
	}
	if (!(flags & MSG_PEEK)) {
		pkb_dequeue(&sk->receive_queue);
		rs->rmem -= RAW_CB(pkb)->truesize;
		pkb_free(pkb);
	}
	return err ? err : (int)copy;
}

/* A plain kernel buffer as a copy source/sink. */
static int kbuf_copy(void *ctx, void *kbuf, u32 len, bool in)
{
	u8 **p = ctx;

	if (in)
		memcpy(kbuf, *p, len);
	else
		memcpy(*p, kbuf, len);
	*p += len;
	return 0;
}

static int kbuf_in(void *ctx, void *kbuf, u32 len)
{
	return kbuf_copy(ctx, kbuf, len, true);
}

static int kbuf_out(void *ctx, void *kbuf, u32 len)
{
	return kbuf_copy(ctx, kbuf, len, false);
}

int raw_sendto(struct sock *sk, const void *buf, u32 len, be32 daddr)
{
	u8 *p = (u8 *)(uintptr_t)buf;
	struct net_copy from = { kbuf_in, &p };

	return raw_sendmsg(sk, &from, len, daddr);
}

int raw_recvfrom(struct sock *sk, void *buf, u32 len, int flags, be32 *saddr, u32 *full_len)
{
	u8 *p = buf;
	struct net_copy to = { kbuf_out, &p };

	return raw_recvmsg(sk, &to, len, flags, saddr, full_len);
}

u32 raw_poll(struct sock *sk)
{
	u32 mask = EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND;

	if (sk->err)
		mask |= EPOLLERR;
	if (sk->shutdown & RCV_SHUTDOWN)
		mask |= EPOLLRDHUP | EPOLLIN | EPOLLRDNORM;
	if (sk->shutdown == (RCV_SHUTDOWN | SEND_SHUTDOWN))
		mask |= EPOLLHUP;
	if (sk->receive_queue.count)
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}

/* Linux's icmp_filter: types below 32 may be filtered, others never. */
static bool icmp_filtered(const struct raw_sock *rs, const struct pkbuf *pkb)
{
	u8 type;

	if (pkb->len < 1)
		return true;
	type = pkb->data[0];
	return type < 32 && (rs->icmp_filter & (1u << type));
}

bool raw_local_deliver(struct pkbuf *pkb, u8 protocol)
{
	const struct iphdr *iph = (const struct iphdr *)pkb_network(pkb);
	u32 hlen = (u32)(pkb->data - (const u8 *)iph);
	bool delivered = false;

	for (struct raw_sock *rs = raw_list; rs; rs = rs->next) {
		struct pkbuf *copy;
		u32 ts;

		if (rs->sk.protocol != protocol)
			continue;
		if (rs->sk.saddr && rs->sk.saddr != iph->daddr)
			continue;
		if (rs->connected && rs->sk.daddr != iph->saddr)
			continue;
		if (rs->sk.bound_ifindex && rs->sk.bound_ifindex != IPCB(pkb)->iif)
			continue;
		if (protocol == IPPROTO_ICMP && icmp_filtered(rs, pkb))
			continue;
		delivered = true;
		if (rs->rmem > rs->sk.rcvbuf || (rs->sk.shutdown & RCV_SHUTDOWN)) {
			rs->drops++;
			continue;
		}
		/* Raw sockets read the IP header too. */
		copy = pkb_from(0, iph, hlen + pkb->len);
		if (!copy) {
			rs->drops++;
			continue;
		}
		pkb_set_network(copy);
		copy->transport_off = copy->network_off + (s32)hlen;
		copy->dev = pkb->dev;
		copy->pkt_type = pkb->pkt_type;
		copy->tstamp_ns = pkb->tstamp_ns;
		ts = copy->size + (u32)sizeof(*copy);
		RAW_CB(copy)->truesize = ts;
		pkb_enqueue(&rs->sk.receive_queue, copy);
		rs->rmem += ts;
		rs->sk.data_ready(&rs->sk);
	}
	return delivered;
}

void raw_icmp_error(const struct iphdr *inner, u32 inner_len, u8 type, u8 code, int err)
{
	(void)inner_len;
	if (!icmp_err_is_hard(type, code))
		return;
	/* Linux's raw_err: without IP_RECVERR only connected sockets hear. */
	for (struct raw_sock *rs = raw_list; rs; rs = rs->next) {
		if (rs->sk.protocol != inner->protocol || !rs->connected)
			continue;
		if (rs->sk.daddr != inner->daddr || (rs->sk.saddr && rs->sk.saddr != inner->saddr))
			continue;
		rs->sk.err = err;
		rs->sk.error_report(&rs->sk);
	}
}
