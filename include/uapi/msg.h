/* SysV message queues (msgget(2), msgsnd(2), msgrcv(2), msgctl(2)):
 * Linux x86_64. */
#ifndef TERN_UAPI_MSG_H
#define TERN_UAPI_MSG_H

#include <uapi/ipc.h>

/* msgctl commands */
#define MSG_STAT	11
#define MSG_INFO	12
#define MSG_STAT_ANY	13

/* msgrcv flags */
#define MSG_NOERROR	010000		/* truncate a too-long message */
#define MSG_EXCEPT	020000		/* the first message not of msgtyp */
#define MSG_COPY	040000		/* copy message number msgtyp, keep it */

/* Linux's limits (include/uapi/linux/msg.h) */
#define MSGMNI		32000		/* queues */
#define MSGMAX		8192		/* bytes in one message */
#define MSGMNB		16384		/* bytes in one queue (default) */
#define MSGPOOL		(MSGMNI * MSGMNB / 1024)
#define MSGTQL		MSGMNB
#define MSGMAP		MSGMNB
#define MSGSSZ		16
#define MSGSEG		0xffff

struct msqid64_ds {
	struct ipc64_perm msg_perm;
	s64 msg_stime;
	s64 msg_rtime;
	s64 msg_ctime;
	u64 msg_cbytes;
	u64 msg_qnum;
	u64 msg_qbytes;
	s32 msg_lspid;
	s32 msg_lrpid;
	u64 __unused4;
	u64 __unused5;
};
_Static_assert(sizeof(struct msqid64_ds) == 120, "msqid64_ds");
_Static_assert(__builtin_offsetof(struct msqid64_ds, msg_lspid) == 96, "msg_lspid");

struct msginfo {
	s32 msgpool;
	s32 msgmap;
	s32 msgmax;
	s32 msgmnb;
	s32 msgmni;
	s32 msgssz;
	s32 msgtql;
	u16 msgseg;
};
_Static_assert(sizeof(struct msginfo) == 32, "msginfo");

#endif
