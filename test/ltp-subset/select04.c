/*
 * select04: select() clears the bits of descriptors that are not ready:
 * with a zero timeout, the read end of an empty pipe (in the read set)
 * and the write end of a full pipe (in the write set) give 0 and leave
 * both sets empty, for every variant (select_var.h).
 */
#include "tst_test.h"
#include "select_var.h"

static int empty[2] = { -1, -1 }, full[2] = { -1, -1 };

static void run(unsigned int n)
{
	struct timeval tv = { 0, 0 };
	fd_set r, w;
	int fd = n == 0 ? empty[0] : full[1];

	FD_ZERO(&r);
	FD_ZERO(&w);
	if (n == 0)
		FD_SET(fd, &r);
	else
		FD_SET(fd, &w);
	TEST(do_select(fd + 1, &r, &w, NULL, &tv));
	if (TST_RET != 0)
		tst_res(TFAIL | TTERRNO, "select() on %s returned %ld, expected 0",
			n == 0 ? "an empty pipe" : "a full pipe", TST_RET);
	else if (FD_ISSET(fd, &r) || FD_ISSET(fd, &w))
		tst_res(TFAIL, "select() on %s left its bit set",
			n == 0 ? "an empty pipe" : "a full pipe");
	else
		tst_res(TPASS, "select() cleared the bit of %s",
			n == 0 ? "an empty pipe's read end" : "a full pipe's write end");
}

static void setup(void)
{
	char buf[4096];

	select_info();
	memset(buf, 'a', sizeof(buf));
	SAFE_PIPE(empty);
	SAFE_PIPE2(full, O_NONBLOCK);
	while (write(full[1], buf, sizeof(buf)) > 0)
		;
	if (errno != EAGAIN)
		tst_brk(TBROK | TERRNO, "filling the pipe");
	/* A full pipe may still take small writes: fill it to the byte. */
	while (write(full[1], buf, 1) > 0)
		;
}

static void cleanup(void)
{
	int i;

	for (i = 0; i < 2; i++) {
		if (empty[i] >= 0)
			close(empty[i]);
		if (full[i] >= 0)
			close(full[i]);
	}
}

static struct tst_test test = {
	.test = run,
	.tcnt = 2,
	.setup = setup,
	.cleanup = cleanup,
	.test_variants = TEST_VARIANTS,
};
