/*
 * IPv6 input and output (RFC 8200), extension headers (§4), ICMPv6
 * (RFC 4443) with its sending rules and rate limits, fragmentation and
 * reassembly (§4.5, RFC 5722, RFC 7112, RFC 6946), Packet Too Big and
 * the path MTU (RFC 8201, RFC 8021), and the /proc/net/snmp6 counters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "ipv6test.h"

static u8 pkt[70000];

static struct in6_addr our6, peer6, other6;

static void addrs(void)
{
	our6 = OUR6;
	peer6 = PEER6;
	other6 = OTHER6;
}

/* Expect one ICMPv6 message of type/code to PEER6; returns its 4-byte field. */
static u32 expect_icmp6(u8 type, u8 code)
{
	struct frame6 f;
	u32 rest;

	assert_true(pop_frame6(eth0, &f));
	assert_non_null(f.icmp);
	assert_int_equal(f.type, type);
	assert_int_equal(f.code, code);
	assert_memory_equal(f.eth->h_dest, peer_mac, 6);
	rest = (u32)f.icmp[4] << 24 | (u32)f.icmp[5] << 16 | (u32)f.icmp[6] << 8 | f.icmp[7];
	frame6_free(&f);
	return rest;
}

static void no_frame(void)
{
	assert_int_equal(drain6(eth0), 0);
}

static void echo_request_gets_reply(void **state)
{
	struct frame6 f;
	struct ip6_addrs a;
	u32 n;

	(void)state;
	addrs();
	n = build_echo6(pkt, &peer6, &our6, 7, 56);
	inject_ip6(pkt, n);
	assert_true(pop_frame6(eth0, &f));
	a = ipv6_hdr_addrs(&f.ip6);
	assert_memory_equal(f.eth->h_dest, peer_mac, 6);
	assert_true(ipv6_addr_equal(&a.saddr, &our6));
	assert_true(ipv6_addr_equal(&a.daddr, &peer6));
	assert_int_equal(f.ip6.hop_limit, 64);
	assert_int_equal(f.type, ICMPV6_ECHO_REPLY);
	assert_int_equal(f.plen, 8 + 56);
	assert_memory_equal(f.icmp + 4, pkt + 40 + 4, 4 + 56);  /* id, seq, data */
	frame6_free(&f);
	assert_int_equal(ctr6("Ip6InReceives"), 1);
	assert_int_equal(ctr6("Ip6InDelivers"), 1);
	assert_int_equal(ctr6("Ip6OutRequests"), 1);
	assert_int_equal(ctr6("Icmp6InMsgs"), 1);
	assert_int_equal(ctr6("Icmp6InEchos"), 1);
	assert_int_equal(ctr6("Icmp6OutEchoReplies"), 1);
	assert_int_equal(ctr6("Icmp6InType128"), 1);
	assert_int_equal(ctr6("Icmp6OutType129"), 1);
}

static void echo_to_link_local_and_multicast(void **state)
{
	struct in6_addr peer_ll = PEER_LL6, allnodes = in6addr_linklocal_allnodes;
	struct frame6 f;
	struct ip6_addrs a;
	u8 mc_mac[6] = { 0x33, 0x33, 0, 0, 0, 1 };
	u32 n;

	(void)state;
	addrs();
	n = build_echo6(pkt, &peer_ll, &our_ll6, 1, 8);
	inject_ip6(pkt, n);
	assert_true(pop_frame6(eth0, &f));
	a = ipv6_hdr_addrs(&f.ip6);
	assert_true(ipv6_addr_equal(&a.saddr, &our_ll6));
	assert_int_equal(f.type, ICMPV6_ECHO_REPLY);
	frame6_free(&f);
	/* To ff02::1: answered from our link-local address (RFC 4443 §4.2). */
	n = build_echo6(pkt, &peer_ll, &allnodes, 2, 8);
	inject_ip6_to(mc_mac, pkt, n);
	assert_true(pop_frame6(eth0, &f));
	a = ipv6_hdr_addrs(&f.ip6);
	assert_true(ipv6_addr_equal(&a.saddr, &our_ll6));
	assert_true(ipv6_addr_equal(&a.daddr, &peer_ll));
	frame6_free(&f);
	assert_int_equal(ctr6("Ip6InMcastPkts"), 1);
}

