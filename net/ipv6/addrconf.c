/*
 * IPv6 address configuration (Linux's net/ipv6/addrconf.c): per-device
 * state, addresses, multicast memberships and source address selection.
 *
 * When a device comes up with IPv6 enabled it joins ff02::1 and gets
 * ff00::/8 and, for Ethernet, fe80::/64 routes and a link-local address
 * from its MAC (RFC 4862 §5.3, RFC 4291 §2.5.1), which runs DAD (§5.4);
 * the loopback device gets ::1/128.  Going down (or IPv6 being disabled)
 * removes the device's addresses, routes and memberships, as Linux does
 * with keep_addr_on_down=0.
 */
#include <net/ipv6.h>
#include <net/mld.h>
#include <net/ndisc.h>
#include <uapi/errno.h>
#include <uapi/rtnetlink.h>

struct ipv6_devconf ipv6_devconf_dflt = {
	.disable_ipv6 = true,
	.accept_ra = true,
	.autoconf = true,
	.dad_transmits = 1,
	.rtr_solicits = MAX_RTR_SOLICITATIONS,
	.rtr_solicit_interval_ms = RTR_SOLICITATION_INTERVAL_MS,
	.hop_limit = IPV6_DEFAULT_HOPLIMIT,
};

static const struct in6_addr in6addr_interfacelocal_allnodes = {
	.s6_addr = { 0xff, 0x01, [15] = 1 } };
static struct inet6_dev *idev_list;
static struct inet6_ifaddr *addr_list;

struct inet6_dev *in6_dev_get(const struct netdev *dev)
{
	for (struct inet6_dev *i = idev_list; i; i = i->next)
		if (i->dev == dev)
			return i;
	return NULL;
}

static struct inet6_dev *idev_create(struct netdev *dev)
{
	struct inet6_dev *idev = in6_dev_get(dev);

	if (idev)
		return idev;
	idev = net_alloc(sizeof(*idev));
	if (!idev)
		return NULL;
	idev->dev = dev;
	idev->cnf = ipv6_devconf_dflt;
	net_timer_init(&idev->rs_timer, NULL);
	mld_init_dev(idev);
	idev->next = idev_list;
	idev_list = idev;
	return idev;
}

/* ---- Multicast memberships (RFC 4291 §2.7; MLD reports: mcast.c later) ---- */

static struct ifmcaddr6 *mc_find(const struct inet6_dev *idev, const struct in6_addr *g)
{
	for (struct ifmcaddr6 *m = idev ? idev->mc_list : NULL; m; m = m->next)
		if (ipv6_addr_equal(&m->addr, g))
			return m;
	return NULL;
}

