/*
 * ifreq.c - the interface ioctls (netdevice(7)) busybox's ifconfig, ip,
 * route and udhcpc use, on a UDP socket as they issue them, and on other
 * socket types (musl's if_nametoindex uses AF_UNIX): names, indexes,
 * flags, addresses, masks, MTU, hardware addresses, SIOCGIFCONF, and the
 * errors for unknown names, bad pointers, missing addresses and unknown
 * requests; then what /proc/net shows of the result.
 */
#include "netdev.h"

#include <sys/un.h>

/* SIOCGIFCONF into buf of len bytes; returns the ifc_len it reports. */
static int ifconf(int fd, void *buf, int len)
{
	struct ifconf ifc;

	memset(&ifc, 0, sizeof ifc);
	ifc.ifc_len = len;
	ifc.ifc_buf = buf;
	if (ioctl(fd, SIOCGIFCONF, &ifc) < 0)
		return -1000 - errno;
	return ifc.ifc_len;
}

/* Gets an address-valued ioctl's result as text, or "E<errname>". */
static const char *get_addr(int fd, unsigned long cmd, const char *name)
{
	static char buf[4][48];
	static int which;
	struct ifreq ifr;
	char *b = buf[which++ & 3];

	memset(&ifr, 0, sizeof ifr);
	if (ifr_ioctl(fd, cmd, name, &ifr) < 0) {
		snprintf(b, sizeof buf[0], "E%s", nerr(errno));
		return b;
	}
	snprintf(b, sizeof buf[0], "%s", sa_text(&ifr.ifr_addr));
	return b;
}

/* With nowhere to write, SIOCGIFCONF reports the length it needs. */
static void ifconf_length_query(void)
{
	int fd = ctl_sock(), len;

	TRY(fd);
	TRY(eth0_reset());
	TRY(lo_up());
	len = ifconf(fd, NULL, 0);
	REQUIRE(len == (int)sizeof(struct ifreq), "lo only: ifc_len %d, want %zu",
		len, sizeof(struct ifreq));
	len = ifconf(fd, NULL, 12345);
	REQUIRE(len == (int)sizeof(struct ifreq), "NULL buffer with ifc_len "
		"12345: ifc_len %d", len);
	TRY(eth0_config());
	len = ifconf(fd, NULL, 0);
	REQUIRE(len == 2 * (int)sizeof(struct ifreq), "lo and eth0: ifc_len %d",
		len);
}

/* One 40-byte entry per IPv4 address: name and AF_INET address, zeroed. */
static void ifconf_entries(void)
{
	struct ifreq req[4];
	struct sockaddr_in in;
	unsigned char *p;
	int fd = ctl_sock(), len;
	size_t i;

	TRY(fd);
	TRY(eth0_config());
	memset(req, 0xa5, sizeof req);
	len = ifconf(fd, req, sizeof req);
	REQUIRE(len == 2 * (int)sizeof(struct ifreq), "ifc_len %d", len);
	REQUIRE(!strcmp(req[0].ifr_name, "lo") && !strcmp(req[1].ifr_name, "eth0"),
		"names %.16s %.16s", req[0].ifr_name, req[1].ifr_name);
	REQUIRE(!strcmp(sa_text(&req[0].ifr_addr), "127.0.0.1") &&
		!strcmp(sa_text(&req[1].ifr_addr), GUEST_IP),
		"addresses %s %s", sa_text(&req[0].ifr_addr),
		sa_text(&req[1].ifr_addr));
	for (i = 0; i < 2; i++) {
		/* Everything but the name and the address is zero. */
		p = (unsigned char *)&req[i];
		for (size_t b = strlen(req[i].ifr_name); b < IFNAMSIZ; b++)
			REQUIRE(p[b] == 0, "entry %zu name byte %zu is 0x%x", i,
				b, p[b]);
		memcpy(&in, &req[i].ifr_addr, sizeof in);
		REQUIRE(in.sin_port == 0 && !in.sin_zero[0] &&
			!memcmp(in.sin_zero, in.sin_zero + 1, 7),
			"entry %zu port/zero not zero", i);
		for (size_t b = IFNAMSIZ + sizeof in; b < sizeof req[i]; b++)
			REQUIRE(p[b] == 0, "entry %zu byte %zu is 0x%x", i, b,
				p[b]);
	}
	/* The rest of the buffer is not touched. */
	p = (unsigned char *)&req[2];
	for (i = 0; i < 2 * sizeof(struct ifreq); i++)
		REQUIRE(p[i] == 0xa5, "byte %zu past the entries written", i);
}

