/*
 * ternhost: Tern's network stack in a user-space process on a TAP
 * device, for testing against Linux's own stack inside a network
 * namespace (test/suites/net-host.sh creates the namespace, the TAP
 * device and Linux's address; this program only attaches to it).
 *
 *   ternhost [options] serve
 *       UDP echo on port 7; TCP: 5001 sink (reads to EOF, answers the
 *       SHA-256 of what it read), 5002 source (reads "N\n", sends N
 *       bytes, closes), 5003 echo.  Until SIGTERM/SIGINT or --time.
 *   ternhost [options] ping DST SIZE COUNT
 *       ICMP echo requests of SIZE payload bytes through the stack's raw
 *       ICMP socket (as busybox ping sends them); every reply checked.
 *   ternhost [options] udp DST PORT SIZE COUNT
 *       datagrams to a UDP echo server; every reply checked.
 *   ternhost [options] send DST PORT BYTES
 *       TCP: send BYTES, shut down, compare the peer's SHA-256 line.
 *   ternhost [options] recv DST PORT BYTES
 *       TCP: send "BYTES\n", read to EOF, print the SHA-256.
 *   ternhost [options] conns DST PORT COUNT PARALLEL
 *       TCP: COUNT connections to an echo server, PARALLEL at a time.
 *
 * IPv6 runs too: the link-local address from the MAC and 2001:db8::2/64
 * (RFC 3849 documentation prefix), both through DAD.
 *
 * Options: --tap NAME (tap0), --addr A.B.C.D/LEN (192.0.2.2/24),
 * --mac 02:xx:.. , --loss P, --reorder P, --dup P, --corrupt P (percent),
 * --delay MS, --seed N, --buf BYTES (TCP socket buffers), --time SEC.
 *
 * Client modes print "RESULT ok ..." or "RESULT fail ...", and for the
 * resolver check "neigh DST lladdr MAC STATE".  Exit status 0 = ok.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <net/checksum.h>
#include <net/icmp.h>
#include <net/if_ether.h>
#include <net/inetdevice.h>
#include <net/ipv6.h>
#include <net/neighbour.h>
#include <net/net.h>
#include <net/raw.h>
#include <net/route.h>
#include <net/snmp.h>
#include <net/tcp.h>
#include <net/udp.h>
#include <uapi/errno.h>
#include "sha256.h"
#include "tapdev.h"

#define CHUNK 16384

static volatile sig_atomic_t stop;
static struct netdev *dev;
static u32 opt_buf;
static u64 deadline_ns;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static double secs_since(u64 t0)
{
	return (double)(net_now_ns() - t0) / 1e9;
}

static bool parse_ip(const char *s, be32 *addr, int *prefix)
{
	unsigned a, b, c, d, p = 32;
	int n = sscanf(s, "%u.%u.%u.%u/%u", &a, &b, &c, &d, &p);

	if (n < 4 || a > 255 || b > 255 || c > 255 || d > 255 || p > 32)
		return false;
	*addr = net_htonl(a << 24 | b << 16 | c << 8 | d);
	if (prefix)
		*prefix = (int)p;
	return true;
}

static void print_mac(char *out, const u8 *m)
{
	sprintf(out, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}

/* ---- TCP connections driven by the loop ---------------------------- */

enum role { R_SINK, R_SOURCE, R_ECHO, C_SEND, C_RECV, C_ECHO };

struct conn {
	struct conn *next;
	struct tcp_sock *tp;
	enum role role;
	bool established;     /* client: connect completed */
	bool wr_done;         /* everything queued (and FIN/shutdown issued) */
	bool done;            /* finished; tp released */
	bool ok;
	u64 total, sent, rcvd;
	u64 gen;              /* data generator state */
	struct sha256 h_in, h_out;
	u8 out[CHUNK];
	u32 out_len, out_off;
	char line[128];
	u32 line_len;
	u64 t0, t1;
	u32 max_snd_wnd, max_rcv_wnd;
	u8 snd_wscale, rcv_wscale;
	u32 retrans;
	char why[160];
};

static struct conn *conns;
static u32 conns_done, conns_ok, conns_active;

static struct conn *conn_new(struct tcp_sock *tp, enum role role)
{
	struct conn *c = calloc(1, sizeof(*c));

	if (!c)
		net_panic("out of memory");
	c->tp = tp;
	c->role = role;
	c->gen = 0x9e3779b97f4a7c15ull ^ (u64)(uintptr_t)c;
	sha256_init(&c->h_in);
	sha256_init(&c->h_out);
	c->t0 = net_now_ns();
	c->next = conns;
	conns = c;
	conns_active++;
	return c;
}

