/*
 * packet_ring.c - the memory-mapped rings of AF_PACKET sockets
 * (packet(7), Linux's Documentation/networking/packet_mmap.rst):
 * PACKET_VERSION, PACKET_HDRLEN, PACKET_RESERVE, the checks of
 * PACKET_RX_RING / PACKET_TX_RING, mmap of the rings, TPACKET_V1/V2
 * frames and TPACKET_V3 blocks received on lo and handed over through
 * tp_status and poll(2), a transmit ring sent with one send(2), and
 * PACKET_STATISTICS.
 */
#include "netdev.h"

#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <sys/mman.h>

#define PAGE 4096
#define ETH_P_EXP 0x88b5	/* IEEE 802 local experimental EtherType */

static int ring_sock(int type, int proto, int version)
{
	int fd = socket(AF_PACKET, type | SOCK_CLOEXEC, htons(proto));

	if (fd < 0) {
		check_fail("socket(AF_PACKET): %s", nerr(errno));
		return -1;
	}
	if (setsockopt(fd, SOL_PACKET, PACKET_VERSION, &version, sizeof version) < 0) {
		check_fail("PACKET_VERSION %d: %s", version, nerr(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int bind_lo(int fd, int proto)
{
	struct sockaddr_ll sll;

	memset(&sll, 0, sizeof sll);
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(proto);
	sll.sll_ifindex = LO_INDEX;
	if (bind(fd, (struct sockaddr *)&sll, sizeof sll) < 0) {
		check_fail("bind to lo: %s", nerr(errno));
		return -1;
	}
	return 0;
}

/* A UDP datagram of `text` to 127.0.0.1 (a port nobody listens on is fine). */
static int udp_to_lo(const char *text)
{
	struct sockaddr_in to = sin4("127.0.0.1", 9);
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = sendto(fd, text, strlen(text), 0, (struct sockaddr *)&to, sizeof to);
	close(fd);
	if (n != (ssize_t)strlen(text)) {
		check_fail("sendto 127.0.0.1: %s", nerr(errno));
		return -1;
	}
	return 0;
}

/* Options and the checks of a ring request, as Linux makes them. */
static void options(void)
{
	struct tpacket_req req = { PAGE, 2, 2048, 4 };
	struct tpacket_req3 req3;
	int fd, val;
	socklen_t len = sizeof val;

	TRY(fd = ring_sock(SOCK_RAW, ETH_P_ALL, TPACKET_V1));
	REQUIRE_OK(getsockopt(fd, SOL_PACKET, PACKET_VERSION, &val, &len));
	REQUIRE(val == TPACKET_V1 && len == sizeof val, "version %d", val);
	val = 3;
	REQUIRE_ERR(setsockopt(fd, SOL_PACKET, PACKET_VERSION, &val, sizeof val), EINVAL);
	REQUIRE_ERR(setsockopt(fd, SOL_PACKET, PACKET_VERSION, &val, 2), EINVAL);
	/* PACKET_HDRLEN: the version in, its header length out. */
	for (int v = TPACKET_V1; v <= TPACKET_V3; v++) {
		val = v;
		len = sizeof val;
		REQUIRE_OK(getsockopt(fd, SOL_PACKET, PACKET_HDRLEN, &val, &len));
		REQUIRE(val == (v == TPACKET_V3 ? 48 : 32), "hdrlen of V%d: %d", v + 1, val);
	}
	val = 7;
	REQUIRE_ERR(getsockopt(fd, SOL_PACKET, PACKET_HDRLEN, &val, &len), EINVAL);
	unsigned int big = 0x80000000u;
	REQUIRE_ERR(setsockopt(fd, SOL_PACKET, PACKET_RESERVE, &big, sizeof big), EINVAL);
	/* Ring geometry. */
	REQUIRE_ERR(setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof req - 1), EINVAL);
	req.tp_block_size = PAGE + 16;
	REQUIRE_ERR(setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof req), EINVAL);
	req.tp_block_size = PAGE;
	req.tp_frame_size = 48;		/* below TPACKET_HDRLEN */
	REQUIRE_ERR(setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof req), EINVAL);
	req.tp_frame_size = 2056;		/* not TPACKET_ALIGNMENT-aligned */
	REQUIRE_ERR(setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof req), EINVAL);
	req.tp_frame_size = 2048;
	req.tp_frame_nr = 5;
	REQUIRE_ERR(setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof req), EINVAL);
	req.tp_frame_nr = 4;
	REQUIRE_ERR(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0), EINVAL);	/* no ring */
	REQUIRE_OK(setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof req));
	REQUIRE_ERR(setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof req), EBUSY);
	val = TPACKET_V2;
	REQUIRE_ERR(setsockopt(fd, SOL_PACKET, PACKET_VERSION, &val, sizeof val), EBUSY);
	val = 8;
	REQUIRE_ERR(setsockopt(fd, SOL_PACKET, PACKET_RESERVE, &val, sizeof val), EBUSY);
	REQUIRE_OK(setsockopt(fd, SOL_PACKET, PACKET_TX_RING, &req, sizeof req));
	/* mmap: exactly both rings, from offset 0. */
	REQUIRE_ERR(mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, 0), EINVAL);
	REQUIRE_ERR(mmap(NULL, 4 * PAGE, PROT_READ, MAP_SHARED, fd, PAGE), EINVAL);
	void *map = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(map != MAP_FAILED, "mmap: %s", nerr(errno));
	/* While mapped no ring changes, not even its removal. */
	struct tpacket_req none = { 0 };
	REQUIRE_ERR(setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &none, sizeof none), EBUSY);
	REQUIRE_OK(munmap(map, 4 * PAGE));
	REQUIRE_OK(setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &none, sizeof none));
	REQUIRE_OK(setsockopt(fd, SOL_PACKET, PACKET_TX_RING, &none, sizeof none));
	val = TPACKET_V3;
	REQUIRE_OK(setsockopt(fd, SOL_PACKET, PACKET_VERSION, &val, sizeof val));
	/* V3: the longer request, and a private area that must fit (CVE-2017-7308). */
	memset(&req3, 0, sizeof req3);
	req3.tp_block_size = PAGE;
	req3.tp_block_nr = 2;
	req3.tp_frame_size = PAGE;
	req3.tp_frame_nr = 2;
	req3.tp_retire_blk_tov = 100;
	req3.tp_sizeof_priv = 3u << 30;
	REQUIRE_ERR(setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req3, sizeof req), EINVAL);
	REQUIRE_ERR(setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req3, sizeof req3), EINVAL);
	req3.tp_sizeof_priv = 512;
	REQUIRE_ERR(setsockopt(fd, SOL_PACKET, PACKET_TX_RING, &req3, sizeof req3), EINVAL);
	REQUIRE_OK(setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req3, sizeof req3));
	struct tpacket_stats_v3 st3;
	len = sizeof st3 + 4;
	REQUIRE_OK(getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, &st3, &len));
	REQUIRE(len == sizeof st3, "V3 statistics: %u bytes", len);
	close(fd);
	/* SOCK_DGRAM sockets take no virtio header. */
	TRY(fd = ring_sock(SOCK_DGRAM, ETH_P_ALL, TPACKET_V2));
	val = 1;
	REQUIRE_ERR(setsockopt(fd, SOL_PACKET, PACKET_VNET_HDR, &val, sizeof val), EINVAL);
	close(fd);
}