/* A short buffer gets only the entries that fit whole. */
static void ifconf_truncates(void)
{
	struct ifreq req[2];
	unsigned char *p = (unsigned char *)&req[1];
	int fd = ctl_sock(), len;
	size_t i;

	TRY(fd);
	TRY(eth0_config());
	memset(req, 0xa5, sizeof req);
	len = ifconf(fd, req, sizeof req - 1);
	REQUIRE(len == (int)sizeof(struct ifreq), "79-byte buffer: ifc_len %d",
		len);
	REQUIRE(!strcmp(req[0].ifr_name, "lo"), "first entry %.16s",
		req[0].ifr_name);
	for (i = 0; i < sizeof(struct ifreq); i++)
		REQUIRE(p[i] == 0xa5, "byte %zu of the second slot written", i);
	len = ifconf(fd, req, sizeof(struct ifreq) - 1);
	REQUIRE(len == 0, "39-byte buffer: ifc_len %d", len);
	len = ifconf(fd, req, 0);
	REQUIRE(len == 0, "0-byte buffer: ifc_len %d", len);
	len = ifconf(fd, req, -40);
	REQUIRE(len == 0, "negative ifc_len: ifc_len %d", len);
}

/* Listed: every IPv4 address, up or down; an interface without one is not. */
static void ifconf_which_interfaces(void)
{
	struct ifreq req[4];
	int fd = ctl_sock(), len;

	TRY(fd);
	TRY(eth0_reset());
	TRY(if_set_addr("eth0", SIOCSIFADDR, GUEST_IP));
	TRY(lo_up());
	TRY(if_down("lo"));
	memset(req, 0, sizeof req);
	len = ifconf(fd, req, sizeof req);
	REQUIRE(len == 2 * (int)sizeof(struct ifreq), "both down with "
		"addresses: ifc_len %d", len);
	REQUIRE(!strcmp(req[0].ifr_name, "lo") && !strcmp(req[1].ifr_name, "eth0"),
		"names %.16s %.16s", req[0].ifr_name, req[1].ifr_name);
	TRY(if_set_addr("lo", SIOCSIFADDR, "0.0.0.0"));
	memset(req, 0, sizeof req);
	len = ifconf(fd, req, sizeof req);
	REQUIRE(len == (int)sizeof(struct ifreq) && !strcmp(req[0].ifr_name, "eth0"),
		"lo without address: ifc_len %d, first %.16s", len,
		req[0].ifr_name);
	TRY(lo_up());
}

static void ifconf_bad_pointers(void)
{
	struct ifconf ifc;
	int fd = ctl_sock();

	TRY(fd);
	TRY(lo_up());
	REQUIRE_ERR(ioctl(fd, SIOCGIFCONF, BADPTR), EFAULT);
	memset(&ifc, 0, sizeof ifc);
	ifc.ifc_len = sizeof(struct ifreq);
	ifc.ifc_buf = BADPTR;
	REQUIRE_ERR(ioctl(fd, SIOCGIFCONF, &ifc), EFAULT);
}

/* lo: LOOPBACK down; UP|LOOPBACK|RUNNING up. */
static void flags_lo(void)
{
	int f;

	TRY(if_down("lo"));
	TRY(f = if_flags("lo"));
	REQUIRE(f == IFF_LOOPBACK, "lo down: flags 0x%x, want 0x%x", f,
		IFF_LOOPBACK);
	TRY(lo_up());
	TRY(f = if_flags("lo"));
	REQUIRE(f == (IFF_UP | IFF_LOOPBACK | IFF_RUNNING), "lo up: flags 0x%x",
		f);
}

