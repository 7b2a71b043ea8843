/*
 * AF_INET raw and ping sockets (raw(7), icmp(7)), and the IP error
 * queue's recvmsg(MSG_ERRQUEUE) for every datagram socket (ip(7)
 * IP_RECVERR).  Kernel code, over the engines of net/ipv4/raw.c and
 * net/ipv4/ping.c; the conventions of net/af_inet.c (sock->lock held,
 * the stack lock only around engine calls, user memory copied outside
 * it).
 */
#include <net/icmp.h>
#include <net/ping.h>
#include <net/raw.h>
#include <tern/inet_sock.h>
#include <tern/kernel.h>
#include <tern/net_platform.h>
#include <tern/process.h>
#include <tern/slab.h>
#include <tern/socket.h>
#include <tern/string.h>
#include <tern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/icmp.h>
#include <uapi/in.h>
#include <uapi/sockios.h>

/* ---- what raw and ping sockets share ---- */

static int dgram_release_sock(struct socket *sock, void (*close)(struct sock *sk))
{
	if (!sock->sk)
		return 0;
	inet_sock_free(sock);
	net_lock();
	sock_orphan(sock->sk);
	sk_drop_filter(sock->sk);
	close(sock->sk);
	net_unlock();
	sock->sk = NULL;
	return 0;
}

static u32 dgram_poll_sock(struct socket *sock)
{
	u32 mask;

	net_lock();
	mask = datagram_poll(sock->sk);
	net_unlock();
	return mask;
}

/*
 * Raw sockets: SIOCINQ (the next datagram's length), SIOCOUTQ (nothing
 * is held).  Ping sockets answer neither (ENOTTY: Linux's ping_prot
 * has no ioctl), only the interface ioctls.
 */
static long raw_ioctl_sock(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	int answ;

	switch (cmd) {
	case SIOCINQ:
		net_lock();
		answ = (int)dgram_next_len(sock->sk);
		net_unlock();
		break;
	case SIOCOUTQ:
		answ = 0;
		break;
	default:
		return inet_ioctl(sock, cmd, arg);
	}
	return copy_to_user((void *)arg, &answ, sizeof(answ)) ? -EFAULT : 0;
}

/* Linux's inet_shutdown on a datagram socket (as udp_shutdown). */
static int dgram_shutdown_sock(struct socket *sock, int how)
{
	struct sock *sk = sock->sk;
	int err = 0;

	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	net_lock();
	if (sock->state != SS_CONNECTED)
		err = -ENOTCONN;	/* the flags are set all the same */
	sk->shutdown |= (u8)(how + 1);
	sk->state_change(sk);
	sk->data_ready(sk);
	net_unlock();
	wake_up_all(&sock->wq);
	return err;
}

/*
 * getsockname()/getpeername() (Linux's inet_getname): the local address
 * and the socket's "port" (a raw socket's protocol, a ping socket's
 * identifier); no peer ever has a port, so getpeername() is ENOTCONN,
 * connected or not.
 */
static int dgram_getname_sock(struct socket *sock, struct sockaddr_storage *ss, int peer)
{
	be32 addr;
	be16 port;

	if (peer)
		return -ENOTCONN;
	net_lock();
	addr = sock->sk->saddr;
	port = sock->type == SOCK_RAW ? net_htons(sock->sk->protocol) : sock->sk->sport;
	net_unlock();
	return inet_fill_addr(ss, addr, port);
}

/* Set up sock over a new engine socket sk (NULL: out of memory). */
static int dgram_attach(struct socket *sock, struct sock *sk, const struct proto_ops *ops,
			int protocol)
{
	if (!sk) {
		kfree(sock->priv);
		sock->priv = NULL;
		return -ENOMEM;
	}
	sock->ops = ops;
	sock->protocol = protocol;
	net_lock();
	sock_init_upcalls(sock, sk);
	net_unlock();
	return 0;
}

/* ---- raw sockets ---- */

static int raw_release_sock(struct socket *sock)
{
	return dgram_release_sock(sock, raw_close);
}

/* Linux's raw_bind: no family check, only the length. */
static int raw_bind_sock(struct socket *sock, struct sockaddr *sa, int len)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;
	int err;

	if (len < (int)sizeof(*sin))
		return -EINVAL;
	net_lock();
	err = raw_bind(sock->sk, sin->sin_addr.s_addr);
	net_unlock();
	return err;
}

