/*
 * AF_UNIX sockets (unix(7)): the family, names (filesystem, abstract,
 * autobind), connections (socketpair, listen/connect/accept), shutdown,
 * poll, ioctl and /proc/net/unix.  The data path of the three types is
 * in af_unix_msg.c, control messages in scm.c, the collector of
 * descriptors in flight in garbage.c.  Kernel code; the locking and
 * lifetime rules are in include/tern/af_unix.h.
 *
 * Each behaviour follows Linux's (the oracle of the in-guest tests in
 * test/guest/unix/): the errno of every refusal, the order in which the
 * checks are made, what poll reports in every state.
 */
#include <net/pkbuf.h>
#include <net/sock.h>
#include <tern/af_unix.h>
#include <tern/fdtable.h>
#include <tern/inet_sock.h>
#include <tern/kernel.h>
#include <tern/net_platform.h>
#include <tern/panic.h>
#include <tern/process.h>
#include <tern/slab.h>
#include <tern/socket.h>
#include <tern/string.h>
#include <tern/uaccess.h>
#include <tern/vfs.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/poll.h>
#include <uapi/sockios.h>
#include <uapi/stat.h>
#include <uapi/un.h>

#define UNIX_PATH_OFF		((int)offsetof(struct sockaddr_un, sun_path))
/* An autobound name: a NUL and five hex digits (unix(7) "Autobind"). */
#define UNIX_AUTOBIND_LEN	(UNIX_PATH_OFF + 6)

struct list_head unix_sockets = LIST_HEAD_INIT(unix_sockets);

/* ---- references and wake-ups (net_lock held) ---- */

void unix_sock_hold(struct unix_sock *u)
{
	u->sk.refcnt++;
}

static void unix_addr_put(struct unix_address *a)
{
	if (a && --a->refcnt == 0)
		kfree(a);
}

void unix_sock_put(struct unix_sock *u)
{
	NET_ASSERT(u->sk.refcnt > 0);
	if (--u->sk.refcnt)
		return;
	NET_ASSERT(u->dead && !u->path.dentry && !u->sk.receive_queue.count && !u->wmem);
	unix_addr_put(u->addr);
	kfree(u);
}

void unix_wake(struct unix_sock *u, u32 events)
{
	struct socket *sock = u->sk.owner;

	if (sock)
		wake_up_poll(&sock->wq, events);
}

bool unix_recvq_full(const struct unix_sock *u)
{
	return u->sk.receive_queue.count > u->max_backlog;
}

/*
 * u's queue has room again, or u went away: wake the sockets that wait
 * for it (a blocked connect or datagram send names u in wait_room) and
 * those connected to it, which poll for POLLOUT (Linux's peer_wait).
 */
void unix_wake_room(struct unix_sock *u)
{
	struct unix_sock *v;

	/* Only datagram writers poll on their peer's queue: most calls end here. */
	if (!u->room_waiters && (u->sk.type != SOCK_DGRAM || !u->peer_refs))
		return;
	list_for_each_entry(v, &unix_sockets, node)
		if (v->wait_room == u || v->peer == u)
			unix_wake(v, POLLOUT | POLLWRNORM | POLLWRBAND);
}

/* Wait for room on o (net_lock held; o is referenced), or stop waiting. */
void unix_set_wait_room(struct unix_sock *u, struct unix_sock *o)
{
	if (u->wait_room)
		u->wait_room->room_waiters--;
	u->wait_room = o;
	if (o)
		o->room_waiters++;
}

/* sock_wait readiness for a sender waiting on u->wait_room. */
int unix_room_ready(struct socket *sock, void *arg)
{
	struct unix_sock *o = unix_of(sock)->wait_room;

	(void)arg;
	if (!o || o->dead || (o->sk.shutdown & RCV_SHUTDOWN) || !unix_recvq_full(o))
		return 0;
	return -EAGAIN;
}

/* SO_PEERCRED: the calling process, as Linux's init_peercred (effective ids). */
void unix_set_peercred(struct unix_sock *u)
{
	const struct cred *c = current_cred();

	u->sk.peer_pid = current->proc->pid;
	u->sk.peer_uid = c->euid;
	u->sk.peer_gid = c->egid;
}

/* ---- sockets ---- */

static struct unix_sock *unix_sock_alloc(u16 type)
{
	struct unix_sock *u = kzalloc(sizeof(*u));

	if (!u)
		return NULL;
	sock_init(&u->sk, AF_UNIX, type, 0);
	INIT_LIST_HEAD(&u->node);
	u->state = UNIX_CLOSE;
	u->max_backlog = UNIX_MAX_DGRAM_QLEN;
	return u;
}

