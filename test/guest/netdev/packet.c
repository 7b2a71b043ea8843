/*
 * packet.c - AF_PACKET sockets (packet(7)) on eth0 and lo: SOCK_RAW with
 * the link header and SOCK_DGRAM without it, sockaddr_ll as bind,
 * getsockname and recvfrom give it, an ARP exchange with QEMU's gateway
 * built by hand, PACKET_AUXDATA, classic BPF filters (SO_ATTACH_FILTER /
 * SO_DETACH_FILTER), PACKET_ADD_MEMBERSHIP, and a DHCP DISCOVER sent and
 * its OFFER received the way udhcpc does it.
 */
#include "netdev.h"

#include <linux/filter.h>
#include <netinet/if_ether.h>
#include <netpacket/packet.h>
#include <sys/uio.h>

/* <linux/if_packet.h>, which musl's <netpacket/packet.h> does not carry. */
struct tpacket_auxdata {
	uint32_t tp_status;
	uint32_t tp_len;
	uint32_t tp_snaplen;
	uint16_t tp_mac;
	uint16_t tp_net;
	uint16_t tp_vlan_tci;
	uint16_t tp_vlan_tpid;
};
#define TP_STATUS_USER 1
#define TP_STATUS_CSUM_VALID 0x80

static const unsigned char bcast_mac[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static int packet_sock(int type, int proto)
{
	int fd = socket(AF_PACKET, type | SOCK_CLOEXEC, htons(proto));

	if (fd < 0)
		check_fail("socket(AF_PACKET, %d, 0x%x): %s", type, proto,
			   nerr(errno));
	return fd;
}

static struct sockaddr_ll ll_addr(int ifindex, int proto)
{
	struct sockaddr_ll sll;

	memset(&sll, 0, sizeof sll);
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(proto);
	sll.sll_ifindex = ifindex;
	return sll;
}

/* A packet socket of the type bound to (ifindex, proto). */
static int bound_sock(int type, int ifindex, int proto)
{
	struct sockaddr_ll sll = ll_addr(ifindex, proto);
	int fd = packet_sock(type, proto);

	if (fd >= 0 && bind(fd, (struct sockaddr *)&sll, sizeof sll) < 0) {
		check_fail("bind AF_PACKET to %d/0x%x: %s", ifindex, proto,
			   nerr(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * An ARP request from the guest (10.0.2.15, its MAC) for 10.0.2.2
 * (RFC 826): with the Ethernet header when eth is set (42 bytes),
 * otherwise the 28-byte ARP message alone.
 */
static size_t arp_request(unsigned char *f, int eth)
{
	unsigned char *a = f + (eth ? 14 : 0);

	if (eth) {
		memcpy(f, bcast_mac, 6);
		memcpy(f + 6, guest_mac, 6);
		f[12] = 0x08;
		f[13] = 0x06;
	}
	memset(a, 0, 28);
	a[1] = 1;			/* hardware type Ethernet */
	a[2] = 0x08;			/* protocol IPv4 */
	a[4] = 6;
	a[5] = 4;
	a[7] = 1;			/* request */
	memcpy(a + 8, guest_mac, 6);
	memcpy(a + 14, &(uint32_t){ ip4(GUEST_IP) }, 4);
	memcpy(a + 24, &(uint32_t){ ip4(GATEWAY_IP) }, 4);
	return (eth ? 14 : 0) + 28;
}

/* The gateway's ARP reply to arp_request() at a (the ARP message). */
static int is_gateway_reply(const unsigned char *a)
{
	return get16(a) == 1 && get16(a + 2) == 0x0800 && a[4] == 6 && a[5] == 4
		&& get16(a + 6) == 2 && !memcmp(a + 8, gateway_mac, 6) &&
		!memcmp(a + 14, &(uint32_t){ ip4(GATEWAY_IP) }, 4) &&
		!memcmp(a + 18, guest_mac, 6) &&
		!memcmp(a + 24, &(uint32_t){ ip4(GUEST_IP) }, 4);
}

/* One received frame or datagram with its address and auxiliary data. */
struct pkt {
	unsigned char buf[2048];
	ssize_t len;
	int flags;
	struct sockaddr_ll sll;
	socklen_t slen;
	int have_aux;
	struct tpacket_auxdata aux;
};

/* recvmsg() after a bounded poll; -1 with errno on timeout or error. */
static int recv_pkt(int fd, struct pkt *p, int ms)
{
	union { struct cmsghdr c; char b[CMSG_SPACE(64)]; } ctl;
	struct iovec iov;
	struct msghdr mh;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	struct cmsghdr *c;

	memset(p, 0, sizeof *p);
	memset(&p->sll, 0x5a, sizeof p->sll);
	if (poll(&pfd, 1, ms) <= 0) {
		errno = ETIMEDOUT;
		return -1;
	}
	iov.iov_base = p->buf;
	iov.iov_len = sizeof p->buf;
	memset(&mh, 0, sizeof mh);
	mh.msg_name = &p->sll;
	mh.msg_namelen = sizeof p->sll;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = &ctl;
	mh.msg_controllen = sizeof ctl;
	p->len = recvmsg(fd, &mh, MSG_DONTWAIT);
	if (p->len < 0)
		return -1;
	p->slen = mh.msg_namelen;
	p->flags = mh.msg_flags;
	for (c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level == SOL_PACKET && c->cmsg_type == PACKET_AUXDATA &&
		    c->cmsg_len == CMSG_LEN(sizeof p->aux)) {
			memcpy(&p->aux, CMSG_DATA(c), sizeof p->aux);
			p->have_aux = 1;
		}
	}
	return 0;
}

/*
 * Receives until the gateway's ARP reply (the ARP message at offset off),
 * skipping any other traffic; bounded.  Returns 0 or -1 after check_fail().
 */
static int wait_gateway_reply(int fd, struct pkt *p, size_t off)
{
	long long deadline = mono_ms() + NET_WAIT_MS;
	int found = 0;

	while (!found && mono_ms() < deadline) {
		if (recv_pkt(fd, p, (int)(deadline - mono_ms())) < 0)
			break;
		found = (size_t)p->len >= off + 28 &&
			is_gateway_reply(p->buf + off) &&
			p->sll.sll_pkttype != PACKET_OUTGOING;
	}
	if (EXPECT(found))
		return 0;
	check_fail("no ARP reply from the gateway within %d ms", NET_WAIT_MS);
	return -1;
}

/* The size of slirp's ARP reply frame (padded). */
#define REPLY_FRAME 64

/* The sockaddr_ll of a frame from the gateway on eth0. */
static int from_gateway(const struct pkt *p, int proto)
{
	if (!EXPECT(p->slen == sizeof(struct sockaddr_ll) &&
		    p->sll.sll_family == AF_PACKET &&
		    p->sll.sll_protocol == htons(proto) &&
		    p->sll.sll_ifindex == ETH0_INDEX &&
		    p->sll.sll_hatype == ARPHRD_ETHER && p->sll.sll_halen == 6 &&
		    !memcmp(p->sll.sll_addr, gateway_mac, 6) &&
		    !p->sll.sll_addr[6] && !p->sll.sll_addr[7])) {
		check_fail("sockaddr_ll: len %u family %u protocol 0x%x ifindex "
			   "%d hatype %u pkttype %u halen %u addr %02x:%02x:%02x:"
			   "%02x:%02x:%02x %02x %02x", p->slen, p->sll.sll_family,
			   ntohs(p->sll.sll_protocol), p->sll.sll_ifindex,
			   p->sll.sll_hatype, p->sll.sll_pkttype,
			   p->sll.sll_halen, p->sll.sll_addr[0],
			   p->sll.sll_addr[1], p->sll.sll_addr[2],
			   p->sll.sll_addr[3], p->sll.sll_addr[4],
			   p->sll.sll_addr[5], p->sll.sll_addr[6],
			   p->sll.sll_addr[7]);
		return -1;
	}
	return 0;
}

/* SOCK_RAW: whole Ethernet frames out and in. */
static void raw_arp(void)
{
	unsigned char f[64];
	struct sockaddr_ll me;
	socklen_t len = sizeof me;
	struct pkt p;
	size_t n = arp_request(f, 1);
	int fd;

	TRY(eth0_config());
	TRY(fd = bound_sock(SOCK_RAW, ETH0_INDEX, ETH_P_ARP));
	memset(&me, 0x5a, sizeof me);
	REQUIRE_OK(getsockname(fd, (struct sockaddr *)&me, &len));
	REQUIRE(len == 18 && me.sll_family == AF_PACKET &&
		me.sll_protocol == htons(ETH_P_ARP) &&
		me.sll_ifindex == ETH0_INDEX && me.sll_hatype == ARPHRD_ETHER &&
		me.sll_pkttype == 0 && me.sll_halen == 6 &&
		!memcmp(me.sll_addr, guest_mac, 6),
		"getsockname: len %u family %u protocol 0x%x ifindex %d hatype "
		"%u pkttype %u halen %u", len, me.sll_family,
		ntohs(me.sll_protocol), me.sll_ifindex, me.sll_hatype,
		me.sll_pkttype, me.sll_halen);
	REQUIRE(send(fd, f, n, 0) == (ssize_t)n, "send: %s", nerr(errno));
	TRY(wait_gateway_reply(fd, &p, 14));
	REQUIRE(p.len == REPLY_FRAME && !memcmp(p.buf, guest_mac, 6) &&
		!memcmp(p.buf + 6, gateway_mac, 6) && get16(p.buf + 12) == ETH_P_ARP,
		"frame of %zd bytes, type 0x%x", p.len, get16(p.buf + 12));
	TRY(from_gateway(&p, ETH_P_ARP));
	REQUIRE(p.sll.sll_pkttype == PACKET_HOST, "pkttype %u",
		p.sll.sll_pkttype);
	REQUIRE(!p.have_aux && !(p.flags & MSG_TRUNC), "aux %d flags 0x%x",
		p.have_aux, p.flags);
}

/* SOCK_DGRAM: the payload only; the link address goes in sockaddr_ll. */
static void dgram_arp(void)
{
	unsigned char a[64];
	struct sockaddr_ll to = ll_addr(ETH0_INDEX, ETH_P_ARP);
	struct pkt p;
	size_t n = arp_request(a, 0);
	int fd;

	TRY(eth0_config());
	TRY(fd = bound_sock(SOCK_DGRAM, ETH0_INDEX, ETH_P_ARP));
	to.sll_halen = 6;
	memcpy(to.sll_addr, bcast_mac, 6);
	REQUIRE(sendto(fd, a, n, 0, (struct sockaddr *)&to, sizeof to) ==
		(ssize_t)n, "sendto: %s", nerr(errno));
	TRY(wait_gateway_reply(fd, &p, 0));
	REQUIRE(p.len == REPLY_FRAME - 14, "payload of %zd bytes", p.len);
	TRY(from_gateway(&p, ETH_P_ARP));
	REQUIRE(p.sll.sll_pkttype == PACKET_HOST, "pkttype %u",
		p.sll.sll_pkttype);
}

/*
 * ETH_P_ALL sees frames leaving eth0 (PACKET_OUTGOING, sll_addr the
 * sender's) as well as arriving ones, except the frames the socket sent
 * itself.
 */
static void all_sees_outgoing(void)
{
	unsigned char f[64];
	struct pkt p;
	size_t n = arp_request(f, 1);
	long long deadline;
	int fd, sender, seen_out = 0;

	TRY(eth0_config());
	TRY(fd = bound_sock(SOCK_RAW, ETH0_INDEX, ETH_P_ALL));
	TRY(sender = bound_sock(SOCK_RAW, ETH0_INDEX, ETH_P_ALL));
	REQUIRE(send(sender, f, n, 0) == (ssize_t)n, "send: %s", nerr(errno));
	deadline = mono_ms() + NET_WAIT_MS;
	while (mono_ms() < deadline) {
		REQUIRE(recv_pkt(fd, &p, (int)(deadline - mono_ms())) == 0,
			"no ARP reply (request %s)", seen_out ? "seen" :
			"not seen");
		if (p.len == (ssize_t)n && !memcmp(p.buf, f, n)) {
			REQUIRE(p.sll.sll_pkttype == PACKET_OUTGOING &&
				p.sll.sll_protocol == htons(ETH_P_ARP) &&
				!memcmp(p.sll.sll_addr, guest_mac, 6),
				"request: pkttype %u protocol 0x%x",
				p.sll.sll_pkttype, ntohs(p.sll.sll_protocol));
			seen_out = 1;
		} else if (p.len >= 42 && is_gateway_reply(p.buf + 14)) {
			break;
		}
	}
	REQUIRE(seen_out, "request not seen before the reply");
	TRY(from_gateway(&p, ETH_P_ARP));
	REQUIRE(p.sll.sll_pkttype == PACKET_HOST, "reply pkttype %u",
		p.sll.sll_pkttype);
	/* The sender gets the reply but not its own request. */
	TRY(wait_gateway_reply(sender, &p, 14));
	while (recv_pkt(sender, &p, 0) == 0)
		REQUIRE(p.len != (ssize_t)n || memcmp(p.buf, f, n),
			"the sender received its own request");
}

/* PACKET_AUXDATA: a tpacket_auxdata control message with every frame. */
static void auxdata(void)
{
	unsigned char f[64];
	struct pkt p;
	size_t n = arp_request(f, 1);
	int fd, dg, on = 1, v = 0;
	socklen_t len = sizeof v;

	TRY(eth0_config());
	TRY(fd = bound_sock(SOCK_RAW, ETH0_INDEX, ETH_P_ARP));
	TRY(dg = bound_sock(SOCK_DGRAM, ETH0_INDEX, ETH_P_ARP));
	REQUIRE_OK(setsockopt(fd, SOL_PACKET, PACKET_AUXDATA, &on, sizeof on));
	REQUIRE_OK(setsockopt(dg, SOL_PACKET, PACKET_AUXDATA, &on, sizeof on));
	REQUIRE_OK(getsockopt(fd, SOL_PACKET, PACKET_AUXDATA, &v, &len));
	REQUIRE(v == 1 && len == sizeof v, "PACKET_AUXDATA reads %d (len %u)", v,
		len);
	REQUIRE(send(fd, f, n, 0) == (ssize_t)n, "send: %s", nerr(errno));
	TRY(wait_gateway_reply(fd, &p, 14));
	REQUIRE(p.have_aux, "no PACKET_AUXDATA control message");
	REQUIRE(p.aux.tp_status == TP_STATUS_USER && p.aux.tp_len == REPLY_FRAME &&
		p.aux.tp_snaplen == REPLY_FRAME && p.aux.tp_mac == 0 &&
		p.aux.tp_net == 14 && p.aux.tp_vlan_tci == 0 &&
		p.aux.tp_vlan_tpid == 0, "SOCK_RAW aux: status 0x%x len %u "
		"snaplen %u mac %u net %u vlan %u/0x%x", p.aux.tp_status,
		p.aux.tp_len, p.aux.tp_snaplen, p.aux.tp_mac, p.aux.tp_net,
		p.aux.tp_vlan_tci, p.aux.tp_vlan_tpid);
	/* The SOCK_DGRAM socket got the same reply, without the header. */
	TRY(wait_gateway_reply(dg, &p, 0));
	REQUIRE(p.have_aux, "SOCK_DGRAM: no PACKET_AUXDATA control message");
	REQUIRE(p.aux.tp_status == TP_STATUS_USER &&
		p.aux.tp_len == REPLY_FRAME - 14 &&
		p.aux.tp_snaplen == REPLY_FRAME - 14 && p.aux.tp_mac == 0 &&
		p.aux.tp_net == 0, "SOCK_DGRAM aux: status 0x%x len %u snaplen "
		"%u mac %u net %u", p.aux.tp_status, p.aux.tp_len,
		p.aux.tp_snaplen, p.aux.tp_mac, p.aux.tp_net);
}

/* Attaches a classic BPF program; returns setsockopt's result. */
static int attach(int fd, const struct sock_filter *code, unsigned short n)
{
	struct sock_fprog prog = { .len = n, .filter = (struct sock_filter *)code };

	return setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog);
}

/* Accept ARP (EtherType at offset 12 of the frame), drop the rest. */
static const struct sock_filter arp_only[] = {
	BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_ARP, 0, 1),
	BPF_STMT(BPF_RET | BPF_K, 0x40000),
	BPF_STMT(BPF_RET | BPF_K, 0),
};

/*
 * A filter attached before binding (so nothing slips in unfiltered, as
 * tcpdump does) passes only ARP, while an unfiltered socket sees the IPv4
 * frame the guest sent as well.
 */
static void filter_arp_only(void)
{
	struct sockaddr_ll sll = ll_addr(ETH0_INDEX, ETH_P_ALL);
	struct sockaddr_in gw = sin4(GATEWAY_IP, 9);
	unsigned char f[64];
	struct pkt p;
	size_t n = arp_request(f, 1);
	int fd, all, udp, saw_ip = 0, got_reply = 0;
	long long deadline;

	TRY(eth0_config());
	TRY(fd = packet_sock(SOCK_RAW, 0));
	REQUIRE_OK(attach(fd, arp_only, 4));
	REQUIRE_OK(bind(fd, (struct sockaddr *)&sll, sizeof sll));
	TRY(all = bound_sock(SOCK_RAW, ETH0_INDEX, ETH_P_ALL));
	udp = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	REQUIRE_OK(udp);
	REQUIRE(sendto(udp, "ip", 2, 0, (struct sockaddr *)&gw, sizeof gw) == 2,
		"UDP sendto: %s", nerr(errno));
	REQUIRE(send(fd, f, n, 0) == (ssize_t)n, "send: %s", nerr(errno));
	deadline = mono_ms() + NET_WAIT_MS;
	while (!saw_ip && mono_ms() < deadline) {
		if (recv_pkt(all, &p, (int)(deadline - mono_ms())) < 0)
			break;
		saw_ip = p.len > 34 && get16(p.buf + 12) == ETH_P_IP &&
			p.buf[23] == IPPROTO_UDP;
	}
	REQUIRE(saw_ip, "the unfiltered socket saw no UDP frame");
	while (recv_pkt(fd, &p, got_reply ? 0 : NET_WAIT_MS) == 0) {
		REQUIRE(get16(p.buf + 12) == ETH_P_ARP, "filtered socket got "
			"EtherType 0x%04x", get16(p.buf + 12));
		got_reply |= p.len >= 42 && is_gateway_reply(p.buf + 14);
	}
	REQUIRE(got_reply, "filtered socket: no ARP reply");
}

/* A program returning 0 drops everything. */
static void filter_drop_all(void)
{
	static const struct sock_filter drop[] = { BPF_STMT(BPF_RET | BPF_K, 0) };
	unsigned char f[64];
	struct pkt p;
	size_t n = arp_request(f, 1);
	int fd, open_fd;

	TRY(eth0_config());
	TRY(fd = bound_sock(SOCK_RAW, ETH0_INDEX, ETH_P_ARP));
	TRY(open_fd = bound_sock(SOCK_RAW, ETH0_INDEX, ETH_P_ARP));
	/* Whatever arrived before the filter is read away first. */
	REQUIRE_OK(attach(fd, drop, 1));
	while (recv(fd, p.buf, sizeof p.buf, MSG_DONTWAIT) >= 0)
		;
	REQUIRE(send(open_fd, f, n, 0) == (ssize_t)n, "send: %s", nerr(errno));
	TRY(wait_gateway_reply(open_fd, &p, 14));
	REQUIRE(recv(fd, p.buf, sizeof p.buf, MSG_DONTWAIT) == -1 &&
		errno == EAGAIN, "the drop-all socket received a frame");
}

/* The program's return value caps the bytes kept (snap length). */
static void filter_truncates(void)
{
	static const struct sock_filter snap20[] = { BPF_STMT(BPF_RET | BPF_K, 20) };
	unsigned char f[64];
	struct pkt p;
	size_t n = arp_request(f, 1);
	int fd, on = 1;
	long long deadline;

	TRY(eth0_config());
	TRY(fd = packet_sock(SOCK_RAW, 0));
	REQUIRE_OK(attach(fd, snap20, 1));
	REQUIRE_OK(setsockopt(fd, SOL_PACKET, PACKET_AUXDATA, &on, sizeof on));
	struct sockaddr_ll sll = ll_addr(ETH0_INDEX, ETH_P_ARP);
	REQUIRE_OK(bind(fd, (struct sockaddr *)&sll, sizeof sll));
	REQUIRE(send(fd, f, n, 0) == (ssize_t)n, "send: %s", nerr(errno));
	deadline = mono_ms() + NET_WAIT_MS;
	do {
		REQUIRE(recv_pkt(fd, &p, (int)(deadline - mono_ms())) == 0,
			"no frame from the gateway");
	} while (memcmp(p.buf + 6, gateway_mac, 6));
	REQUIRE(p.len == 20 && !(p.flags & MSG_TRUNC), "%zd bytes, flags 0x%x",
		p.len, p.flags);
	REQUIRE(p.have_aux && p.aux.tp_len == REPLY_FRAME && p.aux.tp_snaplen == 20,
		"aux %d: len %u snaplen %u", p.have_aux, p.aux.tp_len,
		p.aux.tp_snaplen);
}

/* Programs the kernel's checker refuses (EINVAL), and bad arguments. */
static void filter_invalid(void)
{
	static const struct sock_filter no_ret[] = {
		BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),
	};
	static const struct sock_filter jump_out[] = {
		BPF_JUMP(BPF_JMP | BPF_JA, 5, 0, 0),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	static const struct sock_filter cond_out[] = {
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 3, 0),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	static const struct sock_filter bad_op[] = {
		{ 0xffff, 0, 0, 0 },
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	static const struct sock_filter div_zero[] = {
		BPF_STMT(BPF_ALU | BPF_DIV | BPF_K, 0),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	static const struct sock_filter bad_mem[] = {
		BPF_STMT(BPF_LD | BPF_MEM, 16),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	static const struct sock_filter uninit_mem[] = {
		BPF_STMT(BPF_LD | BPF_MEM, 3),
		BPF_STMT(BPF_RET | BPF_A, 0),
	};
	static const struct { const struct sock_filter *code; unsigned short n;
			      const char *what; } bad[] = {
		{ no_ret, 1, "no return" },
		{ jump_out, 2, "jump past the end" },
		{ cond_out, 2, "conditional jump past the end" },
		{ bad_op, 2, "unknown opcode" },
		{ div_zero, 2, "division by constant 0" },
		{ bad_mem, 2, "scratch word 16" },
		{ uninit_mem, 2, "scratch word read before written" },
		{ arp_only, 0, "empty program" },
	};
	static struct sock_filter big[BPF_MAXINSNS + 1];
	struct sock_fprog prog;
	int fd;

	TRY(fd = packet_sock(SOCK_RAW, 0));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		errno = 0;
		REQUIRE(attach(fd, bad[i].code, bad[i].n) == -1 && errno == EINVAL,
			"%s: %s, want EINVAL", bad[i].what, nerr(errno));
	}
	for (size_t i = 0; i < BPF_MAXINSNS + 1; i++)
		big[i] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, 0);
	REQUIRE_ERR(attach(fd, big, BPF_MAXINSNS + 1), EINVAL);
	REQUIRE_OK(attach(fd, big, 1000));
	REQUIRE_ERR(attach(fd, BADPTR, 2), EFAULT);
	prog.len = 4;
	prog.filter = (struct sock_filter *)arp_only;
	REQUIRE_ERR(setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, 8), EINVAL);
	REQUIRE_ERR(setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, BADPTR,
			       sizeof prog), EFAULT);
}

/* SO_DETACH_FILTER: ENOENT when there is none. */
static void filter_detach(void)
{
	int fd, zero = 0;

	TRY(fd = packet_sock(SOCK_RAW, 0));
	REQUIRE_ERR(setsockopt(fd, SOL_SOCKET, SO_DETACH_FILTER, &zero,
			       sizeof zero), ENOENT);
	REQUIRE_OK(attach(fd, arp_only, 4));
	REQUIRE_OK(setsockopt(fd, SOL_SOCKET, SO_DETACH_FILTER, &zero,
			      sizeof zero));
	REQUIRE_ERR(setsockopt(fd, SOL_SOCKET, SO_DETACH_FILTER, &zero,
			       sizeof zero), ENOENT);
	/* A UDP socket takes filters too. */
	int udp = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	REQUIRE_OK(udp);
	REQUIRE_OK(attach(udp, arp_only, 4));
	REQUIRE_OK(setsockopt(udp, SOL_SOCKET, SO_DETACH_FILTER, &zero,
			      sizeof zero));
}

/* PACKET_ADD_MEMBERSHIP / PACKET_DROP_MEMBERSHIP. */
static void membership(void)
{
	struct packet_mreq mr;
	int fd, f0, f1;

	TRY(eth0_config());
	TRY(fd = bound_sock(SOCK_RAW, ETH0_INDEX, ETH_P_ALL));
	TRY(f0 = if_flags("eth0"));
	memset(&mr, 0, sizeof mr);
	mr.mr_ifindex = ETH0_INDEX;
	mr.mr_type = PACKET_MR_PROMISC;
	REQUIRE_OK(setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr,
			      sizeof mr));
	/* SIOCGIFFLAGS shows IFF_PROMISC only when set through SIOCSIFFLAGS. */
	TRY(f1 = if_flags("eth0"));
	REQUIRE(f1 == f0, "flags 0x%x after PROMISC membership, 0x%x before", f1,
		f0);
	REQUIRE_OK(setsockopt(fd, SOL_PACKET, PACKET_DROP_MEMBERSHIP, &mr,
			      sizeof mr));
	/* Dropping a membership the socket does not hold is not an error. */
	REQUIRE_OK(setsockopt(fd, SOL_PACKET, PACKET_DROP_MEMBERSHIP, &mr,
			      sizeof mr));
	mr.mr_type = PACKET_MR_MULTICAST;
	mr.mr_alen = 6;
	memcpy(mr.mr_address, "\x01\x00\x5e\x00\x00\x42", 6);
	REQUIRE_OK(setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr,
			      sizeof mr));
	mr.mr_type = PACKET_MR_PROMISC;
	mr.mr_alen = 0;
	mr.mr_ifindex = 99;
	REQUIRE_ERR(setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr,
			       sizeof mr), ENODEV);
	mr.mr_ifindex = ETH0_INDEX;
	mr.mr_alen = 9;
	REQUIRE_ERR(setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr,
			       sizeof mr), EINVAL);
	mr.mr_alen = 0;
	REQUIRE_ERR(setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, 4),
		    EINVAL);
}

