/*
 * /proc/<pid>: stat, status, statm, cmdline, environ, comm, maps, mounts,
 * oom_score_adj, the exe/cwd/root links and the fd directory (proc(5)).
 *
 * Facts about a process come from the process code's snapshot API
 * (proc_get_info and friends in <tern/process.h>).  Links are resolved
 * at lookup, under vfs_lock: the target's path is named with d_path
 * from the caller's root.  A file reference taken there is never the
 * last one (its fd still holds it, and nothing else runs while this CPU
 * holds vfs_lock), so the fput cannot reach the VFS lock again;
 * linux-compat/SMP: that argument needs the fd table's lock held instead.
 */
#include "internal.h"
#include <tern/capability.h>
#include <tern/mm.h>
#include <tern/mm_types.h>
#include <tern/printk.h>
#include <tern/process.h>
#include <tern/tty.h>
#include <uapi/signal.h>
#include <uapi/time.h>		/* USER_HZ */

#define NS_PER_TICK	(1000000000ull / USER_HZ)

struct proc_node pid_dir_node = { .name = "<pid>", .kind = PROC_PID_DIR, .mode = 0555 };
struct proc_node fd_link_node = { .name = "<fd>", .kind = PROC_FD_LINK, .mode = 0700 };
struct proc_node tid_dir_node = { .name = "<tid>", .kind = PROC_TID_DIR, .mode = 0555 };

int proc_pid_next(int after)
{
	return proc_next_pid(after);
}

bool proc_pid_alive(int pid)
{
	unsigned long flags;
	bool alive;

	flags = spin_lock_irqsave(&tasklist_lock);
	alive = find_process(pid) != NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return alive;
}

void proc_pid_owner(int pid, u32 *uid, u32 *gid)
{
	struct proc_info info;

	*uid = *gid = 0;
	if (!proc_get_info(pid, &info) && info.dumpable) {
		*uid = info.euid;	/* else root's, as Linux's task_dump_owner */
		*gid = info.egid;
	}
}

/* The text of a path as the caller sees it; vfs_lock held. */
static int path_text_locked(const struct path *p, char *buf, size_t size)
{
	struct fs_struct *fs = current->fs;
	struct path root;

	if (!fs)
		return -ENOENT;
	spin_lock(&fs->lock);
	root = fs->root;
	spin_unlock(&fs->lock);
	return (int)vfs_path_text_locked(&root, p, buf, size);
}

int proc_fd_link(struct proc_ctx *pc, char *buf, size_t size, struct path *target)
{
	struct file *f = proc_get_file(pc->pid, pc->fd);
	int r;

	if (!f)
		return -ENOENT;
	r = path_text_locked(&f->f_path, buf, size);
	if (r >= 0 && target) {
		*target = f->f_path;
		__path_get(target);
	}
	fput(f);
	return r;
}

bool proc_fd_open(int pid, int fd)
{
	struct file *f = fd >= 0 ? proc_get_file(pid, fd) : NULL;

	if (!f)
		return false;
	fput(f);
	return true;
}

/* A live process's first thread; tasklist_lock held. */
static struct task *first_thread(int pid)
{
	struct process *p = find_process(pid);

	if (!p || list_empty(&p->threads))
		return NULL;
	return list_first_entry(&p->threads, struct task, thread_node);
}

int proc_fd_limit(int pid)
{
	unsigned long flags;
	struct task *t;
	int limit = 0;

	flags = spin_lock_irqsave(&tasklist_lock);
	t = first_thread(pid);
	if (t && t->files)
		limit = (int)READ_ONCE(t->files->max_fds);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return limit;
}

bool proc_tid_alive(int pid, int tid)
{
	unsigned long flags;
	struct task *t;
	bool alive;

	flags = spin_lock_irqsave(&tasklist_lock);
	t = find_task(tid);
	alive = t && t->proc && t->proc->pid == pid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return alive;
}

int proc_tid_next(int pid, int after)
{
	unsigned long flags;
	struct process *p;
	struct task *t;
	int next = 0;

	flags = spin_lock_irqsave(&tasklist_lock);
	p = find_process(pid);
	if (p)
		list_for_each_entry(t, &p->threads, thread_node)
			if (t->tid > after && (!next || t->tid < next))
				next = t->tid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return next;
}

/* exe, cwd, root: which path of the process (vfs_lock held). */
enum which_path { EXE, CWD, ROOT };

