/*
 * SysV shared memory: shmget(2), shmat(2), shmdt(2), shmctl(2).
 *
 * A segment owns an array of pages, each allocated zeroed at its first
 * fault.  Every shmat makes a file of its own for the segment (as Linux
 * does): a pseudo file whose inode's get_page hands out the segment's
 * pages, so the mapping is an ordinary MAP_SHARED file mapping
 * (tern/mm_types.h): the VMAs hold the file, fork shares the pages
 * with the child, munmap/exec/exit drop it.  The file is named
 * "/SYSV<key> (deleted)" as /proc/<pid>/maps shows it on Linux.
 *
 * Attachments: shm_nattch is the number of VMAs mapping the segment,
 * i.e. the sum of its files' reference counts (each VMA holds one, as
 * Linux's vm_open/vm_close count).  A file's last fput (its last VMA
 * gone) unlinks it from the segment; IPC_RMID marks the segment
 * SHM_DEST with key IPC_PRIVATE, and it is destroyed when marked and
 * nothing maps it.  The release runs under mm->lock (munmap): it only
 * takes shm_ids.lock, never the reverse.
 *
 * linux-compat: a segment's page array is one allocation, so a segment
 * is at most 512 Ki pages (2 GiB: kmalloc's largest block / 8 bytes);
 * a larger shmget is ENOMEM where Linux would make it.
 */
#include <tern/capability.h>
#include <tern/errno.h>
#include <tern/fs.h>
#include <tern/ipc.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/mm_types.h>
#include <tern/printk.h>
#include <tern/process.h>
#include <tern/slab.h>
#include <tern/string.h>
#include <tern/uaccess.h>
#include <uapi/fcntl.h>
#include <uapi/shm.h>
#include <uapi/stat.h>
#include "ipc.h"

struct shmid_kernel {
	struct kern_ipc_perm perm;	/* first: the table holds its address */
	u64 segsz, npages, rss;
	void **pages;			/* kernel addresses; NULL until touched */
	s64 atime, dtime, ctime;
	int cpid, lpid;
	struct list_head files;		/* struct shm_file: one per shmat */
	int pins;			/* shmat calls making their file */
};

struct shm_file {
	struct list_head node;
	struct file *file;
	struct shmid_kernel *shp;
};

static struct ipc_ids shm_ids = IPC_IDS_INIT(shm_ids);
unsigned long shm_ctlmax = SHMMAX, shm_ctlall = SHMALL;
int shm_ctlmni = SHMMNI;
static u64 shm_tot;			/* pages of all segments */

static struct shmid_kernel *shm_obtain(int shmid)
{
	return (struct shmid_kernel *)ipc_obtain(&shm_ids, shmid);
}

static u64 shm_nattch(const struct shmid_kernel *shp)
{
	const struct shm_file *sf;
	u64 n = (u64)shp->pins;

	list_for_each_entry(sf, &shp->files, node)
		n += __atomic_load_n(&sf->file->f_count, __ATOMIC_RELAXED);
	return n;
}

static void shm_destroy(struct shmid_kernel *shp)
{
	u64 i;

	ipc_rmid(&shm_ids, &shp->perm);
	for (i = 0; i < shp->npages; i++)
		if (shp->pages[i])
			free_pages_virt(shp->pages[i], 0);
	shm_tot -= shp->npages;
	kfree(shp->pages);
	kfree(shp);
}

/* After a detach or IPC_RMID: a marked segment nobody maps goes. */
static void shm_maybe_destroy(struct shmid_kernel *shp)
{
	if ((shp->perm.mode & SHM_DEST) && list_empty(&shp->files) && !shp->pins)
		shm_destroy(shp);
}