struct unix_sock *unix_sock_of_file(struct file *f)
{
	struct socket *sock = sock_from_file(f);

	if (!sock || sock->family != AF_UNIX || !sock->sk)
		return NULL;
	return unix_sk(sock->sk);
}

/*
 * Take a socket down (Linux's unix_release_sock): it leaves the name
 * space, its peer of a connection sees the end (EOF, or ECONNRESET when
 * data was left unread or a connection was never accepted), and what is
 * queued on it is thrown away -- connections nobody accepted are
 * released in turn.  No lock held.
 */
void unix_release_sock(struct unix_sock *u, bool embryo)
{
	struct unix_sock *pair;
	struct pkb_queue q;
	struct pkbuf *pkb;
	struct path path;

	net_lock();
	list_del_init(&u->node);
	if (u->sk.owner)
		sock_orphan(&u->sk);
	u->dead = true;
	u->sk.shutdown = RCV_SHUTDOWN | SEND_SHUTDOWN;
	path = u->path;
	memset(&u->path, 0, sizeof(u->path));
	u->inode = NULL;
	u->state = UNIX_CLOSE;
	u->sk.listening = false;
	pair = u->peer;
	u->peer = NULL;
	if (pair) {
		if (u->sk.type != SOCK_DGRAM) {
			pair->sk.shutdown = RCV_SHUTDOWN | SEND_SHUTDOWN;
			if (u->sk.receive_queue.count || embryo)
				pair->sk.err = ECONNRESET;
			unix_wake(pair, POLLIN | POLLRDNORM | POLLOUT | POLLHUP | POLLRDHUP | POLLERR);
		}
		pair->peer_refs--;
		unix_sock_put(pair);
	}
	unix_wake_room(u);
	q = u->sk.receive_queue;
	pkb_queue_init(&u->sk.receive_queue);
	net_unlock();

	while ((pkb = pkb_dequeue(&q)))
		unix_chunk_free(pkb);
	if (path.dentry)
		path_put(&path);
	net_lock();
	unix_sock_put(u);
	net_unlock();
	if (unix_tot_inflight)
		unix_gc();
}

static int unix_release(struct socket *sock)
{
	if (!sock->sk)
		return 0;
	unix_release_sock(unix_of(sock), false);
	sock->sk = NULL;
	return 0;
}

/* ---- chunks ---- */

/*
 * What Linux charges a socket for a buffer of len bytes (sk_buff,
 * skb_shared_info and the allocator's rounding), closely enough that
 * SIOCOUTQ and how much fits in SO_SNDBUF come out as there: 768 for a
 * small message, 278 one-byte datagrams in the default 212992.
 */
u32 unix_truesize(size_t len)
{
	size_t head = len + 320, cls = 512;

	if (head <= 4096) {
		while (cls < head)
			cls <<= 1;
		return (u32)(cls + 256);
	}
	return (u32)(len + 1216);
}

/* Give back what a chunk charged to its sender (net_lock held). */
static void unix_uncharge(struct pkbuf *pkb)
{
	struct unix_cb *cb = UNIXCB(pkb);
	struct unix_sock *from = cb->from;

	NET_ASSERT(from->wmem >= cb->truesize);
	from->wmem -= cb->truesize;
	/* unix_write_space: writable again once a quarter of sndbuf is used. */
	if (!from->dead && (u64)from->wmem * 4 <= from->sk.sndbuf)
		unix_wake(from, POLLOUT | POLLWRNORM | POLLWRBAND);
	unix_sock_put(from);
}

void unix_chunk_free(struct pkbuf *pkb)
{
	struct unix_cb *cb = UNIXCB(pkb);
	struct unix_fp *fp;

	if (cb->request) {
		/* A connection nobody accepted goes as if it were closed. */
		unix_release_sock(cb->from, true);
		net_lock();
		pkb_free(pkb);
		net_unlock();
		return;
	}
	net_lock();
	fp = unix_fp_detach(pkb);
	unix_uncharge(pkb);
	pkb_free(pkb);
	net_unlock();
	if (fp)
		unix_fp_put(fp);
}

/* Creds a message carries without SCM_CREDENTIALS: the sender's real ids. */
static void unix_current_creds(struct unix_cb *cb)
{
	const struct cred *c = current_cred();

	cb->has_creds = true;
	cb->pid = current->proc->pid;
	cb->uid = c->uid;
	cb->gid = c->gid;
}

/*
 * Queue a filled chunk from u on `to` (net_lock held): charge u, attach
 * the descriptors (the first chunk of a send only: scm->fp moves) and the
 * credentials -- explicit ones, or the sender's own when either end has
 * SO_PASSCRED or the receiver is not accepted yet (Linux's
 * maybe_add_creds).
 */
