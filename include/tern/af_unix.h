/*
 * AF_UNIX sockets (unix(7); net/unix/).  Kernel code: names live in the
 * VFS or in the abstract name space, data moves between processes on
 * the same machine, and file descriptors travel inside messages.
 *
 * Locking: every field below that another socket can see (state, peer,
 * queues, wmem, names, in-flight counts) changes under the stack lock
 * (net_lock), which is the one lock of the family; a system call also
 * holds its own socket's lock (lock_sock) for its length, so two calls
 * never race on one socket's sends or receives.  User memory is copied
 * with no spinlock held: a send fills a chunk (a struct pkbuf) from the
 * caller's iterator before taking net_lock to queue it on the peer; a
 * receive takes a reference to the first chunk under net_lock, copies
 * it out without the lock and retakes it to consume what was copied.
 * Files (SCM_RIGHTS) are got and put with no spinlock held.
 *
 * Lifetime: a unix_sock is counted in sk.refcnt: one for its socket (or,
 * for a connection not yet accepted, for the request chunk on the
 * listener's queue), one for each socket whose `peer` it is, and one for
 * each chunk it sent that still sits on a queue.  The last put frees it.
 */
#ifndef TERN_AF_UNIX_H
#define TERN_AF_UNIX_H

#include <net/sock.h>
#include <tern/fs.h>
#include <tern/list.h>
#include <tern/proc_fs.h>
#include <tern/socket.h>
#include <uapi/un.h>

/* unix(7): at most this many descriptors in one message (EINVAL). */
#define SCM_MAX_FD	253
/* net.unix.max_dgram_qlen: datagrams a socket queues from unconnected senders. */
#define UNIX_MAX_DGRAM_QLEN	10

enum unix_state {
	UNIX_CLOSE,		/* unconnected (TCP_CLOSE in Linux) */
	UNIX_LISTEN,
	UNIX_ESTABLISHED,	/* connected, or an accepted/embryo connection */
};

/* A bound name, shared by a listener and the connections it accepts. */
struct unix_address {
	u32 refcnt;
	int len;			/* bytes of name, family included */
	/*
	 * A sockaddr_un's bytes; one more than the struct holds, because a
	 * path filling all of sun_path is stored with its NUL as on Linux
	 * (getsockname then says 111).
	 */
	u8 name[sizeof(struct sockaddr_un) + 1];
};

struct unix_sock {
	struct sock sk;			/* first: sock->sk points here */
	struct list_head node;		/* unix_sockets, from creation to release */
	struct unix_address *addr;	/* NULL: unbound */
	bool bound;			/* addr is this socket's own binding */
	bool dead;			/* released: no more data queued to it */
	u8 state;			/* enum unix_state */
	struct path path;		/* the node of a filesystem name (dentry NULL if none) */
	struct inode *inode;		/* path's inode: the lookup key of a bound name */
	struct unix_sock *peer;		/* connected peer (a reference) */
	u32 peer_refs;			/* sockets whose peer this is (/proc/net/unix) */
	u32 wmem;			/* charged bytes of our chunks still queued */
	u32 max_backlog;		/* listen(2) backlog, or UNIX_MAX_DGRAM_QLEN */
	struct unix_sock *wait_room;	/* a blocked send/connect waits for room here */
	u32 room_waiters;		/* sockets whose wait_room this is */
	/* Garbage collection of descriptors in flight (net/unix/garbage.c). */
	u32 inflight;			/* queued SCM_RIGHTS references to our file */
	s32 gc_refs;
	bool gc_candidate, gc_alive;
};

static inline struct unix_sock *unix_sk(const struct sock *sk)
{
	return (struct unix_sock *)sk;
}

/* Files carried by one message (SCM_RIGHTS). */
struct unix_fp {
	struct unix_fp *next;		/* on the list of sets waiting for fput */
	u32 uid;			/* the sender's (real) uid: its in-flight count */
	u32 count;
	struct file *files[];
};

/* What a message carries besides data (scm.c). */
struct unix_user;

struct unix_scm {
	struct unix_fp *fp;		/* NULL: no descriptors */
	struct unix_user *spare;	/* for counting fp's sender (scm.c) */
	bool has_creds;			/* pid/uid/gid valid */
	s32 pid;
	u32 uid, gid;
};

/* Per-chunk state in pkb->cb. */
struct unix_cb {
	struct unix_sock *from;		/* sender (a reference); the embryo for a connect request */
	struct unix_fp *fp;		/* in flight; NULL once detached */
	u32 truesize;			/* charged to from->wmem (0 for a connect request) */
	bool request;			/* a connection waiting for accept(2) */
	bool has_creds;
	s32 pid;
	u32 uid, gid;
};
_Static_assert(sizeof(struct unix_cb) <= sizeof(((struct pkbuf *)0)->cb), "unix_cb fits in cb");

