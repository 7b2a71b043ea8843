/*
 * AF_PACKET sockets (packet(7)): the family's create and the proto_ops
 * of SOCK_RAW and SOCK_DGRAM over the engine in net/packet/packet.c.
 * Kernel code.
 *
 * As in net/af_inet.c, each operation runs with sock->lock held, takes
 * the stack lock only around engine calls, and copies user memory with
 * no spinlock held: a send fills a packet buffer from the caller's
 * iterator first, a receive takes a reference to the next frame and
 * copies it out after net_unlock().
 *
 * The memory-mapped rings (net/packet/ring.c): their pages are single
 * zeroed pages allocated here, mapped into user space by mmap(2) with
 * vm_insert_page (receive ring first, then transmit ring, as Linux lays
 * them out).  While any of them is mapped (a page's refcount counts its
 * mappings) no ring may be set up, changed or removed: -EBUSY, as
 * Linux's po->mapped.  A socket cannot be released while mapped (the
 * mapping holds the file), so its pages are freed only when unmapped.
 *
 * linux-compat: the obsolete SOCK_PACKET type (sockaddr_pkt, device
 * names) is not offered (ESOCKTNOSUPPORT); PACKET_FANOUT,
 * PACKET_TX_HAS_OFF and PACKET_QDISC_BYPASS are ENOPROTOOPT both ways;
 * PACKET_VNET_HDR gives received frames a zeroed virtio header (no
 * offloads exist to describe) and is not applied to sends; PACKET_TIMESTAMP
 * is kept but frames always carry software time.  Control messages given
 * to sendmsg are ignored.
 */
#include <net/packet.h>
#include <tern/inet_sock.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/mm_types.h>
#include <tern/sched.h>
#include <tern/slab.h>
#include <tern/time.h>
#include <tern/net_platform.h>
#include <tern/panic.h>
#include <tern/socket.h>
#include <tern/string.h>
#include <tern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/ioctls.h>
#include <uapi/sockios.h>

static struct sock *psk(struct socket *sock)
{
	return sock->sk;
}

static void ring_free(struct packet_ring *r)
{
	for (u32 i = 0; i < r->pg_nr; i++)
		free_pages_virt(r->pages[i], 0);
	kfree(r->pages);
}

static int packet_release_sock(struct socket *sock)
{
	struct packet_ring old_rx, old_tx;
	struct packet_ring_req none = { 0 };

	if (!sock->sk)
		return 0;
	net_lock();
	packet_ring_install(sock->sk, false, &none, NULL, 0, &old_rx);
	packet_ring_install(sock->sk, true, &none, NULL, 0, &old_tx);
	sock_orphan(sock->sk);
	packet_close(sock->sk);
	net_unlock();
	ring_free(&old_rx);
	ring_free(&old_tx);
	sock->sk = NULL;
	return 0;
}

/* Is a page of either ring mapped into some address space? */
static bool rings_mapped(struct sock *sk)
{
	u32 n = packet_ring_pages(sk);

	for (u32 i = 0; i < n; i++)
		if (virt_to_page(packet_ring_page(sk, i))->refcount)
			return true;
	return false;
}

/*
 * PACKET_RX_RING / PACKET_TX_RING (Linux's packet_set_ring): the
 * request's size follows the version; the engine checks it, the pages
 * are allocated with no lock held, then swapped in.
 */
static int packet_set_ring_sock(struct socket *sock, bool tx, struct sockopt *opt)
{
	struct sock *sk = psk(sock);
	struct packet_ring_req req;
	struct packet_ring old;
	u8 **pages = NULL;
	u32 len, pg_nr;
	int err;

	memset(&req, 0, sizeof(req));
	len = pkt_sk(sk)->version == TPACKET_V3 ? sizeof(struct tpacket_req3)
						 : sizeof(struct tpacket_req);
	if (opt->len < (int)len)
		return -EINVAL;
	if (copy_from_user(&req, opt->uval, len))
		return -EFAULT;
	if (rings_mapped(sk))
		return -EBUSY;
	net_lock();
	err = packet_ring_check(sk, tx, &req, &pg_nr);
	net_unlock();
	if (err)
		return err;
	if (pg_nr) {
		pages = kzalloc((size_t)pg_nr * sizeof(*pages));
		if (!pages)
			return -ENOMEM;
		for (u32 i = 0; i < pg_nr; i++) {
			pages[i] = get_zeroed_page();
			if (!pages[i]) {
				struct packet_ring undo = { .pages = pages, .pg_nr = i };

				ring_free(&undo);
				return -ENOMEM;
			}
		}
	}
	packet_realtime_offset_ns = (s64)(ktime_get_real_ns() - ktime_get_ns());
	net_lock();
	packet_ring_install(sk, tx, &req, pages, pg_nr, &old);
	net_unlock();
	ring_free(&old);
	return 0;
}

