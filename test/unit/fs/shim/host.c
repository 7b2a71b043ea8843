/* The kernel services fs/ uses, implemented over libc for host tests. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tern/panic.h>
#include <tern/printk.h>
#include <tern/mm.h>
#include <tern/slab.h>
#include <tern/spinlock.h>
#include <tern/time.h>
#include "host.h"
#include "../../../../fs/locks.h"

static long live_allocations;
static long fail_countdown = -1;
static s64 clock_sec = 1700000000;
static long clock_nsec;
static int printk_lines;

static bool should_fail(void)
{
	if (fail_countdown < 0)
		return false;
	if (fail_countdown == 0) {
		fail_countdown = -1;
		return true;
	}
	fail_countdown--;
	return false;
}

void *kmalloc(size_t size)
{
	void *p;

	if (should_fail())
		return NULL;
	/* Poison so code that relies on zeroed kmalloc memory shows up. */
	p = malloc(size ? size : 1);
	if (p) {
		memset(p, 0xa5, size);
		live_allocations++;
	}
	return p;
}

void *kzalloc(size_t size)
{
	void *p;

	if (should_fail())
		return NULL;
	p = calloc(1, size ? size : 1);
	if (p)
		live_allocations++;
	return p;
}

void kfree(const void *p)
{
	if (!p)
		return;
	live_allocations--;
	free((void *)p);
}

void *get_zeroed_page(void)
{
	void *p;

	if (should_fail())
		return NULL;
	p = aligned_alloc(PAGE_SIZE, PAGE_SIZE);
	if (p) {
		memset(p, 0, PAGE_SIZE);
		live_allocations++;
	}
	return p;
}

void free_pages_virt(void *p, unsigned order)
{
	if (!p)
		return;
	if (order != 0 || ((uintptr_t)p & (PAGE_SIZE - 1)))
		panic("free_pages_virt(%p, %u): not a page fs/ allocated", p, order);
	live_allocations--;
	free(p);
}

/* A 128 MiB machine. */
u64 nr_managed_pages(void)
{
	return 32768;
}

long host_live_allocations(void)
{
	return live_allocations;
}

void host_fail_alloc_after(long n)
{
	fail_countdown = n;
}

bool host_fail_pending(void)
{
	return fail_countdown >= 0;
}

void ktime_get_real_ts64(struct timespec64 *ts)
{
	ts->tv_sec = clock_sec;
	ts->tv_nsec = clock_nsec;
}

void host_clock_set(s64 sec, long nsec)
{
	clock_sec = sec;
	clock_nsec = nsec;
}

void host_clock_advance_ns(s64 ns)
{
	s64 total = clock_nsec + ns;

	clock_sec += total / (s64)NSEC_PER_SEC;
	clock_nsec = (long)(total % (s64)NSEC_PER_SEC);
}

int host_printk_count(void)
{
	int n = printk_lines;

	printk_lines = 0;
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (fmt[0] == '\001' && fmt[1])
		fmt += 2;
	/* Quiet unless FS_TEST_VERBOSE is set: malformed-input tests log a lot. */
	n = 0;
	if (getenv("FS_TEST_VERBOSE")) {
		va_start(ap, fmt);
		n = vfprintf(stderr, fmt, ap);
		va_end(ap);
	}
	printk_lines++;
	return n;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "panic: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	abort();
}

void host_lock_violation(const spinlock_t *l, const char *what)
{
	panic("spinlock %s %s", l->name ? l->name : "?", what);
}

/*
 * fs/locks.c is kernel-only (its waits sleep on wait queues and end on
 * signals); the fd tables here call its close hooks, which have no locks
 * to drop in these tests: record locks are tested in the guest
 * (test/guest/syscalls/locks.c).
 */
void locks_remove_posix(struct file *f, struct files_struct *owner)
{
	(void)f;
	(void)owner;
}

void locks_remove_file(struct file *f)
{
	(void)f;
}

void dnotify_dir(struct inode *dir, u32 event)
{
	(void)dir, (void)event;
}

void dnotify_file(struct file *f, u32 event)
{
	(void)f, (void)event;
}

void dnotify_flush(struct file *f, const void *owner)
{
	(void)f, (void)owner;
}

bool may_exceed_file_max(void)
{
	return true;	/* the tests run as the kernel would for root */
}

int lease_break(struct file *f, struct inode *inode, bool write, bool nonblock)
{
	(void)f, (void)inode, (void)write, (void)nonblock;
	return 0;
}