/* eth0: BROADCAST|MULTICAST down; UP|BROADCAST|RUNNING|MULTICAST up. */
static void flags_eth0(void)
{
	int f;

	TRY(eth0_reset());
	TRY(f = if_flags("eth0"));
	REQUIRE(f == (IFF_BROADCAST | IFF_MULTICAST), "eth0 down: flags 0x%x", f);
	TRY(if_up("eth0"));
	TRY(f = if_flags("eth0"));
	REQUIRE(f == (IFF_UP | IFF_BROADCAST | IFF_RUNNING | IFF_MULTICAST),
		"eth0 up: flags 0x%x", f);
	/* Only the bits the user may change are taken from the request. */
	TRY(if_set_flags("eth0", IFF_UP | IFF_MULTICAST));
	TRY(f = if_flags("eth0"));
	REQUIRE(f == (IFF_UP | IFF_BROADCAST | IFF_RUNNING | IFF_MULTICAST),
		"after setting UP|MULTICAST: flags 0x%x", f);
	TRY(if_set_flags("eth0", IFF_UP));
	TRY(f = if_flags("eth0"));
	REQUIRE(f == (IFF_UP | IFF_BROADCAST | IFF_RUNNING),
		"after setting UP alone: flags 0x%x", f);
	TRY(if_set_flags("eth0", IFF_BROADCAST | IFF_MULTICAST));
	TRY(f = if_flags("eth0"));
	REQUIRE(f == (IFF_BROADCAST | IFF_MULTICAST), "after down: flags 0x%x", f);
}

/* SIOCSIFADDR alone: classful mask and the broadcast that follows from it. */
static void addr_set_classful(void)
{
	int fd = ctl_sock();
	const char *a, *m, *b, *d;

	TRY(fd);
	TRY(eth0_reset());
	TRY(if_set_addr("eth0", SIOCSIFADDR, GUEST_IP));
	a = get_addr(fd, SIOCGIFADDR, "eth0");
	m = get_addr(fd, SIOCGIFNETMASK, "eth0");
	b = get_addr(fd, SIOCGIFBRDADDR, "eth0");
	d = get_addr(fd, SIOCGIFDSTADDR, "eth0");
	REQUIRE(!strcmp(a, GUEST_IP), "address %s", a);
	REQUIRE(!strcmp(m, "255.0.0.0"), "class A mask %s", m);
	REQUIRE(!strcmp(b, "10.255.255.255"), "broadcast %s", b);
	REQUIRE(!strcmp(d, GUEST_IP), "dstaddr %s", d);
	TRY(if_set_addr("eth0", SIOCSIFADDR, "192.168.5.9"));
	m = get_addr(fd, SIOCGIFNETMASK, "eth0");
	b = get_addr(fd, SIOCGIFBRDADDR, "eth0");
	REQUIRE(!strcmp(m, "255.255.255.0") && !strcmp(b, "192.168.5.255"),
		"class C: mask %s broadcast %s", m, b);
	TRY(if_set_addr("eth0", SIOCSIFADDR, "172.20.1.2"));
	m = get_addr(fd, SIOCGIFNETMASK, "eth0");
	REQUIRE(!strcmp(m, "255.255.0.0"), "class B: mask %s", m);
	a = get_addr(fd, SIOCGIFADDR, "lo");
	REQUIRE(strcmp(a, "172.20.1.2"), "lo got eth0's address");
	TRY(eth0_reset());
}

/* The address ioctls read the given interface only; none set: EADDRNOTAVAIL. */
static void addr_none(void)
{
	static const unsigned long gets[] = { SIOCGIFADDR, SIOCGIFNETMASK,
		SIOCGIFBRDADDR, SIOCGIFDSTADDR };
	struct ifreq ifr;
	int fd = ctl_sock();
	size_t i;

	TRY(fd);
	TRY(eth0_reset());
	for (i = 0; i < sizeof gets / sizeof gets[0]; i++) {
		memset(&ifr, 0, sizeof ifr);
		REQUIRE_ERR(ifr_ioctl(fd, gets[i], "eth0", &ifr), EADDRNOTAVAIL);
	}
	memset(&ifr, 0, sizeof ifr);
	ifr.ifr_netmask = sa4("255.255.255.0");
	REQUIRE_ERR(ifr_ioctl(fd, SIOCSIFNETMASK, "eth0", &ifr), EADDRNOTAVAIL);
	ifr.ifr_broadaddr = sa4("10.0.2.255");
	REQUIRE_ERR(ifr_ioctl(fd, SIOCSIFBRDADDR, "eth0", &ifr), EADDRNOTAVAIL);
}

/* Setting 0.0.0.0 deletes the address. */
static void addr_zero_deletes(void)
{
	struct ifreq ifr;
	int fd = ctl_sock();

	TRY(fd);
	TRY(eth0_config());
	TRY(if_set_addr("eth0", SIOCSIFADDR, "0.0.0.0"));
	memset(&ifr, 0, sizeof ifr);
	REQUIRE_ERR(ifr_ioctl(fd, SIOCGIFADDR, "eth0", &ifr), EADDRNOTAVAIL);
}