static void echo_over_loopback(void **state)
{
	struct in6_addr lo = in6addr_loopback_addr;
	u32 n = build_icmp6(pkt, &lo, &lo, ICMPV6_ECHO_REQUEST, 0, net_htonl(0x10001), "ab", 2);
	struct pkbuf *pkb = pkb_from(NET_HEADROOM, pkt, n);
	struct ip6_out out = { .daddr = in6addr_loopback_addr, .nexthdr = IPPROTO_ICMPV6 };

	(void)state;
	/* The checksum was computed for ::1 -> ::1; the source chosen is ::1. */
	assert_int_equal(L(ip6_output(pkb, &out)), 0);
	net_settle();
	assert_int_equal(ctr6("Icmp6InEchos"), 1);
	assert_int_equal(ctr6("Icmp6InEchoReplies"), 1);
	assert_int_equal(ctr6("Icmp6InErrors"), 0);
	no_frame();
}

static void header_checks_count_drops(void **state)
{
	struct in6_addr mc = in6addr_linklocal_allnodes, lo = in6addr_loopback_addr;
	struct in6_addr mapped = { .s6_addr = { [10] = 0xff, [11] = 0xff, 192, 0, 2, 2 } };
	u32 n;

	(void)state;
	addrs();
	inject_ip6(pkt, 30);                                  /* shorter than a header */
	n = build_echo6(pkt, &peer6, &our6, 1, 8);
	pkt[0] = 0x40;                                        /* version 4 */
	inject_ip6(pkt, n);
	assert_int_equal(ctr6("Ip6InHdrErrors"), 2);
	n = build_echo6(pkt, &peer6, &our6, 1, 8);
	inject_ip6(pkt, n - 1);                               /* truncated */
	assert_int_equal(ctr6("Ip6InTruncatedPkts"), 1);
	n = build_echo6(pkt, &mc, &our6, 1, 8);               /* multicast source */
	inject_ip6(pkt, n);
	n = build_echo6(pkt, &peer6, &lo, 1, 8);              /* ::1 from the wire */
	inject_ip6(pkt, n);
	n = build_echo6(pkt, &peer6, &other6, 1, 8);          /* not ours */
	inject_ip6(pkt, n);
	assert_int_equal(ctr6("Ip6InAddrErrors"), 3);
	n = build_echo6(pkt, &mapped, &our6, 1, 8);           /* v4-mapped source */
	inject_ip6(pkt, n);
	assert_int_equal(ctr6("Ip6InHdrErrors"), 3);
	/* Link-layer padding past the payload is trimmed. */
	n = build_echo6(pkt, &peer6, &our6, 1, 8);
	memset(pkt + n, 0xee, 20);
	inject_ip6(pkt, n + 20);
	assert_int_equal(expect_icmp6(ICMPV6_ECHO_REPLY, 0), 0x420001);
	assert_int_equal(ctr6("Ip6InReceives"), 8);
	assert_int_equal(ctr6("Ip6InDelivers"), 1);
	no_frame();
}

static void bad_icmp_checksum(void **state)
{
	u32 n;

	(void)state;
	addrs();
	n = build_echo6(pkt, &peer6, &our6, 1, 8);
	pkt[n - 1] ^= 1;
	inject_ip6(pkt, n);
	no_frame();
	assert_int_equal(ctr6("Icmp6InCsumErrors"), 1);
	assert_int_equal(ctr6("Icmp6InErrors"), 1);
}

