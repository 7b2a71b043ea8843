/* TCP loss recovery (net/ipv4/tcp_recovery.c): RACK's reordering window
 * (RFC 8985 §6), the tail loss probe (§7), PRR's sending rate (RFC
 * 6937), undo from D-SACK (RFC 2883 §5) and Eifel timestamps (RFC 3522),
 * on the fake clock against a scripted peer; the RACK and undo cases
 * also with sequence numbers that wrap in the middle of the flight. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tcp_harness.h"

#define MS NSEC_PER_MSEC
#define RTT_MS 50
#define ISN_PLAIN 1000u
#define ISN_WRAP (0u - 3500u)         /* the fourth segment crosses 2^32 */

/* An established connection to a scripted peer (MSS 1000; SACK and
 * timestamps as asked) whose SYN-ACK took RTT_MS: SRTT = min_RTT =
 * 50 ms, RTO = 250 ms.  Our ISN is isn; Nagle is off. */
static struct tcp_sock *open_path(struct th_peer *p, u16 lport, bool sack, bool ts, u32 isn)
{
	struct th_opts o = { .mss = 1000, .wscale = -1, .sack_perm = sack, .ts = ts };
	struct tcp_sock *tp = tcp_create();
	struct th_seg seg;

	assert_non_null(tp);
	th_peer_init(p, 80, lport);
	tcp_force_next_isn(isn);
	assert_true(th_connect_rtt(p, tp, 7000, &o, RTT_MS * MS));
	assert_true(th_peer_recv(p, &seg));         /* the handshake's ACK */
	assert_int_equal(tp->srtt_us, RTT_MS * 1000);
	assert_int_equal(tp->rto_ms, 250);
	assert_int_equal(tp->sack_ok, sack);
	tcp_setsockopt(tp, TCP_NODELAY, 1);
	tp->sk.sndbuf = 1 << 20;
	return tp;
}

/* Queue n full segments; returns the first one's sequence number. */
static u32 queue_segs(struct tcp_sock *tp, u32 n)
{
	static char buf[64 * 1024];
	u32 len = n * tp->mss_cache;

	assert_true(len <= sizeof(buf));
	memset(buf, 'r', len);
	assert_int_equal(tcp_send(tp, buf, len, 0), (long)len);
	return tp->snd_una;
}

/* The peer acknowledges up to `ack`, SACKing [start, end) when end != start. */
static void ack_sack(struct th_peer *p, u32 ack, u32 start, u32 end)
{
	p->rcv_nxt = ack;
	p->nsacks = start != end;
	p->sacks[0] = (struct tcp_sack_block){ start, end };
	th_peer_send(p, TCPHDR_ACK, NULL, 0);
}

/* Data segments sent since the last look; the first one's seq in *seq. */
static u32 pop_data(u32 *seq)
{
	struct th_seg seg;
	u32 n = 0;

	while (th_pop(&seg)) {
		if (!seg.len)
			continue;
		if (!n && seq)
			*seq = seg.seq;
		n++;
	}
	return n;
}

/*
 * RFC 8985 §6.2: with one segment SACKed past a hole (fewer than
 * DupThresh, no reordering seen yet), the hole is lost only RACK.rtt +
 * min_RTT/4 after it was sent; the reordering timer, not an ACK, finds it.
 */
static void rack_loss_after_reordering_window(u32 isn)
{
	struct th_peer p;
	struct tcp_sock *tp = open_path(&p, 44000, true, false, isn);
	u32 una, mss = tp->mss_cache, seq = 0;

	una = queue_segs(tp, 10);
	assert_int_equal(pop_data(NULL), 10);
	fake_clock_advance(RTT_MS * MS);
	/* Segment 0 acked, 1 missing, 2 SACKed. */
	ack_sack(&p, una + mss, una + 2 * mss, una + 3 * mss);
	assert_int_equal(tp->ca_state, TCP_CA_Disorder);
	assert_int_equal(tp->lost_out, 0);
	assert_int_equal(tp->rtx_mode, TCP_TMODE_REO);
	/* Sent at t0, RACK.rtt 50 ms, window 12.5 ms: due at t0 + 62.5 ms. */
	fake_clock_advance(12 * MS);
	assert_int_equal(pop_data(NULL), 0);
	assert_int_equal(tp->lost_out, 0);
	fake_clock_advance(1 * MS);
	assert_int_equal(pop_data(&seq), 1);
	assert_int_equal(seq, una + mss);
	assert_int_equal(tp->ca_state, TCP_CA_Recovery);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPSACKRECOVERY], 1);
	/* The repair arrives; recovery ends without any timeout. */
	fake_clock_advance(RTT_MS * MS);
	ack_sack(&p, tp->snd_nxt, 0, 0);
	assert_int_equal(tp->ca_state, TCP_CA_Open);
	assert_int_equal(tp->packets_out, 0);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPTIMEOUTS], 0);
	assert_null(th_check_sock(tp));
	tcp_abort(tp);
}

