/* Packet buffers, timers and the Internet checksum. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include <net/checksum.h>
#include <net/pkbuf.h>
#include <net/timer.h>
#include "platform_host.h"

static void pkb_push_pull_respect_bounds(void **state)
{
	struct pkbuf *pkb = pkb_alloc(8, 16);

	(void)state;
	assert_non_null(pkb);
	assert_int_equal(pkb_headroom(pkb), 8);
	assert_non_null(pkb_put(pkb, 16));
	assert_null(pkb_put(pkb, 1));          /* no tailroom left */
	assert_non_null(pkb_push(pkb, 8));
	assert_null(pkb_push(pkb, 1));         /* no headroom left */
	assert_int_equal(pkb->len, 24);
	assert_non_null(pkb_pull(pkb, 24));
	assert_null(pkb_pull(pkb, 1));         /* nothing left to pull */
	pkb_free(pkb);
	assert_int_equal(pkb_live_count(), 0);
}

static void pkb_refcount_and_queue(void **state)
{
	struct pkb_queue q;
	struct pkbuf *a = pkb_from(4, "abc", 3), *b = pkb_from(4, "de", 2);

	(void)state;
	pkb_queue_init(&q);
	pkb_enqueue(&q, pkb_get(a));
	pkb_enqueue(&q, b);
	assert_int_equal(q.count, 2);
	assert_int_equal(q.bytes, 5);
	assert_ptr_equal(pkb_dequeue(&q), a);
	pkb_free(a);                           /* the queue's reference */
	assert_int_equal(a->refcnt, 1);
	pkb_free(a);
	pkb_queue_purge(&q);
	assert_int_equal(pkb_live_count(), 0);
	assert_int_equal(host_live_allocations(), 0);
}

static void pkb_copy_keeps_offsets(void **state)
{
	struct pkbuf *pkb = pkb_from(10, "0123456789", 10), *copy;

	(void)state;
	pkb_pull(pkb, 4);
	pkb_set_network(pkb);
	copy = pkb_copy(pkb, 32);
	assert_non_null(copy);
	assert_int_equal(pkb_headroom(copy), 32);
	assert_memory_equal(pkb_network(copy), "456789", 6);
	pkb_free(pkb);
	pkb_free(copy);
}

static int fired[4];
static u64 fired_at[4];
static struct net_timer timers[4];

static void on_timer(struct net_timer *t)
{
	int i = (int)(t - timers);

	fired[i]++;
	fired_at[i] = net_now_ns();
}

static void timers_fire_in_deadline_order(void **state)
{
	(void)state;
	fake_clock_set(1000);
	for (int i = 0; i < 4; i++) {
		net_timer_init(&timers[i], on_timer);
		fired[i] = 0;
	}
	net_timer_arm(&timers[0], 5000);
	net_timer_arm(&timers[1], 3000);
	net_timer_arm(&timers[2], 9000);
	net_timer_arm(&timers[3], 4000);
	net_timer_cancel(&timers[3]);
	assert_int_equal(net_timer_next(), 3000);
	fake_clock_advance(4500);              /* now 5500 */
	assert_int_equal(fired[1], 1);
	assert_int_equal(fired_at[1], 3000);
	assert_int_equal(fired[0], 1);
	assert_int_equal(fired_at[0], 5000);
	assert_int_equal(fired[3], 0);         /* cancelled */
	assert_int_equal(fired[2], 0);
	net_timer_arm(&timers[2], 6000);       /* re-arm moves it */
	fake_clock_advance(1000);
	assert_int_equal(fired[2], 1);
	assert_int_equal(net_timer_next(), UINT64_MAX);
}

static void checksum_matches_rfc1071_example(void **state)
{
	/* RFC 1071 §3 example bytes: 00 01 f2 03 f4 f5 f6 f7 sum to 0xddf2. */
	const u8 data[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
	u16 c = inet_csum(data, sizeof(data));
	const u8 *wire = (const u8 *)&c;

	(void)state;
	assert_int_equal(wire[0], 0x22);       /* ~0xddf2 = 0x220d, network order */
	assert_int_equal(wire[1], 0x0d);
}

static void checksum_of_ip_header_verifies_to_zero(void **state)
{
	u8 hdr[20] = { 0x45, 0, 0, 0x54, 0x12, 0x34, 0x40, 0, 64, 1, 0, 0,
		       10, 0, 0, 1, 10, 0, 0, 2 };
	u16 c = inet_csum(hdr, 20);

	(void)state;
	memcpy(hdr + 10, &c, 2);
	assert_int_equal(inet_csum(hdr, 20), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pkb_push_pull_respect_bounds),
		cmocka_unit_test(pkb_refcount_and_queue),
		cmocka_unit_test(pkb_copy_keeps_offsets),
		cmocka_unit_test(timers_fire_in_deadline_order),
		cmocka_unit_test(checksum_matches_rfc1071_example),
		cmocka_unit_test(checksum_of_ip_header_verifies_to_zero),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
