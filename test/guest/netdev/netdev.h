/*
 * netdev.h - helpers shared by the programs of the guest-netdev suite
 * (interface, route and ARP configuration, raw/ping/packet sockets,
 * /proc/net).  Header only: each program is one .c file.
 *
 * The guest has two interfaces: lo (ifindex 1) and eth0 (ifindex 2, a
 * virtio-net card on QEMU's user network with restrict=on).  The only
 * peers on that network are QEMU's gateway 10.0.2.2 (answers ARP and
 * ICMP echo), its DNS address 10.0.2.3 (silent under restrict=on) and the
 * guest itself, 10.0.2.15 by QEMU's DHCP.  Both interfaces start down and
 * without an address.
 *
 * Interface state is global and outlives a check, so every check that
 * needs a configuration sets it up itself (eth0_config(), lo_up()) instead
 * of relying on the check before it.
 *
 * Helpers that can fail record the failure with check_fail() and return
 * -1; a check calls them through TRY(), which returns from the check.
 */
#ifndef TERN_NETDEV_H
#define TERN_NETDEV_H

#include "../check.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <net/route.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <netinet/udp.h>
#include <poll.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#define HELPER static __attribute__((unused))

#ifdef NETDEV_MUTATE
static int mutate_at, mutate_seen;

/* True on the assertion to break in this run (see the end of the file). */
static int mutate_hit(void)
{
	return ++mutate_seen == mutate_at;
}
#define EXPECT(ok) (!!(ok) ^ mutate_hit())
#else
/* A helper's verdict on what it checked (breakable in mutation mode). */
#define EXPECT(ok) (!!(ok))
#endif

/* Leave the check when a helper failed (it has recorded why). */
#define TRY(expr) do { if ((expr) < 0) return; } while (0)

#define LO_INDEX 1
#define ETH0_INDEX 2

/* QEMU's user network (slirp) with its defaults. */
#define GUEST_IP "10.0.2.15"
#define GATEWAY_IP "10.0.2.2"
static const unsigned char guest_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
/* slirp answers ARP for its own addresses with 52:55 followed by the IP. */
static const unsigned char gateway_mac[6] = { 0x52, 0x55, 0x0a, 0x00, 0x02, 0x02 };

/* Per-wait bound for anything that depends on the (slow, emulated) link. */
#define NET_WAIT_MS 5000

/*
 * nerr() with the network errors check.h does not name (check.h's
 * REQUIRE_ERR still prints those as "errno N").
 */
HELPER const char *nerr(int e)
{
	switch (e) {
#define E(x) case x: return #x
	E(ENETDOWN); E(ENETUNREACH); E(EADDRNOTAVAIL); E(EADDRINUSE);
	E(EAFNOSUPPORT); E(EPFNOSUPPORT); E(EPROTONOSUPPORT);
	E(ESOCKTNOSUPPORT); E(EPROTOTYPE); E(ENOPROTOOPT); E(EMSGSIZE);
	E(EDESTADDRREQ); E(EISCONN); E(ENOTCONN); E(ECONNREFUSED);
	E(EHOSTUNREACH); E(ENOBUFS); E(ENOMSG); E(ENODATA);
#undef E
	}
	return errname(e);
}

/* "a.b.c.d" as a network-order address. */
HELPER uint32_t ip4(const char *dotted)
{
	struct in_addr a;

	if (inet_pton(AF_INET, dotted, &a) != 1)
		abort();
	return a.s_addr;
}

HELPER struct sockaddr_in sin4(const char *dotted, uint16_t port)
{
	struct sockaddr_in sa;

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons(port);
	sa.sin_addr.s_addr = ip4(dotted);
	return sa;
}

/* A struct sockaddr (as ifreq, rtentry and arpreq hold) with an IPv4 address. */
HELPER struct sockaddr sa4(const char *dotted)
{
	struct sockaddr_in in = sin4(dotted, 0);
	struct sockaddr sa;

	memcpy(&sa, &in, sizeof sa);
	return sa;
}

/* The address held in a struct sockaddr, as text (static buffer). */
HELPER const char *sa_text(const struct sockaddr *sa)
{
	static char buf[2][40];
	static int which;
	struct sockaddr_in in;
	char *b = buf[which ^= 1];

	memcpy(&in, sa, sizeof in);
	if (!inet_ntop(AF_INET, &in.sin_addr, b, sizeof buf[0]))
		strcpy(b, "?");
	if (in.sin_family != AF_INET)
		snprintf(b + strlen(b), sizeof buf[0] - strlen(b), "(family %d)",
			 in.sin_family);
	return b;
}

