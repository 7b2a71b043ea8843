/* UDP (RFC 768, RFC 1122 §4.1) and its socket operations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include <net/igmp.h>
#include "nettest.h"

static u8 pkt[2048], udp[2048];

static struct sock *bound(be32 addr, u16 port, bool reuse)
{
	struct sock *sk = L(udp_sock_create());

	assert_non_null(sk);
	sk->reuseaddr = reuse;
	assert_int_equal(L(udp_bind(sk, addr, net_htons(port))), 0);
	return sk;
}

static int recv_str(struct sock *sk, char *buf, u32 len)
{
	int n = L(udp_recvfrom(sk, buf, len - 1, 0, NULL, NULL, NULL));

	if (n >= 0)
		buf[n] = 0;
	return n;
}

static void unknown_port_gets_port_unreachable(void **state)
{
	struct frame f;
	const struct icmphdr *ih;
	const struct iphdr *quoted;

	(void)state;
	inject_udp(PEER_IP, OUR_IP, 5000, 9999, "probe", 5);
	assert_int_equal(ctr("Udp", "NoPorts"), 1);
	assert_true(pop_frame(eth0, &f));
	ih = (const struct icmphdr *)f.l4;
	assert_int_equal(ih->type, ICMP_DEST_UNREACH);
	assert_int_equal(ih->code, ICMP_PORT_UNREACH);
	assert_int_equal(inet_csum(f.l4, f.l4_len), 0);
	assert_int_equal(f.ip->daddr, PEER_IP);
	assert_int_equal(f.ip->saddr, OUR_IP);
	assert_int_equal(f.ip->tos, 0xc0);
	quoted = (const struct iphdr *)(f.l4 + 8);
	assert_int_equal(quoted->saddr, PEER_IP);
	assert_int_equal(quoted->daddr, OUR_IP);
	assert_int_equal(net_ntohs(((const struct udphdr *)(quoted + 1))->dest), 9999);
	assert_int_equal(f.l4_len, 8 + 20 + 8 + 5);
	frame_free(&f);
	assert_int_equal(ctr("Icmp", "OutDestUnreachs"), 1);
}

static void checksum_rules(void **state)
{
	struct sock *sk = bound(0, 7000, false);
	char buf[32];
	u32 n;

	(void)state;
	/* RFC 768: zero means no checksum. */
	n = build_udp(udp, PEER_IP, OUR_IP, 5000, 7000, "nocsum", 6, false);
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_UDP, 1, 0, 64, udp, n));
	assert_int_equal(recv_str(sk, buf, sizeof(buf)), 6);
	assert_string_equal(buf, "nocsum");
	/* A wrong one drops the datagram, silently (no ICMP). */
	n = build_udp(udp, PEER_IP, OUR_IP, 5000, 7000, "bad", 3, true);
	udp[8] ^= 0x40;
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_UDP, 1, 0, 64, udp, n));
	assert_int_equal(recv_str(sk, buf, sizeof(buf)), -EAGAIN);
	assert_int_equal(ctr("Udp", "InCsumErrors"), 1);
	assert_int_equal(ctr("Udp", "InErrors"), 1);
	/* Even to a closed port: no port unreachable for a corrupt datagram. */
	n = build_udp(udp, PEER_IP, OUR_IP, 5000, 7001, "bad", 3, true);
	udp[8] ^= 0x40;
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_UDP, 1, 0, 64, udp, n));
	assert_int_equal(fakedev_pending(eth0), 0);
	assert_int_equal(ctr("Udp", "NoPorts"), 0);
	LV(udp_close(sk));
}

static void length_errors(void **state)
{
	struct sock *sk = bound(0, 7000, false);
	struct udphdr *uh = (struct udphdr *)udp;
	char buf[32];
	u32 n;

	(void)state;
	n = build_udp(udp, PEER_IP, OUR_IP, 5000, 7000, "abcdef", 6, false);
	uh->len = net_htons(15);                /* > 14 bytes present */
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_UDP, 1, 0, 64, udp, n));
	uh->len = net_htons(7);                 /* < header */
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_UDP, 1, 0, 64, udp, n));
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_UDP, 1, 0, 64, udp, 7));
	assert_int_equal(ctr("Udp", "InErrors"), 3);
	/* A shorter UDP length than the IP payload: the rest is ignored. */
	uh->len = net_htons(10);
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_UDP, 1, 0, 64, udp, n));
	assert_int_equal(recv_str(sk, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "ab");
	LV(udp_close(sk));
}

static void computed_zero_checksum_is_sent_as_ones(void **state)
{
	struct sock *sk = bound(OUR_IP, 4000, false);
	struct frame f;
	u8 data[2] = { 0, 0 };
	u16 c;
	struct udphdr uh = { net_htons(4000), net_htons(9), net_htons(10), 0 };

	(void)state;
	/* Choose two data bytes that make the one's-complement sum 0xffff. */
	c = csum_fold(csum_partial(&uh, 8, csum_pseudo(OUR_IP, PEER_IP, IPPROTO_UDP, 10)));
	memcpy(data, &c, 2);
	assert_int_equal(L(udp_sendto(sk, data, 2, PEER_IP, net_htons(9))), 2);
	assert_true(pop_frame(eth0, &f));
	assert_int_equal(((const struct udphdr *)f.l4)->check, 0xffff);
	assert_int_equal(csum_fold(csum_partial(f.l4, 10, csum_pseudo(OUR_IP, PEER_IP,
								     IPPROTO_UDP, 10))), 0);
	frame_free(&f);
	LV(udp_close(sk));
}

