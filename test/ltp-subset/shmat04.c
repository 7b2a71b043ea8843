/*
 * shmat04: mprotect() that splits an attachment and changes it back
 * (PROT_NONE on the middle page, then PROT_WRITE over two pages) must
 * not leak an attach count: after shmdt() shm_nattch is 0.
 */
#include "tst_test.h"
#include "sysv_ipc.h"

static int shm_id = -1;
static long page_size;

static void run(void)
{
	struct shmid_ds ds;
	char *p;

	shm_id = SAFE_SHMGET(GETIPCKEY(), 3 * page_size, IPC_CREAT | IPC_EXCL | 0600);
	p = SAFE_SHMAT(shm_id, NULL, 0);
	SAFE_SHMCTL(shm_id, IPC_STAT, &ds);
	tst_res(TINFO, "attached at %p, nattch %lu", (void *)p, (unsigned long)ds.shm_nattch);
	SAFE_MPROTECT(p + page_size, page_size, PROT_NONE);
	SAFE_MPROTECT(p, 2 * page_size, PROT_WRITE);
	SAFE_SHMCTL(shm_id, IPC_STAT, &ds);
	tst_res(TINFO, "nattch %lu after mprotect()", (unsigned long)ds.shm_nattch);
	SAFE_SHMDT(p);
	SAFE_SHMCTL(shm_id, IPC_STAT, &ds);
	SAFE_SHMCTL(shm_id, IPC_RMID, NULL);
	shm_id = -1;
	TST_EXP_EQ_LU(ds.shm_nattch, 0);
}

static void setup(void)
{
	page_size = getpagesize();
}

static void cleanup(void)
{
	if (shm_id != -1)
		shmctl(shm_id, IPC_RMID, NULL);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.tags = (const struct tst_tag[]) {
		{ "linux-git", "fc0c8f9089c2" },
		{}
	},
};