static int task_path_link(int pid, enum which_path which, char *buf, size_t size)
{
	unsigned long flags;
	struct process *p;
	struct task *t;
	struct path path = { NULL, NULL };

	flags = spin_lock_irqsave(&tasklist_lock);
	p = find_process(pid);
	t = first_thread(pid);
	if (which == EXE && p && p->exe) {
		path = p->exe->f_path;
	} else if (which != EXE && t && t->fs) {
		spin_lock(&t->fs->lock);
		path = which == CWD ? t->fs->pwd : t->fs->root;
		spin_unlock(&t->fs->lock);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!path.dentry)
		return -ENOENT;
	/* The path stays valid: we hold vfs_lock, which any change of it
	 * (chdir, exec, exit) needs to drop its reference. */
	return path_text_locked(&path, buf, size);
}

static int exe_link(struct proc_ctx *pc, char *buf, size_t size)
{
	return task_path_link(pc->pid, EXE, buf, size);
}

static int cwd_link(struct proc_ctx *pc, char *buf, size_t size)
{
	return task_path_link(pc->pid, CWD, buf, size);
}

static int root_link(struct proc_ctx *pc, char *buf, size_t size)
{
	return task_path_link(pc->pid, ROOT, buf, size);
}

/* ---- generated files ---- */

static char task_letter(const struct task *t)
{
	switch (t->state) {
	case TASK_RUNNING: return 'R';
	case TASK_UNINTERRUPTIBLE: return 'D';
	case TASK_DEAD: return 'Z';
	default: return 'S';
	}
}

/* The process's snapshot; under task/<tid>, with that thread's facts. */
static int get_info(struct proc_ctx *pc, struct proc_info *info)
{
	unsigned long flags;
	struct task *t;

	if (proc_get_info(pc->pid, info))
		return -ESRCH;
	if (!pc->tid)
		return 0;
	flags = spin_lock_irqsave(&tasklist_lock);
	t = find_task(pc->tid);
	if (!t || !t->proc || t->proc->pid != pc->pid) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return -ESRCH;
	}
	info->tid = t->tid;
	strlcpy(info->comm, t->comm, sizeof(info->comm));
	info->state = t->proc->stopped ? 'T' : task_letter(t);
	info->utime_ns = t->utime;
	info->stime_ns = t->stime;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}

static const char *state_name(char s)
{
	switch (s) {
	case 'R': return "R (running)";
	case 'S': return "S (sleeping)";
	case 'D': return "D (disk sleep)";
	case 'T': return "T (stopped)";
	case 'Z': return "Z (zombie)";
	default: return "S (sleeping)";
	}
}

static unsigned long ticks(u64 ns)
{
	return (unsigned long)(ns / NS_PER_TICK);
}

/* proc(5) /proc/pid/stat: 52 fields. */
static int pid_stat_show(struct proc_ctx *pc, struct proc_buf *b)
{
	struct proc_info in;
	int tpgid = -1;

	if (get_info(pc, &in))
		return -ESRCH;
	if (in.tty == &serial_tty)
		tpgid = serial_tty.pgrp > 0 ? serial_tty.pgrp : -1;
	/* Fields 1-25: pid .. rsslim. */
	proc_printf(b, "%d (%s) %c %d %d %d %u %d %u %lu %lu %lu %lu %lu %lu %lu %lu "
		    "%ld %ld %d %d %lu %lu %lu %lu ",
		    pc->tid ? pc->tid : in.pid, in.comm, in.state, in.ppid, in.pgid, in.sid,
		    in.tty ? tty_devnum(in.tty) : 0, tpgid, 0x400000u /* PF_RANDOMIZE */,
		    0ul, 0ul, 0ul, 0ul, ticks(in.utime_ns), ticks(in.stime_ns),
		    ticks(in.cutime_ns), ticks(in.cstime_ns), 20l, 0l, in.nr_threads, 0,
		    ticks(in.start_time_ns), (unsigned long)in.vsize,
		    (unsigned long)in.rss, ~0ul);
	/* Fields 26-52: startcode .. exit_code. */
	proc_printf(b, "%lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %d %d %u %u "
		    "%lu %lu %ld %lu %lu %lu %lu %lu %lu %lu %d\n",
		    0ul, 0ul, 0ul, 0ul, 0ul, 0ul, 0ul, 0ul, 0ul, 0ul, 0ul, 0ul,
		    SIGCHLD, 0, 0u, 0u, 0ul, 0ul, 0l, 0ul, 0ul, 0ul,
		    (unsigned long)in.arg_start, (unsigned long)in.arg_end,
		    (unsigned long)in.env_start, (unsigned long)in.env_end,
		    in.exit_code);
	return 0;
}

