/* TCP state machine (RFC 9293 §3.3.2, §3.5, §3.6): every transition. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tcp_harness.h"

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
	assert_int_equal(tp->snd_wnd, 100);         /* SYN windows are unscaled */
	assert_true(tp->sack_ok && tp->tstamp_ok && tp->wscale_ok);
	assert_int_equal(tp->mss_cache, 1400 - 12);
	assert_int_equal(tcp_mib[TCP_MIB_CURRESTAB], 1);
	assert_int_equal(tcp_poll(tp) & EPOLLOUT, EPOLLOUT);
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
	assert_true(tcp_poll(lp) & EPOLLIN);
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
	assert_true(tcp_poll(tp) & EPOLLIN);
	assert_int_equal(tcp_inq(tp), 6);
	assert_int_equal(tcp_recv(tp, buf, 3, MSG_PEEK), 3);
	assert_int_equal(tcp_recv(tp, buf, sizeof(buf), 0), 6);
	assert_memory_equal(buf, "world!", 6);
	assert_int_equal(tcp_recv(tp, buf, sizeof(buf), 0), -EAGAIN);
	assert_int_equal(tp->snd_una, tp->snd_nxt);
	tcp_close(tp);
}


/* Pop the next segment, asserting its flags. */
static void expect(struct th_peer *p, u8 flags, struct th_seg *seg)
{
	assert_true(th_peer_recv(p, seg));
	assert_int_equal(seg->flags & (u8)~TCPHDR_PSH, flags);
}

static void active_close_fin_wait_time_wait(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp;
	struct th_seg seg;

	(void)state;
	th_peer_init(&p, 80, 40002);
	tp = th_active_open(&p, 100, NULL);
	assert_non_null(tp);
	assert_int_equal(tcp_shutdown(tp, SHUT_WR), 0);
	assert_int_equal(tp->state, TCP_FIN_WAIT1);
	expect(&p, TCPHDR_FIN | TCPHDR_ACK, &seg);
	assert_int_equal(tcp_send(tp, "x", 1, 0), -EPIPE);
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_int_equal(tp->state, TCP_FIN_WAIT2);
	/* Half-close: the peer may still send. */
	th_peer_send(&p, TCPHDR_ACK, "late", 4);
	{
		char b[8];

		assert_int_equal(tcp_recv(tp, b, sizeof(b), 0), 4);
	}
	th_drain();
	th_peer_send(&p, TCPHDR_FIN | TCPHDR_ACK, NULL, 0);
	assert_int_equal(tp->state, TCP_TIME_WAIT);
	expect(&p, TCPHDR_ACK, &seg);
	assert_int_equal(seg.ack, p.snd_nxt);
	tcp_close(tp);                           /* orphaned in TIME_WAIT */
	assert_int_equal(th_count_socks(), 1);
	/* A retransmitted FIN is re-acked and restarts 2MSL. */
	fake_clock_advance(30 * NSEC_PER_SEC);
	th_peer_send_at(&p, p.snd_nxt - 1, TCPHDR_FIN | TCPHDR_ACK, NULL, 0);
	expect(&p, TCPHDR_ACK, &seg);
	fake_clock_advance(59 * NSEC_PER_SEC);
	assert_int_equal(th_count_socks(), 1);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TIMEWAITED], 0);
	fake_clock_advance(1 * NSEC_PER_SEC);
	assert_int_equal(th_count_socks(), 0);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TIMEWAITED], 1);
}

static void passive_close_close_wait_last_ack(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp;
	struct th_seg seg;
	struct th_events ev;
	char b[4];

	(void)state;
	th_peer_init(&p, 80, 40003);
	tp = th_active_open(&p, 100, NULL);
	th_watch(tp, &ev);
	th_peer_send(&p, TCPHDR_FIN | TCPHDR_ACK, NULL, 0);
	assert_int_equal(tp->state, TCP_CLOSE_WAIT);
	expect(&p, TCPHDR_ACK, &seg);
	assert_int_equal(seg.ack, p.snd_nxt);
	assert_true(tcp_poll(tp) & EPOLLRDHUP);
	assert_int_equal(tcp_recv(tp, b, sizeof(b), 0), 0);
	assert_int_equal(tcp_send(tp, "ok", 2, 0), 2);    /* still may send */
	expect(&p, TCPHDR_ACK, &seg);
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	tcp_close(tp);
	tp = th_find_state(TCP_LAST_ACK);
	assert_non_null(tp);
	expect(&p, TCPHDR_FIN | TCPHDR_ACK, &seg);
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_int_equal(th_count_socks(), 0);
	assert_int_equal(tcp_mib[TCP_MIB_CURRESTAB], 0);
}

