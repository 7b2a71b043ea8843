/*
 * IPv4 interface addresses and the routes they imply (Linux
 * net/ipv4/devinet.c and fib_frontend.c's fib_add_ifaddr), see
 * net/inetdevice.h.
 */
#include <net/arp.h>
#include <net/inetdevice.h>
#include <net/rtnetlink.h>
#include <net/net.h>
#include <net/route.h>
#include <uapi/errno.h>
#include <uapi/in.h>
#include <uapi/sockios.h>

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

static void set_label(struct in_ifaddr *ifa, const char *label)
{
	size_t n = strlen(label);

	if (n >= IFNAMSIZ)
		n = IFNAMSIZ - 1;
	memset(ifa->ifa_label, 0, IFNAMSIZ);
	memcpy(ifa->ifa_label, label, n);
}

/*
 * Put a filled-in address on its device's list and add its routes
 * (Linux's inet_insert_ifa).  It is secondary when a primary already
 * covers its subnet; primaries stay in front, in the order added.
 * -EEXIST (freeing ifa) when the subnet already has this address.
 */
static int ifa_insert(struct in_ifaddr *ifa, bool announce)
{
	struct netdev *dev = ifa->dev;
	struct in_ifaddr **pp, **last_primary = &dev->ifa_list;

	ifa->ifa_flags &= ~(u32)IFA_F_SECONDARY;
	for (pp = &dev->ifa_list; *pp; pp = &(*pp)->next) {
		struct in_ifaddr *o = *pp;

		if (o->ifa_mask == ifa->ifa_mask && same_subnet(o, ifa->ifa_local)) {
			if (o->ifa_local == ifa->ifa_local) {
				net_free(ifa);
				return -EEXIST;
			}
			if (!(o->ifa_flags & IFA_F_SECONDARY))
				ifa->ifa_flags |= IFA_F_SECONDARY;
		}
		if (!(o->ifa_flags & IFA_F_SECONDARY))
			last_primary = &o->next;
	}
	if (ifa->ifa_flags & IFA_F_SECONDARY) {
		ifa->next = NULL;
		*pp = ifa;
	} else {
		ifa->next = *last_primary;
		*last_primary = ifa;
	}
	rtmsg_ifa(RTM_NEWADDR, ifa);	/* before its routes, as Linux */
	fib_sync_ifaddr(ifa, true);
	/* linux-compat: Linux leaves announcing to userspace (arping -U) or
	 * arp_notify; Tern announces every new address (RFC 5227 §3). */
	if (announce && (dev->flags & IFF_UP) && !(dev->flags & (IFF_NOARP | IFF_LOOPBACK)))
		arp_announce(dev, ifa->ifa_local);
	return 0;
}

