/*
 * fd_kinds.h: one descriptor of each kind, in the manner of LTP's
 * TST_FD_FOREACH, for the tests that check every kind (epoll_ctl06,
 * epoll_pwait06).  fd_kind_open(k, &desc, &err) opens kind k (0, 1, ...)
 * in the current directory, says what it is, and in err the errno
 * epoll_ctl(EPOLL_CTL_ADD) gives it (0: epoll accepts it).  It returns
 * -1 (errno set) when the kernel cannot make that kind, -2 past the last.
 */
#ifndef FD_KINDS_H
#define FD_KINDS_H

#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include "tst_test.h"

#ifndef __NR_pidfd_open
#define __NR_pidfd_open 434
#endif

static int fd_kind_open(int kind, const char **desc, int *err)
{
	static int pfd[2];
	sigset_t mask;

	*err = 0;
	switch (kind) {
	case 0: *desc = "regular file"; *err = EPERM;
		return open("file", O_RDWR | O_CREAT, 0600);
	case 1: *desc = "directory"; *err = EPERM;
		return open(".", O_RDONLY | O_DIRECTORY);
	case 2: *desc = "/dev/zero"; *err = EPERM;
		return open("/dev/zero", O_RDONLY);
	case 3: *desc = "/proc/self/maps"; *err = EPERM;
		return open("/proc/self/maps", O_RDONLY);
	case 4: *desc = "memfd"; *err = EPERM;
		return syscall(__NR_memfd_create, "ltp", 0);
	case 5: *desc = "O_PATH file"; *err = EBADF;
		return open("file", O_PATH);
	case 6: *desc = "pipe read end";
		if (pipe(pfd))
			return -1;
		close(pfd[1]);
		return pfd[0];
	case 7: *desc = "pipe write end";
		if (pipe(pfd))
			return -1;
		close(pfd[0]);
		return pfd[1];
	case 8: *desc = "unix socket";
		return socket(AF_UNIX, SOCK_STREAM, 0);
	case 9: *desc = "inet socket";
		return socket(AF_INET, SOCK_STREAM, 0);
	case 10: *desc = "epoll";
		return epoll_create1(0);
	case 11: *desc = "eventfd";
		return eventfd(0, 0);
	case 12: *desc = "signalfd";
		sigemptyset(&mask);
		sigaddset(&mask, SIGUSR1);
		return signalfd(-1, &mask, 0);
	case 13: *desc = "timerfd";
		return timerfd_create(CLOCK_MONOTONIC, 0);
	case 14: *desc = "inotify";
		return inotify_init1(0);
	case 15: *desc = "pidfd";
		return syscall(__NR_pidfd_open, getpid(), 0);
	}
	return -2;
}

#endif