static void simultaneous_close_goes_through_closing(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp;
	struct th_seg seg;

	(void)state;
	th_peer_init(&p, 80, 40004);
	tp = th_active_open(&p, 100, NULL);
	tcp_close(tp);
	expect(&p, TCPHDR_FIN | TCPHDR_ACK, &seg);
	/* The peer's FIN crosses ours: it does not ack our FIN. */
	th_inject(TH_REMOTE, 80, TH_LOCAL, 40004, p.snd_nxt, p.rcv_nxt - 1,
		  TCPHDR_FIN | TCPHDR_ACK, 1000, NULL, NULL, 0);
	p.snd_nxt++;
	tp = th_find_state(TCP_CLOSING);
	assert_non_null(tp);
	expect(&p, TCPHDR_ACK, &seg);
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);   /* now acks our FIN */
	assert_int_equal(tp->state, TCP_TIME_WAIT);
	fake_clock_advance(60 * NSEC_PER_SEC);
	assert_int_equal(th_count_socks(), 0);
}

static void fin_ack_together_skips_fin_wait2(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp;
	struct th_seg seg;

	(void)state;
	th_peer_init(&p, 80, 40005);
	tp = th_active_open(&p, 100, NULL);
	tcp_close(tp);
	expect(&p, TCPHDR_FIN | TCPHDR_ACK, &seg);
	th_peer_send(&p, TCPHDR_FIN | TCPHDR_ACK, NULL, 0);
	assert_non_null(th_find_state(TCP_TIME_WAIT));
	expect(&p, TCPHDR_ACK, &seg);
}

static void orphaned_fin_wait2_times_out(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp;
	struct th_seg seg;

	(void)state;
	th_peer_init(&p, 80, 40006);
	tp = th_active_open(&p, 100, NULL);
	tcp_close(tp);
	expect(&p, TCPHDR_FIN | TCPHDR_ACK, &seg);
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_non_null(th_find_state(TCP_FIN_WAIT2));
	fake_clock_advance(59 * NSEC_PER_SEC);
	assert_non_null(th_find_state(TCP_FIN_WAIT2));
	fake_clock_advance(2 * NSEC_PER_SEC);
	assert_int_equal(th_count_socks(), 0);
}

static void simultaneous_open(void **state)
{
	struct tcp_sock *tp = tcp_create();
	struct th_peer p;
	struct th_seg seg;
	struct th_opts o = { .mss = 1460, .wscale = -1 };
	u32 iss;

	(void)state;
	th_peer_init(&p, 9000, 9001);
	assert_int_equal(tcp_bind(tp, TH_LOCAL, net_htons(9001)), 0);
	assert_int_equal(tcp_connect(tp, TH_REMOTE, net_htons(9000)), -EINPROGRESS);
	expect(&p, TCPHDR_SYN, &seg);
	iss = seg.seq;
	/* The peer's own SYN (no ACK) crosses ours. */
	th_inject(TH_REMOTE, 9000, TH_LOCAL, 9001, 3000, 0, TCPHDR_SYN, 8000, &o, NULL, 0);
	assert_int_equal(tp->state, TCP_SYN_RECV);
	expect(&p, TCPHDR_SYN | TCPHDR_ACK, &seg);
	assert_int_equal(seg.seq, iss);
	assert_int_equal(seg.ack, 3001);
	/* The peer's SYN,ACK for our SYN. */
	th_inject(TH_REMOTE, 9000, TH_LOCAL, 9001, 3000, iss + 1, TCPHDR_SYN | TCPHDR_ACK, 8000,
		  &o, NULL, 0);
	/* A SYN in SYN_RECV with seq == IRS just repeats our SYN,ACK... */
	assert_int_equal(tp->state, TCP_SYN_RECV);
	th_drain();
	th_inject(TH_REMOTE, 9000, TH_LOCAL, 9001, 3001, iss + 1, TCPHDR_ACK, 8000, NULL, NULL, 0);
	assert_int_equal(tp->state, TCP_ESTABLISHED);
	assert_int_equal(tp->snd_una, iss + 1);
	tcp_abort(tp);
}

