/* IGMPv3 host side (RFC 3376): the reports a join and a leave put on the wire. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include <net/igmp.h>
#include "nettest.h"

#define GRP IP4(239, 1, 2, 3)

static const u8 mcr_mac[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x16 };   /* 224.0.0.22 */

/*
 * The next frame is an IGMPv3 report from eth0 with one record of
 * `rtype` for `grp`: to 224.0.0.22 (its MAC), TTL 1, TOS 0xc0, DF, the
 * Router Alert option, both checksums right.
 */
static void expect_report(u8 rtype, be32 grp)
{
	const struct igmpv3_report *rep;
	const struct igmpv3_grec *rec;
	struct frame f;
	const u8 *opt;

	assert_true(pop_frame(eth0, &f));
	assert_int_equal(f.type, ETH_P_IP);
	assert_memory_equal(f.eth->h_dest, mcr_mac, 6);
	assert_memory_equal(f.eth->h_source, our_mac, 6);
	assert_int_equal(f.ip->protocol, IPPROTO_IGMP);
	assert_int_equal(ip_hdrlen(f.ip), 24);
	opt = (const u8 *)(f.ip + 1);
	assert_memory_equal(opt, "\x94\x04\x00\x00", 4);
	assert_int_equal(f.ip->ttl, 1);
	assert_int_equal(f.ip->tos, 0xc0);
	assert_int_equal(net_ntohs(f.ip->frag_off), IP_DF);
	assert_int_equal(f.ip->saddr, OUR_IP);
	assert_int_equal(f.ip->daddr, net_htonl(INADDR_ALLRTRS_IGMPV3));
	assert_int_equal(f.l4_len, sizeof(*rep) + sizeof(*rec));
	assert_int_equal(inet_csum(f.l4, f.l4_len), 0);
	rep = (const struct igmpv3_report *)f.l4;
	assert_int_equal(rep->type, IGMPV3_HOST_MEMBERSHIP_REPORT);
	assert_int_equal(net_ntohs(rep->ngrec), 1);
	rec = (const struct igmpv3_grec *)(rep + 1);
	assert_int_equal(rec->grec_type, rtype);
	assert_int_equal(rec->grec_auxwords, 0);
	assert_int_equal(rec->grec_nsrcs, 0);
	assert_int_equal(rec->grec_mca, grp);
	frame_free(&f);
}

static void no_frame(void)
{
	assert_int_equal(fakedev_pending(eth0), 0);
}

/*
 * RFC 3376 §5.1: a join is reported at once, then once more within the
 * Unsolicited Report Interval (1 s); more sockets joining change
 * nothing on the wire; the last leave is reported twice the same way.
 */
static void join_and_leave_are_reported_twice(void **state)
{
	(void)state;
	assert_int_equal(L(ip_mc_join_group(eth0->ifindex, GRP)), 0);
	expect_report(IGMPV3_CHANGE_TO_EXCLUDE, GRP);
	no_frame();
	assert_true(L(ip_check_mc(eth0, GRP)));
	assert_int_equal(L(ip_mc_join_group(eth0->ifindex, GRP)), 0);
	no_frame();
	fake_clock_advance(NSEC_PER_SEC);
	expect_report(IGMPV3_CHANGE_TO_EXCLUDE, GRP);
	fake_clock_advance(10 * NSEC_PER_SEC);
	no_frame();
	assert_int_equal(net_timer_count(), 0);

	assert_int_equal(L(ip_mc_leave_group(eth0->ifindex, GRP)), 0);
	no_frame();                                 /* one member left */
	assert_int_equal(L(ip_mc_leave_group(eth0->ifindex, GRP)), 0);
	expect_report(IGMPV3_CHANGE_TO_INCLUDE, GRP);
	/* Left: no longer received, and not left twice. */
	assert_false(L(ip_check_mc(eth0, GRP)));
	assert_int_equal(L(ip_mc_leave_group(eth0->ifindex, GRP)), -EADDRNOTAVAIL);
	fake_clock_advance(NSEC_PER_SEC);
	expect_report(IGMPV3_CHANGE_TO_INCLUDE, GRP);
	fake_clock_advance(10 * NSEC_PER_SEC);
	no_frame();
	assert_int_equal(net_timer_count(), 0);
}

/* Joined again while the leave is still being reported: a join again. */
static void rejoin_while_leaving(void **state)
{
	(void)state;
	assert_int_equal(L(ip_mc_join_group(eth0->ifindex, GRP)), 0);
	expect_report(IGMPV3_CHANGE_TO_EXCLUDE, GRP);
	assert_int_equal(L(ip_mc_leave_group(eth0->ifindex, GRP)), 0);
	expect_report(IGMPV3_CHANGE_TO_INCLUDE, GRP);
	assert_int_equal(L(ip_mc_join_group(eth0->ifindex, GRP)), 0);
	expect_report(IGMPV3_CHANGE_TO_EXCLUDE, GRP);
	assert_true(L(ip_check_mc(eth0, GRP)));
	fake_clock_advance(2 * NSEC_PER_SEC);
	expect_report(IGMPV3_CHANGE_TO_EXCLUDE, GRP);
	no_frame();
	assert_int_equal(L(ip_mc_leave_group(eth0->ifindex, GRP)), 0);
	fakedev_purge(eth0);
}

