/*
 * sem.c - SysV semaphores: semget's key rules and limits, semop's
 * all-or-nothing operations, waiting (GETNCNT/GETZCNT, EINTR, EIDRM,
 * semtimedop's timeout), SEM_UNDO at exit, semctl's commands and
 * permissions, /proc/sysvipc/sem and /proc/sys/kernel/sem.
 * semget(2), semop(2), semctl(2), svipc(7), proc(5).
 */
#include "../check.h"

#include <grp.h>
#include <sys/ipc.h>
#include <sys/sem.h>

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

#define KEY_BASE 0x5e3a0000

/* A fresh set under key (the leftover of an earlier run removed). */
static int fresh(key_t key, int nsems, int mode)
{
	int id = semget(key, 0, 0);

	if (id >= 0)
		semctl(id, 0, IPC_RMID);
	return semget(key, nsems, IPC_CREAT | IPC_EXCL | mode);
}

static int op(int id, unsigned short num, short o, short flg)
{
	struct sembuf b = { num, o, flg };

	return semop(id, &b, 1);
}

static void get_rules(void)
{
	key_t key = KEY_BASE + 1;
	int id = fresh(key, 3, 0600);

	REQUIRE(id >= 0, "semget(IPC_CREAT|IPC_EXCL): %s", errname(errno));
	REQUIRE_RET(semget(key, 3, 0600), id);
	REQUIRE_RET(semget(key, 0, 0), id);
	REQUIRE_RET(semget(key, 2, IPC_CREAT), id);
	REQUIRE_ERR(semget(key, 3, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	REQUIRE_ERR(semget(key, 4, 0600), EINVAL);		/* more than the set has */
	REQUIRE_ERR(semget(key, -1, 0600), EINVAL);
	REQUIRE_ERR(semget(KEY_BASE + 99, 1, 0600), ENOENT);
	REQUIRE_ERR(semget(IPC_PRIVATE, 0, 0600), EINVAL);	/* a new set needs nsems */
	REQUIRE_ERR(semget(IPC_PRIVATE, 32001, 0600), EINVAL);	/* SEMMSL */
	int p1 = semget(IPC_PRIVATE, 1, 0600), p2 = semget(IPC_PRIVATE, 1, 0600);
	REQUIRE(p1 >= 0 && p2 >= 0 && p1 != p2 && p1 != id, "IPC_PRIVATE sets %d %d", p1, p2);
	REQUIRE_OK(semctl(id, 0, IPC_RMID));
	REQUIRE_OK(semctl(p1, 0, IPC_RMID));
	REQUIRE_OK(semctl(p2, 0, IPC_RMID));
	REQUIRE_ERR(semget(key, 1, 0600), ENOENT);
	REQUIRE_ERR(semctl(id, 0, GETVAL), EINVAL);		/* removed */
	REQUIRE_ERR(semctl(-1, 0, GETVAL), EINVAL);
}

static void values(void)
{
	int id = semget(IPC_PRIVATE, 4, 0600);
	unsigned short in[4] = { 1, 2, 3, 32767 }, out[4] = { 0 };

	REQUIRE(id >= 0, "semget: %s", errname(errno));
	REQUIRE_RET(semctl(id, 0, GETVAL), 0);			/* new values are 0 */
	REQUIRE_RET(semctl(id, 1, GETPID), 0);
	REQUIRE_OK(semctl(id, 1, SETVAL, (union semun){ .val = 7 }));
	REQUIRE_RET(semctl(id, 1, GETVAL), 7);
	REQUIRE_RET(semctl(id, 1, GETPID), getpid());
	REQUIRE_ERR(semctl(id, 1, SETVAL, (union semun){ .val = 32768 }), ERANGE);
	REQUIRE_ERR(semctl(id, 1, SETVAL, (union semun){ .val = -1 }), ERANGE);
	REQUIRE_ERR(semctl(id, 4, SETVAL, (union semun){ .val = 1 }), EINVAL);
	REQUIRE_ERR(semctl(id, 4, GETVAL), EINVAL);
	REQUIRE_ERR(semctl(id, -1, GETNCNT), EINVAL);
	REQUIRE_OK(semctl(id, 0, SETALL, (union semun){ .array = in }));
	REQUIRE_OK(semctl(id, 0, GETALL, (union semun){ .array = out }));
	REQUIRE(memcmp(in, out, sizeof in) == 0, "GETALL %u %u %u %u", out[0], out[1], out[2],
		out[3]);
	in[2] = 32768;
	REQUIRE_ERR(semctl(id, 0, SETALL, (union semun){ .array = in }), ERANGE);
	REQUIRE_RET(semctl(id, 2, GETVAL), 3);
	REQUIRE_ERR(semctl(id, 0, SETALL, (union semun){ .array = BADPTR }), EFAULT);
	REQUIRE_ERR(semctl(id, 0, GETALL, (union semun){ .array = BADPTR }), EFAULT);
	REQUIRE_ERR(semctl(id, 0, 99), EINVAL);
	REQUIRE_OK(semctl(id, 0, IPC_RMID));
}

static void semop_all_or_nothing(void)
{
	int id = semget(IPC_PRIVATE, 2, 0600);
	struct sembuf two[2] = { { 0, 1, 0 }, { 1, -1, IPC_NOWAIT } };
	struct sembuf big[501];

	REQUIRE(id >= 0, "semget: %s", errname(errno));
	REQUIRE_OK(op(id, 0, 2, 0));
	REQUIRE_OK(op(id, 0, -1, 0));
	REQUIRE_RET(semctl(id, 0, GETVAL), 1);
	REQUIRE_ERR(op(id, 0, -2, IPC_NOWAIT), EAGAIN);
	REQUIRE_ERR(op(id, 0, 0, IPC_NOWAIT), EAGAIN);	/* wait-for-zero on 1 */
	REQUIRE_OK(op(id, 1, 0, IPC_NOWAIT));
	/* The second operation cannot proceed: the first is undone. */
	REQUIRE_ERR(semop(id, two, 2), EAGAIN);
	REQUIRE_RET(semctl(id, 0, GETVAL), 1);
	/* Operations apply in order: +1 then -1 on the same semaphore. */
	struct sembuf seq[2] = { { 1, 1, 0 }, { 1, -1, 0 } };
	REQUIRE_OK(semop(id, seq, 2));
	REQUIRE_ERR(op(id, 0, 32767, 0), ERANGE);	/* past SEMVMX */
	REQUIRE_RET(semctl(id, 0, GETVAL), 1);
	REQUIRE_ERR(op(id, 2, 1, 0), EFBIG);
	REQUIRE_ERR(semop(id, two, 0), EINVAL);
	memset(big, 0, sizeof big);
	REQUIRE_ERR(semop(id, big, 501), E2BIG);	/* SEMOPM */
	REQUIRE_ERR(semop(id, BADPTR, 1), EFAULT);
	REQUIRE_ERR(op(-1, 0, 1, 0), EINVAL);
	REQUIRE_OK(semctl(id, 0, IPC_RMID));
	REQUIRE_ERR(op(id, 0, 1, 0), EINVAL);
}

/* A child that blocks in semop(num, o) and exits with its errno (0 when
 * it went through). */
static pid_t blocker(int id, unsigned short num, short o)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(op(id, num, o, 0) == 0 ? 0 : errno);
	return pid;
}

static int exit_code(pid_t pid)
{
	int st = wait_status(pid);

	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void waiting_and_counts(void)
{
	int id = semget(IPC_PRIVATE, 2, 0600);

	REQUIRE(id >= 0, "semget: %s", errname(errno));
	REQUIRE_OK(semctl(id, 1, SETVAL, (union semun){ .val = 1 }));
	pid_t a = blocker(id, 0, -2), b = blocker(id, 1, 0);
	REQUIRE(wait_until_asleep(a) && wait_until_asleep(b), "children not asleep");
	REQUIRE_RET(semctl(id, 0, GETNCNT), 1);
	REQUIRE_RET(semctl(id, 0, GETZCNT), 0);
	REQUIRE_RET(semctl(id, 1, GETZCNT), 1);
	REQUIRE_RET(semctl(id, 1, GETNCNT), 0);
	REQUIRE_OK(op(id, 0, 1, 0));			/* not enough for -2 yet */
	sleep_ms(50);
	REQUIRE_RET(semctl(id, 0, GETNCNT), 1);
	REQUIRE_OK(op(id, 0, 1, 0));
	REQUIRE_RET(exit_code(a), 0);
	REQUIRE_RET(semctl(id, 0, GETVAL), 0);
	REQUIRE_RET(semctl(id, 0, GETPID), a);
	REQUIRE_OK(op(id, 1, -1, 0));			/* zero: the waiter goes */
	REQUIRE_RET(exit_code(b), 0);
	REQUIRE_RET(semctl(id, 1, GETZCNT), 0);
	REQUIRE_OK(semctl(id, 0, IPC_RMID));
}

static void on_usr1(int sig)
{
	(void)sig;
}

static void eintr_and_eidrm(void)
{
	int id = semget(IPC_PRIVATE, 1, 0600);
	struct sigaction sa = { .sa_handler = on_usr1 };

	REQUIRE(id >= 0, "semget: %s", errname(errno));
	REQUIRE_OK(sigaction(SIGUSR1, &sa, NULL));
	pid_t a = blocker(id, 0, -1);
	pid_t h = signal_when_asleep(a, SIGUSR1);
	REQUIRE_RET(exit_code(a), EINTR);
	REQUIRE_RET(exit_code(h), 0);
	REQUIRE_RET(semctl(id, 0, GETNCNT), 0);
	pid_t b = blocker(id, 0, -1), c = blocker(id, 0, 0);
	REQUIRE(wait_until_asleep(b), "child not asleep");
	REQUIRE_OK(op(id, 0, 0, IPC_NOWAIT));		/* c went through at once */
	REQUIRE_RET(exit_code(c), 0);
	REQUIRE_OK(semctl(id, 0, IPC_RMID));
	REQUIRE_RET(exit_code(b), EIDRM);
}

static void timed(void)
{
	int id = semget(IPC_PRIVATE, 1, 0600);
	struct sembuf b = { 0, -1, 0 };
	struct timespec ts = { 0, 200 * 1000000L }, bad = { 0, 1000000000L };

	REQUIRE(id >= 0, "semget: %s", errname(errno));
	long long t0 = now_ns(CLOCK_MONOTONIC);
	REQUIRE_ERR(semtimedop(id, &b, 1, &ts), EAGAIN);
	REQUIRE_ELAPSED(t0, 200, 200 + SLACK_MS, "semtimedop 200 ms");
	REQUIRE_ERR(semtimedop(id, &b, 1, &bad), EINVAL);
	REQUIRE_ERR(semtimedop(id, &b, 1, BADPTR), EFAULT);
	b.sem_op = 1;
	REQUIRE_OK(semtimedop(id, &b, 1, &ts));
	REQUIRE_RET(semctl(id, 0, GETVAL), 1);
	REQUIRE_OK(semctl(id, 0, IPC_RMID));
}

static void undo_at_exit(void)
{
	int id = semget(IPC_PRIVATE, 2, 0600);
	pid_t pid;

	REQUIRE(id >= 0, "semget: %s", errname(errno));
	REQUIRE_OK(semctl(id, 0, SETVAL, (union semun){ .val = 5 }));
	pid = fork();
	if (pid == 0) {
		struct sembuf b[3] = { { 0, -2, SEM_UNDO }, { 1, 3, SEM_UNDO }, { 0, -1, 0 } };
		if (semop(id, b, 3) < 0)
			_exit(1);
		/* A child of the child has no adjustments of its own to apply. */
		pid_t g = fork();
		if (g == 0)
			_exit(0);
		waitpid(g, NULL, 0);
		_exit(semctl(id, 0, GETVAL) == 2 && semctl(id, 1, GETVAL) == 3 ? 0 : 2);
	}
	REQUIRE_RET(exit_code(pid), 0);
	/* The SEM_UNDO parts are given back; the plain -1 stays. */
	REQUIRE_RET(semctl(id, 0, GETVAL), 4);
	REQUIRE_RET(semctl(id, 1, GETVAL), 0);
	REQUIRE_RET(semctl(id, 1, GETPID), pid);
	/* An undo that would go below 0 is clamped at 0. */
	pid = fork();
	if (pid == 0) {
		if (op(id, 1, 2, SEM_UNDO) < 0)
			_exit(1);
		_exit(semctl(id, 1, SETVAL, (union semun){ .val = 1 }) == 0 ? 0 : 2);
	}
	REQUIRE_RET(exit_code(pid), 0);
	REQUIRE_RET(semctl(id, 1, GETVAL), 1);		/* SETVAL cleared the undo */
	pid = fork();
	if (pid == 0) {
		if (op(id, 1, 2, SEM_UNDO) < 0)
			_exit(1);
		struct sembuf t = { 1, -3, 0 };
		_exit(semop(id, &t, 1) == 0 ? 0 : 2);
	}
	REQUIRE_RET(exit_code(pid), 0);
	REQUIRE_RET(semctl(id, 1, GETVAL), 0);		/* 0 - 2 clamped */
	/* An adjustment past SEMAEM is ERANGE, and nothing changes. */
	REQUIRE_OK(semctl(id, 0, SETVAL, (union semun){ .val = 32767 }));
	REQUIRE_OK(op(id, 0, -32767, SEM_UNDO));
	REQUIRE_OK(op(id, 0, 1, 0));
	REQUIRE_ERR(op(id, 0, -1, SEM_UNDO), ERANGE);
	REQUIRE_RET(semctl(id, 0, GETVAL), 1);
	REQUIRE_OK(semctl(id, 0, IPC_RMID));
}

static void stat_set_rmid(void)
{
	key_t key = KEY_BASE + 2;
	int id = fresh(key, 3, 0640);
	struct semid_ds ds;

	REQUIRE(id >= 0, "semget: %s", errname(errno));
	memset(&ds, 0xa5, sizeof ds);
	REQUIRE_OK(semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }));
	REQUIRE(ds.sem_perm.__key == key, "key %x", (unsigned)ds.sem_perm.__key);
	REQUIRE(ds.sem_perm.mode == 0640, "mode %o", (unsigned)ds.sem_perm.mode);
	REQUIRE(ds.sem_perm.uid == geteuid() && ds.sem_perm.cuid == geteuid() &&
		ds.sem_perm.gid == getegid() && ds.sem_perm.cgid == getegid(), "owner");
	REQUIRE(ds.sem_nsems == 3, "sem_nsems %u", (unsigned)ds.sem_nsems);
	REQUIRE(ds.sem_otime == 0, "sem_otime %ld before any semop", (long)ds.sem_otime);
	REQUIRE(ds.sem_ctime > 0 && labs(ds.sem_ctime - time(NULL)) < 5, "sem_ctime");
	REQUIRE_OK(op(id, 1, 1, 0));
	REQUIRE_OK(semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }));
	REQUIRE(labs(ds.sem_otime - time(NULL)) < 5, "sem_otime %ld", (long)ds.sem_otime);
	ds.sem_perm.mode = 0604 | 01000;
	ds.sem_perm.uid = 1234;
	REQUIRE_OK(semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }));
	REQUIRE_OK(semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }));
	REQUIRE(ds.sem_perm.mode == 0604, "mode after IPC_SET %o", (unsigned)ds.sem_perm.mode);
	REQUIRE(ds.sem_perm.uid == 1234 && ds.sem_perm.cuid == geteuid(), "uid after IPC_SET");
	REQUIRE_ERR(semctl(id, 0, IPC_STAT, (union semun){ .buf = BADPTR }), EFAULT);
	REQUIRE_ERR(semctl(id, 0, IPC_SET, (union semun){ .buf = BADPTR }), EFAULT);
	REQUIRE_OK(semctl(id, 0, IPC_RMID));
	REQUIRE_ERR(semctl(id, 0, IPC_RMID), EINVAL);
	REQUIRE_ERR(semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }), EINVAL);
}

