/*
 * User page tables: demand paging, copy-on-write, fork's copy and the
 * final teardown of an address space (see tern/mm_types.h for the page
 * ownership rules).
 *
 * Anonymous pages carry a reference count in struct page: 1 when one
 * address space maps them, more after fork until each side writes
 * (then the writer copies, Linux's do_wp_page).  A page is writable in
 * a PTE only when its VMA is writable and the page is not shared
 * copy-on-write.
 *
 * File pages (PTE_FILEPAGE, counted by page_filemap_get/put) are the
 * file's own pages (ramfs/tmpfs keep every file in memory: that is the
 * page cache).  A shared mapping maps them writable.  A private mapping
 * maps them read-only and copies at the first write, so it sees the
 * file's writes until then, and exec's text costs no copy; only a page
 * that reaches past the mapping's file bytes (vm_file_end: an ELF
 * segment's last page, whose rest must read as zeros) is copied at once.
 */
#include <asm/cpu.h>
#include <asm/pgtable.h>
#include <tern/errno.h>
#include <tern/fs.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/mm_types.h>
#include <tern/panic.h>
#include <tern/printk.h>
#include <tern/sched.h>
#include <tern/slab.h>
#include <tern/string.h>
#include <tern/uaccess.h>
#include <tern/vdso.h>
#include <tern/vfs.h>
#include <uapi/mman.h>
#include "internal.h"

static inline unsigned pt_idx(u64 va, int level)
{
	return (va >> (12 + 9 * (level - 1))) & 511;
}

/*
 * The next present leaf PTE at or after *va and below end, skipping
 * absent upper-level tables; *va is set to its address.  NULL when none.
 */
pte_t *user_pte_next(pte_t *pgd, u64 *va, u64 end)
{
	u64 a = *va;

	while (a < end) {
		pte_t *t = pgd;
		int level;
		for (level = 4; level > 1; level--) {
			pte_t e = t[pt_idx(a, level)];
			if (!(e & PTE_P))
				break;
			t = phys_to_virt(e & PTE_ADDR_MASK);
		}
		if (level > 1) {
			/* Skip the whole range the missing table covers. */
			u64 span = 1ull << (12 + 9 * (level - 1));
			u64 next = (a & ~(span - 1)) + span;
			if (next <= a)
				return NULL;
			a = next;
			continue;
		}
		pte_t *pte = &t[pt_idx(a, 1)];
		if (*pte & PTE_P) {
			*va = a;
			return pte;
		}
		a += PAGE_SIZE;
	}
	return NULL;
}

static void page_get(phys_addr_t pa)
{
	phys_to_page(pa)->refcount++;
}

/* Drop a reference to an anonymous page; the last frees it. */
static void page_put(phys_addr_t pa)
{
	struct page *pg = phys_to_page(pa);

	BUG_ON(pg->refcount == 0);
	if (--pg->refcount == 0)
		free_pages(pa, 0);
}

static phys_addr_t alloc_user_page(void)
{
	phys_addr_t pa = alloc_pages(0);

	if (pa) {
		memset(phys_to_virt(pa), 0, PAGE_SIZE);
		phys_to_page(pa)->refcount = 1;
	}
	return pa;
}

u64 vma_pte_flags(const struct vm_area_struct *vma)
{
	u64 f = PTE_P | PTE_U;

	if (vma->vm_flags & VM_WRITE)
		f |= PTE_W;
	if (!(vma->vm_flags & VM_EXEC))
		f |= pte_nx;
	if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		f &= ~PTE_U;	/* PROT_NONE: present for the kernel only */
	return f;
}

/* map_page for user addresses: intermediate tables always user-accessible
 * (a PROT_NONE page must not hide its neighbours). */
int user_map_page(pte_t *pgd, u64 va, phys_addr_t pa, u64 flags)
{
	int err = map_page(pgd, va, pa, flags | PTE_U);

	if (!err && !(flags & PTE_U)) {
		int level;
		pte_t *pte = pte_lookup(pgd, va, &level);
		*pte &= ~PTE_U;
	}
	return err;
}

static bool is_current_mm(struct mm_struct *mm)
{
	return read_cr3() == virt_to_phys(mm->pgd);
}

static void flush_page(struct mm_struct *mm, u64 va)
{
	if (is_current_mm(mm))
		invlpg(va);
}

void flush_tlb_mm(struct mm_struct *mm)
{
	if (is_current_mm(mm))
		write_cr3(read_cr3());
}