static int shm_getnew(struct ipc_ids *ids, const struct ipc_params *prm)
{
	u64 size = prm->size, npages = (size + PAGE_SIZE - 1) / PAGE_SIZE;
	struct shmid_kernel *shp;
	int id;

	if (size < SHMMIN || size > shm_ctlmax)
		return -EINVAL;
	if (npages * PAGE_SIZE < size)
		return -ENOSPC;
	if (shm_tot + npages < shm_tot || shm_tot + npages > shm_ctlall)
		return -ENOSPC;
	shp = kzalloc(sizeof(*shp));
	if (!shp)
		return -ENOMEM;
	shp->pages = npages <= ~0ull / 2 / sizeof(void *) ? kzalloc(sizeof(void *) * npages) : NULL;
	if (!shp->pages) {
		kfree(shp);
		return -ENOMEM;
	}
	ipc_init_perm(&shp->perm, prm);
	shp->segsz = size;
	shp->npages = npages;
	shp->cpid = current_proc()->pid;
	INIT_LIST_HEAD(&shp->files);
	id = ipc_addid(ids, &shp->perm, shm_ctlmni);
	if (id < 0) {
		kfree(shp->pages);
		kfree(shp);
		return id;
	}
	shp->ctime = ipc_now();
	shm_tot += npages;
	return id;
}

static int shm_more_checks(struct kern_ipc_perm *p, const struct ipc_params *prm)
{
	return ((struct shmid_kernel *)p)->segsz < prm->size ? -EINVAL : 0;
}

static const struct ipc_ops shm_ops = {
	.getnew = shm_getnew,
	.more_checks = shm_more_checks,
};

long sys_shmget(int key, size_t size, int shmflg)
{
	struct ipc_params prm = { .key = key, .flg = shmflg, .size = size };

	return ipcget(&shm_ids, &shm_ops, &prm);
}

/* The segment's page `index`, made at the first touch (under mm->lock). */
static void *shm_get_page(struct inode *inode, u64 index, bool create)
{
	struct shmid_kernel *shp = inode->i_private;
	void *page = NULL;

	unsigned long fl = spin_lock_irqsave(&shm_ids.lock);
	if (index < shp->npages) {
		if (!shp->pages[index] && create) {
			shp->pages[index] = get_zeroed_page();
			if (shp->pages[index])
				shp->rss++;
		}
		page = shp->pages[index];
	}
	spin_unlock_irqrestore(&shm_ids.lock, fl);
	return page;
}

static const struct inode_operations shm_inode_ops = { .get_page = shm_get_page };

static void shm_note_detach(struct shmid_kernel *shp)
{
	shp->dtime = ipc_now();
	if (current->proc)
		shp->lpid = current->proc->pid;
}

/* The file's last reference: no VMA maps it any more. */
static int shm_release(struct inode *inode, struct file *f)
{
	struct shm_file *sf = f->private_data;
	struct shmid_kernel *shp = sf->shp;

	(void)inode;
	unsigned long fl = spin_lock_irqsave(&shm_ids.lock);
	list_del_init(&sf->node);
	shm_note_detach(shp);
	shm_maybe_destroy(shp);
	spin_unlock_irqrestore(&shm_ids.lock, fl);
	kfree(sf);
	return 0;
}

static const struct file_operations shm_file_ops = { .release = shm_release };

/* A new file for one attachment of shp (pinned by the caller). */
static struct file *shm_file_new(struct shmid_kernel *shp, s32 key, int id, u64 size,
				 int oflags, int *err)
{
	struct shm_file *sf = kzalloc(sizeof(*sf));
	char name[32];
	struct file *f;

	if (!sf) {
		*err = -ENOMEM;
		return NULL;
	}
	snprintf(name, sizeof(name), "/SYSV%08x (deleted)", (u32)key);
	f = new_pseudo_file(S_IFREG | 0777, name, &shm_file_ops, sf, oflags, err);
	if (!f) {
		kfree(sf);
		return NULL;
	}
	f->f_inode->i_op = &shm_inode_ops;
	f->f_inode->i_private = shp;
	f->f_inode->i_size = (loff_t)size;
	f->f_inode->i_ino = (u64)id;
	sf->file = f;
	sf->shp = shp;
	INIT_LIST_HEAD(&sf->node);
	return f;
}

