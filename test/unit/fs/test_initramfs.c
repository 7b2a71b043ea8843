#define _GNU_SOURCE
/*
 * The cpio newc unpacker: a real archive written by cpio(1) from a
 * directory made here (files, dirs, symlinks, hard links, a FIFO, a
 * device node, modes, owners, mtimes), the 070702 "crc" format,
 * concatenated archives with NUL padding, replacing existing names, and
 * malformed input (every prefix of a valid archive, bad magic, hex,
 * sizes, names, checksums, missing trailer).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tern/initramfs.h>
#include "cpio_host.h"
#include "fs_test.h"

static struct kstat kst(const char *p)
{
	struct kstat k;

	assert_ok(st(T, p, &k, AT_SYMLINK_NOFOLLOW));
	return k;
}

static void check_tree(bool owners, bool nodes)
{
	char buf[64];
	struct kstat k;

	k = kst("/bin/busybox");
	assert_int_equal(k.mode, S_IFREG | 0755);
	assert_int_equal(k.mtime.tv_sec, 1000000);
	assert_int_equal(get_str(T, "/bin/busybox", buf, sizeof(buf)), 15);
	assert_string_equal(buf, "#!fake busybox\n");
	k = kst("/bin/sh");
	assert_true(S_ISLNK(k.mode));
	assert_int_equal(k.mtime.tv_sec, 1000001);
	assert_int_equal(vfs_readlinkat(T, AT_FDCWD, "/bin/sh", buf, sizeof(buf)), 7);
	assert_memory_equal(buf, "busybox", 7);
	/* Hard links: one inode, two names, the data once. */
	assert_int_equal(kst("/bin/h1").ino, kst("/bin/h2").ino);
	assert_int_equal(kst("/bin/h1").nlink, 2);
	assert_int_equal(kst("/bin/h1").mode, S_IFREG | 0640);
	assert_int_equal(get_str(T, "/bin/h2", buf, sizeof(buf)), 4);
	assert_string_equal(buf, "hard");
	k = kst("/etc/passwd");
	assert_int_equal(k.mode, S_IFREG | 0600);
	assert_int_equal(k.mtime.tv_sec, 1000002);
	if (owners) {
		assert_int_equal(k.uid, 1234);
		assert_int_equal(k.gid, 5678);
	}
	assert_int_equal(kst("/etc").mode, S_IFDIR | 0711);
	/* Directory mtimes are applied after their contents were made. */
	assert_int_equal(kst("/etc").mtime.tv_sec, 1000004);
	assert_int_equal(kst("/bin").mtime.tv_sec, 1000005);
	k = kst("/run/fifo");
	assert_int_equal(k.mode, S_IFIFO | 0620);
	assert_int_equal(k.mtime.tv_sec, 1000003);
	if (nodes) {
		k = kst("/run/null");
		assert_int_equal(k.mode, S_IFCHR | 0666);
		assert_int_equal(MAJOR(k.rdev), 1);
		assert_int_equal(MINOR(k.rdev), 3);
	}
}

static void real_archive_newc_and_crc(void **state)
{
	struct initramfs_stats s;
	bool nodes;
	char *a, *p;
	size_t len;

	(void)state;
	if (!host_have_cpio())
		skip();
	nodes = host_tree_build();
	a = host_tree_archive("newc", &len);
	assert_memory_equal(a, "070701", 6);
	assert_ok(unpack_initramfs(T, a, len, &s));
	free(a);
	check_tree(host_is_root(), nodes);
	assert_int_equal(s.errors, 0);
	assert_int_equal(s.symlinks, 1);
	assert_int_equal(s.hardlinks, 1);
	assert_int_equal(s.nodes, nodes ? 2 : 1);
	/* The same tree again in the 070702 format, over the first. */
	a = host_tree_archive("crc", &len);
	host_tree_remove();
	assert_memory_equal(a, "070702", 6);
	assert_ok(unpack_initramfs(T, a, len, &s));
	assert_int_equal(s.errors, 0);
	check_tree(host_is_root(), nodes);
	/* A flipped data byte breaks the checksum. */
	p = memmem(a, len, "#!fake", 6);
	assert_non_null(p);
	p[1] ^= 1;
	assert_err(unpack_initramfs(T, a, len, NULL), EINVAL);
	free(a);
}

static void two_archives(struct cpio_buf *b)
{
	struct cpio_entry dot = { .name = ".", .mode = S_IFDIR | 0711, .mtime = 5 };
	struct cpio_entry d = { .name = "x", .mode = S_IFDIR | 0755 };
	struct cpio_entry f1 = { .name = "x/f", .mode = S_IFREG | 0644, .data = "one", .size = 3 };
	struct cpio_entry g = { .name = "x/g", .mode = S_IFREG | 0644, .data = "gee", .size = 3 };
	struct cpio_entry f2 = { .name = "x/f", .mode = S_IFREG | 0600, .data = "second",
				 .size = 6, .crc = true };
	struct cpio_entry gdir = { .name = "x/g", .mode = S_IFDIR | 0700 };
	struct cpio_entry l = { .name = "./y", .mode = S_IFLNK | 0777, .data = "x/f", .size = 3 };
	static const char zeros[512];

	cpio_add(b, &dot);
	cpio_add(b, &d);
	cpio_add(b, &f1);
	cpio_add(b, &g);
	cpio_trailer(b);
	cpio_raw(b, zeros, 512 - b->len % 512);	/* NUL padding between archives */
	cpio_add(b, &f2);
	cpio_add(b, &gdir);
	cpio_add(b, &l);
	cpio_trailer(b);
	cpio_raw(b, zeros, 100);
}

