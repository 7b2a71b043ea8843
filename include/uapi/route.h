/*
 * The old route ioctls (SIOCADDRT/SIOCDELRT, route(8)): struct rtentry
 * and its RTF_* flags, which are also the Flags column of
 * /proc/net/route.  Linux x86_64's layout (120 bytes).
 */
#ifndef TERN_UAPI_ROUTE_H
#define TERN_UAPI_ROUTE_H

#include <stddef.h>
#include <uapi/types.h>
#include <uapi/socket.h>

struct rtentry {
	u64 rt_pad1;
	struct sockaddr rt_dst;		/* destination (AF_INET) */
	struct sockaddr rt_gateway;	/* next hop when RTF_GATEWAY */
	struct sockaddr rt_genmask;	/* netmask; ignored for RTF_HOST */
	u16 rt_flags;			/* RTF_* */
	s16 rt_pad2;
	u64 rt_pad3;
	void *rt_pad4;
	s16 rt_metric;			/* route(8)'s metric + 1 */
	char *rt_dev;			/* user pointer to a device name, or NULL */
	u64 rt_mtu;			/* with RTF_MTU */
	u64 rt_window;			/* with RTF_WINDOW */
	u16 rt_irtt;			/* with RTF_IRTT */
};
_Static_assert(offsetof(struct rtentry, rt_dst) == 8, "rt_dst");
_Static_assert(offsetof(struct rtentry, rt_flags) == 56, "rt_flags");
_Static_assert(offsetof(struct rtentry, rt_metric) == 80, "rt_metric");
_Static_assert(offsetof(struct rtentry, rt_dev) == 88, "rt_dev");
_Static_assert(offsetof(struct rtentry, rt_irtt) == 112, "rt_irtt");
_Static_assert(sizeof(struct rtentry) == 120, "rtentry");

#define RTF_UP		0x0001	/* usable */
#define RTF_GATEWAY	0x0002	/* via a gateway */
#define RTF_HOST	0x0004	/* a host route (netmask /32) */
#define RTF_REINSTATE	0x0008
#define RTF_DYNAMIC	0x0010	/* made by an ICMP redirect */
#define RTF_MODIFIED	0x0020	/* changed by an ICMP redirect */
#define RTF_MTU		0x0040	/* rt_mtu is set */
#define RTF_MSS		RTF_MTU
#define RTF_WINDOW	0x0080
#define RTF_IRTT	0x0100
#define RTF_REJECT	0x0200	/* unreachable */

#endif
