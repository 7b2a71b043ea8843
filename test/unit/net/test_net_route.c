/* Devices, loopback, interface addresses and the routing table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "nettest.h"

static const struct fib_route *find_route(u8 table, u8 type, be32 dst, u8 len)
{
	for (const struct fib_route *r = fib_table_first(table); r; r = r->next)
		if (r->type == type && r->dst == dst && r->dst_len == len)
			return r;
	return NULL;
}

static void lo_is_ifindex_1_and_gets_127_0_0_1_when_up(void **state)
{
	const struct fib_route *r;

	(void)state;
	fake_clock_set(0);
	LV(assert_int_equal(net_init(), 0));
	assert_non_null(loopback_dev);
	assert_int_equal(loopback_dev->ifindex, 1);
	assert_string_equal(loopback_dev->name, "lo");
	assert_int_equal(loopback_dev->flags, IFF_LOOPBACK);   /* down, like Linux at boot */
	assert_int_equal(loopback_dev->mtu, 65536);
	assert_false(L(inet_addr_is_local(LOOP_IP)));
	LV(dev_open(loopback_dev));
	assert_int_equal(loopback_dev->flags & (IFF_UP | IFF_RUNNING | IFF_LOOPBACK),
			 IFF_UP | IFF_RUNNING | IFF_LOOPBACK);
	assert_non_null(loopback_dev->ifa_list);
	assert_int_equal(loopback_dev->ifa_list->ifa_local, LOOP_IP);
	assert_int_equal(loopback_dev->ifa_list->ifa_prefixlen, 8);
	assert_int_equal(loopback_dev->ifa_list->ifa_scope, RT_SCOPE_HOST);
	/* ip route show table local: local 127.0.0.0/8, local 127.0.0.1,
	 * broadcast 127.255.255.255; nothing in main. */
	r = find_route(RT_TABLE_LOCAL, RTN_LOCAL, IP4(127, 0, 0, 0), 8);
	assert_non_null(r);
	assert_int_equal(r->scope, RT_SCOPE_HOST);
	assert_int_equal(r->protocol, RTPROT_KERNEL);
	assert_int_equal(r->prefsrc, LOOP_IP);
	assert_non_null(find_route(RT_TABLE_LOCAL, RTN_LOCAL, LOOP_IP, 32));
	r = find_route(RT_TABLE_LOCAL, RTN_BROADCAST, IP4(127, 255, 255, 255), 32);
	assert_non_null(r);
	assert_int_equal(r->scope, RT_SCOPE_LINK);
	assert_null(fib_table_first(RT_TABLE_MAIN));
	assert_int_equal(fib_route_count(), 3);
	assert_true(L(inet_addr_is_local(IP4(127, 1, 2, 3))));
	/* A route's MTU is at most an IPv4 datagram's size (Linux's
	 * IP_MAX_MTU), below lo's 65536. */
	{
		struct route_result rt;

		assert_int_equal(L(ip_route_output(LOOP_IP, 0, &rt)), 0);
		assert_int_equal(rt.mtu, 65535);
	}
	LV(net_exit());
	assert_int_equal(host_live_allocations(), 0);
}

static int xmit_drop(struct netdev *dev, struct pkbuf *pkb)
{
	(void)dev;
	pkb_free(pkb);
	return 0;
}

