/*
 * msgsnd06: a msgsnd() waiting on a full queue ends with EIDRM when the
 * queue is removed.
 */
#include "tst_test.h"
#include "sysv_ipc.h"
#include "msgsnd.h"

static int queue_id = -1;

static void run(void)
{
	struct full_msg m = { 2, "second" };
	pid_t pid;

	queue_id = make_full_queue();
	pid = SAFE_FORK();
	if (!pid) {
		TST_EXP_FAIL(msgsnd(queue_id, &m, 7, 0), EIDRM, "msgsnd() on a removed queue");
		exit(0);
	}
	TST_PROCESS_STATE_WAIT(pid, 'S', 0);
	SAFE_MSGCTL(queue_id, IPC_RMID, NULL);
	queue_id = -1;
	tst_reap_children();
}

static void cleanup(void)
{
	if (queue_id != -1)
		msgctl(queue_id, IPC_RMID, NULL);
}

static struct tst_test test = {
	.test_all = run,
	.cleanup = cleanup,
	.forks_child = 1,
};
