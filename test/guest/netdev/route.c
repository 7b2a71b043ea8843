/*
 * route.c - the routing ioctls SIOCADDRT/SIOCDELRT (struct rtentry, as
 * busybox route and udhcpc's script use them), /proc/net/route in its
 * exact format, and the source address a connected UDP socket gets from
 * the chosen route.
 *
 * Every check starts from eth0_config(): eth0 freshly up as 10.0.2.15/24,
 * which leaves only the subnet route 10.0.2.0/24 in the main table.
 */
#include "netdev.h"

/* A route request: destination/mask, optional gateway and device. */
static struct rtentry rt_req(const char *dst, const char *mask, const char *gw,
			     char *dev)
{
	struct rtentry rt;

	memset(&rt, 0, sizeof rt);
	rt.rt_dst = sa4(dst);
	rt.rt_genmask = sa4(mask);
	rt.rt_flags = RTF_UP;
	if (gw) {
		rt.rt_gateway = sa4(gw);
		rt.rt_flags |= RTF_GATEWAY;
	}
	rt.rt_dev = dev;
	return rt;
}

/* SIOCADDRT / SIOCDELRT: returns 0 or -errno. */
static int route_ioctl(unsigned long cmd, struct rtentry *rt)
{
	return inet_ioctl(cmd, rt);
}

/* Compares /proc/net/route with the header and the given lines. */
static int route_file_is(const char *const *lines, size_t n)
{
	char buf[4096], want[4096] = "";
	size_t i;

	route_line(want, sizeof want, ROUTE_HEADER);
	for (i = 0; i < n; i++)
		route_line(want, sizeof want, lines[i]);
	if (slurp("/proc/net/route", buf, sizeof buf) < 0)
		return -1;
	return same_text("/proc/net/route", buf, want);
}

#define SUBNET "eth0\t0002000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0"
#define DEFAULT_VIA_GW "eth0\t00000000\t0202000A\t0003\t0\t0\t0\t00000000\t0\t0\t0"

/* route add default gw 10.0.2.2: flags UG, listed before the subnet. */
static void add_default(void)
{
	struct rtentry rt = rt_req("0.0.0.0", "0.0.0.0", GATEWAY_IP, NULL);
	static const char *const want[] = { DEFAULT_VIA_GW, SUBNET };

	TRY(eth0_config());
	TRY(route_file_is(want + 1, 1));
	REQUIRE(route_ioctl(SIOCADDRT, &rt) == 0, "SIOCADDRT: %s",
		nerr(-route_ioctl(SIOCADDRT, &rt)));
	TRY(route_file_is(want, 2));
}

/*
 * The same route again is EEXIST; another gateway is a second route,
 * listed before the first (the newest alias of a prefix comes first).
 */
static void add_duplicate(void)
{
	struct rtentry rt = rt_req("0.0.0.0", "0.0.0.0", GATEWAY_IP, NULL);
	struct rtentry rt2 = rt_req("0.0.0.0", "0.0.0.0", "10.0.2.3", NULL);
	static const char *const want[] = {
		"eth0\t00000000\t0302000A\t0003\t0\t0\t0\t00000000\t0\t0\t0",
		DEFAULT_VIA_GW, SUBNET };
	int r;

	TRY(eth0_config());
	REQUIRE((r = route_ioctl(SIOCADDRT, &rt)) == 0, "first: %s",
		nerr(-r));
	REQUIRE((r = route_ioctl(SIOCADDRT, &rt)) == -EEXIST, "second: %s, want "
		"EEXIST", nerr(-r));
	REQUIRE((r = route_ioctl(SIOCADDRT, &rt2)) == 0, "via 10.0.2.3: %s",
		nerr(-r));
	TRY(route_file_is(want, 3));
}

