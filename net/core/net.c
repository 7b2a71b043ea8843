/*
 * Stack start-up, teardown and the bottom half (see net/net.h).
 */
#include <net/arp.h>
#include <net/icmp.h>
#include <net/igmp.h>
#include <net/inetdevice.h>
#include <net/ipv6.h>
#include <net/net.h>
#include <net/ping.h>
#include <net/raw.h>
#include <net/route.h>
#include <net/snmp.h>
#include <net/tcp.h>
#include <net/timer.h>
#include <net/udp.h>
#include <uapi/errno.h>

static bool net_up;

int net_init(void)
{
	int err;

	if (net_up)
		return -EBUSY;
	devinet_init();
	igmp_init();
	arp_init();
	ip_init();
	icmp_init();
	ipv6_init();
	udp_init();
	err = tcp_proto_register();   /* real IP ops + protocol 6 */
	if (err && err != -EEXIST) {
		net_exit();
		return err;
	}
	/* First device registered: "lo" is ifindex 1, as on Linux. */
	err = loopback_init();
	if (err) {
		net_exit();
		return err;
	}
	net_up = true;
	return 0;
}

void net_exit(void)
{
	static const u8 protos[] = { IPPROTO_ICMP, IPPROTO_UDP, IPPROTO_TCP };

	udp_close_all();
	raw_close_all();
	ping_close_all();
	netdev_unregister_all();
	loopback_dev = NULL;
	fib_flush_all();
	ipv6_exit();
	ip_exit();
	arp_exit();
	devinet_exit();
	igmp_exit();
	for (unsigned i = 0; i < sizeof(protos); i++) {
		const struct net_protocol *p = inet_get_protocol(protos[i]);

		if (p)
			(void)inet_del_protocol(p);
	}
	snmp_reset();
	net_up = false;
}

unsigned net_poll(u64 now_ns)
{
	unsigned n = net_rx_poll();

	return n + net_timer_run(now_ns);
}
