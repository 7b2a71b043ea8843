/*
 * proc.c - memory and processes: touching fresh anonymous memory (ns per
 * 4 KiB page: mmap, one write per page, munmap), fork(2)+execve(2)+
 * wait4(2) of this same static program with -x (per second),
 * pthread_create(3)+pthread_join(3) (per second), a context switch
 * through a pipe ping-pong between two processes (ns per round trip:
 * two switches, two writes, two reads), and a futex ping-pong between two
 * threads (ns per round trip: two FUTEX_WAKEs, two FUTEX_WAITs, two
 * switches).
 */
#include "bench.h"
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define PAGE 4096

static const char *self = "/proc/self/exe";

static int b_pagetouch(void)
{
	size_t len = bench_smoke ? (1u << 20) : (16u << 20);
	uint64_t pages = 0, nonzero = 0;
	double t0 = now(), t = t0;
	do {
		unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return fail_errno("page_touch", "mmap %zu bytes", len);
		/* Fresh anonymous memory reads as zero (mmap(2)). */
		for (size_t o = 0; o < len; o += PAGE) {
			nonzero += p[o + 64] != 0;
			p[o] = (unsigned char)(o >> 12);
		}
		for (size_t o = 0; o < len; o += PAGE)
			nonzero += p[o] != (unsigned char)(o >> 12);
		if (munmap(p, len) != 0)
			return fail_errno("page_touch", "munmap");
		pages += len / PAGE;
	} while ((t = now()) - t0 < bench_secs());
	if (nonzero)
		return fail_data("page_touch", "%llu pages not zero when fresh or lost a write",
				 (unsigned long long)nonzero);
	figure("page_touch", (t - t0) * 1e9 / (double)pages, "ns/page", "lower");
	return 0;
}

static int b_forkexec(void)
{
	uint64_t n = 0;
	double t0 = now(), t = t0;
	do {
		int code = (int)(n % 100) + 1;
		char arg[8];
		snprintf(arg, sizeof arg, "%d", code);
		pid_t pid = fork();
		if (pid < 0)
			return fail_errno("fork_exec", "fork");
		if (pid == 0) {
			char *av[] = { (char *)self, "-x", arg, NULL };
			execv(self, av);
			_exit(127);
		}
		int st;
		if (waitpid(pid, &st, 0) != pid)
			return fail_errno("fork_exec", "waitpid");
		if (!WIFEXITED(st) || WEXITSTATUS(st) != code)
			return fail_data("fork_exec", "child status 0x%x, want exit %d", st, code);
		n++;
	} while ((t = now()) - t0 < bench_secs());
	figure("fork_exec", (double)n / (t - t0), "/s", "higher");
	return 0;
}

static void *thread_fn(void *arg)
{
	return (void *)((uintptr_t)arg + 1);
}

static int b_thread(void)
{
	uint64_t n = 0;
	double t0 = now(), t = t0;
	do {
		pthread_t th;
		void *ret;
		int e = pthread_create(&th, NULL, thread_fn, (void *)(uintptr_t)n);
		if (e != 0) {
			errno = e;
			return fail_errno("pthread", "pthread_create");
		}
		if ((e = pthread_join(th, &ret)) != 0) {
			errno = e;
			return fail_errno("pthread", "pthread_join");
		}
		if ((uintptr_t)ret != n + 1)
			return fail_data("pthread", "thread returned %lu, want %llu",
					 (unsigned long)(uintptr_t)ret, (unsigned long long)n + 1);
		n++;
	} while ((t = now()) - t0 < bench_secs());
	figure("pthread", (double)n / (t - t0), "/s", "higher");
	return 0;
}

