/* The shared world of the frame-level fuzzers (see fuzz_net.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_net.h"

const u8 fz_our_mac[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
const u8 fz_peer_mac[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 };
const u8 fz_other_mac[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x03 };
struct netdev *fz_eth0;
struct sock *fz_udp[3];
struct sock *fz_raw[2];
struct sock *fz_ping;
static long alloc_base;

u8 fz_u8(struct fz_in *in)
{
	u8 v;

	if (!in->n)
		return 0;
	v = *in->p++;
	in->n--;
	return v;
}

u16 fz_u16(struct fz_in *in)
{
	u16 hi = fz_u8(in);

	return (u16)(hi << 8 | fz_u8(in));
}

u32 fz_u32(struct fz_in *in)
{
	u32 hi = fz_u16(in);

	return hi << 16 | fz_u16(in);
}

u32 fz_bytes(struct fz_in *in, u8 *out, u32 len)
{
	if (len > in->n)
		len = (u32)in->n;
	memcpy(out, in->p, len);
	in->p += len;
	in->n -= len;
	return len;
}

static void must(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz setup failed: %s\n", what);
		abort();
	}
}

void fz_setup(void)
{
	struct fib_config cfg;
	struct tcp_sock *tp;

	alloc_base = host_live_allocations();
	must(pkb_live_count() == 0, "buffers left from the last input");
	fake_clock_set(1000 * NSEC_PER_SEC);
	fake_random_seed(42);
	net_lock();
	must(net_init() == 0, "net_init");
	must(dev_open(loopback_dev) == 0, "lo up");
	fz_eth0 = fakedev_create("eth0", fz_our_mac);
	must(fz_eth0 != NULL, "eth0");
	must(dev_open(fz_eth0) == 0, "eth0 up");
	must(inet_addr_add_simple(fz_eth0, FZ_OUR_IP, 24) == 0, "address");
	must(neigh_update(fz_eth0, FZ_PEER_IP, fz_peer_mac, NUD_PERMANENT,
			  NEIGH_UPDATE_F_ADMIN | NEIGH_UPDATE_F_CREATE) != NULL, "neighbour");
	fib_config_init(&cfg);
	cfg.gateway = FZ_GW_IP;
	cfg.oif = fz_eth0->ifindex;
	must(fib_table_insert(&cfg) == 0, "default route");

	for (int i = 0; i < 3; i++) {
		fz_udp[i] = udp_sock_create();
		must(fz_udp[i] != NULL, "udp socket");
	}
	must(udp_bind(fz_udp[0], 0, net_htons(FZ_UDP_ECHO)) == 0, "bind 7");
	must(udp_bind(fz_udp[1], FZ_OUR_IP, net_htons(FZ_UDP_DNS)) == 0, "bind 53");
	must(udp_bind(fz_udp[2], 0, net_htons(FZ_UDP_CONN)) == 0, "bind 1234");
	must(udp_connect(fz_udp[2], FZ_PEER_IP, net_htons(5000)) == 0, "connect");
	fz_udp[1]->broadcast = true;

	/* Raw sockets (ICMP with a type filter, and protocol 99) get copies. */
	{
		int err;

		fz_raw[0] = raw_sock_create(IPPROTO_ICMP, &err);
		fz_raw[1] = raw_sock_create(99, &err);
		must(fz_raw[0] && fz_raw[1], "raw sockets");
		raw_set_icmp_filter(fz_raw[0], 1u << ICMP_TIMESTAMP);
	}
	/* A ping socket with a known identifier; IP_RECVERR on some sockets
	 * so that ICMP errors reach the error queues; a group joined on
	 * eth0 so that IGMP queries have something to ask about. */
	fz_ping = ping_sock_create();
	must(fz_ping && ping_bind(fz_ping, 0, net_htons(FZ_PING_IDENT)) == 0, "ping socket");
	fz_ping->recverr = true;
	fz_udp[0]->recverr = true;
	fz_raw[1]->recverr = true;
	must(ip_mc_join_group(fz_eth0->ifindex, FZ_IP4(239, 1, 2, 3)) == 0, "group");

	/* A connection in SYN_SENT, for ICMP errors quoting TCP. */
	tp = tcp_create();
	must(tp != NULL, "tcp socket");
	must(tcp_bind(tp, 0, net_htons(FZ_TCP_SPORT)) == 0, "tcp bind");
	must(tcp_connect(tp, FZ_PEER_IP, net_htons(80)) == -EINPROGRESS, "tcp connect");
	fakedev_purge(fz_eth0);
	net_unlock();
}

static struct tcp_sock *first_tcp;

static void pick_first(struct tcp_sock *tp, void *arg)
{
	(void)arg;
	if (!first_tcp)
		first_tcp = tp;
}

void fz_teardown(void)
{
	net_lock();
	for (int guard = 0; guard < 100000; guard++) {
		first_tcp = NULL;
		tcp_for_each(pick_first, NULL);
		if (!first_tcp)
			break;
		tcp_abort(first_tcp);
	}
	for (int i = 0; i < 3; i++) {
		udp_close(fz_udp[i]);
		fz_udp[i] = NULL;
	}
	for (int i = 0; i < 2; i++) {
		raw_close(fz_raw[i]);
		fz_raw[i] = NULL;
	}
	ping_close(fz_ping);
	fz_ping = NULL;
	net_exit();
	net_unlock();
	fz_eth0 = NULL;
	if (net_timer_next() != UINT64_MAX) {
		fprintf(stderr, "fuzz: a timer is still armed after net_exit\n");
		abort();
	}
	if (pkb_live_count() != 0) {
		fprintf(stderr, "fuzz: %llu packet buffers leaked\n",
			(unsigned long long)pkb_live_count());
		abort();
	}
	if (host_live_allocations() != alloc_base) {
		fprintf(stderr, "fuzz: %ld allocations leaked\n",
			host_live_allocations() - alloc_base);
		abort();
	}
}

