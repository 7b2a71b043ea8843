/*
 * Packet sockets (packet(7)): the engine under what udhcpc and capture
 * programs do -- binding, who sees which frame, filters and snap
 * lengths, buffer limits, sending whole frames and payloads, device
 * events and memberships.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include <net/filter.h>
#include <net/packet.h>
#include "nettest.h"

#define H16(x) net_htons(x)
#define ETH_P_EXP 0x88b5	/* IEEE 802 local experimental EtherType */

static const u8 other_mac[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x77 };
static const u8 mcast_mac[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x42 };
static u8 frame[2048];

static struct sock *psock(u16 type, u16 proto, int ifindex)
{
	int err;
	struct sock *sk = L(packet_create(type, H16(proto), &err));

	assert_non_null(sk);
	assert_int_equal(err, 0);
	if (ifindex >= 0)
		assert_int_equal(L(packet_bind(sk, ifindex, 0)), 0);
	return sk;
}

/* An Ethernet frame at `frame`: dst, src, type, then `len` payload bytes. */
static u32 build_frame(const u8 *dst, const u8 *src, u16 type, const void *payload, u32 len)
{
	memcpy(frame, dst, ETH_ALEN);
	memcpy(frame + 6, src, ETH_ALEN);
	frame[12] = (u8)(type >> 8);
	frame[13] = (u8)type;
	if (payload)
		memcpy(frame + ETH_HLEN, payload, len);
	else
		for (u32 i = 0; i < len; i++)
			frame[ETH_HLEN + i] = (u8)(i * 7 + 1);
	return ETH_HLEN + len;
}

/* The next frame of sk (dequeued), or NULL; the caller frees it. */
static struct pkbuf *take(struct sock *sk)
{
	struct pkbuf *pkb = NULL;
	int r = L(packet_recv_take(sk, false, &pkb));

	if (r == -EAGAIN)
		return NULL;
	assert_int_equal(r, 0);
	return pkb;
}

static void drop(struct pkbuf *pkb)
{
	LV(pkb_free(pkb));
}

static void assert_empty(struct sock *sk)
{
	struct pkbuf *pkb = take(sk);

	if (pkb)
		drop(pkb);
	assert_null(pkb);
}

/* Send `len` bytes of `frame` on sk to addr (NULL: as bound). */
static int send_frame(struct sock *sk, u32 len, const struct sockaddr_ll *addr, int alen)
{
	struct pkbuf *pkb = pkb_from(PACKET_HEADROOM, frame, len);
	int r;

	assert_non_null(pkb);
	net_lock();
	r = packet_send_check(sk, addr, alen, len);
	if (r) {
		pkb_free(pkb);
	} else {
		r = packet_send(sk, pkb, addr, alen);
	}
	net_unlock();
	return r;
}

static struct sockaddr_ll ll(int ifindex, u16 proto, const u8 *addr)
{
	struct sockaddr_ll sll;

	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = H16(proto);
	sll.sll_ifindex = ifindex;
	if (addr) {
		sll.sll_halen = ETH_ALEN;
		memcpy(sll.sll_addr, addr, ETH_ALEN);
	}
	return sll;
}

static void create_bind_getname(void **state)
{
	struct sockaddr_ll sll;
	char text[512], line[128];
	struct sock *sk;
	int err;

	(void)state;
	assert_null(L(packet_create(SOCK_STREAM, 0, &err)));
	assert_int_equal(err, -ESOCKTNOSUPPORT);
	sk = psock(SOCK_RAW, ETH_P_ARP, -1);
	assert_true(pkt_sk(sk)->running);		/* hooked from creation */
	assert_int_equal(L(packet_getname(sk, &sll)), 12);
	assert_int_equal(sll.sll_family, AF_PACKET);
	assert_int_equal(sll.sll_protocol, H16(ETH_P_ARP));
	assert_int_equal(sll.sll_ifindex, 0);
	assert_int_equal(sll.sll_hatype, 0);
	assert_int_equal(sll.sll_halen, 0);
	assert_int_equal(L(packet_bind(sk, 99, 0)), -ENODEV);
	assert_int_equal(L(packet_bind(sk, eth0->ifindex, 0)), 0);
	assert_int_equal(L(packet_getname(sk, &sll)), 18);
	assert_int_equal(sll.sll_protocol, H16(ETH_P_ARP));	/* kept */
	assert_int_equal(sll.sll_ifindex, eth0->ifindex);
	assert_int_equal(sll.sll_hatype, ARPHRD_ETHER);
	assert_int_equal(sll.sll_pkttype, 0);
	assert_int_equal(sll.sll_halen, 6);
	assert_memory_equal(sll.sll_addr, our_mac, 6);
	/* Protocol 0: not hooked until bound with one. */
	struct sock *idle = psock(SOCK_DGRAM, 0, -1);
	assert_false(pkt_sk(idle)->running);
	assert_int_equal(L(packet_bind(idle, eth0->ifindex, 0)), 0);
	assert_false(pkt_sk(idle)->running);
	assert_int_equal(L(packet_bind(idle, 0, H16(ETH_P_IP))), 0);
	assert_true(pkt_sk(idle)->running);
	assert_int_equal(L(packet_sock_count()), 2);
	/* /proc/net/packet: Linux's header and columns. */
	int n = L(packet_proc_format(text, sizeof(text), NULL));
	assert_int_equal(n, (int)strlen(text));
	assert_string_equal(strtok(text, "\n"),
			    "sk               RefCnt Type Proto  Iface R Rmem   User   Inode");
	snprintf(line, sizeof(line), "0000000000000000 1      2    0800   0     1 0      0      0     ");
	assert_string_equal(strtok(NULL, "\n"), line);
	snprintf(line, sizeof(line), "0000000000000000 1      3    0806   %-5d 1 0      0      0     ",
		 eth0->ifindex);
	assert_string_equal(strtok(NULL, "\n"), line);
	LV(packet_close(sk));
	LV(packet_close(idle));
	assert_int_equal(L(packet_sock_count()), 0);
}

