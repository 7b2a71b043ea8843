/*
 * POLLFREE (docs/design.md §9): a wait queue freed while a poller still
 * hangs on it.  A file whose ->poll names a heap queue is polled through
 * poll/select's table (an entry lands on the queue); the queue's owner
 * then calls wake_up_pollfree(): the entry must be gone from the queue
 * and the poller marked triggered, and poll_freewait() afterwards must
 * not touch the queue (it is overwritten with garbage first, so a stray
 * list_del would fault or corrupt visibly).  A normal wake-up is
 * checked first for contrast.
 */
#include <tern/fs.h>
#include <tern/vfs.h>
#include <tern/poll.h>
#include <tern/printk.h>
#include <tern/selftest.h>
#include <tern/slab.h>
#include <tern/string.h>

#define FAIL(...) do { pr_err("selftest pollfree: " __VA_ARGS__); return -1; } while (0)

static struct wait_queue_head *test_wq;

static u32 test_poll(struct file *f, struct poll_table *pt)
{
	poll_wait(f, test_wq, pt);
	return 0;
}

static const struct file_operations test_fops = { .poll = test_poll };

static int test_pollfree(void)
{
	struct poll_wqueues pwq;
	struct file *f = alloc_file(NULL, 0, &test_fops);

	if (!f)
		FAIL("no file\n");
	test_wq = kmalloc(sizeof(*test_wq));
	if (!test_wq)
		FAIL("no queue\n");
	init_waitqueue_head(test_wq);

	/* An ordinary wake-up: the entry stays, the poller is triggered. */
	poll_initwait(&pwq);
	if (vfs_poll(f, &pwq.pt) != 0 || !waitqueue_active(test_wq))
		FAIL("poll did not hang an entry on the queue\n");
	wake_up_poll(test_wq, POLLIN);
	if (!pwq.triggered || !waitqueue_active(test_wq))
		FAIL("ordinary wake-up: triggered %d\n", pwq.triggered);
	pwq.triggered = 0;

	/* The queue dies: POLLFREE unhooks the entry at once. */
	wake_up_pollfree(test_wq);
	if (!pwq.triggered)
		FAIL("POLLFREE did not wake the poller\n");
	if (waitqueue_active(test_wq))
		FAIL("POLLFREE left the entry on the queue\n");
	memset(test_wq, 0x6b, sizeof(*test_wq));
	kfree(test_wq);
	test_wq = NULL;
	poll_freewait(&pwq);	/* must not touch the freed queue */
	fput(f);
	pr_info("selftest pollfree: ok\n");
	return 0;
}

SELFTEST(pollfree, test_pollfree, true);
