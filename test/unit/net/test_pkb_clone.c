/*
 * Packet-buffer clones (pkb_clone) and TCP's zero-copy transmission:
 *  - a clone shares the bytes, has its own data/len and no tailroom,
 *    and the buffer lives until both are freed (no leak, no early free:
 *    ASan watches);
 *  - TCP sends a clone of its write-queue segment, so the payload on the
 *    wire is the queued bytes themselves; a retransmission while the
 *    first clone is still held (a slow device) is a private copy, so
 *    its headers never overwrite the ones the first is still using.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tcp_harness.h"

static void clone_shares_bytes_not_header(void **state)
{
	struct pkbuf *a = pkb_alloc(32, 100), *c;
	u64 live = pkb_live_count();
	u8 *p;

	(void)state;
	p = pkb_put(a, 60);
	memset(p, 'a', 60);
	c = pkb_clone(a);
	assert_non_null(c);
	assert_int_equal(pkb_live_count(), live + 1);
	assert_ptr_equal(c->data, a->data);
	assert_int_equal(c->len, 60);
	assert_int_equal(pkb_tailroom(c), 0);          /* the original's spare room is not the clone's */
	assert_true(pkb_is_cloned(a));
	assert_true(pkb_is_cloned(c));
	/* Own metadata: pulling the clone leaves the original alone. */
	assert_non_null(pkb_pull(c, 10));
	assert_int_equal(c->len, 50);
	assert_int_equal(a->len, 60);
	/* Headers go into the shared headroom of the clone only. */
	assert_non_null(pkb_push(c, 20));
	/* The original goes first; the bytes stay for the clone. */
	pkb_free(a);
	assert_int_equal(c->data[20], 'a');
	pkb_free(c);
	assert_int_equal(pkb_live_count(), live - 1);
}

static void clone_of_clone_holds_the_owner(void **state)
{
	struct pkbuf *a = pkb_alloc(16, 16), *b, *c;

	(void)state;
	memset(pkb_put(a, 16), 'x', 16);
	b = pkb_clone(a);
	c = pkb_clone(b);
	assert_ptr_equal(c->data_owner, a);
	pkb_free(a);
	pkb_free(b);
	assert_int_equal(c->data[15], 'x');
	pkb_free(c);
}

static void tcp_sends_its_queued_bytes(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp;
	struct pkbuf *wire, *queued;
	static char data[1000];

	(void)state;
	th_peer_init(&p, 80, 43000);
	tp = th_active_open(&p, 5000, NULL);
	memset(data, 'q', sizeof(data));
	th_drain();
	assert_int_equal(tcp_send(tp, data, sizeof(data), 0), (long)sizeof(data));
	queued = tp->write_queue.first;
	assert_non_null(queued);
	wire = th_pop_raw();
	assert_non_null(wire);
	/* The segment on the wire is a clone holding the queued buffer. */
	assert_ptr_equal(wire->data_owner, queued);
	assert_ptr_equal(wire->data + wire->len - sizeof(data), queued->data);
	/* While that clone is held, a retransmission is a copy. */
	assert_int_equal(tcp_retransmit_pkb(tp, queued), 0);
	{
		struct pkbuf *again = th_pop_raw();

		assert_non_null(again);
		assert_null(again->data_owner);
		assert_memory_equal(again->data + again->len - sizeof(data), data, sizeof(data));
		pkb_free(again);
	}
	pkb_free(wire);
	/* Once it is gone, the next retransmission clones again. */
	assert_int_equal(tcp_retransmit_pkb(tp, queued), 0);
	wire = th_pop_raw();
	assert_ptr_equal(wire->data_owner, queued);
	pkb_free(wire);
	tcp_abort(tp);
	th_drain();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(clone_shares_bytes_not_header),
		cmocka_unit_test(clone_of_clone_holds_the_owner),
		cmocka_unit_test_setup_teardown(tcp_sends_its_queued_bytes, th_fixture_setup,
						th_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
