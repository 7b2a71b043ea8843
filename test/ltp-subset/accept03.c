/*
 * accept03: accept(2) on every kind of descriptor that is not a socket
 * fails with ENOTSOCK; on a descriptor with no open file behind it (an
 * O_PATH file, an open_tree(2) mount) with EBADF.  The kinds are LTP's
 * TST_FD_FOREACH list: fd_kinds.h's (shared with the epoll tests) and
 * the rarer ones below.  A kind the kernel cannot make is TCONF and
 * skipped, as LTP does.
 */
#include "tst_test.h"
#include "fd_kinds.h"
#include <linux/bpf.h>
#include <linux/io_uring.h>
#include <linux/perf_event.h>

#ifndef __NR_memfd_secret
#define __NR_memfd_secret 447
#endif

/* The kinds fd_kinds.h leaves out; -2 past the last, -1 when unsupported. */
static int extra_kind_open(int kind, const char **desc, int *err)
{
	struct perf_event_attr pe;
	struct io_uring_params up;
	union bpf_attr ba;

	*err = ENOTSOCK;
	switch (kind) {
	case 0: *desc = "fanotify";
		return syscall(__NR_fanotify_init, 0, O_RDONLY);
	case 1: *desc = "userfaultfd";
		return syscall(__NR_userfaultfd, 0);
	case 2: *desc = "perf event";
		memset(&pe, 0, sizeof(pe));
		pe.type = PERF_TYPE_SOFTWARE;
		pe.size = sizeof(pe);
		pe.config = PERF_COUNT_SW_CPU_CLOCK;
		pe.disabled = 1;
		pe.exclude_kernel = 1;
		pe.exclude_hv = 1;
		return syscall(__NR_perf_event_open, &pe, 0, -1, -1, 0);
	case 3: *desc = "io_uring";
		memset(&up, 0, sizeof(up));
		return syscall(__NR_io_uring_setup, 1, &up);
	case 4: *desc = "bpf map";
		memset(&ba, 0, sizeof(ba));
		ba.map_type = BPF_MAP_TYPE_ARRAY;
		ba.key_size = 4;
		ba.value_size = 8;
		ba.max_entries = 1;
		return syscall(__NR_bpf, BPF_MAP_CREATE, &ba, sizeof(ba));
	case 5: *desc = "fsopen";
		return syscall(__NR_fsopen, "tmpfs", 0);
	case 6: *desc = "fspick";
		return syscall(__NR_fspick, AT_FDCWD, "/", 0);
	case 7: *desc = "open_tree"; *err = EBADF;
		return syscall(__NR_open_tree, AT_FDCWD, "/", 0);
	case 8: *desc = "memfd secret";
		return syscall(__NR_memfd_secret, 0);
	}
	return -2;
}

static void check_accept(int fd, const char *desc, int experr)
{
	struct sockaddr_in addr = { .sin_family = AF_INET };
	socklen_t size = sizeof(addr);

	if (fd == -1) {
		tst_res(TCONF | TERRNO, "Skipping %s", desc);
		return;
	}
	TST_EXP_FAIL2(accept(fd, (struct sockaddr *)&addr, &size), experr,
		      "accept() on %s", desc);
	SAFE_CLOSE(fd);
}

static void run(void)
{
	const char *desc;
	int kind, fd, err;

	for (kind = 0; (fd = fd_kind_open(kind, &desc, &err)) != -2; kind++) {
		if (fd >= 0 && (!strcmp(desc, "unix socket") || !strcmp(desc, "inet socket"))) {
			SAFE_CLOSE(fd);
			continue;
		}
		check_accept(fd, desc, !strcmp(desc, "O_PATH file") ? EBADF : ENOTSOCK);
	}
	for (kind = 0; (fd = extra_kind_open(kind, &desc, &err)) != -2; kind++)
		check_accept(fd, desc, err);
}

static struct tst_test test = {
	.test_all = run,
	.needs_tmpdir = 1,
};
