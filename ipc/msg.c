/*
 * SysV message queues: msgget(2), msgsnd(2), msgrcv(2), msgctl(2).
 *
 * A queue is a list of messages in arrival order under msg_ids.lock
 * (include/tern/ipc.h).  A message is copied in whole before the lock
 * is taken and copied out after it is dropped (a receive unlinks it
 * first; MSG_COPY takes a copy).  A sender waits while the queue has no
 * room (Linux's test: bytes + size <= msg_qbytes and messages + 1 <=
 * msg_qbytes), a receiver while no message matches; a send wakes every
 * waiting receiver, a receive every waiting sender, to look again.
 * linux-compat: Linux hands a new message straight to a waiting
 * receiver (so it may pass a full queue); here it is queued first.
 */
#include <tern/capability.h>
#include <tern/errno.h>
#include <tern/ipc.h>
#include <tern/kernel.h>
#include <tern/process.h>
#include <tern/slab.h>
#include <tern/string.h>
#include <tern/uaccess.h>
#include <uapi/msg.h>
#include "ipc.h"

struct msg_msg {
	struct list_head list;
	long mtype;
	size_t m_ts;			/* text bytes */
	char text[];
};

struct msg_queue {
	struct kern_ipc_perm perm;	/* first: the table holds its address */
	s64 stime, rtime, ctime;
	u64 cbytes, qnum, qbytes;
	int lspid, lrpid;
	struct list_head messages;
	struct list_head receivers;	/* struct ipc_sleeper */
	struct list_head senders;
};

/* How msgrcv picks (msgrcv(2)). */
enum msg_search {
	SEARCH_ANY,			/* msgtyp 0: the first */
	SEARCH_EQUAL,			/* the first of type msgtyp */
	SEARCH_NOTEQUAL,		/* MSG_EXCEPT: the first not of msgtyp */
	SEARCH_LESSEQUAL,		/* msgtyp < 0: the lowest type <= |msgtyp| */
	SEARCH_NUMBER,			/* MSG_COPY: message number msgtyp */
};

static struct ipc_ids msg_ids = IPC_IDS_INIT(msg_ids);
int msg_ctlmax = MSGMAX, msg_ctlmnb = MSGMNB, msg_ctlmni = MSGMNI;
static long msg_bytes, msg_hdrs;	/* in all queues (MSG_INFO) */

static struct msg_queue *msq_obtain(int msqid)
{
	return (struct msg_queue *)ipc_obtain(&msg_ids, msqid);
}

static int msg_getnew(struct ipc_ids *ids, const struct ipc_params *prm)
{
	struct msg_queue *q = kzalloc(sizeof(*q));
	int id;

	if (!q)
		return -ENOMEM;
	ipc_init_perm(&q->perm, prm);
	q->qbytes = (u64)msg_ctlmnb;
	INIT_LIST_HEAD(&q->messages);
	INIT_LIST_HEAD(&q->receivers);
	INIT_LIST_HEAD(&q->senders);
	id = ipc_addid(ids, &q->perm, msg_ctlmni);
	if (id < 0) {
		kfree(q);
		return id;
	}
	q->ctime = ipc_now();
	return id;
}

static const struct ipc_ops msg_ops = { .getnew = msg_getnew };

long sys_msgget(int key, int msgflg)
{
	struct ipc_params prm = { .key = key, .flg = msgflg };

	return ipcget(&msg_ids, &msg_ops, &prm);
}

static void msg_unlink(struct msg_queue *q, struct msg_msg *m)
{
	list_del_init(&m->list);
	q->cbytes -= m->m_ts;
	q->qnum--;
	msg_bytes -= (long)m->m_ts;
	msg_hdrs--;
}