/* --- DHCP (RFC 2131/2132) over a packet socket, as udhcpc sends it --- */

#define DHCP_FIXED 236			/* BOOTP header up to the options */

/* IPv4 + UDP 68 -> 67 + a DISCOVER from guest_mac with transaction xid. */
static size_t dhcp_discover(unsigned char *p, uint32_t xid)
{
	unsigned char *udp = p + 20, *b = p + 28, *o;
	unsigned char pseudo[12 + 8 + 300];
	size_t blen = 300, ulen = 8 + blen;
	uint16_t sum;

	memset(p, 0, 20 + ulen);
	/* BOOTP: op, htype, hlen, xid, chaddr, the magic cookie. */
	b[0] = 1;
	b[1] = 1;
	b[2] = 6;
	memcpy(b + 4, &(uint32_t){ htonl(xid) }, 4);
	memcpy(b + 28, guest_mac, 6);
	o = b + DHCP_FIXED;
	memcpy(o, "\x63\x82\x53\x63", 4);
	o += 4;
	*o++ = 53; *o++ = 1; *o++ = 1;		/* DHCPDISCOVER */
	*o++ = 55; *o++ = 3; *o++ = 1; *o++ = 3; *o++ = 6;
	*o++ = 255;
	/* UDP with its checksum over the pseudo header (RFC 768). */
	udp[1] = 68;
	udp[3] = 67;
	udp[4] = ulen >> 8;
	udp[5] = ulen & 0xff;
	memset(pseudo, 0, sizeof pseudo);
	memset(pseudo + 4, 0xff, 4);
	pseudo[9] = IPPROTO_UDP;
	pseudo[10] = ulen >> 8;
	pseudo[11] = ulen & 0xff;
	memcpy(pseudo + 12, udp, ulen);
	sum = inet_csum(pseudo, 12 + ulen);
	memcpy(udp + 6, &sum, 2);
	/* IPv4 0.0.0.0 -> 255.255.255.255. */
	p[0] = 0x45;
	p[2] = (20 + ulen) >> 8;
	p[3] = (20 + ulen) & 0xff;
	p[8] = 64;
	p[9] = IPPROTO_UDP;
	memset(p + 16, 0xff, 4);
	sum = inet_csum(p, 20);
	memcpy(p + 10, &sum, 2);
	return 20 + ulen;
}

