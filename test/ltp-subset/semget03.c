/*
 * semget03: ENOENT for a key with no set and no IPC_CREAT, also after
 * the key's set was removed.
 */
#include "tst_test.h"
#include "sysv_ipc.h"

static void run(void)
{
	key_t key = GETIPCKEY();

	TST_EXP_FAIL(semget(key, 1, SEM_RA), ENOENT, "semget() of an unused key");
	int id = SAFE_SEMGET(key, 1, IPC_CREAT | IPC_EXCL | SEM_RA);
	SAFE_SEMCTL(id, 0, IPC_RMID);
	TST_EXP_FAIL(semget(key, 1, SEM_RA), ENOENT, "semget() of a removed set's key");
}

static struct tst_test test = {
	.test_all = run,
};
