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
#include <net/text.h>
#include <uapi/errno.h>

static struct raw_sock *raw_list;
static u32 raw_socks;

struct sock *raw_sock_create(u16 protocol, int *err)
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
	pkb_queue_purge(&sk->error_queue);
	net_free(rs);
}

void raw_close_all(void)
{
	while (raw_list)
		raw_close(&raw_list->sk);
}

int raw_proc_format(char *buf, size_t size, sock_proc_info_fn info)
{
	struct net_text t = NET_TEXT_INIT(buf, size);

	/* Linux's raw_seq_show / raw_sock_seq_show. */
	net_text_printf(&t, "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
	     "retrnsmt   uid  timeout inode ref pointer drops\n");
	for (struct raw_sock *rs = raw_list; rs; rs = rs->next) {
		struct sock *sk = &rs->sk;
		u32 uid = 0;
		u64 ino = 0;

		if (info)
			info(sk, &uid, &ino);
		net_text_printf(&t, "%4u: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u %8d %llu %d %016llx %llu\n",
		     (unsigned)sk->protocol, sk->saddr, (unsigned)sk->protocol, sk->daddr, 0u,
		     rs->connected ? 1u : 7u, 0u, rs->rmem, 0u, 0ul, 0u, uid, 0,
		     (unsigned long long)ino, (int)sk->refcnt, 0ull, (unsigned long long)rs->drops);
	}
	return net_text_len(&t);
}

u32 raw_sock_count(void)
{
	return raw_socks;
}

int raw_bind(struct sock *sk, be32 addr)
{
	u8 type = inet_addr_type(addr);

	if (raw_sk(sk)->connected)
		return -EINVAL;
	if (addr && type != RTN_LOCAL && type != RTN_BROADCAST && type != RTN_MULTICAST)
		return -EADDRNOTAVAIL;
	sk->saddr = addr;
	return 0;
}

int raw_connect(struct sock *sk, be32 daddr)
{
	struct dgram_route dr;
	int err = ip_dgram_route(sk, daddr, NULL, &dr);

	if (err)
		return err;
	if (!sk->saddr)
		sk->saddr = dr.saddr;
	sk->daddr = dr.daddr;
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
	raw_sk(sk)->hdrincl = on;
}

/*
 * IP_HDRINCL: pkb is a whole IP packet.  raw(7): the checksum and total
 * length are always filled in, the source address and identification
 * when they are 0; it is not fragmented.
 */
static int raw_send_hdrincl(struct sock *sk, struct pkbuf *pkb, const struct dgram_route *dr)
{
	struct iphdr *iph = (struct iphdr *)pkb->data;
	u32 len = pkb->len, hlen;

	/* linux-compat: Linux passes a header length below 5 words through
	 * untouched; Tern refuses it as it refuses a packet shorter than a
	 * header. */
	if (len < sizeof(*iph))
		goto inval;
	hlen = ip_hdrlen(iph);
	if (hlen < sizeof(*iph) || hlen > len)
		goto inval;
	if (len > dr->rt.dev->mtu) {
		ip_local_error(sk, EMSGSIZE, dr->daddr, 0, dr->rt.dev->mtu);
		pkb_free(pkb);
		return -EMSGSIZE;
	}
	iph->tot_len = net_htons((u16)len);
	if (!iph->saddr)
		iph->saddr = dr->saddr;
	if (!iph->id)
		iph->id = net_htons(ip_select_id());
	iph->check = 0;
	iph->check = inet_csum(iph, hlen);
	if (iph->protocol == IPPROTO_ICMP && len >= hlen + sizeof(struct icmphdr))
		icmp_out_count(pkb->data[hlen]);
	return ip_output_hdrincl(pkb, dr->daddr, dr->oif, sk->broadcast);
inval:
	pkb_free(pkb);
	return -EINVAL;
}

