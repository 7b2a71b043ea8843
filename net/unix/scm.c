/*
 * AF_UNIX control messages (unix(7), cmsg(3)): SCM_RIGHTS passes open
 * files, SCM_CREDENTIALS a process's ids.  Kernel code.
 *
 * Sending takes a reference to each named file (EBADF for a bad fd, at
 * most SCM_MAX_FD per message: EINVAL); the set rides on the first chunk
 * of the message.  Receiving installs them as new descriptors in the
 * receiver (MSG_CMSG_CLOEXEC sets FD_CLOEXEC); those that do not fit in
 * the control buffer, or find no free descriptor, are closed and the
 * message says MSG_CTRUNC.  Every queued reference to a unix socket's
 * file is counted (inflight) for the garbage collector.
 *
 * A set of files is put through one list drained by one task at a time:
 * closing a socket can close the sockets queued on it, and those theirs,
 * so the chain is walked iteratively, never by recursion on the kernel
 * stack.
 */
#include <net/pkbuf.h>
#include <tern/af_unix.h>
#include <tern/fdtable.h>
#include <tern/kernel.h>
#include <tern/net_platform.h>
#include <tern/process.h>
#include <tern/slab.h>
#include <tern/socket.h>
#include <tern/string.h>
#include <tern/vfs.h>
#include <uapi/errno.h>

/* What the kernel reports for ids it cannot map (Linux's overflowuid). */
#define OVERFLOW_ID	65534

u32 unix_tot_inflight;

/*
 * Files each user has in flight (Linux's user_struct.unix_inflight): a
 * send with descriptors is ETOOMANYREFS once it passes the sender's
 * RLIMIT_NOFILE, unless the sender is privileged.  net_lock.
 */
struct unix_user {
	struct unix_user *next;
	u32 uid;
	u32 inflight;
};
static struct unix_user *unix_users;

static struct unix_user **unix_user_slot(u32 uid)
{
	struct unix_user **pp;

	for (pp = &unix_users; *pp; pp = &(*pp)->next)
		if ((*pp)->uid == uid)
			break;
	return pp;
}

static u32 unix_user_inflight(u32 uid)
{
	struct unix_user *uu = *unix_user_slot(uid);

	return uu ? uu->inflight : 0;
}

/* Count n more (or fewer) of uid's files in flight; a new entry comes from *spare. */
static void unix_user_add(u32 uid, s32 n, struct unix_user **spare)
{
	struct unix_user **pp = unix_user_slot(uid), *uu = *pp;

	if (!uu) {
		if (!spare || !*spare)
			return;		/* no memory: the limit goes uncounted */
		uu = *spare;
		*spare = NULL;
		uu->next = NULL;
		uu->uid = uid;
		uu->inflight = 0;
		*pp = uu;
	}
	uu->inflight += (u32)n;
	if (!uu->inflight) {
		*pp = uu->next;
		kfree(uu);
	}
}

static struct unix_fp *fp_put_list;	/* sets waiting for fput; net_lock */
static bool fp_put_draining;

static struct unix_fp *unix_fp_alloc(u32 slots)
{
	struct unix_fp *fp = kmalloc(sizeof(*fp) + slots * sizeof(fp->files[0]));

	if (fp) {
		fp->next = NULL;
		fp->uid = current_cred()->uid;
		fp->count = 0;
	}
	return fp;
}

/* One more or one fewer queued reference to f (net_lock held). */
static void unix_inflight(struct file *f, int delta)
{
	struct unix_sock *v = unix_sock_of_file(f);

	if (v) {
		v->inflight += (u32)delta;
		unix_tot_inflight += (u32)delta;
	}
}

void unix_fp_attach(struct pkbuf *pkb, struct unix_fp *fp, struct unix_user **spare)
{
	u32 i;

	UNIXCB(pkb)->fp = fp;
	for (i = 0; i < fp->count; i++)
		unix_inflight(fp->files[i], 1);
	unix_user_add(fp->uid, (s32)fp->count, spare);
}

