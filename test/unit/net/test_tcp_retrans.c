/* TCP retransmission: RTO (RFC 6298) timing and backoff, fast retransmit
 * (RFC 5681), NewReno partial ACKs (RFC 6582), SACK recovery (RFC 6675),
 * keepalive, TIME_WAIT reuse and ICMP-driven path MTU. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tcp_harness.h"

#define MS NSEC_PER_MSEC

/* Open with a measured RTT of rtt_ms (the SYN,ACK arrives that late). */
static struct tcp_sock *open_rtt(struct th_peer *p, u16 lport, u32 rtt_ms,
				 const struct th_opts *o)
{
	struct th_opts def = { .mss = 1000, .wscale = -1 };
	struct tcp_sock *tp = tcp_create();
	struct th_seg seg;

	if (!o)
		o = &def;
	th_peer_init(p, 80, lport);
	tcp_bind(tp, TH_LOCAL, net_htons(lport));
	tcp_connect(tp, TH_REMOTE, net_htons(80));
	assert_true(th_peer_recv(p, &seg));
	fake_clock_advance(rtt_ms * MS);
	p->ts = o->ts;
	th_inject(TH_REMOTE, 80, TH_LOCAL, lport, 5000, seg.seq + 1, TCPHDR_SYN | TCPHDR_ACK,
		  65535, o, NULL, 0);
	p->snd_nxt = 5001;
	assert_true(th_peer_recv(p, &seg));
	assert_int_equal(tp->state, TCP_ESTABLISHED);
	return tp;
}

static void syn_retransmits_with_backoff_then_times_out(void **state)
{
	struct tcp_sock *tp = tcp_create();
	struct th_events ev;
	struct th_seg seg;
	u64 t0;
	int i;

	(void)state;
	th_watch(tp, &ev);
	tcp_connect(tp, TH_REMOTE, net_htons(80));
	assert_true(th_pop(&seg));
	t0 = net_now_ns();
	/* RFC 6298 §2.1: initial RTO 1 s, doubling: 1, 2, 4, 8, 16, 32 s. */
	for (i = 0; i < 6; i++) {
		fake_clock_advance(((u64)1000 << i) * MS - 1);
		assert_int_equal(th_pending(), 0);
		fake_clock_advance(1);
		assert_true(th_pop(&seg));
		assert_int_equal(seg.flags, TCPHDR_SYN);
	}
	assert_int_equal(net_now_ns() - t0, 63000 * MS);
	assert_int_equal(tp->state, TCP_SYN_SENT);
	fake_clock_advance(64000 * MS);             /* Linux gives up at 127 s */
	assert_int_equal(tp->state, TCP_CLOSE);
	assert_int_equal(tcp_sock_error(tp), ETIMEDOUT);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPSYNRETRANS], 6);
	assert_int_equal(tcp_mib[TCP_MIB_ATTEMPTFAILS], 1);
	assert_int_equal(th_pending(), 0);
	tcp_close(tp);
}

static void retransmitted_syn_gives_initial_window_one(void **state)
{
	struct tcp_sock *tp = tcp_create();
	struct th_opts o = { .mss = 1000, .wscale = -1 };
	struct th_seg seg;

	(void)state;
	tcp_connect(tp, TH_REMOTE, net_htons(80));
	fake_clock_advance(1000 * MS);
	th_drain();
	th_inject(TH_REMOTE, 80, TH_LOCAL, net_ntohs(tp->sk.sport), 1, tp->iss + 1,
		  TCPHDR_SYN | TCPHDR_ACK, 65535, &o, NULL, 0);
	assert_true(th_pop(&seg));
	assert_int_equal(tp->state, TCP_ESTABLISHED);
	assert_int_equal(tp->snd_cwnd, 1);           /* RFC 6298 §5.7 / RFC 5681 §3.1 */
	assert_int_equal(tp->srtt_us, 0);           /* Karn: no sample from a resent SYN */
	assert_int_equal(tp->rto_ms, 3000);          /* RFC 6298 §5.7 */
	tcp_abort(tp);
}

