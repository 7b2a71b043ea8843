/*
 * The socket system calls and sockets as files (socket(2), socket(7);
 * docs/design.md §5-7).  Kernel code.
 *
 * Every call finds the socket behind the fd, copies addresses and
 * message headers in, takes sock->lock and hands kernel copies to the
 * family's proto_ops; results go back out here.  No call switches on a
 * family: sys_socket looks the family up in net_families[].
 */
#include <net/sock.h>
#include <tern/fdtable.h>
#include <tern/kernel.h>
#include <tern/net_bh.h>
#include <tern/net_platform.h>
#include <tern/poll.h>
#include <tern/process.h>
#include <tern/proc_net.h>
#include <tern/sched.h>
#include <tern/signal.h>
#include <tern/sigwait.h>
#include <tern/slab.h>
#include <tern/socket.h>
#include <tern/string.h>
#include <tern/syscalls.h>
#include <tern/time.h>
#include <tern/uaccess.h>
#include <tern/vfs.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/ioctls.h>
#include <uapi/poll.h>
#include <uapi/signal.h>
#include <uapi/sockios.h>

/* Linux's net.core.optmem_max: the largest sendmsg control buffer. */
#define OPTMEM_MAX	20480

static const struct net_proto_family *net_families[AF_MAX];
static const struct file_operations socket_fops;

int sock_register(const struct net_proto_family *fam)
{
	if (fam->family <= 0 || fam->family >= AF_MAX)
		return -EINVAL;
	if (net_families[fam->family])
		return -EEXIST;
	net_families[fam->family] = fam;
	return 0;
}

/* ---- sockets and their files ---- */

/* struct sockets alive (/proc/net/sockstat "sockets: used"). */
static u32 sockets_used;

u32 sock_inuse_get(void)
{
	return __atomic_load_n(&sockets_used, __ATOMIC_RELAXED);
}

static struct socket *sock_alloc(void)
{
	struct socket *sock = kzalloc(sizeof(*sock));

	if (!sock)
		return NULL;
	__atomic_add_fetch(&sockets_used, 1, __ATOMIC_RELAXED);
	mutex_init(&sock->lock, "sock");
	init_waitqueue_head(&sock->wq);
	sock->state = SS_UNCONNECTED;
	sock->incoming_cpu = -1;
	sock->uid = current->proc ? current_cred()->euid : 0;
	return sock;
}

/* The memory of a socket whose family is done with it. */
static void sock_destroy(struct socket *sock)
{
	__atomic_sub_fetch(&sockets_used, 1, __ATOMIC_RELAXED);
	kfree(sock);
}

/* Undo sock_alloc for a socket that never got a file. */
static void sock_free(struct socket *sock)
{
	if (sock->ops && sock->ops->release)
		sock->ops->release(sock);
	sock_destroy(sock);
}

/* The file for a socket; on success the file owns the socket. */
static struct file *sock_alloc_file(struct socket *sock, int flags, long *err)
{
	int e;
	struct file *f = new_pseudo_file(S_IFSOCK | 0777, "socket:", &socket_fops, sock,
					 O_RDWR | (flags & O_NONBLOCK), &e);

	if (!f) {
		*err = e;
		return NULL;
	}
	sock->file = f;
	sock->ino = f->f_inode->i_ino;
	return f;
}

/* Install a new socket as an fd; frees everything on failure. */
static long sock_map_fd(struct socket *sock, int flags)
{
	struct vfs_ctx c;
	struct file *f;
	long err;
	int fd;

	current_vfs_ctx(&c);
	fd = get_unused_fd(c.files, 0, c.nofile, flags & O_CLOEXEC);
	if (fd < 0) {
		sock_free(sock);
		return fd;
	}
	f = sock_alloc_file(sock, flags, &err);
	if (!f) {
		put_unused_fd(c.files, fd);
		sock_free(sock);
		return err;
	}
	fd_install(c.files, fd, f);
	return fd;
}

struct socket *sock_from_file(struct file *f)
{
	return f->f_op == &socket_fops ? f->private_data : NULL;
}

struct socket *sockfd_lookup(int fd, long *err)
{
	struct vfs_ctx c;
	struct socket *sock;
	struct file *f;

	if (!current->proc) {
		*err = -ENOSYS;
		return NULL;
	}
	current_vfs_ctx(&c);
	f = fget(c.files, fd);
	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	/* An O_PATH descriptor has no open file for socket calls: EBADF. */
	if (f->f_mode & FMODE_PATH) {
		fput(f);
		*err = -EBADF;
		return NULL;
	}
	sock = sock_from_file(f);
	if (!sock) {
		fput(f);
		*err = -ENOTSOCK;
		return NULL;
	}
	return sock;
}

