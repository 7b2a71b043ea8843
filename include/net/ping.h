/*
 * ICMP "ping" sockets (icmp(7); Linux net/ipv4/ping.c):
 * socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP) sends ICMP echo requests
 * without CAP_NET_RAW.  The socket's "port" is an echo identifier: the
 * one it binds, or one the stack picks (on the first send, connect or
 * bind to 0); every request goes out with it in place of the caller's,
 * and echo replies carrying it come back to the socket, without their
 * IP header.  Who may open one is the net.ipv4.ping_group_range sysctl
 * (default "1 0": nobody).
 *
 * Same conventions as net/udp.h: stack lock held, never sleeps,
 * addresses and identifiers in network order.
 */
#ifndef NET_PING_H
#define NET_PING_H

#include <net/datagram.h>
#include <net/ip.h>
#include <net/sock.h>
#include <net/timer.h>

struct ping_sock {
	struct sock sk;           /* sk.sport: the identifier (0: unbound) */
	struct ping_sock *next;   /* on the list of bound sockets */
	bool hashed;              /* has an identifier */
	bool connected;           /* connect()ed: daddr set */
	u8 bind_locks;            /* address/identifier set by bind() (kept by disconnect) */
	u32 rmem;                 /* bytes charged to sk.rcvbuf */
	u64 drops;
};

static inline struct ping_sock *ping_sk(struct sock *sk)
{
	return net_container_of(sk, struct ping_sock, sk);
}

/*
 * net.ipv4.ping_group_range: the groups whose members may create ping
 * sockets (Linux checks the caller's effective and supplementary
 * groups).  ping_group_range_set(): -EINVAL for a gid that is no gid
 * ((u32)-1); a range whose end is below its start is stored as the
 * empty default "1 0", as Linux does.
 */
int ping_group_range_set(u32 low, u32 high);
void ping_group_range_get(u32 *low, u32 *high);
bool ping_group_allowed(u32 gid);

/* A new socket, without an identifier, SO_REUSEADDR set (Linux). */
struct sock *ping_sock_create(void);
/* Drop queued replies and errors, unhash, free. */
void ping_close(struct sock *sk);
/*
 * bind(2): addr 0 or one of ours (-EADDRNOTAVAIL for another, for a
 * broadcast or multicast address); ident 0 picks one; -EINVAL if it has
 * one already; -EADDRINUSE when another socket has it and not both set
 * SO_REUSEADDR.
 */
int ping_bind(struct sock *sk, be32 addr, be16 ident);
/* Pick an identifier if the socket has none (Linux's inet_autobind):
 * 0, or -EAGAIN when every one is taken. */
int ping_autobind(struct sock *sk);
/* connect(2) / connect(AF_UNSPEC), as for UDP (no port). */
int ping_connect(struct sock *sk, be32 daddr);
int ping_disconnect(struct sock *sk);
/*
 * Is this a message a ping socket sends?  At least an ICMP header,
 * an echo request with code 0: 0, else -EINVAL (Linux's
 * ping_common_sendmsg).
 */
int ping_check_echo(const u8 *msg, u32 len);
/*
 * sendmsg(2): pkb holds the caller's ICMP echo request (header first,
 * NET_HEADROOM of headroom), already checked by ping_check_echo(); it
 * goes to *daddr, or the connected peer when daddr is NULL
 * (-EDESTADDRREQ if none), with the socket's identifier, checksummed;
 * ipc and the errors as ip_dgram_route().  Returns the length.  Always
 * consumes pkb.
 */
int ping_send_pkb(struct sock *sk, struct pkbuf *pkb, const be32 *daddr,
		  const struct ipcm_cookie *ipc, int flags);
/* recvmsg(2), as raw_recv_take(): data at the ICMP header. */
int ping_recv_take(struct sock *sk, int flags, struct pkbuf **pkb, struct dgram_msg_info *info);
/* datagram_poll(). */
u32 ping_poll(struct sock *sk);

/* From ICMP: an echo reply (data at its ICMP header) for the socket
 * with its identifier, if any (not consumed). */
void ping_rcv(const struct pkbuf *pkb);
/*
 * From ICMP: an error quoting an ICMP message we sent (icmp: the error,
 * data at its header).  Linux's ping_err: with IP_RECVERR it is queued
 * with the quoted ICMP message as payload; without, only a connected
 * socket hears, and only a hard error.
 */
void ping_err(const struct pkbuf *icmp, const struct iphdr *inner, u32 inner_len,
	      int err, u32 info);

u32 ping_sock_count(void);
void ping_close_all(void);

#endif
