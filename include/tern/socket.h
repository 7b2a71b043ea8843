/*
 * The socket layer (net/socket.c; docs/design.md §5-7): sockets as
 * files, the family table, and what a family's proto_ops see.
 *
 * A socket is a file (S_IFSOCK, "socket:[ino]") whose private_data is a
 * struct socket.  Every system call on it takes the socket lock
 * (lock_sock: a sleeping mutex) for its whole length except while it sleeps
 * on sock->wq, so a family's operations run one at a time per socket and
 * may copy user memory; they take the stack lock (net_lock) only around
 * calls into the protocol engines, never across a user copy or a sleep.
 * Exceptions, which run without sock->lock: poll (reads state under the
 * stack lock) and release (the last reference is gone).
 *
 * Families whose engine lives in net/ (AF_INET, AF_PACKET) keep a
 * struct sock in sock->sk; its upcalls (data_ready, write_space,
 * state_change, error_report) wake sock->wq with the poll events as key
 * (sock_init_upcalls).
 */
#ifndef TERN_SOCKET_H
#define TERN_SOCKET_H

#include <tern/fs.h>
#include <tern/mutex.h>
#include <tern/uio.h>
#include <tern/wait.h>
#include <uapi/socket.h>

struct sock;
struct socket;

enum socket_state {
	SS_UNCONNECTED = 1,
	SS_CONNECTING,
	SS_CONNECTED,
	SS_DISCONNECTING,
};

/*
 * A message in kernel form.  For sendmsg the name and control data are
 * kernel copies; for recvmsg the family writes the source address into
 * `name` (sock_recv_name) and control messages through put_cmsg(), which
 * copies to the user's buffer.
 */
struct kmsghdr {
	struct sockaddr_storage *name;	/* NULL: none given / not wanted */
	int namelen;			/* send: given; recv: written (0: none) */
	struct iov_iter iter;
	void *control;			/* send: kernel copy; recv: user buffer */
	size_t controllen;		/* send: bytes; recv: room left */
	size_t control_used;		/* recv: bytes written */
	unsigned int flags;		/* recv: msg_flags out (MSG_TRUNC, MSG_CTRUNC, ...) */
	bool cloexec;			/* recv: MSG_CMSG_CLOEXEC */
	bool epipe_nosignal;		/* send: the family's EPIPE raises no SIGPIPE
					 * (AF_UNIX datagram and seqpacket, as Linux) */
};

/* A socket option's value as the caller gave it (user memory). */
struct sockopt {
	void *uval;			/* optval */
	int len;			/* setsockopt: optlen; getsockopt: the buffer's size */
	int *ulen;			/* getsockopt: where the result length goes */
};

struct proto_ops {
	int family;
	/* Last reference gone: tear down (sock->lock is not held). */
	int (*release)(struct socket *sock);
	int (*bind)(struct socket *sock, struct sockaddr *addr, int len);
	int (*connect)(struct socket *sock, struct sockaddr *addr, int len, int flags);
	int (*socketpair)(struct socket *a, struct socket *b);
	/* newsock is allocated with the listener's family, type and ops. */
	int (*accept)(struct socket *sock, struct socket *newsock, int flags);
	/* Fill addr; returns its length or a negative errno. */
	int (*getname)(struct socket *sock, struct sockaddr_storage *addr, int peer);
	/* The POLL* mask now (the caller has registered on sock->wq). */
	u32 (*poll)(struct socket *sock);
	long (*ioctl)(struct socket *sock, unsigned int cmd, unsigned long arg);
	int (*listen)(struct socket *sock, int backlog);
	int (*shutdown)(struct socket *sock, int how);
	/* Levels other than SOL_SOCKET (which net/sockopt.c handles first). */
	int (*setsockopt)(struct socket *sock, int level, int name, struct sockopt *opt);
	int (*getsockopt)(struct socket *sock, int level, int name, struct sockopt *opt);
	long (*sendmsg)(struct socket *sock, struct kmsghdr *msg, int flags);
	long (*recvmsg)(struct socket *sock, struct kmsghdr *msg, int flags);
	/*
	 * mmap(2) (sock->lock held): check the request against vma (a copy
	 * of the new mapping) and vm_insert_page() what it maps.  NULL: ENODEV.
	 */
	int (*mmap)(struct socket *sock, struct vm_area_struct *vma);
};

