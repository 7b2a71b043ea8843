/* ARP (RFC 826) and the neighbour cache: resolution, timeouts, queueing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "nettest.h"

static const u8 zero_mac[6];

static void expect_arp(const struct frame *f, const u8 *eth_dst, u16 op, be32 sip,
		       const u8 *tha, be32 tip)
{
	be32 v;

	assert_int_equal(f->type, ETH_P_ARP);
	assert_memory_equal(f->eth->h_dest, eth_dst, 6);
	assert_memory_equal(f->eth->h_source, our_mac, 6);
	assert_int_equal(f->arp->ar_hrd, net_htons(ARPHRD_ETHER));
	assert_int_equal(f->arp->ar_pro, net_htons(ETH_P_IP));
	assert_int_equal(f->arp->ar_hln, 6);
	assert_int_equal(f->arp->ar_pln, 4);
	assert_int_equal(net_ntohs(f->arp->ar_op), op);
	assert_memory_equal(f->arp->ar_sha, our_mac, 6);
	memcpy(&v, f->arp->ar_sip, 4);
	assert_int_equal(v, sip);
	assert_memory_equal(f->arp->ar_tha, tha, 6);
	memcpy(&v, f->arp->ar_tip, 4);
	assert_int_equal(v, tip);
}

static u8 state_of(be32 ip)
{
	struct neighbour *n = L(neigh_lookup(eth0, ip));

	return n ? n->nud_state : 0xff;
}

static void resolve_peer(void)
{
	struct frame f;

	inject_arp(ARPOP_REPLY, peer_mac, PEER_IP, our_mac, OUR_IP, our_mac);
	assert_int_equal(state_of(PEER_IP), NUD_REACHABLE);
	while (pop_frame(eth0, &f))
		frame_free(&f);
}

static void resolution_sends_request_and_releases_queue_on_reply(void **state)
{
	struct sock *sk = L(udp_sock_create());
	struct frame f;

	(void)state;
	assert_int_equal(L(udp_sendto(sk, "one", 3, PEER_IP, net_htons(9))), 3);
	assert_int_equal(L(udp_sendto(sk, "two", 3, PEER_IP, net_htons(9))), 3);
	assert_true(pop_frame(eth0, &f));
	expect_arp(&f, bcast_mac, ARPOP_REQUEST, OUR_IP, zero_mac, PEER_IP);
	frame_free(&f);
	assert_false(pop_frame(eth0, &f));        /* one request, packets wait */
	assert_int_equal(state_of(PEER_IP), NUD_INCOMPLETE);

	inject_arp(ARPOP_REPLY, peer_mac, PEER_IP, our_mac, OUR_IP, our_mac);
	assert_int_equal(state_of(PEER_IP), NUD_REACHABLE);
	for (int i = 0; i < 2; i++) {
		assert_true(pop_frame(eth0, &f));
		assert_int_equal(f.type, ETH_P_IP);
		assert_memory_equal(f.eth->h_dest, peer_mac, 6);
		assert_memory_equal(f.l4 + 8, i ? "two" : "one", 3);
		frame_free(&f);
	}
	assert_false(pop_frame(eth0, &f));
	assert_int_equal(arp_stats.out_requests, 1);
	assert_int_equal(arp_stats.in_replies, 1);
	LV(udp_close(sk));
}

static void resolution_timeout_fails_and_reports_host_unreachable(void **state)
{
	struct sock *sk = L(udp_sock_create());
	struct frame f;
	char buf[8];
	int requests = 0;

	(void)state;
	assert_int_equal(L(udp_connect(sk, PEER_IP, net_htons(9))), 0);
	assert_int_equal(L(udp_sendto(sk, "x", 1, 0, 0)), 1);
	/* mcast_probes = 3 requests, retrans_time = 1 s apart. */
	for (int s = 0; s < 3; s++) {
		while (pop_frame(eth0, &f)) {
			expect_arp(&f, bcast_mac, ARPOP_REQUEST, OUR_IP, zero_mac, PEER_IP);
			requests++;
			frame_free(&f);
		}
		assert_int_equal(requests, s + 1);
		assert_int_equal(state_of(PEER_IP), NUD_INCOMPLETE);
		fake_clock_advance(NSEC_PER_SEC);
	}
	assert_false(pop_frame(eth0, &f));
	assert_int_equal(state_of(PEER_IP), NUD_FAILED);
	assert_int_equal(neigh_stats.res_failed, 1);
	/* The queued datagram's sender hears ICMP host unreachable (via lo). */
	net_settle();
	assert_int_equal(ctr("Icmp", "OutDestUnreachs"), 1);
	assert_int_equal(ctr("Icmp", "InDestUnreachs"), 1);
	assert_int_equal(L(udp_recvfrom(sk, buf, sizeof(buf), 0, NULL, NULL, NULL)), -EHOSTUNREACH);
	assert_int_equal(L(udp_recvfrom(sk, buf, sizeof(buf), 0, NULL, NULL, NULL)), -EAGAIN);
	/* The next packet starts over. */
	assert_int_equal(L(udp_sendto(sk, "y", 1, 0, 0)), 1);
	assert_int_equal(state_of(PEER_IP), NUD_INCOMPLETE);
	assert_true(pop_frame(eth0, &f));
	expect_arp(&f, bcast_mac, ARPOP_REQUEST, OUR_IP, zero_mac, PEER_IP);
	frame_free(&f);
	LV(udp_close(sk));
}

