/*
 * bind05: for each datagram protocol, bind a socket (UNIX pathname and
 * abstract; UDP and UDP-Lite on 127.0.0.1 and INADDR_ANY, on ::1 and ::
 * for IPv6) and talk with a peer process that connects to it: the peer
 * sends a request, the bound socket answers to the sender's address with
 * a random case index, the peer replies with that case's description.
 * A UNIX peer binds its own path first (a reply needs one).  A case
 * whose family or protocol the kernel lacks is TCONF alone.
 */
#include "bind_conn.h"

static struct sockaddr_un peer_addr = {
	.sun_family = AF_UNIX, .sun_path = PEER_SOCKET_FILE
};

static struct test_case testcase_list[] = {
	{SOCK_DGRAM, 0, (struct sockaddr *)&unix_addr, sizeof(unix_addr),
	 "AF_UNIX pathname datagram"},
	{SOCK_DGRAM, 0, (struct sockaddr *)&abstract_addr, sizeof(abstract_addr),
	 "AF_UNIX abstract datagram"},
	BIND_CONN_CASES(SOCK_DGRAM, ipv4_addr, "IPv4 loop", "UDP", IPPROTO_UDP, "UDP-Lite", IPPROTO_UDPLITE),
	BIND_CONN_CASES(SOCK_DGRAM, ipv4_any_addr, "IPv4 any", "UDP", IPPROTO_UDP, "UDP-Lite", IPPROTO_UDPLITE),
	BIND_CONN_CASES(SOCK_DGRAM, ipv6_addr, "IPv6 loop", "UDP", IPPROTO_UDP, "UDP-Lite", IPPROTO_UDPLITE),
	BIND_CONN_CASES(SOCK_DGRAM, ipv6_any_addr, "IPv6 any", "UDP", IPPROTO_UDP, "UDP-Lite", IPPROTO_UDPLITE),
};

/* The peer: sends request 0, reads a case index, answers its description. */
static void peer(const struct test_case *tc)
{
	unsigned int request = 0;
	const char *response;
	int sock;

	sock = SAFE_SOCKET(tc->address->sa_family, tc->type, tc->protocol);
	if (tc->address->sa_family == AF_UNIX)
		SAFE_BIND(sock, (struct sockaddr *)&peer_addr, sizeof(peer_addr));
	SAFE_CONNECT(sock, tc->address, tc->addrlen);
	SAFE_WRITE(SAFE_WRITE_ALL, sock, &request, sizeof(request));
	SAFE_READ(SAFE_READ_ALL, sock, &request, sizeof(request));
	response = bind_conn_response(testcase_list, ARRAY_SIZE(testcase_list), request);
	SAFE_WRITE(SAFE_WRITE_ALL, sock, response, strlen(response) + 1);
	SAFE_CLOSE(sock);
	if (tc->address->sa_family == AF_UNIX)
		SAFE_UNLINK(PEER_SOCKET_FILE);
}

static void run(unsigned int n)
{
	struct test_case peer_tc, *tc = &testcase_list[n];
	struct sockaddr_storage listen_addr, remote_addr;
	socklen_t remote_len = sizeof(remote_addr);
	int sock, size;
	unsigned int rand_index;

	sock = bind_conn_bind(tc, &peer_tc, &listen_addr);
	if (sock < 0)
		return;
	if (!SAFE_FORK()) {
		peer(&peer_tc);
		exit(0);
	}
	size = recvfrom(sock, &rand_index, sizeof(rand_index), 0,
			(struct sockaddr *)&remote_addr, &remote_len);
	if (size != sizeof(rand_index)) {
		SAFE_CLOSE(sock);
		tst_brk(TBROK | TERRNO, "Error while waiting for connection");
	}

	rand_index = rand() % ARRAY_SIZE(testcase_list);
	SAFE_SENDTO(SAFE_WRITE_ALL, sock, &rand_index, sizeof(rand_index), 0,
		    (struct sockaddr *)&remote_addr, remote_len);
	bind_conn_check(sock, testcase_list, rand_index);
	SAFE_CLOSE(sock);
	tst_reap_children();
	bind_conn_unlink(tc);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(testcase_list),
	.setup = bind_conn_setup,
	.forks_child = 1,
	.needs_tmpdir = 1,
};