/* The value of DHCP option code in the options at o (len bytes), or NULL. */
static const unsigned char *dhcp_opt(const unsigned char *o, size_t len,
				     int code, int *olen)
{
	size_t i = 0;

	while (i < len && o[i] != 255) {
		if (o[i] == 0) {
			i++;
			continue;
		}
		if (i + 1 >= len || i + 2 + o[i + 1] > len)
			return NULL;
		if (o[i] == code) {
			*olen = o[i + 1];
			return o + i + 2;
		}
		i += 2 + o[i + 1];
	}
	return NULL;
}

/*
 * udhcpc's way: eth0 up without an address, socket(AF_PACKET, SOCK_DGRAM,
 * htons(ETH_P_IP)) bound to eth0, a DISCOVER sent to the Ethernet
 * broadcast address; QEMU's DHCP server OFFERs 10.0.2.15/24 from 10.0.2.2
 * for a day, with no router and no DNS server under restrict=on.
 */
static void dhcp_offer(void)
{
	unsigned char d[400];
	struct sockaddr_ll to = ll_addr(ETH0_INDEX, ETH_P_IP);
	uint32_t xid = 0x7e000000u | (uint32_t)getpid();
	size_t n = dhcp_discover(d, xid);
	const unsigned char *ip, *b, *v;
	long long deadline;
	struct pkt p;
	int fd, on = 1, ol = 0;

	TRY(eth0_reset());
	TRY(if_up("eth0"));
	TRY(fd = bound_sock(SOCK_DGRAM, ETH0_INDEX, ETH_P_IP));
	REQUIRE_OK(setsockopt(fd, SOL_PACKET, PACKET_AUXDATA, &on, sizeof on));
	to.sll_halen = 6;
	memcpy(to.sll_addr, bcast_mac, 6);
	REQUIRE(sendto(fd, d, n, 0, (struct sockaddr *)&to, sizeof to) ==
		(ssize_t)n, "sendto: %s", nerr(errno));
	deadline = mono_ms() + NET_WAIT_MS;
	for (;;) {
		REQUIRE(recv_pkt(fd, &p, (int)(deadline - mono_ms())) == 0,
			"no DHCP reply within %d ms", NET_WAIT_MS);
		ip = p.buf;
		b = ip + 28;
		if (p.len >= 28 + DHCP_FIXED + 4 && ip[9] == IPPROTO_UDP &&
		    get16(ip + 20) == 67 && get16(ip + 22) == 68 && b[0] == 2 &&
		    !memcmp(b + 4, &(uint32_t){ htonl(xid) }, 4))
			break;
	}
	/* slirp pads BOOTP replies to 576 bytes and sends them broadcast. */
	REQUIRE(p.len == 576, "OFFER of %zd bytes", p.len);
	TRY(from_gateway(&p, ETH_P_IP));
	REQUIRE(p.sll.sll_pkttype == PACKET_BROADCAST, "pkttype %u",
		p.sll.sll_pkttype);
	/*
	 * QEMU marks the UDP datagram's checksum as checked in the virtio-net
	 * header (VIRTIO_NET_HDR_F_DATA_VALID), which the aux data reports.
	 */
	REQUIRE(p.have_aux &&
		p.aux.tp_status == (TP_STATUS_USER | TP_STATUS_CSUM_VALID) &&
		p.aux.tp_len == 576 && p.aux.tp_snaplen == 576 &&
		p.aux.tp_net == 0, "aux %d: status 0x%x len %u snaplen %u net %u",
		p.have_aux, p.aux.tp_status, p.aux.tp_len, p.aux.tp_snaplen,
		p.aux.tp_net);
	REQUIRE(!memcmp(ip + 12, &(uint32_t){ ip4(GATEWAY_IP) }, 4),
		"OFFER from %u.%u.%u.%u", ip[12], ip[13], ip[14], ip[15]);
	REQUIRE(!memcmp(b + 16, &(uint32_t){ ip4(GUEST_IP) }, 4) &&
		!memcmp(b + 28, guest_mac, 6), "yiaddr %u.%u.%u.%u", b[16],
		b[17], b[18], b[19]);
	REQUIRE(!memcmp(b + DHCP_FIXED, "\x63\x82\x53\x63", 4), "no magic cookie");
	b += DHCP_FIXED + 4;
	n = p.len - (28 + DHCP_FIXED + 4);
	v = dhcp_opt(b, n, 53, &ol);
	REQUIRE(v && ol == 1 && v[0] == 2, "message type %d, want OFFER (2)",
		v ? v[0] : -1);
	v = dhcp_opt(b, n, 54, &ol);
	REQUIRE(v && ol == 4 && !memcmp(v, &(uint32_t){ ip4(GATEWAY_IP) }, 4),
		"server identifier missing or not 10.0.2.2");
	v = dhcp_opt(b, n, 1, &ol);
	REQUIRE(v && ol == 4 && !memcmp(v, "\xff\xff\xff\x00", 4),
		"subnet mask missing or not /24");
	v = dhcp_opt(b, n, 51, &ol);
	REQUIRE(v && ol == 4 && !memcmp(v, "\x00\x01\x51\x80", 4),
		"lease time missing or not 86400 s");
	REQUIRE(!dhcp_opt(b, n, 3, &ol), "a router option under restrict=on");
	REQUIRE(!dhcp_opt(b, n, 6, &ol), "a DNS option under restrict=on");
}

