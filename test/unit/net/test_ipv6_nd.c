/*
 * IPv6 Neighbor Discovery (RFC 4861) over the neighbour cache shared
 * with ARP, DAD (RFC 4862 §5.4), link-local addresses from the MAC
 * (RFC 4862 §5.3, RFC 4291 §2.5.1), the v6 FIB (longest prefix), source
 * address selection (RFC 6724 §5), and RS/RA with SLAAC (RFC 4861 §6.3,
 * RFC 4862 §5.5).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include <net/mld.h>
#include "ipv6test.h"

static u8 pkt[4096];
static const u8 other_mac[6] = { 0x02, 0, 0, 0, 0, 0x33 };

/* An ND message from src (hop limit 255) with an optional lladdr option. */
static u32 build_nd(u8 *buf, const struct in6_addr *src, const struct in6_addr *dst, u8 type,
		    u8 flags, const struct in6_addr *target, u8 opt, const u8 *mac, u8 hops)
{
	u8 body[64];
	u32 len = 0, l;

	if (target) {
		memcpy(body, target, 16);
		len = 16;
	}
	if (opt) {
		body[len] = opt;
		body[len + 1] = 1;
		memcpy(body + len + 2, mac, 6);
		len += 8;
	}
	l = build_icmp6(buf + 40, src, dst, type, 0, net_htonl((u32)flags << 24), body, len);
	return build_ip6(buf, src, dst, IPPROTO_ICMPV6, hops, l) + l;
}

static struct in6_addr snm_of(const struct in6_addr *a)
{
	struct in6_addr s;

	addrconf_addr_solict_mult(a, &s);
	return s;
}

static void link_local_from_mac(void **state)
{
	struct inet6_ifaddr *ll;
	char buf[46];

	(void)state;
	ll = L(ipv6_get_lladdr(eth0, true));
	assert_non_null(ll);
	assert_string_equal(ipv6_ntop(&ll->addr, buf), "fe80::ff:fe00:1");
	assert_int_equal(ll->prefix_len, 64);
	assert_true(ll->flags & IFA6_F_TENTATIVE);
	/* ::1 on lo, no DAD there. */
	assert_non_null(L(ipv6_get_ifaddr(loopback_dev, &in6addr_loopback_addr)));
	assert_true(L(ipv6_chk_addr(&in6addr_loopback_addr, NULL)));
	/* RFC 5952 text forms. */
	assert_string_equal(ipv6_ntop(&(struct in6_addr){ .s6_addr = { 0x20, 0x01, 0x0d, 0xb8, [7] = 1,
				      [15] = 1 } }, buf), "2001:db8:0:1::1");
	assert_string_equal(ipv6_ntop(&(struct in6_addr){ 0 }, buf), "::");
}

static void dad_succeeds_in_silence(void **state)
{
	struct frame6 f;
	struct ip6_addrs a;
	struct in6_addr snm = snm_of(&our_ll6);
	int ns = 0;

	(void)state;
	fake_clock_advance(NSEC_PER_SEC);       /* past the random delay */
	net_run_until_idle();
	while (pop_frame6(eth0, &f)) {
		if (f.type == NDISC_NEIGHBOUR_SOLICITATION) {
			a = ipv6_hdr_addrs(&f.ip6);
			/* RFC 4862 §5.4.2: from ::, to the solicited-node group,
			 * hop limit 255, no SLLAO, the target is the address. */
			assert_true(ipv6_addr_any(&a.saddr));
			assert_true(ipv6_addr_equal(&a.daddr, &snm));
			assert_int_equal(f.ip6.hop_limit, 255);
			assert_int_equal(f.plen, 24);
			assert_memory_equal(f.icmp + 8, &our_ll6, 16);
			assert_memory_equal(f.eth->h_dest, ((u8[]){ 0x33, 0x33, 0xff, 0, 0, 1 }), 6);
			ns++;
		}
		frame6_free(&f);
	}
	assert_int_equal(ns, 1);
	assert_true(L(ipv6_get_lladdr(eth0, true))->flags & IFA6_F_TENTATIVE);
	fake_clock_advance(NSEC_PER_SEC);
	net_run_until_idle();
	assert_false(L(ipv6_get_lladdr(eth0, true))->flags & IFA6_F_TENTATIVE);
	assert_true(L(ipv6_chk_addr(&our_ll6, eth0)));
}

