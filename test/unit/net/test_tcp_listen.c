/* Listening sockets: SYN queue, accept queue, SYN-ACK retransmission,
 * SYN flood with SYN cookies (RFC 4987). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tcp_harness.h"

static int setup(void **state)
{
	(void)state;
	th_setup();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tcp_syncookies_enabled = true;
	assert_true(th_teardown());
	return 0;
}

static void syn_from(u16 port, u32 isn, const struct th_opts *o)
{
	th_inject(TH_REMOTE, port, TH_LOCAL, 8000, isn, 0, TCPHDR_SYN, 4000, o, NULL, 0);
}

static void syn_flood_answered_with_cookies(void **state)
{
	struct tcp_sock *lp = th_listen(8000, 4), *c;
	struct th_opts o = { .mss = 1460, .wscale = 7, .sack_perm = true, .ts = true };
	struct th_seg seg;
	char buf[16];
	u16 port;

	(void)state;
	/* 4 SYNs fill the SYN queue (backlog 4). */
	for (port = 1000; port < 1004; port++)
		syn_from(port, port * 1000u, &o);
	assert_int_equal(lp->syn_qlen, 4);
	th_drain();
	/* The flood goes on: each further SYN gets a cookie, no state. */
	for (port = 2000; port < 2100; port++)
		syn_from(port, port * 1000u, &o);
	assert_int_equal(lp->syn_qlen, 4);
	assert_int_equal(th_count_socks(), 5);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_SYNCOOKIESSENT], 100);
	assert_int_equal(th_pending(), 100);
	/* One of them is a real client: it completes with data on the ACK. */
	while (th_pop(&seg))
		if (seg.dport == 2042)
			break;
	assert_int_equal(seg.dport, 2042);
	assert_int_equal(seg.flags, TCPHDR_SYN | TCPHDR_ACK);
	assert_int_equal(seg.ack, 2042 * 1000u + 1);
	assert_int_equal(seg.opt.mss, 1460);
	th_drain();
	th_inject(TH_REMOTE, 2042, TH_LOCAL, 8000, 2042 * 1000u + 1, seg.seq + 1, TCPHDR_ACK,
		  4000, NULL, "hi!", 3);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_SYNCOOKIESRECV], 1);
	assert_int_equal(tcp_accept(lp, &c), 0);
	assert_int_equal(c->state, TCP_ESTABLISHED);
	assert_true(c->from_cookie);
	assert_int_equal(c->mss_cache, 1460);
	assert_int_equal(tcp_recv(c, buf, sizeof(buf), 0), 3);
	assert_memory_equal(buf, "hi!", 3);
	assert_int_equal(tcp_send(c, "ok", 2, 0), 2);
	/* A forged ACK does not pass. */
	th_drain();
	th_inject(TH_REMOTE, 2043, TH_LOCAL, 8000, 2043 * 1000u + 1, 12345, TCPHDR_ACK, 4000,
		  NULL, NULL, 0);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_SYNCOOKIESFAILED], 1);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.flags, TCPHDR_RST);
	assert_int_equal(seg.seq, 12345);
	assert_int_equal(tcp_accept(lp, &c), -EAGAIN);
	tcp_close(lp);
	tcp_abort(th_find_state(TCP_ESTABLISHED));
}

static void stale_cookie_rejected(void **state)
{
	struct tcp_sock *lp = th_listen(8000, 1);
	struct th_seg seg;

	(void)state;
	syn_from(1000, 1, NULL);
	th_drain();
	syn_from(1001, 500, NULL);                  /* cookie */
	assert_true(th_pop(&seg));
	fake_clock_advance(4 * 60 * NSEC_PER_SEC);   /* older than 2 minutes + slack */
	th_inject(TH_REMOTE, 1001, TH_LOCAL, 8000, 501, seg.seq + 1, TCPHDR_ACK, 4000, NULL,
		  NULL, 0);
	assert_int_equal(lp->accept_qlen, 0);
	tcp_close(lp);
}

