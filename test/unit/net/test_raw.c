/* Raw IPv4 sockets (raw(7)): what ping and traceroute need. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include <net/raw.h>
#include "nettest.h"

static u8 msg[2048], pkt[2048], buf[2048];

static struct sock *raw(u16 proto)
{
	int err;
	struct sock *sk = L(raw_sock_create(proto, &err));

	assert_non_null(sk);
	assert_int_equal(err, 0);
	return sk;
}

static void ping_socket_sends_and_receives(void **state)
{
	struct sock *sk = raw(IPPROTO_ICMP);
	struct frame f;
	be32 from;
	u32 n;

	(void)state;
	n = build_icmp(msg, ICMP_ECHO, 0, net_htonl(0x12340001), "ping!", 5);
	assert_int_equal(L(raw_sendto(sk, msg, n, PEER_IP)), (int)n);
	assert_true(pop_frame(eth0, &f));
	assert_int_equal(f.ip->protocol, IPPROTO_ICMP);
	assert_int_equal(f.ip->saddr, OUR_IP);
	assert_int_equal(f.ip->daddr, PEER_IP);
	assert_int_equal(net_ntohs(f.ip->frag_off), IP_DF);
	assert_int_equal(f.l4_len, n);
	assert_memory_equal(f.l4, msg, n);
	frame_free(&f);
	/* The reply comes back with its IP header. */
	n = build_icmp(msg, ICMP_ECHOREPLY, 0, net_htonl(0x12340001), "ping!", 5);
	n = build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_ICMP, 77, 0, 64, msg, n);
	inject_ip(pkt, n);
	assert_true(L(raw_poll(sk)) & EPOLLIN);
	assert_int_equal(L(raw_recvfrom(sk, buf, sizeof(buf), 0, &from, NULL)), (int)n);
	assert_memory_equal(buf, pkt, n);
	assert_int_equal(from, PEER_IP);
	assert_int_equal(ctr("Icmp", "InEchoReps"), 1);     /* ICMP saw it too */
	assert_int_equal(L(raw_recvfrom(sk, buf, sizeof(buf), 0, NULL, NULL)), -EAGAIN);
	/* An echo request is copied to the socket and answered by the stack. */
	n = build_icmp(msg, ICMP_ECHO, 0, 0, "q", 1);
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_ICMP, 78, 0, 64, msg, n));
	assert_int_equal(L(raw_recvfrom(sk, buf, sizeof(buf), 0, NULL, NULL)), 20 + 9);
	assert_int_equal(fakedev_pending(eth0), 1);
	fakedev_purge(eth0);
	/* ICMP_FILTER: echo requests (type 8) filtered out. */
	LV(raw_set_icmp_filter(sk, 1u << ICMP_ECHO));
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_ICMP, 79, 0, 64, msg, n));
	assert_int_equal(L(raw_recvfrom(sk, buf, sizeof(buf), 0, NULL, NULL)), -EAGAIN);
	fakedev_purge(eth0);
	LV(raw_close(sk));
}

static void ping_over_loopback(void **state)
{
	struct sock *sk = raw(IPPROTO_ICMP);
	u32 n = build_icmp(msg, ICMP_ECHO, 0, net_htonl(0x00010001), "lo", 2);

	(void)state;
	assert_int_equal(L(raw_sendto(sk, msg, n, LOOP_IP)), (int)n);
	net_settle();
	/* Like Linux: the socket sees its own request, then the reply. */
	assert_int_equal(L(raw_recvfrom(sk, buf, sizeof(buf), 0, NULL, NULL)), 20 + (int)n);
	assert_int_equal(buf[20], ICMP_ECHO);
	assert_int_equal(buf[0], 0x45);
	assert_memory_equal(buf + 12, "\x7f\x00\x00\x01\x7f\x00\x00\x01", 8);
	assert_int_equal(L(raw_recvfrom(sk, buf, sizeof(buf), 0, NULL, NULL)), 20 + (int)n);
	assert_int_equal(buf[20], ICMP_ECHOREPLY);
	assert_int_equal(inet_csum(buf + 20, n), 0);
	LV(raw_close(sk));
}

static void raw_socket_takes_unknown_protocols(void **state)
{
	struct sock *sk = raw(253);
	struct frame f;
	u32 n = build_ip(pkt, PEER_IP, OUR_IP, 253, 5, 0, 64, "exp", 3);

	(void)state;
	inject_ip(pkt, n);
	assert_int_equal(L(raw_recvfrom(sk, buf, sizeof(buf), 0, NULL, NULL)), (int)n);
	assert_int_equal(ctr("Ip", "InUnknownProtos"), 0);
	assert_int_equal(ctr("Ip", "InDelivers"), 1);
	assert_false(pop_frame(eth0, &f));      /* no protocol unreachable */
	/* Bound to another local address: not for this socket. */
	assert_int_equal(L(raw_bind(sk, LOOP_IP)), 0);
	inject_ip(pkt, n);
	assert_int_equal(L(raw_recvfrom(sk, buf, sizeof(buf), 0, NULL, NULL)), -EAGAIN);
	assert_int_equal(ctr("Ip", "InUnknownProtos"), 1);
	assert_int_equal(L(raw_bind(sk, REMOTE_IP)), -EADDRNOTAVAIL);
	fakedev_purge(eth0);
	LV(raw_close(sk));
}

