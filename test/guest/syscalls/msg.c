/*
 * msg.c - SysV message queues: msgget's key rules, msgsnd/msgrcv by
 * type (0, > 0, < 0, MSG_EXCEPT), MSG_NOERROR, E2BIG, MSG_COPY, waiting
 * senders and receivers (EINTR, EIDRM), msgctl's commands, permissions,
 * /proc/sysvipc/msg and the /proc/sys/kernel limits.
 * msgget(2), msgop(2), msgctl(2), svipc(7), proc(5).
 */
#include "../check.h"

#include <grp.h>
#include <sys/ipc.h>
#include <sys/msg.h>

#ifndef MSG_COPY
#define MSG_COPY 040000
#endif

#define KEY_BASE 0x3e5a0000

struct m {
	long mtype;
	char text[64];
};

static int fresh(key_t key, int mode)
{
	int id = msgget(key, 0);

	if (id >= 0)
		msgctl(id, IPC_RMID, NULL);
	return msgget(key, IPC_CREAT | IPC_EXCL | mode);
}

static int snd(int id, long type, const char *text, int flg)
{
	struct m b = { .mtype = type };

	snprintf(b.text, sizeof b.text, "%s", text);
	return msgsnd(id, &b, strlen(text), flg);
}

/* Receive into b; returns the size (or -1), with the text NUL-ended. */
static long rcv(int id, struct m *b, size_t sz, long type, int flg)
{
	memset(b, 0, sizeof *b);
	return msgrcv(id, b, sz, type, flg);
}

