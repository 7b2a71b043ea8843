/*
 * semop04: IPC_NOWAIT makes what would wait EAGAIN: a decrement below 0
 * and a wait for zero on a non-zero value; the values are unchanged.
 */
#include "tst_test.h"
#include "sysv_ipc.h"
#include "semop.h"

static int sem_id = -1;

static struct tcase {
	int val;
	short op;
	const char *what;
} tcases[] = {
	{ 0, -1, "decrement of 0" },
	{ 1, -2, "decrement of 1 by 2" },
	{ 1, 0, "wait for zero on 1" },
	{ 5, 0, "wait for zero on 5" },
};

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	struct sembuf s = { .sem_num = 0, .sem_op = tc->op, .sem_flg = IPC_NOWAIT };

	SAFE_SEMCTL(sem_id, 0, SETVAL, (union semun){ .val = tc->val });
	TST_EXP_FAIL(call_semop(sem_id, &s, 1), EAGAIN, "semop(IPC_NOWAIT) %s", tc->what);
	TST_EXP_VAL(semctl(sem_id, 0, GETVAL), tc->val, "value kept");
}

static void setup(void)
{
	semop_info();
	sem_id = SAFE_SEMGET(IPC_PRIVATE, 1, IPC_CREAT | SEM_RA);
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
	.test_variants = SEMOP_VARIANTS,
};