static void concatenated_and_replacing(void **state)
{
	struct cpio_buf b = { 0 };
	struct initramfs_stats s;
	char buf[16];

	(void)state;
	two_archives(&b);
	assert_ok(unpack_initramfs(T, b.p, b.len, &s));
	assert_int_equal(s.errors, 0);
	assert_int_equal(s.entries, 9);
	/* The second archive's file replaced the first's. */
	assert_int_equal(get_str(T, "/x/f", buf, sizeof(buf)), 6);
	assert_string_equal(buf, "second");
	assert_int_equal(kst("/x/f").mode, S_IFREG | 0600);
	/* A directory replaced a file; "." set the root's mode. */
	assert_int_equal(kst("/x/g").mode, S_IFDIR | 0700);
	assert_int_equal(kst("/").mode, S_IFDIR | 0711);
	assert_int_equal(kst("/").mtime.tv_sec, 5);
	assert_int_equal(get_str(T, "/y", buf, sizeof(buf)), 6);
	/* Unpacking twice is idempotent. */
	assert_ok(unpack_initramfs(T, b.p, b.len, &s));
	assert_int_equal(s.errors, 0);
	assert_int_equal(get_str(T, "/x/f", buf, sizeof(buf)), 6);
	cpio_free(&b);
	/* Empty input and only padding: nothing to do. */
	assert_ok(unpack_initramfs(T, "", 0, NULL));
	assert_ok(unpack_initramfs(T, "\0\0\0\0\0\0\0\0", 8, NULL));
}

static void hardlink_data_with_last_name(void **state)
{
	struct cpio_buf b = { 0 };
	struct cpio_entry a1 = { .name = "a", .mode = S_IFREG | 0644, .ino = 7, .nlink = 3 };
	struct cpio_entry a2 = { .name = "b", .mode = S_IFREG | 0644, .ino = 7, .nlink = 3 };
	struct cpio_entry a3 = { .name = "c", .mode = S_IFREG | 0644, .ino = 7, .nlink = 3,
				 .data = "shared", .size = 6 };
	/* Same ino after a trailer is a different file (table reset). */
	struct cpio_entry n1 = { .name = "d", .mode = S_IFREG | 0644, .ino = 7, .nlink = 2,
				 .data = "other", .size = 5 };
	char buf[16];

	(void)state;
	cpio_add(&b, &a1);
	cpio_add(&b, &a2);
	cpio_add(&b, &a3);
	cpio_trailer(&b);
	cpio_add(&b, &n1);
	cpio_trailer(&b);
	assert_ok(unpack_initramfs(T, b.p, b.len, NULL));
	assert_int_equal(kst("/a").nlink, 3);
	assert_int_equal(kst("/a").ino, kst("/c").ino);
	assert_int_equal(get_str(T, "/a", buf, sizeof(buf)), 6);
	assert_string_equal(buf, "shared");
	assert_int_not_equal(kst("/d").ino, kst("/a").ino);
	assert_int_equal(get_str(T, "/d", buf, sizeof(buf)), 5);
	cpio_free(&b);
}

/* Change one 8-digit header field of the entry at off. */
static void set_field(char *entry, int field, u32 v)
{
	char tmp[9];

	snprintf(tmp, sizeof(tmp), "%08X", v);
	memcpy(entry + 6 + field * 8, tmp, 8);
}

static struct cpio_buf one_file(void)
{
	struct cpio_buf b = { 0 };
	struct cpio_entry f = { .name = "file", .mode = S_IFREG | 0644, .data = "hello", .size = 5 };

	cpio_add(&b, &f);
	cpio_trailer(&b);
	return b;
}