void unix_queue_chunk(struct socket *sock, struct unix_sock *to, struct pkbuf *pkb,
		      struct unix_scm *scm)
{
	struct unix_sock *u = unix_of(sock);
	struct unix_cb *cb = UNIXCB(pkb);
	struct socket *tsock = to->sk.owner;

	memset(cb, 0, sizeof(*cb));
	cb->from = u;
	unix_sock_hold(u);
	cb->truesize = unix_truesize(pkb->len);
	u->wmem += cb->truesize;
	if (scm->fp) {
		unix_fp_attach(pkb, scm->fp, &scm->spare);
		scm->fp = NULL;
	}
	if (scm->has_creds) {
		cb->has_creds = true;
		cb->pid = scm->pid;
		cb->uid = scm->uid;
		cb->gid = scm->gid;
	} else if (sock->passcred || !tsock || tsock->passcred) {
		unix_current_creds(cb);
	}
	pkb_enqueue(&to->sk.receive_queue, pkb);
	unix_wake(to, POLLIN | POLLRDNORM);
}

/* ---- names ---- */

static struct unix_address *unix_addr_new(const void *name, int len)
{
	struct unix_address *a = kzalloc(sizeof(*a));

	if (!a)
		return NULL;
	a->refcnt = 1;
	a->len = len;
	if (name)
		memcpy(a->name, name, (size_t)len);
	return a;
}

/* unix(7): an address must be AF_UNIX and hold at least one byte of name. */
int unix_validate_addr(const struct sockaddr_un *sun, int len)
{
	if (len <= UNIX_PATH_OFF || len > (int)sizeof(*sun))
		return -EINVAL;
	if (sun->sun_family != AF_UNIX)
		return -EINVAL;
	return 0;
}

/*
 * A pathname address: the path ends at its first NUL or at len (the
 * buffer is a sockaddr_storage zeroed past len by net/socket.c, so it is
 * terminated either way).  Returns the length Linux stores: family, path
 * and its NUL.
 */
static int unix_mkname_bsd(struct sockaddr_un *sun, int len)
{
	return (int)strnlen(sun->sun_path, (size_t)(len - UNIX_PATH_OFF)) + UNIX_PATH_OFF + 1;
}

/* The socket bound to an abstract name (net_lock held); per type, as Linux hashes them. */
static struct unix_sock *unix_find_abstract(const u8 *name, int len, u16 type)
{
	struct unix_sock *v;

	list_for_each_entry(v, &unix_sockets, node)
		if (v->bound && !v->inode && v->sk.type == type && v->addr->len == len &&
		    !memcmp(v->addr->name, name, (size_t)len))
			return v;
	return NULL;
}

int unix_autobind(struct unix_sock *u)
{
	static const char hex[] = "0123456789abcdef";
	struct unix_address *a;
	u32 start, n;
	int i;

	if (u->addr)
		return 0;
	a = unix_addr_new(NULL, UNIX_AUTOBIND_LEN);
	if (!a)
		return -ENOMEM;
	((struct sockaddr_un *)a->name)->sun_family = AF_UNIX;
	start = net_random_u32() & 0xfffff;
	n = start;
	net_lock();
	for (;;) {
		n = (n + 1) & 0xfffff;
		for (i = 0; i < 5; i++)
			a->name[UNIX_PATH_OFF + 1 + i] = (u8)hex[(n >> (16 - 4 * i)) & 0xf];
		if (!unix_find_abstract(a->name, a->len, u->sk.type))
			break;
		if (n == start) {
			net_unlock();
			kfree(a);
			return -ENOSPC;
		}
	}
	u->addr = a;
	u->bound = true;
	net_unlock();
	return 0;
}

static int unix_bind_abstract(struct unix_sock *u, struct sockaddr_un *sun, int len)
{
	struct unix_address *a = unix_addr_new(sun, len);
	int err = 0;

	if (!a)
		return -ENOMEM;
	net_lock();
	if (u->addr) {
		err = -EINVAL;
	} else if (unix_find_abstract(a->name, len, u->sk.type)) {
		err = -EADDRINUSE;
	} else {
		u->addr = a;
		u->bound = true;
		a = NULL;
	}
	net_unlock();
	kfree(a);
	return err;
}

/*
 * A filesystem name: the node is made as mknod(2) would make an
 * S_IFSOCK one (mode 0777 less the umask; the path walk's ENOENT,
 * ENOTDIR, EACCES, ...), EADDRINUSE when the name exists.  As on Linux
 * the node is made before the socket is found to be bound already, so
 * that case is EADDRINUSE for an existing name and EINVAL otherwise.
 */
