/*
 * Robustness: many randomly damaged frames (seeded, repeatable) through
 * the whole receive path, with the clock moving so every timer fires.
 * Nothing may crash, trip the sanitizers, hang, or leak.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <net/raw.h>
#include "nettest.h"

static u64 rng = 0x2545f4914f6cdd1dull;

static u32 rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (u32)(rng >> 11);
}

/* One valid frame of a random kind at frame; returns its length. */
static u32 seed_frame(u8 *frame)
{
	static u8 l4[2048], ip[2048];
	struct ethhdr *eth = (struct ethhdr *)frame;
	u32 n = 0, len = rnd() % 64;
	u16 port = rnd() % 3 ? 7000 : (u16)rnd();

	for (u32 i = 0; i < len; i++)
		l4[200 + i] = (u8)rnd();
	memcpy(eth->h_dest, rnd() % 4 ? our_mac : bcast_mac, 6);
	memcpy(eth->h_source, peer_mac, 6);
	eth->h_proto = net_htons(ETH_P_IP);
	switch (rnd() % 5) {
	case 0:
		n = build_udp(l4, PEER_IP, OUR_IP, 5000, port, l4 + 200, len, rnd() % 2);
		n = build_ip(ip, PEER_IP, OUR_IP, IPPROTO_UDP, (u16)rnd(), 0, 64, l4, n);
		break;
	case 1:
		n = build_icmp(l4, (u8)(rnd() % 20), (u8)(rnd() % 16), rnd(), l4 + 200, len);
		n = build_ip(ip, PEER_IP, OUR_IP, IPPROTO_ICMP, (u16)rnd(), 0, 64, l4, n);
		break;
	case 2: {
		/* An ICMP error quoting a UDP datagram of ours. */
		u8 q[28];

		build_ip(q, OUR_IP, PEER_IP, IPPROTO_UDP, 1, 0, 64, NULL, 8);
		memcpy(q + 20, l4 + 200, 8);
		q[20] = 0x1b;
		q[21] = 0x58;                   /* source port 7000 */
		n = build_icmp(l4, ICMP_DEST_UNREACH, (u8)(rnd() % 16), 0, q, sizeof(q));
		n = build_ip(ip, PEER_IP, OUR_IP, IPPROTO_ICMP, (u16)rnd(), 0, 64, l4, n);
		break;
	}
	case 3: {
		/* A fragment of a small family of datagrams. */
		u16 off = (u16)(rnd() % 4) * 185;

		n = build_ip(ip, PEER_IP, OUR_IP, IPPROTO_UDP, (u16)(rnd() % 4),
			     off | (rnd() % 3 ? IP_MF : 0), 64, l4 + 200, 8 + (rnd() % 1500) / 8 * 8);
		break;
	}
	default: {
		struct arphdr_eth *arp = (struct arphdr_eth *)(frame + 14);
		be32 sip = rnd() % 2 ? PEER_IP : IP4(192, 0, 2, 100 + rnd() % 8);

		eth->h_proto = net_htons(ETH_P_ARP);
		arp->ar_hrd = net_htons(ARPHRD_ETHER);
		arp->ar_pro = net_htons(ETH_P_IP);
		arp->ar_hln = 6;
		arp->ar_pln = 4;
		arp->ar_op = net_htons((u16)(1 + rnd() % 2));
		memcpy(arp->ar_sha, peer_mac, 6);
		memcpy(arp->ar_sip, &sip, 4);
		memset(arp->ar_tha, 0, 6);
		memcpy(arp->ar_tip, &(be32){ rnd() % 2 ? OUR_IP : OTHER_IP }, 4);
		return 14 + 28;
	}
	}
	memcpy(frame + 14, ip, n);
	return 14 + n;
}

static void random_damage_never_breaks_the_stack(void **state)
{
	static u8 frame[2048];
	struct sock *sk = L(udp_sock_create()), *c = L(udp_sock_create());
	int err;
	struct sock *r = L(raw_sock_create(IPPROTO_ICMP, &err));
	char buf[2048];

	(void)state;
	assert_int_equal(L(udp_bind(sk, 0, net_htons(7000))), 0);
	c->reuseaddr = sk->reuseaddr = true;
	assert_int_equal(L(udp_connect(c, PEER_IP, net_htons(5000))), 0);
	for (int i = 0; i < 100000; i++) {
		u32 len = seed_frame(frame);
		u32 flips = rnd() % 4;

		/* Damage: flip bytes, maybe cut the frame short. */
		for (u32 k = 0; k < flips; k++)
			frame[rnd() % len] ^= (u8)(1u << (rnd() % 8));
		if (rnd() % 8 == 0)
			len = rnd() % len + 1;
		fakedev_rx(eth0, frame, len);
		if (rnd() % 16 == 0)
			fakedev_purge(eth0);
		if (rnd() % 64 == 0)
			fake_clock_advance((u64)(rnd() % 40000) * NSEC_PER_MSEC);
		if (rnd() % 4 == 0) {
			while (L(udp_recvfrom(sk, buf, sizeof(buf), 0, NULL, NULL, NULL)) >= 0)
				;
			L(udp_recvfrom(c, buf, sizeof(buf), 0, NULL, NULL, NULL));
			while (L(raw_recvfrom(r, buf, sizeof(buf), 0, NULL, NULL)) >= 0)
				;
		}
		if (rnd() % 512 == 0)
			L(udp_sendto(sk, "r", 1, PEER_IP, net_htons(5000)));
	}
	fake_clock_advance(120 * NSEC_PER_SEC);
	fakedev_purge(eth0);
	assert_int_equal(ip_frag_queue_count(), 0);
	assert_true(ctr("Ip", "InReceives") > 50000);
	assert_true(ctr("Ip", "InHdrErrors") > 0);
	if (getenv("TERN_ROBUST_DUMP")) {
		static char text[8192];

		L(snmp_proc_format(text, sizeof(text)));
		fputs(text, stderr);
		fprintf(stderr, "arp in_req %llu in_rep %llu bogus %llu; neigh %u\n",
			(unsigned long long)arp_stats.in_requests,
			(unsigned long long)arp_stats.in_replies,
			(unsigned long long)arp_stats.in_bogus, L(neigh_count()));
	}
	LV(udp_close(sk));
	LV(udp_close(c));
	LV(raw_close(r));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(random_damage_never_breaks_the_stack,
						env_setup_cmocka, env_teardown_cmocka),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
