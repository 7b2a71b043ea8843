/*
 * User-memory access with a real user mapping: a fresh page table
 * (pgd_alloc, as a process will have) with one user page; copies in and
 * out work through SMAP; unmapped, kernel, out-of-range and
 * page-crossing pointers give -EFAULT instead of a crash; the page
 * tables are freed again without leaking a page.
 */
#include <asm/cpu.h>
#include <asm/pgtable.h>
#include <tern/errno.h>
#include <tern/mm.h>
#include <tern/mm_types.h>
#include <tern/sched.h>
#include <tern/printk.h>
#include <tern/selftest.h>
#include <tern/spinlock.h>
#include <tern/string.h>
#include <tern/uaccess.h>
#include <tern/uio.h>

#define UPAGE	0x400000ull

static int check(const char *what, long got, long want)
{
	if (got == want)
		return 0;
	pr_err("uaccess: %s returned %ld, want %ld\n", what, got, want);
	return -1;
}

static int uaccess_cases(void)
{
	char *u = (char *)UPAGE;
	char buf[32];
	int rc = 0;

	rc |= check("copy_to_user", copy_to_user(u, "hello", 6), 0);
	memset(buf, 0, sizeof(buf));
	rc |= check("copy_from_user", copy_from_user(buf, u, 6), 0);
	rc |= check("copied bytes", memcmp(buf, "hello", 6), 0);
	rc |= check("strncpy_from_user", strncpy_from_user(buf, u, sizeof(buf)), 5);
	rc |= check("strncpy_from_user short", strncpy_from_user(buf, u, 3), 3);
	rc |= check("clear_user", clear_user(u, 16), 0);
	rc |= check("cleared", copy_from_user(buf, u, 16) || buf[0] || buf[15], 0);
	/* Faults and rejected ranges. */
	rc |= check("unmapped", copy_from_user(buf, (void *)0x1000, 8), -EFAULT);
	rc |= check("page crossing", copy_from_user(buf, u + PAGE_SIZE - 4, 8), -EFAULT);
	rc |= check("kernel pointer", copy_from_user(buf, (void *)check, 8), -EFAULT);
	rc |= check("kernel destination", copy_to_user(buf, "x", 1), -EFAULT);
	rc |= check("past user half", copy_from_user(buf, (void *)(TASK_SIZE_MAX - 4), 8), -EFAULT);
	memset(buf, 'x', sizeof(buf));
	rc |= check("fill", copy_to_user(u + PAGE_SIZE - 8, buf, 8), 0);
	rc |= check("string runs off the page", strncpy_from_user(buf, u + PAGE_SIZE - 8, 32), -EFAULT);
	rc |= check("string outside user half", strncpy_from_user(buf, (char *)check, 8), -EFAULT);
	/* Partial copies (iov_iter's): bytes before the fault move, the
	 * rest are reported as left. */
	memset(buf, 0, sizeof(buf));
	rc |= check("partial from, crossing", copy_from_user_partial(buf, u + PAGE_SIZE - 8, 20), 12);
	rc |= check("partial from, bytes before the fault", buf[7] == 'x' && !buf[8], 1);
	rc |= check("partial to, crossing", copy_to_user_partial(u + PAGE_SIZE - 3, "abcdef", 6), 3);
	rc |= check("partial to, all", copy_to_user_partial(u, "abcdef", 6), 0);
	rc |= check("partial from, kernel pointer", copy_from_user_partial(buf, (void *)check, 8), 8);
	rc |= check("partial from, past user half",
		    copy_from_user_partial(buf, (void *)(TASK_SIZE_MAX - 4), 8), 8);
	rc |= check("partial from, beyond user half",
		    copy_from_user_partial(buf, (void *)(TASK_SIZE_MAX + 4096), 8), 8);
	return rc;
}

/*
 * The iov_iter cursor over user segments: gathering across segments,
 * a fault part way (the bytes before it move), import_iovec's checks in
 * Linux's order (a negative length beats a bad address), kernel vectors.
 */
