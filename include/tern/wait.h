/*
 * Wait queues: a list of entries, each with a wake-up callback.
 *
 * The default callback wakes the task in entry->private; other callbacks
 * let poll and epoll hook a file's wait queue without sleeping
 * on it (`key` carries the poll event mask of the wake-up).  A callback
 * returns nonzero if it woke something; __wake_up stops after waking
 * nr_exclusive entries flagged WQ_FLAG_EXCLUSIVE (non-exclusive entries
 * are all woken).  Callbacks run with the queue's lock held and
 * interrupts off: they must not sleep.
 *
 * Sleeping on a condition:
 *     DEFINE_WAIT(w);
 *     for (;;) {
 *             prepare_to_wait(&wq, &w, TASK_UNINTERRUPTIBLE);
 *             if (cond) break;
 *             schedule();
 *     }
 *     finish_wait(&wq, &w);
 * or simply wait_event(wq, cond).  The waker makes cond true, then calls
 * wake_up(&wq).
 */
#ifndef TERN_WAIT_H
#define TERN_WAIT_H

#include <tern/list.h>
#include <tern/sched.h>
#include <tern/spinlock.h>

struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *e, unsigned mode,
				 int flags, void *key);

#define WQ_FLAG_EXCLUSIVE	0x01

struct wait_queue_entry {
	unsigned flags;
	void *private;			/* the task, for the default callbacks */
	wait_queue_func_t func;
	struct list_head entry;
};

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};

#define WAIT_QUEUE_HEAD_INIT(name) \
	{ SPINLOCK_INIT(#name), LIST_HEAD_INIT((name).head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = WAIT_QUEUE_HEAD_INIT(name)

/* Wakes entry->private; returns 1 if it was asleep. */
int default_wake_function(struct wait_queue_entry *e, unsigned mode, int flags, void *key);
/* The same, and removes the entry from the queue when it woke the task. */
int autoremove_wake_function(struct wait_queue_entry *e, unsigned mode, int flags, void *key);

#define DEFINE_WAIT(name)                                               \
	struct wait_queue_entry name = {                                \
		.private = current,                                     \
		.func = autoremove_wake_function,                       \
		.entry = LIST_HEAD_INIT((name).entry),                  \
	}

void init_waitqueue_head(struct wait_queue_head *wq);
void init_waitqueue_entry(struct wait_queue_entry *e, struct task *t);
void init_waitqueue_func_entry(struct wait_queue_entry *e, wait_queue_func_t func);

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e);
void add_wait_queue_exclusive(struct wait_queue_head *wq, struct wait_queue_entry *e);
void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e);

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *e, int state);
void prepare_to_wait_exclusive(struct wait_queue_head *wq, struct wait_queue_entry *e, int state);
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *e);

/* Returns how many entries' callbacks reported a wake-up. */
int __wake_up(struct wait_queue_head *wq, unsigned mode, int nr_exclusive, void *key);
#define wake_up(wq)		__wake_up(wq, TASK_UNINTERRUPTIBLE, 1, NULL)
#define wake_up_all(wq)		__wake_up(wq, TASK_UNINTERRUPTIBLE, 0, NULL)
#define wake_up_poll(wq, mask)	__wake_up(wq, TASK_UNINTERRUPTIBLE, 1, (void *)(uintptr_t)(mask))

static inline bool waitqueue_active(struct wait_queue_head *wq)
{
	return !list_empty(&wq->head);
}

#define wait_event(wq, cond)                                            \
	do {                                                            \
		DEFINE_WAIT(__w);                                       \
		for (;;) {                                              \
			prepare_to_wait(&(wq), &__w, TASK_UNINTERRUPTIBLE); \
			if (cond)                                       \
				break;                                  \
			schedule();                                     \
		}                                                       \
		finish_wait(&(wq), &__w);                               \
	} while (0)

/*
 * Waits until cond or until ns have passed.  Evaluates to the ns left
 * (at least 1) if cond became true, 0 on timeout.
 */
#define wait_event_timeout(wq, cond, ns)                                \
	({                                                              \
		DEFINE_WAIT(__w);                                       \
		u64 __left = (ns);                                      \
		for (;;) {                                              \
			prepare_to_wait(&(wq), &__w, TASK_UNINTERRUPTIBLE); \
			if (cond) {                                     \
				if (!__left)                            \
					__left = 1;                     \
				break;                                  \
			}                                               \
			if (!__left)                                    \
				break;                                  \
			__left = schedule_timeout(__left);              \
		}                                                       \
		finish_wait(&(wq), &__w);                               \
		__left;                                                 \
	})

#endif
