/*
 * Neighbor Discovery for a host (RFC 4861) and Duplicate Address
 * Detection (RFC 4862 §5.4), over the neighbour cache shared with ARP.
 *
 *  NS (§7.2.3, §7.2.4): answered for our non-tentative addresses with a
 *     solicited, override NA carrying our link-layer address; the
 *     sender's SLLAO creates or refreshes its entry (STALE).  An NS from
 *     :: for a tentative address is another node's DAD: ours failed.
 *  NA (§7.2.5): updates the entry it answers (INCOMPLETE -> REACHABLE or
 *     STALE; O and S flags as §7.2.5 says); an NA for a tentative
 *     address means it is a duplicate.
 *  RS: hosts ignore them (§6.2.6 is for routers).
 *  RA (§6.1.2 validity, §6.3.4 processing): hop limit, default router
 *     (a default route with the router lifetime), MTU option, SLLAO,
 *     on-link prefixes (routes with their valid lifetime) and, with
 *     autoconf, SLAAC addresses (RFC 4862 §5.5.3: prefix + EUI-64 for a
 *     /64, lifetimes per §5.5.3 (e) with its two-hour rule).
 *  Redirects: validated and counted, not acted on (linux-compat: Linux
 *     follows them).
 * Every ND message we send has hop limit 255 and is not looped back.
 */
#include <net/checksum.h>
#include <net/if_ether.h>
#include <net/ip.h>		/* NET_HEADROOM */
#include <net/ndisc.h>
#include <net/neighbour.h>
#include <uapi/errno.h>
#include <uapi/rtnetlink.h>

struct ndisc_statistics ndisc_stats;

/* Build and send an ND message; `target` NULL for an RS. */
static void ndisc_send(struct netdev *dev, const struct in6_addr *daddr,
		       const struct in6_addr *saddr, u8 type, u8 flags,
		       const struct in6_addr *target, u8 lladdr_opt)
{
	u32 len = (target ? sizeof(struct nd_msg) : sizeof(struct icmp6hdr)) +
		  (lladdr_opt ? 8 : 0);
	struct pkbuf *pkb = pkb_alloc(NET_HEADROOM, len);
	struct icmp6hdr *ih;
	struct ip6_out out;
	u8 *p;

	if (!pkb) {
		ICMP6_INC_STATS(ICMP6_MIB_OUTERRORS);
		return;
	}
	p = pkb_put(pkb, len);
	memset(p, 0, len);
	ih = (struct icmp6hdr *)p;
	ih->icmp6_type = type;
	ih->un.un_data8[0] = flags;
	p += sizeof(*ih);
	if (target) {
		memcpy(p, target, sizeof(*target));
		p += sizeof(*target);
	}
	if (lladdr_opt) {
		p[0] = lladdr_opt;
		p[1] = 1;                       /* 8 octets */
		memcpy(p + 2, dev->dev_addr, ETH_ALEN);
	}
	memset(&out, 0, sizeof(out));
	if (saddr)
		out.saddr = *saddr;
	out.unspec_src = !saddr;
	out.daddr = *daddr;
	out.hop_limit = 255;
	out.oif = dev->ifindex;
	out.mc_noloop = true;
	(void)icmpv6_push(pkb, &out);
}

/* neigh_ops.solicit: §7.2.2, multicast to the solicited-node group or
 * unicast (PROBE) to the cached address. */
static void ndisc_solicit(struct neighbour *n, bool unicast)
{
	struct in6_addr daddr, saddr;

	if (ipv6_dev_get_saddr(n->dev, &n->key6, &saddr))
		return;
	if (unicast)
		daddr = n->key6;
	else
		addrconf_addr_solict_mult(&n->key6, &daddr);
	ndisc_stats.out_ns++;
	ndisc_send(n->dev, &daddr, &saddr, NDISC_NEIGHBOUR_SOLICITATION, 0, &n->key6,
		   ND_OPT_SOURCE_LL_ADDR);
}

/* neigh_ops.error_report: §7.2.2, address unreachable to the sender. */
static void ndisc_error_report(struct neighbour *n, struct pkbuf *pkb)
{
	(void)n;
	icmpv6_send(pkb, ICMPV6_DEST_UNREACH, ICMPV6_ADDR_UNREACH, 0, false);
}

static const struct neigh_ops ndisc_neigh_ops = {
	.solicit = ndisc_solicit,
	.error_report = ndisc_error_report,
};

