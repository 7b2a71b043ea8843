/*
 * IPv6 reassembly (RFC 8200 §4.5), with RFC 5722's overlap rule, RFC
 * 7112's header chain rule and RFC 6946's atomic fragments (exthdrs.c
 * takes those as whole packets before they get here).
 *
 * A queue per (source, destination, identification) holds the fragments
 * (their fragmentable part) sorted by offset.  As in the IPv4 queue
 * (ip_fragment.c, whose rules these are too):
 *   - a fragment inside data already held is an exact duplicate (RFC
 *     8200 §4.5 allows dropping just it): dropped, the queue kept;
 *   - any other overlap discards the whole queue, silently (RFC 5722 §4);
 *   - a last fragment that disagrees with a known length, or data past
 *     it, discards the queue.
 * Checks on each fragment, answered with Parameter Problem (§4.5):
 *   a non-last fragment whose length is not a multiple of 8 (code 0,
 *   pointing at the Payload Length); one whose end would pass 65535
 *   (code 0, pointing at the Fragment Offset); a first fragment without
 *   the whole header chain (RFC 7112 §5: code 3).
 * A queue lives IP6FRAG_TIME_NS (60 s) from its first fragment; on
 * expiry the source hears Time Exceeded code 1 if fragment zero arrived.
 * Queues share IPFRAG_HIGH_THRESH bytes and IPFRAG_MAX_QUEUES entries
 * with nothing else; beyond either, fragments are dropped (ReasmFails).
 */
#include <net/icmpv6.h>
#include <net/ip.h>		/* NET_HEADROOM, IPFRAG_HIGH_THRESH, IPFRAG_MAX_QUEUES */
#include <net/ipv6.h>
#include <uapi/errno.h>

#define FIRST_IN 1
#define LAST_IN 2

struct frag6_queue {
	struct frag6_queue *next;
	struct in6_addr saddr, daddr;
	be32 id;
	u8 flags;
	u32 len;                  /* fragmentable part's length (known when LAST_IN) */
	u32 meat;
	u32 mem;
	u32 unfrag;               /* fragment zero's bytes before its fragment header */
	u8 nexthdr;               /* fragment zero's Fragment header Next Header */
	struct pkbuf *head;       /* fragment zero, whole (data at its IPv6 header) */
	struct pkbuf *fragments;  /* payloads sorted by offset */
	struct net_timer timer;
};

static struct frag6_queue *fq_list;
static u32 fq_count, fq_mem;

u32 ip6_frag_queue_count(void)
{
	return fq_count;
}

static u32 truesize(const struct pkbuf *pkb)
{
	return pkb->size + (u32)sizeof(*pkb);
}

static void fq_kill(struct frag6_queue *q)
{
	for (struct frag6_queue **pp = &fq_list; *pp; pp = &(*pp)->next) {
		if (*pp == q) {
			*pp = q->next;
			break;
		}
	}
	net_timer_cancel(&q->timer);
	while (q->fragments) {
		struct pkbuf *f = q->fragments;

		q->fragments = f->next;
		f->next = NULL;
		pkb_free(f);
	}
	pkb_free(q->head);
	fq_mem -= q->mem;
	fq_count--;
	net_free(q);
}

void ip6_frag_flush_all(void)
{
	while (fq_list)
		fq_kill(fq_list);
}

static void fq_expire(struct net_timer *t)
{
	struct frag6_queue *q = net_container_of(t, struct frag6_queue, timer);

	IP6_INC_STATS(IP6_MIB_REASMFAILS);
	IP6_INC_STATS(IP6_MIB_REASMTIMEOUT);
	if (q->head)
		icmpv6_send(q->head, ICMPV6_TIME_EXCEED, ICMPV6_EXC_FRAGTIME, 0, false);
	fq_kill(q);
}

static struct frag6_queue *fq_find(const struct ipv6hdr *hdr, be32 id)
{
	struct ip6_addrs a = ipv6_hdr_addrs(hdr), *ip6 = &a;
	struct frag6_queue *q;

