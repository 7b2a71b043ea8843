/*
 * procfs (fs/proc/): a file system whose files are generated when they
 * are opened.  Directories are tables of entries (struct proc_entry);
 * /proc itself adds one directory per process, /proc/<pid>/fd one
 * symlink per open fd.  Names are looked up afresh every time (dentries
 * are never cached), so a process that exits disappears at once.
 *
 * Other subsystems add files with proc_create() under "" (the root),
 * "net", "sys/kernel", ...: the text comes from a show function that
 * appends to a struct proc_buf with proc_printf() (the whole text is
 * built at open, then read in pieces).
 */
#ifndef TERN_PROC_FS_H
#define TERN_PROC_FS_H

#include <tern/fs.h>
#include <uapi/mount.h>	/* PROC_SUPER_MAGIC */

struct proc_buf {
	char *buf;
	size_t size, len;	/* len may exceed size: the text did not fit */
};

__attribute__((format(printf, 2, 3)))
void proc_printf(struct proc_buf *b, const char *fmt, ...);
void proc_write_bytes(struct proc_buf *b, const void *p, size_t n);

/* Which process a per-pid file is about (0 for global files). */
struct proc_ctx {
	int pid;
	int fd;
	int tid;	/* /proc/<pid>/task/<tid>/...; 0 elsewhere */
	const void *data;	/* the file's own (proc_sysctl_*), or NULL */
};

typedef int (*proc_show_t)(struct proc_ctx *pc, struct proc_buf *b);

/*
 * Register a read-only file `name` in directory `dir` ("" = /proc,
 * "net", "sys/kernel"; the directory is made if missing).  -EEXIST,
 * -ENOMEM.  For boot-time use (no removal).
 */
int proc_create(const char *dir, const char *name, umode_t mode, proc_show_t show);
/* The same, with data for show in pc->data. */
int proc_create_data(const char *dir, const char *name, umode_t mode, proc_show_t show,
		     const void *data);

/*
 * A write to a sysctl file: the whole text at once (a kernel copy).
 * Returns the bytes taken (fewer than n when the rest is not the file's:
 * the write(2) is short) or a negative errno.
 */
typedef ssize_t (*proc_write_t)(struct proc_ctx *pc, const char *buf, size_t n);

/*
 * A file under /proc/sys (dir "sys/kernel", "sys/net/ipv4", ...), as
 * sysctl(8) sees it: show gives the value, write (NULL for a read-only
 * one) sets it; data is handed to both in pc->data.  As Linux's
 * sysctl_perm, the mode binds root too: a file without a write bit, or
 * without write, cannot be opened for writing at all (EACCES).  -EEXIST,
 * -ENOMEM.  For boot-time use.
 */
int proc_sysctl_create(const char *dir, const char *name, umode_t mode, proc_show_t show,
		       proc_write_t write, const void *data);

/*
 * An integer-vector sysctl (Linux's proc_dointvec_minmax): it reads as
 * the values separated by tabs and a newline; a write takes up to n
 * values separated by blanks (decimal, 0x hex or 0 octal, '-' allowed),
 * the rest of the vector keeping its values, each within [min, max],
 * and hands the new vector to set() -- or EINVAL (a value out of range
 * or not a number, no value at all) and nothing is set.  get() and set()
 * run with no lock held; set() may refuse with its own errno.
 */
struct ctl_intvec {
	int n;				/* values, 1..PROC_INTVEC_MAX */
	long min, max;
	void (*get)(int *vals);
	int (*set)(const int *vals);	/* NULL: read-only */
};
#define PROC_INTVEC_MAX	4
int proc_sysctl_intvec(const char *dir, const char *name, umode_t mode,
		       const struct ctl_intvec *vec);

/* Register the "proc" file system type; called from devices_init(). */
int proc_init(void);

/*
 * Hook for pollable /proc/mounts (POLLPRI|POLLERR on a mount-table
 * change, proc(5)): the mount code calls proc_mounts_changed(); a later
 * poll method on /proc/<pid>/mounts waits on proc_mounts_wq.
 */
struct wait_queue_head;
void proc_mounts_changed(void);
extern struct wait_queue_head proc_mounts_wq;
extern u64 proc_mounts_seq;		/* bumped by each change */

#endif
