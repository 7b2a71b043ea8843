/*
 * signal.c - signals: sigaction flags (SA_SIGINFO, SA_RESTART,
 * SA_RESETHAND, SA_NODEFER, sa_mask), sigprocmask, sigpending, sigsuspend,
 * sigtimedwait, sigaltstack, kill/tgkill/sigqueue, SIGCHLD, EINTR against
 * restart, default actions, setitimer/alarm, interrupted sleeps.
 */
#include "../check.h"

#include <pthread.h>
#include <sys/resource.h>
#include <sys/time.h>

static volatile sig_atomic_t hits;
static volatile int last_code, last_pid, last_value, last_signo;
static volatile int blocked_inside;

static void set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

static void set_action(int sig, void (*fn)(int, siginfo_t *, void *),
		       int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = fn;
	sa.sa_flags = flags | SA_SIGINFO;
	sigaction(sig, &sa, NULL);
}

static void count(int sig)
{
	(void)sig;
	hits++;
}

static void record(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	hits++;
	last_signo = sig;
	last_code = si->si_code;
	last_pid = si->si_pid;
	last_value = si->si_value.sival_int;
}

static void sa_siginfo_kill(void)
{
	set_action(SIGUSR1, record, 0);
	REQUIRE_OK(kill(getpid(), SIGUSR1));
	REQUIRE(hits == 1, "handler ran %d times", (int)hits);
	REQUIRE(last_signo == SIGUSR1 && last_code == SI_USER &&
		last_pid == getpid(), "signo %d code %d pid %d", last_signo,
		last_code, last_pid);
}

static void sigqueue_value(void)
{
	union sigval v = { .sival_int = 4242 };

	set_action(SIGRTMIN, record, 0);
	REQUIRE_OK(sigqueue(getpid(), SIGRTMIN, v));
	REQUIRE(hits == 1 && last_code == SI_QUEUE && last_value == 4242,
		"hits %d code %d value %d", (int)hits, last_code, last_value);
}

/* The signals rt_signals_queue's handler saw, in order. */
static volatile int seen_signo[8], seen_value[8], seen_code[8];

static void record_order(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (hits < 8) {
		seen_signo[hits] = sig;
		seen_value[hits] = si->si_value.sival_int;
		seen_code[hits] = si->si_code;
	}
	hits++;
}

static void rt_signals_queue(void)
{
	sigset_t set;
	union sigval v = { 0 };
	int i;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN + 1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	set_action(SIGRTMIN + 1, record_order, 0);
	set_action(SIGUSR2, record_order, 0);
	for (i = 0; i < 3; i++) {
		v.sival_int = 100 + i;
		REQUIRE_OK(sigqueue(getpid(), SIGRTMIN + 1, v));
		REQUIRE_OK(kill(getpid(), SIGUSR2));
	}
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	/* Real-time signals queue, each with its value, in the order sent;
	 * standard ones coalesce (signal(7)).  (Where SIGUSR2 falls among
	 * them depends on how the handlers' frames nest, not on the queue.) */
	REQUIRE(hits == 3 + 1, "handler ran %d times, want 4", (int)hits);
	int usr2 = 0, rt = 0;
	for (i = 0; i < 4; i++) {
		if (seen_signo[i] == SIGUSR2) {
			REQUIRE(seen_code[i] == SI_USER, "SIGUSR2 code %d, want SI_USER",
				seen_code[i]);
			usr2++;
			continue;
		}
		REQUIRE(seen_signo[i] == SIGRTMIN + 1 && seen_code[i] == SI_QUEUE &&
			seen_value[i] == 100 + rt,
			"delivery %d: signal %d code %d value %d, want SIGRTMIN+1 "
			"SI_QUEUE %d", i + 1, seen_signo[i], seen_code[i],
			seen_value[i], 100 + rt);
		rt++;
	}
	REQUIRE(usr2 == 1 && rt == 3, "%d SIGUSR2 and %d SIGRTMIN+1", usr2, rt);
}

static void sa_resethand(void)
{
	struct sigaction old;

	set_handler(SIGUSR1, count, SA_RESETHAND);
	REQUIRE_OK(kill(getpid(), SIGUSR1));
	REQUIRE(hits == 1, "handler did not run");
	REQUIRE_OK(sigaction(SIGUSR1, NULL, &old));
	REQUIRE(old.sa_handler == SIG_DFL, "disposition not reset to SIG_DFL");
}

