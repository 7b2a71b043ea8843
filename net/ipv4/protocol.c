/*
 * The IPv4 protocol table (Linux net/ipv4/protocol.c: inet_protos) and
 * the local port range shared by the transports.
 */
#include <net/ip.h>
#include <uapi/errno.h>

static const struct net_protocol *inet_protos[256];

int inet_add_protocol(const struct net_protocol *proto)
{
	if (!proto || !proto->rcv)
		return -EINVAL;
	if (inet_protos[proto->protocol])
		return -EEXIST;
	inet_protos[proto->protocol] = proto;
	return 0;
}

int inet_del_protocol(const struct net_protocol *proto)
{
	if (inet_protos[proto->protocol] != proto)
		return -ENOENT;
	inet_protos[proto->protocol] = NULL;
	return 0;
}

const struct net_protocol *inet_get_protocol(u8 protocol)
{
	return inet_protos[protocol];
}

/* ip-sysctl.rst: ip_local_port_range, default "32768 60999". */
static u16 port_low = 32768, port_high = 60999;

void inet_get_local_port_range(u16 *low, u16 *high)
{
	*low = port_low;
	*high = port_high;
}

int inet_set_local_port_range(u16 low, u16 high)
{
	if (low == 0 || low > high)
		return -EINVAL;
	port_low = low;
	port_high = high;
	return 0;
}