static void sent_datagram_has_correct_headers(void **state)
{
	struct sock *sk = L(udp_sock_create());
	struct frame f;
	const struct udphdr *uh;

	(void)state;
	assert_int_equal(L(udp_sendto(sk, "hello", 5, PEER_IP, net_htons(53))), 5);
	assert_true(pop_frame(eth0, &f));
	assert_memory_equal(f.eth->h_dest, peer_mac, 6);
	assert_memory_equal(f.eth->h_source, our_mac, 6);
	assert_int_equal(f.ip->ihl_version, 0x45);
	assert_int_equal(f.ip->ttl, 64);
	assert_int_equal(net_ntohs(f.ip->frag_off), IP_DF);  /* IP_PMTUDISC_WANT */
	assert_int_equal(f.ip->saddr, OUR_IP);
	assert_int_equal(f.ip->daddr, PEER_IP);
	assert_int_equal(net_ntohs(f.ip->tot_len), 33);
	uh = (const struct udphdr *)f.l4;
	assert_int_equal(uh->source, sk->sport);
	assert_int_equal(net_ntohs(uh->dest), 53);
	assert_int_equal(net_ntohs(uh->len), 13);
	assert_memory_equal(f.l4 + 8, "hello", 5);
	assert_int_equal(csum_fold(csum_partial(f.l4, 13, csum_pseudo(OUR_IP, PEER_IP,
								     IPPROTO_UDP, 13))), 0);
	frame_free(&f);
	assert_int_equal(ctr("Udp", "OutDatagrams"), 1);
	assert_int_equal(ctr("Ip", "OutRequests"), 1);
	assert_int_equal(eth0->stats.tx_packets, 1);
	assert_int_equal(eth0->stats.tx_bytes, 14 + 33);
	/* A driver failure is a discard, and ENOBUFS for the sender. */
	fakedev_fail_next(eth0, 1);
	assert_int_equal(L(udp_sendto(sk, "hello", 5, PEER_IP, net_htons(53))), -ENOBUFS);
	assert_int_equal(ctr("Ip", "OutDiscards"), 1);
	assert_int_equal(ctr("Udp", "SndbufErrors"), 1);
	assert_int_equal(eth0->stats.tx_dropped, 1);
	LV(udp_close(sk));
}

static void demux_prefers_exact_match(void **state)
{
	struct sock *wild = bound(0, 7000, true), *addr = bound(OUR_IP, 7000, true);
	struct sock *conn = L(udp_sock_create());
	char buf[32];

	(void)state;
	conn->reuseaddr = true;
	assert_int_equal(L(udp_bind(conn, 0, net_htons(7000))), 0);
	assert_int_equal(L(udp_connect(conn, PEER_IP, net_htons(5000))), 0);
	assert_int_equal(conn->saddr, OUR_IP);  /* connect fixes the source */
	inject_udp(PEER_IP, OUR_IP, 5000, 7000, "to-conn", 7);
	inject_udp(PEER_IP, OUR_IP, 5001, 7000, "to-addr", 7);
	assert_int_equal(recv_str(conn, buf, sizeof(buf)), 7);
	assert_string_equal(buf, "to-conn");
	assert_int_equal(recv_str(addr, buf, sizeof(buf)), 7);
	assert_string_equal(buf, "to-addr");
	assert_int_equal(recv_str(wild, buf, sizeof(buf)), -EAGAIN);
	LV(udp_close(addr));
	inject_udp(PEER_IP, OUR_IP, 5001, 7000, "to-wild", 7);
	assert_int_equal(recv_str(wild, buf, sizeof(buf)), 7);
	assert_string_equal(buf, "to-wild");
	/* Disconnect (AF_UNSPEC): back to a wildcard on the bound port. */
	assert_int_equal(L(udp_disconnect(conn)), 0);
	assert_int_equal(net_ntohs(conn->sport), 7000);
	assert_int_equal(conn->saddr, 0);
	LV(udp_close(wild));
	LV(udp_close(conn));
}

static void ephemeral_ports_follow_the_local_range(void **state)
{
	struct sock *s[4];
	u16 low, high, p, seq[3];

	(void)state;
	inet_get_local_port_range(&low, &high);
	assert_int_equal(low, 32768);
	assert_int_equal(high, 60999);
	/* Linux's udp_lib_get_port: a random start per allocation, then
	 * the next free port; so the sequence is in range, distinct, and
	 * (with a seeded generator) repeatable. */
	for (int round = 0; round < 2; round++) {
		fake_random_seed(7);
		for (int i = 0; i < 3; i++) {
			s[i] = L(udp_sock_create());
			assert_int_equal(L(udp_bind(s[i], 0, 0)), 0);
			p = net_ntohs(s[i]->sport);
			assert_true(p >= 32768 && p <= 60999);
			for (int j = 0; j < i; j++)
				assert_int_not_equal(s[j]->sport, s[i]->sport);
			if (round == 0)
				seq[i] = p;
			else
				assert_int_equal(p, seq[i]);
		}
		for (int i = 0; i < 3; i++)
			LV(udp_close(s[i]));
	}
	/* A taken port is skipped: its neighbour in the range is used. */
	fake_random_seed(7);
	s[0] = bound(0, seq[0], false);
	s[1] = L(udp_sock_create());
	fake_random_seed(7);
	assert_int_equal(L(udp_bind(s[1], 0, 0)), 0);
	assert_int_equal(net_ntohs(s[1]->sport), seq[0] == 60999 ? 32768 : seq[0] + 1);
	LV(udp_close(s[0]));
	LV(udp_close(s[1]));

	assert_int_equal(inet_set_local_port_range(40000, 40002), 0);
	assert_int_equal(inet_set_local_port_range(5, 4), -EINVAL);
	for (int i = 0; i < 3; i++) {
		s[i] = L(udp_sock_create());
		assert_int_equal(L(udp_connect(s[i], PEER_IP, net_htons(9))), 0);  /* autobind */
		p = net_ntohs(s[i]->sport);
		assert_true(p >= 40000 && p <= 40002);
		for (int j = 0; j < i; j++)
			assert_int_not_equal(s[j]->sport, s[i]->sport);
	}
	s[3] = L(udp_sock_create());
	assert_int_equal(L(udp_connect(s[3], PEER_IP, net_htons(9))), -EAGAIN);
	assert_int_equal(L(udp_sendto(s[3], "x", 1, PEER_IP, net_htons(9))), -EAGAIN);
	assert_int_equal(L(udp_bind(s[3], 0, 0)), -EADDRINUSE);
	assert_int_equal(s[3]->saddr, 0);
	LV(udp_close(s[1]));
	assert_int_equal(L(udp_bind(s[3], 0, 0)), 0);   /* the freed one */
	assert_int_equal(inet_set_local_port_range(32768, 60999), 0);
	for (int i = 0; i < 4; i++)
		if (i != 1)
			LV(udp_close(s[i]));
	assert_int_equal(L(udp_sock_count()), 0);
}