static int exit_code(pid_t pid)
{
	int st = wait_status(pid);

	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void get_rules(void)
{
	key_t key = KEY_BASE + 1;
	int id = fresh(key, 0600);

	REQUIRE(id >= 0, "msgget: %s", errname(errno));
	REQUIRE_RET(msgget(key, 0), id);
	REQUIRE_RET(msgget(key, IPC_CREAT | 0600), id);
	REQUIRE_ERR(msgget(key, IPC_CREAT | IPC_EXCL), EEXIST);
	REQUIRE_ERR(msgget(KEY_BASE + 99, 0600), ENOENT);
	int p = msgget(IPC_PRIVATE, 0600);
	REQUIRE(p >= 0 && p != id, "IPC_PRIVATE queue %d", p);
	REQUIRE_OK(msgctl(p, IPC_RMID, NULL));
	REQUIRE_OK(msgctl(id, IPC_RMID, NULL));
	REQUIRE_ERR(msgget(key, 0), ENOENT);
	REQUIRE_ERR(snd(id, 1, "x", 0), EINVAL);
	REQUIRE_ERR(msgctl(-1, IPC_STAT, NULL), EINVAL);
	REQUIRE_ERR(msgctl(id, 99, NULL), EINVAL);
}

static void by_type(void)
{
	int id = msgget(IPC_PRIVATE, 0600);
	struct m b;

	REQUIRE(id >= 0, "msgget: %s", errname(errno));
	REQUIRE_OK(snd(id, 3, "three", 0));
	REQUIRE_OK(snd(id, 2, "two-a", 0));
	REQUIRE_OK(snd(id, 1, "one", 0));
	REQUIRE_OK(snd(id, 2, "two-b", 0));
	REQUIRE_OK(snd(id, 5, "five", 0));
	REQUIRE_RET(rcv(id, &b, 64, 2, 0), 5);
	REQUIRE(b.mtype == 2 && !strcmp(b.text, "two-a"), "type 2: %ld %s", b.mtype, b.text);
	REQUIRE_RET(rcv(id, &b, 64, -4, 0), 3);		/* lowest type <= 4 */
	REQUIRE(b.mtype == 1 && !strcmp(b.text, "one"), "type -4: %ld %s", b.mtype, b.text);
	REQUIRE_RET(rcv(id, &b, 64, 3, MSG_EXCEPT), 5);	/* first not of type 3 */
	REQUIRE(b.mtype == 2 && !strcmp(b.text, "two-b"), "except 3: %ld %s", b.mtype, b.text);
	REQUIRE_ERR(rcv(id, &b, 64, 4, IPC_NOWAIT), ENOMSG);
	REQUIRE_ERR(rcv(id, &b, 64, -2, IPC_NOWAIT), ENOMSG);
	REQUIRE_RET(rcv(id, &b, 64, 0, 0), 5);		/* the first left */
	REQUIRE(b.mtype == 3 && !strcmp(b.text, "three"), "type 0: %ld %s", b.mtype, b.text);
	REQUIRE_RET(rcv(id, &b, 64, -9223372036854775807L - 1, 0), 4);
	REQUIRE(b.mtype == 5, "LONG_MIN: %ld", b.mtype);
	REQUIRE_ERR(rcv(id, &b, 64, 0, IPC_NOWAIT), ENOMSG);
	REQUIRE_OK(msgctl(id, IPC_RMID, NULL));
}

static void sizes_and_errors(void)
{
	int id = msgget(IPC_PRIVATE, 0600);
	static char big[sizeof(long) + 8193];
	struct m b;

	REQUIRE(id >= 0, "msgget: %s", errname(errno));
	REQUIRE_ERR(snd(id, 0, "x", 0), EINVAL);
	REQUIRE_ERR(snd(id, -1, "x", 0), EINVAL);
	*(long *)big = 1;
	REQUIRE_ERR(msgsnd(id, big, 8193, 0), EINVAL);		/* past msgmax */
	REQUIRE_OK(msgsnd(id, big, 8192, 0));
	REQUIRE_OK(msgsnd(id, big, 0, 0));			/* empty is fine */
	REQUIRE_ERR(msgsnd(id, BADPTR, 4, 0), EFAULT);
	REQUIRE_ERR(msgsnd(id, big, (size_t)-1, 0), EINVAL);
	REQUIRE_ERR(msgsnd(-1, big, 4, 0), EINVAL);
	REQUIRE_ERR(msgrcv(-1, &b, 4, 0, 0), EINVAL);
	REQUIRE_ERR(msgrcv(id, &b, (size_t)-1, 0, 0), EINVAL);
	REQUIRE_ERR(rcv(id, &b, 64, 0, IPC_NOWAIT), E2BIG);	/* 8192 bytes; stays */
	REQUIRE_RET(rcv(id, &b, 10, 0, MSG_NOERROR), 10);	/* truncated */
	REQUIRE_RET(rcv(id, &b, 64, 0, 0), 0);
	REQUIRE_OK(snd(id, 7, "hello", 0));
	REQUIRE_ERR(msgrcv(id, BADPTR, 64, 0, 0), EFAULT);	/* and the message is gone */
	REQUIRE_ERR(rcv(id, &b, 64, 0, IPC_NOWAIT), ENOMSG);
	REQUIRE_OK(msgctl(id, IPC_RMID, NULL));
}

static void msg_copy(void)
{
	int id = msgget(IPC_PRIVATE, 0600);
	struct m b;

	REQUIRE(id >= 0, "msgget: %s", errname(errno));
	REQUIRE_OK(snd(id, 4, "first", 0));
	REQUIRE_OK(snd(id, 9, "second", 0));
	REQUIRE_ERR(rcv(id, &b, 64, 0, MSG_COPY), EINVAL);		/* needs IPC_NOWAIT */
	REQUIRE_ERR(rcv(id, &b, 64, 0, MSG_COPY | IPC_NOWAIT | MSG_EXCEPT), EINVAL);
	REQUIRE_RET(rcv(id, &b, 64, 1, MSG_COPY | IPC_NOWAIT), 6);	/* number 1 */
	REQUIRE(b.mtype == 9 && !strcmp(b.text, "second"), "copy 1: %ld %s", b.mtype, b.text);
	REQUIRE_ERR(rcv(id, &b, 64, 2, MSG_COPY | IPC_NOWAIT), ENOMSG);
	REQUIRE_ERR(rcv(id, &b, 3, 0, MSG_COPY | IPC_NOWAIT), E2BIG);
	REQUIRE_RET(rcv(id, &b, 64, 0, 0), 5);				/* both still there */
	REQUIRE_RET(rcv(id, &b, 64, 0, 0), 6);
	REQUIRE_OK(msgctl(id, IPC_RMID, NULL));
}

static void on_usr1(int sig)
{
	(void)sig;
}

static void waiting(void)
{
	int id = msgget(IPC_PRIVATE, 0600);
	struct msqid_ds ds;
	struct m b;
	pid_t pid;

	REQUIRE(id >= 0, "msgget: %s", errname(errno));
	/* A receiver waits for its type; another type does not wake it. */
	pid = fork();
	if (pid == 0)
		_exit(rcv(id, &b, 64, 6, 0) == 3 && !strcmp(b.text, "six") ? 0 : 1);
	REQUIRE(wait_until_asleep(pid), "receiver not asleep");
	REQUIRE_OK(snd(id, 5, "five", 0));
	sleep_ms(50);
	REQUIRE(proc_state(pid) == 'S', "receiver woke for type 5");
	REQUIRE_OK(snd(id, 6, "six", 0));
	REQUIRE_RET(exit_code(pid), 0);
	REQUIRE_RET(rcv(id, &b, 64, 0, IPC_NOWAIT), 4);
	/* A sender waits for room: a queue of 8 bytes. */
	REQUIRE_OK(msgctl(id, IPC_STAT, &ds));
	ds.msg_qbytes = 8;
	REQUIRE_OK(msgctl(id, IPC_SET, &ds));
	REQUIRE_OK(snd(id, 1, "1234567", 0));
	REQUIRE_ERR(snd(id, 1, "ab", IPC_NOWAIT), EAGAIN);
	pid = fork();
	if (pid == 0)
		_exit(snd(id, 1, "ab", 0) == 0 ? 0 : 1);
	REQUIRE(wait_until_asleep(pid), "sender not asleep");
	REQUIRE_RET(rcv(id, &b, 64, 0, 0), 7);
	REQUIRE_RET(exit_code(pid), 0);
	REQUIRE_RET(rcv(id, &b, 64, 0, 0), 2);
	REQUIRE_OK(msgctl(id, IPC_STAT, &ds));
	REQUIRE(ds.msg_lspid == pid && ds.msg_lrpid == getpid(), "lspid %d lrpid %d",
		(int)ds.msg_lspid, (int)ds.msg_lrpid);
	REQUIRE_OK(msgctl(id, IPC_RMID, NULL));
}

static void eintr_and_eidrm(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	int id = msgget(IPC_PRIVATE, 0600);
	struct msqid_ds ds;
	struct m b;

	REQUIRE(id >= 0, "msgget: %s", errname(errno));
	REQUIRE_OK(sigaction(SIGUSR1, &sa, NULL));
	pid_t pid = fork();
	if (pid == 0)
		_exit(rcv(id, &b, 64, 0, 0) == -1 ? errno : 0);
	pid_t h = signal_when_asleep(pid, SIGUSR1);
	REQUIRE_RET(exit_code(pid), EINTR);
	REQUIRE_RET(exit_code(h), 0);
	REQUIRE_OK(msgctl(id, IPC_STAT, &ds));
	ds.msg_qbytes = 1;
	REQUIRE_OK(msgctl(id, IPC_SET, &ds));
	REQUIRE_OK(snd(id, 1, "", 0));
	pid = fork();
	if (pid == 0)
		_exit(snd(id, 1, "x", 0) == -1 ? errno : 0);
	h = signal_when_asleep(pid, SIGUSR1);
	REQUIRE_RET(exit_code(pid), EINTR);
	REQUIRE_RET(exit_code(h), 0);
	pid_t s = fork();
	if (s == 0)
		_exit(snd(id, 1, "x", 0) == -1 ? errno : 0);
	REQUIRE_RET(rcv(id, &b, 64, 0, 0), 0);
	REQUIRE_RET(exit_code(s), 0);
	REQUIRE_RET(rcv(id, &b, 64, 0, 0), 1);
	pid_t r = fork();
	if (r == 0)
		_exit(rcv(id, &b, 64, 0, 0) == -1 ? errno : 0);
	REQUIRE(wait_until_asleep(r), "receiver not asleep");
	REQUIRE_OK(msgctl(id, IPC_RMID, NULL));
	REQUIRE_RET(exit_code(r), EIDRM);
}

static void stat_set(void)
{
	key_t key = KEY_BASE + 2;
	int id = fresh(key, 0620);
	struct msqid_ds ds;

	REQUIRE(id >= 0, "msgget: %s", errname(errno));
	REQUIRE_OK(snd(id, 1, "abc", 0));
	REQUIRE_OK(snd(id, 1, "defgh", 0));
	memset(&ds, 0xa5, sizeof ds);
	REQUIRE_OK(msgctl(id, IPC_STAT, &ds));
	REQUIRE(ds.msg_perm.__key == key && ds.msg_perm.mode == 0620, "key %x mode %o",
		(unsigned)ds.msg_perm.__key, (unsigned)ds.msg_perm.mode);
	REQUIRE(ds.msg_qnum == 2 && ds.msg_cbytes == 8 && ds.msg_qbytes == 16384,
		"qnum %lu cbytes %lu qbytes %lu", (unsigned long)ds.msg_qnum,
		(unsigned long)ds.msg_cbytes, (unsigned long)ds.msg_qbytes);
	REQUIRE(ds.msg_lspid == getpid() && ds.msg_lrpid == 0, "pids");
	REQUIRE(ds.msg_rtime == 0 && labs(ds.msg_stime - time(NULL)) < 5 &&
		labs(ds.msg_ctime - time(NULL)) < 5, "times");
	ds.msg_perm.mode = 0666;
	ds.msg_qbytes = 100000;					/* root may raise it */
	REQUIRE_OK(msgctl(id, IPC_SET, &ds));
	REQUIRE_OK(msgctl(id, IPC_STAT, &ds));
	REQUIRE(ds.msg_perm.mode == 0666 && ds.msg_qbytes == 100000, "after IPC_SET %o %lu",
		(unsigned)ds.msg_perm.mode, (unsigned long)ds.msg_qbytes);
	pid_t pid = fork();
	if (pid == 0) {
		if (setresuid(4321, 4321, 4321))
			_exit(1);
		ds.msg_qbytes = 100;
		if (msgctl(id, IPC_SET, &ds) != -1 || errno != EPERM)	/* not the owner */
			_exit(2);
		if (msgctl(id, IPC_RMID, NULL) != -1 || errno != EPERM)
			_exit(3);
		_exit(0);
	}
	REQUIRE_RET(exit_code(pid), 0);
	REQUIRE_ERR(msgctl(id, IPC_STAT, BADPTR), EFAULT);
	REQUIRE_ERR(msgctl(id, IPC_SET, BADPTR), EFAULT);
	REQUIRE_OK(msgctl(id, IPC_RMID, NULL));
	REQUIRE_ERR(msgctl(id, IPC_STAT, &ds), EINVAL);
}

static void permissions(void)
{
	int id = msgget(IPC_PRIVATE, 0640);
	struct msqid_ds ds;
	struct m b;

	REQUIRE(id >= 0, "msgget: %s", errname(errno));
	REQUIRE_OK(snd(id, 1, "x", 0));
	/* An owner whose qbytes raise past msgmnb needs CAP_SYS_RESOURCE. */
	REQUIRE_OK(msgctl(id, IPC_STAT, &ds));
	ds.msg_perm.uid = 4321;
	REQUIRE_OK(msgctl(id, IPC_SET, &ds));
	pid_t pid = fork();
	if (pid == 0) {
		if (setgroups(0, NULL) || setresgid(77, 77, 77) || setresuid(5555, 5555, 5555))
			_exit(1);
		if (snd(id, 1, "y", IPC_NOWAIT) != -1 || errno != EACCES)
			_exit(2);
		if (rcv(id, &b, 64, 0, IPC_NOWAIT) != -1 || errno != EACCES)
			_exit(3);
		if (msgctl(id, IPC_STAT, &ds) != -1 || errno != EACCES)
			_exit(4);
		_exit(0);
	}
	REQUIRE_RET(exit_code(pid), 0);
	pid = fork();
	if (pid == 0) {
		if (setresuid(4321, 4321, 4321))	/* the owner, group 0: 0640 */
			_exit(1);
		if (msgctl(id, IPC_STAT, &ds))
			_exit(2);
		ds.msg_qbytes = 16385;
		if (msgctl(id, IPC_SET, &ds) != -1 || errno != EPERM)
			_exit(3);
		ds.msg_qbytes = 100;
		if (msgctl(id, IPC_SET, &ds))
			_exit(4);
		_exit(msgctl(id, IPC_RMID, NULL) == 0 ? 0 : 5);
	}
	REQUIRE_RET(exit_code(pid), 0);
}

static void info(void)
{
	int id = msgget(IPC_PRIVATE, 0600);
	struct msginfo mi;
	struct msqid_ds ds;

	REQUIRE(id >= 0, "msgget: %s", errname(errno));
	REQUIRE_OK(snd(id, 1, "abcd", 0));
	int max = msgctl(0, IPC_INFO, (struct msqid_ds *)&mi);
	REQUIRE(max >= id % 32768, "IPC_INFO: %d (%s)", max, errname(errno));
	REQUIRE(mi.msgmax == 8192 && mi.msgmnb == 16384 && mi.msgmni == 32000 &&
		mi.msgssz == 16 && mi.msgseg == 0xffff && mi.msgpool == 512000 &&
		mi.msgmap == 16384 && mi.msgtql == 16384,
		"IPC_INFO max %d mnb %d mni %d ssz %d seg %u pool %d map %d tql %d", mi.msgmax,
		mi.msgmnb, mi.msgmni, mi.msgssz, mi.msgseg, mi.msgpool, mi.msgmap, mi.msgtql);
	max = msgctl(0, MSG_INFO, (struct msqid_ds *)&mi);
	REQUIRE(max >= id % 32768, "MSG_INFO: %d", max);
	REQUIRE(mi.msgpool >= 1 && mi.msgmap >= 1 && mi.msgtql >= 4, "MSG_INFO pool %d map %d tql %d",
		mi.msgpool, mi.msgmap, mi.msgtql);
	REQUIRE_RET(msgctl(id % 32768, MSG_STAT, &ds), id);
	REQUIRE(ds.msg_qnum == 1, "MSG_STAT qnum %lu", (unsigned long)ds.msg_qnum);
	REQUIRE_RET(msgctl(id % 32768, MSG_STAT_ANY, &ds), id);
	REQUIRE_ERR(msgctl(32767, MSG_STAT, &ds), EINVAL);
	REQUIRE_OK(msgctl(id, IPC_RMID, NULL));
}

static void proc_files(void)
{
	static const char head[] = "       key      msqid perms      cbytes       qnum lspid lrpid"
				   "   uid   gid  cuid  cgid      stime      rtime      ctime\n";
	char buf[8192], want[200];
	key_t key = KEY_BASE + 3;
	int id = fresh(key, 0604);

	REQUIRE(id >= 0, "msgget: %s", errname(errno));
	REQUIRE_OK(snd(id, 1, "abc", 0));
	REQUIRE(read_text("/proc/sysvipc/msg", buf, sizeof buf) > 0, "no /proc/sysvipc/msg");
	REQUIRE(strncmp(buf, head, strlen(head)) == 0, "header: %.120s", buf);
	snprintf(want, sizeof want, "%10d %10d  %4o  %10lu %10lu %5u %5u %5u %5u %5u %5u ", key, id,
		 0604, 3ul, 1ul, (unsigned)getpid(), 0u, geteuid(), getegid(), geteuid(), getegid());
	REQUIRE(strstr(buf, want), "no line \"%s\" in %s", want, buf);
	REQUIRE(read_text("/proc/sys/kernel/msgmax", buf, sizeof buf) > 0 && !strcmp(buf, "8192\n"),
		"msgmax %s", buf);
	REQUIRE(read_text("/proc/sys/kernel/msgmnb", buf, sizeof buf) > 0 &&
		!strcmp(buf, "16384\n"), "msgmnb %s", buf);
	REQUIRE(read_text("/proc/sys/kernel/msgmni", buf, sizeof buf) > 0 &&
		!strcmp(buf, "32000\n"), "msgmni %s", buf);
	/* root may lower msgmax; later sends see it. */
	int fd = open("/proc/sys/kernel/msgmax", O_WRONLY);
	REQUIRE(fd >= 0, "open msgmax for writing: %s", errname(errno));
	int w = (int)write(fd, "2", 1);
	int e = snd(id, 1, "abc", IPC_NOWAIT) == -1 ? errno : 0;
	int r = (int)pwrite(fd, "8192\n", 5, 0);
	close(fd);
	REQUIRE(w == 1 && r == 5, "writes: %d %d", w, r);
	REQUIRE(e == EINVAL, "a 3-byte message past msgmax 2: %s", errname(e));
	REQUIRE(read_text("/proc/sys/kernel/msgmax", buf, sizeof buf) > 0 && !strcmp(buf, "8192\n"),
		"msgmax restored: %s", buf);
	REQUIRE_OK(msgctl(id, IPC_RMID, NULL));
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(get_rules),
		CHECK(by_type),
		CHECK(sizes_and_errors),
		CHECK(msg_copy),
		CHECK(waiting),
		CHECK(eintr_and_eidrm),
		CHECK(stat_set),
		CHECK(permissions),
		CHECK(info),
		CHECK(proc_files),
	};

	return run_checks("msg", checks, NCHECKS(checks));
}
