/*
 * libFuzzer target: ARP (RFC 826) and the neighbour cache behind it.
 *
 * Input: records, each an opcode byte then its data:
 *   0  an ARP packet: 28 bytes from the input; op bits choose whether the
 *      fixed fields (hardware/protocol type and lengths) are made valid,
 *      whether the target is our address and the sender on our subnet,
 *      and whether the frame is broadcast; an extra tail of 0..31 bytes;
 *   1  a frame of any length with ethertype ARP (truncated packets);
 *   2  a UDP datagram to 192.0.2.3 or a subnet neighbour, which needs
 *      resolution (queues a packet, sends requests);
 *   3  advance the clock by fz_u8() * 100 ms (retransmits, FAILED,
 *      STALE/DELAY/PROBE transitions, garbage collection).
 */
#include <string.h>

#include "fuzz_net.h"

static void arp_packet(struct fz_in *in, u8 op)
{
	static u8 frame[ETH_HLEN + sizeof(struct arphdr_eth) + 32];
	struct ethhdr *eth = (struct ethhdr *)frame;
	struct arphdr_eth *arp = (struct arphdr_eth *)(frame + ETH_HLEN);
	u8 flags = fz_u8(in);
	u32 tail = flags >> 5;
	u32 len;

	memset(frame, 0, sizeof(frame));
	fz_bytes(in, (u8 *)arp, sizeof(*arp) + tail);
	if (flags & 1) {
		arp->ar_hrd = net_htons(ARPHRD_ETHER);
		arp->ar_pro = net_htons(ETH_P_IP);
		arp->ar_hln = ETH_ALEN;
		arp->ar_pln = 4;
		arp->ar_op = net_htons((flags & 2) ? ARPOP_REPLY : ARPOP_REQUEST);
	}
	if (flags & 4) {
		be32 tip = FZ_OUR_IP;

		memcpy(arp->ar_tip, &tip, 4);
	}
	if (flags & 8) {
		be32 sip = FZ_IP4(192, 0, 2, 2 + (arp->ar_sip[3] & 7));

		memcpy(arp->ar_sip, &sip, 4);
	}
	if (flags & 16)
		memcpy(arp->ar_sha, fz_other_mac, ETH_ALEN);
	memset(eth->h_dest, 0xff, ETH_ALEN);
	if (op & 0x80)
		memcpy(eth->h_dest, fz_our_mac, ETH_ALEN);
	memcpy(eth->h_source, arp->ar_sha, ETH_ALEN);
	if (op & 0x40)
		memcpy(eth->h_source, fz_peer_mac, ETH_ALEN);
	eth->h_proto = net_htons(ETH_P_ARP);
	len = ETH_HLEN + (u32)sizeof(*arp) + tail;
	fz_rx_frame(frame, len);
}

static void short_frame(struct fz_in *in)
{
	static u8 frame[ETH_HLEN + 64];
	u32 len = fz_u8(in) % (sizeof(frame) - ETH_HLEN);

	memset(frame, 0xff, ETH_ALEN);
	memcpy(frame + ETH_ALEN, fz_peer_mac, ETH_ALEN);
	frame[12] = 0x08;
	frame[13] = 0x06;
	len = fz_bytes(in, frame + ETH_HLEN, len);
	fz_rx_frame(frame, ETH_HLEN + len);
}

static void send_needing_arp(struct fz_in *in)
{
	static u8 buf[2000];
	u8 host = fz_u8(in);
	be32 dst = (host & 0x80) ? FZ_OTHER_IP : FZ_IP4(192, 0, 2, 3 + (host & 7));

	net_lock();
	(void)udp_sendto(fz_udp[0], buf, (u32)(host & 0x40) * 25, dst, net_htons(9));
	net_unlock();
	net_settle();
	net_lock();
	fakedev_purge(fz_eth0);
	net_unlock();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fz_in in = { data, size };

	fz_setup();
	for (int rec = 0; in.n && rec < 64; rec++) {
		u8 op = fz_u8(&in);

		switch (op & 3) {
		case 0:
			arp_packet(&in, op);
			break;
		case 1:
			short_frame(&in);
			break;
		case 2:
			send_needing_arp(&in);
			break;
		default:
			fz_advance_ms((u64)fz_u8(&in) * 100);
			break;
		}
	}
	fz_teardown();
	return 0;
}