/* A set with a family other than AF_INET is EINVAL. */
static void addr_set_wrong_family(void)
{
	static const unsigned long sets[] = { SIOCSIFADDR, SIOCSIFNETMASK,
		SIOCSIFBRDADDR };
	struct ifreq ifr;
	int fd = ctl_sock();
	size_t i;

	TRY(fd);
	TRY(eth0_config());
	for (i = 0; i < sizeof sets / sizeof sets[0]; i++) {
		memset(&ifr, 0, sizeof ifr);
		ifr.ifr_addr = sa4("10.0.2.16");
		ifr.ifr_addr.sa_family = AF_UNIX;
		REQUIRE_ERR(ifr_ioctl(fd, sets[i], "eth0", &ifr), EINVAL);
	}
	REQUIRE(!strcmp(get_addr(fd, SIOCGIFADDR, "eth0"), GUEST_IP),
		"address changed to %s", get_addr(fd, SIOCGIFADDR, "eth0"));
	/* The family is checked before the name is looked up. */
	memset(&ifr, 0, sizeof ifr);
	ifr.ifr_addr.sa_family = AF_UNIX;
	REQUIRE_ERR(ifr_ioctl(fd, SIOCSIFADDR, "nope0", &ifr), EINVAL);
}

/* A new mask recomputes a broadcast that followed the old one. */
static void netmask_set(void)
{
	int fd = ctl_sock();
	const char *m, *b;

	TRY(fd);
	TRY(eth0_reset());
	TRY(if_set_addr("eth0", SIOCSIFADDR, GUEST_IP));
	TRY(if_set_addr("eth0", SIOCSIFNETMASK, "255.255.255.0"));
	m = get_addr(fd, SIOCGIFNETMASK, "eth0");
	b = get_addr(fd, SIOCGIFBRDADDR, "eth0");
	REQUIRE(!strcmp(m, "255.255.255.0") && !strcmp(b, "10.0.2.255"),
		"/24: mask %s broadcast %s", m, b);
	TRY(if_set_addr("eth0", SIOCSIFNETMASK, "255.255.255.252"));
	m = get_addr(fd, SIOCGIFNETMASK, "eth0");
	b = get_addr(fd, SIOCGIFBRDADDR, "eth0");
	REQUIRE(!strcmp(m, "255.255.255.252") && !strcmp(b, "10.0.2.15"),
		"/30: mask %s broadcast %s", m, b);
}

/* A mask whose ones are not contiguous is EINVAL and changes nothing. */
static void netmask_noncontiguous(void)
{
	struct ifreq ifr;
	int fd = ctl_sock();
	const char *m;

	TRY(fd);
	TRY(eth0_config());
	memset(&ifr, 0, sizeof ifr);
	ifr.ifr_netmask = sa4("255.0.255.0");
	REQUIRE_ERR(ifr_ioctl(fd, SIOCSIFNETMASK, "eth0", &ifr), EINVAL);
	ifr.ifr_netmask = sa4("0.255.255.255");
	REQUIRE_ERR(ifr_ioctl(fd, SIOCSIFNETMASK, "eth0", &ifr), EINVAL);
	m = get_addr(fd, SIOCGIFNETMASK, "eth0");
	REQUIRE(!strcmp(m, "255.255.255.0"), "mask now %s", m);
	TRY(if_set_addr("eth0", SIOCSIFNETMASK, "255.255.255.255"));
	TRY(if_set_addr("eth0", SIOCSIFNETMASK, "0.0.0.0"));
	m = get_addr(fd, SIOCGIFNETMASK, "eth0");
	REQUIRE(!strcmp(m, "0.0.0.0"), "mask /0 now %s", m);
}

/* A broadcast address set by hand stays when the mask changes. */
static void brdaddr_set(void)
{
	int fd = ctl_sock();
	const char *b;

	TRY(fd);
	TRY(eth0_config());
	TRY(if_set_addr("eth0", SIOCSIFBRDADDR, "10.0.2.127"));
	b = get_addr(fd, SIOCGIFBRDADDR, "eth0");
	REQUIRE(!strcmp(b, "10.0.2.127"), "broadcast %s", b);
	TRY(if_set_addr("eth0", SIOCSIFNETMASK, "255.255.0.0"));
	b = get_addr(fd, SIOCGIFBRDADDR, "eth0");
	REQUIRE(!strcmp(b, "10.0.2.127"), "after a new mask: broadcast %s", b);
}

