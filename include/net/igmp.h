/*
 * IPv4 multicast group membership (Linux net/ipv4/igmp.c's membership
 * side): which groups a device receives.  Sockets join and leave through
 * the socket layer (IP_ADD_MEMBERSHIP, MCAST_JOIN_GROUP); memberships
 * are counted per (device, group).  Every multicast-capable device is
 * always in 224.0.0.1 (RFC 1112 §4).
 *
 * linux-compat: no IGMP messages are sent or answered yet (Linux sends
 * IGMPv3 reports, RFC 3376); on a link with IGMP snooping, traffic for a
 * joined group may not arrive.
 */
#ifndef NET_IGMP_H
#define NET_IGMP_H

#include <net/netdev.h>

/*
 * Join `group` on device `ifindex`, or when 0 on the device the route
 * to the group uses.  -EINVAL (not multicast), -ENODEV (no such device,
 * or no route to choose one), -ENOMEM.
 */
int ip_mc_join_group(int ifindex, be32 group);
/* -EADDRNOTAVAIL if not joined there. */
int ip_mc_leave_group(int ifindex, be32 group);
/* Does dev receive group? */
bool ip_check_mc(const struct netdev *dev, be32 group);
void igmp_init(void);
void igmp_exit(void);

#endif
