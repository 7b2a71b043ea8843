#define _GNU_SOURCE
/* Build a tree on the host and archive it with cpio(1) (see cpio_host.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <unistd.h>
#include "cpio_host.h"

static char tmpdir[64];

static int must(int rc, const char *what)
{
	if (rc != 0) {
		perror(what);
		abort();
	}
	return rc;
}

static void path(char *out, size_t n, const char *rel)
{
	snprintf(out, n, "%s/%s", tmpdir, rel);
}

static void put(const char *rel, const char *data, mode_t mode)
{
	char p[256];
	FILE *f;

	path(p, sizeof(p), rel);
	f = fopen(p, "w");
	if (!f)
		abort();
	fputs(data, f);
	fclose(f);
	must(chmod(p, mode), "chmod");
}

static void mtime(const char *rel, long secs)
{
	char p[256];
	struct timeval tv[2] = { { secs, 0 }, { secs, 0 } };

	path(p, sizeof(p), rel);
	must(lutimes(p, tv), "lutimes");
}

bool host_have_cpio(void)
{
	return system("command -v cpio >/dev/null 2>&1") == 0;
}

bool host_is_root(void)
{
	return geteuid() == 0;
}

bool host_tree_build(void)
{
	char p[256], q[256];
	bool nodes;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/tern-cpio-XXXXXX");
	if (!mkdtemp(tmpdir))
		abort();
	path(p, sizeof(p), "bin");
	must(mkdir(p, 0755), "mkdir");
	path(p, sizeof(p), "etc");
	must(mkdir(p, 0755), "mkdir");
	path(p, sizeof(p), "run");
	must(mkdir(p, 0755), "mkdir");
	put("bin/busybox", "#!fake busybox\n", 0755);
	path(p, sizeof(p), "bin/sh");
	must(symlink("busybox", p), "symlink");
	put("bin/h1", "hard", 0640);
	path(p, sizeof(p), "bin/h1");
	path(q, sizeof(q), "bin/h2");
	must(link(p, q), "link");
	put("etc/passwd", "root:x:0:0::/:/bin/sh\n", 0600);
	path(p, sizeof(p), "etc/passwd");
	if (host_is_root())
		must(chown(p, 1234, 5678), "chown");
	path(p, sizeof(p), "run/fifo");
	must(mkfifo(p, 0620), "mkfifo");
	must(chmod(p, 0620), "chmod");	/* past the host's umask */
	path(p, sizeof(p), "run/null");
	nodes = mknod(p, S_IFCHR | 0666, makedev(1, 3)) == 0;
	if (nodes)
		must(chmod(p, 0666), "chmod");
	path(p, sizeof(p), "etc");
	must(chmod(p, 0711), "chmod");
	mtime("bin/busybox", 1000000);
	mtime("bin/sh", 1000001);
	mtime("etc/passwd", 1000002);
	mtime("run/fifo", 1000003);
	mtime("etc", 1000004);
	mtime("bin", 1000005);
	return nodes;
}

void host_tree_remove(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	must(system(cmd), "rm");
}

char *host_tree_archive(const char *format, size_t *len)
{
	char cmd[512], out[128];
	FILE *f;
	char *buf;
	long n;

	snprintf(out, sizeof(out), "%s.cpio", tmpdir);
	snprintf(cmd, sizeof(cmd),
		 "cd %s && find . | LC_ALL=C sort | cpio --quiet -o -H %s > %s",
		 tmpdir, format, out);
	must(system(cmd), "cpio");
	f = fopen(out, "rb");
	if (!f)
		abort();
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		abort();
	fclose(f);
	unlink(out);
	*len = (size_t)n;
	return buf;
}