static void ipv6_off_on_device(void **state)
{
	u32 n;

	(void)state;
	addrs();
	LV(addrconf_set_disable(eth0, true));
	n = build_echo6(pkt, &peer6, &our6, 1, 8);
	inject_ip6(pkt, n);
	no_frame();
	assert_int_equal(ctr6("Ip6InDiscards"), 1);
	assert_null(L(ipv6_get_ifaddr(eth0, &our6)));
	LV(assert_int_equal(ipv6_addr_add(eth0, &our6, 64, IFA6_F_NODAD), -EACCES));
	/* On again: the link-local address comes back, ours does not. */
	LV(addrconf_set_disable(eth0, false));
	assert_non_null(L(ipv6_get_lladdr(eth0, true)));
	assert_null(L(ipv6_get_ifaddr(eth0, &our6)));
}

/* An echo request behind extension header bytes `ext` (nexthdr first). */
static u32 echo_behind(u8 first, const u8 *ext, u32 elen, const struct in6_addr *dst)
{
	u8 icmp[64];
	u32 l = build_icmp6(icmp, &peer6, dst, ICMPV6_ECHO_REQUEST, 0, net_htonl(0x420009), "xyz", 3);

	build_ip6(pkt, &peer6, dst, first, 64, elen + l);
	memcpy(pkt + 40, ext, elen);
	memcpy(pkt + 40 + elen, icmp, l);
	return 40 + elen + l;
}

static void unknown_next_header(void **state)
{
	u8 dst[8] = { 253, 0, 1, 4, 0, 0, 0, 0 };   /* dest opts, PadN, then protocol 253 */
	u32 n;

	(void)state;
	addrs();
	n = build_ip6(pkt, &peer6, &our6, 253, 64, 8);
	memset(pkt + 40, 0, 8);
	inject_ip6(pkt, n + 8);
	/* RFC 8200 §4: code 1, pointing at the Next Header field (6). */
	assert_int_equal(expect_icmp6(ICMPV6_PARAMPROB, ICMPV6_UNK_NEXTHDR), 6);
	n = echo_behind(IPPROTO_DSTOPTS, dst, 8, &our6);
	inject_ip6(pkt, n);
	assert_int_equal(expect_icmp6(ICMPV6_PARAMPROB, ICMPV6_UNK_NEXTHDR), 40);
	assert_int_equal(ctr6("Ip6InUnknownProtos"), 2);
	assert_int_equal(ctr6("Icmp6OutParmProblems"), 2);
}

static void hop_by_hop_only_first(void **state)
{
	u8 ext[16] = { IPPROTO_HOPOPTS, 0, 1, 4, 0, 0, 0, 0,   /* dest opts, then HBH */
		       IPPROTO_ICMPV6, 0, 1, 4, 0, 0, 0, 0 };
	u32 n;

	(void)state;
	addrs();
	n = echo_behind(IPPROTO_HOPOPTS, ext + 8, 8, &our6);   /* HBH first: fine */
	inject_ip6(pkt, n);
	assert_int_equal(expect_icmp6(ICMPV6_ECHO_REPLY, 0), 0x420009);
	n = echo_behind(IPPROTO_DSTOPTS, ext, 16, &our6);
	inject_ip6(pkt, n);
	assert_int_equal(expect_icmp6(ICMPV6_PARAMPROB, ICMPV6_UNK_NEXTHDR), 40);
	no_frame();
}

/* Options header with one option of `type` (2 data bytes) and padding. */
static u32 opt_packet(u8 hdr, u8 type, const struct in6_addr *dst)
{
	u8 ext[8] = { IPPROTO_ICMPV6, 0, type, 2, 0xaa, 0xbb, 1, 0 };

	return echo_behind(hdr, ext, 8, dst);
}