static void devices_register_by_name_and_index(void **state)
{
	struct netdev *a, *b, *c;
	static const u8 mac[6] = { 2, 0, 0, 0, 0, 9 };

	(void)state;
	env_setup(true);
	net_lock();
	a = eth_dev_create("eth%d", mac, xmit_drop, NULL);
	b = eth_dev_create("eth%d", mac, xmit_drop, NULL);
	assert_non_null(a);
	assert_non_null(b);
	assert_string_equal(a->name, "eth1");      /* eth0 exists */
	assert_string_equal(b->name, "eth2");
	assert_int_equal(a->ifindex, 3);           /* lo 1, eth0 2 */
	assert_int_equal(b->ifindex, 4);
	assert_ptr_equal(dev_get_by_name("eth2"), b);
	assert_ptr_equal(dev_get_by_index(3), a);
	assert_null(dev_get_by_index(99));
	assert_null(eth_dev_create("eth1", mac, xmit_drop, NULL));   /* name taken */
	assert_int_equal(a->flags, IFF_BROADCAST | IFF_MULTICAST);
	assert_int_equal(a->mtu, 1500);
	assert_int_equal(dev_set_mtu(a, 67), -EINVAL);
	assert_int_equal(dev_set_mtu(a, 1400), 0);
	assert_int_equal(dev_set_mac_address(a, (const u8 *)"\x01\x00\x5e\x00\x00\x01"), -EADDRNOTAVAIL);
	assert_int_equal(dev_set_mac_address(a, (const u8 *)"\0\0\0\0\0\0"), -EADDRNOTAVAIL);
	assert_int_equal(dev_set_mac_address(a, (const u8 *)"\x02\x00\x00\x00\x00\x0a"), 0);
	assert_int_equal(a->dev_addr[5], 0x0a);
	unregister_netdev(a);
	assert_null(dev_get_by_name("eth1"));
	c = eth_dev_create("eth%d", mac, xmit_drop, NULL);
	assert_string_equal(c->name, "eth1");
	assert_int_equal(c->ifindex, 5);           /* indexes are not reused */
	net_unlock();
	env_teardown();
}

static void address_add_creates_linux_routes_and_delete_removes_them(void **state)
{
	const struct fib_route *r;

	(void)state;
	/* env: eth0 192.0.2.1/24 */
	r = find_route(RT_TABLE_LOCAL, RTN_LOCAL, OUR_IP, 32);
	assert_non_null(r);
	assert_int_equal(r->scope, RT_SCOPE_HOST);
	assert_int_equal(r->protocol, RTPROT_KERNEL);
	assert_int_equal(r->prefsrc, OUR_IP);
	assert_ptr_equal(r->dev, eth0);
	r = find_route(RT_TABLE_LOCAL, RTN_BROADCAST, BCAST_IP, 32);
	assert_non_null(r);
	assert_int_equal(r->scope, RT_SCOPE_LINK);
	r = find_route(RT_TABLE_MAIN, RTN_UNICAST, IP4(192, 0, 2, 0), 24);
	assert_non_null(r);
	assert_int_equal(r->scope, RT_SCOPE_LINK);
	assert_int_equal(r->protocol, RTPROT_KERNEL);
	assert_int_equal(r->prefsrc, OUR_IP);
	assert_int_equal(r->gateway, 0);
	assert_int_equal(eth0->ifa_list->ifa_broadcast, BCAST_IP);
	assert_string_equal(eth0->ifa_list->ifa_label, "eth0");

	/* A second address in the subnet is secondary; its prefix route is
	 * the primary's. */
	net_lock();
	assert_int_equal(inet_addr_add_simple(eth0, OTHER_IP, 24), 0);
	assert_int_equal(inet_addr_add_simple(eth0, OTHER_IP, 24), -EEXIST);
	assert_true(eth0->ifa_list->next->ifa_flags & IFA_F_SECONDARY);
	r = find_route(RT_TABLE_LOCAL, RTN_LOCAL, OTHER_IP, 32);
	assert_non_null(r);
	assert_int_equal(r->prefsrc, OUR_IP);
	assert_true(inet_addr_is_local(OTHER_IP));
	/* Deleting the primary takes the secondary (promote_secondaries=0). */
	assert_int_equal(inet_addr_del(eth0, OUR_IP, 24), 0);
	assert_null(eth0->ifa_list);
	assert_false(inet_addr_is_local(OUR_IP));
	assert_false(inet_addr_is_local(OTHER_IP));
	assert_null(find_route(RT_TABLE_MAIN, RTN_UNICAST, IP4(192, 0, 2, 0), 24));
	assert_null(find_route(RT_TABLE_LOCAL, RTN_BROADCAST, BCAST_IP, 32));
	assert_int_equal(inet_addr_del(eth0, OUR_IP, 24), -EADDRNOTAVAIL);
	assert_int_equal(fib_route_count(), 3);   /* lo's only */
	assert_int_equal(inet_addr_add_simple(eth0, IP4(224, 0, 0, 1), 24), -EINVAL);
	assert_int_equal(inet_addr_add_simple(eth0, OUR_IP, 33), -EINVAL);
	net_unlock();
}