static void dad_fails_on_na_or_ns(void **state)
{
	struct in6_addr g = a6(0x2001, 0x99), g2 = a6(0x2001, 0x98), any, allnodes;
	struct in6_addr snm = snm_of(&g2);
	u8 snm_mac[6] = { 0x33, 0x33, 0xff, 0, 0, 0x98 };
	struct inet6_ifaddr *ifa;
	u32 n;

	(void)state;
	memset(&any, 0, sizeof(any));
	allnodes = in6addr_linklocal_allnodes;
	LV(assert_int_equal(ipv6_addr_add(eth0, &g, 64, 0), 0));
	LV(assert_int_equal(ipv6_addr_add(eth0, &g2, 64, 0), 0));
	/* Tentative: not ours for traffic (RFC 4862 §5.4). */
	assert_false(L(ipv6_chk_addr(&g, NULL)));
	/* Someone answers for g: a duplicate (§5.4.4). */
	n = build_nd(pkt, &g, &allnodes, NDISC_NEIGHBOUR_ADVERTISEMENT, ND_NA_OVERRIDE, &g,
		     ND_OPT_TARGET_LL_ADDR, other_mac, 255);
	inject_ip6_to((u8[]){ 0x33, 0x33, 0, 0, 0, 1 }, pkt, n);
	ifa = L(ipv6_get_ifaddr(eth0, &g));
	assert_true(ifa->flags & IFA6_F_DADFAILED);
	/* Someone else probes for g2 from :: (§5.4.3). */
	n = build_nd(pkt, &any, &snm, NDISC_NEIGHBOUR_SOLICITATION, 0, &g2, 0, NULL, 255);
	inject_ip6_to(snm_mac, pkt, n);
	ifa = L(ipv6_get_ifaddr(eth0, &g2));
	assert_true(ifa->flags & IFA6_F_DADFAILED);
	assert_int_equal(ndisc_stats.dad_failed, 2);
	fake_clock_advance(5 * NSEC_PER_SEC);
	net_run_until_idle();
	assert_false(L(ipv6_chk_addr(&g, NULL)));
	assert_false(L(ipv6_chk_addr(&g2, NULL)));
	/* And they are never chosen as a source. */
	{
		struct in6_addr s, peer = PEER6;

		assert_int_equal(L(ipv6_dev_get_saddr(eth0, &peer, &s)), 0);
		assert_false(ipv6_addr_equal(&s, &g));
		assert_false(ipv6_addr_equal(&s, &g2));
	}
	drain6(eth0);
}