static void unknown_options_by_high_bits(void **state)
{
	struct in6_addr mc = in6addr_linklocal_allnodes;
	u8 mc_mac[6] = { 0x33, 0x33, 0, 0, 0, 1 };
	u32 n;

	(void)state;
	addrs();
	n = opt_packet(IPPROTO_DSTOPTS, 0x1e, &our6);   /* 00: skipped */
	inject_ip6(pkt, n);
	assert_int_equal(expect_icmp6(ICMPV6_ECHO_REPLY, 0), 0x420009);
	n = opt_packet(IPPROTO_HOPOPTS, 0x5e, &our6);   /* 01: discarded */
	inject_ip6(pkt, n);
	no_frame();
	n = opt_packet(IPPROTO_DSTOPTS, 0x9e, &our6);   /* 10: ICMP, pointer at the type */
	inject_ip6(pkt, n);
	assert_int_equal(expect_icmp6(ICMPV6_PARAMPROB, ICMPV6_UNK_OPTION), 42);
	n = opt_packet(IPPROTO_DSTOPTS, 0xde, &our6);   /* 11: ICMP to unicast */
	inject_ip6(pkt, n);
	assert_int_equal(expect_icmp6(ICMPV6_PARAMPROB, ICMPV6_UNK_OPTION), 42);
	/* To multicast: 10 still answers (RFC 4443 §2.4 (e.3)), 11 does not. */
	n = opt_packet(IPPROTO_DSTOPTS, 0x9e, &mc);
	inject_ip6_to(mc_mac, pkt, n);
	assert_int_equal(expect_icmp6(ICMPV6_PARAMPROB, ICMPV6_UNK_OPTION), 42);
	n = opt_packet(IPPROTO_DSTOPTS, 0xde, &mc);
	inject_ip6_to(mc_mac, pkt, n);
	no_frame();
	assert_int_equal(ctr6("Ip6InHdrErrors"), 5);
}

static void padding_rules(void **state)
{
	u8 nonzero[8] = { IPPROTO_ICMPV6, 0, 1, 4, 0, 1, 0, 0 };
	u8 toolong[16] = { IPPROTO_ICMPV6, 1, 1, 12 };
	u8 ra[8] = { IPPROTO_ICMPV6, 0, 5, 2, 0, 0, 1, 0 };
	u32 n;

	(void)state;
	addrs();
	n = echo_behind(IPPROTO_DSTOPTS, nonzero, 8, &our6);
	inject_ip6(pkt, n);
	n = echo_behind(IPPROTO_DSTOPTS, toolong, 16, &our6);
	inject_ip6(pkt, n);
	no_frame();
	assert_int_equal(ctr6("Ip6InHdrErrors"), 2);
	/* A Router Alert in Hop-by-Hop is known (RFC 2711). */
	n = echo_behind(IPPROTO_HOPOPTS, ra, 8, &our6);
	inject_ip6(pkt, n);
	assert_int_equal(expect_icmp6(ICMPV6_ECHO_REPLY, 0), 0x420009);
}

static void routing_header_type0(void **state)
{
	u8 rh[24] = { IPPROTO_ICMPV6, 2, 0, 1 };   /* type 0, one segment left */
	u32 n;

	(void)state;
	addrs();
	n = echo_behind(IPPROTO_ROUTING, rh, 24, &our6);
	inject_ip6(pkt, n);
	/* RFC 5095 §3: code 0, pointing at the Routing Type (40 + 2). */
	assert_int_equal(expect_icmp6(ICMPV6_PARAMPROB, ICMPV6_HDR_FIELD), 42);
	assert_int_equal(ctr6("Ip6InHdrErrors"), 1);
	rh[3] = 0;                                 /* no segments left: ignored */
	n = echo_behind(IPPROTO_ROUTING, rh, 24, &our6);
	inject_ip6(pkt, n);
	assert_int_equal(expect_icmp6(ICMPV6_ECHO_REPLY, 0), 0x420009);
}

static void atomic_fragment_is_whole(void **state)
{
	u8 fh[8] = { IPPROTO_ICMPV6, 0, 0, 0, 1, 2, 3, 4 };
	u32 n;

	(void)state;
	addrs();
	n = echo_behind(IPPROTO_FRAGMENT, fh, 8, &our6);
	inject_ip6(pkt, n);
	assert_int_equal(expect_icmp6(ICMPV6_ECHO_REPLY, 0), 0x420009);
	assert_int_equal(ctr6("Ip6ReasmReqds"), 0);
	assert_int_equal(L(ip6_frag_queue_count()), 0);
}

