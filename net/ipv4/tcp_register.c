/*
 * Hooking TCP into the real IPv4 layer.  Alone in this file so that the
 * host unit tests, which route TCP's output through their own capture
 * ops (tcp_set_ip_ops), never pull in a reference to ip_output().
 */
#include <net/tcp.h>

static const struct tcp_ip_ops tcp_ip_real = {
	.output = ip_output,
	.route = ip_route_output,
	.addr_is_local = inet_addr_is_local,
};

int tcp_proto_register(void)
{
	tcp_set_ip_ops(&tcp_ip_real);
	return inet_add_protocol(&tcp_protocol_ops);
}
