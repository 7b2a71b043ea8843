/*
 * What the three SysV IPC kinds share (include/tern/ipc.h): the id
 * tables, the get calls' key lookup, permission checks (svipc(7)) and
 * the ipc64_perm every *_STAT fills.
 */
#include <tern/capability.h>
#include <tern/errno.h>
#include <tern/ipc.h>
#include <tern/kernel.h>
#include <tern/process.h>
#include <tern/slab.h>
#include <tern/string.h>
#include <tern/time.h>
#include <tern/uaccess.h>
#include <uapi/time.h>

#define IPC_MIN_CYCLE	64	/* Linux's ipc_min_cycle: indexes cycle at least this far */

s64 ipc_now(void)
{
	return (s64)(ktime_get_real_ns() / NSEC_PER_SEC);
}

void ipc_init_perm(struct kern_ipc_perm *p, const struct ipc_params *prm)
{
	const struct cred *c = current_cred();

	p->key = prm->key;
	p->uid = p->cuid = c->euid;
	p->gid = p->cgid = c->egid;
	p->mode = (u32)prm->flg & 0777;
	p->deleted = false;
}

static int ipc_grow(struct ipc_ids *ids, int need)
{
	int cap = ids->cap ? ids->cap : IPC_MIN_CYCLE;
	struct kern_ipc_perm **n;

	while (cap < need)
		cap *= 2;
	if (cap > IPCMNI)
		cap = IPCMNI;
	n = kzalloc(sizeof(*n) * (size_t)cap);
	if (!n)
		return -ENOMEM;
	if (ids->entries)
		memcpy(n, ids->entries, sizeof(*n) * (size_t)ids->cap);
	kfree(ids->entries);
	ids->entries = n;
	ids->cap = cap;
	return 0;
}

/*
 * Linux's ipc_idr_alloc: the next free index after the latest one,
 * below max(in_use * 3 / 2, 64), wrapping to 0; the sequence number
 * grows when the index does not.
 */
int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *p, int limit)
{
	int max_idx, idx, i;

	if (limit > IPCMNI)
		limit = IPCMNI;
	if (ids->in_use >= limit)
		return -ENOSPC;
	max_idx = MAX(ids->in_use * 3 / 2, IPC_MIN_CYCLE);
	max_idx = MIN(max_idx, IPCMNI);
	if (ids->cap < max_idx && ipc_grow(ids, max_idx))
		return -ENOMEM;
	int start = ids->last_idx + 1 < max_idx ? ids->last_idx + 1 : 0;
	idx = -1;
	for (i = 0; i < max_idx; i++) {
		int cand = (start + i) % max_idx;
		if (!ids->entries[cand]) {
			idx = cand;
			break;
		}
	}
	if (idx < 0)
		return -ENOSPC;
	if (idx <= ids->last_idx && ++ids->seq >= IPCMNI_SEQ_MAX)
		ids->seq = 0;
	ids->last_idx = idx;
	p->seq = ids->seq;
	p->id = p->seq * IPCMNI + idx;
	ids->entries[idx] = p;
	ids->in_use++;
	return p->id;
}

void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *p)
{
	int idx = p->id % IPCMNI;

	if (idx < ids->cap && ids->entries[idx] == p) {
		ids->entries[idx] = NULL;
		ids->in_use--;
	}
	p->deleted = true;
}

struct kern_ipc_perm *ipc_at(struct ipc_ids *ids, int idx)
{
	if (idx < 0 || idx >= ids->cap)
		return NULL;
	return ids->entries[idx];
}

struct kern_ipc_perm *ipc_obtain(struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm *p;

	if (id < 0)
		return NULL;
	p = ipc_at(ids, id % IPCMNI);
	return p && p->id == id ? p : NULL;
}

struct kern_ipc_perm *ipc_stat_obtain(struct ipc_ids *ids, int id, enum ipc_stat_how how,
				      long *ret)
{
	struct kern_ipc_perm *p = how == IPC_STAT_ID ? ipc_obtain(ids, id) : ipc_at(ids, id);

	if (!p) {
		*ret = -EINVAL;
		return NULL;
	}
	if (how != IPC_STAT_INDEX_ANY && ipcperms(p, IPC_READ)) {
		*ret = -EACCES;
		return NULL;
	}
	*ret = how == IPC_STAT_ID ? 0 : p->id;
	return p;
}

int ipc_max_idx(struct ipc_ids *ids)
{
	int i;

	for (i = ids->cap - 1; i >= 0; i--)
		if (ids->entries[i])
			return i;
	return -1;
}

/* A removed shared memory segment keeps its slot with key IPC_PRIVATE:
 * a key of 0 is never found. */
static struct kern_ipc_perm *ipc_find_key(struct ipc_ids *ids, s32 key)
{
	int i;

	for (i = 0; i < ids->cap; i++)
		if (ids->entries[i] && ids->entries[i]->key == key)
			return ids->entries[i];
	return NULL;
}

/*
 * svipc(7): the owner class if the caller's effective uid is the
 * object's owner or creator, else the group class if its group is the
 * object's or creator's group, else other; CAP_IPC_OWNER overrides.
 */
