/*
 * Deferred work (kernel/workqueue.c): a function queued from anywhere,
 * interrupt handlers included, runs soon after in the "kworker" kernel
 * thread, where it may sleep and take ordinary locks.  This is how a
 * device interrupt hands work to thread context (the network bottom
 * half, for instance).
 *
 * A work item is queued at most once at a time: schedule_work() on a
 * pending item does nothing and returns false.  The item may be queued
 * again from its own function.  Items run in queueing order.
 */
#ifndef TERN_WORKQUEUE_H
#define TERN_WORKQUEUE_H

#include <tern/list.h>

struct work_struct {
	struct list_head entry;		/* on the queue while pending */
	void (*func)(struct work_struct *w);
};

void INIT_WORK(struct work_struct *w, void (*func)(struct work_struct *w));
/* True if queued, false if it was already pending. */
bool schedule_work(struct work_struct *w);
/* Removes a pending item; true if it was pending (it will not run). */
bool cancel_work(struct work_struct *w);
bool work_pending(const struct work_struct *w);
void workqueue_init(void);	/* starts kworker (after sched_init) */

#endif