static void syn_sent_rules(void **state)
{
	struct tcp_sock *tp = tcp_create();
	struct th_peer p;
	struct th_seg seg;
	struct th_events ev;
	u32 iss;

	(void)state;
	th_peer_init(&p, 81, 9002);
	th_watch(tp, &ev);
	tcp_bind(tp, TH_LOCAL, net_htons(9002));
	tcp_connect(tp, TH_REMOTE, net_htons(81));
	expect(&p, TCPHDR_SYN, &seg);
	iss = seg.seq;
	/* An unacceptable ACK gets a RST with SEQ = SEG.ACK. */
	th_inject(TH_REMOTE, 81, TH_LOCAL, 9002, 1, iss + 5, TCPHDR_ACK, 100, NULL, NULL, 0);
	expect(&p, TCPHDR_RST, &seg);
	assert_int_equal(seg.seq, iss + 5);
	/* A RST with an unacceptable ACK is ignored. */
	th_inject(TH_REMOTE, 81, TH_LOCAL, 9002, 1, iss, TCPHDR_RST | TCPHDR_ACK, 0, NULL, NULL, 0);
	assert_int_equal(tp->state, TCP_SYN_SENT);
	/* A RST without ACK is ignored too (RFC 9293 §3.10.7.3). */
	th_inject(TH_REMOTE, 81, TH_LOCAL, 9002, 1, 0, TCPHDR_RST, 0, NULL, NULL, 0);
	assert_int_equal(tp->state, TCP_SYN_SENT);
	/* The right RST refuses the connection. */
	th_inject(TH_REMOTE, 81, TH_LOCAL, 9002, 0, iss + 1, TCPHDR_RST | TCPHDR_ACK, 0, NULL,
		  NULL, 0);
	assert_int_equal(tp->state, TCP_CLOSE);
	assert_int_equal(ev.error_report, 1);
	assert_true(tcp_poll(tp) & EPOLLERR);
	assert_int_equal(tcp_sock_error(tp), ECONNREFUSED);
	assert_int_equal(tcp_mib[TCP_MIB_ATTEMPTFAILS], 1);
	assert_int_equal(th_pending(), 0);
	tcp_close(tp);
}

static void closed_port_answers_rst(void **state)
{
	struct th_seg seg;
	struct th_peer p;

	(void)state;
	th_peer_init(&p, 1234, 9);
	/* No ACK: RST,ACK acknowledging the segment (SYN counts one). */
	th_inject(TH_REMOTE, 1234, TH_LOCAL, 9, 500, 0, TCPHDR_SYN, 100, NULL, "ab", 2);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.flags, TCPHDR_RST | TCPHDR_ACK);
	assert_int_equal(seg.seq, 0);
	assert_int_equal(seg.ack, 503);
	/* With ACK: RST with SEQ = SEG.ACK. */
	th_inject(TH_REMOTE, 1234, TH_LOCAL, 9, 500, 42, TCPHDR_ACK, 100, NULL, NULL, 0);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.flags, TCPHDR_RST);
	assert_int_equal(seg.seq, 42);
	/* Never a RST for a RST. */
	th_inject(TH_REMOTE, 1234, TH_LOCAL, 9, 500, 42, TCPHDR_RST, 100, NULL, NULL, 0);
	assert_int_equal(th_pending(), 0);
	assert_int_equal(tcp_mib[TCP_MIB_OUTRSTS], 2);
	assert_int_equal(tcp_mib[TCP_MIB_INSEGS], 3);
}

static void bad_checksum_and_short_header_counted(void **state)
{
	struct pkbuf *pkb;
	struct th_peer p;
	struct tcp_sock *tp;

	(void)state;
	th_peer_init(&p, 80, 40010);
	tp = th_active_open(&p, 100, NULL);
	th_set_blackhole(true);
	tcp_send(tp, "abc", 3, 0);
	th_set_blackhole(false);
	/* Corrupt a captured packet by hand: build one and flip a byte. */
	th_peer_send(&p, TCPHDR_ACK, "zz", 2);
	assert_int_equal(tcp_inq(tp), 2);
	pkb = pkb_alloc(NET_HEADROOM, 40);
	{
		struct iphdr *ip = pkb_put(pkb, 20);
		u8 *t = pkb_put(pkb, 10);

		memset(ip, 0, 20);
		ip->ihl_version = 0x45;
		ip->protocol = IPPROTO_TCP;
		ip->saddr = TH_REMOTE;
		ip->daddr = TH_LOCAL;
		memset(t, 0, 10);
	}
	th_inject_ip(pkb);
	assert_int_equal(tcp_mib[TCP_MIB_INERRS], 1);
	pkb = pkb_alloc(NET_HEADROOM, 40);
	{
		struct iphdr *ip = pkb_put(pkb, 20);
		struct tcphdr *t = pkb_put(pkb, 20);

		memset(ip, 0, 20);
		ip->ihl_version = 0x45;
		ip->protocol = IPPROTO_TCP;
		ip->saddr = TH_REMOTE;
		ip->daddr = TH_LOCAL;
		memset(t, 0, 20);
		t->doff = 5 << 4;
		t->check = 0x1234;
	}
	th_inject_ip(pkb);
	assert_int_equal(tcp_mib[TCP_MIB_INCSUMERRORS], 1);
	assert_int_equal(tcp_mib[TCP_MIB_INERRS], 2);
	tcp_abort(tp);
}

