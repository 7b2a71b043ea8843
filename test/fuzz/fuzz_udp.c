/*
 * libFuzzer target: UDP input (RFC 768, RFC 1122 §4.1.3) — length and
 * checksum checks, demultiplexing to bound / connected / broadcast
 * sockets, receive-buffer limits, port unreachable — interleaved with
 * the socket calls (recvfrom, sendto, connect, disconnect).
 *
 * Input: records, each an opcode byte then its data:
 *   0  a datagram: destination port (7, 53, 1234, or any), source
 *      (the connected peer's port 5000 or any), destination address
 *      (ours, broadcast, limited broadcast, someone else's), payload of
 *      fz_u16() % 3000 bytes from the input; the UDP length field is
 *      right unless op bit 7 (then from the input); the checksum is
 *      right, zero (none) or wrong as op bits 5-6 say;
 *   1  an application call (fz_udp_app);
 *   2  a raw UDP header+payload with only the checksum fixed;
 *   3  advance the clock by fz_u8() * 100 ms.
 */
#include <string.h>

#include "fuzz_net.h"

static u8 pkt[20 + 8 + 4096];

static void datagram(struct fz_in *in, u8 op)
{
	static const u16 dports[] = { FZ_UDP_ECHO, FZ_UDP_DNS, FZ_UDP_CONN, 0 };
	static const be32 dsts[] = { FZ_OUR_IP, FZ_BCAST_IP, 0xffffffffu, FZ_IP4(192, 0, 2, 77) };
	u8 sel = fz_u8(in);
	u16 port = fz_u16(in);
	u16 dport = dports[sel & 3] ? dports[sel & 3] : port;
	u16 sport = (sel & 4) ? 5000 : (u16)(port ^ 0x5a5a);
	be32 daddr = dsts[(sel >> 3) & 3];
	be32 saddr = (sel & 0x20) ? FZ_PEER_IP : FZ_OTHER_IP;
	u32 plen = fz_u16(in) % 3000;
	u8 *uh = pkt + 20;
	u16 ulen = (u16)(8 + plen), sum;

	memset(uh + 8, 0, plen);
	fz_bytes(in, uh + 8, plen);
	if (op & 0x80)
		ulen = fz_u16(in);
	uh[0] = (u8)(sport >> 8);
	uh[1] = (u8)sport;
	uh[2] = (u8)(dport >> 8);
	uh[3] = (u8)dport;
	uh[4] = (u8)(ulen >> 8);
	uh[5] = (u8)ulen;
	uh[6] = uh[7] = 0;
	switch ((op >> 5) & 3) {
	case 0:
	case 1:
		sum = fz_l4_csum(saddr, daddr, IPPROTO_UDP, uh, 8 + plen);
		memcpy(uh + 6, &sum, 2);
		break;
	case 2:
		break;                                 /* no checksum */
	default:
		uh[6] = fz_u8(in);
		uh[7] = fz_u8(in);
		break;
	}
	fz_build_iphdr(pkt, saddr, daddr, IPPROTO_UDP, 7, 0, 64, 8 + plen);
	fz_rx_ip(pkt, 20 + 8 + plen, daddr != FZ_OUR_IP && daddr != FZ_IP4(192, 0, 2, 77));
}

static void raw_udp(struct fz_in *in)
{
	u32 len = fz_bytes(in, pkt + 20, fz_u16(in) % 2048);
	u16 sum;

	if (len >= 8) {
		pkt[26] = pkt[27] = 0;
		sum = fz_l4_csum(FZ_PEER_IP, FZ_OUR_IP, IPPROTO_UDP, pkt + 20, len);
		memcpy(pkt + 26, &sum, 2);
	}
	fz_build_iphdr(pkt, FZ_PEER_IP, FZ_OUR_IP, IPPROTO_UDP, 9, 0, 64, len);
	fz_rx_ip(pkt, 20 + len, false);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fz_in in = { data, size };

	fz_setup();
	for (int rec = 0; in.n && rec < 128; rec++) {
		u8 op = fz_u8(&in);

		switch (op & 3) {
		case 0:
			datagram(&in, op);
			break;
		case 1:
			fz_udp_app(&in);
			break;
		case 2:
			raw_udp(&in);
			break;
		default:
			fz_advance_ms((u64)fz_u8(&in) * 100);
			break;
		}
	}
	fz_teardown();
	return 0;
}
