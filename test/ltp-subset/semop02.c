/*
 * semop02: semop()'s errors: E2BIG (more than SEMOPM operations), EACCES
 * (nobody on a 0600 set), EFAULT (bad sops), EINVAL (no operations, a bad
 * or removed id), EFBIG (sem_num past the set), ERANGE (past SEMVMX).
 */
#include "tst_test.h"
#include "sysv_ipc.h"
#include "semop.h"

#define NSEMS 4

static int sem_id = -1, removed_id = -1, bad_id = -1;
static struct sembuf one[1] = { { 0, 1, 0 } };
static struct sembuf big_num[1] = { { NSEMS, 1, 0 } };
static struct sembuf too_high[1] = { { 1, 32767, 0 } };
static struct sembuf many[501];
static struct sembuf *bad_sops;

static struct tcase {
	int *id;
	struct sembuf **sops;
	struct sembuf *arr;
	size_t n;
	int err;
	const char *what;
} tcases[] = {
	{ &sem_id, NULL, many, 501, E2BIG, "501 operations" },
	{ &sem_id, &bad_sops, NULL, 1, EFAULT, "bad sops" },
	{ &sem_id, NULL, one, 0, EINVAL, "no operations" },
	{ &bad_id, NULL, one, 1, EINVAL, "id -1" },
	{ &removed_id, NULL, one, 1, EINVAL, "a removed set" },
	{ &sem_id, NULL, big_num, 1, EFBIG, "sem_num past the set" },
	{ &sem_id, NULL, too_high, 1, ERANGE, "a value past SEMVMX" },
};

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	struct sembuf *s = tc->sops ? *tc->sops : tc->arr;

	TST_EXP_FAIL(call_semop(*tc->id, s, tc->n), tc->err, "semop() with %s", tc->what);
	if (n == 0 && !SAFE_FORK()) {
		become_nobody();
		TST_EXP_FAIL(call_semop(sem_id, one, 1), EACCES, "semop() as nobody");
		exit(0);
	}
	tst_reap_children();
}

static void setup(void)
{
	semop_info();
	sem_id = SAFE_SEMGET(IPC_PRIVATE, NSEMS, IPC_CREAT | SEM_RA);
	removed_id = SAFE_SEMGET(IPC_PRIVATE, NSEMS, IPC_CREAT | SEM_RA);
	SAFE_SEMCTL(removed_id, 0, IPC_RMID);
	SAFE_SEMCTL(sem_id, 1, SETVAL, (union semun){ .val = 1 });
	bad_sops = tst_get_bad_addr(NULL);
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
	.needs_root = 1,
	.forks_child = 1,
	.test_variants = SEMOP_VARIANTS,
};
