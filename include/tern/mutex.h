/*
 * A sleeping lock (kernel/mutex.c): for sections that may sleep or touch
 * user memory, where a spinlock may not be held (the socket lock of
 * docs/design.md §5 is one).
 *
 * Rules:
 *  - Only tasks take a mutex: never an interrupt handler, never with a
 *    spinlock held or interrupts off (mutex_lock checks; it may sleep).
 *  - The owner releases it; not recursive (taking it twice panics).
 *  - Waiting is uninterruptible, as Linux's lock_sock: holders keep
 *    their sections short and never wait for user space inside one.
 */
#ifndef TERN_MUTEX_H
#define TERN_MUTEX_H

#include <tern/sched.h>
#include <tern/wait.h>

struct mutex {
	struct task *owner;		/* NULL: free */
	struct wait_queue_head wq;	/* tasks waiting for it */
	const char *name;
};

#define MUTEX_INIT(m, n) { NULL, WAIT_QUEUE_HEAD_INIT((m).wq), n }
#define DEFINE_MUTEX(m) struct mutex m = MUTEX_INIT(m, #m)

void mutex_init(struct mutex *m, const char *name);
void mutex_lock(struct mutex *m);
/* true if taken without waiting. */
bool mutex_trylock(struct mutex *m);
void mutex_unlock(struct mutex *m);

static inline bool mutex_is_locked(const struct mutex *m)
{
	return READ_ONCE(m->owner) != NULL;
}

static inline bool mutex_owned(const struct mutex *m)
{
	return READ_ONCE(m->owner) == current;
}

/* Panics when the caller may not sleep (a spinlock held, interrupts off). */
void might_sleep(void);

#endif