static void hdrincl_header_is_completed(void **state)
{
	struct sock *sk = raw(IPPROTO_RAW);
	struct iphdr *ip = (struct iphdr *)pkt;
	struct frame f;
	int err;

	(void)state;
	build_ip(pkt, 0, PEER_IP, 253, 0, 0, 9, "hdr", 3);
	ip->tot_len = net_htons(999);           /* all fixed by the stack */
	ip->check = 0x1234;
	assert_int_equal(L(raw_sendto(sk, pkt, 23, PEER_IP)), 23);
	assert_true(pop_frame(eth0, &f));       /* pop_frame checks the checksum */
	assert_int_equal(net_ntohs(f.ip->tot_len), 23);
	assert_int_equal(f.ip->saddr, OUR_IP);
	assert_int_not_equal(f.ip->id, 0);
	assert_int_equal(f.ip->ttl, 9);
	assert_int_equal(f.ip->protocol, 253);
	assert_memory_equal(f.l4, "hdr", 3);
	frame_free(&f);
	assert_int_equal(L(raw_sendto(sk, pkt, 19, PEER_IP)), -EINVAL);
	ip->ihl_version = 0x4f;                 /* 60-byte header in 23 bytes */
	assert_int_equal(L(raw_sendto(sk, pkt, 23, PEER_IP)), -EINVAL);
	ip->ihl_version = 0x45;
	assert_int_equal(L(raw_sendto(sk, pkt, 1501, PEER_IP)), -EMSGSIZE);
	assert_int_equal(L(raw_sendto(sk, pkt, 23, BCAST_IP)), -EACCES);
	assert_int_equal(L(raw_sendto(sk, pkt, 23, 0)), -EDESTADDRREQ);
	assert_null(L(raw_sock_create(0, &err)));
	assert_int_equal(err, -EPROTONOSUPPORT);
	LV(raw_close(sk));
}

static void connected_raw_socket_hears_hard_errors(void **state)
{
	struct sock *sk = raw(253), *other = raw(253);
	u8 quoted[28] = { 0 };
	u32 n;

	(void)state;
	assert_int_equal(L(raw_connect(sk, PEER_IP)), 0);
	assert_int_equal(sk->saddr, OUR_IP);
	build_ip(quoted, OUR_IP, PEER_IP, 253, 1, 0, 64, NULL, 8);
	n = build_icmp(msg, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0, quoted, sizeof(quoted));
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_ICMP, 9, 0, 64, msg, n));
	assert_int_equal(L(raw_recvfrom(sk, buf, sizeof(buf), 0, NULL, NULL)), -ENOPROTOOPT);
	assert_int_equal(other->err, 0);        /* unconnected: nothing */
	/* Connected: only the peer's datagrams are received. */
	inject_ip(pkt, build_ip(pkt, GW_IP, OUR_IP, 253, 5, 0, 64, "x", 1));
	assert_int_equal(L(raw_recvfrom(sk, buf, sizeof(buf), 0, NULL, NULL)), -EAGAIN);
	assert_int_equal(L(raw_recvfrom(other, buf, sizeof(buf), 0, NULL, NULL)), 21);
	LV(raw_close(sk));
	LV(raw_close(other));
	assert_int_equal(L(raw_sock_count()), 0);
}

/* Send len bytes of msg from sk to daddr with the control messages ipc. */
static int send_ipc(struct sock *sk, const void *data, u32 len, be32 daddr,
		    const struct ipcm_cookie *ipc)
{
	struct pkbuf *pkb = pkb_from(NET_HEADROOM, data, len);

	assert_non_null(pkb);
	return L(raw_send_pkb(sk, pkb, &daddr, ipc, 0));
}

/* An ICMP error from GW_IP quoting a datagram of `proto` we sent to PEER_IP. */
static void inject_error(u8 proto, u8 type, u8 code)
{
	u8 quoted[20 + 8];

	memcpy(quoted + 20, "\x08\x00\x00\x00quot", 8);
	build_ip(quoted, OUR_IP, PEER_IP, proto, 3, 0, 64, NULL, 8);
	inject_ip(pkt, build_ip(pkt, GW_IP, OUR_IP, IPPROTO_ICMP, 4, 0, 64, msg,
				build_icmp(msg, type, code, 0, quoted, sizeof(quoted))));
}

/*
 * IP_RECVERR on a raw socket (Linux's raw_err): every error is queued
 * and pending, unconnected or not; the payload starts behind the quoted
 * IP header, or at it with IP_HDRINCL.
 */
