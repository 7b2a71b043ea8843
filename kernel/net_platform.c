/*
 * The kernel side of include/tern/net_platform.h: what the network stack
 * (net/) may use of the kernel, mapped onto kernel services.
 *
 * net_lock is the stack lock: one irq-saving spinlock.  It is never
 * taken in a hard interrupt handler (device interrupts only queue work),
 * and is not recursive: taking it twice from one task panics with a
 * message instead of spinning forever with interrupts off.
 */
#include <tern/net_platform.h>
#include <tern/panic.h>
#include <tern/printk.h>
#include <tern/random.h>
#include <tern/sched.h>
#include <tern/slab.h>
#include <tern/spinlock.h>
#include <tern/time.h>

static DEFINE_SPINLOCK(net_stack_lock);
static unsigned long net_lock_flags;	/* under net_stack_lock */
static struct task *net_lock_owner;

u64 net_now_ns(void)
{
	return ktime_get_ns();
}

/* The network bottom half's wake-up is not programmed from here yet. */
void net_timers_changed(u64 next_ns)
{
	(void)next_ns;
}

void *net_alloc(size_t size)
{
	return kzalloc(size);
}

void net_free(void *p)
{
	kfree(p);
}

void net_lock(void)
{
	if (net_lock_owner && net_lock_owner == current)
		panic("net_lock: taken twice by %s (tid %d)", current->comm, current->tid);
	unsigned long flags = spin_lock_irqsave(&net_stack_lock);
	net_lock_flags = flags;
	net_lock_owner = current;
}

void net_unlock(void)
{
	unsigned long flags = net_lock_flags;

	BUG_ON(net_lock_owner != current);
	net_lock_owner = NULL;
	spin_unlock_irqrestore(&net_stack_lock, flags);
}

u32 net_random_u32(void)
{
	return get_random_u32();
}

void net_log(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk_level(level < 0 ? 0 : level > 7 ? 7 : level, fmt, ap);
	va_end(ap);
}

_Noreturn void net_panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	panic("net: %s", msg);
}
