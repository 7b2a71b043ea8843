/*
 * clock_nanosleep04: an absolute (TIMER_ABSTIME) clock_nanosleep() 10 ms
 * ahead of CLOCK_MONOTONIC and of CLOCK_REALTIME returns 0 and not before
 * that time, through libc and through the raw system call (the variants).
 */
#include "tst_test.h"

static const clockid_t clocks[] = { CLOCK_MONOTONIC, CLOCK_REALTIME };
static const char *const names[] = { "CLOCK_MONOTONIC", "CLOCK_REALTIME" };

static void run(unsigned int n)
{
	struct timespec ts, now;

	if (clock_gettime(clocks[n], &ts) == -1) {
		tst_res(TFAIL | TERRNO, "clock_gettime(2) failed for clock %s",
			names[n]);
		return;
	}
	ts.tv_nsec += 10000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	if (tst_variant == 0) {
		TEST(clock_nanosleep(clocks[n], TIMER_ABSTIME, &ts, NULL));
		if (TST_RET) {
			TST_ERR = TST_RET;
			TST_RET = -1;
		}
	} else {
		TEST(syscall(__NR_clock_nanosleep, clocks[n], TIMER_ABSTIME, &ts,
			     NULL));
	}
	if (TST_RET) {
		tst_res(TFAIL | TTERRNO, "clock_nanosleep(2) failed for clock %s",
			names[n]);
		return;
	}
	clock_gettime(clocks[n], &now);
	if (tst_timespec_diff_us(now, ts) < 0) {
		tst_res(TFAIL, "clock_nanosleep(2) woke %lld us early for clock %s",
			-tst_timespec_diff_us(now, ts), names[n]);
		return;
	}
	tst_res(TPASS, "clock_nanosleep(2) passed for clock %s", names[n]);
}

static void setup(void)
{
	tst_res(TINFO, "Testing variant: %s", tst_variant == 0 ?
		"libc clock_nanosleep()" : "raw syscall");
}

static struct tst_test test = {
	.tcnt = ARRAY_SIZE(clocks),
	.test = run,
	.test_variants = 2,
	.setup = setup,
};
