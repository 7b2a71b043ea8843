/*
 * TCP over the real IPv4 layer and "lo" (net_init registers TCP through
 * tcp_proto_register): a connection to 127.0.0.1 carries 1 MiB each way,
 * closes, and leaves nothing behind after TIME_WAIT.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include <net/tcp.h>
#include "nettest.h"

/* Referenced here so the archive member that wires TCP to IP is linked
 * (net_init() only has a weak reference to it). */
int (*const tcp_register_hook)(void) = tcp_proto_register;

static void run_stack(void)
{
	int guard;

	for (guard = 0; guard < 100000; guard++) {
		unsigned n;

		net_lock();
		n = net_poll(net_now_ns());
		net_unlock();
		if (!n)
			break;
	}
}

static u8 pat(u64 i, u8 salt)
{
	return (u8)(i * 131 + (i >> 9)) ^ salt;
}

static void loopback_transfer(void **state)
{
	static u8 buf[32768];
	struct tcp_sock *lp, *cli, *srv = NULL;
	u64 total = 1u << 20, cs = 0, cr = 0, ss = 0, sr = 0;
	bool cli_eof = false, srv_eof = false;
	int guard;

	(void)state;
	net_lock();
	lp = tcp_create();
	cli = tcp_create();
	assert_int_equal(tcp_bind(lp, LOOP_IP, net_htons(80)), 0);
	assert_int_equal(tcp_listen(lp, 8), 0);
	assert_int_equal(tcp_connect(cli, LOOP_IP, net_htons(80)), -EINPROGRESS);
	net_unlock();
	for (guard = 0; guard < 200000 && !(cli_eof && srv_eof); guard++) {
		long n;
		u64 i;

		run_stack();
		net_lock();
		if (!srv && tcp_accept(lp, &srv) != 0)
			srv = NULL;
		if (cli->state == TCP_ESTABLISHED || cli->state == TCP_CLOSE_WAIT) {
			for (i = 0; i < sizeof(buf) && cs + i < total; i++)
				buf[i] = pat(cs + i, 1);
			n = i ? tcp_send(cli, buf, i, 0) : 0;
			if (n > 0)
				cs += (u64)n;
			if (cs == total && !(cli->sk.shutdown & SEND_SHUTDOWN))
				tcp_shutdown(cli, SHUT_WR);
		}
		if (srv) {
			for (i = 0; i < sizeof(buf) && ss + i < total; i++)
				buf[i] = pat(ss + i, 2);
			n = i && !(srv->sk.shutdown & SEND_SHUTDOWN) ? tcp_send(srv, buf, i, 0) : 0;
			if (n > 0)
				ss += (u64)n;
			if (ss == total && !(srv->sk.shutdown & SEND_SHUTDOWN))
				tcp_shutdown(srv, SHUT_WR);
			while ((n = tcp_recv(srv, buf, sizeof(buf), 0)) > 0) {
				for (i = 0; i < (u64)n; i++)
					assert_int_equal(buf[i], pat(sr + i, 1));
				sr += (u64)n;
			}
			if (n == 0)
				srv_eof = true;
		}
		if (cli->synced) {
			while ((n = tcp_recv(cli, buf, sizeof(buf), 0)) > 0) {
				for (i = 0; i < (u64)n; i++)
					assert_int_equal(buf[i], pat(cr + i, 2));
				cr += (u64)n;
			}
			if (n == 0)
				cli_eof = true;
		}
		net_unlock();
		run_stack();
		if (net_timer_next() != UINT64_MAX && net_timer_next() > net_now_ns())
			fake_clock_advance(1 * NSEC_PER_MSEC);
	}
	assert_int_equal(sr, total);
	assert_int_equal(cr, total);
	net_lock();
	tcp_close(cli);
	tcp_close(srv);
	tcp_close(lp);
	net_unlock();
	run_stack();
	fake_clock_advance(61 * NSEC_PER_SEC);
	run_stack();
	assert_int_equal(tcp_mib[TCP_MIB_CURRESTAB], 0);
	assert_int_equal(tcp_mib[TCP_MIB_RETRANSSEGS], 0);
	assert_true(tcp_mib[TCP_MIB_INSEGS] > 2 * (total / 65483));   /* lo: 64 KiB segments */
}

static void loopback_refused_port(void **state)
{
	struct tcp_sock *cli;

	(void)state;
	net_lock();
	cli = tcp_create();
	assert_int_equal(tcp_connect(cli, LOOP_IP, net_htons(9)), -EINPROGRESS);
	net_unlock();
	run_stack();
	net_lock();
	assert_int_equal(cli->state, TCP_CLOSE);
	assert_int_equal(tcp_sock_error(cli), ECONNREFUSED);
	tcp_close(cli);
	net_unlock();
}

