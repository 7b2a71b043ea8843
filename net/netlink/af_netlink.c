/*
 * AF_NETLINK sockets (netlink(7)): NETLINK_ROUTE over the portable
 * rtnetlink code, and NETLINK_KOBJECT_UEVENT sockets that can be opened
 * and bound (Tern sends no uevents).  Kernel code.
 *
 * State: every netlink socket is a struct netlink_sock on one list,
 * guarded by the stack lock (as AF_UNIX keeps its shared state); the
 * receive queue is the struct sock's, each datagram one packet buffer
 * whose cb holds the sender's port id and group.  A request is copied
 * from user memory with only the socket lock held, then processed under
 * the stack lock, which queues the replies; recvmsg takes a reference
 * to the next datagram under the stack lock and copies it out without.
 *
 * Port ids (netlink(7)): bind with nl_pid 0, or a first send or
 * connect, autobinds to the process id, or when that is taken to
 * negative ids from -4096 down, as Linux does.  Other protocols are
 * EPROTONOSUPPORT, as on a Linux built without them.
 *
 * linux-compat: NETLINK_LISTEN_ALL_NSID and the memory-mapped rings
 * are ENOPROTOOPT; replies to requests are queued
 * whatever SO_RCVBUF says (notifications are bounded by it and set
 * ENOBUFS when dropped).
 */
#include <net/rtnetlink.h>
#include <net/sock.h>
#include <tern/kernel.h>
#include <tern/net_platform.h>
#include <tern/panic.h>
#include <tern/process.h>
#include <tern/sched.h>
#include <tern/socket.h>
#include <tern/string.h>
#include <tern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/ioctls.h>
#include <uapi/poll.h>
#include <uapi/sockios.h>

struct netlink_sock {
	struct sock sk;			/* first: sock->sk points here */
	struct netlink_sock *next;	/* nl_socks */
	int protocol;
	bool bound;
	u32 portid;
	u32 dst_portid, dst_group;	/* connect(2) */
	u64 groups;			/* bit g-1: member of group g */
	bool ext_ack, strict_chk, cap_ack, no_enobufs, broadcast_error;
	bool pktinfo;			/* NETLINK_PKTINFO: the group as a cmsg */
};

/* Where a queued datagram came from (pkb->cb). */
struct nl_cb {
	u32 portid;
	u32 group;
};

static struct netlink_sock *nl_socks;	/* stack lock */
static s32 nl_rover = -4096;

static struct netlink_sock *nlk_of(struct socket *sock)
{
	return (struct netlink_sock *)sock->sk;
}

static struct nl_cb *pkb_nlcb(struct pkbuf *pkb)
{
	_Static_assert(sizeof(struct nl_cb) <= sizeof(((struct pkbuf *)0)->cb), "nl_cb");
	return (struct nl_cb *)pkb->cb;
}

/* ---- port ids (stack lock held) ---- */

static struct netlink_sock *nl_lookup(int protocol, u32 portid)
{
	for (struct netlink_sock *n = nl_socks; n; n = n->next)
		if (n->protocol == protocol && n->bound && n->portid == portid)
			return n;
	return NULL;
}

static int nl_insert(struct netlink_sock *nlk, u32 portid)
{
	if (nl_lookup(nlk->protocol, portid))
		return -EADDRINUSE;
	nlk->portid = portid;
	nlk->bound = true;
	return 0;
}

static int nl_autobind(struct netlink_sock *nlk)
{
	u32 portid;

	if (nlk->bound)
		return 0;
	portid = (u32)task_pid_nr(current);
	for (int tries = 0; nl_lookup(nlk->protocol, portid); tries++) {
		if (tries > 100000)
			return -EADDRINUSE;
		portid = (u32)nl_rover--;
		if (nl_rover > -4096)
			nl_rover = -4096;
	}
	return nl_insert(nlk, portid);
}

/* ---- queueing (stack lock held) ---- */

