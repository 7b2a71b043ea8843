/*
 * SOL_TCP options whose effect is in the engine, and the buffers as
 * Linux sizes them: TCP_DEFER_ACCEPT (rounding, accept waiting for
 * data, the deferral running out), TCP_WINDOW_CLAMP, the tcp(7) option
 * ranges, tcp_rmem/tcp_wmem defaults, send-buffer growth with cwnd,
 * receive-buffer auto-tuning, the window scale that leaves room for it,
 * and TCP_INFO's byte counters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tcp_harness.h"

static void defer_accept_rounds_like_linux(void **state)
{
	static const struct { int set, get; } t[] = {
		{ 0, 0 }, { -3, 0 }, { 1, 1 }, { 2, 3 }, { 3, 3 }, { 5, 7 }, { 8, 15 },
		{ 200, 247 },	/* 1+2+...+64, then 120 s timeouts */
	};
	struct tcp_sock *tp = tcp_create();
	size_t i;
	int v;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_int_equal(tcp_setsockopt(tp, TCP_DEFER_ACCEPT, t[i].set), 0);
		assert_int_equal(tcp_getsockopt(tp, TCP_DEFER_ACCEPT, &v), 0);
		assert_int_equal(v, t[i].get);
	}
	tcp_close(tp);
}

/* The peer connects to lp: SYN, our SYN-ACK, its bare ACK. */
static struct tcp_sock *handshake_no_data(struct th_peer *p, u16 lport, u32 isn)
{
	struct th_seg seg;

	th_peer_init(p, 5555, lport);
	p->snd_nxt = isn + 1;
	th_inject(p->addr, p->port, p->laddr, p->lport, isn, 0, TCPHDR_SYN, p->win, NULL, NULL,
		  0);
	assert_true(th_peer_recv(p, &seg));
	assert_int_equal(seg.flags, TCPHDR_SYN | TCPHDR_ACK);
	th_peer_send(p, TCPHDR_ACK, NULL, 0);
	return th_find_state(TCP_SYN_RECV);
}

static void defer_accept_waits_for_data(void **state)
{
	struct tcp_sock *lp = th_listen(45000, 4), *child, *c = NULL;
	struct th_peer p;
	char buf[8];

	(void)state;
	assert_int_equal(tcp_setsockopt(lp, TCP_DEFER_ACCEPT, 5), 0);
	child = handshake_no_data(&p, 45000, 7000);
	/* The bare ACK left the connection embryonic: nothing to accept. */
	assert_non_null(child);
	assert_true(child->defer_acked);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPDEFERACCEPTDROP], 1);
	assert_int_equal(tcp_accept(lp, &c), -EAGAIN);
	assert_false(tcp_poll(lp) & EPOLLIN);
	/* No SYN-ACK is resent while waiting for data. */
	fake_clock_advance(2 * NSEC_PER_SEC);
	assert_int_equal(th_pending(), 0);
	/* The first data completes the handshake. */
	th_peer_send(&p, TCPHDR_ACK, "GET", 3);
	assert_true(tcp_poll(lp) & EPOLLIN);
	assert_int_equal(tcp_accept(lp, &c), 0);
	assert_ptr_equal(c, child);
	assert_int_equal(c->state, TCP_ESTABLISHED);
	assert_int_equal(tcp_recv(c, buf, sizeof(buf), 0), 3);
	tcp_abort(c);
	tcp_abort(lp);
}

/* The deferral runs out: the last SYN-ACK is resent, and the ACK that
 * answers it completes the handshake without data. */
static void defer_accept_runs_out(void **state)
{
	struct tcp_sock *lp = th_listen(45001, 4), *c = NULL;
	struct th_peer p;
	struct th_seg seg;

	(void)state;
	assert_int_equal(tcp_setsockopt(lp, TCP_DEFER_ACCEPT, 5), 0);   /* 3 timeouts */
	handshake_no_data(&p, 45001, 8000);
	fake_clock_advance(3 * NSEC_PER_SEC);            /* timeouts at 1 s and 3 s */
	assert_int_equal(th_pending(), 0);
	fake_clock_advance(4 * NSEC_PER_SEC);            /* the third, at 7 s */
	assert_true(th_pop(&seg));
	assert_int_equal(seg.flags, TCPHDR_SYN | TCPHDR_ACK);
	assert_int_equal(tcp_accept(lp, &c), -EAGAIN);
	th_peer_send_at(&p, p.snd_nxt, TCPHDR_ACK, NULL, 0);
	assert_int_equal(tcp_accept(lp, &c), 0);
	assert_int_equal(c->state, TCP_ESTABLISHED);
	tcp_abort(c);
	tcp_abort(lp);
}