/*
 * The options after the fixed part (§4.6): every one has a non-zero
 * length and fits.  Sets *lladdr to the link-layer address of type
 * `want` (NULL if absent).  false: the message is invalid.
 */
static bool nd_opts(const u8 *p, u32 len, u8 want, const u8 **lladdr,
		    void (*each)(const u8 *opt, u32 len, void *arg), void *arg)
{
	*lladdr = NULL;
	while (len) {
		u32 olen;

		if (len < 2 || p[1] == 0)
			return false;
		olen = (u32)p[1] * 8;
		if (olen > len)
			return false;
		if (p[0] == want && olen >= 8)
			*lladdr = p + 2;
		else if (each)
			each(p, olen, arg);
		p += olen;
		len -= olen;
	}
	return true;
}

static void ndisc_recv_ns(struct pkbuf *pkb, const struct ip6_addrs *ip6)
{
	const struct nd_msg *msg = (const struct nd_msg *)pkb->data;
	struct netdev *dev = pkb->dev;
	bool dad = ipv6_addr_any(&ip6->saddr);
	struct inet6_ifaddr *ifa;
	struct in6_addr snm, daddr, target;
	const u8 *lladdr;

	if (pkb->len < sizeof(*msg))
		goto bad;
	target = msg->target;
	if (ipv6_addr_is_multicast(&target) ||
	    !nd_opts(msg->opt, pkb->len - sizeof(*msg), ND_OPT_SOURCE_LL_ADDR, &lladdr, NULL, NULL))
		goto bad;
	/* §7.1.1: from :: only to a solicited-node group, without SLLAO. */
	addrconf_addr_solict_mult(&target, &snm);
	if (dad && (!ipv6_addr_equal(&ip6->daddr, &snm) || lladdr))
		goto bad;
	ndisc_stats.in_ns++;
	ifa = ipv6_get_ifaddr(dev, &target);
	if (!ifa)
		return;                 /* not ours: no proxy ND */
	if (ifa->flags & IFA6_F_TENTATIVE) {
		/* RFC 4862 §5.4.3: another node's DAD for it: a duplicate;
		 * a solicitation from a real source is ignored. */
		if (dad && !(ifa->flags & IFA6_F_DADFAILED)) {
			ndisc_stats.dad_failed++;
			ndisc_dad_stop(ifa);
			addrconf_dad_done(ifa, true);
		}
		return;
	}
	if (!dad && lladdr)
		(void)neigh6_update(dev, &ip6->saddr, lladdr, NUD_STALE,
				    NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_CREATE);
	/* §7.2.4: to the solicitor (all-nodes when it has no address yet),
	 * solicited unless that, override (we answer only for ourselves). */
	daddr = dad ? in6addr_linklocal_allnodes : ip6->saddr;
	ndisc_stats.out_na++;
	ndisc_send(dev, &daddr, &target, NDISC_NEIGHBOUR_ADVERTISEMENT,
		   (u8)((dad ? 0 : ND_NA_SOLICITED) | ND_NA_OVERRIDE), &target,
		   ND_OPT_TARGET_LL_ADDR);
	return;
bad:
	ndisc_stats.in_bad++;
}

