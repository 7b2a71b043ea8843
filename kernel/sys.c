/*
 * Process identity and miscellaneous system calls: pids, process groups
 * and sessions (setpgid(2), setsid(2)), user and group ids (credentials(7)),
 * capabilities (root has all), umask, resource limits and usage,
 * uname(2), sysinfo(2), reboot(2), prctl(2), getrandom(2) and the
 * scheduler queries of a one-CPU machine.
 */
#include <asm/ptrace.h>
#include <tern/capability.h>
#include <tern/errno.h>
#include <tern/fdtable.h>
#include <tern/kernel.h>
#include <tern/loadavg.h>
#include <tern/mm.h>
#include <tern/mm_types.h>
#include <tern/printk.h>
#include <tern/process.h>
#include <tern/random.h>
#include <tern/reboot.h>
#include <tern/signal.h>
#include <tern/string.h>
#include <tern/syscalls.h>
#include <tern/time.h>
#include <tern/uaccess.h>
#include <tern/utsname.h>
#include <tern/vfs.h>
#include <uapi/sched.h>
#include <uapi/time.h>



/* ---- ids ---- */

long sys_getpid(void)
{
	return current->proc->pid;
}

long sys_gettid(void)
{
	return current->tid;
}

long sys_getppid(void)
{
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	struct process *pp = current->proc->parent;
	int pid = pp ? pp->pid : 0;
	spin_unlock_irqrestore(&tasklist_lock, fl);
	return pid;
}

long sys_getpgid(int pid)
{
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	struct process *p = pid ? find_process(pid) : current->proc;
	long r = p ? p->pgid : -ESRCH;
	spin_unlock_irqrestore(&tasklist_lock, fl);
	return r;
}

long sys_getpgrp(void)
{
	return current->proc->pgid;
}

long sys_getsid(int pid)
{
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	struct process *p = pid ? find_process(pid) : current->proc;
	long r = p ? p->sid : -ESRCH;
	spin_unlock_irqrestore(&tasklist_lock, fl);
	return r;
}

/* setpgid(2): the caller or a child of it, within the caller's session,
 * into an existing group of that session or a new one named after it. */
long sys_setpgid(int pid, int pgid)
{
	struct process *self = current->proc;
	long err;

	if (pgid < 0)
		return -EINVAL;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	struct process *p = pid ? find_process(pid) : self;
	if (!pid)
		pid = self->pid;
	if (!pgid)
		pgid = pid;
	err = -ESRCH;
	if (!p || (p != self && p->parent != self))
		goto out;
	if (p != self) {
		err = -EPERM;
		if (p->sid != self->sid)
			goto out;
		err = -EACCES;
		if (p->did_exec)
			goto out;
	}
	err = -EPERM;
	if (p->sid == p->pid)
		goto out;	/* a session leader */
	if (pgid != p->pid) {
		struct process *q;
		bool ok = false;
		list_for_each_entry(q, &all_processes, all)
			if (q->pgid == pgid && q->sid == self->sid && q->state != PROC_ZOMBIE)
				ok = true;
		if (!ok)
			goto out;
	}
	p->pgid = pgid;
	err = 0;
out:
	spin_unlock_irqrestore(&tasklist_lock, fl);
	return err;
}

long sys_setsid(void)
{
	struct process *self = current->proc;
	long err = -EPERM;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	struct process *q;

	/* Not if a process group with our pid exists (we lead one). */
	list_for_each_entry(q, &all_processes, all)
		if (q->pgid == self->pid)
			goto out;
	self->sid = self->pgid = self->pid;
	self->tty = NULL;
	err = self->pid;
out:
	spin_unlock_irqrestore(&tasklist_lock, fl);
	return err;
}

/* ---- credentials ---- */

void proc_creds_changed(struct process *p, const struct cred *old)
{
	const struct cred *c = &p->cred;

	if (c->euid != old->euid || c->egid != old->egid || c->fsuid != old->fsuid ||
	    c->fsgid != old->fsgid || (c->cap_permitted & ~old->cap_permitted))
		p->dumpable = 0;	/* fs.suid_dumpable's default */
}

