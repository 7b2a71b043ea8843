/*
 * The IPv6 routing table (Linux's net/ipv6/route.c, one table): routes
 * in a list, longest prefix then lowest metric wins; a small path-MTU
 * cache learned from Packet Too Big (RFC 8201).  Destinations that are
 * our own addresses go through the loopback device, as on Linux.
 */
#include <net/ipv6.h>
#include <uapi/errno.h>
#include <uapi/rtnetlink.h>

static struct rt6_info *rt6_list;

struct rt6_info *ip6_route_first(void)
{
	return rt6_list;
}

static bool same_gw(const struct rt6_info *rt, const struct in6_addr *gw)
{
	if (!gw || ipv6_addr_any(gw))
		return !rt->has_gateway;
	return rt->has_gateway && ipv6_addr_equal(&rt->gateway, gw);
}

struct rt6_info *ip6_route_find(const struct in6_addr *dst, u8 dst_len,
				const struct in6_addr *gw, const struct netdev *dev)
{
	for (struct rt6_info *rt = rt6_list; rt; rt = rt->next)
		if (rt->dst_len == dst_len && ipv6_addr_equal(&rt->dst, dst) &&
		    rt->dev == dev && same_gw(rt, gw))
			return rt;
	return NULL;
}

int ip6_route_add(const struct in6_addr *dst, u8 dst_len, const struct in6_addr *gw,
		  struct netdev *dev, u32 metric, u8 protocol)
{
	struct rt6_info *rt, **pp;

	if (dst_len > 128 || !dev)
		return -EINVAL;
	for (u32 i = dst_len; i < 128; i++)
		if (dst->s6_addr[i / 8] & (0x80 >> (i % 8)))
			return -EINVAL;        /* host bits set */
	for (rt = rt6_list; rt; rt = rt->next)
		if (rt->dst_len == dst_len && ipv6_addr_equal(&rt->dst, dst) &&
		    rt->metric == metric && rt->dev == dev && same_gw(rt, gw))
			return -EEXIST;
	rt = net_alloc(sizeof(*rt));
	if (!rt)
		return -ENOMEM;
	rt->dst = *dst;
	rt->dst_len = dst_len;
	rt->dev = dev;
	rt->metric = metric;
	rt->protocol = protocol;
	if (gw && !ipv6_addr_any(gw)) {
		rt->has_gateway = true;
		rt->gateway = *gw;
	}
	/* Keep the list by prefix length, longest first, then metric, so
	 * that the first match is the best one. */
	for (pp = &rt6_list; *pp; pp = &(*pp)->next)
		if ((*pp)->dst_len < dst_len ||
		    ((*pp)->dst_len == dst_len && (*pp)->metric > metric))
			break;
	rt->next = *pp;
	*pp = rt;
	return 0;
}

int ip6_route_del(const struct in6_addr *dst, u8 dst_len, const struct in6_addr *gw,
		  struct netdev *dev)
{
	for (struct rt6_info **pp = &rt6_list; *pp; pp = &(*pp)->next) {
		struct rt6_info *rt = *pp;

		if (rt->dst_len != dst_len || !ipv6_addr_equal(&rt->dst, dst))
			continue;
		if ((dev && rt->dev != dev) || (gw && !same_gw(rt, gw)))
			continue;
		*pp = rt->next;
		net_free(rt);
		return 0;
	}
	return -ESRCH;
}

void ip6_route_flush_dev(struct netdev *dev)
{
	for (struct rt6_info **pp = &rt6_list; *pp;) {
		struct rt6_info *rt = *pp;

		if (rt->dev == dev) {
			*pp = rt->next;
			net_free(rt);
		} else {
			pp = &rt->next;
		}
	}
}

/* ---- Path MTU (RFC 8201) ---- */

#define PMTU_ENTRIES 64

static struct pmtu_entry {
	struct in6_addr daddr;
	u32 mtu;                  /* 0: free */
	u64 expires_ns;
} pmtu_cache[PMTU_ENTRIES];