int inet_addr_add(struct netdev *dev, const struct ifa_config *cfg)
{
	struct in_ifaddr *ifa;

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
	set_label(ifa, cfg->label ? cfg->label : dev->name);
	return ifa_insert(ifa, true);
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

/*
 * Take an address off its device and drop its routes, without freeing
 * it (Linux's inet_del_ifa with destroy = 0).  The secondaries of a
 * primary are deleted with it (Linux's default, promote_secondaries=0).
 */
static void ifa_remove(struct in_ifaddr *ifa)
{
	struct netdev *dev = ifa->dev;

	if (!(ifa->ifa_flags & IFA_F_SECONDARY)) {
		struct in_ifaddr *s = dev->ifa_list, *next;

		for (; s; s = next) {
			next = s->next;
			if ((s->ifa_flags & IFA_F_SECONDARY) && s->ifa_mask == ifa->ifa_mask &&
			    same_subnet(ifa, s->ifa_local)) {
				rtmsg_ifa(RTM_DELADDR, s);
				fib_sync_ifaddr(s, false);
				unlink_ifa(s);
				net_free(s);
			}
		}
	}
	rtmsg_ifa(RTM_DELADDR, ifa);
	fib_sync_ifaddr(ifa, false);
	unlink_ifa(ifa);
	fib_resync_all();
}

int inet_addr_del(struct netdev *dev, be32 local, u8 prefixlen)
{
	struct in_ifaddr *ifa;

	for (ifa = dev->ifa_list; ifa; ifa = ifa->next)
		if (ifa->ifa_local == local && ifa->ifa_prefixlen == prefixlen)
			break;
	if (!ifa)
		return -EADDRNOTAVAIL;
	ifa_remove(ifa);
	net_free(ifa);
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

/* ---- the address ioctls (Linux's devinet_ioctl) ---- */

/*
 * The classful prefix length of an address (RFC 791 §2.3 classes, as
 * Linux's inet_abc_len): 8, 16, 24 for A, B, C, 32 for E, 0 for 0.0.0.0
 * and 255.255.255.255, -1 for class D (multicast).
 */
static int inet_abc_len(be32 addr)
{
	u32 h = net_ntohl(addr);

	if (ipv4_is_zeronet(addr) || ipv4_is_lbcast(addr))
		return 0;
	if (!(h & 0x80000000u))
		return 8;
	if ((h & 0xc0000000u) == 0x80000000u)
		return 16;
	if ((h & 0xe0000000u) == 0xc0000000u)
		return 24;
	if ((h & 0xf0000000u) == 0xf0000000u)
		return 32;
	return -1;
}

int inet_mask_len(be32 mask)
{
	u32 h = net_ntohl(mask), inv = ~h;

	if (inv & (inv + 1))
		return -1;                 /* the ones are not contiguous */
	return h ? 32 - __builtin_ctz(h) : 0;
}

/* Linux's bad_mask: not contiguous, or addr has bits outside it. */
static bool bad_mask(be32 mask, be32 addr)
{
	return (addr & ~mask) || inet_mask_len(mask) < 0;
}

static bool label_eq(const char *label, const char *name)
{
	size_t n = strlen(name);

	return n < IFNAMSIZ && n == strlen(label) && !memcmp(label, name, n);
}

/* A new address as SIOCSIFADDR makes it: classful mask and broadcast. */
static void ifa_set_local(struct in_ifaddr *ifa, be32 addr)
{
	struct netdev *dev = ifa->dev;

	ifa->ifa_local = ifa->ifa_address = addr;
	if (dev->flags & IFF_POINTOPOINT) {
		ifa->ifa_prefixlen = 32;
		ifa->ifa_mask = inet_make_mask(32);
	} else {
		ifa->ifa_prefixlen = (u8)inet_abc_len(addr);
		ifa->ifa_mask = inet_make_mask(ifa->ifa_prefixlen);
		if ((dev->flags & IFF_BROADCAST) && ifa->ifa_prefixlen < 31)
			ifa->ifa_broadcast = addr | ~ifa->ifa_mask;
	}
	if (ipv4_is_loopback(addr))
		ifa->ifa_scope = RT_SCOPE_HOST;
}

static int devinet_set(unsigned int cmd, struct netdev *dev, struct in_ifaddr *ifa,
		       const char *label, bool alias, be32 addr)
{
	be32 old_mask;

	switch (cmd) {
	case SIOCSIFADDR:
		if (inet_abc_len(addr) < 0)
			return -EINVAL;
		if (!ifa) {
			ifa = net_alloc(sizeof(*ifa));
			if (!ifa)
				return -ENOBUFS;
			ifa->dev = dev;
			ifa->ifa_flags = IFA_F_PERMANENT;
			set_label(ifa, alias ? label : dev->name);
		} else {
			if (ifa->ifa_local == addr)
				return 0;
			ifa_remove(ifa);
			ifa->ifa_broadcast = 0;
			ifa->ifa_scope = RT_SCOPE_UNIVERSE;
		}
		ifa_set_local(ifa, addr);
		if (!addr) {
			net_free(ifa);     /* 0.0.0.0: the address is gone */
			return 0;
		}
		return ifa_insert(ifa, true);
	case SIOCSIFBRDADDR:
		if (ifa->ifa_broadcast != addr) {
			ifa_remove(ifa);
			ifa->ifa_broadcast = addr;
			return ifa_insert(ifa, false);
		}
		return 0;
	case SIOCSIFNETMASK:
		if (bad_mask(addr, 0))
			return -EINVAL;
		if (ifa->ifa_mask == addr)
			return 0;
		old_mask = ifa->ifa_mask;
		ifa_remove(ifa);
		ifa->ifa_mask = addr;
		ifa->ifa_prefixlen = (u8)inet_mask_len(addr);
		/* A broadcast that followed the old mask follows the new one;
		 * one set by hand is the user's and stays. */
		if ((dev->flags & IFF_BROADCAST) && ifa->ifa_prefixlen < 31 &&
		    ifa->ifa_broadcast == (ifa->ifa_local | ~old_mask))
			ifa->ifa_broadcast = ifa->ifa_local | ~addr;
		return ifa_insert(ifa, false);
	case SIOCSIFDSTADDR:
		if (ifa->ifa_address == addr)
			return 0;
		if (inet_abc_len(addr) < 0)
			return -EINVAL;
		/* linux-compat: no point-to-point links, so no peer address
		 * other than the local one. */
		return -EOPNOTSUPP;
	}
	return -ENOTTY;
}

int devinet_ioctl(unsigned int cmd, struct ifreq *ifr)
{
	struct sockaddr_in orig, sin;
	char label[IFNAMSIZ];
	struct in_ifaddr *ifa = NULL;
	struct netdev *dev;
	bool tryaddrmatch = false, alias;
	size_t i;

	memcpy(&orig, &ifr->ifr_addr, sizeof(orig));
	memcpy(label, ifr->ifr_name, IFNAMSIZ);
	label[IFNAMSIZ - 1] = 0;
	for (i = 0; label[i] && label[i] != ':'; i++)
		;
	alias = label[i] == ':';
	switch (cmd) {
	case SIOCGIFADDR:
	case SIOCGIFBRDADDR:
	case SIOCGIFDSTADDR:
	case SIOCGIFNETMASK:
		/* An AF_INET address in the request picks among the label's
		 * addresses (4.4BSD style); anything else is ignored. */
		tryaddrmatch = orig.sin_family == AF_INET;
		break;
	case SIOCSIFFLAGS:
		break;
	case SIOCSIFADDR:
	case SIOCSIFBRDADDR:
	case SIOCSIFDSTADDR:
	case SIOCSIFNETMASK:
		if (orig.sin_family != AF_INET)
			return -EINVAL;    /* before the name is looked up */
		break;
	default:
		return -ENOTTY;
	}
	dev = dev_get_by_ifr_name(label);
	if (!dev)
		return -ENODEV;
	if (tryaddrmatch)
		for (ifa = dev->ifa_list; ifa; ifa = ifa->next)
			if (label_eq(ifa->ifa_label, label) && ifa->ifa_local == orig.sin_addr.s_addr)
				break;
	if (!ifa)
		for (ifa = dev->ifa_list; ifa; ifa = ifa->next)
			if (label_eq(ifa->ifa_label, label))
				break;
	if (!ifa && cmd != SIOCSIFADDR && cmd != SIOCSIFFLAGS)
		return -EADDRNOTAVAIL;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	switch (cmd) {
	case SIOCGIFADDR:
		sin.sin_addr.s_addr = ifa->ifa_local;
		break;
	case SIOCGIFBRDADDR:
		sin.sin_addr.s_addr = ifa->ifa_broadcast;
		break;
	case SIOCGIFDSTADDR:
		sin.sin_addr.s_addr = ifa->ifa_address;
		break;
	case SIOCGIFNETMASK:
		sin.sin_addr.s_addr = ifa->ifa_mask;
		break;
	case SIOCSIFFLAGS:
		if (!alias)
			return dev_change_flags(dev, (u32)(s32)ifr->ifr_flags);
		/* An address label taken down deletes its address. */
		if (!ifa)
			return -EADDRNOTAVAIL;
		if (!(ifr->ifr_flags & IFF_UP)) {
			ifa_remove(ifa);
			net_free(ifa);
		}
		return 0;
	default:
		return devinet_set(cmd, dev, ifa, label, alias, orig.sin_addr.s_addr);
	}
	memcpy(&ifr->ifr_addr, &sin, sizeof(sin));
	return 0;
}

int inet_gifconf(struct ifreq *buf, int n)
{
	int done = 0;

	for (struct netdev *d = dev_base(); d; d = d->next) {
		for (struct in_ifaddr *ifa = d->ifa_list; ifa; ifa = ifa->next) {
			struct sockaddr_in sin;

			if (buf) {
				if (done >= n)
					return done;
				memset(&buf[done], 0, sizeof(buf[done]));
				memcpy(buf[done].ifr_name, ifa->ifa_label, IFNAMSIZ);
				memset(&sin, 0, sizeof(sin));
				sin.sin_family = AF_INET;
				sin.sin_addr.s_addr = ifa->ifa_local;
				memcpy(&buf[done].ifr_addr, &sin, sizeof(sin));
			}
			done++;
		}
	}
	return done;
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
