/*
 * sendmsg02: a race between sendmsg(2) on an AF_UNIX datagram socket
 * and the close of the socket bound to its destination (Linux fixed a
 * NULL dereference in unix_release): client/server process pairs (four
 * per CPU) create, send to, bind and close sockets of the same path
 * until told to stop; every child must exit 0.  LTP runs 15 s and stops
 * them with a SysV semaphore; this test runs 2 s (the emulator is slow)
 * and uses a flag on a shared page.  LTP's pair also shares a pipe,
 * which its parent closes before the client starts (so it carries
 * nothing); it is left out here.
 */
#include "tst_test.h"
#include <sched.h>
#include <sys/un.h>

static volatile int *running;

static void client(int id)
{
	char data[] = "123456789";
	struct sockaddr_un sa;
	struct iovec w = { data, 10 };
	struct msghdr mh;
	int fd;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "socket_test%d", id);
	memset(&mh, 0, sizeof(mh));
	mh.msg_name = &sa;
	mh.msg_namelen = sizeof(sa);
	mh.msg_iov = &w;
	mh.msg_iovlen = 1;
	do {
		fd = socket(AF_UNIX, SOCK_DGRAM, 0);
		sendmsg(fd, &mh, MSG_NOSIGNAL);
		close(fd);
	} while (*running);
}

/* Binds the path the client sends to and closes it, again and again. */
static void server(int id)
{
	struct sockaddr_un sa;
	int fd;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "socket_test%d", id);
	do {
		fd = socket(AF_UNIX, SOCK_DGRAM, 0);
		unlink(sa.sun_path);
		bind(fd, (struct sockaddr *)&sa, sizeof(sa));
		sched_yield();
		close(fd);
	} while (*running);
}

static void setup(void)
{
	running = SAFE_MMAP(NULL, sizeof(int), PROT_READ | PROT_WRITE,
			    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
}

static void run(void)
{
	int pairs = sysconf(_SC_NPROCESSORS_ONLN) * 4, count = 0, status;
	pid_t *pids = SAFE_MALLOC(sizeof(pid_t) * pairs * 2);
	int failed = 0;

	*running = 1;
	for (int i = 0; i < pairs * 2; i++) {
		pid_t pid;

		pid = SAFE_FORK();
		if (!pid) {
			if (i % 2 == 0)
				server(i);
			else
				client(i - 1);
			exit(0);
		}
		pids[count++] = pid;
	}
	sleep(2);
	*running = 0;
	for (int i = 0; i < count; i++) {
		SAFE_WAITPID(pids[i], &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			tst_res(TFAIL, "child %d returns %d", i, status);
			failed = 1;
		}
	}
	free(pids);
	if (!failed)
		tst_res(TPASS, "finished after 2 seconds, %d processes", count);
}

static struct tst_test test = {
	.setup = setup,
	.test_all = run,
	.needs_root = 1,
	.needs_tmpdir = 1,
	.forks_child = 1,
};