static void rack_marks_lost_after_window_not_before(void **state)
{
	(void)state;
	rack_loss_after_reordering_window(ISN_PLAIN);
}

static void rack_marks_lost_after_window_across_wrap(void **state)
{
	(void)state;
	rack_loss_after_reordering_window(ISN_WRAP);
}

/*
 * A segment only delayed: three SACKs above it make RACK call it lost
 * (window 0 with DupThresh SACKed and no reordering seen), Fast
 * Recovery cuts cwnd; then the original fills the hole and the
 * retransmission comes back as a D-SACK: all of the episode was
 * spurious, so cwnd and ssthresh return (TCPDSACKUndo) and RACK's
 * reordering window widens (RFC 8985 §6.2 step 4).
 */
static void dsack_undo(u32 isn)
{
	struct th_peer p;
	struct tcp_sock *tp = open_path(&p, 44001, true, false, isn);
	u32 una, mss = tp->mss_cache, seq = 0, cwnd0 = tp->snd_cwnd, ssthresh0 = tp->snd_ssthresh;
	u32 i;

	una = queue_segs(tp, 10);
	assert_int_equal(pop_data(NULL), 10);
	fake_clock_advance(RTT_MS * MS);
	for (i = 1; i <= 3; i++)
		ack_sack(&p, una, una + mss, una + (i + 1) * mss);
	assert_int_equal(tp->ca_state, TCP_CA_Recovery);
	assert_int_equal(tp->snd_ssthresh, 7);            /* CUBIC: 0.7 * 10 */
	assert_true(tp->snd_cwnd < cwnd0);
	assert_int_equal(pop_data(&seq), 1);
	assert_int_equal(seq, una);
	/* The original arrives: everything is acknowledged. */
	fake_clock_advance(1 * MS);
	ack_sack(&p, tp->snd_nxt, 0, 0);
	assert_int_equal(tp->ca_state, TCP_CA_Open);
	assert_true(tp->snd_cwnd < cwnd0);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPFULLUNDO], 0);
	/* Then the retransmission: the peer reports it twice received. */
	fake_clock_advance(RTT_MS * MS);
	ack_sack(&p, tp->snd_nxt, una, una + mss);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPDSACKRECV], 1);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPDSACKRECVSEGS], 1);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPDSACKUNDO], 1);
	assert_int_equal(tp->snd_cwnd, cwnd0);
	assert_int_equal(tp->snd_ssthresh, ssthresh0);
	assert_int_equal(tp->rack.reo_wnd_mult, 2);
	/* A second D-SACK has nothing left to undo. */
	ack_sack(&p, tp->snd_nxt, una, una + mss);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPDSACKUNDO], 1);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPDSACKIGNOREDNOUNDO], 1);
	assert_null(th_check_sock(tp));
	tcp_abort(tp);
}

static void dsack_for_retransmission_undoes_reduction(void **state)
{
	(void)state;
	dsack_undo(ISN_PLAIN);
}

static void dsack_undo_across_wrap(void **state)
{
	(void)state;
	dsack_undo(ISN_WRAP);
}

/* Without the D-SACK the reduction stands. */
static void real_loss_keeps_reduction(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_path(&p, 44002, true, false, ISN_PLAIN);
	u32 una, mss = tp->mss_cache, i;

	(void)state;
	una = queue_segs(tp, 10);
	pop_data(NULL);
	fake_clock_advance(RTT_MS * MS);
	for (i = 1; i <= 3; i++)
		ack_sack(&p, una, una + mss, una + (i + 1) * mss);
	assert_int_equal(tp->ca_state, TCP_CA_Recovery);
	fake_clock_advance(RTT_MS * MS);
	ack_sack(&p, tp->snd_nxt, 0, 0);
	assert_int_equal(tp->ca_state, TCP_CA_Open);
	/* cwnd = ssthresh (RFC 6937 §3), then that ACK's growth. */
	assert_int_equal(tp->snd_ssthresh, 7);
	assert_in_range(tp->snd_cwnd, 7, 8);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPDSACKUNDO], 0);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPFULLUNDO], 0);
	tcp_abort(tp);
}

/*
 * RFC 8985 §7: the last two segments are lost.  2 SRTT after the ACK
 * of the rest (not before), the probe resends the last one; its SACK
 * lets RACK find the other, and all is repaired without an RTO.
 */
