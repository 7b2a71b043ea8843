/*
 * libFuzzer target: IPv6 input (RFC 8200) with extension headers and
 * reassembly, ICMPv6 (RFC 4443) and Neighbor Discovery (RFC 4861,
 * RFC 4862 DAD, RA and SLAAC), several packets per input.
 *
 * The world is fuzz_net.h's, with IPv6 running on lo and eth0
 * (2001:db8::1/64 and the link-local address, DAD on), the peer
 * 2001:db8::2 a permanent neighbour and a default route through it.
 *
 * Input: records, each an opcode byte then its data:
 *   0  a packet from a chosen source (peer, peer's link-local, other,
 *      ::, a remote) to a chosen destination (ours, our link-local,
 *      all-nodes, our solicited-node group, a tentative address, not
 *      ours), next header and hop limit from the input, then up to
 *      1500 payload bytes; the ICMPv6 checksum is fixed up when the
 *      next header is 58 and op bit 7 is set;
 *   1  raw bytes as an IPv6 packet (any header);
 *   2  a fragment: identification (one of 4), offset, M, next header
 *      and payload from the input (op bit 7: ICMPv6 echo content);
 *   3  advance the clock by fz_u8() * 250 ms (DAD, RS, reassembly
 *      timeout 60 s, neighbour timers);
 *   4  send: ip6_output of fz_u16() % 3000 bytes to a chosen
 *      destination (fragmenting, resolving, looping back).
 */
#include <string.h>

#include <net/icmpv6.h>
#include <net/ndisc.h>
#include "fuzz_net.h"

static u8 pkt[65536 + 64];

static struct in6_addr mk(u8 b0, u8 b1, u8 last)
{
	struct in6_addr a;

	memset(&a, 0, sizeof(a));
	a.s6_addr[0] = b0;
	a.s6_addr[1] = b1;
	if (b0 == 0x20) {
		a.s6_addr[2] = 0x0d;
		a.s6_addr[3] = 0xb8;
	}
	a.s6_addr[15] = last;
	return a;
}

static struct in6_addr pick_src(u8 sel)
{
	switch (sel & 7) {
	case 0: return mk(0x20, 0x01, 2);
	case 1: return mk(0xfe, 0x80, 2);
	case 2: return mk(0x20, 0x01, 3);
	case 3: return mk(0, 0, 0);
	case 4: return mk(0x20, 0x01, 0x77);
	case 5: return mk(0xff, 0x02, 1);       /* invalid: multicast */
	case 6: return mk(0, 0, 1);             /* invalid: ::1 */
	default: return mk(0xfe, 0x80, 1);      /* a router */
	}
}

static struct in6_addr pick_dst(u8 sel)
{
	struct in6_addr a, ll;

	switch (sel & 7) {
	case 0: return mk(0x20, 0x01, 1);
	case 1:
		ll = mk(0xfe, 0x80, 0);
		ipv6_eui64_from_mac(fz_our_mac, &ll.s6_addr[8]);
		return ll;
	case 2: return in6addr_linklocal_allnodes;
	case 3:
		a = mk(0x20, 0x01, 1);
		addrconf_addr_solict_mult(&a, &ll);
		return ll;
	case 4: return mk(0x20, 0x01, 0x50);    /* tentative */
	case 5: return mk(0x20, 0x01, 9);       /* not ours */
	case 6: return mk(0xff, 0x02, 2);       /* not joined */
	default: return mk(0, 0, 1);
	}
}

static void rx6(const u8 *ip, u32 len, bool mcast)
{
	static u8 frame[ETH_HLEN + 65536];
	struct ethhdr *eth = (struct ethhdr *)frame;

	if (len > 65536)
		len = 65536;
	memcpy(eth->h_dest, fz_our_mac, ETH_ALEN);
	if (mcast) {
		eth->h_dest[0] = 0x33;
		eth->h_dest[1] = 0x33;
	}
	memcpy(eth->h_source, fz_peer_mac, ETH_ALEN);
	eth->h_proto = net_htons(ETH_P_IPV6);
	memcpy(frame + ETH_HLEN, ip, len);
	fz_rx_frame(frame, ETH_HLEN + len);
}

static u32 hdr(u8 *buf, const struct in6_addr *s, const struct in6_addr *d, u8 nh, u8 hops, u32 plen)
{
	struct ipv6hdr h;

	memset(&h, 0, sizeof(h));
	h.vtc_flow = net_htonl(6u << 28);
	h.payload_len = net_htons((u16)plen);
	h.nexthdr = nh;
	h.hop_limit = hops;
	h.saddr = *s;
	h.daddr = *d;
	memcpy(buf, &h, sizeof(h));
	return 40;
}