/* Writes text to a /proc/sys file; returns 0, or -errno (not a failure). */
HELPER int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), e;
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	e = errno;
	close(fd);
	if (n < 0)
		return -e;
	return n == (ssize_t)strlen(text) ? 0 : -EIO;
}

/* An AF_INET datagram socket for ioctls, as ifconfig and route open one. */
HELPER int ctl_sock(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		check_fail("socket(AF_INET, SOCK_DGRAM): %s", nerr(errno));
	return fd;
}

/*
 * ioctl(cmd, arg) on a fresh AF_INET datagram socket, as the configuration
 * tools issue SIOCADDRT, SIOCSARP and the like; returns 0 or -errno.
 */
HELPER int inet_ioctl(unsigned long cmd, void *arg)
{
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), r, e;

	if (fd < 0)
		return -errno;
	r = ioctl(fd, cmd, arg);
	e = errno;
	close(fd);
	return r < 0 ? -e : 0;
}

/* ioctl(fd, cmd, ifr) with ifr_name set to name; returns ioctl's result. */
HELPER int ifr_ioctl(int fd, unsigned long cmd, const char *name,
		     struct ifreq *ifr)
{
	strncpy(ifr->ifr_name, name, IFNAMSIZ);
	return ioctl(fd, cmd, ifr);
}

/* The interface's flags (SIOCGIFFLAGS), or -1. */
HELPER int if_flags(const char *name)
{
	struct ifreq ifr;
	int fd = ctl_sock(), r;

	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof ifr);
	r = ifr_ioctl(fd, SIOCGIFFLAGS, name, &ifr);
	close(fd);
	if (r < 0) {
		check_fail("SIOCGIFFLAGS %s: %s", name, nerr(errno));
		return -1;
	}
	return (unsigned short)ifr.ifr_flags;
}

HELPER int if_set_flags(const char *name, int flags)
{
	struct ifreq ifr;
	int fd = ctl_sock(), r;

	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof ifr);
	ifr.ifr_flags = flags;
	r = ifr_ioctl(fd, SIOCSIFFLAGS, name, &ifr);
	close(fd);
	if (r < 0) {
		check_fail("SIOCSIFFLAGS %s 0x%x: %s", name, flags,
			   nerr(errno));
		return -1;
	}
	return 0;
}

/*
 * Brings an interface up and waits (bounded) until it is IFF_RUNNING:
 * Linux reports the operational state a little after IFF_UP.
 */
HELPER int if_up(const char *name)
{
	long long t0 = mono_ms();
	int f = if_flags(name);

	if (f < 0 || if_set_flags(name, f | IFF_UP) < 0)
		return -1;
	while ((f = if_flags(name)) >= 0 && !(f & IFF_RUNNING) &&
	       mono_ms() - t0 <= NET_WAIT_MS)
		sleep_ms(10);
	if (f < 0)
		return -1;
	if (!EXPECT(f & IFF_RUNNING)) {
		check_fail("%s up but not RUNNING after %d ms (flags 0x%x)", name,
			   NET_WAIT_MS, f);
		return -1;
	}
	return 0;
}

HELPER int if_down(const char *name)
{
	int f = if_flags(name);

	if (f < 0)
		return -1;
	return if_set_flags(name, f & ~IFF_UP);
}

/* One of SIOCSIFADDR, SIOCSIFNETMASK, SIOCSIFBRDADDR with an address. */
HELPER int if_set_addr(const char *name, unsigned long cmd, const char *dotted)
{
	struct ifreq ifr;
	int fd = ctl_sock(), r;

	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof ifr);
	ifr.ifr_addr = sa4(dotted);
	r = ifr_ioctl(fd, cmd, name, &ifr);
	close(fd);
	if (r < 0) {
		check_fail("ioctl 0x%lx %s %s: %s", cmd, name, dotted,
			   nerr(errno));
		return -1;
	}
	return 0;
}

