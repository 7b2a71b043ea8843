/*
 * VMAs and the memory syscalls: mmap(2), munmap(2), mprotect(2),
 * mremap(2), brk(2), msync(2), madvise(2), mincore(2).
 *
 * An address space is a sorted list of non-overlapping VMAs; changing a
 * range first splits the VMAs at its ends (split_vma) so every change
 * applies to whole VMAs.  Under mm->lock, which is never held across a
 * user copy or a sleep.
 */
#include <asm/pgtable.h>
#include <tern/errno.h>
#include <tern/fdtable.h>
#include <tern/fs.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/mm_types.h>
#include <tern/process.h>
#include <tern/slab.h>
#include <tern/string.h>
#include <tern/syscalls.h>
#include <tern/uaccess.h>
#include <uapi/mman.h>
#include "internal.h"

struct vm_area_struct *find_vma(struct mm_struct *mm, u64 addr)
{
	struct vm_area_struct *v;

	list_for_each_entry(v, &mm->vmas, vm_list) {
		if (addr < v->vm_start)
			return NULL;
		if (addr < v->vm_end)
			return v;
	}
	return NULL;
}

static bool vma_may_write_shared(const struct vm_area_struct *v)
{
	return (v->vm_flags & VM_SHARED) && (v->vm_file->f_mode & FMODE_WRITE);
}

void vma_get_file(struct vm_area_struct *v)
{
	if (!v->vm_file)
		return;
	get_file(v->vm_file);
	if (vma_may_write_shared(v))
		__atomic_add_fetch(&v->vm_file->f_inode->i_mmap_writable, 1, __ATOMIC_RELAXED);
}

void vma_put_file(struct vm_area_struct *v)
{
	if (!v->vm_file)
		return;
	if (vma_may_write_shared(v))
		__atomic_sub_fetch(&v->vm_file->f_inode->i_mmap_writable, 1, __ATOMIC_RELAXED);
	fput(v->vm_file);
}

/* Split v at addr (strictly inside); the new VMA is the upper part. */
static int split_vma(struct vm_area_struct *v, u64 addr)
{
	struct vm_area_struct *n = kmalloc(sizeof(*n));

	if (!n)
		return -ENOMEM;
	*n = *v;
	n->vm_start = addr;
	vma_get_file(n);
	if (n->vm_file || (n->vm_flags & (VM_VVAR | VM_VDSO)))
		n->vm_pgoff = v->vm_pgoff + (addr - v->vm_start);
	v->vm_end = addr;
	list_add(&n->vm_list, &v->vm_list);
	return 0;
}

/* Make [start, end) a union of whole VMAs (where mapped). */
static int split_range(struct mm_struct *mm, u64 start, u64 end)
{
	struct vm_area_struct *v;

	list_for_each_entry(v, &mm->vmas, vm_list) {
		if (v->vm_start < start && start < v->vm_end) {
			int err = split_vma(v, start);
			if (err)
				return err;
			continue;
		}
		if (v->vm_start < end && end < v->vm_end)
			return split_vma(v, end);
		if (v->vm_start >= end)
			break;
	}
	return 0;
}

static void remove_vma(struct mm_struct *mm, struct vm_area_struct *v)
{
	zap_page_range(mm, v->vm_start, v->vm_end);
	mm->total_vm -= (v->vm_end - v->vm_start) / PAGE_SIZE;
	vma_put_file(v);
	list_del_init(&v->vm_list);
	kfree(v);
}

/* Caller holds mm->lock. */
static int unmap_locked(struct mm_struct *mm, u64 start, u64 end)
{
	int err = split_range(mm, start, end);

	if (err)
		return err;
	struct vm_area_struct *v, *n;
	list_for_each_entry_safe(v, n, &mm->vmas, vm_list) {
		if (v->vm_start >= end)
			break;
		if (v->vm_end > start)
			remove_vma(mm, v);
	}
	return 0;
}

int do_munmap(struct mm_struct *mm, u64 addr, u64 len)
{
	unsigned long flags = spin_lock_irqsave(&mm->lock);
	int err = unmap_locked(mm, addr, addr + len);
	spin_unlock_irqrestore(&mm->lock, flags);
	return err;
}

static bool range_free(struct mm_struct *mm, u64 start, u64 end)
{
	struct vm_area_struct *v;

	list_for_each_entry(v, &mm->vmas, vm_list)
		if (v->vm_start < end && start < v->vm_end)
			return false;
	return true;
}