/* One per address family (net_families[], sock_register). */
struct net_proto_family {
	int family;
	/* Pick ops for (type, protocol) and set the socket up; errno otherwise. */
	int (*create)(struct socket *sock, int protocol);
};

struct socket {
	u16 family;
	u16 type;			/* SOCK_STREAM, ... (no flags) */
	int protocol;
	u8 state;			/* enum socket_state */
	const struct proto_ops *ops;
	struct sock *sk;		/* the engine's control block, if any */
	void *priv;			/* a family's own object when sk is NULL */
	struct file *file;
	struct mutex lock;
	struct wait_queue_head wq;
	u64 ino;			/* the inode number ("socket:[ino]") */
	u32 uid;			/* the creator's euid (/proc/net) */
	/* SOL_SOCKET state the socket layer keeps (net/sockopt.c). */
	u64 rcvtimeo_ns, sndtimeo_ns;	/* 0: wait forever */
	bool linger_on;
	int linger_s;
	bool timestamp, timestampns;	/* SO_TIMESTAMP[NS]: cmsg on receive */
	bool passcred;
	bool rxq_ovfl;			/* SO_RXQ_OVFL (stored only) */
	int incoming_cpu;		/* SO_INCOMING_CPU (stored only; -1) */
	u32 mark;
	/* A send found no room since the last SIGIO for room (fs/fasync.c):
	 * only then does room that appears signal an O_ASYNC owner (Linux's
	 * SOCKWQ_ASYNC_NOSPACE). */
	bool async_nospace;
};

int sock_register(const struct net_proto_family *fam);

/*
 * The socket lock (Linux's lock_sock/release_sock): sock->lock plus a
 * count in the task.  While a task holds one, the stack's inline bottom
 * half waits, so what a call sends to itself over loopback (a SYN, a
 * datagram) is processed when the outermost socket lock is released --
 * before the call returns, and never while it looks at the result of
 * its own action (a non-blocking connect over loopback says EINPROGRESS,
 * as on Linux, whose socket backlog does the same).
 */
void lock_sock(struct socket *sock);
void release_sock(struct socket *sock);

/* The socket behind a file, or NULL when it is not one. */
struct socket *sock_from_file(struct file *f);
/* fd -> socket with a file reference (fput(sock->file) when done):
 * EBADF, ENOTSOCK. */
struct socket *sockfd_lookup(int fd, long *err);

/* Install the socket layer's upcalls on sk (its owner is sock). */
void sock_init_upcalls(struct socket *sock, struct sock *sk);
/* Detach sk from its socket before the socket goes (stack lock held). */
void sock_orphan(struct sock *sk);
/*
 * The sock_proc_info_fn of /proc/net's tables (stack lock held): the
 * owning socket's creator uid and inode number, 0 and 0 for a sock that
 * has no socket any more (an orphan) or not yet (a connection waiting to
 * be accepted).
 */
void sock_proc_info(struct sock *sk, u32 *uid, u64 *inode);
/* struct sockets alive, every family ("sockets: used" counts these). */
u32 sock_inuse_get(void);

/*
 * The device requests every socket family answers (netdevice(7):
 * SIOCGIFCONF, SIOCGIFINDEX, SIOCGIFNAME, SIOCGIFFLAGS/SIOCSIFFLAGS,
 * SIOCGIFMTU/SIOCSIFMTU, SIOCGIFHWADDR, ...; net/core/dev_ioctl.c), for a
 * family's ioctl to end with; ENOTTY for anything else.  AF_INET and
 * AF_PACKET end with inet_ioctl (<tern/inet_sock.h>) instead, which adds
 * the IPv4 address, route and ARP requests.
 */
long dev_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg);

/*
 * Sleep on sock->wq until ready(sock, arg) (called under the stack lock)
 * returns something other than -EAGAIN, and return that.  sock->lock is
 * held on entry and exit and released while asleep.  deadline is an
 * absolute ktime_get_ns() (0: none): at it, -EAGAIN.  A signal gives
 * -ERESTARTSYS, or -EINTR when a deadline is set (Linux's
 * sock_intr_errno).
 */
int sock_wait(struct socket *sock, u64 deadline,
	      int (*ready)(struct socket *sock, void *arg), void *arg);
