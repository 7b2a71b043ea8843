/*
 * AF_INET sockets (ip(7), tcp(7), udp(7)): the family's create and the
 * proto_ops of its stream and datagram types over the engines in
 * net/ipv4/ (raw and ping sockets: net/af_inet_raw.c).  Kernel code.
 *
 * Each operation runs with sock->lock held (net/socket.c), takes the
 * stack lock only around engine calls, and copies user data with no
 * spinlock held: sends fill packet buffers from the caller's iterator
 * and hand them to the engine, receives take a buffer from the engine
 * and copy it out (docs/design.md §5-6).
 */
#include <net/igmp.h>
#include <net/inetdevice.h>
#include <net/ip.h>
#include <net/route.h>
#include <net/sock.h>
#include <net/tcp.h>
#include <net/udp.h>
#include <tern/inet_sock.h>
#include <tern/kernel.h>
#include <tern/net_platform.h>
#include <tern/panic.h>
#include <tern/process.h>
#include <tern/slab.h>
#include <tern/socket.h>
#include <tern/string.h>
#include <tern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/in.h>
#include <uapi/ioctls.h>
#include <uapi/poll.h>
#include <uapi/sockios.h>
#include <uapi/tcp.h>
#include <uapi/udp.h>

/* net.ipv4.ip_unprivileged_port_start */
#define PROT_SOCK	1024
/* A send moves at most this much between waits for buffer space. */
#define SEND_CHUNK	(256 * 1024)

/* ---- addresses ---- */

/*
 * A sockaddr_in from bind/connect/sendto: EINVAL when shorter than one,
 * EAFNOSUPPORT for another family (AF_UNSPEC too, unless unspec_ok).
 */
int inet_addr_in(const struct sockaddr *sa, int len, bool unspec_ok, be32 *addr, be16 *port)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;

	if (len < (int)sizeof(*sin))
		return -EINVAL;
	if (sin->sin_family != AF_INET && !(unspec_ok && sin->sin_family == AF_UNSPEC))
		return -EAFNOSUPPORT;
	*addr = sin->sin_addr.s_addr;
	*port = sin->sin_port;
	return 0;
}

int inet_fill_addr(struct sockaddr_storage *ss, be32 addr, be16 port)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;

	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = addr;
	sin->sin_port = port;
	return (int)sizeof(*sin);
}

/*
 * A bind(2) address for TCP or UDP, checked in Linux's order: its length
 * and family (AF_UNSPEC only as the wildcard, else EAFNOSUPPORT), then
 * a port below 1024, which needs CAP_NET_BIND_SERVICE (EACCES).
 */
int inet_bind_addr(const struct sockaddr *sa, int len, be32 *addr, be16 *port)
{
	int err = inet_addr_in(sa, len, true, addr, port);
	u16 p;

	if (err)
		return err;
	if (sa->sa_family == AF_UNSPEC && *addr)
		return -EAFNOSUPPORT;
	p = net_ntohs(*port);
	return p && p < PROT_SOCK && !capable_net_bind_service() ? -EACCES : 0;
}

/* ---- the per-socket IPv4 state the socket layer keeps ---- */

struct inet_sock *inet_sk_of(struct socket *sock)
{
	return sock->priv;
}

struct inet_sock *inet_sock_alloc(struct socket *sock)
{
	struct inet_sock *in = kzalloc(sizeof(*in));

	if (in)
		sock->priv = in;
	return in;
}

/* Leave every multicast group the socket joined (stack lock held). */
static void inet_mc_drop_all(struct inet_sock *in)
{
	while (in->mc_list) {
		struct inet_mc *m = in->mc_list;

		in->mc_list = m->next;
		(void)ip_mc_leave_group(m->ifindex, m->group);
		kfree(m);
	}
}

void inet_sock_free(struct socket *sock)
{
	struct inet_sock *in = sock->priv;

	if (!in)
		return;
	net_lock();
	inet_mc_drop_all(in);
	net_unlock();
	kfree(in);
	sock->priv = NULL;
}

/* ---- TCP ---- */

static struct tcp_sock *tp_of(struct socket *sock)
{
	return tcp_sk(sock->sk);
}

