/*
 * The IPv4 forwarding information base and route lookups (Linux
 * net/ipv4/fib_frontend.c, fib_trie.c, route.c), see net/route.h.
 *
 * Each table is a list sorted by (dst, dst_len, priority); a lookup
 * scans it (tables are small on a host: a few connected routes and a
 * default).  Invariant: a route's dst has no bits outside its prefix.
 */
#include <net/igmp.h>
#include <net/inetdevice.h>
#include <net/net.h>
#include <net/route.h>
#include <net/rtnetlink.h>
#include <net/snmp.h>
#include <net/text.h>
#include <uapi/errno.h>
#include <uapi/in.h>
#include <uapi/route.h>
#include <uapi/sockios.h>

static struct fib_route *fib_tables[256];
static u32 route_count;

/*
 * The path MTU cache (Linux keeps these as route exceptions): a small
 * table, the entry closest to expiry is reused when it is full.
 */
#define PMTU_ENTRIES 64
static struct pmtu_entry {
	be32 daddr;
	u32 mtu;          /* 0: free */
	u64 expires_ns;
} pmtu_cache[PMTU_ENTRIES];


void fib_config_init(struct fib_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->table = RT_TABLE_MAIN;
	cfg->type = RTN_UNICAST;
	cfg->protocol = RTPROT_BOOT;
	cfg->scope = RT_SCOPE_NOWHERE;
}

static bool route_before(const struct fib_route *a, const struct fib_route *b)
{
	u32 da = net_ntohl(a->dst), db = net_ntohl(b->dst);

	if (da != db)
		return da < db;
	if (a->dst_len != b->dst_len)
		return a->dst_len < b->dst_len;
	return a->priority < b->priority;
}

static bool same_key(const struct fib_route *r, const struct fib_config *cfg)
{
	return r->dst == cfg->dst && r->dst_len == cfg->dst_len &&
	       r->tos == cfg->tos && r->priority == cfg->priority;
}

/* The same route in all but the key (Linux: the same fib_info and type). */
static bool same_route(const struct fib_route *r, const struct fib_config *cfg,
		       const struct netdev *dev, u8 scope)
{
	return r->type == cfg->type && r->dev == dev && r->gateway == cfg->gateway &&
	       r->prefsrc == cfg->prefsrc && r->protocol == cfg->protocol &&
	       r->scope == scope && r->mtu == cfg->mtu && r->advmss == cfg->advmss &&
	       r->window == cfg->window && r->rtt == cfg->rtt;
}

static bool type_needs_dev(u8 type)
{
	return type == RTN_UNICAST || type == RTN_LOCAL || type == RTN_BROADCAST ||
	       type == RTN_MULTICAST || type == RTN_ANYCAST;
}

/* Is gw reachable directly (on a connected route through dev or any dev)? */
static struct netdev *gateway_dev(be32 gw, int oif)
{
	struct fib_result res;

	if (fib_lookup(gw, oif, &res))
		return NULL;
	if (res.type != RTN_UNICAST || res.route->gateway)
		return NULL;       /* Linux: the gateway must be on-link */
	return res.route->dev;
}

