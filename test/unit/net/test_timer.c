/*
 * Stack timers (net/core/timer.c): exact firing order against a reference
 * model, handlers that arm and cancel during a run, the
 * net_timers_changed() hook, and the O(log n) cost of arming among many
 * timers (counted in heap node visits, never timed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include <net/timer.h>
#include "platform_host.h"

/* ---- a small deterministic random source for the tests ---- */

static u64 rng = 1;

static u32 rnd(u32 n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (u32)((rng >> 11) % n);
}

/* ---- explicit cases ---- */

#define NT 8
static struct net_timer tm[NT];
static int order[64];
static int norder;
static void (*action)(int i);	/* what a handler does after recording */

static void record_fire(struct net_timer *t)
{
	int i = (int)(t - tm);

	assert_true(norder < 64);
	order[norder++] = i;
	assert_false(net_timer_pending(t));	/* off the heap before its handler */
	if (action)
		action(i);
}

static void reset_timers(void)
{
	for (int i = 0; i < NT; i++) {
		net_timer_cancel(&tm[i]);
		net_timer_init(&tm[i], record_fire);
	}
	norder = 0;
	action = NULL;
	fake_clock_set(0);
	assert_int_equal(net_timer_next(), UINT64_MAX);
}

static void expect_order(const int *want, int n)
{
	assert_int_equal(norder, n);
	for (int i = 0; i < n; i++)
		assert_int_equal(order[i], want[i]);
}

static void equal_deadlines_fire_in_arming_order(void **state)
{
	(void)state;
	reset_timers();
	net_timer_arm(&tm[3], 100);
	net_timer_arm(&tm[1], 100);
	net_timer_arm(&tm[2], 50);
	net_timer_arm(&tm[0], 100);
	net_timer_arm(&tm[4], 100);
	net_timer_arm(&tm[1], 100);	/* re-arming moves it behind its equals */
	net_timer_arm(&tm[5], 101);
	assert_int_equal(net_timer_count(), 6);
	assert_int_equal(net_timer_run(100), 5);
	expect_order((const int[]){ 2, 3, 0, 4, 1 }, 5);
	assert_int_equal(net_timer_next(), 101);
	assert_int_equal(net_timer_run(1000), 1);
	assert_int_equal(net_timer_next(), UINT64_MAX);
	assert_true(net_timer_heap_ok());
}

static int self_rearms;

static void rearm_self_later(int i)
{
	net_timer_arm(&tm[i], tm[i].expires_ns + 1000);
}

static void handler_rearms_itself_for_later(void **state)
{
	(void)state;
	reset_timers();
	action = rearm_self_later;
	net_timer_arm(&tm[0], 10);
	net_timer_arm(&tm[1], 20);
	assert_int_equal(net_timer_run(500), 2);	/* once each, not again */
	expect_order((const int[]){ 0, 1 }, 2);
	assert_true(net_timer_pending(&tm[0]));
	assert_int_equal(net_timer_next(), 1010);
	assert_int_equal(net_timer_run(1015), 1);
	assert_int_equal(tm[0].expires_ns, 2010);
	action = NULL;
	reset_timers();
}

static void rearm_self_now_twice(int i)
{
	if (i == 0 && self_rearms++ < 2)
		net_timer_arm(&tm[0], 100);	/* due again in this run */
}

static void handler_rearms_itself_due_in_same_run(void **state)
{
	(void)state;
	reset_timers();
	self_rearms = 0;
	action = rearm_self_now_twice;
	net_timer_arm(&tm[0], 100);
	net_timer_arm(&tm[1], 100);
	net_timer_arm(&tm[2], 90);
	assert_int_equal(net_timer_run(100), 5);
	/* tm0 re-armed at 100 goes behind tm1, which was armed earlier. */
	expect_order((const int[]){ 2, 0, 1, 0, 0 }, 5);
	assert_int_equal(net_timer_next(), UINT64_MAX);
}

static void arm_others_from_handler(int i)
{
	if (i == 0) {
		net_timer_arm(&tm[3], 60);	/* before tm1 and tm2, due now */
		net_timer_arm(&tm[4], 500);	/* not due in this run */
		net_timer_cancel(&tm[2]);	/* was due in this run */
		net_timer_arm(&tm[5], 70);	/* tie with tm1: armed later */
	}
}