/* Top-down first fit below mmap_base.  Caller holds mm->lock. */
static u64 unmapped_area_locked(struct mm_struct *mm, u64 len)
{
	u64 top = mm->mmap_base;
	struct vm_area_struct *v;

	/* Walk VMAs from the highest down, looking at the gap above each. */
	list_for_each_entry_reverse(v, &mm->vmas, vm_list) {
		if (v->vm_start >= top)
			continue;
		if (v->vm_end <= top && top - v->vm_end >= len)
			return top - len;
		if (v->vm_start < top)
			top = v->vm_start;
	}
	if (top >= MMAP_MIN_ADDR + len)
		return top - len;
	return 0;
}

bool vma_range_free(struct mm_struct *mm, u64 start, u64 end)
{
	unsigned long flags = spin_lock_irqsave(&mm->lock);
	bool free = range_free(mm, start, end);

	spin_unlock_irqrestore(&mm->lock, flags);
	return free;
}

u64 get_unmapped_area(struct mm_struct *mm, u64 len)
{
	unsigned long flags = spin_lock_irqsave(&mm->lock);
	u64 a = unmapped_area_locked(mm, len);
	spin_unlock_irqrestore(&mm->lock, flags);
	return a;
}

/* Insert a new VMA (the range must be free).  Caller holds mm->lock. */
static int insert_vma(struct mm_struct *mm, u64 addr, u64 len, u32 vm_flags,
		      struct file *file, u64 pgoff, u64 file_end)
{
	struct vm_area_struct *n = kzalloc(sizeof(*n)), *v;

	if (!n)
		return -ENOMEM;
	n->vm_start = addr;
	n->vm_end = addr + len;
	n->vm_flags = vm_flags;
	n->vm_file = file;
	vma_get_file(n);
	n->vm_pgoff = pgoff;
	n->vm_file_end = file_end;
	list_for_each_entry(v, &mm->vmas, vm_list)
		if (v->vm_start >= n->vm_end)
			break;
	list_add_tail(&n->vm_list, &v->vm_list);	/* before v (or at the end) */
	mm->total_vm += len / PAGE_SIZE;
	return 0;
}

long mmap_region(struct mm_struct *mm, u64 addr, u64 len, u32 vm_flags,
		 struct file *file, u64 pgoff, u64 file_end)
{
	unsigned long flags = spin_lock_irqsave(&mm->lock);
	int err = unmap_locked(mm, addr, addr + len);
	if (!err)
		err = insert_vma(mm, addr, len, vm_flags, file, pgoff, file_end);
	spin_unlock_irqrestore(&mm->lock, flags);
	return err ? err : (long)addr;
}