static int tcp_release_sock(struct socket *sock)
{
	struct tcp_sock *tp;

	if (!sock->sk)
		return 0;
	tp = tp_of(sock);
	inet_sock_free(sock);
	net_lock();
	sock_orphan(&tp->sk);
	sk_drop_filter(&tp->sk);
	if (sock->linger_on && sock->linger_s == 0)
		tcp_abort(tp);	/* socket(7) SO_LINGER {1, 0}: reset */
	else
		tcp_close(tp);
	net_unlock();
	sock->sk = NULL;
	return 0;
}

static int tcp_bind_sock(struct socket *sock, struct sockaddr *sa, int len)
{
	be32 addr;
	be16 port;
	int err = inet_bind_addr(sa, len, &addr, &port);

	if (err)
		return err;
	net_lock();
	err = tcp_bind(tp_of(sock), addr, port);
	net_unlock();
	return err;
}

static int tcp_listen_sock(struct socket *sock, int backlog)
{
	int err;

	if (sock->state != SS_UNCONNECTED)
		return -EINVAL;
	net_lock();
	err = tcp_listen(tp_of(sock), backlog);
	net_unlock();
	return err;
}

/* sock_wait readiness: the handshake is over (either way). */
static int connect_done(struct socket *sock, void *arg)
{
	u8 st = tp_of(sock)->state;

	(void)arg;
	return st == TCP_SYN_SENT || st == TCP_SYN_RECV ? -EAGAIN : 0;
}

/*
 * connect(2) on a stream (Linux's __inet_stream_connect): the socket's
 * own state says whether this is a first call, a repeat while the
 * handshake runs (EALREADY, or 0 once it finished), or EISCONN.
 */
static int tcp_connect_sock(struct socket *sock, struct sockaddr *sa, int len, int flags)
{
	struct tcp_sock *tp = tp_of(sock);
	be32 addr;
	be16 port;
	int err;

	if (len < (int)sizeof(sa->sa_family))
		return -EINVAL;
	if (sa->sa_family == AF_UNSPEC) {
		net_lock();
		err = tcp_disconnect(tp);
		net_unlock();
		sock->state = err ? SS_DISCONNECTING : SS_UNCONNECTED;
		return err;
	}
	err = inet_addr_in(sa, len, false, &addr, &port);
	if (err)
		return err;
	switch (sock->state) {
	case SS_CONNECTED:
		return -EISCONN;
	case SS_CONNECTING:
		err = -EALREADY;
		break;
	default:
		net_lock();
		err = tp->state == TCP_CLOSE ? tcp_connect(tp, addr, port) : -EISCONN;
		net_unlock();
		if (err != -EINPROGRESS)
			return err;
		sock->state = SS_CONNECTING;
		break;
	}
	net_lock();
	bool pending = tp->state == TCP_SYN_SENT || tp->state == TCP_SYN_RECV;
	net_unlock();
	if (pending) {
		u64 deadline = sock_snd_deadline(sock, flags & O_NONBLOCK);

		if (deadline == SOCK_NOWAIT)
			return err;	/* EINPROGRESS, or EALREADY when repeated */
		int r = sock_wait(sock, deadline, connect_done, NULL);

		if (r == -EAGAIN)
			return -EINPROGRESS;	/* SO_SNDTIMEO ran out */
		if (r)
			return r;
	}
	net_lock();
	if (tp->state == TCP_CLOSE) {
		err = tcp_sock_error(tp);
		err = err ? -err : -ECONNABORTED;
		net_unlock();
		sock->state = SS_UNCONNECTED;
		return err;
	}
	net_unlock();
	sock->state = SS_CONNECTED;
	return 0;
}

static int accept_ready(struct socket *sock, void *arg)
{
	struct tcp_sock **child = arg;

	return tcp_accept(tp_of(sock), child);
}

static int tcp_accept_sock(struct socket *sock, struct socket *newsock, int flags)
{
	struct tcp_sock *child = NULL;
	int err;

	net_lock();
	err = tcp_accept(tp_of(sock), &child);
	net_unlock();
	if (err == -EAGAIN)
		err = sock_wait(sock, sock_rcv_deadline(sock, flags & O_NONBLOCK), accept_ready,
				&child);
	if (err)
		return err;
	if (!inet_sock_alloc(newsock)) {
		net_lock();
		tcp_abort(child);
		net_unlock();
		return -ENOMEM;
	}
	net_lock();
	sock_init_upcalls(newsock, &child->sk);
	net_unlock();
	newsock->state = SS_CONNECTED;
	return 0;
}