static int nl_queue(struct netlink_sock *to, const void *data, u32 len, u32 from_portid,
		    u32 group)
{
	struct pkbuf *pkb = pkb_from(0, data, len);

	if (!pkb)
		return -ENOBUFS;
	pkb_nlcb(pkb)->portid = from_portid;
	pkb_nlcb(pkb)->group = group;
	pkb_enqueue(&to->sk.receive_queue, pkb);
	to->sk.data_ready(&to->sk);
	return 0;
}

/* A reply to the requesting socket. */
static int nl_reply(void *arg, const void *data, u32 len)
{
	return nl_queue(arg, data, len, 0, 0);
}

static u64 rtnl_listeners(void)
{
	u64 all = 0;

	for (struct netlink_sock *n = nl_socks; n; n = n->next)
		if (n->protocol == NETLINK_ROUTE)
			all |= n->groups;
	return all;
}

/*
 * Deliver to every member of the group, bounded by each one's SO_RCVBUF.
 * As Linux's do_one_broadcast, never to a socket with the sender's port
 * id: the sender itself, and for the kernel (port 0) unbound members.
 */
static void nl_broadcast(int protocol, u32 group, const void *msg, u32 len, u32 from_portid)
{
	for (struct netlink_sock *n = nl_socks; n; n = n->next) {
		if (n->protocol != protocol || !(n->groups & rtnl_group_bit(group)) ||
		    n->portid == from_portid)
			continue;
		if (n->sk.receive_queue.bytes + len > n->sk.rcvbuf ||
		    nl_queue(n, msg, len, from_portid, group)) {
			if (!n->no_enobufs) {
				n->sk.err = ENOBUFS;
				n->sk.error_report(&n->sk);
			}
		}
	}
}

static void rtnl_broadcast(u32 group, const void *msg, u32 len)
{
	nl_broadcast(NETLINK_ROUTE, group, msg, len, 0);
}

static const struct rtnl_sink rtnl_sink_ops = {
	.listeners = rtnl_listeners,
	.broadcast = rtnl_broadcast,
};

/* ---- proto_ops ---- */

static int netlink_release(struct socket *sock)
{
	struct netlink_sock *nlk = nlk_of(sock);

	if (!nlk)
		return 0;
	net_lock();
	for (struct netlink_sock **pp = &nl_socks; *pp; pp = &(*pp)->next) {
		if (*pp == nlk) {
			*pp = nlk->next;
			break;
		}
	}
	sock_orphan(&nlk->sk);
	pkb_queue_purge(&nlk->sk.receive_queue);
	net_unlock();
	sock->sk = NULL;
	net_free(nlk);
	return 0;
}

/* Group numbers a protocol has (Linux: RTNLGRP_MAX for rtnetlink, 1 for uevents). */
static u32 nl_ngroups(int protocol)
{
	return protocol == NETLINK_ROUTE ? RTNL_NGROUPS : 1;
}

static int netlink_bind(struct socket *sock, struct sockaddr *sa, int len)
{
	struct netlink_sock *nlk = nlk_of(sock);
	struct sockaddr_nl nl;
	u64 groups;
	int err = 0;

	if (len < (int)sizeof(nl))
		return -EINVAL;
	memcpy(&nl, sa, sizeof(nl));
	if (nl.nl_family != AF_NETLINK)
		return -EINVAL;
	groups = nl.nl_groups;
	if (nl_ngroups(nlk->protocol) < 32)
		groups &= (1ull << nl_ngroups(nlk->protocol)) - 1;
	net_lock();
	if (nlk->bound) {
		if (nl.nl_pid != nlk->portid)
			err = -EINVAL;
	} else {
		err = nl.nl_pid ? nl_insert(nlk, nl.nl_pid) : nl_autobind(nlk);
	}
	if (!err)
		nlk->groups = (nlk->groups & ~0xffffffffull) | groups;
	net_unlock();
	return err;
}

