/*
 * semop05: a semop() that waits (a decrement below 0, a wait for zero)
 * ends with EIDRM when the set is removed and with EINTR when a signal
 * is caught.
 */
#include "tst_test.h"
#include "sysv_ipc.h"
#include "semop.h"

static int sem_id = -1;

static struct tcase {
	int val;
	short op;
	int err;
	const char *what;
} tcases[] = {
	{ 0, -1, EIDRM, "decrement, set removed" },
	{ 1, 0, EIDRM, "wait for zero, set removed" },
	{ 0, -1, EINTR, "decrement, signal" },
	{ 1, 0, EINTR, "wait for zero, signal" },
};

static void on_sig(int sig)
{
	(void)sig;
}

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	struct sembuf s = { .sem_num = 0, .sem_op = tc->op };
	pid_t pid;

	sem_id = SAFE_SEMGET(IPC_PRIVATE, 1, IPC_CREAT | SEM_RA);
	SAFE_SEMCTL(sem_id, 0, SETVAL, (union semun){ .val = tc->val });
	pid = SAFE_FORK();
	if (!pid) {
		TST_EXP_FAIL(call_semop(sem_id, &s, 1), tc->err, "semop() %s", tc->what);
		exit(0);
	}
	TST_PROCESS_STATE_WAIT(pid, 'S', 0);
	if (tc->err == EIDRM) {
		SAFE_SEMCTL(sem_id, 0, IPC_RMID);
		sem_id = -1;
	} else {
		SAFE_KILL(pid, SIGUSR1);
	}
	tst_reap_children();
	if (sem_id != -1) {
		SAFE_SEMCTL(sem_id, 0, IPC_RMID);
		sem_id = -1;
	}
}

static void setup(void)
{
	struct sigaction sa = { .sa_handler = on_sig };

	semop_info();
	SAFE_SIGACTION(SIGUSR1, &sa, NULL);
}

static void cleanup(void)
{
	if (sem_id != -1)
		semctl(sem_id, 0, IPC_RMID);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
	.setup = setup,
	.cleanup = cleanup,
	.forks_child = 1,
	.test_variants = SEMOP_VARIANTS,
};
