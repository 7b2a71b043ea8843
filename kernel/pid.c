/*
 * The process registry: every struct process on one list in pid order,
 * lookups by pid/tid, the accessors other subsystems use for the current
 * process (process.h), and the snapshots /proc reads.
 */
#include <tern/errno.h>
#include <tern/fdtable.h>
#include <tern/kernel.h>
#include <tern/mm_types.h>
#include <tern/printk.h>
#include <tern/process.h>
#include <tern/signal.h>
#include <tern/slab.h>
#include <tern/string.h>

DEFINE_SPINLOCK(tasklist_lock);
LIST_HEAD(all_processes);

void current_vfs_ctx(struct vfs_ctx *c)
{
	c->fs = current->fs;
	c->files = current->files;
	c->cred = current->proc ? &current->proc->cred : NULL;
	c->nofile = current_nofile();
}

u32 current_nofile(void)
{
	if (!current->proc)
		return NR_OPEN_DEFAULT;
	u64 n = current->proc->rlim[RLIMIT_NOFILE].rlim_cur;
	return n > NR_OPEN_LIMIT ? NR_OPEN_LIMIT : (u32)n;
}

int task_pid_nr(struct task *t)
{
	return t->proc ? t->proc->pid : 0;
}

int task_tid_nr(struct task *t)
{
	return t->tid;
}

struct process *find_process(int pid)
{
	struct process *p;

	if (pid <= 0)
		return NULL;
	list_for_each_entry(p, &all_processes, all)
		if (p->pid == pid)
			return p;
	return NULL;
}

struct task *find_task(int tid)
{
	struct process *p;
	struct task *t;

	if (tid <= 0)
		return NULL;
	list_for_each_entry(p, &all_processes, all)
		list_for_each_entry(t, &p->threads, thread_node)
			if (t->tid == tid)
				return t;
	return NULL;
}

/* Insert keeping pid order (pids only grow, so this is the tail). */
void process_register(struct process *p)
{
	struct process *q;

	list_for_each_entry_reverse(q, &all_processes, all)
		if (q->pid < p->pid)
			break;
	list_add(&p->all, &q->all);
}

int proc_next_pid(int after)
{
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);
	struct process *p;
	int pid = 0;

	list_for_each_entry(p, &all_processes, all)
		if (p->pid > after) {
			pid = p->pid;
			break;
		}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return pid;
}

static char task_state_letter(struct task *t)
{
	switch (t->state) {
	case TASK_RUNNING:
		return 'R';
	case TASK_INTERRUPTIBLE:
		return 'S';
	case TASK_UNINTERRUPTIBLE:
		return 'D';
	default:
		return 'Z';
	}
}

int proc_get_info(int pid, struct proc_info *out)
{
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);
	struct process *p = find_process(pid);

	if (!p) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return -ESRCH;
	}
	memset(out, 0, sizeof(*out));
	out->pid = p->pid;
	out->ppid = p->parent ? p->parent->pid : 0;
	out->pgid = p->pgid;
	out->sid = p->sid;
	out->uid = p->cred.uid;
	out->euid = p->cred.euid;
	out->dumpable = p->dumpable;
	out->gid = p->cred.gid;
	out->egid = p->cred.egid;
	out->nr_threads = p->nr_threads;
	out->tty = p->tty;
	out->utime_ns = p->utime;
	out->stime_ns = p->stime;
	out->cutime_ns = p->cutime;
	out->cstime_ns = p->cstime;
	out->start_time_ns = p->start_time;
	out->exit_code = p->exit_code;
	if (p->state == PROC_ZOMBIE || list_empty(&p->threads)) {
		out->state = 'Z';
	} else {
		struct task *t = list_first_entry(&p->threads, struct task, thread_node);
		out->tid = t->tid;
		strlcpy(out->comm, t->comm, sizeof(out->comm));
		out->state = p->stopped ? 'T' : task_state_letter(t);
		/* The process is running if any thread is. */
		list_for_each_entry(t, &p->threads, thread_node) {
			out->utime_ns += t->utime;
			out->stime_ns += t->stime;
			if (t->state == TASK_RUNNING && !p->stopped)
				out->state = 'R';
		}
		t = list_first_entry(&p->threads, struct task, thread_node);
		if (t->mm) {
			out->vsize = t->mm->total_vm * PAGE_SIZE;
			out->rss = t->mm->rss;
			out->arg_start = t->mm->arg_start;
			out->arg_end = t->mm->arg_end;
			out->env_start = t->mm->env_start;
			out->env_end = t->mm->env_end;
		}
	}
	if (out->state == 'Z' && !out->comm[0])
		strlcpy(out->comm, "zombie", sizeof(out->comm));
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}