static int netlink_connect(struct socket *sock, struct sockaddr *sa, int len, int flags)
{
	struct netlink_sock *nlk = nlk_of(sock);
	struct sockaddr_nl nl;
	int err;

	(void)flags;
	if (len < (int)sizeof(sa->sa_family))
		return -EINVAL;
	if (sa->sa_family == AF_UNSPEC) {
		net_lock();
		nlk->dst_portid = nlk->dst_group = 0;
		sock->state = SS_UNCONNECTED;
		net_unlock();
		return 0;
	}
	if (len < (int)sizeof(nl))
		return -EINVAL;
	memcpy(&nl, sa, sizeof(nl));
	if (nl.nl_family != AF_NETLINK)
		return -EINVAL;
	net_lock();
	err = nl_autobind(nlk);
	if (!err) {
		nlk->dst_portid = nl.nl_pid;
		nlk->dst_group = nl.nl_groups ? (u32)__builtin_ffs((int)nl.nl_groups) : 0;
		sock->state = SS_CONNECTED;
	}
	net_unlock();
	return err;
}

static int netlink_getname(struct socket *sock, struct sockaddr_storage *ss, int peer)
{
	struct netlink_sock *nlk = nlk_of(sock);
	struct sockaddr_nl nl;

	memset(&nl, 0, sizeof(nl));
	nl.nl_family = AF_NETLINK;
	net_lock();
	if (peer) {
		nl.nl_pid = nlk->dst_portid;
		nl.nl_groups = nlk->dst_group && nlk->dst_group <= 32 ?
			1u << (nlk->dst_group - 1) : 0;
	} else {
		nl.nl_pid = nlk->portid;
		nl.nl_groups = (u32)nlk->groups;
	}
	net_unlock();
	memcpy(ss, &nl, sizeof(nl));
	return (int)sizeof(nl);
}

static u32 netlink_poll(struct socket *sock)
{
	struct netlink_sock *nlk = nlk_of(sock);
	u32 mask = POLLOUT | POLLWRNORM;

	net_lock();
	if (nlk->sk.receive_queue.count)
		mask |= POLLIN | POLLRDNORM;
	if (nlk->sk.err)
		mask |= POLLERR;
	net_unlock();
	return mask;
}

static long netlink_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	/* Linux's netlink_ioctl answers nothing itself. */
	return dev_ioctl(sock, cmd, arg);
}

/* The longest request Linux takes: sndbuf - 32. */
static long netlink_sendmsg(struct socket *sock, struct kmsghdr *msg, int flags)
{
	struct netlink_sock *nlk = nlk_of(sock);
	size_t len = iov_iter_count(&msg->iter);
	u32 dst_portid, dst_group;
	struct rtnl_req req;
	void *data;
	int err;

	(void)flags;
	if (msg->name) {
		struct sockaddr_nl nl;

		if (msg->namelen < (int)sizeof(nl))
			return -EINVAL;
		memcpy(&nl, msg->name, sizeof(nl));
		if (nl.nl_family != AF_NETLINK)
			return -EINVAL;
		dst_portid = nl.nl_pid;
		dst_group = nl.nl_groups ? (u32)__builtin_ffs((int)nl.nl_groups) : 0;
	} else {
		net_lock();
		dst_portid = nlk->dst_portid;
		dst_group = nlk->dst_group;
		net_unlock();
	}
	if (len > nlk->sk.sndbuf - 32)
		return -EMSGSIZE;
	data = net_alloc_nozero(len ? len : 1);
	if (!data)
		return -ENOBUFS;
	if (copy_from_iter(data, len, &msg->iter) < len) {
		net_free(data);
		return -EFAULT;
	}
	net_lock();
	err = nl_autobind(nlk);
	if (err)
		goto out;
	if (dst_group && dst_group <= nl_ngroups(nlk->protocol))
		nl_broadcast(nlk->protocol, dst_group, data, (u32)len, nlk->portid);
	if (dst_portid) {
		struct netlink_sock *to = nl_lookup(nlk->protocol, dst_portid);

		if (!to)
			err = dst_group ? 0 : -ECONNREFUSED;
		else if (to->sk.receive_queue.bytes + len > to->sk.rcvbuf)
			err = -EAGAIN;
		else
			err = nl_queue(to, data, (u32)len, nlk->portid, 0);
	} else if (!dst_group) {
		if (nlk->protocol != NETLINK_ROUTE) {
			err = -ECONNREFUSED;	/* no kernel input for uevents */
			goto out;
		}
		req = (struct rtnl_req){
			.portid = nlk->portid, .strict = nlk->strict_chk, .cap_ack = nlk->cap_ack,
			.net_admin = capable_net_admin(), .unicast = nl_reply, .arg = nlk,
		};
		rtnetlink_rcv(data, (u32)len, &req);
	}
out:
	net_unlock();
	net_free(data);
	return err ? err : (long)len;
}

