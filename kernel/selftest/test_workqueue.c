/*
 * Deferred work: an item queued from a timer (interrupt context) runs
 * in kworker's thread context, where it can sleep; queueing a pending
 * item again is refused; cancel_work stops a pending item; an item can
 * requeue itself; items run in order.
 */
#include <tern/printk.h>
#include <tern/sched.h>
#include <tern/selftest.h>
#include <tern/string.h>
#include <tern/time.h>
#include <tern/wait.h>
#include <tern/workqueue.h>

#define LIMIT_NS (3 * NSEC_PER_SEC)

static DECLARE_WAIT_QUEUE_HEAD(wq_done);
static volatile int runs, self_requeues, order_pos;
static volatile int order[3];
static volatile bool ran_in_kworker, slept;
static struct work_struct irq_work, again_work, order_work[3], cancelled_work;

static void irq_work_fn(struct work_struct *w)
{
	(void)w;
	ran_in_kworker = !strcmp(current->comm, "kworker");
	u64 t0 = ktime_get_ns();
	msleep(2);
	slept = ktime_get_ns() - t0 >= 2 * NSEC_PER_MSEC;
	runs++;
	wake_up(&wq_done);
}

static void timer_fn(struct timer_list *t)
{
	(void)t;
	schedule_work(&irq_work);
}

static void again_fn(struct work_struct *w)
{
	if (++self_requeues < 3)
		schedule_work(w);
	wake_up(&wq_done);
}

static void order_fn(struct work_struct *w)
{
	order[order_pos++] = (int)(w - order_work);
	wake_up(&wq_done);
}

static void cancelled_fn(struct work_struct *w)
{
	(void)w;
	pr_err("workqueue: a cancelled item ran\n");
	runs += 100;
}

static int test_workqueue(void)
{
	struct timer_list t;

	INIT_WORK(&irq_work, irq_work_fn);
	timer_setup(&t, timer_fn);
	mod_timer(&t, ktime_get_ns() + NSEC_PER_MSEC);
	if (!wait_event_timeout(wq_done, runs == 1, LIMIT_NS) || !ran_in_kworker || !slept) {
		pr_err("workqueue: timer-queued work ran %d times, in kworker %d, slept %d\n",
		       runs, ran_in_kworker, slept);
		return -1;
	}

	/* Pending items are not queued twice; cancel stops them. */
	INIT_WORK(&cancelled_work, cancelled_fn);
	preempt_disable();	/* kworker must not run in between */
	bool first = schedule_work(&cancelled_work);
	bool second = schedule_work(&cancelled_work);
	bool cancelled = cancel_work(&cancelled_work);
	preempt_enable();
	if (!first || second || !cancelled || work_pending(&cancelled_work)) {
		pr_err("workqueue: queue/requeue/cancel gave %d/%d/%d\n", first, second, cancelled);
		return -1;
	}

	INIT_WORK(&again_work, again_fn);
	schedule_work(&again_work);
	if (!wait_event_timeout(wq_done, self_requeues == 3, LIMIT_NS)) {
		pr_err("workqueue: self-requeueing item ran %d of 3 times\n", self_requeues);
		return -1;
	}

	preempt_disable();
	for (int i = 0; i < 3; i++) {
		INIT_WORK(&order_work[i], order_fn);
		schedule_work(&order_work[i]);
	}
	preempt_enable();
	if (!wait_event_timeout(wq_done, order_pos == 3, LIMIT_NS) ||
	    order[0] != 0 || order[1] != 1 || order[2] != 2) {
		pr_err("workqueue: items ran out of order\n");
		return -1;
	}
	msleep(5);
	return runs == 1 ? 0 : -1;
}
SELFTEST(workqueue, test_workqueue, true);
