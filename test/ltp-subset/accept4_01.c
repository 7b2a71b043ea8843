/*
 * accept4_01: accept4(2) with each combination of SOCK_CLOEXEC and
 * SOCK_NONBLOCK gives a descriptor whose FD_CLOEXEC (F_GETFD) and
 * O_NONBLOCK (F_GETFL) match the flags.  Variants: libc accept4(), the
 * raw __NR_accept4 and socketcall(SYS_ACCEPT4), which x86_64 does not
 * have (TCONF there, as in LTP).  Addresses in guarded buffers.
 */
#include "tst_test.h"

/* x86_64 has no socketcall: a number no kernel knows gives ENOSYS. */
#ifdef __NR_socketcall
#define TST_NR_SOCKETCALL __NR_socketcall
#else
#define TST_NR_SOCKETCALL (-1)
#endif
#define SYS_ACCEPT4_CALL 18

static const char *const variant_desc[] = {
	"libc accept4()",
	"__NR_accept4 syscall",
	"__NR_socketcall SYS_ACCEPT4 syscall",
};

static struct sockaddr_in *conn_addr, *accept_addr;
static int listening_fd = -1;

static struct tcase {
	int cloexec;
	int nonblock;
} tcases[] = {
	{0, 0},
	{SOCK_CLOEXEC, 0},
	{0, SOCK_NONBLOCK},
	{SOCK_CLOEXEC, SOCK_NONBLOCK},
};

static long socketcall_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	long args[6] = { fd, (long)addr, (long)len, flags };

	return tst_syscall(TST_NR_SOCKETCALL, SYS_ACCEPT4_CALL, args);
}

static void setup(void)
{
	struct sockaddr_in any = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY) };
	socklen_t len = sizeof(*conn_addr);

	tst_res(TINFO, "Testing variant: %s", variant_desc[tst_variant]);
	listening_fd = SAFE_SOCKET(AF_INET, SOCK_STREAM, 0);
	SAFE_SETSOCKOPT_INT(listening_fd, SOL_SOCKET, SO_REUSEADDR, 1);
	SAFE_BIND(listening_fd, (struct sockaddr *)&any, sizeof(any));
	SAFE_LISTEN(listening_fd, 5);
	memset(conn_addr, 0, sizeof(*conn_addr));
	SAFE_GETSOCKNAME(listening_fd, (struct sockaddr *)conn_addr, &len);
	conn_addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	tst_res(TINFO, "server listening on: %d", ntohs(conn_addr->sin_port));
}

static void cleanup(void)
{
	if (listening_fd != -1)
		SAFE_CLOSE(listening_fd);
}

/* want: the flag expected (0 or not); reports a mismatch, says if it held. */
static int flag_matches(const char *what, int have, int want)
{
	if (!!have == !!want)
		return 1;
	tst_res(TFAIL, "%s flag mismatch, %d vs %d", what, !!have, !!want);
	return 0;
}

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	int flags = tc->cloexec | tc->nonblock;
	socklen_t len = sizeof(*accept_addr);
	int connfd, acceptfd, cloexec, nonblock, ok;

	connfd = SAFE_SOCKET(AF_INET, SOCK_STREAM, 0);
	SAFE_CONNECT(connfd, (struct sockaddr *)conn_addr, sizeof(*conn_addr));
	switch (tst_variant) {
	case 0:
		TEST(accept4(listening_fd, (struct sockaddr *)accept_addr, &len, flags));
		break;
	case 1:
		TEST(tst_syscall(__NR_accept4, listening_fd, accept_addr, &len, flags));
		break;
	default:
		TEST(socketcall_accept4(listening_fd, (struct sockaddr *)accept_addr,
					&len, flags));
		break;
	}
	if (TST_RET == -1)
		tst_brk(TBROK | TTERRNO, "accept4 failed");
	acceptfd = TST_RET;

	cloexec = SAFE_FCNTL(acceptfd, F_GETFD) & FD_CLOEXEC;
	nonblock = SAFE_FCNTL(acceptfd, F_GETFL) & O_NONBLOCK;
	ok = flag_matches("Close-on-exec", cloexec, tc->cloexec);
	ok &= flag_matches("nonblock", nonblock, tc->nonblock);
	SAFE_CLOSE(acceptfd);
	SAFE_CLOSE(connfd);
	if (ok)
		tst_res(TPASS, "Close-on-exec %d, nonblock %d", !!cloexec, !!nonblock);
}

static struct tst_test test = {
	.tcnt = ARRAY_SIZE(tcases),
	.setup = setup,
	.cleanup = cleanup,
	.test = run,
	.test_variants = ARRAY_SIZE(variant_desc),
	.bufs = (struct tst_buffers[]) {
		{&conn_addr, .size = sizeof(*conn_addr)},
		{&accept_addr, .size = sizeof(*accept_addr)},
		{},
	},
};
