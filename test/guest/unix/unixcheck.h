/*
 * unixcheck.h - helpers shared by the AF_UNIX checks (unix(7)) of
 * test/guest/unix/: building addresses, poll masks, sending and
 * receiving descriptors and credentials, waiting for a file's EOF.
 */
#ifndef TERN_UNIXCHECK_H
#define TERN_UNIXCHECK_H

#include "../check.h"

#include <grp.h>
#include <poll.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <linux/sockios.h>

#define SUN_OFF ((socklen_t)offsetof(struct sockaddr_un, sun_path))

/* A pathname address and its length (path + NUL, as Linux counts it). */
__attribute__((unused)) static socklen_t path_addr(struct sockaddr_un *a, const char *path)
{
	memset(a, 0, sizeof *a);
	a->sun_family = AF_UNIX;
	memcpy(a->sun_path, path, strnlen(path, sizeof a->sun_path - 1));
	return SUN_OFF + (socklen_t)strlen(path) + 1;
}

/* An abstract address "\0name<pid>"; the length counts no NUL at the end. */
__attribute__((unused)) static socklen_t abstract_addr(struct sockaddr_un *a, const char *name)
{
	int n;

	memset(a, 0, sizeof *a);
	a->sun_family = AF_UNIX;
	n = snprintf(a->sun_path + 1, sizeof a->sun_path - 1, "%s.%d", name,
		     (int)getpid());
	return SUN_OFF + 1 + (socklen_t)n;
}

__attribute__((unused)) static int poll_mask(int fd)
{
	struct pollfd p = { fd, POLLIN | POLLOUT | POLLRDHUP | POLLPRI, 0 };

	if (poll(&p, 1, 0) < 0)
		return -1;
	return p.revents;
}

/* Wait up to ms for events on fd; returns revents (0: timed out). */
__attribute__((unused)) static int poll_wait(int fd, short events, int ms)
{
	struct pollfd p = { fd, events, 0 };

	if (poll(&p, 1, ms) <= 0)
		return 0;
	return p.revents;
}

/* A listening socket of `type` bound to path; -1 on failure. */
__attribute__((unused)) static int listener(int type, const char *path, int backlog)
{
	struct sockaddr_un a;
	socklen_t len = path_addr(&a, path);
	int fd = socket(AF_UNIX, type, 0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&a, len) < 0 ||
	    listen(fd, backlog) < 0)
		return -1;
	return fd;
}

__attribute__((unused)) static int connect_path(int fd, const char *path)
{
	struct sockaddr_un a;
	socklen_t len = path_addr(&a, path);

	return connect(fd, (struct sockaddr *)&a, len);
}

/* sendmsg of `data` with n descriptors in one SCM_RIGHTS message. */
__attribute__((unused)) static ssize_t send_fds(int sock, const void *data, size_t len,
			const int *fds, int n)
{
	char cbuf[CMSG_SPACE(sizeof(int) * 8)];
	struct iovec iov = { (void *)data, len };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *c;

	if (n) {
		memset(cbuf, 0, sizeof cbuf);
		m.msg_control = cbuf;
		m.msg_controllen = CMSG_SPACE(sizeof(int) * n);
		c = CMSG_FIRSTHDR(&m);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int) * n);
		memcpy(CMSG_DATA(c), fds, sizeof(int) * n);
	}
	return sendmsg(sock, &m, 0);
}

/*
 * recvmsg into buf with a control buffer of clen bytes; the descriptors
 * of the first SCM_RIGHTS message go to fds (count in *nfds), msg_flags
 * to *mflags.
 */
__attribute__((unused)) static ssize_t recv_fds(int sock, void *buf, size_t len, size_t clen,
			int flags, int *fds, int *nfds, int *mflags)
{
	union { char b[1024]; struct cmsghdr align; } cbuf;
	struct iovec iov = { buf, len };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *c;
	ssize_t r;

	*nfds = 0;
	memset(&cbuf, 0, sizeof cbuf);
	if (clen) {
		m.msg_control = cbuf.b;
		m.msg_controllen = clen;
	}
	r = recvmsg(sock, &m, flags);
	if (r < 0)
		return r;
	*mflags = m.msg_flags;
	for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
			*nfds = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
			memcpy(fds, CMSG_DATA(c), sizeof(int) * *nfds);
			break;
		}
	return r;
}

/* 1 when the pipe read end sees EOF within ms, 0 when it does not. */
__attribute__((unused)) static int pipe_eof(int rfd, int ms)
{
	char c;

	if (!(poll_wait(rfd, POLLIN, ms) & (POLLIN | POLLHUP)))
		return 0;
	return read(rfd, &c, 1) == 0;
}

/* Become nobody (65534) for checks of permissions. */
__attribute__((unused)) static int become_nobody(void)
{
	return setgroups(0, NULL) == 0 && setresgid(65534, 65534, 65534) == 0 &&
	       setresuid(65534, 65534, 65534) == 0;
}

#endif