static void raw_and_dgram_receive_their_protocol(void **state)
{
	struct sock *raw = psock(SOCK_RAW, ETH_P_ARP, eth0->ifindex);
	struct sock *dg = psock(SOCK_DGRAM, ETH_P_ARP, eth0->ifindex);
	struct sock *ip = psock(SOCK_DGRAM, ETH_P_IP, 0);
	struct tpacket_auxdata aux;
	struct sockaddr_ll sll;
	struct pkbuf *pkb;
	u8 arp[28] = { 0, 1, 8, 0, 6, 4, 0, 1 };
	u32 n;

	(void)state;
	/* An ARP request for an address that is not ours: no reply. */
	memcpy(arp + 8, peer_mac, 6);
	memcpy(arp + 14, &(be32){ PEER_IP }, 4);
	memcpy(arp + 24, &(be32){ OTHER_IP }, 4);
	n = build_frame(bcast_mac, peer_mac, ETH_P_ARP, arp, sizeof(arp));
	fakedev_rx(eth0, frame, n);
	pkb = take(raw);
	assert_non_null(pkb);
	assert_int_equal(pkb->len, n);
	assert_memory_equal(pkb->data, frame, n);
	assert_int_equal(packet_recv_name(pkb, &sll), 20);
	assert_int_equal(sll.sll_family, AF_PACKET);
	assert_int_equal(sll.sll_protocol, H16(ETH_P_ARP));
	assert_int_equal(sll.sll_ifindex, eth0->ifindex);
	assert_int_equal(sll.sll_hatype, ARPHRD_ETHER);
	assert_int_equal(sll.sll_pkttype, PACKET_BROADCAST);
	assert_int_equal(sll.sll_halen, 6);
	assert_memory_equal(sll.sll_addr, peer_mac, 6);
	assert_int_equal(sll.sll_addr[6] | sll.sll_addr[7], 0);
	packet_auxdata(pkb, &aux);
	assert_int_equal(aux.tp_status, TP_STATUS_USER);
	assert_int_equal(aux.tp_len, n);
	assert_int_equal(aux.tp_snaplen, n);
	assert_int_equal(aux.tp_mac, 0);
	assert_int_equal(aux.tp_net, 14);
	drop(pkb);
	assert_empty(raw);
	/* SOCK_DGRAM: the ARP message alone, the link source in the address. */
	pkb = take(dg);
	assert_non_null(pkb);
	assert_int_equal(pkb->len, sizeof(arp));
	assert_memory_equal(pkb->data, arp, sizeof(arp));
	assert_int_equal(packet_recv_name(pkb, &sll), 20);
	assert_memory_equal(sll.sll_addr, peer_mac, 6);
	packet_auxdata(pkb, &aux);
	assert_int_equal(aux.tp_len, sizeof(arp));
	assert_int_equal(aux.tp_net, 0);
	drop(pkb);
	/* Not IPv4: the ETH_P_IP socket got nothing; an IPv4 frame it gets. */
	assert_empty(ip);
	n = build_frame(our_mac, peer_mac, ETH_P_IP, NULL, 40);
	fakedev_rx(eth0, frame, n);
	pkb = take(ip);
	assert_non_null(pkb);
	assert_int_equal(pkb->len, 40);
	assert_int_equal(packet_recv_name(pkb, &sll), 20);
	assert_int_equal(sll.sll_pkttype, PACKET_HOST);
	drop(pkb);
	assert_empty(raw);
	assert_empty(dg);
	LV(packet_close(raw));
	LV(packet_close(dg));
	LV(packet_close(ip));
}

/* Who a frame was for, as the device layer tells (sll_pkttype). */
static void pkttype_of_arrivals(void **state)
{
	static const struct { const u8 *dst; u8 type; } cases[] = {
		{ our_mac, PACKET_HOST }, { bcast_mac, PACKET_BROADCAST },
		{ mcast_mac, PACKET_MULTICAST }, { other_mac, PACKET_OTHERHOST },
	};
	struct sock *all = psock(SOCK_RAW, ETH_P_ALL, eth0->ifindex);
	struct sock *exp = psock(SOCK_DGRAM, ETH_P_EXP, eth0->ifindex);
	struct sockaddr_ll sll;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		u32 n = build_frame(cases[i].dst, peer_mac, ETH_P_EXP, NULL, 46);
		struct pkbuf *pkb;

		fakedev_rx(eth0, frame, n);
		pkb = take(all);
		assert_non_null(pkb);
		packet_recv_name(pkb, &sll);
		assert_int_equal(sll.sll_pkttype, cases[i].type);
		assert_int_equal(sll.sll_protocol, H16(ETH_P_EXP));
		drop(pkb);
		/* Even other hosts' frames reach a protocol's socket. */
		pkb = take(exp);
		assert_non_null(pkb);
		assert_int_equal(pkb->len, 46);
		drop(pkb);
	}
	LV(packet_close(all));
	LV(packet_close(exp));
}

/* Length fields instead of an EtherType: 802.3 raw or 802.2 LLC. */
static void ieee_802_3_frames(void **state)
{
	struct sock *all = psock(SOCK_RAW, ETH_P_ALL, 0);
	struct sock *llc = psock(SOCK_DGRAM, ETH_P_802_2, 0);
	struct sockaddr_ll sll;
	struct pkbuf *pkb;
	u8 body[46] = { 0xaa, 0xaa, 0x03 };
	u32 n;

	(void)state;
	n = build_frame(our_mac, peer_mac, sizeof(body), body, sizeof(body));
	fakedev_rx(eth0, frame, n);
	pkb = take(all);
	assert_non_null(pkb);
	packet_recv_name(pkb, &sll);
	assert_int_equal(sll.sll_protocol, H16(ETH_P_802_2));
	drop(pkb);
	pkb = take(llc);
	assert_non_null(pkb);
	assert_int_equal(pkb->len, sizeof(body));
	drop(pkb);
	body[0] = body[1] = 0xff;	/* Novell's raw 802.3 */
	n = build_frame(our_mac, peer_mac, sizeof(body), body, sizeof(body));
	fakedev_rx(eth0, frame, n);
	pkb = take(all);
	assert_non_null(pkb);
	packet_recv_name(pkb, &sll);
	assert_int_equal(sll.sll_protocol, H16(ETH_P_802_3));
	drop(pkb);
	assert_empty(llc);
	LV(packet_close(all));
	LV(packet_close(llc));
}

/*
 * ETH_P_ALL sockets see frames leaving as PACKET_OUTGOING, except the
 * ones they sent themselves; protocol sockets never see frames leaving.
 */
