/*
 * shm.c - SysV shared memory: shmget's key and size rules, shmat's
 * addresses (hints, SHM_RND, SHM_REMAP, SHM_RDONLY), sharing across
 * attachments and fork, detach by shmdt/exec/exit, shm_nattch and
 * IPC_RMID of an attached segment, shmctl's commands, permissions,
 * /proc/<pid>/maps, /proc/sysvipc/shm and the /proc/sys/kernel limits.
 * shmget(2), shmop(2), shmctl(2), svipc(7), proc(5).
 */
#include "../check.h"

#include <grp.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#define KEY_BASE 0x5a3e0000
#define PG 4096

static int fresh(key_t key, size_t size, int mode)
{
	int id = shmget(key, 0, 0);

	if (id >= 0)
		shmctl(id, IPC_RMID, NULL);
	return shmget(key, size, IPC_CREAT | IPC_EXCL | mode);
}

static int exit_code(pid_t pid)
{
	int st = wait_status(pid);

	return WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : -1;
}

static unsigned long nattch(int id)
{
	struct shmid_ds ds;

	if (shmctl(id, IPC_STAT, &ds))
		return 999;
	return ds.shm_nattch;
}

/* A child that touches p (write or read) and exits 0, or dies. */
static int touch(volatile char *p, int write)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (write)
			*p = 1;
		else
			(void)*p;
		_exit(0);
	}
	return exit_code(pid);
}