static int nl_ready(struct socket *sock, void *arg)
{
	struct netlink_sock *nlk = nlk_of(sock);

	(void)arg;
	return nlk->sk.receive_queue.count || nlk->sk.err ? 0 : -EAGAIN;
}

/*
 * recvmsg: one datagram; MSG_TRUNC set when it was longer than the
 * buffer, and with MSG_TRUNC in flags the datagram's whole length is
 * returned (iproute2 peeks with MSG_PEEK|MSG_TRUNC to size its buffer).
 */
static long netlink_recvmsg(struct socket *sock, struct kmsghdr *msg, int flags)
{
	struct netlink_sock *nlk = nlk_of(sock);
	u64 deadline = sock_rcv_deadline(sock, flags & MSG_DONTWAIT);
	size_t len = iov_iter_count(&msg->iter), copy, got;
	struct sockaddr_nl nl;
	struct pkbuf *pkb;
	int err;

	msg->namelen = 0;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	for (;;) {
		net_lock();
		if (nlk->sk.err) {
			err = -nlk->sk.err;
			nlk->sk.err = 0;
			net_unlock();
			return err;
		}
		pkb = pkb_peek(&nlk->sk.receive_queue);
		if (pkb) {
			if (flags & MSG_PEEK)
				pkb_get(pkb);
			else
				(void)pkb_dequeue(&nlk->sk.receive_queue);
		}
		net_unlock();
		if (pkb)
			break;
		err = sock_wait(sock, deadline, nl_ready, NULL);
		if (err)
			return err;
	}
	copy = MIN(len, (size_t)pkb->len);
	got = copy_to_iter(pkb->data, copy, &msg->iter);
	memset(&nl, 0, sizeof(nl));
	nl.nl_family = AF_NETLINK;
	nl.nl_pid = pkb_nlcb(pkb)->portid;
	nl.nl_groups = pkb_nlcb(pkb)->group && pkb_nlcb(pkb)->group <= 32 ?
		1u << (pkb_nlcb(pkb)->group - 1) : 0;
	if (got < copy) {
		net_lock();
		pkb_free(pkb);
		net_unlock();
		return -EFAULT;
	}
	if (pkb->len > len)
		msg->flags |= MSG_TRUNC;
	if (msg->name) {
		memcpy(msg->name, &nl, sizeof(nl));
		msg->namelen = (int)sizeof(nl);
	}
	if (nlk->pktinfo) {
		struct nl_pktinfo info = { .group = pkb_nlcb(pkb)->group };

		put_cmsg(msg, SOL_NETLINK, NETLINK_PKTINFO, sizeof(info), &info);
	}
	if (flags & MSG_TRUNC)
		copy = pkb->len;
	net_lock();
	pkb_free(pkb);
	net_unlock();
	return (long)copy;
}

/* ---- SOL_NETLINK ---- */

static bool *nl_flag(struct netlink_sock *nlk, int name)
{
	switch (name) {
	case NETLINK_EXT_ACK:
		return &nlk->ext_ack;
	case NETLINK_GET_STRICT_CHK:
		return &nlk->strict_chk;
	case NETLINK_CAP_ACK:
		return &nlk->cap_ack;
	case NETLINK_NO_ENOBUFS:
		return &nlk->no_enobufs;
	case NETLINK_BROADCAST_ERROR:
		return &nlk->broadcast_error;
	case NETLINK_PKTINFO:
		return &nlk->pktinfo;
	default:
		return NULL;
	}
}