static void taps_see_outgoing_but_not_their_own(void **state)
{
	struct sock *a = psock(SOCK_RAW, ETH_P_ALL, eth0->ifindex);
	struct sock *b = psock(SOCK_RAW, ETH_P_ALL, 0);
	struct sock *arp = psock(SOCK_RAW, ETH_P_ARP, eth0->ifindex);
	struct sockaddr_ll sll;
	struct pkbuf *pkb;
	u8 req[28] = { 0, 1, 8, 0, 6, 4, 0, 1 };
	u32 n = build_frame(peer_mac, our_mac, ETH_P_EXP, NULL, 50);

	(void)state;
	assert_int_equal(send_frame(a, n, NULL, 0), (int)n);
	pkb = fakedev_pop(eth0);
	assert_non_null(pkb);
	assert_int_equal(pkb->len, n);
	assert_memory_equal(pkb->data, frame, n);
	pkb_free(pkb);
	pkb = take(b);
	assert_non_null(pkb);
	assert_memory_equal(pkb->data, frame, n);
	packet_recv_name(pkb, &sll);
	assert_int_equal(sll.sll_pkttype, PACKET_OUTGOING);
	assert_int_equal(sll.sll_protocol, H16(ETH_P_EXP));	/* from the frame */
	assert_memory_equal(sll.sll_addr, our_mac, 6);		/* the sender's */
	drop(pkb);
	assert_empty(a);
	assert_empty(arp);
	/* b's own frame is a's to see. */
	assert_int_equal(send_frame(b, n, &(struct sockaddr_ll){ .sll_family = AF_PACKET,
			 .sll_ifindex = eth0->ifindex }, sizeof(struct sockaddr_ll)), (int)n);
	fakedev_purge(eth0);
	pkb = take(a);
	assert_non_null(pkb);
	drop(pkb);
	assert_empty(b);
	/* The stack's ARP reply: both taps see request and reply, in order. */
	memcpy(req + 8, peer_mac, 6);
	memcpy(req + 14, &(be32){ PEER_IP }, 4);
	memcpy(req + 24, &(be32){ OUR_IP }, 4);
	n = build_frame(bcast_mac, peer_mac, ETH_P_ARP, req, sizeof(req));
	fakedev_rx(eth0, frame, n);
	assert_int_equal(fakedev_pending(eth0), 1);
	fakedev_purge(eth0);
	for (int i = 0; i < 2; i++) {
		struct sock *tap = i ? b : a;

		pkb = take(tap);
		assert_non_null(pkb);
		packet_recv_name(pkb, &sll);
		assert_int_equal(sll.sll_pkttype, PACKET_BROADCAST);
		drop(pkb);
		pkb = take(tap);
		assert_non_null(pkb);
		packet_recv_name(pkb, &sll);
		assert_int_equal(sll.sll_pkttype, PACKET_OUTGOING);
		assert_int_equal(sll.sll_protocol, H16(ETH_P_ARP));
		assert_int_equal(pkb->data[21], 2);	/* an ARP reply */
		drop(pkb);
		assert_empty(tap);
	}
	/* The protocol socket: the request only. */
	pkb = take(arp);
	assert_non_null(pkb);
	assert_int_equal(pkb->data[21], 1);
	drop(pkb);
	assert_empty(arp);
	/* PACKET_IGNORE_OUTGOING. */
	LV(pkt_sk(b)->ignore_outgoing = true);
	n = build_frame(peer_mac, our_mac, ETH_P_EXP, NULL, 50);
	assert_int_equal(send_frame(arp, n, NULL, 0), (int)n);
	fakedev_purge(eth0);
	assert_empty(b);
	pkb = take(a);
	assert_non_null(pkb);
	packet_recv_name(pkb, &sll);
	/* Sent by an ARP socket: the socket's protocol, whatever the frame says. */
	assert_int_equal(sll.sll_protocol, H16(ETH_P_ARP));
	drop(pkb);
	LV(packet_close(a));
	LV(packet_close(b));
	LV(packet_close(arp));
}

static void attach(struct sock *sk, const struct sock_filter *insns, u32 n)
{
	struct sk_filter *f;

	assert_int_equal(sk_filter_create(insns, n, &f), 0);
	LV(sk_filter_put(sk->filter); sk->filter = f);
}

static void filters_decide_and_snap(void **state)
{
	static const struct sock_filter snap20[] = { BPF_STMT(BPF_RET | BPF_K, 20) };
	static const struct sock_filter none[] = { BPF_STMT(BPF_RET | BPF_K, 0) };
	/* Outgoing frames only, by the ancillary packet type. */
	static const struct sock_filter out_only[] = {
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS, SKF_AD_OFF + SKF_AD_PKTTYPE),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PACKET_OUTGOING, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, 0xffff),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	/* On SOCK_DGRAM: the EtherType through the link header, the first
	 * payload byte at offset 0, the protocol and ifindex as metadata. */
	static const struct sock_filter dgram_view[] = {
		BPF_STMT(BPF_LD | BPF_H | BPF_ABS, (u32)(SKF_LL_OFF + 12)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_EXP, 0, 7),
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x01, 0, 5),
		BPF_STMT(BPF_LD | BPF_H | BPF_ABS, SKF_AD_OFF + SKF_AD_PROTOCOL),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_EXP, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, SKF_AD_OFF + SKF_AD_IFINDEX),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 2, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, 3),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	struct sock *snap = psock(SOCK_RAW, ETH_P_ALL, eth0->ifindex);
	struct sock *shut = psock(SOCK_RAW, ETH_P_ALL, eth0->ifindex);
	struct sock *out = psock(SOCK_RAW, ETH_P_ALL, eth0->ifindex);
	struct sock *dg = psock(SOCK_DGRAM, ETH_P_EXP, eth0->ifindex);
	struct sock *tx = psock(SOCK_RAW, ETH_P_EXP, eth0->ifindex);
	struct tpacket_auxdata aux;
	struct pkbuf *pkb;
	u64 filtered = packet_counters.rx_filtered;
	u32 n;

	(void)state;
	assert_int_equal(eth0->ifindex, 2);
	attach(snap, snap20, 1);
	attach(shut, none, 1);
	attach(out, out_only, 4);
	attach(dg, dgram_view, 10);
	n = build_frame(our_mac, peer_mac, ETH_P_EXP, NULL, 60);
	fakedev_rx(eth0, frame, n);
	pkb = take(snap);
	assert_non_null(pkb);
	assert_int_equal(pkb->len, 20);
	assert_memory_equal(pkb->data, frame, 20);
	packet_auxdata(pkb, &aux);
	assert_int_equal(aux.tp_len, n);
	assert_int_equal(aux.tp_snaplen, 20);
	drop(pkb);
	assert_empty(shut);
	assert_empty(out);
	pkb = take(dg);
	assert_non_null(pkb);
	assert_int_equal(pkb->len, 3);
	assert_memory_equal(pkb->data, frame + ETH_HLEN, 3);
	drop(pkb);
	assert_int_equal(packet_counters.rx_filtered - filtered, 2);
	/* Leaving: only `out` and `snap` want it. */
	assert_int_equal(send_frame(tx, n, NULL, 0), (int)n);
	fakedev_purge(eth0);
	pkb = take(out);
	assert_non_null(pkb);
	assert_int_equal(pkb->len, n);
	drop(pkb);
	pkb = take(snap);
	assert_non_null(pkb);
	drop(pkb);
	assert_empty(shut);
	assert_empty(dg);
	/* The first payload byte changes: the DGRAM filter refuses. */
	frame[ETH_HLEN] = 0x02;
	fakedev_rx(eth0, frame, n);
	assert_empty(dg);
	LV(packet_close(snap));
	LV(packet_close(shut));
	LV(packet_close(out));
	LV(packet_close(dg));
	LV(packet_close(tx));
}

/* sk.rcvbuf bounds the queue; drops count in PACKET_STATISTICS. */
static void receive_buffer_limit_and_statistics(void **state)
{
	struct sock *sk = psock(SOCK_DGRAM, ETH_P_EXP, eth0->ifindex);
	struct tpacket_stats_v3 st;
	struct pkbuf *pkb;
	u32 n = build_frame(our_mac, peer_mac, ETH_P_EXP, NULL, 100);

	(void)state;
	LV(sk->rcvbuf = 1);
	for (int i = 0; i < 3; i++)
		fakedev_rx(eth0, frame, n);
	assert_int_equal(sk->receive_queue.count, 1);	/* 0 < 1 let one in */
	assert_true(pkt_sk(sk)->rmem > 0);
	assert_int_equal(pkt_sk(sk)->drops, 2);
	assert_int_equal(L(packet_stats_take(sk, &st)), sizeof(struct tpacket_stats));
	assert_int_equal(st.tp_packets, 3);
	assert_int_equal(st.tp_drops, 2);
	LV(packet_stats_take(sk, &st));
	assert_int_equal(st.tp_packets, 0);
	assert_int_equal(st.tp_drops, 0);
	/* Peeking keeps the frame and its charge. */
	pkb = NULL;
	assert_int_equal(L(packet_recv_take(sk, true, &pkb)), 0);
	assert_int_equal(sk->receive_queue.count, 1);
	assert_int_equal(L(packet_next_len(sk)), 100);
	assert_true(L(packet_poll(sk)) & EPOLLIN);
	drop(pkb);
	pkb = take(sk);
	assert_non_null(pkb);
	assert_int_equal(pkt_sk(sk)->rmem, 0);
	drop(pkb);
	assert_false(L(packet_poll(sk)) & EPOLLIN);
	assert_int_equal(L(packet_next_len(sk)), 0);
	LV(sk->rcvbuf = 212992);
	fakedev_rx(eth0, frame, n);
	fakedev_rx(eth0, frame, n);
	assert_int_equal(sk->receive_queue.count, 2);
	LV(packet_close(sk));	/* frees what is queued */
}

