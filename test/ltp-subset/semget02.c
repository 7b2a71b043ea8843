/*
 * semget02: EACCES for a caller (nobody) without the access its flags
 * ask of an existing set, EEXIST for IPC_CREAT | IPC_EXCL on a key in
 * use.
 */
#include "tst_test.h"
#include "sysv_ipc.h"

#define PSEMS 10

static key_t key;
static int sem_id = -1;

static void run(void)
{
	if (!SAFE_FORK()) {
		become_nobody();
		TST_EXP_FAIL(semget(key, PSEMS, SEM_RA), EACCES, "semget() as nobody");
		TST_EXP_FAIL(semget(key, PSEMS, 0400), EACCES, "semget(0400) as nobody");
		exit(0);
	}
	tst_reap_children();
	TST_EXP_FAIL(semget(key, PSEMS, IPC_CREAT | IPC_EXCL), EEXIST,
		     "semget(IPC_CREAT | IPC_EXCL) on a key in use");
	TST_EXP_FAIL(semget(key, PSEMS, IPC_CREAT | IPC_EXCL | SEM_RA), EEXIST,
		     "semget(IPC_CREAT | IPC_EXCL | 0600) on a key in use");
}

static void setup(void)
{
	key = GETIPCKEY();
	sem_id = SAFE_SEMGET(key, PSEMS, IPC_CREAT | IPC_EXCL);	/* no permissions */
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
	.needs_root = 1,
	.forks_child = 1,
};
