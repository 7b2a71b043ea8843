/*
 * semop03: EFBIG for a sem_num at or past the set's size, including the
 * largest (sem_num is unsigned short: -1 is 65535).
 */
#include "tst_test.h"
#include "sysv_ipc.h"
#include "semop.h"

#define NSEMS 10

static int sem_id = -1;
static unsigned short nums[] = { NSEMS, NSEMS + 1, 65535 };

static void run(unsigned int n)
{
	struct sembuf s = { .sem_num = nums[n], .sem_op = 1 };

	TST_EXP_FAIL(call_semop(sem_id, &s, 1), EFBIG, "semop() on semaphore %u of %d",
		     nums[n], NSEMS);
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
	.test = run,
	.tcnt = ARRAY_SIZE(nums),
	.setup = setup,
	.cleanup = cleanup,
	.test_variants = SEMOP_VARIANTS,
};
