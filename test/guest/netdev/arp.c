/*
 * arp.c - the ARP table through SIOCSARP/SIOCGARP/SIOCDARP (struct
 * arpreq, arp(7), as busybox arp uses them) and /proc/net/arp, with an
 * entry the kernel learnt by talking to QEMU's gateway and entries set by
 * hand.
 *
 * Every check starts from eth0_config() (eth0 freshly up as
 * 10.0.2.15/24): taking eth0 down on the way empties its ARP table.
 */
#include "netdev.h"

#define ARP_HEADER "IP address       HW type     Flags       HW address" \
	"            Mask     Device\n"

static struct arpreq arp_req(const char *ip, const unsigned char *mac,
			     int flags, const char *dev)
{
	struct arpreq r;

	memset(&r, 0, sizeof r);
	r.arp_pa = sa4(ip);
	r.arp_ha.sa_family = ARPHRD_ETHER;
	if (mac)
		memcpy(r.arp_ha.sa_data, mac, 6);
	r.arp_flags = flags;
	snprintf(r.arp_dev, sizeof r.arp_dev, "%s", dev);
	return r;
}

/* SIOCSARP / SIOCGARP / SIOCDARP: returns 0 or -errno. */
static int arp_ioctl(unsigned long cmd, void *r)
{
	return inet_ioctl(cmd, r);
}

static const unsigned char mac77[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x77 };

/* The /proc/net/arp line for ip, or "" when there is none. */
static const char *arp_line(const char *ip)
{
	static char buf[4096], line[256];
	char prefix[32];

	snprintf(prefix, sizeof prefix, "%s ", ip);
	if (slurp("/proc/net/arp", buf, sizeof buf) < 0)
		return "(unreadable)";
	if (!line_starting(buf, prefix, line, sizeof line))
		line[0] = 0;
	return line;
}

/* A permanent entry set by hand reads back as ATF_PERM|ATF_COM. */
static void set_get_permanent(void)
{
	struct arpreq r = arp_req("10.0.2.77", mac77, ATF_PERM | ATF_COM, "eth0");
	struct arpreq g = arp_req("10.0.2.77", NULL, 0, "eth0");
	const char *line;
	int e;

	TRY(eth0_config());
	REQUIRE((e = arp_ioctl(SIOCSARP, &r)) == 0, "SIOCSARP: %s", nerr(-e));
	memset(&g.arp_ha, 0x5a, sizeof g.arp_ha);
	g.arp_flags = 0x1000;
	REQUIRE((e = arp_ioctl(SIOCGARP, &g)) == 0, "SIOCGARP: %s", nerr(-e));
	REQUIRE(g.arp_flags == (ATF_PERM | ATF_COM), "flags 0x%x", g.arp_flags);
	REQUIRE(g.arp_ha.sa_family == ARPHRD_ETHER &&
		!memcmp(g.arp_ha.sa_data, mac77, 6), "hardware address family %d",
		g.arp_ha.sa_family);
	REQUIRE(!strcmp(g.arp_dev, "eth0") &&
		!strcmp(sa_text(&g.arp_pa), "10.0.2.77"), "dev %s pa %s",
		g.arp_dev, sa_text(&g.arp_pa));
	line = arp_line("10.0.2.77");
	REQUIRE(!strcmp(line, "10.0.2.77        0x1         0x6         "
			"02:00:00:00:00:77     *        eth0"), "/proc/net/arp: '%s'",
		line);
}

