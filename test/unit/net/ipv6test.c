/* Helpers for the IPv6 tests (see ipv6test.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include <net/mld.h>
#include "ipv6test.h"

const struct in6_addr our_ll6 = { .s6_addr = { 0xfe, 0x80, [8] = 0x00, 0x00, 0x00, 0xff,
					       0xfe, 0x00, 0x00, 0x01 } };

bool frame6_keep_mld;

/* An MLD report: behind a Hop-by-Hop header, ICMPv6 type 143. */
static bool is_mld_report(const struct pkbuf *pkb)
{
	const u8 *ip = pkb->data + 14;

	return pkb->len >= 14 + 40 + 8 + 8 && ip[6] == IPPROTO_HOPOPTS &&
	       ip[40] == IPPROTO_ICMPV6 && ip[48] == ICMPV6_MLD2_REPORT;
}

struct in6_addr a6(u16 g0, u16 last)
{
	struct in6_addr a;

	memset(&a, 0, sizeof(a));
	a.s6_addr16[0] = net_htons(g0);
	if (g0 == 0x2001)
		a.s6_addr16[1] = net_htons(0x0db8);
	a.s6_addr16[7] = net_htons(last);
	return a;
}

void env6_setup(bool dad, bool static_peer)
{
	struct in6_addr our = OUR6, peer = PEER6, peer_ll = PEER_LL6;

	frame6_keep_mld = false;
	env_setup(true);
	net_lock();
	/* Both devices are up already: their IPv6 state exists, off. */
	assert_non_null(in6_dev_get(eth0));
	in6_dev_get(eth0)->cnf.dad_transmits = dad ? 1 : 0;
	assert_int_equal(addrconf_set_disable(loopback_dev, false), 0);
	assert_int_equal(addrconf_set_disable(eth0, false), 0);
	assert_int_equal(ipv6_addr_add(eth0, &our, 64, IFA6_F_NODAD), 0);
	if (static_peer) {
		assert_non_null(neigh6_update(eth0, &peer, peer_mac, NUD_PERMANENT,
					      NEIGH_UPDATE_F_ADMIN | NEIGH_UPDATE_F_CREATE));
		assert_non_null(neigh6_update(eth0, &peer_ll, peer_mac, NUD_PERMANENT,
					      NEIGH_UPDATE_F_ADMIN | NEIGH_UPDATE_F_CREATE));
	}
	fakedev_purge(eth0);
	snmp6_reset();
	memset(&ndisc_stats, 0, sizeof(ndisc_stats));
	memset(&mld_stats, 0, sizeof(mld_stats));
	net_unlock();
}

int env6_setup_cmocka(void **state)
{
	(void)state;
	env6_setup(false, true);
	return 0;
}

int env6_setup_nd_cmocka(void **state)
{
	(void)state;
	env6_setup(true, false);
	return 0;
}

int env6_teardown_cmocka(void **state)
{
	(void)state;
	env_teardown();
	assert_int_equal(ip6_frag_queue_count(), 0);
	return 0;
}

u32 build_ip6(u8 *buf, const struct in6_addr *src, const struct in6_addr *dst,
	      u8 nexthdr, u8 hop_limit, u32 plen)
{
	struct ipv6hdr h;

	memset(&h, 0, sizeof(h));
	h.vtc_flow = net_htonl(6u << 28);
	h.payload_len = net_htons((u16)plen);
	h.nexthdr = nexthdr;
	h.hop_limit = hop_limit;
	h.saddr = *src;
	h.daddr = *dst;
	memcpy(buf, &h, sizeof(h));
	return sizeof(h);
}

u32 build_icmp6(u8 *buf, const struct in6_addr *src, const struct in6_addr *dst,
		u8 type, u8 code, be32 rest, const void *data, u32 len)
{
	struct icmp6hdr ih;
	u16 sum;

	memset(&ih, 0, sizeof(ih));
	ih.icmp6_type = type;
	ih.icmp6_code = code;
	ih.un.un_data32[0] = rest;
	memcpy(buf, &ih, sizeof(ih));
	if (len)
		memmove(buf + 8, data, len);
	sum = csum_fold(csum_partial(buf, 8 + len,
				     csum_ipv6_pseudo(src, dst, IPPROTO_ICMPV6, 8 + len)));
	memcpy(buf + 2, &sum, 2);
	return 8 + len;
}

u32 build_echo6(u8 *buf, const struct in6_addr *src, const struct in6_addr *dst, u16 seq, u32 n)
{
	u8 data[4096];
	u32 l;

	for (u32 i = 0; i < n; i++)
		data[i] = (u8)(i * 3);
	l = build_icmp6(buf + 40, src, dst, ICMPV6_ECHO_REQUEST, 0,
			net_htonl(0x00420000u | seq), data, n);
	return build_ip6(buf, src, dst, IPPROTO_ICMPV6, 64, l) + l;
}

void inject_ip6_to(const u8 *dst_mac, const void *pkt, u32 len)
{
	static u8 frame[70000];
	struct ethhdr *eth = (struct ethhdr *)frame;

	memcpy(eth->h_dest, dst_mac, ETH_ALEN);
	memcpy(eth->h_source, peer_mac, ETH_ALEN);
	eth->h_proto = net_htons(ETH_P_IPV6);
	memcpy(frame + 14, pkt, len);
	fakedev_rx(eth0, frame, 14 + len);
}

void inject_ip6(const void *pkt, u32 len)
{
	inject_ip6_to(our_mac, pkt, len);
}

bool pop_frame6(struct netdev *dev, struct frame6 *f)
{
	for (;;) {
		memset(f, 0, sizeof(*f));
		f->pkb = L(fakedev_pop(dev));
		if (!f->pkb)
			return false;
		f->eth = (const struct ethhdr *)f->pkb->data;
		if (f->pkb->len >= 14 + 40 && net_ntohs(f->eth->h_proto) == ETH_P_IPV6 &&
		    (frame6_keep_mld || !is_mld_report(f->pkb)))
			break;
		pkb_free(f->pkb);
	}
	memcpy(&f->ip6, f->pkb->data + 14, 40);
	f->payload = f->pkb->data + 14 + 40;
	f->plen = net_ntohs(f->ip6.payload_len);
	assert_true(14 + 40 + f->plen <= f->pkb->len);
	if (f->ip6.nexthdr == IPPROTO_ICMPV6 && f->plen >= 8) {
		struct ip6_addrs a = ipv6_hdr_addrs(&f->ip6);

		f->icmp = f->payload;
		f->type = f->icmp[0];
		f->code = f->icmp[1];
		/* Every ICMPv6 message we send has a valid checksum. */
		assert_int_equal(csum_fold(csum_partial(f->icmp, f->plen,
							csum_ipv6_pseudo(&a.saddr, &a.daddr,
									 IPPROTO_ICMPV6, f->plen))), 0);
	}
	return true;
}

void frame6_free(struct frame6 *f)
{
	pkb_free(f->pkb);
	f->pkb = NULL;
}

u32 drain6(struct netdev *dev)
{
	struct frame6 f;
	u32 n = 0;

	while (pop_frame6(dev, &f)) {
		n++;
		frame6_free(&f);
	}
	return n;
}

s64 ctr6(const char *name)
{
	s64 v = L(snmp6_get(name));

	if (v < 0)
		fail_msg("unknown counter %s", name);
	return v;
}