static void rto_from_rtt_and_backoff(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_rtt(&p, 43000, 100, NULL);
	struct th_seg seg;
	struct tcp_info info;
	u32 cwnd_before;

	(void)state;
	/* RFC 6298 §2.2: SRTT = R, RTTVAR = R/2, RTO = SRTT + max(G, 4 RTTVAR)
	 * = 100 + 200 = 300 ms. */
	assert_int_equal(tp->srtt_us, 100000);
	assert_int_equal(tp->rttvar_us, 50000);
	assert_int_equal(tp->rto_ms, 300);
	cwnd_before = tp->snd_cwnd;
	tcp_send(tp, "data", 4, 0);
	assert_true(th_peer_recv(&p, &seg));
	fake_clock_advance(299 * MS);
	assert_int_equal(th_pending(), 0);
	fake_clock_advance(1 * MS);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.len, 4);
	assert_int_equal(tp->snd_cwnd, 1);                  /* RFC 5681 §3.1 */
	assert_int_equal(tp->snd_ssthresh, cwnd_before * 7 / 10 > 2 ? cwnd_before * 7 / 10 : 2);
	assert_int_equal(tp->ca_state, TCP_CA_Loss);
	fake_clock_advance(599 * MS);                       /* 600 ms: doubled */
	assert_int_equal(th_pending(), 0);
	fake_clock_advance(1 * MS);
	assert_true(th_pop(&seg));
	fake_clock_advance(1200 * MS);
	assert_true(th_pop(&seg));
	tcp_get_info(tp, &info);
	assert_int_equal(info.tcpi_retransmits, 3);
	assert_int_equal(info.tcpi_backoff, 3);
	assert_int_equal(info.tcpi_total_retrans, 3);
	assert_int_equal(tcp_mib[TCP_MIB_RETRANSSEGS], 3);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPTIMEOUTS], 3);
	/* The ACK: Karn keeps SRTT (all copies ambiguous); backoff kept
	 * until a valid sample (RFC 6298 §5.7). */
	fake_clock_advance(50 * MS);
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_int_equal(tp->srtt_us, 100000);
	assert_int_equal(tp->packets_out, 0);
	assert_int_equal(tp->ca_state, TCP_CA_Open);
	assert_false(net_timer_pending(&tp->rtx_timer));
	/* Fresh data: a valid sample resets the backoff. */
	tcp_send(tp, "more", 4, 0);
	assert_true(th_peer_recv(&p, &seg));
	fake_clock_advance(100 * MS);
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_int_equal(tp->backoff, 0);
	assert_int_equal(tp->srtt_us, 100000);
	assert_int_equal(tp->rto_ms, 300);
	tcp_abort(tp);
}

static void rto_gives_up_after_retries2(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_rtt(&p, 43001, 10, NULL);
	struct th_events ev;
	int i;

	(void)state;
	th_watch(tp, &ev);
	tcp_send(tp, "x", 1, 0);
	for (i = 0; i < 2000 && tp->state != TCP_CLOSE; i++)
		fake_clock_advance(1000 * MS);
	assert_int_equal(tp->state, TCP_CLOSE);
	assert_int_equal(tcp_sock_error(tp), ETIMEDOUT);
	assert_int_equal(tcp_mib[TCP_MIB_RETRANSSEGS], 15);
	assert_int_equal(ev.error_report, 1);
	assert_true(i > 100);                     /* backed off up to 120 s */
	tcp_close(tp);
}

static void user_timeout_shortens_give_up(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_rtt(&p, 43002, 10, NULL);

	(void)state;
	assert_int_equal(tcp_setsockopt(tp, TCP_USER_TIMEOUT, 3000), 0);
	tcp_send(tp, "x", 1, 0);
	fake_clock_advance(2500 * MS);
	assert_int_equal(tp->state, TCP_ESTABLISHED);
	fake_clock_advance(5000 * MS);
	assert_int_equal(tp->state, TCP_CLOSE);
	assert_int_equal(tcp_sock_error(tp), ETIMEDOUT);
	tcp_close(tp);
}

static void send_segments(struct tcp_sock *tp, int n, u32 mss)
{
	static char buf[20000];
	int i;

	for (i = 0; i < (int)sizeof(buf); i++)
		buf[i] = (char)i;
	assert_true((u32)n * mss <= sizeof(buf));
	tcp_setsockopt(tp, TCP_NODELAY, 1);
	assert_int_equal(tcp_send(tp, buf, (size_t)n * mss, 0), n * (int)mss);
}