static void raw_send_errors(void **state)
{
	struct sock *unbound = psock(SOCK_RAW, ETH_P_EXP, -1);
	struct sock *sk = psock(SOCK_RAW, ETH_P_EXP, eth0->ifindex);
	struct sockaddr_ll to = ll(eth0->ifindex, ETH_P_EXP, NULL);
	struct pkbuf *pkb;
	u32 n = build_frame(peer_mac, our_mac, ETH_P_EXP, NULL, 1500);

	(void)state;
	assert_int_equal(send_frame(unbound, 60, NULL, 0), -ENXIO);
	to.sll_ifindex = 99;
	assert_int_equal(send_frame(unbound, 60, &to, sizeof(to)), -ENXIO);
	to.sll_ifindex = eth0->ifindex;
	assert_int_equal(send_frame(unbound, 60, &to, 8), -EINVAL);
	to.sll_halen = 9;	/* longer than sll_addr: needs a longer name */
	assert_int_equal(send_frame(unbound, 60, &to, sizeof(to)), -EINVAL);
	to.sll_halen = 0;
	assert_int_equal(send_frame(unbound, 60, &to, sizeof(to)), 60);
	fakedev_purge(eth0);
	assert_int_equal(send_frame(sk, 13, NULL, 0), -EINVAL);
	assert_int_equal(send_frame(sk, 0, NULL, 0), -EINVAL);
	assert_int_equal(send_frame(sk, n + 1, NULL, 0), -EMSGSIZE);
	assert_int_equal(send_frame(sk, n, NULL, 0), (int)n);
	pkb = fakedev_pop(eth0);
	assert_non_null(pkb);
	assert_int_equal(pkb->len, 1514);
	pkb_free(pkb);
	/* A VLAN-tagged frame may carry 4 more bytes. */
	frame[12] = 0x81;
	frame[13] = 0x00;
	assert_int_equal(send_frame(sk, n + 4, NULL, 0), (int)n + 4);
	assert_int_equal(send_frame(sk, n + 5, NULL, 0), -EMSGSIZE);
	fakedev_purge(eth0);
	LV(dev_close(eth0));
	assert_int_equal(send_frame(sk, 60, NULL, 0), -ENETDOWN);
	LV(dev_open(eth0));
	LV(packet_close(unbound));
	LV(packet_close(sk));
}

static void dgram_send_builds_the_header(void **state)
{
	struct sock *sk = psock(SOCK_DGRAM, ETH_P_IP, eth0->ifindex);
	struct sockaddr_ll to = ll(eth0->ifindex, ETH_P_EXP, bcast_mac);
	struct pkbuf *pkb;
	u8 payload[64];

	(void)state;
	for (u32 i = 0; i < sizeof(payload); i++)
		payload[i] = (u8)i;
	memcpy(frame, payload, sizeof(payload));
	assert_int_equal(send_frame(sk, sizeof(payload), &to, sizeof(to)), (int)sizeof(payload));
	pkb = fakedev_pop(eth0);
	assert_non_null(pkb);
	assert_int_equal(pkb->len, ETH_HLEN + sizeof(payload));
	assert_memory_equal(pkb->data, bcast_mac, 6);
	assert_memory_equal(pkb->data + 6, our_mac, 6);
	assert_int_equal(pkb->data[12] << 8 | pkb->data[13], ETH_P_EXP);
	assert_memory_equal(pkb->data + ETH_HLEN, payload, sizeof(payload));
	pkb_free(pkb);
	/* A name shorter than the device's address: EINVAL. */
	assert_int_equal(send_frame(sk, 10, &to, 12 + 5), -EINVAL);
	/* Without a destination, an Ethernet device has no header to build. */
	assert_int_equal(send_frame(sk, 10, NULL, 0), -EINVAL);
	/* 802.2 frames carry their length in the type field. */
	to = ll(eth0->ifindex, ETH_P_802_2, peer_mac);
	assert_int_equal(send_frame(sk, 50, &to, sizeof(to)), 50);
	pkb = fakedev_pop(eth0);
	assert_non_null(pkb);
	assert_int_equal(pkb->data[12] << 8 | pkb->data[13], 50);
	assert_memory_equal(pkb->data, peer_mac, 6);
	pkb_free(pkb);
	/* A payload the size of the MTU, not one more. */
	to = ll(eth0->ifindex, ETH_P_EXP, peer_mac);
	memset(frame, 0, 1501);
	assert_int_equal(send_frame(sk, 1500, &to, sizeof(to)), 1500);
	assert_int_equal(send_frame(sk, 1501, &to, sizeof(to)), -EMSGSIZE);
	fakedev_purge(eth0);
	/* No headroom: the engine makes room. */
	pkb = pkb_from(0, payload, 8);
	assert_non_null(pkb);
	assert_int_equal(L(packet_send(sk, pkb, &to, sizeof(to))), 8);
	pkb = fakedev_pop(eth0);
	assert_non_null(pkb);
	assert_int_equal(pkb->len, ETH_HLEN + 8);
	pkb_free(pkb);
	assert_int_equal(packet_counters.tx_frames >= 3, 1);
	LV(packet_close(sk));
}

/*
 * lo: the ETH_P_IP socket gets the datagram once, arriving; the tap
 * twice, leaving then arriving, with zero Ethernet addresses.  A DGRAM
 * send on lo needs no destination.
 */