static void ns_gets_na_and_creates_stale_entry(void **state)
{
	struct in6_addr our = OUR6, peer = PEER6, snm = snm_of(&our), any;
	u8 snm_mac[6] = { 0x33, 0x33, 0xff, 0, 0, 1 };
	struct frame6 f;
	struct ip6_addrs a;
	struct neighbour *n;
	u32 len;

	(void)state;
	memset(&any, 0, sizeof(any));
	len = build_nd(pkt, &peer, &snm, NDISC_NEIGHBOUR_SOLICITATION, 0, &our,
		       ND_OPT_SOURCE_LL_ADDR, peer_mac, 255);
	inject_ip6_to(snm_mac, pkt, len);
	n = L(neigh6_lookup(eth0, &peer));
	assert_non_null(n);
	assert_memory_equal(n->ha, peer_mac, 6);
	/* RFC 4861 §7.2.3: STALE, and the NA then moved it to DELAY. */
	assert_int_equal(n->nud_state, NUD_DELAY);
	assert_true(pop_frame6(eth0, &f));
	a = ipv6_hdr_addrs(&f.ip6);
	assert_int_equal(f.type, NDISC_NEIGHBOUR_ADVERTISEMENT);
	assert_int_equal(f.icmp[4], ND_NA_SOLICITED | ND_NA_OVERRIDE);
	assert_true(ipv6_addr_equal(&a.saddr, &our));
	assert_true(ipv6_addr_equal(&a.daddr, &peer));
	assert_int_equal(f.ip6.hop_limit, 255);
	assert_memory_equal(f.icmp + 8, &our, 16);
	assert_int_equal(f.icmp[24], ND_OPT_TARGET_LL_ADDR);
	assert_memory_equal(f.icmp + 26, our_mac, 6);
	assert_memory_equal(f.eth->h_dest, peer_mac, 6);
	frame6_free(&f);
	/* A DAD probe for our address: answered to all-nodes, not solicited. */
	len = build_nd(pkt, &any, &snm, NDISC_NEIGHBOUR_SOLICITATION, 0, &our, 0, NULL, 255);
	inject_ip6_to(snm_mac, pkt, len);
	assert_true(pop_frame6(eth0, &f));
	a = ipv6_hdr_addrs(&f.ip6);
	assert_int_equal(f.icmp[4], ND_NA_OVERRIDE);
	assert_true(ipv6_addr_equal(&a.daddr, &in6addr_linklocal_allnodes));
	frame6_free(&f);
	/* Hop limit not 255: ignored (§7.1.1). */
	len = build_nd(pkt, &peer, &snm, NDISC_NEIGHBOUR_SOLICITATION, 0, &our,
		       ND_OPT_SOURCE_LL_ADDR, peer_mac, 64);
	inject_ip6_to(snm_mac, pkt, len);
	assert_int_equal(drain6(eth0), 0);
	assert_int_equal(ndisc_stats.in_bad, 1);
	/* ARP and ND entries live in one cache; /proc/net/arp shows only v4. */
	LV(assert_non_null(neigh_update(eth0, OTHER_IP, peer_mac, NUD_REACHABLE,
					NEIGH_UPDATE_F_CREATE)));
	{
		static char buf[4096];
		int lines = 0, v4 = 0, v6 = 0;

		for (struct neighbour *nb = L(neigh_first()); nb; nb = nb->next) {
			v4 += nb->protocol == ETH_P_IP;
			v6 += nb->protocol == ETH_P_IPV6;
		}
		assert_int_equal(v4, 3);            /* PEER_IP, GW_IP, OTHER_IP */
		assert_int_equal(v6, 1);
		assert_int_equal(L(neigh_count()), 4);
		L(arp_proc_format(buf, sizeof(buf)));
		assert_non_null(strstr(buf, "192.0.2.3 "));
		for (char *c = buf; *c; c++)
			lines += *c == '\n';
		assert_int_equal(lines, 1 + v4);
	}
}

