/*
 * What the IPv4 datagram sockets share (UDP, raw and ping sockets;
 * Linux's net/ipv4/datagram.c and the datagram half of ip_sockglue.c):
 * the per-datagram options of a send (control messages), the route and
 * header fields a send resolves to, what a receive reports about a
 * datagram, the error queue of IP_RECVERR (ip(7)), and poll.
 *
 * Same conventions as net/udp.h: stack lock held, never sleeps,
 * addresses in network order.
 */
#ifndef NET_DATAGRAM_H
#define NET_DATAGRAM_H

#include <net/ip.h>
#include <net/sock.h>
#include <uapi/errqueue.h>

/*
 * One send's own IP options (Linux's ipcm_cookie), from sendmsg's
 * SOL_IP control messages (ip(7)): IP_PKTINFO chooses the source
 * address and the device, IP_TTL and IP_TOS the header's fields.
 * Unset fields fall back to the socket's options.
 */
struct ipcm_cookie {
	bool addr_set;            /* IP_PKTINFO given: addr replaces the bound source */
	be32 addr;                /* ipi_spec_dst (0: the route's choice) */
	int oif;                  /* ipi_ifindex (0: the socket's device) */
	s16 ttl;                  /* IP_TTL 1..255; -1: the socket's */
	s16 tos;                  /* IP_TOS 0..255; -1: the socket's */
	s16 protocol;             /* IP_PROTOCOL 1..255 (raw); -1: the socket's */
};

static inline void ipcm_init(struct ipcm_cookie *ipc)
{
	ipc->addr_set = false;
	ipc->addr = 0;
	ipc->oif = 0;
	ipc->ttl = -1;
	ipc->tos = -1;
	ipc->protocol = -1;
}

/* Where a datagram goes and the header fields it gets. */
struct dgram_route {
	struct route_result rt;
	be32 saddr;               /* the source it carries */
	be32 daddr;               /* its destination (0.0.0.0: ours) */
	int oif;
	u8 ttl;                   /* 0: the default (64, or 1 to a group) */
	u8 tos;
	bool mc_noloop;           /* IP_MULTICAST_LOOP 0 */
};

/*
 * Route a datagram sk sends to daddr with the options ipc (NULL: none),
 * as Linux's udp_sendmsg, raw_sendmsg and ping_v4_sendmsg do before
 * they append data:
 *  - the source is IP_PKTINFO's ipi_spec_dst, else the bound address
 *    (a bound broadcast or multicast address is no source: the route
 *    picks one); a given source must be ours: -EINVAL for a multicast,
 *    broadcast or 0/8 address, -ENETUNREACH for another host's;
 *  - the device is ipi_ifindex, else SO_BINDTODEVICE's (-ENODEV when
 *    there is no such device); to a group without one, IP_MULTICAST_IF's
 *    device and address, else the device holding the source address --
 *    a multicast send through a named device needs no route;
 *  - -EACCES to a broadcast address without SO_BROADCAST, the route's
 *    errors otherwise (-ENETUNREACH, ...);
 *  - TTL: the IP_TTL control message, else IP_MULTICAST_TTL to a group,
 *    else IP_TTL; TOS: the IP_TOS control message, else IP_TOS.
 */
int ip_dgram_route(const struct sock *sk, be32 daddr, const struct ipcm_cookie *ipc,
		   struct dgram_route *dr);
/*
 * The DF bit of a datagram of ip_len bytes on that route under
 * IP_MTU_DISCOVER (ip(7)): WANT (the default) sets it when the datagram
 * fits, DO and PROBE always, and then a datagram beyond the MTU is
 * -EMSGSIZE, queued as a local error with IP_RECVERR (port: the one
 * to report, Linux's inet_dport: the connected peer's or 0); DONT and
 * the rest never.
 */
int ip_dgram_df(struct sock *sk, const struct dgram_route *dr, u32 ip_len, be16 port, bool *df);
/* The ip_output() arguments of a datagram on a resolved route. */
void ip_dgram_out(const struct dgram_route *dr, u8 protocol, bool df, struct ip_out *out);

/* What recvmsg reports about a datagram (msg_name, ip(7) control messages). */
struct dgram_msg_info {
	bool valid;               /* a datagram was returned */
	be32 saddr;               /* msg_name */
	be16 sport;               /* (0 for raw and ping sockets) */
	be32 daddr;               /* IP_PKTINFO ipi_addr: the header's destination */
	be32 spec_dst;            /* IP_PKTINFO ipi_spec_dst: our address it came to */
	int ifindex;              /* IP_PKTINFO ipi_ifindex */
	u8 ttl, tos;              /* IP_RECVTTL, IP_RECVTOS */
	u32 len;                  /* the datagram's length (MSG_TRUNC) */
	u64 tstamp_ns;            /* arrival (SO_TIMESTAMP) */
};

