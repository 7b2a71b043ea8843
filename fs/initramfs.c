/*
 * cpio "newc" initramfs unpacking (Documentation/driver-api/early-userspace/
 * buffer-format.rst describes the format):
 *
 *   header: "070701" or "070702" (check = byte sum of a regular
 *           file's data), then 13 fields of 8 hex digits:
 *           ino mode uid gid nlink mtime filesize devmajor devminor
 *           rdevmajor rdevminor namesize check
 *   name:   namesize bytes including the NUL; header + name padded to 4
 *   data:   filesize bytes, padded to 4 (a symlink's data is its target)
 *   the archive ends with the entry "TRAILER!!!"; NUL bytes may follow
 *   and another archive may start after them.
 *
 * Every length is checked against what is left before it is used, with
 * 64-bit arithmetic, so no input can make this read out of bounds.
 * Regular files with nlink >= 2 are hard links to the first name seen
 * with the same (ino, devmajor, devminor); the data comes with the last.
 * Directory mtimes are set at the very end, after their contents exist.
 */
#include <tern/initramfs.h>
#include <tern/printk.h>
#include "internal.h"

#define NEWC_HDR_LEN	110
#define NEWC_FIELDS	13

enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_MAJ, F_MIN,
       F_RMAJ, F_RMIN, F_NAMESIZE, F_CHECK };

struct hardlink {
	struct hardlink *next;
	u32 ino, maj, min;
	char *name;
};

struct dir_time {
	struct dir_time *next;
	s64 mtime;
	char *name;
};

struct unpacker {
	struct vfs_ctx *c;
	struct initramfs_stats *stats;
	struct hardlink *links;
	struct dir_time *dirs, **dirs_tail;
};

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

static int parse_header(const char *h, u32 f[NEWC_FIELDS], bool *crc)
{
	int i, j;

	if (memcmp(h, "07070", 5) || (h[5] != '1' && h[5] != '2'))
		return -EINVAL;
	*crc = h[5] == '2';
	for (i = 0; i < NEWC_FIELDS; i++) {
		u32 v = 0;

		for (j = 0; j < 8; j++) {
			int d = hexval(h[6 + i * 8 + j]);

			if (d < 0)
				return -EINVAL;
			v = (v << 4) | (u32)d;
		}
		f[i] = v;
	}
	return 0;
}

static void free_links(struct unpacker *u)
{
	while (u->links) {
		struct hardlink *l = u->links;

		u->links = l->next;
		kfree(l->name);
		kfree(l);
	}
}

/* The name this (ino, dev) was first unpacked under, or NULL (and remember). */
static const char *find_or_add_link(struct unpacker *u, const u32 f[], const char *name,
				    int *err)
{
	struct hardlink *l;

	*err = 0;
	for (l = u->links; l; l = l->next)
		if (l->ino == f[F_INO] && l->maj == f[F_MAJ] && l->min == f[F_MIN])
			return l->name;
	l = kzalloc(sizeof(*l));
	if (l)
		l->name = kstrndup(name, strlen(name));
	if (!l || !l->name) {
		kfree(l);
		*err = -ENOMEM;
		return NULL;
	}
	l->ino = f[F_INO];
	l->maj = f[F_MAJ];
	l->min = f[F_MIN];
	l->next = u->links;
	u->links = l;
	return NULL;
}

static int defer_dir_time(struct unpacker *u, const char *name, s64 mtime)
{
	struct dir_time *d = kzalloc(sizeof(*d));

	if (d)
		d->name = kstrndup(name, strlen(name));
	if (!d || !d->name) {
		kfree(d);
		return -ENOMEM;
	}
	d->mtime = mtime;
	*u->dirs_tail = d;
	u->dirs_tail = &d->next;
	return 0;
}

static void set_mtime(struct unpacker *u, const char *name, s64 mtime, int flags)
{
	struct timespec64 t[2] = { { mtime, 0 }, { mtime, 0 } };

	vfs_utimensat(u->c, AT_FDCWD, name, t, flags);
}

/* Remove whatever is at name unless it is a directory and we want one. */
static void clean_path(struct unpacker *u, const char *name, bool want_dir)
{
	struct kstat st;

	if (vfs_fstatat(u->c, AT_FDCWD, name, &st, AT_SYMLINK_NOFOLLOW))
		return;
	if (S_ISDIR(st.mode)) {
		if (!want_dir)
			vfs_unlinkat(u->c, AT_FDCWD, name, AT_REMOVEDIR);
	} else {
		vfs_unlinkat(u->c, AT_FDCWD, name, 0);
	}
}