static void tlp_recovers_tail_loss_without_rto(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_path(&p, 44003, true, false, ISN_PLAIN);
	u32 una, mss = tp->mss_cache, seq = 0;

	(void)state;
	una = queue_segs(tp, 10);
	pop_data(NULL);
	fake_clock_advance(RTT_MS * MS);
	ack_sack(&p, una + 8 * mss, 0, 0);
	assert_int_equal(tp->rtx_mode, TCP_TMODE_TLP);
	fake_clock_advance(2 * RTT_MS * MS - 1);
	assert_int_equal(pop_data(NULL), 0);
	fake_clock_advance(1);
	assert_int_equal(pop_data(&seq), 1);
	assert_int_equal(seq, una + 9 * mss);              /* the last segment */
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPLOSSPROBES], 1);
	assert_int_equal(tp->rtx_mode, TCP_TMODE_RTO);
	/* The probe is SACKed: segment 8, sent long before it, is lost. */
	fake_clock_advance(RTT_MS * MS);
	ack_sack(&p, una + 8 * mss, una + 9 * mss, una + 10 * mss);
	assert_int_equal(tp->ca_state, TCP_CA_Recovery);
	assert_int_equal(pop_data(&seq), 1);
	assert_int_equal(seq, una + 8 * mss);
	fake_clock_advance(RTT_MS * MS);
	ack_sack(&p, tp->snd_nxt, 0, 0);
	assert_int_equal(tp->ca_state, TCP_CA_Open);
	assert_int_equal(tp->packets_out, 0);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPTIMEOUTS], 0);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPLOSSPROBES], 1);
	tcp_abort(tp);
}

/* With one segment in flight the probe waits for a delayed ACK too
 * (2 SRTT + 200 ms), but never past the RTO; without SACK there is none. */
static void tlp_timing_single_segment_and_no_sack(void **state)
{
	struct th_peer p, q;
	struct tcp_sock *tp = open_path(&p, 44004, true, false, ISN_PLAIN);
	struct tcp_sock *tq;

	(void)state;
	queue_segs(tp, 1);
	pop_data(NULL);
	assert_int_equal(tp->rtx_mode, TCP_TMODE_TLP);
	/* min(100 + 200, RTO 250) ms */
	fake_clock_advance(250 * MS - 1);
	assert_int_equal(pop_data(NULL), 0);
	fake_clock_advance(1);
	assert_int_equal(pop_data(NULL), 1);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPLOSSPROBES], 1);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPTIMEOUTS], 0);
	tcp_abort(tp);
	th_drain();                                         /* its RST */

	tq = open_path(&q, 44005, false, false, ISN_PLAIN);
	queue_segs(tq, 3);
	pop_data(NULL);
	assert_int_equal(tq->rtx_mode, TCP_TMODE_RTO);
	fake_clock_advance(250 * MS);
	assert_int_equal(pop_data(NULL), 1);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPLOSSPROBES], 1);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPTIMEOUTS], 1);
	tcp_abort(tq);
}

/* A probe whose original got through comes back D-SACKed: no loss, no
 * congestion response, and not evidence of reordering. */
static void tlp_dsack_means_no_loss(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_path(&p, 44006, true, false, ISN_PLAIN);
	u32 una, mss = tp->mss_cache, cwnd;

	(void)state;
	una = queue_segs(tp, 4);
	pop_data(NULL);
	fake_clock_advance(RTT_MS * MS);
	ack_sack(&p, una + 2 * mss, 0, 0);
	cwnd = tp->snd_cwnd;
	fake_clock_advance(2 * RTT_MS * MS);
	assert_int_equal(pop_data(NULL), 1);
	assert_true(tp->tlp_on && tp->tlp_retrans);
	/* Both ACKs were only late; the probe is reported twice received. */
	fake_clock_advance(10 * MS);
	ack_sack(&p, una + 4 * mss, una + 3 * mss, una + 4 * mss);
	assert_false(tp->tlp_on);
	assert_int_equal(tp->snd_cwnd, cwnd);
	assert_int_equal(tp->rack.reo_wnd_mult, 0);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPLOSSPROBERECOVERY], 0);
	tcp_abort(tp);
}

/*
 * RFC 3522: the RTO fires, but the ACK that follows echoes the
 * original's timestamp, so the original arrived and the timeout was
 * spurious: cwnd and ssthresh come back (TCPSpuriousRTOs, TCPLossUndo).
 */
