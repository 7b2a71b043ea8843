/*
 * The network bottom half (net/core/bh.c) with the real stack:
 *  - loopback delivery: a UDP datagram sent to 127.0.0.1 reaches the
 *    receiving socket's queue by the time the sender's stack section
 *    ends (the inline run at net_unlock), with data_ready called under
 *    the stack lock;
 *  - stack timers: a net_timer armed 20 ms ahead fires from the netbh
 *    thread (woken by the kernel timer that follows the earliest stack
 *    deadline), no earlier than its deadline and within 200 ms of it;
 *  - the stack lock is held whenever the stack calls back.
 */
#include <net/netdev.h>
#include <net/net.h>
#include <net/timer.h>
#include <net/udp.h>
#include <tern/net_bh.h>
#include <tern/net_platform.h>
#include <tern/printk.h>
#include <tern/selftest.h>
#include <tern/string.h>
#include <tern/time.h>
#include <tern/wait.h>

static DECLARE_WAIT_QUEUE_HEAD(netbh_wq);
static volatile int ready_calls, ready_unlocked;
static volatile u64 fired_at;

static void data_ready(struct sock *sk)
{
	(void)sk;
	ready_calls++;
	if (!net_lock_held())
		ready_unlocked++;
}

static void timer_fn(struct net_timer *t)
{
	(void)t;
	fired_at = ktime_get_ns();
	wake_up_all(&netbh_wq);
}

static int test_netbh(void)
{
	struct sock *rx, *tx;
	struct net_bh_stats before, after;
	struct net_timer t;
	char buf[16];
	be32 lo = net_htonl(0x7f000001);
	int rc = 0, n;
	u64 armed;

	net_bh_get_stats(&before);
	net_lock();
	if (!loopback_dev || dev_open(loopback_dev)) {
		net_unlock();
		pr_err("netbh: cannot bring lo up\n");
		return -1;
	}
	rx = udp_sock_create();
	tx = udp_sock_create();
	if (!rx || !tx || udp_bind(rx, lo, net_htons(9))) {
		net_unlock();
		pr_err("netbh: cannot make the sockets\n");
		return -1;
	}
	rx->data_ready = data_ready;
	n = udp_sendto(tx, "bottom half", 11, lo, net_htons(9));
	net_unlock();
	if (n != 11) {
		pr_err("netbh: udp_sendto returned %d\n", n);
		rc = -1;
	}
	/* The section that sent it is over: it must have been delivered. */
	net_lock();
	n = udp_recvfrom(rx, buf, sizeof(buf), 0, NULL, NULL, NULL);
	udp_close(rx);
	udp_close(tx);
	net_unlock();
	if (n != 11 || memcmp(buf, "bottom half", 11) || ready_calls != 1 || ready_unlocked) {
		pr_err("netbh: loopback delivery: got %d bytes, data_ready %d times (%d unlocked)\n",
		       n, ready_calls, ready_unlocked);
		rc = -1;
	}

	net_timer_init(&t, timer_fn);
	net_lock();
	armed = ktime_get_ns();
	net_timer_arm(&t, armed + 20 * NSEC_PER_MSEC);
	net_unlock();
	wait_event_timeout(netbh_wq, fired_at != 0, NSEC_PER_SEC);
	if (!fired_at || fired_at < armed + 20 * NSEC_PER_MSEC ||
	    fired_at > armed + 220 * NSEC_PER_MSEC) {
		pr_err("netbh: timer armed for +20 ms fired at +%ld us\n",
		       fired_at ? (long)((fired_at - armed) / 1000) : -1L);
		rc = -1;
	}
	net_lock();
	net_timer_cancel(&t);
	net_unlock();
	net_bh_get_stats(&after);
	if (after.inline_runs <= before.inline_runs || after.thread_runs <= before.thread_runs) {
		pr_err("netbh: runs inline %lu -> %lu, thread %lu -> %lu\n",
		       (unsigned long)before.inline_runs, (unsigned long)after.inline_runs,
		       (unsigned long)before.thread_runs, (unsigned long)after.thread_runs);
		rc = -1;
	}
	return rc;
}
SELFTEST(netbh, test_netbh, true);