static void link_down_removes_routes_and_up_restores_them(void **state)
{
	struct route_result rt;

	(void)state;
	net_lock();
	assert_int_equal(ip_route_output(PEER_IP, 0, &rt), 0);
	dev_close(eth0);
	assert_int_equal(eth0->flags & IFF_UP, 0);
	assert_null(find_route(RT_TABLE_MAIN, RTN_UNICAST, IP4(192, 0, 2, 0), 24));
	assert_int_equal(ip_route_output(PEER_IP, 0, &rt), -ENETUNREACH);
	assert_int_equal(snmp_get("Ip", "OutNoRoutes"), 1);
	dev_open(eth0);
	assert_non_null(find_route(RT_TABLE_MAIN, RTN_UNICAST, IP4(192, 0, 2, 0), 24));
	assert_non_null(find_route(RT_TABLE_LOCAL, RTN_LOCAL, OUR_IP, 32));
	assert_int_equal(ip_route_output(PEER_IP, 0, &rt), 0);
	net_unlock();
	fakedev_purge(eth0);
}

static int add_route(be32 dst, u8 len, be32 gw, u32 metric, u8 type)
{
	struct fib_config cfg;

	fib_config_init(&cfg);
	cfg.dst = dst;
	cfg.dst_len = len;
	cfg.gateway = gw;
	cfg.priority = metric;
	cfg.type = type;
	cfg.protocol = RTPROT_STATIC;
	if (!gw && type == RTN_UNICAST)
		cfg.oif = eth0->ifindex;
	return fib_table_insert(&cfg);
}