/* Unmap and release every page in [start, end).  Caller holds mm->lock. */
void zap_page_range(struct mm_struct *mm, u64 start, u64 end)
{
	u64 va = start;
	pte_t *pte;
	u64 n = 0;

	while ((pte = user_pte_next(mm->pgd, &va, end))) {
		pte_t e = *pte;
		*pte = 0;
		if (!(e & PTE_FILEPAGE))
			page_put(e & PTE_ADDR_MASK);
		else
			page_filemap_put(e & PTE_ADDR_MASK);
		if (mm->rss)
			mm->rss--;
		va += PAGE_SIZE;
		n++;
	}
	if (n)
		flush_tlb_mm(mm);
}

/* Re-derive the permission bits of present PTEs after mprotect. */
void change_protection(struct mm_struct *mm, struct vm_area_struct *vma, u64 start,
		       u64 end)
{
	u64 va = start, want = vma_pte_flags(vma);
	pte_t *pte;

	while ((pte = user_pte_next(mm->pgd, &va, end))) {
		pte_t e = *pte;
		phys_addr_t pa = e & PTE_ADDR_MASK;
		u64 f = want | (e & (PTE_FILEPAGE | PTE_A | PTE_D));
		/* A COW-shared private page, and a file's page in a private
		 * mapping, stay read-only until written. */
		if (!(vma->vm_flags & VM_SHARED) &&
		    ((e & PTE_FILEPAGE) || phys_to_page(pa)->refcount > 1))
			f &= ~PTE_W;
		*pte = pa | f;
		va += PAGE_SIZE;
	}
	flush_tlb_mm(mm);
}

/* Fill a private file page: file bytes up to vm_file_end, zeros after. */
static int fill_from_file(struct vm_area_struct *vma, u64 page_va, void *dst)
{
	struct inode *inode = vma->vm_file->f_inode;
	u64 off = vma->vm_pgoff + (page_va - vma->vm_start);
	u64 n = PAGE_SIZE;

	if (page_va >= vma->vm_file_end)
		return 0;
	if (page_va + n > vma->vm_file_end)
		n = vma->vm_file_end - page_va;
	if ((u64)inode->i_size <= off)
		return 0;
	if (n > (u64)inode->i_size - off)
		n = inode->i_size - off;
	if (inode->i_op && inode->i_op->get_page) {
		void *src = inode->i_op->get_page(inode, off / PAGE_SIZE, false);
		if (src)
			memcpy(dst, (char *)src + off % PAGE_SIZE, n);
		return 0;
	}
	ssize_t r = vfs_pread(vma->vm_file, dst, n, off);
	return r < 0 ? (int)r : 0;
}

/*
 * The file's page for private mapping vma at va, when it can be mapped
 * as it is (read-only until written): wholly inside the mapping's file
 * bytes and the file, on a file system that keeps its pages.  NULL:
 * copy instead.
 */
static void *private_file_page(struct vm_area_struct *vma, u64 va)
{
	struct inode *inode = vma->vm_file->f_inode;
	u64 off = vma->vm_pgoff + (va - vma->vm_start);

	if (va + PAGE_SIZE > vma->vm_file_end || off >= (u64)inode->i_size ||
	    !inode->i_op || !inode->i_op->get_page)
		return NULL;
	return inode->i_op->get_page(inode, off / PAGE_SIZE, true);
}

/* A present page for a not-present PTE.  Caller holds mm->lock. */
static int do_no_page(struct mm_struct *mm, struct vm_area_struct *vma, u64 va, bool write)
{
	u64 flags = vma_pte_flags(vma);
	phys_addr_t pa;
	void *fp;

	if (vma->vm_flags & (VM_VVAR | VM_VDSO)) {
		/* The kernel's pages (kernel/vdso.c): the data page is
		 * the kernel's and never writable; the image's pages
		 * are shared copy-on-write. */
		pa = vdso_page(vma->vm_flags, (vma->vm_pgoff + va - vma->vm_start) / PAGE_SIZE);
		if (!pa)
			return -EFAULT;
		if (vma->vm_flags & VM_VVAR) {
			page_filemap_get(pa);
			flags |= PTE_FILEPAGE;
		} else {
			page_get(pa);
			flags &= ~PTE_W;
		}
	} else if (vma->vm_file && !(vma->vm_flags & VM_SHARED) && !write &&
	    (fp = private_file_page(vma, va))) {
		pa = virt_to_phys(fp);
		page_filemap_get(pa);
		flags = (flags & ~PTE_W) | PTE_FILEPAGE;
	} else if (vma->vm_file && (vma->vm_flags & VM_SHARED)) {
		struct inode *inode = vma->vm_file->f_inode;
		u64 off = vma->vm_pgoff + (va - vma->vm_start);
		if (!inode->i_op || !inode->i_op->get_page)
			return -EFAULT;
		if (off >= (u64)inode->i_size)
			return -ENXIO;		/* past the end of the file: SIGBUS */
		void *p = inode->i_op->get_page(inode, off / PAGE_SIZE, true);
		if (!p)
			return -ENOMEM;
		pa = virt_to_phys(p);
		page_filemap_get(pa);
		flags |= PTE_FILEPAGE;
	} else {
		pa = alloc_user_page();
		if (!pa)
			return -ENOMEM;
		if (vma->vm_file) {
			int err = fill_from_file(vma, va, phys_to_virt(pa));
			if (err) {
				page_put(pa);
				return err;
			}
		}
	}
	int err = user_map_page(mm->pgd, va, pa, flags);
	if (err) {
		if (flags & PTE_FILEPAGE)
			page_filemap_put(pa);
		else
			page_put(pa);
		return err;
	}
	mm->rss++;
	return 0;
}

