/*
 * shmat02: shmat()'s errors: EINVAL for id -1 and for a removed
 * segment's id, EINVAL for an unaligned address without SHM_RND and for
 * SHM_REMAP without an address, EACCES for nobody on a 0600 segment.
 */
#include "tst_test.h"
#include "sysv_ipc.h"

static int shm_id = -1, removed_id = -1, bad_id = -1;
static void *aligned_addr, *unaligned_addr, *null_addr;

static struct tcase {
	int *id;
	void **addr;
	int flags;
	int err;
	int as_nobody;
	const char *what;
} tcases[] = {
	{ &bad_id, &aligned_addr, 0, EINVAL, 0, "id -1" },
	{ &removed_id, &aligned_addr, 0, EINVAL, 0, "a removed segment" },
	{ &shm_id, &unaligned_addr, 0, EINVAL, 0, "an unaligned address" },
	{ &shm_id, &null_addr, SHM_REMAP, EINVAL, 0, "SHM_REMAP and no address" },
	{ &shm_id, &aligned_addr, 0, EACCES, 1, "nobody" },
	{ &shm_id, &null_addr, SHM_RDONLY, EACCES, 1, "nobody, SHM_RDONLY" },
};

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	void *p;

	if (tc->as_nobody && SAFE_FORK()) {
		tst_reap_children();
		return;
	}
	if (tc->as_nobody)
		become_nobody();
	errno = 0;
	p = shmat(*tc->id, *tc->addr, tc->flags);
	if (p != (void *)-1)
		tst_res(TFAIL, "shmat() with %s succeeded", tc->what);
	else if (errno != tc->err)
		tst_res(TFAIL | TERRNO, "shmat() with %s: expected %s", tc->what,
			tst_strerrno(tc->err));
	else
		tst_res(TPASS | TERRNO, "shmat() with %s", tc->what);
	if (tc->as_nobody)
		exit(0);
}

static void setup(void)
{
	aligned_addr = probe_free_addr();
	unaligned_addr = (char *)aligned_addr + SHMLBA - 1;
	shm_id = SAFE_SHMGET(GETIPCKEY(), SHMLBA, SHM_RW | IPC_CREAT | IPC_EXCL);
	removed_id = SAFE_SHMGET(GETIPCKEY(), SHMLBA, SHM_RW | IPC_CREAT | IPC_EXCL);
	SAFE_SHMCTL(removed_id, IPC_RMID, NULL);
}

static void cleanup(void)
{
	if (shm_id != -1)
		shmctl(shm_id, IPC_RMID, NULL);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
	.setup = setup,
	.cleanup = cleanup,
	.needs_root = 1,
	.forks_child = 1,
};