static void loopback_frames(void **state)
{
	struct sock *dg = psock(SOCK_DGRAM, ETH_P_IP, loopback_dev->ifindex);
	struct sock *all = psock(SOCK_RAW, ETH_P_ALL, loopback_dev->ifindex);
	struct sock *udp = L(udp_sock_create());
	struct sock *sink = L(udp_sock_create());
	struct tpacket_auxdata aux;
	struct sockaddr_ll sll;
	struct pkbuf *pkb;
	static const u8 zero[6];

	(void)state;
	assert_int_equal(L(udp_bind(sink, LOOP_IP, H16(5353))), 0);
	assert_int_equal(L(udp_sendto(udp, "lo!", 3, LOOP_IP, H16(5353))), 3);
	net_settle();
	pkb = take(dg);
	assert_non_null(pkb);
	assert_int_equal(pkb->len, 31);
	assert_int_equal(pkb->data[0], 0x45);
	assert_int_equal(packet_recv_name(pkb, &sll), 20);
	assert_int_equal(sll.sll_hatype, ARPHRD_LOOPBACK);
	assert_int_equal(sll.sll_pkttype, PACKET_HOST);
	assert_int_equal(sll.sll_halen, 6);
	assert_memory_equal(sll.sll_addr, zero, 6);
	packet_auxdata(pkb, &aux);
	assert_int_equal(aux.tp_status, TP_STATUS_USER);	/* as Linux's lo shows it */
	drop(pkb);
	assert_empty(dg);
	for (int i = 0; i < 2; i++) {
		pkb = take(all);
		assert_non_null(pkb);
		assert_int_equal(pkb->len, 14 + 31);
		assert_memory_equal(pkb->data, zero, 6);
		assert_memory_equal(pkb->data + 6, zero, 6);
		packet_recv_name(pkb, &sll);
		assert_int_equal(sll.sll_pkttype, i ? PACKET_HOST : PACKET_OUTGOING);
		packet_auxdata(pkb, &aux);
		assert_int_equal(aux.tp_status, TP_STATUS_USER);
		drop(pkb);
	}
	assert_empty(all);
	/* A DGRAM send on lo without an address: zero destination, and the
	 * sender hears it arrive (only leaving frames skip the sender). */
	memcpy(frame, "\x45hello", 6);
	assert_int_equal(send_frame(dg, 6, NULL, 0), 6);
	net_settle();
	pkb = take(dg);
	assert_non_null(pkb);
	assert_memory_equal(pkb->data, "\x45hello", 6);
	drop(pkb);
	for (int i = 0; i < 2; i++) {
		pkb = take(all);
		assert_non_null(pkb);
		assert_memory_equal(pkb->data, zero, 6);
		assert_int_equal(pkb->data[12] << 8 | pkb->data[13], ETH_P_IP);
		drop(pkb);
	}
	LV(udp_close(udp));
	LV(udp_close(sink));
	LV(packet_close(dg));
	LV(packet_close(all));
}

/* A device checked the checksum: TP_STATUS_CSUM_VALID. */
static void auxdata_reports_checked_checksums(void **state)
{
	struct sock *sk = psock(SOCK_RAW, ETH_P_EXP, eth0->ifindex);
	struct tpacket_auxdata aux;
	struct pkbuf *pkb;
	u32 n = build_frame(our_mac, peer_mac, ETH_P_EXP, NULL, 46);

	(void)state;
	pkb = pkb_from(32, frame, n);
	assert_non_null(pkb);
	pkb->dev = eth0;
	pkb->csum_ok = 1;
	LV(netif_receive(pkb));
	pkb = take(sk);
	assert_non_null(pkb);
	packet_auxdata(pkb, &aux);
	assert_int_equal(aux.tp_status, TP_STATUS_USER | TP_STATUS_CSUM_VALID);
	assert_int_equal(aux.tp_vlan_tci | aux.tp_vlan_tpid, 0);
	drop(pkb);
	LV(packet_close(sk));
}

static int stub_poll(struct netdev *dev, int budget)
{
	(void)dev;
	(void)budget;
	return 0;
}

/* tp_status of the frame `len` bytes at `frame` arriving on eth0. */
static u32 status_of(struct sock *sk, u32 len)
{
	struct tpacket_auxdata aux;
	struct pkbuf *pkb;

	fakedev_rx(eth0, frame, len);
	fakedev_purge(eth0);
	pkb = take(sk);
	assert_non_null(pkb);
	assert_int_equal(pkb->len, len);
	packet_auxdata(pkb, &aux);
	drop(pkb);
	/* What the stack sent in answer (an ICMP error, a RST) follows. */
	while ((pkb = take(sk))) {
		assert_int_equal(pkb->pkt_type, PACKET_OUTGOING);
		drop(pkb);
	}
	return aux.tp_status;
}

/*
 * From a NAPI device, IPv4 TCP and UDP frames whose checksums check out
 * read TP_STATUS_CSUM_VALID, as Linux's GRO marks them; other frames,
 * and frames GRO would not look at, do not.
 */
static void gro_checksum_rule(void **state)
{
	const u32 valid = TP_STATUS_USER | TP_STATUS_CSUM_VALID;
	struct sock *sk = psock(SOCK_RAW, ETH_P_ALL, eth0->ifindex);
	u8 l4[64], ip[128];
	u32 n, u;

	(void)state;
	u = build_udp(l4, PEER_IP, OUR_IP, 67, 68, "offer", 5, true);
	n = build_ip(ip, PEER_IP, OUR_IP, IPPROTO_UDP, 1, 0, 64, l4, u);
	build_frame(our_mac, peer_mac, ETH_P_IP, ip, n);
	/* Not a NAPI device: nothing is checked. */
	assert_int_equal(status_of(sk, ETH_HLEN + n), TP_STATUS_USER);
	eth0->poll = stub_poll;
	assert_int_equal(status_of(sk, ETH_HLEN + n), valid);
	/* Padding after the datagram: GRO would flush, not check. */
	memset(frame + ETH_HLEN + n, 0, 4);
	assert_int_equal(status_of(sk, ETH_HLEN + n + 4), TP_STATUS_USER);
	/* A wrong UDP checksum. */
	frame[ETH_HLEN + 20 + 8] ^= 1;
	assert_int_equal(status_of(sk, ETH_HLEN + n), TP_STATUS_USER);
	/* No UDP checksum at all counts as checked. */
	u = build_udp(l4, PEER_IP, OUR_IP, 67, 68, "offer", 5, false);
	n = build_ip(ip, PEER_IP, OUR_IP, IPPROTO_UDP, 1, 0, 64, l4, u);
	build_frame(our_mac, peer_mac, ETH_P_IP, ip, n);
	assert_int_equal(status_of(sk, ETH_HLEN + n), valid);
	/* A fragment, and a header with options, are not looked at. */
	n = build_ip(ip, PEER_IP, OUR_IP, IPPROTO_UDP, 1, IP_MF, 64, l4, u);
	build_frame(our_mac, peer_mac, ETH_P_IP, ip, n);
	assert_int_equal(status_of(sk, ETH_HLEN + n), TP_STATUS_USER);
	/* A wrong IPv4 header checksum. */
	n = build_ip(ip, PEER_IP, OUR_IP, IPPROTO_UDP, 1, 0, 64, l4, u);
	ip[10] ^= 0x40;
	build_frame(our_mac, peer_mac, ETH_P_IP, ip, n);
	assert_int_equal(status_of(sk, ETH_HLEN + n), TP_STATUS_USER);
	/* TCP: a right and a wrong checksum. */
	memset(l4, 0, 20);
	l4[1] = 80;
	l4[3] = 99;
	l4[12] = 0x50;
	l4[13] = 0x10;	/* ACK */
	u16 sum = csum_fold(csum_partial(l4, 20, csum_pseudo(PEER_IP, OUR_IP, IPPROTO_TCP, 20)));
	memcpy(l4 + 16, &sum, 2);
	n = build_ip(ip, PEER_IP, OUR_IP, IPPROTO_TCP, 2, 0, 64, l4, 20);
	build_frame(our_mac, peer_mac, ETH_P_IP, ip, n);
	assert_int_equal(status_of(sk, ETH_HLEN + n), valid);
	frame[ETH_HLEN + 20 + 4] ^= 1;
	assert_int_equal(status_of(sk, ETH_HLEN + n), TP_STATUS_USER);
	/* ICMP and ARP: GRO has nothing to check. */
	u = build_icmp(l4, ICMP_ECHOREPLY, 0, 0, "pong", 4);
	n = build_ip(ip, PEER_IP, OUR_IP, IPPROTO_ICMP, 3, 0, 64, l4, u);
	build_frame(our_mac, peer_mac, ETH_P_IP, ip, n);
	assert_int_equal(status_of(sk, ETH_HLEN + n), TP_STATUS_USER);
	n = build_frame(bcast_mac, peer_mac, ETH_P_ARP, NULL, 28);
	assert_int_equal(status_of(sk, n), TP_STATUS_USER);
	eth0->poll = NULL;
	LV(packet_close(sk));
}