/* mmap(2): exactly both rings, from offset 0 (Linux's packet_mmap). */
static int packet_mmap_sock(struct socket *sock, struct vm_area_struct *vma)
{
	struct sock *sk = psk(sock);
	u32 n = packet_ring_pages(sk);

	if (vma->vm_pgoff)
		return -EINVAL;
	if (!n || vma->vm_end - vma->vm_start != (u64)n * PAGE_SIZE)
		return -EINVAL;
	for (u32 i = 0; i < n; i++) {
		int err = vm_insert_page(current->mm, vma->vm_start + (u64)i * PAGE_SIZE,
					 packet_ring_page(sk, i));

		if (err)
			return err;
	}
	return 0;
}

/* bind(2): a whole sockaddr_ll of family AF_PACKET, else EINVAL. */
static int packet_bind_sock(struct socket *sock, struct sockaddr *sa, int len)
{
	const struct sockaddr_ll *sll = (const struct sockaddr_ll *)sa;
	int err;

	if (len < (int)sizeof(*sll) || sll->sll_family != AF_PACKET)
		return -EINVAL;
	net_lock();
	err = packet_bind(psk(sock), sll->sll_ifindex, sll->sll_protocol);
	net_unlock();
	return err;
}

static int packet_getname_sock(struct socket *sock, struct sockaddr_storage *ss, int peer)
{
	int len;

	if (peer)
		return -EOPNOTSUPP;
	net_lock();
	len = packet_getname(psk(sock), (struct sockaddr_ll *)ss);
	net_unlock();
	return len;
}

static u32 packet_poll_sock(struct socket *sock)
{
	u32 mask;

	net_lock();
	mask = packet_poll(psk(sock));
	net_unlock();
	return mask;
}

static long packet_ioctl_sock(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	int answ;

	switch (cmd) {
	case SIOCINQ:		/* the next frame's length */
		net_lock();
		answ = (int)packet_next_len(psk(sock));
		net_unlock();
		break;
	case SIOCOUTQ:
		answ = 0;	/* frames go to the device at once */
		break;
	default:
		/* The interface, route and ARP requests, as Linux forwards them. */
		return inet_ioctl(sock, cmd, arg);
	}
	return copy_to_user((void *)arg, &answ, sizeof(answ)) ? -EFAULT : 0;
}

static long packet_sendmsg_sock(struct socket *sock, struct kmsghdr *msg, int flags)
{
	const struct sockaddr_ll *to = (const struct sockaddr_ll *)msg->name;
	size_t len = iov_iter_count(&msg->iter);
	struct pkbuf *pkb;
	int err;

	(void)flags;
	if (pkt_sk(psk(sock))->tx_ring.pages) {
		/* With a transmit ring every send sends its frames (tpacket_snd). */
		net_lock();
		err = packet_ring_send(psk(sock), to, msg->namelen);
		net_unlock();
		return err;
	}
	net_lock();
	err = packet_send_check(psk(sock), to, msg->namelen, (u32)MIN(len, (size_t)0xffffffffu));
	net_unlock();
	if (err)
		return err;
	/* send_check bounded len by the device's MTU. */
	pkb = pkb_alloc(PACKET_HEADROOM, (u32)len);
	if (!pkb)
		return -ENOBUFS;
	if (copy_from_iter(pkb_put(pkb, (u32)len), len, &msg->iter) < len) {
		pkb_free(pkb);
		return -EFAULT;
	}
	net_lock();
	err = packet_send(psk(sock), pkb, to, msg->namelen);
	net_unlock();
	return err;
}

/* sock_wait readiness: a frame or a pending error to take. */
static int frame_ready(struct socket *sock, void *arg)
{
	struct sock *sk = psk(sock);

	(void)arg;
	return sk->receive_queue.count || sk->err ? 0 : -EAGAIN;
}

static void packet_recv_cmsgs(struct socket *sock, struct kmsghdr *msg, const struct pkbuf *pkb,
			      bool auxdata)
{
	sock_recv_timestamp(sock, msg, pkb->tstamp_ns);
	if (auxdata) {
		struct tpacket_auxdata aux;

		packet_auxdata(pkb, &aux);
		put_cmsg(msg, SOL_PACKET, PACKET_AUXDATA, sizeof(aux), &aux);
	}
}

