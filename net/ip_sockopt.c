/*
 * Socket options at SOL_IP (ip(7)) for every AF_INET socket, as a table
 * like SOL_SOCKET's (net/sockopt.c): handled, accepted and ignored with
 * why, or ENOPROTOOPT; docs/sockets.md is generated from the rows.
 * Kernel code.
 *
 * Linux's value rules at this level:
 *  - the "int" options take an int, or a single byte when the value is
 *    shorter (an empty value reads as 0);
 *  - getsockopt of an int option into a buffer shorter than an int
 *    returns one byte when the value fits in it (length 1), else the
 *    first bytes of the int.
 */
#include <net/igmp.h>
#include <net/inetdevice.h>
#include <net/ip.h>
#include <net/netdev.h>
#include <net/raw.h>
#include <net/route.h>
#include <net/sock.h>
#include <net/tcp.h>
#include <net/filter.h>
#include <tern/inet_sock.h>
#include <tern/kernel.h>
#include <tern/net_platform.h>
#include <tern/slab.h>
#include <tern/socket.h>
#include <tern/string.h>
#include <tern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/in.h>
#include <uapi/tcp.h>

#define IP_DEFAULT_TTL	64	/* net.ipv4.ip_default_ttl */
#define INET_ECN_MASK	3

/* An "int" option's value: an int, one byte, or nothing (0). */
static int ip_get_val(struct sockopt *opt, int *val)
{
	u8 c;

	if (opt->len >= (int)sizeof(int))
		return copy_from_user(val, opt->uval, sizeof(int)) ? -EFAULT : 0;
	if (opt->len >= 1) {
		if (copy_from_user(&c, opt->uval, 1))
			return -EFAULT;
		*val = c;
		return 0;
	}
	*val = 0;
	return 0;
}

/* An "int" option's result, with Linux's one-byte form for short buffers. */
static int ip_put_val(struct sockopt *opt, int val)
{
	if (opt->len < 0)
		return -EINVAL;
	if (opt->len > 0 && opt->len < (int)sizeof(int) && val >= 0 && val <= 255) {
		u8 c = (u8)val;
		int one = 1;

		if (copy_to_user(opt->uval, &c, 1) || copy_to_user(opt->ulen, &one, sizeof(one)))
			return -EFAULT;
		return 0;
	}
	return sockopt_put(opt, &val, sizeof(val));
}

struct ip_opt {
	int (*set)(struct socket *sock, struct sockopt *opt, int val);
	int (*get)(struct socket *sock, int *val);
	const char *doc;
	bool raw_value;		/* set() reads the value itself (no int) */
	/* For a value that is not an int: get_raw() writes it itself. */
	int (*get_raw)(struct socket *sock, struct sockopt *opt);
};

static int set_ttl(struct socket *sock, struct sockopt *opt, int val)
{
	(void)opt;
	if (val != -1 && (val < 1 || val > 255))
		return -EINVAL;
	net_lock();
	sock->sk->ttl = val == -1 ? 0 : (u8)val;
	net_unlock();
	return 0;
}

static int get_ttl(struct socket *sock, int *val)
{
	*val = sock->sk->ttl ? sock->sk->ttl : IP_DEFAULT_TTL;
	return 0;
}

static int set_tos(struct socket *sock, struct sockopt *opt, int val)
{
	(void)opt;
	net_lock();
	/* A stream keeps its own ECN bits (RFC 3168). */
	if (sock->type == SOCK_STREAM)
		val = (val & ~INET_ECN_MASK) | (sock->sk->tos & INET_ECN_MASK);
	sock->sk->tos = (u8)val;
	net_unlock();
	return 0;
}

static int get_tos(struct socket *sock, int *val)
{
	*val = sock->sk->tos;
	return 0;
}

#define CMSG_FLAG(field)							\
	static int set_##field(struct socket *sock, struct sockopt *opt, int val) \
	{									\
		(void)opt;							\
		inet_sk_of(sock)->field = val != 0;				\
		return 0;							\
	}									\
	static int get_##field(struct socket *sock, int *val)			\
	{									\
		*val = inet_sk_of(sock)->field;					\
		return 0;							\
	}
CMSG_FLAG(cmsg_pktinfo)
CMSG_FLAG(cmsg_ttl)
CMSG_FLAG(cmsg_tos)
CMSG_FLAG(mc_all)

static int set_pmtudisc(struct socket *sock, struct sockopt *opt, int val)
{
	(void)opt;
	if (val < IP_PMTUDISC_DONT || val > IP_PMTUDISC_OMIT)
		return -EINVAL;
	net_lock();
	sock->sk->pmtudisc = (u8)val;
	net_unlock();
	return 0;
}

