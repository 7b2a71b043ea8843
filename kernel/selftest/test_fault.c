/*
 * Deliberate crashes, run only by name.  Each must end the machine with
 * a failure and a report naming the functions on the way (the test
 * suite checks the log for selftest_fault_inner/selftest_fault_outer):
 *   fault  - read through a NULL-ish pointer (page fault, not present)
 *   wp     - write to kernel text (page fault, protection violation)
 *   ud     - an invalid opcode
 *   panic  - panic()
 *   deadlock - take a spinlock twice: the lockup detector must panic
 *   stack  - run off the bottom of the kernel stack into its guard page:
 *            the page fault cannot be delivered on that stack, so the
 *            CPU raises a double fault, handled on its IST stack
 */
#include <tern/panic.h>
#include <tern/printk.h>
#include <tern/sched.h>
#include <tern/spinlock.h>
#include <tern/selftest.h>

enum crash { CRASH_NULL, CRASH_WP, CRASH_UD, CRASH_PANIC, CRASH_STACK, CRASH_DEADLOCK };

static DEFINE_SPINLOCK(selftest_lock);

/* Volatile so the compiler cannot see (and reject) the bad access. */
static volatile uintptr_t bad_address = 0x18;

__attribute__((noinline)) int selftest_fault_inner(enum crash how);
__attribute__((noinline)) int selftest_fault_outer(enum crash how);

__attribute__((noinline)) int selftest_fault_inner(enum crash how)
{
	volatile u64 *p;
	u64 v = 0;

	/* Each crash is followed by a call, so it happens inside this
	 * function's frame, not in an epilogue after rbp was popped. */
	switch (how) {
	case CRASH_NULL:
		p = (volatile u64 *)bad_address;
		v = *p;
		break;
	case CRASH_WP:
		p = (volatile u64 *)(void *)selftest_fault_outer;
		*p = 0;
		break;
	case CRASH_UD:
		__asm__ __volatile__("ud2");
		break;
	case CRASH_PANIC:
		panic("deliberate panic from the self-test");
	case CRASH_DEADLOCK: {
		unsigned long flags = spin_lock_irqsave(&selftest_lock);
		spin_lock(&selftest_lock);
		spin_unlock_irqrestore(&selftest_lock, flags);
		break;
	}
	case CRASH_STACK:
		/* As if the stack had overflowed: push into the guard page. */
		__asm__ __volatile__("movq %0, %%rsp\n\tpushq $0"
				     : : "r"((u64)current->stack - 64) : "memory");
		break;
	}
	pr_err("selftest: still alive after crash %d (read %lu)\n", how, (unsigned long)v);
	return 0;
}

__attribute__((noinline)) int selftest_fault_outer(enum crash how)
{
	int r = selftest_fault_inner(how);

	/* Not reached; keeps the call from being a tail call. */
	return r + 1;
}

static int crash(enum crash how)
{
	selftest_fault_outer(how);
	pr_err("selftest: the deliberate crash did not happen\n");
	return -1;
}

static int test_fault(void) { return crash(CRASH_NULL); }
static int test_wp(void) { return crash(CRASH_WP); }
static int test_ud(void) { return crash(CRASH_UD); }
static int test_panic(void) { return crash(CRASH_PANIC); }
SELFTEST(fault, test_fault, false);
SELFTEST(wp, test_wp, false);
SELFTEST(ud, test_ud, false);
static int test_stack(void) { return crash(CRASH_STACK); }
SELFTEST(panic, test_panic, false);
SELFTEST(stack, test_stack, false);
static int test_deadlock(void) { return crash(CRASH_DEADLOCK); }
SELFTEST(deadlock, test_deadlock, false);
