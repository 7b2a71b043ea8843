/*
 * msgsnd01: a sent message is queued: IPC_STAT shows one message of its
 * size, the sender as msg_lspid and a current msg_stime, and msgrcv()
 * returns its type and text.
 */
#include "tst_test.h"
#include "sysv_ipc.h"

static int queue_id = -1;
static struct {
	long type;
	char text[64];
} snd = { 1, "hello, queue" }, rcv;

static void run(void)
{
	struct msqid_ds ds;
	size_t len = strlen(snd.text) + 1;
	time_t before = time(NULL);

	TST_EXP_PASS(msgsnd(queue_id, &snd, len, 0), "msgsnd()");
	if (!TST_PASS)
		return;
	SAFE_MSGCTL(queue_id, IPC_STAT, &ds);
	if (ds.msg_qnum != 1 || ds.msg_cbytes != len || ds.msg_lspid != getpid() ||
	    ds.msg_stime < before || ds.msg_stime > time(NULL))
		tst_res(TFAIL, "queue after msgsnd(): qnum %lu cbytes %lu lspid %d stime %ld",
			(unsigned long)ds.msg_qnum, (unsigned long)ds.msg_cbytes,
			(int)ds.msg_lspid, (long)ds.msg_stime);
	else
		tst_res(TPASS, "queue holds the message, msg_lspid and msg_stime set");
	memset(&rcv, 0, sizeof(rcv));
	TST_EXP_VAL(msgrcv(queue_id, &rcv, sizeof(rcv.text), 0, IPC_NOWAIT), (long)len,
		    "msgrcv()");
	if (rcv.type != snd.type || strcmp(rcv.text, snd.text))
		tst_res(TFAIL, "received type %ld text '%s'", rcv.type, rcv.text);
	else
		tst_res(TPASS, "received the same type and text");
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
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
};
