/*
 * connect02: CVE-2018-9568.  1000 times: a connection accepted from an
 * IPv6 listener (on ::, reached over 127.0.0.1) is turned into an IPv4
 * socket with IPV6_ADDRFORM, disconnected with connect(AF_UNSPEC), bound
 * to INADDR_ANY and made to listen, and must then accept a connection;
 * the kernel must not be tainted (W or D) afterwards.  The
 * setsockopt(IPV6_ADDRFORM) itself must succeed (kernel commit
 * b6f6118901d1 broke it).  Needs AF_INET6: TCONF where socket() for it
 * fails, as LTP's SAFE_SOCKET.
 */
#include "tst_test.h"
#include "tst_race.h"
#include <netinet/tcp.h>

static int listenfd = -1, fd = -1, confd1 = -1, confd2 = -1, confd3 = -1;
static struct sockaddr_in6 bind_addr = { .sin6_family = AF_INET6 };
static struct sockaddr_in bind_addr4 = { .sin_family = AF_INET };
static struct sockaddr_in client_addr = { .sin_family = AF_INET };
static struct sockaddr reset_addr = { .sa_family = AF_UNSPEC };

static void setup(void)
{
	socklen_t size = sizeof(bind_addr);

	if (tst_taint_check())
		tst_brk(TCONF, "Kernel is already tainted");
	bind_addr.sin6_addr = in6addr_any;
	bind_addr4.sin_addr.s_addr = htonl(INADDR_ANY);
	listenfd = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
	if (listenfd == -1 && (errno == EAFNOSUPPORT || errno == EPROTONOSUPPORT))
		tst_brk(TCONF | TERRNO, "socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP) failed");
	if (listenfd == -1)
		tst_brk(TBROK | TERRNO, "socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP) failed");
	SAFE_BIND(listenfd, (struct sockaddr *)&bind_addr, sizeof(bind_addr));
	SAFE_LISTEN(listenfd, 5);
	SAFE_GETSOCKNAME(listenfd, (struct sockaddr *)&bind_addr, &size);
	client_addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	client_addr.sin_port = bind_addr.sin6_port;
}

static void cleanup(void)
{
	if (confd3 >= 0)
		SAFE_CLOSE(confd3);
	if (confd2 >= 0)
		SAFE_CLOSE(confd2);
	if (confd1 >= 0)
		SAFE_CLOSE(confd1);
	if (fd >= 0)
		SAFE_CLOSE(fd);
	if (listenfd >= 0)
		SAFE_CLOSE(listenfd);
}

static void run(void)
{
	struct sockaddr_in addr4;
	socklen_t len;
	int i, optval = AF_INET;

	for (i = 0; i < 1000; i++) {
		confd1 = SAFE_SOCKET(AF_INET, SOCK_STREAM, IPPROTO_TCP);
		SAFE_CONNECT(confd1, (struct sockaddr *)&client_addr, sizeof(client_addr));
		fd = SAFE_ACCEPT(listenfd, NULL, NULL);
		TEST(setsockopt(fd, SOL_IPV6, IPV6_ADDRFORM, &optval, sizeof(optval)));
		if (TST_RET == -1) {
			tst_res(TFAIL | TTERRNO, "setsockopt(IPV6_ADDRFORM) failed");
			return;
		}
		if (TST_RET != 0)
			tst_brk(TBROK | TTERRNO, "setsockopt(IPV6_ADDRFORM) returned invalid value");

		SAFE_CONNECT(fd, &reset_addr, sizeof(reset_addr));
		SAFE_BIND(fd, (struct sockaddr *)&bind_addr4, sizeof(bind_addr4));
		SAFE_LISTEN(fd, 5);
		len = sizeof(addr4);
		SAFE_GETSOCKNAME(fd, (struct sockaddr *)&addr4, &len);
		addr4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		confd2 = SAFE_SOCKET(AF_INET, SOCK_STREAM, IPPROTO_TCP);
		SAFE_CONNECT(confd2, (struct sockaddr *)&addr4, len);
		confd3 = SAFE_ACCEPT(fd, NULL, NULL);

		SAFE_CLOSE(confd3);
		SAFE_CLOSE(confd2);
		SAFE_CLOSE(confd1);
		SAFE_CLOSE(fd);
		if (tst_taint_check()) {
			tst_res(TFAIL, "Kernel is vulnerable");
			return;
		}
	}
	tst_res(TPASS, "Nothing bad happened, probably");
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "9d538fa60bad"},
		{"linux-git", "82c9ae440857"},
		{"CVE", "2018-9568"},
		{},
	},
};