/* RST acceptance per state (RFC 9293 §3.10.7.4 second check, RFC 5961). */
static void rst_in_each_state(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp, *lp;
	struct th_seg seg;
	struct th_events ev;
	int st;

	(void)state;
	/* ESTABLISHED: in-window but not exact -> challenge ACK; exact -> reset. */
	th_peer_init(&p, 80, 41000);
	tp = th_active_open(&p, 100, NULL);
	th_watch(tp, &ev);
	th_peer_send_at(&p, p.snd_nxt + 10, TCPHDR_RST, NULL, 0);
	assert_int_equal(tp->state, TCP_ESTABLISHED);
	expect(&p, TCPHDR_ACK, &seg);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPCHALLENGEACK], 1);
	th_peer_send_at(&p, p.snd_nxt + 1000000, TCPHDR_RST, NULL, 0);   /* outside: dropped */
	assert_int_equal(tp->state, TCP_ESTABLISHED);
	assert_int_equal(th_pending(), 0);
	th_peer_send_at(&p, p.snd_nxt, TCPHDR_RST, NULL, 0);
	assert_int_equal(tp->state, TCP_CLOSE);
	assert_int_equal(tcp_sock_error(tp), ECONNRESET);
	assert_int_equal(tcp_mib[TCP_MIB_ESTABRESETS], 1);
	{
		char b[4];

		assert_int_equal(tcp_recv(tp, b, 4, 0), 0);
		assert_int_equal(tcp_send(tp, b, 4, 0), -EPIPE);
	}
	tcp_close(tp);

	/* FIN_WAIT1, FIN_WAIT2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT. */
	for (st = 0; st < 6; st++) {
		static const int want[] = { TCP_FIN_WAIT1, TCP_FIN_WAIT2, TCP_CLOSE_WAIT,
					    TCP_CLOSING, TCP_LAST_ACK, TCP_TIME_WAIT };

		th_peer_init(&p, 80, (u16)(41001 + st));
		tp = th_active_open(&p, 100, NULL);
		switch (want[st]) {
		case TCP_FIN_WAIT1:
			tcp_shutdown(tp, SHUT_WR);
			break;
		case TCP_FIN_WAIT2:
			tcp_shutdown(tp, SHUT_WR);
			th_drain();
			p.rcv_nxt++;
			th_peer_send(&p, TCPHDR_ACK, NULL, 0);
			break;
		case TCP_CLOSE_WAIT:
			th_peer_send(&p, TCPHDR_FIN | TCPHDR_ACK, NULL, 0);
			break;
		case TCP_CLOSING:
			tcp_shutdown(tp, SHUT_WR);
			th_peer_send(&p, TCPHDR_FIN | TCPHDR_ACK, NULL, 0);
			break;
		case TCP_LAST_ACK:
			th_peer_send(&p, TCPHDR_FIN | TCPHDR_ACK, NULL, 0);
			tcp_shutdown(tp, SHUT_WR);
			break;
		case TCP_TIME_WAIT:
			tcp_shutdown(tp, SHUT_WR);
			th_drain();
			p.rcv_nxt++;
			th_peer_send(&p, TCPHDR_FIN | TCPHDR_ACK, NULL, 0);
			break;
		}
		assert_int_equal(tp->state, want[st]);
		th_drain();
		th_peer_send_at(&p, p.snd_nxt, TCPHDR_RST, NULL, 0);
		assert_int_equal(tp->state, TCP_CLOSE);
		assert_int_equal(th_pending(), 0);
		tcp_close(tp);
		assert_int_equal(th_count_socks(), 0);
	}

	/* SYN_RECV child of a listener: forgotten silently. */
	lp = th_listen(8081, 5);
	th_peer_init(&p, 7000, 8081);
	th_inject(TH_REMOTE, 7000, TH_LOCAL, 8081, 100, 0, TCPHDR_SYN, 1000, NULL, NULL, 0);
	assert_int_equal(lp->syn_qlen, 1);
	th_drain();
	th_inject(TH_REMOTE, 7000, TH_LOCAL, 8081, 101, 0, TCPHDR_RST, 0, NULL, NULL, 0);
	assert_int_equal(lp->syn_qlen, 0);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_EMBRYONICRSTS], 1);
	assert_int_equal(th_count_socks(), 1);
	/* LISTEN ignores RST. */
	th_inject(TH_REMOTE, 7000, TH_LOCAL, 8081, 101, 0, TCPHDR_RST, 0, NULL, NULL, 0);
	assert_int_equal(lp->state, TCP_LISTEN);
	assert_int_equal(th_pending(), 0);
	tcp_close(lp);
}