static int unix_bind_bsd(struct unix_sock *u, struct sockaddr_un *sun, int len)
{
	struct unix_address *a;
	struct vfs_ctx c;
	struct path p;
	int err;

	len = unix_mkname_bsd(sun, len);
	a = unix_addr_new(sun, len);
	if (!a)
		return -ENOMEM;
	current_vfs_ctx(&c);
	err = vfs_mknod_path(&c, sun->sun_path, S_IFSOCK | 0777, &p);
	if (err) {
		kfree(a);
		return err == -EEXIST ? -EADDRINUSE : err;
	}
	net_lock();
	if (u->addr) {
		net_unlock();
		vfs_unlinkat(&c, AT_FDCWD, sun->sun_path, 0);
		path_put(&p);
		kfree(a);
		return -EINVAL;
	}
	u->addr = a;
	u->bound = true;
	u->path = p;
	u->inode = p.dentry->d_inode;
	net_unlock();
	return 0;
}

static int unix_bind(struct socket *sock, struct sockaddr *sa, int len)
{
	struct sockaddr_un *sun = (struct sockaddr_un *)sa;
	struct unix_sock *u = unix_of(sock);
	int err;

	/* unix(7): an address of just the family asks for an autobind. */
	if (len == UNIX_PATH_OFF && sun->sun_family == AF_UNIX)
		return unix_autobind(u);
	err = unix_validate_addr(sun, len);
	if (err)
		return err;
	if (sun->sun_path[0])
		return unix_bind_bsd(u, sun, len);
	return unix_bind_abstract(u, sun, len);
}

/*
 * The socket a connect or sendto names (Linux's unix_find_other), with a
 * reference, or NULL and *err: for a path, the walk's errno, EACCES
 * without write permission on the node, ECONNREFUSED when it is not a
 * socket or no socket is bound to it, EPROTOTYPE for another type; for
 * an abstract name ECONNREFUSED when no socket of this type has it.  A
 * path's node comes back in *keep (a reference) when keep is not NULL.
 */
struct unix_sock *unix_find_other(struct sockaddr_un *sun, int len, u16 type,
				  struct path *keep, int *err)
{
	struct unix_sock *v = NULL, *w;

	if (!sun->sun_path[0]) {
		net_lock();
		v = unix_find_abstract((const u8 *)sun, len, type);
		if (v)
			unix_sock_hold(v);
		net_unlock();
		*err = v ? 0 : -ECONNREFUSED;
		return v;
	}

	struct vfs_ctx c;
	struct inode *inode;
	struct path p;

	unix_mkname_bsd(sun, len);
	current_vfs_ctx(&c);
	*err = vfs_path_lookupat(&c, AT_FDCWD, sun->sun_path, LOOKUP_FOLLOW, &p);
	if (*err)
		return NULL;
	inode = p.dentry->d_inode;
	*err = inode_permission(inode, MAY_WRITE, c.cred);
	if (!*err && !S_ISSOCK(inode->i_mode))
		*err = -ECONNREFUSED;
	if (!*err) {
		net_lock();
		list_for_each_entry(w, &unix_sockets, node)
			if (w->inode == inode) {
				v = w;
				break;
			}
		if (!v)
			*err = -ECONNREFUSED;
		else if (v->sk.type != type)
			*err = -EPROTOTYPE;
		else
			unix_sock_hold(v);
		net_unlock();
		if (*err)
			v = NULL;
	}
	if (v && keep)
		*keep = p;
	else
		path_put(&p);
	return v;
}

static int unix_getname(struct socket *sock, struct sockaddr_storage *ss, int peer)
{
	struct unix_sock *u = unix_of(sock), *v = u;
	int len;

	net_lock();
	if (peer) {
		v = u->peer;
		if (!v) {
			net_unlock();
			return -ENOTCONN;
		}
	}
	if (v->addr) {
		len = v->addr->len;
		memcpy(ss, v->addr->name, (size_t)len);
	} else {
		((struct sockaddr_un *)ss)->sun_family = AF_UNIX;
		len = UNIX_PATH_OFF;
	}
	net_unlock();
	return len;
}

/* The source address of a message: its sender's name (net_lock held). */
void unix_copy_addr(struct kmsghdr *msg, struct unix_sock *from)
{
	if (!msg->name || !from->addr)
		return;
	memcpy(msg->name, from->addr->name, (size_t)from->addr->len);
	msg->namelen = from->addr->len;
}

/* ---- connections ---- */