/* Every set*id call: do the change, then apply proc_creds_changed. */
#define CRED_CALL(call) ({					\
	struct cred old_ = current->proc->cred;			\
	long r_ = (call);					\
	proc_creds_changed(current->proc, &old_);		\
	r_;							\
})

long sys_getuid(void) { return current->proc->cred.uid; }
long sys_geteuid(void) { return current->proc->cred.euid; }
long sys_getgid(void) { return current->proc->cred.gid; }
long sys_getegid(void) { return current->proc->cred.egid; }

static long do_setuid(u32 uid)
{
	struct process *p = current->proc;
	u32 ruid = p->cred.uid, euid = p->cred.euid, suid = p->suid;

	if (uid == (u32)-1)
		return -EINVAL;
	if (capable(CAP_SETUID)) {
		p->cred.uid = p->suid = uid;
	} else if (uid != p->cred.uid && uid != p->suid) {
		return -EPERM;
	}
	p->cred.euid = p->cred.fsuid = uid;
	cap_fix_setuid(&p->cred, ruid, euid, suid, p->suid);
	return 0;
}

static long do_setgid(u32 gid)
{
	struct process *p = current->proc;

	if (gid == (u32)-1)
		return -EINVAL;
	if (capable(CAP_SETGID)) {
		p->cred.gid = p->sgid = gid;
	} else if (gid != p->cred.gid && gid != p->sgid) {
		return -EPERM;
	}
	p->cred.egid = p->cred.fsgid = gid;
	return 0;
}

/* setresuid semantics; -1 leaves a field.  Unprivileged callers may only
 * pick among their current real, effective and saved ids. */
static long set_res(int cap, u32 *r, u32 *e, u32 *s, u32 *fs, u32 nr, u32 ne, u32 ns)
{
	if (!capable(cap)) {
		u32 ids[3] = { *r, *e, *s };
		u32 want[3] = { nr, ne, ns };
		for (int i = 0; i < 3; i++) {
			if (want[i] == (u32)-1)
				continue;
			if (want[i] != ids[0] && want[i] != ids[1] && want[i] != ids[2])
				return -EPERM;
		}
	}
	if (nr != (u32)-1)
		*r = nr;
	if (ne != (u32)-1)
		*e = ne;
	if (ns != (u32)-1)
		*s = ns;
	*fs = *e;
	return 0;
}

static long do_setresuid(u32 ruid, u32 euid, u32 suid)
{
	struct cred *c = &current->proc->cred;
	u32 old_r = c->uid, old_e = c->euid, old_s = current->proc->suid;
	long err = set_res(CAP_SETUID, &c->uid, &c->euid, &current->proc->suid, &c->fsuid,
			   ruid, euid, suid);

	if (!err)
		cap_fix_setuid(c, old_r, old_e, old_s, current->proc->suid);
	return err;
}

static long do_setresgid(u32 rgid, u32 egid, u32 sgid)
{
	struct cred *c = &current->proc->cred;

	return set_res(CAP_SETGID, &c->gid, &c->egid, &current->proc->sgid, &c->fsgid, rgid, egid,
		       sgid);
}

/* setreuid(2): the saved id follows the new effective id when the real
 * id is set or the effective id changes to something but the real id. */
static long do_setreuid(u32 ruid, u32 euid)
{
	struct process *p = current->proc;
	struct cred *c = &p->cred;
	u32 old_ruid = c->uid, old_euid = c->euid, old_suid = p->suid;

	if (!capable(CAP_SETUID)) {
		if (ruid != (u32)-1 && ruid != c->uid && ruid != c->euid)
			return -EPERM;
		if (euid != (u32)-1 && euid != c->uid && euid != c->euid && euid != p->suid)
			return -EPERM;
	}
	if (ruid != (u32)-1)
		c->uid = ruid;
	if (euid != (u32)-1)
		c->euid = euid;
	if (ruid != (u32)-1 || (euid != (u32)-1 && euid != old_ruid))
		p->suid = c->euid;
	c->fsuid = c->euid;
	cap_fix_setuid(c, old_ruid, old_euid, old_suid, p->suid);
	return 0;
}

