/* TCP state machine (RFC 9293 §3.3.2, §3.5, §3.6): every transition. */
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
	assert_true(th_teardown());
	return 0;
}

static void active_open_sends_syn_with_options(void **state)
{
	struct tcp_sock *tp = tcp_create();
	struct th_events ev;
	struct th_seg seg;
	struct th_peer p;
	struct th_opts o = { .mss = 1400, .wscale = 7, .sack_perm = true, .ts = true };

	(void)state;
	th_peer_init(&p, 80, 40000);
	th_watch(tp, &ev);
	assert_int_equal(tcp_bind(tp, TH_LOCAL, net_htons(40000)), 0);
	assert_int_equal(tcp_connect(tp, TH_REMOTE, net_htons(80)), -EINPROGRESS);
	assert_int_equal(tp->state, TCP_SYN_SENT);
	assert_int_equal(tcp_connect(tp, TH_REMOTE, net_htons(80)), -EALREADY);
	assert_true(th_peer_recv(&p, &seg));
	assert_int_equal(seg.flags, TCPHDR_SYN);
	assert_int_equal(seg.sport, 40000);
	assert_int_equal(seg.dport, 80);
	assert_true(seg.opt.saw_mss);
	assert_int_equal(seg.opt.mss, 1460);
	assert_true(seg.opt.saw_sack_perm);
	assert_true(seg.opt.saw_tstamp);
	assert_true(seg.opt.saw_wscale);
	assert_int_equal(tcp_mib[TCP_MIB_ACTIVEOPENS], 1);
	o.tsval = 777;
	o.tsecr = seg.opt.tsval;
	th_inject(TH_REMOTE, 80, TH_LOCAL, 40000, 1000, seg.seq + 1, TCPHDR_SYN | TCPHDR_ACK,
		  100, &o, NULL, 0);
	assert_int_equal(tp->state, TCP_ESTABLISHED);
	assert_int_equal(ev.state_change, 1);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.flags, TCPHDR_ACK);
	assert_int_equal(seg.ack, 1001);
	assert_true(seg.opt.saw_tstamp);
	assert_int_equal(seg.opt.tsecr, 777);
	assert_int_equal(tp->snd_wscale, 7);
	assert_int_equal(tp->snd_wnd, 100 << 7);
	assert_true(tp->sack_ok && tp->tstamp_ok && tp->wscale_ok);
	assert_int_equal(tp->mss_cache, 1400 - 12);
	assert_int_equal(tcp_mib[TCP_MIB_CURRESTAB], 1);
	assert_int_equal(tcp_poll(tp) & TCP_POLLOUT, TCP_POLLOUT);
	tcp_close(tp);
}

static void passive_open_through_listener(void **state)
{
	struct tcp_sock *lp = th_listen(8080, 4), *child;
	struct th_events lev;
	struct th_peer p;
	struct th_seg seg;
	struct th_opts o = { .mss = 1000, .wscale = 2, .sack_perm = true };

	(void)state;
	assert_non_null(lp);
	th_watch(lp, &lev);
	assert_int_equal(lp->state, TCP_LISTEN);
	assert_int_equal(tcp_accept(lp, &child), -EAGAIN);
	th_peer_init(&p, 5555, 8080);
	th_inject(TH_REMOTE, 5555, TH_LOCAL, 8080, 7000, 0, TCPHDR_SYN, 512, &o, NULL, 0);
	assert_int_equal(lp->syn_qlen, 1);
	assert_non_null(th_find_state(TCP_SYN_RECV));
	assert_true(th_pop(&seg));
	assert_int_equal(seg.flags, TCPHDR_SYN | TCPHDR_ACK);
	assert_int_equal(seg.ack, 7001);
	assert_true(seg.opt.saw_mss && seg.opt.saw_sack_perm && seg.opt.saw_wscale);
	assert_false(seg.opt.saw_tstamp);         /* the peer did not offer it */
	p.snd_nxt = 7001;
	p.rcv_nxt = seg.seq + 1;
	assert_int_equal(tcp_poll(lp), 0);
	p.win = 512;
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_int_equal(lp->syn_qlen, 0);
	assert_int_equal(lp->accept_qlen, 1);
	assert_int_equal(lev.data_ready, 1);
	assert_true(tcp_poll(lp) & TCP_POLLIN);
	assert_int_equal(tcp_accept(lp, &child), 0);
	assert_int_equal(child->state, TCP_ESTABLISHED);
	assert_int_equal(child->snd_wnd, 512 << 2);
	assert_int_equal(child->mss_cache, 1000);
	assert_int_equal(tcp_mib[TCP_MIB_PASSIVEOPENS], 1);
	tcp_close(child);
	tcp_close(lp);
}

static void data_flows_both_ways(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp;
	struct th_seg seg;
	struct th_events ev;
	char buf[64];

	(void)state;
	th_peer_init(&p, 80, 40001);
	tp = th_active_open(&p, 5000, NULL);
	assert_non_null(tp);
	th_watch(tp, &ev);
	assert_int_equal(tcp_send(tp, "hello", 5, 0), 5);
	assert_true(th_peer_recv(&p, &seg));
	assert_int_equal(seg.len, 5);
	assert_memory_equal(seg.data, "hello", 5);
	assert_true(seg.flags & TCPHDR_PSH);
	th_peer_send(&p, TCPHDR_ACK | TCPHDR_PSH, "world!", 6);
	assert_int_equal(ev.data_ready, 1);
	assert_true(tcp_poll(tp) & TCP_POLLIN);
	assert_int_equal(tcp_inq(tp), 6);
	assert_int_equal(tcp_recv(tp, buf, 3, TCP_MSG_PEEK), 3);
	assert_int_equal(tcp_recv(tp, buf, sizeof(buf), 0), 6);
	assert_memory_equal(buf, "world!", 6);
	assert_int_equal(tcp_recv(tp, buf, sizeof(buf), 0), -EAGAIN);
	assert_int_equal(tp->snd_una, tp->snd_nxt);
	tcp_close(tp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(active_open_sends_syn_with_options, setup, teardown),
		cmocka_unit_test_setup_teardown(passive_open_through_listener, setup, teardown),
		cmocka_unit_test_setup_teardown(data_flows_both_ways, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