static int tcp_getname_sock(struct socket *sock, struct sockaddr_storage *ss, int peer)
{
	struct tcp_sock *tp = tp_of(sock);
	be32 addr;
	be16 port;

	net_lock();
	if (peer && (!tp->sk.dport || tp->state == TCP_CLOSE || tp->state == TCP_SYN_SENT ||
		     tp->state == TCP_LISTEN)) {
		net_unlock();
		return -ENOTCONN;
	}
	tcp_getname(tp, &addr, &port, peer);
	net_unlock();
	return inet_fill_addr(ss, addr, port);
}

/* tcp_poll knows SO_RCVLOWAT and urgent data (POLLPRI). */
static u32 tcp_poll_sock(struct socket *sock)
{
	u32 mask;

	net_lock();
	mask = tcp_poll(tp_of(sock));
	net_unlock();
	return mask;
}

static long tcp_ioctl_sock(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct tcp_sock *tp = tp_of(sock);
	int answ;

	switch (cmd) {
	case SIOCINQ:
	case SIOCOUTQ:
	case SIOCOUTQNSD:
		net_lock();
		if (tp->state == TCP_LISTEN) {
			net_unlock();
			return -EINVAL;
		}
		if (cmd == SIOCINQ)
			answ = (int)tcp_inq(tp);
		else if (tp->state == TCP_SYN_SENT || tp->state == TCP_SYN_RECV)
			answ = 0;
		else if (cmd == SIOCOUTQ)
			answ = (int)tcp_outq(tp);
		else
			answ = (int)(tp->write_seq - tp->snd_nxt);
		net_unlock();
		break;
	case SIOCATMARK:	/* tcp(7): the next byte read is the urgent mark */
		net_lock();
		answ = tcp_atmark(tp);
		net_unlock();
		break;
	default:
		return inet_ioctl(sock, cmd, arg);
	}
	return copy_to_user((void *)arg, &answ, sizeof(answ)) ? -EFAULT : 0;
}

static int tcp_shutdown_sock(struct socket *sock, int how)
{
	struct tcp_sock *tp = tp_of(sock);
	int err;

	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	net_lock();
	if (sock->state == SS_CONNECTING)
		sock->state = tp->state == TCP_SYN_SENT || tp->state == TCP_SYN_RECV ||
			      tp->state == TCP_CLOSE ? SS_DISCONNECTING : SS_CONNECTED;
	err = tcp_shutdown(tp, how);
	net_unlock();
	wake_up_all(&sock->wq);
	return err;
}

/* sock_wait readiness for a send: room, or an error that ends the wait. */
static int send_ready(struct socket *sock, void *arg)
{
	struct tcp_sock *tp = tp_of(sock);
	u32 mss, tail;
	long r = tcp_send_room(tp, &mss, &tail);

	(void)arg;
	if (r == -EAGAIN || (r > 0 && !tcp_stream_writeable(tp) && tp->write_seq != tp->snd_una))
		return -EAGAIN;
	return r < 0 ? (int)r : 0;
}

static long tcp_sendmsg_sock(struct socket *sock, struct kmsghdr *msg, int flags)
{
	struct tcp_sock *tp = tp_of(sock);
	u64 deadline = sock_snd_deadline(sock, flags & MSG_DONTWAIT);
	size_t total = iov_iter_count(&msg->iter), done = 0;
	long err = 0;

	do {
		struct pkb_queue q;
		u32 mss, tail;
		size_t chunk, off = 0;
		long room;

		net_lock();
		room = tcp_send_room(tp, &mss, &tail);
		net_unlock();
		if (room == -EAGAIN) {
			/* Before waiting for room, send what this call queued:
			 * a MSG_MORE of ours must not hold it (Linux pushes too). */
			net_lock();
			tp->more = false;
			tcp_push(tp);
			net_unlock();
			err = sock_wait_space(sock, deadline, send_ready, NULL);
			if (err)
				break;
			continue;
		}
		if (room < 0) {
			err = room;
			break;
		}
		if (!total)
			break;
		chunk = MIN(MIN((size_t)room, total - done), (size_t)SEND_CHUNK);
		pkb_queue_init(&q);
		while (off < chunk) {
			size_t n = MIN(chunk - off, (size_t)(off ? mss : (tail ? tail : mss)));
			struct pkbuf *pkb = pkb_alloc_uninit(TCP_HEADROOM, mss);
			size_t got;

			if (!pkb) {
				err = -ENOBUFS;
				break;
			}
			got = copy_from_iter(pkb_put(pkb, (u32)n), n, &msg->iter);
			if (got < n) {
				/* Linux copies a chunk whole or not at all: no
				 * byte of one whose copy faulted is sent. */
				pkb_free(pkb);
				err = -EFAULT;
				break;
			}
			pkb_enqueue(&q, pkb);
			off += got;
		}
		if (q.count) {
			long r;

			net_lock();
			r = tcp_send_pkbs(tp, &q, (done + off < total) ? (flags | MSG_MORE) & ~MSG_OOB
								      : flags);
			net_unlock();
			if (r < 0) {
				err = r;
				break;
			}
			done += (size_t)r;
		}
		if (err)
			break;
	} while (done < total);
	/* A push of what MSG_MORE held back in a partly sent call. */
	if (done && done < total) {
		net_lock();
		tp->more = flags & MSG_MORE;
		tcp_push(tp);
		net_unlock();
	}
	if (done)
		return (long)done;
	return err;
}

