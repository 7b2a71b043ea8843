/*
 * Two TCP endpoints back to back through the capture hook: a simulated
 * wire with delay and seeded loss/reordering carries segments between
 * 127.0.0.2 (client) and 127.0.0.1 (server).  Each side sends a few MiB
 * of a known pattern and checks every byte it receives.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>

#include <net/timer.h>
#include "tcp_harness.h"

#define MS NSEC_PER_MSEC
#define WIRE_MAX 8192

struct wire {
	u64 seed;
	u32 loss_ppm, reorder_ppm, dup_ppm;
	u64 delay_ns, jitter_ns;
	struct { struct pkbuf *pkb; u64 at, no; } q[WIRE_MAX];
	u64 no;
	u32 n;
	u64 sent, lost;
};

static u32 wrand(struct wire *w)
{
	w->seed ^= w->seed << 13;
	w->seed ^= w->seed >> 7;
	w->seed ^= w->seed << 17;
	return (u32)(w->seed >> 16);
}

/* Move captured output onto the wire. */
static void wire_take(struct wire *w)
{
	struct pkbuf *pkb;

	while ((pkb = th_pop_raw())) {
		u64 at = net_now_ns() + w->delay_ns;

		w->sent++;
		if (wrand(w) % 1000000 < w->loss_ppm || w->n == WIRE_MAX) {
			w->lost++;
			pkb_free(pkb);
			continue;
		}
		if (w->jitter_ns && wrand(w) % 1000000 < w->reorder_ppm)
			at += wrand(w) % w->jitter_ns;
		if (w->dup_ppm && wrand(w) % 1000000 < w->dup_ppm && w->n + 1 < WIRE_MAX) {
			struct pkbuf *dup = pkb_copy(pkb, NET_HEADROOM);

			if (dup) {
				w->q[w->n].pkb = dup;
				w->q[w->n].at = at + (w->jitter_ns ? wrand(w) % w->jitter_ns : 0);
				w->q[w->n].no = w->no++;
				w->n++;
			}
		}
		w->q[w->n].pkb = pkb;
		w->q[w->n].at = at;
		w->q[w->n].no = w->no++;
		w->n++;
	}
}

/* Deliver everything due now, earliest first. */
static void wire_deliver(struct wire *w)
{
	for (;;) {
		u32 i, best = UINT32_MAX;
		struct pkbuf *pkb;

		for (i = 0; i < w->n; i++)
			if (w->q[i].at <= net_now_ns() &&
			    (best == UINT32_MAX || w->q[i].at < w->q[best].at ||
			     (w->q[i].at == w->q[best].at && w->q[i].no < w->q[best].no)))
				best = i;
		if (best == UINT32_MAX)
			return;
		pkb = w->q[best].pkb;
		w->q[best] = w->q[--w->n];
		th_inject_ip(pkb);
	}
}

static u64 wire_next(const struct wire *w)
{
	u64 next = net_timer_next();
	u32 i;

	for (i = 0; i < w->n; i++)
		if (w->q[i].at < next)
			next = w->q[i].at;
	return next;
}

static void wire_flush(struct wire *w)
{
	while (w->n)
		pkb_free(w->q[--w->n].pkb);
}

static u8 pattern(u64 i, u8 salt)
{
	return (u8)((i * 2654435761u) >> 13) ^ salt;
}

struct endpoint {
	struct tcp_sock *tp;
	u64 sent, received, total;
	u8 salt_out, salt_in;
	bool got_eof, closed, bad;
};

static void pump(struct endpoint *e)
{
	static u8 buf[65536];
	long n;

	if (!e->tp)
		return;
	while (e->sent < e->total) {
		u64 want = e->total - e->sent;
		u64 i;

		if (want > sizeof(buf))
			want = sizeof(buf);
		for (i = 0; i < want; i++)
			buf[i] = pattern(e->sent + i, e->salt_out);
		n = tcp_send(e->tp, buf, want, 0);
		if (n <= 0)
			break;
		e->sent += (u64)n;
	}
	if (e->sent == e->total && !e->closed) {
		tcp_shutdown(e->tp, SHUT_WR);
		e->closed = true;
	}
	while ((n = tcp_recv(e->tp, buf, sizeof(buf), 0)) > 0) {
		long i;

		for (i = 0; i < n; i++)
			if (buf[i] != pattern(e->received + (u64)i, e->salt_in))
				e->bad = true;
		e->received += (u64)n;
	}
	if (n == 0)
		e->got_eof = true;
}

struct run_result {
	u64 elapsed_ns;
	u64 retrans;
	struct endpoint cli, srv;
};

/* Optional early end: once the server got `early_bytes`, one side quits
 * abruptly (early_mode: 0 client abort, 1 server close with unread data,
 * 2 client close, 3 server abort). */
static u64 early_bytes;
static int early_mode;