/* The first frame of a V1/V2 ring that is the user's with a UDP "text". */
static int find_udp_frame(const unsigned char *ring, int version, int frames,
			  const char *text, int pkttype)
{
	for (int i = 0; i < frames; i++) {
		const unsigned char *f = ring + i * 2048;
		unsigned long status;
		unsigned int snaplen, mac;
		const struct sockaddr_ll *sll;

		if (version == TPACKET_V1) {
			const struct tpacket_hdr *h = (const void *)f;

			status = h->tp_status;
			snaplen = h->tp_snaplen;
			mac = h->tp_mac;
			sll = (const void *)(f + TPACKET_ALIGN(sizeof *h));
		} else {
			const struct tpacket2_hdr *h = (const void *)f;

			status = h->tp_status;
			snaplen = h->tp_snaplen;
			mac = h->tp_mac;
			sll = (const void *)(f + TPACKET_ALIGN(sizeof *h));
		}
		if (!(status & TP_STATUS_USER) || sll->sll_pkttype != pkttype)
			continue;
		if (snaplen == 14 + 28 + strlen(text) &&
		    !memcmp(f + mac + 14 + 28, text, strlen(text)) &&
		    sll->sll_family == AF_PACKET && sll->sll_ifindex == LO_INDEX &&
		    sll->sll_protocol == htons(ETH_P_IP))
			return i;
	}
	return -1;
}

