/*
 * bind_conn.h: what bind04 and bind05 share (LTP's libbind.h and
 * tst_get_connect_address): the addresses, a test case, a socket that is
 * TCONF for this case alone when the kernel lacks its family or protocol,
 * and the address a peer connects to for a bound socket.
 */
#ifndef BIND_CONN_H
#define BIND_CONN_H

#include "tst_test.h"
#include <sys/un.h>

#define MAIN_SOCKET_FILE "test.sock"
#define ABSTRACT_SOCKET_PATH "\0test.sock"
#define PEER_SOCKET_FILE "peer.sock"
#define BUFFER_SIZE 128

#ifndef IPPROTO_UDPLITE
#define IPPROTO_UDPLITE 136
#endif

struct test_case {
	int type, protocol;
	struct sockaddr *address;
	socklen_t addrlen;
	const char *description;
};

static struct sockaddr_un unix_addr = {
	.sun_family = AF_UNIX, .sun_path = MAIN_SOCKET_FILE
};
static struct sockaddr_un abstract_addr = {
	.sun_family = AF_UNIX, .sun_path = ABSTRACT_SOCKET_PATH
};
static struct sockaddr_in ipv4_addr = { .sin_family = AF_INET };
static struct sockaddr_in ipv4_any_addr = { .sin_family = AF_INET };
static struct sockaddr_in6 ipv6_addr = { .sin6_family = AF_INET6 };
static struct sockaddr_in6 ipv6_any_addr = { .sin6_family = AF_INET6 };

/*
 * The three cases of one address (ipv4_addr, ipv6_any_addr, ...): the
 * protocol as 0 and by number, and the other protocol of that type:
 * "IPv4 loop TCP variant 1", "... variant 2", "IPv4 loop SCTP".
 */
#define BIND_CONN_CASES(type, addr, where, pname, pnum, oname, onum) \
	{type, 0, (struct sockaddr *)&addr, sizeof(addr), where " " pname " variant 1"}, \
	{type, pnum, (struct sockaddr *)&addr, sizeof(addr), where " " pname " variant 2"}, \
	{type, onum, (struct sockaddr *)&addr, sizeof(addr), where " " oname}

static void bind_conn_setup(void)
{
	srand(time(0));
	ipv4_addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ipv4_any_addr.sin_addr.s_addr = htonl(INADDR_ANY);
	ipv6_addr.sin6_addr = in6addr_loopback;
	ipv6_any_addr.sin6_addr = in6addr_any;
}

/*
 * A socket for tc, or -1 after a TCONF line when the kernel has not got
 * its family, type or protocol (where LTP's SAFE_SOCKET says TCONF).
 */
static int bind_conn_socket(const struct test_case *tc)
{
	int fd = socket(tc->address->sa_family, tc->type, tc->protocol);

	if (fd >= 0)
		return fd;
	if (errno == EAFNOSUPPORT || errno == EPROTONOSUPPORT || errno == ESOCKTNOSUPPORT) {
		tst_res(TCONF | TERRNO, "socket(%d, %d, %d) for %s",
			tc->address->sa_family, tc->type, tc->protocol, tc->description);
		return -1;
	}
	tst_brk(TBROK | TERRNO, "socket(%d, %d, %d) failed", tc->address->sa_family,
		tc->type, tc->protocol);
}

/* The bound address of fd with a wildcard replaced by loopback; its length. */
static socklen_t bind_conn_address(int fd, struct sockaddr_storage *addr)
{
	struct sockaddr_in *in = (struct sockaddr_in *)addr;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)addr;
	socklen_t len = sizeof(*addr);

	SAFE_GETSOCKNAME(fd, (struct sockaddr *)addr, &len);
	if (addr->ss_family == AF_INET && in->sin_addr.s_addr == htonl(INADDR_ANY))
		in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (addr->ss_family == AF_INET6 && IN6_IS_ADDR_UNSPECIFIED(&in6->sin6_addr))
		in6->sin6_addr = in6addr_loopback;
	return len;
}

/*
 * A socket for tc bound to its address, and in peer_tc the case with the
 * address a peer reaches it at (in addr); -1 when the case is TCONF or
 * the bind failed (reported).
 */
static int bind_conn_bind(const struct test_case *tc, struct test_case *peer_tc,
			  struct sockaddr_storage *addr)
{
	int sock;

	tst_res(TINFO, "Testing %s", tc->description);
	sock = bind_conn_socket(tc);
	if (sock < 0)
		return -1;
	TST_EXP_PASS_SILENT(bind(sock, tc->address, tc->addrlen), "bind()");
	if (!TST_PASS) {
		SAFE_CLOSE(sock);
		return -1;
	}
	*peer_tc = *tc;
	peer_tc->addrlen = bind_conn_address(sock, addr);
	peer_tc->address = (struct sockaddr *)addr;
	return sock;
}

/* What the peer answers to request: that case's description. */
static const char *bind_conn_response(const struct test_case *list, unsigned int n,
				      unsigned int request)
{
	return request < n ? list[request].description : "Invalid request value";
}

/* Reads the peer's answer on sock: passes when it is case index's. */
static void bind_conn_check(int sock, const struct test_case *list, unsigned int index)
{
	char buffer[BUFFER_SIZE];
	int size = SAFE_READ(SAFE_READ_ANY, sock, buffer, BUFFER_SIZE - 1);
	const char *exp_data = list[index].description;

	buffer[size] = '\0';
	if (!strcmp(buffer, exp_data))
		tst_res(TPASS, "Communication successful");
	else
		tst_res(TFAIL, "Received invalid data. Expected: \"%s\". Received: \"%s\"",
			exp_data, buffer);
}

/* Removes the file a pathname UNIX address left behind. */
static void bind_conn_unlink(const struct test_case *tc)
{
	const struct sockaddr_un *un = (const struct sockaddr_un *)tc->address;

	if (un->sun_family == AF_UNIX && un->sun_path[0])
		SAFE_UNLINK(un->sun_path);
}

#endif
