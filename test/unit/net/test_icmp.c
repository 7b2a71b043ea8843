/* ICMP (RFC 792, RFC 1122 §3.2.2): echo, errors in and out, limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "nettest.h"

static u8 pkt[2048], msg[2048];

static void echo_request_gets_reply(void **state)
{
	u8 data[32];
	struct frame f;
	const struct icmphdr *ih;
	u32 n;

	(void)state;
	for (int i = 0; i < 32; i++)
		data[i] = (u8)i;
	n = build_icmp(msg, ICMP_ECHO, 0, net_htonl(0x00420001), data, sizeof(data));
	n = build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_ICMP, 9, 0, 64, msg, n);
	inject_ip(pkt, n);
	assert_true(pop_frame(eth0, &f));
	assert_memory_equal(f.eth->h_dest, peer_mac, 6);
	assert_int_equal(f.ip->saddr, OUR_IP);
	assert_int_equal(f.ip->daddr, PEER_IP);
	assert_int_equal(f.ip->protocol, IPPROTO_ICMP);
	ih = (const struct icmphdr *)f.l4;
	assert_int_equal(ih->type, ICMP_ECHOREPLY);
	assert_int_equal(ih->code, 0);
	assert_int_equal(net_ntohs(ih->un.echo.id), 0x42);
	assert_int_equal(net_ntohs(ih->un.echo.sequence), 1);
	assert_int_equal(f.l4_len, 8 + sizeof(data));
	assert_memory_equal(f.l4 + 8, data, sizeof(data));
	assert_int_equal(inet_csum(f.l4, f.l4_len), 0);
	frame_free(&f);
	assert_int_equal(ctr("Icmp", "InMsgs"), 1);
	assert_int_equal(ctr("Icmp", "InEchos"), 1);
	assert_int_equal(ctr("Icmp", "OutMsgs"), 1);
	assert_int_equal(ctr("Icmp", "OutEchoReps"), 1);
	assert_int_equal(ctr("IcmpMsg", "InType8"), 1);
	assert_int_equal(ctr("IcmpMsg", "OutType0"), 1);
}

static void echo_to_ourselves_over_loopback(void **state)
{
	u32 n = build_icmp(msg, ICMP_ECHO, 0, net_htonl(0x00070003), "ping", 4);
	struct pkbuf *pkb = pkb_alloc(NET_HEADROOM, n);
	struct ip_out out = { .daddr = LOOP_IP, .protocol = IPPROTO_ICMP };

	(void)state;
	memcpy(pkb_put(pkb, n), msg, n);
	assert_int_equal(L(ip_output(pkb, &out)), 0);
	assert_int_equal(ctr("Icmp", "InEchos"), 0);   /* not inside the send */
	net_settle();
	assert_int_equal(ctr("Icmp", "InEchos"), 1);
	assert_int_equal(ctr("Icmp", "OutEchoReps"), 1);
	assert_int_equal(ctr("Icmp", "InEchoReps"), 1);
	assert_int_equal(loopback_dev->stats.tx_packets, 2);
	assert_int_equal(loopback_dev->stats.rx_packets, 2);
	assert_int_equal(fakedev_pending(eth0), 0);
}

static void echo_to_broadcast_is_ignored(void **state)
{
	struct frame f;
	u32 n = build_icmp(msg, ICMP_ECHO, 0, 0, "x", 1);

	(void)state;
	n = build_ip(pkt, PEER_IP, BCAST_IP, IPPROTO_ICMP, 9, 0, 64, msg, n);
	inject_ip_from(peer_mac, bcast_mac, pkt, n);
	n = build_ip(pkt, PEER_IP, IP4(255, 255, 255, 255), IPPROTO_ICMP, 9, 0, 64, msg, 9);
	inject_ip_from(peer_mac, bcast_mac, pkt, n);
	assert_false(pop_frame(eth0, &f));
	assert_int_equal(ctr("Icmp", "InMsgs"), 2);
	assert_int_equal(ctr("Icmp", "InErrors"), 2);
	assert_int_equal(ctr("IpExt", "InBcastPkts"), 2);
}

