/*
 * sysv_ipc.h: what the SysV IPC tests share, shaped like LTP's
 * tst_safe_sysv_ipc.h and libnewipc.h: SAFE_ wrappers, a fresh key per
 * call (LTP's GETIPCKEY), union semun, and a child that drops to nobody.
 */
#ifndef SYSV_IPC_H
#define SYSV_IPC_H

#include <pwd.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

#define IPC_RW	0600
#define SEM_RA	0600
#define MSG_RW	0600
#define SHM_RW	0600

#define SAFE_SEMGET(k, n, f) TST_SAFE_M1_(semget(k, n, f), "semget(%x, %d) failed", (int)(k), n)
#define SAFE_SEMCTL(id, n, cmd, ...) \
	TST_SAFE_M1_(semctl(id, n, cmd, ##__VA_ARGS__), "semctl(%d, %d, %d) failed", id, n, cmd)
#define SAFE_SEMOP(id, s, n) TST_SAFE_M1_(semop(id, s, n), "semop(%d) failed", id)
#define SAFE_MSGGET(k, f) TST_SAFE_M1_(msgget(k, f), "msgget(%x) failed", (int)(k))
#define SAFE_MSGCTL(id, cmd, b) TST_SAFE_M1_(msgctl(id, cmd, b), "msgctl(%d, %d) failed", id, cmd)
#define SAFE_MSGSND(id, m, sz, f) \
	TST_SAFE_M1_(msgsnd(id, m, sz, f), "msgsnd(%d, %zu) failed", id, (size_t)(sz))
#define SAFE_MSGRCV(id, m, sz, t, f) \
	TST_SAFE_M1_(msgrcv(id, m, sz, t, f), "msgrcv(%d, %zu) failed", id, (size_t)(sz))
#define SAFE_SHMGET(k, sz, f) \
	TST_SAFE_M1_(shmget(k, sz, f), "shmget(%x, %zu) failed", (int)(k), (size_t)(sz))
#define SAFE_SHMAT(id, a, f) \
	TST_SAFE_(shmat(id, a, f), tst_r_ == (void *)-1, "shmat(%d, %p) failed", id, (void *)(a))
#define SAFE_SHMDT(a) TST_SAFE_M1_(shmdt(a), "shmdt(%p) failed", (void *)(a))
#define SAFE_SHMCTL(id, cmd, b) TST_SAFE_M1_(shmctl(id, cmd, b), "shmctl(%d, %d) failed", id, cmd)

/* A key no other test of this run uses: the pid and a counter. */
static inline key_t getipckey(void)
{
	static int n;

	return (key_t)(0x4c540000 ^ ((unsigned)getpid() << 6) ^ (unsigned)++n);
}
#define GETIPCKEY() getipckey()

/* In a child: become nobody (uid and gid), or break. */
static inline void become_nobody(void)
{
	struct passwd *pw = SAFE_GETPWNAM("nobody");

	SAFE_SETGID(pw->pw_gid);
	SAFE_SETUID(pw->pw_uid);
}

/* An address where nothing is mapped (LTP's PROBE_FREE_ADDR). */
static inline void *probe_free_addr(void)
{
	void *p = SAFE_MMAP(NULL, 16 * SHMLBA, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	SAFE_MUNMAP(p, 16 * SHMLBA);
	return (void *)(((unsigned long)p + 4 * SHMLBA - 1) & ~(unsigned long)(SHMLBA - 1));
}

#endif
