/*
 * procnet.c - the formats of /proc/net/{dev,udp,tcp,raw,packet,snmp,
 * netstat,sockstat} as Linux 6.1 prints them (header lines byte for byte,
 * fields and widths), values that follow what the check does (a bound
 * socket's line with its inode, counters after a datagram), and the
 * /proc/sys/net entries busybox and LTP read, with Debian's defaults for
 * this 512 MiB guest.  (/proc/net/route and /proc/net/arp are checked in
 * route.c, arp.c and ifreq.c, next to what changes them.)
 */
#include "netdev.h"

#include <ctype.h>

#include <netpacket/packet.h>

#define PORT_RANGE "/proc/sys/net/ipv4/ip_local_port_range"

/* Splits a line at blanks into at most max fields; returns the count. */
static int fields(char *line, char **f, int max)
{
	int n = 0;

	for (char *t = strtok(line, " \t"); t && n < max; t = strtok(NULL, " \t"))
		f[n++] = t;
	return n;
}

/* Copies the line of text containing needle into out (NUL-terminated). */
static char *line_with(const char *text, const char *needle, char *out,
		       size_t size)
{
	const char *p = strstr(text, needle), *b, *e;
	size_t n;

	if (!p)
		return NULL;
	for (b = p; b > text && b[-1] != '\n'; b--)
		;
	e = strchr(p, '\n');
	n = e ? (size_t)(e - b) : strlen(b);
	if (n >= size)
		n = size - 1;
	memcpy(out, b, n);
	out[n] = 0;
	return out;
}

/* --- /proc/net/dev --- */

struct devstats {
	unsigned long long v[16];	/* rx: bytes packets errs drop fifo frame
					 * compressed multicast; tx: bytes packets
					 * errs drop fifo colls carrier compressed */
};

#define DEV_HEADER "Inter-|   Receive                                       " \
	"         |  Transmit\n face |bytes    packets errs drop fifo frame " \
	"compressed multicast|bytes    packets errs drop fifo colls carrier " \
	"compressed\n"

/* Linux's line format (net/core/net-procfs.c), reproduced to compare. */
static void dev_format(char *out, size_t size, const char *name,
		       const struct devstats *s)
{
	const unsigned long long *v = s->v;

	snprintf(out, size, "%6s: %7llu %7llu %4llu %4llu %4llu %5llu %10llu "
		 "%9llu %8llu %7llu %4llu %4llu %4llu %5llu %7llu %10llu\n",
		 name, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
		 v[10], v[11], v[12], v[13], v[14], v[15]);
}

/* Reads name's counters, checking its line's format exactly. */
static int dev_stats(const char *name, struct devstats *s)
{
	char buf[4096], line[512], want[512], key[16];

	if (slurp("/proc/net/dev", buf, sizeof buf) < 0)
		return -1;
	snprintf(key, sizeof key, "%s:", name);
	if (!EXPECT(line_with(buf, key, line, sizeof line))) {
		check_fail("/proc/net/dev has no %s line", name);
		return -1;
	}
	if (!EXPECT(sscanf(strchr(line, ':') + 1, "%llu %llu %llu %llu %llu "
			   "%llu %llu %llu %llu %llu %llu %llu %llu %llu %llu "
			   "%llu", &s->v[0], &s->v[1], &s->v[2], &s->v[3],
			   &s->v[4], &s->v[5], &s->v[6], &s->v[7], &s->v[8],
			   &s->v[9], &s->v[10], &s->v[11], &s->v[12], &s->v[13],
			   &s->v[14], &s->v[15]) == 16)) {
		check_fail("%s line: %s", name, line);
		return -1;
	}
	dev_format(want, sizeof want, name, s);
	strcat(line, "\n");
	if (same_text("/proc/net/dev", line, want) < 0)
		return -1;
	return 0;
}

/* Two header lines, then one line per interface in index order. */
static void dev_layout(void)
{
	char buf[4096], want[2048];
	struct devstats lo, eth0;

	TRY(lo_up());
	TRY(dev_stats("lo", &lo));
	TRY(dev_stats("eth0", &eth0));
	TRY(slurp("/proc/net/dev", buf, sizeof buf));
	strcpy(want, DEV_HEADER);
	dev_format(want + strlen(want), sizeof want - strlen(want), "lo", &lo);
	dev_format(want + strlen(want), sizeof want - strlen(want), "eth0", &eth0);
	TRY(same_text("/proc/net/dev", buf, want));
}

/*
 * One UDP datagram of 100 bytes over lo: one packet each way, counted as
 * 20+8+100 bytes (lo counts the IP packet, not its Ethernet header).
 */
static void dev_lo_counters(void)
{
	struct sockaddr_in a = sin4("127.0.0.1", 0);
	socklen_t len = sizeof a;
	struct devstats before, after;
	char payload[100] = { 0 }, got[200];
	int rx, tx;

	TRY(lo_up());
	rx = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	tx = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	REQUIRE(rx >= 0 && tx >= 0, "socket: %s", nerr(errno));
	REQUIRE_OK(bind(rx, (struct sockaddr *)&a, sizeof a));
	REQUIRE_OK(getsockname(rx, (struct sockaddr *)&a, &len));
	TRY(dev_stats("lo", &before));
	REQUIRE(sendto(tx, payload, sizeof payload, 0, (struct sockaddr *)&a,
		       sizeof a) == (ssize_t)sizeof payload, "sendto: %s",
		nerr(errno));
	REQUIRE(recv_wait(rx, got, sizeof got, NULL, NULL, NET_WAIT_MS) == 100,
		"recv: %s", nerr(errno));
	TRY(dev_stats("lo", &after));
	REQUIRE(after.v[0] - before.v[0] == 128 && after.v[1] - before.v[1] == 1 &&
		after.v[8] - before.v[8] == 128 && after.v[9] - before.v[9] == 1,
		"lo moved rx %llu bytes/%llu packets, tx %llu/%llu; want 128/1 "
		"each way", after.v[0] - before.v[0], after.v[1] - before.v[1],
		after.v[8] - before.v[8], after.v[9] - before.v[9]);
}

