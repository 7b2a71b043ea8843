/* ICMP ping sockets (icmp(7); Linux's net/ipv4/ping.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include <net/ping.h>
#include <net/raw.h>
#include "nettest.h"

static u8 msg[2048], pkt[2048], buf[2048];

static struct sock *ping(void)
{
	struct sock *sk = L(ping_sock_create());

	assert_non_null(sk);
	return sk;
}

/* Send `len` bytes of msg from sk to daddr (NULL: connected). */
static int send_msg(struct sock *sk, const be32 *daddr, u32 len)
{
	struct pkbuf *pkb = pkb_from(NET_HEADROOM, msg, len);

	assert_non_null(pkb);
	return L(ping_send_pkb(sk, pkb, daddr, NULL, 0));
}

/* The next datagram of sk into buf: its length, or a negative errno. */
static int recv_msg(struct sock *sk, struct dgram_msg_info *info)
{
	struct pkbuf *pkb;
	int err = L(ping_recv_take(sk, 0, &pkb, info));

	if (err < 0)
		return err;
	assert_non_null(pkb);
	memcpy(buf, pkb->data, pkb->len);
	err = (int)pkb->len;
	pkb_free(pkb);
	return err;
}

/* The default range admits nobody; an inverted one is the default. */
static void group_range(void **state)
{
	u32 lo, hi;

	(void)state;
	LV(ping_group_range_get(&lo, &hi));
	assert_int_equal(lo, 1);
	assert_int_equal(hi, 0);
	assert_false(L(ping_group_allowed(0)));
	assert_false(L(ping_group_allowed(1)));
	assert_int_equal(L(ping_group_range_set(100, 200)), 0);
	assert_true(L(ping_group_allowed(100)));
	assert_true(L(ping_group_allowed(200)));
	assert_false(L(ping_group_allowed(99)));
	assert_false(L(ping_group_allowed(201)));
	assert_int_equal(L(ping_group_range_set(0, 0xffffffffu)), -EINVAL);
	LV(ping_group_range_get(&lo, &hi));
	assert_int_equal(lo, 100);                  /* unchanged */
	assert_int_equal(hi, 200);
	assert_int_equal(L(ping_group_range_set(5, 2)), 0);
	LV(ping_group_range_get(&lo, &hi));
	assert_int_equal(lo, 1);
	assert_int_equal(hi, 0);
}

/*
 * A request leaves with the socket's identifier (not the caller's) and
 * a right checksum; the reply with that identifier comes back without
 * its IP header; one with another identifier does not.
 */
static void echo_with_the_socket_identifier(void **state)
{
	struct sock *sk = ping();
	struct dgram_msg_info info;
	be32 dst = PEER_IP;
	struct frame f;
	const struct icmphdr *ih;
	be16 ident;
	u32 n, m;

	(void)state;
	assert_true(sk->reuseaddr);                 /* Linux sets SO_REUSEADDR */
	n = build_icmp(msg, ICMP_ECHO, 0, net_htonl(0x12340007), "ping", 4);
	assert_int_equal(send_msg(sk, &dst, n), (int)n);
	ident = sk->sport;
	assert_int_not_equal(ident, 0);             /* bound by the send */
	assert_true(pop_frame(eth0, &f));
	assert_int_equal(f.ip->protocol, IPPROTO_ICMP);
	assert_int_equal(f.ip->saddr, OUR_IP);
	assert_int_equal(f.ip->daddr, PEER_IP);
	assert_int_equal(f.ip->ttl, 64);
	assert_int_equal(f.l4_len, n);
	ih = (const struct icmphdr *)f.l4;
	assert_int_equal(ih->type, ICMP_ECHO);
	assert_int_equal(ih->un.echo.id, ident);
	assert_int_equal(net_ntohs(ih->un.echo.sequence), 7);
	assert_int_equal(inet_csum(f.l4, f.l4_len), 0);
	assert_memory_equal(f.l4 + 8, "ping", 4);
	frame_free(&f);
	assert_int_equal(ctr("Icmp", "OutEchos"), 1);

	m = build_icmp(msg, ICMP_ECHOREPLY, 0, (be32)ident | net_htonl(7), "ping", 4);
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_ICMP, 1, 0, 61, msg, m));
	assert_true(L(ping_poll(sk)) & EPOLLIN);
	assert_int_equal(L(dgram_next_len(sk)), m);
	assert_int_equal(recv_msg(sk, &info), (int)m);
	assert_memory_equal(buf, msg, m);
	assert_int_equal(info.saddr, PEER_IP);
	assert_int_equal(info.sport, 0);
	assert_int_equal(info.daddr, OUR_IP);
	assert_int_equal(info.ttl, 61);
	assert_int_equal(info.ifindex, eth0->ifindex);
	assert_int_equal(ctr("Icmp", "InEchoReps"), 1);
	/* Another identifier is not ours. */
	m = build_icmp(msg, ICMP_ECHOREPLY, 0, (be32)(ident ^ 0x0101) | net_htonl(8), "x", 1);
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_ICMP, 2, 0, 64, msg, m));
	assert_int_equal(recv_msg(sk, &info), -EAGAIN);
	LV(ping_close(sk));
	assert_int_equal(L(ping_sock_count()), 0);
}

