/*
 * The AF_UNIX data path (unix(7)): sendmsg/recvmsg of streams,
 * datagrams and sequenced packets.  Kernel code.
 *
 * A send copies the caller's bytes into a chunk (a struct pkbuf) with no
 * spinlock held, then queues it on the receiver under net_lock; the
 * sender is charged the chunk's size (SO_SNDBUF bounds what it has
 * queued and not yet had read) until the receiver frees it.  A receive
 * takes a reference to a queued chunk under net_lock, copies it out
 * without the lock, and retakes the lock to consume it.  A stream may
 * be read across chunk boundaries; a datagram or a seqpacket record is
 * one chunk, never split (MSG_TRUNC says what was cut off).
 */
#include <net/pkbuf.h>
#include <net/sock.h>
#include <tern/af_unix.h>
#include <tern/kernel.h>
#include <tern/net_platform.h>
#include <tern/process.h>
#include <tern/socket.h>
#include <tern/string.h>
#include <uapi/errno.h>
#include <uapi/poll.h>

/* A stream send moves at most this much per chunk (an order-3 allocation). */
#define UNIX_STREAM_CHUNK	(32768 - 512)

/* A pending error (SO_ERROR), taken and cleared (net_lock held). */
static int unix_take_error(struct unix_sock *u)
{
	int err = u->sk.err;

	u->sk.err = 0;
	return -err;
}

static int unix_wmem_ready(struct socket *sock, void *arg)
{
	struct unix_sock *u = unix_of(sock);

	(void)arg;
	if (u->sk.err || (u->sk.shutdown & SEND_SHUTDOWN) || u->wmem < u->sk.sndbuf)
		return 0;
	return -EAGAIN;
}

/*
 * Wait until u may queue another chunk (Linux's sock_alloc_send_pskb):
 * a pending error first, EPIPE once sending is shut down, then room
 * below SO_SNDBUF (EAGAIN without waiting or when SO_SNDTIMEO runs out).
 */
static int unix_wait_wmem(struct socket *sock, u64 deadline)
{
	struct unix_sock *u = unix_of(sock);
	int err;

	for (;;) {
		net_lock();
		if (u->sk.err)
			err = unix_take_error(u);
		else if (u->sk.shutdown & SEND_SHUTDOWN)
			err = -EPIPE;
		else
			err = u->wmem < u->sk.sndbuf ? 0 : -EAGAIN;
		net_unlock();
		if (err != -EAGAIN)
			return err;
		err = sock_wait_space(sock, deadline, unix_wmem_ready, NULL);
		if (err)
			return err;
	}
}

static void unix_pkb_drop(struct pkbuf *pkb)
{
	if (!pkb)
		return;
	net_lock();
	pkb_free(pkb);
	net_unlock();
}

/* A chunk of len bytes filled from the caller (EFAULT, ENOMEM). */
static struct pkbuf *unix_fill(struct kmsghdr *msg, size_t len, long *err)
{
	struct pkbuf *pkb = pkb_alloc(0, (u32)len);

	if (!pkb) {
		*err = -ENOMEM;
		return NULL;
	}
	if (copy_from_iter(pkb_put(pkb, (u32)len), len, &msg->iter) != len) {
		unix_pkb_drop(pkb);
		*err = -EFAULT;
		return NULL;
	}
	return pkb;
}

/* ---- streams ---- */

long unix_stream_sendmsg(struct socket *sock, struct kmsghdr *msg, int flags)
{
	struct unix_sock *u = unix_of(sock), *other;
	size_t len = iov_iter_count(&msg->iter), sent = 0;
	u64 deadline = sock_snd_deadline(sock, flags & MSG_DONTWAIT);
	struct unix_scm scm;
	long err;
	bool shut;

	err = unix_scm_send(sock, msg, &scm);
	if (err)
		return err;
	if (flags & MSG_OOB) {
		/* linux-compat: no out-of-band byte (Linux's CONFIG_AF_UNIX_OOB). */
		err = -EOPNOTSUPP;
		goto out;
	}
	if (msg->name && msg->namelen) {
		err = u->state == UNIX_ESTABLISHED ? -EISCONN : -EOPNOTSUPP;
		goto out;
	}
	net_lock();
	other = u->peer;
	shut = u->sk.shutdown & SEND_SHUTDOWN;
	net_unlock();
	if (!other) {
		err = -ENOTCONN;
		goto out;
	}
	if (shut) {
		err = -EPIPE;	/* and SIGPIPE (net/socket.c) */
		goto out;
	}
	/* A zero-length send queues nothing (and no descriptors), as Linux. */
	while (sent < len) {
		size_t size = MIN(len - sent, (size_t)u->sk.sndbuf / 2 - 64);
		struct pkbuf *pkb;

		size = MIN(size, (size_t)UNIX_STREAM_CHUNK);
		err = unix_wait_wmem(sock, deadline);
		if (err)
			break;
		pkb = unix_fill(msg, size, &err);
		if (!pkb)
			break;
		net_lock();
		if (other->dead || (other->sk.shutdown & RCV_SHUTDOWN)) {
			net_unlock();
			unix_pkb_drop(pkb);
			err = -EPIPE;
			break;
		}
		unix_queue_chunk(sock, other, pkb, &scm);
		net_unlock();
		sent += size;
	}
out:
	unix_scm_destroy(&scm);
	return sent ? (long)sent : err;
}