static int b_ctxswitch(void)
{
	int ab[2], ba[2];
	if (pipe(ab) != 0 || pipe(ba) != 0)
		return fail_errno("ctx_switch", "pipe");
	pid_t pid = fork();
	if (pid < 0)
		return fail_errno("ctx_switch", "fork");
	if (pid == 0) {
		/* Echo each byte plus one until the parent closes its end. */
		unsigned char c;
		close(ab[1]);
		close(ba[0]);
		while (read(ab[0], &c, 1) == 1) {
			c++;
			if (write(ba[1], &c, 1) != 1)
				_exit(1);
		}
		_exit(0);
	}
	close(ab[0]);
	close(ba[1]);
	uint64_t n = 0, bad = 0;
	double t0 = now(), t = t0;
	do {
		for (int i = 0; i < 100; i++) {
			unsigned char c = (unsigned char)n, r = 0;
			if (write(ab[1], &c, 1) != 1 || read(ba[0], &r, 1) != 1) {
				kill(pid, SIGKILL);
				waitpid(pid, NULL, 0);
				return fail_errno("ctx_switch", "ping-pong write/read");
			}
			bad += r != (unsigned char)(c + 1);
			n++;
		}
	} while ((t = now()) - t0 < bench_secs());
	close(ab[1]);
	close(ba[0]);
	int st;
	waitpid(pid, &st, 0);
	if (bad)
		return fail_data("ctx_switch", "%llu wrong answers", (unsigned long long)bad);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return fail_data("ctx_switch", "echo child status 0x%x", st);
	figure("ctx_switch", (t - t0) * 1e9 / (double)n, "ns", "lower");
	return 0;
}

/* The futex ping-pong: turn says whose move it is (even: the main
 * thread's, odd: the partner's); each side bumps it and wakes the other. */
static volatile int turn;
static volatile int futex_stop;

static long futex(volatile int *uaddr, int op, int val)
{
	return syscall(SYS_futex, uaddr, op, val, NULL, NULL, 0);
}

/* Wait while *uaddr == val (the other side has not moved yet). */
static void wait_turn(int val)
{
	while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) == val)
		futex(&turn, FUTEX_WAIT_PRIVATE, val);
}

static void pass_turn(int from)
{
	__atomic_store_n(&turn, from + 1, __ATOMIC_RELEASE);
	futex(&turn, FUTEX_WAKE_PRIVATE, 1);
}

static void *futex_partner(void *arg)
{
	(void)arg;
	for (int t = 1;; t += 2) {
		wait_turn(t - 1);	/* until the main thread made it t */
		if (futex_stop)
			return NULL;
		if (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != t)
			return (void *)1;	/* a move got lost or doubled */
		pass_turn(t);
	}
}

static int b_futex(void)
{
	pthread_t th;
	void *ret;
	uint64_t n = 0;
	int e;

	turn = 0;
	futex_stop = 0;
	if ((e = pthread_create(&th, NULL, futex_partner, NULL)) != 0) {
		errno = e;
		return fail_errno("futex_rtt", "pthread_create");
	}
	double t0 = now(), t = t0;
	do {
		for (int i = 0; i < 100; i++, n++) {
			int mine = (int)(2 * n);

			pass_turn(mine);		/* turn = 2n+1: the partner's */
			wait_turn(mine + 1);	/* until it makes it 2n+2 */
		}
	} while ((t = now()) - t0 < bench_secs());
	futex_stop = 1;
	pass_turn((int)(2 * n));
	if ((e = pthread_join(th, &ret)) != 0) {
		errno = e;
		return fail_errno("futex_rtt", "pthread_join");
	}
	if (ret || turn != (int)(2 * n + 1))
		return fail_data("futex_rtt", "the turn counter is %d after %llu round trips",
				 turn, (unsigned long long)n);
	figure("futex_rtt", (t - t0) * 1e9 / (double)n, "ns", "lower");
	return 0;
}

static const struct bench table[] = {
	{ "page_touch", b_pagetouch },
	{ "fork_exec", b_forkexec },
	{ "pthread", b_thread },
	{ "ctx_switch", b_ctxswitch },
	{ "futex_rtt", b_futex },
};

int main(int argc, char **argv)
{
	/* The exec target: this program by the path it was started with. */
	if (argc > 0 && argv[0][0] == '/')
		self = argv[0];
	return bench_main(table, NBENCH(table), argc, argv);
}