void ip6_update_pmtu(const struct in6_addr *daddr, u32 mtu)
{
	struct pmtu_entry *slot = NULL;
	u64 now = net_now_ns();

	/* RFC 8201 §4: never below the minimum link MTU (and RFC 8021: a
	 * smaller report does not lead to atomic fragments either). */
	if (mtu < IPV6_MIN_MTU)
		mtu = IPV6_MIN_MTU;
	for (unsigned i = 0; i < PMTU_ENTRIES; i++) {
		struct pmtu_entry *e = &pmtu_cache[i];

		if (e->mtu && ipv6_addr_equal(&e->daddr, daddr)) {
			slot = e;
			break;
		}
		if (!slot || !e->mtu || (slot->mtu && e->expires_ns < slot->expires_ns))
			slot = e;
	}
	/* §4: a PTB never raises the estimate. */
	if (slot->mtu && ipv6_addr_equal(&slot->daddr, daddr) &&
	    slot->expires_ns > now && slot->mtu <= mtu)
		return;
	slot->daddr = *daddr;
	slot->mtu = mtu;
	slot->expires_ns = now + IP6_PMTU_EXPIRES_NS;
}

u32 ip6_pmtu_get(const struct in6_addr *daddr)
{
	u64 now = net_now_ns();

	for (unsigned i = 0; i < PMTU_ENTRIES; i++) {
		struct pmtu_entry *e = &pmtu_cache[i];

		if (e->mtu && ipv6_addr_equal(&e->daddr, daddr)) {
			if (e->expires_ns <= now) {
				/* §4: after the timeout, try the larger MTU again. */
				e->mtu = 0;
				return 0;
			}
			return e->mtu;
		}
	}
	return 0;
}

/* ---- Lookup ---- */

int ip6_route_output(const struct in6_addr *daddr, int oif, struct rt6_result *res)
{
	const struct rt6_info *best = NULL;
	struct inet6_dev *idev;
	u32 pmtu;

	memset(res, 0, sizeof(*res));
	if (ipv6_chk_addr(daddr, NULL) || ipv6_addr_loopback(daddr)) {
		/* Ours: through loopback (a link-local address of another
		 * device too: Linux delivers it locally). */
		for (struct netdev *d = dev_base(); d; d = d->next) {
			if (d->flags & IFF_LOOPBACK) {
				idev = in6_dev_get(d);
				if (!idev || !idev->running)
					break;
				res->dev = d;
				res->nexthop = *daddr;
				res->mtu = d->mtu;
				res->local = true;
				return 0;
			}
		}
		return -ENETUNREACH;
	}
	for (const struct rt6_info *rt = rt6_list; rt; rt = rt->next) {
		if (oif && rt->dev->ifindex != oif)
			continue;
		idev = in6_dev_get(rt->dev);
		if (!idev || !idev->running)
			continue;
		if (rt->expires_ns && rt->expires_ns <= net_now_ns())
			continue;
		if (ipv6_prefix_equal(daddr, &rt->dst, rt->dst_len)) {
			best = rt;
			break;    /* the list is in preference order */
		}
	}
	if (!best)
		return -ENETUNREACH;
	idev = in6_dev_get(best->dev);
	res->dev = best->dev;
	res->nexthop = best->has_gateway ? best->gateway : *daddr;
	res->mtu = idev->cnf.mtu6 && idev->cnf.mtu6 < best->dev->mtu ? idev->cnf.mtu6
								    : best->dev->mtu;
	if (best->mtu && best->mtu < res->mtu)
		res->mtu = best->mtu;
	pmtu = ip6_pmtu_get(daddr);
	if (pmtu && pmtu < res->mtu)
		res->mtu = pmtu;
	return 0;
}

void ip6_route_flush_all(void)
{
	while (rt6_list) {
		struct rt6_info *rt = rt6_list;

		rt6_list = rt->next;
		net_free(rt);
	}
	memset(pmtu_cache, 0, sizeof(pmtu_cache));
}
