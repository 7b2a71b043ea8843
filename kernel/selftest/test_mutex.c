/*
 * The sleeping mutex (tern/mutex.h):
 *  - exclusion: four threads each take the mutex 200 times and, holding
 *    it, read a shared counter, sleep or yield, and write it back plus
 *    one; a lost update (two holders at once) shows as a short total;
 *  - waiters sleep: while one thread holds the mutex across a 20 ms
 *    sleep, a second thread blocked on it is not runnable (its state is
 *    TASK_UNINTERRUPTIBLE) and gets the mutex once it is released;
 *  - trylock fails while held and succeeds when free.
 */
#include <tern/errno.h>
#include <tern/mutex.h>
#include <tern/printk.h>
#include <tern/sched.h>
#include <tern/selftest.h>
#include <tern/time.h>
#include <tern/wait.h>

#define THREADS		4
#define ROUNDS		200
#define LIMIT_NS	(10 * NSEC_PER_SEC)

static DEFINE_MUTEX(test_mtx);
static DECLARE_WAIT_QUEUE_HEAD(mtx_done_wq);
static volatile int finished;
static volatile u64 counter;

static int hammer(void *arg)
{
	int me = (int)(uintptr_t)arg;

	for (int i = 0; i < ROUNDS; i++) {
		mutex_lock(&test_mtx);
		u64 v = counter;
		if ((i + me) % 16 == 0)
			msleep(1);	/* sleep holding it: others must wait */
		else
			yield();
		counter = v + 1;
		mutex_unlock(&test_mtx);
	}
	finished++;
	wake_up_all(&mtx_done_wq);
	return 0;
}

static struct task *blocked_task;
static volatile bool blocked_got_it;

static int blocked(void *arg)
{
	(void)arg;
	blocked_task = current;
	mutex_lock(&test_mtx);
	blocked_got_it = true;
	mutex_unlock(&test_mtx);
	finished++;
	wake_up_all(&mtx_done_wq);
	return 0;
}

static int test_mutex(void)
{
	int rc = 0;

	finished = 0;
	counter = 0;
	for (int i = 0; i < THREADS; i++)
		if (!kthread_create(hammer, (void *)(uintptr_t)i, "mtx-hammer"))
			return -ENOMEM;
	if (!wait_event_timeout(mtx_done_wq, finished == THREADS, LIMIT_NS)) {
		pr_err("mutex: threads did not finish (%d of %d)\n", finished, THREADS);
		return -1;
	}
	if (counter != THREADS * ROUNDS) {
		pr_err("mutex: counter %lu, want %d: two holders at once\n",
		       (unsigned long)counter, THREADS * ROUNDS);
		rc = -1;
	}

	finished = 0;
	blocked_got_it = false;
	blocked_task = NULL;
	mutex_lock(&test_mtx);
	if (mutex_trylock(&test_mtx) || !mutex_owned(&test_mtx)) {
		pr_err("mutex: trylock succeeded while held\n");
		rc = -1;
	}
	if (!kthread_create(blocked, NULL, "mtx-blocked")) {
		mutex_unlock(&test_mtx);
		return -ENOMEM;
	}
	msleep(20);
	if (!blocked_task || blocked_got_it ||
	    READ_ONCE(blocked_task->state) != TASK_UNINTERRUPTIBLE) {
		pr_err("mutex: a waiter is not asleep while the mutex is held\n");
		rc = -1;
	}
	mutex_unlock(&test_mtx);
	if (!wait_event_timeout(mtx_done_wq, finished == 1, LIMIT_NS) || !blocked_got_it) {
		pr_err("mutex: the waiter never got the mutex\n");
		return -1;
	}
	if (!mutex_trylock(&test_mtx)) {
		pr_err("mutex: trylock failed on a free mutex\n");
		rc = -1;
	} else {
		mutex_unlock(&test_mtx);
	}
	return rc;
}
SELFTEST(mutex, test_mutex, true);