static void ndisc_recv_na(struct pkbuf *pkb, const struct ip6_addrs *ip6)
{
	const struct nd_msg *msg = (const struct nd_msg *)pkb->data;
	struct netdev *dev = pkb->dev;
	u8 flags;
	bool solicited, override;
	struct inet6_ifaddr *ifa;
	struct neighbour *n;
	struct in6_addr target;
	const u8 *lladdr;

	if (pkb->len < sizeof(*msg))
		goto bad;
	target = msg->target;
	if (ipv6_addr_is_multicast(&target) ||
	    !nd_opts(msg->opt, pkb->len - sizeof(*msg), ND_OPT_TARGET_LL_ADDR, &lladdr, NULL, NULL))
		goto bad;
	flags = msg->icmph.un.un_data8[0];
	solicited = flags & ND_NA_SOLICITED;
	override = flags & ND_NA_OVERRIDE;
	/* §7.1.2: solicited NAs are never multicast. */
	if (solicited && ipv6_addr_is_multicast(&ip6->daddr))
		goto bad;
	ndisc_stats.in_na++;
	ifa = ipv6_get_ifaddr(dev, &target);
	if (ifa) {
		/* RFC 4862 §5.4.4: someone has our tentative address. */
		if ((ifa->flags & IFA6_F_TENTATIVE) && !(ifa->flags & IFA6_F_DADFAILED)) {
			ndisc_stats.dad_failed++;
			ndisc_dad_stop(ifa);
			addrconf_dad_done(ifa, true);
		}
		return;
	}
	n = neigh6_lookup(dev, &target);
	if (!n)
		return;                 /* §7.2.5: no entry, nothing to do */
	if (n->nud_state & (NUD_PERMANENT | NUD_NOARP))
		return;
	if (n->nud_state == NUD_INCOMPLETE || n->nud_state == NUD_FAILED ||
	    n->nud_state == NUD_NONE) {
		if (!lladdr)
			return;
		(void)neigh6_update(dev, &target, lladdr,
				    solicited ? NUD_REACHABLE : NUD_STALE, NEIGH_UPDATE_F_OVERRIDE);
		return;
	}
	if (!override && lladdr && memcmp(lladdr, n->ha, ETH_ALEN) != 0) {
		/* §7.2.5: a different address without O: only a REACHABLE
		 * entry is weakened to STALE; the address is kept. */
		if (n->nud_state == NUD_REACHABLE)
			(void)neigh6_update(dev, &target, NULL, NUD_STALE,
					    NEIGH_UPDATE_F_ADMIN);
		return;
	}
	if (solicited)
		(void)neigh6_update(dev, &target, lladdr, NUD_REACHABLE,
				    NEIGH_UPDATE_F_OVERRIDE);
	else if (lladdr && memcmp(lladdr, n->ha, ETH_ALEN) != 0)
		(void)neigh6_update(dev, &target, lladdr, NUD_STALE,
				    NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_ADMIN);
	return;
bad:
	ndisc_stats.in_bad++;
}

/* ---- Router advertisements (§6.3.4) and SLAAC (RFC 4862 §5.5.3) ---- */

struct ra_ctx {
	struct netdev *dev;
	struct inet6_dev *idev;
	bool bad;
};

#define TWO_HOURS_S 7200u

static void ra_prefix(const struct prefix_info *pi, struct ra_ctx *c)
{
	u32 valid = net_ntohl(pi->valid), pref = net_ntohl(pi->prefered);
	struct in6_addr pfx = pi->prefix, addr;
	struct inet6_ifaddr *ifa;
	struct rt6_info *rt;

	if (pi->prefix_len > 128 || ipv6_addr_is_linklocal(&pfx) || ipv6_addr_is_multicast(&pfx))
		return;         /* §6.3.4 / RFC 4862 §5.5.3 (b): ignored */
	for (u32 i = pi->prefix_len; i < 128; i++)
		pfx.s6_addr[i / 8] &= (u8)~(0x80 >> (i % 8));
	if (pi->flags & 0x80) {
		/* On-link (§6.3.4): a route for the valid lifetime. */
		rt = ip6_route_find(&pfx, pi->prefix_len, NULL, c->dev);
		if (!valid) {
			if (rt)
				(void)ip6_route_del(&pfx, pi->prefix_len, NULL, c->dev);
		} else {
			if (!rt && !ip6_route_add(&pfx, pi->prefix_len, NULL, c->dev, 256, RTPROT_RA))
				rt = ip6_route_find(&pfx, pi->prefix_len, NULL, c->dev);
			if (rt && rt->protocol == RTPROT_RA)
				rt->expires_ns = valid == 0xffffffffu ? 0
						 : net_now_ns() + (u64)valid * NSEC_PER_SEC;
		}
	}
	/* RFC 4862 §5.5.3: (a) A flag, (c) preferred <= valid, then an
	 * interface identifier of 64 bits needs a /64. */
	if (!(pi->flags & 0x40) || !c->idev->cnf.autoconf || pref > valid ||
	    pi->prefix_len != 64 || c->dev->addr_len != ETH_ALEN)
		return;
	addr = pfx;
	ipv6_eui64_from_mac(c->dev->dev_addr, &addr.s6_addr[8]);
	ifa = ipv6_get_ifaddr(c->dev, &addr);
	if (!ifa) {
		if (!valid)
			return;         /* (d): a new prefix with no lifetime */
		if (ipv6_addr_add(c->dev, &addr, 64, 0))
			return;
		ifa = ipv6_get_ifaddr(c->dev, &addr);
		ipv6_addr_set_lifetime(ifa, valid, pref);
		return;
	}
	/* (e): the two-hour rule protects against a spoofed short lifetime. */
	{
		u64 now = net_now_ns();
		u64 remaining = ifa->valid_until_ns
				? (ifa->valid_until_ns > now ? (ifa->valid_until_ns - now) / NSEC_PER_SEC : 0)
				: 0xffffffffu;

		if (valid != 0xffffffffu && valid <= TWO_HOURS_S && valid <= remaining)
			valid = remaining <= TWO_HOURS_S ? (u32)remaining : TWO_HOURS_S;
		if (pref > valid)
			pref = valid;
		ipv6_addr_set_lifetime(ifa, valid, pref);
	}
}

