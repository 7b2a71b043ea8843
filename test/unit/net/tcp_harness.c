/* TCP test harness: capture, parse and inject segments (see tcp_harness.h). */
#include <stdio.h>
#include <string.h>

#include <net/checksum.h>
#include <net/timer.h>
#include "tcp_harness.h"

static struct pkb_queue captured;
static u32 path_mtu = 1500;
static bool blackhole;

static int cap_output(struct pkbuf *pkb, const struct ip_out *out)
{
	struct iphdr *ip;

	if (blackhole) {
		pkb_free(pkb);
		return 0;
	}
	/* The capture is a wire without checksum offload. */
	pkb_csum_complete(pkb);
	pkb_set_transport(pkb);
	ip = pkb_push(pkb, sizeof(*ip));
	if (!ip) {
		pkb_free(pkb);
		return -ENOBUFS;
	}
	memset(ip, 0, sizeof(*ip));
	ip->ihl_version = 0x45;
	ip->tot_len = net_htons((u16)pkb->len);
	ip->ttl = out->ttl ? out->ttl : IP_DEFAULT_TTL;
	ip->protocol = out->protocol;
	ip->frag_off = out->df ? net_htons(IP_DF) : 0;
	ip->saddr = out->saddr ? out->saddr : TH_LOCAL;
	ip->daddr = out->daddr;
	ip->check = inet_csum(ip, sizeof(*ip));
	pkb_set_network(pkb);
	pkb_enqueue(&captured, pkb);
	return 0;
}

static int cap_route(be32 daddr, int oif, struct route_result *res)
{
	(void)oif;
	if ((net_ntohl(daddr) >> 24) != 127)
		return -ENETUNREACH;
	memset(res, 0, sizeof(*res));
	res->prefsrc = TH_LOCAL;
	res->mtu = path_mtu;
	return 0;
}

static bool cap_is_local(be32 addr)
{
	return (net_ntohl(addr) >> 24) == 127;
}

static const struct tcp_ip_ops cap_ops = {
	.output = cap_output,
	.route = cap_route,
	.addr_is_local = cap_is_local,
};

void th_setup(void)
{
	pkb_queue_init(&captured);
	fake_clock_set(1000 * NSEC_PER_SEC);
	fake_random_seed(42);
	path_mtu = 1500;
	blackhole = false;
	tcp_set_ip_ops(&cap_ops);
	tcp_mib_reset();
}

void th_set_mtu(u32 mtu)
{
	path_mtu = mtu;
}

void th_set_blackhole(bool on)
{
	blackhole = on;
}

static struct tcp_sock *first_sock;

static void pick_first(struct tcp_sock *tp, void *arg)
{
	(void)arg;
	if (!first_sock && !tp->parent)
		first_sock = tp;
}

static int sock_count;

static void count_one(struct tcp_sock *tp, void *arg)
{
	(void)tp;
	(void)arg;
	sock_count++;
}

int th_count_socks(void)
{
	sock_count = 0;
	tcp_for_each(count_one, NULL);
	return sock_count;
}

static int want_state;
static struct tcp_sock *found;

static void find_one(struct tcp_sock *tp, void *arg)
{
	(void)arg;
	if (!found && tp->state == want_state)
		found = tp;
}

struct tcp_sock *th_find_state(int state)
{
	want_state = state;
	found = NULL;
	tcp_for_each(find_one, NULL);
	return found;
}

bool th_teardown(void)
{
	int guard = 100000;
	const char *why = th_check_all();

	if (why) {
		fprintf(stderr, "tcp invariant broken: %s\n", why);
		return false;
	}

	for (;;) {
		first_sock = NULL;
		tcp_for_each(pick_first, NULL);
		if (!first_sock || --guard == 0)
			break;
		tcp_abort(first_sock);
	}
	th_drain();
	return th_count_socks() == 0 && pkb_live_count() == 0 &&
	       host_live_allocations() == 0 && net_timer_next() == UINT64_MAX &&
	       tcp_mib[TCP_MIB_CURRESTAB] == 0;
}

