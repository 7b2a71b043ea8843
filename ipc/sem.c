/*
 * SysV semaphores: semget(2), semop(2), semtimedop(2), semctl(2).
 *
 * A set is an array of values under sem_ids.lock (include/tern/ipc.h).
 * semop applies its operations in order and all or none: a failing or
 * blocking one undoes those before it.  A caller that must wait sleeps
 * on the set's list, recording the operation it blocks on (what GETNCNT
 * and GETZCNT count, as Linux since 3.x: only the blocking operation),
 * and every change to the set's values wakes all its sleepers to try
 * again.  linux-compat: Linux completes a sleeper's operation for it in
 * queue order; here a woken sleeper races new callers for the values.
 *
 * SEM_UNDO: each process (shared by its threads, as CLONE_SYSVSEM) has
 * one adjustment record per set it used with SEM_UNDO, on both the
 * process's list and the set's; the last thread's exit applies them
 * (clamped to 0..SEMVMX, as Linux), IPC_RMID drops them, SETVAL and
 * SETALL clear the entries they overwrite.  fork starts the child with
 * none; execve keeps them.
 */
#include <tern/errno.h>
#include <tern/ipc.h>
#include <tern/kernel.h>
#include <tern/process.h>
#include <tern/slab.h>
#include <tern/string.h>
#include <tern/uaccess.h>
#include <uapi/sem.h>
#include "ipc.h"

struct sem {
	int semval;
	int sempid;
	s64 sem_otime;
};

struct sem_array {
	struct kern_ipc_perm perm;	/* first: the table holds its address */
	s64 sem_ctime;
	int nsems;
	struct list_head sleepers;	/* struct sem_sleeper */
	struct list_head undos;		/* struct sem_undo.in_set */
	struct sem sems[];
};

struct sem_sleeper {
	struct ipc_sleeper s;
	int semnum;			/* the operation it blocks on */
	int op;
};

struct sem_undo {
	struct list_head in_set, in_proc;
	struct sem_array *sma;
	struct process *proc;
	s16 adj[];
};

static struct ipc_ids sem_ids = IPC_IDS_INIT(sem_ids);
/* /proc/sys/kernel/sem: SEMMSL, SEMMNS, SEMOPM, SEMMNI. */
static int sem_ctls[4] = { SEMMSL, SEMMNS, SEMOPM, SEMMNI };
static long used_sems;		/* semaphores in all sets */

static struct sem_array *sem_obtain(int semid)
{
	return (struct sem_array *)ipc_obtain(&sem_ids, semid);
}

static int sem_getnew(struct ipc_ids *ids, const struct ipc_params *prm)
{
	int nsems = (int)prm->size;
	struct sem_array *sma;
	int id;

	if (!nsems)
		return -EINVAL;
	if (used_sems + nsems > sem_ctls[1])
		return -ENOSPC;
	sma = kzalloc(sizeof(*sma) + sizeof(struct sem) * (size_t)nsems);
	if (!sma)
		return -ENOMEM;
	ipc_init_perm(&sma->perm, prm);
	sma->nsems = nsems;
	INIT_LIST_HEAD(&sma->sleepers);
	INIT_LIST_HEAD(&sma->undos);
	id = ipc_addid(ids, &sma->perm, sem_ctls[3]);
	if (id < 0) {
		kfree(sma);
		return id;
	}
	sma->sem_ctime = ipc_now();
	used_sems += nsems;
	return id;
}

static int sem_more_checks(struct kern_ipc_perm *p, const struct ipc_params *prm)
{
	return prm->size > (u64)((struct sem_array *)p)->nsems ? -EINVAL : 0;
}

static const struct ipc_ops sem_ops = {
	.getnew = sem_getnew,
	.more_checks = sem_more_checks,
};

long sys_semget(int key, int nsems, int semflg)
{
	struct ipc_params prm = { .key = key, .flg = semflg, .size = (u64)nsems };

	if (nsems < 0 || nsems > sem_ctls[0])
		return -EINVAL;
	return ipcget(&sem_ids, &sem_ops, &prm);
}

static void free_undo(struct sem_undo *un)
{
	list_del_init(&un->in_set);
	list_del_init(&un->in_proc);
	kfree(un);
}

