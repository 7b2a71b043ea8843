/*
 * The self-test runner.  test=a,b,c runs those tests in order in a
 * kernel thread, printing one line per test:
 *     selftest NAME: PASS
 *     selftest NAME: FAIL (error N)
 * then a summary, and ends QEMU with success only if every test passed.
 * test=all runs every test registered with in_all; test=list names all.
 *
 * Tests start on a quiet system: after the boot threads (the uptime
 * report) have finished, so counters of free pages and tasks are stable.
 */
#include <tern/init.h>
#include <tern/kernel.h>
#include <tern/printk.h>
#include <tern/reboot.h>
#include <tern/sched.h>
#include <tern/selftest.h>
#include <tern/string.h>
#include <tern/time.h>

extern const struct selftest __selftests_start[], __selftests_end[];

static char test_list[256];

static const struct selftest *find_test(const char *name, size_t len)
{
	for (const struct selftest *t = __selftests_start; t < __selftests_end; t++)
		if (strlen(t->name) == len && !strncmp(t->name, name, len))
			return t;
	return NULL;
}

static bool run_one(const struct selftest *t)
{
	printk("selftest %s: running\n", t->name);
	int rc = t->fn();
	if (rc)
		printk(KERN_ERR "selftest %s: FAIL (error %d)\n", t->name, rc);
	else
		printk("selftest %s: PASS\n", t->name);
	return rc == 0;
}

static int selftest_thread(void *arg)
{
	const char *p = arg;
	int passed = 0, failed = 0;

	wait_event_timeout(uptime_wq, uptime_reported, 5 * NSEC_PER_SEC);
	/* Idle, kworker and this thread; bounded wait for the rest. */
	for (int i = 0; i < 100 && nr_tasks() > 3; i++)
		msleep(1);

	if (!strcmp(p, "list")) {
		for (const struct selftest *t = __selftests_start; t < __selftests_end; t++)
			printk("selftest: %s%s\n", t->name, t->in_all ? "" : " (only by name)");
		machine_exit(true);
	}
	while (*p) {
		size_t len = 0;
		while (p[len] && p[len] != ',')
			len++;
		if (len == 3 && !strncmp(p, "all", 3)) {
			for (const struct selftest *t = __selftests_start; t < __selftests_end; t++)
				if (t->in_all)
					run_one(t) ? passed++ : failed++;
		} else if (len) {
			const struct selftest *t = find_test(p, len);
			if (t) {
				run_one(t) ? passed++ : failed++;
			} else {
				printk(KERN_ERR "selftest %.*s: FAIL (no such test)\n", (int)len, p);
				failed++;
			}
		}
		p += len;
		if (*p == ',')
			p++;
	}
	printk("selftest: %d passed, %d failed\n", passed, failed);
	machine_exit(failed == 0 && passed > 0);
}

void selftest_start(const char *list)
{
	strlcpy(test_list, list, sizeof(test_list));
	if (!kthread_create(selftest_thread, test_list, "selftest"))
		printk(KERN_ERR "selftest: cannot start the test thread\n");
}