static void resolution_queues_then_sends(void **state)
{
	struct in6_addr our = OUR6, other = OTHER6, snm = snm_of(&other);
	struct frame6 f;
	struct ip6_addrs a;
	struct ip6_out out;
	struct neighbour *n;
	u32 len;

	(void)state;
	memset(&out, 0, sizeof(out));
	out.daddr = other;
	out.nexthdr = 253;
	assert_int_equal(L(ip6_output(pkb_from(NET_HEADROOM, "hello", 5), &out)), 0);
	assert_true(pop_frame6(eth0, &f));
	a = ipv6_hdr_addrs(&f.ip6);
	/* §7.2.2: multicast NS to the solicited-node group with SLLAO. */
	assert_int_equal(f.type, NDISC_NEIGHBOUR_SOLICITATION);
	assert_true(ipv6_addr_equal(&a.daddr, &snm));
	assert_true(ipv6_addr_equal(&a.saddr, &our));
	assert_int_equal(f.icmp[24], ND_OPT_SOURCE_LL_ADDR);
	assert_memory_equal(f.icmp + 26, our_mac, 6);
	frame6_free(&f);
	n = L(neigh6_lookup(eth0, &other));
	assert_int_equal(n->nud_state, NUD_INCOMPLETE);
	/* The solicited answer: REACHABLE, and the packet leaves. */
	len = build_nd(pkt, &other, &our, NDISC_NEIGHBOUR_ADVERTISEMENT,
		       ND_NA_SOLICITED | ND_NA_OVERRIDE, &other, ND_OPT_TARGET_LL_ADDR, other_mac, 255);
	inject_ip6(pkt, len);
	assert_int_equal(L(neigh6_lookup(eth0, &other))->nud_state, NUD_REACHABLE);
	assert_true(pop_frame6(eth0, &f));
	assert_int_equal(f.ip6.nexthdr, 253);
	assert_memory_equal(f.eth->h_dest, other_mac, 6);
	frame6_free(&f);
	/* An unsolicited NA without O and another address: only STALE (§7.2.5). */
	len = build_nd(pkt, &other, &our, NDISC_NEIGHBOUR_ADVERTISEMENT, 0, &other,
		       ND_OPT_TARGET_LL_ADDR, peer_mac, 255);
	inject_ip6(pkt, len);
	n = L(neigh6_lookup(eth0, &other));
	assert_int_equal(n->nud_state, NUD_STALE);
	assert_memory_equal(n->ha, other_mac, 6);
	/* With O: the new address. */
	len = build_nd(pkt, &other, &our, NDISC_NEIGHBOUR_ADVERTISEMENT, ND_NA_OVERRIDE, &other,
		       ND_OPT_TARGET_LL_ADDR, peer_mac, 255);
	inject_ip6(pkt, len);
	assert_memory_equal(L(neigh6_lookup(eth0, &other))->ha, peer_mac, 6);
}

static void resolution_failure_reports_unreachable(void **state)
{
	struct in6_addr other = OTHER6;
	struct ip6_out out;
	u32 ns = 0;

	(void)state;
	memset(&out, 0, sizeof(out));
	out.daddr = other;
	out.nexthdr = 253;
	assert_int_equal(L(ip6_output(pkb_from(NET_HEADROOM, "x", 1), &out)), 0);
	for (int i = 0; i < 6; i++) {
		struct frame6 f;

		while (pop_frame6(eth0, &f)) {
			ns += f.type == NDISC_NEIGHBOUR_SOLICITATION &&
			      memcmp(f.icmp + 8, &other, 16) == 0;
			frame6_free(&f);
		}
		fake_clock_advance(NSEC_PER_SEC);
		net_run_until_idle();
	}
	assert_int_equal(ns, 3);        /* MAX_MULTICAST_SOLICIT */
	assert_int_equal(L(neigh6_lookup(eth0, &other))->nud_state, NUD_FAILED);
	/* §7.2.2: address unreachable, to ourselves (the sender), over lo. */
	assert_int_equal(ctr6("Icmp6OutDestUnreachs"), 1);
	assert_int_equal(ctr6("Icmp6InDestUnreachs"), 1);
}

