/*
 * AF_UNIX addresses (unix(7)), Linux x86_64 layout.  A pathname address
 * is NUL-terminated within sun_path or fills it; an abstract one starts
 * with a NUL byte and its length comes from the addrlen argument.
 */
#ifndef TERN_UAPI_UN_H
#define TERN_UAPI_UN_H

#include <uapi/socket.h>
#include <uapi/sockios.h>

#define UNIX_PATH_MAX	108

struct sockaddr_un {
	sa_family_t sun_family;
	char sun_path[UNIX_PATH_MAX];
};
_Static_assert(sizeof(struct sockaddr_un) == 110, "sockaddr_un is 110 bytes");

/* ioctl: open the socket's bound file with O_PATH. */
#define SIOCUNIXFILE	(SIOCPROTOPRIVATE + 0)

#endif
