/*
 * libFuzzer target: packet sockets (net/packet/packet.c) under any
 * frames, sends, binds, filters and memberships.
 *
 * The world of fuzz_net.h, with eth0 given a poll routine (so arriving
 * IPv4 frames go through the engine's GRO checksum rule) and four packet
 * sockets: SOCK_RAW ETH_P_ALL on eth0, SOCK_DGRAM ETH_P_IP on every
 * device, SOCK_RAW ETH_P_ARP on lo, SOCK_DGRAM unhooked.  Input: records,
 * each an opcode byte (action op >> 5, socket op & 3) then its data:
 *   0  a frame of fz_u16() % 1600 bytes arrives on eth0; op bit 2 marks
 *      it checked by the device, bit 3 sets our MAC as destination
 *   1  send fz_u16() % 1600 bytes from the input; op bit 2 first gives
 *      a sockaddr_ll of fz_u8() % 32 bytes: ifindex fz_u8() % 4,
 *      protocol fz_u16(), halen fz_u8(), 8 address bytes
 *   2  bind to (fz_u8() % 4, fz_u16())
 *   3  receive one frame (op bit 2: peek): address and aux data
 *   4  attach fz_u8() % 8 + 1 instructions from the input as the filter
 *      (if the checker accepts them)
 *   5  membership: add (op bit 2) or drop an mreq from the input
 *   6  close and create again with type (op bit 2: SOCK_RAW) and
 *      protocol fz_u16()
 *   7  advance the clock (fz_u8() * 10 ms); op bit 2 toggles eth0 down/up
 * At most 64 records per input; the world is torn down after each input.
 */
#include <stdlib.h>
#include <string.h>

#include <net/filter.h>
#include <net/packet.h>
#include "fuzz_net.h"

#define NSOCK 4

static struct sock *ps[NSOCK];
static u8 buf[1600];

static int stub_poll(struct netdev *dev, int budget)
{
	(void)dev;
	(void)budget;
	return 0;
}

static struct sock *open_sock(u16 type, u16 proto, int ifindex)
{
	int err;
	struct sock *sk = packet_create(type, net_htons(proto), &err);

	if (!sk)
		abort();
	if (ifindex >= 0 && packet_bind(sk, ifindex, 0))
		abort();
	return sk;
}

static void setup(void)
{
	fz_setup();
	net_lock();
	fz_eth0->poll = stub_poll;	/* never called: the host has no bottom half */
	ps[0] = open_sock(SOCK_RAW, ETH_P_ALL, fz_eth0->ifindex);
	ps[1] = open_sock(SOCK_DGRAM, ETH_P_IP, 0);
	ps[2] = open_sock(SOCK_RAW, ETH_P_ARP, loopback_dev->ifindex);
	ps[3] = open_sock(SOCK_DGRAM, 0, -1);
	net_unlock();
}

static void teardown(void)
{
	net_lock();
	for (int i = 0; i < NSOCK; i++) {
		packet_close(ps[i]);
		ps[i] = NULL;
	}
	if (packet_sock_count())
		abort();
	net_unlock();
	fz_teardown();
}

static void rx(struct fz_in *in, u8 op)
{
	u32 len = fz_bytes(in, buf, fz_u16(in) % sizeof(buf));
	struct pkbuf *pkb;

	if ((op & 8) && len >= ETH_ALEN)
		memcpy(buf, fz_our_mac, ETH_ALEN);
	pkb = pkb_from(32, buf, len);
	if (!pkb)
		return;
	pkb->dev = fz_eth0;
	pkb->csum_ok = (op & 4) != 0;
	net_lock();
	netif_receive(pkb);
	net_unlock();
	net_settle();
	net_lock();
	fakedev_purge(fz_eth0);
	net_unlock();
}

