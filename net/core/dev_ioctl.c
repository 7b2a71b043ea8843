/*
 * The interface, route and ARP ioctls of AF_INET sockets (netdevice(7),
 * route(4)-style SIOCADDRT, arp(7)).  Kernel code.
 *
 * Not written yet: every such ioctl is ENOTTY until this file has them.
 */
#include <tern/inet_sock.h>
#include <uapi/errno.h>

long inet_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	(void)sock;
	(void)cmd;
	(void)arg;
	return -ENOTTY;
}
