/*
 * IPv4 reassembly (RFC 791 §3.2 "Reassembly", RFC 815, RFC 1122 §3.3.2).
 *
 * A queue per (source, destination, protocol, identification) holds the
 * fragments sorted by offset.  Like Linux (and RFC 5722's rule for IPv6,
 * which closes the overlapping-fragment attacks of RFC 1858):
 *   - a fragment entirely inside data we already hold is a duplicate:
 *     it is dropped and the queue kept;
 *   - any other overlap discards the whole queue (IpExt ReasmOverlaps);
 *   - a last fragment that disagrees with the length we know, or data
 *     beyond a known end, discards the queue;
 *   - a datagram that would exceed 65535 bytes discards the queue.
 * Because no bytes overlap, the datagram is complete exactly when the
 * first and last fragments are in and the bytes held equal its length.
 *
 * Limits: a queue lives IPFRAG_TIME_NS (30 s, Linux's ipfrag_time) from
 * its first fragment; on expiry the sender gets ICMP time exceeded
 * (fragment reassembly, RFC 792) if fragment 0 arrived.  All queues
 * together hold at most IPFRAG_HIGH_THRESH bytes (Linux's
 * ipfrag_high_thresh) and there are at most IPFRAG_MAX_QUEUES of them;
 * beyond either, fragments are dropped (ReasmFails).
 */
#include <net/checksum.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/snmp.h>
#include <net/timer.h>
#include <uapi/errno.h>

#define FIRST_IN 1
#define LAST_IN 2

struct ipq {
	struct ipq *next;
	be32 saddr, daddr;
	be16 id;
	u8 protocol;
	u8 flags;                 /* FIRST_IN | LAST_IN */
	u32 len;                  /* datagram payload length (known when LAST_IN) */
	u32 meat;                 /* payload bytes held */
	u32 mem;                  /* buffer bytes charged */
	struct pkbuf *fragments;  /* sorted by offset, linked by ->next */
	struct net_timer timer;
};

static struct ipq *ipq_list;
static u32 ipq_count, frag_mem;

static u32 truesize(const struct pkbuf *pkb)
{
	return pkb->size + (u32)sizeof(*pkb);
}

u32 ip_frag_queue_count(void)
{
	return ipq_count;
}

u32 ip_frag_mem(void)
{
	return frag_mem;
}