static int netlink_setsockopt(struct socket *sock, int level, int name, struct sockopt *opt)
{
	struct netlink_sock *nlk = nlk_of(sock);
	bool *flag;
	int val = 0, err;

	if (level != SOL_NETLINK)
		return -ENOPROTOOPT;
	if (opt->len >= (int)sizeof(int)) {
		err = sockopt_get_int(opt, &val);
		if (err)
			return err;
	}
	switch (name) {
	case NETLINK_ADD_MEMBERSHIP:
	case NETLINK_DROP_MEMBERSHIP:
		if (opt->len < (int)sizeof(int))
			return -EINVAL;
		if (val <= 0 || (u32)val > nl_ngroups(nlk->protocol))
			return -EINVAL;
		net_lock();
		/* Linux: joining does not bind (an unbound member has port
		 * id 0 and so hears nothing from the kernel, port 0). */
		if (name == NETLINK_ADD_MEMBERSHIP)
			nlk->groups |= rtnl_group_bit((u32)val);
		else
			nlk->groups &= ~rtnl_group_bit((u32)val);
		net_unlock();
		return 0;
	default:
		flag = nl_flag(nlk, name);
		if (!flag)
			return -ENOPROTOOPT;
		if (opt->len < (int)sizeof(int))
			return -EINVAL;
		net_lock();
		*flag = val != 0;
		net_unlock();
		return 0;
	}
}

static int netlink_getsockopt(struct socket *sock, int level, int name, struct sockopt *opt)
{
	struct netlink_sock *nlk = nlk_of(sock);
	bool *flag;
	int val;

	if (level != SOL_NETLINK)
		return -ENOPROTOOPT;
	if (opt->len < 0)
		return -EINVAL;
	if (name == NETLINK_LIST_MEMBERSHIPS) {
		u32 words[RTNL_NGROUPS / 32];
		int need = (int)sizeof(words);

		words[0] = (u32)nlk->groups;
		words[1] = (u32)(nlk->groups >> 32);
		/* Linux copies what fits and stores the length it needs. */
		if (copy_to_user(opt->uval, words, (size_t)MIN(opt->len, need)))
			return -EFAULT;
		return copy_to_user(opt->ulen, &need, sizeof(need)) ? -EFAULT : 0;
	}
	flag = nl_flag(nlk, name);
	if (!flag)
		return -ENOPROTOOPT;
	/* Linux: an int or nothing (EINVAL for a shorter buffer). */
	if (opt->len < (int)sizeof(int))
		return -EINVAL;
	val = *flag;
	return sockopt_put_int(opt, val);
}

static const struct proto_ops netlink_ops = {
	.family = AF_NETLINK,
	.release = netlink_release,
	.bind = netlink_bind,
	.connect = netlink_connect,
	.getname = netlink_getname,
	.poll = netlink_poll,
	.ioctl = netlink_ioctl,
	.setsockopt = netlink_setsockopt,
	.getsockopt = netlink_getsockopt,
	.sendmsg = netlink_sendmsg,
	.recvmsg = netlink_recvmsg,
};

/* socket(AF_NETLINK, SOCK_RAW or SOCK_DGRAM, protocol). */
static int netlink_create(struct socket *sock, int protocol)
{
	struct netlink_sock *nlk;

	if (sock->type != SOCK_RAW && sock->type != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	if (protocol < 0 || protocol >= MAX_LINKS)
		return -EPROTONOSUPPORT;
	if (protocol != NETLINK_ROUTE && protocol != NETLINK_KOBJECT_UEVENT)
		return -EPROTONOSUPPORT;
	nlk = net_alloc(sizeof(*nlk));
	if (!nlk)
		return -ENOMEM;
	sock_init(&nlk->sk, AF_NETLINK, sock->type, (u16)protocol);
	nlk->protocol = protocol;
	net_lock();
	sock_init_upcalls(sock, &nlk->sk);
	nlk->next = nl_socks;
	nl_socks = nlk;
	net_unlock();
	sock->sk = &nlk->sk;
	sock->ops = &netlink_ops;
	return 0;
}

static const struct net_proto_family netlink_family = {
	.family = AF_NETLINK,
	.create = netlink_create,
};

void netlink_family_init(void)
{
	net_lock();
	rtnl_set_sink(&rtnl_sink_ops);
	rtnetlink_init();
	net_unlock();
	if (sock_register(&netlink_family))
		panic("netlink: cannot register AF_NETLINK");
}
