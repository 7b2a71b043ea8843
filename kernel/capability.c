/*
 * Capabilities (capabilities(7)): the three sets of a process, capget(2)
 * and capset(2), and how uid changes and execve(2) move the sets (see
 * include/tern/capability.h).
 *
 * linux-compat: the bounding set is always full and cannot be dropped,
 * there are no ambient or file capabilities and no securebits
 * (PR_SET_KEEPCAPS is refused by prctl), which is what an unmodified
 * Linux system shows a process that never uses them.
 */
#include <tern/capability.h>
#include <tern/errno.h>
#include <tern/process.h>
#include <tern/string.h>
#include <tern/syscalls.h>
#include <tern/uaccess.h>

/* The file-system capabilities (Linux's CAP_FS_SET), which follow fsuid. */
#define CAP_FS_MASK ((1ull << CAP_CHOWN) | (1ull << CAP_DAC_OVERRIDE) |          \
		     (1ull << CAP_DAC_READ_SEARCH) | (1ull << CAP_FOWNER) |       \
		     (1ull << CAP_FSETID) | (1ull << CAP_LINUX_IMMUTABLE) |       \
		     (1ull << CAP_MKNOD) | (1ull << CAP_MAC_OVERRIDE))

bool may_exceed_file_max(void)
{
	return capable(CAP_SYS_ADMIN);
}

bool capable(int cap)
{
	if (cap < 0 || cap > CAP_LAST_CAP)
		return false;
	/* Kernel threads (no process) act with every capability. */
	if (!current->proc)
		return true;
	return current->proc->cred.cap_effective & (1ull << cap);
}

void cap_set_full(struct cred *c)
{
	c->cap_inheritable = 0;
	c->cap_permitted = c->cap_effective = CAP_FULL_SET;
}

void cap_fix_setuid(struct cred *c, u32 old_uid, u32 old_euid, u32 old_suid, u32 new_suid)
{
	if ((old_uid == 0 || old_euid == 0 || old_suid == 0) &&
	    c->uid != 0 && c->euid != 0 && new_suid != 0)
		c->cap_permitted = c->cap_effective = 0;
	if (old_euid == 0 && c->euid != 0)
		c->cap_effective = 0;
	if (old_euid != 0 && c->euid == 0)
		c->cap_effective = c->cap_permitted;
}

void cap_fix_setfsuid(struct cred *c, u32 old_fsuid)
{
	if (old_fsuid == 0 && c->fsuid != 0)
		c->cap_effective &= ~CAP_FS_MASK;
	if (old_fsuid != 0 && c->fsuid == 0)
		c->cap_effective |= c->cap_permitted & CAP_FS_MASK;
}

void cap_exec(struct cred *c)
{
	/* Linux's cap_bprm_creds_from_file with no file capabilities: root
	 * (real or effective) gets the bounding set and its inheritable
	 * ones, effective only when the effective uid is 0. */
	if (c->euid == 0 || c->uid == 0)
		c->cap_permitted = CAP_FULL_SET | c->cap_inheritable;
	else
		c->cap_permitted = 0;
	c->cap_effective = c->euid == 0 ? c->cap_permitted : 0;
}

/*
 * Linux's cap_validate_magic: the number of 32-bit words of each set the
 * version carries; an unknown version is answered with the one we speak
 * (written back) and -EINVAL.
 */
static int cap_words(struct __user_cap_header_struct *uhdr, struct __user_cap_header_struct *h)
{
	if (copy_from_user(h, uhdr, sizeof(*h)))
		return -EFAULT;
	switch (h->version) {
	case _LINUX_CAPABILITY_VERSION_1:
		return 1;
	case _LINUX_CAPABILITY_VERSION_2:
	case _LINUX_CAPABILITY_VERSION_3:
		return 2;
	}
	h->version = _LINUX_CAPABILITY_VERSION_3;
	if (copy_to_user(&uhdr->version, &h->version, sizeof(h->version)))
		return -EFAULT;
	return -EINVAL;
}

long sys_capget(void *uhdr, void *udata)
{
	struct __user_cap_header_struct h;
	struct __user_cap_data_struct d[2];
	u64 e = 0, p = 0, i = 0;
	struct process *t;
	int words = cap_words(uhdr, &h);

	/* With nowhere to write, a version query succeeds (libcap asks so). */
	if (!udata)
		return words == -EINVAL ? 0 : words < 0 ? words : 0;
	if (words < 0)
		return words;
	if (h.pid < 0)
		return -EINVAL;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	t = h.pid ? find_process(h.pid) : current->proc;
	if (t) {
		e = t->cred.cap_effective;
		p = t->cred.cap_permitted;
		i = t->cred.cap_inheritable;
	}
	spin_unlock_irqrestore(&tasklist_lock, fl);
	if (!t)
		return -ESRCH;
	for (int w = 0; w < 2; w++) {
		d[w].effective = (u32)(e >> (32 * w));
		d[w].permitted = (u32)(p >> (32 * w));
		d[w].inheritable = (u32)(i >> (32 * w));
	}
	return copy_to_user(udata, d, (size_t)words * sizeof(d[0])) ? -EFAULT : 0;
}

long sys_capset(void *uhdr, const void *udata)
{
	struct __user_cap_header_struct h;
	struct __user_cap_data_struct d[2];
	struct cred *c = &current->proc->cred;
	u64 e = 0, p = 0, i = 0;
	int words = cap_words(uhdr, &h);

	if (words < 0)
		return words;
	if (h.pid && h.pid != current->proc->pid)
		return -EPERM;             /* only the caller's own sets */
	if (copy_from_user(d, udata, (size_t)words * sizeof(d[0])))
		return -EFAULT;
	for (int w = 0; w < words; w++) {
		e |= (u64)d[w].effective << (32 * w);
		p |= (u64)d[w].permitted << (32 * w);
		i |= (u64)d[w].inheritable << (32 * w);
	}
	e &= CAP_FULL_SET;
	p &= CAP_FULL_SET;
	i &= CAP_FULL_SET;
	/* Linux's cap_capset: inheritable within inheritable | permitted
	 * (CAP_SETPCAP: within the bounding set); permitted can only
	 * shrink; effective within the new permitted. */
	if (!capable(CAP_SETPCAP) && (i & ~(c->cap_inheritable | c->cap_permitted)))
		return -EPERM;
	if ((p & ~c->cap_permitted) || (e & ~p))
		return -EPERM;
	c->cap_effective = e;
	c->cap_permitted = p;
	c->cap_inheritable = i;
	return 0;
}
