/*
 * Time structures and clock ids (clock_gettime(2), setitimer(2),
 * times(2), gettimeofday(2)).
 */
#ifndef UAPI_TIME_H
#define UAPI_TIME_H

#include <uapi/types.h>

struct __kernel_timespec {
	s64 tv_sec;
	s64 tv_nsec;
};
_Static_assert(sizeof(struct __kernel_timespec) == 16, "timespec layout");

struct __kernel_timeval {
	s64 tv_sec;
	s64 tv_usec;
};
_Static_assert(sizeof(struct __kernel_timeval) == 16, "timeval layout");

struct __kernel_itimerval {
	struct __kernel_timeval it_interval;
	struct __kernel_timeval it_value;
};

struct timezone {
	s32 tz_minuteswest;
	s32 tz_dsttime;
};

struct tms {
	s64 tms_utime, tms_stime, tms_cutime, tms_cstime;
};

#define CLOCK_REALTIME			0
#define CLOCK_MONOTONIC			1
#define CLOCK_PROCESS_CPUTIME_ID	2
#define CLOCK_THREAD_CPUTIME_ID		3
#define CLOCK_MONOTONIC_RAW		4
#define CLOCK_REALTIME_COARSE		5
#define CLOCK_MONOTONIC_COARSE		6
#define CLOCK_BOOTTIME			7
#define CLOCK_REALTIME_ALARM		8
#define CLOCK_BOOTTIME_ALARM		9
#define CLOCK_TAI			11

#define TIMER_ABSTIME	0x01

#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2

/* clock_t ticks per second seen by times(2) and AT_CLKTCK. */
#define USER_HZ		100

#endif