static long do_setregid(u32 rgid, u32 egid)
{
	struct process *p = current->proc;
	struct cred *c = &p->cred;
	u32 old_rgid = c->gid;

	if (!capable(CAP_SETGID)) {
		if (rgid != (u32)-1 && rgid != c->gid && rgid != c->egid)
			return -EPERM;
		if (egid != (u32)-1 && egid != c->gid && egid != c->egid && egid != p->sgid)
			return -EPERM;
	}
	if (rgid != (u32)-1)
		c->gid = rgid;
	if (egid != (u32)-1)
		c->egid = egid;
	if (rgid != (u32)-1 || (egid != (u32)-1 && egid != old_rgid))
		p->sgid = c->egid;
	c->fsgid = c->egid;
	return 0;
}

static long get_res(u32 a, u32 b, u32 c, u32 *ua, u32 *ub, u32 *uc)
{
	if (copy_to_user(ua, &a, 4) || copy_to_user(ub, &b, 4) || copy_to_user(uc, &c, 4))
		return -EFAULT;
	return 0;
}

long sys_getresuid(u32 *r, u32 *e, u32 *s)
{
	struct process *p = current->proc;

	return get_res(p->cred.uid, p->cred.euid, p->suid, r, e, s);
}

long sys_getresgid(u32 *r, u32 *e, u32 *s)
{
	struct process *p = current->proc;

	return get_res(p->cred.gid, p->cred.egid, p->sgid, r, e, s);
}

static long do_setfsuid(u32 uid)
{
	struct process *p = current->proc;
	struct cred *c = &p->cred;
	u32 old = c->fsuid;

	if (uid != (u32)-1 && (capable(CAP_SETUID) || uid == c->uid || uid == c->euid ||
			       uid == p->suid || uid == c->fsuid)) {
		c->fsuid = uid;
		cap_fix_setfsuid(c, old);
	}
	return old;
}

static long do_setfsgid(u32 gid)
{
	struct process *p = current->proc;
	struct cred *c = &p->cred;
	u32 old = c->fsgid;

	if (gid != (u32)-1 && (capable(CAP_SETGID) || gid == c->gid || gid == c->egid || gid == p->sgid ||
			       gid == c->fsgid))
		c->fsgid = gid;
	return old;
}

long sys_setuid(u32 uid) { return CRED_CALL(do_setuid(uid)); }
long sys_setgid(u32 gid) { return CRED_CALL(do_setgid(gid)); }
long sys_setresuid(u32 r, u32 e, u32 s) { return CRED_CALL(do_setresuid(r, e, s)); }
long sys_setresgid(u32 r, u32 e, u32 s) { return CRED_CALL(do_setresgid(r, e, s)); }
long sys_setreuid(u32 r, u32 e) { return CRED_CALL(do_setreuid(r, e)); }
long sys_setregid(u32 r, u32 e) { return CRED_CALL(do_setregid(r, e)); }
long sys_setfsuid(u32 uid) { return CRED_CALL(do_setfsuid(uid)); }
long sys_setfsgid(u32 gid) { return CRED_CALL(do_setfsgid(gid)); }

long sys_getgroups(int size, u32 *list)
{
	const struct cred *c = &current->proc->cred;

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return c->ngroups;
	if ((u32)size < c->ngroups)
		return -EINVAL;
	if (copy_to_user(list, c->groups, c->ngroups * sizeof(u32)))
		return -EFAULT;
	return c->ngroups;
}

