/*
 * The load average (proc(5) /proc/loadavg, sysinfo(2) loads[]): every
 * LOAD_FREQ the number of active tasks -- runnable (the running one
 * included) and user tasks in an uninterruptible sleep -- is folded into
 * three exponentially decaying averages with 1, 5 and 15 minute time
 * constants, in FSHIFT-bit fixed point, as Linux does:
 *   load' = (load * e + active * (FIXED_1 - e)) / FIXED_1
 * with e = FIXED_1 / exp(5 s / T), rounded up while the load rises.
 * The sample is taken from the timer interrupt, which kernel/timer.c
 * arms for the sample time even on an idle CPU, so an idle machine decays
 * to 0.00 and one busy loop for 12 s reads about 0.15 over one minute.
 * linux-compat: kernel threads in an uninterruptible sleep are not
 * counted (Linux's idle kernel threads sleep in TASK_IDLE, not counted
 * either; Tern's have no such state).
 */
#include <tern/kernel.h>
#include <tern/loadavg.h>
#include <tern/sched.h>
#include <tern/time.h>

#define LOAD_FREQ_NS	(5ull * NSEC_PER_SEC + NSEC_PER_SEC / HZ)	/* 5 s + 1 tick */

/* FIXED_1 / exp(5 s / 1, 5, 15 min), rounded. */
static const unsigned long load_exp[3] = { 1884, 2014, 2037 };

static unsigned long avenrun[3];	/* written only by the tick */
static u64 next_sample = LOAD_FREQ_NS;

static void count_active(struct task *t, void *arg)
{
	unsigned long *n = arg;

	if (t->tid == 0)	/* the idle task */
		return;
	if (t->state == TASK_RUNNING || (t->state == TASK_UNINTERRUPTIBLE && t->proc))
		(*n)++;
}

static unsigned long calc_load(unsigned long load, unsigned long e, unsigned long active)
{
	unsigned long v = load * e + active * (FIXED_1 - e);

	if (active >= load)
		v += FIXED_1 - 1;
	return v >> FSHIFT;
}

u64 loadavg_next_sample(void)
{
	return next_sample;
}

/* From the timer interrupt (interrupts off). */
void loadavg_tick(u64 now)
{
	unsigned long active = 0;

	if (now < next_sample)
		return;
	next_sample += LOAD_FREQ_NS;
	if (next_sample <= now)		/* ticks were missed: resynchronise */
		next_sample = now + LOAD_FREQ_NS;
	for_each_task(count_active, &active);
	active *= FIXED_1;
	for (int k = 0; k < 3; k++)
		WRITE_ONCE(avenrun[k], calc_load(avenrun[k], load_exp[k], active));
}

void get_avenrun(unsigned long loads[3], int shift)
{
	for (int k = 0; k < 3; k++)
		loads[k] = READ_ONCE(avenrun[k]) << shift;
}