/* connect(2) on raw and ping sockets (Linux's ip4_datagram_connect). */
static int dgram_connect_sock(struct socket *sock, struct sockaddr *sa, int len,
			      int (*connect)(struct sock *sk, be32 daddr),
			      int (*disconnect)(struct sock *sk))
{
	be32 addr;
	be16 port;
	int err;

	if (len < (int)sizeof(sa->sa_family))
		return -EINVAL;
	net_lock();
	if (sa->sa_family == AF_UNSPEC) {
		err = disconnect(sock->sk);
		sock->state = SS_UNCONNECTED;
	} else {
		err = inet_addr_in(sa, len, false, &addr, &port);
		if (!err)
			err = connect(sock->sk, addr);
		if (!err)
			sock->state = SS_CONNECTED;
	}
	net_unlock();
	return err;
}

static int raw_connect_sock(struct socket *sock, struct sockaddr *sa, int len, int flags)
{
	(void)flags;
	return dgram_connect_sock(sock, sa, len, raw_connect, raw_disconnect);
}

/*
 * SOL_RAW: ICMP_FILTER on IPPROTO_ICMP sockets (raw(7); EOPNOTSUPP on
 * others).  As Linux, a shorter value sets only its first bytes, and a
 * read returns at most the 4 bytes of struct icmp_filter.
 */
static int raw_setsockopt_sock(struct socket *sock, int level, int name, struct sockopt *opt)
{
	u32 mask;
	int len;

	if (level != SOL_RAW)
		return ip_setsockopt(sock, level, name, opt);
	if (name != ICMP_FILTER)
		return -ENOPROTOOPT;
	if (sock->protocol != IPPROTO_ICMP)
		return -EOPNOTSUPP;
	len = MIN(opt->len, (int)sizeof(mask));
	if (len < 0)
		len = 0;
	net_lock();
	mask = raw_sk(sock->sk)->icmp_filter;
	net_unlock();
	if (copy_from_user(&mask, opt->uval, (size_t)len))
		return -EFAULT;
	net_lock();
	raw_set_icmp_filter(sock->sk, mask);
	net_unlock();
	return 0;
}

static int raw_getsockopt_sock(struct socket *sock, int level, int name, struct sockopt *opt)
{
	u32 mask;

	if (level != SOL_RAW)
		return ip_getsockopt(sock, level, name, opt);
	if (name != ICMP_FILTER)
		return -ENOPROTOOPT;
	if (sock->protocol != IPPROTO_ICMP)
		return -EOPNOTSUPP;
	if (opt->len < 0)
		return -EINVAL;
	net_lock();
	mask = raw_sk(sock->sk)->icmp_filter;
	net_unlock();
	return sockopt_put(opt, &mask, sizeof(mask));
}

/* A datagram's bytes from the caller into a new buffer (EFAULT). */
static struct pkbuf *dgram_fill(struct kmsghdr *msg, size_t len, long *err)
{
	struct pkbuf *pkb = pkb_alloc(NET_HEADROOM, (u32)len);

	*err = -ENOBUFS;
	if (!pkb)
		return NULL;
	*err = -EFAULT;
	if (copy_from_iter(pkb_put(pkb, (u32)len), len, &msg->iter) < len) {
		pkb_free(pkb);
		return NULL;
	}
	*err = 0;
	return pkb;
}

/*
 * Linux's raw_sendmsg: at most 65535 bytes, no MSG_OOB, a destination
 * from msg_name (AF_INET, or AF_UNSPEC read as one; a zero-length name
 * is none) or the connected peer.
 */
static long raw_sendmsg_sock(struct socket *sock, struct kmsghdr *msg, int flags)
{
	size_t len = iov_iter_count(&msg->iter);
	struct ipcm_cookie ipc;
	struct pkbuf *pkb;
	be32 addr = 0;
	be16 port;
	bool has = false;
	long err;

	if (len > 0xffff)
		return -EMSGSIZE;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (msg->name && msg->namelen) {
		err = inet_dgram_dest(msg, true, &addr, &port, &has);
		if (err)
			return err;
	}
	err = ip_cmsg_send(msg, &ipc);
	if (err)
		return err;
	pkb = dgram_fill(msg, len, &err);
	if (!pkb)
		return err;
	net_lock();
	err = raw_send_pkb(sock->sk, pkb, has ? &addr : NULL, &ipc, flags);
	net_unlock();
	return err;
}