/* Only an echo request with code 0 and a whole header is sent. */
static void bad_messages(void **state)
{
	struct sock *sk = ping();
	be32 dst = PEER_IP;
	u32 n = build_icmp(msg, ICMP_ECHO, 0, 0, "x", 1);

	(void)state;
	assert_int_equal(L(ping_check_echo(msg, n)), 0);
	assert_int_equal(L(ping_check_echo(msg, 7)), -EINVAL);
	msg[0] = ICMP_TIMESTAMP;
	assert_int_equal(send_msg(sk, &dst, n), -EINVAL);
	msg[0] = ICMP_ECHOREPLY;
	assert_int_equal(send_msg(sk, &dst, n), -EINVAL);
	msg[0] = ICMP_ECHO;
	msg[1] = 1;
	assert_int_equal(send_msg(sk, &dst, n), -EINVAL);
	msg[1] = 0;
	assert_int_equal(send_msg(sk, NULL, n), -EDESTADDRREQ);
	dst = BCAST_IP;
	assert_int_equal(send_msg(sk, &dst, n), -EACCES);
	sk->broadcast = true;
	assert_int_equal(send_msg(sk, &dst, n), (int)n);
	dst = REMOTE_IP;
	LV(fib_flush_dev(eth0));                    /* no route anywhere but lo */
	assert_int_equal(send_msg(sk, &dst, n), -ENETUNREACH);
	fakedev_purge(eth0);
	LV(ping_close(sk));
}

/* bind(): the identifier, SO_REUSEADDR sharing, the address rules. */
static void bind_rules(void **state)
{
	struct sock *a = ping(), *b = ping(), *c = ping(), *d = ping();
	struct dgram_msg_info info;
	u32 m;

	(void)state;
	assert_int_equal(L(ping_bind(a, REMOTE_IP, net_htons(0x777))), -EADDRNOTAVAIL);
	assert_int_equal(L(ping_bind(a, BCAST_IP, net_htons(0x777))), -EADDRNOTAVAIL);
	assert_int_equal(L(ping_bind(a, IP4(239, 1, 1, 1), net_htons(0x777))), -EADDRNOTAVAIL);
	assert_int_equal(L(ping_bind(a, OUR_IP, net_htons(0x777))), 0);
	assert_int_equal(L(ping_bind(a, OUR_IP, net_htons(0x778))), -EINVAL);
	c->reuseaddr = false;
	assert_int_equal(L(ping_bind(c, 0, net_htons(0x777))), -EADDRINUSE);
	assert_int_equal(L(ping_bind(b, 0, net_htons(0x777))), 0);    /* both reuse */
	/* The last bound gets the replies. */
	m = build_icmp(msg, ICMP_ECHOREPLY, 0, net_htonl(0x07770001), "r", 1);
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_ICMP, 1, 0, 64, msg, m));
	assert_int_equal(recv_msg(b, &info), (int)m);
	assert_int_equal(recv_msg(a, &info), -EAGAIN);
	/* Identifier 0 picks a free one; disconnect keeps what bind chose. */
	assert_int_equal(L(ping_bind(d, 0, 0)), 0);
	assert_int_not_equal(d->sport, 0);
	assert_int_not_equal(d->sport, net_htons(0x777));
	assert_int_equal(L(ping_connect(a, PEER_IP)), 0);
	assert_int_equal(a->daddr, PEER_IP);
	assert_int_equal(L(ping_disconnect(a)), 0);
	assert_int_equal(a->sport, net_htons(0x777));
	assert_int_equal(a->saddr, OUR_IP);
	/* connect() on a fresh socket picks an identifier and a source;
	 * disconnect gives both up. */
	assert_int_equal(L(ping_connect(c, PEER_IP)), 0);
	assert_int_not_equal(c->sport, 0);
	assert_int_equal(c->saddr, OUR_IP);
	assert_int_equal(L(ping_disconnect(c)), 0);
	assert_int_equal(c->sport, 0);
	assert_int_equal(c->saddr, 0);
	LV(ping_close_all());
}