static void sockfd_put(struct socket *sock)
{
	fput(sock->file);
}

/* ---- upcalls from the engines (stack lock held) ---- */

static void sk_wake(struct sock *sk, u32 events)
{
	struct socket *sock = sk->owner;

	if (sock)
		wake_up_poll(&sock->wq, events);
}

/* Data, or urgent data (TCP's POLLPRI): Linux's sock_def_readable key. */
static void sock_def_readable(struct sock *sk)
{
	sk_wake(sk, POLLIN | POLLPRI | POLLRDNORM | POLLRDBAND);
}

static void sock_def_write_space(struct sock *sk)
{
	sk_wake(sk, POLLOUT | POLLWRNORM | POLLWRBAND);
}

static void sock_def_state_change(struct sock *sk)
{
	sk_wake(sk, 0);		/* anything may have changed */
}

static void sock_def_error_report(struct sock *sk)
{
	sk_wake(sk, POLLERR);
}

void sock_init_upcalls(struct socket *sock, struct sock *sk)
{
	sk->owner = sock;
	sk->data_ready = sock_def_readable;
	sk->write_space = sock_def_write_space;
	sk->state_change = sock_def_state_change;
	sk->error_report = sock_def_error_report;
	sock->sk = sk;
}

static void sk_noop(struct sock *sk)
{
	(void)sk;
}

void sock_proc_info(struct sock *sk, u32 *uid, u64 *inode)
{
	/* Stack lock held: an owner is detached (sock_orphan) under it
	 * before its socket goes, so one seen here is alive. */
	struct socket *sock = sk->owner;

	*uid = sock ? sock->uid : 0;
	*inode = sock ? sock->ino : 0;
}

void sock_orphan(struct sock *sk)
{
	sk->owner = NULL;
	sk->data_ready = sk->write_space = sk->state_change = sk->error_report = sk_noop;
}

/* ---- the socket lock ---- */

void lock_sock(struct socket *sock)
{
	mutex_lock(&sock->lock);
	current->sock_locks++;
}

void release_sock(struct socket *sock)
{
	mutex_unlock(&sock->lock);
	if (--current->sock_locks == 0 && net_bh_wanted()) {
		/* What the stack deferred while the socket was ours runs now,
		 * before the call returns (docs/design.md §4). */
		net_lock();
		net_unlock();
	}
}

/* ---- waiting ---- */

int sock_wait(struct socket *sock, u64 deadline,
	      int (*ready)(struct socket *sock, void *arg), void *arg)
{
	DEFINE_WAIT(w);
	int r;

	for (;;) {
		prepare_to_wait(&sock->wq, &w, TASK_INTERRUPTIBLE);
		net_lock();
		r = ready(sock, arg);
		net_unlock();
		if (r != -EAGAIN)
			break;
		if (deadline == SOCK_NOWAIT)
			break;
		if (signal_pending(current)) {
			r = deadline ? -EINTR : -ERESTARTSYS;
			break;
		}
		u64 now = ktime_get_ns();
		if (deadline && now >= deadline)
			break;
		release_sock(sock);
		if (deadline)
			schedule_timeout_interruptible(deadline - now);
		else
			schedule();
		lock_sock(sock);
	}
	finish_wait(&sock->wq, &w);
	return r;
}

int sock_wait_space(struct socket *sock, u64 deadline,
		    int (*ready)(struct socket *sock, void *arg), void *arg)
{
	WRITE_ONCE(sock->async_nospace, true);
	return sock_wait(sock, deadline, ready, arg);
}

static u64 deadline_after(u64 timeo_ns, bool nonblock)
{
	if (nonblock)
		return SOCK_NOWAIT;
	return timeo_ns ? ktime_get_ns() + timeo_ns : 0;
}

u64 sock_rcv_deadline(struct socket *sock, bool nonblock)
{
	return deadline_after(sock->rcvtimeo_ns, nonblock);
}

u64 sock_snd_deadline(struct socket *sock, bool nonblock)
{
	return deadline_after(sock->sndtimeo_ns, nonblock);
}

long sock_epipe(long err, int flags)
{
	if (err == -EPIPE && !(flags & MSG_NOSIGNAL))
		send_signal_to_task(current, SIGPIPE);
	return err;
}

/* ---- the file side ---- */

static bool sock_nonblock(struct socket *sock)
{
	return vfs_getfl(sock->file) & O_NONBLOCK;
}

static ssize_t sock_read_iter(struct file *f, struct iov_iter *to, loff_t *pos)
{
	struct socket *sock = f->private_data;
	struct kmsghdr msg = { .iter = *to };
	long r;

	(void)pos;
	if (!iov_iter_count(to))
		return 0;
	lock_sock(sock);
	r = sock->ops->recvmsg ? sock->ops->recvmsg(sock, &msg,
						    sock_nonblock(sock) ? MSG_DONTWAIT : 0)
			       : -EOPNOTSUPP;
	release_sock(sock);
	*to = msg.iter;
	return r;
}