int vm_insert_page(struct mm_struct *mm, u64 va, void *kpage)
{
	unsigned long flags = spin_lock_irqsave(&mm->lock);
	struct vm_area_struct *vma = find_vma(mm, va);
	phys_addr_t pa = virt_to_phys(kpage);
	int level, err;
	pte_t *pte;

	if (!vma || (va & ~PAGE_MASK)) {
		err = -EFAULT;
		goto out;
	}
	pte = pte_lookup(mm->pgd, va, &level);
	if (pte && (*pte & PTE_P)) {
		err = -EBUSY;
		goto out;
	}
	page_filemap_get(pa);
	err = user_map_page(mm->pgd, va, pa, vma_pte_flags(vma) | PTE_FILEPAGE);
	if (err)
		page_filemap_put(pa);
	else
		mm->rss++;
out:
	spin_unlock_irqrestore(&mm->lock, flags);
	return err;
}

/* A write to a present read-only page of a writable VMA: COW. */
static int do_wp_page(struct mm_struct *mm, struct vm_area_struct *vma, pte_t *pte,
		      u64 va)
{
	pte_t e = *pte;
	phys_addr_t old = e & PTE_ADDR_MASK;

	bool file_private = (e & PTE_FILEPAGE) && !(vma->vm_flags & VM_SHARED);

	if ((e & PTE_FILEPAGE) ? !file_private : phys_to_page(old)->refcount == 1) {
		*pte = e | PTE_W;
		flush_page(mm, va);
		return 0;
	}
	phys_addr_t pa = alloc_pages(0);
	if (!pa)
		return -ENOMEM;
	memcpy(phys_to_virt(pa), phys_to_virt(old), PAGE_SIZE);
	phys_to_page(pa)->refcount = 1;
	*pte = pa | vma_pte_flags(vma);
	if (file_private)
		page_filemap_put(old);	/* the mapping's own copy from now on */
	else
		page_put(old);
	flush_page(mm, va);
	return 0;
}

int handle_mm_fault(struct mm_struct *mm, u64 addr, bool write, bool exec)
{
	u64 va = addr & PAGE_MASK;
	unsigned long flags = spin_lock_irqsave(&mm->lock);
	struct vm_area_struct *vma = find_vma(mm, addr);
	int err = 0;

	if (!vma) {
		err = -EFAULT;
		goto out;
	}
	if ((write && !(vma->vm_flags & VM_WRITE)) || (exec && !(vma->vm_flags & VM_EXEC)) ||
	    !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC))) {
		err = -EACCES;
		goto out;
	}
	int level;
	pte_t *pte = pte_lookup(mm->pgd, va, &level);
	if (!pte || !(*pte & PTE_P)) {
		err = do_no_page(mm, vma, va, write);
	} else if (write && !(*pte & PTE_W)) {
		err = do_wp_page(mm, vma, pte, va);
	} else {
		/* Present and allowed: a stale TLB entry. */
		flush_page(mm, va);
	}
out:
	spin_unlock_irqrestore(&mm->lock, flags);
	return err;
}

/* Fault in [addr, addr+len) now (MAP_POPULATE, shared anonymous memory). */
int populate_range(struct mm_struct *mm, u64 addr, u64 len, bool write)
{
	for (u64 va = addr; va < addr + len; va += PAGE_SIZE) {
		int level;
		pte_t *pte = pte_lookup(mm->pgd, va, &level);
		if (pte && (*pte & PTE_P))
			continue;
		int err = handle_mm_fault(mm, va, write, false);
		if (err)
			return err;
	}
	return 0;
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm));

	if (!mm)
		return NULL;
	mm->pgd = pgd_alloc();
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	spin_lock_init(&mm->lock, "mm");
	INIT_LIST_HEAD(&mm->vmas);
	mm->users = 1;
	return mm;
}