static void note_blocked(int sig)
{
	sigset_t cur;

	sigprocmask(SIG_BLOCK, NULL, &cur);
	blocked_inside = sigismember(&cur, sig) ? 1 : 2;
	hits++;
}

static void sa_nodefer(void)
{
	set_handler(SIGUSR1, note_blocked, 0);
	kill(getpid(), SIGUSR1);
	REQUIRE(blocked_inside == 1, "without SA_NODEFER the signal must be "
		"blocked in its handler");
	set_handler(SIGUSR1, note_blocked, SA_NODEFER);
	kill(getpid(), SIGUSR1);
	REQUIRE(blocked_inside == 2, "with SA_NODEFER it must not be");
	REQUIRE(hits == 2, "hits %d", (int)hits);
}

static void check_usr2_blocked(int sig)
{
	sigset_t cur;

	(void)sig;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	blocked_inside = sigismember(&cur, SIGUSR2) ? 1 : 2;
}

static void sa_mask_blocks(void)
{
	struct sigaction sa;
	sigset_t cur;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = check_usr2_blocked;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	REQUIRE_OK(sigaction(SIGUSR1, &sa, NULL));
	kill(getpid(), SIGUSR1);
	REQUIRE(blocked_inside == 1, "sa_mask not applied in the handler");
	sigprocmask(SIG_BLOCK, NULL, &cur);
	REQUIRE(!sigismember(&cur, SIGUSR2), "mask not restored on return");
}

static void sigaction_errors(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = count;
	REQUIRE_ERR(sigaction(SIGKILL, &sa, NULL), EINVAL);
	REQUIRE_ERR(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	REQUIRE_ERR(syscall(SYS_rt_sigaction, 0, &sa, NULL, 8), EINVAL);
	REQUIRE_ERR(syscall(SYS_rt_sigaction, 65, &sa, NULL, 8), EINVAL);
	REQUIRE_ERR(syscall(SYS_rt_sigaction, SIGUSR1, &sa, NULL, 4), EINVAL);
	REQUIRE_ERR(syscall(SYS_rt_sigaction, SIGUSR1, BADPTR, NULL, 8), EFAULT);
	REQUIRE_ERR(syscall(SYS_rt_sigaction, SIGUSR1, NULL, BADPTR, 8), EFAULT);
}

static void sigprocmask_pending(void)
{
	sigset_t set, pend;

	set_handler(SIGUSR1, count, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	REQUIRE_OK(sigprocmask(SIG_BLOCK, &set, NULL));
	kill(getpid(), SIGUSR1);
	REQUIRE(hits == 0, "blocked signal was delivered");
	REQUIRE_OK(sigpending(&pend));
	REQUIRE(sigismember(&pend, SIGUSR1), "not in sigpending");
	REQUIRE_OK(sigprocmask(SIG_UNBLOCK, &set, NULL));
	REQUIRE(hits == 1, "not delivered on unblock");
	REQUIRE_OK(sigpending(&pend));
	REQUIRE(!sigismember(&pend, SIGUSR1), "still pending");
}

static void sigprocmask_errors(void)
{
	sigset_t set;
	unsigned long long raw = 0, old = 0;

	sigemptyset(&set);
	sigaddset(&set, SIGKILL);
	sigaddset(&set, SIGSTOP);
	REQUIRE_OK(sigprocmask(SIG_BLOCK, &set, NULL));
	REQUIRE_OK(sigprocmask(SIG_BLOCK, NULL, &set));
	REQUIRE(!sigismember(&set, SIGKILL) && !sigismember(&set, SIGSTOP),
		"SIGKILL/SIGSTOP can be blocked");
	REQUIRE_ERR(syscall(SYS_rt_sigprocmask, 99, &raw, NULL, 8), EINVAL);
	REQUIRE_ERR(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &raw, NULL, 4), EINVAL);
	REQUIRE_ERR(syscall(SYS_rt_sigprocmask, SIG_BLOCK, BADPTR, NULL, 8),
		    EFAULT);
	REQUIRE_ERR(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, BADPTR, 8),
		    EFAULT);
	REQUIRE_OK(syscall(SYS_rt_sigprocmask, SIG_SETMASK, NULL, &old, 8));
}

