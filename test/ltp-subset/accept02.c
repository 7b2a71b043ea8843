/*
 * accept02: CVE-2017-8890.  A TCP listener on 127.0.0.1 joins the
 * multicast group 224.0.0.0 (MCAST_JOIN_GROUP, any interface) before it
 * listens; the socket accept() returns must not inherit the membership:
 * MCAST_LEAVE_GROUP on it fails with EADDRNOTAVAIL.  On vulnerable
 * kernels the copied list was freed twice when both sockets closed.  The
 * client connects from a child process (LTP uses a thread).
 *
 * "Any interface" is the one the route to the group names: LTP runs on a
 * networked host; the guest has only lo (whose routes go whenever a test
 * such as bind06 takes it down), so setup adds 224.0.0.0/4 via lo when
 * there is no such route, and cleanup removes what it added.
 */
#include "tst_test.h"
#include <net/route.h>

static int server_fd = -1, accepted_fd = -1, route_added;
static struct sockaddr_in server_addr;
static struct group_req group;
static struct rtentry mc_route;

/* SIOCADDRT / SIOCDELRT of 224.0.0.0/4 on lo; the ioctl's result. */
static int mc_route_ioctl(unsigned long cmd)
{
	struct sockaddr_in *dst = (struct sockaddr_in *)&mc_route.rt_dst;
	struct sockaddr_in *mask = (struct sockaddr_in *)&mc_route.rt_genmask;
	int fd = SAFE_SOCKET(AF_INET, SOCK_DGRAM, 0);
	int ret;

	memset(&mc_route, 0, sizeof(mc_route));
	dst->sin_family = AF_INET;
	dst->sin_addr.s_addr = htonl(0xe0000000);
	mask->sin_family = AF_INET;
	mask->sin_addr.s_addr = htonl(0xf0000000);
	mc_route.rt_flags = RTF_UP;
	mc_route.rt_dev = "lo";
	ret = ioctl(fd, cmd, &mc_route);
	SAFE_CLOSE(fd);
	return ret;
}

static void setup(void)
{
	struct sockaddr_in *g = (struct sockaddr_in *)&group.gr_group;

	group.gr_interface = 0;
	g->sin_family = AF_INET;
	inet_aton("224.0.0.0", &g->sin_addr);
	server_addr.sin_family = AF_INET;
	inet_aton("127.0.0.1", &server_addr.sin_addr);
	server_addr.sin_port = tst_get_unused_port(AF_INET, SOCK_STREAM);
	tst_res(TINFO, "Starting listener on port: %d", ntohs(server_addr.sin_port));
	if (mc_route_ioctl(SIOCADDRT) == 0)
		route_added = 1;
	else if (errno != EEXIST)
		tst_brk(TBROK | TERRNO, "SIOCADDRT 224.0.0.0/4 dev lo");
}

static void client(void)
{
	struct sockaddr_in any = { .sin_family = AF_INET };
	int fd = SAFE_SOCKET(AF_INET, SOCK_STREAM, 0);

	SAFE_BIND(fd, (struct sockaddr *)&any, sizeof(any));
	SAFE_CONNECT(fd, (struct sockaddr *)&server_addr, sizeof(server_addr));
	SAFE_CLOSE(fd);
}

static void run(void)
{
	struct sockaddr_in from;
	socklen_t len = sizeof(from);

	server_fd = SAFE_SOCKET(AF_INET, SOCK_STREAM, 0);
	SAFE_SETSOCKOPT_INT(server_fd, SOL_SOCKET, SO_REUSEADDR, 1);
	SAFE_SETSOCKOPT(server_fd, SOL_IP, MCAST_JOIN_GROUP, &group, sizeof(group));
	SAFE_BIND(server_fd, (struct sockaddr *)&server_addr, sizeof(server_addr));
	SAFE_LISTEN(server_fd, 1);

	if (!SAFE_FORK()) {
		client();
		exit(0);
	}
	TEST(accept(server_fd, (struct sockaddr *)&from, &len));
	if (TST_RET == -1)
		tst_brk(TBROK | TTERRNO, "Could not accept connection");
	accepted_fd = TST_RET;

	TEST(setsockopt(accepted_fd, SOL_IP, MCAST_LEAVE_GROUP, &group, sizeof(group)));
	if (TST_RET != -1)
		tst_res(TFAIL, "Multicast group was copied!");
	else if (TST_ERR == EADDRNOTAVAIL)
		tst_res(TPASS | TTERRNO, "Multicast group was not copied");
	else
		tst_brk(TBROK | TTERRNO, "setsockopt() failed unexpectedly");

	SAFE_CLOSE(accepted_fd);
	SAFE_CLOSE(server_fd);
	tst_reap_children();
}

static void cleanup(void)
{
	if (accepted_fd != -1)
		SAFE_CLOSE(accepted_fd);
	if (server_fd != -1)
		SAFE_CLOSE(server_fd);
	if (route_added && mc_route_ioctl(SIOCDELRT) != 0)
		tst_res(TWARN | TERRNO, "SIOCDELRT 224.0.0.0/4 dev lo");
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.forks_child = 1,
	.needs_root = 1,
	.tags = (const struct tst_tag[]) {
		{"CVE", "2017-8890"},
		{"linux-git", "657831ff"},
		{},
	},
};