static void info_and_stat_index(void)
{
	struct seminfo si;
	struct semid_ds ds;
	int id = semget(IPC_PRIVATE, 5, 0600);

	REQUIRE(id >= 0, "semget: %s", errname(errno));
	int max = semctl(0, 0, IPC_INFO, (union semun){ .__buf = &si });
	REQUIRE(max >= 0, "IPC_INFO: %s", errname(errno));
	REQUIRE(si.semmsl == 32000 && si.semopm == 500 && si.semvmx == 32767 &&
		si.semmni == 32000 && si.semaem == 32767 && si.semusz == 20,
		"IPC_INFO msl %d opm %d vmx %d mni %d aem %d usz %d", si.semmsl, si.semopm,
		si.semvmx, si.semmni, si.semaem, si.semusz);
	REQUIRE(max >= id % 32768, "IPC_INFO's highest index %d below %d", max, id % 32768);
	max = semctl(0, 0, SEM_INFO, (union semun){ .__buf = &si });
	REQUIRE(max >= id % 32768, "SEM_INFO: %d", max);
	REQUIRE(si.semusz >= 1 && si.semaem >= 5, "SEM_INFO sets %d sems %d", si.semusz,
		si.semaem);
	REQUIRE_RET(semctl(id % 32768, 0, SEM_STAT, (union semun){ .buf = &ds }), id);
	REQUIRE(ds.sem_nsems == 5, "SEM_STAT nsems %u", (unsigned)ds.sem_nsems);
	REQUIRE_RET(semctl(id % 32768, 0, SEM_STAT_ANY, (union semun){ .buf = &ds }), id);
	REQUIRE_ERR(semctl(32767, 0, SEM_STAT, (union semun){ .buf = &ds }), EINVAL);
	REQUIRE_ERR(semctl(0, 0, IPC_INFO, (union semun){ .__buf = BADPTR }), EFAULT);
	REQUIRE_OK(semctl(id, 0, IPC_RMID));
}

