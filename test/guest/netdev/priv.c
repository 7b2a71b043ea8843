/*
 * priv.c - network privilege as on Linux (capabilities(7)): a port below
 * ip_unprivileged_port_start (1024) needs CAP_NET_BIND_SERVICE (EACCES),
 * raw and packet sockets need CAP_NET_RAW (EPERM), interface, route and
 * ARP changes need CAP_NET_ADMIN (EPERM) while reading them needs
 * nothing.  Each check configures what it needs as root, then becomes
 * nobody (uid/gid 65534, which drops every capability) or drops only one
 * capability while staying uid 0.
 */
#include "netdev.h"

#include <grp.h>
#include <linux/capability.h>
#include <netpacket/packet.h>

#define NOBODY 65534

static int become_nobody(void)
{
	if (setgroups(0, NULL) < 0 || setgid(NOBODY) < 0 || setuid(NOBODY) < 0) {
		check_fail("becoming nobody: %s", nerr(errno));
		return -1;
	}
	return 0;
}

/* Removes one capability from the effective set; the uid stays 0. */
static int drop_cap(int cap)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d) < 0) {
		check_fail("capget: %s", nerr(errno));
		return -1;
	}
	d[cap / 32].effective &= ~(1u << (cap % 32));
	if (syscall(SYS_capset, &h, d) < 0) {
		check_fail("capset: %s", nerr(errno));
		return -1;
	}
	return 0;
}

/* bind() of a TCP or UDP socket to 127.0.0.1:port; returns 0 or -errno. */
static int bind_port(int type, uint16_t port)
{
	struct sockaddr_in a = sin4("127.0.0.1", port);
	int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0), r, e;

	if (fd < 0)
		return -errno;
	r = bind(fd, (struct sockaddr *)&a, sizeof a);
	e = errno;
	close(fd);
	return r < 0 ? -e : 0;
}

/* socket(); returns 0 (closing it) or -errno. */
static int try_socket(int family, int type, int proto)
{
	int fd = socket(family, type | SOCK_CLOEXEC, proto);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

static void low_ports(void)
{
	static const struct { int type; uint16_t port; int want; } c[] = {
		{ SOCK_DGRAM, 80, -EACCES }, { SOCK_STREAM, 80, -EACCES },
		{ SOCK_STREAM, 1023, -EACCES }, { SOCK_DGRAM, 1, -EACCES },
		{ SOCK_STREAM, 1024, 0 }, { SOCK_DGRAM, 1024, 0 },
		{ SOCK_DGRAM, 0, 0 }, { SOCK_STREAM, 0, 0 },
	};
	int r;

	TRY(lo_up());
	REQUIRE((r = bind_port(SOCK_STREAM, 80)) == 0, "root: bind port 80: %s",
		nerr(-r));
	TRY(become_nobody());
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		r = bind_port(c[i].type, c[i].port);
		REQUIRE(r == c[i].want, "nobody: bind %s port %u: %s, want %s",
			c[i].type == SOCK_STREAM ? "TCP" : "UDP", c[i].port,
			nerr(-r), nerr(-c[i].want));
	}
}

static void raw_and_packet_sockets(void)
{
	static const struct { int family, type, proto; const char *what; } s[] = {
		{ AF_INET, SOCK_RAW, IPPROTO_ICMP, "raw ICMP" },
		{ AF_INET, SOCK_RAW, IPPROTO_RAW, "raw IPPROTO_RAW" },
		{ AF_INET, SOCK_RAW, IPPROTO_UDP, "raw UDP" },
		{ AF_PACKET, SOCK_RAW, 0x0003, "packet raw" },
		{ AF_PACKET, SOCK_DGRAM, 0x0800, "packet dgram" },
	};
	int r;

	/* (A packet socket's protocol is an EtherType in network order.) */
#define PROTO(i) (s[i].family == AF_PACKET ? htons(s[i].proto) : s[i].proto)
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
		r = try_socket(s[i].family, s[i].type, PROTO(i));
		REQUIRE(r == 0, "root: %s socket: %s", s[i].what, nerr(-r));
	}
	TRY(become_nobody());
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
		r = try_socket(s[i].family, s[i].type, PROTO(i));
		REQUIRE(r == -EPERM, "nobody: %s socket: %s, want EPERM", s[i].what,
			nerr(-r));
	}
	/* Ordinary sockets need nothing; a ping socket is a matter of group. */
	REQUIRE((r = try_socket(AF_INET, SOCK_DGRAM, 0)) == 0, "UDP: %s", nerr(-r));
	REQUIRE((r = try_socket(AF_INET, SOCK_STREAM, 0)) == 0, "TCP: %s",
		nerr(-r));
}

