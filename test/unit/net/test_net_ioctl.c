/*
 * The semantics under the interface, route and ARP ioctls (dev_ifsioc,
 * devinet_ioctl, inet_gifconf, ip_rt_ioctl, arp_ioctl on kernel copies
 * of struct ifreq, rtentry and arpreq), as Linux answers them; and the
 * counters and tunables /proc/net and /proc/sys/net publish (sockstat,
 * the TCP table, loopback's byte counts, tcp_rmem, the port range).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include <net/tcp.h>
#include <uapi/in.h>
#include <uapi/route.h>
#include <uapi/sockios.h>
#include "nettest.h"

/* Referenced so the archive member wiring TCP to IP is linked (see
 * test_tcp_loopback.c). */
int (*const tcp_register_hook)(void) = tcp_proto_register;

static struct sockaddr sa(be32 addr)
{
	struct sockaddr_in in = { .sin_family = AF_INET, .sin_addr.s_addr = addr };
	struct sockaddr s;

	memcpy(&s, &in, sizeof(s));
	return s;
}

static be32 sa_addr(const struct sockaddr *s)
{
	struct sockaddr_in in;

	memcpy(&in, s, sizeof(in));
	return in.sin_addr.s_addr;
}

static struct ifreq ifr_named(const char *name)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, name, IFNAMSIZ);
	return ifr;
}

/* devinet_ioctl with an address; returns its result. */
static int set_addr(const char *name, unsigned int cmd, be32 addr)
{
	struct ifreq ifr = ifr_named(name);

	ifr.ifr_addr = sa(addr);
	return L(devinet_ioctl(cmd, &ifr));
}

/* The address a get request answers, or 0 with *err set. */
static be32 get_addr(const char *name, unsigned int cmd, int *err)
{
	struct ifreq ifr = ifr_named(name);

	memset(&ifr.ifr_addr, 0x5a, sizeof(ifr.ifr_addr));
	*err = L(devinet_ioctl(cmd, &ifr));
	if (*err)
		return 0;
	assert_int_equal(ifr.ifr_addr.sa_family, AF_INET);
	for (int i = 6; i < 14; i++)
		assert_int_equal(ifr.ifr_addr.sa_data[i], 0);     /* sin_zero */
	return sa_addr(&ifr.ifr_addr);
}

static be32 get_ok(const char *name, unsigned int cmd)
{
	int err;
	be32 a = get_addr(name, cmd, &err);

	assert_int_equal(err, 0);
	return a;
}

static const struct fib_route *main_route(be32 dst, u8 len)
{
	for (const struct fib_route *r = fib_table_first(RT_TABLE_MAIN); r; r = r->next)
		if (r->dst == dst && r->dst_len == len)
			return r;
	return NULL;
}