static void lookup_prefers_longest_prefix_then_lowest_metric(void **state)
{
	struct route_result rt;
	struct fib_result fr;
	struct fib_config cfg;

	(void)state;
	net_lock();
	/* default via .254; 198.51.100.0/24 via .2 metric 100 and via .254
	 * metric 50; 198.51.100.7/32 via .2. */
	assert_int_equal(add_route(0, 0, GW_IP, 0, RTN_UNICAST), 0);
	assert_int_equal(add_route(IP4(198, 51, 100, 0), 24, PEER_IP, 100, RTN_UNICAST), 0);
	assert_int_equal(add_route(IP4(198, 51, 100, 0), 24, GW_IP, 50, RTN_UNICAST), 0);
	assert_int_equal(add_route(IP4(198, 51, 100, 0), 24, GW_IP, 50, RTN_UNICAST), -EEXIST);
	assert_int_equal(add_route(IP4(203, 0, 113, 0), 26, 0, 0, RTN_UNREACHABLE), 0);
	assert_int_equal(add_route(IP4(203, 0, 113, 64), 26, 0, 0, RTN_BLACKHOLE), 0);
	assert_int_equal(add_route(IP4(203, 0, 113, 128), 26, 0, 0, RTN_PROHIBIT), 0);

	assert_int_equal(ip_route_output(IP4(198, 51, 100, 9), 0, &rt), 0);
	assert_int_equal(rt.gateway, GW_IP);               /* metric 50 beats 100 */
	assert_ptr_equal(rt.dev, eth0);
	assert_int_equal(rt.prefsrc, OUR_IP);
	assert_int_equal(rt.mtu, 1500);
	assert_int_equal(rt.type, RTN_UNICAST);
	assert_int_equal(add_route(IP4(198, 51, 100, 7), 32, PEER_IP, 0, RTN_UNICAST), 0);
	assert_int_equal(ip_route_output(REMOTE_IP, 0, &rt), 0);
	assert_int_equal(rt.gateway, PEER_IP);             /* /32 beats /24 */
	assert_int_equal(ip_route_output(IP4(203, 0, 113, 200), 0, &rt), 0);
	assert_int_equal(rt.gateway, GW_IP);               /* default */
	assert_int_equal(ip_route_output(PEER_IP, 0, &rt), 0);
	assert_int_equal(rt.gateway, 0);                   /* connected */
	assert_int_equal(ip_route_output(IP4(203, 0, 113, 1), 0, &rt), -EHOSTUNREACH);
	assert_int_equal(ip_route_output(IP4(203, 0, 113, 65), 0, &rt), -EINVAL);
	assert_int_equal(ip_route_output(IP4(203, 0, 113, 129), 0, &rt), -EACCES);
	/* Local destinations go through lo, from the address itself. */
	assert_int_equal(ip_route_output(OUR_IP, 0, &rt), 0);
	assert_ptr_equal(rt.dev, loopback_dev);
	assert_int_equal(rt.type, RTN_LOCAL);
	assert_int_equal(rt.prefsrc, OUR_IP);
	assert_int_equal(ip_route_output(BCAST_IP, 0, &rt), 0);
	assert_int_equal(rt.type, RTN_BROADCAST);
	assert_int_equal(fib_lookup(IP4(198, 51, 100, 9), 0, &fr), 0);
	assert_int_equal(fr.route->priority, 50);
	assert_int_equal(fr.route->protocol, RTPROT_STATIC);
	assert_int_equal(fr.route->scope, RT_SCOPE_UNIVERSE);

	/* Route validation. */
	assert_int_equal(add_route(IP4(10, 0, 0, 1), 8, GW_IP, 0, RTN_UNICAST), -EINVAL);
	assert_int_equal(add_route(IP4(10, 0, 0, 0), 8, REMOTE_IP, 0, RTN_UNICAST), -ENETUNREACH);
	fib_config_init(&cfg);
	cfg.dst = IP4(10, 0, 0, 0);
	cfg.dst_len = 8;
	cfg.oif = 77;
	assert_int_equal(fib_table_insert(&cfg), -ENODEV);
	/* Delete: the metric-50 route goes, metric 100 is used again. */
	fib_config_init(&cfg);
	cfg.dst = IP4(198, 51, 100, 0);
	cfg.dst_len = 24;
	cfg.priority = 50;
	cfg.protocol = 0;   /* iproute2 sends none for a delete: any */
	assert_int_equal(fib_table_delete(&cfg), 0);
	assert_int_equal(fib_table_delete(&cfg), -ESRCH);
	assert_int_equal(ip_route_output(IP4(198, 51, 100, 9), 0, &rt), 0);
	assert_int_equal(rt.gateway, PEER_IP);
	/* With no default, no route. */
	fib_config_init(&cfg);
	cfg.gateway = GW_IP;
	cfg.protocol = 0;
	assert_int_equal(fib_table_delete(&cfg), 0);
	assert_int_equal(ip_route_output(IP4(203, 0, 113, 200), 0, &rt), -ENETUNREACH);
	/* ... unless the device is named: assume on-link (Linux). */
	assert_int_equal(ip_route_output(IP4(203, 0, 113, 200), eth0->ifindex, &rt), 0);
	assert_ptr_equal(rt.dev, eth0);
	assert_int_equal(ip_route_output(LOOP_IP, eth0->ifindex, &rt), -EINVAL);
	assert_int_equal(ip_route_output(LOOP_IP, loopback_dev->ifindex, &rt), 0);
	assert_int_equal(ip_route_output(IP4(255, 255, 255, 255), eth0->ifindex, &rt), 0);
	assert_int_equal(rt.type, RTN_BROADCAST);
	net_unlock();
}

