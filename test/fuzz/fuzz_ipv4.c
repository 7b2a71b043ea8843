/*
 * libFuzzer target: IPv4 input (RFC 791, RFC 1122 §3.2.1) and
 * reassembly (RFC 791 §3.2, RFC 815), several fragments per input.
 *
 * Input: records, each an opcode byte then its data:
 *   0  a fragment built from fields in the input: id (one of 4, so
 *      fragments collide), offset in 8-byte units, MF, protocol (UDP to
 *      port 7, ICMP, TCP or any), source (one of 4), payload length and
 *      bytes (the input, then a pattern if it runs out); valid header
 *      checksum, optional IP options;
 *   1  a raw IP packet (any header bytes), header checksum fixed up
 *      when op bit 7 is set;
 *   2  the same datagram as the last fragment record, re-sent (duplicates
 *      and overlaps with the same content); op 0x82 exactly: a flood
 *      instead: fz_u16() % 320 fragments of distinct datagrams, 16000
 *      bytes each, past the reassembly memory bound;
 *   3  advance the clock by fz_u8() * 200 ms (reassembly timeout: 30 s).
 */
#include <string.h>

#include "fuzz_net.h"

static u8 pkt[65536 + 64];

static void fragment(struct fz_in *in, u8 op)
{
	static const be32 srcs[] = { FZ_PEER_IP, FZ_OTHER_IP, FZ_REMOTE_IP, FZ_IP4(192, 0, 2, 9) };
	static const u8 protos[] = { IPPROTO_UDP, IPPROTO_ICMP, IPPROTO_TCP, 99 };
	u8 sel = fz_u8(in);
	u16 off = fz_u16(in);
	u16 plen = fz_u16(in);
	u8 optlen = (op & 0x80) ? (u8)((fz_u8(in) & 7) * 4) : 0;
	u16 id = (u16)(0x100 + (sel & 3));
	be32 src = srcs[(sel >> 2) & 3];
	u8 proto = protos[(sel >> 4) & 3];
	u16 frag_off = (u16)((off & IP_OFFMASK) | ((sel & 0x40) ? IP_MF : 0) |
			     ((sel & 0x80) ? IP_DF : 0));
	struct iphdr *ip = (struct iphdr *)pkt;
	u32 hl = 20 + optlen, got;
	u16 sum;

	plen %= 3000;
	if ((op & 0x40) && plen > 8)
		plen &= ~7u;                 /* a multiple of 8, as real fragments */
	fz_build_iphdr(pkt, src, FZ_OUR_IP, proto, id, frag_off, 64, plen);
	if (optlen) {
		fz_bytes(in, pkt + 20, optlen);
		ip->ihl_version = (u8)(0x40 | hl / 4);
		ip->tot_len = net_htons((u16)(hl + plen));
	}
	got = fz_bytes(in, pkt + hl, plen);
	for (u32 i = got; i < plen; i++)
		pkt[hl + i] = (u8)(i * 7 + (off & 0xff));
	/* The first fragment of a UDP datagram to port 7: a plausible header. */
	if (proto == IPPROTO_UDP && (off & IP_OFFMASK) == 0 && plen >= 8 && (op & 0x20)) {
		struct udphdr *uh = (struct udphdr *)(pkt + hl);

		uh->dest = net_htons(FZ_UDP_ECHO);
		uh->check = 0;
	}
	ip->check = 0;
	sum = inet_csum(pkt, hl);
	ip->check = sum;
	fz_rx_ip(pkt, hl + plen, false);
}

/* Many incomplete datagrams of 16000 bytes: past IPFRAG_HIGH_THRESH
 * (eviction).  Not past IPFRAG_MAX_QUEUES: that takes over a thousand
 * fragments per input, which would slow every other case down (the unit
 * tests in test/unit/net/test_ip_fragment.c cover it). */
static void flood(u32 count, u8 salt)
{
	u32 plen = 16000;

	for (u32 i = 0; i < count; i++) {
		fz_build_iphdr(pkt, FZ_IP4(192, 0, 2, 2 + (i & 3)), FZ_OUR_IP, IPPROTO_UDP,
			       (u16)(i * 7 + salt), IP_MF | (i & 1 ? 0 : 185), 64, plen);
		memset(pkt + 20, (int)i, plen);
		fz_rx_ip(pkt, 20 + plen, false);
	}
}

static void raw_packet(struct fz_in *in, u8 op)
{
	u32 len = fz_bytes(in, pkt, fz_u16(in) % 2048);
	struct iphdr *ip = (struct iphdr *)pkt;

	if ((op & 0x80) && len >= 20) {
		u32 hl = ip_hdrlen(ip);

		if (hl < 20 || hl > len)
			hl = 20;
		ip->check = 0;
		ip->check = inet_csum(pkt, hl);
	}
	fz_rx_ip(pkt, len, op & 0x40);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fz_in in = { data, size };
	struct fz_in last = { NULL, 0 };
	u8 last_op = 0;

	fz_setup();
	for (int rec = 0; in.n && rec < 128; rec++) {
		u8 op = fz_u8(&in);

		switch (op & 3) {
		case 0:
			last = in;
			last_op = op;
			fragment(&in, op);
			break;
		case 1:
			raw_packet(&in, op);
			break;
		case 2:
			if (op == 0x82) {
				flood(fz_u16(&in) % 320, fz_u8(&in));
				break;
			}
			if (last.p) {
				struct fz_in again = last;

				fragment(&again, last_op);
			}
			break;
		default:
			fz_advance_ms((u64)fz_u8(&in) * 200);
			break;
		}
	}
	fz_teardown();
	return 0;
}