/* Devices going down, up and away (Linux's packet_notifier). */
static void device_events(void **state)
{
	struct sock *sk = psock(SOCK_RAW, ETH_P_EXP, eth0->ifindex);
	struct sock *any = psock(SOCK_RAW, ETH_P_EXP, 0);
	struct sockaddr_ll sll;
	struct netdev *eth1;
	u8 mac1[6] = { 0x02, 0, 0, 0, 1, 1 };

	(void)state;
	fakedev_rx(eth0, frame, build_frame(our_mac, peer_mac, ETH_P_EXP, NULL, 46));
	LV(dev_close(eth0));
	assert_false(pkt_sk(sk)->running);
	assert_int_equal(sk->err, ENETDOWN);
	assert_true(L(packet_poll(sk)) & EPOLLERR);
	/* Linux's order: the pending error first (taken), then the frame. */
	struct pkbuf *pkb = NULL;
	assert_int_equal(L(packet_recv_take(sk, false, &pkb)), -ENETDOWN);
	assert_int_equal(sk->err, 0);
	pkb = take(sk);
	assert_non_null(pkb);
	drop(pkb);
	pkb = take(any);
	assert_non_null(pkb);
	drop(pkb);
	assert_true(pkt_sk(any)->running);	/* bound to no device */
	assert_int_equal(any->err, 0);
	LV(dev_open(eth0));
	assert_true(pkt_sk(sk)->running);
	/* Binding to a device that is down: ENETDOWN pending, hooked at up. */
	eth1 = L(fakedev_create("eth1", mac1));
	assert_non_null(eth1);
	sk->err = 0;
	assert_int_equal(L(packet_bind(sk, eth1->ifindex, 0)), 0);
	assert_false(pkt_sk(sk)->running);
	assert_int_equal(sk->err, ENETDOWN);
	LV(dev_open(eth1));
	assert_true(pkt_sk(sk)->running);
	/* The device goes away: ifindex -1, no address, not hooked. */
	LV(unregister_netdev(eth1));
	assert_false(pkt_sk(sk)->running);
	assert_int_equal(L(packet_getname(sk, &sll)), 12);
	assert_int_equal(sll.sll_ifindex, -1);
	/* Linux's quirk: binding to "every device" again changes nothing. */
	assert_int_equal(L(packet_bind(sk, 0, 0)), 0);
	assert_false(pkt_sk(sk)->running);
	assert_int_equal(L(packet_bind(sk, eth0->ifindex, 0)), 0);
	assert_true(pkt_sk(sk)->running);
	LV(packet_close(sk));
	LV(packet_close(any));
}

static void memberships(void **state)
{
	struct sock *sk = psock(SOCK_RAW, ETH_P_ALL, eth0->ifindex);
	struct sock *other = psock(SOCK_RAW, ETH_P_ALL, eth0->ifindex);
	struct packet_mreq_max mr;

	(void)state;
	memset(&mr, 0, sizeof(mr));
	mr.mr_ifindex = eth0->ifindex;
	mr.mr_type = PACKET_MR_PROMISC;
	assert_int_equal(L(packet_mc_add(sk, &mr)), 0);
	assert_int_equal(eth0->promiscuity, 1);
	assert_false(eth0->flags & IFF_PROMISC);	/* a count, not the flag */
	assert_int_equal(L(packet_mc_add(sk, &mr)), 0);	/* counted in the socket */
	assert_int_equal(eth0->promiscuity, 1);
	assert_int_equal(L(packet_mc_add(other, &mr)), 0);
	assert_int_equal(eth0->promiscuity, 2);
	assert_int_equal(L(packet_mc_drop(sk, &mr)), 0);
	assert_int_equal(eth0->promiscuity, 2);
	assert_int_equal(L(packet_mc_drop(sk, &mr)), 0);
	assert_int_equal(eth0->promiscuity, 1);
	assert_int_equal(L(packet_mc_drop(sk, &mr)), 0);	/* not held: still 0 */
	assert_int_equal(eth0->promiscuity, 1);
	mr.mr_type = PACKET_MR_ALLMULTI;
	assert_int_equal(L(packet_mc_add(sk, &mr)), 0);
	assert_int_equal(eth0->allmulti, 1);
	mr.mr_type = PACKET_MR_MULTICAST;
	mr.mr_alen = 6;
	memcpy(mr.mr_address, mcast_mac, 6);
	assert_int_equal(L(packet_mc_add(sk, &mr)), 0);
	mr.mr_alen = 4;
	assert_int_equal(L(packet_mc_add(sk, &mr)), -EINVAL);	/* not an Ethernet address */
	mr.mr_alen = 7;
	assert_int_equal(L(packet_mc_add(sk, &mr)), -EINVAL);	/* longer than the device's */
	mr.mr_type = 99;
	mr.mr_alen = 0;
	assert_int_equal(L(packet_mc_add(sk, &mr)), 0);		/* kept, no effect */
	mr.mr_ifindex = 99;
	assert_int_equal(L(packet_mc_add(sk, &mr)), -ENODEV);
	/* Closing leaves what the socket held. */
	LV(packet_close(sk));
	assert_int_equal(eth0->allmulti, 0);
	assert_int_equal(eth0->promiscuity, 1);
	LV(packet_close(other));
	assert_int_equal(eth0->promiscuity, 0);
}

/* ---- mmap rings ---- */

#include <stdlib.h>
#include "platform_host.h"

/* Pages for a ring, as the kernel side gives them (zeroed). */
static u8 **ring_pages(u32 n)
{
	u8 **pages = calloc(n, sizeof(*pages));

	assert_non_null(pages);
	for (u32 i = 0; i < n; i++) {
		pages[i] = aligned_alloc(PACKET_RING_PAGE, PACKET_RING_PAGE);
		assert_non_null(pages[i]);
		memset(pages[i], 0, PACKET_RING_PAGE);
	}
	return pages;
}

static void ring_pages_free(struct packet_ring *r)
{
	for (u32 i = 0; r->pages && i < r->pg_nr; i++)
		free(r->pages[i]);
	free(r->pages);
}

static int set_ring(struct sock *sk, bool tx, const struct packet_ring_req *req)
{
	struct packet_ring old;
	u32 n;
	int err = L(packet_ring_check(sk, tx, req, &n));

	if (err)
		return err;
	LV(packet_ring_install(sk, tx, req, n ? ring_pages(n) : NULL, n, &old));
	ring_pages_free(&old);
	return 0;
}

static void ring_close(struct sock *sk)
{
	struct packet_ring_req none = { 0 };

	assert_int_equal(set_ring(sk, false, &none), 0);
	assert_int_equal(set_ring(sk, true, &none), 0);
	LV(packet_close(sk));
}

