/* IPv4 input validation (RFC 791 §3.1, RFC 1122 §3.2.1) and its counters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "nettest.h"

static struct sock *listener;
static u8 pkt[2048];

static int setup(void **state)
{
	env_setup_cmocka(state);
	listener = L(udp_sock_create());
	assert_int_equal(L(udp_bind(listener, 0, net_htons(7000))), 0);
	return 0;
}

static int teardown(void **state)
{
	LV(udp_close(listener));
	return env_teardown_cmocka(state);
}

/* A valid UDP-in-IP packet to us at pkt; returns its length. */
static u32 good_packet(void)
{
	u8 udp[64];
	u32 n = build_udp(udp, PEER_IP, OUR_IP, 5000, 7000, "hello", 5, true);

	return build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_UDP, 1, 0, 64, udp, n);
}

static void refix_csum(void)
{
	struct iphdr *ip = (struct iphdr *)pkt;

	ip->check = 0;
	ip->check = inet_csum(ip, ip_hdrlen(ip));
}

static int received(void)
{
	char buf[64];
	int n = L(udp_recvfrom(listener, buf, sizeof(buf), 0, NULL, NULL, NULL));

	if (n >= 0)
		assert_memory_equal(buf, "hello", 5);
	return n;
}

static void valid_packet_is_delivered(void **state)
{
	(void)state;
	inject_ip(pkt, good_packet());
	assert_int_equal(received(), 5);
	assert_int_equal(ctr("Ip", "InReceives"), 1);
	assert_int_equal(ctr("Ip", "InDelivers"), 1);
	assert_int_equal(ctr("Ip", "InHdrErrors"), 0);
	assert_int_equal(ctr("Udp", "InDatagrams"), 1);
	assert_int_equal(eth0->stats.rx_packets, 1);
}

static void truncated_header_is_a_header_error(void **state)
{
	(void)state;
	good_packet();
	inject_ip(pkt, 19);
	assert_int_equal(ctr("Ip", "InReceives"), 1);
	assert_int_equal(ctr("Ip", "InHdrErrors"), 1);
	assert_int_equal(received(), -EAGAIN);
}

static void bad_version_and_ihl_are_header_errors(void **state)
{
	u32 n = good_packet();

	(void)state;
	pkt[0] = 0x65;                          /* version 6 */
	refix_csum();
	inject_ip(pkt, n);
	pkt[0] = 0x44;                          /* IHL 4 < 5 */
	refix_csum();
	inject_ip(pkt, n);
	pkt[0] = 0x4f;                          /* IHL 15: 60 bytes > 33 */
	inject_ip(pkt, n);
	assert_int_equal(ctr("Ip", "InHdrErrors"), 3);
	assert_int_equal(ctr("Ip", "InDelivers"), 0);
	assert_int_equal(received(), -EAGAIN);
}

static void bad_header_checksum_is_dropped(void **state)
{
	u32 n = good_packet();

	(void)state;
	pkt[10] ^= 0x01;
	inject_ip(pkt, n);
	assert_int_equal(ctr("Ip", "InHdrErrors"), 1);
	assert_int_equal(ctr("IpExt", "InCsumErrors"), 1);
	assert_int_equal(received(), -EAGAIN);
}

static void total_length_beyond_frame_is_truncated(void **state)
{
	u32 n = good_packet();
	struct iphdr *ip = (struct iphdr *)pkt;

	(void)state;
	ip->tot_len = net_htons((u16)(n + 1));
	refix_csum();
	inject_ip(pkt, n);
	assert_int_equal(ctr("IpExt", "InTruncatedPkts"), 1);
	assert_int_equal(ctr("Ip", "InHdrErrors"), 0);
	ip->tot_len = net_htons(19);            /* shorter than the header */
	refix_csum();
	inject_ip(pkt, n);
	assert_int_equal(ctr("Ip", "InHdrErrors"), 1);
	assert_int_equal(received(), -EAGAIN);
}

static void link_padding_is_trimmed(void **state)
{
	u32 n = good_packet();

	(void)state;
	memset(pkt + n, 0xee, 20);              /* Ethernet padding (RFC 894) */
	inject_ip(pkt, n + 20);
	assert_int_equal(received(), 5);
	assert_int_equal(ctr("Udp", "InErrors"), 0);
}

static void ttl_zero_to_us_is_accepted(void **state)
{
	u32 n = good_packet();

	(void)state;
	/* RFC 1122 §3.2.1.7: a host MUST NOT discard for a low TTL. */
	pkt[8] = 0;
	refix_csum();
	inject_ip(pkt, n);
	assert_int_equal(received(), 5);
}

static void options_are_skipped(void **state)
{
	u8 udp[64], *p = pkt;
	u32 ulen = build_udp(udp, PEER_IP, OUR_IP, 5000, 7000, "hello", 5, true);
	struct iphdr *ip = (struct iphdr *)pkt;

	(void)state;
	build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_UDP, 1, 0, 64, NULL, 0);
	ip->ihl_version = 0x46;                 /* one word of options */
	ip->tot_len = net_htons((u16)(24 + ulen));
	memset(p + 20, 1, 4);                   /* four NOPs (RFC 791 §3.1) */
	memcpy(p + 24, udp, ulen);
	refix_csum();
	inject_ip(pkt, 24 + ulen);
	assert_int_equal(received(), 5);
}

