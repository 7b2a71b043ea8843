/*
 * Host and domain name (sethostname(2), setdomainname(2)) and the fixed
 * fields uname(2) reports.  uts_lock guards the two names.
 */
#include <tern/errno.h>
#include <tern/process.h>
#include <tern/spinlock.h>
#include <tern/string.h>
#include <tern/uaccess.h>
#include <tern/utsname.h>

static DEFINE_SPINLOCK(uts_lock);
static char hostname[__NEW_UTS_LEN + 1] = "(none)";
static char domainname[__NEW_UTS_LEN + 1] = "(none)";

void uts_get(struct new_utsname *out)
{
	memset(out, 0, sizeof(*out));
	strlcpy(out->sysname, UTS_SYSNAME, sizeof(out->sysname));
	strlcpy(out->release, UTS_RELEASE, sizeof(out->release));
	strlcpy(out->version, UTS_VERSION, sizeof(out->version));
	strlcpy(out->machine, UTS_MACHINE, sizeof(out->machine));
	spin_lock(&uts_lock);
	memcpy(out->nodename, hostname, sizeof(hostname));
	memcpy(out->domainname, domainname, sizeof(domainname));
	spin_unlock(&uts_lock);
}

static int set_name(char *dst, const char *name, size_t len)
{
	if (len > __NEW_UTS_LEN)
		return -EINVAL;
	spin_lock(&uts_lock);
	memcpy(dst, name, len);
	memset(dst + len, 0, __NEW_UTS_LEN + 1 - len);
	spin_unlock(&uts_lock);
	return 0;
}

int uts_set_hostname(const char *name, size_t len)
{
	return set_name(hostname, name, len);
}

int uts_set_domainname(const char *name, size_t len)
{
	return set_name(domainname, name, len);
}

/* sethostname(2): EPERM unless privileged, EINVAL for len outside 0..64. */
static long set_from_user(char *dst, const char *uname, int len)
{
	char buf[__NEW_UTS_LEN];

	if (!current->proc || current->proc->cred.euid != 0)
		return -EPERM;
	if (len < 0 || len > __NEW_UTS_LEN)
		return -EINVAL;
	if (copy_from_user(buf, uname, (size_t)len))
		return -EFAULT;
	return set_name(dst, buf, (size_t)len);
}

long sys_sethostname(const char *name, int len)
{
	return set_from_user(hostname, name, len);
}

long sys_setdomainname(const char *name, int len)
{
	return set_from_user(domainname, name, len);
}