struct unix_fp *unix_fp_detach(struct pkbuf *pkb)
{
	struct unix_fp *fp = UNIXCB(pkb)->fp;
	u32 i;

	if (!fp)
		return NULL;
	UNIXCB(pkb)->fp = NULL;
	for (i = 0; i < fp->count; i++)
		unix_inflight(fp->files[i], -1);
	unix_user_add(fp->uid, -(s32)fp->count, NULL);
	return fp;
}

struct unix_fp *unix_fp_dup(const struct unix_fp *fp)
{
	struct unix_fp *n = unix_fp_alloc(fp->count);
	u32 i;

	if (!n)
		return NULL;
	for (i = 0; i < fp->count; i++)
		n->files[i] = get_file(fp->files[i]);
	n->count = fp->count;
	return n;
}

void unix_fp_put(struct unix_fp *fp)
{
	u32 i;

	if (!fp)
		return;
	net_lock();
	fp->next = fp_put_list;
	fp_put_list = fp;
	if (fp_put_draining) {
		net_unlock();	/* the task draining the list puts it */
		return;
	}
	fp_put_draining = true;
	while ((fp = fp_put_list)) {
		fp_put_list = fp->next;
		net_unlock();
		for (i = 0; i < fp->count; i++)
			if (fp->files[i])
				fput(fp->files[i]);
		kfree(fp);
		net_lock();
	}
	fp_put_draining = false;
	net_unlock();
}

void unix_scm_destroy(struct unix_scm *scm)
{
	unix_fp_put(scm->fp);
	scm->fp = NULL;
	kfree(scm->spare);
	scm->spare = NULL;
}

/* SCM_RIGHTS: references to the files behind the fds (EBADF, EINVAL). */
static int scm_fp_copy(struct cmsghdr *c, struct unix_fp **fpp)
{
	u64 n = (c->cmsg_len - sizeof(*c)) / sizeof(int);
	const int *fds = (const int *)CMSG_DATA(c);
	struct unix_fp *fp = *fpp;
	struct vfs_ctx ctx;
	u64 i;

	if (!n)
		return 0;
	if (!fp) {
		fp = unix_fp_alloc(SCM_MAX_FD);
		if (!fp)
			return -ENOMEM;
		*fpp = fp;
	}
	if (fp->count + n > SCM_MAX_FD)
		return -EINVAL;
	current_vfs_ctx(&ctx);
	for (i = 0; i < n; i++) {
		int fd;
		struct file *f;

		memcpy(&fd, fds + i, sizeof(fd));
		f = fget(ctx.files, fd);
		if (!f)
			return -EBADF;
		fp->files[fp->count++] = f;
	}
	return 0;
}

/*
 * SCM_CREDENTIALS (unix(7)): a process may send its own pid and any of
 * its real, effective or saved ids; root may send others'.  ESRCH when
 * no such process exists.
 */
static int scm_creds(struct cmsghdr *c, struct unix_scm *scm)
{
	const struct cred *cred = current_cred();
	struct process *p = current->proc;
	struct ucred uc;
	bool root = cred->euid == 0, found;
	unsigned long irq;
	s32 pid;

	if (c->cmsg_len != CMSG_LEN(sizeof(uc)))
		return -EINVAL;
	memcpy(&uc, CMSG_DATA(c), sizeof(uc));
	pid = (s32)uc.pid;
	if (uc.uid == 0xffffffffu || uc.gid == 0xffffffffu)
		return -EINVAL;
	if (!((pid == p->pid || root) &&
	      (uc.uid == cred->uid || uc.uid == cred->euid || uc.uid == p->suid || root) &&
	      (uc.gid == cred->gid || uc.gid == cred->egid || uc.gid == p->sgid || root)))
		return -EPERM;
	if (pid != p->pid) {
		irq = spin_lock_irqsave(&tasklist_lock);
		found = pid > 0 && (find_process(pid) || find_task(pid));
		spin_unlock_irqrestore(&tasklist_lock, irq);
		if (!found)
			return -ESRCH;
	}
	scm->has_creds = true;
	scm->pid = pid;
	scm->uid = uc.uid;
	scm->gid = uc.gid;
	return 0;
}

