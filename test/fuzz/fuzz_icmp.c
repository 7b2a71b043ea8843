/*
 * libFuzzer target: ICMP input (RFC 792, RFC 1122 §3.2.2): echo and
 * the other queries, and errors handed to UDP and TCP (udp_err,
 * tcp_v4_err, PMTU updates).
 *
 * Input: records, each an opcode byte then its data:
 *   0  an ICMP message: type, code, the 4 "rest of header" bytes and a
 *      body of fz_u16() % 2000 bytes from the input; checksum valid
 *      unless op bit 7; to our address, or broadcast (op bit 6);
 *   1  an error (unreachable / quench / redirect / time exceeded /
 *      parameter problem, code and info from the input) quoting a
 *      packet of one of our sockets: UDP 7, 53, 1234 or the TCP
 *      connection in SYN_SENT; the quoted header's bytes may be mangled
 *      and the quote cut short by the input;
 *   2  an echo request of up to 9000 bytes (the reply is fragmented);
 *   3  advance the clock by fz_u8() * 50 ms (rate limits refill).
 */
#include <string.h>

#include "fuzz_net.h"

static u8 pkt[20 + 8 + 9000];

static void deliver(u32 icmp_len, bool csum, bool bcast)
{
	u8 *icmp = pkt + 20;

	icmp[2] = icmp[3] = 0;
	if (csum) {
		u16 sum = inet_csum(icmp, icmp_len);

		memcpy(icmp + 2, &sum, 2);
	}
	fz_build_iphdr(pkt, FZ_PEER_IP, bcast ? FZ_BCAST_IP : FZ_OUR_IP, IPPROTO_ICMP,
		       0x4242, 0, 64, icmp_len);
	fz_rx_ip(pkt, 20 + icmp_len, bcast);
}

static void message(struct fz_in *in, u8 op)
{
	u32 len = 8 + fz_u16(in) % 2000;

	memset(pkt + 20, 0, len);
	fz_bytes(in, pkt + 20, len);
	deliver(len, !(op & 0x80), op & 0x40);
}

static void error_about_us(struct fz_in *in, u8 op)
{
	static const u8 types[] = { ICMP_DEST_UNREACH, ICMP_SOURCE_QUENCH, ICMP_REDIRECT,
				    ICMP_TIME_EXCEEDED, ICMP_PARAMETERPROB, ICMP_DEST_UNREACH,
				    ICMP_DEST_UNREACH, ICMP_DEST_UNREACH };
	u8 sel = fz_u8(in);
	u8 code = fz_u8(in);
	u16 info = fz_u16(in);
	u8 mangle = fz_u8(in);
	u8 *icmp = pkt + 20, *inner = icmp + 8, *l4 = inner + 20;
	u32 quote = 28;
	u16 sport, dport;
	u8 proto;

	switch (sel & 3) {
	case 0: sport = FZ_UDP_ECHO; dport = 9; proto = IPPROTO_UDP; break;
	case 1: sport = FZ_UDP_DNS; dport = 53; proto = IPPROTO_UDP; break;
	case 2: sport = FZ_UDP_CONN; dport = 5000; proto = IPPROTO_UDP; break;
	default: sport = FZ_TCP_SPORT; dport = 80; proto = IPPROTO_TCP; break;
	}
	memset(icmp, 0, 8 + 20 + 40);
	icmp[0] = types[(sel >> 2) & 7];
	icmp[1] = code % 16;
	if (icmp[0] == ICMP_DEST_UNREACH && (sel & 0x20))
		icmp[1] = ICMP_FRAG_NEEDED;
	icmp[6] = (u8)(info >> 8);          /* next-hop MTU / pointer / gateway */
	icmp[7] = (u8)info;
	fz_build_iphdr(inner, FZ_OUR_IP, FZ_PEER_IP, proto, 1, 0, 64, 8);
	l4[0] = (u8)(sport >> 8);
	l4[1] = (u8)sport;
	l4[2] = (u8)(dport >> 8);
	l4[3] = (u8)dport;
	fz_bytes(in, l4 + 4, 4);            /* TCP: the quoted sequence number */
	if (mangle & 0x80) {
		/* Overwrite one quoted byte, and maybe cut the quote short. */
		inner[mangle % 28] = fz_u8(in);
		if (mangle & 0x40)
			quote = mangle & 0x1f;
	}
	deliver(8 + quote, !(op & 0x80), false);
}

static void echo(struct fz_in *in, u8 op)
{
	u32 len = 8 + fz_u16(in) % 9000;
	u8 *icmp = pkt + 20;

	memset(icmp, 0, 8);
	icmp[0] = ICMP_ECHO;
	fz_bytes(in, icmp + 4, 4);
	for (u32 i = 8; i < len; i++)
		icmp[i] = (u8)i;
	deliver(len, true, op & 0x40);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fz_in in = { data, size };

	fz_setup();
	for (int rec = 0; in.n && rec < 64; rec++) {
		u8 op = fz_u8(&in);

		switch (op & 3) {
		case 0:
			message(&in, op);
			break;
		case 1:
			error_about_us(&in, op);
			break;
		case 2:
			echo(&in, op);
			break;
		default:
			fz_advance_ms((u64)fz_u8(&in) * 50);
			break;
		}
	}
	fz_teardown();
	return 0;
}
