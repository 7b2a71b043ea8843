/* TCP data transfer: window checks, duplicates, overlaps, reassembly,
 * zero window and persist, window scaling, PAWS, Nagle, delayed ACK. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tcp_harness.h"

static struct tcp_sock *open_conn(struct th_peer *p, u16 lport, const struct th_opts *o)
{
	struct tcp_sock *tp;

	th_peer_init(p, 80, lport);
	tp = th_active_open(p, 1000, o);
	assert_non_null(tp);
	return tp;
}

static long read_all(struct tcp_sock *tp, char *buf, size_t len)
{
	long n = tcp_recv(tp, buf, len, 0);

	return n;
}

static void out_of_window_segments_are_acked_and_dropped(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 42000, NULL);
	struct th_seg seg;
	u32 wnd = tp->rcv_wnd;

	(void)state;
	/* Entirely beyond the right edge. */
	th_peer_send_at(&p, p.snd_nxt + wnd + 10, TCPHDR_ACK, "far", 3);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.flags, TCPHDR_ACK);
	assert_int_equal(seg.ack, p.snd_nxt);
	assert_int_equal(tcp_inq(tp), 0);
	assert_null(tp->ooo_first);
	/* Entirely old. */
	th_peer_send_at(&p, p.snd_nxt - 100, TCPHDR_ACK, "old", 3);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.ack, p.snd_nxt);
	assert_int_equal(tcp_inq(tp), 0);
	tcp_abort(tp);
}

static void ack_at_right_edge_accepted_and_oow_acks_rate_limited(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 42020, NULL);
	u32 edge = tp->rcv_wup + tp->rcv_wnd;
	struct th_seg seg;

	(void)state;
	/* A pure ACK whose seq is exactly the right edge: accepted, no reply
	 * (two stacks that filled each other's window must not ACK-war). */
	th_peer_send_at(&p, edge, TCPHDR_ACK, NULL, 0);
	assert_int_equal(th_pending(), 0);
	/* Pure ACKs beyond the window: one answer per 500 ms. */
	th_peer_send_at(&p, edge + 100, TCPHDR_ACK, NULL, 0);
	assert_true(th_pop(&seg));
	th_peer_send_at(&p, edge + 100, TCPHDR_ACK, NULL, 0);
	assert_int_equal(th_pending(), 0);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPACKSKIPPEDSEQ], 1);
	fake_clock_advance(500 * NSEC_PER_MSEC);
	th_peer_send_at(&p, edge + 100, TCPHDR_ACK, NULL, 0);
	assert_true(th_pop(&seg));
	tcp_abort(tp);
}

static void tiny_segments_are_coalesced(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 42021, NULL);
	static char buf[3000];
	int i;

	(void)state;
	for (i = 0; i < 3000; i++) {
		char c = (char)('a' + i % 26);

		th_peer_send(&p, TCPHDR_ACK, &c, 1);
		th_drain();
	}
	assert_int_equal(tcp_inq(tp), 3000);
	assert_true(tp->sk.receive_queue.count <= 2);
	assert_int_equal(tcp_recv(tp, buf, sizeof(buf), 0), 3000);
	for (i = 0; i < 3000; i++)
		assert_int_equal(buf[i], 'a' + i % 26);
	tcp_abort(tp);
}

static void duplicate_and_overlapping_segments(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 42001, NULL);
	char buf[64];
	u32 base = p.snd_nxt;
	struct th_seg seg;

	(void)state;
	th_peer_send(&p, TCPHDR_ACK, "abcdef", 6);
	/* A duplicate of the same data: acked again, not delivered twice. */
	th_peer_send_at(&p, base, TCPHDR_ACK, "abcdef", 6);
	assert_int_equal(tcp_inq(tp), 6);
	/* Overlap: 4 old bytes and 4 new ones. */
	th_peer_send_at(&p, base + 2, TCPHDR_ACK, "cdefGHIJ", 8);
	p.snd_nxt = base + 10;
	assert_int_equal(tcp_inq(tp), 10);
	assert_int_equal(read_all(tp, buf, sizeof(buf)), 10);
	assert_memory_equal(buf, "abcdefGHIJ", 10);
	while (th_pop(&seg))
		assert_true(!tcp_after(seg.ack, base + 10));
	assert_int_equal(tp->rcv_nxt, base + 10);
	tcp_abort(tp);
}

