/*
 * setsockopt11: a corked IPv6 UDP socket with a 640-byte type 4 routing
 * header and an MTU of 1280 is given pipe pages by splice(2) (so the
 * datagram refers to a page that a pipe also holds), then closed; the
 * page must stay the pipe's: after memory is polluted, reading the pipe
 * gives back its pattern.  Needs AF_INET6: TCONF where socket() for it
 * fails with EAFNOSUPPORT (as LTP's SAFE_SOCKET says).  64 rounds or
 * 3 s; the pollution is bounded to 32 MiB (the emulator is slow).
 */
#include "tst_test.h"
#include "tst_race.h"
#include <netinet/udp.h>

#define PIPE_COUNT 2
#define PIPE_BUF_SIZE (1 << 20)
#define BUFSIZE 4096
#define PATTERN_SIZE 256
#define PATTERN_CHAR 0x42
#define TEST_HDRSIZE 640
#define TEST_MTU 1280
#define TEST_PORT 12345
#define TEST_MSGSIZE (1232 - TEST_HDRSIZE)
#define POLLUTE_MAX (32u << 20)

static int pipefds[PIPE_COUNT][2];
static int sockfd = -1;
static unsigned char buf[BUFSIZE];
static struct sockaddr_in6 addr;

static void setup(void)
{
	for (int i = 0; i < PIPE_COUNT; i++)
		pipefds[i][0] = pipefds[i][1] = -1;
	memset(&addr, 0, sizeof(addr));
	addr.sin6_family = AF_INET6;
	addr.sin6_addr = in6addr_loopback;
	addr.sin6_port = htons(TEST_PORT);
	sockfd = socket(AF_INET6, SOCK_DGRAM, 0);
	if (sockfd < 0 && (errno == EAFNOSUPPORT || errno == EPROTONOSUPPORT))
		tst_brk(TCONF | TERRNO, "socket(AF_INET6, SOCK_DGRAM, 0) failed");
	if (sockfd < 0)
		tst_brk(TBROK | TERRNO, "socket(AF_INET6, SOCK_DGRAM, 0) failed");
	SAFE_CLOSE(sockfd);
}

/* Fill (a bounded part of) free memory with `c`, then give it back. */
static void pollute_memory(unsigned char c)
{
	size_t size = POLLUTE_MAX;
	char *m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED)
		return;
	memset(m, c, size);
	munmap(m, size);
}

static int leak_pipe(void)
{
	int i, padding, segcount = (TEST_HDRSIZE - 8) / 16;

	memset(buf, PATTERN_CHAR, PATTERN_SIZE);
	for (i = 0; i < PIPE_COUNT; i++) {
		SAFE_PIPE(pipefds[i]);
		SAFE_FCNTL(pipefds[i][1], F_SETPIPE_SZ, PIPE_BUF_SIZE);
	}
	SAFE_WRITE(SAFE_WRITE_ALL, pipefds[0][1], buf, PATTERN_SIZE);
	sockfd = SAFE_SOCKET(AF_INET6, SOCK_DGRAM, 0);
	/* A segment routing header (type 4) full of ::1, with a pad option. */
	padding = TEST_HDRSIZE - 8 - 16 * segcount;
	memset(buf, 0, TEST_HDRSIZE);
	buf[1] = (TEST_HDRSIZE - 8) / 8;
	buf[2] = 4;
	buf[3] = (unsigned char)(segcount - 1);
	buf[4] = buf[3];
	for (i = 0; i < segcount; i++)
		memcpy(buf + 8 + 16 * i, &in6addr_loopback, sizeof(in6addr_loopback));
	if (padding)
		buf[9 + 16 * segcount] = (unsigned char)(padding - 2);
	TEST(setsockopt(sockfd, IPPROTO_IPV6, IPV6_RTHDR, buf, TEST_HDRSIZE));
	if (TST_RET == -1 && TST_ERR == EINVAL)
		tst_brk(TCONF, "IPV6_RTHDR type 4 is not supported");
	else if (TST_RET)
		tst_brk(TBROK | TTERRNO, "setsockopt(IPV6_RTHDR) failed");
	SAFE_SETSOCKOPT_INT(sockfd, IPPROTO_IPV6, IPV6_MTU, TEST_MTU);
	SAFE_CONNECT(sockfd, (struct sockaddr *)&addr, sizeof(addr));
	SAFE_SETSOCKOPT_INT(sockfd, IPPROTO_UDP, UDP_CORK, 1);
	memset(buf, 0, TEST_MSGSIZE);
	buf[TEST_MSGSIZE - 6] = 1;
	SAFE_WRITE(SAFE_WRITE_ALL, pipefds[1][1], buf, TEST_MSGSIZE);
	if (splice(pipefds[1][0], NULL, sockfd, NULL, TEST_MSGSIZE, SPLICE_F_MORE) < 0)
		tst_brk(TBROK | TERRNO, "splice");
	tee(pipefds[0][0], pipefds[1][1], PATTERN_SIZE, 0);
	if (splice(pipefds[1][0], NULL, sockfd, NULL, PATTERN_SIZE, SPLICE_F_MORE) < 0)
		tst_brk(TBROK | TERRNO, "splice");
	SAFE_CLOSE(sockfd);
	pollute_memory(~(unsigned char)PATTERN_CHAR);
	SAFE_READ(SAFE_READ_ALL, pipefds[0][0], buf, PATTERN_SIZE);
	for (i = 0; i < PIPE_COUNT; i++) {
		SAFE_CLOSE(pipefds[i][0]);
		SAFE_CLOSE(pipefds[i][1]);
	}
	for (i = 0; i < PATTERN_SIZE; i++)
		if (buf[i] != PATTERN_CHAR)
			return 1;
	return 0;
}

static void run(void)
{
	int i, leaked = 0;

	tst_timer_start(CLOCK_MONOTONIC);
	for (i = 0; i < 64 && !tst_timer_expired_ms(3000); i++) {
		leaked = leak_pipe();
		if (leaked)
			break;
	}
	if (leaked) {
		tst_res(TFAIL, "Pipe buffer was corrupted");
		return;
	}
	tst_res(TPASS, "Nothing bad happened (yet), %d rounds", i);
}

static void cleanup(void)
{
	for (int i = 0; i < PIPE_COUNT; i++) {
		if (pipefds[i][0] != -1) {
			close(pipefds[i][0]);
			close(pipefds[i][1]);
		}
	}
	if (sockfd != -1)
		close(sockfd);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.needs_root = 1,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "736b380e28d0"},
		{}
	},
};
