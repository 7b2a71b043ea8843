/*
 * AF_INET raw and ping sockets (raw(7), icmp(7)).  Kernel code.
 *
 * Not written yet: socket(AF_INET, SOCK_RAW, p) and the ping sockets
 * answer EPROTONOSUPPORT until this file has their proto_ops.
 */
#include <tern/inet_sock.h>
#include <uapi/errno.h>

int inet_raw_create(struct socket *sock, int protocol)
{
	(void)sock;
	(void)protocol;
	return -EPROTONOSUPPORT;
}

int inet_ping_create(struct socket *sock)
{
	(void)sock;
	return -EPROTONOSUPPORT;
}

long ip_recv_error(struct socket *sock, struct kmsghdr *msg)
{
	(void)sock;
	(void)msg;
	return -EAGAIN;
}
