/*
 * fcntl31: F_SETOWN/F_GETOWN, F_SETOWN_EX/F_GETOWN_EX and F_SETSIG/
 * F_GETSIG on the read end of an O_ASYNC pipe.  The owner is set to our
 * pid, to our process group (negative), and through F_SETOWN_EX to our
 * thread, pid and process group; each reads back as set; the I/O signal
 * is set to SIGUSR1 and reads back; and a write by a child (in its own
 * process group) then delivers SIGUSR1, not SIGIO, to us.
 */
#include "tst_test.h"

struct owner_ex { int type; pid_t pid; };	/* struct f_owner_ex */

#ifndef F_OWNER_TID
#define F_OWNER_TID	0
#define F_OWNER_PID	1
#define F_OWNER_PGRP	2
#endif

static int fds[2] = { -1, -1 };
static pid_t pid, pgrp;
static struct owner_ex orig_ex;
static int orig_own;
static sigset_t set, oldset;

static void check_io_signal(const char *desc)
{
	struct timespec to = { 5, 0 };
	char c;
	int sig;

	if (!SAFE_FORK()) {
		setpgid(0, 0);
		TST_PROCESS_STATE_WAIT(getppid(), 'S', 0);
		SAFE_WRITE(SAFE_WRITE_ALL, fds[1], "c", 1);
		exit(0);
	}
	sig = sigtimedwait(&set, NULL, &to);
	if (sig == SIGUSR1)
		tst_res(TPASS, "%s: SIGUSR1 delivered", desc);
	else if (sig == SIGIO)
		tst_res(TFAIL, "%s: got SIGIO instead of F_SETSIG's SIGUSR1", desc);
	else
		tst_res(TFAIL | TERRNO, "%s: sigtimedwait() returned %d", desc, sig);
	SAFE_READ(SAFE_READ_ALL, fds[0], &c, 1);
	tst_reap_children();
}

static void set_and_get_sig(const char *desc)
{
	int orig = SAFE_FCNTL(fds[0], F_GETSIG);

	TST_EXP_PASS(fcntl(fds[0], F_SETSIG, SIGUSR1), "F_SETSIG SIGUSR1");
	TST_EXP_VAL(fcntl(fds[0], F_GETSIG), SIGUSR1, "F_GETSIG");
	check_io_signal(desc);
	SAFE_FCNTL(fds[0], F_SETSIG, orig);
}

static void run(unsigned int n)
{
	struct owner_ex ex = { 0, 0 }, got;

	if (n < 2) {
		pid_t own = n ? -pgrp : pid;

		TST_EXP_PASS(fcntl(fds[0], F_SETOWN, own), "F_SETOWN %d", own);
		TST_EXP_VAL(fcntl(fds[0], F_GETOWN), own, "F_GETOWN");
		set_and_get_sig(n ? "F_SETOWN to the process group"
				  : "F_SETOWN to the process");
		SAFE_FCNTL(fds[0], F_SETOWN, orig_own);
		return;
	}
	ex.type = n == 2 ? F_OWNER_TID : n == 3 ? F_OWNER_PID : F_OWNER_PGRP;
	ex.pid = n == 2 ? (pid_t)syscall(SYS_gettid) : n == 3 ? pid : pgrp;
	TST_EXP_PASS(fcntl(fds[0], F_SETOWN_EX, &ex), "F_SETOWN_EX type %d pid %d",
		     ex.type, (int)ex.pid);
	memset(&got, 0xff, sizeof(got));
	SAFE_FCNTL(fds[0], F_GETOWN_EX, &got);
	if (got.type != ex.type || got.pid != ex.pid)
		tst_res(TFAIL, "F_GETOWN_EX: type %d pid %d", got.type, (int)got.pid);
	else
		tst_res(TPASS, "F_GETOWN_EX reads back type %d pid %d", got.type,
			(int)got.pid);
	set_and_get_sig(n == 2 ? "F_SETOWN_EX to the thread" :
			n == 3 ? "F_SETOWN_EX to the process"
			       : "F_SETOWN_EX to the process group");
	SAFE_FCNTL(fds[0], F_SETOWN_EX, &orig_ex);
}

static void setup(void)
{
	SAFE_PIPE(fds);
	SAFE_FCNTL(fds[0], F_SETFL, O_ASYNC);
	pid = getpid();
	setpgid(0, 0);
	pgrp = getpgid(0);
	SAFE_FCNTL(fds[0], F_GETOWN_EX, &orig_ex);
	orig_own = SAFE_FCNTL(fds[0], F_GETOWN);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGIO);
	SAFE_SIGPROCMASK(SIG_SETMASK, &set, &oldset);
}

static void cleanup(void)
{
	sigprocmask(SIG_SETMASK, &oldset, NULL);
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
}

static struct tst_test test = {
	.forks_child = 1,
	.tcnt = 5,
	.test = run,
	.setup = setup,
	.cleanup = cleanup,
};
