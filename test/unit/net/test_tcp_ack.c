/*
 * When TCP acknowledges, as Linux does it: quick-ACK mode at the start of
 * a connection and after a silence or a duplicate (TCP_MAX_QUICKACKS,
 * bounded by half the window in segments), delayed ACKs otherwise, the
 * interactive ("pingpong") heuristic and TCP_QUICKACK, the ACK timeout
 * that follows the arrival pattern, and the handshake's last ACK held
 * back for TCP_DEFER_ACCEPT.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tcp_harness.h"

static struct tcp_sock *open_conn(struct th_peer *p, u16 lport)
{
	struct tcp_sock *tp;

	th_peer_init(p, 80, lport);
	tp = th_active_open(p, 1000, NULL);
	assert_non_null(tp);
	th_drain();
	return tp;
}

/* The peer sends one byte; true when we acknowledged it at once. */
static bool acked_at_once(struct th_peer *p)
{
	struct th_seg seg;

	th_peer_send(p, TCPHDR_ACK, "x", 1);
	if (!th_pop(&seg))
		return false;
	assert_int_equal(seg.ack, p->snd_nxt);
	return true;
}

static void quick_acks_then_delayed(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 44000);
	int i, v;

	(void)state;
	assert_int_equal(tcp_getsockopt(tp, TCP_QUICKACK, &v), 0);
	assert_int_equal(v, 1);
	for (i = 0; i < TCP_MAX_QUICKACKS; i++)
		assert_true(acked_at_once(&p));
	assert_false(acked_at_once(&p));
	fake_clock_advance(TCP_DELACK_MIN_MS * NSEC_PER_MSEC);
	assert_int_equal(th_pending(), 1);
	th_drain();
	/* A long silence (more than an RTO): quick ACKs again. */
	fake_clock_advance(2 * NSEC_PER_SEC);
	assert_true(acked_at_once(&p));
	tcp_abort(tp);
}

/* Quick ACKs are at most half the window in segments of the peer's size. */
static void small_window_few_quick_acks(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = tcp_create();
	int i;

	(void)state;
	th_peer_init(&p, 80, 44001);
	tp->sk.rcvbuf = 3000;
	tp->sk.userlocks |= SOCK_RCVBUF_LOCK;
	assert_true(th_connect(&p, tp, 1000, NULL));
	th_drain();
	/* 3000 / (2 * 536): two quick ACKs. */
	for (i = 0; i < 2; i++)
		assert_true(acked_at_once(&p));
	assert_false(acked_at_once(&p));
	tcp_abort(tp);
}

/* A segment we already have means our ACK got lost: ACK at once, and
 * the next ones too. */
static void duplicate_restarts_quick_acks(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 44002);
	struct th_seg seg;
	int i;

	(void)state;
	tp->quick = 0;                                 /* as if long running */
	tp->lrcv_ns = net_now_ns();
	assert_false(acked_at_once(&p));
	th_peer_send_at(&p, p.snd_nxt - 1, TCPHDR_ACK, "x", 1);
	assert_true(th_pop(&seg));
	assert_true(tp->quick > 0);
	for (i = 0; i < 3; i++)
		assert_true(acked_at_once(&p));
	tcp_abort(tp);
}

/* Replies sent soon after data arrives make the flow interactive: ACKs
 * then wait to ride on the next reply; a delayed ACK that has to go
 * alone ends that. */
static void pingpong_mode(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 44003);
	struct th_seg seg;
	int i, v;

	(void)state;
	tcp_setsockopt(tp, TCP_NODELAY, 1);
	for (i = 0; i < TCP_PINGPONG_THRESH; i++) {
		assert_true(acked_at_once(&p));
		assert_int_equal(tcp_send(tp, "r", 1, 0), 1);
		assert_true(th_peer_recv(&p, &seg));
		th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	}
	assert_true(tcp_in_pingpong_mode(tp));
	assert_true(tp->quick > 0);                    /* left, but not used */
	assert_int_equal(tcp_getsockopt(tp, TCP_QUICKACK, &v), 0);
	assert_int_equal(v, 0);
	/* A request: its ACK waits for the reply ... */
	assert_false(acked_at_once(&p));
	assert_int_equal(tcp_send(tp, "r", 1, 0), 1);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.ack, p.snd_nxt);          /* ... and rides on it */
	assert_int_equal(seg.len, 1);
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	/* No reply this time: the timer sends the ACK and the flow is no
	 * longer interactive. */
	assert_false(acked_at_once(&p));
	fake_clock_advance(TCP_DELACK_MAX_MS * NSEC_PER_MSEC);
	assert_true(th_pop(&seg));
	assert_false(tcp_in_pingpong_mode(tp));
	assert_int_equal(tp->ato_ms, TCP_DELACK_MIN_MS);
	assert_true(acked_at_once(&p));
	tcp_abort(tp);
}