static void fast_retransmit_on_three_dupacks(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_rtt(&p, 43003, 50, NULL);
	struct th_seg seg;
	u32 una, mss = tp->mss_cache;
	int i;

	(void)state;
	assert_false(tp->sack_ok);
	assert_string_equal(tp->cong->name, "cubic");
	send_segments(tp, 8, mss);
	assert_int_equal(th_pending(), 8);
	una = tp->snd_una;
	th_drain();
	/* Segment 1 lost; 2..4 arrive and produce three duplicate ACKs. */
	p.rcv_nxt = una;
	for (i = 0; i < 2; i++) {
		th_peer_send(&p, TCPHDR_ACK, NULL, 0);
		assert_int_equal(th_pending(), 0);
		assert_int_equal(tp->dupacks, (u32)i + 1);
	}
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_int_equal(tp->ca_state, TCP_CA_Recovery);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.seq, una);                     /* the retransmission */
	assert_int_equal(seg.len, mss);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPFASTRETRANS], 1);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPRENORECOVERY], 1);
	assert_int_equal(tp->snd_ssthresh, 7);             /* CUBIC: 0.7 * 10 */
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPTIMEOUTS], 0);
	/* The full ACK ends recovery with cwnd = ssthresh. */
	p.rcv_nxt = tp->snd_nxt;
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_int_equal(tp->ca_state, TCP_CA_Open);
	assert_int_equal(tp->snd_cwnd, 7);
	assert_int_equal(tp->packets_out, 0);
	tcp_abort(tp);
}

static void newreno_partial_ack_retransmits_next_hole(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_rtt(&p, 43004, 50, NULL);
	struct th_seg seg;
	u32 una, mss = tp->mss_cache;
	int i;

	(void)state;
	tcp_set_congestion(tp, "reno");
	send_segments(tp, 8, mss);
	th_drain();
	una = tp->snd_una;
	/* Segments 1 and 4 lost. */
	p.rcv_nxt = una;
	for (i = 0; i < 3; i++)
		th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.seq, una);
	assert_int_equal(tp->snd_ssthresh, 5);             /* Reno: cwnd / 2 */
	th_drain();
	/* Partial ACK up to the second hole (RFC 6582 §3.2 step 5). */
	p.rcv_nxt = una + 3 * mss;
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_int_equal(tp->ca_state, TCP_CA_Recovery);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.seq, una + 3 * mss);
	p.rcv_nxt = tp->snd_nxt;
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_int_equal(tp->ca_state, TCP_CA_Open);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPTIMEOUTS], 0);
	tcp_abort(tp);
}

static void sack_recovers_multiple_losses_in_one_window(void **state)
{
	struct th_opts o = { .mss = 1000, .wscale = -1, .sack_perm = true };
	struct th_peer p;
	struct tcp_sock *tp = open_rtt(&p, 43005, 50, &o);
	struct th_seg seg;
	u32 una, mss = tp->mss_cache, seen_retx = 0;
	bool got2 = false, got5 = false;
	int i;

	(void)state;
	assert_true(tp->sack_ok);
	send_segments(tp, 10, mss);
	assert_int_equal(th_pending(), 10);
	th_drain();
	una = tp->snd_una;
	/* Segments 2 and 5 (0-based) lost: ACK of 0..1, then SACKs for 3, 4,
	 * 6, 7, 8, 9 as they arrive. */
	p.rcv_nxt = una + 2 * mss;
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	p.nsacks = 1;
	for (i = 3; i < 10; i++) {
		if (i == 5)
			continue;
		if (i < 5) {
			p.sacks[0] = (struct tcp_sack_block){ una + 3 * mss, una + (u32)(i + 1) * mss };
			p.nsacks = 1;
		} else {
			p.sacks[0] = (struct tcp_sack_block){ una + 6 * mss, una + (u32)(i + 1) * mss };
			p.sacks[1] = (struct tcp_sack_block){ una + 3 * mss, una + 5 * mss };
			p.nsacks = 2;
		}
		th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	}
	assert_int_equal(tp->ca_state, TCP_CA_Recovery);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPSACKRECOVERY], 1);
	assert_int_equal(tp->sacked_out, 6);
	while (th_pop(&seg)) {
		if (seg.seq == una + 2 * mss)
			got2 = true;
		if (seg.seq == una + 5 * mss)
			got5 = true;
		if (seg.len)
			seen_retx++;
	}
	assert_true(got2 && got5);                           /* both holes resent */
	assert_int_equal(seen_retx, 2);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPTIMEOUTS], 0);
	/* Both repairs arrive. */
	p.nsacks = 0;
	p.rcv_nxt = tp->snd_nxt;
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_int_equal(tp->ca_state, TCP_CA_Open);
	assert_int_equal(tp->packets_out, 0);
	assert_int_equal(tp->sacked_out, 0);
	assert_int_equal(tp->lost_out, 0);
	assert_int_equal(tp->retrans_out, 0);
	tcp_abort(tp);
}