struct recv_wait {
	u32 skip;	/* sequence space a peek has looked past */
	u32 want;	/* bytes still wanted */
};

/* Data enough, up to the urgent mark, the end of the stream or an
 * error: stop waiting. */
static int recv_ready(struct socket *sock, void *arg)
{
	struct recv_wait *rw = arg;

	return tcp_recv_ready(tp_of(sock), rw->skip, rw->want) ? 0 : -EAGAIN;
}

static void tcp_recv_cmsgs(struct socket *sock, struct kmsghdr *msg)
{
	struct inet_sock *in = inet_sk_of(sock);

	if (in && in->cmsg_inq) {
		int inq;

		net_lock();
		inq = (int)tcp_inq_hint(tp_of(sock));
		net_unlock();
		put_cmsg(msg, SOL_TCP, TCP_CM_INQ, sizeof(inq), &inq);
	}
}

/* recv(MSG_OOB) (tcp(7)): the urgent byte, flagged MSG_OOB; never waits. */
static long tcp_recv_oob(struct socket *sock, struct kmsghdr *msg, int flags)
{
	long r;
	u8 b;

	net_lock();
	r = tcp_recv_urg(tp_of(sock), flags & MSG_PEEK, &b);
	net_unlock();
	if (r != 1)
		return r;
	msg->flags |= MSG_OOB;
	if (!iov_iter_count(&msg->iter)) {
		msg->flags |= MSG_TRUNC;	/* no room: the byte is gone */
		return 0;
	}
	if (!(flags & MSG_TRUNC) && copy_to_iter(&b, 1, &msg->iter) != 1)
		return -EFAULT;
	return 1;
}

static long tcp_recvmsg_sock(struct socket *sock, struct kmsghdr *msg, int flags)
{
	struct tcp_sock *tp = tp_of(sock);
	bool peek = flags & MSG_PEEK, trunc = flags & MSG_TRUNC;
	u64 deadline = sock_rcv_deadline(sock, flags & MSG_DONTWAIT);
	size_t len = iov_iter_count(&msg->iter), copied = 0;
	struct recv_wait rw;
	u32 target, skip = 0;
	long err = 0;

	msg->namelen = 0;
	if (flags & MSG_ERRQUEUE)
		return -EAGAIN;	/* TCP queues no errors there */
	if (flags & MSG_OOB) {
		net_lock();
		err = tp->state == TCP_LISTEN ? -ENOTCONN : 0;
		net_unlock();
		return err ? err : tcp_recv_oob(sock, msg, flags);
	}
	/* socket(7): a read waits for SO_RCVLOWAT bytes, or all with
	 * MSG_WAITALL, but never for more than asked. */
	target = (flags & MSG_WAITALL) ? (u32)MIN(len, (size_t)0x7fffffff)
				       : (u32)MIN(len, (size_t)tp->sk.rcvlowat);
	if (!target)
		target = 1;
	while (copied < len) {
		struct pkbuf *pkb;
		u32 off, n;
		long r;

		net_lock();
		r = tcp_recv_peek(tp, &skip, (u32)copied, peek, &pkb, &off);
		net_unlock();
		if (r <= 0) {
			/* The end, the urgent mark, an error, or enough. */
			if (r != -EAGAIN || copied >= target) {
				if (!copied)
					err = r;
				break;
			}
			/* Not enough yet: wait for more (what is copied stays),
			 * first telling the peer about the room made. */
			if (copied && !peek) {
				net_lock();
				tcp_recv_done(tp);
				net_unlock();
			}
			rw.skip = skip;
			rw.want = target - (u32)copied;
			r = sock_wait(sock, deadline, recv_ready, &rw);
			if (r) {
				if (!copied)
					err = r;
				break;
			}
			continue;
		}
		n = (u32)MIN((size_t)r, len - copied);
		if (trunc) {
			iov_iter_advance(&msg->iter, n);	/* tcp(7) MSG_TRUNC: discard */
		} else {
			size_t got = copy_to_iter(pkb->data + off, n, &msg->iter);

			if (got < n) {
				n = (u32)got;
				err = -EFAULT;
			}
		}
		net_lock();
		pkb_free(pkb);
		if (!peek && n)
			tcp_recv_consume(tp, n);
		net_unlock();
		if (peek)
			skip += n;
		copied += n;
		if (err)
			break;
	}
	if (copied && !peek) {
		net_lock();
		tcp_recv_done(tp);
		net_unlock();
	}
	if (copied || !err)
		tcp_recv_cmsgs(sock, msg);
	if (copied)
		return (long)copied;
	return err;
}

