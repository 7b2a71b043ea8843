/*
 * UDP (RFC 768) and its socket-facing API for the socket layer.
 *
 * Sockets are struct udp_sock (a struct sock first).  Every call runs
 * with the stack lock held and never sleeps: a receive on an empty queue
 * returns -EAGAIN and the socket layer waits for sk->data_ready.
 * Addresses and ports are in network order, as in struct sockaddr_in.
 */
#ifndef NET_UDP_H
#define NET_UDP_H

#include <net/datagram.h>
#include <net/ip.h>
#include <net/sock.h>
#include <net/timer.h>
#include <uapi/epoll.h>
#include <uapi/socket.h>

struct udphdr {
	be16 source;
	be16 dest;
	be16 len;
	u16 check;
} __attribute__((packed));
_Static_assert(sizeof(struct udphdr) == 8, "udphdr layout");

/* Largest payload: 65535 - 20 (IP) - 8 (UDP). */
#define UDP_MAX_PAYLOAD 65507

struct udp_sock {
	struct sock sk;
	struct udp_sock *next;    /* in the port hash chain */
	bool hashed;              /* bound to a port */
	bool connected;           /* connect()ed: daddr/dport set */
	u8 bind_locks;            /* address/port set by bind() (kept by disconnect) */
	u32 rmem;                 /* bytes charged to sk.rcvbuf */
	u64 drops;                /* /proc/net/udp "drops" */
	bool corkflag;            /* UDP_CORK */
	struct pkbuf *pending;    /* corked datagram: UDP header room + payload */
	be32 pending_daddr;
	be16 pending_dport;
	struct ipcm_cookie pending_ipc; /* the first part's control messages */
};

static inline struct udp_sock *udp_sk(struct sock *sk)
{
	return net_container_of(sk, struct udp_sock, sk);
}

void udp_init(void);
void udp_rcv(struct pkbuf *pkb);
void udp_err(const struct iphdr *inner, u32 inner_len, u8 type, u8 code,
	     int err, u32 info);

/* A new unbound socket (sock_init'ed), or NULL. */
struct sock *udp_sock_create(void);
/* Unhash, drop queued datagrams, free. */
void udp_close(struct sock *sk);
/*
 * bind(2): addr must be 0, one of ours or a broadcast address
 * (-EADDRNOTAVAIL); port 0 picks an ephemeral port; -EINVAL if already
 * bound; -EADDRINUSE if taken (unless both sockets set SO_REUSEADDR or
 * SO_REUSEPORT); -EAGAIN if no ephemeral port is free.
 */
int udp_bind(struct sock *sk, be32 addr, be16 port);
/*
 * connect(2): fix the peer; binds to an ephemeral port and the route's
 * source address if unbound.  -EACCES for a broadcast peer without
 * SO_BROADCAST, -ENETUNREACH without a route.  udp_disconnect() is
 * connect(AF_UNSPEC).
 */
int udp_connect(struct sock *sk, be32 daddr, be16 dport);
int udp_disconnect(struct sock *sk);
/*
 * sendto(2): daddr/dport (dport != 0), or the connected peer when
 * daddr == 0 && dport == 0 (-EDESTADDRREQ if not connected).  Returns
 * len or -EMSGSIZE (> 65507), -EINVAL (port 0), -EACCES (broadcast
 * without SO_BROADCAST), -ENETUNREACH, a pending ICMP error, ...
 */
int udp_sendto(struct sock *sk, const void *buf, u32 len, be32 daddr, be16 dport);
/*
 * recvfrom(2): copy the next datagram (up to len bytes) and its source.
 * Returns bytes copied, or with MSG_TRUNC the datagram's full length;
 * -EAGAIN if none (0 after SHUT_RD); a pending error first (then cleared).  MSG_PEEK keeps
 * it queued.  *full_len (if not NULL) gets the datagram's length.
 */
int udp_recvfrom(struct sock *sk, void *buf, u32 len, int flags,
		 be32 *saddr, be16 *sport, u32 *full_len);
/*
 * Bind an unbound socket to an ephemeral port, as Linux's inet_autobind
 * does before every send (even one that then fails) and connect: 0, or
 * -EAGAIN when no port is free.
 */
int udp_autobind(struct sock *sk);
/*
 * shutdown(2): how is SHUT_RD 0, SHUT_WR 1, SHUT_RDWR 2 (-EINVAL else).
 * Like Linux, the flags are set even on an unconnected socket, which
 * still returns -ENOTCONN.  After SHUT_RD an empty queue reads as 0
 * (end of file); after SHUT_WR sends fail with -EPIPE.
 */
int udp_shutdown(struct sock *sk, int how);
/* Linux's datagram_poll readiness (net/datagram.h). */
u32 udp_poll(struct sock *sk);
/*
 * With the copying done by the socket layer, outside the stack lock
 * (docs/design.md §5-6):
 *
 * udp_send_pkb(): send a datagram whose payload the caller has filled
 * (pkb->data, pkb->len bytes, with UDP_HEADROOM bytes of headroom); the
 * destination and errors as udp_sendto(), and ip_dgram_route()'s for
 * the control messages ipc (NULL: none).  Always consumes pkb.  With
 * UDP_CORK or MSG_MORE the bytes join the pending datagram instead
 * (udp(7)): while corked (or with MSG_MORE), sends append to one pending
 * datagram, to the destination and with the control messages of its
 * first part; the first send without either (or uncorking) sends it;
 * more than 65507 bytes in all is -EMSGSIZE and drops the pending data.
 *
 * udp_recv_take(): the next datagram, dequeued (with MSG_PEEK: left
 * queued, with a reference for the caller), data at its payload, and
 * what recvmsg reports about it in *info.  Returns 0 with *pkb set; 0
 * with *pkb NULL at end of file (after SHUT_RD); -EAGAIN when none; a
 * pending error first (then cleared).  After copying, the caller frees
 * pkb and reports with udp_recv_done() whether the copy worked (Linux
 * drops a datagram it could not copy, counting InErrors).
 */
#define UDP_HEADROOM (NET_HEADROOM + sizeof(struct udphdr))
int udp_send_pkb(struct sock *sk, struct pkbuf *pkb, be32 daddr, be16 dport,
		 const struct ipcm_cookie *ipc, int flags);
void udp_set_cork(struct sock *sk, bool on);
int udp_recv_take(struct sock *sk, int flags, struct pkbuf **pkb, struct dgram_msg_info *info);
void udp_recv_done(struct sock *sk, int flags, bool copied);
/* Bytes of the next datagram (FIONREAD/SIOCINQ), 0 if none. */
u32 udp_next_len(struct sock *sk);
/* Take and clear the pending error (SO_ERROR); positive errno or 0. */
int sock_error(struct sock *sk);

/*
 * /proc/net/udp as Linux prints it (lines padded to 127 columns; sl is
 * the hash slot; linux-compat: the pointer column prints as zeros, as
 * Linux does for readers without the privilege to see addresses).
 */
int udp_proc_format(char *buf, size_t size, sock_proc_info_fn info);
/* Sockets currently bound (tests). */
u32 udp_sock_count(void);
/* Close every socket (tests, shutdown). */
void udp_close_all(void);

#endif
