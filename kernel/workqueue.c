/*
 * One kernel thread, kworker, runs queued work items in order (see
 * workqueue.h).  wq_lock (irq-saving) protects the queue and every
 * item's membership in it; an item is taken off the queue before its
 * function runs, without the lock, so the function may sleep or requeue
 * itself.
 */
#include <tern/panic.h>
#include <tern/sched.h>
#include <tern/spinlock.h>
#include <tern/wait.h>
#include <tern/workqueue.h>

static LIST_HEAD(work_list);
static DEFINE_SPINLOCK(wq_lock);
static DECLARE_WAIT_QUEUE_HEAD(worker_wq);

void INIT_WORK(struct work_struct *w, void (*func)(struct work_struct *w))
{
	INIT_LIST_HEAD(&w->entry);
	w->func = func;
}

bool work_pending(const struct work_struct *w)
{
	return !list_empty(&w->entry);
}

bool schedule_work(struct work_struct *w)
{
	unsigned long flags = spin_lock_irqsave(&wq_lock);
	bool queued = list_empty(&w->entry);

	if (queued)
		list_add_tail(&w->entry, &work_list);
	spin_unlock_irqrestore(&wq_lock, flags);
	if (queued)
		wake_up(&worker_wq);
	return queued;
}

bool cancel_work(struct work_struct *w)
{
	unsigned long flags = spin_lock_irqsave(&wq_lock);
	bool was = !list_empty(&w->entry);

	if (was)
		list_del_init(&w->entry);
	spin_unlock_irqrestore(&wq_lock, flags);
	return was;
}

static struct work_struct *dequeue(void)
{
	unsigned long flags = spin_lock_irqsave(&wq_lock);
	struct work_struct *w = NULL;

	if (!list_empty(&work_list)) {
		w = list_first_entry(&work_list, struct work_struct, entry);
		list_del_init(&w->entry);
	}
	spin_unlock_irqrestore(&wq_lock, flags);
	return w;
}

static int worker_thread(void *arg)
{
	(void)arg;
	for (;;) {
		wait_event(worker_wq, !list_empty(&work_list));
		for (struct work_struct *w; (w = dequeue());)
			w->func(w);
	}
	return 0;
}

void workqueue_init(void)
{
	if (!kthread_create(worker_thread, NULL, "kworker"))
		panic("workqueue: cannot start kworker");
}