/*
 * On lo: SOCK_DGRAM ETH_P_IP gets the IPv4 packet as received (HOST),
 * SOCK_RAW ETH_P_ALL gets it twice with a zero Ethernet header, first
 * leaving (OUTGOING) then arriving (HOST).
 */
static void loopback(void)
{
	struct sockaddr_in rx = sin4("127.0.0.1", 0);
	socklen_t len = sizeof rx;
	struct pkt p;
	int dg, all, udp, sink;
	static const unsigned char zero6[6];

	TRY(lo_up());
	TRY(dg = bound_sock(SOCK_DGRAM, LO_INDEX, ETH_P_IP));
	TRY(all = bound_sock(SOCK_RAW, LO_INDEX, ETH_P_ALL));
	udp = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	sink = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	REQUIRE(udp >= 0 && sink >= 0, "socket: %s", nerr(errno));
	REQUIRE_OK(bind(sink, (struct sockaddr *)&rx, sizeof rx));
	REQUIRE_OK(getsockname(sink, (struct sockaddr *)&rx, &len));
	REQUIRE(sendto(udp, "lo!", 3, 0, (struct sockaddr *)&rx, sizeof rx) == 3,
		"sendto: %s", nerr(errno));
	REQUIRE(recv_pkt(dg, &p, NET_WAIT_MS) == 0, "SOCK_DGRAM: nothing");
	REQUIRE(p.len == 31 && p.buf[0] == 0x45 && get16(p.buf + 22) ==
		ntohs(rx.sin_port) && !memcmp(p.buf + 28, "lo!", 3),
		"SOCK_DGRAM: %zd bytes", p.len);
	REQUIRE(p.slen == sizeof p.sll && p.sll.sll_protocol == htons(ETH_P_IP) &&
		p.sll.sll_ifindex == LO_INDEX &&
		p.sll.sll_hatype == ARPHRD_LOOPBACK &&
		p.sll.sll_pkttype == PACKET_HOST && p.sll.sll_halen == 6 &&
		!memcmp(p.sll.sll_addr, zero6, 6), "SOCK_DGRAM sockaddr_ll: len "
		"%u protocol 0x%x ifindex %d hatype %u pkttype %u halen %u",
		p.slen, ntohs(p.sll.sll_protocol), p.sll.sll_ifindex,
		p.sll.sll_hatype, p.sll.sll_pkttype, p.sll.sll_halen);
	for (int i = 0; i < 2; i++) {
		int want = i == 0 ? PACKET_OUTGOING : PACKET_HOST;

		REQUIRE(recv_pkt(all, &p, NET_WAIT_MS) == 0, "SOCK_RAW: frame %d "
			"missing", i);
		REQUIRE(p.len == 14 + 31 && !memcmp(p.buf, zero6, 6) &&
			!memcmp(p.buf + 6, zero6, 6) &&
			get16(p.buf + 12) == ETH_P_IP &&
			!memcmp(p.buf + 14 + 28, "lo!", 3),
			"SOCK_RAW frame %d: %zd bytes type 0x%x", i, p.len,
			get16(p.buf + 12));
		REQUIRE(p.sll.sll_pkttype == want && p.sll.sll_ifindex == LO_INDEX,
			"SOCK_RAW frame %d: pkttype %u, want %d", i,
			p.sll.sll_pkttype, want);
	}
}