void mmget(struct mm_struct *mm)
{
	__atomic_add_fetch(&mm->users, 1, __ATOMIC_SEQ_CST);
}

void mmput(struct mm_struct *mm)
{
	if (__atomic_sub_fetch(&mm->users, 1, __ATOMIC_SEQ_CST))
		return;
	BUG_ON(is_current_mm(mm));
	struct vm_area_struct *vma, *n;
	list_for_each_entry_safe(vma, n, &mm->vmas, vm_list) {
		zap_page_range(mm, vma->vm_start, vma->vm_end);
		vma_put_file(vma);
		list_del_init(&vma->vm_list);
		kfree(vma);
	}
	pgd_free(mm->pgd);
	kfree(mm);
}

/*
 * fork: copy the VMAs; private pages become shared copy-on-write
 * (read-only in both), shared pages stay shared and writable.
 */
/*
 * fork need not copy the PTEs of a file's pages that a fault maps again
 * the same way (a regular file's pages, the vDSO data page): as Linux,
 * the child faults them in when it touches them, so fork+exec never
 * pays for the parent's text.  A driver's pages (vm_insert_page) have
 * no fault path and are copied.
 */
static bool refaults(const struct vm_area_struct *v)
{
	return (v->vm_flags & VM_VVAR) ||
	       (v->vm_file && S_ISREG(v->vm_file->f_inode->i_mode) &&
		v->vm_file->f_inode->i_op && v->vm_file->f_inode->i_op->get_page);
}

struct mm_struct *dup_mm(struct mm_struct *old)
{
	struct mm_struct *mm = mm_alloc();

	if (!mm)
		return NULL;
	unsigned long flags = spin_lock_irqsave(&old->lock);
	struct vm_area_struct *ov;
	list_for_each_entry(ov, &old->vmas, vm_list) {
		if (ov->vm_flags & VM_DONTFORK)
			continue;
		struct vm_area_struct *v = kmalloc(sizeof(*v));
		if (!v)
			goto fail;
		*v = *ov;
		vma_get_file(v);
		list_add_tail(&v->vm_list, &mm->vmas);
		u64 va = ov->vm_start;
		pte_t *pte;
		while ((pte = user_pte_next(old->pgd, &va, ov->vm_end))) {
			pte_t e = *pte;
			phys_addr_t pa = e & PTE_ADDR_MASK;
			if ((e & PTE_FILEPAGE) && refaults(ov)) {
				va += PAGE_SIZE;	/* the child's first touch maps it */
				continue;
			}
			if (e & PTE_FILEPAGE) {
				page_filemap_get(pa);
			} else {
				page_get(pa);
				if (!(ov->vm_flags & VM_SHARED)) {
					e &= ~PTE_W;
					*pte = e;
				}
			}
			if (user_map_page(mm->pgd, va, pa, e & ~(PTE_ADDR_MASK | PTE_P))) {
				if (e & PTE_FILEPAGE)
					page_filemap_put(pa);
				else
					page_put(pa);
				goto fail;
			}
			mm->rss++;
			va += PAGE_SIZE;
		}
	}
	mm->start_code = old->start_code;
	mm->end_code = old->end_code;
	mm->start_data = old->start_data;
	mm->end_data = old->end_data;
	mm->start_brk = old->start_brk;
	mm->brk = old->brk;
	mm->start_stack = old->start_stack;
	mm->arg_start = old->arg_start;
	mm->arg_end = old->arg_end;
	mm->env_start = old->env_start;
	mm->env_end = old->env_end;
	mm->mmap_base = old->mmap_base;
	mm->total_vm = old->total_vm;
	flush_tlb_mm(old);
	spin_unlock_irqrestore(&old->lock, flags);
	return mm;
fail:
	flush_tlb_mm(old);
	spin_unlock_irqrestore(&old->lock, flags);
	mmput(mm);
	return NULL;
}

long access_remote_vm(struct mm_struct *mm, u64 addr, void *buf, size_t len)
{
	size_t done = 0;
	unsigned long flags = spin_lock_irqsave(&mm->lock);

	while (done < len) {
		u64 va = addr + done;
		int level;
		pte_t *pte = pte_lookup(mm->pgd, va & PAGE_MASK, &level);
		if (!pte || !(*pte & PTE_P) || level != 1)
			break;
		size_t n = MIN(len - done, PAGE_SIZE - (va & (PAGE_SIZE - 1)));
		memcpy((char *)buf + done,
		       (char *)phys_to_virt(*pte & PTE_ADDR_MASK) + (va & (PAGE_SIZE - 1)), n);
		done += n;
	}
	spin_unlock_irqrestore(&mm->lock, flags);
	return done;
}