/* Byte at offset off of sk's mapping (receive ring first). */
static u8 *ring_at(struct sock *sk, u32 off)
{
	return packet_ring_page(sk, off / PACKET_RING_PAGE) + off % PACKET_RING_PAGE;
}

/* packet_set_ring's checks in Linux's order, and the options a ring freezes. */
static void ring_request_checks(void **state)
{
	struct sock *sk = psock(SOCK_RAW, ETH_P_ALL, -1);
	struct packet_ring_req req = { 4096, 2, 2048, 4, 0, 0, 0 };
	u32 n;

	(void)state;
	assert_int_equal(L(packet_set_version(sk, 3)), -EINVAL);
	assert_int_equal(L(packet_set_version(sk, -1)), -EINVAL);
	assert_int_equal(L(packet_set_reserve(sk, 0x80000000u)), -EINVAL);
	assert_int_equal(L(packet_hdrlen_of(TPACKET_V1)), 32);
	assert_int_equal(L(packet_hdrlen_of(TPACKET_V2)), 32);
	assert_int_equal(L(packet_hdrlen_of(TPACKET_V3)), 48);
	assert_int_equal(L(packet_hdrlen_of(7)), -EINVAL);
	/* Geometry. */
	req.block_size = 0;
	assert_int_equal(L(packet_ring_check(sk, false, &req, &n)), -EINVAL);
	req.block_size = 0x80000000u;	/* negative as an int */
	assert_int_equal(L(packet_ring_check(sk, false, &req, &n)), -EINVAL);
	req.block_size = 4096 + 16;
	assert_int_equal(L(packet_ring_check(sk, false, &req, &n)), -EINVAL);
	req.block_size = 4096;
	req.frame_size = 48;	/* below TPACKET_HDRLEN (52) */
	assert_int_equal(L(packet_ring_check(sk, false, &req, &n)), -EINVAL);
	req.frame_size = 2056;	/* not 16-aligned */
	assert_int_equal(L(packet_ring_check(sk, false, &req, &n)), -EINVAL);
	req.frame_size = 2048;
	req.frame_nr = 3;	/* 2 per block x 2 blocks */
	assert_int_equal(L(packet_ring_check(sk, false, &req, &n)), -EINVAL);
	req.frame_nr = 4;
	req.block_nr = 0;	/* removing needs frame_nr 0 too */
	assert_int_equal(L(packet_ring_check(sk, false, &req, &n)), -EINVAL);
	req.block_nr = 2;
	/* The reserve counts toward the minimum frame. */
	assert_int_equal(L(packet_set_reserve(sk, 2048)), 0);
	assert_int_equal(L(packet_ring_check(sk, false, &req, &n)), -EINVAL);
	assert_int_equal(L(packet_set_reserve(sk, 0)), 0);
	assert_int_equal(set_ring(sk, false, &req), 0);
	assert_int_equal(L(packet_ring_pages(sk)), 2);
	/* A ring freezes the version, the reserve and itself. */
	assert_int_equal(L(packet_set_version(sk, TPACKET_V2)), -EBUSY);
	assert_int_equal(L(packet_set_reserve(sk, 1)), -EBUSY);
	assert_int_equal(L(packet_set_loss(sk, 1)), -EBUSY);
	assert_int_equal(L(packet_set_vnet_hdr(sk, 1)), -EBUSY);
	assert_int_equal(L(packet_ring_check(sk, false, &req, &n)), -EBUSY);
	assert_int_equal(set_ring(sk, true, &req), 0);
	assert_int_equal(L(packet_ring_pages(sk)), 4);
	assert_ptr_equal(L(packet_ring_page(sk, 2)), pkt_sk(sk)->tx_ring.pages[0]);
	assert_null(L(packet_ring_page(sk, 4)));
	ring_close(sk);

	/* TPACKET_V3: a private area that does not fit (CVE-2017-7308). */
	sk = psock(SOCK_RAW, ETH_P_ALL, -1);
	assert_int_equal(L(packet_set_version(sk, TPACKET_V3)), 0);
	req = (struct packet_ring_req){ 4096, 2, 4096, 2, 100, 3u << 30, 0 };
	assert_int_equal(L(packet_ring_check(sk, false, &req, &n)), -EINVAL);
	req.sizeof_priv = 0xfffffff8u;	/* wraps to a small value in 32 bits */
	assert_int_equal(L(packet_ring_check(sk, false, &req, &n)), -EINVAL);
	req.sizeof_priv = 512;
	assert_int_equal(L(packet_ring_check(sk, true, &req, &n)), -EINVAL);	/* no block tx */
	assert_int_equal(set_ring(sk, false, &req), 0);
	ring_close(sk);
	/* SOCK_DGRAM has no virtio header. */
	sk = psock(SOCK_DGRAM, ETH_P_ALL, -1);
	assert_int_equal(L(packet_set_vnet_hdr(sk, 1)), -EINVAL);
	LV(packet_close(sk));
}

/* V2: frames go to the ring in order; a full ring drops and says LOSING. */
static void ring_v2_receive(void **state)
{
	struct sock *sk = psock(SOCK_RAW, ETH_P_EXP, eth0->ifindex);
	struct packet_ring_req req = { 4096, 1, 2048, 2, 0, 0, 0 };
	struct tpacket2_hdr h;
	struct sockaddr_ll sll;
	struct tpacket_stats_v3 st;
	u32 n = build_frame(our_mac, peer_mac, ETH_P_EXP, NULL, 100);

	(void)state;
	assert_int_equal(L(packet_set_version(sk, TPACKET_V2)), 0);
	assert_int_equal(L(packet_set_reserve(sk, 4)), 0);
	assert_int_equal(set_ring(sk, false, &req), 0);
	assert_false(L(packet_poll(sk)) & EPOLLIN);
	fakedev_rx(eth0, frame, n);
	assert_true(L(packet_poll(sk)) & EPOLLIN);
	assert_int_equal(sk->receive_queue.count, 0);	/* not queued */
	memcpy(&h, ring_at(sk, 0), sizeof(h));
	assert_int_equal(h.tp_status & TP_STATUS_USER, TP_STATUS_USER);
	assert_int_equal(h.tp_len, n);
	assert_int_equal(h.tp_snaplen, n);
	/* netoff = align(52 + 16) + reserve; the link header before it. */
	assert_int_equal(h.tp_net, 84);
	assert_int_equal(h.tp_mac, 84 - ETH_HLEN);
	assert_memory_equal(ring_at(sk, h.tp_mac), frame, n);
	memcpy(&sll, ring_at(sk, 32), sizeof(sll));
	assert_int_equal(sll.sll_family, AF_PACKET);
	assert_int_equal(sll.sll_ifindex, eth0->ifindex);
	assert_int_equal(sll.sll_protocol, H16(ETH_P_EXP));
	assert_memory_equal(sll.sll_addr, peer_mac, ETH_ALEN);
	fakedev_rx(eth0, frame, n);
	fakedev_rx(eth0, frame, n);	/* both frames the user's: dropped */
	memcpy(&h, ring_at(sk, 2048), sizeof(h));
	assert_int_equal(h.tp_status, TP_STATUS_USER);
	assert_int_equal(L(packet_stats_take(sk, &st)), sizeof(struct tpacket_stats));
	assert_int_equal(st.tp_packets, 3);
	assert_int_equal(st.tp_drops, 1);
	/* Give frame 0 back; a frame longer than the slot is cut. */
	*(u32 *)ring_at(sk, 0) = TP_STATUS_KERNEL;
	fakedev_rx(eth0, frame, build_frame(our_mac, peer_mac, ETH_P_EXP, NULL, 2000));
	memcpy(&h, ring_at(sk, 0), sizeof(h));
	assert_int_equal(h.tp_len, 2014);
	assert_int_equal(h.tp_snaplen, 2048 - 70);
	ring_close(sk);
}

