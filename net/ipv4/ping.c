/*
 * ICMP ping sockets (icmp(7), see net/ping.h).
 *
 * Every socket is on one list, the most recently given an identifier
 * first: a host has few of them, and a reply goes to the first socket
 * with its identifier (Linux's ping_lookup takes the head of the hash
 * chain, where the last bound socket was added).
 */
#include <net/checksum.h>
#include <net/icmp.h>
#include <net/ping.h>
#include <net/route.h>
#include <net/udp.h>
#include <uapi/errno.h>

/* ping_sock.bind_locks: what bind() chose, which disconnect keeps. */
#define BIND_ADDR_LOCK 1
#define BIND_PORT_LOCK 2

static struct ping_sock *ping_list;
static u32 ping_socks;
/* The last identifier picked (Linux's ping_port_rover). */
static u16 ping_rover;

/* net.ipv4.ping_group_range: Linux's default "1 0" admits nobody. */
static u32 ping_gid_low = 1, ping_gid_high;

int ping_group_range_set(u32 low, u32 high)
{
	if (low == 0xffffffffu || high == 0xffffffffu)
		return -EINVAL;        /* not a gid (Linux's gid_valid) */
	if (high < low) {
		low = 1;
		high = 0;
	}
	ping_gid_low = low;
	ping_gid_high = high;
	return 0;
}

void ping_group_range_get(u32 *low, u32 *high)
{
	*low = ping_gid_low;
	*high = ping_gid_high;
}

bool ping_group_allowed(u32 gid)
{
	return ping_gid_low <= gid && gid <= ping_gid_high;
}

struct sock *ping_sock_create(void)
{
	struct ping_sock *ps = net_alloc(sizeof(*ps));

	if (!ps)
		return NULL;
	sock_init(&ps->sk, AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	/* Linux's inetsw entry for ping sockets has INET_PROTOSW_REUSE. */
	ps->sk.reuseaddr = true;
	ps->next = ping_list;
	ping_list = ps;
	ping_socks++;
	return &ps->sk;
}

static void ping_unlink(struct ping_sock *ps)
{
	for (struct ping_sock **pp = &ping_list; *pp; pp = &(*pp)->next) {
		if (*pp == ps) {
			*pp = ps->next;
			return;
		}
	}
}

void ping_close(struct sock *sk)
{
	struct ping_sock *ps = ping_sk(sk);

	ping_unlink(ps);
	ping_socks--;
	pkb_queue_purge(&sk->receive_queue);
	pkb_queue_purge(&sk->error_queue);
	net_free(ps);
}

void ping_close_all(void)
{
	while (ping_list)
		ping_close(&ping_list->sk);
}

u32 ping_sock_count(void)
{
	return ping_socks;
}

/* Is identifier `ident` (host order) in use by a socket other than ps? */
static bool ping_ident_used(const struct ping_sock *ps, u16 ident, bool reuse_ok)
{
	for (const struct ping_sock *o = ping_list; o; o = o->next) {
		if (o == ps || !o->hashed || net_ntohs(o->sk.sport) != ident)
			continue;
		/* linux-compat: Linux refuses any socket in the same hash
		 * slot (64 of them); Tern compares identifiers. */
		if (reuse_ok && o->sk.reuseaddr && ps->sk.reuseaddr)
			continue;
		return true;
	}
	return false;
}

/* Give ps identifier `ident` (host order), or pick one when 0. */
static int ping_get_port(struct ping_sock *ps, u16 ident)
{
	if (!ident) {
		u16 cand = ping_rover;

		for (u32 i = 0; i < 0x10000; i++) {
			if (!++cand)
				cand++;        /* never 0 */
			if (!ping_ident_used(ps, cand, false)) {
				ident = ping_rover = cand;
				break;
			}
		}
		if (!ident)
			return -EADDRINUSE;
	} else if (ping_ident_used(ps, ident, true)) {
		return -EADDRINUSE;
	}
	ps->sk.sport = net_htons(ident);
	ps->hashed = true;
	/* The latest bound comes first for replies. */
	ping_unlink(ps);
	ps->next = ping_list;
	ping_list = ps;
	return 0;
}

int ping_bind(struct sock *sk, be32 addr, be16 ident)
{
	struct ping_sock *ps = ping_sk(sk);
	u8 type;
	int err;

	if (addr) {
		/* Linux's ping_check_bind_addr. */
		type = inet_addr_type(addr);
		if (type != RTN_LOCAL)
			return -EADDRNOTAVAIL;
	}
	if (ps->hashed)
		return -EINVAL;
	err = ping_get_port(ps, net_ntohs(ident));
	if (err)
		return err;
	sk->saddr = addr;
	if (addr)
		ps->bind_locks |= BIND_ADDR_LOCK;
	if (ident)
		ps->bind_locks |= BIND_PORT_LOCK;
	return 0;
}

int ping_autobind(struct sock *sk)
{
	struct ping_sock *ps = ping_sk(sk);

	if (ps->hashed)
		return 0;
	return ping_get_port(ps, 0) ? -EAGAIN : 0;
}

int ping_connect(struct sock *sk, be32 daddr)
{
	struct ping_sock *ps = ping_sk(sk);
	struct dgram_route dr;
	int err;

	err = ping_autobind(sk);
	if (err)
		return err;
	err = ip_dgram_route(sk, daddr, NULL, &dr);
	if (err)
		return err;
	if (!sk->saddr)
		sk->saddr = dr.saddr;
	sk->daddr = dr.daddr;
	ps->connected = true;
	return 0;
}

int ping_disconnect(struct sock *sk)
{
	struct ping_sock *ps = ping_sk(sk);

	sk->daddr = 0;
	ps->connected = false;
	if (!(ps->bind_locks & BIND_ADDR_LOCK))
		sk->saddr = 0;
	if (!(ps->bind_locks & BIND_PORT_LOCK)) {
		ps->hashed = false;
		sk->sport = 0;
	}
	return 0;
}

int ping_check_echo(const u8 *msg, u32 len)
{
	if (len < sizeof(struct icmphdr))
		return -EINVAL;
	return msg[0] == ICMP_ECHO && msg[1] == 0 ? 0 : -EINVAL;
}

int ping_send_pkb(struct sock *sk, struct pkbuf *pkb, const be32 *daddr,
		  const struct ipcm_cookie *ipc, int flags)
{
	struct ping_sock *ps = ping_sk(sk);
	struct icmphdr *ih = (struct icmphdr *)pkb->data;
	u32 len = pkb->len;
	struct dgram_route dr;
	struct ip_out out;
	bool df;
	int err;

	(void)flags;
	err = ping_check_echo(pkb->data, len);
	if (err)
		goto drop;
	err = -EMSGSIZE;
	if (len > 0xffff - sizeof(struct iphdr))
		goto drop;
	if (sk->err) {
		err = -sock_error(sk);
		goto drop;
	}
	err = -EPIPE;
	if (sk->shutdown & SEND_SHUTDOWN)
		goto drop;
	err = -EDESTADDRREQ;
	if (!daddr && !ps->connected)
		goto drop;
	err = ping_autobind(sk);
	if (err)
		goto drop;
	err = ip_dgram_route(sk, daddr ? *daddr : sk->daddr, ipc, &dr);
	if (err)
		goto drop;
	err = ip_dgram_df(sk, &dr, len + sizeof(struct iphdr), 0, &df);
	if (err)
		goto drop;
	/* icmp(7): the identifier is the socket's, whatever the caller put. */
	ih->un.echo.id = sk->sport;
	ih->checksum = 0;
	ih->checksum = inet_csum(ih, len);
	icmp_out_count(ih->type);
	ip_dgram_out(&dr, IPPROTO_ICMP, df, &out);
	err = ip_output(pkb, &out);
	return err ? err : (int)len;
drop:
	pkb_free(pkb);
	return err;
}

int ping_recv_take(struct sock *sk, int flags, struct pkbuf **pkb, struct dgram_msg_info *info)
{
	return dgram_recv_take(sk, &ping_sk(sk)->rmem, flags, pkb, info);
}

u32 ping_poll(struct sock *sk)
{
	return datagram_poll(sk);
}

/* Linux's ping_lookup: the socket with this identifier for packet pkb. */
static struct ping_sock *ping_lookup(be16 ident, const struct pkbuf *pkb)
{
	const struct iphdr *iph = (const struct iphdr *)pkb_network(pkb);