static void fib_longest_prefix_and_metric(void **state)
{
	struct in6_addr p48 = { .s6_addr = { 0x20, 0x01, 0x0d, 0xb8, 0xaa } };
	struct in6_addr p64 = { .s6_addr = { 0x20, 0x01, 0x0d, 0xb8, 0xaa, 0, 0, 1 } };
	struct in6_addr d1 = p64, d2 = p48, any, gw1 = a6(0xfe80, 0x11), gw2 = a6(0xfe80, 0x22);
	struct rt6_result r;

	(void)state;
	memset(&any, 0, sizeof(any));
	d1.s6_addr[15] = 5;
	d2.s6_addr[15] = 5;
	LV(assert_int_equal(ip6_route_add(&p48, 48, &gw1, eth0, 1024, RTPROT_BOOT), 0));
	LV(assert_int_equal(ip6_route_add(&p64, 64, NULL, eth0, 1024, RTPROT_BOOT), 0));
	LV(assert_int_equal(ip6_route_add(&any, 0, &gw2, eth0, 1024, RTPROT_BOOT), 0));
	LV(assert_int_equal(ip6_route_add(&p48, 48, &gw1, eth0, 1024, RTPROT_BOOT), -EEXIST));
	LV(assert_int_equal(ip6_route_add(&p64, 48, NULL, eth0, 1, RTPROT_BOOT), -EINVAL));
	assert_int_equal(L(ip6_route_output(&d1, 0, &r)), 0);
	assert_true(ipv6_addr_equal(&r.nexthop, &d1));        /* /64 on-link */
	assert_int_equal(L(ip6_route_output(&d2, 0, &r)), 0);
	assert_true(ipv6_addr_equal(&r.nexthop, &gw1));       /* /48 */
	d2.s6_addr[4] = 0xbb;
	assert_int_equal(L(ip6_route_output(&d2, 0, &r)), 0);
	assert_true(ipv6_addr_equal(&r.nexthop, &gw2));       /* default */
	assert_int_equal(r.mtu, 1500);
	/* A lower metric wins among equal prefixes. */
	LV(assert_int_equal(ip6_route_add(&any, 0, &gw1, eth0, 10, RTPROT_BOOT), 0));
	assert_int_equal(L(ip6_route_output(&d2, 0, &r)), 0);
	assert_true(ipv6_addr_equal(&r.nexthop, &gw1));
	LV(assert_int_equal(ip6_route_del(&any, 0, &gw1, eth0), 0));
	assert_int_equal(L(ip6_route_output(&d2, 0, &r)), 0);
	assert_true(ipv6_addr_equal(&r.nexthop, &gw2));
	/* Our own addresses go through loopback. */
	d1 = OUR6;
	assert_int_equal(L(ip6_route_output(&d1, 0, &r)), 0);
	assert_true(r.local);
	assert_ptr_equal(r.dev, loopback_dev);
}

static void source_selection(void **state)
{
	struct in6_addr s, peer = PEER6, peer_ll = PEER_LL6, our = OUR6;
	struct in6_addr ula = { .s6_addr = { 0xfd, 0x00, [15] = 1 } };
	struct in6_addr ula_peer = { .s6_addr = { 0xfd, 0x00, [15] = 2 } };

	(void)state;
	fake_clock_advance(2 * NSEC_PER_SEC);     /* the link-local address's DAD */
	net_run_until_idle();
	drain6(eth0);
	LV(assert_int_equal(ipv6_addr_add(eth0, &ula, 64, IFA6_F_NODAD), 0));
	/* Rule 2: link-local for a link-local destination. */
	assert_int_equal(L(ipv6_dev_get_saddr(eth0, &peer_ll, &s)), 0);
	assert_true(ipv6_addr_equal(&s, &our_ll6));
	/* Rule 8: the longest matching prefix among globals. */
	assert_int_equal(L(ipv6_dev_get_saddr(eth0, &peer, &s)), 0);
	assert_true(ipv6_addr_equal(&s, &our));
	assert_int_equal(L(ipv6_dev_get_saddr(eth0, &ula_peer, &s)), 0);
	assert_true(ipv6_addr_equal(&s, &ula));
	/* Rule 1: the destination itself. */
	assert_int_equal(L(ipv6_dev_get_saddr(NULL, &ula, &s)), 0);
	assert_true(ipv6_addr_equal(&s, &ula));
	/* Rule 3: a deprecated address loses. */
	LV(ipv6_addr_set_lifetime(ipv6_get_ifaddr(eth0, &our), 3600, 0));
	assert_int_equal(L(ipv6_dev_get_saddr(eth0, &peer, &s)), 0);
	assert_true(ipv6_addr_equal(&s, &ula));
}

