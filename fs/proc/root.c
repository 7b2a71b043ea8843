/*
 * procfs plumbing: the file system type, inodes made per lookup, the
 * directory walk (lookup, getdents), and the generated-text files.
 *
 * Lookup runs under vfs_lock (it is part of a path walk): it only finds
 * the node, checks the process still exists, and computes symlink text;
 * the text of a regular file is generated at open, with no VFS lock
 * held.  Dentries are left unhashed (never cached), so each walk asks
 * again and a dead process's entries vanish at once.
 *
 * The node tree changes only during boot (proc_init, proc_create), so
 * it is read without a lock.
 */
#include "internal.h"
#include "../locks.h"
#include <tern/pipe.h>
#include <tern/poll.h>
#include <tern/printk.h>
#include <tern/process.h>
#include <tern/sched.h>
#include <stdarg.h>

#define PROC_TEXT_MAX	(4u << 20)	/* largest generated file */
#define PID_POS_BASE	0x100000	/* getdents position of pid 0 */

struct proc_node proc_root = { .name = "/", .kind = PROC_DIR, .mode = 0555, .index = 1 };
static u32 next_index = 2;

/* ---- the text buffer ---- */

void proc_printf(struct proc_buf *b, const char *fmt, ...)
{
	char dummy;
	size_t room = b->len < b->size ? b->size - b->len : 0;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? b->buf + b->len : &dummy, room ? room : 1, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->len += (size_t)n;
}

void proc_write_bytes(struct proc_buf *b, const void *p, size_t n)
{
	if (b->len + n <= b->size)
		memcpy(b->buf + b->len, p, n);
	b->len += n;
}

/* ---- the node tree ---- */

u32 proc_new_index(void)
{
	return next_index++;
}

struct proc_node *proc_add(struct proc_node *dir, const char *name,
			   enum proc_kind kind, umode_t mode)
{
	struct proc_node *n = kzalloc(sizeof(*n)), **tail;

	if (!n)
		return NULL;
	n->name = name;
	n->kind = kind;
	n->mode = mode;
	n->parent = dir;
	n->index = next_index++;
	for (tail = &dir->children; *tail; tail = &(*tail)->next)
		;
	*tail = n;
	return n;
}

static struct proc_node *find_child(struct proc_node *dir, const char *name, u32 len)
{
	for (struct proc_node *c = dir->children; c; c = c->next)
		if (strlen(c->name) == len && !memcmp(c->name, name, len))
			return c;
	return NULL;
}

struct proc_node *proc_mkdir_path(const char *dir)
{
	return proc_mkdir_path_in(&proc_root, dir);
}

struct proc_node *proc_mkdir_path_in(struct proc_node *root, const char *dir)
{
	struct proc_node *d = root;

	while (*dir) {
		const char *e = dir;
		struct proc_node *sub;

		while (*e && *e != '/')
			e++;
		sub = find_child(d, dir, (u32)(e - dir));
		if (!sub) {
			char *copy = kmalloc((size_t)(e - dir) + 1);

			if (!copy)
				return NULL;
			memcpy(copy, dir, (size_t)(e - dir));
			copy[e - dir] = '\0';
			sub = proc_add(d, copy, PROC_DIR, 0555);
			if (!sub)
				return NULL;
		} else if (sub->kind != PROC_DIR) {
			return NULL;
		}
		d = sub;
		dir = *e ? e + 1 : e;
	}
	return d;
}

int proc_create(const char *dir, const char *name, umode_t mode, proc_show_t show)
{
	return proc_create_data(dir, name, mode, show, NULL);
}

int proc_create_data(const char *dir, const char *name, umode_t mode, proc_show_t show,
		     const void *data)
{
	struct proc_node *n;

	return proc_create_node(dir, name, mode, show, data, &n);
}

int proc_create_node(const char *dir, const char *name, umode_t mode, proc_show_t show,
		     const void *data, struct proc_node **out)
{
	struct proc_node *d = proc_mkdir_path(dir), *n;

	if (!d)
		return -ENOMEM;
	if (find_child(d, name, (u32)strlen(name)))
		return -EEXIST;
	n = proc_add(d, name, PROC_FILE, mode & 0777);
	if (!n)
		return -ENOMEM;
	n->show = show;
	n->data = data;
	*out = n;
	return 0;
}

/* ---- inodes ---- */

