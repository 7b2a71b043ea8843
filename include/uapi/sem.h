/* SysV semaphores (semget(2), semop(2), semctl(2)): Linux x86_64. */
#ifndef TERN_UAPI_SEM_H
#define TERN_UAPI_SEM_H

#include <uapi/ipc.h>

/* sembuf.sem_flg (with IPC_NOWAIT) */
#define SEM_UNDO	0x1000

/* semctl commands */
#define GETPID		11
#define GETVAL		12
#define GETALL		13
#define GETNCNT		14
#define GETZCNT		15
#define SETVAL		16
#define SETALL		17
#define SEM_STAT	18
#define SEM_INFO	19
#define SEM_STAT_ANY	20

/* Linux's limits (include/uapi/linux/sem.h) */
#define SEMMNI		32000		/* sets */
#define SEMMSL		32000		/* semaphores per set */
#define SEMMNS		(SEMMNI * SEMMSL)	/* semaphores in all */
#define SEMOPM		500		/* operations per semop call */
#define SEMVMX		32767		/* largest value */
#define SEMAEM		SEMVMX		/* largest adjust-on-exit value */
#define SEMUME		SEMOPM
#define SEMMNU		SEMMNS
#define SEMMAP		SEMMNS
#define SEMUSZ		20

struct sembuf {
	u16 sem_num;
	s16 sem_op;
	s16 sem_flg;
};
_Static_assert(sizeof(struct sembuf) == 6, "sembuf");

struct semid64_ds {
	struct ipc64_perm sem_perm;
	s64 sem_otime;
	u64 __unused1;
	s64 sem_ctime;
	u64 __unused2;
	u64 sem_nsems;
	u64 __unused3;
	u64 __unused4;
};
_Static_assert(sizeof(struct semid64_ds) == 104, "semid64_ds");
_Static_assert(__builtin_offsetof(struct semid64_ds, sem_nsems) == 80, "sem_nsems");

struct seminfo {
	s32 semmap;
	s32 semmni;
	s32 semmns;
	s32 semmnu;
	s32 semmsl;
	s32 semopm;
	s32 semume;
	s32 semusz;
	s32 semvmx;
	s32 semaem;
};
_Static_assert(sizeof(struct seminfo) == 40, "seminfo");

#endif