static void keepalive_probes_and_times_out(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_rtt(&p, 43006, 10, NULL);
	struct th_seg seg;
	int i;

	(void)state;
	assert_int_equal(tcp_set_keepalive(tp, true), 0);
	fake_clock_advance(7199 * NSEC_PER_SEC);
	assert_int_equal(th_pending(), 0);
	fake_clock_advance(1 * NSEC_PER_SEC);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.seq, tp->snd_una - 1);         /* RFC 1122 §4.2.3.6 probe */
	assert_int_equal(seg.len, 0);
	/* The peer answers: idle again for 7200 s. */
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	fake_clock_advance(7199 * NSEC_PER_SEC);
	assert_int_equal(th_pending(), 0);
	fake_clock_advance(1 * NSEC_PER_SEC);
	assert_true(th_pop(&seg));
	/* Now silence: 8 more probes at 75 s, then reset. */
	for (i = 0; i < 8; i++) {
		fake_clock_advance(75 * NSEC_PER_SEC);
		assert_true(th_pop(&seg));
		assert_int_equal(seg.flags, TCPHDR_ACK);
	}
	assert_int_equal(tp->state, TCP_ESTABLISHED);
	fake_clock_advance(75 * NSEC_PER_SEC);
	assert_int_equal(tp->state, TCP_CLOSE);
	assert_int_equal(tcp_sock_error(tp), ETIMEDOUT);
	assert_true(th_pop(&seg));
	assert_true(seg.flags & TCPHDR_RST);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPKEEPALIVE], 10);   /* probes sent */
	tcp_close(tp);
}

static void keepalive_per_connection_settings(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_rtt(&p, 43007, 10, NULL);
	struct th_seg seg;

	(void)state;
	tcp_setsockopt(tp, TCP_KEEPIDLE, 10);
	tcp_setsockopt(tp, TCP_KEEPINTVL, 2);
	tcp_setsockopt(tp, TCP_KEEPCNT, 3);
	tcp_set_keepalive(tp, true);
	fake_clock_advance(10 * NSEC_PER_SEC);
	assert_true(th_pop(&seg));
	fake_clock_advance(2 * NSEC_PER_SEC);
	assert_true(th_pop(&seg));
	fake_clock_advance(2 * NSEC_PER_SEC);
	assert_true(th_pop(&seg));
	assert_int_equal(tp->state, TCP_ESTABLISHED);
	fake_clock_advance(2 * NSEC_PER_SEC);
	assert_int_equal(tp->state, TCP_CLOSE);
	/* Keepalive off: nothing at all. */
	tcp_close(tp);
	th_drain();
	tp = open_rtt(&p, 43008, 10, NULL);
	fake_clock_advance(10000 * NSEC_PER_SEC);
	assert_int_equal(th_pending(), 0);
	tcp_abort(tp);
}