static long packet_recvmsg_sock(struct socket *sock, struct kmsghdr *msg, int flags)
{
	u64 deadline = sock_rcv_deadline(sock, flags & MSG_DONTWAIT);
	size_t len = iov_iter_count(&msg->iter), copy, got;
	struct sockaddr_ll sll;
	struct pkbuf *pkb;
	bool auxdata;
	int err, namelen;

	msg->namelen = 0;
	if (flags & ~(MSG_PEEK | MSG_DONTWAIT | MSG_TRUNC | MSG_ERRQUEUE))
		return -EINVAL;
	if (flags & MSG_ERRQUEUE)
		return -EAGAIN;		/* no transmit timestamps are queued */
	for (;;) {
		net_lock();
		err = packet_recv_take(psk(sock), flags & MSG_PEEK, &pkb);
		net_unlock();
		if (err != -EAGAIN)
			break;
		err = sock_wait(sock, deadline, frame_ready, NULL);
		if (err)
			return err;
	}
	if (err)
		return err;
	copy = MIN(len, (size_t)pkb->len);
	got = copy_to_iter(pkb->data, copy, &msg->iter);
	net_lock();
	namelen = packet_recv_name(pkb, &sll);
	auxdata = pkt_sk(psk(sock))->auxdata;
	net_unlock();
	if (got < copy) {
		net_lock();
		pkb_free(pkb);
		net_unlock();
		return -EFAULT;
	}
	if (pkb->len > len)
		msg->flags |= MSG_TRUNC;
	if (msg->name) {
		memcpy(msg->name, &sll, sizeof(sll));
		msg->namelen = namelen;
	}
	packet_recv_cmsgs(sock, msg, pkb, auxdata);
	if (flags & MSG_TRUNC)
		copy = pkb->len;
	net_lock();
	pkb_free(pkb);
	net_unlock();
	return (long)copy;
}

/* ---- SOL_PACKET ---- */

/* PACKET_ADD_MEMBERSHIP / PACKET_DROP_MEMBERSHIP (Linux's order of checks). */
static int packet_membership(struct socket *sock, int name, struct sockopt *opt)
{
	struct packet_mreq_max mr;
	int len = opt->len, err;

	memset(&mr, 0, sizeof(mr));
	if (len < (int)sizeof(struct packet_mreq))
		return -EINVAL;
	if (len > (int)sizeof(mr))
		len = (int)sizeof(mr);
	if (copy_from_user(&mr, opt->uval, (size_t)len))
		return -EFAULT;
	if (len < mr.mr_alen + (int)offsetof(struct packet_mreq, mr_address))
		return -EINVAL;
	net_lock();
	err = name == PACKET_ADD_MEMBERSHIP ? packet_mc_add(psk(sock), &mr)
					    : packet_mc_drop(psk(sock), &mr);
	net_unlock();
	return err;
}

/*
 * The int-valued options.  Linux reads the first int of a longer value
 * for PACKET_AUXDATA and PACKET_ORIGDEV, and wants exactly an int for
 * PACKET_IGNORE_OUTGOING.
 */
