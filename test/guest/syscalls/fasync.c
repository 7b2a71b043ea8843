/*
 * fasync.c - signal-driven I/O: F_SETOWN/F_GETOWN, F_SETOWN_EX/
 * F_GETOWN_EX, F_SETSIG/F_GETSIG and O_ASYNC on pipes and sockets; the
 * socket ioctls FIOSETOWN/SIOCGPGRP.  fcntl(2), sigaction(2) (SIGPOLL's
 * si_code, si_band, si_fd).
 */
#define _GNU_SOURCE
#include "../check.h"

#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>

static void owner_commands(void)
{
	int p[2];
	struct f_owner_ex ex;

	REQUIRE_OK(pipe(p));
	REQUIRE_RET(fcntl(p[0], F_GETOWN), 0);
	memset(&ex, 0xff, sizeof(ex));
	REQUIRE_OK(fcntl(p[0], F_GETOWN_EX, &ex));
	REQUIRE(ex.type == 0 && ex.pid == 0, "no owner yet: type %d pid %d", ex.type, ex.pid);
	REQUIRE_OK(fcntl(p[0], F_SETOWN, getpid()));
	REQUIRE_RET(fcntl(p[0], F_GETOWN), getpid());
	REQUIRE_OK(fcntl(p[0], F_GETOWN_EX, &ex));
	REQUIRE(ex.type == F_OWNER_PID && ex.pid == getpid(), "type %d pid %d", ex.type, ex.pid);
	REQUIRE_OK(fcntl(p[0], F_SETOWN, -getpgrp()));
	REQUIRE_RET(fcntl(p[0], F_GETOWN), -getpgrp());
	REQUIRE_OK(fcntl(p[0], F_GETOWN_EX, &ex));
	REQUIRE(ex.type == F_OWNER_PGRP && ex.pid == getpgrp(), "type %d pid %d", ex.type, ex.pid);
	ex.type = F_OWNER_TID;
	ex.pid = gettid();
	REQUIRE_OK(fcntl(p[0], F_SETOWN_EX, &ex));
	REQUIRE_RET(fcntl(p[0], F_GETOWN), gettid());
	/* The owner belongs to the open file description: a dup sees it. */
	int d = dup(p[0]);
	REQUIRE_RET(fcntl(d, F_GETOWN), gettid());
	REQUIRE_OK(close(d));
	REQUIRE_OK(fcntl(p[0], F_SETOWN, 0));
	REQUIRE_RET(fcntl(p[0], F_GETOWN), 0);

	REQUIRE_ERR(fcntl(p[0], F_SETOWN, 0x7ffffff0), ESRCH);
	REQUIRE_ERR(fcntl(p[0], F_SETOWN, -0x7ffffff0), ESRCH);
	ex.type = 3;
	ex.pid = getpid();
	REQUIRE_ERR(fcntl(p[0], F_SETOWN_EX, &ex), EINVAL);
	REQUIRE_ERR(fcntl(p[0], F_SETOWN_EX, (void *)8), EFAULT);
	REQUIRE_ERR(fcntl(p[0], F_GETOWN_EX, (void *)8), EFAULT);
	REQUIRE_ERR(fcntl(-1, F_SETOWN, getpid()), EBADF);

	REQUIRE_RET(fcntl(p[0], F_GETSIG), 0);
	REQUIRE_OK(fcntl(p[0], F_SETSIG, SIGRTMIN + 1));
	REQUIRE_RET(fcntl(p[0], F_GETSIG), SIGRTMIN + 1);
	REQUIRE_ERR(fcntl(p[0], F_SETSIG, 65), EINVAL);
	REQUIRE_OK(fcntl(p[0], F_SETSIG, 0));
	REQUIRE_RET(fcntl(p[0], F_GETSIG), 0);
	close(p[0]);
	close(p[1]);
}

