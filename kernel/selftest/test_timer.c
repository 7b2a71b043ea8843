/*
 * The clock event and the clocks.  While the CPU is busy the scheduler
 * tick must come at HZ: 100 ticks while this thread spins are 100 ms
 * (we accept 50 ms..1 s: an emulator on a busy host drops ticks, while
 * the calibration mistakes this catches are off by a factor of 16 or
 * more).  While it idles there is no tick: a 100 ms sleep takes a
 * handful of timer interrupts, not 100.  A timer_list must fire no
 * earlier than asked; the wall clock must be plausible and advance
 * with the monotonic clock.
 */
#include <asm/desc.h>
#include <tern/irq.h>
#include <tern/printk.h>
#include <tern/selftest.h>
#include <tern/time.h>
#include <tern/wait.h>

#define TICKS		100
#define WAIT_LIMIT_NS	(3 * NSEC_PER_SEC)
#define IDLE_SLEEP_MS	100
#define IDLE_MAX_IRQS	20	/* a periodic tick would take 100 */

static DECLARE_WAIT_QUEUE_HEAD(timer_wq);
static volatile u64 fired_at;

static void timer_fn(struct timer_list *t)
{
	(void)t;
	fired_at = ktime_get_ns();
	wake_up(&timer_wq);
}

static int test_timer(void)
{
	u64 j0 = jiffies, t0 = ktime_get_ns();

	while (jiffies - j0 < TICKS && ktime_get_ns() - t0 < WAIT_LIMIT_NS)
		cpu_relax();
	u64 ticks = jiffies - j0, ns = ktime_get_ns() - t0;
	pr_info("timer: %lu ticks in %lu us\n", (unsigned long)ticks, (unsigned long)(ns / 1000));
	if (ticks < TICKS) {
		pr_err("timer: only %lu ticks arrived in 3 s of a busy CPU\n", (unsigned long)ticks);
		return -1;
	}
	u64 expect = (u64)TICKS * NSEC_PER_SEC / HZ;
	if (ns < expect / 2 || ns > expect * 10) {
		pr_err("timer: %d ticks took %lu us; tick and TSC clock disagree\n", TICKS,
		       (unsigned long)(ns / 1000));
		return -1;
	}

	u64 irqs = irq_count[VEC_LAPIC_TIMER];
	msleep(IDLE_SLEEP_MS);
	irqs = irq_count[VEC_LAPIC_TIMER] - irqs;
	pr_info("timer: %lu timer interrupts during a %d ms sleep\n", (unsigned long)irqs,
		IDLE_SLEEP_MS);
	if (irqs > IDLE_MAX_IRQS) {
		pr_err("timer: an idle CPU took %lu timer interrupts in %d ms\n",
		       (unsigned long)irqs, IDLE_SLEEP_MS);
		return -1;
	}

	struct timer_list t;
	timer_setup(&t, timer_fn);
	u64 armed = ktime_get_ns();
	mod_timer(&t, armed + 20 * NSEC_PER_MSEC);
	if (!wait_event_timeout(timer_wq, fired_at != 0, WAIT_LIMIT_NS)) {
		del_timer(&t);
		pr_err("timer: a 20 ms timer_list never fired\n");
		return -1;
	}
	if (fired_at < armed + 20 * NSEC_PER_MSEC) {
		pr_err("timer: the timer fired early\n");
		return -1;
	}

	struct rtc_time tm;
	u64 r0 = ktime_get_real_ns();
	time_to_tm(r0 / NSEC_PER_SEC, &tm);
	if (tm.year < 2020 || tm.year > 2200 || mktime_utc(&tm) != (s64)(r0 / NSEC_PER_SEC)) {
		pr_err("timer: implausible wall clock %04d-%02d-%02d\n", tm.year, tm.month, tm.day);
		return -1;
	}
	msleep(10);
	u64 dr = ktime_get_real_ns() - r0;
	if (dr < 10 * NSEC_PER_MSEC || dr > 5 * NSEC_PER_SEC) {
		pr_err("timer: wall clock moved %lu us during a 10 ms sleep\n", (unsigned long)(dr / 1000));
		return -1;
	}
	return 0;
}
SELFTEST(timer, test_timer, true);