static void time_wait_reuse_by_newer_syn(void **state)
{
	struct tcp_sock *lp = th_listen(8090, 5), *c, *tw;
	struct th_peer p;
	struct th_seg seg;
	u32 old_rcv;

	(void)state;
	th_peer_init(&p, 7100, 8090);
	c = th_passive_open(&p, lp, 100, NULL);
	assert_non_null(c);
	tcp_close(c);
	assert_true(th_peer_recv(&p, &seg));              /* our FIN */
	th_peer_send(&p, TCPHDR_ACK | TCPHDR_FIN, NULL, 0);
	tw = th_find_state(TCP_TIME_WAIT);
	assert_non_null(tw);
	old_rcv = tw->rcv_nxt;
	th_drain();
	/* An old-seq SYN is challenged, the TIME_WAIT connection stays. */
	th_inject(TH_REMOTE, 7100, TH_LOCAL, 8090, old_rcv - 10, 0, TCPHDR_SYN, 1000, NULL,
		  NULL, 0);
	assert_non_null(th_find_state(TCP_TIME_WAIT));
	assert_true(th_pop(&seg));
	assert_int_equal(seg.flags, TCPHDR_ACK);
	/* A SYN beyond the old connection's sequence space opens a new one. */
	th_inject(TH_REMOTE, 7100, TH_LOCAL, 8090, old_rcv + 100000, 0, TCPHDR_SYN, 1000, NULL,
		  NULL, 0);
	assert_null(th_find_state(TCP_TIME_WAIT));
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TIMEWAITRECYCLED], 1);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.flags, TCPHDR_SYN | TCPHDR_ACK);
	assert_int_equal(seg.ack, old_rcv + 100001);
	tcp_close(lp);
}

static void icmp_frag_needed_lowers_mss(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_rtt(&p, 43009, 10, NULL);
	struct th_seg seg;
	u8 quote[28];
	struct iphdr *ip = (struct iphdr *)quote;
	struct tcphdr th;

	(void)state;
	send_segments(tp, 1, tp->mss_cache);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.len, 1000);
	memset(quote, 0, sizeof(quote));
	ip->ihl_version = 0x45;
	ip->protocol = IPPROTO_TCP;
	ip->saddr = TH_LOCAL;
	ip->daddr = TH_REMOTE;
	memset(&th, 0, sizeof(th));
	th.source = tp->sk.sport;
	th.dest = tp->sk.dport;
	th.seq = net_htonl(seg.seq);
	memcpy(quote + 20, &th, 8);
	tcp_v4_err(ip, sizeof(quote), 3, 4, 0, 576);
	assert_int_equal(tp->pmtu, 576);
	assert_int_equal(tp->mss_cache, 536);
	/* The big segment is split and resent at once... */
	assert_true(th_pop(&seg));
	assert_int_equal(seg.len, 536);
	/* ...and an error quoting a sequence number not in flight is ignored. */
	th.seq = net_htonl(seg.seq + 100000);
	memcpy(quote + 20, &th, 8);
	tcp_v4_err(ip, sizeof(quote), 3, 4, 0, 300);
	assert_int_equal(tp->pmtu, 576);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_OUTOFWINDOWICMPS], 1);
	tcp_abort(tp);
}

static void icmp_unreachable_aborts_connect(void **state)
{
	struct tcp_sock *tp = tcp_create();
	struct th_seg seg;
	u8 quote[28];
	struct iphdr *ip = (struct iphdr *)quote;
	struct tcphdr th;

	(void)state;
	tcp_connect(tp, TH_REMOTE, net_htons(80));
	assert_true(th_pop(&seg));
	memset(quote, 0, sizeof(quote));
	ip->ihl_version = 0x45;
	ip->saddr = TH_LOCAL;
	ip->daddr = TH_REMOTE;
	memset(&th, 0, sizeof(th));
	th.source = tp->sk.sport;
	th.dest = tp->sk.dport;
	th.seq = net_htonl(seg.seq);
	memcpy(quote + 20, &th, 8);
	tcp_v4_err(ip, sizeof(quote), 3, 1, EHOSTUNREACH, 0);   /* soft in SYN_SENT */
	assert_int_equal(tp->state, TCP_SYN_SENT);
	tcp_v4_err(ip, sizeof(quote), 3, 3, ECONNREFUSED, 0);   /* port unreachable */
	assert_int_equal(tp->state, TCP_CLOSE);
	assert_int_equal(tcp_sock_error(tp), ECONNREFUSED);
	tcp_close(tp);
}

static void syncnt_limits_syn_retries(void **state)
{
	struct tcp_sock *tp = tcp_create();

	(void)state;
	assert_int_equal(tcp_setsockopt(tp, TCP_SYNCNT, 2), 0);
	tcp_connect(tp, TH_REMOTE, net_htons(80));
	fake_clock_advance(6999 * MS);                /* 1 + 2 + 4 s */
	assert_int_equal(tp->state, TCP_SYN_SENT);
	fake_clock_advance(1 * MS);
	assert_int_equal(tp->state, TCP_CLOSE);
	assert_int_equal(tcp_sock_error(tp), ETIMEDOUT);
	assert_int_equal(tcp_mib[TCP_MIB_RETRANSSEGS], 2);
	tcp_close(tp);
}