long sys_msgsnd(int msqid, const void *msgp, size_t msgsz, int msgflg)
{
	struct ipc_sleeper w;
	struct msg_msg *m;
	long mtype, ret, stop = 0;

	if (copy_from_user(&mtype, msgp, sizeof(mtype)))
		return -EFAULT;
	if (msgsz > (size_t)msg_ctlmax || (long)msgsz < 0 || msqid < 0)
		return -EINVAL;
	if (mtype < 1)
		return -EINVAL;
	m = kmalloc(sizeof(*m) + msgsz);
	if (!m)
		return -ENOMEM;
	if (copy_from_user(m->text, (const char *)msgp + sizeof(long), msgsz)) {
		kfree(m);
		return -EFAULT;
	}
	m->mtype = mtype;
	m->m_ts = msgsz;
	INIT_LIST_HEAD(&m->list);

	ipc_sleeper_init(&w);
	unsigned long fl = spin_lock_irqsave(&msg_ids.lock);
	struct msg_queue *q = msq_obtain(msqid);
	ret = -EINVAL;
	if (!q)
		goto out;
	for (;;) {
		ret = -EACCES;
		if (ipcperms(&q->perm, IPC_WRITE))
			break;
		if (msgsz + q->cbytes <= q->qbytes && 1 + q->qnum <= q->qbytes) {
			list_add_tail(&m->list, &q->messages);
			q->cbytes += msgsz;
			q->qnum++;
			msg_bytes += (long)msgsz;
			msg_hdrs++;
			q->lspid = current_proc()->pid;
			q->stime = ipc_now();
			ipc_wake_all(&q->receivers);
			m = NULL;
			ret = 0;
			break;
		}
		ret = -EAGAIN;
		if (msgflg & IPC_NOWAIT)
			break;
		ret = ipc_wait(&msg_ids, &fl, &w, &q->senders, 0, &stop);
		if (ret)
			break;
	}
out:
	spin_unlock_irqrestore(&msg_ids.lock, fl);
	kfree(m);
	return ret == -EINTR ? -ERESTARTNOHAND : ret;
}

static bool msg_matches(const struct msg_msg *m, long type, enum msg_search mode)
{
	switch (mode) {
	case SEARCH_ANY:
	case SEARCH_NUMBER:
		return true;
	case SEARCH_LESSEQUAL:
		return m->mtype <= type;
	case SEARCH_EQUAL:
		return m->mtype == type;
	case SEARCH_NOTEQUAL:
		return m->mtype != type;
	}
	return false;
}

/* The message msgrcv takes (under the lock), or NULL. */
static struct msg_msg *find_msg(struct msg_queue *q, long type, enum msg_search mode)
{
	struct msg_msg *m, *found = NULL;
	long count = 0;

	list_for_each_entry(m, &q->messages, list) {
		if (!msg_matches(m, type, mode))
			continue;
		if (mode == SEARCH_LESSEQUAL) {
			if (!found || m->mtype < found->mtype)
				found = m;
		} else if (mode == SEARCH_NUMBER) {
			if (count++ == type)
				return m;
		} else {
			return m;
		}
	}
	return found;
}

static enum msg_search msg_mode(long *msgtyp, int msgflg)
{
	if (msgflg & MSG_COPY)
		return SEARCH_NUMBER;
	if (*msgtyp == 0)
		return SEARCH_ANY;
	if (*msgtyp < 0) {
		*msgtyp = *msgtyp == (long)(1ul << 63) ? (long)(~0ul >> 1) : -*msgtyp;
		return SEARCH_LESSEQUAL;
	}
	return (msgflg & MSG_EXCEPT) ? SEARCH_NOTEQUAL : SEARCH_EQUAL;
}

/*
 * MSG_COPY (msgrcv(2), Linux with CONFIG_CHECKPOINT_RESTORE, as Debian's
 * kernel): a copy of message number msgtyp (from 0), which stays queued.
 */
static struct msg_msg *msg_copy(const struct msg_msg *m)
{
	struct msg_msg *c = kmalloc(sizeof(*c) + m->m_ts);

	if (c) {
		memcpy(c, m, sizeof(*c) + m->m_ts);
		INIT_LIST_HEAD(&c->list);
	}
	return c;
}