/* ATF_PERM implies ATF_COM; ATF_COM alone is a completed, not permanent, entry. */
static void set_flags(void)
{
	struct arpreq r = arp_req("10.0.2.78", mac77, ATF_PERM, "eth0");
	struct arpreq g = arp_req("10.0.2.78", NULL, 0, "eth0");
	const char *line;
	int e;

	TRY(eth0_config());
	REQUIRE((e = arp_ioctl(SIOCSARP, &r)) == 0, "SIOCSARP PERM: %s", nerr(-e));
	REQUIRE((e = arp_ioctl(SIOCGARP, &g)) == 0, "SIOCGARP: %s", nerr(-e));
	REQUIRE(g.arp_flags == (ATF_PERM | ATF_COM), "PERM: flags 0x%x",
		g.arp_flags);
	r = arp_req("10.0.2.79", mac77, ATF_COM, "eth0");
	REQUIRE((e = arp_ioctl(SIOCSARP, &r)) == 0, "SIOCSARP COM: %s", nerr(-e));
	g = arp_req("10.0.2.79", NULL, 0, "eth0");
	REQUIRE((e = arp_ioctl(SIOCGARP, &g)) == 0, "SIOCGARP: %s", nerr(-e));
	REQUIRE(g.arp_flags == ATF_COM, "COM: flags 0x%x", g.arp_flags);
	line = arp_line("10.0.2.79");
	REQUIRE(!strcmp(line, "10.0.2.79        0x1         0x2         "
			"02:00:00:00:00:77     *        eth0"), "/proc/net/arp: '%s'",
		line);
}

/*
 * Without arp_dev, set and delete pick the device from the route; get
 * needs the device named (ENODEV without one).
 */
static void set_without_device(void)
{
	struct arpreq r = arp_req("10.0.2.80", mac77, ATF_PERM | ATF_COM, "");
	struct arpreq g = arp_req("10.0.2.80", NULL, 0, "");
	int e;

	TRY(eth0_config());
	REQUIRE((e = arp_ioctl(SIOCSARP, &r)) == 0, "SIOCSARP: %s", nerr(-e));
	REQUIRE((e = arp_ioctl(SIOCGARP, &g)) == -ENODEV, "SIOCGARP without a "
		"device: %s, want ENODEV", nerr(-e));
	g = arp_req("10.0.2.80", NULL, 0, "eth0");
	REQUIRE((e = arp_ioctl(SIOCGARP, &g)) == 0, "SIOCGARP: %s", nerr(-e));
	REQUIRE(g.arp_flags == (ATF_PERM | ATF_COM) && !strcmp(g.arp_dev, "eth0"),
		"flags 0x%x dev '%s'", g.arp_flags, g.arp_dev);
	/* Off every connected network: no route, no device. */
	r = arp_req("192.168.5.5", mac77, ATF_PERM | ATF_COM, "");
	REQUIRE((e = arp_ioctl(SIOCSARP, &r)) == -ENETUNREACH, "off-net: %s, "
		"want ENETUNREACH", nerr(-e));
	g = arp_req("10.0.2.80", NULL, 0, "");
	REQUIRE((e = arp_ioctl(SIOCDARP, &g)) == 0, "SIOCDARP without a device: "
		"%s", nerr(-e));
	g = arp_req("10.0.2.80", NULL, 0, "eth0");
	REQUIRE((e = arp_ioctl(SIOCGARP, &g)) == -ENXIO, "after delete: %s",
		nerr(-e));
}

/* SIOCDARP removes; a missing entry is ENXIO for get and delete. */
static void delete_and_missing(void)
{
	struct arpreq r = arp_req("10.0.2.77", mac77, ATF_PERM | ATF_COM, "eth0");
	struct arpreq g;
	int e;

	TRY(eth0_config());
	g = arp_req("10.0.2.77", NULL, 0, "eth0");
	REQUIRE((e = arp_ioctl(SIOCGARP, &g)) == -ENXIO, "get before set: %s, "
		"want ENXIO", nerr(-e));
	REQUIRE((e = arp_ioctl(SIOCDARP, &g)) == -ENXIO, "delete before set: %s,"
		" want ENXIO", nerr(-e));
	REQUIRE((e = arp_ioctl(SIOCSARP, &r)) == 0, "SIOCSARP: %s", nerr(-e));
	g = arp_req("10.0.2.77", NULL, 0, "eth0");
	REQUIRE((e = arp_ioctl(SIOCDARP, &g)) == 0, "SIOCDARP: %s", nerr(-e));
	REQUIRE((e = arp_ioctl(SIOCGARP, &g)) == -ENXIO, "get after delete: %s",
		nerr(-e));
	REQUIRE(!*arp_line("10.0.2.77"), "still in /proc/net/arp: %s",
		arp_line("10.0.2.77"));
	REQUIRE((e = arp_ioctl(SIOCDARP, &g)) == -ENXIO, "delete again: %s",
		nerr(-e));
}

