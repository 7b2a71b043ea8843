/*
 * spinlock_t.  Tern runs on one CPU today, but every piece of shared
 * state is still taken under a spinlock so SMP is a switch, not a rewrite.
 *
 * Rules:
 *  - spin_lock_irqsave() is the normal form; a lock ever taken in an
 *    interrupt handler must always be taken with it.
 *  - spin_lock() (interrupts left as they are) disables preemption only.
 *  - Never sleep with a spinlock held.  Not recursive.
 *  - On one CPU a lock found held with interrupts off can never be
 *    released: after spinning SPIN_LOCKUP_CYCLES TSC cycles (about a
 *    second or two) we panic naming the lock, turning a silent hang into
 *    a report with a backtrace.
 */
#ifndef TERN_SPINLOCK_H
#define TERN_SPINLOCK_H

#include <asm/cpu.h>
#include <tern/kernel.h>

typedef struct {
	volatile u32 locked;
	const char *name;	/* for diagnostics */
} spinlock_t;

#define SPINLOCK_INIT(n)	{ 0, n }
#define DEFINE_SPINLOCK(x)	spinlock_t x = SPINLOCK_INIT(#x)

void preempt_disable(void);
void preempt_enable(void);
/* Held spinlocks plus explicit preempt_disable()s (kernel/sched.c). */
int preempt_count_get(void);
/* True when the caller may not sleep: a spinlock or preempt_disable held. */
static inline bool in_atomic(void)
{
	return preempt_count_get() != 0;
}
__attribute__((noreturn)) void spin_lockup(spinlock_t *l);

#define SPIN_LOCKUP_CYCLES	(1ull << 32)

static inline void spin_lock_init(spinlock_t *l, const char *name)
{
	l->locked = 0;
	l->name = name;
}

static inline void arch_spin_lock(spinlock_t *l)
{
	u64 start = 0;

	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE)) {
		if (!start)
			start = rdtsc();
		while (READ_ONCE(l->locked)) {
			cpu_relax();
			if (unlikely(rdtsc() - start > SPIN_LOCKUP_CYCLES))
				spin_lockup(l);
		}
	}
}

static inline void arch_spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

static inline bool spin_is_locked(spinlock_t *l)
{
	return READ_ONCE(l->locked) != 0;
}

static inline void spin_lock(spinlock_t *l)
{
	preempt_disable();
	arch_spin_lock(l);
}

static inline void spin_unlock(spinlock_t *l)
{
	arch_spin_unlock(l);
	preempt_enable();
}

/* Disable interrupts, take the lock, return the flags to restore. */
static inline unsigned long spin_lock_irqsave(spinlock_t *l)
{
	unsigned long flags = local_irq_save();
	preempt_disable();
	arch_spin_lock(l);
	return flags;
}

static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	arch_spin_unlock(l);
	preempt_enable();
	local_irq_restore(flags);
}

#endif