static void device_requests(void **state)
{
	struct ifreq ifr;
	static const u8 pattern[14] = { 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
					0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a };

	(void)state;
	ifr = ifr_named("eth0");
	assert_int_equal(L(dev_ifsioc(SIOCGIFINDEX, &ifr)), 0);
	assert_int_equal(ifr.ifr_ifindex, eth0->ifindex);
	ifr = ifr_named("");
	ifr.ifr_ifindex = eth0->ifindex;
	memset(ifr.ifr_name, 0x5a, IFNAMSIZ);
	assert_int_equal(L(dev_ifsioc(SIOCGIFNAME, &ifr)), 0);
	assert_memory_equal(ifr.ifr_name, "eth0\0\x5a", 6);     /* name, NUL, rest kept */
	ifr.ifr_ifindex = 99;
	assert_int_equal(L(dev_ifsioc(SIOCGIFNAME, &ifr)), -ENODEV);
	ifr = ifr_named("eth0");
	assert_int_equal(L(dev_ifsioc(SIOCGIFFLAGS, &ifr)), 0);
	assert_int_equal((u16)ifr.ifr_flags, IFF_UP | IFF_BROADCAST | IFF_RUNNING | IFF_MULTICAST);
	ifr = ifr_named("eth0");
	assert_int_equal(L(dev_ifsioc(SIOCGIFMTU, &ifr)), 0);
	assert_int_equal(ifr.ifr_mtu, 1500);
	ifr = ifr_named("eth0");
	memset(&ifr.ifr_hwaddr, 0x5a, sizeof(ifr.ifr_hwaddr));
	assert_int_equal(L(dev_ifsioc(SIOCGIFHWADDR, &ifr)), 0);
	assert_int_equal(ifr.ifr_hwaddr.sa_family, ARPHRD_ETHER);
	assert_memory_equal(ifr.ifr_hwaddr.sa_data, our_mac, 6);
	assert_memory_equal(ifr.ifr_hwaddr.sa_data + 6, pattern, 8);
	ifr = ifr_named("lo");
	assert_int_equal(L(dev_ifsioc(SIOCGIFHWADDR, &ifr)), 0);
	assert_int_equal(ifr.ifr_hwaddr.sa_family, ARPHRD_LOOPBACK);
	ifr = ifr_named("lo");
	assert_int_equal(L(dev_ifsioc(SIOCGIFTXQLEN, &ifr)), 0);
	assert_int_equal(ifr.ifr_qlen, 1000);
	ifr = ifr_named("lo");
	ifr.ifr_metric = 7;
	assert_int_equal(L(dev_ifsioc(SIOCGIFMETRIC, &ifr)), 0);
	assert_int_equal(ifr.ifr_metric, 0);
	/* An address label names its device; a 16-byte name is cut at 15. */
	ifr = ifr_named("eth0:7");
	assert_int_equal(L(dev_ifsioc(SIOCGIFINDEX, &ifr)), 0);
	assert_int_equal(ifr.ifr_ifindex, eth0->ifindex);
	memset(ifr.ifr_name, 'x', IFNAMSIZ);
	assert_int_equal(L(dev_ifsioc(SIOCGIFFLAGS, &ifr)), -ENODEV);
	ifr = ifr_named("nope0");
	assert_int_equal(L(dev_ifsioc(SIOCGIFMTU, &ifr)), -ENODEV);
	ifr = ifr_named("eth0");
	assert_int_equal(L(dev_ifsioc(SIOCGIFMEM, &ifr)), -ENOTTY);
	/* MTU within the device's bounds. */
	ifr = ifr_named("eth0");
	ifr.ifr_mtu = 1400;
	assert_int_equal(L(dev_ifsioc(SIOCSIFMTU, &ifr)), 0);
	assert_int_equal(eth0->mtu, 1400);
	ifr.ifr_mtu = 67;
	assert_int_equal(L(dev_ifsioc(SIOCSIFMTU, &ifr)), -EINVAL);
	ifr.ifr_mtu = -1;
	assert_int_equal(L(dev_ifsioc(SIOCSIFMTU, &ifr)), -EINVAL);
	ifr.ifr_mtu = 1501;
	assert_int_equal(L(dev_ifsioc(SIOCSIFMTU, &ifr)), -EINVAL);
	assert_int_equal(eth0->mtu, 1400);
	ifr.ifr_qlen = -1;
	assert_int_equal(L(dev_ifsioc(SIOCSIFTXQLEN, &ifr)), -EINVAL);
	ifr.ifr_qlen = 500;
	assert_int_equal(L(dev_ifsioc(SIOCSIFTXQLEN, &ifr)), 0);
	assert_int_equal(eth0->tx_queue_len, 500);
	assert_int_equal(L(dev_ifsioc(SIOCSIFMETRIC, &ifr)), -EOPNOTSUPP);
}

/* SIOCSIFFLAGS takes the user's bits only; UP opens and closes. */
static void flags_change(void **state)
{
	struct ifreq ifr = ifr_named("eth0");

	(void)state;
	ifr.ifr_flags = IFF_UP | IFF_LOOPBACK | IFF_PROMISC;
	assert_int_equal(L(dev_ifsioc(SIOCSIFFLAGS, &ifr)), 0);
	assert_int_equal(L(dev_get_flags(eth0)) & 0xffff,
			 IFF_UP | IFF_BROADCAST | IFF_RUNNING | IFF_PROMISC);
	assert_int_equal(eth0->promiscuity, 1);    /* the user is a listener */
	assert_int_equal(L(dev_ifsioc(SIOCSIFFLAGS, &ifr)), 0);
	assert_int_equal(eth0->promiscuity, 1);    /* once */
	ifr.ifr_flags = IFF_BROADCAST | IFF_MULTICAST;
	assert_int_equal(L(devinet_ioctl(SIOCSIFFLAGS, &ifr)), 0);
	assert_false(eth0->flags & IFF_UP);
	assert_int_equal(eth0->promiscuity, 0);
	/* Down: RUNNING is not reported, and the subnet route is gone. */
	assert_int_equal(L(dev_get_flags(eth0)) & 0xffff, IFF_BROADCAST | IFF_MULTICAST);
	assert_null(L(main_route(IP4(192, 0, 2, 0), 24)));
	ifr.ifr_flags = IFF_UP | IFF_MULTICAST;
	assert_int_equal(L(devinet_ioctl(SIOCSIFFLAGS, &ifr)), 0);
	assert_non_null(L(main_route(IP4(192, 0, 2, 0), 24)));
}

