/*
 * The protocol side of a socket: what every transport's control block
 * starts with.  It knows nothing about file descriptors; the socket layer
 * (net/socket.c in the kernel, the test harness on the host) owns the file
 * and learns about events through the upcalls below, which run with the
 * stack lock held and must not sleep.
 */
#ifndef NET_SOCK_H
#define NET_SOCK_H

#include <net/pkbuf.h>

struct sk_filter;

#define RCV_SHUTDOWN 1
#define SEND_SHUTDOWN 2

/*
 * net.core.rmem_default / wmem_default (a new socket's buffers, as
 * SO_RCVBUF/SO_SNDBUF read on a fresh one) and rmem_max / wmem_max (the
 * most SO_RCVBUF/SO_SNDBUF give): Linux's values.
 */
#define SOCK_DEFAULT_RCVBUF 212992
#define SOCK_DEFAULT_SNDBUF 212992
#define SYSCTL_RMEM_MAX 212992
#define SYSCTL_WMEM_MAX 212992

struct sock {
	u16 family;           /* AF_INET, ... */
	u16 type;             /* SOCK_STREAM, SOCK_DGRAM, SOCK_RAW */
	u16 protocol;         /* IPPROTO_* */
	u8 shutdown;          /* RCV_SHUTDOWN | SEND_SHUTDOWN */
	u8 ttl, tos;          /* 0 ttl: use the default */
	be32 saddr, daddr;    /* local and remote address, network order */
	be16 sport, dport;    /* local and remote port, network order */
	int bound_ifindex;    /* SO_BINDTODEVICE; 0 for any */
	u32 refcnt;
	int err;              /* pending error for SO_ERROR, positive errno */
	u32 rcvbuf, sndbuf;   /* limits in bytes */
	struct pkb_queue receive_queue;
	bool reuseaddr, reuseport, broadcast, keepalive;
	bool listening;       /* accepting connections (SO_ACCEPTCONN) */
	/* socket(7) options the socket layer sets (stack lock held). */
	bool dontroute, oobinline, no_check_tx, debug, lock_filter, passsec;
	u8 userlocks;         /* SOCK_SNDBUF_LOCK | SOCK_RCVBUF_LOCK: sizes the user chose */
	int rcvlowat;         /* SO_RCVLOWAT: bytes a stream read waits for (1) */
	u32 priority;         /* SO_PRIORITY */
	struct sk_filter *filter; /* SO_ATTACH_FILTER, run before queueing */
	/* SO_PEERCRED: the peer process at connect time (AF_UNIX); {0, -1, -1} otherwise. */
	s32 peer_pid;
	u32 peer_uid, peer_gid;
	/* ip(7) options the engines honour. */
	u8 mc_ttl;            /* IP_MULTICAST_TTL (1) */
	bool mc_loop;         /* IP_MULTICAST_LOOP (true) */
	int mc_index;         /* IP_MULTICAST_IF device (0: by route) */
	be32 mc_addr;         /* IP_MULTICAST_IF address */
	u8 pmtudisc;          /* IP_MTU_DISCOVER: IP_PMTUDISC_* (WANT) */
	bool recverr;         /* IP_RECVERR: keep ICMP errors on error_queue */
	struct pkb_queue error_queue; /* MSG_ERRQUEUE */

	/* Upcalls to the socket layer; never NULL (sock_init installs no-ops). */
	void (*data_ready)(struct sock *sk);   /* something to read */
	void (*write_space)(struct sock *sk);  /* room to write again */
	void (*state_change)(struct sock *sk); /* connected, closed, ... */
	void (*error_report)(struct sock *sk); /* sk->err was set */
	void *owner;                           /* the socket layer's object */
};

/*
 * For /proc/net/{udp,raw,...}: the socket layer tells the owner's uid
 * and the socket inode number of a struct sock (NULL: both 0).
 */
typedef void (*sock_proc_info_fn)(struct sock *sk, u32 *uid, u64 *inode);

/* Fill in defaults: no-op upcalls, empty queue, one reference. */
void sock_init(struct sock *sk, u16 family, u16 type, u16 protocol);

#endif
