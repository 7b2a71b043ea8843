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
	BIND_CONN_CASES(SOCK_STREAM, ipv4_addr, "IPv4 loop", "TCP", IPPROTO_TCP, "SCTP", IPPROTO_SCTP),
	BIND_CONN_CASES(SOCK_STREAM, ipv4_any_addr, "IPv4 any", "TCP", IPPROTO_TCP, "SCTP", IPPROTO_SCTP),
	BIND_CONN_CASES(SOCK_STREAM, ipv6_addr, "IPv6 loop", "TCP", IPPROTO_TCP, "SCTP", IPPROTO_SCTP),
	BIND_CONN_CASES(SOCK_STREAM, ipv6_any_addr, "IPv6 any", "TCP", IPPROTO_TCP, "SCTP", IPPROTO_SCTP),
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
	response = bind_conn_response(testcase_list, ARRAY_SIZE(testcase_list), request);
	SAFE_WRITE(SAFE_WRITE_ALL, sock, response, strlen(response) + 1);
	SAFE_CLOSE(sock);
}

static void run(unsigned int n)
{
	struct test_case peer_tc, *tc = &testcase_list[n];
	struct sockaddr_storage listen_addr, remote_addr;
	socklen_t remote_len = sizeof(remote_addr);
	int listen_sock, sock;
	unsigned int rand_index;

	listen_sock = bind_conn_bind(tc, &peer_tc, &listen_addr);
	if (listen_sock < 0)
		return;
	SAFE_LISTEN(listen_sock, 1);
	if (!SAFE_FORK()) {
		peer(&peer_tc);
		exit(0);
	}
	sock = SAFE_ACCEPT(listen_sock, (struct sockaddr *)&remote_addr, &remote_len);

	rand_index = rand() % ARRAY_SIZE(testcase_list);
	SAFE_WRITE(SAFE_WRITE_ALL, sock, &rand_index, sizeof(rand_index));
	bind_conn_check(sock, testcase_list, rand_index);
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