/* IPC_RMID: sleepers get EIDRM, undo records go, the set is freed. */
static void sem_free(struct sem_array *sma)
{
	struct sem_undo *un, *n;

	list_for_each_entry_safe(un, n, &sma->undos, in_set)
		free_undo(un);
	ipc_wake_removed(&sma->sleepers);
	used_sems -= sma->nsems;
	ipc_rmid(&sem_ids, &sma->perm);
	kfree(sma);
}

/* The caller's undo record for sma, made if missing (NULL: no memory). */
static struct sem_undo *find_alloc_undo(struct sem_array *sma)
{
	struct process *p = current_proc();
	struct sem_undo *un;

	list_for_each_entry(un, &sma->undos, in_set)
		if (un->proc == p)
			return un;
	un = kzalloc(sizeof(*un) + sizeof(s16) * (size_t)sma->nsems);
	if (!un)
		return NULL;
	un->sma = sma;
	un->proc = p;
	list_add(&un->in_set, &sma->undos);
	list_add(&un->in_proc, &p->sysvsem_undos);
	return un;
}

/* SETVAL/SETALL: the overwritten values' adjustments no longer apply. */
static void clear_undo(struct sem_array *sma, int semnum)
{
	struct sem_undo *un;

	list_for_each_entry(un, &sma->undos, in_set) {
		if (semnum < 0)
			memset(un->adj, 0, sizeof(s16) * (size_t)sma->nsems);
		else
			un->adj[semnum] = 0;
	}
}

/*
 * Try all of sops on sma, in order, all or none.  0 (done), 1 (must
 * wait: *blocking is the operation), -EAGAIN (IPC_NOWAIT), -ERANGE.
 */
static int try_semop(struct sem_array *sma, const struct sembuf *sops, unsigned nsops,
		     struct sem_undo *un, unsigned *blocking)
{
	unsigned i;
	int ret;

	for (i = 0; i < nsops; i++) {
		const struct sembuf *sop = &sops[i];
		struct sem *s = &sma->sems[sop->sem_num];
		int result = s->semval + sop->sem_op;

		if ((!sop->sem_op && s->semval) || result < 0) {
			ret = (sop->sem_flg & IPC_NOWAIT) ? -EAGAIN : 1;
			*blocking = i;
			goto undo;
		}
		if (result > SEMVMX) {
			ret = -ERANGE;
			goto undo;
		}
		if (sop->sem_flg & SEM_UNDO) {
			int adj = un->adj[sop->sem_num] - sop->sem_op;
			if (adj < -SEMAEM - 1 || adj > SEMAEM) {
				ret = -ERANGE;
				goto undo;
			}
			un->adj[sop->sem_num] = (s16)adj;
		}
		s->semval = result;
	}
	for (i = 0; i < nsops; i++)
		sma->sems[sops[i].sem_num].sempid = current_proc()->pid;
	sma->sems[sops[0].sem_num].sem_otime = ipc_now();
	return 0;
undo:
	while (i-- > 0) {
		sma->sems[sops[i].sem_num].semval -= sops[i].sem_op;
		if (sops[i].sem_flg & SEM_UNDO)
			un->adj[sops[i].sem_num] += sops[i].sem_op;
	}
	return ret;
}