static void syn_queue_overflow_without_cookies_drops(void **state)
{
	struct tcp_sock *lp = th_listen(8000, 2);

	(void)state;
	tcp_syncookies_enabled = false;
	syn_from(1000, 1, NULL);
	syn_from(1001, 1, NULL);
	th_drain();
	syn_from(1002, 1, NULL);
	assert_int_equal(th_pending(), 0);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPREQQFULLDROP], 1);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_LISTENDROPS], 1);
	tcp_close(lp);
}

static void synack_retransmitted_then_embryo_dropped(void **state)
{
	struct tcp_sock *lp = th_listen(8000, 8);
	struct th_seg seg;
	int i;

	(void)state;
	syn_from(1000, 77, NULL);
	assert_true(th_pop(&seg));
	/* RTO 1 s, doubling; 5 retries (tcp_synack_retries). */
	for (i = 0; i < 5; i++) {
		fake_clock_advance(((u64)1000 << i) * NSEC_PER_MSEC);
		assert_true(th_pop(&seg));
		assert_int_equal(seg.flags, TCPHDR_SYN | TCPHDR_ACK);
	}
	assert_int_equal(lp->syn_qlen, 1);
	/* A retransmitted SYN makes us resend the SYN,ACK at once. */
	syn_from(1000, 77, NULL);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.flags, TCPHDR_SYN | TCPHDR_ACK);
	fake_clock_advance(64 * NSEC_PER_SEC);
	assert_int_equal(lp->syn_qlen, 0);
	assert_int_equal(th_count_socks(), 1);
	assert_int_equal(th_pending(), 0);
	tcp_close(lp);
}

static void accept_queue_overflow(void **state)
{
	struct tcp_sock *lp = th_listen(8000, 0), *c;
	struct th_seg seg;
	u32 s1, s2;

	(void)state;
	/* backlog 0 still admits one connection (Linux: full when > backlog),
	 * and the SYN queue then holds none: both SYNs get cookies. */
	syn_from(1000, 10, NULL);
	assert_true(th_pop(&seg));
	s1 = seg.seq;
	syn_from(1001, 20, NULL);
	assert_true(th_pop(&seg));
	s2 = seg.seq;
	th_inject(TH_REMOTE, 1000, TH_LOCAL, 8000, 11, s1 + 1, TCPHDR_ACK, 4000, NULL, NULL, 0);
	assert_int_equal(lp->accept_qlen, 1);
	th_inject(TH_REMOTE, 1001, TH_LOCAL, 8000, 21, s2 + 1, TCPHDR_ACK, 4000, NULL, NULL, 0);
	assert_int_equal(lp->accept_qlen, 1);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_LISTENOVERFLOWS], 1);
	/* A new SYN while the accept queue is full is dropped. */
	th_drain();
	syn_from(1002, 30, NULL);
	assert_int_equal(th_pending(), 0);
	assert_int_equal(tcp_accept(lp, &c), 0);
	tcp_close(c);
	/* With room again, the client's retransmitted ACK succeeds. */
	th_inject(TH_REMOTE, 1001, TH_LOCAL, 8000, 21, s2 + 1, TCPHDR_ACK, 4000, NULL, NULL, 0);
	assert_int_equal(lp->accept_qlen, 1);
	tcp_close(lp);
}

static void listen_backlog_clamped_and_autobind(void **state)
{
	struct tcp_sock *lp = tcp_create();
	be32 a;
	be16 port;

	(void)state;
	assert_int_equal(tcp_listen(lp, -1), 0);          /* (unsigned) > somaxconn */
	assert_int_equal(lp->backlog, SOMAXCONN);
	tcp_getname(lp, &a, &port, false);
	assert_int_not_equal(port, 0);
	assert_int_equal(tcp_listen(lp, 3), 0);           /* adjusts the backlog */
	assert_int_equal(lp->backlog, 3);
	assert_int_equal(tcp_shutdown(lp, SHUT_RD), 0);
	assert_int_equal(lp->state, TCP_CLOSE);
	tcp_close(lp);
}