static void out_of_order_arrival_fills_holes(void **state)
{
	struct th_peer p;
	struct th_opts o = { .mss = 1460, .wscale = -1, .sack_perm = true };
	struct tcp_sock *tp = open_conn(&p, 42002, &o);
	u32 base = p.snd_nxt;
	struct th_seg seg;
	char buf[64];

	(void)state;
	assert_true(tp->sack_ok);
	/* Arrival order: [10,15) [20,25) [5,10) [15,20) then [0,5). */
	th_peer_send_at(&p, base + 10, TCPHDR_ACK, "KLMNO", 5);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.ack, base);                /* immediate dup ACK */
	assert_int_equal(seg.opt.num_sacks, 1);
	assert_int_equal(seg.opt.sacks[0].start, base + 10);
	assert_int_equal(seg.opt.sacks[0].end, base + 15);
	th_peer_send_at(&p, base + 20, TCPHDR_ACK, "UVWXY", 5);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.opt.num_sacks, 2);
	assert_int_equal(seg.opt.sacks[0].start, base + 20);  /* most recent first */
	assert_int_equal(seg.opt.sacks[1].start, base + 10);
	th_peer_send_at(&p, base + 5, TCPHDR_ACK, "FGHIJ", 5);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.opt.sacks[0].start, base + 5);
	assert_int_equal(seg.opt.sacks[0].end, base + 15);    /* merged block */
	th_peer_send_at(&p, base + 15, TCPHDR_ACK, "PQRST", 5);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.opt.num_sacks, 1);
	assert_int_equal(seg.opt.sacks[0].start, base + 5);
	assert_int_equal(seg.opt.sacks[0].end, base + 25);
	assert_int_equal(tcp_inq(tp), 0);
	th_peer_send_at(&p, base, TCPHDR_ACK, "ABCDE", 5);
	assert_true(th_pop(&seg));                      /* hole filled: ACK at once */
	assert_int_equal(seg.ack, base + 25);
	assert_int_equal(seg.opt.num_sacks, 0);
	assert_int_equal(tcp_inq(tp), 25);
	assert_int_equal(read_all(tp, buf, sizeof(buf)), 25);
	assert_memory_equal(buf, "ABCDEFGHIJKLMNOPQRSTUVWXY", 25);
	assert_int_equal(tp->ooo_bytes, 0);
	tcp_abort(tp);
}

static void overlapping_out_of_order_segments_trimmed(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 42003, NULL);
	u32 base = p.snd_nxt;
	char buf[64];

	(void)state;
	th_peer_send_at(&p, base + 4, TCPHDR_ACK, "efgh", 4);
	th_peer_send_at(&p, base + 6, TCPHDR_ACK, "ghijkl", 6);  /* overlaps tail */
	th_peer_send_at(&p, base + 2, TCPHDR_ACK, "cdefghijklmn", 12); /* covers both */
	th_peer_send_at(&p, base + 8, TCPHDR_ACK, "ij", 2);    /* wholly duplicate */
	assert_int_equal(tp->ooo_bytes, 12);
	th_peer_send_at(&p, base, TCPHDR_ACK, "abc", 3);
	assert_int_equal(tcp_inq(tp), 14);
	assert_int_equal(read_all(tp, buf, sizeof(buf)), 14);
	assert_memory_equal(buf, "abcdefghijklmn", 14);
	tcp_abort(tp);
}

static void fin_out_of_order_waits_for_data(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 42004, NULL);
	u32 base = p.snd_nxt;
	char buf[8];

	(void)state;
	th_peer_send_at(&p, base + 3, TCPHDR_ACK | TCPHDR_FIN, "def", 3);
	assert_int_equal(tp->state, TCP_ESTABLISHED);
	th_peer_send_at(&p, base, TCPHDR_ACK, "abc", 3);
	assert_int_equal(tp->state, TCP_CLOSE_WAIT);
	assert_int_equal(read_all(tp, buf, sizeof(buf)), 6);
	assert_int_equal(read_all(tp, buf, sizeof(buf)), 0);
	tcp_abort(tp);
}

