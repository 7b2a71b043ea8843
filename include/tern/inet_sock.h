/*
 * AF_INET sockets in the kernel (net/af_inet.c, net/af_inet_raw.c,
 * net/ip_sockopt.c): what the family's files share.  The engines' own
 * state is in struct sock and its protocol blocks (include/net/); this is
 * the socket layer's per-socket IPv4 state (socket.priv): which control
 * messages recvmsg adds, and the multicast groups the socket joined
 * (left again when it closes).
 */
#ifndef TERN_INET_SOCK_H
#define TERN_INET_SOCK_H

#include <net/datagram.h>
#include <net/sock.h>
#include <tern/socket.h>
#include <uapi/in.h>

struct inet_mc {
	struct inet_mc *next;
	int ifindex;
	be32 group;
};

struct inet_sock {
	bool cmsg_pktinfo;	/* IP_PKTINFO */
	bool cmsg_ttl;		/* IP_RECVTTL */
	bool cmsg_tos;		/* IP_RECVTOS */
	bool cmsg_inq;		/* TCP_INQ */
	bool mc_all;		/* IP_MULTICAST_ALL (1) */
	struct inet_mc *mc_list;	/* IP_ADD_MEMBERSHIP; stack lock */
};

struct inet_sock *inet_sk_of(struct socket *sock);
/* A new socket's inet_sock (sock->priv), or NULL when out of memory. */
struct inet_sock *inet_sock_alloc(struct socket *sock);
void inet_sock_free(struct socket *sock);

/* sockaddr_in in/out (EINVAL short, EAFNOSUPPORT other families). */
int inet_addr_in(const struct sockaddr *sa, int len, bool unspec_ok, be32 *addr, be16 *port);
int inet_fill_addr(struct sockaddr_storage *ss, be32 addr, be16 port);
/* EACCES for a port below 1024 without CAP_NET_BIND_SERVICE. */
int inet_bind_addr(const struct sockaddr *sa, int len, be32 *addr, be16 *port);

/*
 * SOL_IP for every AF_INET socket, and the answer for levels no layer
 * above knew (net/ip_sockopt.c): setting an unknown level is
 * ENOPROTOOPT, reading one EOPNOTSUPP, as on Linux.
 */
int ip_setsockopt(struct socket *sock, int level, int name, struct sockopt *opt);
int ip_getsockopt(struct socket *sock, int level, int name, struct sockopt *opt);
/* SOL_TCP (net/tcp_sockopt.c), other levels passed to ip_*sockopt. */
int tcp_setsockopt_sock(struct socket *sock, int level, int name, struct sockopt *opt);
int tcp_getsockopt_sock(struct socket *sock, int level, int name, struct sockopt *opt);
/*
 * recvmsg(MSG_ERRQUEUE) (ip(7) IP_RECVERR): the oldest queued error,
 * its payload as data (MSG_TRUNC when cut), the destination (and
 * port, if any) as msg_name, the IP_RECVERR control message
 * (struct sock_extended_err and the offender's address) after the
 * socket's IP_PKTINFO/IP_RECVTTL/IP_RECVTOS ones for an ICMP error,
 * MSG_ERRQUEUE in msg_flags; EAGAIN when the queue is empty.
 */
long ip_recv_error(struct socket *sock, struct kmsghdr *msg);
/*
 * sendmsg's control messages (net/ip_cmsg.c): IP_PKTINFO, IP_TTL,
 * IP_TOS, IP_PROTOCOL at SOL_IP, and the SOL_SOCKET ones Linux takes on
 * an AF_INET socket; EINVAL (EPERM for SO_MARK) as Linux.
 */
int ip_cmsg_send(const struct kmsghdr *msg, struct ipcm_cookie *ipc);
/* recvmsg's IP_PKTINFO, IP_TTL, IP_TOS (and SO_TIMESTAMP) for a datagram. */
void ip_recv_cmsgs(struct socket *sock, struct kmsghdr *msg, const struct dgram_msg_info *info);

/*
 * The receive half of a datagram socket (UDP, raw, ping: net/af_inet.c):
 * wait for a datagram (sock_wait, SO_RCVTIMEO, MSG_DONTWAIT), take it
 * from the engine, copy it out, fill msg_name and the control messages.
 * full_trunc: with MSG_TRUNC return the datagram's length (UDP, raw),
 * not what was copied (ping).
 */
struct dgram_recv_ops {
	int (*take)(struct sock *sk, int flags, struct pkbuf **pkb, struct dgram_msg_info *info);
	void (*done)(struct sock *sk, int flags, bool copied);	/* NULL: nothing to say */
	bool full_trunc;
};
long inet_dgram_recvmsg(struct socket *sock, struct kmsghdr *msg, int flags,
			const struct dgram_recv_ops *ops);
/* A sendmsg's destination: *has set when msg_name named one (see dgram_dest). */
int inet_dgram_dest(struct kmsghdr *msg, bool unspec_none, be32 *addr, be16 *port, bool *has);

/*
 * The interface, address, route and ARP ioctls an AF_INET or AF_PACKET
 * socket answers (SIOCGIFADDR, SIOCADDRT, SIOCSARP, ..., then dev_ioctl's
 * device requests; net/core/dev_ioctl.c); ENOTTY for anything else.
 * Called from another family it answers only dev_ioctl's requests.
 */
long inet_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg);

/* The other types (net/af_inet_raw.c). */
int inet_raw_create(struct socket *sock, int protocol);
int inet_ping_create(struct socket *sock);

/* Drop a socket's BPF filter (close); stack lock held. */
void sk_drop_filter(struct sock *sk);

#endif
