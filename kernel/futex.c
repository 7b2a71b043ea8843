/*
 * futex(2): FUTEX_WAIT/WAKE (private and shared), WAIT_BITSET/
 * WAKE_BITSET, REQUEUE/CMP_REQUEUE, WAKE_OP; timeouts relative (WAIT) or
 * absolute (WAIT_BITSET, CLOCK_MONOTONIC or FUTEX_CLOCK_REALTIME).
 *
 * A futex is keyed by (mm, address), except a shared futex in a
 * MAP_SHARED mapping, keyed by the physical address of the word so that
 * every process mapping it matches.  One global list of waiters under futex_lock (the value
 * check and the enqueue happen under it, so no wake-up is lost).
 */
#include <asm/pgtable.h>
#include <tern/errno.h>
#include <tern/futex.h>
#include <tern/signal.h>
#include <tern/kernel.h>
#include <tern/list.h>
#include <tern/mm.h>
#include <tern/mm_types.h>
#include <tern/process.h>
#include <tern/spinlock.h>
#include <tern/syscalls.h>
#include <tern/time.h>
#include <tern/uaccess.h>
#include <uapi/sched.h>
#include <uapi/time.h>

struct futex_key {
	void *mm;		/* NULL for a shared key */
	u64 addr;		/* user address, or physical for shared */
};

struct futex_waiter {
	struct list_head list;
	struct futex_key key;
	u32 bitset;
	struct task *task;
	bool woken;
};

static LIST_HEAD(futex_waiters);
static DEFINE_SPINLOCK(futex_lock);

static bool key_eq(const struct futex_key *a, const struct futex_key *b)
{
	return a->mm == b->mm && a->addr == b->addr;
}

static int get_futex_key(u32 *uaddr, bool shared, struct futex_key *key)
{
	u64 a = (u64)uaddr;

	if (a & 3)
		return -EINVAL;
	if (!access_ok(uaddr, 4))
		return -EFAULT;
	key->mm = current->mm;
	key->addr = a;
	if (!shared)
		return 0;
	/* Fault the page in (reading is enough), then name it physically. */
	u32 v;
	if (copy_from_user(&v, uaddr, 4))
		return -EFAULT;
	struct mm_struct *mm = current->mm;
	unsigned long fl = spin_lock_irqsave(&mm->lock);
	struct vm_area_struct *vma = find_vma(mm, a);
	if (vma && !(vma->vm_flags & VM_SHARED)) {
		/* Private memory: (mm, address) as for a private futex (Linux
		 * does the same), so the clear_child_tid wake-up matches. */
		spin_unlock_irqrestore(&mm->lock, fl);
		return 0;
	}
	int level;
	pte_t *pte = pte_lookup(mm->pgd, a & PAGE_MASK, &level);
	int err = 0;
	if (pte && (*pte & PTE_P) && level == 1) {
		key->mm = NULL;
		key->addr = (*pte & PTE_ADDR_MASK) | (a & (PAGE_SIZE - 1));
	} else {
		err = -EFAULT;
	}
	spin_unlock_irqrestore(&mm->lock, fl);
	return err;
}

static int wake_key(const struct futex_key *key, int n, u32 bitset)
{
	struct futex_waiter *w, *tmp;
	int woken = 0;

	list_for_each_entry_safe(w, tmp, &futex_waiters, list) {
		if (woken >= n)
			break;
		if (!key_eq(&w->key, key) || !(w->bitset & bitset))
			continue;
		list_del_init(&w->list);
		w->woken = true;
		wake_up_process(w->task);
		woken++;
	}
	return woken;
}

int futex_wake_addr(u32 *uaddr, int n)
{
	struct futex_key key;

	if (get_futex_key(uaddr, true, &key))
		return 0;
	unsigned long fl = spin_lock_irqsave(&futex_lock);
	int r = wake_key(&key, n, FUTEX_BITSET_MATCH_ANY);
	spin_unlock_irqrestore(&futex_lock, fl);
	return r;
}