/* SIOCSIFADDR alone: the classful mask and its broadcast; 0 deletes. */
static void address_classful(void **state)
{
	int err;

	(void)state;
	assert_int_equal(set_addr("eth0", SIOCSIFADDR, IP4(10, 0, 2, 15)), 0);
	assert_int_equal(get_ok("eth0", SIOCGIFADDR), IP4(10, 0, 2, 15));
	assert_int_equal(get_ok("eth0", SIOCGIFNETMASK), IP4(255, 0, 0, 0));
	assert_int_equal(get_ok("eth0", SIOCGIFBRDADDR), IP4(10, 255, 255, 255));
	assert_int_equal(get_ok("eth0", SIOCGIFDSTADDR), IP4(10, 0, 2, 15));
	assert_non_null(L(main_route(IP4(10, 0, 0, 0), 8)));
	assert_null(L(main_route(IP4(192, 0, 2, 0), 24)));   /* the old one went */
	assert_int_equal(set_addr("eth0", SIOCSIFADDR, IP4(192, 168, 5, 9)), 0);
	assert_int_equal(get_ok("eth0", SIOCGIFNETMASK), IP4(255, 255, 255, 0));
	assert_int_equal(get_ok("eth0", SIOCGIFBRDADDR), IP4(192, 168, 5, 255));
	assert_int_equal(set_addr("eth0", SIOCSIFADDR, IP4(172, 20, 1, 2)), 0);
	assert_int_equal(get_ok("eth0", SIOCGIFNETMASK), IP4(255, 255, 0, 0));
	assert_int_equal(set_addr("eth0", SIOCSIFADDR, IP4(224, 0, 0, 9)), -EINVAL);
	assert_int_equal(set_addr("eth0", SIOCSIFADDR, 0), 0);
	assert_null(eth0->ifa_list);
	get_addr("eth0", SIOCGIFADDR, &err);
	assert_int_equal(err, -EADDRNOTAVAIL);
	assert_int_equal(set_addr("eth0", SIOCSIFNETMASK, IP4(255, 255, 255, 0)), -EADDRNOTAVAIL);
	assert_int_equal(set_addr("eth0", SIOCSIFADDR, 0), 0);   /* nothing to delete */
	/* Another family is EINVAL before the name is looked up. */
	{
		struct ifreq ifr = ifr_named("nope0");

		ifr.ifr_addr.sa_family = AF_UNIX;
		assert_int_equal(L(devinet_ioctl(SIOCSIFADDR, &ifr)), -EINVAL);
		ifr.ifr_addr.sa_family = AF_INET;
		assert_int_equal(L(devinet_ioctl(SIOCSIFADDR, &ifr)), -ENODEV);
	}
}

/* A new mask moves a broadcast that followed the old one; one set by
 * hand stays; the mask must be contiguous. */
static void netmask_and_broadcast(void **state)
{
	(void)state;
	assert_int_equal(set_addr("eth0", SIOCSIFADDR, IP4(10, 0, 2, 15)), 0);
	assert_int_equal(set_addr("eth0", SIOCSIFNETMASK, IP4(255, 255, 255, 0)), 0);
	assert_int_equal(get_ok("eth0", SIOCGIFBRDADDR), IP4(10, 0, 2, 255));
	assert_non_null(L(main_route(IP4(10, 0, 2, 0), 24)));
	assert_int_equal(set_addr("eth0", SIOCSIFNETMASK, IP4(255, 255, 255, 252)), 0);
	assert_int_equal(get_ok("eth0", SIOCGIFBRDADDR), IP4(10, 0, 2, 15));
	assert_int_equal(set_addr("eth0", SIOCSIFNETMASK, IP4(255, 0, 255, 0)), -EINVAL);
	assert_int_equal(set_addr("eth0", SIOCSIFNETMASK, IP4(0, 255, 255, 255)), -EINVAL);
	assert_int_equal(get_ok("eth0", SIOCGIFNETMASK), IP4(255, 255, 255, 252));
	assert_int_equal(set_addr("eth0", SIOCSIFNETMASK, IP4(255, 255, 255, 0)), 0);
	assert_int_equal(set_addr("eth0", SIOCSIFBRDADDR, IP4(10, 0, 2, 127)), 0);
	assert_int_equal(set_addr("eth0", SIOCSIFNETMASK, IP4(255, 255, 0, 0)), 0);
	assert_int_equal(get_ok("eth0", SIOCGIFBRDADDR), IP4(10, 0, 2, 127));
	assert_non_null(L(main_route(IP4(10, 0, 0, 0), 16)));
	assert_null(L(main_route(IP4(10, 0, 2, 0), 24)));
	assert_int_equal(set_addr("eth0", SIOCSIFNETMASK, 0), 0);
	assert_int_equal(get_ok("eth0", SIOCGIFNETMASK), 0);
}

/* Labels: "eth0:1" is a second address; SIOCGIFCONF lists them all;
 * taking the label down deletes its address. */