void fz_rx_frame(const u8 *frame, u32 len)
{
	fakedev_rx(fz_eth0, frame, len);   /* netif_receive, then the backlog */
	net_lock();
	fakedev_purge(fz_eth0);
	net_unlock();
}

void fz_rx_ip(const u8 *ip, u32 len, bool broadcast)
{
	static u8 frame[ETH_HLEN + 65536];
	struct ethhdr *eth = (struct ethhdr *)frame;

	if (len > 65536)
		len = 65536;
	memset(eth->h_dest, 0xff, ETH_ALEN);
	if (!broadcast)
		memcpy(eth->h_dest, fz_our_mac, ETH_ALEN);
	memcpy(eth->h_source, fz_peer_mac, ETH_ALEN);
	eth->h_proto = net_htons(ETH_P_IP);
	memcpy(frame + ETH_HLEN, ip, len);
	fz_rx_frame(frame, ETH_HLEN + len);
}

u32 fz_build_iphdr(u8 *buf, be32 saddr, be32 daddr, u8 proto, u16 id, u16 frag_off,
		   u8 ttl, u32 payload_len)
{
	struct iphdr ip;

	memset(&ip, 0, sizeof(ip));
	ip.ihl_version = 0x45;
	ip.tot_len = net_htons((u16)(20 + payload_len));
	ip.id = net_htons(id);
	ip.frag_off = net_htons(frag_off);
	ip.ttl = ttl;
	ip.protocol = proto;
	ip.saddr = saddr;
	ip.daddr = daddr;
	ip.check = inet_csum(&ip, 20);
	memcpy(buf, &ip, 20);
	return 20;
}

u16 fz_l4_csum(be32 saddr, be32 daddr, u8 proto, const u8 *l4, u32 len)
{
	u16 sum = csum_fold(csum_partial(l4, len, csum_pseudo(saddr, daddr, proto, (u16)len)));

	return (proto == IPPROTO_UDP && sum == 0) ? 0xffff : sum;
}

void fz_advance_ms(u64 ms)
{
	fake_clock_advance(ms * NSEC_PER_MSEC);
	net_settle();
	net_lock();
	fakedev_purge(fz_eth0);
	net_unlock();
}

void fz_udp_app(struct fz_in *in)
{
	static u8 buf[70000];
	static const be32 dsts[] = { FZ_PEER_IP, FZ_OTHER_IP, FZ_BCAST_IP, FZ_REMOTE_IP,
				     FZ_IP4(127, 0, 0, 1), FZ_OUR_IP, 0, 0xffffffffu };
	u8 what = fz_u8(in);
	struct sock *sk = fz_udp[what % 3];
	u32 len = fz_u16(in);
	be32 saddr;
	be16 sport;

	net_lock();
	switch ((what >> 2) % 10) {
	case 0:
	case 1:
		(void)udp_recvfrom(sk, buf, len % sizeof(buf), (what & 0x80) ? MSG_PEEK : 0,
				   &saddr, &sport, NULL);
		break;
	case 2:
		(void)udp_sendto(sk, buf, len, dsts[(what >> 5) & 7], net_htons(9));
		break;
	case 3:
		(void)udp_sendto(sk, buf, len & 0x7ff, 0, 0);
		break;
	case 4:
		(void)udp_connect(sk, dsts[(what >> 5) & 7], net_htons((u16)(len | 1)));
		break;
	case 5:
		(void)udp_disconnect(sk);
		(void)sock_error(sk);
		break;
	case 6:
		(void)raw_recvfrom(fz_raw[what & 1], buf, len % sizeof(buf),
				   (what & 0x80) ? MSG_PEEK : 0, &saddr, NULL);
		break;
	case 7: {
		/* An echo request (or not) from the ping socket. */
		struct pkbuf *pkb = pkb_from(NET_HEADROOM, buf, len % 2000);
		be32 dst = dsts[(what >> 5) & 7];

		if (pkb)
			(void)ping_send_pkb(fz_ping, pkb, (what & 1) ? &dst : NULL, NULL, 0);
		break;
	}
	case 8: {
		/* Take a reply and an error of each socket that queues them. */
		struct dgram_msg_info info;
		struct pkbuf *pkb;
		struct sock *errs[] = { fz_ping, fz_udp[0], fz_raw[1] };

		if (!ping_recv_take(fz_ping, 0, &pkb, &info))
			pkb_free(pkb);
		pkb_free(ip_recv_error_take(errs[what % 3]));
		break;
	}
	default:
		(void)raw_sendto(fz_raw[what & 1], buf, len % 3000, dsts[(what >> 5) & 7]);
		break;
	}
	net_unlock();
	net_settle();
	net_lock();
	fakedev_purge(fz_eth0);
	net_unlock();
}
