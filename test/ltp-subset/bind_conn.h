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

/* Removes the file a pathname UNIX address left behind. */
static void bind_conn_unlink(const struct test_case *tc)
{
	const struct sockaddr_un *un = (const struct sockaddr_un *)tc->address;

	if (un->sun_family == AF_UNIX && un->sun_path[0])
		SAFE_UNLINK(un->sun_path);
}

#endif
