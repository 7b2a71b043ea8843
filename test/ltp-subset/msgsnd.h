/*
 * msgsnd.h: a queue made full for the msgsnd tests that wait: its
 * msg_qbytes lowered to one message's size and that message sent.
 */
#ifndef MSGSND_H
#define MSGSND_H

#define FULL_SIZE 64

struct full_msg {
	long type;
	char text[FULL_SIZE];
};

static inline int make_full_queue(void)
{
	static struct full_msg m = { 1, "fills the queue" };
	int id = SAFE_MSGGET(IPC_PRIVATE, IPC_CREAT | MSG_RW);
	struct msqid_ds ds;

	SAFE_MSGCTL(id, IPC_STAT, &ds);
	ds.msg_qbytes = FULL_SIZE;
	SAFE_MSGCTL(id, IPC_SET, &ds);
	SAFE_MSGSND(id, &m, FULL_SIZE, 0);
	return id;
}

#endif