/* TCP_QUICKACK 0 asks for the interactive behaviour; 1 sends the ACK
 * that waits and goes back to acking as usual. */
static void tcp_quickack_option(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 44004);
	int v;

	(void)state;
	assert_int_equal(tcp_setsockopt(tp, TCP_QUICKACK, 0), 0);
	assert_int_equal(tcp_getsockopt(tp, TCP_QUICKACK, &v), 0);
	assert_int_equal(v, 0);
	assert_false(acked_at_once(&p));
	assert_int_equal(tcp_setsockopt(tp, TCP_QUICKACK, 1), 0);
	assert_int_equal(th_pending(), 1);
	th_drain();
	assert_int_equal(tcp_getsockopt(tp, TCP_QUICKACK, &v), 0);
	assert_int_equal(v, 1);
	assert_true(acked_at_once(&p));
	tcp_abort(tp);
}

/* The ACK timeout follows the gaps between arrivals (Linux's ato), and
 * a delayed ACK that fires makes the next wait longer, up to the RTT's
 * bound. */
static void ack_timeout_adapts(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 44005);

	(void)state;
	tp->quick = 0;                                 /* as if long running */
	tp->lrcv_ns = net_now_ns();
	assert_int_equal(tp->ato_ms, TCP_DELACK_MIN_MS);
	assert_false(acked_at_once(&p));
	fake_clock_advance(TCP_DELACK_MIN_MS * NSEC_PER_MSEC);
	assert_int_equal(th_pending(), 1);
	th_drain();
	assert_int_equal(tp->ato_ms, 2 * TCP_DELACK_MIN_MS);
	/* An arrival 70 ms after the last (within the timeout): half the
	 * timeout plus the gap. */
	fake_clock_advance(30 * NSEC_PER_MSEC);
	assert_false(acked_at_once(&p));
	assert_int_equal(tp->ato_ms, TCP_DELACK_MIN_MS + 70);
	/* Back to back: halfway to 20 ms plus the minimum's half; the
	 * second segment is acked at once. */
	assert_true(acked_at_once(&p));
	assert_int_equal(tp->ato_ms, (TCP_DELACK_MIN_MS + 70) / 2 + TCP_DELACK_MIN_MS / 2);
	tcp_abort(tp);
}

/* TCP_DEFER_ACCEPT on a connecting socket: the handshake's ACK waits
 * (up to 200 ms) to go with the first data. */
static void client_defer_accept_holds_handshake_ack(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = tcp_create();
	struct th_seg seg;

	(void)state;
	th_peer_init(&p, 80, 44006);
	assert_int_equal(tcp_setsockopt(tp, TCP_DEFER_ACCEPT, 1), 0);
	assert_true(th_connect(&p, tp, 1000, NULL));
	assert_int_equal(th_pending(), 0);
	assert_int_equal(tcp_send(tp, "GET", 3, 0), 3);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.len, 3);
	assert_true(seg.flags & TCPHDR_ACK);
	assert_int_equal(seg.ack, 1001);
	tcp_abort(tp);
	th_drain();
	/* Without data: the ACK after TCP_DELACK_MAX. */
	tp = tcp_create();
	th_peer_init(&p, 80, 44007);
	assert_int_equal(tcp_setsockopt(tp, TCP_DEFER_ACCEPT, 1), 0);
	assert_true(th_connect(&p, tp, 1000, NULL));
	fake_clock_advance(TCP_DELACK_MAX_MS * NSEC_PER_MSEC - 1);
	assert_int_equal(th_pending(), 0);
	fake_clock_advance(1);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.flags, TCPHDR_ACK);
	assert_int_equal(seg.ack, 1001);
	tcp_abort(tp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(quick_acks_then_delayed, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(small_window_few_quick_acks, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(duplicate_restarts_quick_acks, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(pingpong_mode, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(tcp_quickack_option, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(ack_timeout_adapts, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(client_defer_accept_holds_handshake_ack, th_fixture_setup, th_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