/* One ARP request out of eth0 (42 bytes), one reply in (64 bytes). */
static void dev_eth0_counters(void)
{
	unsigned char f[64], r[256];
	struct sockaddr_ll sll;
	struct devstats before, after;
	long long deadline;
	ssize_t n;
	int fd;

	TRY(eth0_config());
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(0x0806));
	REQUIRE_OK(fd);
	memset(&sll, 0, sizeof sll);
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(0x0806);
	sll.sll_ifindex = ETH0_INDEX;
	REQUIRE_OK(bind(fd, (struct sockaddr *)&sll, sizeof sll));
	memset(f, 0, sizeof f);
	memset(f, 0xff, 6);
	memcpy(f + 6, guest_mac, 6);
	memcpy(f + 12, "\x08\x06\x00\x01\x08\x00\x06\x04\x00\x01", 10);
	memcpy(f + 22, guest_mac, 6);
	memcpy(f + 28, &(uint32_t){ ip4(GUEST_IP) }, 4);
	memcpy(f + 38, &(uint32_t){ ip4(GATEWAY_IP) }, 4);
	TRY(dev_stats("eth0", &before));
	REQUIRE(send(fd, f, 42, 0) == 42, "send: %s", nerr(errno));
	deadline = mono_ms() + NET_WAIT_MS;
	do {
		n = recv_wait(fd, r, sizeof r, NULL, NULL,
			      (int)(deadline - mono_ms()));
		REQUIRE(n > 0, "no ARP reply: %s", nerr(errno));
	} while (n < 42 || get16(r + 20) != 2);
	TRY(dev_stats("eth0", &after));
	REQUIRE(after.v[8] - before.v[8] == 42 && after.v[9] - before.v[9] == 1,
		"tx moved %llu bytes/%llu packets, want 42/1",
		after.v[8] - before.v[8], after.v[9] - before.v[9]);
	REQUIRE(after.v[0] - before.v[0] == (unsigned long long)n &&
		after.v[1] - before.v[1] == 1, "rx moved %llu bytes/%llu packets,"
		" want %zd/1", after.v[0] - before.v[0], after.v[1] - before.v[1],
		n);
}

/*
 * --- socket tables: udp, tcp, raw, packet ---
 *
 * Compared: the header, the addresses and ports (hex, network-order words
 * printed as numbers), state, queues, timers, uid, inode and drops.  Not
 * compared: the bucket or slot number, the reference count and the kernel
 * pointer, which are Linux's internals.
 */

#define UDP_HEADER "   sl  local_address rem_address   st tx_queue rx_queue " \
	"tr tm->when retrnsmt   uid  timeout inode ref pointer drops"
#define TCP_HEADER "  sl  local_address rem_address   st tx_queue rx_queue " \
	"tr tm->when retrnsmt   uid  timeout inode"
#define RAW_HEADER "  sl  local_address rem_address   st tx_queue rx_queue " \
	"tr tm->when retrnsmt   uid  timeout inode ref pointer drops"
#define PACKET_HEADER "sk               RefCnt Type Proto  Iface R Rmem   " \
	"User   Inode"

static unsigned long inode_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) < 0 ? 0 : (unsigned long)st.st_ino;
}

/*
 * Finds the line of a socket table whose field i1 is v1 (and field i2 is
 * v2, unless v2 is NULL), after checking the header; with width, the
 * header and that line are padded with spaces to width characters.
 */
static int table_line(const char *file, const char *header, int width,
		      int i1, const char *v1, int i2, const char *v2,
		      char *line, size_t size)
{
	static char buf[16384];
	char want[256], copy[512], *f[24];
	const char *p;
	int n;

	if (slurp(file, buf, sizeof buf) < 0)
		return -1;
	snprintf(want, sizeof want, "%-*s\n", width, header);
	if (!EXPECT(!strncmp(buf, want, strlen(want)))) {
		char a[200];

		check_fail("%s header: '%s'", file, show_line(buf, a, sizeof a));
		return -1;
	}
	for (p = buf + strlen(want); *p; p = strchr(p, '\n') + 1) {
		size_t len = strcspn(p, "\n");

		if (len >= sizeof copy || !p[len])
			break;
		memcpy(copy, p, len);
		copy[len] = 0;
		n = fields(copy, f, 24);
		if (n > i1 && !strcmp(f[i1], v1) &&
		    (!v2 || (n > i2 && !strcmp(f[i2], v2)))) {
			if (len >= size)
				len = size - 1;
			memcpy(line, p, len);
			line[len] = 0;
			if (!EXPECT(!width || (int)len == width)) {
				check_fail("%s: line of %zu characters, want %d",
					   file, len, width);
				return -1;
			}
			return 0;
		}
	}
	check_fail("%s: no line with %s%s%s", file, v1, v2 ? " " : "",
		   v2 ? v2 : "");
	return -1;
}

