/*
 * shmat03: CVE-2017-5669: an address below SHMLBA rounded down by
 * SHM_RND is 0, and SHM_REMAP there is EINVAL: shmat() must not map the
 * zero page, for root or for nobody.
 */
#include "tst_test.h"
#include "sysv_ipc.h"

static int shm_id = -1;

static void try_zero(const char *who)
{
	void *p = shmat(shm_id, (void *)1, SHM_RND | SHM_REMAP);

	if (p != (void *)-1) {
		tst_res(TFAIL, "shmat(1, SHM_RND | SHM_REMAP) as %s mapped %p", who, p);
		shmdt(p);
	} else if (errno != EINVAL) {
		tst_res(TFAIL | TERRNO, "shmat(1, SHM_RND | SHM_REMAP) as %s: expected EINVAL", who);
	} else {
		tst_res(TPASS | TERRNO, "shmat(1, SHM_RND | SHM_REMAP) as %s", who);
	}
}

static void run(void)
{
	try_zero("root");
	if (!SAFE_FORK()) {
		become_nobody();
		try_zero("nobody");
		exit(0);
	}
	tst_reap_children();
}

static void setup(void)
{
	shm_id = SAFE_SHMGET(IPC_PRIVATE, SHMLBA, 0666 | IPC_CREAT);
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
	.needs_root = 1,
	.forks_child = 1,
	.tags = (const struct tst_tag[]) {
		{ "linux-git", "95e91b831f87" },
		{ "CVE", "2017-5669" },
		{}
	},
};
