/*
 * struct file: one open of something.  f_count is atomic because one
 * file may sit in several fd tables (fork, SCM_RIGHTS later) whose locks
 * differ.  The last fput calls f_op->release with no lock held, then
 * drops the path under vfs_lock (which may free an unlinked inode: the
 * "data lives until last close" rule).
 */
#include "internal.h"
#include "locks.h"

/* /proc/sys/fs/file-max and file-nr (proc(5)). */
unsigned long nr_files;
unsigned long files_max = NR_FILE;

void files_max_init(unsigned long total_pages, unsigned long free_pages)
{
	/* Linux's files_maxfiles_init: a tenth of memory in KiB, less half
	 * again of what boot has used, and never below NR_FILE. */
	unsigned long reserve = (total_pages - free_pages) * 3 / 2;
	unsigned long n = total_pages > reserve ? (total_pages - reserve) * 4 / 10 : 0;

	files_max = MAX(n, (unsigned long)NR_FILE);
}

struct file *alloc_file_err(const struct path *path, u32 flags,
			    const struct file_operations *fop, int *err)
{
	struct file *f;

	/* Past file-max only CAP_SYS_ADMIN opens more (ENFILE). */
	if (READ_ONCE(nr_files) >= READ_ONCE(files_max) && !may_exceed_file_max()) {
		*err = -ENFILE;
		return NULL;
	}
	f = kzalloc(sizeof(*f));
	if (!f) {
		*err = -ENOMEM;
		return NULL;
	}
	__atomic_add_fetch(&nr_files, 1, __ATOMIC_RELAXED);
	spin_lock_init(&f->f_lock, "file");
	f->f_count = 1;
	f->f_flags = flags;
	f->f_op = fop;
	INIT_LIST_HEAD(&f->f_ep_links);
	if (path) {
		f->f_path = *path;
		__path_get(&f->f_path);
		f->f_inode = path->dentry->d_inode;
	}
	return f;
}

/* With a path, the caller holds vfs_lock (the path gets a reference). */
struct file *alloc_file(const struct path *path, u32 flags,
			const struct file_operations *fop)
{
	int err;

	return alloc_file_err(path, flags, fop, &err);
}

struct file *get_file(struct file *f)
{
	__atomic_add_fetch(&f->f_count, 1, __ATOMIC_RELAXED);
	return f;
}

void (*file_ep_release)(struct file *f);
void (*file_owner_release)(struct file *f);

void fput(struct file *f)
{
	if (!f)
		return;
	if (__atomic_sub_fetch(&f->f_count, 1, __ATOMIC_ACQ_REL))
		return;
	/* No new reference can appear now: epoll drops its items first. */
	if (!list_empty(&f->f_ep_links) && file_ep_release)
		file_ep_release(f);
	if (f->f_owner && file_owner_release)
		file_owner_release(f);
	locks_remove_file(f);
	dnotify_flush(f, NULL);
	if (f->f_op && f->f_op->release)
		f->f_op->release(f->f_inode, f);
	if (f->f_mode & FMODE_WRITER)
		put_write_access(f->f_inode);
	if (f->f_mode & FMODE_OPENED) {
		spin_lock(&f->f_inode->i_lock);
		f->f_inode->i_opencount--;
		spin_unlock(&f->f_inode->i_lock);
	}
	if (f->f_mode & FMODE_EXEC)
		allow_write_access(f->f_inode);
	if (f->f_path.dentry)
		path_put(&f->f_path);
	kfree(f);
	__atomic_sub_fetch(&nr_files, 1, __ATOMIC_RELAXED);
}