/* Compares fields[from..] with the given words (NULL: not compared). */
static int fields_are(const char *file, char **f, int n, int want_n,
		      const char *const *want)
{
	if (!EXPECT(n == want_n)) {
		check_fail("%s: %d fields, want %d", file, n, want_n);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		if (want[i] && !EXPECT(!strcmp(f[i], want[i]))) {
			check_fail("%s: field %d is '%s', want '%s'", file, i,
				   f[i], want[i]);
			return -1;
		}
	}
	return 0;
}

/* A bound, then connected, UDP socket in /proc/net/udp. */
static void udp_table(void)
{
	struct sockaddr_in a = sin4("127.0.0.1", 0x3039), peer;
	socklen_t len = sizeof peer;
	char line[512], ino[32], *f[20];
	int fd, tx, n;

	TRY(lo_up());
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	tx = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	REQUIRE(fd >= 0 && tx >= 0, "socket: %s", nerr(errno));
	REQUIRE_OK(bind(fd, (struct sockaddr *)&a, sizeof a));
	snprintf(ino, sizeof ino, "%lu", inode_of(fd));
	TRY(table_line("/proc/net/udp", UDP_HEADER, 127, 1, "0100007F:3039",
		       0, NULL, line, sizeof line));
	n = fields(line, f, 20);
	TRY(fields_are("/proc/net/udp", f, n, 13, (const char *const[]){
		NULL, "0100007F:3039", "00000000:0000", "07",
		"00000000:00000000", "00:00000000", "00000000", "0", "0", ino,
		NULL, NULL, "0" }));
	/* A queued datagram shows in rx_queue (bytes of buffer charged). */
	REQUIRE_OK(bind(tx, (struct sockaddr *)&(struct sockaddr_in){
		.sin_family = AF_INET, .sin_addr.s_addr = ip4("127.0.0.1") },
		sizeof a));
	REQUIRE_OK(getsockname(tx, (struct sockaddr *)&peer, &len));
	REQUIRE(sendto(tx, "q", 1, 0, (struct sockaddr *)&a, sizeof a) == 1,
		"sendto: %s", nerr(errno));
	REQUIRE(poll(&(struct pollfd){ .fd = fd, .events = POLLIN }, 1,
		     NET_WAIT_MS) == 1, "the datagram was not queued");
	TRY(table_line("/proc/net/udp", UDP_HEADER, 127, 1, "0100007F:3039",
		       0, NULL, line, sizeof line));
	n = fields(line, f, 20);
	REQUIRE(n == 13 && strncmp(f[4], "00000000:00000000", 17) &&
		!strncmp(f[4], "00000000:", 9), "queues with a datagram "
		"waiting: %s", n > 4 ? f[4] : "?");
	{
		char c;
		REQUIRE(recv(fd, &c, 1, 0) == 1, "recv: %s", nerr(errno));
	}
	/* connect() fills in the remote address and makes it ESTABLISHED. */
	REQUIRE_OK(connect(fd, (struct sockaddr *)&peer, sizeof peer));
	{
		char rem[32];

		snprintf(rem, sizeof rem, "0100007F:%04X", ntohs(peer.sin_port));
		TRY(table_line("/proc/net/udp", UDP_HEADER, 127, 1,
			       "0100007F:3039", 0, NULL, line, sizeof line));
		n = fields(line, f, 20);
		TRY(fields_are("/proc/net/udp", f, n, 13, (const char *const[]){
			NULL, "0100007F:3039", rem, "01", "00000000:00000000",
			"00:00000000", "00000000", "0", "0", ino, NULL, NULL,
			"0" }));
	}
}

/* A listener and an established pair in /proc/net/tcp. */
static void tcp_table(void)
{
	struct sockaddr_in a = sin4("127.0.0.1", 0), cl;
	socklen_t len = sizeof a;
	char line[512], ino[32], rem[32], loc[32], *f[24];
	int l, c, s, n;

	TRY(lo_up());
	l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	REQUIRE(l >= 0 && c >= 0, "socket: %s", nerr(errno));
	REQUIRE_OK(bind(l, (struct sockaddr *)&a, sizeof a));
	REQUIRE_OK(listen(l, 5));
	REQUIRE_OK(getsockname(l, (struct sockaddr *)&a, &len));
	snprintf(loc, sizeof loc, "0100007F:%04X", ntohs(a.sin_port));
	snprintf(ino, sizeof ino, "%lu", inode_of(l));
	TRY(table_line("/proc/net/tcp", TCP_HEADER, 149, 1, loc, 2,
		       "00000000:0000", line, sizeof line));
	n = fields(line, f, 24);
	TRY(fields_are("/proc/net/tcp", f, n, 17, (const char *const[]){
		NULL, loc, "00000000:0000", "0A", "00000000:00000000",
		"00:00000000", "00000000", "0", "0", ino, NULL, NULL, NULL, NULL,
		NULL, NULL, NULL }));
	REQUIRE_OK(connect(c, (struct sockaddr *)&a, sizeof a));
	s = accept(l, NULL, NULL);
	REQUIRE_OK(s);
	len = sizeof cl;
	REQUIRE_OK(getsockname(c, (struct sockaddr *)&cl, &len));
	snprintf(rem, sizeof rem, "0100007F:%04X", ntohs(cl.sin_port));
	snprintf(ino, sizeof ino, "%lu", inode_of(s));
	TRY(table_line("/proc/net/tcp", TCP_HEADER, 149, 1, loc, 2, rem, line,
		       sizeof line));
	n = fields(line, f, 24);
	TRY(fields_are("/proc/net/tcp", f, n, 17, (const char *const[]){
		NULL, loc, rem, "01", "00000000:00000000", NULL, "00000000",
		"0", "0", ino, NULL, NULL, NULL, NULL, NULL, NULL, NULL }));
	snprintf(ino, sizeof ino, "%lu", inode_of(c));
	TRY(table_line("/proc/net/tcp", TCP_HEADER, 149, 1, rem, 2, loc, line,
		       sizeof line));
	n = fields(line, f, 24);
	TRY(fields_are("/proc/net/tcp", f, n, 17, (const char *const[]){
		NULL, rem, loc, "01", "00000000:00000000", NULL, "00000000",
		"0", "0", ino, NULL, NULL, NULL, NULL, NULL, NULL, NULL }));
}