static void handler_arms_and_cancels_timers_due_in_same_run(void **state)
{
	(void)state;
	reset_timers();
	action = arm_others_from_handler;
	net_timer_arm(&tm[1], 70);
	net_timer_arm(&tm[2], 80);
	net_timer_arm(&tm[0], 50);
	assert_int_equal(net_timer_run(100), 4);
	expect_order((const int[]){ 0, 3, 1, 5 }, 4);
	assert_false(net_timer_pending(&tm[2]));
	assert_true(net_timer_pending(&tm[4]));
	assert_int_equal(net_timer_next(), 500);
	assert_true(net_timer_heap_ok());
	action = NULL;
	reset_timers();
}

static void move_due_timer_later(int i)
{
	if (i == 0)
		net_timer_arm(&tm[1], 1000);	/* was due now: pushed out */
	if (i == 2)
		net_timer_arm(&tm[3], 0);	/* in the past: fires in this run */
}

static void handler_moves_a_due_timer_out_of_the_run(void **state)
{
	(void)state;
	reset_timers();
	action = move_due_timer_later;
	net_timer_arm(&tm[0], 10);
	net_timer_arm(&tm[1], 20);
	net_timer_arm(&tm[2], 30);
	assert_int_equal(net_timer_run(40), 3);
	expect_order((const int[]){ 0, 2, 3 }, 3);
	assert_int_equal(net_timer_next(), 1000);
	action = NULL;
	reset_timers();
}

/* ---- the platform hook ---- */

static u64 changed_calls(void)
{
	return host_timers_changed().calls;
}

static void timers_changed_only_when_earliest_moves_earlier(void **state)
{
	u64 c;

	(void)state;
	reset_timers();
	c = changed_calls();
	net_timer_arm(&tm[0], 500);		/* the first timer */
	assert_int_equal(changed_calls(), c + 1);
	assert_int_equal(host_timers_changed().last_ns, 500);
	net_timer_arm(&tm[1], 800);		/* later: no news */
	net_timer_arm(&tm[2], 500);		/* a tie is not earlier */
	assert_int_equal(changed_calls(), c + 1);
	net_timer_arm(&tm[3], 300);		/* earlier */
	assert_int_equal(changed_calls(), c + 2);
	assert_int_equal(host_timers_changed().last_ns, 300);
	net_timer_arm(&tm[3], 900);		/* the earliest moves later */
	net_timer_cancel(&tm[0]);		/* cancels never call */
	assert_int_equal(changed_calls(), c + 2);
	assert_int_equal(net_timer_next(), 500);
	net_timer_arm(&tm[1], 200);		/* re-arming a later timer earlier */
	assert_int_equal(changed_calls(), c + 3);
	assert_int_equal(host_timers_changed().last_ns, 200);
	for (int i = 0; i < NT; i++)
		net_timer_cancel(&tm[i]);
	net_timer_arm(&tm[5], 5000);		/* first again after emptying */
	assert_int_equal(changed_calls(), c + 4);
	assert_int_equal(host_timers_changed().last_ns, 5000);
	reset_timers();
}

static void rearm_self_sooner_than_others(int i)
{
	if (i == 0)
		net_timer_arm(&tm[0], 150);
}

static void timers_changed_from_a_handler(void **state)
{
	u64 c;

	(void)state;
	reset_timers();
	action = rearm_self_sooner_than_others;
	net_timer_arm(&tm[0], 100);
	net_timer_arm(&tm[1], 400);
	c = changed_calls();
	/* After tm0 leaves the heap the earliest is 400; 150 is earlier. */
	assert_int_equal(net_timer_run(100), 1);
	assert_int_equal(changed_calls(), c + 1);
	assert_int_equal(host_timers_changed().last_ns, 150);
	action = NULL;
	reset_timers();
}

/* ---- randomized model test ---- */

#define MODEL_N 257
#define MODEL_OPS 100000

struct model_timer {
	bool armed;
	u64 expires;
	u64 seq;
};

static struct net_timer mt[MODEL_N];
static struct model_timer model[MODEL_N];
static u64 model_seq;
static u64 model_now;
static u64 model_fired;
static int model_handler_ops;
static bool model_quiet;	/* handlers only record (while draining) */

static int model_min(void)
{
	int best = -1;

	for (int i = 0; i < MODEL_N; i++) {
		if (!model[i].armed)
			continue;
		if (best < 0 || model[i].expires < model[best].expires ||
		    (model[i].expires == model[best].expires && model[i].seq < model[best].seq))
			best = i;
	}
	return best;
}