long sys_msgrcv(int msqid, void *msgp, size_t bufsz, long msgtyp, int msgflg)
{
	struct msg_msg *m = NULL;
	struct ipc_sleeper w;
	enum msg_search mode;
	long ret, stop = 0;

	if (msqid < 0 || (long)bufsz < 0)
		return -EINVAL;
	if ((msgflg & MSG_COPY) && ((msgflg & MSG_EXCEPT) || !(msgflg & IPC_NOWAIT)))
		return -EINVAL;
	mode = msg_mode(&msgtyp, msgflg);

	ipc_sleeper_init(&w);
	unsigned long fl = spin_lock_irqsave(&msg_ids.lock);
	struct msg_queue *q = msq_obtain(msqid);
	ret = -EINVAL;
	if (!q)
		goto out;
	for (;;) {
		struct msg_msg *found;

		ret = -EACCES;
		if (ipcperms(&q->perm, IPC_READ))
			break;
		found = find_msg(q, msgtyp, mode);
		if (found) {
			ret = -E2BIG;
			if (bufsz < found->m_ts && !(msgflg & MSG_NOERROR))
				break;
			if (mode == SEARCH_NUMBER) {
				/* Linux copies into a buffer of the asked size. */
				ret = -EINVAL;
				if (MIN(bufsz, (size_t)msg_ctlmax) < found->m_ts)
					break;
				ret = -ENOMEM;
				m = msg_copy(found);
				if (m)
					ret = 0;
				break;
			}
			m = found;
			msg_unlink(q, m);
			q->lrpid = current_proc()->pid;
			q->rtime = ipc_now();
			ipc_wake_all(&q->senders);
			ret = 0;
			break;
		}
		ret = -ENOMSG;
		if (msgflg & IPC_NOWAIT)
			break;
		ret = ipc_wait(&msg_ids, &fl, &w, &q->receivers, 0, &stop);
		if (ret)
			break;
	}
out:
	spin_unlock_irqrestore(&msg_ids.lock, fl);
	if (m) {
		size_t n = MIN(bufsz, m->m_ts);

		if (copy_to_user(msgp, &m->mtype, sizeof(long)) ||
		    copy_to_user((char *)msgp + sizeof(long), m->text, n))
			ret = -EFAULT;
		else
			ret = (long)n;
		kfree(m);
	}
	return ret == -EINTR ? -ERESTARTNOHAND : ret;
}

/* ---- msgctl ---- */

static long msgctl_info(int cmd, void *buf)
{
	struct msginfo mi;

	memset(&mi, 0, sizeof(mi));
	mi.msgmni = msg_ctlmni;
	mi.msgmax = msg_ctlmax;
	mi.msgmnb = msg_ctlmnb;
	mi.msgssz = MSGSSZ;
	mi.msgseg = MSGSEG;
	unsigned long fl = spin_lock_irqsave(&msg_ids.lock);
	if (cmd == MSG_INFO) {
		mi.msgpool = msg_ids.in_use;
		mi.msgmap = (s32)msg_hdrs;
		mi.msgtql = (s32)msg_bytes;
	} else {
		mi.msgpool = MSGPOOL;
		mi.msgmap = MSGMAP;
		mi.msgtql = MSGTQL;
	}
	int max_idx = ipc_max_idx(&msg_ids);
	spin_unlock_irqrestore(&msg_ids.lock, fl);
	if (copy_to_user(buf, &mi, sizeof(mi)))
		return -EFAULT;
	return max_idx < 0 ? 0 : max_idx;
}