/* Zero window: the receiver side advertises 0 and drops data beyond it;
 * the sender side probes with backoff and resumes when the window opens. */
static void receiver_advertises_zero_window(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp;
	struct th_seg seg;
	static char chunk[1000], buf[8192];
	u32 i;

	(void)state;
	th_peer_init(&p, 80, 42005);
	{
		struct tcp_sock *probe = tcp_create();

		tcp_abort(probe);
	}
	tp = tcp_create();
	tp->sk.rcvbuf = 4000;
	tp->sk.userlocks |= SOCK_RCVBUF_LOCK;	/* as SO_RCVBUF sets it */
	tcp_bind(tp, TH_LOCAL, net_htons(42005));
	tcp_connect(tp, TH_REMOTE, net_htons(80));
	assert_true(th_peer_recv(&p, &seg));
	assert_int_equal(seg.win, 4000);
	th_inject(TH_REMOTE, 80, TH_LOCAL, 42005, 1000, seg.seq + 1, TCPHDR_SYN | TCPHDR_ACK,
		  65535, NULL, NULL, 0);
	p.snd_nxt = 1001;
	th_drain();
	memset(chunk, 'z', sizeof(chunk));
	for (i = 0; i < 4; i++)
		th_peer_send(&p, TCPHDR_ACK, chunk, 1000);
	while (th_pop(&seg))
		;
	assert_int_equal(seg.win, 0);
	assert_int_equal(tcp_inq(tp), 4000);
	/* More data at RCV.NXT into a zero window: ACK taken, data dropped. */
	th_peer_send_at(&p, p.snd_nxt, TCPHDR_ACK, "x", 1);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.win, 0);
	assert_int_equal(seg.ack, p.snd_nxt);
	assert_int_equal(tcp_inq(tp), 4000);
	/* Reading opens the window and announces it. */
	assert_int_equal(read_all(tp, buf, sizeof(buf)), 4000);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.win, 4000);
	assert_true(tcp_ext_mib[LINUX_MIB_TCPTOZEROWINDOWADV] >= 1);
	assert_true(tcp_ext_mib[LINUX_MIB_TCPFROMZEROWINDOWADV] >= 1);
	tcp_abort(tp);
}

static void sender_persists_against_zero_window(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 42006, NULL);
	struct th_seg seg;
	u64 t0;
	int i;

	(void)state;
	/* The peer closes its window. */
	p.win = 0;
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_int_equal(tp->snd_wnd, 0);
	assert_int_equal(tcp_send(tp, "hello", 5, 0), 5);
	assert_int_equal(th_pending(), 0);                   /* nothing may go */
	assert_true(net_timer_pending(&tp->rtx_timer));
	assert_int_equal(tp->rtx_mode, TCP_TMODE_PROBE);
	/* Probes at RTO (201 ms, like Linux on a ~0 RTT path), then twice,
	 * four times that. */
	assert_int_equal(tp->rto_ms, 201);
	t0 = net_now_ns();
	for (i = 0; i < 3; i++) {
		u64 gap = (u64)201 << i;

		fake_clock_advance(gap * NSEC_PER_MSEC - 1);
		assert_int_equal(th_pending(), 0);
		fake_clock_advance(1);
		assert_true(th_pop(&seg));
		assert_int_equal(seg.len, 0);
		assert_int_equal(seg.seq, tp->snd_una - 1);   /* an old seq: must be acked */
		/* The peer answers, window still closed. */
		th_peer_send(&p, TCPHDR_ACK, NULL, 0);
		assert_int_equal(th_pending(), 0);
	}
	assert_true(net_now_ns() - t0 == 7 * 201 * NSEC_PER_MSEC);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPWINPROBE], 3);
	assert_int_equal(tp->state, TCP_ESTABLISHED);
	/* The window opens: the data goes at once. */
	p.win = 1000;
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_true(th_peer_recv(&p, &seg));
	assert_int_equal(seg.len, 5);
	assert_memory_equal(seg.data, "hello", 5);
	assert_int_equal(tp->rtx_mode, TCP_TMODE_RTO);
	tcp_abort(tp);
}