/* Not reported: 224.0.0.1 (every host is in it) and groups on loopback. */
static void silent_groups(void **state)
{
	(void)state;
	assert_int_equal(L(ip_mc_join_group(eth0->ifindex, net_htonl(INADDR_ALLHOSTS_GROUP))), 0);
	assert_int_equal(L(ip_mc_join_group(loopback_dev->ifindex, GRP)), 0);
	assert_true(L(ip_check_mc(loopback_dev, GRP)));
	fake_clock_advance(2 * NSEC_PER_SEC);
	no_frame();
	assert_int_equal(L(ip_mc_leave_group(loopback_dev->ifindex, GRP)), 0);
	assert_int_equal(L(ip_mc_leave_group(eth0->ifindex, net_htonl(INADDR_ALLHOSTS_GROUP))), 0);
	assert_false(L(ip_check_mc(loopback_dev, GRP)));
	assert_int_equal(net_timer_count(), 0);
	no_frame();
}

/* A device that comes up announces its groups again; down, it is quiet. */
static void device_up_reannounces(void **state)
{
	(void)state;
	assert_int_equal(L(ip_mc_join_group(eth0->ifindex, GRP)), 0);
	expect_report(IGMPV3_CHANGE_TO_EXCLUDE, GRP);
	LV(dev_close(eth0));
	fake_clock_advance(2 * NSEC_PER_SEC);
	no_frame();
	assert_int_equal(net_timer_count(), 0);
	LV(dev_open(eth0));
	fakedev_purge(eth0);                        /* the gratuitous ARP */
	fake_clock_advance(2 * NSEC_PER_SEC);
	/* The first report went with the ARP; the second follows. */
	expect_report(IGMPV3_CHANGE_TO_EXCLUDE, GRP);
	no_frame();
	assert_int_equal(L(ip_mc_leave_group(eth0->ifindex, GRP)), 0);
	fakedev_purge(eth0);
}

static void inject_query(be32 grp, const u8 *msg, u32 len)
{
	u8 igmp[32], ip[64];

	memcpy(igmp, msg, len);
	memcpy(igmp + 4, &grp, 4);
	igmp[2] = igmp[3] = 0;
	{
		u16 c = inet_csum(igmp, len);

		memcpy(igmp + 2, &c, 2);
	}
	inject_ip_from(peer_mac, (const u8 *)"\x01\x00\x5e\x00\x00\x01", ip,
		       build_ip(ip, PEER_IP, net_htonl(INADDR_ALLHOSTS_GROUP), IPPROTO_IGMP, 1, 0,
				1, igmp, len));
}

/*
 * RFC 3376 §5.2: a General Query is answered for every group with a
 * Current-State record (MODE_IS_EXCLUDE) within its Max Resp Time; a
 * group-specific one for its group only; a query of a bad length not.
 */
static void queries_are_answered(void **state)
{
	static const u8 v3q[12] = { IGMP_HOST_MEMBERSHIP_QUERY, 20 };  /* 2 s */
	static const u8 v2q[8] = { IGMP_HOST_MEMBERSHIP_QUERY, 10 };   /* 1 s */
	be32 other = IP4(239, 9, 9, 9);
	struct frame f;
	int seen = 0;

	(void)state;
	assert_int_equal(L(ip_mc_join_group(eth0->ifindex, GRP)), 0);
	assert_int_equal(L(ip_mc_join_group(eth0->ifindex, other)), 0);
	fake_clock_advance(2 * NSEC_PER_SEC);
	fakedev_purge(eth0);
	inject_query(0, v3q, sizeof(v3q));
	no_frame();                                 /* not at once */
	fake_clock_advance(2 * NSEC_PER_SEC);
	while (pop_frame(eth0, &f)) {
		const struct igmpv3_grec *rec =
			(const struct igmpv3_grec *)(f.l4 + sizeof(struct igmpv3_report));

		assert_int_equal(f.ip->protocol, IPPROTO_IGMP);
		assert_int_equal(rec->grec_type, IGMPV3_MODE_IS_EXCLUDE);
		seen |= rec->grec_mca == GRP ? 1 : rec->grec_mca == other ? 2 : 4;
		frame_free(&f);
	}
	assert_int_equal(seen, 3);
	/* Group-specific (in the IGMPv2 form): that group only. */
	inject_query(other, v2q, sizeof(v2q));
	fake_clock_advance(NSEC_PER_SEC);
	expect_report(IGMPV3_MODE_IS_EXCLUDE, other);
	no_frame();
	/* Ten bytes is neither form (§7.1): ignored. */
	inject_query(0, v3q, 10);
	fake_clock_advance(3 * NSEC_PER_SEC);
	no_frame();
	assert_int_equal(L(ip_mc_leave_group(eth0->ifindex, GRP)), 0);
	assert_int_equal(L(ip_mc_leave_group(eth0->ifindex, other)), 0);
	fake_clock_advance(2 * NSEC_PER_SEC);
	fakedev_purge(eth0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, env_setup_cmocka, env_teardown_cmocka)
		T(join_and_leave_are_reported_twice),
		T(rejoin_while_leaving),
		T(silent_groups),
		T(device_up_reannounces),
		T(queries_are_answered),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
