/*
 * bind04: for each stream protocol, bind a listener (UNIX pathname and
 * abstract, stream and seqpacket; TCP on 127.0.0.1 and INADDR_ANY, on ::1
 * and :: for IPv6; SCTP likewise), accept a connection from a peer
 * process and exchange data: the listener sends a random case index,
 * the peer answers with that case's description.  A case whose family or
 * protocol the kernel lacks is TCONF alone (LTP's SAFE_SOCKET says TCONF
 * there and ends the test).
 */
#include "bind_conn.h"

static struct test_case testcase_list[] = {
	{SOCK_STREAM, 0, (struct sockaddr *)&unix_addr, sizeof(unix_addr),
	 "AF_UNIX pathname stream"},
	{SOCK_SEQPACKET, 0, (struct sockaddr *)&unix_addr, sizeof(unix_addr),
	 "AF_UNIX pathname seqpacket"},
	{SOCK_STREAM, 0, (struct sockaddr *)&abstract_addr, sizeof(abstract_addr),
	 "AF_UNIX abstract stream"},
	{SOCK_SEQPACKET, 0, (struct sockaddr *)&abstract_addr, sizeof(abstract_addr),
	 "AF_UNIX abstract seqpacket"},
	{SOCK_STREAM, 0, (struct sockaddr *)&ipv4_addr, sizeof(ipv4_addr),
	 "IPv4 loop TCP variant 1"},
	{SOCK_STREAM, IPPROTO_TCP, (struct sockaddr *)&ipv4_addr, sizeof(ipv4_addr),
	 "IPv4 loop TCP variant 2"},
	{SOCK_STREAM, IPPROTO_SCTP, (struct sockaddr *)&ipv4_addr, sizeof(ipv4_addr),
	 "IPv4 loop SCTP"},
	{SOCK_STREAM, 0, (struct sockaddr *)&ipv4_any_addr, sizeof(ipv4_any_addr),
	 "IPv4 any TCP variant 1"},
	{SOCK_STREAM, IPPROTO_TCP, (struct sockaddr *)&ipv4_any_addr, sizeof(ipv4_any_addr),
	 "IPv4 any TCP variant 2"},
	{SOCK_STREAM, IPPROTO_SCTP, (struct sockaddr *)&ipv4_any_addr, sizeof(ipv4_any_addr),
	 "IPv4 any SCTP"},
	{SOCK_STREAM, 0, (struct sockaddr *)&ipv6_addr, sizeof(ipv6_addr),
	 "IPv6 loop TCP variant 1"},
	{SOCK_STREAM, IPPROTO_TCP, (struct sockaddr *)&ipv6_addr, sizeof(ipv6_addr),
	 "IPv6 loop TCP variant 2"},
	{SOCK_STREAM, IPPROTO_SCTP, (struct sockaddr *)&ipv6_addr, sizeof(ipv6_addr),
	 "IPv6 loop SCTP"},
	{SOCK_STREAM, 0, (struct sockaddr *)&ipv6_any_addr, sizeof(ipv6_any_addr),
	 "IPv6 any TCP variant 1"},
	{SOCK_STREAM, IPPROTO_TCP, (struct sockaddr *)&ipv6_any_addr, sizeof(ipv6_any_addr),
	 "IPv6 any TCP variant 2"},
	{SOCK_STREAM, IPPROTO_SCTP, (struct sockaddr *)&ipv6_any_addr, sizeof(ipv6_any_addr),
	 "IPv6 any SCTP"},
};

/* The peer: connects, reads a case index, answers with its description. */
static void peer(const struct test_case *tc)
{
	unsigned int request;
	const char *response;
	int sock;

	sock = SAFE_SOCKET(tc->address->sa_family, tc->type, tc->protocol);
	SAFE_CONNECT(sock, tc->address, tc->addrlen);
	SAFE_READ(SAFE_READ_ALL, sock, &request, sizeof(request));
	if (request < ARRAY_SIZE(testcase_list))
		response = testcase_list[request].description;
	else
		response = "Invalid request value";
	SAFE_WRITE(SAFE_WRITE_ALL, sock, response, strlen(response) + 1);
	SAFE_CLOSE(sock);
}

static void run(unsigned int n)
{
	struct test_case peer_tc, *tc = &testcase_list[n];
	struct sockaddr_storage listen_addr, remote_addr;
	socklen_t remote_len = sizeof(remote_addr);
	int listen_sock, sock, size;
	unsigned int rand_index;
	char buffer[BUFFER_SIZE];
	const char *exp_data;

	tst_res(TINFO, "Testing %s", tc->description);
	listen_sock = bind_conn_socket(tc);
	if (listen_sock < 0)
		return;
	TST_EXP_PASS_SILENT(bind(listen_sock, tc->address, tc->addrlen), "bind()");
	if (!TST_PASS) {
		SAFE_CLOSE(listen_sock);
		return;
	}
	peer_tc = *tc;
	peer_tc.addrlen = bind_conn_address(listen_sock, &listen_addr);
	peer_tc.address = (struct sockaddr *)&listen_addr;
	SAFE_LISTEN(listen_sock, 1);
	if (!SAFE_FORK()) {
		peer(&peer_tc);
		exit(0);
	}
	sock = SAFE_ACCEPT(listen_sock, (struct sockaddr *)&remote_addr, &remote_len);

	rand_index = rand() % ARRAY_SIZE(testcase_list);
	SAFE_WRITE(SAFE_WRITE_ALL, sock, &rand_index, sizeof(rand_index));
	size = SAFE_READ(SAFE_READ_ANY, sock, buffer, BUFFER_SIZE - 1);
	buffer[size] = '\0';
	exp_data = testcase_list[rand_index].description;
	if (!strcmp(buffer, exp_data))
		tst_res(TPASS, "Communication successful");
	else
		tst_res(TFAIL, "Received invalid data. Expected: \"%s\". Received: \"%s\"",
			exp_data, buffer);
	SAFE_CLOSE(sock);
	SAFE_CLOSE(listen_sock);
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