long sys_setgroups(int size, const u32 *list)
{
	struct cred *c = &current->proc->cred;
	u32 g[ARRAY_SIZE(c->groups)];

	if (!capable(CAP_SETGID))
		return -EPERM;
	/* linux-compat: NGROUPS_MAX is 65536 on Linux; the cred holds 32. */
	if (size < 0 || (u32)size > ARRAY_SIZE(c->groups))
		return -EINVAL;
	if (size && copy_from_user(g, list, size * sizeof(u32)))
		return -EFAULT;
	memcpy(c->groups, g, size * sizeof(u32));
	c->ngroups = size;
	return 0;
}

long sys_umask(int mask)
{
	struct vfs_ctx c;

	current_vfs_ctx(&c);
	return vfs_umask(&c, mask & 0777);
}

/* ---- limits and usage ---- */

static long do_prlimit(struct process *p, unsigned int res, const struct rlimit64 *new,
		       struct rlimit64 *old)
{
	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	struct rlimit64 *r = &p->rlim[res];
	if (old)
		*old = *r;
	if (new) {
		if (new->rlim_cur > new->rlim_max)
			return -EINVAL;
		if (new->rlim_max > r->rlim_max && !capable(CAP_SYS_RESOURCE))
			return -EPERM;
		if (res == RLIMIT_NOFILE && new->rlim_max > NR_OPEN_LIMIT)
			return -EPERM;
		*r = *new;
	}
	return 0;
}

long sys_getrlimit(unsigned int res, void *urlim)
{
	struct rlimit64 r;
	long err = do_prlimit(current->proc, res, NULL, &r);

	if (err)
		return err;
	return copy_to_user(urlim, &r, sizeof(r)) ? -EFAULT : 0;
}

long sys_setrlimit(unsigned int res, const void *urlim)
{
	struct rlimit64 r;

	if (copy_from_user(&r, urlim, sizeof(r)))
		return -EFAULT;
	return do_prlimit(current->proc, res, &r, NULL);
}

long sys_prlimit64(int pid, unsigned int res, const void *unew, void *uold)
{
	struct rlimit64 n, o;

	if (unew && copy_from_user(&n, unew, sizeof(n)))
		return -EFAULT;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	struct process *p = pid ? find_process(pid) : current->proc;
	long err = -ESRCH;
	if (p) {
		err = (p != current->proc && !capable(CAP_SYS_RESOURCE) &&
		       p->cred.uid != current->proc->cred.uid) ? -EPERM
							       : do_prlimit(p, res, unew ? &n : NULL, &o);
	}
	spin_unlock_irqrestore(&tasklist_lock, fl);
	if (!err && uold && copy_to_user(uold, &o, sizeof(o)))
		return -EFAULT;
	return err;
}

static void ns_to_timeval(u64 ns, struct __kernel_timeval *tv)
{
	tv->tv_sec = ns / NSEC_PER_SEC;
	tv->tv_usec = ns % NSEC_PER_SEC / 1000;
}

/* CPU time of the live threads plus the dead ones.  Lock held. */
static void process_times(struct process *p, u64 *ut, u64 *st)
{
	struct task *t;

	*ut = p->utime;
	*st = p->stime;
	list_for_each_entry(t, &p->threads, thread_node) {
		*ut += t->utime;
		*st += t->stime;
	}
}

long sys_getrusage(int who, void *uru)
{
	struct rusage ru;
	u64 ut, st;

	memset(&ru, 0, sizeof(ru));
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	struct process *p = current->proc;
	switch (who) {
	case RUSAGE_SELF:
		process_times(p, &ut, &st);
		break;
	case RUSAGE_THREAD:
		ut = current->utime;
		st = current->stime;
		break;
	case RUSAGE_CHILDREN:
		ut = p->cutime;
		st = p->cstime;
		break;
	default:
		spin_unlock_irqrestore(&tasklist_lock, fl);
		return -EINVAL;
	}
	spin_unlock_irqrestore(&tasklist_lock, fl);
	ns_to_timeval(ut, &ru.ru_utime);
	ns_to_timeval(st, &ru.ru_stime);
	if (who != RUSAGE_CHILDREN && current->mm)
		ru.ru_maxrss = current->mm->rss * (PAGE_SIZE / 1024);
	return copy_to_user(uru, &ru, sizeof(ru)) ? -EFAULT : 0;
}

