/*
 * IPv4 interface addresses and the routes they imply (Linux
 * net/ipv4/devinet.c and fib_frontend.c's fib_add_ifaddr), see
 * net/inetdevice.h.
 */
#include <net/arp.h>
#include <net/inetdevice.h>
#include <net/net.h>
#include <net/route.h>
#include <uapi/errno.h>

static bool same_subnet(const struct in_ifaddr *ifa, be32 addr)
{
	return !((ifa->ifa_address ^ addr) & ifa->ifa_mask);
}

/* The primary address whose subnet holds a secondary (itself for a primary). */
static const struct in_ifaddr *primary_of(const struct in_ifaddr *ifa)
{
	if (!(ifa->ifa_flags & IFA_F_SECONDARY))
		return ifa;
	for (const struct in_ifaddr *p = ifa->dev->ifa_list; p; p = p->next)
		if (!(p->ifa_flags & IFA_F_SECONDARY) && p->ifa_mask == ifa->ifa_mask &&
		    same_subnet(p, ifa->ifa_local))
			return p;
	return ifa;
}

/* Linux's fib_magic: a kernel route for an address, added or deleted. */
static void fib_magic(bool add, u8 type, be32 dst, u8 dst_len,
		      const struct in_ifaddr *prim, u32 priority)
{
	struct fib_config cfg;

	fib_config_init(&cfg);
	cfg.table = type == RTN_UNICAST ? RT_TABLE_MAIN : RT_TABLE_LOCAL;
	cfg.type = type;
	cfg.protocol = RTPROT_KERNEL;
	cfg.scope = type == RTN_LOCAL ? RT_SCOPE_HOST : RT_SCOPE_LINK;
	cfg.dst = dst;
	cfg.dst_len = dst_len;
	cfg.prefsrc = prim->ifa_local;
	cfg.oif = prim->dev->ifindex;
	cfg.priority = priority;
	cfg.append = true;        /* Linux: NLM_F_CREATE | NLM_F_APPEND */
	if (add) {
		(void)fib_table_insert(&cfg);  /* -EEXIST: another address made it */
	} else {
		cfg.priority = 0;
		cfg.prefsrc = 0;
		(void)fib_table_delete(&cfg);
	}
}

/* The routes an address implies (fib_add_ifaddr / fib_del_ifaddr). */
static void fib_sync_ifaddr(const struct in_ifaddr *ifa, bool add)
{
	const struct in_ifaddr *prim = primary_of(ifa);
	struct netdev *dev = ifa->dev;
	be32 prefix = ifa->ifa_local & ifa->ifa_mask;

	fib_magic(add, RTN_LOCAL, ifa->ifa_local, 32, prim, 0);
	if (!(dev->flags & IFF_UP))
		return;
	if (ifa->ifa_broadcast && !ipv4_is_lbcast(ifa->ifa_broadcast))
		fib_magic(add, RTN_BROADCAST, ifa->ifa_broadcast, 32, prim, 0);
	if (!ipv4_is_zeronet(prefix) && !(ifa->ifa_flags & IFA_F_SECONDARY) &&
	    (prefix != ifa->ifa_local || ifa->ifa_prefixlen < 32)) {
		if (!(ifa->ifa_flags & IFA_F_NOPREFIXROUTE))
			fib_magic(add, dev->flags & IFF_LOOPBACK ? RTN_LOCAL : RTN_UNICAST,
				  prefix, ifa->ifa_prefixlen, prim, ifa->ifa_rt_priority);
		if (ifa->ifa_prefixlen < 31)
			fib_magic(add, RTN_BROADCAST, prefix | ~ifa->ifa_mask, 32, prim, 0);
	}
}

/* Re-add every address's routes (some removed routes may be shared). */
static void fib_resync_all(void)
{
	for (struct netdev *d = dev_base(); d; d = d->next)
		for (struct in_ifaddr *ifa = d->ifa_list; ifa; ifa = ifa->next)
			fib_sync_ifaddr(ifa, true);
}

