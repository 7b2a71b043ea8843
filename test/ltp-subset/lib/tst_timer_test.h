/*
 * tst_timer_test.h: timer-accuracy tests in the shape of LTP's.  A test
 * sets .scall (the call's name) and .sample, a function that sleeps in
 * the call under test for usec microseconds between tst_timer_start()
 * and tst_timer_stop() and then calls tst_timer_sample(); it returns
 * non-zero when the call failed.
 *
 * Without options the library measures LTP's table of sleeps (1 ms x 500,
 * 2 ms x 500, 5 ms x 300, 10 ms x 100, 25 ms x 50, 100 ms x 10, 1 s x 2);
 * `-s us -n count` measures one sleep length instead (LTP's options).
 * Each run fails if any sample woke up early, or if the mean of the
 * samples without the largest 5% (at least one) exceeds the request by
 * more than 400 us + 2 x the CLOCK_MONOTONIC resolution + the slack
 * (max(0.1% of the sleep capped at 100 ms, the timer slack)) per sample
 * plus 3000 us / samples in all.  Like LTP, the oversleep bound is not
 * applied on a virtual machine (tst_is_virt(): LTP_VIRT_OVERRIDE, else
 * the cpuinfo "hypervisor" flag); early wake-ups always fail.
 */
#ifndef TST_TIMER_TEST_H
#define TST_TIMER_TEST_H

#define TST_NO_DEFAULT_MAIN
#include "tst_test.h"

void tst_timer_sample(void);
struct tst_test *tst_timer_test_setup(struct tst_test *test);

static struct tst_test test;

int main(int argc, char *argv[])
{
	tst_run_tcases(argc, argv, tst_timer_test_setup(&test));
}

#endif