static void fill_random(struct conn *c, u8 *p, u32 n)
{
	for (u32 i = 0; i < n; i++) {
		if ((i & 7) == 0) {
			c->gen ^= c->gen >> 12;
			c->gen ^= c->gen << 25;
			c->gen ^= c->gen >> 27;
		}
		p[i] = (u8)((c->gen * 0x2545f4914f6cdd1dull) >> (8 * (i & 7)));
	}
}

static void conn_finish(struct conn *c, bool ok, const char *why)
{
	struct tcp_info info;

	if (c->done)
		return;
	c->t1 = net_now_ns();
	c->ok = ok;
	if (why)
		snprintf(c->why, sizeof(c->why), "%s", why);
	if (c->tp) {
		tcp_get_info(c->tp, &info);
		c->snd_wscale = TCPI_SND_WSCALE(info.tcpi_wscale);
		c->rcv_wscale = TCPI_RCV_WSCALE(info.tcpi_wscale);
		c->retrans = info.tcpi_total_retrans;
		if (ok)
			tcp_close(c->tp);
		else
			tcp_abort(c->tp);
		c->tp = NULL;
	}
	c->done = true;
	conns_done++;
	conns_active--;
	if (ok)
		conns_ok++;
}

/* Queue bytes for sending (small control messages and echoes). */
static void conn_queue(struct conn *c, const void *p, u32 n)
{
	if (c->out_off == c->out_len)
		c->out_off = c->out_len = 0;
	if (n > sizeof(c->out) - c->out_len)
		n = (u32)sizeof(c->out) - c->out_len;
	memcpy(c->out + c->out_len, p, n);
	c->out_len += n;
}

/* Push queued bytes; for bulk roles generate more until `total`. */
static int conn_push(struct conn *c, bool bulk)
{
	for (;;) {
		if (c->out_off == c->out_len) {
			u64 left = c->total - c->sent;
			u32 n = left < CHUNK ? (u32)left : CHUNK;

			if (!bulk || n == 0)
				return 0;
			fill_random(c, c->out, n);
			sha256_update(&c->h_out, c->out, n);
			c->out_off = 0;
			c->out_len = n;
			c->sent += n;
		}
		long n = tcp_send(c->tp, c->out + c->out_off, c->out_len - c->out_off, 0);

		if (n == -EAGAIN)
			return 0;
		if (n < 0)
			return (int)n;
		c->out_off += (u32)n;
	}
}

static bool conn_flushed(const struct conn *c)
{
	return c->out_off == c->out_len && (c->role == C_SEND || c->role == R_SOURCE ?
					    c->sent == c->total : true);
}

/* Read what is there: hash it (and echo it for echo roles); 1 at EOF. */
static int conn_read(struct conn *c, bool line_mode)
{
	static u8 buf[65536];

	for (;;) {
		long n = tcp_recv(c->tp, buf, line_mode ? 1 : sizeof(buf), 0);

		if (n == -EAGAIN)
			return 0;
		if (n < 0)
			return (int)n;
		if (n == 0)
			return 1;
		c->rcvd += (u64)n;
		if (line_mode) {
			if (buf[0] == '\n')
				return 2;
			if (c->line_len < sizeof(c->line) - 1)
				c->line[c->line_len++] = (char)buf[0];
			continue;
		}
		sha256_update(&c->h_in, buf, (size_t)n);
		if (c->role == R_ECHO || c->role == C_ECHO) {
			if (c->role == R_ECHO)
				conn_queue(c, buf, (u32)n);
			else if (c->line_len + (u64)n < sizeof(c->line)) {
				memcpy(c->line + c->line_len, buf, (size_t)n);
				c->line_len += (u32)n;
			}
		}
	}
}

static void track_windows(struct conn *c)
{
	if (c->tp->snd_wnd > c->max_snd_wnd)
		c->max_snd_wnd = c->tp->snd_wnd;
	if (c->tp->rcv_wnd > c->max_rcv_wnd)
		c->max_rcv_wnd = c->tp->rcv_wnd;
}

