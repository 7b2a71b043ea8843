/*
 * shmat01: shmat() at a NULL address (the kernel picks one), at an
 * aligned address (used as is), at an unaligned one with SHM_RND
 * (rounded down to SHMLBA), and with SHM_RDONLY (a write is SIGSEGV);
 * each time shm_nattch is 1 and a child writes or faults as expected.
 */
#include "tst_test.h"
#include "sysv_ipc.h"

#define SEG_SIZE sizeof(int)

static int shm_id = -1;
static void *null_addr, *aligned_addr, *unaligned_addr;

static struct tcase {
	void **addr;
	int flags;
	int sig;
	const char *what;
} tcases[] = {
	{ &null_addr, 0, 0, "a NULL address" },
	{ &aligned_addr, 0, 0, "an aligned address" },
	{ &unaligned_addr, SHM_RND, 0, "an unaligned address with SHM_RND" },
	{ &aligned_addr, SHM_RDONLY, SIGSEGV, "SHM_RDONLY (a write is SIGSEGV)" },
};

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	struct shmid_ds ds;
	int *p, st;
	pid_t pid;

	p = shmat(shm_id, *tc->addr, tc->flags);
	if (p == (void *)-1) {
		tst_res(TFAIL | TERRNO, "shmat() at %s", tc->what);
		return;
	}
	SAFE_SHMCTL(shm_id, IPC_STAT, &ds);
	void *want = *tc->addr ? (void *)((unsigned long)*tc->addr & ~(unsigned long)(SHMLBA - 1))
			       : (void *)p;
	if (ds.shm_nattch != 1 || ds.shm_segsz != SEG_SIZE || (void *)p != want) {
		tst_res(TFAIL, "at %p (want %p), nattch %lu, segsz %lu", (void *)p, want,
			(unsigned long)ds.shm_nattch, (unsigned long)ds.shm_segsz);
		SAFE_SHMDT(p);
		return;
	}
	pid = SAFE_FORK();
	if (!pid) {
		*p = 10;
		exit(0);
	}
	SAFE_WAITPID(pid, &st, 0);
	if (tc->sig ? WIFSIGNALED(st) && WTERMSIG(st) == tc->sig : WIFEXITED(st) && !WEXITSTATUS(st))
		tst_res(TPASS, "shmat() attached at %s", tc->what);
	else
		tst_res(TFAIL, "shmat() at %s: the child's write ended with status 0x%x", tc->what,
			st);
	SAFE_SHMDT(p);
}

static void setup(void)
{
	aligned_addr = probe_free_addr();
	unaligned_addr = (char *)aligned_addr + SHMLBA - 1;
	shm_id = SAFE_SHMGET(GETIPCKEY(), SEG_SIZE, SHM_RW | IPC_CREAT | IPC_EXCL);
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
