/*
 * semget05: ENOSPC once SEMMNI sets exist: the limit is lowered through
 * /proc/sys/kernel/sem to a few sets more than exist (and restored),
 * the sets are made, and one more is ENOSPC.
 */
#include "tst_test.h"
#include "sysv_ipc.h"

#define MORE 8

static int ids[MORE + 1], nids;
static int saved[4] = { -1 };

/* 0, or -1 with errno. */
static int write_sem(const int *v)
{
	char buf[80];
	int fd = open("/proc/sys/kernel/sem", O_WRONLY);
	int n = snprintf(buf, sizeof(buf), "%d %d %d %d", v[0], v[1], v[2], v[3]);
	int ok;

	if (fd < 0)
		return -1;
	ok = write(fd, buf, (size_t)n) == n;
	close(fd);
	return ok ? 0 : -1;
}

static void run(void)
{
	struct seminfo si;
	int lim[4];

	SAFE_SEMCTL(0, 0, SEM_INFO, (union semun){ .__buf = &si });
	memcpy(lim, saved, sizeof(lim));
	lim[3] = si.semusz + MORE;
	if (write_sem(lim))
		tst_brk(TBROK | TERRNO, "writing /proc/sys/kernel/sem");
	for (nids = 0; nids < MORE; nids++)
		ids[nids] = SAFE_SEMGET(IPC_PRIVATE, 1, IPC_CREAT | SEM_RA);
	TST_EXP_FAIL(semget(IPC_PRIVATE, 1, IPC_CREAT | SEM_RA), ENOSPC,
		     "semget() past SEMMNI %d", lim[3]);
	while (nids > 0)
		SAFE_SEMCTL(ids[--nids], 0, IPC_RMID);
	if (write_sem(saved))
		tst_brk(TBROK | TERRNO, "restoring /proc/sys/kernel/sem");
}

static void setup(void)
{
	FILE *f = fopen("/proc/sys/kernel/sem", "r");

	if (!f || fscanf(f, "%d %d %d %d", &saved[0], &saved[1], &saved[2], &saved[3]) != 4)
		tst_brk(TBROK | TERRNO, "reading /proc/sys/kernel/sem");
	fclose(f);
}

static void cleanup(void)
{
	while (nids > 0)
		semctl(ids[--nids], 0, IPC_RMID);
	if (saved[0] != -1 && write_sem(saved))
		tst_res(TWARN | TERRNO, "restoring /proc/sys/kernel/sem");
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.needs_root = 1,
};