/*
 * Fragment an echo request of `len` data bytes into pieces at the byte
 * offsets `cuts` (of the fragmentable part: ICMPv6 header and data) and
 * inject them in `order`.
 */
static void send_fragments(u32 id, u32 len, const u32 *cuts, u32 ncuts, const u32 *order,
			   u32 norder)
{
	static u8 whole[5000], frag[5000];
	u32 n = build_echo6(whole, &peer6, &our6, 5, len), body = n - 40;

	for (u32 k = 0; k < norder; k++) {
		u32 i = order[k], start = cuts[i], end = i + 1 < ncuts ? cuts[i + 1] : body;
		u8 *fh = frag + 40;

		build_ip6(frag, &peer6, &our6, IPPROTO_FRAGMENT, 64, 8 + end - start);
		fh[0] = IPPROTO_ICMPV6;
		fh[1] = 0;
		fh[2] = (u8)(start >> 8);
		fh[3] = (u8)((start & 0xf8) | (i + 1 < ncuts ? 1 : 0));
		fh[4] = (u8)(id >> 24);
		fh[5] = (u8)(id >> 16);
		fh[6] = (u8)(id >> 8);
		fh[7] = (u8)id;
		memcpy(frag + 48, whole + 40 + start, end - start);
		inject_ip6(frag, 48 + end - start);
	}
}

static void reassembly_in_any_order(void **state)
{
	static const u32 cuts[] = { 0, 1000, 2000 }, fwd[] = { 0, 1, 2 }, rev[] = { 2, 1, 0 };
	struct frame6 f;

	(void)state;
	addrs();
	send_fragments(1, 3000, cuts, 3, fwd, 3);
	/* The 3008-byte reply leaves in fragments of at most 1500 bytes. */
	for (int i = 0; i < 3; i++) {
		assert_true(pop_frame6(eth0, &f));
		assert_int_equal(f.ip6.nexthdr, IPPROTO_FRAGMENT);
		assert_true(40 + f.plen <= 1500);
		frame6_free(&f);
	}
	no_frame();
	send_fragments(2, 3000, cuts, 3, rev, 3);
	assert_int_equal(drain6(eth0), 3);
	assert_int_equal(ctr6("Ip6ReasmReqds"), 6);
	assert_int_equal(ctr6("Ip6ReasmOKs"), 2);
	assert_int_equal(ctr6("Ip6FragOKs"), 2);
	assert_int_equal(ctr6("Ip6FragCreates"), 6);
	assert_int_equal(ctr6("Icmp6InEchos"), 2);
}

static void reassembly_overlap_discards_all(void **state)
{
	static const u32 cuts[] = { 0, 1000 }, one[] = { 0 };
	static const u32 cuts2[] = { 0, 992 }, second[] = { 1 };

	(void)state;
	addrs();
	send_fragments(3, 2000, cuts, 2, one, 1);
	/* The same datagram cut elsewhere: the second piece overlaps. */
	send_fragments(3, 2000, cuts2, 2, second, 1);
	no_frame();
	assert_int_equal(ctr6("Ip6ReasmFails"), 1);
	assert_int_equal(L(ip6_frag_queue_count()), 0);
	/* An exact duplicate is dropped alone (RFC 8200 §4.5). */
	send_fragments(4, 2000, cuts, 2, one, 1);
	send_fragments(4, 2000, cuts, 2, one, 1);
	send_fragments(4, 2000, cuts, 2, (const u32[]){ 1 }, 1);
	assert_int_equal(drain6(eth0), 2);           /* the reply, in two fragments */
	assert_int_equal(ctr6("Icmp6OutEchoReplies"), 1);
	assert_int_equal(ctr6("Ip6ReasmOKs"), 1);
}