/* RFC 5961 §4: a SYN on a synchronized connection gets a challenge ACK. */
static void syn_on_established_is_challenged(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp;
	struct th_seg seg;

	(void)state;
	th_peer_init(&p, 80, 41100);
	tp = th_active_open(&p, 100, NULL);
	th_peer_send_at(&p, p.snd_nxt + 5, TCPHDR_SYN, NULL, 0);
	assert_int_equal(tp->state, TCP_ESTABLISHED);
	expect(&p, TCPHDR_ACK, &seg);
	assert_int_equal(seg.ack, p.snd_nxt);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPSYNCHALLENGE], 1);
	/* RFC 5961 §5: an ACK for data never sent is answered and dropped. */
	th_inject(TH_REMOTE, 80, TH_LOCAL, 41100, p.snd_nxt, tp->snd_nxt + 100, TCPHDR_ACK, 100,
		  NULL, "zz", 2);
	assert_int_equal(tcp_inq(tp), 0);
	expect(&p, TCPHDR_ACK, &seg);
	tcp_abort(tp);
	expect(&p, TCPHDR_RST | TCPHDR_ACK, &seg);
}

static void close_with_unread_data_resets(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp;
	struct th_seg seg;

	(void)state;
	th_peer_init(&p, 80, 41200);
	tp = th_active_open(&p, 100, NULL);
	th_peer_send(&p, TCPHDR_ACK, "unread", 6);
	th_drain();
	tcp_close(tp);
	expect(&p, TCPHDR_RST | TCPHDR_ACK, &seg);
	assert_int_equal(th_count_socks(), 0);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPABORTONCLOSE], 1);
}

static void listener_close_resets_unaccepted(void **state)
{
	struct tcp_sock *lp = th_listen(8082, 5);
	struct th_peer p;
	struct th_seg seg;
	struct tcp_sock *c;

	(void)state;
	th_peer_init(&p, 7001, 8082);
	assert_null(th_passive_open(&p, lp, 100, NULL) == NULL ? NULL : NULL);
	/* th_passive_open accepted it; make a second one left unaccepted. */
	c = th_find_state(TCP_ESTABLISHED);
	assert_non_null(c);
	tcp_close(c);
	th_drain();
	th_peer_init(&p, 7002, 8082);
	th_inject(TH_REMOTE, 7002, TH_LOCAL, 8082, 500, 0, TCPHDR_SYN, 1000, NULL, NULL, 0);
	assert_true(th_peer_recv(&p, &seg));
	p.snd_nxt = 501;
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_int_equal(lp->accept_qlen, 1);
	tcp_close(lp);
	/* FIN of the closed first child may be pending; find the RST. */
	{
		bool rst = false;

		while (th_pop(&seg))
			if (seg.dport == 7002 && (seg.flags & TCPHDR_RST))
				rst = true;
		assert_true(rst);
	}
}