static const struct inode_operations proc_dir_iops;
static const struct inode_operations proc_file_iops;
static const struct inode_operations proc_link_iops, proc_fd_link_iops;
static const struct file_operations proc_dir_fops;
static const struct file_operations proc_file_fops;
static const struct file_operations proc_mounts_fops;

/* vfs_lock held. */
static struct inode *proc_make_inode(struct super_block *sb, struct proc_node *node,
				     struct proc_ctx pc)
{
	struct inode *inode = new_inode(sb);
	struct proc_inode *pi = kzalloc(sizeof(*pi));

	if (!inode || !pi) {
		kfree(pi);
		if (inode)
			iput(inode);
		return NULL;
	}
	pi->node = node;
	pi->pc = pc;
	pi->pc.data = node->data;
	inode->i_private = pi;
	if (pc.pid) {
		inode->i_ino = ((u64)(pc.tid ? pc.tid : pc.pid) << 20) +
			       (node->kind == PROC_FD_LINK ? 0x80000u + (u32)pc.fd : node->index);
		proc_pid_owner(pc.pid, &inode->i_uid, &inode->i_gid);
	} else {
		inode->i_ino = node->index;
	}
	switch (node->kind) {
	case PROC_FILE:
		inode->i_mode = S_IFREG | node->mode;
		inode->i_op = &proc_file_iops;
		inode->i_fop = pi->node->mounts ? &proc_mounts_fops : &proc_file_fops;
		break;
	case PROC_LINK:
	case PROC_FD_LINK:
		inode->i_mode = S_IFLNK | (node->kind == PROC_FD_LINK ? 0700 : 0777);
		inode->i_op = node->kind == PROC_FD_LINK ? &proc_fd_link_iops : &proc_link_iops;
		break;
	default:
		inode->i_mode = S_IFDIR | (node->mode ? node->mode : 0555);
		inode->i_nlink = 2;
		inode->i_op = &proc_dir_iops;
		inode->i_fop = &proc_dir_fops;
		break;
	}
	return inode;
}

static void proc_evict_inode(struct inode *inode)
{
	struct proc_inode *pi = inode->i_private;

	if (pi) {
		kfree(pi->link);
		if (pi->target.dentry)
			__path_put(&pi->target);
	}
	kfree(pi);
}

static void proc_statfs(struct super_block *sb, struct kstatfs *st)
{
	memset(st, 0, sizeof(*st));
	st->f_type = sb->s_magic;
	st->f_bsize = PAGE_SIZE_FS;
	st->f_frsize = PAGE_SIZE_FS;
	st->f_namelen = NAME_MAX;
}

static const struct super_operations proc_sops = {
	.evict_inode = proc_evict_inode,
	.statfs = proc_statfs,
};