static void reassembly_timeout(void **state)
{
	static const u32 cuts[] = { 0, 1000 }, first[] = { 0 }, last[] = { 1 };

	(void)state;
	addrs();
	send_fragments(5, 2000, cuts, 2, first, 1);
	send_fragments(6, 2000, cuts, 2, last, 1);
	assert_int_equal(L(ip6_frag_queue_count()), 2);
	fake_clock_advance(60 * NSEC_PER_SEC);
	net_run_until_idle();
	/* Only the queue with fragment zero answers (RFC 8200 §4.5). */
	assert_int_equal(expect_icmp6(ICMPV6_TIME_EXCEED, ICMPV6_EXC_FRAGTIME), 0);
	no_frame();
	assert_int_equal(ctr6("Ip6ReasmTimeout"), 2);
	assert_int_equal(L(ip6_frag_queue_count()), 0);
}

static void fragment_checks(void **state)
{
	static const u32 cuts[] = { 0, 1001 }, first[] = { 0 };
	u8 ext[8] = { IPPROTO_DSTOPTS, 0, 0, 1, 0, 0, 0, 9 };   /* first fragment, M */
	u8 dst[8] = { IPPROTO_UDP, 0, 1, 4, 0, 0, 0, 0 };       /* then UDP, missing */
	u32 n;

	(void)state;
	addrs();
	/* A non-last fragment of 1001 bytes: pointer at the Payload Length. */
	send_fragments(7, 2000, cuts, 2, first, 1);
	assert_int_equal(expect_icmp6(ICMPV6_PARAMPROB, ICMPV6_HDR_FIELD), 4);
	/* RFC 7112: a first fragment whose chain goes on past its end. */
	n = build_ip6(pkt, &peer6, &our6, IPPROTO_FRAGMENT, 64, 8 + 8);
	memcpy(pkt + 40, ext, 8);
	memcpy(pkt + 48, dst, 8);
	inject_ip6(pkt, n + 16);
	assert_int_equal(expect_icmp6(ICMPV6_PARAMPROB, ICMPV6_HDR_INCOMP), 0);
	/* Offset + length past 65535: pointer at the Fragment Offset. */
	n = build_ip6(pkt, &peer6, &our6, IPPROTO_FRAGMENT, 64, 8 + 16);
	memcpy(pkt + 40, (u8[]){ IPPROTO_ICMPV6, 0, 0xff, 0xf9, 0, 0, 0, 8 }, 8);
	memset(pkt + 48, 0, 16);
	inject_ip6(pkt, n + 24);
	assert_int_equal(expect_icmp6(ICMPV6_PARAMPROB, ICMPV6_HDR_FIELD), 42);
	assert_int_equal(L(ip6_frag_queue_count()), 0);
	assert_int_equal(ctr6("Ip6InHdrErrors"), 3);
}

static void errors_are_rate_limited(void **state)
{
	u32 n;
	int sent = 0;

	(void)state;
	addrs();
	for (int i = 0; i < 20; i++) {
		n = build_ip6(pkt, &peer6, &our6, 253, 64, 8);
		memset(pkt + 40, 0, 8);
		inject_ip6(pkt, n + 8);
	}
	sent = (int)drain6(eth0);
	/* A fresh peer's bucket holds 6 (Linux's XRLIM_BURST_FACTOR). */
	assert_int_equal(sent, 6);
	assert_int_equal(ctr6("Icmp6OutRateLimitHost"), 14);
	fake_clock_advance(NSEC_PER_SEC);
	inject_ip6(pkt, n + 8);
	assert_int_equal(drain6(eth0), 1);
	/* Echo replies are not limited. */
	for (int i = 0; i < 10; i++) {
		n = build_echo6(pkt, &peer6, &our6, (u16)i, 8);
		inject_ip6(pkt, n);
	}
	assert_int_equal(drain6(eth0), 10);
}

