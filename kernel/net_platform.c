/*
 * The kernel side of include/tern/net_platform.h: what the network stack
 * (net/) may use of the kernel, mapped onto kernel services.
 *
 * net_lock is the stack lock (docs/design.md §5): one spinlock taken
 * with preemption off and interrupts on, since no interrupt handler
 * takes it (device interrupts only queue work for the bottom half).  It
 * is not recursive: taking it twice from one task panics with a message
 * instead of spinning forever.  Releasing it runs what the stack asked
 * of its bottom half meanwhile (net/core/bh.c).
 */
#include <tern/net_bh.h>
#include <tern/net_platform.h>
#include <tern/panic.h>
#include <tern/printk.h>
#include <tern/random.h>
#include <tern/sched.h>
#include <tern/slab.h>
#include <tern/spinlock.h>
#include <tern/time.h>

static DEFINE_SPINLOCK(net_stack_lock);
static struct task *net_lock_owner;

u64 net_now_ns(void)
{
	return ktime_get_ns();
}


void *net_alloc(size_t size)
{
	return kzalloc(size);
}

void *net_alloc_nozero(size_t size)
{
	return kmalloc(size);
}

void net_free(void *p)
{
	kfree(p);
}

void net_lock(void)
{
	if (net_lock_owner && net_lock_owner == current)
		panic("net_lock: taken twice by %s (tid %d)", current->comm, current->tid);
	spin_lock(&net_stack_lock);
	net_lock_owner = current;
}

void net_unlock(void)
{
	BUG_ON(net_lock_owner != current);
	net_bh_before_unlock();
	net_lock_owner = NULL;
	spin_unlock(&net_stack_lock);
}

bool net_lock_held(void)
{
	return net_lock_owner == current;
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