static void bind_rules(void **state)
{
	struct sock *a = bound(0, 7000, false), *b = L(udp_sock_create());
	struct sock *c = L(udp_sock_create());

	(void)state;
	assert_int_equal(L(udp_bind(b, 0, net_htons(7000))), -EADDRINUSE);
	assert_int_equal(L(udp_bind(b, OUR_IP, net_htons(7000))), -EADDRINUSE);
	assert_int_equal(L(udp_bind(b, REMOTE_IP, net_htons(7001))), -EADDRNOTAVAIL);
	assert_int_equal(L(udp_bind(b, LOOP_IP, net_htons(7001))), 0);
	assert_int_equal(L(udp_bind(b, 0, net_htons(7002))), -EINVAL);  /* already bound */
	/* SO_REUSEADDR on both sides allows sharing (socket(7)). */
	a->reuseaddr = true;
	c->reuseaddr = true;
	assert_int_equal(L(udp_bind(c, 0, net_htons(7000))), 0);
	LV(udp_close(c));
	c = L(udp_sock_create());
	assert_int_equal(L(udp_bind(c, BCAST_IP, net_htons(7003))), 0);  /* broadcast ok */
	LV(udp_close(a));
	LV(udp_close(b));
	LV(udp_close(c));
}

static void broadcast_goes_to_every_matching_socket(void **state)
{
	struct sock *s1 = bound(0, 7000, true), *s2 = bound(0, 7000, true);
	struct sock *s3 = bound(OUR_IP, 7000, true);
	char buf[32];
	u32 n;

	(void)state;
	n = build_udp(udp, PEER_IP, BCAST_IP, 5000, 7000, "all", 3, true);
	inject_ip_from(peer_mac, bcast_mac, pkt, build_ip(pkt, PEER_IP, BCAST_IP, IPPROTO_UDP,
							 1, 0, 64, udp, n));
	assert_int_equal(recv_str(s1, buf, sizeof(buf)), 3);
	assert_int_equal(recv_str(s2, buf, sizeof(buf)), 3);
	assert_int_equal(recv_str(s3, buf, sizeof(buf)), -EAGAIN);  /* bound to unicast */
	/* Limited broadcast too; an unknown port is ignored, not answered. */
	n = build_udp(udp, PEER_IP, IP4(255, 255, 255, 255), 5000, 7009, "x", 1, true);
	inject_ip_from(peer_mac, bcast_mac, pkt, build_ip(pkt, PEER_IP, IP4(255, 255, 255, 255),
							 IPPROTO_UDP, 1, 0, 64, udp, n));
	assert_int_equal(ctr("Udp", "IgnoredMulti"), 1);
	assert_int_equal(ctr("Udp", "NoPorts"), 0);
	assert_int_equal(fakedev_pending(eth0), 0);
	LV(udp_close(s1));
	LV(udp_close(s2));
	LV(udp_close(s3));
}

static void broadcast_send_needs_so_broadcast(void **state)
{
	struct sock *sk = L(udp_sock_create()), *rx = bound(0, 7000, false);
	struct frame f;
	char buf[8];

	(void)state;
	assert_int_equal(L(udp_sendto(sk, "b", 1, BCAST_IP, net_htons(7000))), -EACCES);
	assert_int_equal(L(udp_connect(sk, BCAST_IP, net_htons(7000))), -EACCES);
	sk->broadcast = true;
	assert_int_equal(L(udp_sendto(sk, "b", 1, BCAST_IP, net_htons(7000))), 1);
	assert_true(pop_frame(eth0, &f));
	assert_memory_equal(f.eth->h_dest, bcast_mac, 6);
	assert_int_equal(f.ip->daddr, BCAST_IP);
	frame_free(&f);
	/* The sender hears its own broadcast (Linux's ip_mc_output). */
	net_settle();
	assert_int_equal(recv_str(rx, buf, sizeof(buf)), 1);
	/* 255.255.255.255 needs a route or a device (Linux: ENETUNREACH). */
	assert_int_equal(L(udp_sendto(sk, "b", 1, IP4(255, 255, 255, 255), net_htons(7000))),
			 -ENETUNREACH);
	sk->bound_ifindex = eth0->ifindex;      /* SO_BINDTODEVICE */
	assert_int_equal(L(udp_sendto(sk, "b", 1, IP4(255, 255, 255, 255), net_htons(7000))), 1);
	assert_true(pop_frame(eth0, &f));
	assert_memory_equal(f.eth->h_dest, bcast_mac, 6);
	frame_free(&f);
	net_settle();
	LV(udp_close(sk));
	LV(udp_close(rx));
}

static void send_errors(void **state)
{
	static u8 big[65508];
	struct sock *sk = L(udp_sock_create());

	(void)state;
	assert_int_equal(L(udp_sendto(sk, big, 65508, PEER_IP, net_htons(9))), -EMSGSIZE);
	assert_int_equal(L(udp_sendto(sk, "x", 1, PEER_IP, 0)), -EINVAL);
	assert_int_equal(L(udp_sendto(sk, "x", 1, 0, 0)), -EDESTADDRREQ);
	assert_int_equal(L(udp_sendto(sk, "x", 1, REMOTE_IP, net_htons(9))), -ENETUNREACH);
	assert_int_equal(L(udp_connect(sk, REMOTE_IP, net_htons(9))), -ENETUNREACH);
	assert_int_equal(ctr("Ip", "OutNoRoutes"), 2);
	assert_int_equal(ctr("Udp", "OutDatagrams"), 0);
	LV(udp_close(sk));
}

