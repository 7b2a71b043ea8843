/*
 * timerfd_create(2) and timerfd_settime(2) flags, and the ioctl that
 * sets the expiry count (CRIU), Linux x86_64 values.  The settings are
 * struct itimerspec with 64-bit timespecs.
 */
#ifndef TERN_UAPI_TIMERFD_H
#define TERN_UAPI_TIMERFD_H

#define TFD_TIMER_ABSTIME	(1 << 0)
#define TFD_TIMER_CANCEL_ON_SET	(1 << 1)	/* ECANCELED when the clock is set */
#define TFD_CLOEXEC		02000000	/* O_CLOEXEC */
#define TFD_NONBLOCK		00004000	/* O_NONBLOCK */

/* _IOW('T', 0, u64): write direction, 8 bytes, type 'T', number 0. */
#define TFD_IOC_SET_TICKS	0x40085400

#endif
