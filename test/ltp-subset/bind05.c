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
	{SOCK_DGRAM, 0, (struct sockaddr *)&ipv4_addr, sizeof(ipv4_addr),
	 "IPv4 loop UDP variant 1"},
	{SOCK_DGRAM, IPPROTO_UDP, (struct sockaddr *)&ipv4_addr, sizeof(ipv4_addr),
	 "IPv4 loop UDP variant 2"},
	{SOCK_DGRAM, IPPROTO_UDPLITE, (struct sockaddr *)&ipv4_addr, sizeof(ipv4_addr),
	 "IPv4 loop UDP-Lite"},
	{SOCK_DGRAM, 0, (struct sockaddr *)&ipv4_any_addr, sizeof(ipv4_any_addr),
	 "IPv4 any UDP variant 1"},
	{SOCK_DGRAM, IPPROTO_UDP, (struct sockaddr *)&ipv4_any_addr, sizeof(ipv4_any_addr),
	 "IPv4 any UDP variant 2"},
	{SOCK_DGRAM, IPPROTO_UDPLITE, (struct sockaddr *)&ipv4_any_addr, sizeof(ipv4_any_addr),
	 "IPv4 any UDP-Lite"},
	{SOCK_DGRAM, 0, (struct sockaddr *)&ipv6_addr, sizeof(ipv6_addr),
	 "IPv6 loop UDP variant 1"},
	{SOCK_DGRAM, IPPROTO_UDP, (struct sockaddr *)&ipv6_addr, sizeof(ipv6_addr),
	 "IPv6 loop UDP variant 2"},
	{SOCK_DGRAM, IPPROTO_UDPLITE, (struct sockaddr *)&ipv6_addr, sizeof(ipv6_addr),
	 "IPv6 loop UDP-Lite"},
	{SOCK_DGRAM, 0, (struct sockaddr *)&ipv6_any_addr, sizeof(ipv6_any_addr),
	 "IPv6 any UDP variant 1"},
	{SOCK_DGRAM, IPPROTO_UDP, (struct sockaddr *)&ipv6_any_addr, sizeof(ipv6_any_addr),
	 "IPv6 any UDP variant 2"},
	{SOCK_DGRAM, IPPROTO_UDPLITE, (struct sockaddr *)&ipv6_any_addr, sizeof(ipv6_any_addr),
	 "IPv6 any UDP-Lite"},
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
	if (request < ARRAY_SIZE(testcase_list))
		response = testcase_list[request].description;
	else
		response = "Invalid request value";
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
	char buffer[BUFFER_SIZE];
	const char *exp_data;

	tst_res(TINFO, "Testing %s", tc->description);
	sock = bind_conn_socket(tc);
	if (sock < 0)
		return;
	TST_EXP_PASS_SILENT(bind(sock, tc->address, tc->addrlen), "bind()");
	if (!TST_PASS) {
		SAFE_CLOSE(sock);
		return;
	}
	peer_tc = *tc;
	peer_tc.addrlen = bind_conn_address(sock, &listen_addr);
	peer_tc.address = (struct sockaddr *)&listen_addr;
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
	size = SAFE_READ(SAFE_READ_ANY, sock, buffer, BUFFER_SIZE - 1);
	buffer[size] = '\0';
	exp_data = testcase_list[rand_index].description;
	if (!strcmp(buffer, exp_data))
		tst_res(TPASS, "Communication successful");
	else
		tst_res(TFAIL, "Received invalid data. Expected: \"%s\". Received: \"%s\"",
			exp_data, buffer);
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