static void no_error_about_errors(void **state)
{
	u8 inner[48];
	u32 n, l;

	(void)state;
	addrs();
	/* An ICMPv6 error with a bad inner protocol: never answered. */
	build_ip6(inner, &our6, &peer6, 253, 64, 8);
	memset(inner + 40, 0, 8);
	l = build_icmp6(pkt + 40, &peer6, &our6, 200, 0, 0, inner, 48);
	/* type 200 is informational: dropped; an error type 1 goes to the transport */
	n = build_ip6(pkt, &peer6, &our6, IPPROTO_ICMPV6, 64, l);
	inject_ip6(pkt, n + l);
	l = build_icmp6(pkt + 40, &peer6, &our6, ICMPV6_DEST_UNREACH, 4, 0, inner, 48);
	n = build_ip6(pkt, &peer6, &our6, IPPROTO_ICMPV6, 64, l);
	inject_ip6(pkt, n + l);
	no_frame();
	assert_int_equal(ctr6("Icmp6InDestUnreachs"), 1);
}

static void packet_too_big_sets_pmtu(void **state)
{
	static u8 data[3000];
	struct in6_addr remote = { .s6_addr = { 0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 0x77 } };
	u8 inner[48];
	struct frame6 f;
	struct ip6_out out;
	struct pkbuf *pkb;
	u32 n, l;

	(void)state;
	addrs();
	/* A packet of ours to `remote`, quoted in a PTB of 1400. */
	build_ip6(inner, &our6, &remote, IPPROTO_UDP, 64, 8);
	memset(inner + 40, 0, 8);
	l = build_icmp6(pkt + 40, &peer6, &our6, ICMPV6_PKT_TOOBIG, 0, net_htonl(1400), inner, 48);
	n = build_ip6(pkt, &peer6, &our6, IPPROTO_ICMPV6, 64, l);
	inject_ip6(pkt, n + l);
	assert_int_equal(L(ip6_pmtu_get(&remote)), 1400);
	/* A PTB never raises it; one below 1280 sets 1280 (RFC 8201 §4, RFC 8021). */
	l = build_icmp6(pkt + 40, &peer6, &our6, ICMPV6_PKT_TOOBIG, 0, net_htonl(1450), inner, 48);
	inject_ip6(pkt, n + l);
	assert_int_equal(L(ip6_pmtu_get(&remote)), 1400);
	l = build_icmp6(pkt + 40, &peer6, &our6, ICMPV6_PKT_TOOBIG, 0, net_htonl(600), inner, 48);
	inject_ip6(pkt, n + l);
	assert_int_equal(L(ip6_pmtu_get(&remote)), 1280);
	assert_int_equal(ctr6("Icmp6InPktTooBigs"), 3);
	/* Output through the default route follows the path MTU. */
	LV(assert_int_equal(ip6_route_add(&(struct in6_addr){ 0 }, 0, &peer6, eth0, 1024, 3), 0));
	memset(&out, 0, sizeof(out));
	out.daddr = remote;
	out.nexthdr = 253;
	pkb = pkb_from(NET_HEADROOM, data, 1260);      /* 1300 bytes: too big for 1280 */
	assert_int_equal(L(ip6_output(pkb, &out)), 0);
	assert_int_equal(drain6(eth0), 2);
	pkb = pkb_from(NET_HEADROOM, data, 1240);      /* fits: no fragment header */
	assert_int_equal(L(ip6_output(pkb, &out)), 0);
	assert_true(pop_frame6(eth0, &f));
	assert_int_equal(f.ip6.nexthdr, 253);
	frame6_free(&f);
	out.dontfrag = true;
	pkb = pkb_from(NET_HEADROOM, data, 1300);
	assert_int_equal(L(ip6_output(pkb, &out)), -EMSGSIZE);
	/* RFC 8201 §4: the estimate expires and the larger MTU is tried again. */
	fake_clock_advance(IP6_PMTU_EXPIRES_NS);
	net_run_until_idle();
	assert_int_equal(L(ip6_pmtu_get(&remote)), 0);
}