static void eifel_undoes_spurious_rto(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_path(&p, 44007, false, true, ISN_PLAIN);
	u32 cwnd0 = tp->snd_cwnd, ssthresh0 = tp->snd_ssthresh;
	struct th_seg seg;

	(void)state;
	queue_segs(tp, 1);
	assert_true(th_peer_recv(&p, &seg));               /* the peer echoes this TSval */
	fake_clock_advance(250 * MS);
	assert_true(th_pop(&seg));                          /* the RTO's retransmission */
	assert_int_equal(tp->ca_state, TCP_CA_Loss);
	assert_int_equal(tp->snd_cwnd, 1);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPTIMEOUTS], 1);
	fake_clock_advance(20 * MS);
	p.rcv_nxt = tp->snd_nxt;
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPSPURIOUSRTOS], 1);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPLOSSUNDO], 1);
	assert_int_equal(tp->ca_state, TCP_CA_Open);
	assert_int_equal(tp->snd_cwnd, cwnd0);
	assert_int_equal(tp->snd_ssthresh, ssthresh0);
	tcp_abort(tp);
}

/* The same ACK echoing the retransmission's timestamp: a real loss. */
static void eifel_keeps_real_rto(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_path(&p, 44008, false, true, ISN_PLAIN);
	struct th_seg seg;

	(void)state;
	queue_segs(tp, 1);
	assert_true(th_peer_recv(&p, &seg));
	fake_clock_advance(250 * MS);
	assert_true(th_peer_recv(&p, &seg));
	fake_clock_advance(20 * MS);
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPSPURIOUSRTOS], 0);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPLOSSUNDO], 0);
	assert_int_equal(tp->ca_state, TCP_CA_Open);
	assert_true(tp->snd_cwnd < 10);
	tcp_abort(tp);
}

/*
 * RFC 6937 §3: 20 segments in flight, Reno's ssthresh 10, the first
 * lost, every other one SACKed an ACK at a time.  While the pipe is
 * above ssthresh PRR sends ssthresh/RecoverFS = 1/2 a segment per
 * delivered one: the retransmission on the third SACK, then one segment
 * on every second ACK, never a burst; from ssthresh on, one for one.
 */
static void prr_sends_in_proportion(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_path(&p, 44009, true, false, ISN_PLAIN);
	u32 una, mss = tp->mss_cache, i, seq = 0, total = 0;

	(void)state;
	assert_int_equal(tcp_set_congestion(tp, "reno"), 0);
	tp->snd_cwnd = 20;
	una = queue_segs(tp, 20);
	assert_int_equal(pop_data(NULL), 20);
	fake_clock_advance(RTT_MS * MS);
	for (i = 1; i <= 2; i++) {
		ack_sack(&p, una, una + mss, una + (i + 1) * mss);
		assert_int_equal(pop_data(NULL), 0);
	}
	ack_sack(&p, una, una + mss, una + 4 * mss);
	assert_int_equal(tp->ca_state, TCP_CA_Recovery);
	assert_int_equal(tp->snd_ssthresh, 10);
	assert_int_equal(pop_data(&seq), 1);
	assert_int_equal(seq, una);                         /* the retransmission first */
	/* More data to send: PRR, not cwnd's old value, decides when. */
	queue_segs(tp, 20);
	assert_int_equal(pop_data(NULL), 0);
	for (i = 4; i <= 14; i++) {
		u32 n;

		ack_sack(&p, una, una + mss, una + (i + 1) * mss);
		n = pop_data(&seq);
		assert_int_equal(n, i % 2);
		if (n)
			assert_int_equal(seq, una + (20 + total) * mss);   /* new data */
		total += n;
		assert_true(tp->snd_cwnd >= 10);
	}
	assert_int_equal(total, 5);
	assert_int_equal(tp->prr_out, 6);
	assert_int_equal(tp->prr_delivered, 12);
	/* The pipe has come down to ssthresh: PRR-SSRB sends one segment
	 * per segment delivered, holding it there. */
	for (; i <= 19; i++) {
		ack_sack(&p, una, una + mss, una + (i + 1) * mss);
		assert_int_equal(pop_data(NULL), i == 15 ? 0 : 1);
		assert_int_equal(tcp_packets_in_flight(tp), 10);
	}
	/* The end of recovery leaves cwnd at ssthresh; the same ACK of 29
	 * segments then grows it by two in congestion avoidance. */
	ack_sack(&p, tp->snd_nxt, 0, 0);
	assert_int_equal(tp->ca_state, TCP_CA_Open);
	assert_int_equal(tp->snd_ssthresh, 10);
	assert_int_equal(tp->snd_cwnd, 12);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPTIMEOUTS], 0);
	tcp_abort(tp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(rack_marks_lost_after_window_not_before, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(rack_marks_lost_after_window_across_wrap, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(dsack_for_retransmission_undoes_reduction, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(dsack_undo_across_wrap, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(real_loss_keeps_reduction, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(tlp_recovers_tail_loss_without_rto, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(tlp_timing_single_segment_and_no_sack, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(tlp_dsack_means_no_loss, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(eifel_undoes_spurious_rto, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(eifel_keeps_real_rto, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(prr_sends_in_proportion, th_fixture_setup, th_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