static long msgctl_stat(int msqid, int cmd, void *buf)
{
	struct msqid64_ds ds;
	long ret;

	memset(&ds, 0, sizeof(ds));
	unsigned long fl = spin_lock_irqsave(&msg_ids.lock);
	struct msg_queue *q = (struct msg_queue *)ipc_stat_obtain(&msg_ids, msqid,
			cmd == IPC_STAT ? IPC_STAT_ID : cmd == MSG_STAT ? IPC_STAT_INDEX
			: IPC_STAT_INDEX_ANY, &ret);
	if (!q)
		goto out;
	ipc_fill_perm64(&q->perm, &ds.msg_perm);
	ds.msg_stime = q->stime;
	ds.msg_rtime = q->rtime;
	ds.msg_ctime = q->ctime;
	ds.msg_cbytes = q->cbytes;
	ds.msg_qnum = q->qnum;
	ds.msg_qbytes = q->qbytes;
	ds.msg_lspid = q->lspid;
	ds.msg_lrpid = q->lrpid;
out:
	spin_unlock_irqrestore(&msg_ids.lock, fl);
	if (ret >= 0 && copy_to_user(buf, &ds, sizeof(ds)))
		return -EFAULT;
	return ret;
}

static void msg_free(struct msg_queue *q)
{
	struct msg_msg *m, *n;

	list_for_each_entry_safe(m, n, &q->messages, list) {
		msg_unlink(q, m);
		kfree(m);
	}
	ipc_wake_removed(&q->receivers);
	ipc_wake_removed(&q->senders);
	ipc_rmid(&msg_ids, &q->perm);
	kfree(q);
}

static long msgctl_down(int msqid, int cmd, const struct msqid64_ds *in)
{
	long ret;

	unsigned long fl = spin_lock_irqsave(&msg_ids.lock);
	struct msg_queue *q = msq_obtain(msqid);
	ret = -EINVAL;
	if (!q)
		goto out;
	ret = ipc_check_owner(&q->perm);
	if (ret)
		goto out;
	if (cmd == IPC_RMID) {
		msg_free(q);
		goto out;
	}
	ret = -EPERM;
	if (in->msg_qbytes > (u64)msg_ctlmnb && !capable(CAP_SYS_RESOURCE))
		goto out;
	ret = ipc_update_perm(&q->perm, &in->msg_perm);
	if (ret)
		goto out;
	q->qbytes = in->msg_qbytes;
	q->ctime = ipc_now();
	/* Room may have appeared, or access gone: everyone looks again. */
	ipc_wake_all(&q->senders);
	ipc_wake_all(&q->receivers);
out:
	spin_unlock_irqrestore(&msg_ids.lock, fl);
	return ret;
}

long sys_msgctl(int msqid, int cmd, void *buf)
{
	struct msqid64_ds ds;

	if (msqid < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case MSG_INFO:
		return msgctl_info(cmd, buf);
	case IPC_STAT:
	case MSG_STAT:
	case MSG_STAT_ANY:
		return msgctl_stat(msqid, cmd, buf);
	case IPC_SET:
		if (copy_from_user(&ds, buf, sizeof(ds)))
			return -EFAULT;
		return msgctl_down(msqid, cmd, &ds);
	case IPC_RMID:
		return msgctl_down(msqid, cmd, NULL);
	default:
		return -EINVAL;
	}
}

/* ---- /proc ---- */

int sysvipc_msg_show(struct proc_buf *b)
{
	int i;

	proc_printf(b, "       key      msqid perms      cbytes       qnum lspid lrpid   uid"
		       "   gid  cuid  cgid      stime      rtime      ctime\n");
	unsigned long fl = spin_lock_irqsave(&msg_ids.lock);
	for (i = 0; i < msg_ids.cap; i++) {
		struct msg_queue *q = (struct msg_queue *)msg_ids.entries[i];

		if (!q)
			continue;
		proc_printf(b, "%10d %10d  %4o  %10lu %10lu %5u %5u %5u %5u %5u %5u %10lld %10lld"
			    " %10lld\n", q->perm.key, q->perm.id, q->perm.mode,
			    (unsigned long)q->cbytes, (unsigned long)q->qnum, (unsigned)q->lspid,
			    (unsigned)q->lrpid, q->perm.uid, q->perm.gid, q->perm.cuid,
			    q->perm.cgid, (long long)q->stime, (long long)q->rtime,
			    (long long)q->ctime);
	}
	spin_unlock_irqrestore(&msg_ids.lock, fl);
	return 0;
}