static void queue_awaiting_resolution_is_bounded(void **state)
{
	static u8 data[1400];
	struct sock *sk = L(udp_sock_create());
	struct neighbour *n;
	struct frame f;
	int sent = 0;

	(void)state;
	for (int i = 0; i < 200; i++)
		assert_int_equal(L(udp_sendto(sk, data, sizeof(data), PEER_IP, net_htons(9))), 1400);
	n = L(neigh_lookup(eth0, PEER_IP));
	assert_non_null(n);
	/* unres_qlen_bytes 212992 / 1428-byte datagrams: 149 kept, oldest dropped. */
	assert_true(n->arp_queue.bytes <= neigh_parms.unres_qlen_bytes);
	assert_int_equal(n->arp_queue.count, 149);
	assert_int_equal(neigh_stats.unres_discards, 51);
	fakedev_purge(eth0);
	inject_arp(ARPOP_REPLY, peer_mac, PEER_IP, our_mac, OUR_IP, our_mac);
	while (pop_frame(eth0, &f)) {
		assert_int_equal(f.type, ETH_P_IP);
		sent++;
		frame_free(&f);
	}
	assert_int_equal(sent, 149);
	LV(udp_close(sk));
}

static void requests_for_our_address_are_answered_and_learned(void **state)
{
	static const u8 stranger_mac[6] = { 2, 0, 0, 0, 0, 0x77 };
	struct frame f;
	struct neighbour *n;

	(void)state;
	inject_arp(ARPOP_REQUEST, peer_mac, PEER_IP, zero_mac, OUR_IP, bcast_mac);
	assert_true(pop_frame(eth0, &f));
	expect_arp(&f, peer_mac, ARPOP_REPLY, OUR_IP, peer_mac, PEER_IP);
	frame_free(&f);
	n = L(neigh_lookup(eth0, PEER_IP));
	assert_non_null(n);
	assert_int_equal(n->nud_state, NUD_STALE);
	assert_memory_equal(n->ha, peer_mac, 6);

	/* A request for someone else: no reply, nothing learned (arp_accept=0). */
	inject_arp(ARPOP_REQUEST, stranger_mac, IP4(192, 0, 2, 77), zero_mac, OTHER_IP, bcast_mac);
	assert_false(pop_frame(eth0, &f));
	assert_null(L(neigh_lookup(eth0, IP4(192, 0, 2, 77))));
	/* An unsolicited reply creates nothing either. */
	inject_arp(ARPOP_REPLY, stranger_mac, IP4(192, 0, 2, 78), our_mac, OUR_IP, our_mac);
	assert_null(L(neigh_lookup(eth0, IP4(192, 0, 2, 78))));
	assert_int_equal(arp_stats.in_not_for_us, 2);
	/* ...but a gratuitous ARP updates an entry we have. */
	inject_arp(ARPOP_REQUEST, stranger_mac, PEER_IP, zero_mac, PEER_IP, bcast_mac);
	n = L(neigh_lookup(eth0, PEER_IP));
	assert_memory_equal(n->ha, stranger_mac, 6);
	assert_false(pop_frame(eth0, &f));
	/* RFC 5227 probe (sender 0.0.0.0) for our address is answered. */
	inject_arp(ARPOP_REQUEST, stranger_mac, 0, zero_mac, OUR_IP, bcast_mac);
	assert_true(pop_frame(eth0, &f));
	expect_arp(&f, stranger_mac, ARPOP_REPLY, OUR_IP, stranger_mac, 0);
	frame_free(&f);
}