static void bad_checksum_and_runts_are_errors(void **state)
{
	struct frame f;
	u32 n = build_icmp(msg, ICMP_ECHO, 0, 0, "abcd", 4);

	(void)state;
	msg[9] ^= 0xff;
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_ICMP, 9, 0, 64, msg, n));
	assert_int_equal(ctr("Icmp", "InCsumErrors"), 1);
	assert_int_equal(ctr("Icmp", "InErrors"), 1);
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_ICMP, 9, 0, 64, msg, 4));
	assert_int_equal(ctr("Icmp", "InErrors"), 2);
	/* An unknown type is an error too (> NR_ICMP_TYPES). */
	n = build_icmp(msg, 42, 0, 0, NULL, 0);
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_ICMP, 9, 0, 64, msg, n));
	assert_int_equal(ctr("Icmp", "InErrors"), 3);
	assert_false(pop_frame(eth0, &f));
}

/* An ICMP error from the peer about a UDP datagram we sent. */
static void inject_udp_error(u8 type, u8 code, be16 our_port, u16 peer_port)
{
	u8 quoted[28];
	struct udphdr *uh = (struct udphdr *)(quoted + 20);
	u32 n;

	build_ip(quoted, OUR_IP, PEER_IP, IPPROTO_UDP, 1, IP_DF, 64, NULL, 8);
	uh->source = our_port;
	uh->dest = net_htons(peer_port);
	uh->len = net_htons(9);
	uh->check = 0x1234;
	n = build_icmp(msg, type, code, 0, quoted, sizeof(quoted));
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_ICMP, 9, 0, 64, msg, n));
}

static int reported;
static void on_error(struct sock *sk)
{
	(void)sk;
	reported++;
}

static void errors_reach_connected_udp_sockets(void **state)
{
	struct sock *c = L(udp_sock_create()), *u = L(udp_sock_create());
	char buf[4];

	(void)state;
	c->error_report = on_error;
	u->error_report = on_error;
	reported = 0;
	assert_int_equal(L(udp_connect(c, PEER_IP, net_htons(9))), 0);
	assert_int_equal(L(udp_bind(u, 0, net_htons(6000))), 0);
	inject_udp_error(ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, c->sport, 9);
	assert_int_equal(reported, 1);
	assert_int_equal(c->err, ECONNREFUSED);
	assert_int_equal(L(udp_recvfrom(c, buf, 4, 0, NULL, NULL, NULL)), -ECONNREFUSED);
	assert_int_equal(L(udp_recvfrom(c, buf, 4, 0, NULL, NULL, NULL)), -EAGAIN);
	inject_udp_error(ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, c->sport, 9);
	assert_int_equal(L(udp_sendto(c, "x", 1, 0, 0)), -ENOPROTOOPT);  /* send reports it too */
	/* Soft errors are not reported without IP_RECVERR. */
	inject_udp_error(ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, c->sport, 9);
	inject_udp_error(ICMP_SOURCE_QUENCH, 0, c->sport, 9);
	assert_int_equal(c->err, 0);
	/* Unconnected sockets hear nothing (Linux, RFC 1122 §4.1.3.3). */
	inject_udp_error(ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, u->sport, 9);
	assert_int_equal(u->err, 0);
	assert_int_equal(reported, 2);
	/* No socket at all: counted. */
	inject_udp_error(ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, net_htons(1), 9);
	assert_int_equal(ctr("Icmp", "InErrors"), 1);
	assert_int_equal(ctr("Icmp", "InDestUnreachs"), 4);
	assert_int_equal(ctr("Icmp", "InTimeExcds"), 1);
	assert_int_equal(ctr("Icmp", "InSrcQuenchs"), 1);
	LV(udp_close(c));
	LV(udp_close(u));
}

static void truncated_error_quotes_are_errors(void **state)
{
	u8 quoted[24];
	u32 n;

	(void)state;
	build_ip(quoted, OUR_IP, PEER_IP, IPPROTO_UDP, 1, 0, 64, NULL, 8);
	n = build_icmp(msg, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0, quoted, sizeof(quoted));
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_ICMP, 9, 0, 64, msg, n));
	assert_int_equal(ctr("Icmp", "InErrors"), 1);   /* header + 4 < 8 bytes */
}