static void run_transfer(struct wire *w, u64 bytes_each, u32 iss_cli, bool force_iss,
			 struct run_result *r)
{
	struct tcp_sock *lp = tcp_create(), *cli = tcp_create();
	u64 t0 = net_now_ns(), deadline = t0 + 3600 * NSEC_PER_SEC;
	int guard = 0;

	memset(&r->cli, 0, sizeof(r->cli));
	memset(&r->srv, 0, sizeof(r->srv));
	assert_int_equal(tcp_bind(lp, TH_LOCAL, net_htons(5001)), 0);
	assert_int_equal(tcp_listen(lp, 16), 0);
	assert_int_equal(tcp_bind(cli, TH_REMOTE, 0), 0);
	if (force_iss)
		tcp_force_next_isn(iss_cli);
	assert_int_equal(tcp_connect(cli, TH_LOCAL, net_htons(5001)), -EINPROGRESS);
	r->cli.tp = cli;
	r->cli.total = r->srv.total = bytes_each;
	r->cli.salt_out = r->srv.salt_in = 0x5a;
	r->srv.salt_out = r->cli.salt_in = 0xa5;
	while (!(r->cli.got_eof && r->srv.got_eof) && net_now_ns() < deadline &&
	       ++guard < 20000000) {
		u64 next;

		if (!r->srv.tp && tcp_accept(lp, &r->srv.tp) != 0)
			r->srv.tp = NULL;
		if (early_bytes && r->srv.received >= early_bytes) {
			switch (early_mode) {
			case 0:
				tcp_abort(cli);
				cli = NULL;
				break;
			case 1:
				tcp_close(r->srv.tp);
				r->srv.tp = NULL;
				break;
			case 2:
				tcp_close(cli);
				cli = NULL;
				break;
			default:
				tcp_abort(r->srv.tp);
				r->srv.tp = NULL;
				break;
			}
			break;
		}
		if (cli->synced)
			pump(&r->cli);
		if (r->srv.tp)
			pump(&r->srv);
		wire_take(w);
		wire_deliver(w);
		wire_take(w);
		if ((guard & 63) == 0) {
			const char *why = th_check_all();

			if (why)
				fail_msg("invariant: %s", why);
		}
		if (th_pending())
			continue;
		next = wire_next(w);
		if (next == UINT64_MAX) {
			if (getenv("TW_DEBUG")) {
				struct endpoint *es[2] = { &r->cli, &r->srv };
				for (int k = 0; k < 2; k++) {
					struct tcp_sock *t = es[k]->tp;
					fprintf(stderr, "ep%d st=%d sent=%llu rcvd=%llu una=%u nxt=%u wseq=%u sndwnd=%u cwnd=%u pout=%u sh=%p rcvnxt=%u copied=%u rcvwnd=%u wup=%u ca=%d\n", k, t->state,
					(unsigned long long)es[k]->sent, (unsigned long long)es[k]->received, t->snd_una, t->snd_nxt, t->write_seq, t->snd_wnd, t->snd_cwnd, t->packets_out, (void*)t->send_head, t->rcv_nxt, t->copied_seq, t->rcv_wnd, t->rcv_wup, t->ca_state);
				}
			}
			break;
		}
		if (next > net_now_ns())
			fake_clock_advance(next - net_now_ns());
		wire_deliver(w);
	}
	r->elapsed_ns = net_now_ns() - t0;
	r->retrans = tcp_mib[TCP_MIB_RETRANSSEGS];
	/* Let the closes finish, then free everything. */
	tcp_close(lp);
	if (r->srv.tp)
		tcp_close(r->srv.tp);
	if (cli)
		tcp_close(cli);
	/* Run the wire until every connection is gone (FIN retransmissions,
	 * TIME_WAIT), bounded in simulated time. */
	deadline = net_now_ns() + 3600 * NSEC_PER_SEC;
	for (guard = 0; guard < 1000000 && th_count_socks() && net_now_ns() < deadline; guard++) {
		u64 next;

		wire_take(w);
		wire_deliver(w);
		wire_take(w);
		if (th_pending())
			continue;
		next = wire_next(w);
		if (next == UINT64_MAX)
			break;
		if (next > net_now_ns())
			fake_clock_advance(next - net_now_ns());
		wire_deliver(w);
	}
	wire_flush(w);
	th_drain();
}

static void check(const struct run_result *r, u64 bytes)
{
	assert_false(r->cli.bad);
	assert_false(r->srv.bad);
	assert_int_equal(r->cli.received, bytes);
	assert_int_equal(r->srv.received, bytes);
	assert_true(r->cli.got_eof && r->srv.got_eof);
	assert_int_equal(th_count_socks(), 0);             /* everything closed cleanly */
}

static struct wire w;