int fib_table_insert(const struct fib_config *cfg)
{
	u8 table = cfg->table ? cfg->table : RT_TABLE_MAIN;
	struct fib_route *r, **pp, **first = NULL;
	struct netdev *dev = NULL;
	u8 scope = cfg->scope;

	if (cfg->dst_len > 32 || cfg->type == RTN_UNSPEC || cfg->type > RTN_MAX_TYPE)
		return -EINVAL;
	if (cfg->dst & ~inet_make_mask(cfg->dst_len))
		return -EINVAL;    /* "Invalid prefix for given prefix length" */
	if (cfg->oif) {
		dev = dev_get_by_index(cfg->oif);
		if (!dev)
			return -ENODEV;
	}
	if (cfg->gateway) {
		struct netdev *gdev;

		if (ipv4_is_multicast(cfg->gateway) || ipv4_is_lbcast(cfg->gateway) ||
		    ipv4_is_zeronet(cfg->gateway))
			return -EINVAL;
		gdev = gateway_dev(cfg->gateway, cfg->oif);
		if (!gdev)
			return -ENETUNREACH;   /* "Nexthop has invalid gateway" */
		dev = gdev;
	}
	if (type_needs_dev(cfg->type) && !dev)
		return -ENODEV;
	if (!type_needs_dev(cfg->type))
		dev = NULL;
	if (scope == RT_SCOPE_NOWHERE) {
		/* iproute2's defaults: host for local, link for on-link routes. */
		if (cfg->type == RTN_LOCAL)
			scope = RT_SCOPE_HOST;
		else if (cfg->gateway || !type_needs_dev(cfg->type))
			scope = RT_SCOPE_UNIVERSE;
		else
			scope = RT_SCOPE_LINK;
	}
	for (pp = &fib_tables[table]; *pp; pp = &(*pp)->next) {
		if (!same_key(*pp, cfg))
			continue;
		if (cfg->prepend) {
			/* Linux: an identical route is -EEXIST; another
			 * nexthop goes in front of the first alias. */
			if (same_route(*pp, cfg, dev, scope))
				return -EEXIST;
			if (!first)
				first = pp;
			continue;
		}
		if (cfg->append && ((*pp)->dev != dev || (*pp)->gateway != cfg->gateway ||
				    (*pp)->type != cfg->type))
			continue;
		if (!cfg->replace)
			return -EEXIST;
		r = *pp;
		goto fill;
	}
	r = net_alloc(sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->dst = cfg->dst;
	r->dst_len = cfg->dst_len;
	r->priority = cfg->priority;
	r->tos = cfg->tos;
	pp = first;
	if (!pp)
		for (pp = &fib_tables[table]; *pp && !route_before(r, *pp); pp = &(*pp)->next)
			;
	r->next = *pp;
	*pp = r;
	route_count++;
fill:
	r->table = table;
	r->type = cfg->type;
	r->protocol = cfg->protocol;
	r->scope = scope;
	r->gateway = cfg->gateway;
	r->prefsrc = cfg->prefsrc;
	r->dev = dev;
	r->mtu = cfg->mtu;
	r->advmss = cfg->advmss;
	r->window = cfg->window;
	r->rtt = cfg->rtt;
	rtmsg_fib(RTM_NEWROUTE, r);
	return 0;
}

static bool matches(const struct fib_route *r, const struct fib_config *cfg)
{
	if (r->dst != cfg->dst || r->dst_len != cfg->dst_len)
		return false;
	if (cfg->type && cfg->type != r->type)
		return false;
	if (cfg->protocol && cfg->protocol != r->protocol)
		return false;
	if (cfg->scope != RT_SCOPE_NOWHERE && cfg->scope != r->scope)
		return false;
	if (cfg->gateway && cfg->gateway != r->gateway)
		return false;
	if (cfg->prefsrc && cfg->prefsrc != r->prefsrc)
		return false;
	if (cfg->oif && (!r->dev || r->dev->ifindex != cfg->oif))
		return false;
	if (cfg->priority && cfg->priority != r->priority)
		return false;
	return true;
}

int fib_table_delete(const struct fib_config *cfg)
{
	u8 table = cfg->table ? cfg->table : RT_TABLE_MAIN;

	for (struct fib_route **pp = &fib_tables[table]; *pp; pp = &(*pp)->next) {
		struct fib_route *r = *pp;

		if (!matches(r, cfg))
			continue;
		*pp = r->next;
		rtmsg_fib(RTM_DELROUTE, r);
		net_free(r);
		route_count--;
		return 0;
	}
	return -ESRCH;
}

void fib_flush_dev(struct netdev *dev)
{
	for (int t = 0; t < 256; t++) {
		struct fib_route **pp = &fib_tables[t];

		while (*pp) {
			struct fib_route *r = *pp;

			if (r->dev == dev) {
				*pp = r->next;
				net_free(r);
				route_count--;
			} else {
				pp = &r->next;
			}
		}
	}
}

void fib_flush_all(void)
{
	memset(pmtu_cache, 0, sizeof(pmtu_cache));
	for (int t = 0; t < 256; t++) {
		while (fib_tables[t]) {
			struct fib_route *r = fib_tables[t];

			fib_tables[t] = r->next;
			net_free(r);
		}
	}
	route_count = 0;
}

const struct fib_route *fib_table_first(u8 table)
{
	return fib_tables[table];
}

u32 fib_route_count(void)
{
	return route_count;
}

/* Linux's fib_route_seq_show and fib_flag_trans (net/ipv4/fib_trie.c); RTF_* of <uapi/route.h>. */

int fib_route_proc_format(char *buf, size_t size)
{
	struct net_text t = NET_TEXT_INIT(buf, size);

	net_text_printf(&t, "%-127s\n", "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT");
	for (const struct fib_route *r = fib_tables[RT_TABLE_MAIN]; r; r = r->next) {
		be32 mask = inet_make_mask(r->dst_len);
		unsigned flags = RTF_UP;
		char line[160];

		if (r->type == RTN_BROADCAST || r->type == RTN_MULTICAST)
			continue;
		if (r->type == RTN_UNREACHABLE || r->type == RTN_PROHIBIT)
			flags |= RTF_REJECT;
		if (r->gateway)
			flags |= RTF_GATEWAY;
		if (mask == 0xffffffffu)
			flags |= RTF_HOST;
		/* Addresses print as the network-order word read natively. */
		snprintf(line, sizeof(line), "%s\t%08X\t%08X\t%04X\t%d\t%u\t%d\t%08X\t%d\t%u\t%u",
			 r->dev ? r->dev->name : "*", r->dst, r->gateway, flags, 0, 0u,
			 (int)r->priority, mask, r->advmss ? (int)r->advmss + 40 : 0,
			 r->window, r->rtt >> 3);
		net_text_printf(&t, "%-127s\n", line);
	}
	return net_text_len(&t);
}

static struct pmtu_entry *pmtu_find(be32 daddr)
{
	u64 now = net_now_ns();

	for (unsigned i = 0; i < PMTU_ENTRIES; i++) {
		struct pmtu_entry *e = &pmtu_cache[i];

		if (e->mtu && e->expires_ns <= now)
			e->mtu = 0;       /* expired */
		if (e->mtu && e->daddr == daddr)
			return e;
	}
	return NULL;
}

u32 ip_rt_pmtu(be32 daddr)
{
	struct pmtu_entry *e = pmtu_find(daddr);

	return e ? e->mtu : 0;
}

void ip_rt_update_pmtu(be32 daddr, u32 mtu)
{
	struct route_result rt;
	struct pmtu_entry *e;
	u32 cur;

	if (ip_route_output(daddr, 0, &rt) || rt.type != RTN_UNICAST)
		return;
	cur = rt.mtu;
	if (mtu < IP_RT_MIN_PMTU)
		mtu = IP_RT_MIN_PMTU < cur ? IP_RT_MIN_PMTU : cur;
	if (mtu >= cur)
		return;           /* RFC 1191 §6.3: never raise it from an ICMP */
	e = pmtu_find(daddr);
	if (!e) {
		e = &pmtu_cache[0];
		for (unsigned i = 0; i < PMTU_ENTRIES; i++) {
			if (!pmtu_cache[i].mtu) {
				e = &pmtu_cache[i];
				break;
			}
			if (pmtu_cache[i].expires_ns < e->expires_ns)
				e = &pmtu_cache[i];
		}
	}
	e->daddr = daddr;
	e->mtu = mtu;
	e->expires_ns = net_now_ns() + IP_RT_MTU_EXPIRES_NS;
}

static const struct fib_route *table_lookup(u8 table, be32 daddr, int oif, u8 min_scope)
{
	const struct fib_route *best = NULL;

	for (const struct fib_route *r = fib_tables[table]; r; r = r->next) {
		if ((daddr ^ r->dst) & inet_make_mask(r->dst_len))
			continue;
		if (r->scope < min_scope)
			continue;
		/* Linux: a nexthop through a down device is dead; a local
		 * route stays (an address on a down device is still ours). */
		if (r->dev && !(r->dev->flags & IFF_UP) && r->type != RTN_LOCAL)
			continue;
		if (oif && r->dev && r->dev->ifindex != oif)
			continue;
		if (!best || r->dst_len > best->dst_len ||
		    (r->dst_len == best->dst_len && r->priority < best->priority))
			best = r;
	}
	return best;
}

int fib_lookup(be32 daddr, int oif, struct fib_result *res)
{
	return fib_lookup_scope(daddr, oif, RT_SCOPE_UNIVERSE, res);
}

int fib_lookup_scope(be32 daddr, int oif, u8 min_scope, struct fib_result *res)
{
	static const u8 order[] = { RT_TABLE_LOCAL, RT_TABLE_MAIN, RT_TABLE_DEFAULT };

	for (unsigned i = 0; i < sizeof(order); i++) {
		const struct fib_route *r = table_lookup(order[i], daddr, oif, min_scope);

		if (!r)
			continue;
		switch (r->type) {
		case RTN_THROW:
			continue;      /* on to the next table */
		case RTN_UNREACHABLE:
			return -EHOSTUNREACH;
		case RTN_BLACKHOLE:
			return -EINVAL;
		case RTN_PROHIBIT:
			return -EACCES;
		default:
			res->route = r;
			res->type = r->type;
			res->scope = r->scope;
			return 0;
		}
	}
	return -ENETUNREACH;
}

u8 inet_addr_type(be32 addr)
{
	const struct fib_route *r;

	if (ipv4_is_zeronet(addr) || ipv4_is_lbcast(addr))
		return RTN_BROADCAST;
	if (ipv4_is_multicast(addr))
		return RTN_MULTICAST;
	r = table_lookup(RT_TABLE_LOCAL, addr, 0, RT_SCOPE_UNIVERSE);
	if (r && (r->type == RTN_LOCAL || r->type == RTN_BROADCAST))
		return r->type;
	return RTN_UNICAST;
}

bool inet_addr_is_local(be32 addr)
{
	if (!addr)
		return false;
	return inet_addr_type(addr) == RTN_LOCAL;
}

static int output_via_dev(struct netdev *dev, u8 type, struct route_result *res)
{
	if (!(dev->flags & IFF_UP))
		return -ENETUNREACH;
	res->dev = dev;
	res->gateway = 0;
	res->prefsrc = inet_select_addr(dev, 0, RT_SCOPE_LINK);
	res->mtu = dev->mtu;
	res->type = type;
	return 0;
}

static int route_output(be32 daddr, int oif, struct route_result *res)
{
	struct netdev *odev = NULL;
	struct fib_result fr;
	const struct fib_route *r;
	int err;

	memset(res, 0, sizeof(*res));
	if (oif) {
		odev = dev_get_by_index(oif);
		if (!odev)
			return -ENODEV;
		/* Linux: nothing leaves through a device that is down. */
		if (!(odev->flags & IFF_UP))
			return -ENETUNREACH;
		/* Link-scoped destinations go straight out of the chosen device. */
		if (ipv4_is_lbcast(daddr) || ipv4_is_local_multicast(daddr))
			return output_via_dev(odev, ipv4_is_lbcast(daddr) ? RTN_BROADCAST
									  : RTN_MULTICAST, res);
	}
	if (!daddr) {
		/* Linux: a packet to 0.0.0.0 is a packet to ourselves. */
		if (!loopback_dev || !(loopback_dev->flags & IFF_UP))
			goto unreach;
		res->dev = loopback_dev;
		res->prefsrc = net_htonl(0x7f000001);
		res->mtu = loopback_dev->mtu;
		res->type = RTN_LOCAL;
		return 0;
	}
	err = fib_lookup(daddr, oif, &fr);
	/* RFC 1122 §3.2.1.3(g): 127/8 never leaves the host, even when a
	 * socket is bound to another device. */
	if (err == -ENETUNREACH && odev && ipv4_is_loopback(daddr) && !(odev->flags & IFF_LOOPBACK))
		return -EINVAL;
	if (err == -ENETUNREACH && odev) {
		/* Linux: "routing tables are wrong, assume the destination
		 * is on link" when the caller named the device. */
		return output_via_dev(odev, ipv4_is_lbcast(daddr) ? RTN_BROADCAST :
					ipv4_is_multicast(daddr) ? RTN_MULTICAST : RTN_UNICAST, res);
	}
	if (err == -ENETUNREACH)
		goto unreach;
	if (err)
		return err;
	r = fr.route;
	res->type = ipv4_is_lbcast(daddr) ? RTN_BROADCAST :
		    ipv4_is_multicast(daddr) ? RTN_MULTICAST : fr.type;
	if (res->type == RTN_LOCAL) {
		/* Packets to ourselves go through loopback (Linux: dev_out =
		 * net->loopback_dev), whichever device holds the address. */
		if (!loopback_dev)
			goto unreach;
		res->dev = loopback_dev;
		res->prefsrc = r->prefsrc ? r->prefsrc : daddr;
		res->mtu = loopback_dev->mtu;
		return 0;
	}
	res->dev = r->dev;
	res->gateway = res->type == RTN_UNICAST ? r->gateway : 0;
	res->prefsrc = r->prefsrc ? r->prefsrc
		       : inet_select_addr(r->dev, r->gateway ? r->gateway : daddr, r->scope);
	res->mtu = r->mtu && r->mtu < r->dev->mtu ? r->mtu : r->dev->mtu;
	if (res->type == RTN_UNICAST) {
		struct pmtu_entry *e = pmtu_find(daddr);

		if (e && e->mtu < res->mtu)
			res->mtu = e->mtu;
	}
	return 0;
unreach:
	IP_INC_STATS(IPSTATS_MIB_OUTNOROUTES);
	return -ENETUNREACH;
}

/* An IPv4 datagram's largest size (its 16-bit total length). */
#define IP_MAX_MTU 65535u

/* Linux's ipv4_mtu: a route's MTU is at most IP_MAX_MTU, whatever the
 * device's (lo's is 65536); IP_MTU and TCP's MSS see that. */
int ip_route_output(be32 daddr, int oif, struct route_result *res)
{
	int err = route_output(daddr, oif, res);

	if (!err && res->mtu > IP_MAX_MTU)
		res->mtu = IP_MAX_MTU;
	return err;
}

int ip_route_input(be32 daddr, be32 saddr, struct netdev *dev)
{
	struct fib_result fr;

	/* RFC 1122 §3.3.6: limited broadcast; 0 -> 0 is a BOOTP/DHCP client. */
	if (ipv4_is_lbcast(daddr) || (!daddr && !saddr))
		return RTN_BROADCAST;
	/* RFC 1122 §3.2.1.3: a source is never broadcast or multicast. */
	if (ipv4_is_multicast(saddr) || ipv4_is_lbcast(saddr))
		return -EINVAL;
	if (ipv4_is_multicast(daddr))
		return ip_check_mc(dev, daddr) ? RTN_MULTICAST : -EINVAL;  /* not joined */
	if (ipv4_is_zeronet(saddr) || ipv4_is_zeronet(daddr))
		return -EINVAL;
	/* RFC 1122 §3.2.1.3(g): 127/8 never appears outside a host. */
	if (!(dev->flags & IFF_LOOPBACK) && (ipv4_is_loopback(saddr) || ipv4_is_loopback(daddr)))
		return -EINVAL;
	if (fib_lookup(daddr, 0, &fr))
		return -EHOSTUNREACH;
	if (fr.type == RTN_LOCAL || fr.type == RTN_BROADCAST)
		return fr.type;
	return -EHOSTUNREACH;  /* for someone else: we do not forward */
}

/* ---- SIOCADDRT / SIOCDELRT (Linux's ip_rt_ioctl) ---- */

static bool memchr_in(const char *s, char c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == c)
			return true;
	return false;
}