long sys_times(void *ubuf)
{
	struct tms t;
	u64 ut, st;
	const u64 tick = NSEC_PER_SEC / USER_HZ;

	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	process_times(current->proc, &ut, &st);
	t.tms_utime = ut / tick;
	t.tms_stime = st / tick;
	t.tms_cutime = current->proc->cutime / tick;
	t.tms_cstime = current->proc->cstime / tick;
	spin_unlock_irqrestore(&tasklist_lock, fl);
	if (ubuf && copy_to_user(ubuf, &t, sizeof(t)))
		return -EFAULT;
	/* Clock ticks since boot (Linux starts near -5 min; we start at 0). */
	return ktime_get_ns() / tick;
}

/* ---- system information ---- */

long sys_sysinfo(void *uinfo)
{
	struct sysinfo si;
	struct process *p;
	unsigned long loads[3];

	memset(&si, 0, sizeof(si));
	si.uptime = ktime_get_ns() / NSEC_PER_SEC;
	si.totalram = nr_managed_pages() * PAGE_SIZE;
	si.freeram = nr_free_pages() * PAGE_SIZE;
	si.sharedram = ramfs_data_pages() * PAGE_SIZE;	/* meminfo's Shmem */
	si.mem_unit = 1;
	get_avenrun(loads, SI_LOAD_SHIFT - FSHIFT);
	for (int k = 0; k < 3; k++)
		si.loads[k] = loads[k];
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	list_for_each_entry(p, &all_processes, all)
		si.procs += p->nr_threads;
	spin_unlock_irqrestore(&tasklist_lock, fl);
	return copy_to_user(uinfo, &si, sizeof(si)) ? -EFAULT : 0;
}

long sys_reboot(int magic1, int magic2, unsigned int cmd, void *arg)
{
	(void)arg;
	if (!capable(CAP_SYS_BOOT))
		return -EPERM;
	if ((u32)magic1 != LINUX_REBOOT_MAGIC1 ||
	    ((u32)magic2 != LINUX_REBOOT_MAGIC2 && (u32)magic2 != LINUX_REBOOT_MAGIC2A &&
	     (u32)magic2 != LINUX_REBOOT_MAGIC2B && (u32)magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
		pr_info("reboot: Power down\n");
		machine_exit(true);
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		pr_info("reboot: Restarting system\n");
		machine_restart();
	case LINUX_REBOOT_CMD_HALT:
		pr_info("reboot: System halted\n");
		machine_halt();
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	default:
		return -EINVAL;
	}
}

long sys_prctl(int option, unsigned long a2, unsigned long a3, unsigned long a4,
	       unsigned long a5)
{
	struct process *p = current->proc;

	switch (option) {
	case PR_SET_NAME: {
		char name[TASK_COMM_LEN];
		long n = strncpy_from_user(name, (const char *)a2, sizeof(name) - 1);
		if (n < 0)
			return n;
		name[n] = 0;
		strlcpy(current->comm, name, sizeof(current->comm));
		return 0;
	}
	case PR_GET_NAME:
		return copy_to_user((void *)a2, current->comm, TASK_COMM_LEN) ? -EFAULT : 0;
	case PR_SET_PDEATHSIG:
		if (a2 > _NSIG)
			return -EINVAL;
		p->pdeath_signal = a2;
		return 0;
	case PR_GET_PDEATHSIG: {
		int s = p->pdeath_signal;
		return copy_to_user((void *)a2, &s, sizeof(s)) ? -EFAULT : 0;
	}
	case PR_GET_DUMPABLE:
		return p->dumpable;
	case PR_SET_DUMPABLE:
		if (a2 > 1)
			return -EINVAL;	/* 2 (SUID_DUMP_ROOT) is for the sysctl only */
		p->dumpable = (int)a2;
		return 0;
	case PR_GET_KEEPCAPS:
		return 0;
	case PR_SET_NO_NEW_PRIVS:
		if (a2 != 1 || a3 || a4 || a5)
			return -EINVAL;
		current->no_new_privs = true;	/* for good (prctl(2)) */
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		if (a2 || a3 || a4 || a5)
			return -EINVAL;
		return current->no_new_privs;
	case PR_CAPBSET_READ:
		return a2 <= CAP_LAST_CAP ? 1 : -EINVAL;
	case PR_SET_TIMERSLACK:
		/* 0 restores the slack this thread started with. */
		current->timer_slack_ns = a2 ? a2 : current->default_timer_slack_ns;
		return 0;
	case PR_GET_TIMERSLACK:
		return (long)current->timer_slack_ns;
	case PR_GET_SECCOMP:
		return 0;
	default:
		return -EINVAL;
	}
}

long sys_getrandom(void *ubuf, size_t len, unsigned int flags)
{
	u8 chunk[256];
	size_t done = 0;

	if (flags & ~(unsigned)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & GRND_INSECURE) && (flags & GRND_RANDOM))
		return -EINVAL;
	if (len > 33554431)
		len = 33554431;
	while (done < len) {
		size_t n = MIN(len - done, sizeof(chunk));
		get_random_bytes(chunk, n);
		if (copy_to_user((u8 *)ubuf + done, chunk, n))
			return done ? (long)done : -EFAULT;
		done += n;
		if (done < len && signal_pending(current))
			return done;
	}
	return done;
}