static void window_scaling_applies_after_syn(void **state)
{
	struct th_peer p;
	struct th_opts o = { .mss = 1460, .wscale = 3 };
	struct tcp_sock *tp;
	struct th_seg seg;

	(void)state;
	th_peer_init(&p, 80, 42007);
	tp = tcp_create();
	tp->sk.rcvbuf = 1 << 20;
	tp->sk.userlocks |= SOCK_RCVBUF_LOCK;	/* a fixed size: no auto-tuning room */
	tcp_bind(tp, TH_LOCAL, net_htons(42007));
	tcp_connect(tp, TH_REMOTE, net_htons(80));
	assert_true(th_peer_recv(&p, &seg));
	assert_int_equal(seg.opt.wscale, 5);             /* 65535 << 5 >= 1 MiB */
	assert_int_equal(seg.win, 65535);               /* SYN windows are unscaled */
	th_inject(TH_REMOTE, 80, TH_LOCAL, 42007, 1000, seg.seq + 1, TCPHDR_SYN | TCPHDR_ACK,
		  1000, &o, NULL, 0);
	p.snd_nxt = 1001;
	assert_int_equal(tp->snd_wnd, 1000);            /* the SYN,ACK's window is not scaled */
	assert_true(th_pop(&seg));
	assert_int_equal(seg.win, (1 << 20) >> 5);
	p.win = 1000;
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_int_equal(tp->snd_wnd, 8000);
	tcp_abort(tp);
}

static void no_window_scaling_unless_both_offer(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 42008, NULL);   /* peer offers no wscale */

	(void)state;
	assert_false(tp->wscale_ok);
	assert_int_equal(tp->rcv_wscale, 0);
	assert_int_equal(tp->snd_wscale, 0);
	assert_true(tp->rcv_wnd <= 65535);
	tcp_abort(tp);
}

static void paws_drops_old_timestamps(void **state)
{
	struct th_peer p;
	struct th_opts o = { .mss = 1460, .wscale = -1, .ts = true };
	struct tcp_sock *tp = open_conn(&p, 42009, &o);
	struct th_seg seg;
	u32 base = p.snd_nxt;

	(void)state;
	assert_true(tp->tstamp_ok);
	p.tsval = 6000;
	th_peer_send(&p, TCPHDR_ACK, "new", 3);
	assert_int_equal(tcp_inq(tp), 3);
	assert_int_equal(tp->ts_recent, 6000);
	th_drain();
	/* An old duplicate from a previous wrap: older TSval, seq in window. */
	p.tsval = 5500;
	th_peer_send_at(&p, base + 3, TCPHDR_ACK, "OLD", 3);
	assert_int_equal(tcp_inq(tp), 3);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_PAWSESTABREJECTED], 1);
	assert_true(th_pop(&seg));                        /* answered with an ACK */
	assert_int_equal(seg.ack, base + 3);
	assert_int_equal(seg.opt.tsecr, 6000);
	/* RST is exempt from PAWS. */
	th_peer_send_at(&p, base + 3, TCPHDR_RST, NULL, 0);
	assert_int_equal(tp->state, TCP_CLOSE);
	tcp_close(tp);
}

static void paws_forgets_after_24_days(void **state)
{
	struct th_peer p;
	struct th_opts o = { .mss = 1460, .wscale = -1, .ts = true };
	struct tcp_sock *tp = open_conn(&p, 42010, &o);

	(void)state;
	p.tsval = 6000;
	th_peer_send(&p, TCPHDR_ACK, "a", 1);
	fake_clock_set(net_now_ns() + 25ull * 24 * 3600 * NSEC_PER_SEC);
	p.tsval = 10;                                      /* the peer rebooted */
	th_peer_send(&p, TCPHDR_ACK, "b", 1);
	assert_int_equal(tcp_inq(tp), 2);
	tcp_abort(tp);
}