static int iter_cases(void)
{
	char *u = (char *)UPAGE;
	struct iovec iv[3], *uiov = (struct iovec *)(u + 2048), fast[4], *p;
	struct kvec kv[2];
	struct iov_iter it;
	char buf[64];
	int rc = 0;

	if (copy_to_user(u, "0123456789abcdef", 16))
		return -1;
	iv[0] = (struct iovec){ u, 3 };
	iv[1] = (struct iovec){ u + 10, 0 };
	iv[2] = (struct iovec){ u + 5, 4 };
	iov_iter_init(&it, ITER_SOURCE, iv, 3, 7);
	memset(buf, 0, sizeof(buf));
	rc |= check("gather", (long)copy_from_iter(buf, 5, &it), 5);
	rc |= check("gather rest", (long)copy_from_iter(buf + 5, 10, &it), 2);
	rc |= check("gathered bytes", memcmp(buf, "0125678", 7), 0);
	rc |= check("exhausted", (long)iov_iter_count(&it), 0);
	/* Scatter with a segment running off the mapped page. */
	iv[0] = (struct iovec){ u + 100, 2 };
	iv[1] = (struct iovec){ u + PAGE_SIZE - 3, 10 };
	iov_iter_init(&it, ITER_DEST, iv, 2, 12);
	rc |= check("scatter to a fault", (long)copy_to_iter("ABCDEFGHIJKL", 12, &it), 5);
	rc |= check("count after fault", (long)iov_iter_count(&it), 7);
	rc |= check("scattered", copy_from_user(buf, u + PAGE_SIZE - 3, 3) || memcmp(buf, "CDE", 3), 0);
	/* import_iovec. */
	iv[0] = (struct iovec){ (void *)0x1000, 8 };       /* not mapped: copying faults later */
	iv[1] = (struct iovec){ u, (u64)-1 };               /* negative length */
	if (copy_to_user(uiov, iv, sizeof(iv)))
		return -1;
	p = fast;
	rc |= check("negative length first", import_iovec(ITER_DEST, uiov, 2, 4, &p, &it), -EINVAL);
	iv[0] = (struct iovec){ (void *)check, 8 };         /* kernel address */
	iv[1] = (struct iovec){ u, 8 };
	if (copy_to_user(uiov, iv, 2 * sizeof(iv[0])))
		return -1;
	rc |= check("kernel address", import_iovec(ITER_DEST, uiov, 2, 4, &p, &it), -EFAULT);
	rc |= check("too many", import_iovec(ITER_DEST, uiov, UIO_MAXIOV + 1, 4, &p, &it), -EINVAL);
	rc |= check("array unreadable", import_iovec(ITER_DEST, (void *)0x1000, 2, 4, &p, &it), -EFAULT);
	iv[0] = (struct iovec){ u, 0x7ffff000 };
	iv[1] = (struct iovec){ u, 100 };
	if (copy_to_user(uiov, iv, 2 * sizeof(iv[0])))
		return -1;
	rc |= check("clamped total", import_iovec(ITER_DEST, uiov, 2, 4, &p, &it), 0x7ffff000);
	rc |= check("fast storage kept", p == fast, 1);
	/* Kernel vectors. */
	kv[0] = (struct kvec){ buf, 4 };
	kv[1] = (struct kvec){ buf + 10, 4 };
	iov_iter_kvec(&it, ITER_DEST, kv, 2, 8);
	iov_iter_advance(&it, 2);
	rc |= check("kvec after advance", (long)copy_to_iter("wxyz", 4, &it), 4);
	rc |= check("kvec bytes", memcmp(buf + 2, "wx", 2) || memcmp(buf + 10, "yz", 2), 0);
	return rc;
}

static int test_uaccess(void)
{
	u64 free0 = nr_free_pages();
	pte_t *pgd = pgd_alloc();
	phys_addr_t page = alloc_pages(0);
	int rc;

	if (!pgd || !page || map_page(pgd, UPAGE, page, PTE_U | PTE_W | pte_nx)) {
		pr_err("uaccess: out of memory\n");
		return -ENOMEM;
	}
	/*
	 * The test thread borrows an address space with no VMAs (so every
	 * fault it takes is a bad pointer), as a process would have it: the
	 * scheduler keeps its CR3 across preemption, and the copies run as
	 * they do in system calls, preemptible and with interrupts on.
	 */
	struct mm_struct mm = { .pgd = pgd, .vmas = LIST_HEAD_INIT(mm.vmas) };

	spin_lock_init(&mm.lock, "uaccess test mm");
	preempt_disable();
	current->mm = &mm;
	write_cr3(virt_to_phys(pgd));
	preempt_enable();
	rc = uaccess_cases() | iter_cases();
	preempt_disable();
	current->mm = NULL;
	write_cr3(virt_to_phys(kernel_pml4));
	preempt_enable();
	unmap_page(pgd, UPAGE);
	free_pages(page, 0);
	pgd_free(pgd);
	if (nr_free_pages() != free0) {
		pr_err("uaccess: %ld pages leaked by the page tables\n",
		       (long)(free0 - nr_free_pages()));
		rc = -1;
	}
	return rc;
}
SELFTEST(uaccess, test_uaccess, true);