static void labels_and_ifconf(void **state)
{
	struct ifreq req[4];
	struct ifreq ifr;
	struct sockaddr_in in;

	(void)state;
	assert_int_equal(set_addr("eth0:1", SIOCSIFADDR, IP4(198, 51, 100, 1)), 0);
	assert_int_equal(get_ok("eth0:1", SIOCGIFADDR), IP4(198, 51, 100, 1));
	assert_int_equal(get_ok("eth0", SIOCGIFADDR), OUR_IP);
	assert_int_equal(L(inet_gifconf(NULL, 0)), 3);     /* lo, eth0, eth0:1 */
	memset(req, 0x5a, sizeof(req));
	assert_int_equal(L(inet_gifconf(req, 2)), 2);
	assert_string_equal(req[0].ifr_name, "lo");
	assert_string_equal(req[1].ifr_name, "eth0");
	memcpy(&in, &req[1].ifr_addr, sizeof(in));
	assert_int_equal(in.sin_family, AF_INET);
	assert_int_equal(in.sin_addr.s_addr, OUR_IP);
	assert_int_equal(req[2].ifr_name[0], 0x5a);        /* not written */
	assert_int_equal(L(inet_gifconf(req, 4)), 3);
	assert_string_equal(req[2].ifr_name, "eth0:1");
	/* A get naming an address picks it among the label's. */
	ifr = ifr_named("eth0:1");
	assert_int_equal(L(devinet_ioctl(SIOCGIFNETMASK, &ifr)), 0);
	ifr = ifr_named("eth0:1");
	ifr.ifr_flags = 0;
	assert_int_equal(L(devinet_ioctl(SIOCSIFFLAGS, &ifr)), 0);
	assert_int_equal(L(inet_gifconf(NULL, 0)), 2);
	assert_true(eth0->flags & IFF_UP);                 /* the device stays up */
	ifr = ifr_named("eth0:2");
	assert_int_equal(L(devinet_ioctl(SIOCSIFFLAGS, &ifr)), -EADDRNOTAVAIL);
}

static struct rtentry rt_req(be32 dst, be32 mask, be32 gw, char *dev)
{
	struct rtentry rt;

	memset(&rt, 0, sizeof(rt));
	rt.rt_dst = sa(dst);
	rt.rt_genmask = sa(mask);
	rt.rt_flags = RTF_UP;
	if (gw) {
		rt.rt_gateway = sa(gw);
		rt.rt_flags |= RTF_GATEWAY;
	}
	rt.rt_dev = dev;
	return rt;
}

static int rt(unsigned int cmd, const struct rtentry *r, const char *dev)
{
	return L(ip_rt_ioctl(cmd, r, dev, 0));
}

/* The /proc/net/route line of dst/len, without its padding. */
static const char *route_line(const char *prefix)
{
	static char buf[4096], line[200];
	char *p, *e;

	L(fib_route_proc_format(buf, sizeof(buf)));
	p = strstr(buf, prefix);
	if (!p)
		return "";
	e = strchr(p, ' ');
	snprintf(line, sizeof(line), "%.*s", (int)(e - p), p);
	return line;
}

static void route_add_delete(void **state)
{
	struct rtentry def = rt_req(0, 0, GW_IP, NULL);
	struct rtentry def2 = rt_req(0, 0, OTHER_IP, NULL);
	struct rtentry del = rt_req(0, 0, 0, NULL);
	const struct fib_route *r;

	(void)state;
	assert_int_equal(rt(SIOCADDRT, &def, NULL), 0);
	r = L(main_route(0, 0));
	assert_non_null(r);
	assert_int_equal(r->gateway, GW_IP);
	assert_int_equal(r->scope, RT_SCOPE_UNIVERSE);
	assert_int_equal(r->protocol, RTPROT_BOOT);
	assert_ptr_equal(r->dev, eth0);
	assert_int_equal(rt(SIOCADDRT, &def, NULL), -EEXIST);
	/* Another gateway for the same prefix comes in front. */
	assert_int_equal(rt(SIOCADDRT, &def2, NULL), 0);
	r = L(main_route(0, 0));
	assert_int_equal(r->gateway, OTHER_IP);
	assert_int_equal(r->next->gateway, GW_IP);
	/* A delete naming a gateway deletes only its route. */
	assert_int_equal(rt(SIOCDELRT, &def, NULL), 0);
	assert_int_equal(L(main_route(0, 0))->gateway, OTHER_IP);
	assert_int_equal(rt(SIOCDELRT, &def, NULL), -ESRCH);
	assert_int_equal(rt(SIOCDELRT, &del, NULL), 0);
	assert_null(L(main_route(0, 0)));
	assert_int_equal(rt(SIOCDELRT, &del, NULL), -ESRCH);
	/* Off every connected network: no gateway. */
	def.rt_gateway = sa(REMOTE_IP);
	assert_int_equal(rt(SIOCADDRT, &def, NULL), -ENETUNREACH);
}