int ipv6_dev_mc_inc(struct netdev *dev, const struct in6_addr *group)
{
	struct inet6_dev *idev = idev_create(dev);
	struct ifmcaddr6 *m;

	if (!idev)
		return -ENOMEM;
	if (!ipv6_addr_is_multicast(group))
		return -EINVAL;
	m = mc_find(idev, group);
	if (m) {
		m->users++;
		return 0;
	}
	m = net_alloc(sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->addr = *group;
	m->users = 1;
	m->next = idev->mc_list;
	idev->mc_list = m;
	mld_join(idev, m);
	return 0;
}

int ipv6_dev_mc_dec(struct netdev *dev, const struct in6_addr *group)
{
	struct inet6_dev *idev = in6_dev_get(dev);

	for (struct ifmcaddr6 **pp = idev ? &idev->mc_list : NULL; pp && *pp; pp = &(*pp)->next) {
		struct ifmcaddr6 *m = *pp;

		if (!ipv6_addr_equal(&m->addr, group))
			continue;
		if (--m->users == 0) {
			*pp = m->next;
			mld_leave(idev, &m->addr);
			net_free(m);
		}
		return 0;
	}
	return -ENOENT;
}

bool ipv6_chk_mcast_addr(const struct netdev *dev, const struct in6_addr *group)
{
	const struct inet6_dev *idev = in6_dev_get(dev);

	if (!idev || !idev->running)
		return false;
	/* RFC 4291 §2.8: every node hears the all-nodes groups, ff02::1
	 * and (interface-local) ff01::1. */
	if (ipv6_addr_equal(group, &in6addr_linklocal_allnodes) ||
	    ipv6_addr_equal(group, &in6addr_interfacelocal_allnodes))
		return true;
	return mc_find(idev, group) != NULL;
}

/* ---- Addresses ---- */

struct inet6_ifaddr *ipv6_addr_first(void)
{
	return addr_list;
}

struct inet6_ifaddr *ipv6_get_ifaddr(const struct netdev *dev, const struct in6_addr *addr)
{
	for (struct inet6_ifaddr *ifa = addr_list; ifa; ifa = ifa->next)
		if ((!dev || ifa->dev == dev) && ipv6_addr_equal(&ifa->addr, addr))
			return ifa;
	return NULL;
}

bool ipv6_chk_addr(const struct in6_addr *addr, const struct netdev *dev)
{
	const struct inet6_ifaddr *ifa = ipv6_get_ifaddr(NULL, addr);

	if (!ifa || (ifa->flags & IFA6_F_TENTATIVE))
		return false;
	/* RFC 4007 §6: a link-local address is ours only on its link. */
	if (dev && ifa->scope <= IPV6_SCOPE_LINK && !(dev->flags & IFF_LOOPBACK) &&
	    ifa->dev != dev && !ipv6_addr_loopback(addr))
		return false;
	return true;
}

struct inet6_ifaddr *ipv6_get_lladdr(const struct netdev *dev, bool allow_tentative)
{
	for (struct inet6_ifaddr *ifa = addr_list; ifa; ifa = ifa->next)
		if (ifa->dev == dev && ipv6_addr_is_linklocal(&ifa->addr) &&
		    (allow_tentative || !(ifa->flags & IFA6_F_TENTATIVE)))
			return ifa;
	return NULL;
}

static void addr_free(struct inet6_ifaddr *ifa);

/* The next lifetime event of an address: deprecation, then removal. */
static void addr_arm_life(struct inet6_ifaddr *ifa)
{
	u64 now = net_now_ns();

	if (ifa->preferred_until_ns && !(ifa->flags & IFA6_F_DEPRECATED) &&
	    ifa->preferred_until_ns > now)
		net_timer_arm(&ifa->life_timer, ifa->preferred_until_ns);
	else if (ifa->valid_until_ns)
		net_timer_arm(&ifa->life_timer, ifa->valid_until_ns);
	else
		net_timer_cancel(&ifa->life_timer);
}

static void addr_life_timer(struct net_timer *t)
{
	struct inet6_ifaddr *ifa = net_container_of(t, struct inet6_ifaddr, life_timer);
	u64 now = net_now_ns();

	if (ifa->valid_until_ns && ifa->valid_until_ns <= now) {
		addr_free(ifa);
		return;
	}
	if (ifa->preferred_until_ns && ifa->preferred_until_ns <= now)
		ifa->flags |= IFA6_F_DEPRECATED;
	addr_arm_life(ifa);
}

void ipv6_addr_set_lifetime(struct inet6_ifaddr *ifa, u32 valid_s, u32 preferred_s)
{
	u64 now = net_now_ns();

	ifa->valid_until_ns = valid_s == 0xffffffffu ? 0 : now + (u64)valid_s * NSEC_PER_SEC;
	ifa->preferred_until_ns = preferred_s == 0xffffffffu ? 0
				  : now + (u64)preferred_s * NSEC_PER_SEC;
	ifa->flags &= ~(u32)IFA6_F_PERMANENT;
	if (preferred_s)
		ifa->flags &= ~(u32)IFA6_F_DEPRECATED;
	else
		ifa->flags |= IFA6_F_DEPRECATED;
	addr_arm_life(ifa);
}

void addrconf_dad_done(struct inet6_ifaddr *ifa, bool duplicate)
{
	struct inet6_dev *idev = in6_dev_get(ifa->dev);

	if (duplicate) {
		/* RFC 4862 §5.4.5: not assigned; it stays, marked, as on Linux. */
		ifa->flags |= IFA6_F_DADFAILED;
		return;
	}
	ifa->flags &= ~(u32)IFA6_F_TENTATIVE;
	/* RFC 4861 §6.3.7: with a usable link-local address, solicit routers. */
	if (idev && idev->running && idev->cnf.accept_ra &&
	    ipv6_addr_is_linklocal(&ifa->addr) && !net_timer_pending(&idev->rs_timer) &&
	    !idev->rs_probes)
		ndisc_start_rs(idev);
}

static void prefix_of(const struct in6_addr *a, u32 plen, struct in6_addr *p)
{
	*p = *a;
	for (u32 i = 0; i < 128; i++)
		if (i >= plen)
			p->s6_addr[i / 8] &= (u8)~(0x80 >> (i % 8));
}

int ipv6_addr_add(struct netdev *dev, const struct in6_addr *addr, u8 plen, u32 flags)
{
	struct inet6_dev *idev;
	struct inet6_ifaddr *ifa;
	struct in6_addr snm, pfx;
	int err;

	if (plen > 128 || ipv6_addr_any(addr) || ipv6_addr_is_multicast(addr))
		return -EINVAL;
	if (ipv6_get_ifaddr(dev, addr))
		return -EEXIST;
	idev = idev_create(dev);
	if (!idev)
		return -ENOMEM;
	/* Linux: no addresses on a device with disable_ipv6 set. */
	if (idev->cnf.disable_ipv6)
		return -EACCES;
	ifa = net_alloc(sizeof(*ifa));
	if (!ifa)
		return -ENOMEM;
	addrconf_addr_solict_mult(addr, &snm);
	err = ipv6_dev_mc_inc(dev, &snm);
	if (err) {
		net_free(ifa);
		return err;
	}
	ifa->dev = dev;
	ifa->addr = *addr;
	ifa->prefix_len = plen;
	ifa->scope = ipv6_addr_scope(addr);
	ifa->flags = flags & (IFA6_F_NODAD | IFA6_F_PERMANENT);
	net_timer_init(&ifa->dad_timer, NULL);
	net_timer_init(&ifa->life_timer, addr_life_timer);
	ifa->next = addr_list;
	addr_list = ifa;
	if (plen < 128) {
		prefix_of(addr, plen, &pfx);
		(void)ip6_route_add(&pfx, plen, NULL, dev, 256, RTPROT_KERNEL);
	}
	/* RFC 4862 §5.4: tentative until DAD says it is unique; loopback
	 * and IFA_F_NODAD addresses skip it, as does a device down (DAD
	 * starts when it comes up). */
	if (!(flags & IFA6_F_NODAD) && !(dev->flags & IFF_LOOPBACK) &&
	    idev->cnf.dad_transmits) {
		ifa->flags |= IFA6_F_TENTATIVE;
		if (idev->running)
			ndisc_dad_start(ifa);
	}
	return 0;
}

static void addr_free(struct inet6_ifaddr *ifa)
{
	struct in6_addr snm, pfx;
	bool prefix_used = false;

	for (struct inet6_ifaddr **pp = &addr_list; *pp; pp = &(*pp)->next) {
		if (*pp == ifa) {
			*pp = ifa->next;
			break;
		}
	}
	ndisc_dad_stop(ifa);
	net_timer_cancel(&ifa->life_timer);
	addrconf_addr_solict_mult(&ifa->addr, &snm);
	(void)ipv6_dev_mc_dec(ifa->dev, &snm);
	prefix_of(&ifa->addr, ifa->prefix_len, &pfx);
	for (struct inet6_ifaddr *o = addr_list; o; o = o->next)
		if (o->dev == ifa->dev && o->prefix_len == ifa->prefix_len &&
		    ipv6_prefix_equal(&o->addr, &pfx, ifa->prefix_len))
			prefix_used = true;
	if (ifa->prefix_len < 128 && !prefix_used)
		(void)ip6_route_del(&pfx, ifa->prefix_len, NULL, ifa->dev);
	net_free(ifa);
}

int ipv6_addr_del(struct netdev *dev, const struct in6_addr *addr)
{
	struct inet6_ifaddr *ifa = ipv6_get_ifaddr(dev, addr);

	if (!ifa)
		return -EADDRNOTAVAIL;
	addr_free(ifa);
	return 0;
}

/* ---- Source address selection (RFC 6724 §5) ---- */

/* Is candidate a better source than best for daddr (dev: the outgoing device)? */
static bool saddr_better(const struct inet6_ifaddr *cand, const struct inet6_ifaddr *best,
			 const struct in6_addr *daddr, const struct netdev *dev)
{
	u8 dscope = ipv6_addr_scope(daddr);
	bool cs, bs;

	if (!best)
		return true;
	/* Rule 1: prefer the destination itself. */
	if (ipv6_addr_equal(&cand->addr, daddr) != ipv6_addr_equal(&best->addr, daddr))
		return ipv6_addr_equal(&cand->addr, daddr);
	/* Rule 2: the smallest scope that is still >= the destination's,
	 * else the largest. */
	if (cand->scope != best->scope) {
		if (cand->scope < best->scope)
			return cand->scope >= dscope;
		return best->scope < dscope;
	}
	/* Rule 3: avoid deprecated addresses. */
	if ((cand->flags & IFA6_F_DEPRECATED) != (best->flags & IFA6_F_DEPRECATED))
		return !(cand->flags & IFA6_F_DEPRECATED);
	/* Rule 5: prefer an address of the outgoing interface. */
	cs = cand->dev == dev;
	bs = best->dev == dev;
	if (cs != bs)
		return cs;
	/* Rule 8: longest matching prefix. */
	return ipv6_addr_common_bits(&cand->addr, daddr) >
	       ipv6_addr_common_bits(&best->addr, daddr);
}

int ipv6_dev_get_saddr(const struct netdev *dev, const struct in6_addr *daddr,
		       struct in6_addr *saddr)
{
	const struct inet6_ifaddr *best = NULL;
	u8 dscope = ipv6_addr_scope(daddr);

	for (const struct inet6_ifaddr *ifa = addr_list; ifa; ifa = ifa->next) {
		const struct inet6_dev *idev = in6_dev_get(ifa->dev);

		if (ifa->flags & (IFA6_F_TENTATIVE | IFA6_F_DADFAILED))
			continue;
		if (!idev || !idev->running)
			continue;
		/* RFC 4007 §9: a link-local source only on its own link. */
		if (ifa->scope <= IPV6_SCOPE_LINK && dscope <= IPV6_SCOPE_LINK && dev &&
		    ifa->dev != dev && !(dev->flags & IFF_LOOPBACK))
			continue;
		if (ifa->scope <= IPV6_SCOPE_LINK && dscope > IPV6_SCOPE_LINK &&
		    ipv6_addr_loopback(&ifa->addr))
			continue;
		if (saddr_better(ifa, best, daddr, dev))
			best = ifa;
	}
	if (!best)
		return -EADDRNOTAVAIL;
	*saddr = best->addr;
	return 0;
}

/* ---- Device events ---- */

static const struct in6_addr mc_prefix = { .s6_addr = { 0xff } };
static const struct in6_addr ll_prefix = { .s6_addr = { 0xfe, 0x80 } };

static void addrconf_dev_up(struct inet6_dev *idev)
{
	struct netdev *dev = idev->dev;
	struct in6_addr ll;

	if (idev->running || idev->cnf.disable_ipv6 || !netif_running(dev))
		return;
	idev->running = true;
	(void)ip6_route_add(&mc_prefix, 8, NULL, dev, 256, RTPROT_KERNEL);
	mld_rejoin_all(idev);
	if (dev->flags & IFF_LOOPBACK) {
		(void)ipv6_addr_add(dev, &in6addr_loopback_addr, 128, IFA6_F_PERMANENT);
		return;
	}
	/* Addresses configured while down run DAD now. */
	for (struct inet6_ifaddr *ifa = addr_list; ifa; ifa = ifa->next)
		if (ifa->dev == dev && (ifa->flags & IFA6_F_TENTATIVE))
			ndisc_dad_start(ifa);
	if (dev->addr_len != ETH_ALEN)
		return;
	/* RFC 4862 §5.3: fe80::/64 and the interface identifier. */
	memset(&ll, 0, sizeof(ll));
	ll.s6_addr[0] = 0xfe;
	ll.s6_addr[1] = 0x80;
	ipv6_eui64_from_mac(dev->dev_addr, &ll.s6_addr[8]);
	(void)ip6_route_add(&ll_prefix, 64, NULL, dev, 256, RTPROT_KERNEL);
	(void)ipv6_addr_add(dev, &ll, 64, IFA6_F_PERMANENT);
}

static void addrconf_dev_down(struct inet6_dev *idev, bool unregister)
{
	struct netdev *dev = idev->dev;

	idev->running = false;
	net_timer_cancel(&idev->rs_timer);
	net_timer_cancel(&idev->mld_timer);
	idev->rs_probes = 0;
	for (struct inet6_ifaddr *ifa = addr_list, *next; ifa; ifa = next) {
		next = ifa->next;
		if (ifa->dev == dev)
			addr_free(ifa);
	}
	ip6_route_flush_dev(dev);
	if (unregister) {
		for (struct inet6_dev **pp = &idev_list; *pp; pp = &(*pp)->next) {
			if (*pp == idev) {
				*pp = idev->next;
				break;
			}
		}
		while (idev->mc_list) {
			struct ifmcaddr6 *m = idev->mc_list;

			idev->mc_list = m->next;
			net_free(m);
		}
		net_free(idev);
	}
}

int addrconf_set_disable(struct netdev *dev, bool disable)
{
	struct inet6_dev *idev = idev_create(dev);

	if (!idev)
		return -ENOMEM;
	idev->cnf.disable_ipv6 = disable;
	if (disable && idev->running)
		addrconf_dev_down(idev, false);
	else if (!disable)
		addrconf_dev_up(idev);
	return 0;
}

static void addrconf_event(struct netdev *dev, enum netdev_event ev)
{
	struct inet6_dev *idev;

	switch (ev) {
	case NETDEV_UP:
		idev = idev_create(dev);
		if (idev)
			addrconf_dev_up(idev);
		break;
	case NETDEV_DOWN:
	case NETDEV_UNREGISTER:
		idev = in6_dev_get(dev);
		if (idev)
			addrconf_dev_down(idev, ev == NETDEV_UNREGISTER);
		break;
	default:
		break;
	}
}

static struct netdev_notifier addrconf_notifier = { .event = addrconf_event };

void addrconf_init(void)
{
	register_netdevice_notifier(&addrconf_notifier);
}

void addrconf_exit(void)
{
	unregister_netdevice_notifier(&addrconf_notifier);
	while (idev_list)
		addrconf_dev_down(idev_list, true);
	while (addr_list)
		addr_free(addr_list);
}