int th_fixture_setup(void **state)
{
	(void)state;
	th_setup();
	return 0;
}

int th_fixture_teardown(void **state)
{
	(void)state;
	return th_teardown() ? 0 : -1;
}

u32 th_pending(void)
{
	return captured.count;
}

struct pkbuf *th_pop_raw(void)
{
	return pkb_dequeue(&captured);
}

void th_drain(void)
{
	pkb_queue_purge(&captured);
}

bool th_pop(struct th_seg *seg)
{
	struct pkbuf *pkb = pkb_dequeue(&captured);
	const struct iphdr *ip;
	const struct tcphdr *th;
	u32 hl;

	if (!pkb)
		return false;
	ip = (const struct iphdr *)pkb_network(pkb);
	th = (const struct tcphdr *)pkb_transport(pkb);
	hl = (u32)(th->doff >> 4) * 4;
	memset(seg, 0, sizeof(*seg) - sizeof(seg->data));
	seg->saddr = ip->saddr;
	seg->daddr = ip->daddr;
	seg->sport = net_ntohs(th->source);
	seg->dport = net_ntohs(th->dest);
	seg->seq = net_ntohl(th->seq);
	seg->ack = net_ntohl(th->ack_seq);
	seg->flags = th->flags;
	seg->win = net_ntohs(th->window);
	seg->urg_ptr = net_ntohs(th->urg_ptr);
	seg->len = (u32)(pkb->data + pkb->len - (const u8 *)th) - hl;
	tcp_parse_options(th, hl, &seg->opt);
	if (seg->len > TH_MAXDATA)
		seg->len = TH_MAXDATA;
	memcpy(seg->data, (const u8 *)th + hl, seg->len);
	pkb_free(pkb);
	return true;
}

void th_inject_ip(struct pkbuf *pkb)
{
	struct iphdr *ip = (struct iphdr *)pkb->data;

	pkb_set_network(pkb);
	pkb_pull(pkb, ip_hdrlen(ip));
	pkb->pkt_type = PACKET_HOST;
	tcp_v4_rcv(pkb);
}

static u8 *put32(u8 *p, u32 v)
{
	p[0] = (u8)(v >> 24);
	p[1] = (u8)(v >> 16);
	p[2] = (u8)(v >> 8);
	p[3] = (u8)v;
	return p + 4;
}