static void route_flags_metric_mtu(void **state)
{
	struct rtentry host = rt_req(OTHER_IP, 0, 0, (char *)"x");
	struct rtentry net = rt_req(IP4(203, 0, 113, 0), IP4(255, 255, 255, 0), GW_IP, NULL);

	(void)state;
	host.rt_flags |= RTF_HOST;
	assert_int_equal(rt(SIOCADDRT, &host, "eth0"), 0);
	assert_string_equal(route_line("eth0\t030200C0"),
			    "eth0\t030200C0\t00000000\t0005\t0\t0\t0\tFFFFFFFF\t0\t0\t0");
	assert_int_equal(L(main_route(OTHER_IP, 32))->scope, RT_SCOPE_LINK);
	/* route(8)'s metric is one more than the priority; MTU is the MSS + 40. */
	net.rt_metric = 5;
	net.rt_flags |= RTF_MTU | RTF_WINDOW | RTF_IRTT;
	net.rt_mtu = 1400;
	net.rt_window = 8192;
	net.rt_irtt = 300;
	assert_int_equal(rt(SIOCADDRT, &net, NULL), 0);
	assert_string_equal(route_line("eth0\t007100CB"),
			    "eth0\t007100CB\tFE0200C0\t0003\t0\t0\t4\t00FFFFFF\t1400\t8192\t300");
}

static void route_reject_and_errors(void **state)
{
	struct rtentry r = rt_req(IP4(198, 51, 100, 0), IP4(255, 255, 255, 0), 0, NULL);
	char dev[] = "eth0:9";

	(void)state;
	r.rt_flags |= RTF_REJECT;
	assert_int_equal(rt(SIOCADDRT, &r, NULL), 0);
	assert_int_equal(L(main_route(IP4(198, 51, 100, 0), 24))->type, RTN_UNREACHABLE);
	assert_string_equal(route_line("*\t"), "*\t006433C6\t00000000\t0201\t0\t0\t0\t00FFFFFF\t0\t0\t0");
	assert_int_equal(rt(SIOCDELRT, &r, NULL), 0);
	/* Errors, in Linux's order. */
	r = rt_req(IP4(192, 0, 2, 5), IP4(255, 255, 255, 0), 0, NULL);
	assert_int_equal(rt(SIOCADDRT, &r, NULL), -EINVAL);
	r = rt_req(IP4(10, 0, 0, 0), IP4(255, 0, 255, 0), 0, NULL);
	assert_int_equal(rt(SIOCADDRT, &r, NULL), -EINVAL);
	r = rt_req(IP4(10, 0, 0, 0), IP4(255, 0, 0, 0), 0, dev);
	assert_int_equal(rt(SIOCADDRT, &r, "nope0"), -ENODEV);
	assert_int_equal(rt(SIOCADDRT, &r, "eth0:9"), -ENODEV);   /* no such label */
	assert_int_equal(L(ip_rt_ioctl(SIOCADDRT, &r, NULL, -EFAULT)), -EFAULT);
	r.rt_dst.sa_family = AF_UNIX;
	assert_int_equal(L(ip_rt_ioctl(SIOCADDRT, &r, NULL, -EFAULT)), -EAFNOSUPPORT);
	r = rt_req(IP4(10, 0, 0, 0), IP4(255, 0, 0, 0), 0, NULL);
	r.rt_genmask.sa_family = AF_UNIX;
	assert_int_equal(rt(SIOCADDRT, &r, NULL), -EAFNOSUPPORT);
	r = rt_req(IP4(10, 0, 0, 0), IP4(255, 0, 0, 0), 0, NULL);
	r.rt_flags |= RTF_GATEWAY;
	assert_int_equal(rt(SIOCADDRT, &r, NULL), -EINVAL);
	assert_int_equal(rt(SIOCGIFADDR, &r, NULL), -ENOTTY);
	/* A label's address becomes the route's source. */
	assert_int_equal(set_addr("eth0:9", SIOCSIFADDR, IP4(192, 0, 2, 9)), 0);
	r = rt_req(IP4(10, 0, 0, 0), IP4(255, 0, 0, 0), 0, dev);
	assert_int_equal(rt(SIOCADDRT, &r, "eth0:9"), 0);
	assert_int_equal(L(main_route(IP4(10, 0, 0, 0), 8))->prefsrc, IP4(192, 0, 2, 9));
}

static struct arpreq arp_req(be32 ip, const u8 *mac, int flags, const char *dev)
{
	struct arpreq r;

