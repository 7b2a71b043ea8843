/*
 * Raw IPv4 sockets (raw(7); Linux net/ipv4/raw.c): what busybox ping
 * and traceroute use.  A raw socket of protocol P receives a copy of
 * every datagram of protocol P addressed to the host, IP header
 * included, before the protocol itself sees it; it sends its payload
 * behind an IP header the stack builds, or with IP_HDRINCL (on from
 * the start for IPPROTO_RAW) a header the caller supplies.
 *
 * Same conventions as net/udp.h: stack lock held, never sleeps,
 * addresses in network order.
 */
#ifndef NET_RAW_H
#define NET_RAW_H

#include <net/datagram.h>
#include <net/ip.h>
#include <net/sock.h>
#include <net/timer.h>
#include <uapi/socket.h>

struct raw_sock {
	struct sock sk;
	struct raw_sock *next;
	bool hdrincl;             /* IP_HDRINCL */
	bool connected;           /* connect()ed: daddr set */
	u32 icmp_filter;          /* ICMP_FILTER: bit n drops ICMP type n */
	u32 rmem;                 /* bytes charged to sk.rcvbuf */
	u64 drops;                /* /proc/net/raw "drops" */
};

static inline struct raw_sock *raw_sk(struct sock *sk)
{
	return net_container_of(sk, struct raw_sock, sk);
}

/*
 * socket(AF_INET, SOCK_RAW, protocol): protocol 1..IPPROTO_MAX-1
 * (-EPROTONOSUPPORT for 0, as Linux; the socket layer refuses the rest
 * with -EINVAL); IPPROTO_RAW sockets start with IP_HDRINCL and receive
 * nothing.  Returns the socket or NULL with *err set.
 */
struct sock *raw_sock_create(u16 protocol, int *err);
/* Drop queued datagrams and errors, free. */
void raw_close(struct sock *sk);
/*
 * bind(2): the address must be ours, a broadcast or multicast one, or 0
 * (-EADDRNOTAVAIL); -EINVAL once connected (Linux's raw_bind).
 */
int raw_bind(struct sock *sk, be32 addr);
/* connect(2) (a route as a send takes it) / connect(AF_UNSPEC). */
int raw_connect(struct sock *sk, be32 daddr);
int raw_disconnect(struct sock *sk);
/*
 * sendmsg(2) of the bytes the caller filled in pkb (NET_HEADROOM of
 * headroom): to *daddr, or the connected peer when daddr is NULL
 * (-EDESTADDRREQ if none), with the control messages ipc (NULL: none;
 * see ip_dgram_route()).  Without IP_HDRINCL pkb is the payload behind
 * an IP header the stack builds; with it pkb starts with an IP header
 * whose tot_len and checksum the stack fills in, and saddr and id when
 * they are 0 (raw(7)); it is never fragmented: beyond the device's MTU
 * is -EMSGSIZE (a local error with IP_RECVERR).  Returns the length or
 * -EMSGSIZE, -EINVAL (bad header), -EACCES (broadcast without
 * SO_BROADCAST), -EPIPE (after SHUT_WR), -ENETUNREACH, a pending error.
 * Always consumes pkb.
 */
int raw_send_pkb(struct sock *sk, struct pkbuf *pkb, const be32 *daddr,
		 const struct ipcm_cookie *ipc, int flags);
/*
 * recvmsg(2), as udp_recv_take() (dgram_recv_take()): the next
 * datagram, data at its IP header; info->len its length.  The caller
 * frees pkb after copying.
 */
int raw_recv_take(struct sock *sk, int flags, struct pkbuf **pkb, struct dgram_msg_info *info);
/* The same from and to kernel buffers (daddr 0: the connected peer). */
int raw_sendto(struct sock *sk, const void *buf, u32 len, be32 daddr);
int raw_recvfrom(struct sock *sk, void *buf, u32 len, int flags, be32 *saddr, u32 *full_len);
/* setsockopt(SOL_RAW, ICMP_FILTER) / setsockopt(SOL_IP, IP_HDRINCL). */
void raw_set_icmp_filter(struct sock *sk, u32 mask);
void raw_set_hdrincl(struct sock *sk, bool on);
/* datagram_poll(). */
u32 raw_poll(struct sock *sk);

/*
 * From ip_local_deliver: give copies to the raw sockets of the packet's
 * protocol (data at the transport header, network header set).  Returns
 * whether any socket took one.
 */
bool raw_local_deliver(struct pkbuf *pkb, u8 protocol);
/*
 * From ICMP: an error about a datagram of inner->protocol we sent; icmp
 * is the ICMP message (data at its header).  Linux's raw_err: with
 * IP_RECVERR it is queued (and reported); without, only a connected
 * socket hears, and only a hard error.
 */
void raw_icmp_error(const struct pkbuf *icmp, const struct iphdr *inner, u32 inner_len,
		    int err, u32 info);
/* /proc/net/raw as Linux prints it (sl is the protocol; pointer zeros). */
int raw_proc_format(char *buf, size_t size, sock_proc_info_fn info);
u32 raw_sock_count(void);
void raw_close_all(void);

#endif