static void same_subnet_on_two_devices(void **state)
{
	static const u8 mac[6] = { 2, 0, 0, 0, 0, 9 };
	struct netdev *eth1;
	struct route_result rt;
	int n = 0;

	(void)state;
	net_lock();
	eth1 = fakedev_create("eth1", mac);
	dev_open(eth1);
	assert_int_equal(inet_addr_add_simple(eth1, OTHER_IP, 24), 0);
	assert_false(eth1->ifa_list->ifa_flags & IFA_F_SECONDARY);   /* per device */
	for (const struct fib_route *r = fib_table_first(RT_TABLE_MAIN); r; r = r->next)
		if (r->dst == IP4(192, 0, 2, 0) && r->dst_len == 24)
			n++;
	assert_int_equal(n, 2);                 /* one prefix route per device */
	assert_int_equal(ip_route_output(PEER_IP, 0, &rt), 0);
	assert_ptr_equal(rt.dev, eth0);         /* first one wins the tie */
	assert_int_equal(ip_route_output(PEER_IP, eth1->ifindex, &rt), 0);
	assert_ptr_equal(rt.dev, eth1);
	assert_int_equal(rt.prefsrc, OTHER_IP);
	dev_close(eth0);
	assert_int_equal(ip_route_output(PEER_IP, 0, &rt), 0);
	assert_ptr_equal(rt.dev, eth1);
	assert_int_equal(inet_addr_del(eth1, OTHER_IP, 24), 0);
	assert_int_equal(ip_route_output(PEER_IP, 0, &rt), -ENETUNREACH);
	dev_open(eth0);
	assert_int_equal(ip_route_output(PEER_IP, 0, &rt), 0);
	assert_ptr_equal(rt.dev, eth0);
	fakedev_purge(eth1);
	net_unlock();
	fakedev_purge(eth0);
}

static void route_mtu_attribute_caps_path_mtu(void **state)
{
	struct fib_config cfg;
	struct route_result rt;

	(void)state;
	net_lock();
	fib_config_init(&cfg);
	cfg.dst = IP4(198, 51, 100, 0);
	cfg.dst_len = 24;
	cfg.gateway = GW_IP;
	cfg.mtu = 1280;
	assert_int_equal(fib_table_insert(&cfg), 0);
	assert_int_equal(ip_route_output(REMOTE_IP, 0, &rt), 0);
	assert_int_equal(rt.mtu, 1280);
	net_unlock();
}

static void proc_net_dev_has_linux_layout(void **state)
{
	char buf[1024];
	int n;

	(void)state;
	eth0->stats.rx_bytes = 1234;
	eth0->stats.rx_packets = 5;
	n = L(dev_proc_format(buf, sizeof(buf)));
	assert_true(n > 0 && (size_t)n < sizeof(buf));
	assert_non_null(strstr(buf, "Inter-|   Receive                                                |  Transmit\n"
				    " face |bytes    packets errs drop fifo frame compressed multicast|"
				    "bytes    packets errs drop fifo colls carrier compressed\n"));
	assert_non_null(strstr(buf, "    lo:       0       0    0    0    0     0          0         0"));
	assert_non_null(strstr(buf, "  eth0:    1234       5    0    0"));
	/* Short buffer: the length needed is still reported. */
	assert_int_equal(L(dev_proc_format(buf, 10)), n);
}

static struct pkb_queue tapped;

static void tap_rcv(struct pkbuf *pkb)
{
	pkb_enqueue(&tapped, pkb);
}

