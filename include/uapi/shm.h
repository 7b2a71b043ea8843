/* SysV shared memory (shmget(2), shmat(2), shmdt(2), shmctl(2)):
 * Linux x86_64. */
#ifndef TERN_UAPI_SHM_H
#define TERN_UAPI_SHM_H

#include <uapi/ipc.h>

/* shmget flags beyond IPC_* */
#define SHM_HUGETLB	04000
#define SHM_NORESERVE	010000

/* shmat flags */
#define SHM_RDONLY	010000		/* read-only access */
#define SHM_RND		020000		/* round the address down to SHMLBA */
#define SHM_REMAP	040000		/* take over the range */
#define SHM_EXEC	0100000		/* execution access */

/* shmctl commands */
#define SHM_LOCK	11
#define SHM_UNLOCK	12
#define SHM_STAT	13
#define SHM_INFO	14
#define SHM_STAT_ANY	15

/* shm_perm.mode bits the kernel keeps */
#define SHM_DEST	01000		/* destroyed at the last detach; tern-only (not in Linux's user headers) */
#define SHM_LOCKED	02000		/* tern-only */

#define SHMLBA		4096		/* x86: the page size; tern-only (asm/shmparam.h is not a user header) */

/* Linux's limits (include/uapi/linux/shm.h) */
#define SHMMIN		1
#define SHMMNI		4096
#define SHMMAX		(~0ul - (1ul << 24))
#define SHMALL		(~0ul - (1ul << 24))
#define SHMSEG		SHMMNI

struct shmid64_ds {
	struct ipc64_perm shm_perm;
	u64 shm_segsz;
	s64 shm_atime;
	s64 shm_dtime;
	s64 shm_ctime;
	s32 shm_cpid;
	s32 shm_lpid;
	u64 shm_nattch;
	u64 __unused4;
	u64 __unused5;
};
_Static_assert(sizeof(struct shmid64_ds) == 112, "shmid64_ds");
_Static_assert(__builtin_offsetof(struct shmid64_ds, shm_nattch) == 88, "shm_nattch");

struct shminfo64 {
	u64 shmmax;
	u64 shmmin;
	u64 shmmni;
	u64 shmseg;
	u64 shmall;
	u64 __unused1;
	u64 __unused2;
	u64 __unused3;
	u64 __unused4;
};
_Static_assert(sizeof(struct shminfo64) == 72, "shminfo64");

struct shm_info {
	s32 used_ids;
	u64 shm_tot;
	u64 shm_rss;
	u64 shm_swp;
	u64 swap_attempts;
	u64 swap_successes;
};
_Static_assert(sizeof(struct shm_info) == 48, "shm_info");

#endif