/*
 * ip(7) IP_PKTINFO's ipi_spec_dst for a datagram from saddr to daddr
 * that arrived on device iif with route type rt_type: daddr when it was
 * addressed to us, else (broadcast, multicast) the receiving device's
 * address toward the sender.
 */
be32 ip_spec_dst(be32 saddr, be32 daddr, u8 rt_type, int iif);
/*
 * A copy of a received packet (data at its transport header, network
 * header set) to queue on a socket: the IP header kept in front (data
 * at it when with_ip), device, type, time of arrival and the IP layer's
 * cb (arrival device, route type) kept.  NULL when out of memory.
 */
struct pkbuf *dgram_copy_with_ip(const struct pkbuf *pkb, bool with_ip);
/* The report about such a copy (its IP header, its cb). */
void dgram_msg_info_fill(struct dgram_msg_info *info, const struct pkbuf *pkb);

/*
 * The receive queue of a raw or ping socket, whose entries are such
 * copies.  dgram_queue_copy(): queue a copy of pkb (dgram_copy_with_ip)
 * charged to *rmem, or count it in *drops when SO_RCVBUF is full or
 * memory short.  dgram_recv_take(): as udp_recv_take(), for them.
 * dgram_next_len(): the next datagram's length (SIOCINQ), 0 if none.
 */
void dgram_queue_copy(struct sock *sk, u32 *rmem, u64 *drops, const struct pkbuf *pkb,
		      bool with_ip);
int dgram_recv_take(struct sock *sk, u32 *rmem, int flags, struct pkbuf **pkb,
		    struct dgram_msg_info *info);
u32 dgram_next_len(const struct sock *sk);

/*
 * The error queue (ip(7) IP_RECVERR, MSG_ERRQUEUE).  An entry is the
 * offending datagram's payload (or nothing, for a local error) with
 * this in its cb (Linux's sock_exterr_skb).
 */
struct sock_exterr_cb {
	struct sock_extended_err ee;
	be32 addr;                /* msg_name: the datagram's destination */
	be16 port;                /* msg_name's port (0 for raw and ping) */
	u8 ttl, tos;              /* of the ICMP message (IP_RECVTTL, IP_RECVTOS) */
	be32 offender;            /* SO_EE_OFFENDER: the ICMP message's source */
	be32 icmp_daddr;          /* the ICMP message's destination (IP_PKTINFO) */
	int iif;                  /* its arrival device */
	u8 rt_type;
};
#define SKB_EXT_ERR(pkb) ((struct sock_exterr_cb *)(pkb)->cb)
_Static_assert(sizeof(struct sock_exterr_cb) <= sizeof(((struct pkbuf *)0)->cb),
	       "sock_exterr_cb fits");

/*
 * Queue an ICMP error on sk's error queue (Linux's ip_icmp_error): icmp
 * is the ICMP message (data at its header, network header at its IP
 * header); the entry holds its bytes from `payload` (inside the quoted
 * datagram) to its end; err the errno, port the quoted destination port
 * (0 for none), info the ICMP header's value (next-hop MTU, pointer).
 * Bounded by SO_RCVBUF: dropped when the queue is full.
 */
void ip_icmp_error(struct sock *sk, const struct pkbuf *icmp, const u8 *payload, int err,
		   be16 port, u32 info);
/*
 * Queue an error the host found itself (Linux's ip_local_error:
 * ee_origin SO_EE_ORIGIN_LOCAL, no payload), if sk->recverr.
 */
void ip_local_error(struct sock *sk, int err, be32 daddr, be16 port, u32 info);
/*
 * recvmsg(MSG_ERRQUEUE): the oldest entry, dequeued, or NULL.  As Linux
 * (sock_dequeue_err_skb), sk->err then follows the queue: the next
 * entry's errno when it is an ICMP error, else 0 once an ICMP error is
 * taken.
 */
struct pkbuf *ip_recv_error_take(struct sock *sk);

/*
 * Linux's datagram_poll for these sockets (EPOLL* bits): EPOLLERR with
 * a pending error or a non-empty error queue, EPOLLIN with a datagram
 * or after SHUT_RD, EPOLLHUP after both shutdowns, always writable.
 */
u32 datagram_poll(const struct sock *sk);

#endif
