/*
 * Host stand-in for the kernel's <tern/spinlock.h> (same names, same
 * rules).  A lock is a flag; taking a held lock or releasing a free one
 * aborts the test, so recursion and unbalanced unlocks are caught.
 */
#ifndef TERN_SPINLOCK_H
#define TERN_SPINLOCK_H

#include <tern/kernel.h>

typedef struct {
	volatile u32 locked;
	const char *name;
} spinlock_t;

#define SPINLOCK_INIT(n)	{ 0, n }
#define DEFINE_SPINLOCK(x)	spinlock_t x = SPINLOCK_INIT(#x)

void host_lock_violation(const spinlock_t *l, const char *what);

static inline void spin_lock_init(spinlock_t *l, const char *name)
{
	l->locked = 0;
	l->name = name;
}

static inline bool spin_is_locked(spinlock_t *l)
{
	return l->locked != 0;
}

static inline void spin_lock(spinlock_t *l)
{
	if (l->locked)
		host_lock_violation(l, "taken twice");
	l->locked = 1;
}

static inline void spin_unlock(spinlock_t *l)
{
	if (!l->locked)
		host_lock_violation(l, "released while free");
	l->locked = 0;
}

static inline unsigned long spin_lock_irqsave(spinlock_t *l)
{
	spin_lock(l);
	return 0;
}

static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	(void)flags;
	spin_unlock(l);
}

#endif