static void soft_icmp_error_reported_on_timeout(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_rtt(&p, 43020, 10, NULL);
	struct th_seg seg;
	u8 quote[28];
	struct iphdr *ip = (struct iphdr *)quote;
	struct tcphdr th;
	int i;

	(void)state;
	tcp_send(tp, "x", 1, 0);
	assert_true(th_pop(&seg));
	memset(quote, 0, sizeof(quote));
	ip->ihl_version = 0x45;
	ip->saddr = TH_LOCAL;
	ip->daddr = TH_REMOTE;
	memset(&th, 0, sizeof(th));
	th.source = tp->sk.sport;
	th.dest = tp->sk.dport;
	th.seq = net_htonl(seg.seq);
	memcpy(quote + 20, &th, 8);
	tcp_v4_err(ip, sizeof(quote), 3, 1, EHOSTUNREACH, 0);
	assert_int_equal(tp->state, TCP_ESTABLISHED);   /* soft while established */
	assert_int_equal(tp->sk.err, 0);
	for (i = 0; i < 2000 && tp->state != TCP_CLOSE; i++)
		fake_clock_advance(1000 * MS);
	assert_int_equal(tcp_sock_error(tp), EHOSTUNREACH);
	tcp_close(tp);
}

static void peer_shrinking_window_stops_new_data(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_rtt(&p, 43021, 10, NULL);
	static char buf[4000];
	struct th_seg seg;

	(void)state;
	tcp_setsockopt(tp, TCP_NODELAY, 1);
	p.win = 1000;
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_int_equal(tcp_send(tp, buf, 3000, 0), 3000);
	assert_true(th_peer_recv(&p, &seg));
	assert_int_equal(seg.len, 1000);                /* one window's worth */
	assert_int_equal(th_pending(), 0);
	p.win = 500;
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);          /* acks 1000, offers 500 */
	/* Sender SWS avoidance (RFC 9293 §3.8.6.2.1): 500 bytes are less
	 * than an MSS and than half the largest window seen (64 KiB), so
	 * they wait for the persist timer's override. */
	assert_int_equal(th_pending(), 0);
	fake_clock_advance((u64)tp->rto_ms * MS);
	assert_true(th_peer_recv(&p, &seg));
	assert_int_equal(seg.len, 500);
	assert_int_equal(th_pending(), 0);
	tcp_abort(tp);
}

static void keepalive_enabled_before_connect(void **state)
{
	struct tcp_sock *tp = tcp_create();
	struct th_opts o = { .mss = 1000, .wscale = -1 };
	struct th_seg seg;

	(void)state;
	tcp_set_keepalive(tp, true);
	tcp_setsockopt(tp, TCP_KEEPIDLE, 30);
	tcp_connect(tp, TH_REMOTE, net_htons(80));
	assert_true(th_pop(&seg));
	th_inject(TH_REMOTE, 80, TH_LOCAL, net_ntohs(tp->sk.sport), 1, seg.seq + 1,
		  TCPHDR_SYN | TCPHDR_ACK, 65535, &o, NULL, 0);
	th_drain();
	fake_clock_advance(30 * NSEC_PER_SEC);
	assert_true(th_pop(&seg));
	assert_int_equal(seg.seq, tp->snd_una - 1);
	tcp_abort(tp);
}

static void unanswered_window_probes_give_up(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_rtt(&p, 43030, 10, NULL);
	int i;

	(void)state;
	p.win = 0;
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	tcp_send(tp, "stuck", 5, 0);
	/* The peer vanished: 15 probes (tcp_retries2), backed off to 120 s. */
	for (i = 0; i < 3000 && tp->state != TCP_CLOSE; i++)
		fake_clock_advance(1 * NSEC_PER_SEC);
	assert_int_equal(tp->state, TCP_CLOSE);
	assert_int_equal(tcp_sock_error(tp), ETIMEDOUT);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPWINPROBE], 15);
	tcp_close(tp);
}

