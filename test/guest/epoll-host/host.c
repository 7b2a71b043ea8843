/*
 * host.c - the guest's half of test/suites/guest-epoll-host.sh: the epoll
 * echo server of echoserver.h on eth0 (QEMU's user network, DHCP lease
 * from /init), serving 200 connections opened at once by the host's
 * client (test/e2e/epoll_client.py) through hostfwd, level-triggered on
 * port 7000 and then edge-triggered on 7001.  Each check prints
 * "EPOLL-HOST-READY <port>" when it listens; the host then connects,
 * checks every byte it gets back and reports its own verdict.
 */
#define CHECK_LIMIT_MS 240000
#include "../epoll/echoserver.h"

#define HOST_CONNS	200

static void serve_host(bool et, int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	int l, rep[2], one = 1, st, max_open = 0, accepted = 0;
	char line[64] = "";
	pid_t srv;

	REQUIRE_OK(raise_nofile(HOST_CONNS + 64));
	REQUIRE_OK(l = socket(AF_INET, SOCK_STREAM, 0));
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	a.sin_port = htons((uint16_t)port);
	REQUIRE_OK(bind(l, (struct sockaddr *)&a, sizeof a));
	REQUIRE_OK(listen(l, HOST_CONNS + 16));
	REQUIRE_OK(pipe(rep));
	srv = fork();
	if (srv == 0) {
		close(rep[0]);
		echo_server(l, et, HOST_CONNS, rep[1]);
	}
	close(rep[1]);
	close(l);
	dprintf(1, "EPOLL-HOST-READY %d\n", port);
	REQUIRE(read(rep[0], line, sizeof line - 1) > 0, "no report from the server");
	st = wait_status(srv);
	REQUIRE(st == 0, "server exit status %#x", st);
	sscanf(line, "%d %d", &max_open, &accepted);
	REQUIRE(accepted == HOST_CONNS, "accepted %d", accepted);
	REQUIRE(max_open == HOST_CONNS, "at most %d open at once", max_open);
	check_note("%d host connections served, all open at once", accepted);
}

static void host_echo_level_triggered(void)
{
	serve_host(false, 7000);
}

static void host_echo_edge_triggered(void)
{
	serve_host(true, 7001);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(host_echo_level_triggered),
		CHECK(host_echo_edge_triggered),
	};

	return run_checks("epoll_host", checks, NCHECKS(checks));
}
