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
void inet_sock_free(struct socket *sock);

/* sockaddr_in in/out (EINVAL short, EAFNOSUPPORT other families). */
int inet_addr_in(const struct sockaddr *sa, int len, bool unspec_ok, be32 *addr, be16 *port);
int inet_fill_addr(struct sockaddr_storage *ss, be32 addr, be16 port);
/* EACCES for a port below 1024 without CAP_NET_BIND_SERVICE. */
int inet_check_port(be16 port);

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
/* recvmsg(MSG_ERRQUEUE): the oldest queued error (IP_RECVERR). */
long ip_recv_error(struct socket *sock, struct kmsghdr *msg);

/* The interface and routing ioctls every AF_INET socket answers
 * (SIOCGIFFLAGS, SIOCADDRT, SIOCSARP, ...; net/core/dev_ioctl.c). */
long inet_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg);

/* The other types (net/af_inet_raw.c). */
int inet_raw_create(struct socket *sock, int protocol);
int inet_ping_create(struct socket *sock);

/* Drop a socket's BPF filter (close); stack lock held. */
void sk_drop_filter(struct sock *sk);

#endif