/* Window scaling and peak windows, for the log and the wscale checks. */
static const char *conn_info(struct conn *c)
{
	static char buf[160];
	struct tcp_info info;

	tcp_get_info(c->tp, &info);
	snprintf(buf, sizeof(buf), "snd_wscale %u rcv_wscale %u max_snd_wnd %u max_rcv_wnd %u "
		 "retrans %u", TCPI_SND_WSCALE(info.tcpi_wscale),
		 TCPI_RCV_WSCALE(info.tcpi_wscale), c->max_snd_wnd, c->max_rcv_wnd,
		 info.tcpi_total_retrans);
	return buf;
}

static void service_conn(struct conn *c)
{
	char hex[65];
	int r;

	if (c->done)
		return;
	/* A closed connection may still hold data to read (a RST can follow
	 * the peer's FIN into TIME_WAIT, RFC 9293 §3.10.7.4); only a
	 * connection that never opened fails here. */
	if (!c->established && (c->tp->sk.err || c->tp->state == TCP_CLOSE)) {
		char why[64];

		snprintf(why, sizeof(why), "connect failed: error %d", c->tp->sk.err);
		conn_finish(c, false, why);
		return;
	}
	if (!c->established) {
		if (c->tp->state != TCP_ESTABLISHED && c->tp->state != TCP_CLOSE_WAIT)
			return;
		c->established = true;
		c->t0 = net_now_ns();
		if (c->role == C_RECV) {
			char req[32];

			snprintf(req, sizeof(req), "%llu\n", (unsigned long long)c->total);
			conn_queue(c, req, (u32)strlen(req));
		}
	}
	track_windows(c);
	switch (c->role) {
	case R_SINK:
		r = conn_read(c, false);
		if (r < 0)
			return conn_finish(c, false, "recv error");
		if (r == 1 && !c->wr_done) {
			sha256_hex(&c->h_in, hex);
			printf("sink: received %llu bytes sha256 %s in %.2f s; tcp_info: %s\n",
			       (unsigned long long)c->rcvd, hex, secs_since(c->t0), conn_info(c));
			fflush(stdout);
			conn_queue(c, hex, 64);
			conn_queue(c, "\n", 1);
			c->wr_done = true;
		}
		if (conn_push(c, false) < 0)
			return conn_finish(c, false, "send error");
		if (c->wr_done && conn_flushed(c))
			conn_finish(c, true, NULL);
		break;
	case R_SOURCE:
		if (!c->total) {
			r = conn_read(c, true);
			if (r < 0 || r == 1)
				return conn_finish(c, false, "no request");
			if (r != 2)
				return;
			c->line[c->line_len] = 0;
			c->total = strtoull(c->line, NULL, 10);
			if (!c->total)
				return conn_finish(c, true, NULL);
		}
		if (conn_push(c, true) < 0)
			return conn_finish(c, false, "send error");
		if (conn_flushed(c)) {
			sha256_hex(&c->h_out, hex);
			printf("source: sent %llu bytes sha256 %s in %.2f s; tcp_info: %s\n",
			       (unsigned long long)c->sent, hex, secs_since(c->t0), conn_info(c));
			fflush(stdout);
			conn_finish(c, true, NULL);    /* FIN after the data */
		}
		break;
	case R_ECHO:
		r = conn_read(c, false);
		if (r < 0)
			return conn_finish(c, false, "recv error");
		if (r == 1)
			c->wr_done = true;
		if (conn_push(c, false) < 0)
			return conn_finish(c, false, "send error");
		if (c->wr_done && conn_flushed(c))
			conn_finish(c, true, NULL);
		break;
	case C_SEND:
		if (conn_push(c, true) < 0)
			return conn_finish(c, false, "send error");
		if (!c->wr_done && conn_flushed(c)) {
			tcp_shutdown(c->tp, SHUT_WR);
			c->wr_done = true;
		}
		r = conn_read(c, true);
		if (r < 0)
			return conn_finish(c, false, "recv error");
		if (r == 1)
			return conn_finish(c, false, "EOF before the peer's digest");
		if (r == 2) {
			c->line[c->line_len] = 0;
			sha256_hex(&c->h_out, hex);
			if (strcmp(hex, c->line) == 0)
				conn_finish(c, true, NULL);
			else
				conn_finish(c, false, "digest mismatch");
		}
		break;
	case C_RECV:
		if (conn_push(c, false) < 0)
			return conn_finish(c, false, "send error");
		r = conn_read(c, false);
		if (r < 0)
			return conn_finish(c, false, "recv error");
		if (r == 1)
			conn_finish(c, c->rcvd == c->total,
				    c->rcvd == c->total ? NULL : "short transfer");
		break;
	case C_ECHO:
		if (conn_push(c, false) < 0)
			return conn_finish(c, false, "send error");
		if (!c->wr_done && conn_flushed(c)) {
			tcp_shutdown(c->tp, SHUT_WR);
			c->wr_done = true;
		}
		r = conn_read(c, false);
		if (r < 0)
			return conn_finish(c, false, "recv error");
		if (r == 1) {
			char want[64];

			snprintf(want, sizeof(want), "hello from connection %p!", (void *)c);
			conn_finish(c, c->line_len == strlen(want) &&
				    memcmp(c->line, want, c->line_len) == 0, "echo mismatch");
		}
		break;
	}
	if (!c->done && c->tp->state == TCP_CLOSE) {
		char why[64];

		snprintf(why, sizeof(why), "closed before the end (error %d)", c->tp->sk.err);
		conn_finish(c, false, why);
	}
}