long sys_shmat(int shmid, unsigned long addr, int shmflg)
{
	struct mm_struct *mm = current->mm;
	u32 vm_flags = VM_SHARED | VM_READ;
	int acc = IPC_READ, oflags = O_RDONLY, err;
	bool fixed = addr != 0;		/* even if SHM_RND rounds it to 0, as Linux */
	struct file *f;
	u64 size;
	long ret;

	if (shmid < 0)
		return -EINVAL;
	if (addr & (SHMLBA - 1)) {
		if (!(shmflg & SHM_RND))
			return -EINVAL;
		addr &= ~(unsigned long)(SHMLBA - 1);
	}
	/* SHM_REMAP needs an address (one rounded down to 0 included). */
	if (!addr && (shmflg & SHM_REMAP))
		return -EINVAL;
	if (!(shmflg & SHM_RDONLY)) {
		vm_flags |= VM_WRITE | VM_MAYWRITE;
		acc |= IPC_WRITE;
		oflags = O_RDWR;
	}
	if (shmflg & SHM_EXEC) {
		vm_flags |= VM_EXEC;
		acc |= IPC_EXEC;
	}

	unsigned long fl = spin_lock_irqsave(&shm_ids.lock);
	struct shmid_kernel *shp = shm_obtain(shmid);
	if (!shp) {
		spin_unlock_irqrestore(&shm_ids.lock, fl);
		return -EINVAL;
	}
	if (ipcperms(&shp->perm, acc)) {
		spin_unlock_irqrestore(&shm_ids.lock, fl);
		return -EACCES;
	}
	shp->pins++;
	s32 key = shp->perm.key;
	size = shp->segsz;
	spin_unlock_irqrestore(&shm_ids.lock, fl);

	f = shm_file_new(shp, key, shmid, size, oflags, &err);
	fl = spin_lock_irqsave(&shm_ids.lock);
	shp->pins--;
	if (f)
		list_add(&((struct shm_file *)f->private_data)->node, &shp->files);
	else
		shm_maybe_destroy(shp);
	spin_unlock_irqrestore(&shm_ids.lock, fl);
	if (!f)
		return err;

	u64 len = ALIGN_UP(size, (u64)PAGE_SIZE);
	if (fixed) {
		ret = -EINVAL;
		if (addr + len < addr)
			goto out;
		if (!(shmflg & SHM_REMAP) && !vma_range_free(mm, addr, addr + len))
			goto out;
		ret = -ENOMEM;
		if (addr + len > TASK_SIZE_MAX)
			goto out;
		ret = -EPERM;
		if (addr < MMAP_MIN_ADDR)
			goto out;
	} else {
		ret = -ENOMEM;
		addr = get_unmapped_area(mm, len);
		if (!addr)
			goto out;
	}
	ret = mmap_region(mm, addr, len, vm_flags, f, 0, addr + len);
	if (ret >= 0) {
		fl = spin_lock_irqsave(&shm_ids.lock);
		shp->atime = ipc_now();
		shp->lpid = current_proc()->pid;
		spin_unlock_irqrestore(&shm_ids.lock, fl);
		ret = (long)addr;
	}
out:
	fput(f);	/* the VMA holds it now, or the attach failed */
	return ret;
}

/* The segment file of the VMA starting at addr (a reference), or NULL. */
static struct file *shm_vma_file(struct mm_struct *mm, u64 addr)
{
	unsigned long fl = spin_lock_irqsave(&mm->lock);
	struct vm_area_struct *v = find_vma(mm, addr);
	struct file *f = NULL;

	if (v && v->vm_start == addr && v->vm_file && v->vm_file->f_op == &shm_file_ops &&
	    v->vm_pgoff == 0)
		f = get_file(v->vm_file);
	spin_unlock_irqrestore(&mm->lock, fl);
	return f;
}

