/*
 * Services others build on, checked through their public interfaces:
 *   random       - values differ, bits are balanced, buffers fill
 *   netplatform  - the network stack's seam (net_platform.h): zeroed
 *                  allocation, the monotonic clock, the stack lock,
 *                  randomness, logging
 */
#include <asm/cpu.h>
#include <tern/net_bh.h>
#include <tern/net_platform.h>
#include <tern/printk.h>
#include <tern/random.h>
#include <tern/sched.h>
#include <tern/selftest.h>
#include <tern/spinlock.h>
#include <tern/string.h>
#include <tern/time.h>

#define SAMPLES 256

static u64 samples[SAMPLES];

static unsigned popcount64(u64 x)
{
	unsigned n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

static int test_random(void)
{
	unsigned ones = 0;

	for (int i = 0; i < SAMPLES; i++) {
		samples[i] = get_random_u64();
		ones += popcount64(samples[i]);
		for (int j = 0; j < i; j++)
			if (samples[j] == samples[i]) {
				pr_err("random: value repeated after %d draws\n", i - j);
				return -1;
			}
	}
	/* 16384 fair bits: mean 8192, sd 64; allow 8 sd. */
	if (ones < 8192 - 512 || ones > 8192 + 512) {
		pr_err("random: %u of 16384 bits set\n", ones);
		return -1;
	}
	u8 buf[37];
	memset(buf, 0, sizeof(buf));
	get_random_bytes(buf, sizeof(buf));
	int zero = 0;
	for (size_t i = 0; i < sizeof(buf); i++)
		zero += buf[i] == 0;
	if (zero > 8) {
		pr_err("random: get_random_bytes left %d of 37 bytes zero\n", zero);
		return -1;
	}
	return 0;
}
SELFTEST(random, test_random, true);

static int test_netplatform(void)
{
	u8 *p = net_alloc(1000);

	if (!p)
		return -1;
	for (int i = 0; i < 1000; i++)
		if (p[i]) {
			pr_err("netplatform: net_alloc memory not zeroed\n");
			return -1;
		}
	net_free(p);
	net_free(NULL);

	u64 t0 = net_now_ns();
	msleep(2);
	u64 t1 = net_now_ns();
	if (t1 - t0 < 2 * NSEC_PER_MSEC) {
		pr_err("netplatform: net_now_ns moved %lu ns over a 2 ms sleep\n",
		       (unsigned long)(t1 - t0));
		return -1;
	}

	/* The stack lock: preemption off, interrupts left on (no interrupt
	 * handler takes it; docs/design.md §5). */
	net_lock();
	bool irqs_off = irqs_disabled(), atomic = in_atomic(), held = net_lock_held();
	net_unlock();
	if (irqs_off || !atomic || !held || in_atomic() || net_lock_held()) {
		pr_err("netplatform: net_lock: irqs %s, atomic %d, held %d (want on, 1, 1)\n",
		       irqs_off ? "off" : "on", atomic, held);
		return -1;
	}
	if (net_random_u32() == net_random_u32() && net_random_u32() == net_random_u32()) {
		pr_err("netplatform: net_random_u32 repeats\n");
		return -1;
	}
	u64 pos = log_next_pos();
	net_log(6, "netplatform probe %d\n", 42);
	char buf[128];
	size_t n = log_read(buf, sizeof(buf) - 1, &pos);
	buf[n] = '\0';
	if (!strchr(buf, ']') || strncmp(strchr(buf, ']'), "] netplatform probe 42\n", 23)) {
		pr_err("netplatform: net_log output not in the log\n");
		return -1;
	}
	return 0;
}
SELFTEST(netplatform, test_netplatform, true);