static void ra_option(const u8 *opt, u32 len, void *arg)
{
	struct ra_ctx *c = arg;

	switch (opt[0]) {
	case ND_OPT_PREFIX_INFO:
		if (len != sizeof(struct prefix_info)) {
			c->bad = true;
			return;
		}
		ra_prefix((const struct prefix_info *)opt, c);
		break;
	case ND_OPT_MTU: {
		u32 mtu;

		if (len != 8)
			return;
		mtu = (u32)opt[4] << 24 | (u32)opt[5] << 16 | (u32)opt[6] << 8 | opt[7];
		/* §6.3.4: only within the link's range. */
		if (mtu >= IPV6_MIN_MTU && mtu <= c->dev->mtu)
			c->idev->cnf.mtu6 = mtu;
		break;
	}
	default:
		break;          /* §4.6: unknown options are skipped */
	}
}

static void ndisc_recv_ra(struct pkbuf *pkb, const struct ip6_addrs *ip6)
{
	const struct ra_msg *ra = (const struct ra_msg *)pkb->data;
	struct ra_ctx c = { .dev = pkb->dev, .idev = in6_dev_get(pkb->dev) };
	static const struct in6_addr any;
	struct rt6_info *rt;
	const u8 *lladdr;
	u16 lifetime;

	/* §6.1.2: from a link-local address, at least 16 bytes. */
	if (!ipv6_addr_is_linklocal(&ip6->saddr) || pkb->len < sizeof(*ra))
		goto bad;
	if (!nd_opts((const u8 *)(ra + 1), pkb->len - sizeof(*ra), ND_OPT_SOURCE_LL_ADDR,
		     &lladdr, NULL, NULL))
		goto bad;
	ndisc_stats.in_ra++;
	if (!c.idev || !c.idev->cnf.accept_ra)
		return;
	/* §6.3.7: an RA ends solicitation. */
	net_timer_cancel(&c.idev->rs_timer);
	if (ra->icmph.un.un_data8[0])
		c.idev->cnf.hop_limit = ra->icmph.un.un_data8[0];
	if (ra->reachable_time)
		c.idev->reachable_ns = (u64)net_ntohl(ra->reachable_time) * NSEC_PER_MSEC;
	if (ra->retrans_timer)
		c.idev->retrans_ns = (u64)net_ntohl(ra->retrans_timer) * NSEC_PER_MSEC;
	/* Default router list (§6.3.4) as a default route through it. */
	lifetime = net_ntohs(ra->icmph.un.un_data16[1]);
	rt = ip6_route_find(&any, 0, &ip6->saddr, c.dev);
	if (!lifetime) {
		if (rt)
			(void)ip6_route_del(&any, 0, &ip6->saddr, c.dev);
	} else {
		if (!rt && !ip6_route_add(&any, 0, &ip6->saddr, c.dev, 1024, RTPROT_RA))
			rt = ip6_route_find(&any, 0, &ip6->saddr, c.dev);
		if (rt)
			rt->expires_ns = net_now_ns() + (u64)lifetime * NSEC_PER_SEC;
	}
	if (lladdr)
		(void)neigh6_update(c.dev, &ip6->saddr, lladdr, NUD_STALE,
				    NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_CREATE);
	(void)nd_opts((const u8 *)(ra + 1), pkb->len - sizeof(*ra), 0xff, &lladdr, ra_option, &c);
	if (c.bad)
		ndisc_stats.in_bad++;
	return;
bad:
	ndisc_stats.in_bad++;
}

