/*
 * Kernel stacks with guard pages.  Each stack lives in its own slot of
 * the KSTACK_BASE window: the lower half of the slot (THREAD_SIZE bytes)
 * is never mapped, the upper half maps THREAD_SIZE / PAGE_SIZE pages
 * (not necessarily contiguous in physical memory).  A stack overflow
 * therefore hits the guard and faults instead of silently corrupting the
 * neighbouring memory; since the fault cannot push its frame on that
 * stack either, the CPU raises a double fault, which runs on its own IST
 * stack and reports it (arch/x86_64/traps.c).
 *
 * Locking: kstack_lock (irq-saving) protects the slot bitmap.
 */
#include <asm/pgtable.h>
#include <tern/kernel.h>
#include <tern/kstack.h>
#include <tern/mm.h>
#include <tern/panic.h>
#include <tern/sched.h>
#include <tern/spinlock.h>

#define SLOT_SIZE	(2 * THREAD_SIZE)
#define STACK_PAGES	(THREAD_SIZE / PAGE_SIZE)

static u64 slot_used[KSTACK_SLOTS / 64];
static DEFINE_SPINLOCK(kstack_lock);

static int slot_get(void)
{
	int found = -1;
	unsigned long flags = spin_lock_irqsave(&kstack_lock);

	/* Lowest free slot: reuses the page tables of the first slots
	 * (kept once created), so the memory they take stays bounded. */
	for (unsigned w = 0; w < KSTACK_SLOTS / 64; w++) {
		if (slot_used[w] != ~0ull) {
			unsigned bit = __builtin_ctzll(~slot_used[w]);
			slot_used[w] |= 1ull << bit;
			found = (int)(w * 64 + bit);
			break;
		}
	}
	spin_unlock_irqrestore(&kstack_lock, flags);
	return found;
}

static void slot_put(unsigned s)
{
	unsigned long flags = spin_lock_irqsave(&kstack_lock);

	slot_used[s / 64] &= ~(1ull << (s % 64));
	spin_unlock_irqrestore(&kstack_lock, flags);
}

static u64 slot_stack(unsigned s)
{
	return KSTACK_BASE + (u64)s * SLOT_SIZE + THREAD_SIZE;
}

void kstack_free(void *stack)
{
	u64 va = (u64)stack;

	if (!stack)
		return;
	BUG_ON(va < KSTACK_BASE || (va - KSTACK_BASE) % SLOT_SIZE != THREAD_SIZE);
	for (unsigned i = 0; i < STACK_PAGES; i++) {
		phys_addr_t pa = unmap_page(kernel_pml4, va + (u64)i * PAGE_SIZE);
		if (pa)
			free_pages(pa, 0);
	}
	slot_put((va - KSTACK_BASE) / SLOT_SIZE);
}

void *kstack_alloc(void)
{
	int s = slot_get();

	if (s < 0)
		return NULL;
	u64 va = slot_stack(s);
	for (unsigned i = 0; i < STACK_PAGES; i++) {
		phys_addr_t pa = alloc_pages(0);
		if (!pa || map_page(kernel_pml4, va + (u64)i * PAGE_SIZE, pa,
				    PTE_W | PTE_G | pte_nx)) {
			if (pa)
				free_pages(pa, 0);
			/* Unwind: kstack_free skips pages never mapped. */
			kstack_free((void *)va);
			return NULL;
		}
	}
	return (void *)va;
}

bool kstack_guard_hit(u64 addr)
{
	if (addr < KSTACK_BASE || addr >= KSTACK_BASE + (u64)KSTACK_SLOTS * SLOT_SIZE)
		return false;
	return (addr - KSTACK_BASE) % SLOT_SIZE < THREAD_SIZE;
}
