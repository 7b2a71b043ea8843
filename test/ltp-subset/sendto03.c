/*
 * sendto03: CVE-2020-14386.  Two cases on AF_PACKET receive rings:
 *  0. PACKET_RESERVE so large that header + reserve wraps to a tiny
 *     number must be refused (EINVAL), or else the ring it would allow
 *     must be refused;
 *  1. a TPACKET_V2 ring with PACKET_VNET_HDR and a reserve that puts the
 *     network offset past 16 bits, bound to lo, then a 1024-byte frame
 *     sent to lo: the kernel must drop it rather than write outside the
 *     ring.  Passes when nothing is tainted.
 * As root on lo instead of LTP's namespaces.
 */
#include "tst_test.h"
#include "tst_race.h"
#include <limits.h>
#include <net/if.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

#define BUFSIZE 1024

static int dst_sock = -1, sock = -1;
static unsigned char buf[BUFSIZE];
static struct sockaddr_ll bind_addr, addr;

static void setup(void)
{
	struct ifreq ifr;

	sock = SAFE_SOCKET(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	SAFE_IOCTL(sock, SIOCGIFFLAGS, &ifr);
	ifr.ifr_flags |= IFF_UP;
	SAFE_IOCTL(sock, SIOCSIFFLAGS, &ifr);
	SAFE_IOCTL(sock, SIOCGIFINDEX, &ifr);
	SAFE_CLOSE(sock);
	memset(buf, 0x42, BUFSIZE);
	bind_addr.sll_family = AF_PACKET;
	bind_addr.sll_protocol = htons(ETH_P_ALL);
	bind_addr.sll_ifindex = ifr.ifr_ifindex;
	addr.sll_family = AF_PACKET;
	addr.sll_ifindex = ifr.ifr_ifindex;
	addr.sll_halen = ETH_ALEN;
}

static int check_tiny_frame(void)
{
	unsigned int val = (UINT_MAX - TPACKET2_HDRLEN) + 1;
	struct tpacket_req tpreq;

	tpreq.tp_block_size = SAFE_SYSCONF(_SC_PAGESIZE);
	tpreq.tp_frame_size = TPACKET_ALIGNMENT;
	tpreq.tp_block_nr = 1;
	tpreq.tp_frame_nr = tpreq.tp_block_size * tpreq.tp_block_nr / tpreq.tp_frame_size;
	dst_sock = SAFE_SOCKET(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	SAFE_SETSOCKOPT_INT(dst_sock, SOL_PACKET, PACKET_VERSION, TPACKET_V2);
	TEST(setsockopt(dst_sock, SOL_PACKET, PACKET_RESERVE, &val, sizeof(val)));
	if (TST_RET == -1 && TST_ERR == EINVAL) {
		SAFE_CLOSE(dst_sock);
		tst_res(TPASS | TTERRNO, "setsockopt(PACKET_RESERVE) value is capped");
		return 0;
	}
	if (TST_RET == -1)
		tst_brk(TBROK | TTERRNO, "setsockopt(PACKET_RESERVE): unexpected error");
	if (TST_RET)
		tst_brk(TBROK | TTERRNO, "Invalid setsockopt(PACKET_RESERVE) return value");
	tst_res(TINFO, "setsockopt(PACKET_RESERVE) accepted too large value");
	TEST(setsockopt(dst_sock, SOL_PACKET, PACKET_RX_RING, &tpreq, sizeof(tpreq)));
	SAFE_CLOSE(dst_sock);
	if (!TST_RET) {
		tst_res(TFAIL, "setsockopt(PACKET_RX_RING) accepted frame size smaller than packet header");
		return 0;
	}
	if (TST_ERR != EINVAL)
		tst_brk(TBROK | TTERRNO, "setsockopt(PACKET_RX_RING): unexpected error");
	tst_res(TPASS | TTERRNO, "setsockopt(PACKET_RX_RING) frame size check rejects "
		"values smaller than packet header");
	return 0;
}

static int check_vnet_hdr(void)
{
	struct tpacket_req tpreq;
	size_t blocksize = 0x800000, pagesize = SAFE_SYSCONF(_SC_PAGESIZE);

	if (blocksize % pagesize)
		blocksize += pagesize - blocksize % pagesize;
	tpreq.tp_block_size = blocksize;
	tpreq.tp_frame_size = 0x11000;
	tpreq.tp_block_nr = 1;
	tpreq.tp_frame_nr = tpreq.tp_block_size * tpreq.tp_block_nr / tpreq.tp_frame_size;
	dst_sock = SAFE_SOCKET(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	SAFE_SETSOCKOPT_INT(dst_sock, SOL_PACKET, PACKET_VERSION, TPACKET_V2);
	SAFE_SETSOCKOPT_INT(dst_sock, SOL_PACKET, PACKET_VNET_HDR, 1);
	SAFE_SETSOCKOPT_INT(dst_sock, SOL_PACKET, PACKET_RESERVE, 0xffff - 75);
	TEST(setsockopt(dst_sock, SOL_PACKET, PACKET_RX_RING, &tpreq, sizeof(tpreq)));
	if (TST_RET == -1 && TST_ERR == EINVAL) {
		SAFE_CLOSE(dst_sock);
		tst_res(TCONF, "PACKET_VNET_HDR and PACKET_RX_RING not supported together");
		return 0;
	}
	if (TST_RET == -1)
		tst_brk(TBROK | TTERRNO, "setsockopt(PACKET_RX_RING): unexpected error");
	if (TST_RET)
		tst_brk(TBROK | TTERRNO, "Invalid setsockopt(PACKET_RX_RING) return value");
	SAFE_BIND(dst_sock, (struct sockaddr *)&bind_addr, sizeof(addr));
	sock = SAFE_SOCKET(AF_PACKET, SOCK_RAW, IPPROTO_RAW);
	SAFE_SENDTO(1, sock, buf, BUFSIZE, 0, (struct sockaddr *)&addr, sizeof(addr));
	SAFE_CLOSE(sock);
	SAFE_CLOSE(dst_sock);
	return 1;
}

static int (*testcase_list[])(void) = { check_tiny_frame, check_vnet_hdr };

static void run(unsigned int n)
{
	if (!testcase_list[n]())
		return;
	if (tst_taint_check()) {
		tst_res(TFAIL, "Kernel is vulnerable");
		return;
	}
	tst_res(TPASS, "Nothing bad happened, probably");
}

static void cleanup(void)
{
	if (sock != -1)
		SAFE_CLOSE(sock);
	if (dst_sock != -1)
		SAFE_CLOSE(dst_sock);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(testcase_list),
	.setup = setup,
	.cleanup = cleanup,
	.needs_root = 1,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "bcc5364bdcfe"},
		{"linux-git", "acf69c946233"},
		{"CVE", "2020-14386"},
		{}
	},
};
