/*
 * Directory notification: fcntl(2) F_NOTIFY (dnotify).
 *
 * F_NOTIFY on a directory fd records a mark: the directory's inode, the
 * open file description, the fd table that asked (closing any of its fds
 * for that description drops the mark, as closing drops POSIX locks) and
 * the DN_* events wanted; successive calls add events, 0 drops the mark,
 * and without DN_MULTISHOT a mark fires once and then waits for the next
 * F_NOTIFY.  The VFS reports what happens to the entries of a directory
 * (dnotify_dir, dnotify_file: read, written, created, deleted, renamed,
 * attributes changed); a mark that wants the event sends the description's owner
 * its signal (F_NOTIFY makes the caller the owner; F_SETSIG's signal
 * with si_code POLL_MSG and si_fd, or SIGIO).
 *
 * Locking: dn_lock (a spinlock, taken under vfs_lock by the VFS's
 * reports) guards the marks; signalling takes tasklist_lock under it.
 */
#include "sys_internal.h"
#include <tern/process.h>
#include <tern/slab.h>

#define DN_EVENTS	(DN_ACCESS | DN_MODIFY | DN_CREATE | DN_DELETE | DN_RENAME | DN_ATTRIB)

struct dn_mark {
	struct list_head node;
	struct inode *dir;
	struct file *file;		/* not a reference: close drops the mark */
	const void *owner;		/* the fd table that asked */
	int fd;
	u32 mask;			/* DN_* and DN_MULTISHOT */
};

static DEFINE_SPINLOCK(dn_lock);
static LIST_HEAD(dn_marks);

static struct dn_mark *find_mark(const struct file *f, const void *owner)
{
	struct dn_mark *m;

	list_for_each_entry(m, &dn_marks, node)
		if (m->file == f && m->owner == owner)
			return m;
	return NULL;
}

static void drop_marks(const struct file *f, const void *owner)
{
	struct dn_mark *m, *n;

	spin_lock(&dn_lock);
	list_for_each_entry_safe(m, n, &dn_marks, node)
		if (m->file == f && (!owner || m->owner == owner)) {
			list_del_init(&m->node);
			kfree(m);
		}
	spin_unlock(&dn_lock);
}

/* Closing fd of f through the fd table owner; the last fput (owner NULL). */
void dnotify_flush(struct file *f, const void *owner)
{
	if (!list_empty(&dn_marks))
		drop_marks(f, owner);
}

long fcntl_dirnotify(struct file *f, int fd, struct files_struct *owner, unsigned long arg)
{
	struct dn_mark *m, *spare;

	if (!(arg & DN_EVENTS)) {
		drop_marks(f, owner);
		return 0;
	}
	if (!S_ISDIR(f->f_inode->i_mode))
		return -ENOTDIR;
	spare = kzalloc(sizeof(*spare));
	if (!spare)
		return -ENOMEM;
	spin_lock(&dn_lock);
	m = find_mark(f, owner);
	if (m) {
		m->mask |= (u32)arg;
		m->fd = fd;
	} else {
		m = spare;
		spare = NULL;
		m->dir = f->f_inode;
		m->file = f;
		m->owner = owner;
		m->fd = fd;
		m->mask = (u32)arg & (DN_EVENTS | DN_MULTISHOT);
		list_add_tail(&m->node, &dn_marks);
	}
	spin_unlock(&dn_lock);
	kfree(spare);
	return fasync_fcntl(f, F_SETOWN, (unsigned long)current->proc->pid);
}

/* Something happened to an entry of directory dir: signal the marks that want it. */
void dnotify_dir(struct inode *dir, u32 event)
{
	struct dn_mark *m;

	if (list_empty(&dn_marks) || !dir)
		return;
	spin_lock(&dn_lock);
	list_for_each_entry(m, &dn_marks, node) {
		if (m->dir != dir || !(m->mask & event))
			continue;
		fasync_signal(m->file, m->fd, POLL_MSG);
		if (!(m->mask & DN_MULTISHOT))
			m->mask &= DN_MULTISHOT;	/* fired: waits for the next F_NOTIFY */
	}
	spin_unlock(&dn_lock);
}

/* f's file was read, written or truncated: its directory hears of it. */
void dnotify_file(struct file *f, u32 event)
{
	struct dentry *d = f->f_path.dentry;

	if (list_empty(&dn_marks) || !d)
		return;
	spin_lock(&vfs_lock);
	if (d->d_parent != d)
		dnotify_dir(d->d_parent->d_inode, event);
	spin_unlock(&vfs_lock);
}
