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

#define PROC_SUPER_MAGIC	0x9fa0

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
};

typedef int (*proc_show_t)(struct proc_ctx *pc, struct proc_buf *b);

/*
 * Register a read-only file `name` in directory `dir` ("" = /proc,
 * "net", "sys/kernel"; the directory is made if missing).  -EEXIST,
 * -ENOMEM.  For boot-time use (no removal).
 */
int proc_create(const char *dir, const char *name, umode_t mode, proc_show_t show);

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
