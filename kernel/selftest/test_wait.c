/*
 * Kernel threads, wait queues, preemption and spinlocks:
 *  - ping-pong: two threads hand a turn back and forth 100 times, each
 *    sleeping on its own wait queue until woken by the other;
 *  - timeout: a wait on a condition that never comes ends by the timer;
 *  - preemption: two threads spin without sleeping; each waits until it
 *    sees the other make progress, which only the tick can allow, and
 *    both bump a shared counter under a spinlock;
 *  - exclusive and callback wake-ups (what poll/epoll will build on);
 *  - finished threads are freed: task count and free pages come back.
 */
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/sched.h>
#include <tern/selftest.h>
#include <tern/spinlock.h>
#include <tern/time.h>
#include <tern/wait.h>

#define ROUNDS		100
#define SPIN_ITERS	20000
#define LIMIT_NS	(5 * NSEC_PER_SEC)

static DECLARE_WAIT_QUEUE_HEAD(done_wq);
static volatile int done;

/* Ping-pong. */
static struct wait_queue_head turn_wq[2];
static volatile int turn, bounces;

static int pingpong(void *arg)
{
	int me = (int)(uintptr_t)arg;

	for (int i = 0; i < ROUNDS; i++) {
		wait_event(turn_wq[me], turn == me);
		bounces++;
		turn = !me;
		wake_up(&turn_wq[!me]);
	}
	done++;
	wake_up(&done_wq);
	return 0;
}

/* Preemption and the spinlock. */
static DEFINE_SPINLOCK(count_lock);
static volatile u64 shared_count, progress[2];
static volatile bool saw_other[2];

static int spinner(void *arg)
{
	int me = (int)(uintptr_t)arg;
	u64 start = ktime_get_ns();

	for (int i = 0; i < SPIN_ITERS; i++) {
		unsigned long flags = spin_lock_irqsave(&count_lock);
		shared_count++;
		spin_unlock_irqrestore(&count_lock, flags);
		progress[me]++;
	}
	/* Never sleeping: only preemption lets the other thread run. */
	while (!progress[!me] && ktime_get_ns() - start < LIMIT_NS)
		cpu_relax();
	saw_other[me] = progress[!me] != 0;
	done++;
	wake_up(&done_wq);
	return 0;
}

/* Exclusive waiters and callbacks. */
static DECLARE_WAIT_QUEUE_HEAD(excl_wq);
static volatile int excl_woken, excl_release;
static volatile uintptr_t callback_key;

static int excl_waiter(void *arg)
{
	DEFINE_WAIT(w);

	(void)arg;
	for (;;) {
		prepare_to_wait_exclusive(&excl_wq, &w, TASK_UNINTERRUPTIBLE);
		if (excl_release > excl_woken)
			break;
		schedule();
	}
	finish_wait(&excl_wq, &w);
	excl_woken++;
	done++;
	wake_up(&done_wq);
	return 0;
}

static int key_callback(struct wait_queue_entry *e, unsigned mode, int flags, void *key)
{
	(void)e;
	(void)mode;
	(void)flags;
	callback_key = (uintptr_t)key;
	return 0;	/* woke nobody: must not count as an exclusive wake */
}

static bool wait_done(int n)
{
	return wait_event_timeout(done_wq, done >= n, LIMIT_NS) != 0;
}

static int test_wait(void)
{
	int tasks0 = nr_tasks();
	u64 free0 = nr_free_pages();

	init_waitqueue_head(&turn_wq[0]);
	init_waitqueue_head(&turn_wq[1]);
	done = 0;
	if (!kthread_create(pingpong, (void *)0, "ping") ||
	    !kthread_create(pingpong, (void *)1, "pong"))
		return -1;
	if (!wait_done(2) || bounces != 2 * ROUNDS) {
		pr_err("wait: ping-pong stopped after %d of %d bounces\n", bounces, 2 * ROUNDS);
		return -1;
	}

	DECLARE_WAIT_QUEUE_HEAD(never_wq);
	u64 t0 = ktime_get_ns();
	u64 left = wait_event_timeout(never_wq, false, 20 * NSEC_PER_MSEC);
	u64 slept = ktime_get_ns() - t0;
	if (left || slept < 20 * NSEC_PER_MSEC || slept > LIMIT_NS) {
		pr_err("wait: a 20 ms timeout returned %lu after %lu us\n",
		       (unsigned long)left, (unsigned long)(slept / 1000));
		return -1;
	}

	done = 0;
	u64 switches0 = nr_context_switches;
	if (!kthread_create(spinner, (void *)0, "spin0") ||
	    !kthread_create(spinner, (void *)1, "spin1"))
		return -1;
	if (!wait_done(2) || !saw_other[0] || !saw_other[1] || shared_count != 2 * SPIN_ITERS) {
		pr_err("wait: spinners: count %lu of %d, preempted %d/%d\n",
		       (unsigned long)shared_count, 2 * SPIN_ITERS, saw_other[0], saw_other[1]);
		return -1;
	}
	pr_info("wait: %lu context switches while spinning\n",
		(unsigned long)(nr_context_switches - switches0));

	done = 0;
	for (int i = 0; i < 3; i++)
		if (!kthread_create(excl_waiter, NULL, "excl"))
			return -1;
	struct wait_queue_entry cb;
	init_waitqueue_func_entry(&cb, key_callback);
	add_wait_queue(&excl_wq, &cb);
	msleep(20);	/* let all three go to sleep */
	excl_release = 1;
	int woken = wake_up_poll(&excl_wq, 0x41);
	if (woken != 1 || callback_key != 0x41) {
		pr_err("wait: exclusive wake-up woke %d (want 1), callback key 0x%lx\n",
		       woken, (unsigned long)callback_key);
		return -1;
	}
	excl_release = 3;
	wake_up_all(&excl_wq);
	remove_wait_queue(&excl_wq, &cb);
	if (!wait_done(3)) {
		pr_err("wait: exclusive waiters did not all finish\n");
		return -1;
	}

	msleep(10);	/* let the last threads exit and be reaped */
	if (nr_tasks() != tasks0 || nr_free_pages() != free0) {
		pr_err("wait: %d tasks (was %d), %lu pages free (was %lu)\n", nr_tasks(), tasks0,
		       (unsigned long)nr_free_pages(), (unsigned long)free0);
		return -1;
	}
	return 0;
}
SELFTEST(wait, test_wait, true);