static int get_pmtudisc(struct socket *sock, int *val)
{
	*val = sock->sk->pmtudisc;
	return 0;
}

/* raw(7) IP_HDRINCL: set on raw sockets only; reads 0 on the others. */
static int set_hdrincl(struct socket *sock, struct sockopt *opt, int val)
{
	(void)opt;
	if (sock->type != SOCK_RAW)
		return -ENOPROTOOPT;
	net_lock();
	raw_set_hdrincl(sock->sk, val != 0);
	net_unlock();
	return 0;
}

static int get_hdrincl(struct socket *sock, int *val)
{
	*val = sock->type == SOCK_RAW && raw_sk(sock->sk)->hdrincl;
	return 0;
}

static int set_recverr(struct socket *sock, struct sockopt *opt, int val)
{
	(void)opt;
	net_lock();
	sock->sk->recverr = val != 0;
	if (!val)
		pkb_queue_purge(&sock->sk->error_queue);
	net_unlock();
	return 0;
}

static int get_recverr(struct socket *sock, int *val)
{
	*val = sock->sk->recverr;
	return 0;
}

static int set_mc_ttl(struct socket *sock, struct sockopt *opt, int val)
{
	if (sock->type == SOCK_STREAM || opt->len < 1)
		return -EINVAL;
	if (val == -1)
		val = 1;
	if (val < 0 || val > 255)
		return -EINVAL;
	net_lock();
	sock->sk->mc_ttl = (u8)val;
	net_unlock();
	return 0;
}

static int get_mc_ttl(struct socket *sock, int *val)
{
	*val = sock->sk->mc_ttl;
	return 0;
}

static int set_mc_loop(struct socket *sock, struct sockopt *opt, int val)
{
	if (opt->len < 1)
		return -EINVAL;
	net_lock();
	sock->sk->mc_loop = val != 0;
	net_unlock();
	return 0;
}

static int get_mc_loop(struct socket *sock, int *val)
{
	*val = sock->sk->mc_loop;
	return 0;
}

/* ip_mreqn, or the shorter ip_mreq / in_addr forms (ip(7)). */
static int get_mreqn(struct sockopt *opt, struct ip_mreqn *m, size_t min)
{
	memset(m, 0, sizeof(*m));
	if (opt->len < (int)min)
		return -EINVAL;
	if (opt->len >= (int)sizeof(struct ip_mreqn))
		return copy_from_user(m, opt->uval, sizeof(*m)) ? -EFAULT : 0;
	if (opt->len >= (int)sizeof(struct ip_mreq)) {
		struct ip_mreq r;

		if (copy_from_user(&r, opt->uval, sizeof(r)))
			return -EFAULT;
		m->imr_multiaddr = r.imr_multiaddr;
		m->imr_address = r.imr_interface;
		return 0;
	}
	if (opt->len >= (int)sizeof(struct in_addr))
		return copy_from_user(&m->imr_address, opt->uval, sizeof(struct in_addr)) ? -EFAULT : 0;
	return 0;
}

/* The device an ip_mreqn names: by index, or by one of its addresses. */
static struct netdev *mreqn_dev(const struct ip_mreqn *m)
{
	struct in_ifaddr *ifa;

	if (m->imr_ifindex)
		return dev_get_by_index(m->imr_ifindex);
	ifa = inet_ifa_byaddr(m->imr_address.s_addr);
	return ifa ? ifa->dev : NULL;
}

static int set_mc_if(struct socket *sock, struct sockopt *opt, int val)
{
	struct ip_mreqn m;
	struct netdev *dev;
	int err;

	(void)val;
	if (sock->type == SOCK_STREAM)
		return -EINVAL;
	/* Linux: at least a struct in_addr (EINVAL). */
	err = get_mreqn(opt, &m, sizeof(struct in_addr));
	if (err)
		return err;
	net_lock();
	if (!m.imr_ifindex && !m.imr_address.s_addr) {
		sock->sk->mc_index = 0;
		sock->sk->mc_addr = 0;
	} else if (!(dev = mreqn_dev(&m))) {
		err = -EADDRNOTAVAIL;
	} else if (sock->sk->bound_ifindex && dev->ifindex != sock->sk->bound_ifindex) {
		err = -EINVAL;
	} else {
		sock->sk->mc_index = dev->ifindex;
		sock->sk->mc_addr = m.imr_address.s_addr;
	}
	net_unlock();
	return err;
}

/* IP_MULTICAST_IF reads back as the address (struct in_addr). */
static int get_mc_if_raw(struct socket *sock, struct sockopt *opt)
{
	struct in_addr a = { sock->sk->mc_addr };

	return sockopt_put(opt, &a, sizeof(a));
}

