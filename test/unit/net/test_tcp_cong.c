/* Congestion control: NewReno (RFC 5681) and CUBIC (RFC 9438) window
 * arithmetic, driven directly through the ops table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tcp_harness.h"

/* One RTT: cwnd segments acked one at a time, then the clock moves on. */
static void one_rtt(struct tcp_sock *tp, u64 rtt_ns)
{
	u32 i, n = tp->snd_cwnd;

	for (i = 0; i < n; i++)
		tp->cong->cong_avoid(tp, 1);
	fake_clock_advance(rtt_ns);
}

static void newreno_slow_start_and_avoidance(void **state)
{
	struct tcp_sock *tp = tcp_create();

	(void)state;
	assert_int_equal(tcp_set_congestion(tp, "reno"), 0);
	tp->snd_cwnd = 10;
	tp->snd_ssthresh = 40;
	one_rtt(tp, 100 * NSEC_PER_MSEC);
	assert_int_equal(tp->snd_cwnd, 20);              /* doubles per RTT */
	one_rtt(tp, 100 * NSEC_PER_MSEC);
	assert_int_equal(tp->snd_cwnd, 40);              /* capped at ssthresh */
	one_rtt(tp, 100 * NSEC_PER_MSEC);
	assert_int_equal(tp->snd_cwnd, 41);              /* +1 per RTT above it */
	one_rtt(tp, 100 * NSEC_PER_MSEC);
	assert_int_equal(tp->snd_cwnd, 42);
	assert_int_equal(tp->cong->ssthresh(tp), 21);    /* cwnd / 2 */
	tp->snd_cwnd = 3;
	assert_int_equal(tp->cong->ssthresh(tp), 2);     /* at least 2 segments */
	tcp_close(tp);
}

static void cubic_decrease_and_regrowth(void **state)
{
	struct tcp_sock *tp = tcp_create();
	u64 rtt = 100 * NSEC_PER_MSEC;
	u32 at_k = 0, t;

	(void)state;
	assert_string_equal(tp->cong->name, "cubic");    /* the default */
	tp->srtt_us = 100000;
	tp->snd_cwnd = 100;
	tp->snd_ssthresh = tp->cong->ssthresh(tp);
	assert_int_equal(tp->snd_ssthresh, 70);          /* beta_cubic 0.7 */
	tp->snd_cwnd = tp->snd_ssthresh;
	/* K = cbrt(W_max (1 - beta) / C) = cbrt(75) = 4.2 s: concave up to
	 * W_max by then, never more than 1.5x per RTT. */
	for (t = 0; t < 100; t++) {
		u32 before = tp->snd_cwnd;

		one_rtt(tp, rtt);
		assert_true(tp->snd_cwnd <= before * 3 / 2 + 1);
		if (t == 41)
			at_k = tp->snd_cwnd;
	}
	assert_in_range(at_k, 95, 106);
	assert_in_range(tp->snd_cwnd, 150, 200);        /* convex: 100 + 0.4 (10.1 - 4.2)^3 */
	/* Fast convergence: a loss below the previous W_max lowers W_max. */
	tp->snd_cwnd = 90;
	assert_int_equal(tp->cong->ssthresh(tp), 63);
	tcp_close(tp);
}

static void cubic_reno_friendly_at_small_windows(void **state)
{
	struct tcp_sock *tp = tcp_create();
	u32 t;

	(void)state;
	tp->srtt_us = 10000;
	tp->snd_cwnd = 4;
	tp->snd_ssthresh = tp->cong->ssthresh(tp);      /* 2 */
	tp->snd_cwnd = 2;
	for (t = 0; t < 20; t++)
		one_rtt(tp, 10 * NSEC_PER_MSEC);
	/* W_est grows by ~0.53 segments per RTT: at least Reno-like growth. */
	assert_true(tp->snd_cwnd >= 10);
	tcp_close(tp);
}

static void default_congestion_switch(void **state)
{
	struct tcp_sock *a, *b;

	(void)state;
	assert_int_equal(tcp_set_default_congestion("nope"), -ENOENT);
	assert_int_equal(tcp_set_default_congestion("reno"), 0);
	a = tcp_create();
	assert_string_equal(a->cong->name, "reno");
	assert_int_equal(tcp_set_default_congestion("cubic"), 0);
	b = tcp_create();
	assert_string_equal(b->cong->name, "cubic");
	tcp_close(a);
	tcp_close(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(newreno_slow_start_and_avoidance, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(cubic_decrease_and_regrowth, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(cubic_reno_friendly_at_small_windows, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(default_congestion_switch, th_fixture_setup, th_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