static void nagle_holds_small_segments(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 42011, NULL);
	struct th_seg seg;
	int v;

	(void)state;
	assert_int_equal(tcp_send(tp, "a", 1, 0), 1);
	assert_true(th_peer_recv(&p, &seg));
	assert_int_equal(seg.len, 1);
	assert_int_equal(tcp_send(tp, "b", 1, 0), 1);
	assert_int_equal(tcp_send(tp, "c", 1, 0), 1);
	assert_int_equal(th_pending(), 0);               /* held: "a" unacked */
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_true(th_peer_recv(&p, &seg));
	assert_int_equal(seg.len, 2);                     /* coalesced */
	assert_memory_equal(seg.data, "bc", 2);
	/* TCP_NODELAY sends at once. */
	assert_int_equal(tcp_setsockopt(tp, TCP_NODELAY, 1), 0);
	assert_int_equal(tcp_getsockopt(tp, TCP_NODELAY, &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(tcp_send(tp, "d", 1, 0), 1);
	assert_int_equal(th_pending(), 1);
	th_drain();
	/* A full-sized segment is never held. */
	assert_int_equal(tcp_setsockopt(tp, TCP_NODELAY, 0), 0);
	{
		static char big[3000];

		assert_int_equal(tcp_send(tp, big, tp->mss_cache, 0), tp->mss_cache);
		assert_int_equal(th_pending(), 1);
	}
	tcp_abort(tp);
}

static void delayed_ack_timing(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 42012, NULL);
	struct th_seg seg;
	static char full[1460];

	(void)state;
	/* The first data puts the receiver in quick-ACK mode (Linux): 16
	 * segments (at most half the window in rcv_mss-sized pieces) are
	 * acked at once. */
	for (int i = 0; i < TCP_MAX_QUICKACKS; i++) {
		th_peer_send(&p, TCPHDR_ACK, "q", 1);
		assert_true(th_pop(&seg));
		assert_int_equal(seg.ack, p.snd_nxt);
	}
	assert_int_equal(tp->quick, 0);
	th_peer_send(&p, TCPHDR_ACK, "one", 3);
	assert_int_equal(th_pending(), 0);                /* delayed */
	fake_clock_advance(39 * NSEC_PER_MSEC);
	assert_int_equal(th_pending(), 0);
	fake_clock_advance(1 * NSEC_PER_MSEC);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.ack, p.snd_nxt);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_DELAYEDACKS], 1);
	/* Every second segment is acked at once (RFC 5681 §4.2). */
	th_peer_send(&p, TCPHDR_ACK, full, sizeof(full));
	assert_int_equal(th_pending(), 0);
	th_peer_send(&p, TCPHDR_ACK, full, sizeof(full));
	assert_true(th_pop(&seg));
	assert_int_equal(seg.ack, p.snd_nxt);
	/* An ACK riding on data cancels the delayed one. */
	th_peer_send(&p, TCPHDR_ACK, "x", 1);
	tcp_setsockopt(tp, TCP_NODELAY, 1);
	tcp_send(tp, "y", 1, 0);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.ack, p.snd_nxt);
	fake_clock_advance(500 * NSEC_PER_MSEC);
	while (th_pop(&seg))
		assert_int_not_equal(seg.len, 0);            /* only RTO retransmits */
	tcp_abort(tp);
}

static void send_buffer_limits_and_write_space(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp;
	struct th_events ev;
	static char big[70000];
	struct th_seg seg;
	long n;

	(void)state;
	th_peer_init(&p, 80, 42013);
	tp = th_active_open(&p, 1000, NULL);
	tp->sk.sndbuf = 10000;
	th_watch(tp, &ev);
	n = tcp_send(tp, big, sizeof(big), 0);
	assert_int_equal(n, 10000);
	assert_int_equal(tcp_send(tp, big, 1, 0), -EAGAIN);
	assert_false(tcp_poll(tp) & EPOLLOUT);
	assert_int_equal(tcp_outq(tp), 10000);
	while (th_peer_recv(&p, &seg))
		;
	/* 1000 bytes acked: 1000 free for 9000 queued is not "writeable". */
	{
		u32 all = p.rcv_nxt;

		p.rcv_nxt = tp->snd_una + 1000;
		th_peer_send(&p, TCPHDR_ACK, NULL, 0);
		assert_int_equal(ev.write_space, 0);
		assert_false(tcp_poll(tp) & EPOLLOUT);
		p.rcv_nxt = all;
	}
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_true(ev.write_space >= 1);
	assert_true(tcp_poll(tp) & EPOLLOUT);
	tcp_abort(tp);
}

