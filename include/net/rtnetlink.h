/*
 * rtnetlink, the NETLINK_ROUTE protocol (rtnetlink(7)): the portable
 * half in net/netlink/rtnetlink.c (requests, dumps, acks), rtnl_link.c
 * (links) and rtnl_inet.c (addresses, routes, neighbours).  The socket
 * family (net/netlink/af_netlink.c, kernel code) hands it the bytes of
 * each sendmsg and takes back the datagrams to queue; it registers a
 * sink through which the stack's notifications reach the multicast
 * groups.  Everything here runs with the stack lock held.
 */
#ifndef NET_RTNETLINK_H
#define NET_RTNETLINK_H

#include <net/neighbour.h>
#include <net/netlink.h>
#include <net/route.h>
#include <uapi/rtnetlink.h>

struct in_ifaddr;

/* Who sent a request and how its answers are to be delivered. */
struct rtnl_req {
	u32 portid;		/* the sender's port id (nlmsg_pid of replies) */
	bool strict;		/* NETLINK_GET_STRICT_CHK */
	bool cap_ack;		/* NETLINK_CAP_ACK: errors carry only the header */
	bool net_admin;		/* CAP_NET_ADMIN: may change things */
	/*
	 * Queue one datagram to the sender (copied); a negative errno when
	 * it could not be queued.
	 */
	int (*unicast)(void *arg, const void *data, u32 len);
	void *arg;
};

/*
 * Every message of one sendmsg, in order (Linux's netlink_rcv_skb over
 * rtnetlink_rcv_msg): a header that is short or runs past the data ends
 * the walk silently; messages without NLM_F_REQUEST and control types
 * are not handled but acknowledged when NLM_F_ACK asks; every other one
 * is answered (a reply, a dump ended by NLMSG_DONE, an NLMSG_ERROR ack
 * with 0 when NLM_F_ACK asks, or an NLMSG_ERROR with the errno).
 */
void rtnetlink_rcv(const void *data, u32 len, const struct rtnl_req *req);

/* Multicast groups (RTNLGRP_*, 1..RTNL_NGROUPS) as a bitmask, bit group-1. */
#define RTNL_NGROUPS 64u
static inline u64 rtnl_group_bit(u32 group)
{
	return 1ull << (group - 1);
}

/* Where notifications go (the socket family; NULL: nowhere). */
struct rtnl_sink {
	u64 (*listeners)(void);		/* groups someone is in */
	void (*broadcast)(u32 group, const void *msg, u32 len);
};
void rtnl_set_sink(const struct rtnl_sink *sink);

/*
 * Notifications, sent by the code that made the change (so SIOC*
 * ioctls, DHCP clients and netlink requests all announce it): the
 * port id and sequence number of the request being processed, if any,
 * go into the header, as Linux does.
 */
void rtmsg_ifinfo(u16 type, const struct netdev *dev, u32 change);
void rtmsg_ifa(u16 type, const struct in_ifaddr *ifa);
void rtmsg_fib(u16 type, const struct fib_route *rt);
void rtmsg_neigh(u16 type, const struct neighbour *n);

/* Registers the link notifier (net_init calls it). */
void rtnetlink_init(void);

/* ---- between the rtnetlink files ---- */

/* The request being processed (for notifications' headers). */
struct rtnl_cur {
	u32 portid, seq;
};
extern struct rtnl_cur rtnl_cur;

/*
 * A dump: called with an empty buffer until it returns 0 (done);
 * returns 1 when the buffer is full and more remains (cursor[] says
 * where to go on), or a negative errno.
 */
struct rtnl_dump {
	const struct nlmsghdr *nlh;	/* the request */
	const struct rtnl_req *req;
	u32 cursor[2];
	int ifindex;			/* strict mode filter (0: all) */
};
typedef int (*rtnl_dumpit)(struct nl_buf *b, struct rtnl_dump *cb);
/* A request answered with one message or an error (reply is NULL-able). */
typedef int (*rtnl_doit)(const struct nlmsghdr *nlh, const struct rtnl_req *req);

/* Send one message built by fill(b, arg) to the requester. */
int rtnl_unicast_one(const struct rtnl_req *req, int (*fill)(struct nl_buf *b, const void *arg),
		     const void *arg);
/* Multicast one message built by fill(b, arg) to group, if anyone listens. */
void rtnl_notify(u32 group, int (*fill)(struct nl_buf *b, const void *arg), const void *arg);

int rtnl_getlink(const struct nlmsghdr *nlh, const struct rtnl_req *req);
int rtnl_dumplink(struct nl_buf *b, struct rtnl_dump *cb);
int rtnl_setlink(const struct nlmsghdr *nlh, const struct rtnl_req *req);
int rtnl_newlink(const struct nlmsghdr *nlh, const struct rtnl_req *req);
int rtnl_dellink(const struct nlmsghdr *nlh, const struct rtnl_req *req);
int inet_rtm_newaddr(const struct nlmsghdr *nlh, const struct rtnl_req *req);
int inet_rtm_deladdr(const struct nlmsghdr *nlh, const struct rtnl_req *req);
int inet_dump_ifaddr(struct nl_buf *b, struct rtnl_dump *cb);
int inet_rtm_newroute(const struct nlmsghdr *nlh, const struct rtnl_req *req);
int inet_rtm_delroute(const struct nlmsghdr *nlh, const struct rtnl_req *req);
int inet_rtm_getroute(const struct nlmsghdr *nlh, const struct rtnl_req *req);
int inet_dump_fib(struct nl_buf *b, struct rtnl_dump *cb);
int neigh_add(const struct nlmsghdr *nlh, const struct rtnl_req *req);
int neigh_del(const struct nlmsghdr *nlh, const struct rtnl_req *req);
int neigh_get(const struct nlmsghdr *nlh, const struct rtnl_req *req);
int neigh_dump(struct nl_buf *b, struct rtnl_dump *cb);

#endif