void th_inject(be32 saddr, u16 sport, be32 daddr, u16 dport, u32 seq, u32 ack, u8 flags,
	       u16 win, const struct th_opts *o, const void *data, u32 len)
{
	u8 opts[40], *p = opts;
	struct pkbuf *pkb;
	struct tcphdr *th;
	struct iphdr *ip;
	u32 optlen;
	int i;

	if (o) {
		if (o->mss) {
			*p++ = TCPOPT_MSS;
			*p++ = 4;
			*p++ = (u8)(o->mss >> 8);
			*p++ = (u8)o->mss;
		}
		if (o->sack_perm) {
			*p++ = TCPOPT_NOP;
			*p++ = TCPOPT_NOP;
			*p++ = TCPOPT_SACK_PERM;
			*p++ = 2;
		}
		if (o->ts) {
			*p++ = TCPOPT_NOP;
			*p++ = TCPOPT_NOP;
			*p++ = TCPOPT_TIMESTAMP;
			*p++ = 10;
			p = put32(p, o->tsval);
			p = put32(p, o->tsecr);
		}
		if (o->wscale >= 0 && (flags & TCPHDR_SYN)) {
			*p++ = TCPOPT_NOP;
			*p++ = TCPOPT_WSCALE;
			*p++ = 3;
			*p++ = (u8)o->wscale;
		}
		if (o->nsacks > 0) {
			int n = o->nsacks;

			if ((u32)(p - opts) + 4 + 8 * n > 40)
				n = (int)((40 - (u32)(p - opts) - 4) / 8);
			*p++ = TCPOPT_NOP;
			*p++ = TCPOPT_NOP;
			*p++ = TCPOPT_SACK;
			*p++ = (u8)(2 + 8 * n);
			for (i = 0; i < n; i++) {
				p = put32(p, o->sacks[i].start);
				p = put32(p, o->sacks[i].end);
			}
		}
	}
	optlen = (u32)(p - opts);
	while (optlen % 4)
		opts[optlen++] = TCPOPT_EOL;
	pkb = pkb_alloc(NET_HEADROOM, sizeof(*ip) + sizeof(*th) + optlen + len);
	if (!pkb)
		return;
	ip = pkb_put(pkb, sizeof(*ip));
	th = pkb_put(pkb, sizeof(*th));
	memcpy(pkb_put(pkb, optlen), opts, optlen);
	if (len)
		memcpy(pkb_put(pkb, len), data, len);
	memset(ip, 0, sizeof(*ip));
	ip->ihl_version = 0x45;
	ip->tot_len = net_htons((u16)pkb->len);
	ip->ttl = 64;
	ip->protocol = IPPROTO_TCP;
	ip->saddr = saddr;
	ip->daddr = daddr;
	ip->check = inet_csum(ip, sizeof(*ip));
	memset(th, 0, sizeof(*th));
	th->source = net_htons(sport);
	th->dest = net_htons(dport);
	th->seq = net_htonl(seq);
	th->ack_seq = net_htonl(ack);
	th->doff = (u8)(((sizeof(*th) + optlen) / 4) << 4);
	th->flags = flags;
	th->window = net_htons(win);
	th->urg_ptr = o ? net_htons(o->urg_ptr) : 0;
	th->check = csum_fold(csum_partial(th, sizeof(*th) + optlen + len,
					   csum_pseudo(saddr, daddr, IPPROTO_TCP,
						       (u16)(sizeof(*th) + optlen + len))));
	th_inject_ip(pkb);
}

void th_peer_init(struct th_peer *p, u16 port, u16 lport)
{
	memset(p, 0, sizeof(*p));
	p->addr = TH_REMOTE;
	p->laddr = TH_LOCAL;
	p->port = port;
	p->lport = lport;
	p->win = 65535;
	p->tsval = 5000;
}

void th_peer_send_at(struct th_peer *p, u32 seq, u8 flags, const void *data, u32 len)
{
	struct th_opts o = { .wscale = -1 };
	int i;

	if (p->ts) {
		o.ts = true;
		o.tsval = p->tsval;
		o.tsecr = p->ts_recent;
	}
	o.nsacks = p->nsacks;
	o.urg_ptr = p->urg_ptr;
	for (i = 0; i < p->nsacks && i < 4; i++)
		o.sacks[i] = p->sacks[i];
	th_inject(p->addr, p->port, p->laddr, p->lport, seq, p->rcv_nxt, flags, p->win, &o,
		  data, len);
}

void th_peer_send(struct th_peer *p, u8 flags, const void *data, u32 len)
{
	u32 seq = p->snd_nxt;

	p->snd_nxt += len + !!(flags & TCPHDR_SYN) + !!(flags & TCPHDR_FIN);
	th_peer_send_at(p, seq, flags, data, len);
}

bool th_peer_recv(struct th_peer *p, struct th_seg *seg)
{
	if (!th_pop(seg))
		return false;
	if (seg->opt.saw_tstamp)
		p->ts_recent = seg->opt.tsval;
	if (seg->seq == p->rcv_nxt || (seg->flags & TCPHDR_SYN)) {
		u32 end = seg->seq + seg->len + !!(seg->flags & TCPHDR_SYN) +
			  !!(seg->flags & TCPHDR_FIN);

		if (tcp_after(end, p->rcv_nxt) || (seg->flags & TCPHDR_SYN))
			p->rcv_nxt = end;
	}
	return true;
}