/* A live thread of pid with a reference on its mm, or NULL. */
static struct mm_struct *get_process_mm(int pid)
{
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);
	struct process *p = find_process(pid);
	struct mm_struct *mm = NULL;

	if (p && !list_empty(&p->threads)) {
		struct task *t = list_first_entry(&p->threads, struct task, thread_node);
		mm = t->mm;
		if (mm)
			mmget(mm);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return mm;
}

static long read_vm_range(int pid, bool env, char *buf, size_t len)
{
	struct mm_struct *mm = get_process_mm(pid);

	if (!mm)
		return 0;
	u64 s = env ? mm->env_start : mm->arg_start;
	u64 e = env ? mm->env_end : mm->arg_end;
	long n = 0;
	if (e > s)
		n = access_remote_vm(mm, s, buf, MIN(len, (size_t)(e - s)));
	mmput(mm);
	return n;
}

long proc_read_cmdline(int pid, char *buf, size_t len)
{
	return read_vm_range(pid, false, buf, len);
}

long proc_read_environ(int pid, char *buf, size_t len)
{
	return read_vm_range(pid, true, buf, len);
}

int proc_get_exe(int pid, struct path *out)
{
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);
	struct process *p = find_process(pid);
	int err = -ESRCH;

	if (p) {
		err = -ENOENT;
		if (p->exe) {
			*out = p->exe->f_path;
			path_get(out);
			err = 0;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

static int get_fs_path(int pid, bool root, struct path *out)
{
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);
	struct process *p = find_process(pid);
	int err = -ESRCH;

	if (p && !list_empty(&p->threads)) {
		struct task *t = list_first_entry(&p->threads, struct task, thread_node);
		err = -ENOENT;
		if (t->fs) {
			spin_lock(&t->fs->lock);
			*out = root ? t->fs->root : t->fs->pwd;
			spin_unlock(&t->fs->lock);
			path_get(out);
			err = 0;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

int proc_get_cwd(int pid, struct path *out)
{
	return get_fs_path(pid, false, out);
}

int proc_get_root(int pid, struct path *out)
{
	return get_fs_path(pid, true, out);
}

struct file *proc_get_file(int pid, int fd)
{
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);
	struct process *p = find_process(pid);
	struct file *f = NULL;

	if (p && !list_empty(&p->threads)) {
		struct task *t = list_first_entry(&p->threads, struct task, thread_node);
		if (t->files)
			f = fget(t->files, fd);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return f;
}

int proc_for_each_vma(int pid, void (*fn)(void *arg, u64 start, u64 end, u32 vm_flags,
					  struct file *file, u64 pgoff), void *arg)
{
	struct mm_struct *mm = get_process_mm(pid);

	if (!mm)
		return -ESRCH;
	unsigned long flags = spin_lock_irqsave(&mm->lock);
	struct vm_area_struct *v;
	list_for_each_entry(v, &mm->vmas, vm_list)
		fn(arg, v->vm_start, v->vm_end, v->vm_flags, v->vm_file, v->vm_pgoff);
	spin_unlock_irqrestore(&mm->lock, flags);
	mmput(mm);
	return 0;
}