static void errors_of_api_calls(void **state)
{
	struct tcp_sock *a = tcp_create(), *b = tcp_create(), *c;
	char buf[4];

	(void)state;
	assert_int_equal(tcp_recv(a, buf, 4, 0), -ENOTCONN);
	assert_int_equal(tcp_send(a, buf, 4, 0), -EPIPE);
	assert_int_equal(tcp_shutdown(a, SHUT_WR), -ENOTCONN);
	assert_int_equal(tcp_shutdown(a, 7), -EINVAL);
	assert_int_equal(tcp_accept(a, &c), -EINVAL);
	assert_int_equal(tcp_poll(a), EPOLLOUT | EPOLLWRNORM | EPOLLHUP);
	assert_int_equal(tcp_bind(a, TH_LOCAL, net_htons(5000)), 0);
	assert_int_equal(tcp_bind(a, TH_LOCAL, net_htons(5001)), -EINVAL);
	assert_int_equal(tcp_bind(b, 0, net_htons(5000)), -EADDRINUSE);
	assert_int_equal(tcp_bind(b, 0x0100000au, net_htons(5000)), -EADDRNOTAVAIL);
	a->sk.reuseaddr = b->sk.reuseaddr = true;
	assert_int_equal(tcp_bind(b, 0, net_htons(5000)), 0);
	/* Sharing the port was fine while neither listened; Linux checks
	 * again at listen, and a listener keeps the port to itself. */
	assert_int_equal(tcp_listen(a, 5), 0);
	assert_int_equal(tcp_listen(b, 5), -EADDRINUSE);
	assert_int_equal(b->state, TCP_CLOSE);
	assert_int_equal(tcp_connect(a, TH_REMOTE, net_htons(1)), -EISCONN);
	assert_int_equal(tcp_recv(a, buf, 4, 0), -ENOTCONN);
	assert_int_equal(tcp_listen(a, 5), 0);   /* again: the backlog only */
	/* SO_REUSEPORT sockets of one user may all listen; another user's
	 * may not join them. */
	tcp_close(a);
	tcp_close(b);
	a = tcp_create();
	b = tcp_create();
	c = tcp_create();
	a->sk.reuseport = b->sk.reuseport = c->sk.reuseport = true;
	c->uid = 1000;
	assert_int_equal(tcp_bind(a, TH_LOCAL, net_htons(5002)), 0);
	assert_int_equal(tcp_listen(a, 5), 0);
	assert_int_equal(tcp_bind(b, TH_LOCAL, net_htons(5002)), 0);
	assert_int_equal(tcp_listen(b, 5), 0);
	assert_int_equal(tcp_bind(c, TH_LOCAL, net_htons(5002)), -EADDRINUSE);
	tcp_close(c);
	tcp_close(a);
	tcp_close(b);
	a = tcp_create();
	assert_int_equal(tcp_connect(a, 0x0100000au, net_htons(1)), -ENETUNREACH);
	tcp_close(a);
}

static void ephemeral_ports_and_getname(void **state)
{
	struct tcp_sock *a = tcp_create(), *b = tcp_create();
	be32 addr;
	be16 pa, pb;

	(void)state;
	assert_int_equal(tcp_connect(a, TH_REMOTE, net_htons(80)), -EINPROGRESS);
	assert_int_equal(tcp_connect(b, TH_REMOTE, net_htons(80)), -EINPROGRESS);
	tcp_getname(a, &addr, &pa, false);
	assert_int_equal(addr, TH_LOCAL);
	tcp_getname(b, &addr, &pb, false);
	assert_int_not_equal(pa, pb);
	assert_in_range(net_ntohs(pa), 32768, 60999);
	tcp_getname(a, &addr, &pa, true);
	assert_int_equal(addr, TH_REMOTE);
	assert_int_equal(net_ntohs(pa), 80);
	tcp_close(a);
	tcp_close(b);
}

static void snmp_lines_look_like_linux(void **state)
{
	char buf[4096];
	int n;

	(void)state;
	tcp_mib[TCP_MIB_ACTIVEOPENS] = 3;
	n = tcp_snmp_format(buf, sizeof(buf));
	assert_int_equal(n, (int)strlen(buf));
	assert_string_equal(buf,
		"Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens "
		"AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs "
		"OutRsts InCsumErrors\nTcp: 1 200 120000 -1 3 0 0 0 0 0 0 0 0 0 0\n");
	assert_int_equal(tcp_snmp_format(buf, 10), n);     /* truncation reports need */
	n = tcp_netstat_format(buf, sizeof(buf));
	assert_true(n > 0 && n < (int)sizeof(buf));
	assert_memory_equal(buf, "TcpExt: SyncookiesSent SyncookiesRecv SyncookiesFailed", 54);
	assert_non_null(strstr(buf, " TW TWRecycled TWKilled PAWSActive PAWSEstab DelayedACKs"));
	assert_non_null(strstr(buf, " TCPChallengeACK TCPSYNChallenge"));
	tcp_mib[TCP_MIB_ACTIVEOPENS] = 0;
}

static struct tcp_sock *simultaneous_syn_recv(struct th_peer *p, u16 lport, u32 *iss)
{
	struct tcp_sock *tp = tcp_create();
	struct th_seg seg;

	th_peer_init(p, 9100, lport);
	tcp_bind(tp, TH_LOCAL, net_htons(lport));
	tcp_connect(tp, TH_REMOTE, net_htons(9100));
	expect(p, TCPHDR_SYN, &seg);
	*iss = seg.seq;
	th_inject(TH_REMOTE, 9100, TH_LOCAL, lport, 3000, 0, TCPHDR_SYN, 8000, NULL, NULL, 0);
	assert_int_equal(tp->state, TCP_SYN_RECV);
	th_drain();
	p->snd_nxt = 3001;
	p->rcv_nxt = *iss + 1;
	return tp;
}