HELPER int if_set_mtu(const char *name, int mtu)
{
	struct ifreq ifr;
	int fd = ctl_sock(), r;

	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof ifr);
	ifr.ifr_mtu = mtu;
	r = ifr_ioctl(fd, SIOCSIFMTU, name, &ifr);
	close(fd);
	if (r < 0) {
		check_fail("SIOCSIFMTU %s %d: %s", name, mtu, nerr(errno));
		return -1;
	}
	return 0;
}

/*
 * Where the kernel has IPv6 (Linux), it is turned off: its router
 * solicitations and MLD reports would otherwise add frames and counts
 * that the checks do not expect.  Where the files do not exist (Tern has
 * no IPv6 yet) this does nothing.
 */
HELPER void quiet_ipv6(void)
{
	write_file("/proc/sys/net/ipv6/conf/all/disable_ipv6", "1");
	write_file("/proc/sys/net/ipv6/conf/default/disable_ipv6", "1");
}

/*
 * eth0 down, without an address, MTU 1500: the state the guest boots in.
 * Taking it down also drops its routes and its ARP entries; setting the
 * address 0.0.0.0 deletes the address (what `ifconfig eth0 0.0.0.0` does).
 */
HELPER int eth0_reset(void)
{
	quiet_ipv6();
	/* Down, and MULTICAST again in case a check cleared it. */
	if (if_set_flags("eth0", IFF_BROADCAST | IFF_MULTICAST) < 0 ||
	    if_set_addr("eth0", SIOCSIFADDR, "0.0.0.0") < 0)
		return -1;
	return if_set_mtu("eth0", 1500);
}

/* eth0 freshly up as 10.0.2.15/24 (the DHCP lease), lo up. */
HELPER int eth0_config(void)
{
	if (eth0_reset() < 0 ||
	    if_set_addr("eth0", SIOCSIFADDR, GUEST_IP) < 0 ||
	    if_set_addr("eth0", SIOCSIFNETMASK, "255.255.255.0") < 0 ||
	    if_up("eth0") < 0)
		return -1;
	return 0;
}

/* lo up; bringing lo up gives it 127.0.0.1/8 (Linux does this itself). */
HELPER int lo_up(void)
{
	struct ifreq ifr;
	int fd, r;

	quiet_ipv6();
	if (if_up("lo") < 0 || (fd = ctl_sock()) < 0)
		return -1;
	memset(&ifr, 0, sizeof ifr);
	r = ifr_ioctl(fd, SIOCGIFADDR, "lo", &ifr);
	close(fd);
	if (!EXPECT(r == 0 && !strcmp(sa_text(&ifr.ifr_addr), "127.0.0.1"))) {
		check_fail("lo up but its address is %s (%s)",
			   r < 0 ? "none" : sa_text(&ifr.ifr_addr),
			   nerr(r < 0 ? errno : 0));
		return -1;
	}
	return 0;
}