/* The family's sendmsg under the socket lock; a send that found no room
 * marks the socket for SIGIO when room comes (sock_wait_space). */
static long sock_send(struct socket *sock, struct kmsghdr *msg, int flags)
{
	long r;

	lock_sock(sock);
	r = sock->ops->sendmsg ? sock->ops->sendmsg(sock, msg, flags) : -EOPNOTSUPP;
	release_sock(sock);
	if (r == -EAGAIN)
		WRITE_ONCE(sock->async_nospace, true);
	return r;
}

static ssize_t sock_write_iter(struct file *f, struct iov_iter *from, loff_t *pos)
{
	struct socket *sock = f->private_data;
	struct kmsghdr msg = { .iter = *from };
	long r;

	(void)pos;
	r = sock_send(sock, &msg, sock_nonblock(sock) ? MSG_DONTWAIT : 0);
	*from = msg.iter;
	return sock_epipe(r, msg.epipe_nosignal ? MSG_NOSIGNAL : 0);
}

static u32 sock_poll(struct file *f, struct poll_table *pt)
{
	struct socket *sock = f->private_data;

	poll_wait(f, &sock->wq, pt);
	return sock->ops->poll ? sock->ops->poll(sock) : 0;
}

static long sock_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct socket *sock = f->private_data;
	long r;
	int v;

	switch (cmd) {	/* the owner of SIGIO and SIGURG (sockets only) */
	case FIOSETOWN:
	case SIOCSPGRP:
		r = copy_from_user(&v, (const void *)arg, sizeof(v));
		return r ? r : fasync_fcntl(f, F_SETOWN, (unsigned long)(long)v);
	case FIOGETOWN:
	case SIOCGPGRP:
		v = (int)fasync_fcntl(f, F_GETOWN, 0);
		return copy_to_user((void *)arg, &v, sizeof(v));
	}
	if (!sock->ops->ioctl)
		return -ENOTTY;
	lock_sock(sock);
	r = sock->ops->ioctl(sock, cmd, arg);
	release_sock(sock);
	return r;
}

/* mmap(2) of a socket: the family's rings (packet(7)), else ENODEV as on Linux. */
static int sock_mmap(struct file *f, struct vm_area_struct *vma)
{
	struct socket *sock = f->private_data;
	int r;

	if (!sock->ops->mmap)
		return -ENODEV;
	lock_sock(sock);
	r = sock->ops->mmap(sock, vma);
	release_sock(sock);
	return r;
}

/* Room to write signals only a sender that found none (async_nospace). */
static u32 sock_fasync(struct file *f, u32 events)
{
	struct socket *sock = f->private_data;
	u32 out = POLLOUT | POLLWRNORM | POLLWRBAND;

	if ((events & out) && !__atomic_exchange_n(&sock->async_nospace, false, __ATOMIC_RELAXED))
		events &= ~out;
	return events;
}

static int sock_release_file(struct inode *inode, struct file *f)
{
	struct socket *sock = f->private_data;

	(void)inode;
	if (sock->ops && sock->ops->release)
		sock->ops->release(sock);
	/* Nobody can reach the socket now; wake any poller still queued. */
	wake_up_all(&sock->wq);
	sock_destroy(sock);
	return 0;
}

static const struct file_operations socket_fops = {
	.read_iter = sock_read_iter,
	.write_iter = sock_write_iter,
	.poll = sock_poll,
	.ioctl = sock_ioctl,
	.mmap = sock_mmap,
	.release = sock_release_file,
	.fasync = sock_fasync,
};

/* ---- addresses ---- */

/* Copy a user sockaddr in (Linux's move_addr_to_kernel). */
static long addr_from_user(const void *uaddr, int len, struct sockaddr_storage *kaddr)
{
	if (len < 0 || (size_t)len > sizeof(*kaddr))
		return -EINVAL;
	memset(kaddr, 0, sizeof(*kaddr));
	if (len && copy_from_user(kaddr, uaddr, (size_t)len))
		return -EFAULT;
	return 0;
}

/*
 * Copy an address out (Linux's move_addr_to_user): at most *ulen bytes,
 * and the full length into *ulen.  EINVAL for a negative *ulen.
 */
static long addr_to_user(const struct sockaddr_storage *kaddr, int klen, void *uaddr,
			 int *ulen)
{
	int len;

	if (copy_from_user(&len, ulen, sizeof(len)))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	if (len > klen)
		len = klen;
	if (len && copy_to_user(uaddr, kaddr, (size_t)len))
		return -EFAULT;
	if (copy_to_user(ulen, &klen, sizeof(klen)))
		return -EFAULT;
	return 0;
}