static void taps_see_every_frame_both_ways(void **state)
{
	struct packet_type tap = { .type = net_htons(ETH_P_ALL), .func = tap_rcv };
	static const u8 other_mac[6] = { 2, 0, 0, 0, 0, 0x55 };
	u8 udp[64], ip[128];
	struct pkbuf *p;
	u32 n;

	(void)state;
	pkb_queue_init(&tapped);
	LV(dev_add_pack(&tap));
	n = build_udp(udp, PEER_IP, OUR_IP, 5000, 9, "x", 1, true);
	n = build_ip(ip, PEER_IP, OUR_IP, IPPROTO_UDP, 1, 0, 64, udp, n);
	inject_ip(ip, n);                       /* in, then port unreachable out */
	inject_ip_from(peer_mac, other_mac, ip, n);   /* someone else's */
	assert_int_equal(tapped.count, 3);
	p = pkb_dequeue(&tapped);
	assert_int_equal(p->pkt_type, PACKET_HOST);
	assert_int_equal(p->len, 14 + n);
	assert_ptr_equal(pkb_mac(p), p->data);
	assert_ptr_equal(pkb_network(p), p->data + 14);
	assert_memory_equal(p->data + 14, ip, n);
	pkb_free(p);
	p = pkb_dequeue(&tapped);
	assert_int_equal(p->pkt_type, PACKET_OUTGOING);
	assert_memory_equal(p->data, peer_mac, 6);
	assert_int_equal(p->data[14 + 9], IPPROTO_ICMP);
	pkb_free(p);
	p = pkb_dequeue(&tapped);
	assert_int_equal(p->pkt_type, PACKET_OTHERHOST);
	pkb_free(p);
	LV(dev_remove_pack(&tap));
	inject_ip(ip, n);
	assert_int_equal(tapped.count, 0);
	fakedev_purge(eth0);
}

static void proc_net_route_has_linux_layout(void **state)
{
	char buf[2048], expect[1024];
	int n;

	(void)state;
	net_lock();
	assert_int_equal(add_route(0, 0, GW_IP, 0, RTN_UNICAST), 0);
	assert_int_equal(add_route(IP4(198, 51, 100, 7), 32, PEER_IP, 5, RTN_UNICAST), 0);
	assert_int_equal(add_route(IP4(203, 0, 113, 0), 24, 0, 0, RTN_UNREACHABLE), 0);
	n = fib_route_proc_format(buf, sizeof(buf));
	net_unlock();
	/* Linux pads every line to 127 columns; addresses are the
	 * network-order word printed natively (192.0.2.254 -> FE0200C0). */
	snprintf(expect, sizeof(expect), "%-127s\n%-127s\n%-127s\n%-127s\n%-127s\n",
		 "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
		 "eth0\t00000000\tFE0200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0",
		 "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
		 "eth0\t076433C6\t020200C0\t0007\t0\t0\t5\tFFFFFFFF\t0\t0\t0",
		 "*\t007100CB\t00000000\t0201\t0\t0\t0\t00FFFFFF\t0\t0\t0");
	assert_string_equal(buf, expect);
	assert_int_equal(n, (int)strlen(expect));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lo_is_ifindex_1_and_gets_127_0_0_1_when_up),
		cmocka_unit_test(devices_register_by_name_and_index),
		cmocka_unit_test_setup_teardown(address_add_creates_linux_routes_and_delete_removes_them,
						env_setup_cmocka, env_teardown_cmocka),
		cmocka_unit_test_setup_teardown(link_down_removes_routes_and_up_restores_them,
						env_setup_cmocka, env_teardown_cmocka),
		cmocka_unit_test_setup_teardown(lookup_prefers_longest_prefix_then_lowest_metric,
						env_setup_cmocka, env_teardown_cmocka),
		cmocka_unit_test_setup_teardown(same_subnet_on_two_devices,
						env_setup_cmocka, env_teardown_cmocka),
		cmocka_unit_test_setup_teardown(route_mtu_attribute_caps_path_mtu,
						env_setup_cmocka, env_teardown_cmocka),
		cmocka_unit_test_setup_teardown(taps_see_every_frame_both_ways,
						env_setup_cmocka, env_teardown_cmocka),
		cmocka_unit_test_setup_teardown(proc_net_route_has_linux_layout,
						env_setup_cmocka, env_teardown_cmocka),
		cmocka_unit_test_setup_teardown(proc_net_dev_has_linux_layout,
						env_setup_cmocka, env_teardown_cmocka),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
