/*
 * /proc/version, /proc/cmdline, /proc/meminfo's registration, and
 * /proc/sys/kernel (proc(5), sysctl): hostname and domainname (writable
 * by root, as sethostname(2)), ostype, osrelease, version, tainted,
 * pid_max; /proc/sys/fs/pipe-max-size.
 */
#include "internal.h"
#include <tern/bootinfo.h>
#include <tern/fdtable.h>
#include <tern/mm.h>
#include <tern/pipe.h>
#include <tern/process.h>
#include <tern/utsname.h>

/* The process code hands out pids below this (proc(5) pid_max). */
#define PID_MAX_DEFAULT	32768

static int version_show(struct proc_ctx *pc, struct proc_buf *b)
{
	(void)pc;
	proc_printf(b, "%s version %s (tern@tern) (gcc) %s\n", UTS_SYSNAME,
		    UTS_RELEASE, UTS_VERSION);
	return 0;
}

static int cmdline_show(struct proc_ctx *pc, struct proc_buf *b)
{
	(void)pc;
	proc_printf(b, "%s\n", boot_info.cmdline);
	return 0;
}

static int hostname_show(struct proc_ctx *pc, struct proc_buf *b)
{
	struct new_utsname u;

	(void)pc;
	uts_get(&u);
	proc_printf(b, "%s\n", u.nodename);
	return 0;
}

static int domainname_show(struct proc_ctx *pc, struct proc_buf *b)
{
	struct new_utsname u;

	(void)pc;
	uts_get(&u);
	proc_printf(b, "%s\n", u.domainname);
	return 0;
}

/* A write sets the name up to the first newline. */
static int name_len(const char *buf, size_t n)
{
	size_t len = 0;

	if (!current->proc || current->proc->cred.euid != 0)
		return -EPERM;
	while (len < n && buf[len] != '\n')
		len++;
	return (int)len;
}

static ssize_t hostname_write(struct proc_ctx *pc, const char *buf, size_t n)
{
	int len = name_len(buf, n), err;

	(void)pc;
	err = len < 0 ? len : uts_set_hostname(buf, (size_t)len);
	return err < 0 ? err : (ssize_t)n;
}

static ssize_t domainname_write(struct proc_ctx *pc, const char *buf, size_t n)
{
	int len = name_len(buf, n), err;

	(void)pc;
	err = len < 0 ? len : uts_set_domainname(buf, (size_t)len);
	return err < 0 ? err : (ssize_t)n;
}

static int ostype_show(struct proc_ctx *pc, struct proc_buf *b)
{
	(void)pc;
	proc_printf(b, "%s\n", UTS_SYSNAME);
	return 0;
}

static int osrelease_show(struct proc_ctx *pc, struct proc_buf *b)
{
	(void)pc;
	proc_printf(b, "%s\n", UTS_RELEASE);
	return 0;
}

static int kversion_show(struct proc_ctx *pc, struct proc_buf *b)
{
	(void)pc;
	proc_printf(b, "%s\n", UTS_VERSION);
	return 0;
}

/* Tern never taints itself: no modules, no forced loads. */
static int tainted_show(struct proc_ctx *pc, struct proc_buf *b)
{
	(void)pc;
	proc_printf(b, "0\n");
	return 0;
}

static int pid_max_show(struct proc_ctx *pc, struct proc_buf *b)
{
	(void)pc;
	proc_printf(b, "%d\n", PID_MAX_DEFAULT);
	return 0;
}

static int filesystems_show(struct proc_ctx *pc, struct proc_buf *b)
{
	ssize_t n = vfs_format_filesystems(b->buf, b->size);

	(void)pc;
	if (n < 0)
		return (int)n;
	b->len = (size_t)n;
	return 0;
}

/* /proc/config.gz (CONFIG_IKCONFIG_PROC): kernel/tern.config, gzipped. */
extern const char ikconfig_gz_start[], ikconfig_gz_end[];

static int config_gz_show(struct proc_ctx *pc, struct proc_buf *b)
{
	(void)pc;
	proc_write_bytes(b, ikconfig_gz_start, (size_t)(ikconfig_gz_end - ikconfig_gz_start));
	return 0;
}

void proc_misc_init(void)
{
	proc_create("", "config.gz", 0444, config_gz_show);
	proc_create("", "filesystems", 0444, filesystems_show);
	proc_create("", "version", 0444, version_show);
	proc_create("", "cmdline", 0444, cmdline_show);
	proc_create("", "meminfo", 0444, meminfo_show);
}

/* fs.nr_open (fdtable.h): Linux's bounds on x86_64. */
static void nr_open_get(int *v)
{
	v[0] = (int)READ_ONCE(sysctl_nr_open);
}

static int nr_open_set(const int *v)
{
	WRITE_ONCE(sysctl_nr_open, (u32)v[0]);
	return 0;
}

/* fs.file-max and fs.file-nr (fs.h): open file descriptions. */
static void file_max_get(int *v)
{
	v[0] = (int)MIN(READ_ONCE(files_max), (unsigned long)INT32_MAX);
}

static int file_max_set(const int *v)
{
	WRITE_ONCE(files_max, (unsigned long)v[0]);
	return 0;
}

static int file_nr_show(struct proc_ctx *pc, struct proc_buf *b)
{
	(void)pc;
	proc_printf(b, "%lu\t0\t%lu\n", READ_ONCE(nr_files), READ_ONCE(files_max));
	return 0;
}

/* kernel.threads-max (sched.h): fork fails with EAGAIN at it. */
static void threads_max_get(int *v)
{
	v[0] = READ_ONCE(max_threads);
}

static int threads_max_set(const int *v)
{
	WRITE_ONCE(max_threads, v[0]);
	return 0;
}

void proc_sysctl_init(void)
{
	static const struct ctl_intvec nr_open = { 1, 64, 2147483584, nr_open_get, nr_open_set };
	/* linux-compat: file-max is a long on Linux; here at most INT_MAX. */
	static const struct ctl_intvec file_max = { 1, 0, INT32_MAX, file_max_get, file_max_set };
	static const struct ctl_intvec threads = { 1, 1, 0x3fffffff, threads_max_get,
						   threads_max_set };

	files_max_init(nr_managed_pages(), nr_free_pages());
	proc_sysctl_intvec("sys/fs", "nr_open", 0644, &nr_open);
	proc_sysctl_intvec("sys/fs", "file-max", 0644, &file_max);
	proc_sysctl_create("sys/fs", "file-nr", 0444, file_nr_show, NULL, NULL);
	proc_sysctl_intvec("sys/kernel", "threads-max", 0644, &threads);
	proc_sysctl_create("sys/kernel", "hostname", 0644, hostname_show, hostname_write, NULL);
	proc_sysctl_create("sys/kernel", "domainname", 0644, domainname_show, domainname_write,
			   NULL);
	proc_sysctl_create("sys/kernel", "ostype", 0444, ostype_show, NULL, NULL);
	proc_sysctl_create("sys/kernel", "osrelease", 0444, osrelease_show, NULL, NULL);
	proc_sysctl_create("sys/kernel", "version", 0444, kversion_show, NULL, NULL);
	proc_sysctl_create("sys/kernel", "tainted", 0444, tainted_show, NULL, NULL);
	proc_sysctl_create("sys/kernel", "pid_max", 0444, pid_max_show, NULL, NULL);
}
