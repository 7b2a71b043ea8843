/*
 * semget04: EINVAL for a bad number of semaphores: negative, past
 * SEMMSL (/proc/sys/kernel/sem's first value), 0 for a new set, and
 * more than an existing set has.
 */
#include "tst_test.h"
#include "sysv_ipc.h"

static key_t key;
static int sem_id = -1, semmsl;

static void run(void)
{
	TST_EXP_FAIL(semget(IPC_PRIVATE, -1, IPC_CREAT | SEM_RA), EINVAL, "nsems -1");
	TST_EXP_FAIL(semget(IPC_PRIVATE, semmsl + 1, IPC_CREAT | SEM_RA), EINVAL,
		     "nsems SEMMSL + 1 (%d)", semmsl + 1);
	TST_EXP_FAIL(semget(IPC_PRIVATE, 0, IPC_CREAT | SEM_RA), EINVAL, "nsems 0 for a new set");
	TST_EXP_FAIL(semget(key, 4, SEM_RA), EINVAL, "nsems 4 for a set of 3");
	TST_EXP_VAL(semget(key, 0, SEM_RA), sem_id, "nsems 0 for an existing set");
}

static void setup(void)
{
	FILE *f = fopen("/proc/sys/kernel/sem", "r");

	if (!f || fscanf(f, "%d", &semmsl) != 1)
		tst_brk(TBROK | TERRNO, "reading /proc/sys/kernel/sem");
	fclose(f);
	key = GETIPCKEY();
	sem_id = SAFE_SEMGET(key, 3, IPC_CREAT | IPC_EXCL | SEM_RA);
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
};