static void malformed_arp_is_counted_and_ignored(void **state)
{
	u8 frame[14 + 28];
	struct ethhdr *eth = (struct ethhdr *)frame;
	struct arphdr_eth *arp = (struct arphdr_eth *)(frame + 14);
	struct frame f;

	(void)state;
	memcpy(eth->h_dest, bcast_mac, 6);
	memcpy(eth->h_source, peer_mac, 6);
	eth->h_proto = net_htons(ETH_P_ARP);
	arp->ar_hrd = net_htons(ARPHRD_ETHER);
	arp->ar_pro = net_htons(ETH_P_IP);
	arp->ar_hln = 6;
	arp->ar_pln = 4;
	arp->ar_op = net_htons(ARPOP_REQUEST);
	memcpy(arp->ar_sha, peer_mac, 6);
	memcpy(arp->ar_sip, &(be32){ PEER_IP }, 4);
	memset(arp->ar_tha, 0, 6);
	memcpy(arp->ar_tip, &(be32){ OUR_IP }, 4);
	fakedev_rx(eth0, frame, 14 + 27);                 /* truncated */
	assert_int_equal(arp_stats.in_truncated, 1);
	arp->ar_hln = 8;
	fakedev_rx(eth0, frame, sizeof(frame));           /* wrong length */
	arp->ar_hln = 6;
	arp->ar_op = net_htons(3);
	fakedev_rx(eth0, frame, sizeof(frame));           /* unknown op */
	arp->ar_op = net_htons(ARPOP_REQUEST);
	arp->ar_pro = net_htons(ETH_P_IPV6);
	fakedev_rx(eth0, frame, sizeof(frame));           /* other protocol */
	assert_int_equal(arp_stats.in_unsupported, 3);
	arp->ar_pro = net_htons(ETH_P_IP);
	memcpy(arp->ar_sip, &(be32){ LOOP_IP }, 4);
	fakedev_rx(eth0, frame, sizeof(frame));           /* loopback sender */
	assert_int_equal(arp_stats.in_bogus, 1);
	assert_false(pop_frame(eth0, &f));
	assert_null(L(neigh_lookup(eth0, PEER_IP)));
	/* A runt Ethernet frame never reaches ARP. */
	fakedev_rx(eth0, frame, 10);
	assert_int_equal(eth0->stats.rx_length_errors, 1);
	assert_int_equal(eth0->stats.rx_errors, 1);
}

static void gratuitous_arp_on_address_add(void **state)
{
	struct frame f;
	be32 addr = IP4(192, 0, 2, 9);

	(void)state;
	assert_int_equal(L(inet_addr_add_simple(eth0, addr, 24)), 0);
	assert_true(pop_frame(eth0, &f));
	expect_arp(&f, bcast_mac, ARPOP_REQUEST, addr, zero_mac, addr);
	frame_free(&f);
	assert_int_equal(arp_stats.gratuitous_sent, 1);
}

static void reachable_goes_stale_then_delay_probe_failed_and_collected(void **state)
{
	struct sock *sk = L(udp_sock_create());
	struct frame f;

	(void)state;
	assert_int_equal(L(udp_sendto(sk, "a", 1, PEER_IP, net_htons(9))), 1);
	resolve_peer();
	/* reachable_time is random in [15 s, 45 s). */
	fake_clock_advance(46 * NSEC_PER_SEC);
	assert_int_equal(state_of(PEER_IP), NUD_STALE);
	/* A packet through a stale entry goes out at once and starts DELAY. */
	assert_int_equal(L(udp_sendto(sk, "b", 1, PEER_IP, net_htons(9))), 1);
	assert_true(pop_frame(eth0, &f));
	assert_int_equal(f.type, ETH_P_IP);
	assert_memory_equal(f.eth->h_dest, peer_mac, 6);
	frame_free(&f);
	assert_int_equal(state_of(PEER_IP), NUD_DELAY);
	fake_clock_advance(5 * NSEC_PER_SEC);
	assert_int_equal(state_of(PEER_IP), NUD_PROBE);
	/* PROBE: ucast_probes = 3 unicast requests to the cached address. */
	for (int i = 0; i < 3; i++) {
		assert_true(pop_frame(eth0, &f));
		expect_arp(&f, peer_mac, ARPOP_REQUEST, OUR_IP, zero_mac, PEER_IP);
		frame_free(&f);
		fake_clock_advance(NSEC_PER_SEC);
	}
	assert_false(pop_frame(eth0, &f));
	assert_int_equal(state_of(PEER_IP), NUD_FAILED);
	/* Unused for gc_staletime (60 s): gone. */
	fake_clock_advance(61 * NSEC_PER_SEC);
	assert_int_equal(state_of(PEER_IP), 0xff);
	LV(udp_close(sk));
}