static int pid_status_show(struct proc_ctx *pc, struct proc_buf *b)
{
	struct proc_info in;

	if (get_info(pc, &in))
		return -ESRCH;
	proc_printf(b, "Name:\t%s\nUmask:\t0022\nState:\t%s\nTgid:\t%d\nNgid:\t0\n"
		    "Pid:\t%d\nPPid:\t%d\nTracerPid:\t0\n"
		    "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n",
		    in.comm, state_name(in.state), in.pid, pc->tid ? pc->tid : in.pid, in.ppid,
		    in.uid, in.euid, in.euid, in.euid, in.gid, in.egid, in.egid, in.egid);
	proc_printf(b, "VmSize:\t%8lu kB\nVmRSS:\t%8lu kB\nThreads:\t%d\n",
		    (unsigned long)(in.vsize / 1024), (unsigned long)(in.rss * 4),
		    in.nr_threads);
	return 0;
}

static int pid_statm_show(struct proc_ctx *pc, struct proc_buf *b)
{
	struct proc_info in;

	if (get_info(pc, &in))
		return -ESRCH;
	proc_printf(b, "%lu %lu 0 0 0 0 0\n", (unsigned long)(in.vsize / PAGE_SIZE_FS),
		    (unsigned long)in.rss);
	return 0;
}

static int pid_comm_show(struct proc_ctx *pc, struct proc_buf *b)
{
	struct proc_info in;

	if (get_info(pc, &in))
		return -ESRCH;
	proc_printf(b, "%s\n", in.comm);
	return 0;
}

static int read_strings(struct proc_ctx *pc, struct proc_buf *b,
			long (*fn)(int pid, char *buf, size_t len))
{
	size_t room = b->size;
	long n;

	n = fn(pc->pid, b->buf, room);
	if (n < 0)
		return (int)n;
	/* Full buffer: ask for a bigger one (the caller doubles it). */
	b->len = (size_t)n < room ? (size_t)n : room + 1;
	return 0;
}

static int pid_cmdline_show(struct proc_ctx *pc, struct proc_buf *b)
{
	return read_strings(pc, b, proc_read_cmdline);
}

static int pid_environ_show(struct proc_ctx *pc, struct proc_buf *b)
{
	return read_strings(pc, b, proc_read_environ);
}

/* proc(5) maps: "start-end perms offset dev inode pathname". */
struct maps_arg {
	struct proc_buf *b;
};

static void maps_one(void *arg, u64 start, u64 end, u32 vm_flags, struct file *file,
		     u64 pgoff)
{
	struct proc_buf *b = ((struct maps_arg *)arg)->b;
	u32 dev = 0;
	u64 ino = 0;

	if (file && file->f_inode) {
		dev = file->f_inode->i_sb->s_dev;
		ino = file->f_inode->i_ino;
	}
	size_t line = b->len;
	const char *name = NULL;

	proc_printf(b, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ",
		    (unsigned long)start, (unsigned long)end,
		    vm_flags & 1 ? 'r' : '-', vm_flags & 2 ? 'w' : '-',
		    vm_flags & 4 ? 'x' : '-', vm_flags & 8 ? 's' : 'p',
		    (unsigned long)(pgoff * PAGE_SIZE_FS), MAJOR(dev), MINOR(dev),
		    (unsigned long)ino);
	/* linux-compat: the file's last name, not its whole path. */
	if (file)
		name = file->f_path.dentry->d_name;
	else if (vm_flags & VM_HEAP)
		name = "[heap]";
	else if (vm_flags & VM_MAIN_STACK)
		name = "[stack]";
	else if (vm_flags & VM_VVAR)
		name = "[vvar]";
	else if (vm_flags & VM_VDSO)
		name = "[vdso]";
	/* proc_pid_maps(5): a name starts at column 74, past at least one
	 * more blank; a line without one ends with the blank. */
	if (name) {
		while (b->len - line < 72)
			proc_printf(b, " ");
		proc_printf(b, " %s", name);
	}
	proc_printf(b, "\n");
}