void ndisc_rcv(struct pkbuf *pkb)
{
	const struct ipv6hdr *hdr = (const struct ipv6hdr *)pkb_network(pkb);
	struct ip6_addrs a = ipv6_hdr_addrs(hdr), *ip6 = &a;
	const struct icmp6hdr *ih = (const struct icmp6hdr *)pkb->data;

	/* §6.1, §7.1: hop limit 255 (not forwarded), code 0, no
	 * extension headers before the ICMPv6 header would change that. */
	if (hdr->hop_limit != 255 || ih->icmp6_code != 0) {
		ndisc_stats.in_bad++;
		return;
	}
	switch (ih->icmp6_type) {
	case NDISC_NEIGHBOUR_SOLICITATION:
		ndisc_recv_ns(pkb, ip6);
		break;
	case NDISC_NEIGHBOUR_ADVERTISEMENT:
		ndisc_recv_na(pkb, ip6);
		break;
	case NDISC_ROUTER_ADVERTISEMENT:
		ndisc_recv_ra(pkb, ip6);
		break;
	case NDISC_ROUTER_SOLICITATION:
		ndisc_stats.in_rs++;
		break;
	default:
		ndisc_stats.in_redirect++;
		break;
	}
}

/* ---- DAD (RFC 4862 §5.4) ---- */

static void dad_timer(struct net_timer *t)
{
	struct inet6_ifaddr *ifa = net_container_of(t, struct inet6_ifaddr, dad_timer);
	struct in6_addr snm;

	if (!ifa->dad_probes) {
		addrconf_dad_done(ifa, false);  /* §5.4.3: RetransTimer of silence */
		return;
	}
	ifa->dad_probes--;
	addrconf_addr_solict_mult(&ifa->addr, &snm);
	ndisc_stats.out_ns++;
	/* §5.4.2: from ::, to the solicited-node group, no SLLAO. */
	ndisc_send(ifa->dev, &snm, NULL, NDISC_NEIGHBOUR_SOLICITATION, 0, &ifa->addr, 0);
	net_timer_arm_in(&ifa->dad_timer, (u64)RETRANS_TIMER_MS * NSEC_PER_MSEC);
}

void ndisc_dad_start(struct inet6_ifaddr *ifa)
{
	const struct inet6_dev *idev = in6_dev_get(ifa->dev);

	ifa->flags &= ~(u32)IFA6_F_DADFAILED;
	ifa->dad_probes = idev ? (u8)idev->cnf.dad_transmits : 1;
	net_timer_cancel(&ifa->dad_timer);
	net_timer_init(&ifa->dad_timer, dad_timer);
	/* §5.4.2: the first solicitation after a random delay of up to
	 * MAX_RTR_SOLICITATION_DELAY. */
	net_timer_arm_in(&ifa->dad_timer, (u64)(net_random_u32() % MAX_RTR_SOLICITATION_DELAY_MS) *
					  NSEC_PER_MSEC);
}

void ndisc_dad_stop(struct inet6_ifaddr *ifa)
{
	net_timer_cancel(&ifa->dad_timer);
}

/* ---- Router solicitation (§6.3.7) ---- */

static void rs_timer(struct net_timer *t)
{
	struct inet6_dev *idev = net_container_of(t, struct inet6_dev, rs_timer);
	struct inet6_ifaddr *ll = ipv6_get_lladdr(idev->dev, false);

	if (!idev->running || idev->rs_probes >= idev->cnf.rtr_solicits)
		return;
	idev->rs_probes++;
	ndisc_stats.out_rs++;
	/* From our link-local address with SLLAO (or from :: without). */
	ndisc_send(idev->dev, &in6addr_linklocal_allrouters, ll ? &ll->addr : NULL,
		   NDISC_ROUTER_SOLICITATION, 0, NULL, ll ? ND_OPT_SOURCE_LL_ADDR : 0);
	if (idev->rs_probes < idev->cnf.rtr_solicits)
		net_timer_arm_in(&idev->rs_timer,
				 (u64)idev->cnf.rtr_solicit_interval_ms * NSEC_PER_MSEC);
}

void ndisc_start_rs(struct inet6_dev *idev)
{
	net_timer_cancel(&idev->rs_timer);
	net_timer_init(&idev->rs_timer, rs_timer);
	idev->rs_probes = 0;
	if (!idev->cnf.rtr_solicits)
		return;
	net_timer_arm_in(&idev->rs_timer, (u64)(net_random_u32() % MAX_RTR_SOLICITATION_DELAY_MS) *
					  NSEC_PER_MSEC);
}

void ndisc_init(void)
{
	neigh6_set_ops(&ndisc_neigh_ops);
	memset(&ndisc_stats, 0, sizeof(ndisc_stats));
}

void ndisc_exit(void)
{
	neigh6_set_ops(NULL);
}