/*
 * A raw ICMP socket: "port" 1 (the protocol), unpadded lines.  The first
 * field is the hash bucket, which depends on a per-boot hash seed.
 */
static void raw_table(void)
{
	char line[512], ino[32], *f[20];
	int fd, n;

	fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
	REQUIRE_OK(fd);
	snprintf(ino, sizeof ino, "%lu", inode_of(fd));
	TRY(table_line("/proc/net/raw", RAW_HEADER, 0, 9, ino, 0, NULL, line,
		       sizeof line));
	REQUIRE(strlen(line) > 37 && line[4] == ':' && isdigit(line[3]) &&
		!strncmp(line + 5, " 00000000:0001 00000000:0000 07 ", 32),
		"line starts '%.40s'", line);
	n = fields(line, f, 20);
	TRY(fields_are("/proc/net/raw", f, n, 13, (const char *const[]){
		NULL, "00000000:0001", "00000000:0000", "07",
		"00000000:00000000", "00:00000000", "00000000", "0", "0", ino,
		NULL, NULL, "0" }));
}

/* Packet sockets: type, protocol (host order, hex), ifindex, running. */
static void packet_table(void)
{
	struct sockaddr_ll sll;
	char line[512], ino[32], ino2[32], *f[20];
	int fd, dg, n;

	TRY(eth0_config());
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(0x0003));
	dg = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, htons(0x0800));
	REQUIRE(fd >= 0 && dg >= 0, "socket: %s", nerr(errno));
	memset(&sll, 0, sizeof sll);
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(0x0003);
	sll.sll_ifindex = ETH0_INDEX;
	REQUIRE_OK(bind(fd, (struct sockaddr *)&sll, sizeof sll));
	snprintf(ino, sizeof ino, "%lu", inode_of(fd));
	snprintf(ino2, sizeof ino2, "%lu", inode_of(dg));
	TRY(table_line("/proc/net/packet", PACKET_HEADER, 0, 8, ino, 0, NULL,
		       line, sizeof line));
	n = fields(line, f, 20);
	TRY(fields_are("/proc/net/packet", f, n, 9, (const char *const[]){
		NULL, NULL, "3", "0003", "2", "1", "0", "0", ino }));
	REQUIRE(strlen(f[0]) == 16, "sk field '%s'", f[0]);
	TRY(table_line("/proc/net/packet", PACKET_HEADER, 0, 8, ino2, 0, NULL,
		       line, sizeof line));
	n = fields(line, f, 20);
	TRY(fields_are("/proc/net/packet", f, n, 9, (const char *const[]){
		NULL, NULL, "2", "0800", "0", "1", "0", "0", ino2 }));
}

/* --- /proc/net/snmp and netstat --- */

#define SNMP_MISSING (-(1LL << 62))

/* The value named name in the "Proto:" pair of lines of snmp text. */
static long long snmp_value(const char *text, const char *proto,
			    const char *name)
{
	char key[32], names[4096], values[4096], *nf[200], *vf[200];
	const char *p;
	int nn, nv;

	snprintf(key, sizeof key, "%s: ", proto);
	p = strstr(text, key);
	if (!p || !line_with(p, key, names, sizeof names))
		return SNMP_MISSING;
	p = strchr(p, '\n');
	if (!p || !line_with(p + 1, key, values, sizeof values))
		return SNMP_MISSING;
	nn = fields(names, nf, 200);
	nv = fields(values, vf, 200);
	for (int i = 1; i < nn && i < nv; i++)
		if (!strcmp(nf[i], name))
			return atoll(vf[i]);
	return SNMP_MISSING;
}

static const char *const snmp_headers[] = {
	"Ip: Forwarding DefaultTTL InReceives InHdrErrors InAddrErrors "
	"ForwDatagrams InUnknownProtos InDiscards InDelivers OutRequests "
	"OutDiscards OutNoRoutes ReasmTimeout ReasmReqds ReasmOKs ReasmFails "
	"FragOKs FragFails FragCreates",
	"Icmp: InMsgs InErrors InCsumErrors InDestUnreachs InTimeExcds "
	"InParmProbs InSrcQuenchs InRedirects InEchos InEchoReps InTimestamps "
	"InTimestampReps InAddrMasks InAddrMaskReps OutMsgs OutErrors "
	"OutRateLimitGlobal OutRateLimitHost OutDestUnreachs OutTimeExcds "
	"OutParmProbs OutSrcQuenchs OutRedirects OutEchos OutEchoReps "
	"OutTimestamps OutTimestampReps OutAddrMasks OutAddrMaskReps",
	"Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens "
	"AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs "
	"OutRsts InCsumErrors",
	"Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors "
	"SndbufErrors InCsumErrors IgnoredMulti MemErrors",
	"UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors "
	"SndbufErrors InCsumErrors IgnoredMulti MemErrors",
};