static void permissions(void)
{
	key_t key = KEY_BASE + 3;
	int id = fresh(key, 1, 0640);
	pid_t pid;

	REQUIRE(id >= 0, "semget: %s", errname(errno));
	pid = fork();
	if (pid == 0) {
		struct semid_ds ds;
		/* Group 0 may read (0640), others nothing. */
		if (setgroups(0, NULL) || setresgid(0, 0, 0) || setresuid(4321, 4321, 4321))
			_exit(1);
		if (semctl(id, 0, GETVAL) != 0 || op(id, 0, 0, IPC_NOWAIT) != 0)
			_exit(2);
		if (op(id, 0, 1, 0) != -1 || errno != EACCES)
			_exit(3);
		if (semctl(id, 0, SETVAL, (union semun){ .val = 1 }) != -1 || errno != EACCES)
			_exit(4);
		if (semget(key, 1, 0600) != -1 || errno != EACCES)
			_exit(5);
		if (semget(key, 1, 0040) != id)
			_exit(6);
		if (semctl(id, 0, IPC_RMID) != -1 || errno != EPERM)
			_exit(7);
		if (semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }) != 0)
			_exit(8);
		if (semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }) != -1 || errno != EPERM)
			_exit(9);
		_exit(0);
	}
	REQUIRE_RET(exit_code(pid), 0);
	pid = fork();
	if (pid == 0) {
		struct semid_ds ds;
		/* Neither owner nor group: nothing (0640). */
		if (setgroups(0, NULL) || setresgid(99, 99, 99) || setresuid(4321, 4321, 4321))
			_exit(1);
		if (semctl(id, 0, GETVAL) != -1 || errno != EACCES)
			_exit(11);
		if (semctl(id % 32768, 0, SEM_STAT, (union semun){ .buf = &ds }) != -1 ||
		    errno != EACCES)
			_exit(12);
		if (semctl(id % 32768, 0, SEM_STAT_ANY, (union semun){ .buf = &ds }) != id)
			_exit(13);
		_exit(0);
	}
	REQUIRE_RET(exit_code(pid), 0);
	/* The new owner may remove it. */
	struct semid_ds ds;
	REQUIRE_OK(semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }));
	ds.sem_perm.uid = 4321;
	REQUIRE_OK(semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }));
	pid = fork();
	if (pid == 0) {
		if (setresuid(4321, 4321, 4321))
			_exit(1);
		_exit(semctl(id, 0, IPC_RMID) == 0 ? 0 : 2);
	}
	REQUIRE_RET(exit_code(pid), 0);
}

