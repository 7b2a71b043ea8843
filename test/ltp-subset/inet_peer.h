/*
 * inet_peer.h: the peer of the send/recv error tests (send01, sendto01,
 * sendmsg01, recvmsg01, after LTP's): a TCP listener on INADDR_ANY at a
 * free port, backlog 10, whose queue completes the tests' connections
 * (recvmsg01 accepts them itself).  SIGPIPE is ignored: EPIPE is what
 * they check.
 */
#ifndef INET_PEER_H
#define INET_PEER_H

/* The listener; its address (port filled in) in *sin. */
static inline int tcp_listener_any(struct sockaddr_in *sin)
{
	socklen_t slen = sizeof(*sin);
	int fd;

	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = INADDR_ANY;
	fd = SAFE_SOCKET(PF_INET, SOCK_STREAM, 0);
	SAFE_BIND(fd, (struct sockaddr *)sin, sizeof(*sin));
	SAFE_LISTEN(fd, 10);
	SAFE_GETSOCKNAME(fd, (struct sockaddr *)sin, &slen);
	SAFE_SIGNAL(SIGPIPE, SIG_IGN);
	return fd;
}

#endif