static void recv_peek_trunc_and_source(void **state)
{
	struct sock *sk = bound(0, 7000, false);
	char buf[32];
	be32 from;
	be16 port;
	u32 full;

	(void)state;
	inject_udp(PEER_IP, OUR_IP, 5555, 7000, "0123456789", 10);
	inject_udp(PEER_IP, OUR_IP, 5556, 7000, "second", 6);
	assert_int_equal(L(udp_next_len(sk)), 10);
	assert_int_equal(L(udp_recvfrom(sk, buf, 4, MSG_PEEK, &from, &port, &full)), 4);
	assert_int_equal(full, 10);
	assert_int_equal(from, PEER_IP);
	assert_int_equal(net_ntohs(port), 5555);
	assert_int_equal(ctr("Udp", "InDatagrams"), 0);   /* counted when taken */
	/* A short buffer truncates; MSG_TRUNC reports the real length. */
	assert_int_equal(L(udp_recvfrom(sk, buf, 4, MSG_TRUNC, NULL, NULL, NULL)), 10);
	assert_memory_equal(buf, "0123", 4);
	assert_int_equal(L(udp_recvfrom(sk, buf, sizeof(buf), 0, &from, &port, NULL)), 6);
	assert_int_equal(net_ntohs(port), 5556);
	assert_int_equal(L(udp_recvfrom(sk, buf, sizeof(buf), 0, NULL, NULL, NULL)), -EAGAIN);
	assert_int_equal(ctr("Udp", "InDatagrams"), 2);
	LV(udp_close(sk));
}

static int ready;
static void on_ready(struct sock *sk)
{
	(void)sk;
	ready++;
}

static void receive_buffer_limit(void **state)
{
	static u8 data[1000];
	struct sock *sk = bound(0, 7000, false);
	int queued = 0;

	(void)state;
	ready = 0;
	sk->data_ready = on_ready;
	sk->rcvbuf = 4096;
	for (int i = 0; i < 10; i++)
		inject_udp(PEER_IP, OUR_IP, 5000, 7000, data, sizeof(data));
	while (L(udp_recvfrom(sk, data, sizeof(data), 0, NULL, NULL, NULL)) == 1000)
		queued++;
	assert_true(queued >= 3 && queued < 10);
	assert_int_equal(ready, queued);
	assert_int_equal(ctr("Udp", "RcvbufErrors"), 10 - queued);
	assert_int_equal(ctr("Udp", "InErrors"), 10 - queued);
	LV(udp_close(sk));
}

static void loopback_delivers_from_the_bottom_half(void **state)
{
	struct sock *rx = bound(0, 7000, false), *tx = L(udp_sock_create());
	char buf[16];
	be32 from;

	(void)state;
	assert_int_equal(L(udp_sendto(tx, "local", 5, LOOP_IP, net_htons(7000))), 5);
	assert_int_equal(L(udp_next_len(rx)), 0);       /* not inside sendto */
	assert_int_equal(L(netif_backlog_len()), 1);
	net_settle();
	assert_int_equal(L(udp_recvfrom(rx, buf, sizeof(buf), 0, &from, NULL, NULL)), 5);
	assert_int_equal(from, LOOP_IP);
	assert_int_equal(loopback_dev->stats.tx_packets, 1);
	assert_int_equal(loopback_dev->stats.rx_packets, 1);
	assert_int_equal(loopback_dev->stats.rx_bytes, loopback_dev->stats.tx_bytes);
	/* To our own Ethernet address: also through lo, never the wire. */
	assert_int_equal(L(udp_sendto(tx, "own", 3, OUR_IP, net_htons(7000))), 3);
	net_settle();
	assert_int_equal(L(udp_recvfrom(rx, buf, sizeof(buf), 0, &from, NULL, NULL)), 3);
	assert_int_equal(from, OUR_IP);
	assert_int_equal(fakedev_pending(eth0), 0);
	LV(udp_close(rx));
	LV(udp_close(tx));
}

static void connected_socket_hears_port_unreachable_over_loopback(void **state)
{
	struct sock *sk = L(udp_sock_create());
	char buf[4];

	(void)state;
	assert_int_equal(L(udp_connect(sk, LOOP_IP, net_htons(9))), 0);
	assert_int_equal(sk->saddr, LOOP_IP);
	assert_int_equal(L(udp_sendto(sk, "?", 1, 0, 0)), 1);
	net_settle();
	assert_int_equal(ctr("Udp", "NoPorts"), 1);
	assert_int_equal(L(udp_recvfrom(sk, buf, sizeof(buf), 0, NULL, NULL, NULL)), -ECONNREFUSED);
	assert_int_equal(L(udp_sendto(sk, "?", 1, 0, 0)), 1);   /* error was cleared */
	net_settle();
	LV(udp_close(sk));
}

static void shutdown_and_poll(void **state)
{
	struct sock *sk = bound(0, 7000, false);
	char buf[8];

	(void)state;
	assert_int_equal(L(udp_poll(sk)), EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND);
	inject_udp(PEER_IP, OUR_IP, 5000, 7000, "x", 1);
	assert_int_equal(L(udp_poll(sk)) & (EPOLLIN | EPOLLRDNORM), EPOLLIN | EPOLLRDNORM);
	/* Unconnected: the flags are set, but ENOTCONN is returned (Linux). */
	assert_int_equal(L(udp_shutdown(sk, SHUT_RD)), -ENOTCONN);
	assert_int_equal(L(udp_recvfrom(sk, buf, sizeof(buf), 0, NULL, NULL, NULL)), 1);
	assert_int_equal(L(udp_recvfrom(sk, buf, sizeof(buf), 0, NULL, NULL, NULL)), 0);
	assert_true(L(udp_poll(sk)) & EPOLLRDHUP);
	assert_false(L(udp_poll(sk)) & EPOLLHUP);
	assert_int_equal(L(udp_connect(sk, PEER_IP, net_htons(9))), 0);
	assert_int_equal(L(udp_shutdown(sk, SHUT_WR)), 0);
	assert_int_equal(L(udp_sendto(sk, "y", 1, 0, 0)), -EPIPE);
	assert_true(L(udp_poll(sk)) & EPOLLHUP);
	assert_int_equal(L(udp_shutdown(sk, 3)), -EINVAL);
	/* A pending error shows as EPOLLERR. */
	sk->err = ECONNREFUSED;
	assert_true(L(udp_poll(sk)) & EPOLLERR);
	LV(udp_close(sk));
}