/* V1 and V2: each frame of lo lands in the next slot; poll says so. */
static void rx_frames(void)
{
	for (int version = TPACKET_V1; version <= TPACKET_V2; version++) {
		struct tpacket_req req = { PAGE, 2, 2048, 4 };
		struct pollfd pfd;
		unsigned char *ring;
		int fd, i;

		TRY(lo_up());
		TRY(fd = ring_sock(SOCK_RAW, ETH_P_ALL, version));
		REQUIRE_OK(setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof req));
		ring = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		REQUIRE(ring != MAP_FAILED, "mmap: %s", nerr(errno));
		TRY(bind_lo(fd, ETH_P_ALL));
		pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
		REQUIRE(poll(&pfd, 1, 0) == 0, "poll: ready before any frame");
		TRY(udp_to_lo("ring!"));
		REQUIRE(poll(&pfd, 1, NET_WAIT_MS) == 1 && (pfd.revents & POLLIN),
			"V%d: poll: no frame", version + 1);
		/* lo shows it leaving and arriving: both are in the ring. */
		i = find_udp_frame(ring, version, 4, "ring!", PACKET_OUTGOING);
		REQUIRE(i >= 0, "V%d: the outgoing frame is not in the ring", version + 1);
		i = find_udp_frame(ring, version, 4, "ring!", PACKET_HOST);
		REQUIRE(i >= 0, "V%d: the arriving frame is not in the ring", version + 1);
		/* Giving every frame back leaves nothing to read. */
		for (int k = 0; k < 4; k++)
			*(volatile unsigned int *)(ring + k * 2048) = TP_STATUS_KERNEL;
		REQUIRE(poll(&pfd, 1, 0) == 0, "V%d: poll after the frames came back",
			version + 1);
		struct tpacket_stats st;
		socklen_t len = sizeof st;
		REQUIRE_OK(getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, &st, &len));
		REQUIRE(len == sizeof st && st.tp_packets >= 2, "statistics: %u packets",
			st.tp_packets);
		munmap(ring, 2 * PAGE);
		close(fd);
	}
}

/* V3: a block is handed over when its timer retires it. */
static void rx_blocks(void)
{
	struct tpacket_req3 req = { PAGE, 2, PAGE, 2, 20, 0, 0 };
	struct pollfd pfd;
	unsigned char *ring;
	int fd, found = 0;

	TRY(lo_up());
	TRY(fd = ring_sock(SOCK_DGRAM, ETH_P_IP, TPACKET_V3));
	REQUIRE_OK(setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof req));
	ring = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(ring != MAP_FAILED, "mmap: %s", nerr(errno));
	TRY(bind_lo(fd, ETH_P_IP));
	TRY(udp_to_lo("block!"));
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	for (int b = 0; b < 2 && !found; b++) {
		struct tpacket_block_desc *bd;

		REQUIRE(poll(&pfd, 1, NET_WAIT_MS) == 1, "poll: no block retired");
		bd = (void *)(ring + b * PAGE);
		REQUIRE(bd->hdr.bh1.block_status & TP_STATUS_USER, "block %d: status 0x%x", b,
			bd->hdr.bh1.block_status);
		REQUIRE(bd->version == TPACKET_V3 && bd->hdr.bh1.seq_num == (unsigned)b + 1,
			"block %d: version %u seq %llu", b, bd->version,
			(unsigned long long)bd->hdr.bh1.seq_num);
		unsigned int off = bd->hdr.bh1.offset_to_first_pkt;
		for (unsigned int p = 0; p < bd->hdr.bh1.num_pkts; p++) {
			struct tpacket3_hdr *h = (void *)(ring + b * PAGE + off);

			REQUIRE(off + sizeof *h <= PAGE, "frame %u at %u", p, off);
			if (h->tp_snaplen == 28 + 6 && !memcmp((char *)h + h->tp_mac + 28,
							      "block!", 6))
				found = 1;
			if (!h->tp_next_offset)
				break;
			off += h->tp_next_offset;
		}
		bd->hdr.bh1.block_status = TP_STATUS_KERNEL;
	}
	REQUIRE(found, "the datagram is in no block");
	munmap(ring, 2 * PAGE);
	close(fd);
}

