/*
 * Inside fs/proc/ only.
 *
 * The name tree: struct proc_node, built at boot (proc_create and the
 * static tables), never freed.  Three kinds of directory:
 *  - PROC_DIR: its children are its nodes;
 *  - the root adds a directory per process (/proc/<pid>, pid_template);
 *  - PROC_FD: one symlink per open fd of ctx.pid.
 * A proc inode carries a struct proc_inode: which node, for which pid/fd,
 * and for symlinks the target text computed at lookup (get_link must
 * answer under vfs_lock without sleeping).
 */
#ifndef FS_PROC_INTERNAL_H
#define FS_PROC_INTERNAL_H

#include "../internal.h"
#include <tern/proc_fs.h>

enum proc_kind {
	PROC_FILE,
	PROC_LINK,
	PROC_DIR,
	PROC_FD_DIR,	/* /proc/<pid>/fd */
	PROC_FD_LINK,	/* /proc/<pid>/fd/<n> */
	PROC_PID_DIR,	/* /proc/<pid> */
	PROC_TASK_DIR,	/* /proc/<pid>/task */
	PROC_TID_DIR,	/* /proc/<pid>/task/<tid> */
};

struct proc_node {
	const char *name;
	enum proc_kind kind;
	umode_t mode;			/* permission bits */
	proc_show_t show;		/* PROC_FILE */
	/* PROC_FILE opened for writing: the whole write at once. */
	proc_write_t write;
	const void *data;		/* handed to show/write in pc->data */
	bool sysctl;			/* under /proc/sys: the mode binds root */
	bool mounts;			/* a mounts file: pollable (proc_mounts_fops) */
	/* PROC_LINK: the target into buf (vfs_lock held, no sleeping). */
	int (*link)(struct proc_ctx *pc, char *buf, size_t size);
	u32 index;			/* inode-number seed */
	struct proc_node *parent, *children, *next;
};

struct proc_inode {
	struct proc_node *node;
	struct proc_ctx pc;
	char *link;			/* symlink target, kmalloc'd */
	struct path target;		/* an fd link's file (referenced), else none */
};

/* root.c */
extern struct proc_node proc_root;
struct proc_node *proc_add(struct proc_node *dir, const char *name,
			   enum proc_kind kind, umode_t mode);
/* The directory node for "a/b" under /proc, made if missing (NULL: no
 * memory, or a file is in the way). */
struct proc_node *proc_mkdir_path(const char *dir);
struct proc_node *proc_mkdir_path_in(struct proc_node *root, const char *dir);
/* proc_create_data, handing back the new file's node. */
int proc_create_node(const char *dir, const char *name, umode_t mode, proc_show_t show,
		     const void *data, struct proc_node **out);
/* A fresh inode-number seed for a node made outside proc_add. */
u32 proc_new_index(void);
/* sysfs.c: the /sys tree (served by the same code, SYSFS_MAGIC). */
#define SYSFS_MAGIC	0x62656572
extern struct proc_node sysfs_root;
void sysfs_tree_init(void);
/* base.c: the /proc/<pid> table and its helpers. */
extern struct proc_node pid_dir_node, fd_link_node, tid_dir_node;
/* Is tid a thread of pid?  The next tid of pid after `after` (0: none). */
bool proc_tid_alive(int pid, int tid);
int proc_tid_next(int pid, int after);
/* Next pid after `after` (0: none). */
int proc_pid_next(int after);
void proc_base_init(void);
bool proc_pid_alive(int pid);
/* Owner of /proc/<pid> files (the process's euid/egid). */
void proc_pid_owner(int pid, u32 *uid, u32 *gid);
/* fd's target text for /proc/<pid>/fd/<fd>; vfs_lock held. */
int proc_fd_link(struct proc_ctx *pc, char *buf, size_t size, struct path *target);
/* Highest fd slot + 1 in pid's table (0 if none). */
int proc_fd_limit(int pid);
bool proc_fd_open(int pid, int fd);
/* Call fn for a snapshot of every process, in pid order. */
struct proc_info;
void proc_for_each_info(void (*fn)(const struct proc_info *in, void *arg), void *arg);
/* The other global files. */
int meminfo_show(struct proc_ctx *pc, struct proc_buf *b);
void proc_misc_init(void);
void proc_stat_init(void);
void proc_sysctl_init(void);
void proc_cpuinfo_init(void);

#endif