static int parse_num(const char *s, u32 len, int *out)
{
	long v = 0;

	if (len == 0 || len > 9 || (len > 1 && s[0] == '0'))
		return -1;
	for (u32 i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = (int)v;
	return 0;
}

/* inode_operations.lookup; vfs_lock held. */
static int proc_lookup(struct inode *dir, struct dentry *dentry)
{
	struct proc_inode *dpi = dir->i_private;
	struct proc_node *node = dpi->node, *child = NULL;
	struct proc_ctx pc = dpi->pc;
	struct inode *inode;
	int num;

	if (node->kind == PROC_FD_DIR) {
		if (parse_num(dentry->d_name, dentry->d_namelen, &num) ||
		    !proc_fd_open(pc.pid, num))
			return 0;
		pc.fd = num;
		child = &fd_link_node;
	} else if (node->kind == PROC_TASK_DIR) {
		if (parse_num(dentry->d_name, dentry->d_namelen, &num) ||
		    !proc_tid_alive(pc.pid, num))
			return 0;
		pc.tid = num;
		child = &tid_dir_node;
	} else {
		child = find_child(node, dentry->d_name, dentry->d_namelen);
		if (!child && node == &proc_root &&
		    !parse_num(dentry->d_name, dentry->d_namelen, &num) && num > 0 &&
		    proc_pid_alive(num)) {
			child = &pid_dir_node;
			pc.pid = num;
		}
	}
	if (!child || (pc.pid && !proc_pid_alive(pc.pid)) ||
	    (pc.tid && !proc_tid_alive(pc.pid, pc.tid)))
		return 0;
	inode = proc_make_inode(dir->i_sb, child, pc);
	if (!inode)
		return -ENOMEM;
	if (child->kind == PROC_LINK || child->kind == PROC_FD_LINK) {
		struct proc_inode *pi = inode->i_private;
		int r = -ENOMEM;

		pi->link = kmalloc(PATH_MAX);
		if (pi->link)
			r = child->kind == PROC_FD_LINK ? proc_fd_link(&pc, pi->link, PATH_MAX,
								       &pi->target)
							: child->link(&pc, pi->link, PATH_MAX);
		if (r < 0) {
			iput(inode);
			return r == -ENOENT ? 0 : r;
		}
	}
	dentry->d_inode = inode;	/* unhashed: never cached */
	return 0;
}

static const char *proc_get_link(struct inode *inode)
{
	struct proc_inode *pi = inode->i_private;

	return pi->link ? pi->link : "";
}

static const struct inode_operations proc_dir_iops = {
	.lookup = proc_lookup,
};

/* /proc/<pid>/fd/<n> leads to the open file itself, as on Linux. */
static int proc_get_link_path(struct inode *inode, struct path *out)
{
	struct proc_inode *pi = inode->i_private;

	if (!pi->target.dentry)
		return -ENOENT;
	*out = pi->target;
	__path_get(out);
	return 0;
}

/*
 * A file's attributes are the kernel's: chmod/chown are EPERM (as Linux's
 * proc_setattr); a size change, which open(O_TRUNC) asks for (the shell's
 * `echo 0 > /proc/self/oom_score_adj`), is accepted and means nothing.
 */
static int proc_file_setattr(struct dentry *dentry, const struct iattr *ia)
{
	(void)dentry;
	if (ia->ia_valid & (ATTR_MODE | ATTR_UID | ATTR_GID))
		return -EPERM;
	return 0;
}

static const struct inode_operations proc_file_iops = {
	.setattr = proc_file_setattr,
};

static const struct inode_operations proc_link_iops = {
	.get_link = proc_get_link,
};

static const struct inode_operations proc_fd_link_iops = {
	.get_link = proc_get_link,
	.get_link_path = proc_get_link_path,
};

/* ---- directories ---- */

static bool emit(struct dir_context *ctx, const char *name, loff_t next, u64 ino,
		 umode_t mode)
{
	if (!ctx->actor(ctx, name, (u32)strlen(name), next, ino, dt_type(mode)))
		return false;
	ctx->pos = next;
	return true;
}

static umode_t node_mode(const struct proc_node *n)
{
	switch (n->kind) {
	case PROC_FILE:
		return S_IFREG;
	case PROC_LINK:
	case PROC_FD_LINK:
		return S_IFLNK;
	default:
		return S_IFDIR;
	}
}

static int proc_iterate(struct file *f, struct dir_context *ctx)
{
	struct inode *inode = f->f_inode;
	struct proc_inode *pi = inode->i_private;
	struct proc_node *node = pi->node;
	char name[16];
	loff_t i;

	if (ctx->pos == 0 && !emit(ctx, ".", 1, inode->i_ino, S_IFDIR))
		return 0;
	if (ctx->pos == 1) {
		u64 pino;

		spin_lock(&vfs_lock);
		pino = f->f_path.dentry->d_parent->d_inode->i_ino;
		spin_unlock(&vfs_lock);
		if (!emit(ctx, "..", 2, pino, S_IFDIR))
			return 0;
	}
	if (node->kind == PROC_FD_DIR) {
		int limit = proc_fd_limit(pi->pc.pid);

		for (int fd = (int)(ctx->pos - 2); fd < limit; fd++) {
			if (!proc_fd_open(pi->pc.pid, fd))
				continue;
			snprintf(name, sizeof(name), "%d", fd);
			if (!emit(ctx, name, fd + 3,
				  ((u64)pi->pc.pid << 20) + 0x80000u + (u32)fd, S_IFLNK))
				return 0;
		}
		ctx->pos = 2 + limit;
		return 0;
	}
	if (node->kind == PROC_TASK_DIR) {
		int tid = ctx->pos < PID_POS_BASE ? 0 : (int)(ctx->pos - PID_POS_BASE);

		while ((tid = proc_tid_next(pi->pc.pid, tid)) > 0) {
			snprintf(name, sizeof(name), "%d", tid);
			if (!emit(ctx, name, PID_POS_BASE + tid,
				  ((u64)tid << 20) + tid_dir_node.index, S_IFDIR))
				return 0;
		}
		return 0;
	}
	i = 2;
	for (struct proc_node *c = node->children; c; c = c->next, i++) {
		if (i < ctx->pos)
			continue;
		if (!emit(ctx, c->name, i + 1,
			  pi->pc.pid ? ((u64)(pi->pc.tid ? pi->pc.tid : pi->pc.pid) << 20) +
				       c->index : c->index,
			  node_mode(c)))
			return 0;
	}
	if (node != &proc_root)
		return 0;
	if (ctx->pos < PID_POS_BASE)
		ctx->pos = PID_POS_BASE;
	/* Bounded: pids only grow from one call to the next. */
	for (int pid = (int)(ctx->pos - PID_POS_BASE); (pid = proc_pid_next(pid)) > 0;) {
		snprintf(name, sizeof(name), "%d", pid);
		if (!emit(ctx, name, PID_POS_BASE + pid, ((u64)pid << 20) + pid_dir_node.index,
			  S_IFDIR))
			return 0;
	}
	return 0;
}

static loff_t proc_dir_llseek(struct file *f, loff_t off, int whence)
{
	loff_t ret;

	spin_lock(&f->f_lock);
	if (whence == SEEK_CUR)
		off += f->f_pos;
	else if (whence != SEEK_SET)
		off = -1;
	ret = off < 0 ? -EINVAL : (f->f_pos = off);
	spin_unlock(&f->f_lock);
	return ret;
}

static const struct file_operations proc_dir_fops = {
	.iterate = proc_iterate,
	.llseek = proc_dir_llseek,
};

/* ---- generated files ---- */

struct proc_text {
	char *buf;
	size_t len;
	u64 mounts_seq;		/* a mounts file: the change last reported */
};

static int proc_file_open(struct inode *inode, struct file *f)
{
	struct proc_inode *pi = inode->i_private;
	struct proc_text *t = kzalloc(sizeof(*t));
	size_t size = PAGE_SIZE_FS;

	if (!t)
		return -ENOMEM;
	/* Linux's sysctl_perm: no write bit (or no way to write) means no
	 * writing, for root as well. */
	if (pi->node->sysctl && (f->f_mode & FMODE_WRITE) &&
	    (!pi->node->write || !(pi->node->mode & S_IWUSR))) {
		kfree(t);
		return -EACCES;
	}
	f->private_data = t;
	t->mounts_seq = __atomic_load_n(&proc_mounts_seq, __ATOMIC_RELAXED);
	if (!(f->f_mode & FMODE_READ))
		return 0;
	for (;;) {
		struct proc_buf b = { .buf = kmalloc(size), .size = size };
		int err;

		if (!b.buf) {
			kfree(t);
			return -ENOMEM;
		}
		err = pi->node->show(&pi->pc, &b);
		if (err) {
			kfree(b.buf);
			kfree(t);
			return err;
		}
		if (b.len <= size) {
			t->buf = b.buf;
			t->len = b.len;
			return 0;
		}
		kfree(b.buf);
		if (b.len > PROC_TEXT_MAX) {
			kfree(t);
			return -EFBIG;
		}
		while (size < b.len)
			size *= 2;
	}
}

static ssize_t proc_file_read(struct file *f, void *buf, size_t n, loff_t *pos)
{
	struct proc_text *t = f->private_data;
	size_t off;

	if (*pos < 0)
		return -EINVAL;
	off = (size_t)*pos;
	if (off >= t->len)
		return 0;
	n = MIN(n, t->len - off);
	memcpy(buf, t->buf + off, n);
	*pos += (loff_t)n;
	return (ssize_t)n;
}

static ssize_t proc_file_write(struct file *f, const void *buf, size_t n, loff_t *pos)
{
	struct proc_inode *pi = f->f_inode->i_private;

	(void)pos;
	if (!pi->node->write)
		return -EIO;
	return pi->node->write(&pi->pc, buf, n);
}

static loff_t proc_file_llseek(struct file *f, loff_t off, int whence)
{
	struct proc_text *t = f->private_data;
	loff_t ret;

	spin_lock(&f->f_lock);
	if (whence == SEEK_CUR)
		off += f->f_pos;
	else if (whence == SEEK_END)
		off += (loff_t)t->len;
	else if (whence != SEEK_SET)
		off = -1;
	ret = off < 0 ? -EINVAL : (f->f_pos = off);
	spin_unlock(&f->f_lock);
	return ret;
}

static int proc_file_release(struct inode *inode, struct file *f)
{
	struct proc_text *t = f->private_data;

	(void)inode;
	if (t)
		kfree(t->buf);
	kfree(t);
	return 0;
}

static const struct file_operations proc_file_fops = {
	.open = proc_file_open,
	.read = proc_file_read,
	.write = proc_file_write,
	.llseek = proc_file_llseek,
	.release = proc_file_release,
};

/*
 * /proc/<pid>/mounts (proc(5)): always readable, and POLLPRI|POLLERR
 * once for each time the mount table changed since the open or the last
 * report.  The other generated files have no poll method (epoll_ctl
 * refuses them with EPERM, as Linux does).
 */
static u32 proc_mounts_poll(struct file *f, struct poll_table *pt)
{
	struct proc_text *t = f->private_data;
	u32 mask = POLLIN | POLLRDNORM;
	u64 seq;

	poll_wait(f, &proc_mounts_wq, pt);
	seq = __atomic_load_n(&proc_mounts_seq, __ATOMIC_RELAXED);
	spin_lock(&f->f_lock);
	if (t->mounts_seq != seq) {
		t->mounts_seq = seq;
		mask |= POLLPRI | POLLERR;
	}
	spin_unlock(&f->f_lock);
	return mask;
}

static const struct file_operations proc_mounts_fops = {
	.open = proc_file_open,
	.read = proc_file_read,
	.write = proc_file_write,
	.llseek = proc_file_llseek,
	.release = proc_file_release,
	.poll = proc_mounts_poll,
};

/* ---- the file system ---- */

static struct file_system_type sysfs_fs_type;

/* proc and sysfs: the same machinery over two name trees. */
static int proc_fill_super(struct file_system_type *type, int flags,
			   const void *data, struct super_block **out)
{
	struct super_block *sb = sget(type);
	bool sys = type == &sysfs_fs_type;
	struct inode *root;

	(void)flags;
	(void)data;
	if (!sb)
		return -ENOMEM;
	sb->s_magic = sys ? SYSFS_MAGIC : PROC_SUPER_MAGIC;
	sb->s_op = &proc_sops;
	root = proc_make_inode(sb, sys ? &sysfs_root : &proc_root, (struct proc_ctx){ 0 });
	if (!root) {
		kfree(sb);
		return -ENOMEM;
	}
	sb->s_root = d_alloc_root(root);
	if (!sb->s_root) {
		iput(root);
		kfree(sb);
		return -ENOMEM;
	}
	*out = sb;
	return 0;
}

static struct file_system_type proc_fs_type = {
	.name = "proc",
	.mount = proc_fill_super,
};

static struct file_system_type sysfs_fs_type = {
	.name = "sysfs",
	.mount = proc_fill_super,
};

/* /proc/self and /proc/mounts. */
static int self_link(struct proc_ctx *pc, char *buf, size_t size)
{
	(void)pc;
	if (!current->proc)
		return -ENOENT;
	return snprintf(buf, size, "%d", current->proc->pid);
}

static int mounts_link(struct proc_ctx *pc, char *buf, size_t size)
{
	(void)pc;
	return (int)strlcpy(buf, "self/mounts", size);
}

int proc_init(void)
{
	struct proc_node *n;

	n = proc_add(&proc_root, "self", PROC_LINK, 0777);
	if (n)
		n->link = self_link;
	n = proc_add(&proc_root, "mounts", PROC_LINK, 0777);
	if (n)
		n->link = mounts_link;
	proc_base_init();
	proc_misc_init();
	proc_stat_init();
	proc_locks_init();
	pipe_sysctl_init();
	proc_sysctl_init();
	proc_cpuinfo_init();
	sysfs_tree_init();
	if (register_filesystem(&sysfs_fs_type))
		pr_warn("sysfs: cannot register\n");
	return register_filesystem(&proc_fs_type);
}

/* The hook for pollable /proc/mounts (proc(5) "/proc/pid/mounts"). */
DECLARE_WAIT_QUEUE_HEAD(proc_mounts_wq);
u64 proc_mounts_seq;

void proc_mounts_changed(void)
{
	__atomic_add_fetch(&proc_mounts_seq, 1, __ATOMIC_RELAXED);
	wake_up_poll(&proc_mounts_wq, POLLPRI | POLLERR);
}