static long futex_wait(u32 *uaddr, bool shared, u32 val, u64 deadline, bool realtime,
		       u32 bitset)
{
	struct futex_waiter w = { .bitset = bitset, .task = current };
	long ret = get_futex_key(uaddr, shared, &w.key);

	if (ret)
		return ret;
	if (!bitset)
		return -EINVAL;
	INIT_LIST_HEAD(&w.list);
	unsigned long fl = spin_lock_irqsave(&futex_lock);
	u32 cur;
	if (copy_from_user_atomic(&cur, uaddr, 4)) {
		spin_unlock_irqrestore(&futex_lock, fl);
		return -EFAULT;
	}
	if (cur != val) {
		spin_unlock_irqrestore(&futex_lock, fl);
		return -EAGAIN;
	}
	list_add_tail(&w.list, &futex_waiters);
	set_current_state(TASK_INTERRUPTIBLE);
	spin_unlock_irqrestore(&futex_lock, fl);

	for (;;) {
		if (READ_ONCE(w.woken)) {
			ret = 0;
			break;
		}
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		if (deadline) {
			u64 now = realtime ? ktime_get_real_ns() : ktime_get_ns();
			if (now >= deadline) {
				ret = -ETIMEDOUT;
				break;
			}
			schedule_timeout_interruptible(deadline - now);
		} else {
			schedule();
		}
		set_current_state(TASK_INTERRUPTIBLE);
	}
	set_current_state(TASK_RUNNING);
	fl = spin_lock_irqsave(&futex_lock);
	if (w.woken)
		ret = 0;
	else
		list_del_init(&w.list);
	spin_unlock_irqrestore(&futex_lock, fl);
	return ret;
}

static long futex_requeue(u32 *uaddr, bool shared, int nr_wake, int nr_requeue,
			  u32 *uaddr2, bool cmp, u32 val3)
{
	struct futex_key k1, k2;
	long ret = get_futex_key(uaddr, shared, &k1);

	if (ret)
		return ret;
	ret = get_futex_key(uaddr2, shared, &k2);
	if (ret)
		return ret;
	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	unsigned long fl = spin_lock_irqsave(&futex_lock);
	if (cmp) {
		u32 cur;
		if (copy_from_user_atomic(&cur, uaddr, 4)) {
			spin_unlock_irqrestore(&futex_lock, fl);
			return -EFAULT;
		}
		if (cur != val3) {
			spin_unlock_irqrestore(&futex_lock, fl);
			return -EAGAIN;
		}
	}
	int woken = wake_key(&k1, nr_wake, FUTEX_BITSET_MATCH_ANY), moved = 0;
	struct futex_waiter *w;
	list_for_each_entry(w, &futex_waiters, list) {
		if (moved >= nr_requeue)
			break;
		if (key_eq(&w->key, &k1)) {
			w->key = k2;
			moved++;
		}
	}
	spin_unlock_irqrestore(&futex_lock, fl);
	return woken + moved;
}

/* FUTEX_WAKE_OP: *uaddr2 = op(*uaddr2, oparg); wake uaddr; maybe uaddr2. */
static long futex_wake_op(u32 *uaddr, bool shared, int nr_wake, int nr_wake2,
			  u32 *uaddr2, u32 val3)
{
	struct futex_key k1, k2;
	long ret = get_futex_key(uaddr, shared, &k1);

	if (ret)
		return ret;
	ret = get_futex_key(uaddr2, shared, &k2);
	if (ret)
		return ret;
	u32 op = (val3 >> 28) & 7, cmp = (val3 >> 24) & 15;
	u32 oparg = (val3 >> 12) & 0xfff, cmparg = val3 & 0xfff;
	if (val3 & (8u << 28))
		oparg = 1u << (oparg & 31);
	unsigned long fl = spin_lock_irqsave(&futex_lock);
	u32 old, nv;
	if (copy_from_user_atomic(&old, uaddr2, 4)) {
		spin_unlock_irqrestore(&futex_lock, fl);
		return -EFAULT;
	}
	switch (op) {
	case 0: nv = oparg; break;
	case 1: nv = old + oparg; break;
	case 2: nv = old | oparg; break;
	case 3: nv = old & ~oparg; break;
	case 4: nv = old ^ oparg; break;
	default:
		spin_unlock_irqrestore(&futex_lock, fl);
		return -ENOSYS;
	}
	if (copy_to_user_atomic(uaddr2, &nv, 4)) {
		spin_unlock_irqrestore(&futex_lock, fl);
		return -EFAULT;
	}
	bool hit;
	switch (cmp) {
	case 0: hit = old == cmparg; break;
	case 1: hit = old != cmparg; break;
	case 2: hit = (s32)old < (s32)cmparg; break;
	case 3: hit = (s32)old <= (s32)cmparg; break;
	case 4: hit = (s32)old > (s32)cmparg; break;
	case 5: hit = (s32)old >= (s32)cmparg; break;
	default: hit = false; break;
	}
	int woken = wake_key(&k1, nr_wake, FUTEX_BITSET_MATCH_ANY);
	if (hit)
		woken += wake_key(&k2, nr_wake2, FUTEX_BITSET_MATCH_ANY);
	spin_unlock_irqrestore(&futex_lock, fl);
	return woken;
}