static int pid_maps_show(struct proc_ctx *pc, struct proc_buf *b)
{
	struct maps_arg a = { b };

	return proc_for_each_vma(pc->pid, maps_one, &a);
}

static int pid_mounts_show(struct proc_ctx *pc, struct proc_buf *b)
{
	struct vfs_ctx c;
	ssize_t n;

	(void)pc;
	if (!current->fs)
		return -ESRCH;
	c.fs = current->fs;
	c.files = NULL;
	c.cred = NULL;
	c.nofile = 0;
	n = vfs_format_mounts(&c, b->buf, b->size);
	if (n < 0)
		return (int)n;
	b->len = (size_t)n;
	return 0;
}

/*
 * oom_score_adj, oom_adj and oom_score (proc(5)).  oom_score_adj is
 * -1000..1000 (anything else, or not a number, is EINVAL); going below
 * the process's oom_score_adj_min needs CAP_SYS_RESOURCE (EACCES), and a
 * privileged write moves that floor.  oom_adj is the legacy view on
 * Linux's scale -17..15 (15 is 1000); lowering it at all needs the
 * capability.  oom_score is Linux's badness scaled to 0..1333: resident
 * pages plus oom_score_adj thousandths of memory, 0 for init and for a
 * process at -1000.  linux-compat: no OOM killer acts on any of them.
 */
#define OOM_DISABLE		(-17)
#define OOM_ADJUST_MAX		15
#define OOM_SCORE_ADJ_MAX	1000

static int oom_adj_from_score_adj(int v)
{
	return v == OOM_SCORE_ADJ_MAX ? OOM_ADJUST_MAX : v * -OOM_DISABLE / OOM_SCORE_ADJ_MAX;
}

/* The resident pages of p's memory (tasklist_lock held); 0 without one. */
static u64 oom_rss_pages(struct process *p)
{
	struct task *t;

	if (list_empty(&p->threads))
		return 0;
	t = list_first_entry(&p->threads, struct task, thread_node);
	return t->mm ? t->mm->rss : 0;
}

static int oom_score_of(struct process *p)
{
	u64 total = nr_managed_pages();
	s64 badness;

	if (p->pid == 1 || p->oom_score_adj == -OOM_SCORE_ADJ_MAX || !total ||
	    p->state == PROC_ZOMBIE)
		return 0;
	badness = (s64)oom_rss_pages(p) + (s64)p->oom_score_adj * (s64)(total / 1000);
	return (int)((1000 + badness * 1000 / (s64)total) * 2 / 3);
}

enum oom_file { OOM_SCORE_ADJ, OOM_ADJ, OOM_SCORE };

static int oom_show(struct proc_ctx *pc, struct proc_buf *b, enum oom_file which)
{
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);
	struct process *p = find_process(pc->pid);
	int v = 0;

	if (p)
		v = which == OOM_SCORE ? oom_score_of(p) : which == OOM_ADJ
		    ? oom_adj_from_score_adj(p->oom_score_adj) : p->oom_score_adj;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!p)
		return -ESRCH;
	proc_printf(b, "%d\n", v);
	return 0;
}

static int pid_oom_adj_show(struct proc_ctx *pc, struct proc_buf *b)
{
	return oom_show(pc, b, OOM_ADJ);
}

static int pid_oom_score_adj_show(struct proc_ctx *pc, struct proc_buf *b)
{
	return oom_show(pc, b, OOM_SCORE_ADJ);
}

static int pid_oom_score_show(struct proc_ctx *pc, struct proc_buf *b)
{
	return oom_show(pc, b, OOM_SCORE);
}

/* A decimal number in lo..hi, then white space only (echo's newline). */
static int parse_ranged(const char *buf, size_t n, long lo, long hi, long *out)
{
	size_t i = 0;
	bool neg = false;
	long v = 0;

	if (n && (buf[0] == '-' || buf[0] == '+')) {
		neg = buf[0] == '-';
		i = 1;
	}
	if (i == n || buf[i] < '0' || buf[i] > '9')
		return -EINVAL;
	for (; i < n && buf[i] >= '0' && buf[i] <= '9'; i++) {
		v = v * 10 + (buf[i] - '0');
		if (v > 100000)
			return -EINVAL;
	}
	for (; i < n; i++)
		if (buf[i] != '\n' && buf[i] != ' ' && buf[i] != '\t')
			return -EINVAL;
	v = neg ? -v : v;
	if (v < lo || v > hi)
		return -EINVAL;
	*out = v;
	return 0;
}