static int unix_socketpair(struct socket *a, struct socket *b)
{
	struct unix_sock *ua = unix_of(a), *ub = unix_of(b);

	net_lock();
	ua->peer = ub;
	ub->peer = ua;
	unix_sock_hold(ua);
	unix_sock_hold(ub);
	ua->peer_refs++;
	ub->peer_refs++;
	unix_set_peercred(ua);
	unix_set_peercred(ub);
	ua->state = ub->state = UNIX_ESTABLISHED;
	a->state = b->state = SS_CONNECTED;
	net_unlock();
	return 0;
}

static int unix_listen(struct socket *sock, int backlog)
{
	struct unix_sock *u = unix_of(sock);
	int err = 0;

	if (!u->addr)
		return -EINVAL;		/* no listen on an unbound socket */
	net_lock();
	if (u->state != UNIX_CLOSE && u->state != UNIX_LISTEN) {
		err = -EINVAL;
	} else {
		bool grow = (u32)backlog > u->max_backlog;

		u->max_backlog = (u32)backlog;
		u->state = UNIX_LISTEN;
		u->sk.listening = true;
		/* What a connecting process reads with SO_PEERCRED. */
		unix_set_peercred(u);
		if (grow)
			unix_wake_room(u);
	}
	net_unlock();
	return err;
}

/*
 * connect(2) on a stream or seqpacket socket: a new socket (the
 * embryo) is made for the server side and queued on the listener as a
 * request until accept(2) takes it; the client is connected at once.
 * A full backlog (more than `backlog` requests queued) blocks, or is
 * EAGAIN without waiting (SO_SNDTIMEO: EAGAIN when it runs out).
 */
static int unix_stream_connect(struct socket *sock, struct sockaddr *sa, int len, int flags)
{
	struct sockaddr_un *sun = (struct sockaddr_un *)sa;
	struct unix_sock *u = unix_of(sock), *newu, *other;
	struct path path = { 0 };
	struct pkbuf *req;
	u64 deadline;
	int err;

	err = unix_validate_addr(sun, len);
	if (err)
		return err;
	if (sock->passcred && !u->addr) {
		err = unix_autobind(u);
		if (err)
			return err;
	}
	deadline = sock_snd_deadline(sock, flags & O_NONBLOCK);
	newu = unix_sock_alloc(sock->type);
	req = pkb_alloc(0, 0);
	if (!newu || !req) {
		err = -ENOMEM;
		goto fail;
	}
restart:
	other = unix_find_other(sun, len, sock->type, &path, &err);
	if (!other)
		goto fail;
	net_lock();
	if (other->dead) {
		unix_sock_put(other);
		net_unlock();
		if (path.dentry)
			path_put(&path);
		memset(&path, 0, sizeof(path));
		goto restart;
	}
	if (other->state != UNIX_LISTEN || (other->sk.shutdown & RCV_SHUTDOWN)) {
		err = -ECONNREFUSED;
		goto unlock;
	}
	if (unix_recvq_full(other)) {
		if (deadline == SOCK_NOWAIT) {
			err = -EAGAIN;
			goto unlock;
		}
		unix_set_wait_room(u, other);
		net_unlock();
		err = sock_wait_space(sock, deadline, unix_room_ready, NULL);
		net_lock();
		unix_set_wait_room(u, NULL);
		unix_sock_put(other);
		net_unlock();
		if (path.dentry)
			path_put(&path);
		memset(&path, 0, sizeof(path));
		if (err == -EAGAIN)
			deadline = SOCK_NOWAIT;	/* timed out: one more look */
		else if (err)
			goto fail;
		goto restart;
	}
	if (u->state != UNIX_CLOSE) {
		err = u->state == UNIX_ESTABLISHED ? -EISCONN : -EINVAL;
		goto unlock;
	}

	/* The server side: connected to us, named as the listener. */
	newu->state = UNIX_ESTABLISHED;
	newu->peer = u;
	unix_sock_hold(u);
	u->peer_refs++;
	unix_set_peercred(newu);
	newu->addr = other->addr;
	other->addr->refcnt++;
	newu->path = path;
	memset(&path, 0, sizeof(path));
	list_add_tail(&newu->node, &unix_sockets);

	/* Our side: the listener's credentials from its listen(2). */
	u->sk.peer_pid = other->sk.peer_pid;
	u->sk.peer_uid = other->sk.peer_uid;
	u->sk.peer_gid = other->sk.peer_gid;
	u->state = UNIX_ESTABLISHED;
	sock->state = SS_CONNECTED;
	u->peer = newu;
	unix_sock_hold(newu);
	newu->peer_refs++;

	/* The request owns the embryo's first reference until accept. */
	memset(UNIXCB(req), 0, sizeof(struct unix_cb));
	UNIXCB(req)->from = newu;
	UNIXCB(req)->request = true;
	pkb_enqueue(&other->sk.receive_queue, req);
	unix_wake(other, POLLIN | POLLRDNORM);
	unix_sock_put(other);
	net_unlock();
	return 0;

unlock:
	unix_sock_put(other);
	net_unlock();
	if (path.dentry)
		path_put(&path);
fail:
	kfree(newu);
	if (req) {
		net_lock();
		pkb_free(req);
		net_unlock();
	}
	return err;
}