/* Deleting: by destination and mask alone; a missing route is ESRCH. */
static void delete_route(void)
{
	struct rtentry rt = rt_req("0.0.0.0", "0.0.0.0", GATEWAY_IP, NULL);
	struct rtentry del = rt_req("0.0.0.0", "0.0.0.0", NULL, NULL);
	struct rtentry other = rt_req("192.168.9.0", "255.255.255.0", NULL, NULL);
	int r;

	TRY(eth0_config());
	REQUIRE((r = route_ioctl(SIOCADDRT, &rt)) == 0, "add: %s", nerr(-r));
	REQUIRE((r = route_ioctl(SIOCDELRT, &del)) == 0, "delete: %s",
		nerr(-r));
	TRY(route_file_is((const char *const[]){ SUBNET }, 1));
	REQUIRE((r = route_ioctl(SIOCDELRT, &del)) == -ESRCH, "delete again: %s, "
		"want ESRCH", nerr(-r));
	REQUIRE((r = route_ioctl(SIOCDELRT, &other)) == -ESRCH, "delete never "
		"added: %s, want ESRCH", nerr(-r));
	/* A delete naming a different gateway does not match. */
	REQUIRE((r = route_ioctl(SIOCADDRT, &rt)) == 0, "add: %s", nerr(-r));
	rt.rt_gateway = sa4("10.0.2.3");
	REQUIRE((r = route_ioctl(SIOCDELRT, &rt)) == -ESRCH, "delete via "
		"10.0.2.3: %s, want ESRCH", nerr(-r));
}

/* A gateway that is not on a connected network: ENETUNREACH. */
static void gateway_unreachable(void)
{
	struct rtentry rt = rt_req("0.0.0.0", "0.0.0.0", "192.168.1.1", NULL);
	int r;

	TRY(eth0_config());
	REQUIRE((r = route_ioctl(SIOCADDRT, &rt)) == -ENETUNREACH, "via "
		"192.168.1.1: %s, want ENETUNREACH", nerr(-r));
	TRY(if_down("eth0"));
	rt.rt_gateway = sa4(GATEWAY_IP);
	REQUIRE((r = route_ioctl(SIOCADDRT, &rt)) == -ENETUNREACH, "via the "
		"gateway of a down eth0: %s, want ENETUNREACH", nerr(-r));
}

/*
 * route add -host 10.0.2.3 dev eth0: flags UH, mask /32, listed after the
 * subnet that contains it (the file walks the table in prefix order).
 */
static void host_route(void)
{
	struct rtentry rt = rt_req("10.0.2.3", "255.255.255.255", NULL, "eth0");
	static const char *const want[] = { SUBNET,
		"eth0\t0302000A\t00000000\t0005\t0\t0\t0\tFFFFFFFF\t0\t0\t0" };
	int r;

	TRY(eth0_config());
	rt.rt_flags |= RTF_HOST;
	REQUIRE((r = route_ioctl(SIOCADDRT, &rt)) == 0, "add: %s", nerr(-r));
	TRY(route_file_is(want, 2));
	REQUIRE((r = route_ioctl(SIOCDELRT, &rt)) == 0, "delete: %s",
		nerr(-r));
	TRY(route_file_is(want, 1));
}

/* A network through the gateway, with a metric and an MTU. */
static void net_route_metric_mtu(void)
{
	struct rtentry rt = rt_req("192.168.7.0", "255.255.255.0", GATEWAY_IP,
				   NULL);
	static const char *const want[] = { SUBNET,
		"eth0\t0007A8C0\t0202000A\t0003\t0\t0\t4\t00FFFFFF\t1400\t0\t0" };
	int r;

	TRY(eth0_config());
	/* route(8)'s metric is one more than the kernel's priority. */
	rt.rt_metric = 5;
	rt.rt_flags |= RTF_MTU;
	rt.rt_mtu = 1400;
	REQUIRE((r = route_ioctl(SIOCADDRT, &rt)) == 0, "add: %s", nerr(-r));
	TRY(route_file_is(want, 2));
}