static u32 prot_to_vm(unsigned long prot)
{
	u32 f = 0;

	if (prot & PROT_READ)
		f |= VM_READ;
	if (prot & PROT_WRITE)
		f |= VM_WRITE | VM_READ;	/* x86: writable implies readable */
	if (prot & PROT_EXEC)
		f |= VM_EXEC | VM_READ;
	return f;
}

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, unsigned long fd, unsigned long off)
{
	struct mm_struct *mm = current->mm;
	struct file *file = NULL;
	u32 type = flags & MAP_TYPE;
	long ret;

	if (!len || (off & (PAGE_SIZE - 1)))
		return -EINVAL;
	if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	len = ALIGN_UP(len, (unsigned long)PAGE_SIZE);
	if (!len || len > TASK_SIZE_MAX)
		return -ENOMEM;
	if (off + len < off)
		return -EOVERFLOW;
	u32 vm_flags = prot_to_vm(prot);
	if (type != MAP_PRIVATE)
		vm_flags |= VM_SHARED;
	if (flags & MAP_GROWSDOWN)
		vm_flags |= VM_GROWSDOWN;

	if (!(flags & MAP_ANONYMOUS)) {
		file = fget(current->files, (int)fd);
		if (!file)
			return -EBADF;
		if (!(file->f_mode & FMODE_READ) || (file->f_mode & FMODE_PATH)) {
			ret = -EACCES;
			goto out;
		}
		if ((vm_flags & VM_SHARED) && (prot & PROT_WRITE) &&
		    !(file->f_mode & FMODE_WRITE)) {
			ret = -EACCES;
			goto out;
		}
		umode_t mode = file->f_inode->i_mode;
		if (!S_ISREG(mode) && !file->f_op->mmap) {
			ret = -ENODEV;
			goto out;
		}
		if (S_ISREG(mode) && (vm_flags & VM_SHARED) &&
		    !(file->f_inode->i_op && file->f_inode->i_op->get_page)) {
			ret = -ENODEV;
			goto out;
		}
		/* memfd_create(2): no writable shared mapping of a write-sealed file. */
		if ((vm_flags & VM_SHARED) && (prot & PROT_WRITE) &&
		    (READ_ONCE(file->f_inode->i_seals) & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))) {
			ret = -EPERM;
			goto out;
		}
	}

	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (addr & (PAGE_SIZE - 1)) {
			ret = -EINVAL;
			goto out;
		}
		if (addr < MMAP_MIN_ADDR || addr + len > TASK_SIZE_MAX || addr + len < addr) {
			ret = (flags & MAP_FIXED) ? -EPERM : -ENOMEM;
			if (addr + len > TASK_SIZE_MAX)
				ret = -ENOMEM;
			goto out;
		}
		if (flags & MAP_FIXED_NOREPLACE && !(flags & MAP_FIXED)) {
			unsigned long fl = spin_lock_irqsave(&mm->lock);
			bool free = range_free(mm, addr, addr + len);
			spin_unlock_irqrestore(&mm->lock, fl);
			if (!free) {
				ret = -EEXIST;
				goto out;
			}
		}
	} else {
		unsigned long fl = spin_lock_irqsave(&mm->lock);
		addr = ALIGN_DOWN(addr, (unsigned long)PAGE_SIZE);
		/* A hint is used when the range is free (mmap(2)). */
		if (!addr || addr < MMAP_MIN_ADDR || addr + len > TASK_SIZE_MAX ||
		    !range_free(mm, addr, addr + len))
			addr = unmapped_area_locked(mm, len);
		spin_unlock_irqrestore(&mm->lock, fl);
		if (!addr) {
			ret = -ENOMEM;
			goto out;
		}
	}
	ret = mmap_region(mm, addr, len, vm_flags, file, off, addr + len);
	if (ret < 0)
		goto out;
	if (file && !S_ISREG(file->f_inode->i_mode)) {
		/*
		 * A device mapping (a packet socket's ring): the VMA exists,
		 * the driver checks the request and inserts its pages
		 * (vm_insert_page); on refusal the range is unmapped again.
		 */
		struct vm_area_struct desc = {
			.vm_start = addr, .vm_end = addr + len,
			.vm_flags = vm_flags, .vm_file = file, .vm_pgoff = off,
		};
		int err = file->f_op->mmap(file, &desc);

		if (err) {
			do_munmap(mm, addr, len);
			ret = err;
		}
		goto out;
	}
	/* Shared anonymous memory must be the same pages after fork:
	 * allocate it now (Linux backs it with a shmem file). */
	if ((!file && (vm_flags & VM_SHARED)) || (flags & MAP_POPULATE)) {
		int err = populate_range(mm, addr, len, false);
		if (err && !file) {
			do_munmap(mm, addr, len);
			ret = err == -ENOMEM ? -ENOMEM : ret;
		}
	}
out:
	if (file)
		fput(file);
	return ret;
}

long sys_munmap(unsigned long addr, size_t len)
{
	if ((addr & (PAGE_SIZE - 1)) || !len)
		return -EINVAL;
	len = ALIGN_UP(len, (size_t)PAGE_SIZE);
	if (addr >= TASK_SIZE_MAX || len > TASK_SIZE_MAX - addr)
		return -EINVAL;
	return do_munmap(current->mm, addr, len);
}

long sys_mprotect(unsigned long addr, size_t len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;

	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN |
				    PROT_GROWSUP))
		return -EINVAL;
	len = ALIGN_UP(len, (size_t)PAGE_SIZE);
	if (!len)
		return 0;
	u64 end = addr + len;
	if (end < addr || end > TASK_SIZE_MAX)
		return -ENOMEM;
	unsigned long flags = spin_lock_irqsave(&mm->lock);
	/* The whole range must be mapped (ENOMEM otherwise). */
	u64 a = addr;
	struct vm_area_struct *v;
	list_for_each_entry(v, &mm->vmas, vm_list) {
		if (v->vm_end <= a)
			continue;
		if (v->vm_start > a)
			break;
		a = v->vm_end;
		if (a >= end)
			break;
	}
	long ret = 0;
	if (a < end) {
		ret = -ENOMEM;
		goto out;
	}
	list_for_each_entry(v, &mm->vmas, vm_list) {
		/* Any VMA the range touches, before the split makes it whole. */
		if (v->vm_start < end && v->vm_end > addr && v->vm_file &&
		    (v->vm_flags & VM_SHARED) && (prot & PROT_WRITE) &&
		    (!(v->vm_file->f_mode & FMODE_WRITE) ||
		     (READ_ONCE(v->vm_file->f_inode->i_seals) & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)))) {
			ret = -EACCES;
			goto out;
		}
		/* [vvar] is the kernel's page: read-only, as on Linux. */
		if ((v->vm_flags & VM_VVAR) && v->vm_start < end && addr < v->vm_end &&
		    (prot & (PROT_WRITE | PROT_EXEC))) {
			ret = -EACCES;
			goto out;
		}
	}
	ret = split_range(mm, addr, end);
	if (ret)
		goto out;
	list_for_each_entry(v, &mm->vmas, vm_list) {
		if (v->vm_start >= end)
			break;
		if (v->vm_end <= addr)
			continue;
		v->vm_flags = (v->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC)) | prot_to_vm(prot);
		change_protection(mm, v, v->vm_start, v->vm_end);
	}