static void no_error_about_an_icmp_error(void **state)
{
	struct frame f;
	u8 quoted[28] = { 0 };
	u32 n;

	(void)state;
	/* Fragment zero of an ICMP error, never completed: on timeout an
	 * error about it would be an error about an error (RFC 1122 §3.2.2). */
	build_ip(quoted, OUR_IP, PEER_IP, IPPROTO_UDP, 1, 0, 64, NULL, 8);
	n = build_icmp(msg, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0, quoted, sizeof(quoted));
	assert_int_equal(n, 36);
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_ICMP, 9, IP_MF, 64, msg, 32));
	/* ...while an echo request's fragment zero does get one. */
	n = build_icmp(msg, ICMP_ECHO, 0, 0, quoted, sizeof(quoted));
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_ICMP, 10, IP_MF, 64, msg, 32));
	fake_clock_advance(30 * NSEC_PER_SEC);
	assert_int_equal(ctr("Ip", "ReasmTimeout"), 2);
	assert_true(pop_frame(eth0, &f));
	assert_int_equal(((const struct icmphdr *)f.l4)->type, ICMP_TIME_EXCEEDED);
	assert_int_equal(net_ntohs(((const struct iphdr *)(f.l4 + 8))->id), 10);
	frame_free(&f);
	assert_false(pop_frame(eth0, &f));
}

static int drain(void)
{
	struct frame f;
	int n = 0;

	while (pop_frame(eth0, &f)) {
		n++;
		frame_free(&f);
	}
	return n;
}

static void errors_are_rate_limited_per_host(void **state)
{
	(void)state;
	/* inet_peer_xrlim_allow: a burst of 6, then one per icmp_ratelimit. */
	for (int i = 0; i < 10; i++)
		inject_udp(PEER_IP, OUR_IP, 5000, (u16)(20000 + i), "x", 1);
	assert_int_equal(drain(), 6);
	assert_int_equal(ctr("Icmp", "OutRateLimitHost"), 4);
	assert_int_equal(ctr("Udp", "NoPorts"), 10);
	fake_clock_advance(1000 * NSEC_PER_MSEC);
	for (int i = 0; i < 3; i++)
		inject_udp(PEER_IP, OUR_IP, 5000, (u16)(20000 + i), "x", 1);
	assert_int_equal(drain(), 1);
	assert_int_equal(ctr("Icmp", "OutRateLimitHost"), 6);
	/* Another host has its own bucket. */
	inject_udp(GW_IP, OUR_IP, 5000, 20000, "x", 1);
	assert_int_equal(drain(), 1);
	/* Echo replies are not limited. */
	for (int i = 0; i < 10; i++) {
		u32 n = build_icmp(msg, ICMP_ECHO, 0, 0, "e", 1);

		inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_ICMP, 9, 0, 64, msg, n));
	}
	assert_int_equal(drain(), 10);
}

static void errors_are_rate_limited_globally(void **state)
{
	(void)state;
	/* icmp_msgs_burst = 50 at once, then icmp_msgs_per_sec = 1000. */
	for (int i = 0; i < 60; i++)
		inject_udp(IP4(192, 0, 2, 100 + i), OUR_IP, 5000, 20000, "x", 1);
	assert_int_equal(ctr("Icmp", "OutDestUnreachs"), 50);
	assert_int_equal(ctr("Icmp", "OutRateLimitGlobal"), 10);
	assert_int_equal(ctr("Icmp", "OutRateLimitHost"), 0);
	fake_clock_advance(5 * NSEC_PER_MSEC);  /* 5 ms = 5 more */
	for (int i = 0; i < 10; i++)
		inject_udp(IP4(192, 0, 2, 170 + i), OUR_IP, 5000, 20000, "x", 1);
	assert_int_equal(ctr("Icmp", "OutDestUnreachs"), 55);
	fakedev_purge(eth0);                    /* ARP requests for them */
}

