/*
 * libFuzzer target: whole Ethernet frames into netif_receive().
 *
 * Input: records, each an opcode byte then its data:
 *   op & 0xc0 == 0xc0  advance the clock by (op & 0x3f) * 250 ms;
 *   otherwise          a frame of fz_u16() % 1600 bytes taken from the
 *                      input; op bit 0 sets the destination to our MAC,
 *                      bit 1 fixes an IPv4 header checksum (so IP's later
 *                      checks are reached), bit 2 an ARP/IP ethertype.
 * At most 64 records per input; the world is torn down after each input.
 */
#include <string.h>

#include "fuzz_net.h"

static void fix_frame(u8 *f, u32 len, u8 op)
{
	if ((op & 1) && len >= ETH_ALEN)
		memcpy(f, fz_our_mac, ETH_ALEN);
	if ((op & 4) && len >= ETH_HLEN) {
		f[12] = 0x08;
		f[13] = (op & 8) ? 0x06 : 0x00;
	}
	if ((op & 2) && len >= ETH_HLEN + 20 && f[12] == 0x08 && f[13] == 0x00) {
		u8 *ip = f + ETH_HLEN;
		u32 hl = (u32)(ip[0] & 0x0f) * 4;
		u16 sum;

		if (hl < 20 || ETH_HLEN + hl > len)
			hl = 20;
		ip[10] = ip[11] = 0;
		sum = inet_csum(ip, hl);
		memcpy(ip + 10, &sum, 2);
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static u8 frame[1600];
	struct fz_in in = { data, size };

	fz_setup();
	for (int rec = 0; in.n && rec < 64; rec++) {
		u8 op = fz_u8(&in);
		u32 len;

		if ((op & 0xc0) == 0xc0) {
			fz_advance_ms((u64)(op & 0x3f) * 250);
			continue;
		}
		len = fz_bytes(&in, frame, fz_u16(&in) % sizeof(frame));
		fix_frame(frame, len, op);
		fz_rx_frame(frame, len);
	}
	fz_teardown();
	return 0;
}