static bool unix_creds_eq(const struct unix_cb *cb, const struct unix_scm *scm)
{
	if (cb->has_creds != scm->has_creds)
		return false;
	return !cb->has_creds || (cb->pid == scm->pid && cb->uid == scm->uid && cb->gid == scm->gid);
}

static int unix_stream_ready(struct socket *sock, void *arg)
{
	struct unix_sock *u = unix_of(sock);
	u32 *skip = arg;

	if (u->sk.receive_queue.bytes > *skip || u->sk.err || (u->sk.shutdown & RCV_SHUTDOWN))
		return 0;
	return -EAGAIN;
}

/*
 * Reading a stream (Linux's unix_stream_read_generic): bytes of several
 * chunks join, until the caller's buffer is full or no more are queued
 * once SO_RCVLOWAT (all of them with MSG_WAITALL) are had.  Chunks from
 * different writers never join when SO_PASSCRED is on; a read ends after
 * the chunk that carried descriptors.  An unconnected socket is EINVAL.
 */
long unix_stream_recvmsg(struct socket *sock, struct kmsghdr *msg, int flags)
{
	struct unix_sock *u = unix_of(sock);
	bool peek = flags & MSG_PEEK, check_creds = false;
	size_t len = iov_iter_count(&msg->iter), copied = 0, target;
	u64 deadline = sock_rcv_deadline(sock, flags & MSG_DONTWAIT);
	struct unix_scm scm;
	struct pkb_queue done;
	u32 skip = 0;
	long err = 0;

	msg->namelen = 0;
	if (u->state != UNIX_ESTABLISHED)
		return -EINVAL;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	memset(&scm, 0, sizeof(scm));
	pkb_queue_init(&done);
	target = (flags & MSG_WAITALL) ? len : MIN(len, (size_t)u->sk.rcvlowat);
	if (!target)
		target = 1;
	for (;;) {
		struct pkbuf *pkb;
		struct unix_cb *cb;
		u32 off, n;

		net_lock();
		pkb = pkb_peek(&u->sk.receive_queue);
		off = skip;
		while (pkb && off >= pkb->len) {
			off -= pkb->len;
			pkb = pkb->next;
		}
		if (!pkb) {
			bool shut = u->sk.shutdown & RCV_SHUTDOWN;

			if (copied < target && u->sk.err)
				err = unix_take_error(u);
			net_unlock();
			if (copied >= target || err || shut)
				break;
			if (deadline == SOCK_NOWAIT) {
				err = -EAGAIN;
				break;
			}
			err = sock_wait(sock, deadline, unix_stream_ready, &skip);
			if (err)
				break;
			continue;
		}
		cb = UNIXCB(pkb);
		if (check_creds) {
			/* Never join messages from different writers. */
			if (!unix_creds_eq(cb, &scm)) {
				net_unlock();
				break;
			}
		} else if (sock->passcred) {
			scm.has_creds = cb->has_creds;
			scm.pid = cb->pid;
			scm.uid = cb->uid;
			scm.gid = cb->gid;
			check_creds = true;
		}
		unix_copy_addr(msg, cb->from);
		n = (u32)MIN((size_t)(pkb->len - off), len - copied);
		pkb_get(pkb);
		net_unlock();

		if (copy_to_iter(pkb->data + off, n, &msg->iter) < n) {
			unix_pkb_drop(pkb);
			if (!copied)
				err = -EFAULT;
			break;
		}
		copied += n;
		net_lock();
		if (peek) {
			/* Peeking at descriptors gives new references to them. */
			bool had_fp = cb->fp;

			if (had_fp)
				scm.fp = unix_fp_dup(cb->fp);
			pkb_free(pkb);
			net_unlock();
			if (had_fp)
				break;
			skip += n;
		} else {
			/* Only we consume: the chunk is still the head. */
			NET_ASSERT(pkb_peek(&u->sk.receive_queue) == pkb);
			pkb_pull(pkb, n);
			u->sk.receive_queue.bytes -= n;
			if (cb->fp)
				scm.fp = unix_fp_detach(pkb);
			pkb_free(pkb);
			if (pkb->len) {
				net_unlock();
				break;
			}
			pkb_dequeue(&u->sk.receive_queue);
			pkb_enqueue(&done, pkb);
			net_unlock();
			if (scm.fp)
				break;
		}
		if (copied == len)
			break;
	}
	unix_queue_free(&done);
	if (copied || !err)
		unix_scm_recv(sock, msg, &scm);
	else
		unix_scm_destroy(&scm);
	return copied ? (long)copied : err;
}

