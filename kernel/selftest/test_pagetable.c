/*
 * Kernel page-table permissions, read back from the live tables: text
 * is read-only and executable, rodata read-only and NX, data and the
 * direct map writable and NX, page 0 unmapped, and the CPU enforces it
 * (CR0.WP, EFER.NXE).  The `wp` test checks enforcement by faulting.
 */
#include <asm/cpu.h>
#include <asm/pgtable.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/selftest.h>

static const char rodata_probe[] = "read-only";
static char data_probe[] = "writable";

static int expect(const char *what, const void *va, bool writable, bool nx)
{
	int level;
	pte_t *pte = pte_lookup(kernel_pml4, (u64)va, &level);

	if (!pte) {
		pr_err("pagetable: %s (%p) is not mapped\n", what, va);
		return -1;
	}
	bool w = *pte & PTE_W, x = !(*pte & PTE_NX);
	pr_info("pagetable: %-10s %p level %d %s%s\n", what, va, level,
		w ? "RW" : "RO", x ? " X" : " NX");
	if (w != writable || (pte_nx && x == nx)) {
		pr_err("pagetable: %s has the wrong permissions\n", what);
		return -1;
	}
	return 0;
}

static int test_pagetable(void)
{
	int level;
	void *page = get_free_pages(0);
	int rc = 0;

	rc |= expect("text", (const void *)test_pagetable, false, false);
	rc |= expect("rodata", rodata_probe, false, true);
	rc |= expect("data", data_probe, true, true);
	rc |= expect("directmap", page, true, true);
	free_pages_virt(page, 0);
	if (pte_lookup(kernel_pml4, 0, &level)) {
		pr_err("pagetable: page 0 is mapped; NULL would not fault\n");
		rc = -1;
	}
	if (!(read_cr0() & X86_CR0_WP)) {
		pr_err("pagetable: CR0.WP is off; the kernel could write read-only pages\n");
		rc = -1;
	}
	if (cpu_features.nx && !(rdmsr(MSR_EFER) & EFER_NXE)) {
		pr_err("pagetable: EFER.NXE is off\n");
		rc = -1;
	}
	return rc;
}
SELFTEST(pagetable, test_pagetable, true);
