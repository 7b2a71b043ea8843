/* Sequence numbers near 2^32 (RFC 9293 §3.4): forced ISNs so both
 * directions wrap during the test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tcp_harness.h"

static void seq_compare_is_modular(void **state)
{
	(void)state;
	assert_true(tcp_before(0xfffffff0u, 0x10u));
	assert_true(tcp_after(0x10u, 0xfffffff0u));
	assert_false(tcp_before(5, 5));
	assert_true(tcp_between(0u, 0xfffffff0u, 0x10u));
	assert_true(tcp_between(0xfffffff0u, 0xfffffff0u, 0x10u));
	assert_false(tcp_between(0x11u, 0xfffffff0u, 0x10u));
}

static void both_directions_wrap(void **state)
{
	struct th_opts o = { .mss = 1000, .wscale = -1, .sack_perm = true, .ts = true };
	struct tcp_sock *tp;
	struct th_peer p;
	struct th_seg seg;
	char buf[64];
	u32 base;

	(void)state;
	th_peer_init(&p, 80, 44000);
	tcp_force_next_isn(0xfffffff0u);
	tp = th_active_open(&p, 0xfffffffau, &o);
	assert_non_null(tp);
	assert_int_equal(tp->iss, 0xfffffff0u);
	assert_int_equal(tp->snd_una, 0xfffffff1u);
	assert_int_equal(tp->rcv_nxt, 0xfffffffbu);
	/* Outgoing: 20 bytes from 0xfffffff1 cross zero. */
	tcp_setsockopt(tp, TCP_NODELAY, 1);
	assert_int_equal(tcp_send(tp, "0123456789", 10, 0), 10);
	assert_int_equal(tcp_send(tp, "abcdefghij", 10, 0), 10);
	assert_true(th_peer_recv(&p, &seg));
	assert_int_equal(seg.seq, 0xfffffff1u);
	assert_true(th_peer_recv(&p, &seg));
	assert_int_equal(seg.seq, 0xfffffffbu);
	assert_int_equal(tp->snd_nxt, 5u);
	/* Partial ACK across the wrap, then RTO of the rest. */
	p.rcv_nxt = 0xfffffffbu;
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_int_equal(tp->snd_una, 0xfffffffbu);
	assert_int_equal(tp->packets_out, 1);
	fake_clock_advance((u64)tp->rto_ms * NSEC_PER_MSEC);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.seq, 0xfffffffbu);
	assert_memory_equal(seg.data, "abcdefghij", 10);
	p.rcv_nxt = 5;
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_int_equal(tp->packets_out, 0);
	assert_int_equal(tp->snd_una, 5u);

	/* Incoming: out of order across the wrap, SACKed, then filled. */
	base = p.snd_nxt;                               /* 0xfffffffb */
	th_drain();
	th_peer_send_at(&p, base + 10, TCPHDR_ACK, "KLMNOPQRST", 10);   /* 0x5..0xf */
	assert_true(th_pop(&seg));
	assert_int_equal(seg.ack, base);
	assert_int_equal(seg.opt.num_sacks, 1);
	assert_int_equal(seg.opt.sacks[0].start, base + 10);
	assert_int_equal(seg.opt.sacks[0].end, base + 20);
	th_peer_send_at(&p, base, TCPHDR_ACK, "ABCDEFGHIJ", 10);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.ack, base + 20);
	assert_int_equal(tcp_recv(tp, buf, sizeof(buf), 0), 20);
	assert_memory_equal(buf, "ABCDEFGHIJKLMNOPQRST", 20);
	p.snd_nxt = base + 20;
	/* FIN after the wrap. */
	th_peer_send(&p, TCPHDR_ACK | TCPHDR_FIN, NULL, 0);
	assert_int_equal(tp->state, TCP_CLOSE_WAIT);
	assert_int_equal(tp->rcv_nxt, base + 21);
	{
		bool acked = false;

		while (th_pop(&seg))
			acked = seg.ack == base + 21;
		assert_true(acked);
	}
	tcp_close(tp);
	assert_true(th_peer_recv(&p, &seg));
	assert_true(seg.flags & TCPHDR_FIN);
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_int_equal(th_count_socks(), 0);
}

static void sack_scoreboard_across_wrap(void **state)
{
	struct th_opts o = { .mss = 100, .wscale = -1, .sack_perm = true };
	struct tcp_sock *tp;
	struct th_peer p;
	struct th_seg seg;
	static char data[800];
	u32 una;
	int i;

	(void)state;
	th_peer_init(&p, 80, 44001);
	tcp_force_next_isn(0xfffffe00u);
	tp = th_active_open(&p, 1, &o);
	tcp_setsockopt(tp, TCP_NODELAY, 1);
	assert_int_equal(tcp_send(tp, data, sizeof(data), 0), 800);   /* 8 x 100 */
	th_drain();
	una = tp->snd_una;
	assert_true(tcp_after(tp->snd_nxt, una) && tp->snd_nxt < una);   /* wrapped */
	/* Segment 0 lost; 1..7 SACKed in growing blocks. */
	p.rcv_nxt = una;
	p.nsacks = 1;
	for (i = 1; i < 8; i++) {
		p.sacks[0] = (struct tcp_sack_block){ una + 100, una + 100 * (u32)(i + 1) };
		th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	}
	assert_int_equal(tp->sacked_out, 7);
	assert_int_equal(tp->ca_state, TCP_CA_Recovery);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.seq, una);
	p.nsacks = 0;
	p.rcv_nxt = tp->snd_nxt;
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_int_equal(tp->packets_out, 0);
	assert_int_equal(tp->sacked_out, 0);
	tcp_abort(tp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seq_compare_is_modular),
		cmocka_unit_test_setup_teardown(both_directions_wrap, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(sack_scoreboard_across_wrap, th_fixture_setup, th_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
