/*
 * Wait queues (see wait.h for the protocol).  wq->lock (irq-saving)
 * protects the entry list; wake-ups may come from interrupt handlers.
 */
#include <tern/wait.h>

void init_waitqueue_head(struct wait_queue_head *wq)
{
	spin_lock_init(&wq->lock, "waitqueue");
	INIT_LIST_HEAD(&wq->head);
}

void init_waitqueue_entry(struct wait_queue_entry *e, struct task *t)
{
	e->flags = 0;
	e->private = t;
	e->func = default_wake_function;
	INIT_LIST_HEAD(&e->entry);
}

void init_waitqueue_func_entry(struct wait_queue_entry *e, wait_queue_func_t func)
{
	e->flags = 0;
	e->private = NULL;
	e->func = func;
	INIT_LIST_HEAD(&e->entry);
}

int default_wake_function(struct wait_queue_entry *e, unsigned mode, int flags, void *key)
{
	(void)mode;
	(void)flags;
	(void)key;
	return wake_up_process(e->private);
}

int autoremove_wake_function(struct wait_queue_entry *e, unsigned mode, int flags, void *key)
{
	int ret = default_wake_function(e, mode, flags, key);

	if (ret)
		list_del_init(&e->entry);
	return ret;
}

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	unsigned long flags = spin_lock_irqsave(&wq->lock);

	e->flags &= ~WQ_FLAG_EXCLUSIVE;
	list_add(&e->entry, &wq->head);
	spin_unlock_irqrestore(&wq->lock, flags);
}

/* Exclusive waiters go to the tail, after all non-exclusive ones. */
void add_wait_queue_exclusive(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	unsigned long flags = spin_lock_irqsave(&wq->lock);

	e->flags |= WQ_FLAG_EXCLUSIVE;
	list_add_tail(&e->entry, &wq->head);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	unsigned long flags = spin_lock_irqsave(&wq->lock);

	list_del_init(&e->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

static void prepare(struct wait_queue_head *wq, struct wait_queue_entry *e,
		    int state, bool exclusive)
{
	unsigned long flags = spin_lock_irqsave(&wq->lock);

	if (list_empty(&e->entry)) {
		if (exclusive) {
			e->flags |= WQ_FLAG_EXCLUSIVE;
			list_add_tail(&e->entry, &wq->head);
		} else {
			e->flags &= ~WQ_FLAG_EXCLUSIVE;
			list_add(&e->entry, &wq->head);
		}
	}
	/* State is set under the lock: a waker taking the lock after us
	 * sees the entry and this state, so the wake-up cannot be lost. */
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *e, int state)
{
	prepare(wq, e, state, false);
}

void prepare_to_wait_exclusive(struct wait_queue_head *wq, struct wait_queue_entry *e, int state)
{
	prepare(wq, e, state, true);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	set_current_state(TASK_RUNNING);
	if (!list_empty(&e->entry)) {
		unsigned long flags = spin_lock_irqsave(&wq->lock);
		list_del_init(&e->entry);
		spin_unlock_irqrestore(&wq->lock, flags);
	}
}

int __wake_up(struct wait_queue_head *wq, unsigned mode, int nr_exclusive, void *key)
{
	struct wait_queue_entry *e, *n;
	int woken = 0;
	unsigned long flags = spin_lock_irqsave(&wq->lock);

	list_for_each_entry_safe(e, n, &wq->head, entry) {
		unsigned eflags = e->flags;
		int ret = e->func(e, mode, 0, key);
		if (ret)
			woken++;
		if (ret && (eflags & WQ_FLAG_EXCLUSIVE) && !--nr_exclusive)
			break;
	}
	spin_unlock_irqrestore(&wq->lock, flags);
	return woken;
}