	memset(&r, 0, sizeof(r));
	r.arp_pa = sa(ip);
	r.arp_ha.sa_family = ARPHRD_ETHER;
	if (mac)
		memcpy(r.arp_ha.sa_data, mac, 6);
	r.arp_flags = flags;
	snprintf(r.arp_dev, sizeof(r.arp_dev), "%s", dev);
	return r;
}

static void arp_set_get_delete(void **state)
{
	static const u8 mac[6] = { 2, 0, 0, 0, 0, 0x77 };
	struct arpreq r = arp_req(OTHER_IP, mac, ATF_PERM, "eth0");
	struct arpreq g = arp_req(OTHER_IP, NULL, 0, "eth0");
	struct neighbour *n;

	(void)state;
	assert_int_equal(L(arp_ioctl(SIOCGARP, &g)), -ENXIO);
	assert_int_equal(L(arp_ioctl(SIOCSARP, &r)), 0);
	n = L(neigh_lookup(eth0, OTHER_IP));
	assert_non_null(n);
	assert_int_equal(n->nud_state, NUD_PERMANENT);
	g.arp_flags = 0x1000;
	memset(&g.arp_ha, 0x5a, sizeof(g.arp_ha));
	assert_int_equal(L(arp_ioctl(SIOCGARP, &g)), 0);
	assert_int_equal(g.arp_flags, ATF_PERM | ATF_COM);  /* PERM implies COM */
	assert_int_equal(g.arp_ha.sa_family, ARPHRD_ETHER);
	assert_memory_equal(g.arp_ha.sa_data, mac, 6);
	assert_string_equal(g.arp_dev, "eth0");
	/* ATF_COM alone: a resolved entry that ages. */
	r = arp_req(IP4(192, 0, 2, 78), mac, ATF_COM, "");
	assert_int_equal(L(arp_ioctl(SIOCSARP, &r)), 0);   /* device by route */
	assert_int_equal(L(neigh_lookup(eth0, IP4(192, 0, 2, 78)))->nud_state, NUD_STALE);
	g = arp_req(IP4(192, 0, 2, 78), NULL, 0, "");
	assert_int_equal(L(arp_ioctl(SIOCGARP, &g)), -ENODEV);   /* get needs a device */
	g = arp_req(IP4(192, 0, 2, 78), NULL, 0, "eth0");
	assert_int_equal(L(arp_ioctl(SIOCGARP, &g)), 0);
	assert_int_equal(g.arp_flags, ATF_COM);
	/* Without an address only an entry that has one may be set. */
	r = arp_req(IP4(192, 0, 2, 79), NULL, 0, "eth0");
	assert_int_equal(L(arp_ioctl(SIOCSARP, &r)), -EINVAL);
	assert_null(L(neigh_lookup(eth0, IP4(192, 0, 2, 79))));
	/* Delete, by device or by route. */
	g = arp_req(OTHER_IP, NULL, 0, "");
	assert_int_equal(L(arp_ioctl(SIOCDARP, &g)), 0);
	assert_null(L(neigh_lookup(eth0, OTHER_IP)));
	assert_int_equal(L(arp_ioctl(SIOCDARP, &g)), -ENXIO);
}

static void arp_errors(void **state)
{
	static const u8 mac[6] = { 2, 0, 0, 0, 0, 0x77 };
	struct arpreq r = arp_req(OTHER_IP, mac, ATF_PERM | ATF_COM, "eth0");

	(void)state;
	r.arp_pa.sa_family = AF_UNIX;
	assert_int_equal(L(arp_ioctl(SIOCSARP, &r)), -EPFNOSUPPORT);
	assert_int_equal(L(arp_ioctl(SIOCGARP, &r)), -EPFNOSUPPORT);
	r = arp_req(OTHER_IP, mac, ATF_PERM | ATF_COM, "eth0");
	r.arp_ha.sa_family = ARPHRD_LOOPBACK;
	assert_int_equal(L(arp_ioctl(SIOCSARP, &r)), -EINVAL);
	r = arp_req(OTHER_IP, mac, ATF_PERM | ATF_COM | ATF_NETMASK, "eth0");
	assert_int_equal(L(arp_ioctl(SIOCSARP, &r)), -EINVAL);
	r = arp_req(OTHER_IP, mac, ATF_PERM | ATF_COM, "nope0");
	assert_int_equal(L(arp_ioctl(SIOCSARP, &r)), -ENODEV);
	r = arp_req(REMOTE_IP, mac, ATF_PERM | ATF_COM, "");
	assert_int_equal(L(arp_ioctl(SIOCSARP, &r)), -ENETUNREACH);
	/* Through a gateway is not on-link either. */
	{
		struct rtentry def = rt_req(0, 0, GW_IP, NULL);

		assert_int_equal(rt(SIOCADDRT, &def, NULL), 0);
		assert_int_equal(L(arp_ioctl(SIOCSARP, &r)), -ENETUNREACH);
	}
	r = arp_req(OTHER_IP, mac, ATF_PERM | ATF_COM | ATF_PUBL, "eth0");
	assert_int_equal(L(arp_ioctl(SIOCSARP, &r)), -EOPNOTSUPP);
	assert_int_equal(L(arp_ioctl(SIOCADDRT, &r)), -ENOTTY);
	/* A device down empties its entries, which /proc/net/arp shows. */
	r = arp_req(OTHER_IP, mac, ATF_PERM | ATF_COM, "eth0");
	assert_int_equal(L(arp_ioctl(SIOCSARP, &r)), 0);
	{
		char buf[512];

		L(arp_proc_format(buf, sizeof(buf)));
		assert_non_null(strstr(buf, "\n192.0.2.3        0x1         0x6         "
				       "02:00:00:00:00:77     *        eth0\n"));
	}
}