static be32 sa_addr(const struct sockaddr *sa)
{
	struct sockaddr_in sin;

	memcpy(&sin, sa, sizeof(sin));
	return sin.sin_addr.s_addr;
}

/* rt_dev: "eth0", or an address label "eth0:1" (whose address is the source). */
static int rt_dev_config(const char *devname, struct fib_config *cfg)
{
	char name[IFNAMSIZ];
	struct netdev *dev;
	size_t n = 0;

	while (n < IFNAMSIZ - 1 && devname[n])
		n++;
	memcpy(name, devname, n);
	name[n] = 0;
	dev = dev_get_by_ifr_name(name);
	if (!dev)
		return -ENODEV;
	cfg->oif = dev->ifindex;
	if (!memchr_in(name, ':', n))
		return 0;
	for (const struct in_ifaddr *ifa = dev->ifa_list; ifa; ifa = ifa->next) {
		if (strlen(ifa->ifa_label) == n && !memcmp(ifa->ifa_label, name, n)) {
			cfg->prefsrc = ifa->ifa_local;
			return 0;
		}
	}
	return -ENODEV;
}

int ip_rt_ioctl(unsigned int cmd, const struct rtentry *rt, const char *devname,
		int devname_err)
{
	struct fib_config cfg;
	be32 addr, gw;
	int plen = 32, err;

	if (cmd != SIOCADDRT && cmd != SIOCDELRT)
		return -ENOTTY;
	if (rt->rt_dst.sa_family != AF_INET)
		return -EAFNOSUPPORT;
	/* The mask must be contiguous and cover the destination; a mask
	 * without AF_INET is taken only when it is all zero. */
	addr = sa_addr(&rt->rt_dst);
	if (!(rt->rt_flags & RTF_HOST)) {
		be32 mask = sa_addr(&rt->rt_genmask);

		if (rt->rt_genmask.sa_family != AF_INET && (mask || rt->rt_genmask.sa_family))
			return -EAFNOSUPPORT;
		plen = inet_mask_len(mask);
		if (plen < 0 || (addr & ~mask))
			return -EINVAL;
	}
	fib_config_init(&cfg);
	cfg.dst = addr;
	cfg.dst_len = (u8)plen;
	if (cmd == SIOCDELRT)
		cfg.protocol = 0;          /* any */
	else
		cfg.prepend = true;        /* Linux: NLM_F_CREATE */
	if (rt->rt_metric)
		cfg.priority = (u32)(rt->rt_metric - 1);
	if (rt->rt_flags & RTF_REJECT) {
		cfg.scope = RT_SCOPE_HOST;
		cfg.type = RTN_UNREACHABLE;
	} else {
		if (rt->rt_dev) {
			if (devname_err)
				return devname_err;
			err = rt_dev_config(devname, &cfg);
			if (err)
				return err;
		}
		gw = sa_addr(&rt->rt_gateway);
		if (rt->rt_gateway.sa_family == AF_INET && gw) {
			cfg.gateway = gw;
			if ((rt->rt_flags & RTF_GATEWAY) && inet_addr_type(gw) == RTN_UNICAST)
				cfg.scope = RT_SCOPE_UNIVERSE;
		}
		if (cmd == SIOCADDRT) {
			if ((rt->rt_flags & RTF_GATEWAY) && !cfg.gateway)
				return -EINVAL;
			if (cfg.scope == RT_SCOPE_NOWHERE)
				cfg.scope = RT_SCOPE_LINK;
			if (rt->rt_flags & RTF_MTU)
				cfg.advmss = (u32)(rt->rt_mtu - 40);
			if (rt->rt_flags & RTF_WINDOW)
				cfg.window = (u32)rt->rt_window;
			if (rt->rt_flags & RTF_IRTT)
				cfg.rtt = (u32)rt->rt_irtt << 3;
		}
	}
	return cmd == SIOCDELRT ? fib_table_delete(&cfg) : fib_table_insert(&cfg);
}