bool th_connect(struct th_peer *p, struct tcp_sock *tp, u32 peer_isn, const struct th_opts *o)
{
	return th_connect_rtt(p, tp, peer_isn, o, 0);
}

bool th_connect_rtt(struct th_peer *p, struct tcp_sock *tp, u32 peer_isn, const struct th_opts *o,
		    u64 rtt_ns)
{
	struct th_opts so = { .wscale = -1 };
	struct th_seg seg;

	if (tcp_bind(tp, p->laddr, net_htons(p->lport)) != 0 ||
	    tcp_connect(tp, p->addr, net_htons(p->port)) != -EINPROGRESS ||
	    !th_peer_recv(p, &seg) || seg.flags != TCPHDR_SYN)
		return false;
	if (o)
		so = *o;
	if (rtt_ns)
		fake_clock_advance(rtt_ns);
	p->ts = so.ts;
	so.tsecr = p->ts_recent;
	so.tsval = p->tsval;
	th_inject(p->addr, p->port, p->laddr, p->lport, peer_isn, seg.seq + 1,
		  TCPHDR_SYN | TCPHDR_ACK, p->win, &so, NULL, 0);
	p->snd_nxt = peer_isn + 1;
	return tp->state == TCP_ESTABLISHED;
}

struct tcp_sock *th_active_open(struct th_peer *p, u32 peer_isn, const struct th_opts *o)
{
	struct tcp_sock *tp = tcp_create();
	struct th_opts def = { .mss = 1460, .wscale = -1 };
	struct th_seg seg;

	if (!tp)
		return NULL;
	if (!th_connect(p, tp, peer_isn, o ? o : &def) || !th_peer_recv(p, &seg)) {
		tcp_abort(tp);
		return NULL;
	}
	return tp;
}

struct tcp_sock *th_listen(u16 lport, int backlog)
{
	struct tcp_sock *lp = tcp_create();

	if (!lp)
		return NULL;
	if (tcp_bind(lp, TH_LOCAL, net_htons(lport)) || tcp_listen(lp, backlog)) {
		tcp_abort(lp);
		return NULL;
	}
	return lp;
}

struct tcp_sock *th_passive_open(struct th_peer *p, struct tcp_sock *lp, u32 peer_isn,
				 const struct th_opts *o)
{
	struct th_opts def = { .mss = 1460, .wscale = -1 };
	struct tcp_sock *child = NULL;
	struct th_seg seg;

	if (!o)
		o = &def;
	p->ts = o->ts;
	p->snd_nxt = peer_isn + 1;
	{
		struct th_opts so = *o;

		so.tsval = p->tsval;
		so.tsecr = 0;
		th_inject(p->addr, p->port, p->laddr, p->lport, peer_isn, 0, TCPHDR_SYN,
			  p->win, &so, NULL, 0);
	}
	if (!th_peer_recv(p, &seg) || seg.flags != (TCPHDR_SYN | TCPHDR_ACK))
		return NULL;
	th_peer_send(p, TCPHDR_ACK, NULL, 0);
	if (tcp_accept(lp, &child) != 0)
		return NULL;
	return child;
}

static void ev_data_ready(struct sock *sk)
{
	((struct th_events *)sk->owner)->data_ready++;
}

static void ev_write_space(struct sock *sk)
{
	((struct th_events *)sk->owner)->write_space++;
}

static void ev_state_change(struct sock *sk)
{
	((struct th_events *)sk->owner)->state_change++;
}

static void ev_error_report(struct sock *sk)
{
	((struct th_events *)sk->owner)->error_report++;
}

void th_watch(struct tcp_sock *tp, struct th_events *ev)
{
	memset(ev, 0, sizeof(*ev));
	tp->sk.owner = ev;
	tp->sk.data_ready = ev_data_ready;
	tp->sk.write_space = ev_write_space;
	tp->sk.state_change = ev_state_change;
	tp->sk.error_report = ev_error_report;
}