/* V3: frames fill a block, handed over when full or when the timer fires. */
static void ring_v3_blocks(void **state)
{
	struct sock *sk = psock(SOCK_DGRAM, ETH_P_EXP, eth0->ifindex);
	struct packet_ring_req req = { 4096, 2, 2048, 4, 10, 16, 0 };
	struct tpacket_block_desc bd;
	struct tpacket3_hdr h;
	struct tpacket_stats_v3 st;
	u32 n = build_frame(our_mac, peer_mac, ETH_P_EXP, NULL, 1000), first;

	(void)state;
	assert_int_equal(L(packet_set_version(sk, TPACKET_V3)), 0);
	assert_int_equal(set_ring(sk, false, &req), 0);
	fakedev_rx(eth0, frame, n);
	memcpy(&bd, ring_at(sk, 0), sizeof(bd));
	assert_int_equal(bd.hdr.bh1.block_status, TP_STATUS_KERNEL);	/* still filling */
	assert_false(L(packet_poll(sk)) & EPOLLIN);
	fake_clock_advance(11 * NSEC_PER_MSEC);	/* the block retires */
	net_run_until_idle();
	memcpy(&bd, ring_at(sk, 0), sizeof(bd));
	assert_int_equal(bd.hdr.bh1.block_status, TP_STATUS_USER | TP_STATUS_BLK_TMO);
	assert_int_equal(bd.hdr.bh1.num_pkts, 1);
	assert_int_equal(bd.hdr.bh1.seq_num, 1);
	assert_int_equal(bd.offset_to_priv, 48);
	first = bd.hdr.bh1.offset_to_first_pkt;
	assert_int_equal(first, 48 + 16);
	assert_true(L(packet_poll(sk)) & EPOLLIN);
	memcpy(&h, ring_at(sk, first), sizeof(h));
	assert_int_equal(h.tp_next_offset, 0);
	assert_int_equal(h.tp_len, 1000);
	assert_int_equal(h.tp_snaplen, 1000);
	assert_int_equal(h.tp_mac, h.tp_net);
	assert_memory_equal(ring_at(sk, first + h.tp_mac), frame + ETH_HLEN, 1000);
	/* Block 1 holds three such frames; the fourth closes it and finds
	 * block 0 still the user's: the ring freezes and drops it. */
	for (int i = 0; i < 4; i++)
		fakedev_rx(eth0, frame, n);
	memcpy(&bd, ring_at(sk, 4096), sizeof(bd));
	assert_int_equal(bd.hdr.bh1.block_status, TP_STATUS_USER);
	assert_int_equal(bd.hdr.bh1.num_pkts, 3);
	assert_int_equal(bd.hdr.bh1.seq_num, 2);
	assert_int_equal(bd.hdr.bh1.blk_len, first + 3 * 1096);
	memcpy(&h, ring_at(sk, 4096 + first), sizeof(h));
	assert_int_equal(h.tp_next_offset, 1096);	/* 96 + 1000, 8-aligned */
	memcpy(&h, ring_at(sk, 4096 + first + 2 * 1096), sizeof(h));
	assert_int_equal(h.tp_next_offset, 0);	/* the last */
	assert_int_equal(L(packet_stats_take(sk, &st)), sizeof(st));
	assert_int_equal(st.tp_packets, 5);
	assert_int_equal(st.tp_drops, 1);
	assert_int_equal(st.tp_freeze_q_cnt, 1);
	/* Unfrozen when block 0 comes back. */
	*(u32 *)ring_at(sk, 8) = TP_STATUS_KERNEL;
	fakedev_rx(eth0, frame, n);
	memcpy(&bd, ring_at(sk, 0), sizeof(bd));
	assert_int_equal(bd.hdr.bh1.block_status, TP_STATUS_KERNEL);
	assert_int_equal(bd.hdr.bh1.seq_num, 3);
	ring_close(sk);
}

/* A transmit ring: each frame asked for is sent and given back. */
static void ring_tx(void **state)
{
	struct sock *sk = psock(SOCK_RAW, ETH_P_EXP, eth0->ifindex);
	struct packet_ring_req req = { 4096, 1, 1024, 4, 0, 0, 0 };
	struct tpacket2_hdr h;
	struct pkbuf *pkb;
	u32 n = build_frame(peer_mac, our_mac, ETH_P_EXP, NULL, 200);

	(void)state;
	assert_int_equal(L(packet_set_version(sk, TPACKET_V2)), 0);
	assert_int_equal(set_ring(sk, true, &req), 0);
	assert_int_equal(L(packet_ring_send(sk, NULL, 0)), 0);	/* nothing asked */
	for (u32 i = 0; i < 2; i++) {
		memset(&h, 0, sizeof(h));
		h.tp_len = n;
		h.tp_status = TP_STATUS_SEND_REQUEST;
		memcpy(ring_at(sk, i * 1024 + 32), frame, n);
		memcpy(ring_at(sk, i * 1024), &h, sizeof(h));
	}
	assert_int_equal(L(packet_ring_send(sk, NULL, 0)), (int)(2 * n));
	for (int i = 0; i < 2; i++) {
		pkb = fakedev_pop(eth0);
		assert_non_null(pkb);
		assert_int_equal(pkb->len, n);
		assert_memory_equal(pkb->data, frame, n);
		pkb_free(pkb);
		assert_int_equal(*(u32 *)ring_at(sk, i * 1024), TP_STATUS_AVAILABLE);
	}
	assert_null(fakedev_pop(eth0));
	/* A frame longer than its slot: WRONG_FORMAT and EMSGSIZE. */
	h.tp_len = 1024;
	h.tp_status = TP_STATUS_SEND_REQUEST;
	memcpy(ring_at(sk, 2 * 1024), &h, sizeof(h));
	assert_int_equal(L(packet_ring_send(sk, NULL, 0)), -EMSGSIZE);
	assert_int_equal(*(u32 *)ring_at(sk, 2 * 1024), TP_STATUS_WRONG_FORMAT);
	assert_null(fakedev_pop(eth0));
	ring_close(sk);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, env_setup_cmocka, env_teardown_cmocka)
		T(create_bind_getname),
		T(raw_and_dgram_receive_their_protocol),
		T(pkttype_of_arrivals),
		T(ieee_802_3_frames),
		T(taps_see_outgoing_but_not_their_own),
		T(filters_decide_and_snap),
		T(receive_buffer_limit_and_statistics),
		T(raw_send_errors),
		T(dgram_send_builds_the_header),
		T(loopback_frames),
		T(auxdata_reports_checked_checksums),
		T(gro_checksum_rule),
		T(device_events),
		T(memberships),
		T(ring_request_checks),
		T(ring_v2_receive),
		T(ring_v3_blocks),
		T(ring_tx),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