static const struct proto_ops inet_stream_ops = {
	.family = AF_INET,
	.release = tcp_release_sock,
	.bind = tcp_bind_sock,
	.connect = tcp_connect_sock,
	.accept = tcp_accept_sock,
	.getname = tcp_getname_sock,
	.poll = tcp_poll_sock,
	.ioctl = tcp_ioctl_sock,
	.listen = tcp_listen_sock,
	.shutdown = tcp_shutdown_sock,
	.setsockopt = tcp_setsockopt_sock,
	.getsockopt = tcp_getsockopt_sock,
	.sendmsg = tcp_sendmsg_sock,
	.recvmsg = tcp_recvmsg_sock,
};

/* ---- UDP ---- */

static int udp_release_sock(struct socket *sock)
{
	if (!sock->sk)
		return 0;
	inet_sock_free(sock);
	net_lock();
	sock_orphan(sock->sk);
	sk_drop_filter(sock->sk);
	udp_close(sock->sk);
	net_unlock();
	sock->sk = NULL;
	return 0;
}

static int udp_bind_sock(struct socket *sock, struct sockaddr *sa, int len)
{
	be32 addr;
	be16 port;
	int err = inet_bind_addr(sa, len, &addr, &port);

	if (err)
		return err;
	net_lock();
	err = udp_bind(sock->sk, addr, port);
	net_unlock();
	return err;
}

static int udp_connect_sock(struct socket *sock, struct sockaddr *sa, int len, int flags)
{
	be32 addr;
	be16 port;
	int err;

	(void)flags;
	if (len < (int)sizeof(sa->sa_family))
		return -EINVAL;
	net_lock();
	if (sa->sa_family == AF_UNSPEC) {
		err = udp_disconnect(sock->sk);
		sock->state = SS_UNCONNECTED;
	} else {
		err = inet_addr_in(sa, len, false, &addr, &port);
		if (!err)
			err = udp_connect(sock->sk, addr, port);
		if (!err)
			sock->state = SS_CONNECTED;
	}
	net_unlock();
	return err;
}

static int udp_getname_sock(struct socket *sock, struct sockaddr_storage *ss, int peer)
{
	struct sock *sk = sock->sk;
	be32 addr;
	be16 port;

	net_lock();
	if (peer && !udp_sk(sk)->connected) {
		net_unlock();
		return -ENOTCONN;
	}
	addr = peer ? sk->daddr : sk->saddr;
	port = peer ? sk->dport : sk->sport;
	net_unlock();
	return inet_fill_addr(ss, addr, port);
}

static u32 udp_poll_sock(struct socket *sock)
{
	u32 mask;

	net_lock();
	mask = udp_poll(sock->sk);
	net_unlock();
	return mask;
}

static long udp_ioctl_sock(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	int answ;

	switch (cmd) {
	case SIOCINQ:		/* the next datagram's length (udp(7)) */
		net_lock();
		answ = (int)udp_next_len(sock->sk);
		net_unlock();
		break;
	case SIOCOUTQ:
		answ = 0;	/* sent at once, nothing held */
		break;
	default:
		return inet_ioctl(sock, cmd, arg);
	}
	return copy_to_user((void *)arg, &answ, sizeof(answ)) ? -EFAULT : 0;
}

