/*
 * Processes: the thread group, its ids, credentials, limits, children,
 * and the per-process state other subsystems read (kernel/fork.c,
 * kernel/exit.c, kernel/exec.c, kernel/signal.c, kernel/sys.c).
 *
 * A user thread is a struct task (sched.h) with `proc` set; the threads
 * of one process (CLONE_THREAD) share one struct process.  The process
 * outlives its threads as a zombie until its parent reaps it; its pid is
 * the thread-group id (the first thread's tid).
 *
 * Locking: tasklist_lock (irq-saving) protects the process tree (parent,
 * children, sibling, the list of all processes), pids/pgids/sids,
 * thread lists, and all signal state (pending sets, sighand actions,
 * blocked masks, stop/exit state).  Nothing sleeps under it.
 */
#ifndef TERN_PROCESS_H
#define TERN_PROCESS_H

#include <tern/fs.h>
#include <tern/list.h>
#include <tern/sched.h>
#include <tern/time.h>
#include <tern/types.h>
#include <tern/vfs.h>
#include <tern/wait.h>
#include <uapi/resource.h>
#include <uapi/signal.h>

struct mm_struct;

extern spinlock_t tasklist_lock;

/* Pending signals: a set plus queued siginfo for each pending signal. */
struct sigpending {
	sigset_t signal;
	struct list_head list;		/* struct sigqueue, arrival order */
};

/* Signal actions, shared by CLONE_SIGHAND. */
struct sighand_struct {
	u32 count;
	struct k_sigaction action[_NSIG];
};

enum process_state {
	PROC_RUNNING,		/* has live threads */
	PROC_ZOMBIE,		/* all threads gone, waiting to be reaped */
};

struct process {
	int pid;			/* thread-group id */
	int pgid, sid;
	enum process_state state;
	struct process *parent;
	struct list_head children;	/* struct process.sibling */
	struct list_head sibling;
	struct list_head threads;	/* struct task.thread_node */
	int nr_threads;
	struct list_head all;		/* all_processes, pid order */

	/* Exit: wait(2) status word (WIFEXITED/WIFSIGNALED form). */
	int exit_code;
	int exit_signal;		/* sent to the parent (SIGCHLD) */
	bool group_exit;		/* exit_group/fatal signal under way */
	/* Job control: stopped by SIGSTOP & co; what wait must report. */
	bool stopped;
	int stop_signal;
	int report;			/* 0, CLD_STOPPED or CLD_CONTINUED */
	struct wait_queue_head wait_chldexit;	/* parent waits here */

	struct cred cred;
	u32 suid, sgid;			/* saved set-user/group-ID */
	struct rlimit64 rlim[RLIM_NLIMITS];
	struct sigpending shared_pending;
	struct sighand_struct *sighand;

	void *tty;			/* controlling tty (the tty code's) */
	struct file *exe;		/* /proc/pid/exe */
	bool did_exec;			/* setpgid: EACCES after exec */
	bool nocldwait;			/* reap children automatically */
	int pdeath_signal;
	/* /proc/<pid>/oom_score_adj, -1000..1000, and the lowest value an
	 * unprivileged writer may set (what the last CAP_SYS_RESOURCE
	 * writer set, else 0); both inherited across fork (proc(5)).  Tern
	 * has no OOM killer; oom_score reports the badness Linux's would
	 * compute. */
	int oom_score_adj, oom_score_adj_min;
	/* PR_GET/SET_DUMPABLE: 1 (SUID_DUMP_USER) until the effective or
	 * file-system ids change or gain capabilities (proc_creds_changed),
	 * or exec runs a set-id program; then 0 and /proc/<pid> belongs to
	 * root (proc(5)).  Kept across fork, reset by exec. */
	int dumpable;
	/* SEM_UNDO records (struct sem_undo.in_proc, ipc/sem.c), under the
	 * semaphore table's lock; applied when the last thread exits. */
	struct list_head sysvsem_undos;

	/* ITIMER_REAL */
	struct timer_list real_timer;
	u64 it_real_incr;		/* ns, 0 = one-shot */
	u64 it_real_expires;		/* monotonic ns, 0 = disarmed */
	/* ITIMER_VIRTUAL (user time) and ITIMER_PROF (user + system time):
	 * ns left (0 = disarmed) and reload value, counted down by the tick. */
	u64 it_virt_value, it_virt_incr;
	u64 it_prof_value, it_prof_incr;

	/* POSIX timers (timer_create(2)), kernel/posix-timers.c. */
	struct list_head posix_timers;
	int next_timer_id;

