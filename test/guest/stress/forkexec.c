/*
 * forkexec.c - stress: 1,000 rounds of fork + execve + wait4, each child
 * re-executing this program in its "child" role, which exits with a status
 * derived from its argument, so every round checks a distinct exit code.
 * Also 200 rounds of vfork + execve, and 500 threads created and joined.
 */
/* TCG on a busy machine: allow minutes, not seconds, per stress check. */
#define CHECK_LIMIT_MS 240000
#include "../check.h"

#include <pthread.h>

#define ROUNDS 1000

static char self[256];

static void fork_exec_wait_1000(void)
{
	char arg[16];
	char *argv[] = { "forkexec", "child", arg, NULL };
	char *envp[] = { NULL };
	long long t0 = mono_ms();
	int i, st;
	pid_t pid;

	for (i = 0; i < ROUNDS; i++) {
		snprintf(arg, sizeof arg, "%d", i);
		pid = fork();
		if (pid == 0) {
			execve(self, argv, envp);
			_exit(255);
		}
		REQUIRE(pid > 0, "round %d: fork: %s", i, errname(errno));
		st = wait_status(pid);
		REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == i % 200,
			"round %d: status 0x%x, want exit %d", i, st, i % 200);
	}
	REQUIRE(wait(&st) == -1 && errno == ECHILD, "a child is left over");
	/* Reported for the record; a test never fails on speed alone. */
	dprintf(2, "# %d fork+exec+wait rounds in %lld ms\n", ROUNDS,
		mono_ms() - t0);
}

static void vfork_exec_wait_200(void)
{
	char arg[16];
	char *argv[] = { "forkexec", "child", arg, NULL };
	char *envp[] = { NULL };
	volatile int i;
	int st;
	pid_t pid;

	for (i = 0; i < 200; i++) {
		snprintf(arg, sizeof arg, "%d", i + 7);
		pid = vfork();
		if (pid == 0) {
			execve(self, argv, envp);
			_exit(255);
		}
		REQUIRE(pid > 0, "round %d: vfork: %s", i, errname(errno));
		st = wait_status(pid);
		REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == (i + 7) % 200,
			"round %d: status 0x%x", i, st);
	}
}

static void *thread_fn(void *p)
{
	return (char *)p + 1;
}

static void threads_500(void)
{
	pthread_t t;
	void *ret;
	int i;

	for (i = 0; i < 500; i++) {
		REQUIRE_RET(pthread_create(&t, NULL, thread_fn, (char *)0 + i), 0);
		REQUIRE_RET(pthread_join(t, &ret), 0);
		REQUIRE(ret == (char *)0 + i + 1, "round %d: join value", i);
	}
}

int main(int argc, char **argv)
{
	static const struct check checks[] = {
		CHECK(fork_exec_wait_1000),
		CHECK(vfork_exec_wait_200),
		CHECK(threads_500),
	};
	ssize_t n;

	if (argc == 3 && !strcmp(argv[1], "child"))
		return atoi(argv[2]) % 200;
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0) {
		emit("FAIL", "stress", "setup", "readlink /proc/self/exe failed");
		return 1;
	}
	self[n] = 0;
	return run_checks("stress", checks, NCHECKS(checks));
}