/* Requests the kernel refuses. */
static void bad_requests(void)
{
	struct arpreq r;
	int e;

	TRY(eth0_config());
	r = arp_req("10.0.2.77", mac77, ATF_PERM | ATF_COM, "eth0");
	r.arp_pa.sa_family = AF_UNIX;
	REQUIRE((e = arp_ioctl(SIOCSARP, &r)) == -EPFNOSUPPORT, "protocol "
		"address not AF_INET: %s", nerr(-e));
	REQUIRE((e = arp_ioctl(SIOCGARP, &r)) == -EPFNOSUPPORT, "get, protocol "
		"address not AF_INET: %s", nerr(-e));
	r = arp_req("10.0.2.77", mac77, ATF_PERM | ATF_COM, "eth0");
	r.arp_ha.sa_family = ARPHRD_LOOPBACK;
	REQUIRE((e = arp_ioctl(SIOCSARP, &r)) == -EINVAL, "hardware type not the "
		"device's: %s", nerr(-e));
	r = arp_req("10.0.2.77", mac77, ATF_PERM | ATF_COM, "nope0");
	REQUIRE((e = arp_ioctl(SIOCSARP, &r)) == -ENODEV, "device nope0: %s",
		nerr(-e));
	REQUIRE((e = arp_ioctl(SIOCGARP, &r)) == -ENODEV, "get on nope0: %s",
		nerr(-e));
	REQUIRE((e = arp_ioctl(SIOCSARP, BADPTR)) == -EFAULT, "bad pointer: %s",
		nerr(-e));
	REQUIRE((e = arp_ioctl(SIOCGARP, BADPTR)) == -EFAULT, "bad pointer "
		"(get): %s", nerr(-e));
	REQUIRE((e = arp_ioctl(SIOCDARP, BADPTR)) == -EFAULT, "bad pointer "
		"(delete): %s", nerr(-e));
}

/* Talking to 10.0.2.2 leaves a completed dynamic entry for it. */
static void learnt_from_gateway(void)
{
	struct arpreq g = arp_req(GATEWAY_IP, NULL, 0, "eth0");
	char buf[4096], want[512];
	int e;

	TRY(eth0_config());
	TRY(slurp("/proc/net/arp", buf, sizeof buf));
	TRY(same_text("/proc/net/arp on a fresh eth0", buf, ARP_HEADER));
	REQUIRE((e = arp_ioctl(SIOCGARP, &g)) == -ENXIO, "before: %s", nerr(-e));
	TRY(raw_ping(GATEWAY_IP));
	REQUIRE((e = arp_ioctl(SIOCGARP, &g)) == 0, "after a ping: %s", nerr(-e));
	REQUIRE(g.arp_flags == ATF_COM && !memcmp(g.arp_ha.sa_data, gateway_mac, 6)
		&& g.arp_ha.sa_family == ARPHRD_ETHER, "flags 0x%x family %d",
		g.arp_flags, g.arp_ha.sa_family);
	snprintf(want, sizeof want, "%s%s", ARP_HEADER, "10.0.2.2         0x1     "
		 "    0x2         52:55:0a:00:02:02     *        eth0\n");
	TRY(slurp("/proc/net/arp", buf, sizeof buf));
	TRY(same_text("/proc/net/arp", buf, want));
	/* Down empties the table. */
	TRY(if_down("eth0"));
	TRY(slurp("/proc/net/arp", buf, sizeof buf));
	TRY(same_text("/proc/net/arp after down", buf, ARP_HEADER));
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(set_get_permanent),
		CHECK(set_flags),
		CHECK(set_without_device),
		CHECK(delete_and_missing),
		CHECK(bad_requests),
		CHECK(learnt_from_gateway),
	};

	return run_checks("arp", checks, NCHECKS(checks));
}