/* lo counts the IP packet, not its Ethernet header, as Linux's lo. */
static void loopback_counts_without_link_header(void **state)
{
	struct sock *rx = L(udp_sock_create()), *tx = L(udp_sock_create());
	char payload[100] = { 0 };

	(void)state;
	assert_int_equal(L(udp_bind(rx, LOOP_IP, net_htons(4000))), 0);
	assert_int_equal(L(udp_sendto(tx, payload, sizeof(payload), LOOP_IP, net_htons(4000))), 100);
	net_settle();
	assert_int_equal(loopback_dev->stats.tx_bytes, 20 + 8 + 100);
	assert_int_equal(loopback_dev->stats.rx_bytes, 20 + 8 + 100);
	assert_int_equal(loopback_dev->stats.tx_packets, 1);
	LV(udp_close(rx));
	LV(udp_close(tx));
}

static void sockstat_line(char *out, size_t size, const char *prefix)
{
	char buf[512], *p, *e;

	L(sockstat_proc_format(buf, sizeof(buf), 10));
	p = strstr(buf, prefix);
	assert_non_null(p);
	e = strchr(p, '\n');
	snprintf(out, size, "%.*s", (int)(e - p), p);
}

/* sockstat's counts follow TCP and UDP sockets through their lives. */
static void sockstat_counts(void **state)
{
	static int owner;          /* stands for a struct socket */
	struct tcp_sock *lp, *cli, *srv = NULL;
	struct sock *u = L(udp_sock_create());
	char line[128], buf[2048];

	(void)state;
	sockstat_line(line, sizeof(line), "sockets:");
	assert_string_equal(line, "sockets: used 10");
	assert_int_equal(L(udp_bind(u, 0, 0)), 0);
	sockstat_line(line, sizeof(line), "UDP:");
	assert_string_equal(line, "UDP: inuse 1 mem 0");
	net_lock();
	lp = tcp_create();
	cli = tcp_create();
	lp->sk.owner = cli->sk.owner = &owner;
	net_unlock();
	sockstat_line(line, sizeof(line), "TCP:");
	assert_string_equal(line, "TCP: inuse 0 orphan 0 tw 0 alloc 2 mem 0");
	net_lock();
	assert_int_equal(tcp_bind(lp, LOOP_IP, net_htons(80)), 0);
	assert_int_equal(tcp_listen(lp, 8), 0);
	assert_int_equal(tcp_connect(cli, LOOP_IP, net_htons(80)), -EINPROGRESS);
	net_unlock();
	net_run_until_idle();
	/* The connection waiting in the accept queue has no socket yet. */
	sockstat_line(line, sizeof(line), "sockets:");
	assert_string_equal(line, "sockets: used 11");
	sockstat_line(line, sizeof(line), "TCP:");
	assert_string_equal(line, "TCP: inuse 3 orphan 0 tw 0 alloc 3 mem 0");
	/* /proc/net/tcp: the listener first, then both ends. */
	L(tcp4_proc_format(buf, sizeof(buf), NULL));
	assert_memory_equal(buf, "  sl  local_address", 19);
	assert_non_null(strstr(buf, "\n   0: 0100007F:0050 00000000:0000 0A "));
	assert_non_null(strstr(buf, "\n   1: "));
	assert_non_null(strstr(buf, "\n   2: "));
	assert_null(strstr(buf, "\n   3: "));
	net_lock();
	assert_int_equal(tcp_accept(lp, &srv), 0);
	srv->sk.owner = &owner;
	assert_int_equal(tcp_send(cli, "hello", 5, 0), 5);
	net_unlock();
	net_run_until_idle();
	/* Five bytes unread by one end: a page charged to it.  The other
	 * holds none: the first data of a connection is acknowledged at
	 * once (quick-ACK mode, as Linux). */
	sockstat_line(line, sizeof(line), "TCP:");
	assert_string_equal(line, "TCP: inuse 3 orphan 0 tw 0 alloc 3 mem 1");
	net_lock();
	assert_int_equal(tcp_recv(srv, buf, sizeof(buf), 0), 5);
	net_unlock();
	fake_clock_advance(NSEC_PER_SEC);  /* the delayed ACK goes */
	net_run_until_idle();
	net_lock();
	cli->sk.owner = NULL;
	tcp_close(cli);            /* the client goes first: its end orphaned */
	net_unlock();
	sockstat_line(line, sizeof(line), "TCP:");
	assert_string_equal(line, "TCP: inuse 3 orphan 1 tw 0 alloc 3 mem 0");
	net_run_until_idle();
	net_lock();
	srv->sk.owner = lp->sk.owner = NULL;
	tcp_close(srv);
	tcp_close(lp);
	net_unlock();
	net_run_until_idle();
	sockstat_line(line, sizeof(line), "TCP:");
	assert_string_equal(line, "TCP: inuse 0 orphan 0 tw 1 alloc 0 mem 0");
	fake_clock_advance(120 * NSEC_PER_SEC);
	net_run_until_idle();
	sockstat_line(line, sizeof(line), "TCP:");
	assert_string_equal(line, "TCP: inuse 0 orphan 0 tw 0 alloc 0 mem 0");
	sockstat_line(line, sizeof(line), "sockets:");
	assert_string_equal(line, "sockets: used 10");
	LV(udp_close(u));
	sockstat_line(line, sizeof(line), "UDP:");
	assert_string_equal(line, "UDP: inuse 0 mem 0");
	L(sockstat_proc_format(buf, sizeof(buf), 0));
	assert_non_null(strstr(buf, "\nUDPLITE: inuse 0\nRAW: inuse 0\nFRAG: inuse 0 memory 0\n"));
}