static int unix_accept_ready(struct socket *sock, void *arg)
{
	struct unix_sock *u = unix_of(sock);

	(void)arg;
	if (u->sk.receive_queue.count || (u->sk.shutdown & RCV_SHUTDOWN) || u->state != UNIX_LISTEN)
		return 0;
	return -EAGAIN;
}

static int unix_accept(struct socket *sock, struct socket *newsock, int flags)
{
	struct unix_sock *u = unix_of(sock), *newu;
	struct pkbuf *pkb;
	bool was_full;
	int err;

	if (u->state != UNIX_LISTEN)
		return -EINVAL;
	for (;;) {
		net_lock();
		was_full = unix_recvq_full(u);
		pkb = pkb_dequeue(&u->sk.receive_queue);
		if (pkb)
			break;
		/* shutdown(2) of a listener ends accept with EINVAL, as Linux. */
		err = (u->sk.shutdown & RCV_SHUTDOWN) || u->state != UNIX_LISTEN ? -EINVAL : -EAGAIN;
		net_unlock();
		if (err != -EAGAIN)
			return err;
		err = sock_wait(sock, sock_rcv_deadline(sock, flags & O_NONBLOCK), unix_accept_ready,
				NULL);
		if (err)
			return err;
	}
	newu = UNIXCB(pkb)->from;
	if (was_full)
		unix_wake_room(u);
	sock_init_upcalls(newsock, &newu->sk);
	newsock->state = SS_CONNECTED;
	newsock->passcred = sock->passcred;
	pkb_free(pkb);
	net_unlock();
	return 0;
}

/*
 * connect(2) on a datagram socket: sets (or with AF_UNSPEC clears) the
 * default destination and the only source it receives from.  Moving
 * to another peer drops what the old one had queued for us (and the old
 * peer, if connected back, gets ECONNRESET), as Linux.
 */
static int unix_dgram_connect(struct socket *sock, struct sockaddr *sa, int len, int flags)
{
	struct sockaddr_un *sun = (struct sockaddr_un *)sa;
	struct unix_sock *u = unix_of(sock), *other = NULL, *old;
	struct pkb_queue dropped;
	int err;

	(void)flags;
	pkb_queue_init(&dropped);
	if (len < (int)sizeof(sa_family_t))
		return -EINVAL;
	if (sa->sa_family != AF_UNSPEC) {
		err = unix_validate_addr(sun, len);
		if (err)
			return err;
		if (sock->passcred && !u->addr) {
			err = unix_autobind(u);
			if (err)
				return err;
		}
restart:
		other = unix_find_other(sun, len, sock->type, NULL, &err);
		if (!other)
			return err;
		net_lock();
		if (other->dead) {
			unix_sock_put(other);
			net_unlock();
			goto restart;
		}
		if (!unix_may_send(u, other)) {
			unix_sock_put(other);
			net_unlock();
			return -EPERM;
		}
		u->state = UNIX_ESTABLISHED;
		other->state = UNIX_ESTABLISHED;
		other->peer_refs++;
	} else {
		net_lock();
	}
	old = u->peer;
	u->peer = other;	/* our lookup reference becomes the peer's */
	if (!other)
		u->state = UNIX_CLOSE;
	sock->state = other ? SS_CONNECTED : SS_UNCONNECTED;
	if (old) {
		unix_wake(u, POLLOUT | POLLWRNORM | POLLWRBAND);
		if (old != other) {
			unix_dgram_disconnected(u, old, &dropped);
			if (!old->peer)
				old->state = UNIX_CLOSE;
		}
		old->peer_refs--;
		unix_sock_put(old);
	}
	net_unlock();
	unix_queue_free(&dropped);
	return 0;
}

/*
 * A datagram socket stops taking messages from `old` (net_lock held):
 * what is queued is dropped (freed by the caller, no lock held), and if
 * old was connected back to us it learns with ECONNRESET.
 */