static const struct dgram_recv_ops raw_recv_ops = {
	.take = raw_recv_take,
	.full_trunc = true,
};

static long raw_recvmsg_sock(struct socket *sock, struct kmsghdr *msg, int flags)
{
	return inet_dgram_recvmsg(sock, msg, flags, &raw_recv_ops);
}

static const struct proto_ops inet_raw_ops = {
	.family = AF_INET,
	.release = raw_release_sock,
	.bind = raw_bind_sock,
	.connect = raw_connect_sock,
	.getname = dgram_getname_sock,
	.poll = dgram_poll_sock,
	.ioctl = raw_ioctl_sock,
	.shutdown = dgram_shutdown_sock,
	.setsockopt = raw_setsockopt_sock,
	.getsockopt = raw_getsockopt_sock,
	.sendmsg = raw_sendmsg_sock,
	.recvmsg = raw_recvmsg_sock,
};

/*
 * socket(AF_INET, SOCK_RAW, protocol): Linux's inet_create checks the
 * range (EINVAL, done by the caller), that a protocol is named
 * (EPROTONOSUPPORT), then CAP_NET_RAW (EPERM).
 */
int inet_raw_create(struct socket *sock, int protocol)
{
	struct sock *sk;
	int err;

	if (!protocol)
		return -EPROTONOSUPPORT;
	if (!capable_net_raw())
		return -EPERM;
	if (!inet_sock_alloc(sock))
		return -ENOMEM;
	net_lock();
	sk = raw_sock_create((u16)protocol, &err);
	net_unlock();
	return dgram_attach(sock, sk, &inet_raw_ops, protocol);
}

/* ---- ping sockets ---- */

static int ping_release_sock(struct socket *sock)
{
	return dgram_release_sock(sock, ping_close);
}

/* Linux's ping_check_bind_addr, then ping_bind. */
static int ping_bind_sock(struct socket *sock, struct sockaddr *sa, int len)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;
	int err;

	if (len < (int)sizeof(*sin))
		return -EINVAL;
	if (sin->sin_family != AF_INET &&
	    !(sin->sin_family == AF_UNSPEC && sin->sin_addr.s_addr == 0))
		return -EAFNOSUPPORT;
	net_lock();
	err = ping_bind(sock->sk, sin->sin_addr.s_addr, sin->sin_port);
	net_unlock();
	return err;
}

static int ping_connect_sock(struct socket *sock, struct sockaddr *sa, int len, int flags)
{
	(void)flags;
	return dgram_connect_sock(sock, sa, len, ping_connect, ping_disconnect);
}

/*
 * Linux's ping_v4_sendmsg: the length (EMSGSIZE past 65535, EINVAL
 * shorter than an ICMP header), no MSG_OOB, the message (EFAULT) and
 * that it is an echo request (EINVAL), then the address: msg_name
 * (EINVAL short, EAFNOSUPPORT unless AF_INET) or the connected peer.
 * An unbound socket gets its identifier first, whatever follows.
 */
static long ping_sendmsg_sock(struct socket *sock, struct kmsghdr *msg, int flags)
{
	size_t len = iov_iter_count(&msg->iter);
	struct ipcm_cookie ipc;
	struct pkbuf *pkb;
	be32 addr;
	be16 port;
	bool has;
	long err;

	net_lock();
	err = ping_autobind(sock->sk);
	net_unlock();
	if (err)
		return err;
	if (len > 0xffff)
		return -EMSGSIZE;
	if (len < sizeof(struct icmphdr))
		return -EINVAL;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	pkb = dgram_fill(msg, len, &err);
	if (!pkb)
		return err;
	err = ping_check_echo(pkb->data, pkb->len);
	if (!err)
		err = inet_dgram_dest(msg, false, &addr, &port, &has);
	if (!err)
		err = ip_cmsg_send(msg, &ipc);
	if (err) {
		pkb_free(pkb);
		return err;
	}
	net_lock();
	err = ping_send_pkb(sock->sk, pkb, has ? &addr : NULL, &ipc, flags);
	net_unlock();
	return err;
}

