/*
 * Transport checksums left for the device (Linux's CHECKSUM_PARTIAL):
 *  - pkb_csum_complete() gives the RFC 1071 checksum a full software
 *    computation gives, over odd and even lengths, and sends a computed
 *    0 as 0xffff;
 *  - a TCP segment to a device without offload leaves dev_queue_xmit()
 *    with a correct checksum; to a device with NETDEV_F_HW_CSUM it stays
 *    partial (the field holds the pseudo-header sum) for the device;
 *  - lo completes nothing and marks what it delivers as verified, so a
 *    connection over lo carries data without computing one checksum.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include <net/tcp.h>
#include "nettest.h"

int (*const tcp_register_hook)(void) = tcp_proto_register;

/* A partial segment of n bytes with its check field at offset 6 (UDP's). */
static struct pkbuf *partial_segment(u32 n, be32 s, be32 d, u8 fill_seed)
{
	struct pkbuf *pkb = pkb_alloc(64, n);
	u8 *p = pkb_put(pkb, n);
	u16 pseudo;

	for (u32 i = 0; i < n; i++)
		p[i] = (u8)(i * 7 + fill_seed);
	p[6] = p[7] = 0;
	pseudo = (u16)~csum_fold(csum_pseudo(s, d, IPPROTO_UDP, (u16)n));
	memcpy(p + 6, &pseudo, 2);
	pkb_set_csum_partial(pkb, 0, 6);
	return pkb;
}

static void completion_matches_software(void **state)
{
	(void)state;
	for (u32 n = 8; n < 300; n += 13) {
		struct pkbuf *pkb = partial_segment(n, OUR_IP, PEER_IP, (u8)n);
		u8 copy[300];
		u16 want;

		memcpy(copy, pkb->data, n);
		copy[6] = copy[7] = 0;
		want = csum_fold(csum_partial(copy, n, csum_pseudo(OUR_IP, PEER_IP, IPPROTO_UDP, (u16)n)));
		if (want == 0)
			want = 0xffff;
		pkb_csum_complete(pkb);
		assert_false(pkb->csum_partial);
		assert_memory_equal(pkb->data + 6, &want, 2);
		/* The completed segment verifies: pseudo + data sums to zero. */
		assert_int_equal(csum_fold(csum_partial(pkb->data, n,
					   csum_pseudo(OUR_IP, PEER_IP, IPPROTO_UDP, (u16)n))), 0);
		pkb_free(pkb);
	}
}

static void computed_zero_goes_out_as_ones(void **state)
{
	struct pkbuf *pkb = pkb_alloc(0, 8);
	u8 *p = pkb_put(pkb, 8);
	u16 field;

	(void)state;
	/* One's complement sum of all-ones words is 0xffff; its complement 0. */
	memset(p, 0xff, 8);
	p[6] = p[7] = 0;
	pkb_set_csum_partial(pkb, 0, 6);
	pkb_csum_complete(pkb);
	memcpy(&field, pkb->data + 6, 2);
	assert_int_equal(field, 0xffff);
	pkb_free(pkb);
}

static struct tcp_sock *syn_to_peer(void)
{
	struct tcp_sock *tp;

	net_lock();
	tp = tcp_create();
	assert_int_equal(tcp_connect(tp, PEER_IP, net_htons(80)), -EINPROGRESS);
	net_unlock();
	return tp;
}

static void device_without_offload_gets_it_done(void **state)
{
	struct tcp_sock *tp;
	struct frame f;

	(void)state;
	tp = syn_to_peer();
	assert_true(pop_frame(eth0, &f));
	assert_int_equal(f.ip->protocol, IPPROTO_TCP);
	assert_false(f.pkb->csum_partial);
	assert_int_equal(csum_fold(csum_partial(f.l4, f.l4_len, csum_pseudo(f.ip->saddr, f.ip->daddr,
						IPPROTO_TCP, (u16)f.l4_len))), 0);
	frame_free(&f);
	LV(tcp_abort(tp));
}