/* A helper process that sends sig to pid after ms milliseconds. */
static pid_t send_later(pid_t pid, int sig, long ms)
{
	pid_t h = fork();

	if (h == 0) {
		sleep_ms(ms);
		kill(pid, sig);
		_exit(0);
	}
	return h;
}

static void sigsuspend_wakes(void)
{
	sigset_t set, empty;
	pid_t h;

	set_handler(SIGUSR1, count, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	h = send_later(getpid(), SIGUSR1, 50);
	sigemptyset(&empty);
	REQUIRE_ERR(sigsuspend(&empty), EINTR);
	REQUIRE(hits == 1, "handler ran %d times", (int)hits);
	sigprocmask(SIG_BLOCK, NULL, &set);
	REQUIRE(sigismember(&set, SIGUSR1), "old mask not restored");
	wait_status(h);
}

static void sigtimedwait_takes(void)
{
	sigset_t set;
	siginfo_t si;
	struct timespec ts = { 5, 0 };
	pid_t h;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	h = send_later(getpid(), SIGUSR2, 30);
	REQUIRE(sigtimedwait(&set, &si, &ts) == SIGUSR2, "sigtimedwait: %s",
		errname(errno));
	REQUIRE(si.si_signo == SIGUSR2 && si.si_pid == h && si.si_code == SI_USER,
		"signo %d pid %d (want %d) code %d", si.si_signo, si.si_pid, h,
		si.si_code);
	wait_status(h);
}

static void sigtimedwait_timeout(void)
{
	sigset_t set;
	struct timespec ts = { 0, 50 * 1000000L };
	long long t0 = now_ns(CLOCK_MONOTONIC);

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	REQUIRE_ERR(sigtimedwait(&set, NULL, &ts), EAGAIN);
	REQUIRE_ELAPSED(t0, 50, 50 + SLACK_MS, "a 50 ms sigtimedwait");
	ts.tv_nsec = 1000000000L;
	REQUIRE_ERR(sigtimedwait(&set, NULL, &ts), EINVAL);
}

static char *alt_base;
static volatile int on_alt, alt_flags_inside;

static void alt_handler(int sig)
{
	char here;
	stack_t cur;

	(void)sig;
	on_alt = (&here >= alt_base && &here < alt_base + 65536);
	sigaltstack(NULL, &cur);
	alt_flags_inside = cur.ss_flags;
}

static void sigaltstack_used(void)
{
	stack_t ss, old;

	alt_base = malloc(65536);
	REQUIRE(alt_base != NULL, "malloc");
	ss.ss_sp = alt_base;
	ss.ss_size = 65536;
	ss.ss_flags = 0;
	REQUIRE_OK(sigaltstack(&ss, &old));
	REQUIRE(old.ss_flags == SS_DISABLE, "initial flags %d", old.ss_flags);
	set_handler(SIGUSR1, alt_handler, SA_ONSTACK);
	kill(getpid(), SIGUSR1);
	REQUIRE(on_alt, "handler did not run on the alternate stack");
	REQUIRE(alt_flags_inside == SS_ONSTACK, "ss_flags inside %d",
		alt_flags_inside);
	REQUIRE_OK(sigaltstack(NULL, &old));
	REQUIRE(old.ss_sp == alt_base && old.ss_size == 65536 &&
		old.ss_flags == 0, "sigaltstack does not report the stack");
}

static void sigaltstack_errors(void)
{
	stack_t ss;
	char buf[64];

	ss.ss_sp = buf;
	ss.ss_size = sizeof buf;
	ss.ss_flags = 0;
	REQUIRE_ERR(sigaltstack(&ss, NULL), ENOMEM);
	ss.ss_size = 65536;
	ss.ss_flags = 0x7;
	REQUIRE_ERR(syscall(SYS_sigaltstack, &ss, NULL), EINVAL);
	REQUIRE_ERR(syscall(SYS_sigaltstack, BADPTR, NULL), EFAULT);
}

static volatile pid_t handled_tid;

static void tid_handler(int sig)
{
	(void)sig;
	handled_tid = (pid_t)syscall(SYS_gettid);
}

static volatile pid_t worker_tid;
static volatile int worker_stop;

static void *worker(void *p)
{
	(void)p;
	worker_tid = (pid_t)syscall(SYS_gettid);
	while (!worker_stop)
		sleep_ms(1);
	return NULL;
}

static void tgkill_thread(void)
{
	pthread_t t;
	long long t0;

	set_handler(SIGUSR1, tid_handler, 0);
	REQUIRE_RET(pthread_create(&t, NULL, worker, NULL), 0);
	while (!worker_tid)
		sleep_ms(1);
	REQUIRE_OK(syscall(SYS_tgkill, getpid(), worker_tid, SIGUSR1));
	t0 = mono_ms();
	while (!handled_tid && mono_ms() - t0 < 5000)
		sleep_ms(1);
	worker_stop = 1;
	pthread_join(t, NULL);
	REQUIRE(handled_tid == worker_tid, "handled by tid %d, want %d",
		handled_tid, worker_tid);
}

static void tgkill_errors(void)
{
	REQUIRE_ERR(syscall(SYS_tgkill, getpid(), getpid(), 1000), EINVAL);
	REQUIRE_ERR(syscall(SYS_tgkill, 0, getpid(), SIGUSR1), EINVAL);
	REQUIRE_ERR(syscall(SYS_tgkill, getpid(), getpid() + 100000, 0), ESRCH);
	REQUIRE_OK(syscall(SYS_tgkill, getpid(), getpid(), 0));
}

static void kill_process_group(void)
{
	pid_t a, b;
	int sa, sb;

	a = fork();
	if (a == 0) {
		setpgid(0, 0);
		for (;;)
			pause();
	}
	setpgid(a, a);
	b = fork();
	if (b == 0) {
		setpgid(0, a);
		for (;;)
			pause();
	}
	setpgid(b, a);
	REQUIRE_OK(kill(-a, SIGTERM));
	sa = wait_status(a);
	sb = wait_status(b);
	REQUIRE(WIFSIGNALED(sa) && WTERMSIG(sa) == SIGTERM &&
		WIFSIGNALED(sb) && WTERMSIG(sb) == SIGTERM,
		"statuses 0x%x 0x%x", sa, sb);
}

static void sigchld_info(void)
{
	pid_t pid;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	set_action(SIGCHLD, record, 0);
	pid = fork();
	if (pid == 0)
		_exit(5);
	wait_status(pid);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	REQUIRE(hits == 1, "SIGCHLD handler ran %d times", (int)hits);
	REQUIRE(last_code == CLD_EXITED && last_pid == pid, "code %d pid %d",
		last_code, last_pid);
}

static void sigchld_ignored_reaps(void)
{
	pid_t pid;
	int st;

	set_handler(SIGCHLD, SIG_IGN, 0);
	pid = fork();
	if (pid == 0)
		_exit(0);
	/* With SIGCHLD ignored, children are reaped at exit (wait(2)). */
	REQUIRE(waitpid(pid, &st, 0) == -1 && errno == ECHILD,
		"waitpid: %s, want ECHILD", errname(errno));
}

static int child_killed_by(int sig)
{
	pid_t pid = fork();
	struct rlimit no_core = { 0, 0 };
	int st;

	if (pid == 0) {
		setrlimit(RLIMIT_CORE, &no_core);
		kill(getpid(), sig);
		sleep_ms(500);
		_exit(0);
	}
	st = wait_status(pid);
	return WIFSIGNALED(st) ? WTERMSIG(st) : -WEXITSTATUS(st);
}

static void default_actions(void)
{
	REQUIRE(child_killed_by(SIGUSR1) == SIGUSR1, "SIGUSR1 did not kill");
	REQUIRE(child_killed_by(SIGQUIT) == SIGQUIT, "SIGQUIT did not kill");
	REQUIRE(child_killed_by(SIGURG) == 0, "SIGURG must be ignored");
	REQUIRE(child_killed_by(SIGWINCH) == 0, "SIGWINCH must be ignored");
	REQUIRE(child_killed_by(SIGCHLD) == 0, "SIGCHLD must be ignored");
}

static void on_alarm(int sig)
{
	(void)sig;
	hits++;
}

/*
 * A reader blocked on an empty pipe gets SIGALRM once it sleeps; the
 * helper then waits until the reader sleeps again (in the restarted read,
 * or in wait4 after EINTR) and writes one byte.  Returns read()'s result.
 */
static ssize_t interrupted_read(int flags, int *err)
{
	int p[2];
	char c;
	pid_t w, reader = getpid();
	ssize_t n;

	if (pipe(p) < 0)
		return -2;
	set_handler(SIGALRM, on_alarm, flags);
	w = fork();
	if (w == 0) {
		if (!wait_until_asleep(reader))
			_exit(1);
		kill(reader, SIGALRM);
		sleep_ms(20);
		if (!wait_until_asleep(reader))
			_exit(1);
		if (write(p[1], "x", 1) != 1)
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	n = read(p[0], &c, 1);
	*err = errno;
	wait_status(w);
	return n;
}

static void eintr_without_restart(void)
{
	int err = 0;
	ssize_t n = interrupted_read(0, &err);

	REQUIRE(n == -1 && err == EINTR, "read returned %zd (%s), want EINTR",
		n, errname(err));
	REQUIRE(hits == 1, "handler ran %d times", (int)hits);
}

static void sa_restart_resumes(void)
{
	int err = 0;
	ssize_t n = interrupted_read(SA_RESTART, &err);

	REQUIRE(n == 1, "read returned %zd (%s), want the byte after restart",
		n, errname(err));
	REQUIRE(hits == 1, "handler ran %d times", (int)hits);
}

static void alarm_delivers(void)
{
	long long t0 = now_ns(CLOCK_MONOTONIC);
	unsigned left;

	set_handler(SIGALRM, on_alarm, 0);
	REQUIRE(alarm(1) == 0, "no alarm was pending");
	REQUIRE_ERR(pause(), EINTR);
	REQUIRE_ELAPSED(t0, 1000, 1000 + SLACK_MS, "alarm(1)");
	REQUIRE(hits == 1, "handler ran %d times", (int)hits);
	/* alarm(2): the old alarm's seconds left, rounded (5 just set: 5). */
	REQUIRE(alarm(5) == 0, "an alarm was still pending");
	left = alarm(0);
	REQUIRE(left == 5, "alarm(0) right after alarm(5) returned %u, want 5", left);
}

static void setitimer_periodic(void)
{
	struct itimerval it = { { 0, 20000 }, { 0, 20000 } }, cur;
	long long t0;

	set_handler(SIGALRM, on_alarm, 0);
	t0 = now_ns(CLOCK_MONOTONIC);
	REQUIRE_OK(setitimer(ITIMER_REAL, &it, NULL));
	while (hits < 5 && now_ns(CLOCK_MONOTONIC) - t0 < 10000000000LL)
		pause();
	REQUIRE(hits >= 5, "only %d ticks in 10 s", (int)hits);
	REQUIRE_ELAPSED(t0, 100, 100 + SLACK_MS, "5 ticks of 20 ms");
	REQUIRE_OK(getitimer(ITIMER_REAL, &cur));
	REQUIRE(cur.it_interval.tv_usec == 20000 && cur.it_interval.tv_sec == 0,
		"interval %ld.%06ld", (long)cur.it_interval.tv_sec,
		(long)cur.it_interval.tv_usec);
	memset(&it, 0, sizeof it);
	REQUIRE_OK(setitimer(ITIMER_REAL, &it, &cur));
	REQUIRE_OK(getitimer(ITIMER_REAL, &cur));
	REQUIRE(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0,
		"timer still armed after disarming");
}

static void setitimer_errors(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 2000000 } };

	REQUIRE_ERR(setitimer(99, &it, NULL), EINVAL);
	REQUIRE_ERR(setitimer(ITIMER_REAL, &it, NULL), EINVAL);
	REQUIRE_ERR(syscall(SYS_getitimer, ITIMER_REAL, BADPTR), EFAULT);
}