/* The first piece of [start, end) that maps f: its range, false if none. */
static bool shm_next_piece(struct mm_struct *mm, struct file *f, u64 start, u64 end, u64 *ps,
			   u64 *pe)
{
	unsigned long fl = spin_lock_irqsave(&mm->lock);
	struct vm_area_struct *v;
	bool found = false;

	list_for_each_entry(v, &mm->vmas, vm_list) {
		if (v->vm_start >= end)
			break;
		if (v->vm_end > start && v->vm_file == f) {
			*ps = v->vm_start;
			*pe = v->vm_end;
			found = true;
			break;
		}
	}
	spin_unlock_irqrestore(&mm->lock, fl);
	return found;
}

/*
 * shmdt(2): addr must be where shmat put a segment; every piece of that
 * attachment (mprotect may have split it) within the segment's size
 * from there is unmapped.
 */
long sys_shmdt(unsigned long addr)
{
	struct mm_struct *mm = current->mm;
	struct file *f;
	u64 s, e, end;

	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	f = shm_vma_file(mm, addr);
	if (!f)
		return -EINVAL;
	end = addr + ALIGN_UP((u64)f->f_inode->i_size, (u64)PAGE_SIZE);
	while (shm_next_piece(mm, f, addr, end, &s, &e))
		do_munmap(mm, s, e - s);
	unsigned long fl = spin_lock_irqsave(&shm_ids.lock);
	shm_note_detach(((struct shm_file *)f->private_data)->shp);
	spin_unlock_irqrestore(&shm_ids.lock, fl);
	fput(f);
	return 0;
}

/* ---- shmctl ---- */

static long shmctl_info(int cmd, void *buf)
{
	union {
		struct shminfo64 info;
		struct shm_info used;
	} u;
	size_t n;

	memset(&u, 0, sizeof(u));
	unsigned long fl = spin_lock_irqsave(&shm_ids.lock);
	if (cmd == IPC_INFO) {
		u.info.shmmax = shm_ctlmax;
		u.info.shmmin = SHMMIN;
		u.info.shmmni = (u64)shm_ctlmni;
		u.info.shmseg = SHMSEG;
		u.info.shmall = shm_ctlall;
		n = sizeof(u.info);
	} else {
		int i;

		u.used.used_ids = shm_ids.in_use;
		u.used.shm_tot = shm_tot;
		for (i = 0; i < shm_ids.cap; i++) {
			struct shmid_kernel *shp = (struct shmid_kernel *)shm_ids.entries[i];
			if (shp)
				u.used.shm_rss += shp->rss;
		}
		n = sizeof(u.used);
	}
	int max_idx = ipc_max_idx(&shm_ids);
	spin_unlock_irqrestore(&shm_ids.lock, fl);
	if (copy_to_user(buf, &u, n))
		return -EFAULT;
	return max_idx < 0 ? 0 : max_idx;
}

static long shmctl_stat(int shmid, int cmd, void *buf)
{
	struct shmid64_ds ds;
	long ret;

	memset(&ds, 0, sizeof(ds));
	unsigned long fl = spin_lock_irqsave(&shm_ids.lock);
	struct shmid_kernel *shp = (struct shmid_kernel *)ipc_stat_obtain(&shm_ids, shmid,
			cmd == IPC_STAT ? IPC_STAT_ID : cmd == SHM_STAT ? IPC_STAT_INDEX
			: IPC_STAT_INDEX_ANY, &ret);
	if (!shp)
		goto out;
	ipc_fill_perm64(&shp->perm, &ds.shm_perm);
	ds.shm_segsz = shp->segsz;
	ds.shm_atime = shp->atime;
	ds.shm_dtime = shp->dtime;
	ds.shm_ctime = shp->ctime;
	ds.shm_cpid = shp->cpid;
	ds.shm_lpid = shp->lpid;
	ds.shm_nattch = shm_nattch(shp);
out:
	spin_unlock_irqrestore(&shm_ids.lock, fl);
	if (ret >= 0 && copy_to_user(buf, &ds, sizeof(ds)))
		return -EFAULT;
	return ret;
}