static void service_all(void)
{
	struct conn **pp = &conns;

	for (struct conn *c = conns; c; c = c->next)
		service_conn(c);
	/* Forget finished server-side connections (clients keep theirs for
	 * the report). */
	while (*pp) {
		struct conn *c = *pp;

		if (c->done && c->role <= R_ECHO) {
			*pp = c->next;
			free(c);
		} else {
			pp = &c->next;
		}
	}
}

static struct tcp_sock *tcp_new(void)
{
	struct tcp_sock *tp = tcp_create();

	if (!tp)
		net_panic("tcp_create: out of memory");
	if (opt_buf) {
		/* The socket layer's SO_RCVBUF / SO_SNDBUF. */
		tp->sk.rcvbuf = opt_buf;
		tp->sk.sndbuf = opt_buf;
	}
	return tp;
}

static struct conn *client_start(be32 dst, u16 port, enum role role, u64 total)
{
	struct tcp_sock *tp = tcp_new();
	struct conn *c = conn_new(tp, role);
	int err;

	c->total = total;
	if (role == C_ECHO) {
		char msg[64];

		snprintf(msg, sizeof(msg), "hello from connection %p!", (void *)c);
		conn_queue(c, msg, (u32)strlen(msg));
	}
	err = tcp_connect(tp, dst, net_htons(port));
	if (err != -EINPROGRESS && err != 0) {
		char why[64];

		snprintf(why, sizeof(why), "connect: %d", err);
		conn_finish(c, false, why);
	}
	return c;
}

/* ---- ICMP echo through the stack's raw socket (raw(7), as ping does) -- */

static struct sock *ping_sk;
static u16 ping_id;
static u32 ping_size, ping_replies, ping_bad;
static bool ping_seen[64];

static void ping_fill(u8 *icmp, u16 seq)
{
	struct icmphdr ih;
	u16 sum;

	memset(&ih, 0, sizeof(ih));
	ih.type = ICMP_ECHO;
	ih.un.echo.id = net_htons(ping_id);
	ih.un.echo.sequence = net_htons(seq);
	memcpy(icmp, &ih, sizeof(ih));
	for (u32 i = 0; i < ping_size; i++)
		icmp[sizeof(ih) + i] = (u8)(i * 13 + seq);
	sum = inet_csum(icmp, sizeof(ih) + ping_size);
	memcpy(icmp + 2, &sum, 2);
}

/* Take what the raw socket holds: IP header, then ICMP (raw(7)). */
static void ping_collect(be32 dst)
{
	static u8 buf[70000];
	be32 from;
	int n;

	while ((n = raw_recvfrom(ping_sk, buf, sizeof(buf), 0, &from, NULL)) > 0) {
		struct icmphdr ih;
		u32 hl = (u32)(buf[0] & 0x0f) * 4, len;
		u16 seq;
		bool good;

		if ((u32)n < hl + sizeof(ih))
			continue;
		len = (u32)n - hl;
		memcpy(&ih, buf + hl, sizeof(ih));
		if (ih.type != ICMP_ECHOREPLY || net_ntohs(ih.un.echo.id) != ping_id)
			continue;            /* someone else's, or our request looped */
		seq = net_ntohs(ih.un.echo.sequence);
		good = from == dst && inet_csum(buf + hl, len) == 0 &&
		       len == sizeof(ih) + ping_size && seq < 64;
		for (u32 i = 0; good && i < ping_size; i++)
			good = buf[hl + sizeof(ih) + i] == (u8)(i * 13 + seq);
		if (good && !ping_seen[seq]) {
			ping_seen[seq] = true;
			ping_replies++;
		} else if (!good) {
			ping_bad++;
		}
	}
}

/* ---- the modes ----------------------------------------------------- */