/* An RA from fe80::1 with a /64 prefix (L, A) and an MTU option. */
static u32 build_ra(u8 *buf, u16 router_lifetime, u32 valid, u32 preferred, u8 pflags)
{
	struct in6_addr src = a6(0xfe80, 1), dst = in6addr_linklocal_allnodes;
	u8 body[80];
	u32 l;

	memset(body, 0, sizeof(body));
	/* reachable 0, retrans 0 */
	body[8] = ND_OPT_SOURCE_LL_ADDR;
	body[9] = 1;
	memcpy(body + 10, other_mac, 6);
	body[16] = ND_OPT_PREFIX_INFO;
	body[17] = 4;
	body[18] = 64;
	body[19] = pflags;
	body[20] = (u8)(valid >> 24); body[21] = (u8)(valid >> 16);
	body[22] = (u8)(valid >> 8); body[23] = (u8)valid;
	body[24] = (u8)(preferred >> 24); body[25] = (u8)(preferred >> 16);
	body[26] = (u8)(preferred >> 8); body[27] = (u8)preferred;
	body[32] = 0x20; body[33] = 0x01; body[34] = 0x0d; body[35] = 0xb8;
	body[36] = 0x00; body[37] = 0x02;                   /* 2001:db8:2::/64 */
	body[48] = ND_OPT_MTU;
	body[49] = 1;
	body[54] = 0x05; body[55] = 0x78;                   /* 1400 */
	l = build_icmp6(buf + 40, &src, &dst, NDISC_ROUTER_ADVERTISEMENT, 0,
			net_htonl(64u << 24 | router_lifetime), body, 56);
	return build_ip6(buf, &src, &dst, IPPROTO_ICMPV6, 255, l) + l;
}

static void rs_after_dad_then_ra_slaac(void **state)
{
	struct in6_addr slaac = { .s6_addr = { 0x20, 0x01, 0x0d, 0xb8, 0, 2, 0, 0,
					       0x00, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x01 } };
	struct in6_addr router = a6(0xfe80, 1), far = { .s6_addr = { 0x20, 0x01, 0x0d, 0xb8, 9, [15] = 1 } };
	u8 mc_mac[6] = { 0x33, 0x33, 0, 0, 0, 1 };
	struct frame6 f;
	struct rt6_result r;
	struct inet6_ifaddr *ifa;
	int rs = 0;

	(void)state;
	/* DAD for the link-local address, then RS (RFC 4861 §6.3.7). */
	for (int i = 0; i < 4; i++) {
		fake_clock_advance(NSEC_PER_SEC);
		net_run_until_idle();
	}
	while (pop_frame6(eth0, &f)) {
		if (f.type == NDISC_ROUTER_SOLICITATION) {
			struct ip6_addrs a = ipv6_hdr_addrs(&f.ip6);

			assert_true(ipv6_addr_equal(&a.saddr, &our_ll6));
			assert_true(ipv6_addr_equal(&a.daddr, &in6addr_linklocal_allrouters));
			assert_int_equal(f.icmp[8], ND_OPT_SOURCE_LL_ADDR);
			rs++;
		}
		frame6_free(&f);
	}
	assert_int_equal(rs, 1);
	inject_ip6_to(mc_mac, pkt, build_ra(pkt, 1800, 86400, 14400, 0xc0));
	assert_int_equal(ndisc_stats.in_ra, 1);
	/* The RA stopped solicitation: no more RS. */
	fake_clock_advance(10 * NSEC_PER_SEC);
	net_run_until_idle();
	rs = 0;
	while (pop_frame6(eth0, &f)) {
		rs += f.type == NDISC_ROUTER_SOLICITATION;
		frame6_free(&f);
	}
	assert_int_equal(rs, 0);
	/* SLAAC: prefix + EUI-64, tentative until its own DAD passed (it has now). */
	ifa = L(ipv6_get_ifaddr(eth0, &slaac));
	assert_non_null(ifa);
	assert_false(ifa->flags & IFA6_F_TENTATIVE);
	/* Default route through the router, MTU from the option. */
	assert_int_equal(L(ip6_route_output(&far, 0, &r)), 0);
	assert_true(ipv6_addr_equal(&r.nexthop, &router));
	assert_int_equal(r.mtu, 1400);
	assert_int_equal(L(neigh6_lookup(eth0, &router))->nud_state, NUD_STALE);
	{
		struct in6_addr s;

		assert_int_equal(L(ipv6_dev_get_saddr(eth0, &far, &s)), 0);
		assert_true(ipv6_addr_equal(&s, &slaac));
	}
	/* §5.5.3 (e): a spoofed short lifetime is held to two hours. */
	inject_ip6_to(mc_mac, pkt, build_ra(pkt, 1800, 60, 30, 0xc0));
	fake_clock_advance(3600 * NSEC_PER_SEC);
	net_run_until_idle();
	assert_non_null(L(ipv6_get_ifaddr(eth0, &slaac)));
	/* The router lifetime ran out; after 7200 s the address is gone. */
	assert_int_equal(L(ip6_route_output(&far, 0, &r)), -ENETUNREACH);
	fake_clock_advance(3601 * NSEC_PER_SEC);
	net_run_until_idle();
	assert_null(L(ipv6_get_ifaddr(eth0, &slaac)));
	drain6(eth0);
}