/*
 * Internal consistency of one connection: the counters match the queues,
 * sequence variables are ordered, the reassembly list is sorted, disjoint
 * and beyond RCV.NXT.  Returns NULL or what is wrong.
 */
const char *th_check_sock(const struct tcp_sock *tp)
{
	const struct pkbuf *pkb;
	u32 sent = 0, sacked = 0, lost = 0, retrans = 0, queued = 0;
	bool in_flight = true;

	if (tp->state == TCP_LISTEN || tp->state == TCP_CLOSE)
		return NULL;
	if (tcp_after(tp->snd_una, tp->snd_nxt) || tcp_after(tp->snd_nxt, tp->write_seq))
		return "snd_una <= snd_nxt <= write_seq";
	for (pkb = tp->write_queue.first; pkb; pkb = pkb->next) {
		const struct tcp_skb_cb *cb = (const struct tcp_skb_cb *)(const void *)pkb->cb;

		if (pkb == tp->send_head)
			in_flight = false;
		if (cb->end_seq - cb->seq != pkb->len + !!(cb->flags & TCPHDR_SYN) +
					       !!(cb->flags & TCPHDR_FIN))
			return "segment length";
		if (pkb->next) {
			const struct tcp_skb_cb *n =
				(const struct tcp_skb_cb *)(const void *)pkb->next->cb;

			if (n->seq != cb->end_seq)
				return "write queue contiguous";
		}
		queued += pkb->len;
		if (!in_flight)
			continue;
		sent++;
		sacked += !!(cb->sacked & TCPCB_SACKED);
		lost += !!(cb->sacked & TCPCB_LOST);
		retrans += !!(cb->sacked & TCPCB_RETRANS);
	}
	if (tp->write_queue.first &&
	    ((const struct tcp_skb_cb *)(const void *)tp->write_queue.first->cb)->seq != tp->snd_una)
		return "write queue starts at snd_una";
	if (queued != tp->write_queue.bytes)
		return "write queue bytes";
	if (sent != tp->packets_out)
		return "packets_out";
	if (tp->sack_ok && sacked != tp->sacked_out)
		return "sacked_out";
	if (!tp->sack_ok && tp->sacked_out >= tp->packets_out && tp->packets_out)
		return "reno sacked_out";
	if (lost != tp->lost_out)
		return "lost_out";
	if (retrans != tp->retrans_out)
		return "retrans_out";
	if (tp->sk.receive_queue.bytes + (tp->rcv_fin ? 1u : 0u) != tp->rcv_nxt - tp->copied_seq &&
	    tp->synced)
		return "receive queue bytes";
	{
		u32 ooo = 0, prev_end = tp->rcv_nxt;

		for (pkb = tp->ooo_first; pkb; pkb = pkb->next) {
			const struct tcp_skb_cb *cb =
				(const struct tcp_skb_cb *)(const void *)pkb->cb;

			if (!tcp_after(cb->seq, prev_end) && cb->seq != prev_end)
				return "ooo sorted/disjoint";
			if (cb->end_seq - cb->seq != pkb->len + !!(cb->flags & TCPHDR_FIN))
				return "ooo length";
			ooo += pkb->len;
			prev_end = cb->end_seq;
		}
		if (ooo != tp->ooo_bytes)
			return "ooo_bytes";
		if (tp->ooo_first &&
		    !tcp_after(((const struct tcp_skb_cb *)(const void *)tp->ooo_first->cb)->seq,
			       tp->rcv_nxt))
			return "ooo beyond rcv_nxt";
	}
	return NULL;
}

static const char *first_problem;

static void check_one(struct tcp_sock *tp, void *arg)
{
	const char *why = th_check_sock(tp);

	(void)arg;
	if (why && !first_problem)
		first_problem = why;
}

const char *th_check_all(void)
{
	first_problem = NULL;
	tcp_for_each(check_one, NULL);
	return first_problem;
}