static void loop_until(bool (*done)(void))
{
	while (!stop && !done() && net_now_ns() < deadline_ns) {
		tapdev_poll(20 * NSEC_PER_MSEC);
		net_lock();
		service_all();
		net_unlock();
	}
}

/* Let closing handshakes finish before the process goes away. */
static void linger_ms(u64 ms)
{
	u64 end = net_now_ns() + ms * NSEC_PER_MSEC;

	while (net_now_ns() < end) {
		tapdev_poll(10 * NSEC_PER_MSEC);
		net_lock();
		service_all();
		net_unlock();
	}
}

static void print_neigh(be32 dst)
{
	struct neighbour *n;
	char mac[32] = "none", ip[20];
	u32 a = net_ntohl(dst);

	snprintf(ip, sizeof(ip), "%u.%u.%u.%u", a >> 24, a >> 16 & 255, a >> 8 & 255, a & 255);
	net_lock();
	n = neigh_lookup(dev, dst);
	if (n && (n->nud_state & NUD_VALID))
		print_mac(mac, n->ha);
	printf("neigh %s lladdr %s state 0x%02x\n", ip, mac, n ? n->nud_state : 0);
	net_unlock();
}

static int mode_serve(void)
{
	struct tcp_sock *ls[3];
	static const u16 ports[3] = { 5001, 5002, 5003 };
	static u8 buf[65536];
	struct sock *udp;

	net_lock();
	for (int i = 0; i < 3; i++) {
		ls[i] = tcp_new();
		if (tcp_bind(ls[i], 0, net_htons(ports[i])) || tcp_listen(ls[i], 1024))
			net_panic("cannot listen on %u", ports[i]);
	}
	udp = udp_sock_create();
	if (!udp || udp_bind(udp, 0, net_htons(7)))
		net_panic("cannot bind UDP 7");
	udp->rcvbuf = 4u << 20;
	net_unlock();
	printf("serving\n");
	fflush(stdout);
	while (!stop && net_now_ns() < deadline_ns) {
		tapdev_poll(50 * NSEC_PER_MSEC);
		net_lock();
		for (int i = 0; i < 3; i++) {
			struct tcp_sock *child;

			while (tcp_accept(ls[i], &child) == 0) {
				struct conn *c = conn_new(child, (enum role)i);

				c->established = true;
			}
		}
		for (int i = 0; i < 256; i++) {
			be32 from;
			be16 port;
			int n = udp_recvfrom(udp, buf, sizeof(buf), 0, &from, &port, NULL);

			if (n < 0)
				break;
			(void)udp_sendto(udp, buf, (u32)n, from, port);
		}
		service_all();
		net_unlock();
	}
	net_lock();
	for (int i = 0; i < 3; i++)
		tcp_close(ls[i]);
	udp_close(udp);
	net_unlock();
	return 0;
}

static int mode_ping(be32 dst, u32 size, u32 count)
{
	static u8 msg[65536];
	u64 t0 = net_now_ns();
	int err = 0;

	if (count > 64 || size > 65000) {
		printf("RESULT fail ping: at most 64 pings of 65000 bytes\n");
		return 1;
	}
	ping_size = size;
	ping_id = (u16)(net_random_u32() | 1);
	net_lock();
	ping_sk = raw_sock_create(IPPROTO_ICMP, &err);
	net_unlock();
	if (!ping_sk) {
		printf("RESULT fail ping: raw socket: %d\n", err);
		return 1;
	}
	for (u32 seq = 0; seq < count && !stop; seq++) {
		u64 wait_end = net_now_ns() + 2 * NSEC_PER_SEC;
		int n;

		ping_fill(msg, (u16)seq);
		net_lock();
		n = raw_sendto(ping_sk, msg, (u32)sizeof(struct icmphdr) + size, dst);
		net_unlock();
		if (n != (int)(sizeof(struct icmphdr) + size)) {
			printf("RESULT fail ping: raw sendto %d\n", n);
			return 1;
		}
		/* Like ping(8), ask again if no answer came: Linux holds its
		 * first frames back while a new TAP carrier settles. */
		for (u64 resend = net_now_ns() + 500 * NSEC_PER_MSEC;
		     !ping_seen[seq] && net_now_ns() < wait_end && !stop;) {
			tapdev_poll(10 * NSEC_PER_MSEC);
			net_lock();
			ping_collect(dst);
			if (!ping_seen[seq] && net_now_ns() >= resend) {
				(void)raw_sendto(ping_sk, msg, (u32)sizeof(struct icmphdr) + size, dst);
				resend = net_now_ns() + 500 * NSEC_PER_MSEC;
			}
			net_unlock();
		}
	}
	net_lock();
	raw_close(ping_sk);
	net_unlock();
	print_neigh(dst);
	if (ping_replies == count && !ping_bad) {
		printf("RESULT ok ping: %u/%u replies of %u bytes verified (raw socket) in %.2f s\n",
		       ping_replies, count, size, secs_since(t0));
		return 0;
	}
	printf("RESULT fail ping: %u/%u good replies, %u bad\n", ping_replies, count, ping_bad);
	return 1;
}

