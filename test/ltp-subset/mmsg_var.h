/*
 * mmsg_var.h: the variants of the sendmmsg/recvmmsg tests, as LTP has
 * them on x86_64: 0 is libc's sendmmsg()/recvmmsg(), 1 the system calls
 * (x86_64 has no recvmmsg_time64; its timespec is already 64-bit).
 *
 * musl's wrappers touch the vector in user space before any system call
 * (recvmmsg clears padding in each msghdr, sendmmsg is a loop of
 * sendmsg, which copies each msghdr), so a bad vector address given to
 * libc is SIGSEGV rather than EFAULT: mmsg_exp_fail_bad_addr() runs such
 * a case in a child, as LTP's recvmmsg01 runs its bad timeout.
 */
#ifndef MMSG_VAR_H
#define MMSG_VAR_H

#define TEST_VARIANTS	2

static inline int do_sendmmsg(int fd, struct mmsghdr *vec, unsigned int vlen, int flags)
{
	if (tst_variant == 0)
		return sendmmsg(fd, vec, vlen, flags);
	return tst_syscall(__NR_sendmmsg, fd, vec, vlen, flags);
}

static inline int do_recvmmsg(int fd, struct mmsghdr *vec, unsigned int vlen, int flags,
			      struct timespec *timeout)
{
	if (tst_variant == 0)
		return recvmmsg(fd, vec, vlen, flags, timeout);
	return tst_syscall(__NR_recvmmsg, fd, vec, vlen, flags, timeout);
}

static inline void mmsg_variant_info(void)
{
	tst_res(TINFO, "Testing variant: %s",
		tst_variant == 0 ? "libc sendmmsg/recvmmsg" : "sendmmsg/recvmmsg syscalls");
}

/*
 * The tests' pair: a UDP receiver bound to 127.0.0.1 at a free port and
 * a sender connected to it; mmsg_udp_close() closes what is open.
 */
static inline void mmsg_udp_pair(int *send_fd, int *recv_fd)
{
	struct sockaddr_in addr = { .sin_family = AF_INET };

	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	addr.sin_port = tst_get_unused_port(AF_INET, SOCK_DGRAM);
	*send_fd = SAFE_SOCKET(AF_INET, SOCK_DGRAM, 0);
	*recv_fd = SAFE_SOCKET(AF_INET, SOCK_DGRAM, 0);
	SAFE_BIND(*recv_fd, (struct sockaddr *)&addr, sizeof(addr));
	SAFE_CONNECT(*send_fd, (struct sockaddr *)&addr, sizeof(addr));
}

static inline void mmsg_udp_close(int *send_fd, int *recv_fd)
{
	if (*send_fd >= 0)
		SAFE_CLOSE(*send_fd);
	if (*recv_fd >= 0)
		SAFE_CLOSE(*recv_fd);
}

/*
 * Runs verify(i) (which reports the expected failure) in a child.  The
 * child's own verdict stands if it exits; killed by SIGSEGV is a pass
 * only in the libc variant (the wrapper faulted on the bad address).
 */
static inline void mmsg_exp_fail_bad_addr(void (*verify)(unsigned int), unsigned int i)
{
	int status;
	pid_t pid = SAFE_FORK();

	if (!pid) {
		verify(i);
		exit(0);
	}
	SAFE_WAITPID(pid, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return;
	if (tst_variant == 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV) {
		tst_res(TPASS, "Child killed by expected signal (libc touched the bad address)");
		return;
	}
	if (WIFSIGNALED(status))
		tst_res(TFAIL, "Child killed by %s", tst_strsig(WTERMSIG(status)));
	else
		tst_res(TFAIL, "Child exited with %d", WEXITSTATUS(status));
}

#endif