/*
 * SIOCGIFHWADDR writes sa_family (the ARPHRD_ type) and the address bytes
 * only: the rest of sa_data comes back as the caller passed it.
 */
static void hwaddr_eth0(void)
{
	struct ifreq ifr;
	int fd = ctl_sock();

	TRY(fd);
	memset(&ifr, 0x5a, sizeof ifr);
	REQUIRE_OK(ifr_ioctl(fd, SIOCGIFHWADDR, "eth0", &ifr));
	REQUIRE(ifr.ifr_hwaddr.sa_family == ARPHRD_ETHER, "family %d",
		ifr.ifr_hwaddr.sa_family);
	REQUIRE(!memcmp(ifr.ifr_hwaddr.sa_data, guest_mac, 6),
		"MAC %02x:%02x:%02x:%02x:%02x:%02x",
		(unsigned char)ifr.ifr_hwaddr.sa_data[0],
		(unsigned char)ifr.ifr_hwaddr.sa_data[1],
		(unsigned char)ifr.ifr_hwaddr.sa_data[2],
		(unsigned char)ifr.ifr_hwaddr.sa_data[3],
		(unsigned char)ifr.ifr_hwaddr.sa_data[4],
		(unsigned char)ifr.ifr_hwaddr.sa_data[5]);
	for (int i = 6; i < 14; i++)
		REQUIRE(ifr.ifr_hwaddr.sa_data[i] == 0x5a, "sa_data[%d] 0x%x",
			i, ifr.ifr_hwaddr.sa_data[i]);
}

static void hwaddr_lo(void)
{
	struct ifreq ifr;
	int fd = ctl_sock();

	TRY(fd);
	memset(&ifr, 0x5a, sizeof ifr);
	REQUIRE_OK(ifr_ioctl(fd, SIOCGIFHWADDR, "lo", &ifr));
	REQUIRE(ifr.ifr_hwaddr.sa_family == ARPHRD_LOOPBACK, "family %d",
		ifr.ifr_hwaddr.sa_family);
	/* lo's link address is six zero bytes; the rest is the caller's. */
	for (int i = 0; i < 14; i++)
		REQUIRE(ifr.ifr_hwaddr.sa_data[i] == (i < 6 ? 0 : 0x5a),
			"sa_data[%d] 0x%x", i, ifr.ifr_hwaddr.sa_data[i]);
}

static void index_and_name(void)
{
	struct ifreq ifr;
	int fd = ctl_sock();

	TRY(fd);
	memset(&ifr, 0, sizeof ifr);
	REQUIRE_OK(ifr_ioctl(fd, SIOCGIFINDEX, "lo", &ifr));
	REQUIRE(ifr.ifr_ifindex == LO_INDEX, "lo index %d", ifr.ifr_ifindex);
	REQUIRE_OK(ifr_ioctl(fd, SIOCGIFINDEX, "eth0", &ifr));
	REQUIRE(ifr.ifr_ifindex == ETH0_INDEX, "eth0 index %d", ifr.ifr_ifindex);
	memset(&ifr, 0x5a, sizeof ifr);
	ifr.ifr_ifindex = ETH0_INDEX;
	REQUIRE_OK(ioctl(fd, SIOCGIFNAME, &ifr));
	REQUIRE(!memcmp(ifr.ifr_name, "eth0\0", 5), "name of 2: %.16s",
		ifr.ifr_name);
	ifr.ifr_ifindex = LO_INDEX;
	REQUIRE_OK(ioctl(fd, SIOCGIFNAME, &ifr));
	REQUIRE(!strcmp(ifr.ifr_name, "lo"), "name of 1: %.16s", ifr.ifr_name);
	ifr.ifr_ifindex = 99;
	REQUIRE_ERR(ioctl(fd, SIOCGIFNAME, &ifr), ENODEV);
	ifr.ifr_ifindex = 0;
	REQUIRE_ERR(ioctl(fd, SIOCGIFNAME, &ifr), ENODEV);
	ifr.ifr_ifindex = -1;
	REQUIRE_ERR(ioctl(fd, SIOCGIFNAME, &ifr), ENODEV);
	/* libc's wrappers agree (musl asks through an AF_UNIX socket). */
	REQUIRE(if_nametoindex("eth0") == ETH0_INDEX, "if_nametoindex eth0 %u",
		if_nametoindex("eth0"));
	REQUIRE(if_nametoindex("nope0") == 0, "if_nametoindex nope0");
}