static int mode_udp(be32 dst, u16 port, u32 size, u32 count)
{
	static u8 msg[65536], got[65536];
	struct sock *sk;
	u32 good = 0, bad = 0;
	u64 t0 = net_now_ns();

	if (size > UDP_MAX_PAYLOAD || size < 4) {
		printf("RESULT fail udp: size 4..%u\n", UDP_MAX_PAYLOAD);
		return 1;
	}
	net_lock();
	sk = udp_sock_create();
	if (!sk || udp_bind(sk, 0, 0))
		net_panic("udp socket");
	net_unlock();
	for (u32 i = 0; i < count && !stop; i++) {
		u64 wait_end = net_now_ns() + 2 * NSEC_PER_SEC;
		bool answered = false;
		int n;

		for (u32 j = 0; j < size; j++)
			msg[j] = (u8)(j * 7 + i);
		memcpy(msg, &i, 4);
		net_lock();
		n = udp_sendto(sk, msg, size, dst, net_htons(port));
		net_unlock();
		if (n != (int)size) {
			printf("RESULT fail udp: sendto %d\n", n);
			return 1;
		}
		for (u64 resend = net_now_ns() + 500 * NSEC_PER_MSEC;
		     !answered && net_now_ns() < wait_end && !stop;) {
			be32 from;
			be16 fport;
			u32 idx;

			tapdev_poll(10 * NSEC_PER_MSEC);
			net_lock();
			n = udp_recvfrom(sk, got, sizeof(got), 0, &from, &fport, NULL);
			if (n < 0 && net_now_ns() >= resend) {
				/* Lost (or held back by a settling link): again. */
				(void)udp_sendto(sk, msg, size, dst, net_htons(port));
				resend = net_now_ns() + 500 * NSEC_PER_MSEC;
			}
			net_unlock();
			if (n < 0)
				continue;
			memcpy(&idx, got, n >= 4 ? 4 : 0);
			if (from == dst && fport == net_htons(port) && n == (int)size &&
			    memcmp(got, msg, size) == 0) {
				answered = true;
				good++;
			} else if (!(n >= 4 && idx < i)) {
				bad++;           /* not a late copy of an earlier one */
			}
		}
	}
	net_lock();
	udp_close(sk);
	net_unlock();
	print_neigh(dst);
	if (good == count && !bad) {
		printf("RESULT ok udp: %u/%u datagrams of %u bytes echoed intact in %.2f s\n",
		       good, count, size, secs_since(t0));
		return 0;
	}
	printf("RESULT fail udp: %u/%u echoed, %u wrong\n", good, count, bad);
	return 1;
}

static struct conn *bulk;

static bool bulk_done(void)
{
	return bulk->done;
}

static int mode_bulk(be32 dst, u16 port, u64 bytes, bool sending)
{
	char hex[65];
	double t, mib = (double)bytes / (1 << 20);

	net_lock();
	bulk = client_start(dst, port, sending ? C_SEND : C_RECV, bytes);
	net_unlock();
	loop_until(bulk_done);
	net_lock();
	if (!bulk->done) {
		char why[96];

		snprintf(why, sizeof(why), "timed out after %llu of %llu bytes",
			 (unsigned long long)(sending ? bulk->tp->snd_una - bulk->tp->iss - 1
						     : bulk->rcvd),
			 (unsigned long long)bytes);
		conn_finish(bulk, false, why);
	}
	net_unlock();
	linger_ms(300);
	t = (double)(bulk->t1 - bulk->t0) / 1e9;
	printf("tcp_info: snd_wscale %u rcv_wscale %u max_snd_wnd %u max_rcv_wnd %u "
	       "retrans %u\n", bulk->snd_wscale, bulk->rcv_wscale, bulk->max_snd_wnd,
	       bulk->max_rcv_wnd, bulk->retrans);
	if (sending) {
		sha256_hex(&bulk->h_out, hex);
		printf("sent %llu bytes sha256 %s\n", (unsigned long long)bulk->sent, hex);
	} else {
		sha256_hex(&bulk->h_in, hex);
		printf("received %llu bytes sha256 %s\n", (unsigned long long)bulk->rcvd, hex);
	}
	if (bulk->ok)
		printf("RESULT ok %s %.0f MiB in %.2f s = %.2f MiB/s\n",
		       sending ? "send" : "recv", mib, t, t > 0 ? mib / t : 0);
	else
		printf("RESULT fail %s: %s\n", sending ? "send" : "recv", bulk->why);
	return bulk->ok ? 0 : 1;
}

