/*
 * ramfs/tmpfs mount options (tmpfs(5)): mode=, uid=, gid=, size=,
 * nr_inodes= for tmpfs, which refuses anything else (EINVAL); ramfs
 * honours mode= and ignores the rest, as Linux's ramfs does.  And the
 * same options shown back for /proc/mounts.
 */
#include <tern/printk.h>
#include <uapi/mount.h>
#include "internal.h"

static bool parse_num(const char *v, u64 *out, bool suffix)
{
	char *end;
	u64 n;

	if (*v < '0' || *v > '9')
		return false;
	n = strtoul(v, &end, 0);
	if (suffix && *end) {
		u32 shift = 0;

		switch (*end) {
		case 'k': case 'K': shift = 10; break;
		case 'm': case 'M': shift = 20; break;
		case 'g': case 'G': shift = 30; break;
		default: return false;
		}
		if (n > (~0ULL >> shift))
			return false;
		n <<= shift;
		end++;
	}
	if (*end)
		return false;
	*out = n;
	return true;
}

/* One "key[=value]" option of length len. */
static int parse_one(struct ramfs_sb_info *sbi, bool tmpfs, const char *opt, size_t len)
{
	char buf[64], *val;
	u64 n;

	if (len == 0)
		return 0;
	if (len >= sizeof(buf))
		return tmpfs ? -EINVAL : 0;
	memcpy(buf, opt, len);
	buf[len] = '\0';
	val = strchr(buf, '=');
	if (val)
		*val++ = '\0';
	if (!strcmp(buf, "mode") && val) {
		const char *d = val;

		while (*d >= '0' && *d <= '7')
			d++;
		if (d == val || *d || (n = strtoul(val, NULL, 8)) > 07777)
			return -EINVAL;
		sbi->root_mode = (umode_t)n;
		return 0;
	}
	if (!tmpfs)
		return 0;	/* ramfs has always ignored other options */
	if (!val)
		return -EINVAL;
	if (!strcmp(buf, "uid") && parse_num(val, &n, false) && n <= 0xffffffffULL)
		sbi->root_uid = (u32)n;
	else if (!strcmp(buf, "gid") && parse_num(val, &n, false) && n <= 0xffffffffULL)
		sbi->root_gid = (u32)n;
	else if (!strcmp(buf, "size") && parse_num(val, &n, true))
		sbi->max_bytes = ALIGN_UP(n, (u64)PAGE_SIZE_FS);
	else if (!strcmp(buf, "nr_inodes") && parse_num(val, &n, true))
		sbi->max_inodes = n;
	else
		return -EINVAL;	/* linux-compat: size=N% and mpol/huge not here */
	return 0;
}

int ramfs_parse_options(struct ramfs_sb_info *sbi, bool tmpfs, const char *data)
{
	const char *p = data;

	if (!data)
		return 0;
	while (*p) {
		const char *e = p;
		int err;

		while (*e && *e != ',')
			e++;
		err = parse_one(sbi, tmpfs, p, (size_t)(e - p));
		if (err)
			return err;
		p = *e ? e + 1 : e;
	}
	return 0;
}

/* /proc/mounts: the options that differ from the defaults (as Linux). */
size_t ramfs_show_options(struct super_block *sb, char *buf, size_t size)
{
	struct ramfs_sb_info *sbi = sb->s_fs_info;
	bool tmpfs = sb->s_magic == TMPFS_MAGIC;
	size_t n = 0;

	if (tmpfs && sbi->max_bytes != tmpfs_default_bytes())
		n += (size_t)snprintf(buf + n, n < size ? size - n : 0, ",size=%luk",
				      (unsigned long)(sbi->max_bytes >> 10));
	if (tmpfs && sbi->max_inodes != tmpfs_default_inodes())
		n += (size_t)snprintf(buf + n, n < size ? size - n : 0, ",nr_inodes=%lu",
				      (unsigned long)sbi->max_inodes);
	if (sbi->root_mode != (tmpfs && sb->s_type != &rootfs_fs_type ? 01777 : 0755))
		n += (size_t)snprintf(buf + n, n < size ? size - n : 0, ",mode=%03o",
				      (unsigned int)sbi->root_mode);
	if (sbi->root_uid)
		n += (size_t)snprintf(buf + n, n < size ? size - n : 0, ",uid=%u", sbi->root_uid);
	if (sbi->root_gid)
		n += (size_t)snprintf(buf + n, n < size ? size - n : 0, ",gid=%u", sbi->root_gid);
	return n;
}