/* ---- datagrams and sequenced packets ---- */

/*
 * sendmsg on a datagram socket (Linux's unix_dgram_sendmsg): to the
 * named socket or the connected one; EMSGSIZE past SO_SNDBUF - 32; a
 * receiver not connected back to us queues at most max_dgram_qlen + 1
 * datagrams, then the send blocks (EAGAIN without waiting).  Sending to
 * a connected peer that has gone disconnects us with ECONNREFUSED.
 */
long unix_dgram_sendmsg(struct socket *sock, struct kmsghdr *msg, int flags)
{
	struct unix_sock *u = unix_of(sock), *other = NULL;
	size_t len = iov_iter_count(&msg->iter);
	u64 deadline = sock_snd_deadline(sock, flags & MSG_DONTWAIT);
	struct sockaddr_un *sun = NULL;
	struct pkb_queue dropped;
	struct pkbuf *pkb = NULL;
	struct unix_scm scm;
	long err;

	/* A datagram's EPIPE raises no SIGPIPE on Linux. */
	msg->epipe_nosignal = true;
	pkb_queue_init(&dropped);
	err = unix_scm_send(sock, msg, &scm);
	if (err)
		return err;
	if (flags & MSG_OOB) {
		err = -EOPNOTSUPP;
		goto out;
	}
	if (msg->name && msg->namelen) {
		sun = (struct sockaddr_un *)msg->name;
		err = unix_validate_addr(sun, msg->namelen);
		if (err)
			goto out;
	} else {
		net_lock();
		other = u->peer;
		if (other)
			unix_sock_hold(other);
		net_unlock();
		if (!other) {
			err = -ENOTCONN;
			goto out;
		}
	}
	if (sock->passcred && !u->addr) {
		err = unix_autobind(u);
		if (err)
			goto out;
	}
	if (len > (size_t)u->sk.sndbuf - 32) {
		err = -EMSGSIZE;
		goto out;
	}
	err = unix_wait_wmem(sock, deadline);
	if (err)
		goto out;
	pkb = unix_fill(msg, len, &err);
	if (!pkb)
		goto out;
restart:
	if (!other) {
		if (!sun) {
			err = -ECONNRESET;
			goto out;
		}
		int e;

		other = unix_find_other(sun, msg->namelen, sock->type, NULL, &e);
		if (!other) {
			err = e;
			goto out;
		}
	}
	net_lock();
	if (!unix_may_send(u, other)) {
		err = -EPERM;
		goto unlock;
	}
	if (other->dead) {
		if (sock->type == SOCK_SEQPACKET) {
			err = -EPIPE;
			goto unlock;
		}
		if (u->peer == other) {
			/* Our peer went away: we are disconnected. */
			u->peer = NULL;
			u->state = UNIX_CLOSE;
			sock->state = SS_UNCONNECTED;
			other->peer_refs--;
			unix_dgram_disconnected(u, other, &dropped);
			unix_sock_put(other);	/* the peer's reference */
			err = -ECONNREFUSED;
			goto unlock;
		}
		unix_sock_put(other);
		other = NULL;
		net_unlock();
		goto restart;
	}
	if (other->sk.shutdown & RCV_SHUTDOWN) {
		err = -EPIPE;
		goto unlock;
	}
	if (other != u && other->peer != u && unix_recvq_full(other)) {
		if (deadline == SOCK_NOWAIT) {
			err = -EAGAIN;
			goto unlock;
		}
		unix_set_wait_room(u, other);
		net_unlock();
		err = sock_wait_space(sock, deadline, unix_room_ready, NULL);
		net_lock();
		unix_set_wait_room(u, NULL);
		net_unlock();
		if (err == -EAGAIN)
			deadline = SOCK_NOWAIT;	/* timed out: one more look */
		else if (err)
			goto out;
		goto restart;
	}
	unix_queue_chunk(sock, other, pkb, &scm);
	pkb = NULL;
	unix_sock_put(other);
	net_unlock();
	unix_scm_destroy(&scm);
	return (long)len;

unlock:
	unix_sock_put(other);
	other = NULL;
	net_unlock();
out:
	if (other) {
		net_lock();
		unix_sock_put(other);
		net_unlock();
	}
	unix_pkb_drop(pkb);
	unix_queue_free(&dropped);
	unix_scm_destroy(&scm);
	return err;
}