/*
 * Pairs of lines (names, values) in a fixed order, IcmpMsg (only types
 * seen so far) between Icmp and Tcp; fixed values of Ip and Tcp.
 */
static void snmp_layout(void)
{
	char buf[8192], names[2048], values[2048], *nf[64], *vf[64];
	const char *p = buf;
	size_t i;

	TRY(slurp("/proc/net/snmp", buf, sizeof buf));
	for (i = 0; i < sizeof snmp_headers / sizeof snmp_headers[0]; i++) {
		char key[16];
		int nn, nv;

		if (i == 2 && !strncmp(p, "IcmpMsg: ", 9)) {
			p = strchr(p, '\n');
			REQUIRE(p && !strncmp(p + 1, "IcmpMsg: ", 9),
				"IcmpMsg names without values");
			p = strchr(p + 1, '\n') + 1;
		}
		snprintf(key, sizeof key, "%.*s",
			 (int)(strchr(snmp_headers[i], ':') - snmp_headers[i] + 2),
			 snmp_headers[i]);
		REQUIRE(line_starting(p, key, names, sizeof names) && p ==
			strstr(p, key), "no %s line where expected", key);
		REQUIRE(!strcmp(names, snmp_headers[i]), "header '%s'", names);
		p = strchr(p, '\n') + 1;
		REQUIRE(line_starting(p, key, values, sizeof values) &&
			!strncmp(p, key, strlen(key)), "no %s values", key);
		p = strchr(p, '\n') + 1;
		nn = fields(names, nf, 64);
		nv = fields(values, vf, 64);
		REQUIRE(nn == nv, "%s %d names, %d values", key, nn, nv);
		for (int k = 1; k < nv; k++) {
			char *end;

			strtoll(vf[k], &end, 10);
			REQUIRE(*end == 0 && *vf[k], "%s value '%s'", key, vf[k]);
		}
	}
	REQUIRE(*p == 0, "more after UdpLite: %.40s", p);
	REQUIRE(snmp_value(buf, "Ip", "Forwarding") == 2 &&
		snmp_value(buf, "Ip", "DefaultTTL") == 64, "Ip Forwarding %lld "
		"DefaultTTL %lld", snmp_value(buf, "Ip", "Forwarding"),
		snmp_value(buf, "Ip", "DefaultTTL"));
	REQUIRE(snmp_value(buf, "Tcp", "RtoAlgorithm") == 1 &&
		snmp_value(buf, "Tcp", "RtoMin") == 200 &&
		snmp_value(buf, "Tcp", "RtoMax") == 120000 &&
		snmp_value(buf, "Tcp", "MaxConn") == -1, "Tcp constants");
}

/* One loopback datagram: Udp InDatagrams and OutDatagrams each +1. */
static void snmp_udp_counts(void)
{
	struct sockaddr_in a = sin4("127.0.0.1", 0);
	socklen_t len = sizeof a;
	char buf[8192], got[8];
	long long in0, out0, in1, out1, np0, np1;
	int rx, tx;

	TRY(lo_up());
	rx = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	tx = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	REQUIRE(rx >= 0 && tx >= 0, "socket: %s", nerr(errno));
	REQUIRE_OK(bind(rx, (struct sockaddr *)&a, sizeof a));
	REQUIRE_OK(getsockname(rx, (struct sockaddr *)&a, &len));
	TRY(slurp("/proc/net/snmp", buf, sizeof buf));
	in0 = snmp_value(buf, "Udp", "InDatagrams");
	out0 = snmp_value(buf, "Udp", "OutDatagrams");
	np0 = snmp_value(buf, "Udp", "NoPorts");
	REQUIRE(sendto(tx, "count", 5, 0, (struct sockaddr *)&a, sizeof a) == 5,
		"sendto: %s", nerr(errno));
	REQUIRE(recv_wait(rx, got, sizeof got, NULL, NULL, NET_WAIT_MS) == 5,
		"recv: %s", nerr(errno));
	TRY(slurp("/proc/net/snmp", buf, sizeof buf));
	in1 = snmp_value(buf, "Udp", "InDatagrams");
	out1 = snmp_value(buf, "Udp", "OutDatagrams");
	REQUIRE(in1 - in0 == 1 && out1 - out0 == 1, "InDatagrams +%lld "
		"OutDatagrams +%lld, want +1 each", in1 - in0, out1 - out0);
	/* To a port nobody has: NoPorts +1. */
	close(rx);
	REQUIRE(sendto(tx, "none", 4, 0, (struct sockaddr *)&a, sizeof a) == 4,
		"sendto: %s", nerr(errno));
	TRY(slurp("/proc/net/snmp", buf, sizeof buf));
	np1 = snmp_value(buf, "Udp", "NoPorts");
	REQUIRE(np1 - np0 == 1, "NoPorts +%lld", np1 - np0);
}