/* Errors of socket, bind and send. */
static void errors(void)
{
	struct sockaddr_ll sll = ll_addr(99, ETH_P_ARP);
	unsigned char f[2048];
	size_t n = arp_request(f, 1);
	int fd;

	REQUIRE_ERR(socket(AF_PACKET, SOCK_STREAM, 0), ESOCKTNOSUPPORT);
	TRY(eth0_config());
	TRY(fd = packet_sock(SOCK_RAW, ETH_P_ARP));
	REQUIRE_ERR(bind(fd, (struct sockaddr *)&sll, sizeof sll), ENODEV);
	sll = ll_addr(ETH0_INDEX, ETH_P_ARP);
	REQUIRE_ERR(bind(fd, (struct sockaddr *)&sll, 10), EINVAL);
	sll.sll_family = AF_INET;
	REQUIRE_ERR(bind(fd, (struct sockaddr *)&sll, sizeof sll), EINVAL);
	/* Unbound, without an address: no device to send on. */
	REQUIRE_ERR(send(fd, f, n, 0), ENXIO);
	sll = ll_addr(99, ETH_P_ARP);
	REQUIRE_ERR(sendto(fd, f, n, 0, (struct sockaddr *)&sll, sizeof sll),
		    ENXIO);
	sll = ll_addr(ETH0_INDEX, ETH_P_ARP);
	REQUIRE_ERR(sendto(fd, f, n, 0, (struct sockaddr *)&sll, 8), EINVAL);
	close(fd);
	TRY(fd = bound_sock(SOCK_RAW, ETH0_INDEX, ETH_P_ARP));
	/* Shorter than the Ethernet header; longer than MTU + header. */
	REQUIRE_ERR(send(fd, f, 13, 0), EINVAL);
	memset(f + n, 0, sizeof f - n);
	REQUIRE_ERR(send(fd, f, 1515, 0), EMSGSIZE);
	REQUIRE(send(fd, f, 1514, 0) == 1514, "a 1514-byte frame: %s",
		nerr(errno));
	TRY(if_down("eth0"));
	REQUIRE_ERR(send(fd, f, n, 0), ENETDOWN);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(raw_arp),
		CHECK(dgram_arp),
		CHECK(all_sees_outgoing),
		CHECK(auxdata),
		CHECK(filter_arp_only),
		CHECK(filter_drop_all),
		CHECK(filter_truncates),
		CHECK(filter_invalid),
		CHECK(filter_detach),
		CHECK(membership),
		CHECK(dhcp_offer),
		CHECK(loopback),
		CHECK(errors),
	};

	return run_checks("packet", checks, NCHECKS(checks));
}