static int mode_conns(be32 dst, u16 port, u32 count, u32 parallel)
{
	u32 started = 0;
	u64 t0 = net_now_ns();
	struct conn *c;

	while (!stop && conns_done < count && net_now_ns() < deadline_ns) {
		net_lock();
		while (started < count && conns_active < parallel) {
			client_start(dst, port, C_ECHO, 0);
			started++;
		}
		net_unlock();
		tapdev_poll(20 * NSEC_PER_MSEC);
		net_lock();
		service_all();
		/* Keep memory flat: drop finished client records, keep counts. */
		for (struct conn **pp = &conns; (c = *pp);) {
			if (c->done && c->ok) {
				*pp = c->next;
				free(c);
			} else {
				pp = &c->next;
			}
		}
		net_unlock();
	}
	linger_ms(300);
	if (conns_ok == count) {
		printf("RESULT ok conns: %u connections (%u at a time) echoed in %.2f s\n",
		       count, parallel, secs_since(t0));
		return 0;
	}
	for (c = conns; c; c = c->next)
		if (c->done && !c->ok) {
			printf("first failure: %s\n", c->why);
			break;
		}
	printf("RESULT fail conns: %u of %u ok (%u finished, %u started)\n", conns_ok, count,
	       conns_done, started);
	return 1;
}