/*
 * The socket layer copies to user memory outside the stack lock: it
 * takes a datagram, copies, and reports.  A peek leaves it queued; a
 * datagram whose copy failed is gone and counted in InErrors (Linux).
 */
static void failed_user_copies(void **state)
{
	struct sock *sk = bound(0, 7000, false);
	struct dgram_msg_info info;
	struct pkbuf *pkb;
	char buf[8];

	(void)state;
	inject_udp(PEER_IP, OUR_IP, 5000, 7000, "x", 1);
	assert_int_equal(L(udp_recv_take(sk, MSG_PEEK, &pkb, &info)), 0);
	assert_non_null(pkb);
	LV(pkb_free(pkb));
	LV(udp_recv_done(sk, MSG_PEEK, false));
	assert_int_equal(L(udp_next_len(sk)), 1);          /* peek keeps it */
	assert_int_equal(ctr("Udp", "InErrors"), 0);
	assert_int_equal(L(udp_recv_take(sk, 0, &pkb, &info)), 0);
	LV(pkb_free(pkb));
	LV(udp_recv_done(sk, 0, false));                   /* the copy failed */
	assert_int_equal(L(udp_next_len(sk)), 0);          /* dropped, as Linux */
	assert_int_equal(ctr("Udp", "InErrors"), 1);
	assert_int_equal(ctr("Udp", "InDatagrams"), 0);
	assert_int_equal(L(udp_recvfrom(sk, buf, sizeof(buf), 0, NULL, NULL, NULL)), -EAGAIN);
	LV(udp_close(sk));
}

static int send_more(struct sock *sk, const char *data, be32 daddr, u16 port, int flags)
{
	u32 len = (u32)strlen(data);
	struct pkbuf *pkb = pkb_alloc(UDP_HEADROOM, len);

	assert_non_null(pkb);
	memcpy(pkb_put(pkb, len), data, len);
	return L(udp_send_pkb(sk, pkb, daddr, net_htons(port), NULL, flags));
}