/* Every request naming an interface that does not exist is ENODEV. */
static void unknown_name(void)
{
	static const unsigned long cmds[] = { SIOCGIFFLAGS, SIOCSIFFLAGS,
		SIOCGIFADDR, SIOCSIFADDR, SIOCGIFNETMASK, SIOCGIFBRDADDR,
		SIOCGIFDSTADDR, SIOCGIFHWADDR, SIOCGIFINDEX, SIOCGIFMTU,
		SIOCSIFMTU, SIOCGIFMETRIC, SIOCGIFMAP, SIOCGIFTXQLEN };
	struct ifreq ifr;
	int fd = ctl_sock();
	size_t i;

	TRY(fd);
	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		memset(&ifr, 0, sizeof ifr);
		if (cmds[i] == SIOCSIFMTU)
			ifr.ifr_mtu = 1500;
		else
			ifr.ifr_addr = sa4("10.9.9.9");
		errno = 0;
		REQUIRE(ifr_ioctl(fd, cmds[i], "nope0", &ifr) == -1 &&
			errno == ENODEV, "ioctl 0x%lx on nope0: %s, want ENODEV",
			cmds[i], nerr(errno));
	}
	/* A name of 16 bytes without a NUL is cut at 15. */
	memset(&ifr, 0, sizeof ifr);
	memset(ifr.ifr_name, 'x', IFNAMSIZ);
	REQUIRE_ERR(ioctl(fd, SIOCGIFFLAGS, &ifr), ENODEV);
	memcpy(ifr.ifr_name, "eth0\0", 5);
	REQUIRE_OK(ioctl(fd, SIOCGIFFLAGS, &ifr));
}

static int get_mtu(int fd, const char *name)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof ifr);
	if (ifr_ioctl(fd, SIOCGIFMTU, name, &ifr) < 0)
		return -1000 - errno;
	return ifr.ifr_mtu;
}

/* MTU: 1500 on eth0, 65536 on lo; limits 68 .. 65535 on eth0. */
static void mtu(void)
{
	static const int bad[] = { 67, 0, -1, 65536, 1 << 20 };
	struct ifreq ifr;
	int fd = ctl_sock(), m;
	size_t i;

	TRY(fd);
	TRY(eth0_config());
	REQUIRE((m = get_mtu(fd, "eth0")) == 1500, "eth0 mtu %d", m);
	REQUIRE((m = get_mtu(fd, "lo")) == 65536, "lo mtu %d", m);
	TRY(if_set_mtu("eth0", 1400));
	REQUIRE((m = get_mtu(fd, "eth0")) == 1400, "eth0 mtu %d after 1400", m);
	TRY(if_set_mtu("eth0", 68));
	REQUIRE((m = get_mtu(fd, "eth0")) == 68, "eth0 mtu %d after 68", m);
	TRY(if_set_mtu("eth0", 65535));
	REQUIRE((m = get_mtu(fd, "eth0")) == 65535, "eth0 mtu %d after 65535", m);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&ifr, 0, sizeof ifr);
		ifr.ifr_mtu = bad[i];
		errno = 0;
		REQUIRE(ifr_ioctl(fd, SIOCSIFMTU, "eth0", &ifr) == -1 &&
			errno == EINVAL, "mtu %d: %s, want EINVAL", bad[i],
			nerr(errno));
	}
	REQUIRE((m = get_mtu(fd, "eth0")) == 65535, "eth0 mtu %d", m);
	TRY(if_set_mtu("eth0", 1500));
}

/* Metric 0, no device map, queue length 1000 (as the drivers set it). */
static void metric_map_txqlen(void)
{
	static const char *const names[] = { "lo", "eth0" };
	struct ifreq ifr;
	int fd = ctl_sock();

	TRY(fd);
	for (int i = 0; i < 2; i++) {
		memset(&ifr, 0x5a, sizeof ifr);
		REQUIRE_OK(ifr_ioctl(fd, SIOCGIFMETRIC, names[i], &ifr));
		REQUIRE(ifr.ifr_metric == 0, "%s metric %d", names[i],
			ifr.ifr_metric);
		memset(&ifr, 0x5a, sizeof ifr);
		REQUIRE_OK(ifr_ioctl(fd, SIOCGIFMAP, names[i], &ifr));
		REQUIRE(ifr.ifr_map.mem_start == 0 && ifr.ifr_map.mem_end == 0 &&
			ifr.ifr_map.base_addr == 0 && ifr.ifr_map.irq == 0 &&
			ifr.ifr_map.dma == 0 && ifr.ifr_map.port == 0,
			"%s map: mem %lx-%lx base %x irq %u dma %u port %u",
			names[i], ifr.ifr_map.mem_start, ifr.ifr_map.mem_end,
			ifr.ifr_map.base_addr, ifr.ifr_map.irq, ifr.ifr_map.dma,
			ifr.ifr_map.port);
		memset(&ifr, 0x5a, sizeof ifr);
		REQUIRE_OK(ifr_ioctl(fd, SIOCGIFTXQLEN, names[i], &ifr));
		REQUIRE(ifr.ifr_qlen == 1000, "%s txqueuelen %d", names[i],
			ifr.ifr_qlen);
	}
}