static void clean_wire_4mib_each_way(void **state)
{
	struct run_result r;

	(void)state;
	memset(&w, 0, sizeof(w));
	w.seed = 1;
	w.delay_ns = 5 * MS;
	run_transfer(&w, 4u << 20, 0, false, &r);
	check(&r, 4u << 20);
	if (getenv("TW_DEBUG"))
		fprintf(stderr, "lost=%llu sent=%llu timeouts=%llu fastre=%llu sackrec=%llu elapsed=%llums\n",
			(unsigned long long)w.lost, (unsigned long long)w.sent,
			(unsigned long long)tcp_ext_mib[LINUX_MIB_TCPTIMEOUTS],
			(unsigned long long)tcp_ext_mib[LINUX_MIB_TCPFASTRETRANS],
			(unsigned long long)tcp_ext_mib[LINUX_MIB_TCPSACKRECOVERY],
			(unsigned long long)(r.elapsed_ns / MS));
	assert_int_equal(r.retrans, 0);
	assert_int_equal(tcp_ext_mib[LINUX_MIB_TCPTIMEOUTS], 0);
}

static void lossy_reordering_wire(void **state)
{
	struct run_result r;

	(void)state;
	memset(&w, 0, sizeof(w));
	w.seed = 12345;
	w.delay_ns = 10 * MS;
	w.loss_ppm = 20000;              /* 2 % */
	w.reorder_ppm = 50000;           /* 5 % delayed by up to 8 ms */
	w.jitter_ns = 8 * MS;
	run_transfer(&w, 2u << 20, 0, false, &r);
	check(&r, 2u << 20);
	assert_true(w.lost > 0);
	assert_true(r.retrans > 0);
	assert_true(tcp_ext_mib[LINUX_MIB_TCPSACKRECOVERY] > 0);
}

static void reno_on_lossy_wire(void **state)
{
	struct run_result r;

	(void)state;
	assert_int_equal(tcp_set_default_congestion("reno"), 0);
	memset(&w, 0, sizeof(w));
	w.seed = 777;
	w.delay_ns = 3 * MS;
	w.loss_ppm = 10000;
	run_transfer(&w, 1u << 20, 0, false, &r);
	assert_int_equal(tcp_set_default_congestion("cubic"), 0);
	check(&r, 1u << 20);
}

static void sequence_numbers_across_the_wrap(void **state)
{
	struct run_result r;

	(void)state;
	memset(&w, 0, sizeof(w));
	w.seed = 99;
	w.delay_ns = 2 * MS;
	w.loss_ppm = 5000;
	w.reorder_ppm = 20000;
	w.jitter_ns = 4 * MS;
	/* The client's ISN sits 64 KiB below 2^32: its stream wraps early. */
	run_transfer(&w, 1u << 20, 0xffff0000u, true, &r);
	check(&r, 1u << 20);
}

/* Many seeds of a hostile wire: loss, reordering and duplication. */
static void chaos_wire_many_seeds(void **state)
{
	struct run_result r;
	u64 seed;

	(void)state;
	for (seed = 1; seed <= 12; seed++) {
		memset(&w, 0, sizeof(w));
		w.seed = seed * 7919;
		w.delay_ns = (1 + seed % 7) * MS;
		w.loss_ppm = (u32)(seed * 8000);           /* up to ~10 % */
		w.reorder_ppm = 100000;
		w.jitter_ns = 6 * MS;
		w.dup_ppm = 30000;
		tcp_mib_reset();
		run_transfer(&w, (u64)(64 + seed * 37) << 10, (u32)(seed * 0x15555555u), true, &r);
		check(&r, (u64)(64 + seed * 37) << 10);
	}
}

/* Abrupt ends in the middle of a lossy transfer: whatever happens,
 * every connection is released, with no leak and no broken invariant. */
static void abrupt_ends_release_everything(void **state)
{
	struct run_result r;
	u64 seed;

	(void)state;
	for (seed = 1; seed <= 16; seed++) {
		memset(&w, 0, sizeof(w));
		w.seed = seed * 104729;
		w.delay_ns = (1 + seed % 5) * MS;
		w.loss_ppm = (u32)(seed % 4) * 30000;
		w.reorder_ppm = 50000;
		w.jitter_ns = 3 * MS;
		w.dup_ppm = 20000;
		early_bytes = 1000 + seed * 7000;
		early_mode = (int)(seed % 4);
		run_transfer(&w, 256u << 10, 0, false, &r);
		early_bytes = 0;
		assert_false(r.cli.bad || r.srv.bad);
		assert_int_equal(th_count_socks(), 0);
		assert_null(th_check_all());
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(clean_wire_4mib_each_way, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(lossy_reordering_wire, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(reno_on_lossy_wire, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(sequence_numbers_across_the_wrap, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(chaos_wire_many_seeds, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(abrupt_ends_release_everything, th_fixture_setup, th_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