static void ra_ignored_unless_valid(void **state)
{
	u8 mc_mac[6] = { 0x33, 0x33, 0, 0, 0, 1 };
	u32 n;

	(void)state;
	n = build_ra(pkt, 1800, 86400, 14400, 0xc0);
	pkt[7] = 64;                            /* hop limit not 255 */
	inject_ip6_to(mc_mac, pkt, n);
	assert_int_equal(ndisc_stats.in_ra, 0);
	assert_int_equal(ndisc_stats.in_bad, 1);
	/* accept_ra 0: counted, not used. */
	L(in6_dev_get(eth0))->cnf.accept_ra = false;
	inject_ip6_to(mc_mac, pkt, build_ra(pkt, 1800, 86400, 14400, 0xc0));
	assert_int_equal(ndisc_stats.in_ra, 1);
	{
		struct in6_addr any, router = a6(0xfe80, 1);

		memset(&any, 0, sizeof(any));
		assert_null(L(ip6_route_find(&any, 0, &router, eth0)));
	}
	drain6(eth0);
}

static void device_down_removes_ipv6_state(void **state)
{
	struct in6_addr our = OUR6;

	(void)state;
	LV(assert_int_equal(dev_close(eth0), 0));
	assert_null(L(ipv6_get_ifaddr(eth0, &our)));
	assert_null(L(ipv6_get_lladdr(eth0, true)));
	for (struct rt6_info *rt = L(ip6_route_first()); rt; rt = rt->next)
		assert_ptr_not_equal(rt->dev, eth0);
	LV(assert_int_equal(dev_open(eth0), 0));
	assert_non_null(L(ipv6_get_lladdr(eth0, true)));
	drain6(eth0);
}

/* Pop the next MLD report: its record types and groups; false if none. */
static bool pop_mld(u8 *types, struct in6_addr *groups, u32 *n)
{
	struct frame6 f;
	struct ip6_addrs a;
	const u8 *m;
	u32 len;

	frame6_keep_mld = true;
	while (pop_frame6(eth0, &f)) {
		if (f.ip6.nexthdr != IPPROTO_HOPOPTS) {
			frame6_free(&f);
			continue;
		}
		a = ipv6_hdr_addrs(&f.ip6);
		/* RFC 3810 §5: to ff02::16, hop limit 1, Router Alert (value 0). */
		assert_true(ipv6_addr_equal(&a.daddr, &(struct in6_addr){ .s6_addr = { 0xff, 2, [15] = 0x16 } }));
		assert_int_equal(f.ip6.hop_limit, 1);
		assert_memory_equal(f.payload + 2, ((u8[]){ 5, 2, 0, 0 }), 4);
		assert_memory_equal(f.eth->h_dest, ((u8[]){ 0x33, 0x33, 0, 0, 0, 0x16 }), 6);
		m = f.payload + 8;
		len = f.plen - 8;
		assert_int_equal(m[0], ICMPV6_MLD2_REPORT);
		assert_int_equal(csum_fold(csum_partial(m, len, csum_ipv6_pseudo(&a.saddr, &a.daddr,
									 IPPROTO_ICMPV6, len))), 0);
		*n = (u32)m[6] << 8 | m[7];
		assert_int_equal(len, 8 + 20 * *n);
		for (u32 i = 0; i < *n; i++) {
			types[i] = m[8 + 20 * i];
			memcpy(&groups[i], m + 8 + 20 * i + 4, 16);
		}
		frame6_free(&f);
		frame6_keep_mld = false;
		return true;
	}
	frame6_keep_mld = false;
	return false;
}