/* O_ASYNC on a pipe's read end: a write sends SIGIO (SI_KERNEL) to the owner. */
static void pipe_sigio(void)
{
	int p[2];
	siginfo_t si;

	block_signal(SIGIO);
	REQUIRE_OK(pipe(p));
	REQUIRE_OK(fcntl(p[0], F_SETOWN, getpid()));
	REQUIRE_OK(fcntl(p[0], F_SETFL, O_ASYNC));
	REQUIRE(fcntl(p[0], F_GETFL) & O_ASYNC, "O_ASYNC not kept");
	REQUIRE_RET(wait_signal(SIGIO, &si, 0), -1);
	REQUIRE_RET(write(p[1], "x", 1), 1);
	REQUIRE_RET(wait_signal(SIGIO, &si, 2000), SIGIO);
	REQUIRE(si.si_code == SI_KERNEL, "si_code %d, want SI_KERNEL", si.si_code);
	/* Off again: no signal. */
	REQUIRE_OK(fcntl(p[0], F_SETFL, 0));
	REQUIRE_RET(write(p[1], "y", 1), 1);
	REQUIRE_RET(wait_signal(SIGIO, &si, 100), -1);
	/* No owner: no signal. */
	REQUIRE_OK(fcntl(p[0], F_SETOWN, 0));
	REQUIRE_OK(fcntl(p[0], F_SETFL, O_ASYNC));
	REQUIRE_RET(write(p[1], "z", 1), 1);
	REQUIRE_RET(wait_signal(SIGIO, &si, 100), -1);
	close(p[0]);
	close(p[1]);
}

/* F_SETSIG: the chosen signal with si_code POLL_IN, si_band and si_fd. */
static void pipe_setsig_info(void)
{
	int p[2], sig = SIGRTMIN + 2;
	siginfo_t si;

	block_signal(sig);
	REQUIRE_OK(pipe(p));
	int fd = fcntl(p[0], F_DUPFD, 20);
	REQUIRE(fd >= 20, "F_DUPFD: %d", fd);
	REQUIRE_OK(fcntl(fd, F_SETOWN, getpid()));
	REQUIRE_OK(fcntl(fd, F_SETSIG, sig));
	REQUIRE_OK(fcntl(fd, F_SETFL, O_ASYNC | O_NONBLOCK));
	REQUIRE_RET(write(p[1], "x", 1), 1);
	REQUIRE_RET(wait_signal(sig, &si, 2000), sig);
	REQUIRE(si.si_code == POLL_IN, "si_code %d, want POLL_IN", si.si_code);
	REQUIRE(si.si_fd == fd, "si_fd %d, want %d", si.si_fd, fd);
	REQUIRE(si.si_band == (POLLIN | POLLRDNORM), "si_band %#lx", (long)si.si_band);
	close(fd);
	close(p[0]);
	close(p[1]);
}

/* The write end: reading from a full pipe makes room, POLL_OUT. */
static void pipe_writer_poll_out(void)
{
	int p[2], sig = SIGRTMIN + 3;
	siginfo_t si;
	char buf[4096];

	block_signal(sig);
	REQUIRE_OK(pipe(p));
	REQUIRE_OK(fcntl(p[1], F_SETFL, O_NONBLOCK));
	memset(buf, 'a', sizeof(buf));
	while (write(p[1], buf, sizeof(buf)) > 0)
		;
	REQUIRE_OK(fcntl(p[1], F_SETOWN, getpid()));
	REQUIRE_OK(fcntl(p[1], F_SETSIG, sig));
	REQUIRE_OK(fcntl(p[1], F_SETFL, O_ASYNC | O_NONBLOCK));
	REQUIRE_RET(wait_signal(sig, &si, 0), -1);
	REQUIRE_RET(read(p[0], buf, sizeof(buf)), (ssize_t)sizeof(buf));
	REQUIRE_RET(wait_signal(sig, &si, 2000), sig);
	REQUIRE(si.si_code == POLL_OUT, "si_code %d, want POLL_OUT", si.si_code);
	REQUIRE(si.si_band == (POLLOUT | POLLWRNORM | POLLWRBAND), "si_band %#lx", (long)si.si_band);
	REQUIRE(si.si_fd == p[1], "si_fd %d, want %d", si.si_fd, p[1]);
	close(p[0]);
	close(p[1]);
}

/* A child owns the fd; the parent's write signals the child, not itself. */
static void owner_is_another_process(void)
{
	int p[2], go[2];
	siginfo_t si;

	block_signal(SIGIO);
	REQUIRE_OK(pipe(p));
	REQUIRE_OK(pipe(go));
	pid_t pid = fork();
	if (pid == 0) {
		char c;

		if (read(go[0], &c, 1) != 1)
			_exit(3);
		_exit(wait_signal(SIGIO, &si, 3000) == SIGIO ? 0 : 1);
	}
	REQUIRE(pid > 0, "fork");
	REQUIRE_OK(fcntl(p[0], F_SETOWN, pid));
	REQUIRE_OK(fcntl(p[0], F_SETFL, O_ASYNC));
	REQUIRE_RET(write(go[1], "g", 1), 1);
	REQUIRE_RET(write(p[1], "x", 1), 1);
	REQUIRE_RET(wait_signal(SIGIO, &si, 100), -1);
	REQUIRE_RET(wait_status(pid), 0);
	close(p[0]);
	close(p[1]);
	close(go[0]);
	close(go[1]);
}