long unix_seqpacket_sendmsg(struct socket *sock, struct kmsghdr *msg, int flags)
{
	struct unix_sock *u = unix_of(sock);
	int err;

	msg->epipe_nosignal = true;
	net_lock();
	err = unix_take_error(u);
	net_unlock();
	if (err)
		return err;
	if (u->state != UNIX_ESTABLISHED)
		return -ENOTCONN;
	msg->namelen = 0;	/* a seqpacket send ignores any address */
	return unix_dgram_sendmsg(sock, msg, flags);
}

static int unix_dgram_ready(struct socket *sock, void *arg)
{
	struct unix_sock *u = unix_of(sock);

	(void)arg;
	if (u->sk.receive_queue.count || u->sk.err || (u->sk.shutdown & RCV_SHUTDOWN) ||
	    (sock->type == SOCK_SEQPACKET && u->state != UNIX_ESTABLISHED))
		return 0;
	return -EAGAIN;
}

/*
 * recvmsg on a datagram socket: one message, cut to the buffer
 * (MSG_TRUNC in msg_flags; with MSG_TRUNC in flags the whole length is
 * returned), its sender's name, SCM_CREDENTIALS with SO_PASSCRED, and
 * its descriptors.  A pending error comes first.  After shutdown(SHUT_RD)
 * a blocking read returns 0; a non-blocking one is EAGAIN, except on a
 * sequenced-packet socket, where it is the end of the stream.
 */
long unix_dgram_recvmsg(struct socket *sock, struct kmsghdr *msg, int flags)
{
	struct unix_sock *u = unix_of(sock);
	bool peek = flags & MSG_PEEK, seqpacket = sock->type == SOCK_SEQPACKET;
	u64 deadline = sock_rcv_deadline(sock, flags & MSG_DONTWAIT);
	size_t len = iov_iter_count(&msg->iter), size;
	struct unix_scm scm;
	struct pkbuf *pkb;
	struct unix_cb *cb;
	long err;

	msg->namelen = 0;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	memset(&scm, 0, sizeof(scm));
	for (;;) {
		bool shut;

		net_lock();
		if (u->sk.err) {
			err = unix_take_error(u);
			net_unlock();
			return err;
		}
		pkb = pkb_peek(&u->sk.receive_queue);
		if (pkb) {
			cb = UNIXCB(pkb);
			if (peek) {
				pkb_get(pkb);
				if (cb->fp)
					scm.fp = unix_fp_dup(cb->fp);
			} else {
				bool was_full = unix_recvq_full(u);

				pkb_dequeue(&u->sk.receive_queue);
				scm.fp = unix_fp_detach(pkb);
				if (was_full)
					unix_wake_room(u);
			}
			unix_copy_addr(msg, cb->from);
			net_unlock();
			break;
		}
		shut = u->sk.shutdown & RCV_SHUTDOWN;
		net_unlock();
		if (deadline == SOCK_NOWAIT)
			return shut && seqpacket ? 0 : -EAGAIN;
		if (shut)
			return 0;
		if (seqpacket && u->state != UNIX_ESTABLISHED)
			return -ENOTCONN;
		err = sock_wait(sock, deadline, unix_dgram_ready, NULL);
		if (err)
			return err;
	}

	size = MIN(len, (size_t)pkb->len);
	if (size < pkb->len)
		msg->flags |= MSG_TRUNC;
	err = copy_to_iter(pkb->data, size, &msg->iter) < size ? -EFAULT : 0;
	if (!err) {
		sock_recv_timestamp(sock, msg, pkb->tstamp_ns);
		scm.has_creds = cb->has_creds;
		scm.pid = cb->pid;
		scm.uid = cb->uid;
		scm.gid = cb->gid;
		err = (flags & MSG_TRUNC) ? (long)pkb->len : (long)size;
		unix_scm_recv(sock, msg, &scm);
	} else {
		unix_scm_destroy(&scm);
	}
	if (peek)
		unix_pkb_drop(pkb);
	else
		unix_chunk_free(pkb);
	return err;
}

long unix_seqpacket_recvmsg(struct socket *sock, struct kmsghdr *msg, int flags)
{
	if (unix_of(sock)->state != UNIX_ESTABLISHED)
		return -ENOTCONN;
	return unix_dgram_recvmsg(sock, msg, flags);
}