static void bad_pointers(void)
{
	static const unsigned long cmds[] = { SIOCGIFFLAGS, SIOCSIFFLAGS,
		SIOCGIFADDR, SIOCSIFADDR, SIOCGIFNETMASK, SIOCGIFHWADDR,
		SIOCGIFINDEX, SIOCGIFNAME, SIOCGIFMTU, SIOCGIFMAP, SIOCGIFTXQLEN };
	int fd = ctl_sock();
	size_t i;

	TRY(fd);
	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		errno = 0;
		REQUIRE(ioctl(fd, cmds[i], BADPTR) == -1 && errno == EFAULT,
			"ioctl 0x%lx with a bad pointer: %s, want EFAULT",
			cmds[i], nerr(errno));
	}
}

/* Requests no socket knows: ENOTTY outside and inside the 0x89 range. */
static void unknown_requests(void)
{
	char buf[64];
	int fd = ctl_sock();

	TRY(fd);
	memset(buf, 0, sizeof buf);
	strcpy(buf, "eth0");
	REQUIRE_ERR(ioctl(fd, TCGETS, buf), ENOTTY);
	REQUIRE_ERR(ioctl(fd, _IOR('X', 0x42, int), buf), ENOTTY);
	REQUIRE_ERR(ioctl(fd, 0x89c0, buf), ENOTTY);
	REQUIRE_ERR(ioctl(fd, SIOCGIFMEM, buf), ENOTTY);
}

/*
 * The interface requests work on any socket (musl's if_nametoindex uses
 * AF_UNIX, udhcpc a raw socket); the IPv4 address ones need an AF_INET
 * (or packet) socket.
 */
static void any_socket_type(void)
{
	static const struct { int family, type, proto; const char *what; } socks[] = {
		{ AF_UNIX, SOCK_DGRAM, 0, "unix dgram" },
		{ AF_UNIX, SOCK_STREAM, 0, "unix stream" },
		{ AF_INET, SOCK_STREAM, 0, "tcp" },
		{ AF_INET, SOCK_RAW, IPPROTO_ICMP, "raw icmp" },
		{ AF_INET, SOCK_RAW, IPPROTO_RAW, "raw" },
		{ AF_PACKET, SOCK_DGRAM, 0, "packet" },
	};
	struct ifreq ifr;
	size_t i;

	TRY(eth0_config());
	for (i = 0; i < sizeof socks / sizeof socks[0]; i++) {
		int fd = socket(socks[i].family, socks[i].type | SOCK_CLOEXEC,
				socks[i].proto), inet;

		REQUIRE(fd >= 0, "socket %s: %s", socks[i].what, nerr(errno));
		memset(&ifr, 0, sizeof ifr);
		REQUIRE(ifr_ioctl(fd, SIOCGIFINDEX, "eth0", &ifr) == 0 &&
			ifr.ifr_ifindex == ETH0_INDEX, "%s: SIOCGIFINDEX %s %d",
			socks[i].what, nerr(errno), ifr.ifr_ifindex);
		memset(&ifr, 0, sizeof ifr);
		REQUIRE(ifr_ioctl(fd, SIOCGIFFLAGS, "eth0", &ifr) == 0 &&
			(ifr.ifr_flags & IFF_UP), "%s: SIOCGIFFLAGS %s 0x%x",
			socks[i].what, nerr(errno), ifr.ifr_flags);
		memset(&ifr, 0, sizeof ifr);
		REQUIRE(ifr_ioctl(fd, SIOCGIFHWADDR, "eth0", &ifr) == 0 &&
			!memcmp(ifr.ifr_hwaddr.sa_data, guest_mac, 6),
			"%s: SIOCGIFHWADDR %s", socks[i].what, nerr(errno));
		memset(&ifr, 0, sizeof ifr);
		REQUIRE(ifr_ioctl(fd, SIOCGIFMTU, "eth0", &ifr) == 0 &&
			ifr.ifr_mtu == 1500, "%s: SIOCGIFMTU %s %d",
			socks[i].what, nerr(errno), ifr.ifr_mtu);
		memset(&ifr, 0, sizeof ifr);
		ifr.ifr_ifindex = ETH0_INDEX;
		REQUIRE(ioctl(fd, SIOCGIFNAME, &ifr) == 0 &&
			!strcmp(ifr.ifr_name, "eth0"), "%s: SIOCGIFNAME %s",
			socks[i].what, nerr(errno));
		memset(&ifr, 0, sizeof ifr);
		errno = 0;
		inet = socks[i].family != AF_UNIX;
		if (inet)
			REQUIRE(ifr_ioctl(fd, SIOCGIFADDR, "eth0", &ifr) == 0 &&
				!strcmp(sa_text(&ifr.ifr_addr), GUEST_IP),
				"%s: SIOCGIFADDR %s %s", socks[i].what,
				nerr(errno), sa_text(&ifr.ifr_addr));
		else
			REQUIRE(ifr_ioctl(fd, SIOCGIFADDR, "eth0", &ifr) == -1 &&
				errno == ENOTTY, "%s: SIOCGIFADDR %s, want ENOTTY",
				socks[i].what, nerr(errno));
		close(fd);
	}
}