static void fix_icmp6(u8 *buf, u32 off, u32 len, const struct in6_addr *s, const struct in6_addr *d)
{
	u16 sum;

	if (len < 4)
		return;
	buf[off + 2] = buf[off + 3] = 0;
	sum = csum_fold(csum_partial(buf + off, len, csum_ipv6_pseudo(s, d, IPPROTO_ICMPV6, len)));
	memcpy(buf + off + 2, &sum, 2);
}

static void packet(struct fz_in *in, u8 op)
{
	u8 sel = fz_u8(in), nh = fz_u8(in), hops = fz_u8(in);
	struct in6_addr s = pick_src(sel), d = pick_dst(sel >> 3);
	u32 plen = fz_bytes(in, pkt + 40, fz_u16(in) % 1500);

	hdr(pkt, &s, &d, nh, (sel & 0x40) ? 255 : hops, plen);
	if (nh == IPPROTO_ICMPV6 && (op & 0x80))
		fix_icmp6(pkt, 40, plen, &s, &d);
	rx6(pkt, 40 + plen, d.s6_addr[0] == 0xff);
}

static void fragment(struct fz_in *in, u8 op)
{
	u8 sel = fz_u8(in);
	u16 off = fz_u16(in) & 0xfff8;
	struct in6_addr s = pick_src(sel & 1 ? 0 : 1), d = pick_dst(0);
	u32 plen = fz_u16(in) % 2000, got;

	hdr(pkt, &s, &d, IPPROTO_FRAGMENT, 64, 8 + plen);
	pkt[40] = (op & 0x80) ? IPPROTO_ICMPV6 : fz_u8(in);
	pkt[41] = 0;
	pkt[42] = (u8)(off >> 8);
	pkt[43] = (u8)((off & 0xf8) | ((sel & 2) ? 1 : 0));
	memset(pkt + 44, 0, 3);
	pkt[47] = (sel >> 2) & 3;
	got = fz_bytes(in, pkt + 48, plen);
	for (u32 i = got; i < plen; i++)
		pkt[48 + i] = (u8)(i * 5);
	if ((op & 0x80) && off == 0 && plen >= 8) {
		pkt[48] = ICMPV6_ECHO_REQUEST;
		pkt[49] = 0;
	}
	rx6(pkt, 48 + plen, false);
}

static void send6(struct fz_in *in)
{
	static u8 buf[3000];
	u8 sel = fz_u8(in);
	struct ip6_out out;
	struct pkbuf *pkb;

	memset(&out, 0, sizeof(out));
	out.daddr = pick_src(sel);             /* peers, remote, ::1, ... */
	if (ipv6_addr_any(&out.daddr))
		out.daddr = pick_dst(sel >> 3);
	out.nexthdr = 253;
	out.dontfrag = sel & 0x80;
	pkb = pkb_from(NET_HEADROOM, buf, fz_u16(in) % sizeof(buf));
	if (!pkb)
		return;
	net_lock();
	(void)ip6_output(pkb, &out);
	net_unlock();
	fz_advance_ms(0);
}

static void setup6(void)
{
	struct in6_addr our = mk(0x20, 0x01, 1), peer = mk(0x20, 0x01, 2), tent = mk(0x20, 0x01, 0x50);
	struct in6_addr any;

	memset(&any, 0, sizeof(any));
	net_lock();
	(void)addrconf_set_disable(loopback_dev, false);
	(void)addrconf_set_disable(fz_eth0, false);
	(void)ipv6_addr_add(fz_eth0, &our, 64, IFA6_F_NODAD);
	(void)ipv6_addr_add(fz_eth0, &tent, 64, 0);
	(void)neigh6_update(fz_eth0, &peer, fz_peer_mac, NUD_PERMANENT,
			    NEIGH_UPDATE_F_ADMIN | NEIGH_UPDATE_F_CREATE);
	(void)ip6_route_add(&any, 0, &peer, fz_eth0, 1024, RTPROT_BOOT);
	fakedev_purge(fz_eth0);
	net_unlock();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fz_in in = { data, size };

	fz_setup();
	setup6();
	for (int rec = 0; in.n && rec < 64; rec++) {
		u8 op = fz_u8(&in);

		switch (op & 7) {
		case 0:
			packet(&in, op);
			break;
		case 1:
			rx6(pkt, fz_bytes(&in, pkt, fz_u16(&in) % 2048), op & 0x80);
			break;
		case 2:
			fragment(&in, op);
			break;
		case 3:
			fz_advance_ms((u64)fz_u8(&in) * 250);
			break;
		default:
			send6(&in);
			break;
		}
	}
	fz_teardown();
	return 0;
}