out:
	spin_unlock_irqrestore(&mm->lock, flags);
	return ret;
}

/* Move the present pages of [old, old+len) to new (mremap). */
static int move_ptes(struct mm_struct *mm, u64 old, u64 new, u64 len)
{
	u64 va = old;
	pte_t *pte;

	while ((pte = user_pte_next(mm->pgd, &va, old + len))) {
		pte_t e = *pte;
		*pte = 0;
		int err = user_map_page(mm->pgd, new + (va - old), e & PTE_ADDR_MASK,
					e & ~(PTE_ADDR_MASK | PTE_P));
		if (err) {
			*pte = e;
			return err;
		}
		va += PAGE_SIZE;
	}
	flush_tlb_mm(mm);
	return 0;
}

long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;

	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	if (flags & ~(unsigned long)(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if (flags & MREMAP_DONTUNMAP)
		return -EINVAL;	/* linux-compat: not supported yet */
	old_len = ALIGN_UP(old_len, (unsigned long)PAGE_SIZE);
	new_len = ALIGN_UP(new_len, (unsigned long)PAGE_SIZE);
	if (!new_len || new_len > TASK_SIZE_MAX || !old_len)
		return -EINVAL;
	if (addr >= TASK_SIZE_MAX || old_len > TASK_SIZE_MAX - addr)
		return -EFAULT;
	if ((flags & MREMAP_FIXED) && new_addr >= TASK_SIZE_MAX)
		return -EINVAL;

	unsigned long fl = spin_lock_irqsave(&mm->lock);
	long ret;
	struct vm_area_struct *v = find_vma(mm, addr);
	if (!v || v->vm_end < addr + old_len) {
		ret = -EFAULT;
		goto out;
	}
	if (flags & MREMAP_FIXED) {
		if ((new_addr & (PAGE_SIZE - 1)) || new_addr + new_len > TASK_SIZE_MAX ||
		    (new_addr < addr + old_len && addr < new_addr + new_len)) {
			ret = -EINVAL;
			goto out;
		}
	} else if (new_len <= old_len) {
		ret = unmap_locked(mm, addr + new_len, addr + old_len);
		ret = ret ? ret : (long)addr;
		goto out;
	} else if (v->vm_end == addr + old_len &&
		   range_free(mm, addr + old_len, addr + new_len) &&
		   addr + new_len <= TASK_SIZE_MAX) {
		/* Grow in place. */
		v->vm_end = addr + new_len;
		if (v->vm_file)
			v->vm_file_end = v->vm_end;
		mm->total_vm += (new_len - old_len) / PAGE_SIZE;
		ret = addr;
		goto out;
	} else if (!(flags & MREMAP_MAYMOVE)) {
		ret = -ENOMEM;
		goto out;
	} else {
		new_addr = unmapped_area_locked(mm, new_len);
		if (!new_addr) {
			ret = -ENOMEM;
			goto out;
		}
	}
	/* Move: isolate the old range as one VMA, make the new one. */
	ret = split_range(mm, addr, addr + old_len);
	if (!ret)
		ret = unmap_locked(mm, new_addr, new_addr + new_len);
	if (ret)
		goto out;
	v = find_vma(mm, addr);
	u64 moved = MIN(old_len, new_len);
	ret = insert_vma(mm, new_addr, new_len, v->vm_flags, v->vm_file, v->vm_pgoff,
			 v->vm_file ? new_addr + new_len : 0);
	if (ret)
		goto out;
	ret = move_ptes(mm, addr, new_addr, moved);
	if (ret)
		goto out;
	unmap_locked(mm, addr, addr + old_len);
	ret = new_addr;
out:
	spin_unlock_irqrestore(&mm->lock, fl);
	return ret;
}

long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	u64 old_end = ALIGN_UP(mm->brk, (u64)PAGE_SIZE);
	u64 new_end = ALIGN_UP((u64)brk, (u64)PAGE_SIZE);

	if (brk < mm->start_brk || brk > TASK_SIZE_MAX)
		return mm->brk;
	if (new_end > old_end) {
		unsigned long fl = spin_lock_irqsave(&mm->lock);
		bool free = range_free(mm, old_end, new_end);
		spin_unlock_irqrestore(&mm->lock, fl);
		if (!free)
			return mm->brk;
		if (mmap_region(mm, old_end, new_end - old_end, VM_READ | VM_WRITE | VM_HEAP,
				NULL, 0, 0) < 0)
			return mm->brk;
	} else if (new_end < old_end) {
		if (do_munmap(mm, new_end, old_end - new_end))
			return mm->brk;
	}
	mm->brk = brk;
	return brk;
}