static int udp_shutdown_sock(struct socket *sock, int how)
{
	int err;

	net_lock();
	err = udp_shutdown(sock->sk, how);
	net_unlock();
	wake_up_all(&sock->wq);
	return err;
}

int inet_dgram_dest(struct kmsghdr *msg, bool unspec_ok, be32 *addr, be16 *port, bool *has)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)msg->name;

	*addr = 0;
	*port = 0;
	*has = false;
	if (!msg->name)
		return 0;
	if (msg->namelen < (int)sizeof(*sin))
		return -EINVAL;
	/* Linux's udp_sendmsg and raw_sendmsg take an AF_UNSPEC address
	 * as an AF_INET one; ping_v4_sendmsg does not. */
	if (sin->sin_family != AF_INET && !(unspec_ok && sin->sin_family == AF_UNSPEC))
		return -EAFNOSUPPORT;
	*addr = sin->sin_addr.s_addr;
	*port = sin->sin_port;
	*has = true;
	return 0;
}

static long udp_sendmsg_sock(struct socket *sock, struct kmsghdr *msg, int flags)
{
	size_t len = iov_iter_count(&msg->iter);
	struct ipcm_cookie ipc;
	struct pkbuf *pkb;
	be32 addr;
	be16 port;
	bool has;
	int err;

	/* Linux's inet_send_prepare: an unbound socket gets its port before
	 * anything is checked, so even a failing send binds it. */
	net_lock();
	err = udp_autobind(sock->sk);
	net_unlock();
	if (err)
		return err;
	/* Linux's udp_sendmsg order; the engine refuses more than 65507. */
	if (len > 0xffff)
		return -EMSGSIZE;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	err = inet_dgram_dest(msg, true, &addr, &port, &has);
	if (err)
		return err;
	if (has && !port)
		return -EINVAL;		/* port 0 is no destination */
	err = ip_cmsg_send(msg, &ipc);
	if (err)
		return err;
	pkb = pkb_alloc_uninit(UDP_HEADROOM, (u32)len);
	if (!pkb)
		return -ENOBUFS;
	if (copy_from_iter(pkb_put(pkb, (u32)len), len, &msg->iter) < len) {
		pkb_free(pkb);
		return -EFAULT;
	}
	net_lock();
	err = udp_send_pkb(sock->sk, pkb, addr, port, &ipc, flags);
	net_unlock();
	return err;
}

static int dgram_ready(struct socket *sock, void *arg)
{
	struct sock *sk = sock->sk;

	(void)arg;
	if (sk->receive_queue.count || sk->err || (sk->shutdown & RCV_SHUTDOWN))
		return 0;
	return -EAGAIN;
}

void ip_recv_cmsgs(struct socket *sock, struct kmsghdr *msg, const struct dgram_msg_info *info)
{
	struct inet_sock *in = inet_sk_of(sock);

	sock_recv_timestamp(sock, msg, info->tstamp_ns);
	if (!in)
		return;
	if (in->cmsg_pktinfo) {
		struct in_pktinfo pi;

		memset(&pi, 0, sizeof(pi));
		pi.ipi_ifindex = info->ifindex;
		pi.ipi_spec_dst.s_addr = info->spec_dst;
		pi.ipi_addr.s_addr = info->daddr;
		put_cmsg(msg, SOL_IP, IP_PKTINFO, sizeof(pi), &pi);
	}
	if (in->cmsg_ttl) {
		int ttl = info->ttl;

		put_cmsg(msg, SOL_IP, IP_TTL, sizeof(ttl), &ttl);
	}
	if (in->cmsg_tos)
		put_cmsg(msg, SOL_IP, IP_TOS, 1, &info->tos);
}