/* Joins or leaves the group r names on the socket's membership list. */
static int membership(struct socket *sock, const struct ip_mreqn *r, bool join)
{
	struct inet_sock *in = inet_sk_of(sock);
	struct inet_mc **pp, *m;
	struct netdev *dev = NULL;
	int err, ifindex;

	if (!ipv4_is_multicast(r->imr_multiaddr.s_addr))
		return -EINVAL;
	m = join ? kzalloc(sizeof(*m)) : NULL;
	if (join && !m)
		return -ENOBUFS;
	net_lock();
	if (r->imr_ifindex || r->imr_address.s_addr) {
		dev = mreqn_dev(r);
		if (!dev) {
			err = join ? -ENODEV : -EADDRNOTAVAIL;
			goto out;
		}
	}
	ifindex = dev ? dev->ifindex : 0;
	for (pp = &in->mc_list; *pp; pp = &(*pp)->next)
		if ((*pp)->group == r->imr_multiaddr.s_addr && (!ifindex || (*pp)->ifindex == ifindex))
			break;
	if (join) {
		if (*pp) {
			err = -EADDRINUSE;
			goto out;
		}
		err = ip_mc_join_group(ifindex, r->imr_multiaddr.s_addr);
		if (err)
			goto out;
		if (!ifindex) {
			/* Remember the device the route chose, to leave it. */
			struct route_result rt;

			ifindex = ip_route_output(r->imr_multiaddr.s_addr, 0, &rt) ? 0 : rt.dev->ifindex;
		}
		m->ifindex = ifindex;
		m->group = r->imr_multiaddr.s_addr;
		m->next = in->mc_list;
		in->mc_list = m;
		m = NULL;
	} else {
		struct inet_mc *found = *pp;

		if (!found) {
			err = -EADDRNOTAVAIL;
			goto out;
		}
		*pp = found->next;
		err = ip_mc_leave_group(found->ifindex, found->group);
		m = found;	/* freed below */
	}
out:
	net_unlock();
	kfree(m);
	return err;
}

/* IP_ADD/DROP_MEMBERSHIP: an ip_mreq(n); refused on stream sockets. */
static int mreq_membership(struct socket *sock, struct sockopt *opt, bool join)
{
	struct ip_mreqn r;
	int err;

	if (sock->type == SOCK_STREAM)
		return -EPROTO;
	err = get_mreqn(opt, &r, sizeof(struct ip_mreq));
	return err ? err : membership(sock, &r, join);
}

static int set_add_membership(struct socket *sock, struct sockopt *opt, int val)
{
	(void)val;
	return mreq_membership(sock, opt, true);
}

static int set_drop_membership(struct socket *sock, struct sockopt *opt, int val)
{
	(void)val;
	return mreq_membership(sock, opt, false);
}

/*
 * MCAST_JOIN/LEAVE_GROUP: a group_req (an interface index and an
 * AF_INET group address).  Linux takes it on any IPv4 socket, TCP
 * included; an accepted socket does not inherit the listener's list.
 */
static int group_membership(struct socket *sock, struct sockopt *opt, bool join)
{
	struct group_req g;
	struct ip_mreqn r;

	if (opt->len < (int)sizeof(g))
		return -EINVAL;
	if (copy_from_user(&g, opt->uval, sizeof(g)))
		return -EFAULT;
	if (g.gr_group.ss_family != AF_INET)
		return -EINVAL;
	memset(&r, 0, sizeof(r));
	r.imr_multiaddr = ((struct sockaddr_in *)&g.gr_group)->sin_addr;
	r.imr_ifindex = (int)g.gr_interface;
	return membership(sock, &r, join);
}

static int set_join_group(struct socket *sock, struct sockopt *opt, int val)
{
	(void)val;
	return group_membership(sock, opt, true);
}

static int set_leave_group(struct socket *sock, struct sockopt *opt, int val)
{
	(void)val;
	return group_membership(sock, opt, false);
}

static int set_ignored(struct socket *sock, struct sockopt *opt, int val)
{
	(void)sock;
	(void)opt;
	(void)val;
	return 0;
}

static int get_zero(struct socket *sock, int *val)
{
	(void)sock;
	*val = 0;
	return 0;
}

/* IP_MTU: the path MTU of a connected socket (ENOTCONN otherwise). */
static int get_mtu(struct socket *sock, int *val)
{
	struct route_result rt;
	int err;

	net_lock();
	if (!sock->sk->daddr || !sock->sk->dport)
		err = -ENOTCONN;
	else
		err = ip_route_output(sock->sk->daddr, sock->sk->bound_ifindex, &rt);
	if (!err)
		*val = (int)rt.mtu;
	net_unlock();
	return err == -ENOTCONN ? err : (err ? -ENOTCONN : 0);
}