void unix_dgram_disconnected(struct unix_sock *u, struct unix_sock *old, struct pkb_queue *dropped)
{
	if (!u->sk.receive_queue.count)
		return;
	*dropped = u->sk.receive_queue;
	pkb_queue_init(&u->sk.receive_queue);
	unix_wake_room(u);
	if (!old->dead && old->peer == u) {
		old->sk.err = ECONNRESET;
		unix_wake(old, POLLERR);
	}
}

void unix_queue_free(struct pkb_queue *q)
{
	struct pkbuf *pkb;

	while ((pkb = pkb_dequeue(q)))
		unix_chunk_free(pkb);
}

/* shutdown(2): on a connection the peer's opposite direction goes too. */
static int unix_shutdown(struct socket *sock, int how)
{
	struct unix_sock *u = unix_of(sock), *other;
	u8 mode;

	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	mode = (u8)(how + 1);	/* SHUT_RD -> RCV_SHUTDOWN, ... */
	net_lock();
	u->sk.shutdown |= mode;
	unix_wake(u, 0);
	other = u->peer;
	if (other && u->sk.type != SOCK_DGRAM) {
		u8 peer_mode = 0;

		if (mode & RCV_SHUTDOWN)
			peer_mode |= SEND_SHUTDOWN;
		if (mode & SEND_SHUTDOWN)
			peer_mode |= RCV_SHUTDOWN;
		other->sk.shutdown |= peer_mode;
		unix_wake(other, 0);
	}
	net_unlock();
	return 0;
}

/* ---- poll ---- */

static bool unix_writable(const struct unix_sock *u)
{
	return u->state != UNIX_LISTEN && (u64)u->wmem * 4 <= u->sk.sndbuf;
}

static u32 unix_poll_common(struct unix_sock *u)
{
	u32 mask = 0;

	if (u->sk.err)
		mask |= POLLERR;
	if (u->sk.shutdown == (RCV_SHUTDOWN | SEND_SHUTDOWN))
		mask |= POLLHUP;
	if (u->sk.shutdown & RCV_SHUTDOWN)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (u->sk.receive_queue.count)
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

/* unix_poll: an unconnected stream socket is POLLHUP; writable while
 * the sender has used at most a quarter of SO_SNDBUF. */
static u32 unix_stream_poll(struct socket *sock)
{
	struct unix_sock *u = unix_of(sock);
	u32 mask;

	net_lock();
	mask = unix_poll_common(u);
	if (u->state == UNIX_CLOSE)
		mask |= POLLHUP;
	if (unix_writable(u))
		mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	net_unlock();
	return mask;
}

/* unix_dgram_poll: a datagram socket connected to a full receiver
 * that is not connected back is not writable. */
static u32 unix_dgram_poll(struct socket *sock)
{
	struct unix_sock *u = unix_of(sock), *other;
	u32 mask;
	bool w;

	net_lock();
	mask = unix_poll_common(u);
	if (sock->type == SOCK_SEQPACKET && u->state == UNIX_CLOSE)
		mask |= POLLHUP;
	w = unix_writable(u);
	other = u->peer;
	if (w && other && other->peer != u && !other->dead && unix_recvq_full(other))
		w = false;
	if (w)
		mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	net_unlock();
	return mask;
}

/* ---- ioctl ---- */

/* SIOCUNIXFILE: the socket's node opened O_PATH (CAP_NET_ADMIN). */
static long unix_open_file(struct unix_sock *u)
{
	struct vfs_ctx c;
	struct file *f;
	struct path p;
	int err, fd;

	if (!capable_net_admin())
		return -EPERM;
	net_lock();
	p = u->path;
	net_unlock();
	if (!u->addr || !p.dentry)
		return -ENOENT;
	current_vfs_ctx(&c);
	err = vfs_open_path(&p, O_PATH, c.cred, &f);
	if (err)
		return err;
	fd = fd_alloc_install(c.files, f, c.nofile, true);
	if (fd < 0)
		fput(f);
	return fd;
}

static long unix_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct unix_sock *u = unix_of(sock);
	struct pkbuf *pkb;
	int answ = 0;

	switch (cmd) {
	case SIOCOUTQ:		/* bytes charged for what the peer has not read */
		net_lock();
		answ = (int)u->wmem;
		net_unlock();
		break;
	case SIOCINQ:		/* stream: unread bytes; datagram: the next one's length */
		net_lock();
		if (u->state == UNIX_LISTEN) {
			net_unlock();
			return -EINVAL;
		}
		if (sock->type == SOCK_DGRAM) {
			pkb = pkb_peek(&u->sk.receive_queue);
			answ = pkb ? (int)pkb->len : 0;
		} else {
			answ = (int)u->sk.receive_queue.bytes;
		}
		net_unlock();
		break;
	case SIOCUNIXFILE:
		return unix_open_file(u);
	default:
		/* The interface ioctls work on any socket (musl's if_nametoindex). */
		return inet_ioctl(sock, cmd, arg);
	}
	return copy_to_user((void *)arg, &answ, sizeof(answ)) ? -EFAULT : 0;
}

