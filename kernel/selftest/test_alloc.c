/*
 * Page allocator stress: take every free page, one at a time, stamping
 * each with its own address so overlapping hand-outs would show; check
 * the count equals the free counter; give them all back; twice.  Then
 * naturally aligned multi-page blocks.  The free counter must end where
 * it started.  Preemption is off throughout, so no other thread
 * allocates or frees meanwhile (the tick still runs).
 */
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/selftest.h>
#include <tern/spinlock.h>

#define ROUNDS 2

/* Allocated pages form a list threaded through their first word. */
struct stamp {
	phys_addr_t next;
	phys_addr_t self;
};

static int drain_and_refill(u64 expect)
{
	phys_addr_t head = 0;
	u64 n = 0;

	for (phys_addr_t p; (p = alloc_pages(0));) {
		struct stamp *s = phys_to_virt(p);
		s->next = head;
		s->self = p;
		head = p;
		n++;
	}
	if (nr_free_pages() != 0) {
		pr_err("alloc: %lu pages still counted free after exhaustion\n",
		       (unsigned long)nr_free_pages());
		return -1;
	}
	int bad = 0;
	for (phys_addr_t p = head, next; p; p = next) {
		struct stamp *s = phys_to_virt(p);
		if (s->self != p)
			bad++;
		next = s->next;
		free_pages(p, 0);
	}
	pr_info("alloc: took and returned %lu pages\n", (unsigned long)n);
	if (bad) {
		pr_err("alloc: %d pages were handed out twice\n", bad);
		return -1;
	}
	if (n != expect) {
		pr_err("alloc: got %lu pages, the counter said %lu\n",
		       (unsigned long)n, (unsigned long)expect);
		return -1;
	}
	return 0;
}

static int alloc_rounds(void)
{
	u64 before = nr_free_pages();

	for (int round = 0; round < ROUNDS; round++)
		if (drain_and_refill(before))
			return -1;
	for (unsigned order = 1; order <= MAX_ORDER; order++) {
		phys_addr_t p = alloc_pages(order);
		if (!p || (p & (((u64)PAGE_SIZE << order) - 1))) {
			pr_err("alloc: order %u block at 0x%lx is missing or misaligned\n",
			       order, (unsigned long)p);
			return -1;
		}
		free_pages(p, order);
	}
	if (nr_free_pages() != before) {
		pr_err("alloc: %lu pages free at the end, %lu at the start\n",
		       (unsigned long)nr_free_pages(), (unsigned long)before);
		return -1;
	}
	pr_info("alloc: %lu pages free before and after\n", (unsigned long)before);
	return 0;
}
static int test_alloc(void)
{
	preempt_disable();
	int rc = alloc_rounds();
	preempt_enable();
	return rc;
}
SELFTEST(alloc, test_alloc, true);
