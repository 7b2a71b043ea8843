/*
 * semget01: semget(IPC_CREAT | IPC_EXCL) makes a set of the asked size
 * whose creator is the caller (IPC_STAT's sem_nsems and cuid).
 */
#include "tst_test.h"
#include "sysv_ipc.h"

#define PSEMS 10

static int sem_id = -1;

static void run(void)
{
	struct semid_ds ds;

	sem_id = semget(GETIPCKEY(), PSEMS, IPC_CREAT | IPC_EXCL | SEM_RA);
	if (sem_id == -1) {
		tst_res(TFAIL | TERRNO, "semget() failed");
		return;
	}
	SAFE_SEMCTL(sem_id, 0, IPC_STAT, (union semun){ .buf = &ds });
	if (ds.sem_nsems != PSEMS)
		tst_res(TFAIL, "sem_nsems is %lu, expected %d", (unsigned long)ds.sem_nsems, PSEMS);
	else if (ds.sem_perm.cuid != geteuid())
		tst_res(TFAIL, "cuid is %u, expected %u", ds.sem_perm.cuid, geteuid());
	else
		tst_res(TPASS, "semaphore set created with %d semaphores, cuid %u", PSEMS,
			ds.sem_perm.cuid);
	SAFE_SEMCTL(sem_id, 0, IPC_RMID);
	sem_id = -1;
}

static void cleanup(void)
{
	if (sem_id != -1)
		semctl(sem_id, 0, IPC_RMID);
}

static struct tst_test test = {
	.test_all = run,
	.cleanup = cleanup,
};