/* ---- scheduler (one CPU, round robin) ---- */

long sys_sched_yield(void)
{
	yield();
	return 0;
}

static long check_pid(int pid)
{
	if (pid < 0)
		return -EINVAL;
	if (!pid)
		return 0;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	bool ok = find_task(pid) != NULL;
	spin_unlock_irqrestore(&tasklist_lock, fl);
	return ok ? 0 : -ESRCH;
}

long sys_sched_getaffinity(int pid, unsigned int len, void *umask)
{
	long err = check_pid(pid);

	if (err)
		return err;
	if (len < sizeof(u64) || (len & (sizeof(u64) - 1)))
		return -EINVAL;
	u64 mask = 1;	/* CPU 0 */
	if (copy_to_user(umask, &mask, sizeof(mask)))
		return -EFAULT;
	return sizeof(u64);
}

long sys_sched_setaffinity(int pid, unsigned int len, const void *umask)
{
	long err = check_pid(pid);
	u64 mask = 0;

	if (err)
		return err;
	if (copy_from_user(&mask, umask, MIN(len, (unsigned)sizeof(mask))))
		return -EFAULT;
	return (mask & 1) ? 0 : -EINVAL;
}

long sys_getpriority(int which, int who)
{
	if (which < 0 || which > 2)
		return -EINVAL;
	if (which == 0 && who && check_pid(who))
		return -ESRCH;
	return 20;	/* nice 0, as the kernel encodes it (20 - nice) */
}

long sys_setpriority(int which, int who, int prio)
{
	if (which < 0 || which > 2)
		return -EINVAL;
	if (which == 0 && who && check_pid(who))
		return -ESRCH;
	/* linux-compat: one priority; lowering it (nice > 0) is accepted. */
	if (prio < 0 && !capable(CAP_SYS_NICE))
		return -EACCES;
	return 0;
}

long sys_getcpu(unsigned int *cpu, unsigned int *node, void *cache)
{
	unsigned int zero = 0;

	(void)cache;
	if (cpu && copy_to_user(cpu, &zero, sizeof(zero)))
		return -EFAULT;
	if (node && copy_to_user(node, &zero, sizeof(zero)))
		return -EFAULT;
	return 0;
}

/* uname(2): the names live in kernel/utsname.c (shared with sethostname(2)
 * and /proc/sys/kernel). */
long sys_uname(void *ubuf)
{
	struct new_utsname u;

	uts_get(&u);
	return copy_to_user(ubuf, &u, sizeof(u)) ? -EFAULT : 0;
}
