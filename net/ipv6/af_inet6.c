/*
 * The IPv6 family's start and stop (Linux's inet6_init): address
 * configuration, Neighbor Discovery, ICMPv6 and the ETH_P_IPV6 handler.
 * AF_INET6 sockets come later (the socket part of issue 12).
 */
#include <net/icmp_rate.h>
#include <net/icmpv6.h>
#include <net/ndisc.h>

static struct packet_type ipv6_packet_type = { .func = ipv6_rcv };

void ipv6_init(void)
{
	addrconf_init();
	ndisc_init();
	icmpv6_init();
	ipv6_packet_type.type = net_htons(ETH_P_IPV6);
	dev_add_pack(&ipv6_packet_type);
}

void ipv6_exit(void)
{
	dev_remove_pack(&ipv6_packet_type);
	icmpv6_exit();
	ndisc_exit();
	addrconf_exit();
	ip6_frag_flush_all();
	ip6_route_flush_all();
	snmp6_reset();
}