static long do_semtimedop(int semid, void *usops, unsigned nsops, const void *utimeout)
{
	struct sembuf fast[16], *sops = fast;
	struct sem_sleeper w;
	unsigned max = 0, i;
	bool undos = false, alter = false;
	long stop = 0;
	u64 deadline;
	long ret;

	if (nsops < 1 || semid < 0)
		return -EINVAL;
	if (nsops > (unsigned)sem_ctls[2])
		return -E2BIG;
	if (nsops > ARRAY_SIZE(fast)) {
		sops = kmalloc(sizeof(*sops) * nsops);
		if (!sops)
			return -ENOMEM;
	}
	ret = -EFAULT;
	if (copy_from_user(sops, usops, sizeof(*sops) * nsops))
		goto out_free;
	ret = ipc_timeout_deadline(utimeout, &deadline);
	if (ret)
		goto out_free;
	for (i = 0; i < nsops; i++) {
		max = MAX(max, sops[i].sem_num);
		undos |= (sops[i].sem_flg & SEM_UNDO) != 0;
		alter |= sops[i].sem_op != 0;
	}

	ipc_sleeper_init(&w.s);
	unsigned long fl = spin_lock_irqsave(&sem_ids.lock);
	struct sem_array *sma = sem_obtain(semid);
	ret = -EINVAL;
	if (!sma)
		goto out_unlock;
	ret = -EFBIG;
	if (max >= (unsigned)sma->nsems)
		goto out_unlock;
	ret = -EACCES;
	if (ipcperms(&sma->perm, alter ? IPC_WRITE : IPC_READ))
		goto out_unlock;
	for (;;) {
		struct sem_undo *un = NULL;
		unsigned blocking = 0;

		if (undos && !(un = find_alloc_undo(sma))) {
			ret = -ENOMEM;
			break;
		}
		ret = try_semop(sma, sops, nsops, un, &blocking);
		if (ret == 0 && alter)
			ipc_wake_all(&sma->sleepers);
		if (ret <= 0)
			break;
		w.semnum = sops[blocking].sem_num;
		w.op = sops[blocking].sem_op;
		ret = ipc_wait(&sem_ids, &fl, &w.s, &sma->sleepers, deadline, &stop);
		if (ret)
			break;		/* -EIDRM: sma is gone */
	}
out_unlock:
	spin_unlock_irqrestore(&sem_ids.lock, fl);
out_free:
	if (sops != fast)
		kfree(sops);
	return ret;
}

long sys_semop(int semid, void *sops, unsigned nsops)
{
	return do_semtimedop(semid, sops, nsops, NULL);
}

long sys_semtimedop(int semid, void *sops, unsigned nsops, const void *timeout)
{
	return do_semtimedop(semid, sops, nsops, timeout);
}

void exit_sem(struct process *p)
{
	unsigned long fl = spin_lock_irqsave(&sem_ids.lock);
	struct sem_undo *un, *n;

	list_for_each_entry_safe(un, n, &p->sysvsem_undos, in_proc) {
		struct sem_array *sma = un->sma;
		int i;

		for (i = 0; i < sma->nsems; i++) {
			struct sem *s = &sma->sems[i];

			if (!un->adj[i])
				continue;
			s->semval = MIN(MAX(s->semval + un->adj[i], 0), SEMVMX);
			s->sempid = p->pid;
		}
		free_undo(un);
		ipc_wake_all(&sma->sleepers);
	}
	spin_unlock_irqrestore(&sem_ids.lock, fl);
}

void sem_init_proc(struct process *p)
{
	INIT_LIST_HEAD(&p->sysvsem_undos);
}

/* ---- semctl ---- */

static long semctl_info(int cmd, void *buf)
{
	struct seminfo si;

	memset(&si, 0, sizeof(si));
	si.semmni = sem_ctls[3];
	si.semmns = sem_ctls[1];
	si.semmsl = sem_ctls[0];
	si.semopm = sem_ctls[2];
	si.semvmx = SEMVMX;
	si.semmnu = SEMMNU;
	si.semmap = SEMMAP;
	si.semume = SEMUME;
	unsigned long fl = spin_lock_irqsave(&sem_ids.lock);
	if (cmd == SEM_INFO) {
		si.semusz = sem_ids.in_use;
		si.semaem = (s32)used_sems;
	} else {
		si.semusz = SEMUSZ;
		si.semaem = SEMAEM;
	}
	int max_idx = ipc_max_idx(&sem_ids);
	spin_unlock_irqrestore(&sem_ids.lock, fl);
	if (copy_to_user(buf, &si, sizeof(si)))
		return -EFAULT;
	return max_idx < 0 ? 0 : max_idx;
}

static s64 sem_otime(const struct sem_array *sma)
{
	s64 t = 0;
	int i;

	for (i = 0; i < sma->nsems; i++)
		t = MAX(t, sma->sems[i].sem_otime);
	return t;
}

