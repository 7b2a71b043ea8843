/*
 * Interruptible sleeps for the file code (pipes, FIFOs, ttys, poll).
 *
 * wait_event_interruptible(wq, cond) sleeps in TASK_INTERRUPTIBLE until
 * cond holds (0) or a signal is pending (-ERESTARTSYS; the syscall exit
 * path turns it into EINTR or a restart per SA_RESTART, signal(7)).
 *
 * file_signal_pending() is the one place the file code asks whether the
 * current task has a signal to take.
 */
#ifndef TERN_SIGWAIT_H
#define TERN_SIGWAIT_H

#include <tern/errno.h>
#include <tern/process.h>
#include <tern/sched.h>
#include <tern/wait.h>

/* Kernel threads are never sent signals. */
static inline bool file_signal_pending(void)
{
	return current->proc && signal_pending(current);
}

#define wait_event_interruptible(wq, cond)                              \
	({                                                              \
		DEFINE_WAIT(__w);                                       \
		int __ret = 0;                                          \
		for (;;) {                                              \
			prepare_to_wait(&(wq), &__w, TASK_INTERRUPTIBLE); \
			if (cond)                                       \
				break;                                  \
			if (file_signal_pending()) {                    \
				__ret = -ERESTARTSYS;                   \
				break;                                  \
			}                                               \
			schedule();                                     \
		}                                                       \
		finish_wait(&(wq), &__w);                               \
		__ret;                                                  \
	})

#endif