static void raw_error_queue(void **state)
{
	struct sock *sk = raw(253);
	struct sock_exterr_cb *serr;
	struct pkbuf *e;

	(void)state;
	inject_error(253, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL);
	assert_int_equal(sk->error_queue.count, 0);
	sk->recverr = true;
	inject_error(253, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL);
	assert_int_equal(sk->err, EHOSTUNREACH);
	assert_true(L(raw_poll(sk)) & EPOLLERR);
	e = L(ip_recv_error_take(sk));
	assert_non_null(e);
	assert_int_equal(e->len, 8);
	assert_memory_equal(e->data, "\x08\x00\x00\x00quot", 8);
	serr = SKB_EXT_ERR(e);
	assert_int_equal(serr->ee.ee_origin, SO_EE_ORIGIN_ICMP);
	assert_int_equal(serr->ee.ee_type, ICMP_TIME_EXCEEDED);
	assert_int_equal(serr->port, 0);
	assert_int_equal(serr->offender, GW_IP);
	pkb_free(e);
	assert_int_equal(sk->err, 0);
	LV(raw_set_hdrincl(sk, true));
	inject_error(253, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH);
	e = L(ip_recv_error_take(sk));
	assert_non_null(e);
	assert_int_equal(e->len, 28);               /* from the quoted header */
	assert_int_equal(e->data[9], 253);
	assert_int_equal(SKB_EXT_ERR(e)->ee.ee_errno, ENOPROTOOPT);
	pkb_free(e);
	/* Too big for IP_HDRINCL: a local error. */
	build_ip(pkt, 0, PEER_IP, 253, 0, 0, 9, NULL, 1600 - 20);
	assert_int_equal(L(raw_sendto(sk, pkt, 1600, PEER_IP)), -EMSGSIZE);
	e = L(ip_recv_error_take(sk));
	assert_non_null(e);
	assert_int_equal(SKB_EXT_ERR(e)->ee.ee_origin, SO_EE_ORIGIN_LOCAL);
	assert_int_equal(SKB_EXT_ERR(e)->ee.ee_info, 1500);
	pkb_free(e);
	LV(raw_close(sk));
}

/* Control messages and the socket's own options on a raw send. */
static void raw_send_options(void **state)
{
	struct sock *sk = raw(IPPROTO_ICMP), *r = raw(IPPROTO_RAW);
	struct ipcm_cookie ipc;
	struct frame f;
	u32 n = build_icmp(msg, ICMP_ECHO, 0, 0, "o", 1);

	(void)state;
	ipcm_init(&ipc);
	ipc.ttl = 3;
	ipc.tos = 0x20;
	assert_int_equal(send_ipc(sk, msg, n, PEER_IP, &ipc), (int)n);
	assert_true(pop_frame(eth0, &f));
	assert_int_equal(f.ip->ttl, 3);
	assert_int_equal(f.ip->tos, 0x20);
	frame_free(&f);
	assert_int_equal(ctr("Icmp", "OutEchos"), 1);
	assert_int_equal(ctr("Icmp", "OutMsgs"), 1);
	ipc.addr_set = true;
	ipc.addr = REMOTE_IP;
	assert_int_equal(send_ipc(sk, msg, n, PEER_IP, &ipc), -ENETUNREACH);
	/* Connected: bind is refused. */
	assert_int_equal(L(raw_connect(sk, PEER_IP)), 0);
	assert_int_equal(L(raw_bind(sk, OUR_IP)), -EINVAL);
	/* IPPROTO_RAW starts with IP_HDRINCL; off, it sends protocol 255. */
	assert_true(raw_sk(r)->hdrincl);
	LV(raw_set_hdrincl(r, false));
	assert_int_equal(L(raw_sendto(r, "pl", 2, PEER_IP)), 2);
	assert_true(pop_frame(eth0, &f));
	assert_int_equal(f.ip->protocol, IPPROTO_RAW);
	assert_int_equal(f.l4_len, 2);
	frame_free(&f);
		LV(raw_close(sk));
	LV(raw_close(r));
}

static void proc_net_raw_has_linux_layout(void **state)
{
	struct sock *sk = raw(IPPROTO_ICMP);
	char text[512];

	(void)state;
	L(raw_proc_format(text, sizeof(text), NULL));
	assert_string_equal(text,
		"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   "
		"uid  timeout inode ref pointer drops\n"
		"   1: 00000000:0001 00000000:0000 07 00000000:00000000 00:00000000 00000000     "
		"0        0 0 1 0000000000000000 0\n");
	LV(raw_close(sk));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, env_setup_cmocka, env_teardown_cmocka)
		T(ping_socket_sends_and_receives),
		T(ping_over_loopback),
		T(raw_socket_takes_unknown_protocols),
		T(hdrincl_header_is_completed),
		T(connected_raw_socket_hears_hard_errors),
		T(proc_net_raw_has_linux_layout),
		T(raw_error_queue),
		T(raw_send_options),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
