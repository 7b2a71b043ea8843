/*
 * msgsnd02: msgsnd()'s errors: EACCES (nobody on a 0600 queue), EFAULT
 * (bad buffer), EINVAL (a bad queue id, type 0, a negative type, a
 * negative size).
 */
#include "tst_test.h"
#include "sysv_ipc.h"

#define MSGSIZE 16

static int queue_id = -1, bad_id = -1;
static struct buf {
	long type;
	char text[MSGSIZE];
} bufs[] = { { 1, "hello" }, { 0, "hello" }, { -1, "hello" } };

static struct tcase {
	int *id;
	struct buf *buf;
	long size;
	int err;
	int as_nobody;
	const char *what;
} tcases[] = {
	{ &queue_id, &bufs[0], MSGSIZE, EACCES, 1, "as nobody" },
	{ &queue_id, NULL, MSGSIZE, EFAULT, 0, "a NULL buffer" },
	{ &bad_id, &bufs[0], MSGSIZE, EINVAL, 0, "queue id -1" },
	{ &queue_id, &bufs[1], MSGSIZE, EINVAL, 0, "type 0" },
	{ &queue_id, &bufs[2], MSGSIZE, EINVAL, 0, "type -1" },
	{ &queue_id, &bufs[0], -1, EINVAL, 0, "size -1" },
};

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];

	if (tc->as_nobody && SAFE_FORK()) {
		tst_reap_children();
		return;
	}
	if (tc->as_nobody)
		become_nobody();
	TST_EXP_FAIL(msgsnd(*tc->id, tc->buf, (size_t)tc->size, 0), tc->err, "msgsnd() with %s",
		     tc->what);
	if (tc->as_nobody)
		exit(0);
}

static void setup(void)
{
	queue_id = SAFE_MSGGET(GETIPCKEY(), IPC_CREAT | IPC_EXCL | MSG_RW);
}

static void cleanup(void)
{
	if (queue_id != -1)
		msgctl(queue_id, IPC_RMID, NULL);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
	.setup = setup,
	.cleanup = cleanup,
	.needs_root = 1,
	.forks_child = 1,
};