static void loopback_errors_are_not_limited_per_host(void **state)
{
	struct sock *sk = L(udp_sock_create());

	(void)state;
	for (int i = 0; i < 10; i++)
		assert_int_equal(L(udp_sendto(sk, "x", 1, LOOP_IP, net_htons((u16)(30000 + i)))), 1);
	net_settle();
	assert_int_equal(ctr("Icmp", "OutDestUnreachs"), 10);
	assert_int_equal(ctr("Icmp", "InDestUnreachs"), 10);
	LV(udp_close(sk));
}

static void frag_needed_lowers_the_path_mtu(void **state)
{
	static u8 data[1400];
	struct sock *sk = L(udp_sock_create());
	struct fib_config cfg;
	struct route_result rt;
	struct frame f;
	u8 quoted[28];
	u32 n;
	int frags = 0;

	(void)state;
	net_lock();
	fib_config_init(&cfg);
	cfg.gateway = GW_IP;
	assert_int_equal(fib_table_insert(&cfg), 0);
	net_unlock();
	assert_int_equal(L(udp_sendto(sk, data, sizeof(data), REMOTE_IP, net_htons(9))), 1400);
	assert_true(pop_frame(eth0, &f));
	assert_int_equal(net_ntohs(f.ip->frag_off), IP_DF);   /* fits 1500: DF */
	memcpy(quoted, f.ip, 28);
	frame_free(&f);
	/* The router says 1280 (RFC 1191 §4: next-hop MTU in the low bits). */
	n = build_icmp(msg, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, net_htonl(1280), quoted, 28);
	inject_ip(pkt, build_ip(pkt, GW_IP, OUR_IP, IPPROTO_ICMP, 9, 0, 64, msg, n));
	assert_int_equal(L(ip_rt_pmtu(REMOTE_IP)), 1280);
	assert_int_equal(L(ip_route_output(REMOTE_IP, 0, &rt)), 0);
	assert_int_equal(rt.mtu, 1280);
	assert_int_equal(L(ip_route_output(PEER_IP, 0, &rt)), 0);
	assert_int_equal(rt.mtu, 1500);                        /* other paths not */
	/* Now the same datagram is fragmented to fit. */
	assert_int_equal(L(udp_sendto(sk, data, sizeof(data), REMOTE_IP, net_htons(9))), 1400);
	while (pop_frame(eth0, &f)) {
		assert_true(net_ntohs(f.ip->tot_len) <= 1280);
		frags++;
		frame_free(&f);
	}
	assert_int_equal(frags, 2);
	/* Never raised by an ICMP; absurdly low values become 552 (Linux). */
	n = build_icmp(msg, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, net_htonl(1400), quoted, 28);
	inject_ip(pkt, build_ip(pkt, GW_IP, OUR_IP, IPPROTO_ICMP, 9, 0, 64, msg, n));
	assert_int_equal(L(ip_rt_pmtu(REMOTE_IP)), 1280);
	n = build_icmp(msg, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, net_htonl(100), quoted, 28);
	inject_ip(pkt, build_ip(pkt, GW_IP, OUR_IP, IPPROTO_ICMP, 9, 0, 64, msg, n));
	assert_int_equal(L(ip_rt_pmtu(REMOTE_IP)), 552);
	/* It expires after ip_rt_mtu_expires. */
	fake_clock_advance(IP_RT_MTU_EXPIRES_NS);
	assert_int_equal(L(ip_rt_pmtu(REMOTE_IP)), 0);
	assert_int_equal(L(ip_route_output(REMOTE_IP, 0, &rt)), 0);
	assert_int_equal(rt.mtu, 1500);
	LV(udp_close(sk));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, env_setup_cmocka, env_teardown_cmocka)
		T(echo_request_gets_reply),
		T(echo_to_ourselves_over_loopback),
		T(echo_to_broadcast_is_ignored),
		T(bad_checksum_and_runts_are_errors),
		T(errors_reach_connected_udp_sockets),
		T(truncated_error_quotes_are_errors),
		T(no_error_about_an_icmp_error),
		T(errors_are_rate_limited_per_host),
		T(errors_are_rate_limited_globally),
		T(loopback_errors_are_not_limited_per_host),
		T(frag_needed_lowers_the_path_mtu),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