	/* CPU time of dead threads and of reaped children, ns. */
	u64 utime, stime, cutime, cstime;
	u64 start_time;			/* monotonic ns */
	u32 refcount;			/* pins the struct (not the pid) */
};

/* ---- what the rest of the kernel asks about `current` ---- */

static inline struct process *current_proc(void)
{
	return current->proc;
}
/* The calling task's VFS view: fs, files, credentials, RLIMIT_NOFILE. */
void current_vfs_ctx(struct vfs_ctx *c);
u32 current_nofile(void);
static inline const struct cred *current_cred(void)
{
	return &current->proc->cred;
}
int task_pid_nr(struct task *t);	/* tgid */
int task_tid_nr(struct task *t);

/* Look up a live (or zombie) process; NULL.  Caller holds tasklist_lock. */
struct process *find_process(int pid);
/* p's credentials changed from *old (the set*id calls, exec): Linux's
 * commit_creds rule for dumpable. */
void proc_creds_changed(struct process *p, const struct cred *old);
struct task *find_task(int tid);

/*
 * Process iteration for /proc: a snapshot of one process, taken under
 * tasklist_lock.  proc_next_pid(after) gives the smallest pid > after,
 * or 0 when there is none.
 */
struct proc_info {
	int pid, ppid, pgid, sid, tid;
	char state;			/* R S D Z T */
	char comm[TASK_COMM_LEN];
	u32 uid, euid, gid, egid;
	int dumpable;
	int nr_threads;
	void *tty;
	u64 utime_ns, stime_ns, cutime_ns, cstime_ns;
	u64 start_time_ns;
	u64 vsize;			/* bytes */
	u64 rss;			/* pages */
	u64 arg_start, arg_end, env_start, env_end;
	int exit_code;
};
int proc_next_pid(int after);
int proc_get_info(int pid, struct proc_info *out);
/* The process's command line bytes (NUL-separated), up to len. */
long proc_read_cmdline(int pid, char *buf, size_t len);
long proc_read_environ(int pid, char *buf, size_t len);
/* exe, cwd, root: a path reference (path_put it); -ENOENT/-ESRCH. */
int proc_get_exe(int pid, struct path *out);
int proc_get_cwd(int pid, struct path *out);
int proc_get_root(int pid, struct path *out);
/* A reference to the file at fd in pid's table (fput it), or NULL. */
struct file *proc_get_file(int pid, int fd);
/* /proc/pid/maps: calls fn for each VMA (under the mm lock: no sleeping). */
int proc_for_each_vma(int pid, void (*fn)(void *arg, u64 start, u64 end,
					  u32 vm_flags, struct file *file,
					  u64 pgoff), void *arg);

/* ---- signals (kernel/signal.c) ---- */

/* A signal is pending and not blocked: interruptible waits end. */
bool signal_pending(struct task *t);
/* Send sig to one thread / a process / a process group (kernel-made
 * siginfo: SI_KERNEL).  0 or -ESRCH/-EINVAL. */
int send_signal_to_task(struct task *t, int sig);
int send_signal_to_process(struct process *p, int sig);
int kill_pgrp(int pgrp, int sig);
/* Is sig ignored (SIG_IGN, or default-ignore) or blocked by current? */
bool sig_ignored_or_blocked(int sig);
/* The process group contains no process whose parent is in another
 * group of the same session (POSIX orphaned process group). */
bool is_orphaned_pgrp(int pgrp);

/* Sleep helpers for syscalls: interruptible by signals. */
/* Sleeps until woken or ns pass (ns == ~0: no timeout); returns ns left
 * (0 on timeout).  The caller set TASK_INTERRUPTIBLE first. */
u64 schedule_timeout_interruptible(u64 ns);

/* ---- between the process-code files (kernel/fork.c, exit.c, exec.c,
 * pid.c, itimer.c, init_process.c) ---- */
struct task *alloc_user_task(void);
void free_user_task(struct task *t);
struct process *alloc_process(void);
void process_register(struct process *p);
void rlimit_init_defaults(struct rlimit64 *r);
void vfork_release(struct task *t);
void itimer_init(struct process *p);
void itimer_cancel(struct process *p);
/* From the tick: charge ns of CPU time (user or not) to t's CPU timers. */
void itimer_tick(struct task *t, bool user, u64 ns);
/* Delete every POSIX timer of p (exit, execve). */
void exit_posix_timers(struct process *p);
/* A SI_TIMER siginfo is being delivered: fill in si_overrun.  Lock held. */
void posix_timer_delivered(struct process *p, siginfo_t *info);
int kernel_execve(const char *path, const char *const *argv, const char *const *envp);
extern struct list_head all_processes;

#endif