static ssize_t oom_write(struct proc_ctx *pc, const char *buf, size_t n, bool legacy)
{
	bool privileged = capable(CAP_SYS_RESOURCE);
	unsigned long flags;
	struct process *p;
	long v;
	int err = legacy ? parse_ranged(buf, n, OOM_DISABLE, OOM_ADJUST_MAX, &v)
			 : parse_ranged(buf, n, -OOM_SCORE_ADJ_MAX, OOM_SCORE_ADJ_MAX, &v);

	if (err)
		return err;
	if (legacy)
		v = v == OOM_ADJUST_MAX ? OOM_SCORE_ADJ_MAX : v * OOM_SCORE_ADJ_MAX / -OOM_DISABLE;
	flags = spin_lock_irqsave(&tasklist_lock);
	p = find_process(pc->pid);
	if (!p)
		err = -ESRCH;
	else if (!privileged && v < (legacy ? p->oom_score_adj : p->oom_score_adj_min))
		err = -EACCES;
	else {
		p->oom_score_adj = (int)v;
		if (!legacy && privileged)
			p->oom_score_adj_min = (int)v;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err ? err : (ssize_t)n;
}

static ssize_t pid_oom_score_adj_write(struct proc_ctx *pc, const char *buf, size_t n)
{
	return oom_write(pc, buf, n, false);
}

static ssize_t pid_oom_adj_write(struct proc_ctx *pc, const char *buf, size_t n)
{
	return oom_write(pc, buf, n, true);
}

void proc_base_init(void)
{
	static const struct {
		const char *name;
		proc_show_t show;
	} files[] = {
		{ "stat", pid_stat_show },
		{ "status", pid_status_show },
		{ "statm", pid_statm_show },
		{ "cmdline", pid_cmdline_show },
		{ "environ", pid_environ_show },
		{ "comm", pid_comm_show },
		{ "maps", pid_maps_show },
		{ "mounts", pid_mounts_show },
		{ "oom_score_adj", pid_oom_score_adj_show },
		{ "oom_adj", pid_oom_adj_show },
		{ "oom_score", pid_oom_score_show },
	};
	static const struct {
		const char *name;
		int (*link)(struct proc_ctx *, char *, size_t);
	} links[] = {
		{ "exe", exe_link }, { "cwd", cwd_link }, { "root", root_link },
	};
	struct proc_node *n;

	pid_dir_node.index = 0x100;	/* past the global nodes' numbers */
	for (unsigned int i = 0; i < ARRAY_SIZE(files); i++) {
		n = proc_add(&pid_dir_node, files[i].name, PROC_FILE,
			     !strcmp(files[i].name, "environ") ? 0400 :
			     !strncmp(files[i].name, "oom_", 4) &&
			     strcmp(files[i].name, "oom_score") ? 0644 : 0444);
		if (n) {
			n->show = files[i].show;
			n->mounts = n->show == pid_mounts_show;
		}
		if (n && !strcmp(files[i].name, "oom_score_adj"))
			n->write = pid_oom_score_adj_write;
		if (n && !strcmp(files[i].name, "oom_adj"))
			n->write = pid_oom_adj_write;
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(links); i++) {
		n = proc_add(&pid_dir_node, links[i].name, PROC_LINK, 0777);
		if (n)
			n->link = links[i].link;
	}
	proc_add(&pid_dir_node, "fd", PROC_FD_DIR, 0500);
	proc_add(&pid_dir_node, "task", PROC_TASK_DIR, 0555);
	tid_dir_node.index = 0x101;
	for (unsigned int i = 0; i < 3; i++) {	/* stat, status, statm */
		n = proc_add(&tid_dir_node, files[i].name, PROC_FILE, 0444);
		if (n) {
			n->show = files[i].show;
			n->mounts = n->show == pid_mounts_show;
		}
	}
	n = proc_add(&tid_dir_node, "comm", PROC_FILE, 0444);
	if (n)
		n->show = pid_comm_show;
}

void proc_for_each_info(void (*fn)(const struct proc_info *in, void *arg), void *arg)
{
	struct proc_info in;
	int pid = 0;

	/* Bounded by the number of processes: pids only increase here. */
	while ((pid = proc_next_pid(pid)) > 0)
		if (!proc_get_info(pid, &in))
			fn(&in, arg);
}
