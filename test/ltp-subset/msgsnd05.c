/*
 * msgsnd05: a msgsnd() waiting on a full queue ends with EINTR when a
 * signal is caught, and sends nothing.
 */
#include "tst_test.h"
#include "sysv_ipc.h"
#include "msgsnd.h"

static int queue_id = -1;

static void on_sig(int sig)
{
	(void)sig;
}

static void run(void)
{
	struct full_msg m = { 2, "second" };
	struct msqid_ds ds;
	pid_t pid = SAFE_FORK();

	if (!pid) {
		TST_EXP_FAIL(msgsnd(queue_id, &m, 7, 0), EINTR, "msgsnd() interrupted");
		exit(0);
	}
	TST_PROCESS_STATE_WAIT(pid, 'S', 0);
	SAFE_KILL(pid, SIGHUP);
	tst_reap_children();
	SAFE_MSGCTL(queue_id, IPC_STAT, &ds);
	TST_EXP_EQ_LU(ds.msg_qnum, 1);
}

static void setup(void)
{
	struct sigaction sa = { .sa_handler = on_sig };

	SAFE_SIGACTION(SIGHUP, &sa, NULL);
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