/* An ifreq ioctl on a UDP socket; returns 0 or -errno. */
static int ifr_try(unsigned long cmd, const char *name, struct ifreq *ifr)
{
	strncpy(ifr->ifr_name, name, IFNAMSIZ);
	return inet_ioctl(cmd, ifr);
}

/* Changing an interface is CAP_NET_ADMIN's; reading it is anyone's. */
static void interface_changes(void)
{
	static const unsigned long reads[] = { SIOCGIFFLAGS, SIOCGIFADDR,
		SIOCGIFNETMASK, SIOCGIFBRDADDR, SIOCGIFHWADDR, SIOCGIFINDEX,
		SIOCGIFMTU, SIOCGIFMETRIC, SIOCGIFMAP, SIOCGIFTXQLEN };
	struct ifreq ifr;
	struct ifconf ifc;
	int r, f, fd;

	TRY(eth0_config());
	TRY(f = if_flags("eth0"));
	TRY(become_nobody());
	memset(&ifr, 0, sizeof ifr);
	ifr.ifr_flags = f & ~IFF_UP;
	REQUIRE((r = ifr_try(SIOCSIFFLAGS, "eth0", &ifr)) == -EPERM,
		"SIOCSIFFLAGS: %s", nerr(-r));
	ifr.ifr_addr = sa4("10.0.2.16");
	REQUIRE((r = ifr_try(SIOCSIFADDR, "eth0", &ifr)) == -EPERM,
		"SIOCSIFADDR: %s", nerr(-r));
	ifr.ifr_netmask = sa4("255.255.0.0");
	REQUIRE((r = ifr_try(SIOCSIFNETMASK, "eth0", &ifr)) == -EPERM,
		"SIOCSIFNETMASK: %s", nerr(-r));
	ifr.ifr_broadaddr = sa4("10.0.255.255");
	REQUIRE((r = ifr_try(SIOCSIFBRDADDR, "eth0", &ifr)) == -EPERM,
		"SIOCSIFBRDADDR: %s", nerr(-r));
	memset(&ifr, 0, sizeof ifr);
	ifr.ifr_mtu = 1400;
	REQUIRE((r = ifr_try(SIOCSIFMTU, "eth0", &ifr)) == -EPERM,
		"SIOCSIFMTU: %s", nerr(-r));
	/* The privilege is checked before the name is looked up. */
	REQUIRE((r = ifr_try(SIOCSIFFLAGS, "nope0", &ifr)) == -EPERM,
		"SIOCSIFFLAGS nope0: %s", nerr(-r));
	ifr.ifr_addr = sa4("10.0.2.16");
	REQUIRE((r = ifr_try(SIOCSIFADDR, "nope0", &ifr)) == -EPERM,
		"SIOCSIFADDR nope0: %s", nerr(-r));
	for (size_t i = 0; i < sizeof reads / sizeof reads[0]; i++) {
		memset(&ifr, 0, sizeof ifr);
		r = ifr_try(reads[i], "eth0", &ifr);
		REQUIRE(r == 0, "read 0x%lx: %s", reads[i], nerr(-r));
	}
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	REQUIRE_OK(fd);
	memset(&ifc, 0, sizeof ifc);
	REQUIRE_OK(ioctl(fd, SIOCGIFCONF, &ifc));
	REQUIRE(ifc.ifc_len == 2 * (int)sizeof ifr, "SIOCGIFCONF length %d",
		ifc.ifc_len);
	REQUIRE(if_flags("eth0") == f, "flags changed");
}

/* A default route via the gateway: SIOCADDRT or SIOCDELRT. */
static int route_try(unsigned long cmd)
{
	struct rtentry rt;

	memset(&rt, 0, sizeof rt);
	rt.rt_dst = sa4("0.0.0.0");
	rt.rt_genmask = sa4("0.0.0.0");
	rt.rt_gateway = sa4(GATEWAY_IP);
	rt.rt_flags = RTF_UP | RTF_GATEWAY;
	return inet_ioctl(cmd, &rt);
}

static struct arpreq arp77(void)
{
	struct arpreq a;

	memset(&a, 0, sizeof a);
	a.arp_pa = sa4("10.0.2.77");
	a.arp_ha.sa_family = ARPHRD_ETHER;
	memcpy(a.arp_ha.sa_data, "\x02\x00\x00\x00\x00\x77", 6);
	a.arp_flags = ATF_PERM | ATF_COM;
	strcpy(a.arp_dev, "eth0");
	return a;
}

