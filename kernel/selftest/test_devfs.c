/*
 * devtmpfs, the memory devices and procfs through the VFS, from a kernel
 * thread (no process, so no /proc/<pid> and no /proc/self):
 *  - devtmpfs mounted on a fresh directory has null, zero, full, random,
 *    urandom, tty, console, ttyS0 with Linux's numbers; null reads end of
 *    file, zero reads zeros, full refuses writes with ENOSPC, urandom is
 *    not constant; mkdir works inside it (for /dev/shm);
 *  - proc mounted: meminfo, uptime, loadavg, stat, version, cpuinfo and
 *    sys/kernel/ostype read in Linux's formats; getdents lists them;
 *    /proc/self is absent for a kernel thread; both unmount cleanly;
 *  - sysfs mounts with the console's tty and the CPU list.
 * If the root file system is not up yet (test boots), it is brought up.
 */
#include <tern/devices.h>
#include <tern/printk.h>
#include <tern/selftest.h>
#include <tern/string.h>
#include <tern/vfs.h>
#include <uapi/dirent.h>
#include "../../fs/internal.h"

#define FAIL(...) do { pr_err("selftest devfs: " __VA_ARGS__); goto out; } while (0)

static struct cred root_cred;

static bool strstr_(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncmp(hay, needle, n))
			return true;
	return false;
}

static ssize_t slurp(struct vfs_ctx *c, const char *path, char *buf, size_t n)
{
	struct file *f;
	ssize_t r, total = 0;
	int err = vfs_openat(c, AT_FDCWD, path, O_RDONLY, 0, &f);

	if (err)
		return err;
	while ((size_t)total < n - 1 && (r = vfs_read(f, buf + total, n - 1 - (size_t)total)) > 0)
		total += r;
	fput(f);
	buf[total] = '\0';
	return total;
}

static bool has_entry(struct vfs_ctx *c, const char *dir, const char *name)
{
	static char dents[4096];
	struct file *f;
	ssize_t n;
	bool found = false;

	if (vfs_openat(c, AT_FDCWD, dir, O_RDONLY | O_DIRECTORY, 0, &f))
		return false;
	while (!found && (n = vfs_getdents64(f, dents, sizeof(dents))) > 0) {
		for (ssize_t off = 0; off < n;) {
			struct linux_dirent64 *d = (void *)(dents + off);

			if (!strcmp(d->d_name, name))
				found = true;
			off += d->d_reclen;
		}
	}
	fput(f);
	return found;
}