int unix_scm_send(struct socket *sock, struct kmsghdr *msg, struct unix_scm *scm)
{
	struct cmsghdr *c;
	int err = 0;

	(void)sock;
	memset(scm, 0, sizeof(*scm));
	if (!msg->control || !msg->controllen)
		return 0;
	for_each_cmsg(msg, c) {
		if (!cmsg_ok(msg->control, msg->controllen, c)) {
			err = -EINVAL;
			break;
		}
		if (c->cmsg_level != SOL_SOCKET)
			continue;
		switch (c->cmsg_type) {
		case SCM_RIGHTS:
			err = scm_fp_copy(c, &scm->fp);
			break;
		case SCM_CREDENTIALS:
			err = scm_creds(c, scm);
			break;
		default:
			err = -EINVAL;
			break;
		}
		if (err)
			break;
	}
	if (err) {
		unix_scm_destroy(scm);
		return err;
	}
	if (scm->fp && !scm->fp->count) {
		kfree(scm->fp);
		scm->fp = NULL;
	}
	if (scm->fp) {
		/* unix(7) ETOOMANYREFS: past RLIMIT_NOFILE files in flight. */
		const struct cred *cred = current_cred();
		bool over;

		net_lock();
		over = unix_user_inflight(cred->uid) > current_nofile();
		net_unlock();
		if (over && cred->euid != 0) {
			unix_scm_destroy(scm);
			return -ETOOMANYREFS;
		}
		/* An entry to count them, allocated here, not under net_lock. */
		scm->spare = kzalloc(sizeof(*scm->spare));
	}
	return 0;
}

/* Install fp's files as descriptors in an SCM_RIGHTS message (scm_detach_fds). */
static void unix_detach_fds(struct kmsghdr *msg, struct unix_fp *fp)
{
	size_t room = msg->controllen;
	u32 max = room <= sizeof(struct cmsghdr) ? 0
						 : (u32)((room - sizeof(struct cmsghdr)) / sizeof(int));
	u32 n = MIN(max, fp->count), i, k;
	struct vfs_ctx c;
	int *fds = NULL;

	current_vfs_ctx(&c);
	if (n)
		fds = kmalloc(n * sizeof(int));
	for (i = 0; fds && i < n; i++) {
		int fd = get_unused_fd(c.files, 0, c.nofile, msg->cloexec);

		if (fd < 0)
			break;
		fds[i] = fd;
	}
	if (fds && i && put_cmsg(msg, SOL_SOCKET, SCM_RIGHTS, i * sizeof(int), fds)) {
		for (k = 0; k < i; k++)
			put_unused_fd(c.files, fds[k]);
		i = 0;
	}
	for (k = 0; fds && k < i; k++) {
		fd_install(c.files, fds[k], fp->files[k]);
		fp->files[k] = NULL;
	}
	if (i < fp->count)
		msg->flags |= MSG_CTRUNC;
	kfree(fds);
	unix_fp_put(fp);	/* what did not fit is closed */
}

void unix_scm_recv(struct socket *sock, struct kmsghdr *msg, struct unix_scm *scm)
{
	if (!msg->control) {
		if (sock->passcred || scm->fp)
			msg->flags |= MSG_CTRUNC;
		unix_scm_destroy(scm);
		return;
	}
	if (sock->passcred) {
		/* A message sent without credentials: pid 0, the overflow ids. */
		struct ucred uc = { 0, OVERFLOW_ID, OVERFLOW_ID };

		if (scm->has_creds) {
			uc.pid = (u32)scm->pid;
			uc.uid = scm->uid;
			uc.gid = scm->gid;
		}
		put_cmsg(msg, SOL_SOCKET, SCM_CREDENTIALS, sizeof(uc), &uc);
	}
	if (scm->fp) {
		unix_detach_fds(msg, scm->fp);
		scm->fp = NULL;
	}
}
