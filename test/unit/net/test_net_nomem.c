/*
 * Out of memory anywhere: a scenario touching every allocation in the
 * IPv4 core (ARP resolution and queueing, fragmentation, reassembly,
 * ICMP errors, loopback, broadcast copies, sockets) is run once with
 * failures starting after each successive allocation.  Every run must
 * end without a crash, a sanitizer report or a leak.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "nettest.h"

static u8 big[4000];

static void scenario(void)
{
	struct sock *a = L(udp_sock_create()), *b = L(udp_sock_create());
	static u8 buf[8192];
	u8 pkt[1600], udp[1600];
	u32 n;

	if (a) {
		a->broadcast = true;
		L(udp_bind(a, 0, net_htons(7000)));
		L(udp_sendto(a, big, sizeof(big), PEER_IP, net_htons(9)));  /* ARP + frags */
		L(udp_sendto(a, "b", 1, BCAST_IP, net_htons(7000)));      /* + own copy */
		L(udp_sendto(a, "l", 1, LOOP_IP, net_htons(7000)));
		L(udp_sendto(a, "u", 1, LOOP_IP, net_htons(7001)));        /* port unreach */
	}
	if (b)
		L(udp_connect(b, LOOP_IP, net_htons(7000)));
	inject_arp(ARPOP_REPLY, peer_mac, PEER_IP, our_mac, OUR_IP, our_mac);
	inject_arp(ARPOP_REQUEST, gw_mac, GW_IP, bcast_mac, OUR_IP, bcast_mac);
	/* Two fragments of a datagram to us, and one that never completes. */
	n = build_udp(udp, PEER_IP, OUR_IP, 5000, 7000, big, 1500, true);
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_UDP, 5, IP_MF, 64, udp, 1480));
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_UDP, 5, 185, 64, udp + 1480, n - 1480));
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_UDP, 6, IP_MF, 64, udp, 1480));
	inject_udp(PEER_IP, OUR_IP, 5000, 7002, "x", 1);
	net_settle();
	fake_clock_advance(31 * NSEC_PER_SEC);
	net_settle();
	if (a)
		while (L(udp_recvfrom(a, buf, sizeof(buf), 0, NULL, NULL, NULL)) >= 0)
			;
	if (b) {
		L(udp_sendto(b, "c", 1, 0, 0));
		net_settle();
		LV(udp_close(b));
	}
	if (a)
		LV(udp_close(a));
	fakedev_purge(eth0);
}

static void every_allocation_may_fail(void **state)
{
	long k, failed;

	(void)state;
	/* Fail from the k-th allocation on, for k = 0, 1, ... until the
	 * scenario runs through without meeting a failure. */
	for (k = 0; k < 5000; k++) {
		env_setup(false);
		failed = host_failed_allocations();
		fake_alloc_fail_after(k);
		scenario();
		fake_alloc_fail_after(-1);
		env_teardown();
		if (host_failed_allocations() == failed)
			break;
	}
	assert_true(k > 20);          /* the scenario does allocate */
	assert_true(k < 5000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_allocation_may_fail),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
