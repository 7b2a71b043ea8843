/*
 * The vDSO: a small ELF shared object (arch/x86_64/vdso/) that the
 * kernel maps into every process at exec, with its data page below it:
 *
 *   [vvar]  one page, read-only to user space: union vvar_page, the
 *           kernel's own clock parameters (include/tern/vdso.h)
 *   [vdso]  the image; AT_SYSINFO_EHDR points at its ELF header
 *
 * The image finds the data page at a fixed distance below itself
 * (its linker script), so it needs no relocation.  The data page is
 * mapped as a page the kernel owns (PTE_FILEPAGE) and may never be
 * made writable (mprotect says EACCES).  The image's pages are mapped
 * like private anonymous pages the kernel holds a reference to, so a
 * debugger's mprotect + write copies them, as Linux's do.  Faults map
 * both (mm/memory.c: vdso_page), so fork, munmap of a part, MADV_DONTNEED
 * and mremap need nothing special.
 */
#include <tern/errno.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/mm_types.h>
#include <tern/panic.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/vdso.h>
#include <uapi/elf.h>

#define VDSO_MAX_PAGES	4

_Static_assert(sizeof(union vvar_page) == PAGE_SIZE, "vvar is one page");

union vvar_page vvar __aligned(PAGE_SIZE);

/* arch/x86_64/vdso/vdso-image.S */
extern const u8 vdso_image_start[], vdso_image_end[];

static phys_addr_t image_pages[VDSO_MAX_PAGES];
static u64 image_npages;

void vdso_init(void)
{
	u64 size = vdso_image_end - vdso_image_start;

	image_npages = DIV_ROUND_UP(size, (u64)PAGE_SIZE);
	if (size < sizeof(Elf64_Ehdr) || memcmp(vdso_image_start, "\177ELF", 4) ||
	    image_npages > VDSO_MAX_PAGES)
		panic("vdso: the built-in image is not an ELF of at most %d pages", VDSO_MAX_PAGES);
	for (u64 i = 0; i < image_npages; i++) {
		void *p = get_zeroed_page();
		if (!p)
			panic("vdso: no memory for the image");
		u64 n = MIN((u64)PAGE_SIZE, size - i * PAGE_SIZE);
		memcpy(p, vdso_image_start + i * PAGE_SIZE, n);
		image_pages[i] = virt_to_phys(p);
		/* Our reference: mappings share the page copy-on-write and
		 * never free it. */
		phys_to_page(image_pages[i])->refcount = 1;
	}
	pr_info("vdso: %lu-byte image, %lu pages\n", (unsigned long)size,
		(unsigned long)image_npages);
}

phys_addr_t vdso_page(u32 vm_flags, u64 index)
{
	if (vm_flags & VM_VVAR)
		return index == 0 ? virt_to_phys(&vvar) : 0;
	return index < image_npages ? image_pages[index] : 0;
}

int vdso_map(struct mm_struct *mm, u64 *ehdr)
{
	u64 len = (1 + image_npages) * PAGE_SIZE;
	u64 base = get_unmapped_area(mm, len);

	if (!base)
		return -ENOMEM;
	long r = mmap_region(mm, base, PAGE_SIZE, VM_READ | VM_VVAR, NULL, 0, 0);
	if (r >= 0)
		r = mmap_region(mm, base + PAGE_SIZE, len - PAGE_SIZE,
				VM_READ | VM_EXEC | VM_VDSO, NULL, 0, 0);
	if (r < 0)
		return (int)r;
	*ehdr = base + PAGE_SIZE;
	return 0;
}