	for (q = fq_list; q; q = q->next)
		if (q->id == id && ipv6_addr_equal(&q->saddr, &ip6->saddr) &&
		    ipv6_addr_equal(&q->daddr, &ip6->daddr))
			return q;
	if (fq_count >= IPFRAG_MAX_QUEUES)
		return NULL;
	q = net_alloc(sizeof(*q));
	if (!q)
		return NULL;
	q->saddr = ip6->saddr;
	q->daddr = ip6->daddr;
	q->id = id;
	net_timer_init(&q->timer, fq_expire);
	net_timer_arm_in(&q->timer, IP6FRAG_TIME_NS);
	q->next = fq_list;
	fq_list = q;
	fq_count++;
	return q;
}

enum { FRAG_OK, FRAG_DUP, FRAG_OVERLAP };

static int frag_check(const struct frag6_queue *q, u32 off, u32 end)
{
	const struct pkbuf *f = q->fragments;

	while (f) {
		u32 run_start = IP6CB(f)->frag_offset, run_end = IP6CB(f)->frag_end;

		for (f = f->next; f && IP6CB(f)->frag_offset == run_end; f = f->next)
			run_end = IP6CB(f)->frag_end;
		if (off >= run_start && end <= run_end)
			return FRAG_DUP;
		if (off < run_end && end > run_start)
			return FRAG_OVERLAP;
	}
	return FRAG_OK;
}

/*
 * RFC 7112 §5 / RFC 8200 §4.5: does the first fragment hold the whole
 * header chain, up to and including the upper-layer header's start?
 */
static bool chain_complete(const struct pkbuf *pkb, u32 off, u8 next)
{
	for (int guard = 0; guard < 32; guard++) {
		if (next == IPPROTO_NONE)
			return true;
		if (next != IPPROTO_HOPOPTS && next != IPPROTO_DSTOPTS && next != IPPROTO_ROUTING)
			return off + (next == IPPROTO_ICMPV6 || next == IPPROTO_UDP ? 8
				      : next == IPPROTO_TCP ? 20 : 1) <= pkb->len;
		if (off + 2 > pkb->len)
			return false;
		next = pkb->data[off];
		off += ((u32)pkb->data[off + 1] + 1) * 8;
	}
	return false;
}

/* Where is the Next Header field that names the header at fhoff? */
static u32 nexthdr_field(const u8 *p, u32 fhoff)
{
	u32 field = 6, off = sizeof(struct ipv6hdr);

	while (off < fhoff) {
		field = off;
		off += ((u32)p[off + 1] + 1) * 8;
	}
	return field;
}

static struct pkbuf *reasm(struct frag6_queue *q)
{
	u32 tot = q->unfrag + q->len;
	struct pkbuf *pkb, *head = q->head;
	struct ipv6hdr *ip6;
	u8 *p;

	if (tot - sizeof(struct ipv6hdr) > 0xffff)
		return NULL;
	pkb = pkb_alloc(NET_HEADROOM, tot);
	if (!pkb)
		return NULL;
	p = pkb_put(pkb, tot);
	memcpy(p, head->data, q->unfrag);
	for (struct pkbuf *f = q->fragments; f; f = f->next)
		memcpy(p + q->unfrag + IP6CB(f)->frag_offset, f->data, f->len);
	ip6 = (struct ipv6hdr *)p;
	ip6->payload_len = net_htons((u16)(tot - sizeof(*ip6)));
	p[nexthdr_field(p, q->unfrag)] = q->nexthdr;
	pkb_set_network(pkb);
	pkb->dev = head->dev;
	pkb->protocol = head->protocol;
	pkb->pkt_type = head->pkt_type;
	pkb->tstamp_ns = head->tstamp_ns;
	memcpy(IP6CB(pkb), IP6CB(head), sizeof(struct ip6_cb));
	IP6CB(pkb)->flags |= IP6CB_FRAGMENTED;
	IP6CB(pkb)->frag_offset = IP6CB(pkb)->frag_end = 0;
	return pkb;
}