static int get_protocol(struct socket *sock, int *val)
{
	*val = sock->protocol;
	return 0;
}

#define OPT(s, g, d) { s, g, d, false, NULL }
#define OPT_RAW(s, g, d) { s, NULL, d, true, g }

static const struct ip_opt sol_ip[] = {
	[IP_TOS] = OPT(set_tos, get_tos, "handled (the TOS byte of every packet sent)"),
	[IP_TTL] = OPT(set_ttl, get_ttl, "handled (1..255; -1 resets to 64)"),
	[IP_HDRINCL] = OPT(set_hdrincl, get_hdrincl, "handled (raw sockets: the caller's IP header; ENOPROTOOPT on others)"),
	[IP_PKTINFO] = OPT(set_cmsg_pktinfo, get_cmsg_pktinfo, "handled (IP_PKTINFO control message)"),
	[IP_MTU_DISCOVER] = OPT(set_pmtudisc, get_pmtudisc, "handled (DF bit of datagrams)"),
	[IP_RECVERR] = OPT(set_recverr, get_recverr, "handled (ICMP errors on the error queue, MSG_ERRQUEUE)"),
	[IP_RECVTTL] = OPT(set_cmsg_ttl, get_cmsg_ttl, "handled (IP_TTL control message)"),
	[IP_RECVTOS] = OPT(set_cmsg_tos, get_cmsg_tos, "handled (IP_TOS control message)"),
	[IP_MTU] = OPT(NULL, get_mtu, "read-only: the route's MTU (ENOTCONN unconnected)"),
	[IP_RECVOPTS] = OPT(set_ignored, get_zero, "accepted and ignored: Tern sends and keeps no IP options"),
	[IP_RETOPTS] = OPT(set_ignored, get_zero, "accepted and ignored: no IP options"),
	[IP_MULTICAST_IF] = OPT_RAW(set_mc_if, get_mc_if_raw, "handled (device or address for multicast sends; reads back the address)"),
	[IP_MULTICAST_TTL] = OPT(set_mc_ttl, get_mc_ttl, "handled (TTL of multicast datagrams, 1)"),
	[IP_MULTICAST_LOOP] = OPT(set_mc_loop, get_mc_loop, "handled (own multicast looped back, 1)"),
	[IP_ADD_MEMBERSHIP] = OPT_RAW(set_add_membership, NULL, "handled (ip_mreq or ip_mreqn; left on close)"),
	[IP_DROP_MEMBERSHIP] = OPT_RAW(set_drop_membership, NULL, "handled (EADDRNOTAVAIL when not joined)"),
	[MCAST_JOIN_GROUP] = OPT_RAW(set_join_group, NULL, "handled (group_req; any IPv4 socket, TCP too)"),
	[MCAST_LEAVE_GROUP] = OPT_RAW(set_leave_group, NULL, "handled (EADDRNOTAVAIL when not joined)"),
	[IP_MULTICAST_ALL] = OPT(set_mc_all, get_mc_all, "stored; delivery follows the default (all sockets on the port)"),
	[IP_PROTOCOL] = OPT(NULL, get_protocol, "read-only"),
};

int ip_setsockopt(struct socket *sock, int level, int name, struct sockopt *opt)
{
	const struct ip_opt *o;
	int val = 0, err;

	if (level != SOL_IP)
		return -ENOPROTOOPT;
	if (name < 0 || (size_t)name >= ARRAY_SIZE(sol_ip) || !sol_ip[name].set)
		return -ENOPROTOOPT;
	o = &sol_ip[name];
	if (!o->raw_value) {
		err = ip_get_val(opt, &val);
		if (err)
			return err;
	}
	return o->set(sock, opt, val);
}

int ip_getsockopt(struct socket *sock, int level, int name, struct sockopt *opt)
{
	const struct ip_opt *o;
	int val, err;

	/* Linux: an unknown level reads as EOPNOTSUPP, sets as ENOPROTOOPT. */
	if (level != SOL_IP)
		return -EOPNOTSUPP;
	if (opt->len < 0)
		return -EINVAL;
	if (name < 0 || (size_t)name >= ARRAY_SIZE(sol_ip))
		return -ENOPROTOOPT;
	o = &sol_ip[name];
	if (o->get_raw)
		return o->get_raw(sock, opt);
	if (!o->get)
		return -ENOPROTOOPT;
	err = o->get(sock, &val);
	if (err)
		return err;
	return ip_put_val(opt, val);
}

void sk_drop_filter(struct sock *sk)
{
	sk_filter_put(sk->filter);
	sk->filter = NULL;
}