/* ---- /proc/net/unix ---- */

int unix_proc_show(struct proc_ctx *pc, struct proc_buf *b)
{
	struct unix_sock *u;

	(void)pc;
	proc_printf(b, "Num       RefCount Protocol Flags    Type St Inode Path\n");
	net_lock();
	list_for_each_entry(u, &unix_sockets, node) {
		struct socket *sock = u->sk.owner;
		bool est = u->state == UNIX_ESTABLISHED;
		int st = sock ? (est ? SS_CONNECTED : SS_UNCONNECTED)
			      : (est ? SS_CONNECTING : SS_DISCONNECTING);

		/* linux-compat: Num is the (hidden) kernel address: zeros, as
		 * Linux shows it to readers without CAP_SYSLOG. */
		proc_printf(b, "%016x: %08X %08X %08X %04X %02X %5llu", 0, 2 + u->peer_refs, 0,
			    u->state == UNIX_LISTEN ? 0x10000 : 0, u->sk.type, st,
			    (unsigned long long)(sock ? sock->ino : 0));
		if (u->addr) {
			const u8 *path = u->addr->name + UNIX_PATH_OFF;
			int i = 0, len = u->addr->len - UNIX_PATH_OFF;

			proc_printf(b, " ");
			if (path[0]) {
				len--;		/* the stored NUL */
			} else {
				proc_printf(b, "@");
				i++;
			}
			for (; i < len; i++)
				proc_printf(b, "%c", path[i] ? path[i] : '@');
		}
		proc_printf(b, "\n");
	}
	net_unlock();
	return 0;
}

/* ---- the family ---- */

static const struct proto_ops unix_stream_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_stream_connect,
	.socketpair = unix_socketpair,
	.accept = unix_accept,
	.getname = unix_getname,
	.poll = unix_stream_poll,
	.ioctl = unix_ioctl,
	.listen = unix_listen,
	.shutdown = unix_shutdown,
	.sendmsg = unix_stream_sendmsg,
	.recvmsg = unix_stream_recvmsg,
};

static const struct proto_ops unix_dgram_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_dgram_connect,
	.socketpair = unix_socketpair,
	.getname = unix_getname,
	.poll = unix_dgram_poll,
	.ioctl = unix_ioctl,
	.shutdown = unix_shutdown,
	.sendmsg = unix_dgram_sendmsg,
	.recvmsg = unix_dgram_recvmsg,
};

static const struct proto_ops unix_seqpacket_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_stream_connect,
	.socketpair = unix_socketpair,
	.accept = unix_accept,
	.getname = unix_getname,
	.poll = unix_dgram_poll,
	.ioctl = unix_ioctl,
	.listen = unix_listen,
	.shutdown = unix_shutdown,
	.sendmsg = unix_seqpacket_sendmsg,
	.recvmsg = unix_seqpacket_recvmsg,
};

static int unix_create(struct socket *sock, int protocol)
{
	const struct proto_ops *ops;
	struct unix_sock *u;

	if (protocol && protocol != PF_UNIX)
		return -EPROTONOSUPPORT;
	switch (sock->type) {
	case SOCK_STREAM:
		ops = &unix_stream_ops;
		break;
	case SOCK_RAW:		/* Linux: an AF_UNIX SOCK_RAW is a datagram socket */
		sock->type = SOCK_DGRAM;
		/* fall through */
	case SOCK_DGRAM:
		ops = &unix_dgram_ops;
		break;
	case SOCK_SEQPACKET:
		ops = &unix_seqpacket_ops;
		break;
	default:
		return -ESOCKTNOSUPPORT;
	}
	u = unix_sock_alloc(sock->type);
	if (!u)
		return -ENOMEM;
	sock->ops = ops;
	sock->protocol = 0;
	net_lock();
	list_add_tail(&u->node, &unix_sockets);
	sock_init_upcalls(sock, &u->sk);
	net_unlock();
	return 0;
}

static const struct net_proto_family unix_family = {
	.family = AF_UNIX,
	.create = unix_create,
};

void unix_family_init(void)
{
	if (sock_register(&unix_family))
		panic("af_unix: cannot register AF_UNIX");
	/* /proc/net/unix; if net/proc_net.c registers it first, that one stands. */
	(void)proc_create("net", "unix", 0444, unix_proc_show);
}