int ipv6_frag_rcv(struct pkbuf **ppkb, u32 fhoff)
{
	struct pkbuf *pkb = *ppkb, **pp, *whole;
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)pkb->data;
	const struct frag_hdr *fh = (const struct frag_hdr *)(pkb->data + fhoff);
	u16 frag = net_ntohs(fh->frag_off);
	u32 offset = frag & IP6_OFFSET, plen = pkb->len - fhoff - sizeof(*fh), end;
	struct frag6_queue *q;

	IP6_INC_STATS(IP6_MIB_REASMREQDS);
	end = offset + plen;
	if ((frag & IP6_MF) && (plen & 7)) {
		IP6_INC_STATS(IP6_MIB_INHDRERRORS);
		icmpv6_param_prob(pkb, ICMPV6_HDR_FIELD, 4);
		goto drop;
	}
	if (fhoff + sizeof(*fh) + end - sizeof(struct ipv6hdr) > 0xffff) {
		IP6_INC_STATS(IP6_MIB_INHDRERRORS);
		icmpv6_param_prob(pkb, ICMPV6_HDR_FIELD, fhoff + 2);
		goto drop;
	}
	if (offset == 0 && !chain_complete(pkb, fhoff + sizeof(*fh), fh->nexthdr)) {
		IP6_INC_STATS(IP6_MIB_INHDRERRORS);
		icmpv6_param_prob(pkb, ICMPV6_HDR_INCOMP, 0);
		goto drop;
	}
	q = fq_find(ip6, fh->identification);
	if (!q || fq_mem + truesize(pkb) > IPFRAG_HIGH_THRESH)
		goto fail;
	if (!(frag & IP6_MF)) {
		if (end < q->len || ((q->flags & LAST_IN) && end != q->len))
			goto discard_q;
		q->flags |= LAST_IN;
		q->len = end;
	} else if (end > q->len) {
		if (q->flags & LAST_IN)
			goto discard_q;
		q->len = end;
	}
	if (end == offset)
		goto discard_q;
	switch (frag_check(q, offset, end)) {
	case FRAG_DUP:
		pkb_free(pkb);
		return -EINVAL;
	case FRAG_OVERLAP:
		goto discard_q;       /* RFC 5722 §4: all of it, no ICMP */
	default:
		break;
	}
	if (offset == 0) {
		/* Keep the whole first fragment: its unfragmentable part
		 * heads the packet and it is what a timeout error quotes. */
		q->head = pkb_copy(pkb, 0);
		if (!q->head)
			goto discard_q;
		q->mem += truesize(q->head);
		fq_mem += truesize(q->head);
		q->unfrag = fhoff;
		q->nexthdr = fh->nexthdr;
		q->flags |= FIRST_IN;
	}
	pkb_pull(pkb, fhoff + sizeof(*fh));
	IP6CB(pkb)->frag_offset = offset;
	IP6CB(pkb)->frag_end = end;
	for (pp = &q->fragments; *pp && IP6CB(*pp)->frag_offset < offset; pp = &(*pp)->next)
		;
	pkb->next = *pp;
	*pp = pkb;
	q->meat += end - offset;
	q->mem += truesize(pkb);
	fq_mem += truesize(pkb);
	if (q->flags != (FIRST_IN | LAST_IN) || q->meat != q->len)
		return -EINPROGRESS;
	whole = reasm(q);
	fq_kill(q);
	if (!whole) {
		IP6_INC_STATS(IP6_MIB_REASMFAILS);
		return -ENOBUFS;
	}
	IP6_INC_STATS(IP6_MIB_REASMOKS);
	*ppkb = whole;
	return 0;

discard_q:
	fq_kill(q);
fail:
	IP6_INC_STATS(IP6_MIB_REASMFAILS);
drop:
	pkb_free(pkb);
	return -EINVAL;
}