/* IPC_SET, IPC_RMID, SHM_LOCK, SHM_UNLOCK. */
static long shmctl_change(int shmid, int cmd, const struct shmid64_ds *in)
{
	const struct cred *c = current_cred();
	long ret;

	unsigned long fl = spin_lock_irqsave(&shm_ids.lock);
	struct shmid_kernel *shp = shm_obtain(shmid);
	ret = -EINVAL;
	if (!shp)
		goto out;
	switch (cmd) {
	case IPC_SET:
	case IPC_RMID:
		ret = ipc_check_owner(&shp->perm);
		if (ret)
			break;
		if (cmd == IPC_SET) {
			ret = ipc_update_perm(&shp->perm, &in->shm_perm);
			if (!ret)
				shp->ctime = ipc_now();
			break;
		}
		shp->perm.mode |= SHM_DEST;
		shp->perm.key = IPC_PRIVATE;
		shm_maybe_destroy(shp);
		break;
	default:
		/* SHM_LOCK/SHM_UNLOCK: Tern never swaps, so only the flag. */
		ret = -EPERM;
		if (!capable(CAP_IPC_LOCK) &&
		    ((c->euid != shp->perm.uid && c->euid != shp->perm.cuid) ||
		     (cmd == SHM_LOCK && !current_proc()->rlim[RLIMIT_MEMLOCK].rlim_cur)))
			break;
		if (cmd == SHM_LOCK)
			shp->perm.mode |= SHM_LOCKED;
		else
			shp->perm.mode &= ~(u32)SHM_LOCKED;
		ret = 0;
		break;
	}
out:
	spin_unlock_irqrestore(&shm_ids.lock, fl);
	return ret;
}

long sys_shmctl(int shmid, int cmd, void *buf)
{
	struct shmid64_ds ds;

	if (shmid < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SHM_INFO:
		return shmctl_info(cmd, buf);
	case IPC_STAT:
	case SHM_STAT:
	case SHM_STAT_ANY:
		return shmctl_stat(shmid, cmd, buf);
	case IPC_SET:
		if (copy_from_user(&ds, buf, sizeof(ds)))
			return -EFAULT;
		return shmctl_change(shmid, cmd, &ds);
	case IPC_RMID:
	case SHM_LOCK:
	case SHM_UNLOCK:
		return shmctl_change(shmid, cmd, NULL);
	default:
		return -EINVAL;
	}
}

/* ---- /proc ---- */

int sysvipc_shm_show(struct proc_buf *b)
{
	int i;

	proc_printf(b, "       key      shmid perms                  size  cpid  lpid nattch   uid"
		       "   gid  cuid  cgid      atime      dtime      ctime                   rss"
		       "                  swap\n");
	unsigned long fl = spin_lock_irqsave(&shm_ids.lock);
	for (i = 0; i < shm_ids.cap; i++) {
		struct shmid_kernel *shp = (struct shmid_kernel *)shm_ids.entries[i];

		if (!shp)
			continue;
		proc_printf(b, "%10d %10d  %4o %21lu %5u %5u  %5lu %5u %5u %5u %5u %10lld %10lld"
			    " %10lld %21lu %21lu\n", shp->perm.key, shp->perm.id, shp->perm.mode,
			    (unsigned long)shp->segsz, (unsigned)shp->cpid, (unsigned)shp->lpid,
			    (unsigned long)shm_nattch(shp), shp->perm.uid, shp->perm.gid,
			    shp->perm.cuid, shp->perm.cgid, (long long)shp->atime,
			    (long long)shp->dtime, (long long)shp->ctime,
			    (unsigned long)(shp->rss * PAGE_SIZE), 0ul);
	}
	spin_unlock_irqrestore(&shm_ids.lock, fl);
	return 0;
}