/* Sockets: data arriving on an O_ASYNC socket; the owner set by ioctl. */
static void socket_sigio(void)
{
	int sv[2], sig = SIGRTMIN + 4, v = 0;
	siginfo_t si;

	block_signal(sig);
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	v = getpid();
	REQUIRE_OK(ioctl(sv[0], FIOSETOWN, &v));
	v = 0;
	REQUIRE_OK(ioctl(sv[0], SIOCGPGRP, &v));
	REQUIRE(v == getpid(), "SIOCGPGRP %d", v);
	REQUIRE_RET(fcntl(sv[0], F_GETOWN), getpid());
	REQUIRE_OK(fcntl(sv[0], F_SETSIG, sig));
	v = 1;
	REQUIRE_OK(ioctl(sv[0], FIOASYNC, &v));
	REQUIRE(fcntl(sv[0], F_GETFL) & O_ASYNC, "FIOASYNC did not set O_ASYNC");
	while (wait_signal(sig, &si, 0) == sig)	/* room to write may have been told */
		;
	REQUIRE_RET(send(sv[1], "hi", 2, 0), 2);
	REQUIRE_RET(wait_signal(sig, &si, 2000), sig);
	REQUIRE(si.si_code == POLL_IN, "si_code %d, want POLL_IN", si.si_code);
	REQUIRE(si.si_fd == sv[0], "si_fd %d", si.si_fd);
	close(sv[0]);
	close(sv[1]);

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	REQUIRE_OK(fcntl(sv[0], F_SETOWN, getpid()));
	REQUIRE_OK(fcntl(sv[0], F_SETSIG, sig));
	REQUIRE_OK(fcntl(sv[0], F_SETFL, O_ASYNC));
	REQUIRE_RET(send(sv[1], "d", 1, 0), 1);
	REQUIRE_RET(wait_signal(sig, &si, 2000), sig);
	REQUIRE(si.si_code == POLL_IN, "datagram si_code %d", si.si_code);
	close(sv[0]);
	close(sv[1]);
}

/* A socket's room to write signals only after a send found none. */
static void socket_room_after_eagain(void)
{
	int sv[2], sig = SIGRTMIN + 5;
	siginfo_t si;
	char buf[4096];

	block_signal(sig);
	memset(buf, 'r', sizeof(buf));
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	REQUIRE_OK(fcntl(sv[0], F_SETOWN, getpid()));
	REQUIRE_OK(fcntl(sv[0], F_SETSIG, sig));
	REQUIRE_OK(fcntl(sv[0], F_SETFL, O_ASYNC | O_NONBLOCK));
	/* Data that leaves and is read: room comes back, nobody asked. */
	REQUIRE_RET(send(sv[0], buf, 100, 0), 100);
	REQUIRE_RET(recv(sv[1], buf, 100, 0), 100);
	REQUIRE_RET(wait_signal(sig, &si, 100), -1);
	/* Fill until EAGAIN, then drain: POLL_OUT. */
	int n = 0;
	while (send(sv[0], buf, sizeof(buf), 0) > 0 && n < 10000)
		n++;
	REQUIRE(errno == EAGAIN, "the send that stopped: %s", errname(errno));
	REQUIRE_RET(wait_signal(sig, &si, 0), -1);
	REQUIRE_OK(fcntl(sv[1], F_SETFL, O_NONBLOCK));
	while (recv(sv[1], buf, sizeof(buf), 0) > 0)
		;
	REQUIRE_RET(wait_signal(sig, &si, 2000), sig);
	REQUIRE(si.si_code == POLL_OUT, "si_code %d, want POLL_OUT", si.si_code);
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(owner_commands),
		CHECK(pipe_sigio),
		CHECK(pipe_setsig_info),
		CHECK(pipe_writer_poll_out),
		CHECK(owner_is_another_process),
		CHECK(socket_sigio),
		CHECK(socket_room_after_eagain),
	};

	return run_checks("fasync", checks, NCHECKS(checks));
}