static u64 model_next(void)
{
	int m = model_min();

	return m < 0 ? UINT64_MAX : model[m].expires;
}

static u32 model_count(void)
{
	u32 n = 0;

	for (int i = 0; i < MODEL_N; i++)
		n += model[i].armed;
	return n;
}

/* Arm in both, and check the hook was called exactly when it should be. */
static void both_arm(int i, u64 when)
{
	bool was_empty = model_min() < 0;
	u64 old_next = model_next(), calls = changed_calls();
	bool expect_call;

	model[i].armed = true;
	model[i].expires = when;
	model[i].seq = ++model_seq;
	net_timer_arm(&mt[i], when);
	expect_call = was_empty || model_next() < old_next;
	assert_int_equal(changed_calls(), calls + expect_call);
	if (expect_call)
		assert_int_equal(host_timers_changed().last_ns, model_next());
}

static void both_cancel(int i)
{
	u64 calls = changed_calls();

	model[i].armed = false;
	net_timer_cancel(&mt[i]);
	assert_int_equal(changed_calls(), calls);
}

/* A deadline near `now`, often equal to another, sometimes already past. */
static u64 random_deadline(void)
{
	u32 r = rnd(16);

	if (r == 0)
		return model_now > 5 ? model_now - rnd(5) : 0;
	if (r < 12)
		return model_now + rnd(64);
	return model_now + rnd(100000);
}

static void random_op(int depth);

/*
 * The handler checks that the model, too, says this timer is next, then
 * does the same random arm/cancel in both (up to a few per fire, never
 * unbounded: a timer re-armed into the past would otherwise fire forever).
 */
static void model_fire(struct net_timer *t)
{
	int i = (int)(t - mt);
	int want = model_min();

	assert_int_equal(i, want);
	assert_true(model[want].expires <= model_now);
	model[want].armed = false;
	model_fired++;
	if (!model_quiet && model_handler_ops < 200000 && rnd(3) == 0) {
		int n = 1 + (int)rnd(3);

		for (int k = 0; k < n; k++) {
			model_handler_ops++;
			random_op(1);
		}
	}
}

static void random_op(int depth)
{
	u32 r = rnd(100);
	int i = (int)rnd(MODEL_N);

	if (r < 50) {
		both_arm(i, random_deadline());
	} else if (r < 70) {
		both_cancel(i);
	} else if (r < 80 && depth == 0) {
		u64 before = model_fired;
		unsigned fired;

		model_now += rnd(200);
		fired = net_timer_run(model_now);
		assert_int_equal(fired, model_fired - before);
		/* Nothing due may be left behind. */
		assert_true(model_next() > model_now);
	} else if (r < 80) {
		both_arm(i, model_now + rnd(3));	/* from a handler: due soon */
	} else {
		/* Re-arm an armed one, if there is one near i. */
		for (int k = 0; k < MODEL_N; k++) {
			int j = (i + k) % MODEL_N;

			if (model[j].armed) {
				both_arm(j, random_deadline());
				break;
			}
		}
	}
}

static void randomized_against_reference_model(void **state)
{
	(void)state;
	rng = 0x2545f4914f6cdd1dull;
	model_now = 1000;
	model_seq = 0;
	model_fired = 0;
	model_handler_ops = 0;
	model_quiet = false;
	memset(model, 0, sizeof(model));
	for (int i = 0; i < MODEL_N; i++)
		net_timer_init(&mt[i], model_fire);
	for (int op = 0; op < MODEL_OPS; op++) {
		random_op(0);
		assert_int_equal(net_timer_next(), model_next());
		assert_int_equal(net_timer_count(), model_count());
		for (int i = 0; i < MODEL_N; i += 37)
			assert_int_equal(net_timer_pending(&mt[i]), model[i].armed);
		if (op % 1000 == 0)
			assert_true(net_timer_heap_ok());
	}
	/* Drain: everything left fires in model order. */
	model_quiet = true;
	model_now = UINT64_MAX;
	net_timer_run(UINT64_MAX);
	assert_int_equal(model_count(), 0);
	assert_int_equal(net_timer_next(), UINT64_MAX);
	assert_true(net_timer_heap_ok());
	print_message("timer model: %d ops, %llu fired, %d ops from handlers\n", MODEL_OPS,
		      (unsigned long long)model_fired, model_handler_ops);
	assert_true(model_fired > 10000);
	assert_true(model_handler_ops > 1000);
}