static void malformed_archives(void **state)
{
	struct cpio_buf b;
	size_t cut;

	(void)state;
	/* Every strict prefix is refused (or empty), never read past. */
	b = one_file();
	for (cut = 0; cut < b.len; cut++) {
		char *copy = malloc(cut ? cut : 1);
		int err;

		memcpy(copy, b.p, cut);
		err = unpack_initramfs(T, copy, cut, NULL);
		free(copy);
		if (cut == 0)
			assert_ok(err);
		else
			assert_err(err, EINVAL);
	}
	cpio_free(&b);
	/* Bad magic. */
	b = one_file();
	b.p[5] = '7';
	assert_err(unpack_initramfs(T, b.p, b.len, NULL), EINVAL);
	memcpy(b.p, "070707", 6);	/* old binary/odc formats are not newc */
	assert_err(unpack_initramfs(T, b.p, b.len, NULL), EINVAL);
	cpio_free(&b);
	/* A non-hex digit. */
	b = one_file();
	b.p[20] = 'g';
	assert_err(unpack_initramfs(T, b.p, b.len, NULL), EINVAL);
	cpio_free(&b);
	/* namesize 0, huge, too short (no NUL at the end), too long. */
	b = one_file();
	set_field(b.p, 11, 0);
	assert_err(unpack_initramfs(T, b.p, b.len, NULL), EINVAL);
	set_field(b.p, 11, 0xffffffff);
	assert_err(unpack_initramfs(T, b.p, b.len, NULL), EINVAL);
	set_field(b.p, 11, 4);
	assert_err(unpack_initramfs(T, b.p, b.len, NULL), EINVAL);
	set_field(b.p, 11, 6);
	assert_err(unpack_initramfs(T, b.p, b.len, NULL), EINVAL);
	cpio_free(&b);
	/* filesize past the end, and at the 32-bit limit. */
	b = one_file();
	set_field(b.p, 6, 0x1000);
	assert_err(unpack_initramfs(T, b.p, b.len, NULL), EINVAL);
	set_field(b.p, 6, 0xffffffff);
	assert_err(unpack_initramfs(T, b.p, b.len, NULL), EINVAL);
	cpio_free(&b);
	/* No trailer: the file is made, then the archive is reported broken. */
	b = one_file();
	assert_err(unpack_initramfs(T, b.p, b.len - 124, NULL), EINVAL);
	assert_int_equal(kst("/file").size, 5);
	cpio_free(&b);
	/* Junk (not NUL) after a trailer is a bad next archive. */
	b = one_file();
	cpio_raw(&b, "junk", 4);
	assert_err(unpack_initramfs(T, b.p, b.len, NULL), EINVAL);
	cpio_free(&b);
	/* Symlinks with no target or a NUL inside; an unknown file type. */
	{
		struct cpio_entry l0 = { .name = "l0", .mode = S_IFLNK | 0777 };
		struct cpio_entry l1 = { .name = "l1", .mode = S_IFLNK | 0777, .data = "a\0b", .size = 3 };
		struct cpio_entry odd = { .name = "odd", .mode = 0170644 };
		struct cpio_entry ok = { .name = "ok", .mode = S_IFREG | 0644 };
		struct initramfs_stats s;

		memset(&b, 0, sizeof(b));
		cpio_add(&b, &l0);
		cpio_add(&b, &l1);
		cpio_add(&b, &odd);
		cpio_add(&b, &ok);
		cpio_trailer(&b);
		/* Bad entries are skipped and counted, the rest unpacks. */
		assert_ok(unpack_initramfs(T, b.p, b.len, &s));
		assert_int_equal(s.errors, 3);
		assert_int_equal(kst("/ok").size, 0);
		cpio_free(&b);
	}
	/* Names that climb with ".." stay inside the root. */
	{
		struct cpio_entry up = { .name = "../../escape", .mode = S_IFREG | 0644,
					 .data = "x", .size = 1 };

		memset(&b, 0, sizeof(b));
		cpio_add(&b, &up);
		cpio_trailer(&b);
		assert_ok(vfs_mkdirat(T, AT_FDCWD, "/sub", 0755));
		assert_ok(vfs_chroot(T, "/sub"));
		assert_ok(vfs_chdir(T, "/"));
		assert_ok(unpack_initramfs(T, b.p, b.len, NULL));
		assert_ok(vfs_chdir(T, "/"));
		assert_int_equal(kst("/escape").size, 1);	/* /sub/escape */
		cpio_free(&b);
	}
}

static void populate_rootfs_at_boot(void **state)
{
	struct cpio_buf b = { 0 };
	struct cpio_entry init = { .name = "init", .mode = S_IFREG | 0755, .data = "#!", .size = 2 };
	struct cpio_entry dev = { .name = "dev", .mode = S_IFDIR | 0755 };
	struct cpio_entry tty = { .name = "dev/console", .mode = S_IFCHR | 0600, .rmaj = 5, .rmin = 1 };

	(void)state;
	cpio_add(&b, &dev);
	cpio_add(&b, &tty);
	cpio_add(&b, &init);
	cpio_trailer(&b);
	assert_ok(populate_rootfs(b.p, b.len));
	assert_int_equal(kst("/init").mode, S_IFREG | 0755);
	assert_int_equal(kst("/dev/console").rdev, MKDEV(5, 1));
	assert_int_equal(host_printk_count() > 0, 1);
	b.p[0] = 'x';
	assert_err(populate_rootfs(b.p, b.len), EINVAL);
	cpio_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FS_TEST(real_archive_newc_and_crc),
		FS_TEST(concatenated_and_replacing),
		FS_TEST(hardlink_data_with_last_name),
		FS_TEST(malformed_archives),
		FS_TEST(populate_rootfs_at_boot),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