static void not_for_us_and_martians_are_address_errors(void **state)
{
	u8 udp[64];
	u32 ulen, n;
	struct frame f;

	(void)state;
	ulen = build_udp(udp, PEER_IP, IP4(192, 0, 2, 99), 5000, 7000, "hello", 5, true);
	n = build_ip(pkt, PEER_IP, IP4(192, 0, 2, 99), IPPROTO_UDP, 1, 0, 64, udp, ulen);
	inject_ip(pkt, n);                      /* we do not forward */
	ulen = build_udp(udp, LOOP_IP, OUR_IP, 5000, 7000, "hello", 5, true);
	n = build_ip(pkt, LOOP_IP, OUR_IP, IPPROTO_UDP, 1, 0, 64, udp, ulen);
	inject_ip(pkt, n);                      /* 127/8 from the wire */
	n = build_ip(pkt, IP4(224, 0, 0, 5), OUR_IP, IPPROTO_UDP, 1, 0, 64, udp, ulen);
	inject_ip(pkt, n);                      /* multicast source */
	n = build_ip(pkt, PEER_IP, IP4(224, 0, 0, 9), IPPROTO_UDP, 1, 0, 64, udp, ulen);
	inject_ip(pkt, n);                      /* group not joined */
	assert_int_equal(ctr("Ip", "InAddrErrors"), 4);
	assert_int_equal(ctr("Ip", "InDelivers"), 0);
	assert_false(pop_frame(eth0, &f));      /* no ICMP for any of these */
	assert_int_equal(received(), -EAGAIN);
}

static void unknown_protocol_gets_protocol_unreachable(void **state)
{
	struct frame f;
	u32 n = build_ip(pkt, PEER_IP, OUR_IP, 253, 0x1234, 0, 64, "abcdefghij", 10);
	const struct icmphdr *ih;

	(void)state;
	inject_ip(pkt, n);
	assert_int_equal(ctr("Ip", "InUnknownProtos"), 1);
	assert_true(pop_frame(eth0, &f));
	assert_int_equal(f.ip->protocol, IPPROTO_ICMP);
	assert_int_equal(f.ip->saddr, OUR_IP);
	assert_int_equal(f.ip->daddr, PEER_IP);
	assert_int_equal(f.ip->ttl, 64);
	assert_memory_equal(f.eth->h_dest, peer_mac, 6);
	ih = (const struct icmphdr *)f.l4;
	assert_int_equal(ih->type, ICMP_DEST_UNREACH);
	assert_int_equal(ih->code, ICMP_PROT_UNREACH);
	assert_int_equal(inet_csum(f.l4, f.l4_len), 0);
	/* RFC 792: the original header and (here all of) its data. */
	assert_int_equal(f.l4_len, 8 + n);
	assert_memory_equal(f.l4 + 8, pkt, n);
	frame_free(&f);
	assert_int_equal(ctr("Icmp", "OutMsgs"), 1);
	assert_int_equal(ctr("IcmpMsg", "OutType3"), 1);
}

static void frames_for_another_mac_are_dropped(void **state)
{
	static const u8 other_mac[6] = { 2, 0, 0, 0, 0, 0x55 };

	(void)state;
	inject_ip_from(peer_mac, other_mac, pkt, good_packet());
	assert_int_equal(ctr("Ip", "InReceives"), 0);
	assert_int_equal(eth0->stats.rx_otherhost_dropped, 1);
	assert_int_equal(received(), -EAGAIN);
}

static void unknown_ethertype_is_counted(void **state)
{
	u8 frame[60] = { 0 };
	struct ethhdr *eth = (struct ethhdr *)frame;

	(void)state;
	memcpy(eth->h_dest, our_mac, 6);
	memcpy(eth->h_source, peer_mac, 6);
	eth->h_proto = net_htons(0x88b5);       /* local experimental */
	fakedev_rx(eth0, frame, sizeof(frame));
	eth->h_proto = net_htons(46);           /* an 802.3 length field */
	fakedev_rx(eth0, frame, sizeof(frame));
	assert_int_equal(eth0->stats.rx_nohandler, 1);
	assert_int_equal(eth0->stats.rx_length_errors, 1);
	LV(dev_close(eth0));
	fakedev_rx(eth0, frame, sizeof(frame));  /* device down */
	assert_int_equal(eth0->stats.rx_dropped, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(valid_packet_is_delivered),
		T(truncated_header_is_a_header_error),
		T(bad_version_and_ihl_are_header_errors),
		T(bad_header_checksum_is_dropped),
		T(total_length_beyond_frame_is_truncated),
		T(link_padding_is_trimmed),
		T(ttl_zero_to_us_is_accepted),
		T(options_are_skipped),
		T(not_for_us_and_martians_are_address_errors),
		T(unknown_protocol_gets_protocol_unreachable),
		T(frames_for_another_mac_are_dropped),
		T(unknown_ethertype_is_counted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
