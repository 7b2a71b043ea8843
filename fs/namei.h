/* The path walker's state, shared by fs/ files that resolve names. */
#ifndef FS_NAMEI_H
#define FS_NAMEI_H

#include "internal.h"

enum last_type { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT, LAST_EMPTY };

struct nameidata {
	struct path path;	/* where the walk is (referenced) */
	struct path root;	/* the task's root (referenced) */
	const struct cred *cred;
	u32 flags;		/* LOOKUP_* */
	u32 total_links;	/* symlinks followed so far */
	bool locked;		/* holds vfs_lock */
	bool started_empty;	/* "" with LOOKUP_EMPTY: the start is the answer */
	/* Strings still to walk: the top one is current. */
	struct {
		const char *p;
		char *buf;	/* a symlink body copy we own, or NULL */
	} stack[MAXSYMLINKS + 2];
	u32 depth;
	/* Final component, after link_path_walk(). */
	const char *last;
	u32 last_len;
	enum last_type last_type;
	bool trailing_slash;
};

int nd_start(struct nameidata *nd, struct vfs_ctx *c, struct file *dfile,
	     int dirfd, const char *name, u32 flags);
void nd_finish(struct nameidata *nd);
int link_path_walk(struct nameidata *nd);
int lookup_last(struct nameidata *nd, struct path *out);
/* Push a symlink's body to be walked next (ELOOP past MAXSYMLINKS). */
int nd_follow_link(struct nameidata *nd, struct dentry *link);
struct dentry *lookup_child(struct dentry *dir, const char *name, u32 len,
			    int *err);
struct file *nd_dirfile(struct vfs_ctx *c, int dirfd, const char *path);
/* Negative dentry for creating nd's last component (EEXIST if taken). */
struct dentry *filename_create(struct nameidata *nd, bool is_dir, int *err);
/* mkdir(2)/open(2) O_CREAT permission: dead dir ENOENT, else W|X. */
int may_create(struct inode *dir, const struct cred *cred);

#endif