/* Reads a whole small file into buf (NUL-terminated); returns its length. */
HELPER long slurp(const char *path, char *buf, size_t size)
{
	long total = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		check_fail("open %s: %s", path, nerr(errno));
		return -1;
	}
	while (total < (long)size - 1 &&
	       (n = read(fd, buf + total, size - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = 0;
	return total;
}

/* The line of text that starts with prefix (copied, without '\n'), or NULL. */
HELPER char *line_starting(const char *text, const char *prefix, char *out,
			   size_t size)
{
	const char *p = text, *end;
	size_t n;

	while (p && *p) {
		if (!strncmp(p, prefix, strlen(prefix))) {
			end = strchr(p, '\n');
			n = end ? (size_t)(end - p) : strlen(p);
			if (n >= size)
				n = size - 1;
			memcpy(out, p, n);
			out[n] = 0;
			return out;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return NULL;
}

/*
 * /proc/net/route: a header and one line per route of the main table, each
 * padded with spaces to 127 characters before its newline.  Fields are
 * tab-separated; addresses are the 32-bit network-order value printed with
 * %08X (so on x86 10.0.2.0 reads 0002000A).
 */
#define ROUTE_HEADER "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\t" \
	"Metric\tMask\t\tMTU\tWindow\tIRTT"

/* text padded with spaces to 127 characters, plus '\n', appended to out. */
HELPER void route_line(char *out, size_t size, const char *text)
{
	size_t n = strlen(out);

	snprintf(out + n, size - n, "%-127s\n", text);
}

/*
 * One line of text made printable on one line: tabs as "\t", a run of
 * trailing spaces as "<N sp>", at most about 150 characters.
 */
HELPER const char *show_line(const char *p, char *out, size_t size)
{
	size_t n = strcspn(p, "\n"), spaces = 0, o = 0;

	while (n > 0 && p[n - 1] == ' ') {
		n--;
		spaces++;
	}
	for (size_t i = 0; i < n && o + 8 < size && o < 150; i++) {
		if (p[i] == '\t') {
			out[o++] = '\\';
			out[o++] = 't';
		} else {
			out[o++] = p[i];
		}
	}
	out[o] = 0;
	if (spaces)
		snprintf(out + o, size - o, "<%zu sp>", spaces);
	return out;
}

/*
 * Compares two texts; on a difference records the first differing line of
 * each (1-based number) and returns -1.
 */
HELPER int same_text(const char *what, const char *got, const char *want)
{
	char a[200], b[200];
	int line = 1;

	if (EXPECT(!strcmp(got, want)))
		return 0;
	while (*got && *want) {
		size_t n = strcspn(got, "\n");

		if (strncmp(got, want, n + 1))
			break;
		got += n + 1;
		want += n + 1;
		line++;
	}
	check_fail("%s line %d: got '%s'%s, want '%s'%s", what, line,
		   show_line(got, a, sizeof a), *got ? "" : "(end)",
		   show_line(want, b, sizeof b), *want ? "" : "(end)");
	return -1;
}

/* RFC 1071 Internet checksum of len bytes (returns it in network order). */
HELPER uint16_t inet_csum(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint32_t sum = 0;

	for (; len > 1; p += 2, len -= 2)
		sum += (uint32_t)p[0] << 8 | p[1];
	if (len)
		sum += (uint32_t)p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}

/* An ICMP echo request: 8-byte header, then the payload. */
HELPER size_t icmp_echo(unsigned char *buf, uint16_t id, uint16_t seq,
			const char *payload)
{
	size_t n = strlen(payload);
	uint16_t sum;

	buf[0] = ICMP_ECHO;
	buf[1] = 0;
	buf[2] = buf[3] = 0;
	buf[4] = id >> 8;
	buf[5] = id & 0xff;
	buf[6] = seq >> 8;
	buf[7] = seq & 0xff;
	memcpy(buf + 8, payload, n);
	sum = inet_csum(buf, 8 + n);
	memcpy(buf + 2, &sum, 2);
	return 8 + n;
}

HELPER uint16_t get16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/*
 * Waits (poll, at most ms) for fd to be readable, then recvfrom()s one
 * datagram.  Returns its length, or -1 with errno (ETIMEDOUT on no data).
 */
HELPER ssize_t recv_wait(int fd, void *buf, size_t len, struct sockaddr *from,
			 socklen_t *fromlen, int ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	long long deadline = mono_ms() + ms;
	int r;

	for (;;) {
		long long left = deadline - mono_ms();

		if (left < 0)
			left = 0;
		r = poll(&pfd, 1, (int)left);
		if (r > 0)
			return recvfrom(fd, buf, len, MSG_DONTWAIT, from, fromlen);
		if (r < 0 && errno != EINTR)
			return -1;
		if (r == 0) {
			errno = ETIMEDOUT;
			return -1;
		}
	}
}

/*
 * Sends one ICMP echo request to dst through a raw ICMP socket and waits
 * for the matching reply (bounded); on the way the kernel resolves the
 * peer's link address.  Returns 0, or -1 after check_fail().
 */
HELPER int raw_ping(const char *dst)
{
	unsigned char req[64], rep[1500];
	struct sockaddr_in to = sin4(dst, 0);
	long long deadline = mono_ms() + NET_WAIT_MS;
	uint16_t id = (uint16_t)getpid();
	size_t n = icmp_echo(req, id, 1, "netdev raw_ping");
	int fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
	ssize_t r;
	int found = 0;

	if (fd < 0) {
		check_fail("socket(SOCK_RAW, IPPROTO_ICMP): %s", nerr(errno));
		return -1;
	}
	if (sendto(fd, req, n, 0, (struct sockaddr *)&to, sizeof to) != (ssize_t)n) {
		check_fail("raw_ping sendto %s: %s", dst, nerr(errno));
		close(fd);
		return -1;
	}
	while ((r = recv_wait(fd, rep, sizeof rep, NULL, NULL,
			      (int)(deadline - mono_ms()))) >= 0) {
		/* An IPv4 header of ihl words, then ICMP. */
		size_t ihl = (rep[0] & 15) * 4;

		if ((size_t)r >= ihl + 8 && rep[ihl] == ICMP_ECHOREPLY &&
		    get16(rep + ihl + 4) == id &&
		    !memcmp(rep + 12, &to.sin_addr, 4)) {
			found = 1;
			break;
		}
	}
	close(fd);
	if (EXPECT(found))
		return 0;
	check_fail("no echo reply from %s within %d ms: %s", dst, NET_WAIT_MS,
		   nerr(errno));
	return -1;
}

#ifdef NETDEV_MUTATE
/*
 * Mutation mode, a test of the tests (make never builds it): compiled with
 * -DNETDEV_MUTATE, every check is run again and again, the Nth assertion
 * it reaches broken on the Nth run (a REQUIRE's condition inverted, a
 * REQUIRE_OK made to want failure, a REQUIRE_ERR made to want another
 * errno), until a run passes because the check has fewer than N
 * assertions.  A check is reported PASS when each of its k >= 1
 * assertions, broken, made it FAIL; k = 0 (nothing checked) is a FAIL.
 * To run it on Linux: `make linux-image`, rebuild each program into
 * $(O)/initramfs-root/test/netdev/ with the image's musl-gcc flags plus
 * -DNETDEV_MUTATE -Wno-unused-function, repack with initramfs/mkcpio.py
 * (--tree for the root and for $(O)/linux/modroot), and boot it through
 * tools/qemu-run --net with TERN_TEST_LIMIT=3000 added to the command line
 * (the many runs take longer than /test/run's usual limit).
 */
#undef REQUIRE
#define REQUIRE(cond, ...) do {                                              \
	int ok_ = !!(cond);                                                  \
	if (mutate_hit())                                                    \
		ok_ = !ok_;                                                  \
	if (!ok_) {                                                          \
		check_fail(__VA_ARGS__);                                     \
		return;                                                      \
	}                                                                    \
} while (0)

#undef REQUIRE_OK
#define REQUIRE_OK(expr) do {                                                \
	errno = 0;                                                           \
	int bad_ = (long)(expr) == -1;                                       \
	if (mutate_hit())                                                    \
		bad_ = !bad_;                                                \
	if (bad_) {                                                          \
		check_fail("%s (mutated)", #expr);                           \
		return;                                                      \
	}                                                                    \
} while (0)

#undef REQUIRE_ERR
#define REQUIRE_ERR(expr, want) do {                                         \
	errno = 0;                                                           \
	long r_ = (long)(expr);                                              \
	int e_ = errno, w_ = (want);                                         \
	if (mutate_hit())                                                    \
		w_ = w_ == EINVAL ? EPERM : EINVAL;                          \
	if (r_ != -1 || e_ != w_) {                                          \
		check_fail("%s: %ld (%s), want %s", #expr, r_, nerr(e_),     \
			   nerr(w_));                                        \
		return;                                                      \
	}                                                                    \
} while (0)

static int mutate_run_checks(const char *group, const struct check *checks,
			     size_t n)
{
	char dir[64], why[64];
	int failed = 0, out = dup(1), null = open("/dev/null", O_WRONLY);

	snprintf(dir, sizeof dir, "/tmp/%s.%d", group, (int)getpid());
	if (mkdir(dir, 0755) < 0 || chdir(dir) < 0 || out < 0 || null < 0)
		return 1;
	for (size_t i = 0; i < n; i++) {
		int passed = 0;

		dup2(null, 1);
		for (mutate_at = 1; mutate_at <= 300 && !passed; mutate_at++)
			passed = run_one(group, &checks[i]);
		dup2(out, 1);
		snprintf(why, sizeof why, "%d assertions, each broken made it fail",
			 mutate_at - 2);
		if (!passed) {
			/* Why it fails unbroken (the line run_one prints). */
			mutate_at = 0;
			run_one(group, &checks[i]);
			failed = 1;
		} else if (mutate_at - 2 < 1) {
			emit("FAIL", group, checks[i].name, "no assertion reached");
			failed = 1;
		} else {
			emit("PASS", group, checks[i].name, why);
		}
	}
	return failed;
}
#define run_checks mutate_run_checks
#endif /* NETDEV_MUTATE */

#endif /* TERN_NETDEV_H */
