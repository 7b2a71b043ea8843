/*
 * fcntl37: F_SETPIPE_SZ errors, without CAP_SYS_RESOURCE: EINVAL for a
 * size past 1 << 31; EBUSY for a size below what the (full) pipe holds;
 * EPERM for a size over /proc/sys/fs/pipe-max-size.
 */
#include <linux/capability.h>
#include "tst_test.h"

#define PIPE_MAX	"/proc/sys/fs/pipe-max-size"

static int fds[2] = { -1, -1 };
static unsigned int invalid_value, half_value, sys_value;

static const struct tcase {
	unsigned int *size;
	int err;
	const char *desc;
} tcases[] = {
	{ &invalid_value, EINVAL, "size beyond 1 << 31" },
	{ &half_value, EBUSY, "size below the data in the pipe" },
	{ &sys_value, EPERM, "size over pipe-max-size, unprivileged" },
};

static void run(unsigned int n)
{
	const struct tcase *tc = &tcases[n];

	TST_EXP_FAIL(fcntl(fds[1], F_SETPIPE_SZ, *tc->size), tc->err,
		     "F_SETPIPE_SZ %u: %s", *tc->size, tc->desc);
}

/* Drops CAP_SYS_RESOURCE from the effective and permitted sets. */
static void drop_sys_resource(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		tst_brk(TBROK | TERRNO, "capget");
	data[0].effective &= ~(1U << CAP_SYS_RESOURCE);
	data[0].permitted &= ~(1U << CAP_SYS_RESOURCE);
	if (syscall(SYS_capset, &hdr, data))
		tst_brk(TBROK | TERRNO, "capset");
}

static void setup(void)
{
	unsigned int size;
	char *buf;

	SAFE_PIPE(fds);
	TEST(fcntl(fds[1], F_GETPIPE_SZ));
	if (TST_RET == -1 && TST_ERR == EINVAL)
		tst_brk(TCONF, "no F_GETPIPE_SZ/F_SETPIPE_SZ");
	size = TST_RET;
	buf = SAFE_MALLOC(size);
	memset(buf, 'x', size);
	SAFE_WRITE(SAFE_WRITE_ALL, fds[1], buf, size);
	free(buf);
	SAFE_FILE_SCANF(PIPE_MAX, "%u", &sys_value);
	sys_value++;
	half_value = size / 2;
	invalid_value = (1U << 31) + 1;
	drop_sys_resource();
}

static void cleanup(void)
{
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
}

static struct tst_test test = {
	.tcnt = ARRAY_SIZE(tcases),
	.test = run,
	.setup = setup,
	.cleanup = cleanup,
};