static inline struct unix_cb *UNIXCB(struct pkbuf *pkb)
{
	return (struct unix_cb *)pkb->cb;
}

/* ---- net/unix/af_unix.c ---- */
void unix_family_init(void);
void unix_sock_hold(struct unix_sock *u);
void unix_sock_put(struct unix_sock *u);	/* net_lock held */
/* The unix_sock behind an open file, or NULL (net_lock held). */
struct unix_sock *unix_sock_of_file(struct file *f);
/* Free a chunk no queue holds any more (no lock held). */
void unix_chunk_free(struct pkbuf *pkb);
/* Every live socket, for the garbage collector (net_lock held). */
extern struct list_head unix_sockets;

/*
 * /proc/net/unix in Linux's format (one header line, then one line per
 * socket: "Num RefCount Protocol Flags Type St Inode Path").
 */
int unix_proc_show(struct proc_ctx *pc, struct proc_buf *b);

/* ---- net/unix/scm.c ---- */
/* Parse a sendmsg's control messages (SCM_RIGHTS, SCM_CREDENTIALS). */
int unix_scm_send(struct socket *sock, struct kmsghdr *msg, struct unix_scm *scm);
void unix_scm_destroy(struct unix_scm *scm);	/* no lock held */
/* recvmsg's control messages: SCM_CREDENTIALS, then SCM_RIGHTS (installs fds). */
void unix_scm_recv(struct socket *sock, struct kmsghdr *msg, struct unix_scm *scm);
/* Attach fp to a queued chunk / take it off again (net_lock held). */
void unix_fp_attach(struct pkbuf *pkb, struct unix_fp *fp, struct unix_user **spare);
struct unix_fp *unix_fp_detach(struct pkbuf *pkb);
/* New references to every file of fp (MSG_PEEK); NULL when out of memory. */
struct unix_fp *unix_fp_dup(const struct unix_fp *fp);
void unix_fp_put(struct unix_fp *fp);		/* no lock held */
/* Queued SCM_RIGHTS references to unix sockets, all sockets together. */
extern u32 unix_tot_inflight;

/* ---- shared by the files of net/unix/ only ---- */
static inline struct unix_sock *unix_of(struct socket *sock)
{
	return unix_sk(sock->sk);
}

/* unix(7): u may send to o unless o is connected to someone else. */
static inline bool unix_may_send(const struct unix_sock *u, const struct unix_sock *o)
{
	return !o->peer || o->peer == u;
}

/* af_unix.c; net_lock held unless said otherwise. */
void unix_wake(struct unix_sock *u, u32 events);
bool unix_recvq_full(const struct unix_sock *u);
void unix_wake_room(struct unix_sock *u);
void unix_set_wait_room(struct unix_sock *u, struct unix_sock *o);
int unix_room_ready(struct socket *sock, void *arg);
void unix_set_peercred(struct unix_sock *u);
void unix_release_sock(struct unix_sock *u, bool embryo);	/* no lock */
u32 unix_truesize(size_t len);
void unix_queue_chunk(struct socket *sock, struct unix_sock *to, struct pkbuf *pkb,
		      struct unix_scm *scm);
int unix_validate_addr(const struct sockaddr_un *sun, int len);
int unix_autobind(struct unix_sock *u);				/* no lock */
struct unix_sock *unix_find_other(struct sockaddr_un *sun, int len, u16 type,
				  struct path *keep, int *err);	/* no lock */
void unix_copy_addr(struct kmsghdr *msg, struct unix_sock *from);
void unix_dgram_disconnected(struct unix_sock *u, struct unix_sock *old,
			     struct pkb_queue *dropped);
void unix_queue_free(struct pkb_queue *q);			/* no lock */

/* af_unix_msg.c: the data path (socket lock held, no spinlock). */
long unix_stream_sendmsg(struct socket *sock, struct kmsghdr *msg, int flags);
long unix_stream_recvmsg(struct socket *sock, struct kmsghdr *msg, int flags);
long unix_dgram_sendmsg(struct socket *sock, struct kmsghdr *msg, int flags);
long unix_dgram_recvmsg(struct socket *sock, struct kmsghdr *msg, int flags);
long unix_seqpacket_sendmsg(struct socket *sock, struct kmsghdr *msg, int flags);
long unix_seqpacket_recvmsg(struct socket *sock, struct kmsghdr *msg, int flags);


/* ---- net/unix/garbage.c ---- */
/* Free cycles of sockets reachable only through their own queues. */
void unix_gc(void);

#endif