static int test_devfs(void)
{
	static char buf[8192];
	static const struct { const char *name; u32 maj, min; } nodes[] = {
		{ "null", 1, 3 }, { "zero", 1, 5 }, { "full", 1, 7 },
		{ "random", 1, 8 }, { "urandom", 1, 9 }, { "tty", 5, 0 },
		{ "console", 5, 1 }, { "ttyS0", 4, 64 },
	};
	struct vfs_ctx c = { .cred = &root_cred, .nofile = 1024 };
	struct kstat st;
	struct file *f;
	char path[64];
	int err, ret = -1;
	bool mounted_dev = false, mounted_proc = false;

	spin_lock(&vfs_lock);
	bool up = !list_empty(&mount_list);
	spin_unlock(&vfs_lock);
	if (!up && vfs_init())
		return -1;
	err = devices_init();
	if (err && err != -EBUSY)
		FAIL("devices_init: %d\n", err);
	c.fs = fs_struct_alloc_root();
	c.files = files_alloc();
	if (!c.fs || !c.files)
		FAIL("no memory\n");
	vfs_mkdirat(&c, AT_FDCWD, "/selftest-dev", 0755);
	vfs_mkdirat(&c, AT_FDCWD, "/selftest-proc", 0755);

	err = vfs_mount(&c, "devtmpfs", "/selftest-dev", "devtmpfs", 0, NULL);
	if (err)
		FAIL("mount devtmpfs: %d\n", err);
	mounted_dev = true;
	err = vfs_fstatat(&c, AT_FDCWD, "/selftest-dev", &st, 0);
	if (err || (st.mode & 07777) != 0755)
		FAIL("devtmpfs root mode %o (err %d), want 0755\n", st.mode, err);
	for (unsigned int i = 0; i < ARRAY_SIZE(nodes); i++) {
		snprintf(path, sizeof(path), "/selftest-dev/%s", nodes[i].name);
		err = vfs_fstatat(&c, AT_FDCWD, path, &st, 0);
		if (err || !S_ISCHR(st.mode) || st.rdev != MKDEV(nodes[i].maj, nodes[i].min))
			FAIL("%s: err %d mode %o rdev %x\n", path, err, st.mode, st.rdev);
	}
	if (slurp(&c, "/selftest-dev/null", buf, sizeof(buf)) != 0)
		FAIL("null is not empty\n");
	if (vfs_openat(&c, AT_FDCWD, "/selftest-dev/zero", O_RDONLY, 0, &f))
		FAIL("open zero\n");
	memset(buf, 1, 64);
	if (vfs_read(f, buf, 64) != 64 || memcmp(buf, (char[64]){ 0 }, 64))
		FAIL("zero\n");
	fput(f);
	if (vfs_openat(&c, AT_FDCWD, "/selftest-dev/full", O_WRONLY, 0, &f))
		FAIL("open full\n");
	if (vfs_write(f, "x", 1) != -ENOSPC)
		FAIL("full accepted a write\n");
	fput(f);
	if (vfs_openat(&c, AT_FDCWD, "/selftest-dev/urandom", O_RDONLY, 0, &f))
		FAIL("open urandom\n");
	if (vfs_read(f, buf, 32) != 32 || vfs_read(f, buf + 32, 32) != 32 ||
	    !memcmp(buf, buf + 32, 32))
		FAIL("urandom\n");
	fput(f);
	if (vfs_mkdirat(&c, AT_FDCWD, "/selftest-dev/shm", 01777))
		FAIL("mkdir in devtmpfs\n");

	err = vfs_mount(&c, "proc", "/selftest-proc", "proc", 0, NULL);
	if (err)
		FAIL("mount proc: %d\n", err);
	mounted_proc = true;
	if (slurp(&c, "/selftest-proc/meminfo", buf, sizeof(buf)) <= 0 ||
	    strncmp(buf, "MemTotal:", 9) || !strstr_(buf, "\nMemAvailable:") ||
	    !strstr_(buf, "\nSwapFree:"))
		FAIL("meminfo: %.40s\n", buf);
	if (slurp(&c, "/selftest-proc/uptime", buf, sizeof(buf)) <= 0 ||
	    !strstr_(buf, ".") || !strstr_(buf, " "))
		FAIL("uptime: %s\n", buf);
	if (slurp(&c, "/selftest-proc/loadavg", buf, sizeof(buf)) <= 0 || buf[1] != '.')
		FAIL("loadavg: %s\n", buf);
	if (slurp(&c, "/selftest-proc/stat", buf, sizeof(buf)) <= 0 ||
	    strncmp(buf, "cpu  ", 5) || !strstr_(buf, "\nbtime "))
		FAIL("stat: %.40s\n", buf);
	if (slurp(&c, "/selftest-proc/version", buf, sizeof(buf)) <= 0 ||
	    strncmp(buf, "Linux version ", 14))
		FAIL("version: %s\n", buf);
	if (slurp(&c, "/selftest-proc/cpuinfo", buf, sizeof(buf)) <= 0 ||
	    !strstr_(buf, "vendor_id\t: ") || !strstr_(buf, "\nflags\t\t: fpu"))
		FAIL("cpuinfo: %.60s\n", buf);
	if (slurp(&c, "/selftest-proc/sys/kernel/ostype", buf, sizeof(buf)) <= 0 ||
	    strcmp(buf, "Linux\n"))
		FAIL("ostype: %s\n", buf);
	if (slurp(&c, "/selftest-proc/filesystems", buf, sizeof(buf)) <= 0 ||
	    !strstr_(buf, "nodev\tproc\n") || !strstr_(buf, "nodev\ttmpfs\n") ||
	    !strstr_(buf, "nodev\tdevtmpfs\n") || !strstr_(buf, "nodev\tsysfs\n"))
		FAIL("filesystems: %s\n", buf);
	if (!has_entry(&c, "/selftest-proc", "meminfo") ||
	    !has_entry(&c, "/selftest-proc", "self") ||
	    !has_entry(&c, "/selftest-proc/sys/kernel", "hostname"))
		FAIL("getdents of /proc\n");
	err = vfs_fstatat(&c, AT_FDCWD, "/selftest-proc/self/stat", &st, 0);
	if (err != -ENOENT)
		FAIL("/proc/self for a kernel thread: %d\n", err);
	/* sysfs: the console's tty and the CPU list. */
	vfs_mkdirat(&c, AT_FDCWD, "/selftest-sys", 0755);
	err = vfs_mount(&c, "sysfs", "/selftest-sys", "sysfs", 0, NULL);
	if (err)
		FAIL("mount sysfs: %d\n", err);
	if (slurp(&c, "/selftest-sys/devices/system/cpu/online", buf, sizeof(buf)) != 2 ||
	    strcmp(buf, "0\n") ||
	    slurp(&c, "/selftest-sys/class/tty/console/active", buf, sizeof(buf)) < 2 ||
	    !has_entry(&c, "/selftest-sys", "kernel")) {
		vfs_umount(&c, "/selftest-sys", 0);
		FAIL("sysfs: %s\n", buf);
	}
	if (vfs_umount(&c, "/selftest-sys", 0))
		FAIL("umount sysfs\n");
	vfs_rmdir(&c, AT_FDCWD, "/selftest-sys");
	ret = 0;
out:
	if (mounted_proc && vfs_umount(&c, "/selftest-proc", 0))
		ret = -1, pr_err("selftest devfs: umount proc\n");
	if (mounted_dev && vfs_umount(&c, "/selftest-dev", 0))
		ret = -1, pr_err("selftest devfs: umount devtmpfs\n");
	if (c.fs) {
		vfs_rmdir(&c, AT_FDCWD, "/selftest-dev");
		vfs_rmdir(&c, AT_FDCWD, "/selftest-proc");
		fs_struct_put(c.fs);
	}
	if (c.files)
		files_put(c.files);
	return ret;
}
SELFTEST(devfs, test_devfs, true);