static void sockopts_roundtrip(void **state)
{
	struct tcp_sock *tp = tcp_create();
	int v;

	(void)state;
	assert_int_equal(tcp_getsockopt(tp, TCP_KEEPIDLE, &v), 0);
	assert_int_equal(v, 7200);
	assert_int_equal(tcp_getsockopt(tp, TCP_KEEPINTVL, &v), 0);
	assert_int_equal(v, 75);
	assert_int_equal(tcp_getsockopt(tp, TCP_KEEPCNT, &v), 0);
	assert_int_equal(v, 9);
	assert_int_equal(tcp_getsockopt(tp, TCP_MAXSEG, &v), 0);
	assert_int_equal(v, 536);
	assert_int_equal(tcp_setsockopt(tp, TCP_KEEPIDLE, 0), -EINVAL);
	assert_int_equal(tcp_setsockopt(tp, TCP_KEEPCNT, 200), -EINVAL);
	assert_int_equal(tcp_setsockopt(tp, TCP_MAXSEG, 10), -EINVAL);
	assert_int_equal(tcp_setsockopt(tp, TCP_MAXSEG, 1000), 0);
	assert_int_equal(tcp_setsockopt(tp, 9999, 1), -ENOPROTOOPT);
	assert_int_equal(tcp_getsockopt(tp, 9999, &v), -ENOPROTOOPT);
	assert_int_equal(tcp_set_congestion(tp, "reno"), 0);
	assert_string_equal(tp->cong->name, "reno");
	assert_int_equal(tcp_set_congestion(tp, "nope"), -ENOENT);
	tcp_close(tp);
}

static void maxseg_and_route_mtu_bound_mss(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = tcp_create();
	struct th_seg seg;
	struct th_opts o = { .mss = 1460, .wscale = -1 };

	(void)state;
	th_set_mtu(1280);
	th_peer_init(&p, 80, 42014);
	tcp_bind(tp, TH_LOCAL, net_htons(42014));
	tcp_connect(tp, TH_REMOTE, net_htons(80));
	assert_true(th_peer_recv(&p, &seg));
	assert_int_equal(seg.opt.mss, 1240);           /* route MTU - 40 */
	th_inject(TH_REMOTE, 80, TH_LOCAL, 42014, 1, seg.seq + 1, TCPHDR_SYN | TCPHDR_ACK,
		  65535, &o, NULL, 0);
	assert_int_equal(tp->mss_cache, 1240);
	tcp_abort(tp);
}

static void duplicates_reported_with_dsack(void **state)
{
	struct th_opts o = { .mss = 1460, .wscale = -1, .sack_perm = true };
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 42030, &o);
	u32 base = p.snd_nxt;
	struct th_seg seg;

	(void)state;
	th_peer_send(&p, TCPHDR_ACK, "abcdef", 6);
	th_drain();
	/* RFC 2883 §4.1.1: a duplicate below the ACK point. */
	th_peer_send_at(&p, base, TCPHDR_ACK, "abcdef", 6);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.ack, base + 6);
	assert_int_equal(seg.opt.num_sacks, 1);
	assert_int_equal(seg.opt.sacks[0].start, base);
	assert_int_equal(seg.opt.sacks[0].end, base + 6);
	/* §4.1.2: a duplicate of out-of-order data, D-SACK first. */
	th_peer_send_at(&p, base + 10, TCPHDR_ACK, "klm", 3);
	th_drain();
	th_peer_send_at(&p, base + 10, TCPHDR_ACK, "klm", 3);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.opt.num_sacks, 2);
	assert_int_equal(seg.opt.sacks[0].start, base + 10);
	assert_int_equal(seg.opt.sacks[0].end, base + 13);
	assert_int_equal(seg.opt.sacks[1].start, base + 10);
	/* Only once. */
	th_peer_send_at(&p, base + 20, TCPHDR_ACK, "u", 1);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.opt.num_sacks, 2);
	assert_int_equal(seg.opt.sacks[0].start, base + 20);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPDSACKOLDSENT], 1);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPDSACKOFOSENT], 1);
	tcp_abort(tp);
}