static void tx(struct fz_in *in, struct sock *sk, u8 op)
{
	struct sockaddr_storage ss;
	struct sockaddr_ll *sll = NULL;
	int alen = 0, r;
	u32 len;
	struct pkbuf *pkb;

	memset(&ss, 0, sizeof(ss));
	if (op & 4) {
		sll = (struct sockaddr_ll *)&ss;
		alen = fz_u8(in) % 32;
		sll->sll_family = AF_PACKET;
		sll->sll_ifindex = fz_u8(in) % 4;
		sll->sll_protocol = net_htons(fz_u16(in));
		sll->sll_halen = fz_u8(in);
		fz_bytes(in, sll->sll_addr, sizeof(sll->sll_addr));
	}
	len = fz_bytes(in, buf, fz_u16(in) % sizeof(buf));
	net_lock();
	r = packet_send_check(sk, sll, alen, len);
	net_unlock();
	if (r)
		return;
	pkb = pkb_from(PACKET_HEADROOM, buf, len);
	if (!pkb)
		return;
	net_lock();
	r = packet_send(sk, pkb, sll, alen);
	if (r >= 0 && (u32)r != len)
		abort();	/* a send is all or nothing */
	fakedev_purge(fz_eth0);
	net_unlock();
	net_settle();		/* what went to lo comes back */
}

static void recv_one(struct sock *sk, bool peek)
{
	struct tpacket_auxdata aux;
	struct sockaddr_ll sll;
	struct pkbuf *pkb;
	int r, n;

	net_lock();
	r = packet_recv_take(sk, peek, &pkb);
	if (!r) {
		n = packet_recv_name(pkb, &sll);
		packet_auxdata(pkb, &aux);
		if (n < (int)sizeof(sll) || aux.tp_snaplen != pkb->len || aux.tp_len < pkb->len ||
		    sll.sll_family != AF_PACKET)
			abort();
		/* Every byte kept is readable. */
		if (pkb->len)
			memcpy(buf, pkb->data, pkb->len < sizeof(buf) ? pkb->len : sizeof(buf));
		pkb_free(pkb);
	}
	net_unlock();
}

static void attach(struct fz_in *in, struct sock *sk)
{
	struct sock_filter insns[8];
	u32 n = fz_u8(in) % 8 + 1;
	struct sk_filter *f;

	memset(insns, 0, sizeof(insns));
	fz_bytes(in, (u8 *)insns, n * sizeof(insns[0]));
	net_lock();
	if (!sk_filter_create(insns, n, &f)) {
		sk_filter_put(sk->filter);
		sk->filter = f;
	}
	net_unlock();
}

static void membership(struct fz_in *in, struct sock *sk, bool add)
{
	struct packet_mreq_max mr;

	memset(&mr, 0, sizeof(mr));
	mr.mr_ifindex = fz_u8(in) % 4;
	mr.mr_type = fz_u8(in) % 5;
	mr.mr_alen = fz_u8(in) % 10;
	fz_bytes(in, mr.mr_address, 8);
	net_lock();
	if (add)
		(void)packet_mc_add(sk, &mr);
	else if (packet_mc_drop(sk, &mr))
		abort();	/* dropping never fails */
	net_unlock();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fz_in in = { data, size };

	setup();
	for (int rec = 0; in.n && rec < 64; rec++) {
		u8 op = fz_u8(&in);
		int i = op & 3;

		switch (op >> 5) {
		case 0:
			rx(&in, op);
			break;
		case 1:
			tx(&in, ps[i], op);
			break;
		case 2: {
			int ifindex = fz_u8(&in) % 4;
			be16 proto = net_htons(fz_u16(&in));

			net_lock();
			(void)packet_bind(ps[i], ifindex, proto);
			net_unlock();
			break;
		}
		case 3:
			recv_one(ps[i], op & 4);
			break;
		case 4:
			attach(&in, ps[i]);
			break;
		case 5:
			membership(&in, ps[i], op & 4);
			break;
		case 6: {
			u16 proto = fz_u16(&in);

			net_lock();
			packet_close(ps[i]);
			ps[i] = open_sock((op & 4) ? SOCK_RAW : SOCK_DGRAM, proto, -1);
			net_unlock();
			break;
		}
		default:
			fz_advance_ms((u64)fz_u8(&in) * 10);
			if (op & 4) {
				net_lock();
				if (netif_running(fz_eth0))
					dev_close(fz_eth0);
				else
					dev_open(fz_eth0);
				net_unlock();
			}
			break;
		}
	}
	teardown();
	return 0;
}