	for (struct ping_sock *ps = ping_list; ps; ps = ps->next) {
		if (!ps->hashed || ps->sk.sport != ident)
			continue;
		if (ps->sk.saddr && ps->sk.saddr != iph->daddr)
			continue;
		if (ps->sk.bound_ifindex && ps->sk.bound_ifindex != IPCB(pkb)->iif)
			continue;
		return ps;
	}
	return NULL;
}

void ping_rcv(const struct pkbuf *pkb)
{
	const struct icmphdr *ih = (const struct icmphdr *)pkb->data;
	struct ping_sock *ps;

	if (pkb->len < sizeof(*ih))
		return;
	ps = ping_lookup(ih->un.echo.id, pkb);
	if (ps)
		dgram_queue_copy(&ps->sk, &ps->rmem, &ps->drops, pkb, false);
}

void ping_err(const struct pkbuf *icmp, const struct iphdr *inner, u32 inner_len,
	      int err, u32 info)
{
	const struct icmphdr *quoted = (const struct icmphdr *)((const u8 *)inner + ip_hdrlen(inner));
	u8 type = icmp->data[0], code = icmp->data[1];
	struct ping_sock *ps;
	struct sock *sk;
	bool hard;

	if (inner_len < ip_hdrlen(inner) + sizeof(*quoted))
		return;
	if (ping_check_echo((const u8 *)quoted, sizeof(*quoted)))
		return;
	ps = ping_lookup(quoted->un.echo.id, icmp);
	if (!ps)
		return;
	sk = &ps->sk;
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED) {
		if (sk->pmtudisc == IP_PMTUDISC_DONT)
			return;
		hard = true;
	} else {
		hard = icmp_err_is_hard(type, code);
	}
	/* Linux's ping_err: with IP_RECVERR every error is queued, with the
	 * quoted request as payload; without it only a connected socket
	 * hears, and only a hard error.  linux-compat: source quench and
	 * redirects (EREMOTEIO on Linux) never reach it (net/ipv4/icmp.c
	 * drops them). */
	if (sk->recverr)
		ip_icmp_error(sk, icmp, (const u8 *)quoted, err, 0, info);
	else if (!hard || !ps->connected)
		return;
	sk->err = err;
	sk->error_report(sk);
}
