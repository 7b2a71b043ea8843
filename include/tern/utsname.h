/*
 * The system's names (uname(2), sethostname(2), setdomainname(2),
 * /proc/sys/kernel/{hostname,domainname,ostype,osrelease},
 * /proc/version): one copy, in kernel/utsname.c, that uname and procfs
 * both read.
 */
#ifndef TERN_UTSNAME_H
#define TERN_UTSNAME_H

#include <tern/types.h>
#include <uapi/resource.h>

/* What a program sees: Linux's ABI, with Tern in the release string. */
#define UTS_SYSNAME	"Linux"
#define UTS_RELEASE	"6.1.0-tern"
#define UTS_VERSION	"#1 SMP Tern"
#define UTS_MACHINE	"x86_64"

/* A consistent snapshot of all six fields. */
void uts_get(struct new_utsname *out);
/* Set from a kernel buffer of len bytes (not NUL-terminated): 0 or
 * -EINVAL (len > 64). */
int uts_set_hostname(const char *name, size_t len);
int uts_set_domainname(const char *name, size_t len);

long sys_sethostname(const char *name, int len);
long sys_setdomainname(const char *name, int len);

#endif