static void usage(void)
{
	fprintf(stderr, "usage: ternhost [options] serve | ping DST SIZE COUNT | "
			"udp DST PORT SIZE COUNT | send DST PORT BYTES | recv DST PORT BYTES | "
			"conns DST PORT COUNT PARALLEL\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *tap = "tap0", *addr = "192.0.2.2/24";
	u8 mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 };
	struct impair imp = { .seed = 1 };
	double time_s = 600;
	be32 local, dst = 0;
	int prefix, fd, i, rc;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!v)
			usage();
		if (!strcmp(o, "--tap"))
			tap = v;
		else if (!strcmp(o, "--addr"))
			addr = v;
		else if (!strcmp(o, "--mac")) {
			unsigned m[6];

			if (sscanf(v, "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3], &m[4],
				   &m[5]) != 6)
				usage();
			for (int k = 0; k < 6; k++)
				mac[k] = (u8)m[k];
		} else if (!strcmp(o, "--loss"))
			imp.loss = atof(v) / 100;
		else if (!strcmp(o, "--reorder"))
			imp.reorder = atof(v) / 100;
		else if (!strcmp(o, "--dup"))
			imp.dup = atof(v) / 100;
		else if (!strcmp(o, "--corrupt"))
			imp.corrupt = atof(v) / 100;
		else if (!strcmp(o, "--delay"))
			imp.delay_ms = (u32)atoi(v);
		else if (!strcmp(o, "--seed"))
			imp.seed = strtoull(v, NULL, 0);
		else if (!strcmp(o, "--buf"))
			opt_buf = (u32)strtoul(v, NULL, 0);
		else if (!strcmp(o, "--time"))
			time_s = atof(v);
		else
			usage();
	}
	if (i >= argc || !parse_ip(addr, &local, &prefix))
		usage();
	const char *mode = argv[i++];
	if (strcmp(mode, "serve") != 0 && (i >= argc || !parse_ip(argv[i++], &dst, NULL)))
		usage();

	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	signal(SIGPIPE, SIG_IGN);
	deadline_ns = net_now_ns() + (u64)(time_s * 1e9);
	fd = tapfd_open(tap);
	if (fd < 0)
		return 3;
	net_lock();
	if (net_init() || dev_open(loopback_dev))
		net_panic("net_init");
	dev = tapdev_create(fd, mac, &imp);
	if (!dev || dev_open(dev) || inet_addr_add_simple(dev, local, (u8)prefix))
		net_panic("cannot set up eth0");
	{
		struct in6_addr a6 = { .s6_addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 } };

		if (addrconf_set_disable(loopback_dev, false) || addrconf_set_disable(dev, false) ||
		    ipv6_addr_add(dev, &a6, 64, 0))
			net_panic("cannot set up IPv6 on eth0");
	}
	net_unlock();
	if (imp.loss || imp.reorder || imp.dup || imp.corrupt || imp.delay_ms)
		printf("impairment: loss %.2f%% reorder %.2f%% dup %.2f%% corrupt %.2f%% "
		       "delay %u ms, seed %llu\n", imp.loss * 100, imp.reorder * 100,
		       imp.dup * 100, imp.corrupt * 100, imp.delay_ms,
		       (unsigned long long)imp.seed);

	if (!strcmp(mode, "serve") && i == argc)
		rc = mode_serve();
	else if (!strcmp(mode, "ping") && i + 2 == argc)
		rc = mode_ping(dst, (u32)atoi(argv[i]), (u32)atoi(argv[i + 1]));
	else if (!strcmp(mode, "udp") && i + 3 == argc)
		rc = mode_udp(dst, (u16)atoi(argv[i]), (u32)atoi(argv[i + 1]),
			      (u32)atoi(argv[i + 2]));
	else if ((!strcmp(mode, "send") || !strcmp(mode, "recv")) && i + 2 == argc)
		rc = mode_bulk(dst, (u16)atoi(argv[i]), strtoull(argv[i + 1], NULL, 0),
			       mode[0] == 's');
	else if (!strcmp(mode, "conns") && i + 3 == argc)
		rc = mode_conns(dst, (u16)atoi(argv[i]), (u32)atoi(argv[i + 1]),
				(u32)atoi(argv[i + 2]));
	else
		usage();
	tapdev_print_counts("");
	/* What the stack's checks threw away: corrupted frames must end here. */
	net_lock();
	printf("stack drops: Ip InHdrErrors %lld InCsumErrors %lld InTruncatedPkts %lld; "
	       "Tcp InCsumErrors %llu; Udp InCsumErrors %lld; Icmp InCsumErrors %lld\n",
	       (long long)snmp_get("Ip", "InHdrErrors"), (long long)snmp_get("IpExt", "InCsumErrors"),
	       (long long)snmp_get("IpExt", "InTruncatedPkts"),
	       (unsigned long long)tcp_mib[TCP_MIB_INCSUMERRORS],
	       (long long)snmp_get("Udp", "InCsumErrors"), (long long)snmp_get("Icmp", "InCsumErrors"));
	/* Loss recovery's decisions (tools/bench-tcp reads them). */
	printf("tcp recovery: RetransSegs %llu TCPTimeouts %llu TCPLossProbes %llu "
	       "TCPLossProbeRecovery %llu TCPSackRecovery %llu TCPLostRetransmit %llu "
	       "TCPDSACKRecv %llu TCPDSACKUndo %llu TCPFullUndo %llu TCPLossUndo %llu "
	       "TCPSpuriousRTOs %llu TCPSACKReorder %llu\n",
	       (unsigned long long)tcp_mib[TCP_MIB_RETRANSSEGS],
	       (unsigned long long)tcp_ext_mib[LINUX_MIB_TCPTIMEOUTS],
	       (unsigned long long)tcp_ext_mib[LINUX_MIB_TCPLOSSPROBES],
	       (unsigned long long)tcp_ext_mib[LINUX_MIB_TCPLOSSPROBERECOVERY],
	       (unsigned long long)tcp_ext_mib[LINUX_MIB_TCPSACKRECOVERY],
	       (unsigned long long)tcp_ext_mib[LINUX_MIB_TCPLOSTRETRANSMIT],
	       (unsigned long long)tcp_ext_mib[LINUX_MIB_TCPDSACKRECV],
	       (unsigned long long)tcp_ext_mib[LINUX_MIB_TCPDSACKUNDO],
	       (unsigned long long)tcp_ext_mib[LINUX_MIB_TCPFULLUNDO],
	       (unsigned long long)tcp_ext_mib[LINUX_MIB_TCPLOSSUNDO],
	       (unsigned long long)tcp_ext_mib[LINUX_MIB_TCPSPURIOUSRTOS],
	       (unsigned long long)tcp_ext_mib[LINUX_MIB_TCPSACKREORDER]);
	net_unlock();
	fflush(stdout);
	/* No teardown: the process exits and the kernel reclaims the TAP fd. */
	return rc;
}