/* Routes and ARP entries: changes need CAP_NET_ADMIN, SIOCGARP does not. */
static void route_and_arp_changes(void)
{
	struct arpreq a = arp77();
	int r;

	TRY(eth0_config());
	REQUIRE((r = route_try(SIOCADDRT)) == 0, "root: SIOCADDRT: %s", nerr(-r));
	REQUIRE((r = inet_ioctl(SIOCSARP, &a)) == 0, "root: SIOCSARP: %s", nerr(-r));
	TRY(become_nobody());
	REQUIRE((r = route_try(SIOCADDRT)) == -EPERM, "SIOCADDRT: %s", nerr(-r));
	REQUIRE((r = route_try(SIOCDELRT)) == -EPERM, "SIOCDELRT: %s", nerr(-r));
	a = arp77();
	a.arp_pa = sa4("10.0.2.78");
	REQUIRE((r = inet_ioctl(SIOCSARP, &a)) == -EPERM, "SIOCSARP: %s", nerr(-r));
	a = arp77();
	REQUIRE((r = inet_ioctl(SIOCDARP, &a)) == -EPERM, "SIOCDARP: %s", nerr(-r));
	a = arp77();
	memset(&a.arp_ha, 0, sizeof a.arp_ha);
	REQUIRE((r = inet_ioctl(SIOCGARP, &a)) == 0 &&
		a.arp_flags == (ATF_PERM | ATF_COM), "SIOCGARP: %s flags 0x%x",
		nerr(-r), a.arp_flags);
}

/* /proc/sys/net files are root's to write (mode 0644). */
static void sysctl_writes(void)
{
	char buf[64];
	int e;

	TRY(become_nobody());
	TRY(slurp("/proc/sys/net/ipv4/ping_group_range", buf, sizeof buf));
	e = write_file("/proc/sys/net/ipv4/ping_group_range", "0 2147483647");
	REQUIRE(e == -EACCES, "write ping_group_range: %s, want EACCES",
		nerr(-e));
	e = write_file("/proc/sys/net/ipv4/ip_local_port_range", "40000 40001");
	REQUIRE(e == -EACCES, "write ip_local_port_range: %s, want EACCES",
		nerr(-e));
}

/* Each capability guards its own operations, whatever the uid. */
static void one_capability_each(void)
{
	struct ifreq ifr;
	int r, f;

	TRY(eth0_config());
	TRY(f = if_flags("eth0"));
	TRY(drop_cap(CAP_NET_RAW));
	REQUIRE((r = try_socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)) == -EPERM,
		"without CAP_NET_RAW: raw socket %s", nerr(-r));
	REQUIRE((r = try_socket(AF_PACKET, SOCK_RAW, htons(0x0003))) == -EPERM,
		"without CAP_NET_RAW: packet socket %s", nerr(-r));
	REQUIRE((r = bind_port(SOCK_STREAM, 80)) == 0, "without CAP_NET_RAW: "
		"bind 80 %s", nerr(-r));
	TRY(drop_cap(CAP_NET_BIND_SERVICE));
	REQUIRE((r = bind_port(SOCK_STREAM, 80)) == -EACCES, "without "
		"CAP_NET_BIND_SERVICE: bind 80 %s", nerr(-r));
	memset(&ifr, 0, sizeof ifr);
	ifr.ifr_flags = f;
	REQUIRE((r = ifr_try(SIOCSIFFLAGS, "eth0", &ifr)) == 0, "with "
		"CAP_NET_ADMIN: SIOCSIFFLAGS %s", nerr(-r));
	TRY(drop_cap(CAP_NET_ADMIN));
	REQUIRE((r = ifr_try(SIOCSIFFLAGS, "eth0", &ifr)) == -EPERM, "without "
		"CAP_NET_ADMIN: SIOCSIFFLAGS %s", nerr(-r));
	REQUIRE((r = route_try(SIOCADDRT)) == -EPERM, "without CAP_NET_ADMIN: "
		"SIOCADDRT %s", nerr(-r));
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(low_ports),
		CHECK(raw_and_packet_sockets),
		CHECK(interface_changes),
		CHECK(route_and_arp_changes),
		CHECK(sysctl_writes),
		CHECK(one_capability_each),
	};

	return run_checks("priv", checks, NCHECKS(checks));
}