long sys_msync(unsigned long addr, size_t len, int flags)
{
	struct mm_struct *mm = current->mm;

	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	len = ALIGN_UP(len, (size_t)PAGE_SIZE);
	if (addr >= TASK_SIZE_MAX || len > TASK_SIZE_MAX - addr)
		return -ENOMEM;
	u64 end = addr + len, a = addr;
	unsigned long fl = spin_lock_irqsave(&mm->lock);
	struct vm_area_struct *v;
	list_for_each_entry(v, &mm->vmas, vm_list) {
		if (v->vm_end <= a)
			continue;
		if (v->vm_start > a)
			break;
		a = v->vm_end;
		if (a >= end)
			break;
	}
	spin_unlock_irqrestore(&mm->lock, fl);
	/* Shared file pages are the file's own memory: nothing to write back. */
	return a < end ? -ENOMEM : 0;
}

long sys_madvise(unsigned long addr, size_t len, int advice)
{
	struct mm_struct *mm = current->mm;

	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	len = ALIGN_UP(len, (size_t)PAGE_SIZE);
	if (addr >= TASK_SIZE_MAX || len > TASK_SIZE_MAX - addr)
		return -EINVAL;
	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_DONTFORK: case MADV_DOFORK: case MADV_MERGEABLE: case MADV_UNMERGEABLE:
	case MADV_HUGEPAGE: case MADV_NOHUGEPAGE: case MADV_DONTDUMP: case MADV_DODUMP:
	case MADV_DONTNEED: case MADV_FREE:
		break;
	default:
		return -EINVAL;
	}
	unsigned long fl = spin_lock_irqsave(&mm->lock);
	long ret = 0;
	if (advice == MADV_DONTFORK || advice == MADV_DOFORK)
		ret = split_range(mm, addr, addr + len);
	struct vm_area_struct *v;
	bool mapped = false;
	list_for_each_entry(v, &mm->vmas, vm_list) {
		if (v->vm_end <= addr || ret)
			continue;
		if (v->vm_start >= addr + len)
			break;
		mapped = true;
		u64 s = MAX(v->vm_start, (u64)addr), e = MIN(v->vm_end, (u64)addr + len);
		if (advice == MADV_DONTFORK)
			v->vm_flags |= VM_DONTFORK;
		else if (advice == MADV_DOFORK)
			v->vm_flags &= ~VM_DONTFORK;
		else if ((advice == MADV_DONTNEED || advice == MADV_FREE) &&
			 !(v->vm_flags & VM_SHARED))
			zap_page_range(mm, s, e);	/* private: zero-fill next time */
	}
	spin_unlock_irqrestore(&mm->lock, fl);
	if (!ret && !mapped && len)
		ret = -ENOMEM;
	return ret;
}

long sys_mincore(unsigned long addr, size_t len, unsigned char *vec)
{
	struct mm_struct *mm = current->mm;

	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	u64 pages = DIV_ROUND_UP(len, (u64)PAGE_SIZE);
	for (u64 i = 0; i < pages; i++) {
		u64 va = addr + i * PAGE_SIZE;
		unsigned long fl = spin_lock_irqsave(&mm->lock);
		bool mapped = find_vma(mm, va) != NULL;
		int level;
		pte_t *pte = mapped ? pte_lookup(mm->pgd, va, &level) : NULL;
		unsigned char c = pte && (*pte & PTE_P);
		spin_unlock_irqrestore(&mm->lock, fl);
		if (!mapped)
			return -ENOMEM;
		if (copy_to_user(vec + i, &c, 1))
			return -EFAULT;
	}
	return 0;
}
