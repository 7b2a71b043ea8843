/*
 * SysV IPC (svipc(7), ipc/): semaphore sets, message queues and shared
 * memory segments, each kind in an id table of its own (struct ipc_ids).
 *
 * An object's id is seq * IPCMNI + index: the index is its slot in the
 * table, given out cyclically as Linux's idr_alloc_cyclic does, and seq
 * grows each time the allocation wraps, so a stale id of a removed
 * object does not name its slot's next tenant (EINVAL, as Linux).
 *
 * Locking: each table's spinlock (irq-saving) protects the table and
 * every object in it: its permissions, its values or messages or pages,
 * and its list of sleepers.  Nothing sleeps and no user memory is
 * touched under it: a call copies its arguments in first, takes the
 * lock, decides, drops it, then copies results out or sleeps.  Sleepers
 * are woken with wake_up_process and look again under the lock.  The
 * shm lock is also taken from a segment file's release and get_page,
 * which run under mm->lock: so mm->lock -> shm lock, never the reverse.
 */
#ifndef TERN_IPC_H
#define TERN_IPC_H

#include <tern/list.h>
#include <tern/spinlock.h>
#include <tern/types.h>
#include <uapi/ipc.h>

#define IPCMNI		32768		/* indexes per table (Linux's IPCMNI) */
#define IPCMNI_SEQ_MAX	(0x7fffffff / IPCMNI)

/* The access an operation asks of ipcperms (S_IRUGO-style bits). */
#define IPC_READ	0444
#define IPC_WRITE	0222
#define IPC_EXEC	0111

/* The part every object starts with. */
struct kern_ipc_perm {
	int id;
	s32 key;
	u32 uid, gid, cuid, cgid;
	u32 mode;			/* the nine permission bits, plus kind flags */
	u16 seq;
	bool deleted;			/* out of the table: sleepers get EIDRM */
};

struct ipc_ids {
	spinlock_t lock;
	int in_use;			/* objects in the table */
	int last_idx;			/* the latest index given out (-1: none) */
	u16 seq;
	int cap;			/* slots allocated in entries */
	struct kern_ipc_perm **entries;
};
#define IPC_IDS_INIT(name) { SPINLOCK_INIT(#name), 0, -1, 0, 0, NULL }

/* What a get call asked for: key, flags and the kind's size (nsems,
 * segment bytes; unused for queues). */
struct ipc_params {
	s32 key;
	int flg;
	u64 size;
};

struct ipc_ops {
	/* A new object (ids->lock held): its id or a negative errno. */
	int (*getnew)(struct ipc_ids *ids, const struct ipc_params *prm);
	/* May an existing object serve this get?  0 or -EINVAL (NULL: yes). */
	int (*more_checks)(struct kern_ipc_perm *p, const struct ipc_params *prm);
};

/* semget/msgget/shmget: find or make the object for prm (svipc(7)). */
long ipcget(struct ipc_ids *ids, const struct ipc_ops *ops, const struct ipc_params *prm);

/* ---- with ids->lock held ---- */
/* Set up p's owner, creator and mode from the caller and prm. */
void ipc_init_perm(struct kern_ipc_perm *p, const struct ipc_params *prm);
/* Put p in the table (limit: the kind's *mni): its id, -ENOSPC, -ENOMEM. */
int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *p, int limit);
/* Take p out of the table (it stays allocated; p->deleted is set). */
void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *p);
/* The object with this id, or NULL (no such slot, or a stale seq). */
struct kern_ipc_perm *ipc_obtain(struct ipc_ids *ids, int id);
/* The object in slot idx, or NULL (the *_STAT commands, /proc). */
struct kern_ipc_perm *ipc_at(struct ipc_ids *ids, int idx);
/*
 * The *_STAT commands' lookup: IPC_STAT names an id, the kind's STAT an
 * index, its STAT_ANY an index without the read check.  The object,
 * with *ret 0 (by id) or its id; NULL with *ret -EINVAL or -EACCES.
 */