long sys_futex(u32 *uaddr, int op, u32 val, const void *utime, u32 *uaddr2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	bool shared = !(op & FUTEX_PRIVATE_FLAG);
	bool realtime = op & FUTEX_CLOCK_REALTIME;
	u64 deadline = 0;

	if (realtime && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT)
		return -ENOSYS;
	if ((cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET) && utime) {
		struct __kernel_timespec ts;
		if (copy_from_user(&ts, utime, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (s64)NSEC_PER_SEC)
			return -EINVAL;
		u64 ns = (u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
		if (cmd == FUTEX_WAIT) {
			/* Relative, against CLOCK_MONOTONIC. */
			deadline = ktime_get_ns() + ns;
			realtime = false;
		} else {
			deadline = ns ? ns : 1;
		}
	}
	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, shared, val, deadline, realtime, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, shared, val, deadline, realtime, val3);
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET: {
		struct futex_key key;
		u32 bits = cmd == FUTEX_WAKE ? FUTEX_BITSET_MATCH_ANY : val3;
		if (!bits)
			return -EINVAL;
		long r = get_futex_key(uaddr, shared, &key);
		if (r)
			return r;
		unsigned long fl = spin_lock_irqsave(&futex_lock);
		r = wake_key(&key, (int)MIN(val, (u32)INT32_MAX), bits);
		spin_unlock_irqrestore(&futex_lock, fl);
		return r;
	}
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, shared, (int)val, (int)(u64)utime, uaddr2, false, 0);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, shared, (int)val, (int)(u64)utime, uaddr2, true, val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, shared, (int)val, (int)(u64)utime, uaddr2, val3);
	default:
		return -ENOSYS;
	}
}

/* ---- robust futexes (set_robust_list(2), Linux's robust-futex ABI) ---- */

#define FUTEX_WAITERS		0x80000000u
#define FUTEX_OWNER_DIED	0x40000000u
#define FUTEX_TID_MASK		0x3fffffffu
#define ROBUST_LIST_LIMIT	2048	/* entries walked at most (Linux's limit) */

struct robust_list_head_abi {
	u64 next;		/* first entry, or the head's own address */
	s64 futex_offset;	/* from an entry to its futex word */
	u64 list_op_pending;
};

long sys_set_robust_list(void *head, size_t len)
{
	if (len != sizeof(struct robust_list_head_abi))
		return -EINVAL;
	current->robust_list = (u64)head;
	return 0;
}

long sys_get_robust_list(int pid, void *uhead, size_t *ulen)
{
	u64 head;
	size_t len = sizeof(struct robust_list_head_abi);
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	struct task *t = pid ? find_task(pid) : current;

	if (t)
		head = t->robust_list;
	spin_unlock_irqrestore(&tasklist_lock, fl);
	if (!t)
		return -ESRCH;
	if (copy_to_user(uhead, &head, sizeof(head)) || copy_to_user(ulen, &len, sizeof(len)))
		return -EFAULT;
	return 0;
}

/* The owner died holding the lock at uaddr: mark it, wake a waiter. */
static void handle_futex_death(u32 *uaddr, int tid)
{
	u32 val;

	if (((u64)uaddr & 3) || copy_from_user(&val, uaddr, sizeof(val)))
		return;
	if ((val & FUTEX_TID_MASK) != (u32)tid)
		return;
	u32 nv = (val & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
	if (copy_to_user(uaddr, &nv, sizeof(nv)))
		return;
	if (val & FUTEX_WAITERS)
		futex_wake_addr(uaddr, 1);
}

void exit_robust_list(struct task *t)
{
	struct robust_list_head_abi head;
	u64 haddr = t->robust_list;

	t->robust_list = 0;
	if (!haddr || copy_from_user(&head, (void *)haddr, sizeof(head)))
		return;
	u64 e = head.next;
	for (int n = 0; e != haddr && n < ROBUST_LIST_LIMIT; n++) {
		u64 next;
		if (copy_from_user(&next, (void *)e, sizeof(next)))
			break;
		if (e != head.list_op_pending)
			handle_futex_death((u32 *)(e + head.futex_offset), t->tid);
		e = next;
	}
	if (head.list_op_pending)
		handle_futex_death((u32 *)(head.list_op_pending + head.futex_offset), t->tid);
}
