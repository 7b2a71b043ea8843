/* IPv4 fragmentation and reassembly (RFC 791 §3.2, RFC 815). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "nettest.h"

static struct sock *listener;
static u8 dgram[70000];   /* the UDP datagram being fragmented */
static u32 dgram_len;
static u8 payload[65536];

static int setup(void **state)
{
	env_setup_cmocka(state);
	listener = L(udp_sock_create());
	assert_int_equal(L(udp_bind(listener, 0, net_htons(7000))), 0);
	for (u32 i = 0; i < sizeof(payload); i++)
		payload[i] = (u8)(i * 7 + (i >> 8));
	return 0;
}

static int teardown(void **state)
{
	LV(udp_close(listener));
	return env_teardown_cmocka(state);
}

static void make_dgram(u32 len)
{
	dgram_len = build_udp(dgram, PEER_IP, OUR_IP, 5000, 7000, payload, len, true);
}

/* Inject bytes [off, off+len) of the datagram as a fragment. */
static void frag(u16 id, u32 off, u32 len, bool more)
{
	static u8 pkt[2048];
	u32 n = build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_UDP, id,
			 (u16)((off / 8) | (more ? IP_MF : 0)), 64, dgram + off, len);

	inject_ip(pkt, n);
}

static int got(u32 expect_len)
{
	static u8 buf[65536];
	int n = L(udp_recvfrom(listener, buf, sizeof(buf), 0, NULL, NULL, NULL));

	if (n >= 0) {
		assert_int_equal(n, expect_len);
		assert_memory_equal(buf, payload, expect_len);
	}
	return n;
}

static void reassembles_fragments_out_of_order(void **state)
{
	(void)state;
	make_dgram(3000);                       /* 3008 bytes: 1480 + 1480 + 48 */
	frag(1, 2960, 48, false);
	frag(1, 0, 1480, true);
	assert_int_equal(got(3000), -EAGAIN);
	assert_int_equal(ip_frag_queue_count(), 1);
	frag(1, 1480, 1480, true);
	assert_int_equal(got(3000), 3000);
	assert_int_equal(ctr("Ip", "ReasmReqds"), 3);
	assert_int_equal(ctr("Ip", "ReasmOKs"), 1);
	assert_int_equal(ctr("Ip", "ReasmFails"), 0);
	assert_int_equal(ctr("Ip", "InDelivers"), 1);
	assert_int_equal(ip_frag_queue_count(), 0);
	assert_int_equal(ip_frag_mem(), 0);
}

static void duplicates_are_ignored(void **state)
{
	(void)state;
	make_dgram(3000);
	frag(2, 0, 1480, true);
	frag(2, 0, 1480, true);                 /* exact duplicate */
	frag(2, 1480, 1480, true);
	frag(2, 8, 1600, true);                 /* inside the run [0, 2960) */
	assert_int_equal(got(3000), -EAGAIN);
	frag(2, 2960, 48, false);
	assert_int_equal(got(3000), 3000);
	assert_int_equal(ctr("Ip", "ReasmOKs"), 1);
	assert_int_equal(ctr("Ip", "ReasmFails"), 0);
	assert_int_equal(ctr("IpExt", "ReasmOverlaps"), 0);
}

static void overlapping_fragments_discard_the_datagram(void **state)
{
	(void)state;
	make_dgram(3000);
	frag(3, 0, 1480, true);
	frag(3, 1472, 1488, true);              /* overlaps [1472, 1480) */
	assert_int_equal(ctr("IpExt", "ReasmOverlaps"), 1);
	assert_int_equal(ctr("Ip", "ReasmFails"), 1);
	assert_int_equal(ip_frag_queue_count(), 0);
	/* The rest can no longer complete it. */
	frag(3, 1480, 1480, true);
	frag(3, 2960, 48, false);
	assert_int_equal(got(3000), -EAGAIN);
	assert_int_equal(ctr("Ip", "ReasmOKs"), 0);
}

