/*
 * libFuzzer target: arbitrary segments (and timer ticks and application
 * calls) against a listening, an established and a closing connection.
 *
 * Build (from the repository root):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Itest/unit/net \
 *     test/fuzz/fuzz_tcp.c test/unit/net/tcp_harness.c test/unit/net/platform_host.c \
 *     $(find net -name '*.c') -o fuzz_tcp
 *
 * Input: a stream of records, each starting with an opcode byte:
 *   0-3  a segment: target (listener / established / closing / random
 *        port), flags, sequence and ACK each either relative to what the
 *        connection expects (to land in the window) or absolute, window,
 *        raw option bytes and payload, all taken from the input;
 *   4    advance the fake clock (timers fire);
 *   5    an application call on the established connection (send,
 *        recv, shutdown, close, keepalive, options);
 *   6    a raw TCP header+payload with only the checksum fixed up;
 *   7    an ACK with SACK blocks relative to SND.UNA (loss recovery paths)
 *        for the established or closing connection.
 * After every record the connections' invariants are checked; at the end
 * everything is torn down and must leave no packet, allocation or timer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <net/checksum.h>
#include "tcp_harness.h"

struct input {
	const u8 *p;
	size_t n;
};

static u8 take8(struct input *in)
{
	u8 v;

	if (!in->n)
		return 0;
	v = *in->p++;
	in->n--;
	return v;
}

static u32 take32(struct input *in)
{
	u32 v = 0;
	int i;

	for (i = 0; i < 4; i++)
		v = v << 8 | take8(in);
	return v;
}

static u32 take_bytes(struct input *in, u8 *out, u32 max)
{
	u32 len = take8(in);

	if (len > max)
		len = max;
	if (len > in->n)
		len = (u32)in->n;
	memcpy(out, in->p, len);
	in->p += len;
	in->n -= len;
	return len;
}

static struct tcp_sock *listener, *estab, *closing;
static struct th_peer p_est, p_clo;

static void inject_raw(be32 saddr, u16 sport, u16 dport, u32 seq, u32 ack, u8 flags,
		       u16 win, const u8 *opt, u32 optlen, const u8 *data, u32 len)
{
	struct pkbuf *pkb;
	struct iphdr *ip;
	struct tcphdr *th;
	u32 tlen;

	optlen &= ~3u;
	tlen = sizeof(*th) + optlen + len;
	pkb = pkb_alloc(NET_HEADROOM, sizeof(*ip) + tlen);
	if (!pkb)
		return;
	ip = pkb_put(pkb, sizeof(*ip));
	th = pkb_put(pkb, sizeof(*th));
	memcpy(pkb_put(pkb, optlen), opt, optlen);
	if (len)
		memcpy(pkb_put(pkb, len), data, len);
	memset(ip, 0, sizeof(*ip));
	ip->ihl_version = 0x45;
	ip->protocol = IPPROTO_TCP;
	ip->tot_len = net_htons((u16)pkb->len);
	ip->saddr = saddr;
	ip->daddr = TH_LOCAL;
	memset(th, 0, sizeof(*th));
	th->source = net_htons(sport);
	th->dest = net_htons(dport);
	th->seq = net_htonl(seq);
	th->ack_seq = net_htonl(ack);
	th->doff = (u8)(((sizeof(*th) + optlen) / 4) << 4);
	th->flags = flags;
	th->window = net_htons(win);
	th->check = csum_fold(csum_partial(th, tlen, csum_pseudo(saddr, TH_LOCAL, IPPROTO_TCP,
								  (u16)tlen)));
	th_inject_ip(pkb);
}

static void segment(struct input *in, u8 op)
{
	static u8 opt[40], data[2048];
	struct tcp_sock *tp = NULL;
	struct th_peer *peer = NULL;
	u8 target = take8(in), flags = take8(in), mode = take8(in);
	u32 seq = take32(in), ack = take32(in);
	u16 win = (u16)(take8(in) << 8 | take8(in));
	u32 optlen = take_bytes(in, opt, sizeof(opt));
	u32 len = take_bytes(in, data, sizeof(data));
	u16 sport = 7000, dport = 8000;
	be32 saddr = TH_REMOTE;

	(void)op;
	switch (target % 4) {
	case 0:                                      /* the listener */
		sport = (u16)(20000 + (seq & 0xff));
		saddr = (mode & 0x80) ? TH_REMOTE2 : TH_REMOTE;
		break;
	case 1:
		tp = estab;
		peer = &p_est;
		break;
	case 2:
		tp = closing;
		peer = &p_clo;
		break;
	default:                                     /* nobody listens here */
		dport = (u16)(9000 + (seq & 0xf));
		break;
	}
	if (peer) {
		sport = peer->port;
		dport = peer->lport;
		if (tp && tp->state != TCP_CLOSE) {
			/* Relative numbers land near the window edges. */
			if (mode & 1)
				seq = tp->rcv_nxt + (u32)(s32)(s16)(seq & 0xffff);
			if (mode & 2)
				ack = tp->snd_una + (u32)(s32)(s16)(ack & 0xffff);
		}
	}
	inject_raw(saddr, sport, dport, seq, ack, flags, win, opt, optlen, data, len);
}