static void output_fragments_and_no_route(void **state)
{
	static u8 data[4000];
	struct in6_addr far = a6(0x3fff, 1);
	struct ip6_out out;
	struct frame6 f;
	struct pkbuf *pkb;
	u32 total = 0, id = 0;

	(void)state;
	addrs();
	for (u32 i = 0; i < sizeof(data); i++)
		data[i] = (u8)i;
	memset(&out, 0, sizeof(out));
	out.daddr = peer6;
	out.nexthdr = 253;
	pkb = pkb_from(NET_HEADROOM, data, 4000);
	assert_int_equal(L(ip6_output(pkb, &out)), 0);
	for (int i = 0; i < 3; i++) {
		const u8 *fh;
		u32 off, len, fid;

		assert_true(pop_frame6(eth0, &f));
		fh = f.payload;
		assert_int_equal(f.ip6.nexthdr, IPPROTO_FRAGMENT);
		assert_int_equal(fh[0], 253);
		off = (u32)(fh[2] << 8 | fh[3]) & 0xfff8;
		fid = (u32)fh[4] << 24 | (u32)fh[5] << 16 | (u32)fh[6] << 8 | fh[7];
		if (i == 0)
			id = fid;
		assert_int_equal(fid, id);
		assert_int_equal(off, total);
		assert_int_equal(fh[3] & 1, i < 2);
		len = f.plen - 8;
		assert_true(i == 2 || len % 8 == 0);
		assert_memory_equal(fh + 8, data + off, len);
		total += len;
		frame6_free(&f);
	}
	assert_int_equal(total, 4000);
	pkb = pkb_from(NET_HEADROOM, data, 10);
	out.daddr = far;
	assert_int_equal(L(ip6_output(pkb, &out)), -ENETUNREACH);
	assert_int_equal(ctr6("Ip6OutNoRoutes"), 1);
}

static void snmp6_text(void **state)
{
	static char buf[16384];
	int n;

	(void)state;
	addrs();
	inject_ip6(pkt, build_echo6(pkt, &peer6, &our6, 1, 8));
	drain6(eth0);
	n = L(snmp6_proc_format(buf, sizeof(buf)));
	assert_true(n > 0 && (size_t)n < sizeof(buf));
	assert_non_null(strstr(buf, "Ip6InReceives                   \t1\n"));
	assert_non_null(strstr(buf, "Icmp6InEchos                    \t1\n"));
	assert_non_null(strstr(buf, "Icmp6OutType129                 \t1\n"));
	assert_true(strstr(buf, "Icmp6InMsgs") > strstr(buf, "Ip6OutTransmits"));
	assert_null(strstr(buf, "Icmp6InType1 "));
	assert_int_equal(L(snmp6_proc_format(NULL, 0)), n);
}

static void if_inet6_text(void **state)
{
	static char buf[4096];
	int n;

	(void)state;
	n = L(if_inet6_proc_format(buf, sizeof(buf)));
	assert_true(n > 0 && (size_t)n < sizeof(buf));
	/* Linux's lines for these addresses, byte for byte. */
	assert_non_null(strstr(buf, "00000000000000000000000000000001 01 80 10 80       lo\n"));
	assert_non_null(strstr(buf, "fe80000000000000000000fffe000001 02 40 20 80     eth0\n"));
	/* Added with IFA_F_NODAD only (`ip addr add` would add PERMANENT, 0x80). */
	assert_non_null(strstr(buf, "20010db8000000000000000000000001 02 40 00 02     eth0\n"));
	assert_int_equal(L(if_inet6_proc_format(NULL, 0)), n);
}

#define T(f) cmocka_unit_test_setup_teardown(f, env6_setup_cmocka, env6_teardown_cmocka)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(echo_request_gets_reply),
		T(echo_to_link_local_and_multicast),
		T(echo_over_loopback),
		T(header_checks_count_drops),
		T(bad_icmp_checksum),
		T(ipv6_off_on_device),
		T(unknown_next_header),
		T(hop_by_hop_only_first),
		T(unknown_options_by_high_bits),
		T(padding_rules),
		T(routing_header_type0),
		T(atomic_fragment_is_whole),
		T(reassembly_in_any_order),
		T(reassembly_overlap_discards_all),
		T(reassembly_timeout),
		T(fragment_checks),
		T(errors_are_rate_limited),
		T(no_error_about_errors),
		T(packet_too_big_sets_pmtu),
		T(output_fragments_and_no_route),
		T(snmp6_text),
		T(if_inet6_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