static void inconsistent_or_oversized_fragments_discard(void **state)
{
	(void)state;
	make_dgram(3000);
	frag(4, 2960, 48, false);               /* end 3008 */
	frag(4, 1480, 1480 + 8, false);         /* a second, different end */
	assert_int_equal(ctr("Ip", "ReasmFails"), 1);
	frag(5, 2960, 48, false);
	frag(5, 3008, 16, true);                /* data past the known end */
	assert_int_equal(ctr("Ip", "ReasmFails"), 2);
	make_dgram(1000);
	frag(6, 65528, 16, false);              /* 65528 + 16 + 20 > 65535 */
	assert_int_equal(ctr("Ip", "ReasmFails"), 3);
	assert_int_equal(ip_frag_queue_count(), 0);
}

static void options_in_fragment_zero_cannot_overflow_the_datagram(void **state)
{
	static u8 pkt[2048];
	struct iphdr *ip = (struct iphdr *)pkt;
	u32 off;

	(void)state;
	make_dgram(65507);                      /* 65515 bytes of UDP */
	/* Fragment zero with 40 bytes of options (IHL 15). */
	build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_UDP, 9, IP_MF, 64, NULL, 0);
	ip->ihl_version = 0x4f;
	memset(pkt + 20, 1, 40);                /* NOPs */
	memcpy(pkt + 60, dgram, 1480);
	ip->tot_len = net_htons(60 + 1480);
	ip->check = 0;
	ip->check = inet_csum(ip, 60);
	inject_ip(pkt, 60 + 1480);
	/* The rest with plain headers: 20 + 65515 fits, 60 + 65515 does not. */
	for (off = 1480; off + 1480 < 65515; off += 1480)
		frag(9, off, 1480, true);
	frag(9, off, 65515 - off, false);
	assert_int_equal(ctr("Ip", "ReasmOKs"), 0);
	assert_int_equal(ctr("Ip", "ReasmFails"), 1);
	assert_int_equal(ip_frag_queue_count(), 0);
	assert_int_equal(got(0), -EAGAIN);
}

static void timeout_sends_time_exceeded_when_first_fragment_held(void **state)
{
	struct frame f;
	const struct icmphdr *ih;
	const struct iphdr *quoted;

	(void)state;
	make_dgram(3000);
	frag(7, 0, 1480, true);
	frag(8, 1480, 1480, true);              /* no fragment zero */
	fake_clock_advance(29 * NSEC_PER_SEC);
	assert_int_equal(ip_frag_queue_count(), 2);
	fake_clock_advance(1 * NSEC_PER_SEC);   /* ipfrag_time = 30 s */
	assert_int_equal(ip_frag_queue_count(), 0);
	assert_int_equal(ip_frag_mem(), 0);
	assert_int_equal(ctr("Ip", "ReasmTimeout"), 2);
	assert_int_equal(ctr("Ip", "ReasmFails"), 2);
	assert_true(pop_frame(eth0, &f));       /* only for id 7 */
	ih = (const struct icmphdr *)f.l4;
	assert_int_equal(ih->type, ICMP_TIME_EXCEEDED);
	assert_int_equal(ih->code, ICMP_EXC_FRAGTIME);
	assert_int_equal(inet_csum(f.l4, f.l4_len), 0);
	assert_int_equal(f.ip->daddr, PEER_IP);
	quoted = (const struct iphdr *)(f.l4 + 8);
	assert_int_equal(net_ntohs(quoted->id), 7);
	assert_int_equal(net_ntohs(quoted->frag_off), IP_MF);
	assert_int_equal(f.l4_len, 576 - 20);   /* as much as fits in 576 */
	frame_free(&f);
	assert_false(pop_frame(eth0, &f));
	assert_int_equal(ctr("Icmp", "OutTimeExcds"), 1);
}

static void queue_count_and_memory_are_bounded(void **state)
{
	u32 i;

	(void)state;
	make_dgram(9000);
	for (i = 0; i < IPFRAG_MAX_QUEUES; i++)
		frag((u16)i, 0, 1480, true);
	assert_int_equal(ip_frag_queue_count(), IPFRAG_MAX_QUEUES);
	frag((u16)i, 0, 1480, true);            /* one queue too many */
	assert_int_equal(ip_frag_queue_count(), IPFRAG_MAX_QUEUES);
	assert_int_equal(ctr("Ip", "ReasmFails"), 1);
	/* More fragments for the existing queues until memory runs out. */
	for (i = 0; i < IPFRAG_MAX_QUEUES; i++) {
		frag((u16)i, 2960, 1480, true);
		frag((u16)i, 5920, 1480, true);
		assert_true(ip_frag_mem() <= IPFRAG_HIGH_THRESH);
	}
	assert_true(ctr("Ip", "ReasmFails") > 1);
	fake_clock_advance(31 * NSEC_PER_SEC);
	assert_int_equal(ip_frag_queue_count(), 0);
	assert_int_equal(ip_frag_mem(), 0);
	fakedev_purge(eth0);                    /* the time-exceeded errors */
}