static void msg_more_and_cork_build_one_datagram(void **state)
{
	static u8 big[65507];
	struct sock *sk = L(udp_sock_create()), *rx = bound(0, 7000, false);
	struct frame f;
	char buf[64];

	(void)state;
	assert_int_equal(send_more(sk, "abc", LOOP_IP, 7000, MSG_MORE), 3);
	assert_int_equal(send_more(sk, "def", PEER_IP, 9, MSG_MORE), 3);  /* dest ignored */
	net_settle();
	assert_int_equal(L(udp_next_len(rx)), 0);           /* held back */
	assert_int_equal(send_more(sk, "gh", PEER_IP, 9, 0), 2);
	net_settle();
	assert_int_equal(recv_str(rx, buf, sizeof(buf)), 8);
	assert_string_equal(buf, "abcdefgh");
	assert_int_equal(ctr("Udp", "OutDatagrams"), 1);
	/* UDP_CORK: uncorking sends. */
	LV(udp_set_cork(sk, true));
	assert_int_equal(send_more(sk, "x", LOOP_IP, 7000, 0), 1);
	assert_int_equal(send_more(sk, "y", LOOP_IP, 7000, 0), 1);
	net_settle();
	assert_int_equal(L(udp_next_len(rx)), 0);
	LV(udp_set_cork(sk, false));
	net_settle();
	assert_int_equal(recv_str(rx, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "xy");
	/* Too much in all: EMSGSIZE, the pending part is gone. */
	assert_int_equal(send_more(sk, "zz", LOOP_IP, 7000, MSG_MORE), 2);
	assert_int_equal(L(udp_sendto(sk, big, sizeof(big), LOOP_IP, net_htons(7000))), -EMSGSIZE);
	assert_null(udp_sk(sk)->pending);
	assert_int_equal(send_more(sk, "new", LOOP_IP, 7000, 0), 3);
	net_settle();
	assert_int_equal(recv_str(rx, buf, sizeof(buf)), 3);
	assert_string_equal(buf, "new");
	assert_false(pop_frame(eth0, &f));
	/* Closing with a corked datagram frees it. */
	assert_int_equal(send_more(sk, "lost", LOOP_IP, 7000, MSG_MORE), 4);
	LV(udp_close(sk));
	LV(udp_close(rx));
}

static void multicast_membership(void **state)
{
	static const u8 grp_mac[6] = { 0x01, 0x00, 0x5e, 0x01, 0x02, 0x03 };
	be32 grp = IP4(239, 1, 2, 3);
	struct sock *rx = bound(0, 7000, true), *uni = bound(OUR_IP, 7000, true);
	struct sock *tx = L(udp_sock_create());
	struct fib_config cfg;
	struct frame f;
	char buf[16];
	u8 udp[64], ip[128];
	s64 mcast_out;
	u32 n;

	(void)state;
	n = build_udp(udp, PEER_IP, grp, 5000, 7000, "mc", 2, true);
	n = build_ip(ip, PEER_IP, grp, IPPROTO_UDP, 1, 0, 1, udp, n);
	inject_ip_from(peer_mac, grp_mac, ip, n);
	assert_int_equal(ctr("Ip", "InAddrErrors"), 1);        /* not joined */
	assert_int_equal(L(ip_mc_join_group(0, grp)), -ENODEV); /* no route to pick a device */
	assert_int_equal(L(ip_mc_join_group(eth0->ifindex, OUR_IP)), -EINVAL);
	assert_int_equal(L(ip_mc_join_group(eth0->ifindex, grp)), 0);
	assert_int_equal(L(ip_mc_join_group(eth0->ifindex, grp)), 0);   /* a second socket */
	inject_ip_from(peer_mac, grp_mac, ip, n);
	assert_int_equal(recv_str(rx, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "mc");
	assert_int_equal(recv_str(uni, buf, sizeof(buf)), -EAGAIN);
	assert_int_equal(ctr("IpExt", "InMcastPkts"), 1);
	assert_int_equal(L(ip_mc_leave_group(eth0->ifindex, grp)), 0);
	inject_ip_from(peer_mac, grp_mac, ip, n);
	assert_int_equal(recv_str(rx, buf, sizeof(buf)), 2);    /* one member left */
	assert_int_equal(L(ip_mc_leave_group(eth0->ifindex, grp)), 0);
	assert_int_equal(L(ip_mc_leave_group(eth0->ifindex, grp)), -EADDRNOTAVAIL);
	inject_ip_from(peer_mac, grp_mac, ip, n);
	assert_int_equal(recv_str(rx, buf, sizeof(buf)), -EAGAIN);

	/* Sending to a group: the mapped MAC, TTL 1, and a local copy for
	 * members (IP_MULTICAST_LOOP). */
	net_lock();
	fib_config_init(&cfg);
	cfg.dst = IP4(224, 0, 0, 0);
	cfg.dst_len = 4;
	cfg.oif = eth0->ifindex;
	assert_int_equal(fib_table_insert(&cfg), 0);
	assert_int_equal(ip_mc_join_group(0, grp), 0);
	net_unlock();
	fakedev_purge(eth0);	/* the IGMP reports (test_igmp.c) */
	mcast_out = ctr("IpExt", "OutMcastPkts");
	assert_int_equal(L(udp_sendto(tx, "out", 3, grp, net_htons(7000))), 3);
	assert_true(pop_frame(eth0, &f));
	assert_memory_equal(f.eth->h_dest, grp_mac, 6);
	assert_int_equal(f.ip->ttl, 1);
	assert_int_equal(f.ip->daddr, grp);
	frame_free(&f);
	net_settle();
	assert_int_equal(recv_str(rx, buf, sizeof(buf)), 3);
	assert_string_equal(buf, "out");
	assert_int_equal(ctr("IpExt", "OutMcastPkts") - mcast_out, 1);
	LV(udp_close(rx));
	LV(udp_close(uni));
	LV(udp_close(tx));
}

/* Send len bytes of data from sk with control messages ipc. */
static int send_ipc(struct sock *sk, const char *data, be32 daddr, u16 port,
		    const struct ipcm_cookie *ipc)
{
	u32 len = (u32)strlen(data);
	struct pkbuf *pkb = pkb_alloc(UDP_HEADROOM, len);

	assert_non_null(pkb);
	memcpy(pkb_put(pkb, len), data, len);
	return L(udp_send_pkb(sk, pkb, daddr, net_htons(port), ipc, 0));
}

/*
 * ip(7) IP_RECVERR: an unconnected socket queues the port unreachable
 * lo returns, with the datagram's payload, the destination, the ICMP
 * type and code and the offender; the error is also pending until the
 * entry is taken (Linux's sock_dequeue_err_skb).
 */
static void recverr_queues_icmp_errors(void **state)
{
	struct sock *sk = L(udp_sock_create());
	struct sock_exterr_cb *serr;
	struct pkbuf *e;
	char buf[8];

	(void)state;
	sk->recverr = true;
	assert_int_equal(L(udp_sendto(sk, "probe", 5, LOOP_IP, net_htons(9))), 5);
	net_settle();
	assert_int_equal(sk->error_queue.count, 1);
	assert_int_equal(sk->err, ECONNREFUSED);
	assert_int_equal(L(udp_poll(sk)), EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND | EPOLLERR);
	e = L(ip_recv_error_take(sk));
	assert_non_null(e);
	assert_int_equal(e->len, 5);
	assert_memory_equal(e->data, "probe", 5);
	serr = SKB_EXT_ERR(e);
	assert_int_equal(serr->ee.ee_errno, ECONNREFUSED);
	assert_int_equal(serr->ee.ee_origin, SO_EE_ORIGIN_ICMP);
	assert_int_equal(serr->ee.ee_type, ICMP_DEST_UNREACH);
	assert_int_equal(serr->ee.ee_code, ICMP_PORT_UNREACH);
	assert_int_equal(serr->ee.ee_info, 0);
	assert_int_equal(serr->addr, LOOP_IP);
	assert_int_equal(serr->port, net_htons(9));
	assert_int_equal(serr->offender, LOOP_IP);
	assert_int_equal(serr->icmp_daddr, LOOP_IP);
	assert_int_equal(serr->iif, loopback_dev->ifindex);
	pkb_free(e);
	assert_int_equal(sk->err, 0);
	assert_int_equal(L(udp_poll(sk)), EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND);
	assert_int_equal(L(udp_recvfrom(sk, buf, sizeof(buf), 0, NULL, NULL, NULL)), -EAGAIN);
	/* Two errors: the second's errno is pending once the first is taken. */
	assert_int_equal(L(udp_sendto(sk, "a", 1, LOOP_IP, net_htons(9))), 1);
	net_settle();
	/* The pending error fails the next send, once (it is still queued). */
	assert_int_equal(L(udp_sendto(sk, "b", 1, LOOP_IP, net_htons(9))), -ECONNREFUSED);
	assert_int_equal(L(udp_sendto(sk, "c", 1, LOOP_IP, net_htons(9))), 1);
	net_settle();
	assert_int_equal(sk->error_queue.count, 2);
	sk->err = 0;
	pkb_free(L(ip_recv_error_take(sk)));
	assert_int_equal(sk->err, ECONNREFUSED);
	pkb_free(L(ip_recv_error_take(sk)));
	assert_int_equal(sk->err, 0);
	/* Turning IP_RECVERR off is the socket layer's (it purges). */
	LV(udp_close(sk));
}

/*
 * IP_MTU_DISCOVER: DO sets DF and refuses what does not fit the path,
 * queueing a local error (origin LOCAL, ee_info the MTU) with
 * IP_RECVERR; DONT never sets DF; WANT sets it when the datagram fits.
 */
static void pmtudisc_and_local_errors(void **state)
{
	static char big[1600];
	struct sock *sk = L(udp_sock_create());
	struct sock_exterr_cb *serr;
	struct frame f;
	struct pkbuf *e;

	(void)state;
	memset(big, 'b', sizeof(big) - 1);
	assert_int_equal(L(udp_sendto(sk, "w", 1, PEER_IP, net_htons(7))), 1);
	assert_true(pop_frame(eth0, &f));
	assert_int_equal(net_ntohs(f.ip->frag_off), IP_DF);
	frame_free(&f);
	sk->pmtudisc = IP_PMTUDISC_DONT;
	assert_int_equal(L(udp_sendto(sk, "d", 1, PEER_IP, net_htons(7))), 1);
	assert_true(pop_frame(eth0, &f));
	assert_int_equal(f.ip->frag_off, 0);
	frame_free(&f);
	sk->pmtudisc = IP_PMTUDISC_DO;
	sk->recverr = true;
	assert_int_equal(L(udp_sendto(sk, big, 1500 - 28 + 1, PEER_IP, net_htons(7))), -EMSGSIZE);
	assert_int_equal(fakedev_pending(eth0), 0);
	assert_int_equal(sk->err, 0);              /* a local error is only queued */
	e = L(ip_recv_error_take(sk));
	assert_non_null(e);
	assert_int_equal(e->len, 0);
	serr = SKB_EXT_ERR(e);
	assert_int_equal(serr->ee.ee_errno, EMSGSIZE);
	assert_int_equal(serr->ee.ee_origin, SO_EE_ORIGIN_LOCAL);
	assert_int_equal(serr->ee.ee_info, 1500);
	assert_int_equal(serr->addr, PEER_IP);
	assert_int_equal(serr->port, 0);                /* unconnected: no port */
	pkb_free(e);
	assert_int_equal(L(udp_sendto(sk, big, 1500 - 28, PEER_IP, net_htons(7))), 1500 - 28);
	assert_true(pop_frame(eth0, &f));
	assert_int_equal(net_ntohs(f.ip->frag_off), IP_DF);
	frame_free(&f);
	LV(udp_close(sk));
}

/*
 * sendmsg's control messages (ip(7)): IP_PKTINFO's ipi_spec_dst is the
 * source (it must be ours), ipi_ifindex the device; IP_TTL and IP_TOS
 * override the socket's options for one datagram.
 */
static void control_messages_on_send(void **state)
{
	struct sock *sk = L(udp_sock_create()), *rx = bound(0, 7000, false);
	struct ipcm_cookie ipc;
	struct dgram_msg_info info;
	struct pkbuf *pkb;
	struct frame f;

	(void)state;
	sk->ttl = 33;
	sk->tos = 0x28;
	ipcm_init(&ipc);
	ipc.ttl = 7;
	ipc.tos = 0x10;
	assert_int_equal(send_ipc(sk, "tt", PEER_IP, 9, &ipc), 2);
	assert_true(pop_frame(eth0, &f));
	assert_int_equal(f.ip->ttl, 7);
	assert_int_equal(f.ip->tos, 0x10);
	frame_free(&f);
	assert_int_equal(send_ipc(sk, "so", PEER_IP, 9, NULL), 2);
	assert_true(pop_frame(eth0, &f));
	assert_int_equal(f.ip->ttl, 33);
	assert_int_equal(f.ip->tos, 0x28);
	frame_free(&f);
	/* A chosen source over lo (127/8 is all ours). */
	ipcm_init(&ipc);
	ipc.addr_set = true;
	ipc.addr = IP4(127, 0, 0, 3);
	assert_int_equal(send_ipc(sk, "src", LOOP_IP, 7000, &ipc), 3);
	net_settle();
	assert_int_equal(L(udp_recv_take(rx, 0, &pkb, &info)), 0);
	assert_int_equal(info.saddr, IP4(127, 0, 0, 3));
	assert_int_equal(info.sport, sk->sport);
	pkb_free(pkb);
	LV(udp_recv_done(rx, 0, true));
	/* Sources that are not ours. */
	ipc.addr = REMOTE_IP;
	assert_int_equal(send_ipc(sk, "x", PEER_IP, 9, &ipc), -ENETUNREACH);
	ipc.addr = IP4(239, 1, 1, 1);
	assert_int_equal(send_ipc(sk, "x", PEER_IP, 9, &ipc), -EINVAL);
	ipc.addr = BCAST_IP;
	assert_int_equal(send_ipc(sk, "x", PEER_IP, 9, &ipc), -ENETUNREACH);
	/* ipi_spec_dst 0: the route's source, even for a bound socket. */
	ipc.addr = 0;
	ipc.oif = 999;
	assert_int_equal(send_ipc(sk, "x", PEER_IP, 9, &ipc), -ENODEV);
	ipc.oif = eth0->ifindex;
	assert_int_equal(send_ipc(sk, "if", PEER_IP, 9, &ipc), 2);
	assert_true(pop_frame(eth0, &f));
	assert_int_equal(f.ip->saddr, OUR_IP);
	frame_free(&f);
	assert_int_equal(fakedev_pending(eth0), 0);
	LV(udp_close(sk));
	LV(udp_close(rx));
}

/*
 * A socket binds a port on its first send, even one that fails
 * (Linux's inet_autobind runs first).
 */
static void autobind(void **state)
{
	struct sock *sk = L(udp_sock_create());

	(void)state;
	assert_int_equal(sk->sport, 0);
	assert_int_equal(L(udp_autobind(sk)), 0);
	assert_int_not_equal(sk->sport, 0);
	assert_int_equal(L(udp_sock_count()), 1);
	LV(udp_close(sk));
}

/*
 * IP_MULTICAST_IF: a group is reached through the named device with no
 * route; IP_MULTICAST_TTL sets its TTL (IP_TTL does not);
 * IP_MULTICAST_LOOP 0 keeps the local copy from members.
 */
static void multicast_sends(void **state)
{
	static const u8 grp_mac[6] = { 0x01, 0x00, 0x5e, 0x01, 0x02, 0x03 };
	be32 grp = IP4(239, 1, 2, 3);
	struct sock *tx = L(udp_sock_create()), *rx = bound(0, 7000, false);
	char buf[8];
	struct frame f;

	(void)state;
	assert_int_equal(L(udp_sendto(tx, "no", 2, grp, net_htons(7000))), -ENETUNREACH);
	tx->mc_index = eth0->ifindex;
	tx->ttl = 40;
	assert_int_equal(L(udp_sendto(tx, "m1", 2, grp, net_htons(7000))), 2);
	assert_true(pop_frame(eth0, &f));
	assert_memory_equal(f.eth->h_dest, grp_mac, 6);
	assert_int_equal(f.ip->ttl, 1);
	assert_int_equal(f.ip->saddr, OUR_IP);
	frame_free(&f);
	net_settle();
	assert_int_equal(recv_str(rx, buf, sizeof(buf)), -EAGAIN);   /* not a member */
	assert_int_equal(L(ip_mc_join_group(eth0->ifindex, grp)), 0);
	fakedev_purge(eth0);                                         /* its IGMP */
	tx->mc_ttl = 5;
	assert_int_equal(L(udp_sendto(tx, "m2", 2, grp, net_htons(7000))), 2);
	assert_true(pop_frame(eth0, &f));
	assert_int_equal(f.ip->ttl, 5);
	frame_free(&f);
	net_settle();
	assert_int_equal(recv_str(rx, buf, sizeof(buf)), 2);           /* looped back */
	assert_string_equal(buf, "m2");
	tx->mc_loop = false;
	assert_int_equal(L(udp_sendto(tx, "m3", 2, grp, net_htons(7000))), 2);
	assert_true(pop_frame(eth0, &f));
	frame_free(&f);
	net_settle();
	assert_int_equal(recv_str(rx, buf, sizeof(buf)), -EAGAIN);
	/* IP_MULTICAST_IF's address is the source. */
	tx->mc_index = 0;
	tx->mc_addr = OUR_IP;
	assert_int_equal(L(udp_sendto(tx, "m4", 2, grp, net_htons(7000))), 2);
	assert_true(pop_frame(eth0, &f));
	assert_int_equal(f.ip->saddr, OUR_IP);
	frame_free(&f);
	assert_int_equal(L(ip_mc_leave_group(eth0->ifindex, grp)), 0);
	fakedev_purge(eth0);
	LV(udp_close(tx));
	LV(udp_close(rx));
}

static void fake_info(struct sock *sk, u32 *uid, u64 *inode)
{
	(void)sk;
	*uid = 1000;
	*inode = 4242;
}

static void proc_net_udp_has_linux_layout(void **state)
{
	struct sock *a = bound(0, 68, false), *c = L(udp_sock_create());
	char buf[2048], expect[1024], line[160];

	(void)state;
	assert_int_equal(L(udp_connect(c, PEER_IP, net_htons(53))), 0);
	fake_random_seed(1);
	inject_udp(PEER_IP, OUR_IP, 67, 68, "dhcp", 4);
	L(udp_proc_format(buf, sizeof(buf), fake_info));
	snprintf(line, sizeof(line), "   68: 00000000:0044 00000000:0000 07 00000000:%08X "
		 "00:00000000 00000000  1000        0 4242 1 0000000000000000 0",
		 udp_sk(a)->rmem);
	assert_true(udp_sk(a)->rmem > 4);      /* the queued datagram's truesize */
	snprintf(expect, sizeof(expect), "%-127s\n%-127s\n",
		 "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   "
		 "uid  timeout inode ref pointer drops", line);
	assert_memory_equal(buf, expect, strlen(expect));     /* slot 68 first */
	assert_non_null(strstr(buf, " 010200C0:"));            /* the connected one */
	assert_non_null(strstr(buf, " 020200C0:0035 01 "));
	LV(udp_close(a));
	LV(udp_close(c));
}

static void receive_metadata_for_pktinfo(void **state)
{
	struct sock *rx = bound(0, 7000, true), *rx2 = bound(0, 7000, true);
	struct dgram_msg_info info;
	struct pkbuf *pkb;
	u8 udp[64], ip[128];
	u32 n;

	(void)state;
	n = build_udp(udp, PEER_IP, BCAST_IP, 5000, 7000, "b", 1, true);
	n = build_ip(ip, PEER_IP, BCAST_IP, IPPROTO_UDP, 1, 0, 33, udp, n);
	ip[1] = 0x10;
	ip[10] = ip[11] = 0;
	memcpy(ip + 10, &(u16){ inet_csum(ip, 20) }, 2);
	inject_ip_from(peer_mac, bcast_mac, ip, n);
	for (int i = 0; i < 2; i++) {           /* the original and the copy */
		assert_int_equal(L(udp_recv_take(i ? rx2 : rx, 0, &pkb, &info)), 0);
		assert_non_null(pkb);
		assert_int_equal(pkb->len, 1);
		LV(pkb_free(pkb));
		LV(udp_recv_done(i ? rx2 : rx, 0, true));
		assert_true(info.valid);
		assert_int_equal(info.saddr, PEER_IP);
		assert_int_equal(net_ntohs(info.sport), 5000);
		assert_int_equal(info.daddr, BCAST_IP);
		assert_int_equal(info.ifindex, eth0->ifindex);
		assert_int_equal(info.ttl, 33);
		assert_int_equal(info.tos, 0x10);
		assert_int_equal(info.len, 1);
	}
	assert_int_equal(L(udp_recv_take(rx, 0, &pkb, &info)), -EAGAIN);
	assert_null(pkb);
	assert_false(info.valid);
	LV(udp_close(rx));
	LV(udp_close(rx2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, env_setup_cmocka, env_teardown_cmocka)
		T(unknown_port_gets_port_unreachable),
		T(checksum_rules),
		T(length_errors),
		T(computed_zero_checksum_is_sent_as_ones),
		T(sent_datagram_has_correct_headers),
		T(demux_prefers_exact_match),
		T(ephemeral_ports_follow_the_local_range),
		T(bind_rules),
		T(broadcast_goes_to_every_matching_socket),
		T(broadcast_send_needs_so_broadcast),
		T(send_errors),
		T(recv_peek_trunc_and_source),
		T(receive_buffer_limit),
		T(loopback_delivers_from_the_bottom_half),
		T(connected_socket_hears_port_unreachable_over_loopback),
		T(shutdown_and_poll),
		T(failed_user_copies),
		T(msg_more_and_cork_build_one_datagram),
		T(multicast_membership),
		T(proc_net_udp_has_linux_layout),
		T(receive_metadata_for_pktinfo),
		T(recverr_queues_icmp_errors),
		T(pmtudisc_and_local_errors),
		T(control_messages_on_send),
		T(autobind),
		T(multicast_sends),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