static void ipq_kill(struct ipq *q)
{
	for (struct ipq **pp = &ipq_list; *pp; pp = &(*pp)->next) {
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
	frag_mem -= q->mem;
	ipq_count--;
	net_free(q);
}

void ip_frag_flush_all(void)
{
	while (ipq_list)
		ipq_kill(ipq_list);
}

static void ip_expire(struct net_timer *t)
{
	struct ipq *q = net_container_of(t, struct ipq, timer);
	struct pkbuf *head = q->fragments;

	IP_INC_STATS(IPSTATS_MIB_REASMFAILS);
	IP_INC_STATS(IPSTATS_MIB_REASMTIMEOUT);
	/* RFC 792 time exceeded code 1, RFC 1122 §3.3.2: only if fragment
	 * zero is here (it is the one quoted). */
	if ((q->flags & FIRST_IN) && head && IPCB(head)->frag_offset == 0)
		icmp_send(head, ICMP_TIME_EXCEEDED, ICMP_EXC_FRAGTIME, 0);
	ipq_kill(q);
}

static struct ipq *ipq_find(const struct iphdr *iph, bool create)
{
	struct ipq *q;

	for (q = ipq_list; q; q = q->next)
		if (q->id == iph->id && q->saddr == iph->saddr && q->daddr == iph->daddr &&
		    q->protocol == iph->protocol)
			return q;
	if (!create || ipq_count >= IPFRAG_MAX_QUEUES)
		return NULL;
	q = net_alloc(sizeof(*q));
	if (!q)
		return NULL;
	q->saddr = iph->saddr;
	q->daddr = iph->daddr;
	q->id = iph->id;
	q->protocol = iph->protocol;
	net_timer_init(&q->timer, ip_expire);
	net_timer_arm_in(&q->timer, IPFRAG_TIME_NS);
	q->next = ipq_list;
	ipq_list = q;
	ipq_count++;
	return q;
}

enum { FRAG_OK, FRAG_DUP, FRAG_OVERLAP };

/* Classify [off, end) against the contiguous runs already held. */
static int frag_check(const struct ipq *q, u32 off, u32 end)
{
	const struct pkbuf *f = q->fragments;

	while (f) {
		u32 run_start = IPCB(f)->frag_offset, run_end = IPCB(f)->frag_end;

		for (f = f->next; f && IPCB(f)->frag_offset == run_end; f = f->next)
			run_end = IPCB(f)->frag_end;
		if (off >= run_start && end <= run_end)
			return FRAG_DUP;
		if (off < run_end && end > run_start)
			return FRAG_OVERLAP;
	}
	return FRAG_OK;
}

/* All fragments in: one buffer with fragment zero's header. */
static struct pkbuf *ip_frag_reasm(struct ipq *q, struct netdev *dev)
{
	struct pkbuf *head = q->fragments, *pkb;
	const struct iphdr *hiph = (const struct iphdr *)pkb_network(head);
	u32 hlen = ip_hdrlen(hiph);
	struct iphdr *iph;
	u8 *p;

	/* Fragment zero's header may be longer than the last fragment's,
	 * against which the 65535-byte limit was checked. */
	if (hlen + q->len > 0xffff)
		return NULL;
	pkb = pkb_alloc(NET_HEADROOM, hlen + q->len);
	if (!pkb)
		return NULL;
	p = pkb_put(pkb, hlen + q->len);
	memcpy(p, hiph, hlen);
	for (struct pkbuf *f = head; f; f = f->next)
		memcpy(p + hlen + IPCB(f)->frag_offset, f->data, f->len);
	iph = (struct iphdr *)p;
	iph->tot_len = net_htons((u16)(hlen + q->len));
	iph->frag_off = 0;
	iph->check = 0;
	iph->check = inet_csum(iph, hlen);
	pkb_set_network(pkb);
	pkb->dev = dev;  /* the last fragment's: surely still registered */
	pkb->protocol = head->protocol;
	pkb->pkt_type = head->pkt_type;
	pkb->tstamp_ns = head->tstamp_ns;
	memcpy(IPCB(pkb), IPCB(head), sizeof(struct ip_cb));
	IPCB(pkb)->frag_offset = IPCB(pkb)->frag_end = 0;
	return pkb;
}

int ip_defrag(struct pkbuf **ppkb)
{
	struct pkbuf *pkb = *ppkb, **pp, *whole;
	const struct iphdr *iph = (const struct iphdr *)pkb->data;
	u32 hlen = ip_hdrlen(iph), offset, end;
	u16 frag = net_ntohs(iph->frag_off);
	struct ipq *q;

	IP_INC_STATS(IPSTATS_MIB_REASMREQDS);
	q = ipq_find(iph, true);
	if (!q || frag_mem + truesize(pkb) > IPFRAG_HIGH_THRESH) {
		IP_INC_STATS(IPSTATS_MIB_REASMFAILS);
		pkb_free(pkb);
		return -ENOBUFS;
	}
	pkb_set_network(pkb);
	offset = (u32)(frag & IP_OFFMASK) * 8;
	end = offset + pkb->len - hlen;
	if (end + hlen > 0xffff)
		goto discard_qp;  /* would exceed the largest datagram */
	if (!(frag & IP_MF)) {
		/* The last fragment fixes the length; it must agree. */
		if (end < q->len || ((q->flags & LAST_IN) && end != q->len))
			goto discard_qp;
		q->flags |= LAST_IN;
		q->len = end;
	} else {
		end &= ~7u;     /* RFC 791: non-last fragments are 8-byte multiples */
		if (end > q->len) {
			if (q->flags & LAST_IN)
				goto discard_qp;
			q->len = end;
		}
	}
	if (end == offset)
		goto discard_qp;  /* empty (Linux discards the queue too) */
	pkb_pull(pkb, hlen);
	pkb_trim(pkb, end - offset);
	switch (frag_check(q, offset, end)) {
	case FRAG_DUP:
		/* Linux: no counter beyond ReasmReqds; the queue stays. */
		pkb_free(pkb);
		return -EINVAL;
	case FRAG_OVERLAP:
		IP_INC_STATS(IPSTATS_MIB_REASM_OVERLAPS);
		goto discard_qp;
	default:
		break;
	}
	IPCB(pkb)->frag_offset = offset;
	IPCB(pkb)->frag_end = end;
	for (pp = &q->fragments; *pp && IPCB(*pp)->frag_offset < offset; pp = &(*pp)->next)
		;
	pkb->next = *pp;
	*pp = pkb;
	q->meat += end - offset;
	q->mem += truesize(pkb);
	frag_mem += truesize(pkb);
	if (offset == 0)
		q->flags |= FIRST_IN;
	if (q->flags != (FIRST_IN | LAST_IN) || q->meat != q->len)
		return -EINPROGRESS;

	whole = ip_frag_reasm(q, pkb->dev);
	ipq_kill(q);
	if (!whole) {
		IP_INC_STATS(IPSTATS_MIB_REASMFAILS);
		return -ENOBUFS;
	}
	IP_INC_STATS(IPSTATS_MIB_REASMOKS);
	*ppkb = whole;
	return 0;

discard_qp:
	IP_INC_STATS(IPSTATS_MIB_REASMFAILS);
	ipq_kill(q);
	pkb_free(pkb);
	return -EINVAL;
}