static void device_with_offload_gets_it_partial(void **state)
{
	struct tcp_sock *tp;
	struct frame f;
	u16 field, pseudo;

	(void)state;
	eth0->features |= NETDEV_F_HW_CSUM;
	tp = syn_to_peer();
	eth0->features &= ~NETDEV_F_HW_CSUM;
	assert_true(pop_frame(eth0, &f));
	assert_true(f.pkb->csum_partial);
	assert_ptr_equal(f.pkb->head + f.pkb->csum_start, f.l4);
	memcpy(&field, f.l4 + 16, 2);
	pseudo = (u16)~csum_fold(csum_pseudo(f.ip->saddr, f.ip->daddr, IPPROTO_TCP, (u16)f.l4_len));
	assert_int_equal(field, pseudo);
	/* What the device would do makes it right. */
	pkb_csum_complete(f.pkb);
	assert_int_equal(csum_fold(csum_partial(f.l4, f.l4_len, csum_pseudo(f.ip->saddr, f.ip->daddr,
						IPPROTO_TCP, (u16)f.l4_len))), 0);
	frame_free(&f);
	LV(tcp_abort(tp));
}

/* An ETH_P_ALL tap: keeps the last outgoing TCP segment seen on lo. */
static u8 tapped[256];
static u32 tapped_len;

static void tap_fn(struct pkbuf *pkb)
{
	const u8 *ip = pkb_network(pkb);

	if (pkb->pkt_type == PACKET_OUTGOING && ip && ip[9] == IPPROTO_TCP &&
	    pkb->data + pkb->len - ip <= (long)sizeof(tapped)) {
		tapped_len = (u32)(pkb->data + pkb->len - ip);
		memcpy(tapped, ip, tapped_len);
	}
	pkb_free(pkb);
}

static void loopback_leaves_checksums_undone(void **state)
{
	struct packet_type tap = { .type = net_htons(ETH_P_ALL), .func = tap_fn };
	struct tcp_sock *lp, *cli, *srv = NULL;
	char buf[64];
	long n = 0;

	(void)state;
	net_lock();
	assert_int_equal(loopback_dev->features & NETDEV_F_HW_CSUM, NETDEV_F_HW_CSUM);
	dev_add_pack(&tap);
	lp = tcp_create();
	cli = tcp_create();
	assert_int_equal(tcp_bind(lp, LOOP_IP, net_htons(81)), 0);
	assert_int_equal(tcp_listen(lp, 4), 0);
	assert_int_equal(tcp_connect(cli, LOOP_IP, net_htons(81)), -EINPROGRESS);
	net_unlock();
	net_settle();
	LV(assert_int_equal(tcp_accept(lp, &srv), 0));
	LV(assert_int_equal(tcp_send(cli, "undone", 6, 0), 6));
	net_settle();
	LV(n = tcp_recv(srv, buf, sizeof(buf), 0));
	assert_int_equal(n, 6);
	assert_memory_equal(buf, "undone", 6);
	/* On the wire of lo the field still holds the pseudo-header sum, as
	 * a capture on Linux's lo shows, and the full sum does not verify. */
	{
		const u8 *tcp = tapped + 20;
		u32 tlen = tapped_len - 20;
		u16 field, pseudo;

		assert_true(tapped_len > 20);
		memcpy(&field, tcp + 16, 2);
		pseudo = (u16)~csum_fold(csum_pseudo(LOOP_IP, LOOP_IP, IPPROTO_TCP, (u16)tlen));
		assert_int_equal(field, pseudo);
		assert_int_not_equal(csum_fold(csum_partial(tcp, tlen, csum_pseudo(LOOP_IP, LOOP_IP,
							    IPPROTO_TCP, (u16)tlen))), 0);
	}
	LV(dev_remove_pack(&tap));
	/* Nothing was dropped as a bad checksum on the way. */
	assert_int_equal(tcp_mib[TCP_MIB_INCSUMERRORS], 0);
	LV(tcp_abort(cli));
	LV(tcp_abort(srv));
	LV(tcp_close(lp));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(completion_matches_software),
		cmocka_unit_test(computed_zero_goes_out_as_ones),
		cmocka_unit_test_setup_teardown(device_without_offload_gets_it_done,
						env_setup_cmocka, env_teardown_cmocka),
		cmocka_unit_test_setup_teardown(device_with_offload_gets_it_partial,
						env_setup_cmocka, env_teardown_cmocka),
		cmocka_unit_test_setup_teardown(loopback_leaves_checksums_undone,
						env_setup_cmocka, env_teardown_cmocka),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