static void proc_files(void)
{
	char buf[8192], want[200];
	key_t key = KEY_BASE + 4;
	int id = fresh(key, 7, 0610);

	REQUIRE(id >= 0, "semget: %s", errname(errno));
	REQUIRE(read_text("/proc/sys/kernel/sem", buf, sizeof buf) > 0, "no /proc/sys/kernel/sem");
	REQUIRE(strcmp(buf, "32000\t1024000000\t500\t32000\n") == 0, "sem: %s", buf);
	REQUIRE(read_text("/proc/sysvipc/sem", buf, sizeof buf) > 0, "no /proc/sysvipc/sem");
	static const char head[] = "       key      semid perms      nsems   uid   gid  cuid"
				   "  cgid      otime      ctime\n";
	REQUIRE(strncmp(buf, head, strlen(head)) == 0, "header: %.90s", buf);
	snprintf(want, sizeof want, "%10d %10d  %4o %10u %5u %5u %5u %5u %10d ", key, id, 0610, 7,
		 geteuid(), getegid(), geteuid(), getegid(), 0);
	REQUIRE(strstr(buf, want), "no line \"%s\" in %s", want, buf);
	REQUIRE_OK(semctl(id, 0, IPC_RMID));
	REQUIRE(read_text("/proc/sysvipc/sem", buf, sizeof buf) > 0, "no /proc/sysvipc/sem");
	REQUIRE(!strstr(buf, want), "the line outlived IPC_RMID");
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(get_rules),
		CHECK(values),
		CHECK(semop_all_or_nothing),
		CHECK(waiting_and_counts),
		CHECK(eintr_and_eidrm),
		CHECK(timed),
		CHECK(undo_at_exit),
		CHECK(stat_set_rmid),
		CHECK(info_and_stat_index),
		CHECK(permissions),
		CHECK(proc_files),
	};

	return run_checks("sem", checks, NCHECKS(checks));
}