static void nanosleep_interrupted(void)
{
	struct timespec req = { 5, 0 }, rem = { 0, 0 };
	long long t0, slept, left;
	pid_t h;

	set_handler(SIGALRM, on_alarm, 0);
	h = signal_when_asleep(getpid(), SIGALRM);
	t0 = now_ns(CLOCK_MONOTONIC);
	REQUIRE_ERR(nanosleep(&req, &rem), EINTR);
	slept = now_ns(CLOCK_MONOTONIC) - t0;
	wait_status(h);
	REQUIRE(hits == 1, "handler ran %d times", (int)hits);
	/* rem is what was left of the 5 s when the signal came: with the
	 * time it slept, 5 s (less a tick of rounding, more the time the
	 * call took to start and return). */
	left = rem.tv_sec * 1000000000LL + rem.tv_nsec;
	REQUIRE(rem.tv_nsec >= 0 && rem.tv_nsec < 1000000000L &&
		left + slept >= 4990000000LL &&
		left + slept <= (5000 + SLACK_MS) * 1000000LL,
		"remaining %lld ns after sleeping %lld ns of 5 s", left, slept);
}

static void sa_restart_sleep_not_restarted(void)
{
	struct timespec req = { 5, 0 };
	pid_t h;

	/* nanosleep is never restarted by SA_RESTART (signal(7)). */
	set_handler(SIGALRM, on_alarm, SA_RESTART);
	h = signal_when_asleep(getpid(), SIGALRM);
	REQUIRE_ERR(nanosleep(&req, NULL), EINTR);
	wait_status(h);
}