static void tunables(void **state)
{
	(void)state;
	/* tcp_init's sizes: 1/128 of free memory, within bounds. */
	tcp_mem_sysctl_init(512ull << 20);
	assert_int_equal(sysctl_tcp_rmem[2], 4194304);
	assert_int_equal(sysctl_tcp_wmem[2], 4194304);
	tcp_mem_sysctl_init(8ull << 20);
	assert_int_equal(sysctl_tcp_rmem[2], 131072);
	assert_int_equal(sysctl_tcp_wmem[2], 65536);
	tcp_mem_sysctl_init(4ull << 30);
	assert_int_equal(sysctl_tcp_rmem[2], 6291456);
	assert_int_equal(sysctl_tcp_wmem[2], 4194304);
	assert_int_equal(sysctl_tcp_rmem[1], 131072);
	assert_int_equal(sysctl_tcp_wmem[1], 16384);
	/* The port range the transports draw from. */
	assert_int_equal(L(inet_set_local_port_range(40000, 40001)), 0);
	{
		struct sock *a = L(udp_sock_create()), *b = L(udp_sock_create()),
			    *c = L(udp_sock_create());
		struct tcp_sock *t = L(tcp_create());
		u16 pa, pb;

		assert_int_equal(L(udp_bind(a, 0, 0)), 0);
		assert_int_equal(L(udp_bind(b, 0, 0)), 0);
		pa = net_ntohs(a->sport);
		pb = net_ntohs(b->sport);
		assert_true(pa != pb && pa >= 40000 && pa <= 40001 && pb >= 40000 && pb <= 40001);
		assert_int_not_equal(L(udp_bind(c, 0, 0)), 0);
		assert_int_equal(L(tcp_bind(t, 0, 0)), 0);
		assert_true(net_ntohs(t->sk.sport) >= 40000 && net_ntohs(t->sk.sport) <= 40001);
		LV(udp_close(a));
		LV(udp_close(b));
		LV(udp_close(c));
		LV(tcp_close(t));
	}
	assert_int_equal(L(inet_set_local_port_range(32768, 60999)), 0);
}

static int setup(void **state)
{
	(void)state;
	env_setup(true);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	env_teardown();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(device_requests, setup, teardown),
		cmocka_unit_test_setup_teardown(flags_change, setup, teardown),
		cmocka_unit_test_setup_teardown(address_classful, setup, teardown),
		cmocka_unit_test_setup_teardown(netmask_and_broadcast, setup, teardown),
		cmocka_unit_test_setup_teardown(labels_and_ifconf, setup, teardown),
		cmocka_unit_test_setup_teardown(route_add_delete, setup, teardown),
		cmocka_unit_test_setup_teardown(route_flags_metric_mtu, setup, teardown),
		cmocka_unit_test_setup_teardown(route_reject_and_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(arp_set_get_delete, setup, teardown),
		cmocka_unit_test_setup_teardown(arp_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(loopback_counts_without_link_header, setup, teardown),
		cmocka_unit_test_setup_teardown(sockstat_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(tunables, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