static void close_in_syn_recv_sends_fin(void **state)
{
	struct th_peer p;
	struct th_seg seg;
	u32 iss;
	struct tcp_sock *tp = simultaneous_syn_recv(&p, 9200, &iss);

	(void)state;
	tcp_close(tp);
	tp = th_find_state(TCP_FIN_WAIT1);
	assert_non_null(tp);
	expect(&p, TCPHDR_FIN | TCPHDR_ACK, &seg);
	assert_int_equal(seg.seq, iss + 1);
	th_peer_send(&p, TCPHDR_ACK | TCPHDR_FIN, NULL, 0);
	assert_non_null(th_find_state(TCP_TIME_WAIT));
}

static void rst_in_active_syn_recv_refuses(void **state)
{
	struct th_peer p;
	u32 iss;
	struct tcp_sock *tp = simultaneous_syn_recv(&p, 9201, &iss);

	(void)state;
	th_peer_send_at(&p, 3001, TCPHDR_RST, NULL, 0);
	assert_int_equal(tp->state, TCP_CLOSE);
	assert_int_equal(tcp_sock_error(tp), ECONNREFUSED);
	assert_int_equal(tcp_mib[TCP_MIB_ATTEMPTFAILS], 1);
	tcp_close(tp);
}

static void bad_ack_in_syn_recv_gets_rst(void **state)
{
	struct th_peer p;
	struct th_seg seg;
	u32 iss;
	struct tcp_sock *tp = simultaneous_syn_recv(&p, 9202, &iss);

	(void)state;
	th_inject(TH_REMOTE, 9100, TH_LOCAL, 9202, 3001, iss + 50, TCPHDR_ACK, 8000, NULL, NULL, 0);
	expect(&p, TCPHDR_RST, &seg);
	assert_int_equal(seg.seq, iss + 50);
	assert_int_equal(tp->state, TCP_SYN_RECV);
	tcp_abort(tp);
}

static void close_in_syn_sent_is_silent(void **state)
{
	struct tcp_sock *tp = tcp_create();

	(void)state;
	tcp_connect(tp, TH_REMOTE, net_htons(80));
	th_drain();
	tcp_close(tp);
	assert_int_equal(th_pending(), 0);
	assert_int_equal(th_count_socks(), 0);
	assert_int_equal(tcp_mib[TCP_MIB_ATTEMPTFAILS], 1);
}

static void abort_sends_rst_and_frees(void **state)
{
	struct th_peer p;
	struct th_seg seg;
	struct tcp_sock *tp;

	(void)state;
	th_peer_init(&p, 80, 9203);
	tp = th_active_open(&p, 100, NULL);
	tcp_abort(tp);
	expect(&p, TCPHDR_RST | TCPHDR_ACK, &seg);
	assert_int_equal(seg.seq, p.rcv_nxt);
	assert_int_equal(th_count_socks(), 0);
	assert_int_equal(tcp_mib[TCP_MIB_ESTABRESETS], 1);
	assert_int_equal(tcp_mib[TCP_MIB_CURRESTAB], 0);
}

static void data_after_close_resets(void **state)
{
	struct th_peer p;
	struct th_seg seg;
	struct tcp_sock *tp;

	(void)state;
	th_peer_init(&p, 80, 9204);
	tp = th_active_open(&p, 100, NULL);
	tcp_close(tp);
	expect(&p, TCPHDR_FIN | TCPHDR_ACK, &seg);
	th_peer_send(&p, TCPHDR_ACK, "more data", 9);     /* nobody can read it */
	expect(&p, TCPHDR_RST | TCPHDR_ACK, &seg);
	assert_int_equal(th_count_socks(), 0);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPABORTONDATA], 1);
}

static void tcp_info_reports_connection(void **state)
{
	struct th_peer p;
	struct th_opts o = { .mss = 1460, .wscale = 3, .sack_perm = true, .ts = true };
	struct tcp_info info;
	struct tcp_sock *tp;

	(void)state;
	th_peer_init(&p, 80, 9205);
	tp = th_active_open(&p, 100, &o);
	tcp_send(tp, "abc", 3, 0);
	tcp_get_info(tp, &info);
	assert_int_equal(info.tcpi_state, TCP_ESTABLISHED);
	assert_int_equal(info.tcpi_options, TCPI_OPT_TIMESTAMPS | TCPI_OPT_SACK | TCPI_OPT_WSCALE);
	assert_int_equal(TCPI_SND_WSCALE(info.tcpi_wscale), 3);
	assert_int_equal(info.tcpi_snd_mss, 1448);
	assert_int_equal(info.tcpi_unacked, 1);
	assert_int_equal(info.tcpi_snd_cwnd, 10);
	assert_int_equal(info.tcpi_pmtu, 1500);
	assert_int_equal(info.tcpi_rto, 201000);
	assert_int_equal(info.tcpi_snd_ssthresh, 0x7fffffff);
	assert_string_equal(tcp_state_name(info.tcpi_state), "ESTABLISHED");
	tcp_abort(tp);
}