/* The configuration as /proc/net/dev, route and arp show it afterwards. */
static void proc_views(void)
{
	char buf[8192], line[256], want[1024] = "";

	TRY(eth0_config());
	TRY(slurp("/proc/net/dev", buf, sizeof buf));
	REQUIRE(strstr(buf, "\n    lo:") && strstr(buf, "\n  eth0:"),
		"/proc/net/dev lacks lo or eth0");
	/* lo's routes are in the local table, which this file does not show. */
	TRY(slurp("/proc/net/route", buf, sizeof buf));
	route_line(want, sizeof want, ROUTE_HEADER);
	route_line(want, sizeof want, "eth0\t0002000A\t00000000\t0001\t0\t0\t0\t"
		   "00FFFFFF\t0\t0\t0");
	TRY(same_text("/proc/net/route", buf, want));
	/* A new mask moves the subnet route. */
	TRY(if_set_addr("eth0", SIOCSIFNETMASK, "255.255.0.0"));
	TRY(slurp("/proc/net/route", buf, sizeof buf));
	REQUIRE(line_starting(buf, "eth0\t", line, sizeof line) &&
		!strncmp(line, "eth0\t0000000A\t00000000\t0001\t0\t0\t0\t0000FFFF\t",
			 36), "route after /16: '%s'", line);
	/* Down: no route through eth0 any more, the address stays. */
	TRY(if_down("eth0"));
	TRY(slurp("/proc/net/route", buf, sizeof buf));
	REQUIRE(!line_starting(buf, "eth0\t", line, sizeof line),
		"route left after down: %s", line);
	TRY(slurp("/proc/net/arp", buf, sizeof buf));
	TRY(same_text("/proc/net/arp", buf, "IP address       HW type     Flags"
		      "       HW address            Mask     Device\n"));
	TRY(if_up("eth0"));
	TRY(slurp("/proc/net/route", buf, sizeof buf));
	REQUIRE(line_starting(buf, "eth0\t0000000A\t", line, sizeof line),
		"no route after up again");
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(ifconf_length_query),
		CHECK(ifconf_entries),
		CHECK(ifconf_truncates),
		CHECK(ifconf_which_interfaces),
		CHECK(ifconf_bad_pointers),
		CHECK(flags_lo),
		CHECK(flags_eth0),
		CHECK(addr_set_classful),
		CHECK(addr_none),
		CHECK(addr_zero_deletes),
		CHECK(addr_set_wrong_family),
		CHECK(netmask_set),
		CHECK(netmask_noncontiguous),
		CHECK(brdaddr_set),
		CHECK(hwaddr_eth0),
		CHECK(hwaddr_lo),
		CHECK(index_and_name),
		CHECK(unknown_name),
		CHECK(mtu),
		CHECK(metric_map_txqlen),
		CHECK(bad_pointers),
		CHECK(unknown_requests),
		CHECK(any_socket_type),
		CHECK(proc_views),
	};

	return run_checks("ifreq", checks, NCHECKS(checks));
}
