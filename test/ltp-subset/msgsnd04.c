/*
 * msgsnd04: a msgsnd() on a full queue waits until a receiver makes
 * room, then queues its message.
 */
#include "tst_test.h"
#include "sysv_ipc.h"
#include "msgsnd.h"

static int queue_id = -1;

static void run(void)
{
	struct full_msg m = { 2, "second" }, r;
	pid_t pid = SAFE_FORK();

	if (!pid) {
		TST_EXP_PASS(msgsnd(queue_id, &m, 7, 0), "msgsnd() that waited for room");
		exit(0);
	}
	TST_PROCESS_STATE_WAIT(pid, 'S', 0);
	SAFE_MSGRCV(queue_id, &r, FULL_SIZE, 1, 0);
	tst_reap_children();
	TST_EXP_VAL(msgrcv(queue_id, &r, FULL_SIZE, 2, IPC_NOWAIT), 7, "the waiter's message");
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
	.forks_child = 1,
};