bool ipcperms(const struct kern_ipc_perm *p, int flag)
{
	const struct cred *c = current_cred();
	int requested = (flag >> 6) | (flag >> 3) | flag;
	int granted = (int)p->mode;

	if (c->euid == p->cuid || c->euid == p->uid)
		granted >>= 6;
	else if (in_group(c, p->cgid) || in_group(c, p->gid))
		granted >>= 3;
	return (requested & ~granted & 0007) && !capable(CAP_IPC_OWNER);
}

int ipc_check_owner(const struct kern_ipc_perm *p)
{
	const struct cred *c = current_cred();

	if (c->euid == p->cuid || c->euid == p->uid || capable(CAP_SYS_ADMIN))
		return 0;
	return -EPERM;
}

int ipc_update_perm(struct kern_ipc_perm *p, const struct ipc64_perm *in)
{
	if (in->uid == (u32)-1 || in->gid == (u32)-1)
		return -EINVAL;
	p->uid = in->uid;
	p->gid = in->gid;
	p->mode = (p->mode & ~0777u) | (in->mode & 0777u);
	return 0;
}

void ipc_fill_perm64(const struct kern_ipc_perm *p, struct ipc64_perm *out)
{
	memset(out, 0, sizeof(*out));
	out->key = p->key;
	out->uid = p->uid;
	out->gid = p->gid;
	out->cuid = p->cuid;
	out->cgid = p->cgid;
	out->mode = p->mode;
	out->seq = p->seq;
}

/*
 * svipc(7) and Linux's ipcget: IPC_PRIVATE always makes a new object;
 * a key makes one only with IPC_CREAT when none has it; IPC_CREAT |
 * IPC_EXCL on an existing key is EEXIST; otherwise the kind's own
 * checks, then the access the flags' mode bits ask for.
 */
long ipcget(struct ipc_ids *ids, const struct ipc_ops *ops, const struct ipc_params *prm)
{
	unsigned long fl = spin_lock_irqsave(&ids->lock);
	struct kern_ipc_perm *p = NULL;
	long ret;

	if (prm->key != IPC_PRIVATE)
		p = ipc_find_key(ids, prm->key);
	if (!p) {
		if (prm->key == IPC_PRIVATE || (prm->flg & IPC_CREAT))
			ret = ops->getnew(ids, prm);
		else
			ret = -ENOENT;
	} else if ((prm->flg & IPC_CREAT) && (prm->flg & IPC_EXCL)) {
		ret = -EEXIST;
	} else {
		ret = ops->more_checks ? ops->more_checks(p, prm) : 0;
		if (!ret)
			ret = ipcperms(p, prm->flg) ? -EACCES : p->id;
	}
	spin_unlock_irqrestore(&ids->lock, fl);
	return ret;
}

void ipc_sleeper_init(struct ipc_sleeper *s)
{
	INIT_LIST_HEAD(&s->node);
	s->task = current;
	s->status = 0;
}

/* s->status if the object went away, else -EINTR, -EAGAIN or 0. */
static int ipc_sleep(struct ipc_ids *ids, unsigned long *fl, struct ipc_sleeper *s,
		     u64 deadline)
{
	int ret = 0;

	set_current_state(TASK_INTERRUPTIBLE);
	spin_unlock_irqrestore(&ids->lock, *fl);
	if (!deadline) {
		schedule();
	} else {
		u64 now = ktime_get_ns();
		if (now < deadline)
			schedule_timeout_interruptible(deadline - now);
	}
	set_current_state(TASK_RUNNING);
	*fl = spin_lock_irqsave(&ids->lock);
	if (s->status)
		return s->status;
	if (signal_pending(current))
		ret = -EINTR;
	else if (deadline && ktime_get_ns() >= deadline)
		ret = -EAGAIN;
	return ret;
}

long ipc_wait(struct ipc_ids *ids, unsigned long *fl, struct ipc_sleeper *s,
	      struct list_head *list, u64 deadline, long *stop)
{
	int ret;

	if (*stop)
		return *stop;
	list_add_tail(&s->node, list);
	ret = ipc_sleep(ids, fl, s, deadline);
	if (ret == -EIDRM)
		return ret;
	list_del_init(&s->node);
	*stop = ret;
	return 0;
}

void ipc_wake_all(struct list_head *sleepers)
{
	struct ipc_sleeper *s;

	list_for_each_entry(s, sleepers, node)
		wake_up_process(s->task);
}

void ipc_wake_removed(struct list_head *sleepers)
{
	struct ipc_sleeper *s, *n;

	list_for_each_entry_safe(s, n, sleepers, node) {
		list_del_init(&s->node);
		s->status = -EIDRM;
		wake_up_process(s->task);
	}
}

int ipc_timeout_deadline(const void *u, u64 *deadline)
{
	struct __kernel_timespec ts;

	*deadline = 0;
	if (!u)
		return 0;
	if (copy_from_user(&ts, u, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	/* Past about 290 years: never (the clock cannot get there). */
	if ((u64)ts.tv_sec >= (1ull << 33)) {
		*deadline = ~0ull;
		return 0;
	}
	*deadline = ktime_get_ns() + (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
	return 0;
}