static void output_fragments_large_datagrams(void **state)
{
	struct sock *sk = L(udp_sock_create());
	struct frame f;
	u16 id = 0;
	u32 off = 0;

	(void)state;
	assert_int_equal(L(udp_sendto(sk, payload, 4000, PEER_IP, net_htons(9))), 4000);
	/* 4008 bytes of UDP in 1480-byte pieces: 1480, 1480, 1048. */
	for (int i = 0; i < 3; i++) {
		u16 fo;

		assert_true(pop_frame(eth0, &f));
		fo = net_ntohs(f.ip->frag_off);
		assert_int_equal((fo & IP_OFFMASK) * 8, off);
		assert_int_equal(!!(fo & IP_MF), i < 2);
		assert_int_equal(fo & IP_DF, 0);
		assert_int_equal(f.l4_len, i < 2 ? 1480 : 1048);
		assert_true(net_ntohs(f.ip->tot_len) <= 1500);
		if (i == 0)
			id = f.ip->id;
		assert_int_equal(f.ip->id, id);
		off += f.l4_len;
		frame_free(&f);
	}
	assert_false(pop_frame(eth0, &f));
	assert_int_equal(ctr("Ip", "FragOKs"), 1);
	assert_int_equal(ctr("Ip", "FragCreates"), 3);
	assert_int_equal(ctr("Ip", "OutRequests"), 1);
	assert_int_equal(ctr("Ip", "OutTransmits"), 3);
	LV(udp_close(sk));
}

static void fragments_round_trip_through_loopback(void **state)
{
	static u8 buf[65536];
	struct sock *sk = L(udp_sock_create());
	be32 from;

	(void)state;
	assert_int_equal(L(dev_set_mtu(loopback_dev, 1500)), 0);
	assert_int_equal(L(udp_sendto(sk, payload, 65507, LOOP_IP, net_htons(7000))), 65507);
	net_settle();
	assert_int_equal(L(udp_recvfrom(listener, buf, sizeof(buf), 0, &from, NULL, NULL)), 65507);
	assert_memory_equal(buf, payload, 65507);
	assert_int_equal(from, LOOP_IP);
	assert_int_equal(ctr("Ip", "FragCreates"), 45);   /* ceil(65515 / 1480) */
	assert_int_equal(ctr("Ip", "ReasmOKs"), 1);
	assert_int_equal(L(udp_sendto(sk, payload, 65508, LOOP_IP, net_htons(7000))), -EMSGSIZE);
	LV(udp_close(sk));
}

static void dont_fragment_too_big_is_emsgsize(void **state)
{
	struct pkbuf *pkb = pkb_alloc(NET_HEADROOM, 2000);
	struct ip_out out = { .daddr = PEER_IP, .protocol = 253, .df = true };

	(void)state;
	memset(pkb_put(pkb, 2000), 0, 2000);
	assert_int_equal(L(ip_output(pkb, &out)), -EMSGSIZE);
	assert_int_equal(ctr("Ip", "FragFails"), 1);
	assert_int_equal(fakedev_pending(eth0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(reassembles_fragments_out_of_order),
		T(duplicates_are_ignored),
		T(overlapping_fragments_discard_the_datagram),
		T(inconsistent_or_oversized_fragments_discard),
		T(options_in_fragment_zero_cannot_overflow_the_datagram),
		T(timeout_sends_time_exceeded_when_first_fragment_held),
		T(queue_count_and_memory_are_bounded),
		T(output_fragments_large_datagrams),
		T(fragments_round_trip_through_loopback),
		T(dont_fragment_too_big_is_emsgsize),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