/* connect() to 0.0.0.0 reaches a listener of this host (Linux). */
static void connect_to_any_address(void **state)
{
	struct tcp_sock *lp, *cli, *srv = NULL;

	(void)state;
	net_lock();
	lp = tcp_create();
	cli = tcp_create();
	assert_int_equal(tcp_bind(lp, 0, net_htons(80)), 0);
	assert_int_equal(tcp_listen(lp, 8), 0);
	assert_int_equal(tcp_connect(cli, 0, net_htons(80)), -EINPROGRESS);
	assert_int_equal(cli->sk.daddr, LOOP_IP);
	net_unlock();
	run_stack();
	net_lock();
	assert_int_equal(cli->state, TCP_ESTABLISHED);
	assert_int_equal(tcp_accept(lp, &srv), 0);
	assert_int_equal(srv->sk.daddr, LOOP_IP);
	tcp_close(cli);
	tcp_close(srv);
	tcp_close(lp);
	net_unlock();
	run_stack();
	fake_clock_advance(61 * NSEC_PER_SEC);
	run_stack();
}

/*
 * A new connection on the 4-tuple of one the server holds in TIME_WAIT
 * (the server closed first) is taken over at once: the client's
 * timestamps run on the clock of the host pair (tcp_ts_offset), newer
 * than the old incarnation's, so no reset and no 1 s SYN retransmit.
 */
static void time_wait_taken_over_by_new_syn(void **state)
{
	struct tcp_sock *lp, *cli, *srv = NULL, *cli2, *srv2 = NULL;
	u64 rsts = tcp_mib[TCP_MIB_OUTRSTS];	/* the counters are the process's */
	u32 off;
	int i;

	(void)state;
	net_lock();
	lp = tcp_create();
	cli = tcp_create();
	assert_int_equal(tcp_bind(lp, LOOP_IP, net_htons(80)), 0);
	assert_int_equal(tcp_listen(lp, 8), 0);
	assert_int_equal(tcp_bind(cli, LOOP_IP, net_htons(40000)), 0);
	assert_int_equal(tcp_connect(cli, LOOP_IP, net_htons(80)), -EINPROGRESS);
	off = cli->ts_offset;
	net_unlock();
	for (i = 0; i < 100 && !srv; i++) {
		run_stack();
		net_lock();
		if (tcp_accept(lp, &srv) != 0)
			srv = NULL;
		net_unlock();
		fake_clock_advance(NSEC_PER_MSEC);
	}
	assert_non_null(srv);
	net_lock();
	tcp_close(srv);		/* the server closes first: its side waits */
	net_unlock();
	for (i = 0; i < 100 && cli->state != TCP_CLOSE_WAIT; i++) {
		run_stack();
		fake_clock_advance(NSEC_PER_MSEC);
	}
	net_lock();
	tcp_close(cli);
	net_unlock();
	for (i = 0; i < 100; i++) {
		run_stack();
		fake_clock_advance(NSEC_PER_MSEC);
	}
	assert_int_equal(tcp_mib[TCP_MIB_OUTRSTS], rsts);
	fake_clock_advance(5 * NSEC_PER_MSEC);
	net_lock();
	cli2 = tcp_create();
	assert_int_equal(tcp_bind(cli2, LOOP_IP, net_htons(40000)), 0);
	assert_int_equal(tcp_connect(cli2, LOOP_IP, net_htons(80)), -EINPROGRESS);
	assert_int_equal(cli2->ts_offset, off);
	net_unlock();
	/* Well under the 1 s a reset and a SYN retransmit would take. */
	for (i = 0; i < 100 && !srv2; i++) {
		run_stack();
		net_lock();
		if (tcp_accept(lp, &srv2) != 0)
			srv2 = NULL;
		net_unlock();
		fake_clock_advance(NSEC_PER_MSEC);
	}
	assert_non_null(srv2);
	assert_int_equal(cli2->state, TCP_ESTABLISHED);
	assert_int_equal(tcp_mib[TCP_MIB_OUTRSTS], rsts);
	net_lock();
	tcp_close(cli2);
	tcp_close(srv2);
	tcp_close(lp);
	net_unlock();
	run_stack();
	fake_clock_advance(61 * NSEC_PER_SEC);
	run_stack();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(loopback_transfer, env_setup_cmocka, env_teardown_cmocka),
		cmocka_unit_test_setup_teardown(loopback_refused_port, env_setup_cmocka, env_teardown_cmocka),
		cmocka_unit_test_setup_teardown(connect_to_any_address, env_setup_cmocka, env_teardown_cmocka),
		cmocka_unit_test_setup_teardown(time_wait_taken_over_by_new_syn, env_setup_cmocka,
						env_teardown_cmocka),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