/* An echo to 127.0.0.1: one request and one reply each way in Icmp/IcmpMsg. */
static void snmp_icmp_counts(void)
{
	static const struct { const char *proto, *name; } c[] = {
		{ "Icmp", "InMsgs" }, { "Icmp", "InEchos" },
		{ "Icmp", "InEchoReps" }, { "Icmp", "OutMsgs" },
		{ "Icmp", "OutEchos" }, { "Icmp", "OutEchoReps" },
		{ "IcmpMsg", "InType0" }, { "IcmpMsg", "InType8" },
		{ "IcmpMsg", "OutType0" }, { "IcmpMsg", "OutType8" },
	};
	static const int delta[] = { 2, 1, 1, 2, 1, 1, 1, 1, 1, 1 };
	long long before[10];
	char buf[8192];

	TRY(lo_up());
	TRY(raw_ping("127.0.0.1"));
	TRY(slurp("/proc/net/snmp", buf, sizeof buf));
	for (int i = 0; i < 10; i++)
		before[i] = snmp_value(buf, c[i].proto, c[i].name);
	TRY(raw_ping("127.0.0.1"));
	TRY(slurp("/proc/net/snmp", buf, sizeof buf));
	for (int i = 0; i < 10; i++) {
		long long now = snmp_value(buf, c[i].proto, c[i].name);

		REQUIRE(now - before[i] == delta[i], "%s %s +%lld, want +%d",
			c[i].proto, c[i].name, now - before[i], delta[i]);
	}
}

static const char tcpext_names[] = "TcpExt: SyncookiesSent SyncookiesRecv "
	"SyncookiesFailed EmbryonicRsts PruneCalled RcvPruned OfoPruned "
	"OutOfWindowIcmps LockDroppedIcmps ArpFilter TW TWRecycled TWKilled "
	"PAWSActive PAWSEstab DelayedACKs DelayedACKLocked DelayedACKLost "
	"ListenOverflows ListenDrops TCPHPHits TCPPureAcks TCPHPAcks "
	"TCPRenoRecovery TCPSackRecovery TCPSACKReneging TCPSACKReorder "
	"TCPRenoReorder TCPTSReorder TCPFullUndo TCPPartialUndo TCPDSACKUndo "
	"TCPLossUndo TCPLostRetransmit TCPRenoFailures TCPSackFailures "
	"TCPLossFailures TCPFastRetrans TCPSlowStartRetrans TCPTimeouts "
	"TCPLossProbes TCPLossProbeRecovery TCPRenoRecoveryFail "
	"TCPSackRecoveryFail TCPRcvCollapsed TCPBacklogCoalesce TCPDSACKOldSent "
	"TCPDSACKOfoSent TCPDSACKRecv TCPDSACKOfoRecv TCPAbortOnData "
	"TCPAbortOnClose TCPAbortOnMemory TCPAbortOnTimeout TCPAbortOnLinger "
	"TCPAbortFailed TCPMemoryPressures TCPMemoryPressuresChrono "
	"TCPSACKDiscard TCPDSACKIgnoredOld TCPDSACKIgnoredNoUndo TCPSpuriousRTOs "
	"TCPMD5NotFound TCPMD5Unexpected TCPMD5Failure TCPSackShifted "
	"TCPSackMerged TCPSackShiftFallback TCPBacklogDrop PFMemallocDrop "
	"TCPMinTTLDrop TCPDeferAcceptDrop IPReversePathFilter "
	"TCPTimeWaitOverflow TCPReqQFullDoCookies TCPReqQFullDrop "
	"TCPRetransFail TCPRcvCoalesce TCPOFOQueue TCPOFODrop TCPOFOMerge "
	"TCPChallengeACK TCPSYNChallenge TCPFastOpenActive "
	"TCPFastOpenActiveFail TCPFastOpenPassive TCPFastOpenPassiveFail "
	"TCPFastOpenListenOverflow TCPFastOpenCookieReqd TCPFastOpenBlackhole "
	"TCPSpuriousRtxHostQueues BusyPollRxPackets TCPAutoCorking "
	"TCPFromZeroWindowAdv TCPToZeroWindowAdv TCPWantZeroWindowAdv "
	"TCPSynRetrans TCPOrigDataSent TCPHystartTrainDetect "
	"TCPHystartTrainCwnd TCPHystartDelayDetect TCPHystartDelayCwnd "
	"TCPACKSkippedSynRecv TCPACKSkippedPAWS TCPACKSkippedSeq "
	"TCPACKSkippedFinWait2 TCPACKSkippedTimeWait TCPACKSkippedChallenge "
	"TCPWinProbe TCPKeepAlive TCPMTUPFail TCPMTUPSuccess TCPDelivered "
	"TCPDeliveredCE TCPAckCompressed TCPZeroWindowDrop TCPRcvQDrop "
	"TCPWqueueTooBig TCPFastOpenPassiveAltKey TcpTimeoutRehash "
	"TcpDuplicateDataRehash TCPDSACKRecvSegs TCPDSACKIgnoredDubious "
	"TCPMigrateReqSuccess TCPMigrateReqFailure";

static const char ipext_names[] = "IpExt: InNoRoutes InTruncatedPkts "
	"InMcastPkts OutMcastPkts InBcastPkts OutBcastPkts InOctets OutOctets "
	"InMcastOctets OutMcastOctets InBcastOctets OutBcastOctets InCsumErrors "
	"InNoECTPkts InECT1Pkts InECT0Pkts InCEPkts ReasmOverlaps";

/*
 * /proc/net/netstat starts with TcpExt and IpExt, each a line of names
 * and a line of as many numbers.  (Linux continues with MPTcpExt, which
 * is not checked.)
 */
