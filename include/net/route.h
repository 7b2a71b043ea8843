/*
 * The IPv4 routing table (Linux: the FIB, net/ipv4/fib_*.c, route.c).
 *
 * Routes live in tables (local 255, main 254, default 253); lookups try
 * local then main then default, as Linux's default rules do ("ip rule":
 * 0 local, 32766 main, 32767 default).  Within a table the longest prefix
 * wins, then the lowest metric (priority).  Numbers (RTN_*, RT_SCOPE_*,
 * RTPROT_*, RT_TABLE_*) are Linux's rtnetlink values so the netlink
 * layer can export routes unchanged.
 */
#ifndef NET_ROUTE_H
#define NET_ROUTE_H

#include <net/ip.h>
#include <net/netdev.h>
#include <uapi/rtnetlink.h>	/* RTN_*, RTPROT_*, RT_SCOPE_*, RT_TABLE_* */

/* The highest route type fib_table_insert() accepts (Linux's RTN_MAX). */
#define RTN_MAX_TYPE RTN_XRESOLVE

/* One route, as `ip route show table all` lists it. */
struct fib_route {
	struct fib_route *next;   /* table order: dst, then dst_len, then priority */
	u8 table;                 /* RT_TABLE_* (any 1..255) */
	u8 type;                  /* RTN_* */
	u8 protocol;              /* RTPROT_* */
	u8 scope;                 /* RT_SCOPE_* */
	u8 dst_len;               /* prefix length 0..32 */
	u8 tos;
	be32 dst;                 /* prefix, host bits zero */
	be32 gateway;             /* 0: on-link */
	be32 prefsrc;             /* 0: none */
	struct netdev *dev;       /* NULL for unreachable/blackhole/prohibit/throw */
	u32 priority;             /* metric; lower wins */
	u32 mtu;                  /* RTAX_MTU; 0: the device's */
	/*
	 * RTAX_ADVMSS, RTAX_WINDOW, RTAX_RTT (1/8 ms), 0: none.  Kept and
	 * shown in /proc/net/route; linux-compat: TCP does not use them yet.
	 */
	u32 advmss, window, rtt;
};

/* What `ip route add/del` carries (struct fib_config in Linux). */
struct fib_config {
	u8 table;                 /* 0: main */
	u8 type;                  /* 0: unicast */
	u8 protocol;              /* 0: boot (what `ip route add` sends) */
	u8 scope;                 /* RT_SCOPE_NOWHERE: pick the natural one */
	u8 dst_len;
	u8 tos;
	be32 dst, gateway, prefsrc;
	int oif;                  /* 0: derive from the gateway */
	u32 priority;
	u32 mtu;
	bool replace;             /* NLM_F_REPLACE: overwrite instead of -EEXIST */
	bool append;              /* NLM_F_APPEND: same key through another
				     device/gateway is another route */
	bool prepend;             /* NLM_F_CREATE alone (SIOCADDRT): the same,
				     but in front of the routes with that key */
	u32 advmss, window, rtt;  /* RTAX_ADVMSS, RTAX_WINDOW, RTAX_RTT */
};

/* Fill a fib_config with `ip route add`'s defaults. */
void fib_config_init(struct fib_config *cfg);

/*
 * Add a route.  -EINVAL (bad prefix, host bits set, bad type), -ENODEV
 * (no such oif), -ENETUNREACH (gateway not on a connected network),
 * -EEXIST (same table/dst/len/tos/priority exists and !replace; with
 * append or prepend only when the nexthop and metrics are the same too),
 * -ENOMEM.
 */
int fib_table_insert(const struct fib_config *cfg);
/*
 * Delete the first route matching dst/dst_len and every other set field
 * (type/protocol 0 and scope RT_SCOPE_NOWHERE match any); -ESRCH if none.
 */
int fib_table_delete(const struct fib_config *cfg);
/* Remove every route through dev (link down / unregister). */
void fib_flush_dev(struct netdev *dev);
/* Remove all routes (tests, shutdown). */
void fib_flush_all(void);

/* First route of a table in dump order, or NULL; iterate with ->next. */
const struct fib_route *fib_table_first(u8 table);
/* Number of routes in all tables. */
u32 fib_route_count(void);

/*
 * /proc/net/route exactly as Linux prints it: the main table's unicast
 * (and reject) routes, each line padded to 127 columns; Metric is the
 * priority, MTU the advertised MSS + 40, IRTT the RTT in ms.  Returns
 * the length needed, like snprintf.
 */