enum ipc_stat_how { IPC_STAT_ID, IPC_STAT_INDEX, IPC_STAT_INDEX_ANY };
struct kern_ipc_perm *ipc_stat_obtain(struct ipc_ids *ids, int id, enum ipc_stat_how how,
				      long *ret);
/* The highest index in use, -1 when the table is empty. */
int ipc_max_idx(struct ipc_ids *ids);
/* Is the caller denied `flag` (S_IRUGO/S_IWUGO-style bits) on p? */
bool ipcperms(const struct kern_ipc_perm *p, int flag);
/* IPC_SET and IPC_RMID: may the caller change p?  0 or -EPERM. */
int ipc_check_owner(const struct kern_ipc_perm *p);
/* IPC_SET's new owner and mode bits; -EINVAL for an invalid uid/gid. */
int ipc_update_perm(struct kern_ipc_perm *p, const struct ipc64_perm *in);
/* The user view of p (padding zeroed). */
void ipc_fill_perm64(const struct kern_ipc_perm *p, struct ipc64_perm *out);

/*
 * A task asleep on an object (on the kind's list for it).  status is
 * 0 while it sleeps; the object's removal unlinks it and sets -EIDRM,
 * after which the sleeper must not touch the object (it may be freed).
 */
struct ipc_sleeper {
	struct list_head node;
	struct task *task;
	int status;
};
void ipc_sleeper_init(struct ipc_sleeper *s);
/*
 * A caller that must wait, with ids->lock held (*fl its saved flags):
 * sleeps interruptibly on `list` (the lock dropped meanwhile, held
 * again on return) until woken, a signal, or deadline (ktime_get_ns()
 * value, 0 for none).  Returns 0 to look again, or what the call
 * returns: -EIDRM (the object went away: do not touch it), or the
 * -EINTR/-EAGAIN of the previous sleep (*stop, 0 at first), so the
 * caller looks once more after a signal or the deadline and a wake-up
 * that came with them is not lost.
 */
long ipc_wait(struct ipc_ids *ids, unsigned long *fl, struct ipc_sleeper *s,
	      struct list_head *list, u64 deadline, long *stop);
/* Wake every sleeper of a list to look again / tell them of removal. */
void ipc_wake_all(struct list_head *sleepers);
void ipc_wake_removed(struct list_head *sleepers);
/* A relative struct __kernel_timespec at u as a deadline (0: u NULL). */
int ipc_timeout_deadline(const void *u, u64 *deadline);

/* Seconds of CLOCK_REALTIME, for the *_time fields. */
s64 ipc_now(void);

/* ---- the kinds ---- */
struct process;
void ipc_init(void);
void sem_init_proc(struct process *p);
/* Last thread of p exits: apply and drop its SEM_UNDO adjustments. */
void exit_sem(struct process *p);

long sys_semget(int key, int nsems, int semflg);
long sys_semop(int semid, void *sops, unsigned nsops);
long sys_semtimedop(int semid, void *sops, unsigned nsops, const void *timeout);
long sys_semctl(int semid, int semnum, int cmd, unsigned long arg);
long sys_msgget(int key, int msgflg);
long sys_msgsnd(int msqid, const void *msgp, size_t msgsz, int msgflg);
long sys_msgrcv(int msqid, void *msgp, size_t msgsz, long msgtyp, int msgflg);
long sys_msgctl(int msqid, int cmd, void *buf);
long sys_shmget(int key, size_t size, int shmflg);
long sys_shmat(int shmid, unsigned long addr, int shmflg);
long sys_shmdt(unsigned long addr);
long sys_shmctl(int shmid, int cmd, void *buf);

/* /proc/sysvipc/ and /proc/sys/kernel/ (ipc/ipc_sysctl.c). */
struct proc_buf;
int sysvipc_sem_show(struct proc_buf *b);
int sysvipc_msg_show(struct proc_buf *b);
int sysvipc_shm_show(struct proc_buf *b);

#endif
