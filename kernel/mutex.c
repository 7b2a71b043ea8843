/*
 * Sleeping locks (see tern/mutex.h).  The owner field is the lock: a
 * compare-and-swap from NULL takes it.  A waiter queues itself
 * exclusively on m->wq *before* trying again, so an unlock that happens
 * between its failed attempt and its sleep either finds it on the queue
 * (and wakes it) or happened before the second attempt (which succeeds).
 */
#include <asm/cpu.h>
#include <tern/mutex.h>
#include <tern/panic.h>

void might_sleep(void)
{
	if (unlikely(in_atomic() || irqs_disabled()))
		panic("sleeping call in atomic context (preempt %d, irqs %s)",
		      preempt_count_get(), irqs_disabled() ? "off" : "on");
}

void mutex_init(struct mutex *m, const char *name)
{
	m->owner = NULL;
	init_waitqueue_head(&m->wq);
	m->name = name;
}

bool mutex_trylock(struct mutex *m)
{
	struct task *none = NULL;

	return __atomic_compare_exchange_n(&m->owner, &none, current, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

void mutex_lock(struct mutex *m)
{
	DEFINE_WAIT(w);

	might_sleep();
	if (unlikely(READ_ONCE(m->owner) == current))
		panic("mutex %s taken twice by %s (tid %d)", m->name, current->comm,
		      current->tid);
	if (mutex_trylock(m))
		return;
	for (;;) {
		prepare_to_wait_exclusive(&m->wq, &w, TASK_UNINTERRUPTIBLE);
		if (mutex_trylock(m))
			break;
		schedule();
	}
	finish_wait(&m->wq, &w);
}

void mutex_unlock(struct mutex *m)
{
	if (unlikely(READ_ONCE(m->owner) != current))
		panic("mutex %s released by %s, not its owner", m->name, current->comm);
	__atomic_store_n(&m->owner, NULL, __ATOMIC_RELEASE);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (waitqueue_active(&m->wq))
		wake_up(&m->wq);
}