static void setitimer_oneshot(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	long long t0 = now_ns(CLOCK_MONOTONIC);

	set_handler(SIGALRM, on_alarm, 0);
	REQUIRE_OK(setitimer(ITIMER_REAL, &it, NULL));
	while (!hits && now_ns(CLOCK_MONOTONIC) - t0 < 10000000000LL)
		pause();
	REQUIRE(hits == 1, "one-shot timer: %d signals", (int)hits);
	REQUIRE_ELAPSED(t0, 50, 50 + SLACK_MS, "a 50 ms one-shot timer");
	sleep_ms(100);
	REQUIRE(hits == 1, "a one-shot timer fired again");
}

static void sigpipe_on_write(void)
{
	int p[2];

	REQUIRE_OK(pipe(p));
	close(p[0]);
	set_handler(SIGPIPE, count, 0);
	REQUIRE_ERR(write(p[1], "x", 1), EPIPE);
	REQUIRE(hits == 1, "SIGPIPE handler ran %d times", (int)hits);
}

static void exec_resets_handlers(void)
{
	char *argv[] = { "sh", "-c", "kill -USR1 $$; exit 3", NULL };
	pid_t pid;
	int st;

	set_handler(SIGUSR1, count, 0);
	pid = fork();
	if (pid == 0) {
		execve("/bin/sh", argv, argv + 3);
		_exit(127);
	}
	st = wait_status(pid);
	/* A caught signal reverts to SIG_DFL across execve: USR1 kills. */
	REQUIRE(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1,
		"status 0x%x, want killed by SIGUSR1", st);
}