int inet_addr_add(struct netdev *dev, const struct ifa_config *cfg)
{
	struct in_ifaddr *ifa, **pp, **last_primary;
	size_t n;

	if (cfg->prefixlen > 32 || !cfg->local || ipv4_is_multicast(cfg->local) ||
	    ipv4_is_lbcast(cfg->local))
		return -EINVAL;
	for (ifa = dev->ifa_list; ifa; ifa = ifa->next)
		if (ifa->ifa_local == cfg->local && ifa->ifa_prefixlen == cfg->prefixlen)
			return -EEXIST;
	ifa = net_alloc(sizeof(*ifa));
	if (!ifa)
		return -ENOMEM;
	ifa->dev = dev;
	ifa->ifa_local = ifa->ifa_address = cfg->local;
	ifa->ifa_prefixlen = cfg->prefixlen;
	ifa->ifa_mask = inet_make_mask(cfg->prefixlen);
	ifa->ifa_broadcast = cfg->broadcast;
	if (ipv4_is_lbcast(cfg->broadcast))  /* "brd +" */
		ifa->ifa_broadcast = cfg->prefixlen < 31 ? (cfg->local | ~ifa->ifa_mask) : 0;
	ifa->ifa_scope = ipv4_is_loopback(cfg->local) ? RT_SCOPE_HOST : cfg->scope;
	ifa->ifa_flags = (cfg->flags & ~(u32)IFA_F_SECONDARY) | IFA_F_PERMANENT;
	ifa->ifa_rt_priority = cfg->rt_priority;
	n = strlen(cfg->label ? cfg->label : dev->name);
	if (n >= IFNAMSIZ)
		n = IFNAMSIZ - 1;
	memcpy(ifa->ifa_label, cfg->label ? cfg->label : dev->name, n);

	/* Secondary if a primary already covers the subnet (Linux's
	 * __inet_insert_ifa); primaries stay in front, in order added. */
	last_primary = &dev->ifa_list;
	for (pp = &dev->ifa_list; *pp; pp = &(*pp)->next) {
		struct in_ifaddr *o = *pp;

		if (!(o->ifa_flags & IFA_F_SECONDARY)) {
			last_primary = &o->next;
			if (o->ifa_mask == ifa->ifa_mask && same_subnet(o, ifa->ifa_local))
				ifa->ifa_flags |= IFA_F_SECONDARY;
		}
	}
	if (ifa->ifa_flags & IFA_F_SECONDARY) {
		ifa->next = NULL;
		*pp = ifa;
	} else {
		ifa->next = *last_primary;
		*last_primary = ifa;
	}
	fib_sync_ifaddr(ifa, true);
	/* linux-compat: Linux leaves announcing to userspace (arping -U) or
	 * arp_notify; Tern announces every new address (RFC 5227 §3). */
	if ((dev->flags & IFF_UP) && !(dev->flags & (IFF_NOARP | IFF_LOOPBACK)))
		arp_announce(dev, ifa->ifa_local);
	return 0;
}

int inet_addr_add_simple(struct netdev *dev, be32 local, u8 prefixlen)
{
	struct ifa_config cfg = {
		.local = local, .prefixlen = prefixlen, .broadcast = 0xffffffffu,
		.scope = RT_SCOPE_UNIVERSE,
	};

	return inet_addr_add(dev, &cfg);
}

static void unlink_ifa(struct in_ifaddr *ifa)
{
	for (struct in_ifaddr **pp = &ifa->dev->ifa_list; *pp; pp = &(*pp)->next) {
		if (*pp == ifa) {
			*pp = ifa->next;
			return;
		}
	}
}

