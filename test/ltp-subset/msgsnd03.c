/*
 * msgsnd03: EAGAIN for msgsnd(IPC_NOWAIT) on a full queue, whether the
 * message is too big for the room left or the queue's message count is
 * at its limit; the queue is unchanged.
 */
#include "tst_test.h"
#include "sysv_ipc.h"
#include "msgsnd.h"

static int queue_id = -1;

static void run(void)
{
	struct full_msg m = { 2, "x" };
	struct msqid_ds ds;

	TST_EXP_FAIL(msgsnd(queue_id, &m, 1, IPC_NOWAIT), EAGAIN, "msgsnd(IPC_NOWAIT) of 1 byte");
	SAFE_MSGCTL(queue_id, IPC_STAT, &ds);
	TST_EXP_EQ_LU(ds.msg_qnum, 1);
	TST_EXP_EQ_LU(ds.msg_cbytes, FULL_SIZE);
	/* msg_qbytes also bounds the number of messages: 1 here. */
	int one = SAFE_MSGGET(IPC_PRIVATE, IPC_CREAT | MSG_RW);
	SAFE_MSGCTL(one, IPC_STAT, &ds);
	ds.msg_qbytes = 1;
	SAFE_MSGCTL(one, IPC_SET, &ds);
	SAFE_MSGSND(one, &m, 0, 0);
	TST_EXP_FAIL(msgsnd(one, &m, 0, IPC_NOWAIT), EAGAIN,
		     "msgsnd(IPC_NOWAIT) of 0 bytes past the message count");
	SAFE_MSGCTL(one, IPC_RMID, NULL);
}

static void setup(void)
{
	queue_id = make_full_queue();
}

static void cleanup(void)
{
	if (queue_id != -1)
		msgctl(queue_id, IPC_RMID, NULL);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
};