int raw_send_pkb(struct sock *sk, struct pkbuf *pkb, const be32 *daddr,
		 const struct ipcm_cookie *ipc, int flags)
{
	struct raw_sock *rs = raw_sk(sk);
	u32 len = pkb->len;
	struct dgram_route dr;
	struct ip_out out;
	bool df;
	int err;

	(void)flags;
	if (sk->err) {
		err = -sock_error(sk);
		goto drop;
	}
	err = -EMSGSIZE;
	if (len > 0xffff)
		goto drop;
	err = -EPIPE;
	if (sk->shutdown & SEND_SHUTDOWN)
		goto drop;
	err = -EDESTADDRREQ;
	if (!daddr && !rs->connected)
		goto drop;
	err = ip_dgram_route(sk, daddr ? *daddr : sk->daddr, ipc, &dr);
	if (err)
		goto drop;
	if (rs->hdrincl) {
		err = raw_send_hdrincl(sk, pkb, &dr);
		return err ? err : (int)len;
	}
	err = -EMSGSIZE;
	if (len > 0xffff - sizeof(struct iphdr))
		goto drop;
	err = ip_dgram_df(sk, &dr, len + sizeof(struct iphdr), 0, &df);
	if (err)
		goto drop;
	/* As Linux, an ICMP message is counted by the type it starts with. */
	if (sk->protocol == IPPROTO_ICMP)
		icmp_out_count(len ? pkb->data[0] : 0);
	ip_dgram_out(&dr, (u8)sk->protocol, df, &out);
	err = ip_output(pkb, &out);
	return err ? err : (int)len;
drop:
	pkb_free(pkb);
	return err;
}

int raw_recv_take(struct sock *sk, int flags, struct pkbuf **pkb, struct dgram_msg_info *info)
{
	return dgram_recv_take(sk, &raw_sk(sk)->rmem, flags, pkb, info);
}

int raw_sendto(struct sock *sk, const void *buf, u32 len, be32 daddr)
{
	struct pkbuf *pkb = pkb_from(NET_HEADROOM, buf, len);

	if (!pkb)
		return -ENOBUFS;
	return raw_send_pkb(sk, pkb, daddr ? &daddr : NULL, NULL, 0);
}

int raw_recvfrom(struct sock *sk, void *buf, u32 len, int flags, be32 *saddr, u32 *full_len)
{
	struct dgram_msg_info info;
	struct pkbuf *pkb;
	int n = raw_recv_take(sk, flags, &pkb, &info);
	u32 copy;

	if (n < 0 || !pkb)
		return n;
	copy = pkb->len < len ? pkb->len : len;
	memcpy(buf, pkb->data, copy);
	pkb_free(pkb);
	if (saddr)
		*saddr = info.saddr;
	if (full_len)
		*full_len = info.len;
	return (int)((flags & MSG_TRUNC) ? info.len : copy);
}

u32 raw_poll(struct sock *sk)
{
	return datagram_poll(sk);
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
	bool delivered = false;

	for (struct raw_sock *rs = raw_list; rs; rs = rs->next) {
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
		/* Raw sockets read the IP header too. */
		dgram_queue_copy(&rs->sk, &rs->rmem, &rs->drops, pkb, true);
	}
	return delivered;
}

void raw_icmp_error(const struct pkbuf *icmp, const struct iphdr *inner, u32 inner_len,
		    int err, u32 info)
{
	u8 type = icmp->data[0], code = icmp->data[1];
	bool hard;

	(void)inner_len;
	if (type == ICMP_SOURCE_QUENCH)
		return;
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED)
		err = EMSGSIZE;
	for (struct raw_sock *rs = raw_list; rs; rs = rs->next) {
		struct sock *sk = &rs->sk;

		if (sk->protocol != inner->protocol)
			continue;
		if ((rs->connected && sk->daddr != inner->daddr) ||
		    (sk->saddr && sk->saddr != inner->saddr))
			continue;
		/* Linux's raw_err: without IP_RECVERR only a connected socket
		 * hears, and only a hard error ("fragmentation needed" is
		 * hard unless IP_PMTUDISC_DONT). */
		hard = type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED
		       ? sk->pmtudisc != IP_PMTUDISC_DONT : icmp_err_is_hard(type, code);
		if (!sk->recverr && (!rs->connected || !hard))
			continue;
		if (sk->recverr)
			ip_icmp_error(sk, icmp, rs->hdrincl ? (const u8 *)inner
					       : (const u8 *)inner + ip_hdrlen(inner), err, 0, info);
		sk->err = err;
		sk->error_report(sk);
	}
}