static void syn_with_ack_to_listener_is_reset(void **state)
{
	struct tcp_sock *lp = th_listen(8000, 4);
	struct th_seg seg;

	(void)state;
	th_inject(TH_REMOTE, 1000, TH_LOCAL, 8000, 5, 99, TCPHDR_SYN | TCPHDR_ACK, 4000, NULL,
		  NULL, 0);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.flags, TCPHDR_RST);
	assert_int_equal(seg.seq, 99);
	/* A bare segment without SYN/ACK/RST is dropped silently. */
	th_inject(TH_REMOTE, 1000, TH_LOCAL, 8000, 5, 0, TCPHDR_PSH, 4000, NULL, "x", 1);
	assert_int_equal(th_pending(), 0);
	assert_int_equal(lp->syn_qlen, 0);
	tcp_close(lp);
}

static void cookie_keeps_options_through_timestamps(void **state)
{
	struct tcp_sock *lp = th_listen(8000, 0), *c;
	struct th_opts o = { .mss = 1400, .wscale = 7, .sack_perm = true, .ts = true,
			     .tsval = 4242 };
	struct th_opts ack = { .wscale = -1, .ts = true, .tsval = 4243 };
	struct th_seg seg;

	(void)state;
	syn_from(3000, 900, &o);                      /* backlog 0: a cookie at once */
	assert_true(th_pop(&seg));
	assert_int_equal(tcp_ext_mib[LINUX_MIB_SYNCOOKIESSENT], 1);
	assert_true(seg.opt.saw_tstamp && seg.opt.saw_sack_perm && seg.opt.saw_wscale);
	assert_int_equal(seg.opt.tsecr, 4242);
	assert_int_equal(seg.opt.tsval & 0x0f, 7);       /* the peer's wscale, encoded */
	assert_true(seg.opt.tsval & 0x10);               /* SACK permitted */
	assert_int_equal(seg.opt.mss, 1300);             /* cookie MSS table */
	ack.tsecr = seg.opt.tsval;
	th_inject(TH_REMOTE, 3000, TH_LOCAL, 8000, 901, seg.seq + 1, TCPHDR_ACK, 100, &ack, NULL, 0);
	assert_int_equal(tcp_accept(lp, &c), 0);
	assert_true(c->from_cookie);
	assert_true(c->tstamp_ok && c->sack_ok && c->wscale_ok);
	assert_int_equal(c->snd_wscale, 7);
	assert_int_equal(c->snd_wnd, 100 << 7);
	assert_int_equal(c->ts_recent, 4243);
	assert_int_equal(c->mss_cache, 1300 - 12);
	tcp_close(c);
	tcp_close(lp);
}

static void cookie_ignores_tsecr_from_the_future(void **state)
{
	struct tcp_sock *lp = th_listen(8000, 0), *c;
	struct th_opts o = { .mss = 1460, .wscale = 7, .sack_perm = true, .ts = true };
	struct th_opts ack = { .wscale = -1, .ts = true, .tsval = 1 };
	struct th_seg seg;

	(void)state;
	syn_from(3001, 900, &o);
	assert_true(th_pop(&seg));
	ack.tsecr = seg.opt.tsval + 100000;             /* not a time we sent */
	th_inject(TH_REMOTE, 3001, TH_LOCAL, 8000, 901, seg.seq + 1, TCPHDR_ACK, 100, &ack, NULL, 0);
	assert_int_equal(tcp_accept(lp, &c), 0);
	assert_false(c->tstamp_ok || c->sack_ok || c->wscale_ok);
	tcp_close(c);
	tcp_close(lp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(syn_flood_answered_with_cookies, setup, teardown),
		cmocka_unit_test_setup_teardown(stale_cookie_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(syn_queue_overflow_without_cookies_drops, setup, teardown),
		cmocka_unit_test_setup_teardown(synack_retransmitted_then_embryo_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(accept_queue_overflow, setup, teardown),
		cmocka_unit_test_setup_teardown(listen_backlog_clamped_and_autobind, setup, teardown),
		cmocka_unit_test_setup_teardown(syn_with_ack_to_listener_is_reset, setup, teardown),
		cmocka_unit_test_setup_teardown(cookie_keeps_options_through_timestamps, setup, teardown),
		cmocka_unit_test_setup_teardown(cookie_ignores_tsecr_from_the_future, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