/* Raw header bytes (any doff, any options) with a valid checksum. */
static void raw_segment(struct input *in)
{
	static const u16 ports[] = { 8000, 40001, 40002, 9 };
	static u8 raw[1500];
	u8 which = take8(in);
	u32 len = take_bytes(in, raw, sizeof(raw));
	struct pkbuf *pkb;
	struct iphdr *ip;
	u8 *t;
	u16 sum, dport = ports[which & 3];

	if (len < 4)
		return;
	raw[2] = (u8)(dport >> 8);                   /* aim at one of ours */
	raw[3] = (u8)dport;
	pkb = pkb_alloc(NET_HEADROOM, sizeof(*ip) + len);
	if (!pkb)
		return;
	ip = pkb_put(pkb, sizeof(*ip));
	t = pkb_put(pkb, len);
	memcpy(t, raw, len);
	memset(ip, 0, sizeof(*ip));
	ip->ihl_version = 0x45;
	ip->protocol = IPPROTO_TCP;
	ip->tot_len = net_htons((u16)pkb->len);
	ip->saddr = (which & 4) ? TH_REMOTE2 : TH_REMOTE;
	ip->daddr = TH_LOCAL;
	if (len >= 18) {
		t[16] = t[17] = 0;
		sum = csum_fold(csum_partial(t, len, csum_pseudo(ip->saddr, TH_LOCAL, IPPROTO_TCP,
								  (u16)len)));
		memcpy(t + 16, &sum, 2);
	}
	th_inject_ip(pkb);
}

static void sack_ack(struct input *in)
{
	u8 which = take8(in), n = take8(in) % 5, opt[40], *o = opt;
	struct tcp_sock *tp = (which & 1) ? closing : estab;
	struct th_peer *peer = (which & 1) ? &p_clo : &p_est;
	u32 i, ack;

	if (!tp || tp->state == TCP_CLOSE)
		return;
	ack = tp->snd_una + (take8(in) & 0x0f) * 100;
	*o++ = TCPOPT_NOP;
	*o++ = TCPOPT_NOP;
	*o++ = TCPOPT_SACK;
	*o++ = (u8)(2 + 8 * (n ? n : 1));
	for (i = 0; i < (n ? n : 1); i++) {
		u32 start = tp->snd_una + (u32)take8(in) * 64, end = start + (u32)take8(in) * 64;
		u8 b[8] = { (u8)(start >> 24), (u8)(start >> 16), (u8)(start >> 8), (u8)start,
			    (u8)(end >> 24), (u8)(end >> 16), (u8)(end >> 8), (u8)end };

		memcpy(o, b, 8);
		o += 8;
	}
	while ((o - opt) % 4)
		*o++ = TCPOPT_EOL;
	inject_raw(TH_REMOTE, peer->port, peer->lport, tp->rcv_nxt, ack, TCPHDR_ACK,
		   (u16)(take8(in) << 8 | 0xff), opt, (u32)(o - opt), NULL, 0);
}

static void app_call(struct input *in)
{
	static u8 buf[8192];
	u8 what = take8(in);
	u16 n = (u16)(take8(in) << 5);

	if (!estab)
		return;
	switch (what % 8) {
	case 0:
	case 1:
		tcp_send(estab, buf, n, 0);
		break;
	case 2:
	case 3:
		tcp_recv(estab, buf, n, (what & 8) ? MSG_PEEK : 0);
		break;
	case 4:
		tcp_shutdown(estab, what >> 4 & 3);
		break;
	case 5:
		tcp_set_keepalive(estab, what & 16);
		tcp_setsockopt(estab, TCP_KEEPIDLE, 1 + (what >> 5));
		break;
	case 6:
		tcp_setsockopt(estab, TCP_NODELAY, what & 16);
		tcp_setsockopt(estab, TCP_CORK, what & 32);
		break;
	default:
		tcp_close(estab);                   /* now an orphan TCP frees */
		estab = NULL;
		break;
	}
}

static void setup_world(void)
{
	struct th_opts o = { .mss = 536, .wscale = 2, .sack_perm = true, .ts = true };
	struct th_seg seg;

	th_setup();
	listener = th_listen(8000, 4);
	th_peer_init(&p_est, 7001, 40001);
	estab = th_active_open(&p_est, 0xfffffff0u, &o);
	th_peer_init(&p_clo, 7002, 40002);
	closing = th_active_open(&p_clo, 1000, NULL);
	if (!listener || !estab || !closing)
		abort();
	tcp_send(closing, "bye", 3, 0);
	tcp_shutdown(closing, SHUT_WR);          /* FIN_WAIT1 with data in flight */
	while (th_pop(&seg))
		;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct input in = { data, size };
	int records = 0;

	setup_world();
	while (in.n && records++ < 256) {
		u8 op = take8(&in);
		const char *why;

		switch (op % 8) {
		case 0:
		case 1:
		case 2:
		case 3:
			segment(&in, op);
			break;
		case 4:
			fake_clock_advance((u64)take8(&in) * 20 * NSEC_PER_MSEC *
					   ((op & 0x80) ? 1000 : 1));
			break;
		case 5:
			app_call(&in);
			break;
		case 6:
			raw_segment(&in);
			break;
		default:
			sack_ack(&in);
			break;
		}
		th_drain();
		why = th_check_all();
		if (why) {
			fprintf(stderr, "tcp invariant broken: %s\n", why);
			abort();
		}
	}
	/* Tear down: every connection is freed, nothing leaks. */
	if (estab)
		tcp_close(estab);
	estab = NULL;
	if (!th_teardown()) {
		fprintf(stderr, "tcp teardown leaked\n");
		abort();
	}
	listener = closing = NULL;
	return 0;
}
