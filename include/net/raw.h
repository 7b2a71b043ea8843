/*
 * Raw IPv4 sockets (raw(7); Linux net/ipv4/raw.c): what busybox ping
 * and traceroute use.  A raw socket of protocol P receives a copy of
 * every datagram of protocol P addressed to the host, IP header
 * included, before the protocol itself sees it; it sends its payload
 * behind an IP header the stack builds, or with IP_HDRINCL (always for
 * IPPROTO_RAW) a header the caller supplies.
 *
 * Same conventions as net/udp.h: stack lock held, never sleeps,
 * addresses in network order.
 */
#ifndef NET_RAW_H
#define NET_RAW_H

#include <net/ip.h>
#include <net/sock.h>
#include <net/timer.h>
#include <uapi/socket.h>

struct raw_sock {
	struct sock sk;
	struct raw_sock *next;
	bool hdrincl;             /* IP_HDRINCL */
	bool connected;
	u32 icmp_filter;          /* ICMP_FILTER: bit n drops ICMP type n */
	u32 rmem;                 /* bytes charged to sk.rcvbuf */
	u64 drops;                /* /proc/net/raw "drops" */
};

static inline struct raw_sock *raw_sk(struct sock *sk)
{
	return net_container_of(sk, struct raw_sock, sk);
}

/*
 * socket(AF_INET, SOCK_RAW, protocol): protocol 1..255 (-EPROTONOSUPPORT
 * for 0, as Linux); IPPROTO_RAW sockets are send-only with IP_HDRINCL.
 * Returns the socket or NULL with *err set.
 */
struct sock *raw_sock_create(u8 protocol, int *err);
void raw_close(struct sock *sk);
/* bind(2): the address must be ours, a broadcast or 0 (-EADDRNOTAVAIL). */
int raw_bind(struct sock *sk, be32 addr);
/* connect(2) / connect(AF_UNSPEC). */
int raw_connect(struct sock *sk, be32 daddr);
int raw_disconnect(struct sock *sk);
/*
 * sendto(2): daddr (0: the connected peer, else -EDESTADDRREQ).  Without
 * IP_HDRINCL buf is the payload; with it buf starts with an IP header
 * whose tot_len and checksum the stack fills in, and saddr and id when
 * they are 0 (raw(7)).  Returns len or -EMSGSIZE, -EINVAL (bad header),
 * -EACCES (broadcast without SO_BROADCAST), -ENETUNREACH, ...
 */
int raw_sendto(struct sock *sk, const void *buf, u32 len, be32 daddr);
/* recvfrom(2): the IP header and payload; same flags and returns as udp_recvfrom. */
int raw_recvfrom(struct sock *sk, void *buf, u32 len, int flags, be32 *saddr, u32 *full_len);
/* The same through the socket layer's copy routine (see net/udp.h). */
int raw_sendmsg(struct sock *sk, const struct net_copy *from, u32 len, be32 daddr);
int raw_recvmsg(struct sock *sk, const struct net_copy *to, u32 len, int flags,
		be32 *saddr, u32 *full_len);
/* setsockopt(SOL_RAW, ICMP_FILTER) / setsockopt(SOL_IP, IP_HDRINCL). */
void raw_set_icmp_filter(struct sock *sk, u32 mask);
void raw_set_hdrincl(struct sock *sk, bool on);
u32 raw_poll(struct sock *sk);

/*
 * From ip_local_deliver: give copies to the raw sockets of the packet's
 * protocol (data at the transport header, network header set).  Returns
 * whether any socket took one.
 */
bool raw_local_deliver(struct pkbuf *pkb, u8 protocol);
/* From ICMP: an error about a datagram of inner->protocol we sent. */
void raw_icmp_error(const struct iphdr *inner, u32 inner_len, u8 type, u8 code, int err);
/* /proc/net/raw as Linux prints it (sl is the protocol; pointer zeros). */
int raw_proc_format(char *buf, size_t size, sock_proc_info_fn info);
u32 raw_sock_count(void);
void raw_close_all(void);

#endif
