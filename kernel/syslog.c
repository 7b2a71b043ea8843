/*
 * syslog(2) (klogctl in libc): the kernel log ring buffer for dmesg.
 * Actions (syslog(2)): 0 close, 1 open, 2 read (consume), 3 read all,
 * 4 read and clear, 5 clear, 6/7 console off/on, 8 console level,
 * 9 unread bytes, 10 buffer size.
 */
#include <tern/errno.h>
#include <tern/kernel.h>
#include <tern/printk.h>
#include <tern/process.h>
#include <tern/spinlock.h>
#include <tern/syscalls.h>
#include <tern/uaccess.h>

#define LOG_BUF_LEN	(64 * 1024)

static DEFINE_SPINLOCK(syslog_lock);
static u64 syslog_pos;		/* next byte action 2 returns */
static u64 clear_pos;		/* actions 3/4 start here */

/* Copy the log from *pos (at most len bytes) to user space. */
static long copy_log(char *ubuf, size_t len, u64 *pos)
{
	char chunk[256];
	size_t done = 0;

	if (*pos < log_first_pos())
		*pos = log_first_pos();
	while (done < len) {
		size_t n = log_read(chunk, MIN(len - done, sizeof(chunk)), pos);
		if (!n)
			break;
		if (copy_to_user(ubuf + done, chunk, n))
			return -EFAULT;
		done += n;
	}
	return done;
}

long sys_syslog(int type, char *ubuf, int len)
{
	u64 pos;
	long r;

	if (type != 3 && type != 10 && current->proc->cred.euid != 0)
		return -EPERM;
	switch (type) {
	case 0:
	case 1:
		return 0;
	case 2:
	case 3:
	case 4:
		if (!ubuf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		if (!access_ok(ubuf, len))
			return -EFAULT;
		unsigned long fl = spin_lock_irqsave(&syslog_lock);
		if (type == 2) {
			pos = syslog_pos;
		} else {
			/* The newest len bytes since the last clear. */
			u64 next = log_next_pos();
			pos = MAX(clear_pos, next > (u64)len ? next - len : 0);
		}
		spin_unlock_irqrestore(&syslog_lock, fl);
		r = copy_log(ubuf, len, &pos);
		fl = spin_lock_irqsave(&syslog_lock);
		if (type == 2 && r > 0)
			syslog_pos = pos;
		if (type == 4 && r >= 0)
			clear_pos = log_next_pos();
		spin_unlock_irqrestore(&syslog_lock, fl);
		return r;
	case 5:
		clear_pos = log_next_pos();
		return 0;
	case 6:
	case 7:
		return 0;
	case 8:
		return len >= 1 && len <= 8 ? 0 : -EINVAL;
	case 9: {
		u64 first = log_first_pos(), p = MAX(syslog_pos, first);
		return log_next_pos() - p;
	}
	case 10:
		return LOG_BUF_LEN;
	default:
		return -EINVAL;
	}
}