/*
 * Init is protected (kill(2), signal(7)): SIGKILL and SIGSTOP sent to
 * PID 1 from user space succeed and do nothing; init keeps running.
 */
static void init_survives_sigkill_sigstop(void)
{
	REQUIRE_OK(kill(1, SIGSTOP));
	REQUIRE_OK(kill(1, SIGKILL));
	REQUIRE_OK(syscall(SYS_tgkill, 1, 1, SIGKILL));
	sleep_ms(50);
	char st = proc_state(1);

	REQUIRE(st == 'S' || st == 'R', "init's state is '%c' after SIGSTOP and SIGKILL", st ? st : '?');
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(sa_siginfo_kill),
		CHECK(sigqueue_value),
		CHECK(rt_signals_queue),
		CHECK(sa_resethand),
		CHECK(sa_nodefer),
		CHECK(sa_mask_blocks),
		CHECK(sigaction_errors),
		CHECK(sigprocmask_pending),
		CHECK(sigprocmask_errors),
		CHECK(sigsuspend_wakes),
		CHECK(sigtimedwait_takes),
		CHECK(sigtimedwait_timeout),
		CHECK(sigaltstack_used),
		CHECK(sigaltstack_errors),
		CHECK(tgkill_thread),
		CHECK(tgkill_errors),
		CHECK(kill_process_group),
		CHECK(sigchld_info),
		CHECK(sigchld_ignored_reaps),
		CHECK(default_actions),
		CHECK(eintr_without_restart),
		CHECK(sa_restart_resumes),
		CHECK(alarm_delivers),
		CHECK(setitimer_periodic),
		CHECK(setitimer_errors),
		CHECK(setitimer_oneshot),
		CHECK(nanosleep_interrupted),
		CHECK(sa_restart_sleep_not_restarted),
		CHECK(sigpipe_on_write),
		CHECK(exec_resets_handlers),
		CHECK(init_survives_sigkill_sigstop),
	};

	return run_checks("signal", checks, NCHECKS(checks));
}