static void netstat_layout(void)
{
	static char buf[32768], l1[8192], l2[8192];
	const char *const want[] = { tcpext_names, ipext_names };
	char *nf[200], *vf[200];
	const char *p = buf;

	TRY(slurp("/proc/net/netstat", buf, sizeof buf));
	for (int i = 0; i < 2; i++) {
		int nn, nv;

		REQUIRE(line_starting(p, want[i] == tcpext_names ? "TcpExt: " :
				      "IpExt: ", l1, sizeof l1) &&
			!strcmp(l1, want[i]), "line %d names: '%.60s...'", 2 * i + 1,
			p);
		p = strchr(p, '\n') + 1;
		REQUIRE(line_starting(p, i ? "IpExt: " : "TcpExt: ", l2,
				      sizeof l2), "line %d: no values", 2 * i + 2);
		p = strchr(p, '\n') + 1;
		nn = fields(l1, nf, 200);
		nv = fields(l2, vf, 200);
		REQUIRE(nn == nv, "%s %d names, %d values", nf[0], nn, nv);
	}
}

/* --- /proc/net/sockstat --- */

struct sockstat {
	long used, tcp_inuse, tcp_orphan, tcp_tw, tcp_alloc, tcp_mem;
	long udp_inuse, udp_mem, udplite, raw, frag, frag_mem;
};

static int sockstat(struct sockstat *s)
{
	char buf[1024], want[1024];

	if (slurp("/proc/net/sockstat", buf, sizeof buf) < 0)
		return -1;
	if (!EXPECT(sscanf(buf, "sockets: used %ld\nTCP: inuse %ld orphan %ld "
			   "tw %ld alloc %ld mem %ld\nUDP: inuse %ld mem %ld\n"
			   "UDPLITE: inuse %ld\nRAW: inuse %ld\nFRAG: inuse %ld "
			   "memory %ld\n", &s->used, &s->tcp_inuse,
			   &s->tcp_orphan, &s->tcp_tw, &s->tcp_alloc,
			   &s->tcp_mem, &s->udp_inuse, &s->udp_mem, &s->udplite,
			   &s->raw, &s->frag, &s->frag_mem) == 12)) {
		check_fail("/proc/net/sockstat: %.100s", buf);
		return -1;
	}
	snprintf(want, sizeof want, "sockets: used %ld\nTCP: inuse %ld orphan "
		 "%ld tw %ld alloc %ld mem %ld\nUDP: inuse %ld mem %ld\nUDPLITE: "
		 "inuse %ld\nRAW: inuse %ld\nFRAG: inuse %ld memory %ld\n",
		 s->used, s->tcp_inuse, s->tcp_orphan, s->tcp_tw, s->tcp_alloc,
		 s->tcp_mem, s->udp_inuse, s->udp_mem, s->udplite, s->raw,
		 s->frag, s->frag_mem);
	return same_text("/proc/net/sockstat", buf, want);
}

/* Counts follow the sockets this check opens, binds and closes. */
static void sockstat_counts(void)
{
	struct sockaddr_in a = sin4("127.0.0.1", 0);
	struct sockstat s0, s1, s2, s3;
	int udp, raw, tcp;

	TRY(lo_up());
	TRY(sockstat(&s0));
	udp = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	REQUIRE_OK(udp);
	TRY(sockstat(&s1));
	REQUIRE(s1.used == s0.used + 1 && s1.udp_inuse == s0.udp_inuse,
		"new UDP socket: used %ld -> %ld, UDP inuse %ld -> %ld", s0.used,
		s1.used, s0.udp_inuse, s1.udp_inuse);
	REQUIRE_OK(bind(udp, (struct sockaddr *)&a, sizeof a));
	raw = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
	REQUIRE_OK(raw);
	tcp = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	REQUIRE_OK(tcp);
	TRY(sockstat(&s2));
	REQUIRE(s2.used == s0.used + 3 && s2.udp_inuse == s0.udp_inuse + 1 &&
		s2.raw == s0.raw + 1 && s2.tcp_alloc == s0.tcp_alloc + 1 &&
		s2.tcp_inuse == s0.tcp_inuse, "bound UDP, raw, TCP: used %ld->%ld"
		" UDP %ld->%ld RAW %ld->%ld TCP alloc %ld->%ld inuse %ld->%ld",
		s0.used, s2.used, s0.udp_inuse, s2.udp_inuse, s0.raw, s2.raw,
		s0.tcp_alloc, s2.tcp_alloc, s0.tcp_inuse, s2.tcp_inuse);
	REQUIRE_OK(bind(tcp, (struct sockaddr *)&a, sizeof a));
	REQUIRE_OK(listen(tcp, 1));
	TRY(sockstat(&s3));
	REQUIRE(s3.tcp_inuse == s0.tcp_inuse + 1, "listening: TCP inuse %ld -> "
		"%ld", s0.tcp_inuse, s3.tcp_inuse);
	close(udp);
	close(raw);
	close(tcp);
	TRY(sockstat(&s3));
	REQUIRE(s3.used == s0.used && s3.udp_inuse == s0.udp_inuse &&
		s3.raw == s0.raw && s3.tcp_inuse == s0.tcp_inuse &&
		s3.tcp_alloc == s0.tcp_alloc, "after close: used %ld (was %ld)"
		" UDP %ld RAW %ld TCP %ld/%ld", s3.used, s0.used, s3.udp_inuse,
		s3.raw, s3.tcp_inuse, s3.tcp_alloc);
}

/* --- /proc/sys/net --- */

/*
 * Defaults as Debian's Linux 6.1 shows them.  The largest tcp_rmem and
 * tcp_wmem values are derived from free memory at boot (1/128 of it,
 * within 128 KiB .. 6 MiB and 64 KiB .. 4 MiB): only their bounds are
 * checked.
 */
