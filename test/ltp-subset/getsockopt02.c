/*
 * getsockopt02: SO_PEERCRED on a UNIX stream connection accepted from a
 * thread of this process gives this process's pid.
 */
#include "tst_test.h"
#include <pthread.h>
#include <sys/un.h>

#define SOCKNAME "testsocket"

static int socket_fd = -1, accepted = -1;
static struct sockaddr_un sun = { .sun_family = AF_UNIX, .sun_path = SOCKNAME };
static pthread_t tid;
static int thread_started;

static void setup(void)
{
	socket_fd = SAFE_SOCKET(AF_UNIX, SOCK_STREAM, 0);
	SAFE_BIND(socket_fd, (struct sockaddr *)&sun, sizeof(sun));
	SAFE_LISTEN(socket_fd, SOMAXCONN);
}

static void *thread_func(void *arg)
{
	int fd = SAFE_SOCKET(AF_UNIX, SOCK_STREAM, 0);

	SAFE_CONNECT(fd, (struct sockaddr *)&sun, sizeof(sun));
	TST_CHECKPOINT_WAIT(0);
	SAFE_CLOSE(fd);
	return arg;
}

static void run(void)
{
	struct ucred cred;
	socklen_t cred_len = sizeof(cred);
	int err;

	err = pthread_create(&tid, NULL, thread_func, NULL);
	if (err)
		tst_brk(TBROK, "pthread_create() failed: %s", tst_strerrno(err));
	thread_started = 1;
	accepted = accept(socket_fd, NULL, NULL);
	if (accepted < 0) {
		tst_res(TFAIL | TERRNO, "Error with accepting connection");
	} else if (getsockopt(accepted, SOL_SOCKET, SO_PEERCRED, &cred, &cred_len) < 0) {
		tst_res(TFAIL | TERRNO, "Error while getting socket option");
	} else if (cred.pid != getpid()) {
		tst_res(TFAIL, "Received wrong PID %d, expected %d", cred.pid, getpid());
	} else {
		tst_res(TPASS, "Test passed");
	}
	if (accepted >= 0)
		SAFE_CLOSE(accepted);
	TST_CHECKPOINT_WAKE(0);
}

static void cleanup(void)
{
	if (accepted >= 0)
		SAFE_CLOSE(accepted);
	if (socket_fd >= 0)
		SAFE_CLOSE(socket_fd);
	if (thread_started)
		pthread_join(tid, NULL);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.needs_checkpoints = 1,
};