/* IPC_STAT by id, SEM_STAT and SEM_STAT_ANY by index. */
static long semctl_stat(int semid, int cmd, void *buf)
{
	struct semid64_ds ds;
	long ret;

	memset(&ds, 0, sizeof(ds));
	unsigned long fl = spin_lock_irqsave(&sem_ids.lock);
	struct sem_array *sma = (struct sem_array *)ipc_stat_obtain(&sem_ids, semid,
			cmd == IPC_STAT ? IPC_STAT_ID : cmd == SEM_STAT ? IPC_STAT_INDEX
			: IPC_STAT_INDEX_ANY, &ret);
	if (!sma)
		goto out;
	ipc_fill_perm64(&sma->perm, &ds.sem_perm);
	ds.sem_otime = sem_otime(sma);
	ds.sem_ctime = sma->sem_ctime;
	ds.sem_nsems = (u64)sma->nsems;
out:
	spin_unlock_irqrestore(&sem_ids.lock, fl);
	if (ret >= 0 && copy_to_user(buf, &ds, sizeof(ds)))
		return -EFAULT;
	return ret;
}

static long semctl_setval(int semid, int semnum, int val)
{
	long ret;

	if (val > SEMVMX || val < 0)
		return -ERANGE;
	unsigned long fl = spin_lock_irqsave(&sem_ids.lock);
	struct sem_array *sma = sem_obtain(semid);
	ret = -EINVAL;
	if (!sma || semnum < 0 || semnum >= sma->nsems)
		goto out;
	ret = -EACCES;
	if (ipcperms(&sma->perm, IPC_WRITE))
		goto out;
	clear_undo(sma, semnum);
	sma->sems[semnum].semval = val;
	sma->sems[semnum].sempid = current_proc()->pid;
	sma->sem_ctime = ipc_now();
	ipc_wake_all(&sma->sleepers);
	ret = 0;
out:
	spin_unlock_irqrestore(&sem_ids.lock, fl);
	return ret;
}

static int count_sleepers(struct sem_array *sma, int semnum, bool zero)
{
	struct ipc_sleeper *s;
	int n = 0;

	list_for_each_entry(s, &sma->sleepers, node) {
		struct sem_sleeper *w = container_of(s, struct sem_sleeper, s);
		if (w->semnum == semnum && (zero ? w->op == 0 : w->op < 0))
			n++;
	}
	return n;
}

/* SETALL: the values are copied in with no lock held, so the set is
 * looked up again; gone by then is EIDRM, as on Linux. */
static long semctl_setall(int semid, int nsems, void *ubuf)
{
	u16 *vals = kmalloc(sizeof(u16) * (size_t)nsems);
	long ret;
	int i;

	if (!vals)
		return -ENOMEM;
	ret = -EFAULT;
	if (copy_from_user(vals, ubuf, sizeof(u16) * (size_t)nsems))
		goto out_free;
	ret = -ERANGE;
	for (i = 0; i < nsems; i++)
		if (vals[i] > SEMVMX)
			goto out_free;
	unsigned long fl = spin_lock_irqsave(&sem_ids.lock);
	struct sem_array *sma = sem_obtain(semid);
	ret = -EIDRM;
	if (sma && sma->nsems == nsems) {
		for (i = 0; i < nsems; i++) {
			sma->sems[i].semval = vals[i];
			sma->sems[i].sempid = current_proc()->pid;
		}
		clear_undo(sma, -1);
		sma->sem_ctime = ipc_now();
		ipc_wake_all(&sma->sleepers);
		ret = 0;
	}
	spin_unlock_irqrestore(&sem_ids.lock, fl);
out_free:
	kfree(vals);
	return ret;
}