static void far_too_old_ack_is_challenged(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_rtt(&p, 43031, 10, NULL);
	struct th_seg seg;

	(void)state;
	/* RFC 5961 §5.2: SEG.ACK < SND.UNA - MAX.SND.WND. */
	th_inject(TH_REMOTE, 80, TH_LOCAL, 43031, p.snd_nxt, tp->snd_una - 200000, TCPHDR_ACK,
		  1000, NULL, "data", 4);
	assert_int_equal(tcp_inq(tp), 0);                /* dropped */
	assert_true(th_pop(&seg));
	assert_int_equal(seg.ack, p.snd_nxt);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPCHALLENGEACK], 1);
	/* A merely old ACK (within the window) is ignored, the data kept. */
	th_inject(TH_REMOTE, 80, TH_LOCAL, 43031, p.snd_nxt, tp->snd_una - 10, TCPHDR_ACK,
		  1000, NULL, "data", 4);
	assert_int_equal(tcp_inq(tp), 4);
	tcp_abort(tp);
}

static void maxseg_caps_mss(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = tcp_create();
	struct th_opts o = { .mss = 1460, .wscale = -1 };
	struct th_seg seg;

	(void)state;
	th_peer_init(&p, 80, 43032);
	assert_int_equal(tcp_setsockopt(tp, TCP_MAXSEG, 600), 0);
	tcp_bind(tp, TH_LOCAL, net_htons(43032));
	tcp_connect(tp, TH_REMOTE, net_htons(80));
	assert_true(th_pop(&seg));
	assert_int_equal(seg.opt.mss, 600);
	th_inject(TH_REMOTE, 80, TH_LOCAL, 43032, 1, seg.seq + 1, TCPHDR_SYN | TCPHDR_ACK, 65535,
		  &o, NULL, 0);
	assert_int_equal(tp->mss_cache, 600);
	tcp_abort(tp);
}

static void lost_retransmission_is_resent_without_rto(void **state)
{
	struct th_opts o = { .mss = 1000, .wscale = -1, .sack_perm = true };
	struct th_peer p;
	struct tcp_sock *tp = open_rtt(&p, 43040, 50, &o);
	struct th_seg seg;
	u32 una, mss = tp->mss_cache, hole_copies = 0;
	int round;

	(void)state;
	send_segments(tp, 18, mss);                   /* 10 go now (IW), 8 wait */
	th_drain();
	una = tp->snd_una;
	/* Segment 0 is lost; everything else arrives and is SACKed, round
	 * after round, while the clock moves.  The first retransmission of
	 * segment 0 is lost too: once segments sent after it are SACKed, it
	 * must go again, before any RTO. */
	p.rcv_nxt = una;
	p.nsacks = 1;
	for (round = 0; round < 6; round++) {
		fake_clock_advance(10 * MS);
		p.sacks[0] = (struct tcp_sack_block){ una + mss, tp->snd_nxt };
		th_peer_send(&p, TCPHDR_ACK, NULL, 0);
		while (th_pop(&seg))
			if (seg.seq == una)
				hole_copies++;                   /* dropped by the "network" */
	}
	assert_int_equal(tp->ca_state, TCP_CA_Recovery);
	assert_true(hole_copies >= 2);
	assert_true(tcp_ext_mib[LINUX_MIB_TCPLOSTRETRANSMIT] >= 1);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPTIMEOUTS], 0);
	tcp_abort(tp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(syn_retransmits_with_backoff_then_times_out, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(retransmitted_syn_gives_initial_window_one, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(rto_from_rtt_and_backoff, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(rto_gives_up_after_retries2, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(user_timeout_shortens_give_up, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(fast_retransmit_on_three_dupacks, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(newreno_partial_ack_retransmits_next_hole, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(sack_recovers_multiple_losses_in_one_window, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(keepalive_probes_and_times_out, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(keepalive_per_connection_settings, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(time_wait_reuse_by_newer_syn, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(icmp_frag_needed_lowers_mss, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(icmp_unreachable_aborts_connect, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(syncnt_limits_syn_retries, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(soft_icmp_error_reported_on_timeout, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(peer_shrinking_window_stops_new_data, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(keepalive_enabled_before_connect, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(unanswered_window_probes_give_up, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(far_too_old_ack_is_challenged, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(maxseg_caps_mss, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(lost_retransmission_is_resent_without_rto, th_fixture_setup, th_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