static int write_all(struct file *f, const char *data, size_t len)
{
	while (len) {
		ssize_t n = vfs_write(f, data, len);

		if (n <= 0)
			return n < 0 ? (int)n : -EIO;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static int do_regular(struct unpacker *u, const u32 f[], const char *name,
		      const char *data)
{
	umode_t mode = (umode_t)(f[F_MODE] & 07777);
	int flags = O_WRONLY | O_CREAT | O_LARGEFILE, err;
	struct file *file;

	if (f[F_NLINK] >= 2) {
		const char *first = find_or_add_link(u, f, name, &err);

		if (err)
			return err;
		if (first) {
			clean_path(u, name, false);
			err = vfs_linkat(u->c, AT_FDCWD, first, AT_FDCWD, name, 0);
			if (err)
				return err;
			u->stats->hardlinks++;
			if (!f[F_FILESIZE])
				return 0;
			flags &= ~O_CREAT;	/* write the data through the link */
			goto open;
		}
	}
	clean_path(u, name, false);
	flags |= O_TRUNC;
	u->stats->files++;
open:
	err = vfs_openat(u->c, AT_FDCWD, name, flags, mode, &file);
	if (err)
		return err;
	err = write_all(file, data, f[F_FILESIZE]);
	if (!err)
		err = vfs_fchown(u->c, file, f[F_UID], f[F_GID]);
	if (!err)
		err = vfs_fchmod(u->c, file, mode);
	fput(file);
	if (!err)
		set_mtime(u, name, f[F_MTIME], 0);
	return err;
}

static int do_dir(struct unpacker *u, const u32 f[], const char *name)
{
	umode_t mode = (umode_t)(f[F_MODE] & 07777);
	int err;

	clean_path(u, name, true);
	err = vfs_mkdirat(u->c, AT_FDCWD, name, mode);
	if (err && err != -EEXIST)
		return err;
	u->stats->dirs++;
	err = vfs_fchownat(u->c, AT_FDCWD, name, f[F_UID], f[F_GID], 0);
	if (!err)
		err = vfs_fchmodat(u->c, AT_FDCWD, name, mode, 0);
	if (!err)
		err = defer_dir_time(u, name, f[F_MTIME]);
	return err;
}

static int do_symlink(struct unpacker *u, const u32 f[], const char *name,
		      const char *data)
{
	char *target;
	int err;

	if (f[F_FILESIZE] == 0 || f[F_FILESIZE] >= PATH_MAX ||
	    strnlen(data, f[F_FILESIZE]) != f[F_FILESIZE])
		return -EINVAL;
	target = kstrndup(data, f[F_FILESIZE]);
	if (!target)
		return -ENOMEM;
	clean_path(u, name, false);
	err = vfs_symlinkat(u->c, target, AT_FDCWD, name);
	kfree(target);
	if (err)
		return err;
	u->stats->symlinks++;
	err = vfs_fchownat(u->c, AT_FDCWD, name, f[F_UID], f[F_GID], AT_SYMLINK_NOFOLLOW);
	if (!err)
		set_mtime(u, name, f[F_MTIME], AT_SYMLINK_NOFOLLOW);
	return err;
}

static int do_node(struct unpacker *u, const u32 f[], const char *name)
{
	umode_t mode = (umode_t)(f[F_MODE] & (S_IFMT | 07777));
	u32 dev = new_encode_dev(MKDEV(f[F_RMAJ] & 0xfff, f[F_RMIN] & MINORMASK));
	int err;

	clean_path(u, name, false);
	err = vfs_mknodat(u->c, AT_FDCWD, name, mode, dev);
	if (err)
		return err;
	u->stats->nodes++;
	err = vfs_fchownat(u->c, AT_FDCWD, name, f[F_UID], f[F_GID], 0);
	if (!err)
		err = vfs_fchmodat(u->c, AT_FDCWD, name, mode & 07777, 0);
	if (!err)
		set_mtime(u, name, f[F_MTIME], 0);
	return err;
}

/* One entry: VFS failures are counted and logged, not fatal (as Linux). */
static int do_entry(struct unpacker *u, const u32 f[], const char *name,
		    const char *data)
{
	int err;

	switch (f[F_MODE] & S_IFMT) {
	case S_IFREG:
		err = do_regular(u, f, name, data);
		break;
	case S_IFDIR:
		err = do_dir(u, f, name);
		break;
	case S_IFLNK:
		err = do_symlink(u, f, name, data);
		break;
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		err = do_node(u, f, name);
		break;
	default:
		err = -EINVAL;
		break;
	}
	if (err == -ENOMEM)
		return err;
	if (err) {
		u->stats->errors++;
		pr_warn("initramfs: %s: error %d\n", name, err);
	}
	return 0;
}

static u32 byte_sum(const char *p, u32 n)
{
	u32 sum = 0;

	while (n--)
		sum += (u8)*p++;
	return sum;
}

static int unpack(struct unpacker *u, const char *buf, size_t len)
{
	size_t pos = 0;
	bool in_archive = false;

	for (;;) {
		u32 f[NEWC_FIELDS];
		u64 name_end, data_end, next;
		const char *name;
		bool crc;
		int err;

		if (!in_archive) {
			/* Between archives: NUL padding, in 4-byte steps. */
			while (pos < len && buf[pos] == '\0')
				pos++;
			if (pos == len)
				return 0;
			pos = ALIGN_DOWN(pos, (size_t)4);
		}
		if (len - pos < NEWC_HDR_LEN)
			return -EINVAL;		/* truncated header */
		err = parse_header(buf + pos, f, &crc);
		if (err)
			return err;
		u->stats->entries++;
		in_archive = true;
		if (f[F_NAMESIZE] == 0 || f[F_NAMESIZE] > PATH_MAX)
			return -EINVAL;
		name_end = (u64)pos + NEWC_HDR_LEN + f[F_NAMESIZE];
		if (name_end > len)
			return -EINVAL;
		name = buf + pos + NEWC_HDR_LEN;
		if (name[f[F_NAMESIZE] - 1] != '\0' || strlen(name) + 1 != f[F_NAMESIZE])
			return -EINVAL;
		data_end = ALIGN_UP(name_end, (u64)4) + f[F_FILESIZE];
		if (ALIGN_UP(name_end, (u64)4) > len || data_end > len)
			return -EINVAL;		/* data runs past the end */
		next = ALIGN_UP(data_end, (u64)4);
		if (!strcmp(name, "TRAILER!!!")) {
			free_links(u);
			in_archive = false;
			pos = next > len ? len : (size_t)next;
			continue;
		}
		/* The 070702 checksum covers regular files' data only (as Linux). */
		if (crc && S_ISREG(f[F_MODE]) && byte_sum(buf + ALIGN_UP(name_end, (u64)4), f[F_FILESIZE]) != f[F_CHECK])
			return -EINVAL;
		if (name[0] == '\0')
			return -EINVAL;
		err = do_entry(u, f, name, buf + ALIGN_UP(name_end, (u64)4));
		if (err)
			return err;
		if (next >= len)
			return -EINVAL;		/* no TRAILER!!! */
		pos = (size_t)next;
	}
}

int unpack_initramfs(struct vfs_ctx *c, const void *buf, size_t len,
		     struct initramfs_stats *stats)
{
	struct initramfs_stats dummy;
	struct unpacker u = { .c = c, .stats = stats ? stats : &dummy };
	int err;

	memset(u.stats, 0, sizeof(*u.stats));
	u.dirs_tail = &u.dirs;
	err = unpack(&u, buf, len);
	free_links(&u);
	while (u.dirs) {
		struct dir_time *d = u.dirs;

		u.dirs = d->next;
		set_mtime(&u, d->name, d->mtime, 0);
		kfree(d->name);
		kfree(d);
	}
	if (err)
		pr_err("initramfs: unpacking failed: %d\n", err);
	return err;
}

/*
 * Boot: unpack the initrd into "/" as root (Linux's populate_rootfs).
 * vfs_init() must have run.  Returns what unpack_initramfs returned.
 */
int populate_rootfs(const void *buf, size_t len)
{
	static const struct cred root_cred;
	struct vfs_ctx c = { .cred = &root_cred, .nofile = 64 };
	struct initramfs_stats st;
	int err;

	c.fs = fs_struct_alloc_root();
	c.files = files_alloc();
	if (!c.fs || !c.files) {
		err = -ENOMEM;
	} else {
		c.fs->umask = 0;
		err = unpack_initramfs(&c, buf, len, &st);
		if (!err)
			pr_info("initramfs: %u entries: %u files, %u dirs, %u symlinks, "
				"%u nodes, %u hard links, %u errors\n", st.entries, st.files,
				st.dirs, st.symlinks, st.nodes, st.hardlinks, st.errors);
	}
	files_put(c.files);
	fs_struct_put(c.fs);
	return err;
}