static int packet_setsockopt_sock(struct socket *sock, int level, int name, struct sockopt *opt)
{
	struct packet_sock *ps = pkt_sk(psk(sock));
	int val, err;

	if (level != SOL_PACKET)
		return -ENOPROTOOPT;
	switch (name) {
	case PACKET_ADD_MEMBERSHIP:
	case PACKET_DROP_MEMBERSHIP:
		return packet_membership(sock, name, opt);
	case PACKET_AUXDATA:
	case PACKET_ORIGDEV:
		break;
	case PACKET_IGNORE_OUTGOING:
		if (opt->len != (int)sizeof(int))
			return -EINVAL;
		break;
	case PACKET_RX_RING:
	case PACKET_TX_RING:
		return packet_set_ring_sock(sock, name == PACKET_TX_RING, opt);
	case PACKET_VERSION:
	case PACKET_RESERVE:
		if (opt->len != (int)sizeof(int))
			return -EINVAL;
		break;
	case PACKET_VNET_HDR:
		if (sock->type != SOCK_RAW)
			return -EINVAL;
		/* fall through */
	case PACKET_LOSS:
	case PACKET_TIMESTAMP:
		if (opt->len < (int)sizeof(int))
			return -EINVAL;
		break;
	default:
		return -ENOPROTOOPT;
	}
	if (name != PACKET_AUXDATA && name != PACKET_ORIGDEV && name != PACKET_IGNORE_OUTGOING &&
	    copy_from_user(&val, opt->uval, sizeof(val)))
		return -EFAULT;
	switch (name) {
	case PACKET_VERSION:
	case PACKET_RESERVE:
	case PACKET_VNET_HDR:
	case PACKET_LOSS:
		net_lock();
		err = name == PACKET_VERSION ? packet_set_version(psk(sock), val)
		    : name == PACKET_RESERVE ? packet_set_reserve(psk(sock), (u32)val)
		    : name == PACKET_VNET_HDR ? packet_set_vnet_hdr(psk(sock), val)
		    : packet_set_loss(psk(sock), val);
		net_unlock();
		return err;
	case PACKET_TIMESTAMP:
		ps->tstamp = val;
		return 0;
	}
	err = sockopt_get_int(opt, &val);
	if (err)
		return err;
	if (name == PACKET_IGNORE_OUTGOING && (val < 0 || val > 1))
		return -EINVAL;
	net_lock();
	if (name == PACKET_AUXDATA)
		ps->auxdata = val != 0;
	else if (name == PACKET_ORIGDEV)
		ps->origdev = val != 0;
	else
		ps->ignore_outgoing = val;
	net_unlock();
	return 0;
}

static int packet_getsockopt_sock(struct socket *sock, int level, int name, struct sockopt *opt)
{
	struct packet_sock *ps = pkt_sk(psk(sock));
	struct tpacket_stats_v3 st;
	u32 size;
	int val;

	if (level != SOL_PACKET)
		return -ENOPROTOOPT;
	if (opt->len < 0)
		return -EINVAL;
	switch (name) {
	case PACKET_STATISTICS:
		net_lock();
		size = packet_stats_take(psk(sock), &st);
		net_unlock();
		return sockopt_put(opt, &st, size);
	case PACKET_HDRLEN:
		/* The version to ask about comes in the buffer. */
		if (opt->len < (int)sizeof(int))
			return -EINVAL;
		if (copy_from_user(&val, opt->uval, sizeof(val)))
			return -EFAULT;
		val = packet_hdrlen_of(val);
		if (val < 0)
			return val;
		break;
	case PACKET_VERSION:
		val = ps->version;
		break;
	case PACKET_RESERVE:
		val = (int)ps->reserve;
		break;
	case PACKET_LOSS:
		val = ps->loss;
		break;
	case PACKET_VNET_HDR:
		val = ps->vnet_hdr;
		break;
	case PACKET_TIMESTAMP:
		val = ps->tstamp;
		break;
	case PACKET_AUXDATA:
		val = ps->auxdata;
		break;
	case PACKET_ORIGDEV:
		val = ps->origdev;
		break;
	case PACKET_IGNORE_OUTGOING:
		val = ps->ignore_outgoing;
		break;
	default:
		return -ENOPROTOOPT;
	}
	return sockopt_put_int(opt, val);
}

static const struct proto_ops packet_ops = {
	.family = AF_PACKET,
	.release = packet_release_sock,
	.bind = packet_bind_sock,
	.getname = packet_getname_sock,
	.poll = packet_poll_sock,
	.ioctl = packet_ioctl_sock,
	.setsockopt = packet_setsockopt_sock,
	.getsockopt = packet_getsockopt_sock,
	.sendmsg = packet_sendmsg_sock,
	.recvmsg = packet_recvmsg_sock,
	.mmap = packet_mmap_sock,
};

/*
 * socket(AF_PACKET, type, protocol): CAP_NET_RAW first (EPERM), then the
 * type; the protocol is an EtherType in network order, of which Linux
 * keeps the low 16 bits whatever int was passed.
 */
static int packet_family_create(struct socket *sock, int protocol)
{
	struct sock *sk;
	int err;

	if (!capable_net_raw())
		return -EPERM;
	if (sock->type != SOCK_RAW && sock->type != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	net_lock();
	sk = packet_create(sock->type, (be16)protocol, &err);
	if (sk)
		sock_init_upcalls(sock, sk);
	net_unlock();
	if (!sk)
		return err;
	sock->ops = &packet_ops;
	return 0;
}

static const struct net_proto_family packet_family = {
	.family = AF_PACKET,
	.create = packet_family_create,
};

void packet_family_init(void)
{
	if (sock_register(&packet_family))
		panic("packet: cannot register AF_PACKET");
}