/* GETALL, GETVAL, GETPID, GETNCNT, GETZCNT, SETALL. */
static long semctl_main(int semid, int semnum, int cmd, void *ubuf)
{
	u16 *vals = NULL;
	long ret;
	int nsems = 0, i;

	unsigned long fl = spin_lock_irqsave(&sem_ids.lock);
	struct sem_array *sma = sem_obtain(semid);
	ret = -EINVAL;
	if (!sma)
		goto out;
	ret = -EACCES;
	if (ipcperms(&sma->perm, cmd == SETALL ? IPC_WRITE : IPC_READ))
		goto out;
	nsems = sma->nsems;
	if (cmd == SETALL) {
		ret = 1;		/* done below, unlocked */
		goto out;
	}
	if (cmd == GETALL) {
		ret = -ENOMEM;
		vals = kmalloc(sizeof(u16) * (size_t)nsems);
		if (!vals)
			goto out;
		for (i = 0; i < nsems; i++)
			vals[i] = (u16)sma->sems[i].semval;
		ret = 0;
		goto out;
	}
	ret = -EINVAL;
	if (semnum < 0 || semnum >= nsems)
		goto out;
	switch (cmd) {
	case GETVAL:
		ret = sma->sems[semnum].semval;
		break;
	case GETPID:
		ret = sma->sems[semnum].sempid;
		break;
	case GETNCNT:
		ret = count_sleepers(sma, semnum, false);
		break;
	case GETZCNT:
		ret = count_sleepers(sma, semnum, true);
		break;
	}
out:
	spin_unlock_irqrestore(&sem_ids.lock, fl);
	if (cmd == SETALL && ret == 1)
		return semctl_setall(semid, nsems, ubuf);
	if (vals) {
		if (copy_to_user(ubuf, vals, sizeof(u16) * (size_t)nsems))
			ret = -EFAULT;
		kfree(vals);
	}
	return ret;
}

/* IPC_SET (the new perm already copied in) and IPC_RMID. */
static long semctl_down(int semid, int cmd, const struct semid64_ds *in)
{
	long ret;

	unsigned long fl = spin_lock_irqsave(&sem_ids.lock);
	struct sem_array *sma = sem_obtain(semid);
	ret = -EINVAL;
	if (!sma)
		goto out;
	ret = ipc_check_owner(&sma->perm);
	if (ret)
		goto out;
	if (cmd == IPC_RMID) {
		sem_free(sma);
	} else {
		ret = ipc_update_perm(&sma->perm, &in->sem_perm);
		if (!ret)
			sma->sem_ctime = ipc_now();
	}
out:
	spin_unlock_irqrestore(&sem_ids.lock, fl);
	return ret;
}

/* The fourth argument is union semun, passed by value in a register. */
long sys_semctl(int semid, int semnum, int cmd, unsigned long arg)
{
	void *p = (void *)arg;
	struct semid64_ds ds;

	if (semid < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SEM_INFO:
		return semctl_info(cmd, p);
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY:
		return semctl_stat(semid, cmd, p);
	case GETALL:
	case GETVAL:
	case GETPID:
	case GETNCNT:
	case GETZCNT:
	case SETALL:
		return semctl_main(semid, semnum, cmd, p);
	case SETVAL:
		return semctl_setval(semid, semnum, (int)arg);
	case IPC_SET:
		if (copy_from_user(&ds, p, sizeof(ds)))
			return -EFAULT;
		return semctl_down(semid, cmd, &ds);
	case IPC_RMID:
		return semctl_down(semid, cmd, NULL);
	default:
		return -EINVAL;
	}
}

/* ---- /proc ---- */

int sysvipc_sem_show(struct proc_buf *b)
{
	int i;

	proc_printf(b, "       key      semid perms      nsems   uid   gid  cuid  cgid"
		       "      otime      ctime\n");
	unsigned long fl = spin_lock_irqsave(&sem_ids.lock);
	for (i = 0; i < sem_ids.cap; i++) {
		struct sem_array *sma = (struct sem_array *)sem_ids.entries[i];

		if (!sma)
			continue;
		proc_printf(b, "%10d %10d  %4o %10u %5u %5u %5u %5u %10lld %10lld\n",
			    sma->perm.key, sma->perm.id, sma->perm.mode, (unsigned)sma->nsems,
			    sma->perm.uid, sma->perm.gid, sma->perm.cuid, sma->perm.cgid,
			    (long long)sem_otime(sma), (long long)sma->sem_ctime);
	}
	spin_unlock_irqrestore(&sem_ids.lock, fl);
	return 0;
}

static void sem_ctls_get(int *vals)
{
	memcpy(vals, sem_ctls, sizeof(sem_ctls));
}

static int sem_ctls_set(const int *vals)
{
	if (vals[3] > IPCMNI)
		return -EINVAL;
	memcpy(sem_ctls, vals, sizeof(sem_ctls));
	return 0;
}

const struct ctl_intvec sem_ctl_vec = {
	.n = 4, .min = 0, .max = 0x7fffffff, .get = sem_ctls_get, .set = sem_ctls_set,
};
