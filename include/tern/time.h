/*
 * Time: the monotonic clock, the timer tick, kernel timers and the wall
 * clock.
 *
 *  - ktime_get_ns(): nanoseconds since the clock started (boot), from the
 *    TSC calibrated against the PIT (kernel/time.c).  0 before that.
 *  - jiffies: scheduler ticks given, HZ per second while the CPU is
 *    busy and none while it idles (kernel/timer.c).
 *  - struct timer_list: a function run from the timer interrupt once the
 *    monotonic clock passes `expires`, and no later than `expires +
 *    slack` as far as the interrupt can be on time (kernel/timer.c, one
 *    LAPIC interrupt per event, arch/x86_64/lapic.c).  Handlers run
 *    with interrupts off and must not sleep.
 *  - ktime_get_real_ns(): Unix time, from the CMOS RTC read at boot plus
 *    the monotonic clock (drivers/rtc.c).
 */
#ifndef TERN_TIME_H
#define TERN_TIME_H

#include <tern/list.h>
#include <tern/types.h>

#define HZ		1000
#define NSEC_PER_USEC	1000ull
#define NSEC_PER_MSEC	1000000ull
#define NSEC_PER_SEC	1000000000ull

u64 ktime_get_ns(void);
u64 ktime_ns_to_tsc(u64 ns);	/* the TSC reading at which the clock reads ns */
extern volatile u64 jiffies;
extern u64 tsc_khz;

void time_early_init(void);	/* note the TSC at kernel entry (time 0) */
void tsc_init(void);		/* calibrate the TSC, start the clock */
void timer_start(void);		/* arm the first clock event */
void timer_tick(void);		/* called by the timer interrupt */
void timer_resume_tick(void);	/* the CPU leaves idle (sched.c) */

struct timer_list {
	struct list_head entry;	/* on the pending list while armed */
	u64 expires;		/* monotonic ns */
	u64 slack;		/* ns it may run late, to share an interrupt */
	void (*fn)(struct timer_list *t);
};

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *t));
/* (Re)arm t to run at monotonic time `expires` (ns). */
void mod_timer(struct timer_list *t, u64 expires);
/* The same, allowed to run up to `slack` ns late to share an interrupt. */
void mod_timer_slack(struct timer_list *t, u64 expires, u64 slack);
/* Disarm; returns true if it was pending. */
bool del_timer(struct timer_list *t);
bool timer_pending(const struct timer_list *t);

/* Sleep the current task (kernel/sched.c). */
void msleep(unsigned int ms);

/* The same clocks as (seconds, nanoseconds), Linux's struct timespec64. */
struct timespec64 {
	s64 tv_sec;
	long tv_nsec;
};
void ktime_get_ts64(struct timespec64 *ts);		/* CLOCK_MONOTONIC */
void ktime_get_real_ts64(struct timespec64 *ts);	/* CLOCK_REALTIME */

/* Wall clock. */
void rtc_init(void);
u64 ktime_get_real_ns(void);
void ktime_set_real_ns(u64 ns);
struct rtc_time {
	int year, month, day, hour, min, sec;
};
/* Breaks Unix seconds into a UTC calendar date. */
void time_to_tm(s64 secs, struct rtc_time *tm);
s64 mktime_utc(const struct rtc_time *tm);

#endif