/* ---- cost: arming among 50,000 armed timers ---- */

#define MANY 50000
static struct net_timer *many;
static u64 many_fired;

static void count_fire(struct net_timer *t)
{
	(void)t;
	many_fired++;
}

/* Heap node visits for one call of op. */
#define VISITS(op) ({ u64 v0_ = net_timer_visits(); op; net_timer_visits() - v0_; })

static void arming_among_50000_touches_log_n_nodes(void **state)
{
	/* A heap of n nodes has depth < 17 for n < 2^17; each level costs
	 * at most a walk step and two comparisons. */
	const u64 bound = 3 * 17 + 4;
	u64 v, worst = 0, total_insert;
	struct net_timer extra;

	(void)state;
	many = calloc(MANY + 1, sizeof(*many));
	assert_non_null(many);
	rng = 12345;
	many_fired = 0;
	v = net_timer_visits();
	for (u32 i = 0; i < MANY; i++) {
		net_timer_init(&many[i], count_fire);
		net_timer_arm(&many[i], 1000000 + rnd(1000000));
	}
	total_insert = net_timer_visits() - v;
	assert_int_equal(net_timer_count(), MANY);
	assert_true(net_timer_heap_ok());

	net_timer_init(&extra, count_fire);
	u64 latest = VISITS(net_timer_arm(&extra, 5000000));		/* behind all */
	u64 earliest = VISITS(net_timer_arm(&extra, 1));		/* re-arm: to the root */
	u64 middle = VISITS(net_timer_arm(&extra, 1500000));		/* re-arm: mid-heap */
	u64 cancel = VISITS(net_timer_cancel(&extra));
	u64 fresh_early = VISITS(net_timer_arm(&extra, 2));		/* new, to the root */
	net_timer_cancel(&extra);
	for (int k = 0; k < 1000; k++) {
		struct net_timer *t = &many[rnd(MANY)];

		v = VISITS(net_timer_arm(t, 1000000 + rnd(1000000)));
		worst = v > worst ? v : worst;
		v = VISITS(net_timer_cancel(t));
		worst = v > worst ? v : worst;
		v = VISITS(net_timer_arm(t, 1000000 + rnd(1000000)));
		worst = v > worst ? v : worst;
	}
	u64 run_one = VISITS(net_timer_run(net_timer_next()));

	print_message("timers among %d armed: arm latest %llu, arm earliest %llu, "
		      "re-arm middle %llu, cancel %llu, arm fresh earliest %llu, "
		      "worst of 3000 random arm/cancel %llu, fire earliest %llu node visits; "
		      "%d arms into a growing heap: %.1f visits each\n", MANY,
		      (unsigned long long)latest, (unsigned long long)earliest,
		      (unsigned long long)middle, (unsigned long long)cancel,
		      (unsigned long long)fresh_early, (unsigned long long)worst,
		      (unsigned long long)run_one, MANY, (double)total_insert / MANY);
	assert_true(latest <= bound);
	assert_true(earliest <= bound);
	assert_true(middle <= bound);
	assert_true(cancel <= bound);
	assert_true(fresh_early <= bound);
	assert_true(worst <= bound);
	assert_true(run_one <= bound);
	assert_true(total_insert <= (u64)MANY * bound);
	assert_true(net_timer_heap_ok());

	/* Everything still fires, in order, exactly once. */
	u64 prev = 0;
	while (net_timer_next() != UINT64_MAX) {
		u64 next = net_timer_next();

		assert_true(next >= prev);
		prev = next;
		net_timer_run(next);
	}
	assert_int_equal(many_fired, MANY);	/* `extra` was cancelled */
	free(many);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(equal_deadlines_fire_in_arming_order),
		cmocka_unit_test(handler_rearms_itself_for_later),
		cmocka_unit_test(handler_rearms_itself_due_in_same_run),
		cmocka_unit_test(handler_arms_and_cancels_timers_due_in_same_run),
		cmocka_unit_test(handler_moves_a_due_timer_out_of_the_run),
		cmocka_unit_test(timers_changed_only_when_earliest_moves_earlier),
		cmocka_unit_test(timers_changed_from_a_handler),
		cmocka_unit_test(randomized_against_reference_model),
		cmocka_unit_test(arming_among_50000_touches_log_n_nodes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