static void proc_net_tcp_lines(void **state)
{
	struct tcp_sock *lp = th_listen(8088, 7);
	struct th_peer p;
	struct tcp_sock *tp;
	char line[256];
	int n;

	(void)state;
	n = tcp_proc_header(line, sizeof(line));
	assert_int_equal(n, 150);
	assert_int_equal(strlen(line), 150);
	assert_memory_equal(line, "  sl  local_address rem_address   st tx_queue rx_queue tr "
			    "tm->when retrnsmt   uid  timeout inode", 96);
	tcp_proc_format(lp, 0, 0, 1234, line, sizeof(line));
	assert_memory_equal(line, "   0: 0100007F:1F98 00000000:0000 0A 00000000:00000000 "
			    "00:00000000 00000000     0        0 1234 1 0000000000000000 100 4 0 10 0",
			    126);
	th_peer_init(&p, 80, 40100);
	tp = th_active_open(&p, 100, NULL);
	tcp_send(tp, "abcd", 4, 0);
	n = tcp_proc_format(tp, 1, 1000, 99, line, sizeof(line));
	assert_int_equal(n, 150);
	assert_memory_equal(line, "   1: 0100007F:9CA4 0200007F:0050 01 00000004:00000000 01:00000014 "
			    "00000000  1000        0 99 1 0000000000000000 20 4 0 10 -1", 125);
	tcp_abort(tp);
	tcp_close(lp);
}

static void explicit_bind_survives_reset(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp, *other = tcp_create();

	(void)state;
	th_peer_init(&p, 80, 9300);
	tp = th_active_open(&p, 100, NULL);
	th_peer_send_at(&p, p.snd_nxt, TCPHDR_RST, NULL, 0);
	assert_int_equal(tp->state, TCP_CLOSE);
	assert_int_equal(tcp_bind(other, TH_LOCAL, net_htons(9300)), -EADDRINUSE);
	assert_int_equal(tcp_bind(tp, TH_LOCAL, net_htons(9301)), -EINVAL);
	tcp_close(tp);
	assert_int_equal(tcp_bind(other, TH_LOCAL, net_htons(9300)), 0);
	tcp_close(other);
}

static void keepalive_in_owned_fin_wait2(void **state)
{
	struct th_peer p;
	struct th_seg seg;
	struct tcp_sock *tp;

	(void)state;
	th_peer_init(&p, 80, 9302);
	tp = th_active_open(&p, 100, NULL);
	tcp_setsockopt(tp, TCP_KEEPIDLE, 100);
	tcp_set_keepalive(tp, true);
	tcp_shutdown(tp, SHUT_WR);
	expect(&p, TCPHDR_FIN | TCPHDR_ACK, &seg);
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_int_equal(tp->state, TCP_FIN_WAIT2);
	fake_clock_advance(100 * NSEC_PER_SEC);
	assert_int_equal(tp->state, TCP_FIN_WAIT2);     /* owned: no fin timeout */
	expect(&p, TCPHDR_ACK, &seg);                   /* a keepalive probe */
	assert_int_equal(seg.seq, tp->snd_nxt - 1);
	tcp_abort(tp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(active_open_sends_syn_with_options, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(passive_open_through_listener, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(data_flows_both_ways, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(active_close_fin_wait_time_wait, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(passive_close_close_wait_last_ack, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(simultaneous_close_goes_through_closing, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(fin_ack_together_skips_fin_wait2, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(orphaned_fin_wait2_times_out, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(simultaneous_open, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(syn_sent_rules, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(closed_port_answers_rst, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(bad_checksum_and_short_header_counted, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(rst_in_each_state, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(syn_on_established_is_challenged, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(close_with_unread_data_resets, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(listener_close_resets_unaccepted, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(errors_of_api_calls, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(ephemeral_ports_and_getname, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(snmp_lines_look_like_linux, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(proc_net_tcp_lines, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(explicit_bind_survives_reset, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(keepalive_in_owned_fin_wait2, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(close_in_syn_recv_sends_fin, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(rst_in_active_syn_recv_refuses, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(bad_ack_in_syn_recv_gets_rst, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(close_in_syn_sent_is_silent, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(abort_sends_rst_and_frees, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(data_after_close_resets, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(tcp_info_reports_connection, th_fixture_setup, th_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
