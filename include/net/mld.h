/* MLDv2 for a host (RFC 3810): see net/ipv6/mcast.c. */
#ifndef NET_MLD_H
#define NET_MLD_H

#include <net/ipv6.h>

struct mld_statistics {
	u64 reports_sent;
	u64 queries;          /* accepted */
	u64 bad_queries;      /* failed §5.1.14's checks */
};
extern struct mld_statistics mld_stats;

/* Set up a device's report timer (once, when its state is created). */
void mld_init_dev(struct inet6_dev *idev);
/* A group was joined (its unsolicited reports) / left (one report). */
void mld_join(struct inet6_dev *idev, struct ifmcaddr6 *m);
void mld_leave(struct inet6_dev *idev, const struct in6_addr *group);
/* The device started IPv6: announce every group it holds. */
void mld_rejoin_all(struct inet6_dev *idev);
/* A Multicast Listener Query (data at its ICMPv6 header); not consumed. */
void mld_query_rcv(struct pkbuf *pkb);

#endif