/* ---- socket, socketpair ---- */

static long sock_create(int family, int type, int protocol, struct socket **out)
{
	const struct net_proto_family *fam;
	struct socket *sock;
	long err;

	if (family < 0 || family >= AF_MAX)
		return -EAFNOSUPPORT;
	if (type > SOCK_PACKET)
		return -EINVAL;
	/* Linux: the obsolete SOCK_PACKET on AF_INET is a packet socket. */
	if (family == AF_INET && type == SOCK_PACKET)
		family = AF_PACKET;
	fam = net_families[family];
	if (!fam)
		return -EAFNOSUPPORT;
	sock = sock_alloc();
	if (!sock)
		return -ENOMEM;
	sock->family = (u16)family;
	sock->type = (u16)type;
	sock->protocol = protocol;
	err = fam->create(sock, protocol);
	if (err) {
		sock->ops = NULL;	/* create cleaned up after itself */
		sock_destroy(sock);
		return err;
	}
	*out = sock;
	return 0;
}

/* The type argument: the type proper plus SOCK_NONBLOCK/SOCK_CLOEXEC. */
static long split_type(int *type, int *flags)
{
	*flags = *type & ~SOCK_TYPE_MASK;
	if (*flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	*type &= SOCK_TYPE_MASK;
	return 0;
}

long sys_socket(int family, int type, int protocol)
{
	struct socket *sock;
	int flags;
	long err;

	if (!current->proc)
		return -ENOSYS;
	err = split_type(&type, &flags);
	if (err)
		return err;
	err = sock_create(family, type, protocol, &sock);
	if (err)
		return err;
	return sock_map_fd(sock, flags);
}

long sys_socketpair(int family, int type, int protocol, int *usv)
{
	struct socket *a, *b;
	struct file *fa, *fb;
	struct vfs_ctx c;
	int flags, fds[2];
	long err;

	if (!current->proc)
		return -ENOSYS;
	err = split_type(&type, &flags);
	if (err)
		return err;
	err = sock_create(family, type, protocol, &a);
	if (err)
		return err;
	err = sock_create(family, type, protocol, &b);
	if (err) {
		sock_free(a);
		return err;
	}
	if (!a->ops->socketpair) {
		sock_free(a);
		sock_free(b);
		return -EOPNOTSUPP;
	}
	err = a->ops->socketpair(a, b);
	if (err) {
		sock_free(a);
		sock_free(b);
		return err;
	}
	current_vfs_ctx(&c);
	fds[0] = get_unused_fd(c.files, 0, c.nofile, flags & O_CLOEXEC);
	fds[1] = fds[0] < 0 ? fds[0] : get_unused_fd(c.files, 0, c.nofile, flags & O_CLOEXEC);
	if (fds[1] < 0) {
		if (fds[0] >= 0)
			put_unused_fd(c.files, fds[0]);
		sock_free(a);
		sock_free(b);
		return fds[1];
	}
	fa = sock_alloc_file(a, flags, &err);
	fb = fa ? sock_alloc_file(b, flags, &err) : NULL;
	if (!fb) {
		put_unused_fd(c.files, fds[0]);
		put_unused_fd(c.files, fds[1]);
		if (fa)
			fput(fa);
		else
			sock_free(a);
		sock_free(b);
		return err;
	}
	if (copy_to_user(usv, fds, sizeof(fds))) {
		put_unused_fd(c.files, fds[0]);
		put_unused_fd(c.files, fds[1]);
		fput(fa);
		fput(fb);
		return -EFAULT;
	}
	fd_install(c.files, fds[0], fa);
	fd_install(c.files, fds[1], fb);
	return 0;
}

/* ---- bind, listen, connect, accept, names, shutdown ---- */

/*
 * bind(2) and connect(2): the address is copied in (EBADF, ENOTSOCK,
 * EINVAL, EFAULT first), then the family's operation runs under the
 * socket lock.
 */
static long sock_addr_op(int fd, const void *uaddr, int len, bool connect)
{
	struct sockaddr_storage addr;
	struct sockaddr *sa = (struct sockaddr *)&addr;
	struct socket *sock;
	long err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = addr_from_user(uaddr, len, &addr);
	if (!err) {
		lock_sock(sock);
		if (connect)
			err = sock->ops->connect ? sock->ops->connect(sock, sa, len,
					sock_nonblock(sock) ? O_NONBLOCK : 0) : -EOPNOTSUPP;
		else
			err = sock->ops->bind ? sock->ops->bind(sock, sa, len) : -EOPNOTSUPP;
		release_sock(sock);
	}
	sockfd_put(sock);
	return err;
}

long sys_bind(int fd, const void *uaddr, int len)
{
	return sock_addr_op(fd, uaddr, len, false);
}

long sys_listen(int fd, int backlog)
{
	struct socket *sock;
	long err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	/* net.core.somaxconn caps it, as Linux does. */
	if ((unsigned int)backlog > SOMAXCONN)
		backlog = SOMAXCONN;
	lock_sock(sock);
	err = sock->ops->listen ? sock->ops->listen(sock, backlog) : -EOPNOTSUPP;
	release_sock(sock);
	sockfd_put(sock);
	return err;
}

long sys_connect(int fd, const void *uaddr, int len)
{
	return sock_addr_op(fd, uaddr, len, true);
}

long sys_accept4(int fd, void *uaddr, int *ulen, int flags)
{
	struct sockaddr_storage addr;
	struct socket *sock, *newsock;
	struct file *newfile;
	struct vfs_ctx c;
	long err;
	int newfd, len;

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	if (!sock->ops->accept) {
		sockfd_put(sock);
		return -EOPNOTSUPP;
	}
	newsock = sock_alloc();
	if (!newsock) {
		sockfd_put(sock);
		return -ENOMEM;
	}
	newsock->family = sock->family;
	newsock->type = sock->type;
	newsock->protocol = sock->protocol;
	newsock->ops = sock->ops;
	current_vfs_ctx(&c);
	newfd = get_unused_fd(c.files, 0, c.nofile, flags & O_CLOEXEC);
	if (newfd < 0) {
		sock_destroy(newsock);
		sockfd_put(sock);
		return newfd;
	}
	lock_sock(sock);
	err = sock->ops->accept(sock, newsock, (sock_nonblock(sock) ? O_NONBLOCK : 0));
	release_sock(sock);
	if (err) {
		put_unused_fd(c.files, newfd);
		sock_destroy(newsock);	/* accept attached nothing */
		sockfd_put(sock);
		return err;
	}
	newfile = sock_alloc_file(newsock, flags, &err);
	if (!newfile) {
		put_unused_fd(c.files, newfd);
		sock_free(newsock);
		sockfd_put(sock);
		return err;
	}
	if (uaddr) {
		len = newsock->ops->getname(newsock, &addr, 1);
		err = len < 0 ? -ECONNABORTED : addr_to_user(&addr, len, uaddr, ulen);
		if (err) {
			put_unused_fd(c.files, newfd);
			fput(newfile);
			sockfd_put(sock);
			return err;
		}
	}
	fd_install(c.files, newfd, newfile);
	sockfd_put(sock);
	return newfd;
}

long sys_accept(int fd, void *uaddr, int *ulen)
{
	return sys_accept4(fd, uaddr, ulen, 0);
}

static long do_getname(int fd, void *uaddr, int *ulen, int peer)
{
	struct sockaddr_storage addr;
	struct socket *sock;
	long err;
	int len;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	memset(&addr, 0, sizeof(addr));
	lock_sock(sock);
	len = sock->ops->getname ? sock->ops->getname(sock, &addr, peer) : -EOPNOTSUPP;
	release_sock(sock);
	err = len < 0 ? len : addr_to_user(&addr, len, uaddr, ulen);
	sockfd_put(sock);
	return err;
}

long sys_getsockname(int fd, void *uaddr, int *ulen)
{
	return do_getname(fd, uaddr, ulen, 0);
}

long sys_getpeername(int fd, void *uaddr, int *ulen)
{
	return do_getname(fd, uaddr, ulen, 1);
}

long sys_shutdown(int fd, int how)
{
	struct socket *sock;
	long err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	lock_sock(sock);
	err = sock->ops->shutdown ? sock->ops->shutdown(sock, how) : -EOPNOTSUPP;
	release_sock(sock);
	sockfd_put(sock);
	return err;
}

/* ---- options ---- */

long sys_setsockopt(int fd, int level, int name, void *uval, int len)
{
	struct sockopt opt = { .uval = uval, .len = len };
	struct socket *sock;
	long err;

	if (len < 0)
		return -EINVAL;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	lock_sock(sock);
	if (level == SOL_SOCKET)
		err = sock_setsockopt(sock, name, &opt);
	else
		err = sock->ops->setsockopt ? sock->ops->setsockopt(sock, level, name, &opt)
					    : -EOPNOTSUPP;
	release_sock(sock);
	sockfd_put(sock);
	return err;
}

long sys_getsockopt(int fd, int level, int name, void *uval, int *ulen)
{
	struct sockopt opt = { .uval = uval, .ulen = ulen };
	struct socket *sock;
	long err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	if (copy_from_user(&opt.len, ulen, sizeof(opt.len))) {
		sockfd_put(sock);
		return -EFAULT;
	}
	lock_sock(sock);
	if (level == SOL_SOCKET)
		err = sock_getsockopt(sock, name, &opt);
	else
		err = sock->ops->getsockopt ? sock->ops->getsockopt(sock, level, name, &opt)
					    : -EOPNOTSUPP;
	release_sock(sock);
	sockfd_put(sock);
	return err;
}

/* ---- messages ---- */

int put_cmsg(struct kmsghdr *msg, int level, int type, size_t len, const void *data)
{
	struct cmsghdr h;
	size_t want = CMSG_LEN(len), space = CMSG_SPACE(len), n;
	u8 *dst = (u8 *)msg->control + msg->control_used;
	static const u8 zeros[8];

	if (!msg->control)
		return 0;
	if (msg->controllen < sizeof(h)) {
		msg->flags |= MSG_CTRUNC;
		return 0;
	}
	if (msg->controllen < want) {
		msg->flags |= MSG_CTRUNC;
		want = msg->controllen;
	}
	h.cmsg_len = want;
	h.cmsg_level = level;
	h.cmsg_type = type;
	if (copy_to_user(dst, &h, sizeof(h)))
		return -EFAULT;
	n = want - sizeof(h);
	if (n && copy_to_user(dst + sizeof(h), data, n))
		return -EFAULT;
	/* The padding to the next header is ours to write: zeros. */
	if (space > want && msg->controllen >= space &&
	    copy_to_user(dst + want, zeros, space - want))
		return -EFAULT;
	n = space < msg->controllen ? space : msg->controllen;
	msg->control_used += n;
	msg->controllen -= n;
	return 0;
}

void sock_recv_timestamp(struct socket *sock, struct kmsghdr *msg, u64 tstamp_ns)
{
	u64 real = tstamp_ns + (ktime_get_real_ns() - ktime_get_ns());

	if (sock->timestampns) {
		struct timespec64 ts = { (s64)(real / NSEC_PER_SEC), (long)(real % NSEC_PER_SEC) };

		put_cmsg(msg, SOL_SOCKET, SCM_TIMESTAMPNS, sizeof(ts), &ts);
	} else if (sock->timestamp) {
		struct { s64 sec, usec; } tv = { (s64)(real / NSEC_PER_SEC),
						 (s64)(real % NSEC_PER_SEC / 1000) };

		put_cmsg(msg, SOL_SOCKET, SCM_TIMESTAMP, sizeof(tv), &tv);
	}
}

/*
 * A user msghdr in kernel form: the iovec imported into *iter (fast
 * storage `fast`, or allocated into *iovp), the name copied in (send) or
 * pointed at kaddr (recv), the control buffer copied in (send: freed by
 * msg_free) or kept as a user pointer (recv).
 */
struct msg_copy {
	struct msghdr um;
	struct kmsghdr km;
	struct sockaddr_storage addr;
	struct iovec fast[UIO_FASTIOV], *iov;
	u8 cfast[64];
};

static long msg_import(struct msg_copy *mc, const struct msghdr *umsg, bool send)
{
	long r;

	int namelen;

	memset(&mc->km, 0, sizeof(mc->km));
	mc->iov = mc->fast;
	if (copy_from_user(&mc->um, umsg, sizeof(mc->um)))
		return -EFAULT;
	/* Linux's msghdr name rules: negative is EINVAL, longer is cut. */
	namelen = mc->um.msg_name ? mc->um.msg_namelen : 0;
	if (namelen < 0)
		return -EINVAL;
	namelen = MIN(namelen, (int)sizeof(mc->addr));
	if (send) {
		if (namelen) {
			r = addr_from_user(mc->um.msg_name, namelen, &mc->addr);
			if (r)
				return r;
			mc->km.name = &mc->addr;
			mc->km.namelen = namelen;
		}
	} else if (mc->um.msg_name) {
		mc->km.name = &mc->addr;
	}
	if (mc->um.msg_iovlen > UIO_MAXIOV)
		return -EMSGSIZE;
	r = import_iovec(send ? ITER_SOURCE : ITER_DEST, mc->um.msg_iov, mc->um.msg_iovlen,
			 UIO_FASTIOV, &mc->iov, &mc->km.iter);
	if (r < 0)
		return r;
	if (send) {
		size_t clen = mc->um.msg_controllen;

		if (clen > INT32_MAX) {
			r = -ENOBUFS;
			goto fail;
		}
		if (clen) {
			if (clen > OPTMEM_MAX) {
				r = -ENOBUFS;
				goto fail;
			}
			mc->km.control = clen <= sizeof(mc->cfast) ? mc->cfast : kmalloc(clen);
			if (!mc->km.control) {
				r = -ENOMEM;
				goto fail;
			}
			if (copy_from_user(mc->km.control, mc->um.msg_control, clen)) {
				r = -EFAULT;
				goto fail;
			}
			mc->km.controllen = clen;
		}
	} else {
		mc->km.control = mc->um.msg_control;
		mc->km.controllen = mc->um.msg_control ? mc->um.msg_controllen : 0;
	}
	return 0;
fail:
	if (mc->km.control && mc->km.control != mc->cfast && send)
		kfree(mc->km.control);
	mc->km.control = NULL;
	if (mc->iov != mc->fast)
		kfree(mc->iov);
	mc->iov = mc->fast;
	return r;
}

static void msg_free(struct msg_copy *mc, bool send)
{
	if (send && mc->km.control && mc->km.control != mc->cfast)
		kfree(mc->km.control);
	if (mc->iov != mc->fast)
		kfree(mc->iov);
}

static long do_sendmsg(struct socket *sock, struct kmsghdr *km, int flags)
{
	long r;

	if (sock_nonblock(sock))
		flags |= MSG_DONTWAIT;
	r = sock_send(sock, km, flags);
	return sock_epipe(r, km->epipe_nosignal ? flags | MSG_NOSIGNAL : flags);
}

static long do_recvmsg(struct socket *sock, struct kmsghdr *km, int flags)
{
	long r;

	if (sock_nonblock(sock))
		flags |= MSG_DONTWAIT;
	lock_sock(sock);
	r = sock->ops->recvmsg ? sock->ops->recvmsg(sock, km, flags) : -EOPNOTSUPP;
	release_sock(sock);
	return r;
}

long sys_sendto(int fd, const void *ubuf, size_t len, int flags, const void *uaddr, int alen)
{
	struct sockaddr_storage addr;
	struct socket *sock;
	struct kmsghdr km = { 0 };
	struct iovec iov;
	long err;

	/* Linux's order: the buffer (EFAULT) before the descriptor. */
	err = import_single_range(ITER_SOURCE, (void *)ubuf, len, &iov, &km.iter);
	if (err < 0)
		return err;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	if (uaddr) {
		err = addr_from_user(uaddr, alen, &addr);
		km.name = &addr;
		km.namelen = alen;
	}
	if (err >= 0)
		err = do_sendmsg(sock, &km, flags);
	sockfd_put(sock);
	return err;
}

long sys_recvfrom(int fd, void *ubuf, size_t len, int flags, void *uaddr, int *ulen)
{
	struct sockaddr_storage addr;
	struct socket *sock;
	struct kmsghdr km = { 0 };
	struct iovec iov;
	long err, n;

	err = import_single_range(ITER_DEST, ubuf, len, &iov, &km.iter);
	if (err < 0)
		return err;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	km.name = uaddr ? &addr : NULL;
	n = do_recvmsg(sock, &km, flags);
	err = n;
	/* A stream has no source address: the length written back is 0. */
	if (n >= 0 && uaddr) {
		long e = addr_to_user(&addr, km.namelen, uaddr, ulen);

		if (e)
			err = e;
	}
	sockfd_put(sock);
	return err;
}

/* One sendmsg on an already looked-up socket (sendmsg and sendmmsg). */
static long sendmsg_one(struct socket *sock, const struct msghdr *umsg, int flags)
{
	struct msg_copy mc;
	long r = msg_import(&mc, umsg, true);

	if (r)
		return r;
	r = do_sendmsg(sock, &mc.km, flags);
	msg_free(&mc, true);
	return r;
}

/* One recvmsg: fills msg_namelen, msg_controllen and msg_flags back. */
static long recvmsg_one(struct socket *sock, struct msghdr *umsg, int flags)
{
	struct msg_copy mc;
	long r = msg_import(&mc, umsg, false), n;

	if (r)
		return r;
	mc.km.cloexec = flags & MSG_CMSG_CLOEXEC;
	n = do_recvmsg(sock, &mc.km, flags & ~MSG_CMSG_CLOEXEC);
	msg_free(&mc, false);
	if (n < 0)
		return n;
	if (mc.um.msg_name) {
		r = addr_to_user(&mc.addr, mc.km.namelen, mc.um.msg_name, &umsg->msg_namelen);
		if (r)
			return r;
	}
	u64 used = mc.km.control_used;
	if (copy_to_user(&umsg->msg_controllen, &used, sizeof(used)) ||
	    copy_to_user(&umsg->msg_flags, &mc.km.flags, sizeof(mc.km.flags)))
		return -EFAULT;
	return n;
}

/*
 * Linux's 32-bit callers' flag: refused from a 64-bit caller by every
 * msghdr call, before the descriptor is looked at.
 */
static bool msg_flags_compat(int flags)
{
	return (unsigned int)flags & MSG_CMSG_COMPAT;
}

long sys_sendmsg(int fd, const struct msghdr *umsg, int flags)
{
	struct socket *sock;
	long err;

	if (msg_flags_compat(flags))
		return -EINVAL;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = sendmsg_one(sock, umsg, flags);
	sockfd_put(sock);
	return err;
}

long sys_recvmsg(int fd, struct msghdr *umsg, int flags)
{
	struct socket *sock;
	long err;

	if (msg_flags_compat(flags))
		return -EINVAL;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = recvmsg_one(sock, umsg, flags);
	sockfd_put(sock);
	return err;
}

/*
 * sendmmsg(2): up to UIO_MAXIOV messages; stops at the first error and
 * returns the count sent, or the error if none was.
 */
long sys_sendmmsg(int fd, struct mmsghdr *uvec, unsigned int vlen, int flags)
{
	struct socket *sock;
	unsigned int i;
	long err, r = 0;

	if (msg_flags_compat(flags))
		return -EINVAL;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	if (vlen > UIO_MAXIOV)
		vlen = UIO_MAXIOV;
	for (i = 0; i < vlen; i++) {
		u32 len;

		r = sendmsg_one(sock, &uvec[i].msg_hdr, flags | (i + 1 < vlen ? MSG_BATCH : 0));
		if (r < 0)
			break;
		len = (u32)r;
		if (copy_to_user(&uvec[i].msg_len, &len, sizeof(len))) {
			r = -EFAULT;
			break;
		}
	}
	sockfd_put(sock);
	return i ? (long)i : r;
}

/*
 * recvmmsg(2): with MSG_WAITFORONE only the first receive may wait; the
 * timeout (checked after each datagram, as Linux does) ends the batch.
 */
static long do_recvmmsg(int fd, struct mmsghdr *uvec, unsigned int vlen, int flags,
			struct timespec64 *timeout)
{
	struct socket *sock;
	unsigned int i;
	u64 deadline = 0;
	long err, r = 0;

	if (timeout) {
		if (timeout->tv_sec < 0 || timeout->tv_nsec < 0 || timeout->tv_nsec >= (long)NSEC_PER_SEC)
			return -EINVAL;
		deadline = ktime_get_ns() + (u64)timeout->tv_sec * NSEC_PER_SEC + (u64)timeout->tv_nsec;
	}
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	if (vlen > UIO_MAXIOV)
		vlen = UIO_MAXIOV;
	for (i = 0; i < vlen; i++) {
		u32 len;

		r = recvmsg_one(sock, &uvec[i].msg_hdr, flags);
		if (r < 0)
			break;
		len = (u32)r;
		if (copy_to_user(&uvec[i].msg_len, &len, sizeof(len))) {
			r = -EFAULT;
			break;
		}
		if (flags & MSG_WAITFORONE)
			flags |= MSG_DONTWAIT;
		if (timeout && ktime_get_ns() >= deadline) {
			i++;
			break;
		}
	}
	/*
	 * An error after some datagrams is kept for the next call (the next
	 * receive or SO_ERROR reports it), as Linux keeps it; EAGAIN only
	 * says there were no more.
	 */
	if (i && r < 0 && r != -EAGAIN && sock->sk) {
		net_lock();
		sock->sk->err = (int)-r;
		net_unlock();
	}
	if (timeout) {
		u64 now = ktime_get_ns(), left = now < deadline ? deadline - now : 0;

		timeout->tv_sec = (s64)(left / NSEC_PER_SEC);
		timeout->tv_nsec = (long)(left % NSEC_PER_SEC);
	}
	sockfd_put(sock);
	if (i)
		return (long)i;
	return r;
}

long sys_recvmmsg(int fd, struct mmsghdr *uvec, unsigned int vlen, int flags, void *utimeout)
{
	struct timespec64 ts;
	long r;

	if (msg_flags_compat(flags))
		return -EINVAL;
	if (!utimeout)
		return do_recvmmsg(fd, uvec, vlen, flags, NULL);
	if (copy_from_user(&ts, utimeout, sizeof(ts)))
		return -EFAULT;
	r = do_recvmmsg(fd, uvec, vlen, flags, &ts);
	/* The time left goes back only with datagrams, as Linux's. */
	if (r > 0 && copy_to_user(utimeout, &ts, sizeof(ts)))
		return -EFAULT;
	return r;
}

void socket_init(void)
{
	inet_family_init();
	packet_family_init();
	unix_family_init();
	netlink_family_init();
	proc_net_init();
	sysctl_net_init();
}