/* sock_wait for a sender waiting for room: marks async_nospace first. */
int sock_wait_space(struct socket *sock, u64 deadline,
		    int (*ready)(struct socket *sock, void *arg), void *arg);
/* The deadline for a blocking call: 0 forever, 1 do not wait (nonblock). */
u64 sock_rcv_deadline(struct socket *sock, bool nonblock);
u64 sock_snd_deadline(struct socket *sock, bool nonblock);
#define SOCK_NOWAIT	1ull

/* -EPIPE from a send: raise SIGPIPE unless MSG_NOSIGNAL (socket(7)). */
long sock_epipe(long err, int flags);

/*
 * recvmsg helpers.  put_cmsg() appends one control message to the
 * user's buffer (cmsg(3) layout, padding zeroed), truncating with
 * MSG_CTRUNC as Linux does; sock_recv_timestamp() adds SO_TIMESTAMP[NS].
 */
int put_cmsg(struct kmsghdr *msg, int level, int type, size_t len, const void *data);
void sock_recv_timestamp(struct socket *sock, struct kmsghdr *msg, u64 tstamp_ns);
/* The control messages of a sendmsg, for cmsg_firsthdr/cmsg_nxthdr. */
#define for_each_cmsg(msg, c)						\
	for ((c) = cmsg_firsthdr((msg)->control, (msg)->controllen); (c);	\
	     (c) = cmsg_nxthdr((msg)->control, (msg)->controllen, (c)))

/*
 * Socket option values (net/sockopt.c).  sockopt_get_int: EINVAL when
 * shorter than an int (Linux reads only the first int of a longer one).
 * sockopt_get: exactly size bytes, EINVAL when shorter.  sockopt_put:
 * copies min(len, size) bytes and stores that length (EINVAL for a
 * negative buffer length), as Linux's getsockopt does.
 */
int sockopt_get_int(struct sockopt *opt, int *val);
int sockopt_get(struct sockopt *opt, void *kbuf, size_t size);
int sockopt_put(struct sockopt *opt, const void *kbuf, size_t size);
static inline int sockopt_put_int(struct sockopt *opt, int val)
{
	return sockopt_put(opt, &val, sizeof(val));
}
/* SOL_SOCKET, tried first for every socket (net/sockopt.c). */
int sock_setsockopt(struct socket *sock, int name, struct sockopt *opt);
int sock_getsockopt(struct socket *sock, int name, struct sockopt *opt);

/* Privilege (capabilities(7)); root has them all. */
bool capable_net_admin(void);
bool capable_net_raw(void);
bool capable_net_bind_service(void);

/* The system calls (socket(2) and its family; net/socket.c). */
long sys_socket(int family, int type, int protocol);
long sys_socketpair(int family, int type, int protocol, int *usv);
long sys_bind(int fd, const void *uaddr, int len);
long sys_listen(int fd, int backlog);
long sys_connect(int fd, const void *uaddr, int len);
long sys_accept(int fd, void *uaddr, int *ulen);
long sys_accept4(int fd, void *uaddr, int *ulen, int flags);
long sys_getsockname(int fd, void *uaddr, int *ulen);
long sys_getpeername(int fd, void *uaddr, int *ulen);
long sys_shutdown(int fd, int how);
long sys_setsockopt(int fd, int level, int name, void *uval, int len);
long sys_getsockopt(int fd, int level, int name, void *uval, int *ulen);
long sys_sendto(int fd, const void *ubuf, size_t len, int flags, const void *uaddr, int alen);
long sys_recvfrom(int fd, void *ubuf, size_t len, int flags, void *uaddr, int *ulen);
long sys_sendmsg(int fd, const struct msghdr *umsg, int flags);
long sys_recvmsg(int fd, struct msghdr *umsg, int flags);
long sys_sendmmsg(int fd, struct mmsghdr *uvec, unsigned int vlen, int flags);
long sys_recvmmsg(int fd, struct mmsghdr *uvec, unsigned int vlen, int flags, void *utimeout);

/* Families' registration, called once at boot by sock_init(). */
void inet_family_init(void);
void packet_family_init(void);
void unix_family_init(void);	/* net/unix/af_unix.c */
void netlink_family_init(void);	/* net/netlink/af_netlink.c */
/* The socket layer's boot-time setup (after the stack is up). */
void socket_init(void);

#endif