static void sysctl_defaults(void)
{
	static const struct { const char *path, *want; } s[] = {
		{ PORT_RANGE, "32768\t60999\n" },
		{ "/proc/sys/net/ipv4/ping_group_range", "1\t0\n" },
		{ "/proc/sys/net/ipv4/tcp_syncookies", "1\n" },
		{ "/proc/sys/net/ipv4/ip_forward", "0\n" },
		{ "/proc/sys/net/ipv4/ip_default_ttl", "64\n" },
		{ "/proc/sys/net/ipv4/ip_unprivileged_port_start", "1024\n" },
		{ "/proc/sys/net/ipv4/tcp_fin_timeout", "60\n" },
		{ "/proc/sys/net/ipv4/tcp_timestamps", "1\n" },
		{ "/proc/sys/net/ipv4/tcp_sack", "1\n" },
		{ "/proc/sys/net/ipv4/tcp_window_scaling", "1\n" },
		{ "/proc/sys/net/ipv4/tcp_keepalive_time", "7200\n" },
		{ "/proc/sys/net/ipv4/tcp_keepalive_intvl", "75\n" },
		{ "/proc/sys/net/ipv4/tcp_keepalive_probes", "9\n" },
		{ "/proc/sys/net/ipv4/icmp_echo_ignore_all", "0\n" },
		{ "/proc/sys/net/ipv4/icmp_echo_ignore_broadcasts", "1\n" },
		{ "/proc/sys/net/core/somaxconn", "4096\n" },
		{ "/proc/sys/net/core/rmem_default", "212992\n" },
		{ "/proc/sys/net/core/rmem_max", "212992\n" },
		{ "/proc/sys/net/core/wmem_default", "212992\n" },
		{ "/proc/sys/net/core/wmem_max", "212992\n" },
	};
	char buf[256], a[200], b[200], nl;
	long r2, w2;

	TRY(slurp("/proc/sys/net/ipv4/tcp_rmem", buf, sizeof buf));
	REQUIRE(sscanf(buf, "4096\t131072\t%ld%c", &r2, &nl) == 2 && nl == '\n' &&
		r2 >= 131072 && r2 <= 6291456, "tcp_rmem '%s'",
		show_line(buf, a, sizeof a));
	TRY(slurp("/proc/sys/net/ipv4/tcp_wmem", buf, sizeof buf));
	REQUIRE(sscanf(buf, "4096\t16384\t%ld%c", &w2, &nl) == 2 && nl == '\n' &&
		w2 >= 65536 && w2 <= 4194304, "tcp_wmem '%s'",
		show_line(buf, a, sizeof a));
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
		TRY(slurp(s[i].path, buf, sizeof buf));
		REQUIRE(!strcmp(buf, s[i].want), "%s: '%s', want '%s'", s[i].path,
			show_line(buf, a, sizeof a), show_line(s[i].want, b,
							       sizeof b));
	}
}

/* ip_local_port_range bounds the ports bind() picks for port 0. */
static void port_range(void)
{
	struct sockaddr_in a = sin4("127.0.0.1", 0), got;
	socklen_t len;
	char buf[64];
	int fd[3], seen = 0, e;

	TRY(lo_up());
	e = write_file(PORT_RANGE, "40000 40001");
	REQUIRE(e == 0, "write: %s", nerr(-e));
	TRY(slurp(PORT_RANGE, buf, sizeof buf));
	REQUIRE(!strcmp(buf, "40000\t40001\n"), "reads '%s'", buf);
	for (int i = 0; i < 2; i++) {
		fd[i] = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		REQUIRE_OK(fd[i]);
		REQUIRE_OK(bind(fd[i], (struct sockaddr *)&a, sizeof a));
		len = sizeof got;
		REQUIRE_OK(getsockname(fd[i], (struct sockaddr *)&got, &len));
		REQUIRE(ntohs(got.sin_port) == 40000 || ntohs(got.sin_port) == 40001,
			"bound to port %u", ntohs(got.sin_port));
		seen |= 1 << (ntohs(got.sin_port) - 40000);
	}
	REQUIRE(seen == 3, "both sockets got the same port");
	fd[2] = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	REQUIRE_OK(fd[2]);
	REQUIRE_ERR(bind(fd[2], (struct sockaddr *)&a, sizeof a), EADDRINUSE);
	/* An inverted range is refused and changes nothing. */
	e = write_file(PORT_RANGE, "5000 4000");
	REQUIRE(e == -EINVAL, "'5000 4000': %s, want EINVAL", nerr(-e));
	TRY(slurp(PORT_RANGE, buf, sizeof buf));
	REQUIRE(!strcmp(buf, "40000\t40001\n"), "then reads '%s'", buf);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(dev_layout),
		CHECK(dev_lo_counters),
		CHECK(dev_eth0_counters),
		CHECK(udp_table),
		CHECK(tcp_table),
		CHECK(raw_table),
		CHECK(packet_table),
		CHECK(snmp_layout),
		CHECK(snmp_udp_counts),
		CHECK(snmp_icmp_counts),
		CHECK(netstat_layout),
		CHECK(sockstat_counts),
		CHECK(sysctl_defaults),
		CHECK(port_range),
	};
	int st = run_checks("procnet", checks, NCHECKS(checks));

	if (write_file(PORT_RANGE, "32768 60999") < 0) {
		emit("FAIL", "procnet", "restore", "cannot write " PORT_RANGE);
		st = 1;
	}
	return st;
}