/* A transmit ring: frames asked for go out with one send(2). */
static void tx_frames(void)
{
	struct tpacket_req req = { PAGE, 1, 1024, 4 };
	unsigned char *ring, frame[60], got[128];
	int tx, rx;
	ssize_t n;

	TRY(lo_up());
	TRY(tx = ring_sock(SOCK_RAW, ETH_P_EXP, TPACKET_V2));
	TRY(bind_lo(tx, ETH_P_EXP));
	REQUIRE((rx = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, htons(ETH_P_EXP))) >= 0,
		"socket: %s", nerr(errno));
	TRY(bind_lo(rx, ETH_P_EXP));
	REQUIRE_OK(setsockopt(tx, SOL_PACKET, PACKET_TX_RING, &req, sizeof req));
	ring = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, tx, 0);
	REQUIRE(ring != MAP_FAILED, "mmap: %s", nerr(errno));
	REQUIRE(send(tx, NULL, 0, MSG_DONTWAIT) == 0, "send with nothing asked: %s",
		nerr(errno));
	memset(frame, 0, sizeof frame);
	frame[12] = ETH_P_EXP >> 8;
	frame[13] = ETH_P_EXP & 0xff;
	for (int i = 0; i < 2; i++) {
		struct tpacket2_hdr *h = (void *)(ring + i * 1024);

		frame[14] = (unsigned char)('A' + i);
		memcpy(ring + i * 1024 + TPACKET2_HDRLEN - sizeof(struct sockaddr_ll), frame,
		       sizeof frame);
		h->tp_len = sizeof frame;
		h->tp_status = TP_STATUS_SEND_REQUEST;
	}
	n = sendto(tx, NULL, 0, MSG_DONTWAIT, NULL, 0);
	REQUIRE(n == 2 * (ssize_t)sizeof frame, "send: %zd (%s)", n, nerr(errno));
	for (int i = 0; i < 2; i++) {
		struct tpacket2_hdr *h = (void *)(ring + i * 1024);

		REQUIRE(h->tp_status == TP_STATUS_AVAILABLE, "frame %d: status 0x%x", i,
			h->tp_status);
		n = recv_wait(rx, got, sizeof got, NULL, NULL, NET_WAIT_MS);
		REQUIRE(n == sizeof frame - 14 && got[0] == 'A' + i, "frame %d received: %zd "
			"bytes, first 0x%x", i, n, n > 0 ? got[0] : 0);
	}
	/* A frame longer than its slot: EMSGSIZE, marked WRONG_FORMAT. */
	struct tpacket2_hdr *h = (void *)(ring + 2 * 1024);
	h->tp_len = 1024;
	h->tp_status = TP_STATUS_SEND_REQUEST;
	REQUIRE_ERR(send(tx, NULL, 0, 0), EMSGSIZE);
	REQUIRE(h->tp_status == TP_STATUS_WRONG_FORMAT, "status 0x%x", h->tp_status);
	munmap(ring, PAGE);
	close(tx);
	close(rx);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(options),
		CHECK(rx_frames),
		CHECK(rx_blocks),
		CHECK(tx_frames),
	};

	return run_checks("packet_ring", checks, NCHECKS(checks));
}