int inet_addr_del(struct netdev *dev, be32 local, u8 prefixlen)
{
	struct in_ifaddr *ifa;

	for (ifa = dev->ifa_list; ifa; ifa = ifa->next)
		if (ifa->ifa_local == local && ifa->ifa_prefixlen == prefixlen)
			break;
	if (!ifa)
		return -EADDRNOTAVAIL;
	if (!(ifa->ifa_flags & IFA_F_SECONDARY)) {
		/* Linux's default (promote_secondaries=0): the secondaries of
		 * a deleted primary go with it. */
		struct in_ifaddr *s = dev->ifa_list, *next;

		for (; s; s = next) {
			next = s->next;
			if ((s->ifa_flags & IFA_F_SECONDARY) && s->ifa_mask == ifa->ifa_mask &&
			    same_subnet(ifa, s->ifa_local)) {
				fib_sync_ifaddr(s, false);
				unlink_ifa(s);
				net_free(s);
			}
		}
	}
	fib_sync_ifaddr(ifa, false);
	unlink_ifa(ifa);
	net_free(ifa);
	fib_resync_all();
	return 0;
}

be32 inet_dev_primary_addr(const struct netdev *dev)
{
	for (const struct in_ifaddr *ifa = dev->ifa_list; ifa; ifa = ifa->next)
		if (!(ifa->ifa_flags & IFA_F_SECONDARY))
			return ifa->ifa_local;
	return 0;
}

be32 inet_select_addr(const struct netdev *dev, be32 dst, int scope)
{
	be32 addr = 0;

	if (dev) {
		for (const struct in_ifaddr *ifa = dev->ifa_list; ifa; ifa = ifa->next) {
			if ((ifa->ifa_flags & IFA_F_SECONDARY) || ifa->ifa_scope > scope)
				continue;
			if (!dst || same_subnet(ifa, dst))
				return ifa->ifa_local;
			if (!addr)
				addr = ifa->ifa_local;
		}
		if (addr)
			return addr;
	}
	/* Any global address of another device (Linux: "no_in_dev" path). */
	for (const struct netdev *d = dev_base(); d; d = d->next)
		for (const struct in_ifaddr *ifa = d->ifa_list; ifa; ifa = ifa->next)
			if (!(ifa->ifa_flags & IFA_F_SECONDARY) &&
			    ifa->ifa_scope < RT_SCOPE_LINK && ifa->ifa_scope <= scope)
				return ifa->ifa_local;
	return 0;
}

struct in_ifaddr *inet_ifa_byaddr(be32 addr)
{
	for (struct netdev *d = dev_base(); d; d = d->next)
		for (struct in_ifaddr *ifa = d->ifa_list; ifa; ifa = ifa->next)
			if (ifa->ifa_local == addr)
				return ifa;
	return NULL;
}

bool inet_ifa_is_broadcast(const struct netdev *dev, be32 addr)
{
	for (const struct in_ifaddr *ifa = dev->ifa_list; ifa; ifa = ifa->next) {
		if (ifa->ifa_broadcast == addr)
			return true;
		if (ifa->ifa_prefixlen < 31 && addr == ((ifa->ifa_local & ifa->ifa_mask) | ~ifa->ifa_mask))
			return true;
	}
	return false;
}

static void inetdev_event(struct netdev *dev, enum netdev_event ev)
{
	switch (ev) {
	case NETDEV_UP:
		if ((dev->flags & IFF_LOOPBACK) && !dev->ifa_list) {
			/* Linux's inetdev_event: lo gets 127.0.0.1/8, scope host. */
			struct ifa_config cfg = {
				.local = net_htonl(0x7f000001), .prefixlen = 8,
				.scope = RT_SCOPE_HOST, .label = dev->name,
			};

			(void)inet_addr_add(dev, &cfg);
			break;
		}
		fib_resync_all();
		break;
	case NETDEV_DOWN:
		/* Linux's fib_disable_ip: every route through the device goes;
		 * they come back from the addresses on NETDEV_UP. */
		fib_flush_dev(dev);
		break;
	case NETDEV_UNREGISTER:
		fib_flush_dev(dev);
		while (dev->ifa_list) {
			struct in_ifaddr *ifa = dev->ifa_list;

			dev->ifa_list = ifa->next;
			net_free(ifa);
		}
		break;
	default:
		break;
	}
}

static struct netdev_notifier devinet_notifier = { .event = inetdev_event };

void devinet_init(void)
{
	register_netdevice_notifier(&devinet_notifier);
}

void devinet_exit(void)
{
	unregister_netdevice_notifier(&devinet_notifier);
}