/* Without an answer the embryo goes once both the SYN-ACK retries and
 * the deferral are used up. */
static void deferred_embryo_expires(void **state)
{
	struct tcp_sock *lp = th_listen(45002, 4);
	struct th_peer p;

	(void)state;
	assert_int_equal(tcp_setsockopt(lp, TCP_DEFER_ACCEPT, 1), 0);
	handshake_no_data(&p, 45002, 9000);
	th_set_blackhole(true);
	fake_clock_advance(200 * NSEC_PER_SEC);
	assert_null(th_find_state(TCP_SYN_RECV));
	assert_int_equal(lp->syn_qlen, 0);
	th_set_blackhole(false);
	tcp_abort(lp);
}

static void window_clamp(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = tcp_create();
	struct th_seg seg;
	int v;

	(void)state;
	assert_int_equal(tcp_getsockopt(tp, TCP_WINDOW_CLAMP, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(tcp_setsockopt(tp, TCP_WINDOW_CLAMP, 100), 0);
	assert_int_equal(tcp_getsockopt(tp, TCP_WINDOW_CLAMP, &v), 0);
	assert_int_equal(v, TCP_MIN_WINDOW_CLAMP);
	assert_int_equal(tcp_setsockopt(tp, TCP_WINDOW_CLAMP, 0), 0);   /* closed: fine */
	assert_int_equal(tcp_setsockopt(tp, TCP_WINDOW_CLAMP, 3000), 0);
	/* The clamp bounds the window offered, and its scale. */
	th_peer_init(&p, 80, 45003);
	tcp_bind(tp, TH_LOCAL, net_htons(45003));
	tcp_connect(tp, TH_REMOTE, net_htons(80));
	assert_true(th_peer_recv(&p, &seg));
	assert_int_equal(seg.win, 3000);
	assert_int_equal(seg.opt.wscale, 0);
	assert_int_equal(tcp_setsockopt(tp, TCP_WINDOW_CLAMP, 0), -EINVAL);
	tcp_abort(tp);
	th_drain();
	/* Unclamped, a connection reads back the most it may offer. */
	th_peer_init(&p, 80, 45004);
	tp = th_active_open(&p, 1000, NULL);
	assert_int_equal(tcp_getsockopt(tp, TCP_WINDOW_CLAMP, &v), 0);
	assert_true(v > 0);
	tcp_abort(tp);
}

static void option_ranges(void **state)
{
	struct tcp_sock *tp = tcp_create();
	int v;

	(void)state;
	assert_int_equal(tcp_setsockopt(tp, TCP_MAXSEG, 87), -EINVAL);
	assert_int_equal(tcp_setsockopt(tp, TCP_MAXSEG, 32768), -EINVAL);
	assert_int_equal(tcp_setsockopt(tp, TCP_MAXSEG, 32767), 0);
	assert_int_equal(tcp_getsockopt(tp, TCP_MAXSEG, &v), 0);
	assert_int_equal(v, 32767);
	assert_int_equal(tcp_setsockopt(tp, TCP_LINGER2, 500), 0);
	assert_int_equal(tcp_getsockopt(tp, TCP_LINGER2, &v), 0);
	assert_int_equal(v, 120);
	assert_int_equal(tcp_setsockopt(tp, TCP_LINGER2, -9), 0);
	assert_int_equal(tcp_getsockopt(tp, TCP_LINGER2, &v), 0);
	assert_int_equal(v, -1);
	assert_int_equal(tcp_setsockopt(tp, TCP_LINGER2, 0), 0);
	assert_int_equal(tcp_getsockopt(tp, TCP_LINGER2, &v), 0);
	assert_int_equal(v, 60);
	assert_int_equal(tcp_getsockopt(tp, TCP_QUICKACK, &v), 0);
	assert_int_equal(v, 1);
	tcp_close(tp);
}

/* tcp(7)'s defaults; the window scale leaves room for auto-tuning. */
static void buffer_defaults_and_wscale(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = tcp_create();
	struct th_seg seg;

	(void)state;
	assert_int_equal(tp->sk.rcvbuf, sysctl_tcp_rmem[1]);
	assert_int_equal(tp->sk.sndbuf, sysctl_tcp_wmem[1]);
	th_peer_init(&p, 80, 45005);
	tcp_bind(tp, TH_LOCAL, net_htons(45005));
	tcp_connect(tp, TH_REMOTE, net_htons(80));
	assert_true(th_peer_recv(&p, &seg));
	assert_int_equal(seg.opt.wscale, 7);            /* 65535 << 7 >= tcp_rmem[2] */
	tcp_abort(tp);
	th_drain();
	/* SO_RCVBUF fixes the size: the scale just covers it. */
	tp = tcp_create();
	tp->sk.userlocks |= SOCK_RCVBUF_LOCK;
	tcp_bind(tp, TH_LOCAL, net_htons(45006));
	tcp_connect(tp, TH_REMOTE, net_htons(80));
	assert_true(th_pop(&seg));
	assert_int_equal(seg.opt.wscale, 2);
	tcp_abort(tp);
}

/* Linux's tcp_sndbuf_expand: two cwnds of full segments at their
 * memory cost; SO_SNDBUF turns it off. */
static void send_buffer_grows_with_cwnd(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp;
	static char big[200000];
	struct th_seg seg;

	(void)state;
	th_peer_init(&p, 80, 45007);
	tp = th_active_open(&p, 1000, NULL);
	/* MSS 1460: 4096 + 256 bytes a segment, 2 x 10 segments. */
	assert_int_equal(tp->sk.sndbuf, 2 * 10 * (4096 + 256));
	/* cwnd grows with ACKs in slow start, and the buffer with it. */
	p.win = 65535;
	tcp_setsockopt(tp, TCP_NODELAY, 1);
	assert_true(tcp_send(tp, big, sizeof(big), 0) > 0);
	while (th_peer_recv(&p, &seg))
		;
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_true(tp->snd_cwnd > TCP_INIT_CWND);
	assert_int_equal(tp->sk.sndbuf, 2 * tp->snd_cwnd * (4096 + 256));
	tcp_abort(tp);
	th_drain();
	th_peer_init(&p, 80, 45008);
	tp = tcp_create();
	tp->sk.sndbuf = 10000;
	tp->sk.userlocks |= SOCK_SNDBUF_LOCK;
	assert_true(th_connect(&p, tp, 1000, NULL));
	assert_int_equal(tp->sk.sndbuf, 10000);
	tcp_abort(tp);
}

/* A reader that keeps up makes the receive buffer grow, once an RTT;
 * SO_RCVBUF stops it. */
static void receive_buffer_autotuning(void **state)
{
	static char chunk[1000], buf[65536];
	struct th_peer p;
	struct tcp_sock *tp;
	int round, i;
	bool locked;

	(void)state;
	memset(chunk, 'r', sizeof(chunk));
	for (locked = false; ; locked = true) {
		th_peer_init(&p, 80, locked ? 45010 : 45009);
		tp = th_active_open(&p, 1000, NULL);
		if (locked)
			tp->sk.userlocks |= SOCK_RCVBUF_LOCK;
		assert_true(tp->srtt_us > 0);
		for (round = 0; round < 8; round++) {
			for (i = 0; i < 60; i++)
				th_peer_send(&p, TCPHDR_ACK, chunk, sizeof(chunk));
			th_drain();
			fake_clock_advance((u64)tp->srtt_us * 1000 + 1);
			assert_int_equal(tcp_recv(tp, buf, sizeof(buf), 0), 60000);
		}
		if (locked) {
			assert_int_equal(tp->sk.rcvbuf, sysctl_tcp_rmem[1]);
			tcp_abort(tp);
			break;
		}
		/* 60000 bytes a round trip: at least twice that plus slack. */
		assert_true(tp->sk.rcvbuf >= 2u * 60000 + 16u * tp->advmss);
		assert_true(tp->sk.rcvbuf <= sysctl_tcp_rmem[2]);
		tcp_abort(tp);
		th_drain();
	}
}

/* TCP_INFO's byte counters count sequence space as Linux does: the SYN
 * is acked, a FIN is received. */
static void info_byte_counters(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp;
	struct tcp_info info;
	struct th_seg seg;

	(void)state;
	th_peer_init(&p, 80, 45011);
	tp = th_active_open(&p, 1000, NULL);
	tcp_get_info(tp, &info);
	assert_int_equal(info.tcpi_bytes_acked, 1);
	assert_int_equal(tcp_send(tp, "hello", 5, 0), 5);
	assert_true(th_peer_recv(&p, &seg));
	th_peer_send(&p, TCPHDR_ACK, "abc", 3);
	tcp_get_info(tp, &info);
	assert_int_equal(info.tcpi_bytes_acked, 6);
	assert_int_equal(info.tcpi_bytes_received, 3);
	th_peer_send(&p, TCPHDR_ACK | TCPHDR_FIN, NULL, 0);
	tcp_get_info(tp, &info);
	assert_int_equal(info.tcpi_bytes_received, 4);
	tcp_abort(tp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(defer_accept_rounds_like_linux, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(defer_accept_waits_for_data, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(defer_accept_runs_out, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(deferred_embryo_expires, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(window_clamp, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(option_ranges, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(buffer_defaults_and_wscale, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(send_buffer_grows_with_cwnd, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(receive_buffer_autotuning, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(info_byte_counters, th_fixture_setup, th_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