static const struct dgram_recv_ops ping_recv_ops = {
	.take = ping_recv_take,
	.full_trunc = false,	/* Linux's ping_recvmsg returns what it copied */
};

static long ping_recvmsg_sock(struct socket *sock, struct kmsghdr *msg, int flags)
{
	return inet_dgram_recvmsg(sock, msg, flags, &ping_recv_ops);
}

static const struct proto_ops inet_ping_ops = {
	.family = AF_INET,
	.release = ping_release_sock,
	.bind = ping_bind_sock,
	.connect = ping_connect_sock,
	.getname = dgram_getname_sock,
	.poll = dgram_poll_sock,
	.ioctl = inet_ioctl,
	.shutdown = dgram_shutdown_sock,
	.setsockopt = ip_setsockopt,
	.getsockopt = ip_getsockopt,
	.sendmsg = ping_sendmsg_sock,
	.recvmsg = ping_recvmsg_sock,
};

/* icmp(7): the caller's effective group or a supplementary one is in
 * net.ipv4.ping_group_range (Linux's ping_init_sock). */
static bool ping_allowed(void)
{
	const struct cred *cred = current_cred();
	bool ok;

	net_lock();
	ok = ping_group_allowed(cred->egid);
	for (u32 i = 0; !ok && i < cred->ngroups && i < ARRAY_SIZE(cred->groups); i++)
		ok = ping_group_allowed(cred->groups[i]);
	net_unlock();
	return ok;
}

int inet_ping_create(struct socket *sock)
{
	struct sock *sk;

	if (!ping_allowed())
		return -EACCES;
	if (!inet_sock_alloc(sock))
		return -ENOMEM;
	net_lock();
	sk = ping_sock_create();
	net_unlock();
	return dgram_attach(sock, sk, &inet_ping_ops, IPPROTO_ICMP);
}

/* ---- the error queue ---- */

long ip_recv_error(struct socket *sock, struct kmsghdr *msg)
{
	struct {
		struct sock_extended_err ee;
		struct sockaddr_in offender;
	} errhdr;
	size_t len = iov_iter_count(&msg->iter), copy, got;
	struct sock_exterr_cb *serr;
	struct pkbuf *pkb;

	net_lock();
	pkb = ip_recv_error_take(sock->sk);
	net_unlock();
	if (!pkb)
		return -EAGAIN;
	serr = SKB_EXT_ERR(pkb);
	copy = MIN(len, (size_t)pkb->len);
	got = copy_to_iter(pkb->data, copy, &msg->iter);
	if (got < copy) {
		pkb_free(pkb);
		return -EFAULT;
	}
	if (pkb->len > copy)
		msg->flags |= MSG_TRUNC;
	/* The offending datagram's destination, and port (0 for raw and
	 * ping sockets, and for local errors of unconnected sockets). */
	if (msg->name)
		msg->namelen = inet_fill_addr(msg->name, serr->addr, serr->port);
	memset(&errhdr, 0, sizeof(errhdr));
	errhdr.ee = serr->ee;
	if (serr->ee.ee_origin == SO_EE_ORIGIN_ICMP) {
		struct dgram_msg_info info;

		errhdr.offender.sin_family = AF_INET;
		errhdr.offender.sin_addr.s_addr = serr->offender;
		/* The socket's IP control messages describe the ICMP message. */
		memset(&info, 0, sizeof(info));
		info.saddr = serr->offender;
		info.daddr = serr->icmp_daddr;
		info.ifindex = serr->iif;
		net_lock();
		info.spec_dst = ip_spec_dst(serr->offender, serr->icmp_daddr, serr->rt_type, serr->iif);
		net_unlock();
		info.ttl = serr->ttl;
		info.tos = serr->tos;
		info.tstamp_ns = pkb->tstamp_ns;
		ip_recv_cmsgs(sock, msg, &info);
	} else {
		sock_recv_timestamp(sock, msg, pkb->tstamp_ns);
	}
	pkb_free(pkb);
	put_cmsg(msg, SOL_IP, IP_RECVERR, sizeof(errhdr), &errhdr);
	msg->flags |= MSG_ERRQUEUE;
	return (long)copy;
}
