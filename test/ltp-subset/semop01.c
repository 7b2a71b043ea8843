/*
 * semop01: one semop() call applies an operation to every semaphore of
 * a set (here +1 each, then -1 each): GETALL shows the values, and
 * GETPID the caller.
 */
#include "tst_test.h"
#include "sysv_ipc.h"
#include "semop.h"

#define NSEMS 10

static int sem_id = -1;

static void run(void)
{
	struct sembuf sops[NSEMS];
	unsigned short vals[NSEMS];
	int i, bad = 0;

	for (i = 0; i < NSEMS; i++)
		sops[i] = (struct sembuf){ .sem_num = i, .sem_op = (short)(i + 1) };
	TEST(call_semop(sem_id, sops, NSEMS));
	if (TST_RET) {
		tst_res(TFAIL | TTERRNO, "semop() failed");
		return;
	}
	SAFE_SEMCTL(sem_id, 0, GETALL, (union semun){ .array = vals });
	for (i = 0; i < NSEMS; i++)
		bad |= vals[i] != i + 1;
	if (bad || semctl(sem_id, NSEMS - 1, GETPID) != getpid())
		tst_res(TFAIL, "values or pid wrong after semop()");
	else
		tst_res(TPASS, "semop() added 1..%d to the %d semaphores", NSEMS, NSEMS);
	for (i = 0; i < NSEMS; i++)
		sops[i].sem_op = (short)-sops[i].sem_op;
	TST_EXP_PASS(call_semop(sem_id, sops, NSEMS), "semop() taking them back");
	SAFE_SEMCTL(sem_id, 0, GETALL, (union semun){ .array = vals });
	for (i = 0; i < NSEMS; i++)
		bad |= vals[i] != 0;
	if (bad)
		tst_res(TFAIL, "values not 0 after taking them back");
}

static void setup(void)
{
	semop_info();
	sem_id = SAFE_SEMGET(IPC_PRIVATE, NSEMS, IPC_CREAT | SEM_RA);
}

static void cleanup(void)
{
	if (sem_id != -1)
		semctl(sem_id, 0, IPC_RMID);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.test_variants = SEMOP_VARIANTS,
};