static void probe_answered_returns_to_reachable(void **state)
{
	struct sock *sk = L(udp_sock_create());

	(void)state;
	assert_int_equal(L(udp_sendto(sk, "a", 1, PEER_IP, net_htons(9))), 1);
	resolve_peer();
	fake_clock_advance(46 * NSEC_PER_SEC);
	assert_int_equal(L(udp_sendto(sk, "b", 1, PEER_IP, net_htons(9))), 1);
	fake_clock_advance(5 * NSEC_PER_SEC);
	assert_int_equal(state_of(PEER_IP), NUD_PROBE);
	resolve_peer();
	assert_int_equal(state_of(PEER_IP), NUD_REACHABLE);
	LV(udp_close(sk));
}

static void first_reply_wins_for_locktime(void **state)
{
	static const u8 proxy_mac[6] = { 2, 0, 0, 0, 0, 0x99 };
	struct sock *sk = L(udp_sock_create());
	struct neighbour *n;

	(void)state;
	assert_int_equal(L(udp_sendto(sk, "a", 1, PEER_IP, net_htons(9))), 1);
	resolve_peer();
	inject_arp(ARPOP_REPLY, proxy_mac, PEER_IP, our_mac, OUR_IP, our_mac);
	n = L(neigh_lookup(eth0, PEER_IP));
	assert_memory_equal(n->ha, peer_mac, 6);   /* within locktime: kept */
	fake_clock_advance(1001 * NSEC_PER_MSEC);
	inject_arp(ARPOP_REPLY, proxy_mac, PEER_IP, our_mac, OUR_IP, our_mac);
	n = L(neigh_lookup(eth0, PEER_IP));
	assert_memory_equal(n->ha, proxy_mac, 6);  /* later: replaced */
	assert_int_equal(n->nud_state, NUD_REACHABLE);
	LV(udp_close(sk));
}

static void down_device_forgets_neighbours(void **state)
{
	(void)state;
	inject_arp(ARPOP_REQUEST, peer_mac, PEER_IP, zero_mac, OUR_IP, bcast_mac);
	assert_int_equal(state_of(PEER_IP), NUD_STALE);
	LV(dev_close(eth0));
	assert_int_equal(state_of(PEER_IP), 0xff);
	assert_int_equal(L(neigh_count()), 0);
}

static void proc_net_arp_has_linux_layout(void **state)
{
	char buf[1024];
	struct sock *sk = L(udp_sock_create());

	(void)state;
	LV(neigh_update(eth0, GW_IP, gw_mac, NUD_PERMANENT,
			NEIGH_UPDATE_F_ADMIN | NEIGH_UPDATE_F_CREATE));
	assert_int_equal(L(udp_sendto(sk, "a", 1, PEER_IP, net_htons(9))), 1);
	assert_int_equal(L(udp_sendto(sk, "a", 1, OTHER_IP, net_htons(9))), 1);
	resolve_peer();
	L(arp_proc_format(buf, sizeof(buf)));
	/* Newest entry first; incomplete ones show zeros and flags 0. */
	assert_string_equal(buf,
		"IP address       HW type     Flags       HW address            Mask     Device\n"
		"192.0.2.3        0x1         0x0         00:00:00:00:00:00     *        eth0\n"
		"192.0.2.2        0x1         0x2         02:00:00:00:00:02     *        eth0\n"
		"192.0.2.254      0x1         0x6         02:00:00:00:00:fe     *        eth0\n");
	LV(udp_close(sk));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, env_setup_arp_cmocka, env_teardown_cmocka)
		T(resolution_sends_request_and_releases_queue_on_reply),
		T(resolution_timeout_fails_and_reports_host_unreachable),
		T(queue_awaiting_resolution_is_bounded),
		T(requests_for_our_address_are_answered_and_learned),
		T(malformed_arp_is_counted_and_ignored),
		T(gratuitous_arp_on_address_add),
		T(reachable_goes_stale_then_delay_probe_failed_and_collected),
		T(probe_answered_returns_to_reachable),
		T(first_reply_wins_for_locktime),
		T(down_device_forgets_neighbours),
		T(proc_net_arp_has_linux_layout),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