static bool has_group(const struct in6_addr *groups, u32 n, const struct in6_addr *g)
{
	for (u32 i = 0; i < n; i++)
		if (ipv6_addr_equal(&groups[i], g))
			return true;
	return false;
}

static void mld_reports_joins_leaves_and_queries(void **state)
{
	struct in6_addr groups[64], snm = snm_of(&our_ll6);
	struct in6_addr site = { .s6_addr = { 0xff, 0x05, [14] = 0x12, [15] = 0x34 } };
	struct in6_addr allnodes = in6addr_linklocal_allnodes, router = a6(0xfe80, 1);
	u8 types[64], q[64];
	u32 n, reports = 0, len;

	(void)state;
	/* Two unsolicited reports (Robustness Variable) within 2 s. */
	for (int i = 0; i < 4; i++) {
		fake_clock_advance(500 * NSEC_PER_MSEC);
		net_run_until_idle();
		while (pop_mld(types, groups, &n)) {
			assert_true(has_group(groups, n, &snm));
			assert_false(has_group(groups, n, &allnodes));   /* never reported */
			assert_int_equal(types[0], 4);                   /* CHANGE_TO_EXCLUDE */
			reports++;
		}
	}
	assert_int_equal(reports, 2);
	/* Leaving a group reports it at once (CHANGE_TO_INCLUDE). */
	LV(assert_int_equal(ipv6_dev_mc_inc(eth0, &site), 0));
	LV(assert_int_equal(ipv6_dev_mc_dec(eth0, &site), 0));
	assert_true(pop_mld(types, groups, &n));
	assert_int_equal(n, 1);
	assert_int_equal(types[0], 3);
	assert_true(ipv6_addr_equal(&groups[0], &site));
	/* A general query (MLDv2, 1000 ms) is answered with every group. */
	LV(assert_int_equal(ipv6_dev_mc_inc(eth0, &site), 0));
	fake_clock_advance(3 * NSEC_PER_SEC);
	net_run_until_idle();
	while (pop_mld(types, groups, &n))
		;
	memset(q, 0, sizeof(q));
	q[0] = 0x03;                        /* Maximum Response Code 1000 */
	q[1] = 0xe8;
	len = build_icmp6(pkt + 40, &router, &allnodes, ICMPV6_MGM_QUERY, 0, 0, q, 20);
	build_ip6(pkt, &router, &allnodes, IPPROTO_ICMPV6, 1, len);
	inject_ip6_to((u8[]){ 0x33, 0x33, 0, 0, 0, 1 }, pkt, 40 + len);
	assert_int_equal(mld_stats.queries, 1);
	assert_false(pop_mld(types, groups, &n));       /* not at once */
	fake_clock_advance(NSEC_PER_SEC);
	net_run_until_idle();
	assert_true(pop_mld(types, groups, &n));
	assert_int_equal(types[0], 2);                  /* MODE_IS_EXCLUDE */
	assert_true(has_group(groups, n, &site));
	assert_true(has_group(groups, n, &snm));
	/* A query with hop limit 64 is not one (§5.1.14). */
	pkt[7] = 64;
	inject_ip6_to((u8[]){ 0x33, 0x33, 0, 0, 0, 1 }, pkt, 40 + len);
	assert_int_equal(mld_stats.bad_queries, 1);
}

#define T(f) cmocka_unit_test_setup_teardown(f, env6_setup_nd_cmocka, env6_teardown_cmocka)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(link_local_from_mac),
		T(dad_succeeds_in_silence),
		T(dad_fails_on_na_or_ns),
		T(ns_gets_na_and_creates_stale_entry),
		T(resolution_queues_then_sends),
		T(resolution_failure_reports_unreachable),
		T(fib_longest_prefix_and_metric),
		T(source_selection),
		T(rs_after_dad_then_ra_slaac),
		T(ra_ignored_unless_valid),
		T(device_down_removes_ipv6_state),
		T(mld_reports_joins_leaves_and_queries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