/* Over loopback: a raw socket sees the request, the ping socket the reply. */
static void ping_over_loopback(void **state)
{
	struct sock *sk = ping();
	int err;
	struct sock *raw = L(raw_sock_create(IPPROTO_ICMP, &err));
	struct dgram_msg_info info;
	be32 dst = LOOP_IP;
	u32 n = build_icmp(msg, ICMP_ECHO, 0, net_htonl(0xbeef0003), "lo", 2);

	(void)state;
	assert_int_equal(send_msg(sk, &dst, n), (int)n);
	net_settle();
	assert_int_equal(L(raw_recvfrom(raw, buf, sizeof(buf), 0, NULL, NULL)), 20 + (int)n);
	assert_int_equal(buf[20], ICMP_ECHO);
	assert_memory_equal(buf + 24, &sk->sport, 2);
	assert_int_equal(recv_msg(sk, &info), (int)n);
	assert_int_equal(buf[0], ICMP_ECHOREPLY);
	assert_memory_equal(buf + 4, &sk->sport, 2);
	assert_int_equal(info.saddr, LOOP_IP);
	assert_int_equal(recv_msg(sk, &info), -EAGAIN);      /* not the request */
	LV(raw_close(raw));
	LV(ping_close(sk));
}

/* An ICMP error quoting our request, from GW_IP. */
static void inject_error(const struct sock *sk, u8 type, u8 code)
{
	u8 quoted[20 + 8 + 4];
	u32 qn, n;

	qn = build_icmp(quoted + 20, ICMP_ECHO, 0, (be32)sk->sport | net_htonl(9), "data", 4);
	build_ip(quoted, OUR_IP, PEER_IP, IPPROTO_ICMP, 5, 0, 64, NULL, qn);
	n = build_icmp(msg, type, code, 0, quoted, sizeof(quoted));
	inject_ip(pkt, build_ip(pkt, GW_IP, OUR_IP, IPPROTO_ICMP, 6, 0, 64, msg, n));
}

/*
 * Errors: without IP_RECVERR a connected socket hears hard ones only;
 * with it every one is queued, the quoted request as its payload.
 */
static void errors_and_the_error_queue(void **state)
{
	struct sock *sk = ping(), *conn = ping();
	struct sock_exterr_cb *serr;
	struct dgram_msg_info info;
	struct pkbuf *e;

	(void)state;
	assert_int_equal(L(ping_bind(sk, 0, net_htons(0x1234))), 0);
	assert_int_equal(L(ping_bind(conn, 0, net_htons(0x4321))), 0);
	assert_int_equal(L(ping_connect(conn, PEER_IP)), 0);
	inject_error(sk, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH);
	assert_int_equal(sk->err, 0);               /* unconnected: not told */
	inject_error(conn, ICMP_TIME_EXCEEDED, 0);
	assert_int_equal(conn->err, 0);             /* soft */
	inject_error(conn, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH);
	assert_true(L(ping_poll(conn)) & EPOLLERR);
	assert_int_equal(recv_msg(conn, &info), -EHOSTUNREACH);
	assert_int_equal(conn->err, 0);

	sk->recverr = true;
	inject_error(sk, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL);
	assert_int_equal(sk->error_queue.count, 1);
	assert_true(L(ping_poll(sk)) & EPOLLERR);
	assert_int_equal(sk->err, EHOSTUNREACH);
	e = L(ip_recv_error_take(sk));
	assert_non_null(e);
	assert_int_equal(e->len, 8 + 4);            /* the quoted request */
	assert_int_equal(e->data[0], ICMP_ECHO);
	assert_memory_equal(e->data + 8, "data", 4);
	serr = SKB_EXT_ERR(e);
	assert_int_equal(serr->ee.ee_errno, EHOSTUNREACH);
	assert_int_equal(serr->ee.ee_origin, SO_EE_ORIGIN_ICMP);
	assert_int_equal(serr->ee.ee_type, ICMP_TIME_EXCEEDED);
	assert_int_equal(serr->ee.ee_code, ICMP_EXC_TTL);
	assert_int_equal(serr->port, 0);
	assert_int_equal(serr->addr, PEER_IP);
	assert_int_equal(serr->offender, GW_IP);
	pkb_free(e);
	assert_int_equal(sk->err, 0);               /* taken with the entry */
	assert_false(L(ping_poll(sk)) & EPOLLERR);
	assert_null(L(ip_recv_error_take(sk)));
	LV(ping_close(sk));
	LV(ping_close(conn));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, env_setup_cmocka, env_teardown_cmocka)
		T(group_range),
		T(echo_with_the_socket_identifier),
		T(bad_messages),
		T(bind_rules),
		T(ping_over_loopback),
		T(errors_and_the_error_queue),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