long inet_dgram_recvmsg(struct socket *sock, struct kmsghdr *msg, int flags,
			const struct dgram_recv_ops *ops)
{
	u64 deadline = sock_rcv_deadline(sock, flags & MSG_DONTWAIT);
	size_t len = iov_iter_count(&msg->iter), copy, got;
	struct dgram_msg_info info;
	struct pkbuf *pkb;
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (flags & MSG_ERRQUEUE)
		return ip_recv_error(sock, msg);
	for (;;) {
		net_lock();
		err = ops->take(sock->sk, flags, &pkb, &info);
		net_unlock();
		if (err != -EAGAIN)
			break;
		err = sock_wait(sock, deadline, dgram_ready, NULL);
		if (err)
			return err;
	}
	if (err < 0)
		return err;
	if (!pkb)
		return 0;	/* shut down for reading */
	copy = MIN(len, (size_t)pkb->len);
	got = copy_to_iter(pkb->data, copy, &msg->iter);
	net_lock();
	pkb_free(pkb);
	if (ops->done)
		ops->done(sock->sk, flags, got == copy);
	net_unlock();
	if (got < copy)
		return -EFAULT;
	if (info.len > copy)
		msg->flags |= MSG_TRUNC;
	if (msg->name)
		msg->namelen = inet_fill_addr(msg->name, info.saddr, info.sport);
	ip_recv_cmsgs(sock, msg, &info);
	return (long)((flags & MSG_TRUNC) && ops->full_trunc ? info.len : copy);
}

static const struct dgram_recv_ops udp_recv_ops = {
	.take = udp_recv_take,
	.done = udp_recv_done,
	.full_trunc = true,
};

static long udp_recvmsg_sock(struct socket *sock, struct kmsghdr *msg, int flags)
{
	return inet_dgram_recvmsg(sock, msg, flags, &udp_recv_ops);
}

static int udp_setsockopt_sock(struct socket *sock, int level, int name, struct sockopt *opt)
{
	int val, err;

	if (level != SOL_UDP)
		return ip_setsockopt(sock, level, name, opt);
	if (name != UDP_CORK)
		return -ENOPROTOOPT;
	err = sockopt_get_int(opt, &val);
	if (err)
		return err;
	net_lock();
	udp_set_cork(sock->sk, val != 0);
	net_unlock();
	return 0;
}

static int udp_getsockopt_sock(struct socket *sock, int level, int name, struct sockopt *opt)
{
	if (level != SOL_UDP)
		return ip_getsockopt(sock, level, name, opt);
	if (name != UDP_CORK)
		return -ENOPROTOOPT;
	return sockopt_put_int(opt, udp_sk(sock->sk)->corkflag);
}

static const struct proto_ops inet_dgram_ops = {
	.family = AF_INET,
	.release = udp_release_sock,
	.bind = udp_bind_sock,
	.connect = udp_connect_sock,
	.getname = udp_getname_sock,
	.poll = udp_poll_sock,
	.ioctl = udp_ioctl_sock,
	.shutdown = udp_shutdown_sock,
	.setsockopt = udp_setsockopt_sock,
	.getsockopt = udp_getsockopt_sock,
	.sendmsg = udp_sendmsg_sock,
	.recvmsg = udp_recvmsg_sock,
};

/* ---- the family ---- */

static int inet_create(struct socket *sock, int protocol)
{
	struct sock *sk = NULL;
	struct tcp_sock *tp;

	if (protocol < 0 || protocol >= IPPROTO_MAX)
		return -EINVAL;
	switch (sock->type) {
	case SOCK_STREAM:
		if (protocol && protocol != IPPROTO_TCP)
			return -EPROTONOSUPPORT;
		if (!inet_sock_alloc(sock))
			return -ENOMEM;
		net_lock();
		tp = tcp_create();
		sk = tp ? &tp->sk : NULL;
		if (tp)
			tp->uid = sock->uid;	/* SO_REUSEPORT shares among one user's */
		net_unlock();
		sock->ops = &inet_stream_ops;
		sock->protocol = IPPROTO_TCP;
		break;
	case SOCK_DGRAM:
		if (protocol == IPPROTO_ICMP)
			return inet_ping_create(sock);
		if (protocol && protocol != IPPROTO_UDP)
			return -EPROTONOSUPPORT;
		if (!inet_sock_alloc(sock))
			return -ENOMEM;
		net_lock();
		sk = udp_sock_create();
		net_unlock();
		sock->ops = &inet_dgram_ops;
		sock->protocol = IPPROTO_UDP;
		break;
	case SOCK_RAW:
		return inet_raw_create(sock, protocol);
	default:
		return -ESOCKTNOSUPPORT;
	}
	if (!sk) {
		kfree(sock->priv);
		sock->priv = NULL;
		return -ENOMEM;
	}
	net_lock();
	sock_init_upcalls(sock, sk);
	net_unlock();
	return 0;
}

static const struct net_proto_family inet_family = {
	.family = AF_INET,
	.create = inet_create,
};

void inet_family_init(void)
{
	if (sock_register(&inet_family))
		panic("inet: cannot register AF_INET");
}