static void msg_more_and_cork_hold_partial_segments(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 42040, NULL);
	struct th_seg seg;

	(void)state;
	tcp_setsockopt(tp, TCP_NODELAY, 1);
	assert_int_equal(tcp_send(tp, "abc", 3, MSG_MORE), 3);
	fake_clock_advance(100 * NSEC_PER_MSEC);
	assert_int_equal(th_pending(), 0);
	assert_int_equal(tcp_send(tp, "def", 3, 0), 3);
	assert_true(th_peer_recv(&p, &seg));
	assert_int_equal(seg.len, 6);
	assert_memory_equal(seg.data, "abcdef", 6);
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	/* TCP_CORK: held until uncorked ... */
	tcp_setsockopt(tp, TCP_CORK, 1);
	tcp_send(tp, "gh", 2, 0);
	fake_clock_advance(100 * NSEC_PER_MSEC);
	assert_int_equal(th_pending(), 0);
	tcp_setsockopt(tp, TCP_CORK, 0);
	assert_true(th_peer_recv(&p, &seg));
	assert_int_equal(seg.len, 2);
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	/* ... or for one RTO at most (tcp(7)'s 200 ms ceiling; Linux's
	 * persist timer sends what is held), and MSG_MORE the same. */
	tcp_setsockopt(tp, TCP_CORK, 1);
	tcp_send(tp, "ij", 2, 0);
	fake_clock_advance((u64)tp->rto_ms * NSEC_PER_MSEC - 1);
	assert_int_equal(th_pending(), 0);
	fake_clock_advance(1);
	assert_true(th_peer_recv(&p, &seg));
	assert_int_equal(seg.len, 2);
	assert_memory_equal(seg.data, "ij", 2);
	assert_int_equal(tp->rtx_mode, TCP_TMODE_RTO);
	assert_int_equal(tp->probes_out, 0);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPWINPROBE], 0);
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	tcp_setsockopt(tp, TCP_CORK, 0);
	assert_int_equal(tcp_send(tp, "kl", 2, MSG_MORE), 2);
	fake_clock_advance((u64)tp->rto_ms * NSEC_PER_MSEC);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.len, 2);
	tcp_abort(tp);
}

static void urgent_data_sets_urg_pointer(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 42041, NULL);
	struct th_seg seg;
	char b[4];

	(void)state;
	assert_int_equal(tcp_recv(tp, b, sizeof(b), MSG_OOB), -EINVAL);
	assert_int_equal(tcp_send(tp, "xyz!", 4, MSG_OOB), 4);
	assert_true(th_peer_recv(&p, &seg));
	assert_true(seg.flags & TCPHDR_URG);
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_false(tp->urg_mode);
	tcp_send(tp, "n", 1, 0);
	assert_true(th_pop(&seg));
	assert_false(seg.flags & TCPHDR_URG);
	tcp_abort(tp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(out_of_window_segments_are_acked_and_dropped, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(ack_at_right_edge_accepted_and_oow_acks_rate_limited, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(tiny_segments_are_coalesced, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(duplicates_reported_with_dsack, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(msg_more_and_cork_hold_partial_segments, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(urgent_data_sets_urg_pointer, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(duplicate_and_overlapping_segments, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(out_of_order_arrival_fills_holes, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(overlapping_out_of_order_segments_trimmed, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(fin_out_of_order_waits_for_data, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(receiver_advertises_zero_window, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(sender_persists_against_zero_window, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(window_scaling_applies_after_syn, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(no_window_scaling_unless_both_offer, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(paws_drops_old_timestamps, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(paws_forgets_after_24_days, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(nagle_holds_small_segments, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(delayed_ack_timing, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(send_buffer_limits_and_write_space, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(sockopts_roundtrip, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(maxseg_and_route_mtu_bound_mss, th_fixture_setup, th_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