static void get_rules(void)
{
	key_t key = KEY_BASE + 1;
	int id = fresh(key, 3 * PG, 0600);

	REQUIRE(id >= 0, "shmget: %s", errname(errno));
	REQUIRE_RET(shmget(key, 0, 0), id);
	REQUIRE_RET(shmget(key, 3 * PG, 0600), id);
	REQUIRE_RET(shmget(key, 1, IPC_CREAT | 0600), id);
	REQUIRE_ERR(shmget(key, 3 * PG + 1, 0600), EINVAL);	/* bigger than it is */
	REQUIRE_ERR(shmget(key, PG, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	REQUIRE_ERR(shmget(KEY_BASE + 99, PG, 0600), ENOENT);
	REQUIRE_ERR(shmget(IPC_PRIVATE, 0, 0600), EINVAL);	/* below SHMMIN */
	int p = shmget(IPC_PRIVATE, 1, 0600);
	REQUIRE(p >= 0 && p != id, "IPC_PRIVATE segment %d", p);
	REQUIRE_OK(shmctl(p, IPC_RMID, NULL));
	REQUIRE_OK(shmctl(id, IPC_RMID, NULL));
	REQUIRE_ERR(shmget(key, 0, 0), ENOENT);
	REQUIRE_ERR(shmat(id, NULL, 0), EINVAL);
	REQUIRE_ERR(shmat(-1, NULL, 0), EINVAL);
	REQUIRE_ERR(shmctl(-1, IPC_STAT, NULL), EINVAL);
	REQUIRE_ERR(shmctl(id, 99, NULL), EINVAL);
}

static void attach_and_share(void)
{
	int id = shmget(IPC_PRIVATE, 2 * PG + 100, 0600);
	char *a, *b, *r;

	REQUIRE(id >= 0, "shmget: %s", errname(errno));
	a = shmat(id, NULL, 0);
	REQUIRE(a != (char *)-1, "shmat: %s", errname(errno));
	REQUIRE(((unsigned long)a & (PG - 1)) == 0, "unaligned %p", a);
	for (int i = 0; i < 2 * PG + 100; i++)
		REQUIRE(a[i] == 0, "byte %d of a new segment is %d", i, a[i]);
	b = shmat(id, NULL, 0);
	REQUIRE(b != (char *)-1 && b != a, "second shmat: %s", errname(errno));
	strcpy(a + PG, "shared");
	REQUIRE(!strcmp(b + PG, "shared"), "the second attachment sees %s", b + PG);
	a[3 * PG - 1] = 7;					/* the whole last page */
	REQUIRE_RET(nattch(id), 2);
	r = shmat(id, NULL, SHM_RDONLY);
	REQUIRE(r != (char *)-1, "SHM_RDONLY: %s", errname(errno));
	REQUIRE(!strcmp(r + PG, "shared"), "read-only view");
	REQUIRE_RET(touch(r, 1), 128 + SIGSEGV);
	REQUIRE_RET(touch(r, 0), 0);
	REQUIRE_ERR(mprotect(r, PG, PROT_READ | PROT_WRITE), EACCES);
	REQUIRE_OK(shmdt(r));
	REQUIRE_OK(shmdt(b));
	REQUIRE_RET(touch(b, 0), 128 + SIGSEGV);
	REQUIRE_RET(nattch(id), 1);
	REQUIRE_ERR(shmdt(b), EINVAL);
	REQUIRE_ERR(shmdt(a + 1), EINVAL);
	REQUIRE_ERR(shmdt(a + PG), EINVAL);			/* not where it starts */
	REQUIRE_OK(shmctl(id, IPC_RMID, NULL));
	REQUIRE(a[3 * PG - 1] == 7, "the data went with IPC_RMID while attached");
	REQUIRE_OK(shmdt(a));
}

static void addresses(void)
{
	int id = shmget(IPC_PRIVATE, PG, 0600);
	char *hole, *p;

	REQUIRE(id >= 0, "shmget: %s", errname(errno));
	hole = mmap(NULL, 4 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	REQUIRE(hole != MAP_FAILED, "mmap");
	REQUIRE_ERR(shmat(id, hole + PG, 0), EINVAL);		/* taken */
	REQUIRE_ERR(shmat(id, hole + 1, 0), EINVAL);		/* unaligned */
	REQUIRE_ERR(shmat(id, NULL, SHM_REMAP), EINVAL);
	p = shmat(id, hole + PG, SHM_REMAP);
	REQUIRE(p == hole + PG, "SHM_REMAP at %p gave %p (%s)", hole + PG, p, errname(errno));
	p[0] = 'x';
	REQUIRE_OK(shmdt(p));
	REQUIRE_OK(munmap(hole, 4 * PG));
	p = shmat(id, hole + 2 * PG + 123, SHM_RND);
	REQUIRE(p == hole + 2 * PG, "SHM_RND: %p, want %p", p, hole + 2 * PG);
	REQUIRE(p[0] == 'x', "contents");
	char *q = shmat(id, hole, 0);				/* a free address is used */
	REQUIRE(q == hole, "hint %p gave %p", hole, q);
	REQUIRE_OK(shmdt(p));
	REQUIRE_OK(shmdt(q));
	REQUIRE_OK(shmctl(id, IPC_RMID, NULL));
}

static void fork_exec_exit(void)
{
	int id = shmget(IPC_PRIVATE, PG, 0600), pfd[2];
	volatile char *a;
	pid_t pid;

	REQUIRE(id >= 0, "shmget: %s", errname(errno));
	a = shmat(id, NULL, 0);
	REQUIRE(a != (char *)-1, "shmat: %s", errname(errno));
	pid = fork();
	if (pid == 0) {
		a[0] = 'c';
		_exit(nattch(id) == 2 ? 0 : 1);
	}
	REQUIRE_RET(exit_code(pid), 0);
	REQUIRE(a[0] == 'c', "the child's write is not shared");
	REQUIRE_RET(nattch(id), 1);
	REQUIRE_OK(pipe2(pfd, O_CLOEXEC));
	pid = fork();
	if (pid == 0) {
		close(pfd[0]);
		char *b = shmat(id, NULL, 0);
		if (b == (char *)-1)
			_exit(1);
		execl("/bin/sleep", "sleep", "10", (char *)NULL);
		_exit(2);
	}
	close(pfd[1]);
	char c;
	REQUIRE_RET(read(pfd[0], &c, 1), 0);			/* closed by the exec */
	unsigned long n = nattch(id);
	kill(pid, SIGKILL);
	exit_code(pid);
	REQUIRE(n == 1, "nattch %lu after the child's exec", n);
	REQUIRE_OK(shmdt((void *)a));
	REQUIRE_RET(nattch(id), 0);
	REQUIRE_OK(shmctl(id, IPC_RMID, NULL));
}

static void rmid_while_attached(void)
{
	key_t key = KEY_BASE + 2;
	int id = fresh(key, PG, 0600);
	struct shmid_ds ds;
	char *a;

	REQUIRE(id >= 0, "shmget: %s", errname(errno));
	a = shmat(id, NULL, 0);
	REQUIRE(a != (char *)-1, "shmat: %s", errname(errno));
	REQUIRE_OK(shmctl(id, IPC_RMID, NULL));
	REQUIRE_OK(shmctl(id, IPC_STAT, &ds));
	REQUIRE(ds.shm_perm.__key == 0 && (ds.shm_perm.mode & 01000) && ds.shm_nattch == 1,
		"after IPC_RMID: key %x mode %o nattch %lu", (unsigned)ds.shm_perm.__key,
		(unsigned)ds.shm_perm.mode, (unsigned long)ds.shm_nattch);
	REQUIRE_ERR(shmget(key, PG, 0600), ENOENT);
	int again = shmget(key, PG, IPC_CREAT | IPC_EXCL | 0600);	/* the key is free */
	REQUIRE(again >= 0 && again != id, "a new segment under the key: %s", errname(errno));
	REQUIRE_OK(shmctl(again, IPC_RMID, NULL));
	char *b = shmat(id, NULL, 0);				/* still attachable by id */
	REQUIRE(b != (char *)-1, "shmat after IPC_RMID: %s", errname(errno));
	REQUIRE_OK(shmdt(b));
	a[0] = 1;
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);					/* its copy detaches at exit */
	REQUIRE_RET(exit_code(pid), 0);
	REQUIRE_OK(shmctl(id, IPC_STAT, &ds));
	REQUIRE_OK(shmdt(a));
	REQUIRE_ERR(shmctl(id, IPC_STAT, &ds), EINVAL);		/* gone at the last detach */
}

static void stat_info(void)
{
	int id = shmget(IPC_PRIVATE, 5000, 0640);
	struct shmid_ds ds;
	struct shminfo si;
	struct shm_info su;
	char *a;

	REQUIRE(id >= 0, "shmget: %s", errname(errno));
	memset(&ds, 0xa5, sizeof ds);
	REQUIRE_OK(shmctl(id, IPC_STAT, &ds));
	REQUIRE(ds.shm_segsz == 5000 && ds.shm_cpid == getpid() && ds.shm_lpid == 0 &&
		ds.shm_nattch == 0 && ds.shm_atime == 0 && ds.shm_dtime == 0 &&
		labs(ds.shm_ctime - time(NULL)) < 5 && ds.shm_perm.mode == 0640,
		"segsz %lu cpid %d lpid %d nattch %lu atime %ld dtime %ld mode %o",
		(unsigned long)ds.shm_segsz, (int)ds.shm_cpid, (int)ds.shm_lpid,
		(unsigned long)ds.shm_nattch, (long)ds.shm_atime, (long)ds.shm_dtime,
		(unsigned)ds.shm_perm.mode);
	a = shmat(id, NULL, 0);
	REQUIRE(a != (char *)-1, "shmat: %s", errname(errno));
	a[0] = 1;
	REQUIRE_OK(shmctl(id, IPC_STAT, &ds));
	REQUIRE(ds.shm_lpid == getpid() && labs(ds.shm_atime - time(NULL)) < 5, "after shmat");
	REQUIRE_OK(shmdt(a));
	REQUIRE_OK(shmctl(id, IPC_STAT, &ds));
	REQUIRE(labs(ds.shm_dtime - time(NULL)) < 5, "dtime %ld", (long)ds.shm_dtime);
	ds.shm_perm.mode = 0600;
	REQUIRE_OK(shmctl(id, IPC_SET, &ds));
	REQUIRE_OK(shmctl(id, IPC_STAT, &ds));
	REQUIRE(ds.shm_perm.mode == 0600, "mode after IPC_SET %o", (unsigned)ds.shm_perm.mode);
	REQUIRE_OK(shmctl(id, SHM_LOCK, NULL));
	REQUIRE_OK(shmctl(id, IPC_STAT, &ds));
	REQUIRE(ds.shm_perm.mode == (0600 | 02000), "SHM_LOCK mode %o", (unsigned)ds.shm_perm.mode);
	REQUIRE_OK(shmctl(id, SHM_UNLOCK, NULL));
	int max = shmctl(0, IPC_INFO, (struct shmid_ds *)&si);
	REQUIRE(max >= id % 32768, "IPC_INFO: %d (%s)", max, errname(errno));
	REQUIRE(si.shmmax == 18446744073692774399ul && si.shmall == 18446744073692774399ul &&
		si.shmmin == 1 && si.shmmni == 4096 && si.shmseg == 4096,
		"IPC_INFO max %lu min %lu mni %lu seg %lu all %lu", si.shmmax, si.shmmin,
		si.shmmni, si.shmseg, si.shmall);
	max = shmctl(0, SHM_INFO, (struct shmid_ds *)&su);
	REQUIRE(max >= id % 32768 && su.used_ids >= 1 && su.shm_tot >= 2 && su.shm_swp == 0,
		"SHM_INFO %d used %d tot %lu", max, su.used_ids, su.shm_tot);
	REQUIRE_RET(shmctl(id % 32768, SHM_STAT, &ds), id);
	REQUIRE_RET(shmctl(id % 32768, SHM_STAT_ANY, &ds), id);
	REQUIRE_ERR(shmctl(32767, SHM_STAT, &ds), EINVAL);
	REQUIRE_ERR(shmctl(id, IPC_STAT, BADPTR), EFAULT);
	REQUIRE_ERR(shmctl(id, IPC_SET, BADPTR), EFAULT);
	REQUIRE_OK(shmctl(id, IPC_RMID, NULL));
}

static void permissions(void)
{
	int id = shmget(IPC_PRIVATE, PG, 0640);
	pid_t pid;

	REQUIRE(id >= 0, "shmget: %s", errname(errno));
	pid = fork();
	if (pid == 0) {
		struct shmid_ds ds;
		if (setgroups(0, NULL) || setresgid(0, 0, 0) || setresuid(4321, 4321, 4321))
			_exit(1);
		if (shmat(id, NULL, 0) != (void *)-1 || errno != EACCES)	/* group: r only */
			_exit(2);
		char *r = shmat(id, NULL, SHM_RDONLY);
		if (r == (void *)-1 || shmdt(r))
			_exit(3);
		if (shmctl(id, IPC_RMID, NULL) != -1 || errno != EPERM)
			_exit(4);
		if (shmctl(id, SHM_LOCK, NULL) != -1 || errno != EPERM)
			_exit(5);
		if (shmctl(id, IPC_STAT, &ds) || shmctl(id, IPC_SET, &ds) != -1 || errno != EPERM)
			_exit(6);
		_exit(0);
	}
	REQUIRE_RET(exit_code(pid), 0);
	pid = fork();
	if (pid == 0) {
		if (setgroups(0, NULL) || setresgid(99, 99, 99) || setresuid(4321, 4321, 4321))
			_exit(1);
		if (shmat(id, NULL, SHM_RDONLY) != (void *)-1 || errno != EACCES)
			_exit(2);
		_exit(0);
	}
	REQUIRE_RET(exit_code(pid), 0);
	REQUIRE_OK(shmctl(id, IPC_RMID, NULL));
}

static void maps_and_proc(void)
{
	static const char head[] = "       key      shmid perms                  size  cpid  lpid"
				   " nattch   uid   gid  cuid  cgid      atime      dtime      ctime"
				   "                   rss                  swap\n";
	key_t key = KEY_BASE + 3;
	int id = fresh(key, 3 * PG, 0604);
	char buf[16384], want[200], *a;

	REQUIRE(id >= 0, "shmget: %s", errname(errno));
	a = shmat(id, NULL, 0);
	REQUIRE(a != (char *)-1, "shmat: %s", errname(errno));
	a[0] = 1;
	REQUIRE(read_text("/proc/self/maps", buf, sizeof buf) > 0, "no maps");
	snprintf(want, sizeof want, "%lx-%lx rw-s 00000000 ", (unsigned long)a,
		 (unsigned long)a + 3 * PG);
	char *line = strstr(buf, want);
	REQUIRE(line, "no line %s in %s", want, buf);
	snprintf(want, sizeof want, " /SYSV%08x (deleted)\n", (unsigned)key);
	REQUIRE(strstr(line, want) && strstr(line, want) < strchr(line, '\n'), "name: %.120s",
		line);
	REQUIRE(read_text("/proc/sysvipc/shm", buf, sizeof buf) > 0, "no /proc/sysvipc/shm");
	REQUIRE(strncmp(buf, head, strlen(head)) == 0, "header: %.170s", buf);
	snprintf(want, sizeof want, "%10d %10d  %4o %21lu %5u %5u  %5lu %5u %5u %5u %5u ", key, id,
		 0604, 3ul * PG, (unsigned)getpid(), (unsigned)getpid(), 1ul, geteuid(), getegid(),
		 geteuid(), getegid());
	REQUIRE(strstr(buf, want), "no line \"%s\" in %s", want, buf);
	REQUIRE(read_text("/proc/sys/kernel/shmmax", buf, sizeof buf) > 0 &&
		!strcmp(buf, "18446744073692774399\n"), "shmmax %s", buf);
	REQUIRE(read_text("/proc/sys/kernel/shmall", buf, sizeof buf) > 0 &&
		!strcmp(buf, "18446744073692774399\n"), "shmall %s", buf);
	REQUIRE(read_text("/proc/sys/kernel/shmmni", buf, sizeof buf) > 0 && !strcmp(buf, "4096\n"),
		"shmmni %s", buf);
	REQUIRE_OK(shmdt(a));
	REQUIRE_OK(shmctl(id, IPC_RMID, NULL));
}

/* The output of a shell command line (NUL-ended), or -1. */
static int command_output(const char *cmd, char *buf, size_t size)
{
	FILE *f = popen(cmd, "r");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, size - 1, f);
	buf[n] = 0;
	return pclose(f);
}

/* busybox ipcs lists all three kinds (from the INFO and STAT commands);
 * ipcrm removes by id. */
static void busybox_ipcs_ipcrm(void)
{
	key_t key = KEY_BASE + 4;
	int shm = fresh(key, PG, 0640), sem, msg, i;
	char buf[16384], line[64], cmd[64];

	sem = semget(key, 0, 0);
	if (sem >= 0)
		semctl(sem, 0, IPC_RMID);
	msg = msgget(key, 0);
	if (msg >= 0)
		msgctl(msg, IPC_RMID, NULL);
	sem = semget(key, 2, IPC_CREAT | 0600);
	msg = msgget(key, IPC_CREAT | 0600);
	REQUIRE(shm >= 0 && sem >= 0 && msg >= 0, "get: %s", errname(errno));
	REQUIRE(command_output("ipcs -a 2>&1", buf, sizeof buf) == 0, "ipcs -a: %s", buf);
	const int ids[3] = { shm, sem, msg };
	for (i = 0; i < 3; i++) {
		snprintf(line, sizeof line, "\n0x%08x %-10d ", (unsigned)key, ids[i]);
		REQUIRE(strstr(buf, line), "no line \"%s\" in ipcs -a: %s", line + 1, buf);
	}
	snprintf(cmd, sizeof cmd, "ipcrm -m %d -s %d -q %d 2>&1", shm, sem, msg);
	REQUIRE(command_output(cmd, buf, sizeof buf) == 0, "%s: %s", cmd, buf);
	REQUIRE_ERR(shmctl(shm, IPC_STAT, NULL), EINVAL);
	REQUIRE_ERR(semctl(sem, 0, GETVAL), EINVAL);
	REQUIRE_ERR(msgctl(msg, IPC_STAT, NULL), EINVAL);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(get_rules),
		CHECK(attach_and_share),
		CHECK(addresses),
		CHECK(fork_exec_exit),
		CHECK(rmid_while_attached),
		CHECK(stat_info),
		CHECK(permissions),
		CHECK(maps_and_proc),
		CHECK(busybox_ipcs_ipcrm),
	};

	return run_checks("shm", checks, NCHECKS(checks));
}
