/*
 * SysV IPC (svipc(7)): what semaphores, message queues and shared memory
 * share.  Linux x86_64 values and layouts (asm-generic ipcbuf.h).
 */
#ifndef TERN_UAPI_IPC_H
#define TERN_UAPI_IPC_H

#include <uapi/types.h>

#define IPC_PRIVATE	0

/* The get calls' flags (with the low nine bits as the mode). */
#define IPC_CREAT	00001000
#define IPC_EXCL	00002000
#define IPC_NOWAIT	00004000

/* The ctl commands every kind has. */
#define IPC_RMID	0
#define IPC_SET		1
#define IPC_STAT	2
#define IPC_INFO	3

/* Old 32-bit callers' "new layout" flag; a native x86_64 ctl call with
 * it set is EINVAL, as on Linux. */
#define IPC_64		0x0100

struct ipc64_perm {
	s32 key;
	u32 uid;
	u32 gid;
	u32 cuid;
	u32 cgid;
	u32 mode;
	u16 seq;
	u16 __pad2;
	u64 __unused1;
	u64 __unused2;
};
_Static_assert(sizeof(struct ipc64_perm) == 48, "ipc64_perm");
_Static_assert(__builtin_offsetof(struct ipc64_perm, seq) == 24, "ipc64_perm.seq");

#endif