int fib_route_proc_format(char *buf, size_t size);

struct rtentry;
/*
 * SIOCADDRT / SIOCDELRT (route(8)) with a kernel copy of struct rtentry,
 * as Linux's ip_rt_ioctl and rtentry_to_fib_config read it: a main-table
 * route, priority rt_metric - 1, RTF_HOST a /32, RTF_REJECT unreachable,
 * RTF_MTU the advertised MSS (rt_mtu - 40), RTF_WINDOW, RTF_IRTT; a
 * new route with the key of others goes in front of them.  rt_dev is a
 * user pointer the caller has read: devname is the name copied from it
 * (NULL when rt_dev was NULL), devname_err the error of copying it,
 * reported where Linux copies it (after the address checks).  The
 * caller has checked CAP_NET_ADMIN.  Errors: -EAFNOSUPPORT (destination
 * or mask not AF_INET), -EINVAL (mask not contiguous, bits outside it,
 * RTF_GATEWAY without a gateway), -ENODEV, and fib_table_insert's or
 * fib_table_delete's (-EEXIST, -ENETUNREACH, -ESRCH); -ENOTTY for other
 * requests.
 */
int ip_rt_ioctl(unsigned int cmd, const struct rtentry *rt, const char *devname,
		int devname_err);

/*
 * Path MTU discovery (RFC 1191): a "fragmentation needed" error lowers
 * the path MTU to its destination for ip_rt_mtu_expires (600 s, Linux's
 * default); values below min_pmtu (552) are raised to it (Linux).  Only
 * decreases are taken.  ip_route_output() applies it.
 */
#define IP_RT_MTU_EXPIRES_NS (600 * 1000000000ull)
#define IP_RT_MIN_PMTU 552
void ip_rt_update_pmtu(be32 daddr, u32 mtu);
/* The learned path MTU to daddr, 0 if none. */
u32 ip_rt_pmtu(be32 daddr);

/* The result of a lookup. */
struct fib_result {
	const struct fib_route *route;
	u8 type;
	u8 scope;
};

/*
 * Look up daddr: local, main, default tables; longest prefix, then
 * lowest priority; routes through a device that is down, or not through
 * `oif` when oif != 0, are skipped.  Returns 0, or -ENETUNREACH (no
 * route), -EHOSTUNREACH (unreachable), -EINVAL (blackhole), -EACCES
 * (prohibit) as Linux's fib_props do.
 */
int fib_lookup(be32 daddr, int oif, struct fib_result *res);
/*
 * The same, with routes of a scope narrower than min_scope passed over
 * (Linux's flowi4_scope: RT_SCOPE_LINK finds only on-link destinations,
 * as RTO_ONLINK lookups do).
 */
int fib_lookup_scope(be32 daddr, int oif, u8 min_scope, struct fib_result *res);

/*
 * The RTN_* type of an address from the host's point of view (Linux's
 * inet_addr_type): LOCAL for ours, BROADCAST for broadcast routes,
 * 0.0.0.0 and 255.255.255.255; MULTICAST for 224/4; else UNICAST.
 */
u8 inet_addr_type(be32 addr);

/*
 * Input route decision for a received packet (Linux ip_route_input):
 * RTN_LOCAL / RTN_BROADCAST / RTN_MULTICAST when it is for us, else a
 * negative errno (martian source or destination, or not ours while
 * forwarding is off).
 */
int ip_route_input(be32 daddr, be32 saddr, struct netdev *dev);

/* Address classes (RFC 1122 §3.2.1.3, RFC 5735). */
static inline bool ipv4_is_zeronet(be32 a) { return (net_ntohl(a) >> 24) == 0; }
static inline bool ipv4_is_loopback(be32 a) { return (net_ntohl(a) >> 24) == 127; }
static inline bool ipv4_is_multicast(be32 a) { return (net_ntohl(a) >> 28) == 0xe; }
static inline bool ipv4_is_lbcast(be32 a) { return a == 0xffffffffu; }
static inline bool ipv4_is_local_multicast(be32 a)
{
	return (net_ntohl(a) & 0xffffff00u) == 0xe0000000u;
}

/* Netmask for a prefix length, network order. */
static inline be32 inet_make_mask(u32 len)
{
	return len ? net_htonl(~0u << (32 - len)) : 0;
}

#endif