/* Invalid requests. */
static void bad_requests(void)
{
	struct rtentry rt;
	char nope[] = "nope0";
	int r;

	TRY(eth0_config());
	/* Bits of the destination outside its mask. */
	rt = rt_req("10.0.2.5", "255.255.255.0", GATEWAY_IP, NULL);
	REQUIRE((r = route_ioctl(SIOCADDRT, &rt)) == -EINVAL, "host bits: %s, "
		"want EINVAL", nerr(-r));
	rt = rt_req("10.0.0.0", "255.0.255.0", GATEWAY_IP, NULL);
	REQUIRE((r = route_ioctl(SIOCADDRT, &rt)) == -EINVAL, "bad mask: %s, "
		"want EINVAL", nerr(-r));
	rt = rt_req("192.168.8.0", "255.255.255.0", NULL, nope);
	REQUIRE((r = route_ioctl(SIOCADDRT, &rt)) == -ENODEV, "dev nope0: %s, "
		"want ENODEV", nerr(-r));
	rt = rt_req("192.168.8.0", "255.255.255.0", GATEWAY_IP, NULL);
	rt.rt_dst.sa_family = AF_UNIX;
	REQUIRE((r = route_ioctl(SIOCADDRT, &rt)) == -EAFNOSUPPORT, "AF_UNIX "
		"destination: %s, want EAFNOSUPPORT", nerr(-r));
	rt = rt_req("192.168.8.0", "255.255.255.0", GATEWAY_IP, BADPTR);
	REQUIRE((r = route_ioctl(SIOCADDRT, &rt)) == -EFAULT, "rt_dev bad: %s, "
		"want EFAULT", nerr(-r));
	REQUIRE((r = route_ioctl(SIOCADDRT, BADPTR)) == -EFAULT, "bad rtentry "
		"pointer: %s, want EFAULT", nerr(-r));
	REQUIRE((r = route_ioctl(SIOCDELRT, BADPTR)) == -EFAULT, "bad rtentry "
		"pointer (delete): %s, want EFAULT", nerr(-r));
	TRY(route_file_is((const char *const[]){ SUBNET }, 1));
}

/* Down drops every route through eth0; up brings back only the subnet. */
static void down_drops_routes(void)
{
	struct rtentry rt = rt_req("0.0.0.0", "0.0.0.0", GATEWAY_IP, NULL);
	int r;

	TRY(eth0_config());
	REQUIRE((r = route_ioctl(SIOCADDRT, &rt)) == 0, "add: %s", nerr(-r));
	TRY(if_down("eth0"));
	TRY(route_file_is(NULL, 0));
	TRY(if_up("eth0"));
	TRY(route_file_is((const char *const[]){ SUBNET }, 1));
}

/* The local address a UDP socket connected to dst gets, or "E<errno>". */
static const char *source_for(const char *dst)
{
	static char buf[2][32];
	static int which;
	struct sockaddr_in to = sin4(dst, 9), me;
	socklen_t len = sizeof me;
	char *b = buf[which ^= 1];
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0 || connect(fd, (struct sockaddr *)&to, sizeof to) < 0 ||
	    getsockname(fd, (struct sockaddr *)&me, &len) < 0)
		snprintf(b, sizeof buf[0], "E%s", nerr(errno));
	else
		inet_ntop(AF_INET, &me.sin_addr, b, sizeof buf[0]);
	if (fd >= 0)
		close(fd);
	return b;
}

/* connect() on a UDP socket picks the source address of the route. */
static void source_address(void)
{
	struct rtentry rt = rt_req("0.0.0.0", "0.0.0.0", GATEWAY_IP, NULL);
	const char *s;
	int r;

	TRY(eth0_config());
	REQUIRE(!strcmp(s = source_for(GATEWAY_IP), GUEST_IP), "to the gateway: %s",
		s);
	REQUIRE(!strcmp(s = source_for("127.0.0.1"), "127.0.0.1"), "to lo: %s", s);
	REQUIRE(!strcmp(s = source_for(GUEST_IP), GUEST_IP), "to itself: %s", s);
	REQUIRE(!strcmp(s = source_for("192.0.2.1"), "EENETUNREACH"),
		"off-net without a default route: %s", s);
	REQUIRE((r = route_ioctl(SIOCADDRT, &rt)) == 0, "add: %s", nerr(-r));
	REQUIRE(!strcmp(s = source_for("192.0.2.1"), GUEST_IP), "through the "
		"default route: %s", s);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(add_default),
		CHECK(add_duplicate),
		CHECK(delete_route),
		CHECK(gateway_unreachable),
		CHECK(host_route),
		CHECK(net_route_metric_mtu),
		CHECK(bad_requests),
		CHECK(down_drops_routes),
		CHECK(source_address),
	};

	return run_checks("route", checks, NCHECKS(checks));
}
