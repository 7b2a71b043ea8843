/*
 * ICMPv6 (RFC 4443): echo, errors delivered to the transport that sent
 * the offending packet (and Packet Too Big to the path MTU, RFC 8201),
 * the errors we send with §2.4's rules and rate limits, and dispatch of
 * Neighbor Discovery (RFC 4861) messages to ndisc.c.
 *
 * Counters are Linux's Icmp6 group: InMsgs for everything received,
 * InErrors (and InCsumErrors) for what is dropped as bad,
 * In/OutType<n> per type, OutErrors when a message cannot be sent.
 */
#include <net/checksum.h>
#include <net/icmp_rate.h>
#include <net/icmpv6.h>
#include <net/mld.h>
#include <net/ip.h>		/* NET_HEADROOM */
#include <net/ndisc.h>
#include <uapi/errno.h>

int icmpv6_err_convert(u8 type, u8 code, bool *fatal)
{
	/* Linux's tab_unreach and icmpv6_err_convert. */
	static const struct { int err; bool fatal; } unreach[] = {
		[ICMPV6_NOROUTE] = { ENETUNREACH, false },
		[ICMPV6_ADM_PROHIBITED] = { EACCES, true },
		[ICMPV6_NOT_NEIGHBOUR] = { EHOSTUNREACH, false },
		[ICMPV6_ADDR_UNREACH] = { EHOSTUNREACH, false },
		[ICMPV6_PORT_UNREACH] = { ECONNREFUSED, true },
		[ICMPV6_POLICY_FAIL] = { EACCES, true },
		[ICMPV6_REJECT_ROUTE] = { EACCES, true },
	};

	*fatal = true;
	switch (type) {
	case ICMPV6_DEST_UNREACH:
		if (code < sizeof(unreach) / sizeof(unreach[0])) {
			*fatal = unreach[code].fatal;
			return unreach[code].err;
		}
		return EPROTO;
	case ICMPV6_PKT_TOOBIG:
		*fatal = false;
		return EMSGSIZE;
	case ICMPV6_PARAMPROB:
		return EPROTO;
	case ICMPV6_TIME_EXCEED:
		*fatal = false;
		return EHOSTUNREACH;
	default:
		return EPROTO;
	}
}

void icmpv6_out_count(u8 type)
{
	ICMP6_INC_STATS(ICMP6_MIB_OUTMSGS);
	icmp6msg_out[type]++;
}

int icmpv6_push(struct pkbuf *pkb, const struct ip6_out *o)
{
	struct icmp6hdr *ih = (struct icmp6hdr *)pkb->data;
	struct ip6_out out = *o;
	struct rt6_result rt;
	int err;

	/* The checksum covers the source: choose it now. */
	if (ipv6_addr_any(&out.saddr) && !out.unspec_src) {
		err = ip6_route_output(&out.daddr, out.oif, &rt);
		if (!err)
			err = ipv6_dev_get_saddr(rt.local ? NULL : rt.dev, &out.daddr, &out.saddr);
		if (err) {
			ICMP6_INC_STATS(ICMP6_MIB_OUTERRORS);
			IP6_INC_STATS(IP6_MIB_OUTNOROUTES);
			pkb_free(pkb);
			return err;
		}
	}
	out.nexthdr = IPPROTO_ICMPV6;
	ih->icmp6_cksum = 0;
	ih->icmp6_cksum = csum_fold(csum_partial(pkb->data, pkb->len,
						 csum_ipv6_pseudo(&out.saddr, &out.daddr,
								  IPPROTO_ICMPV6, pkb->len)));
	icmpv6_out_count(ih->icmp6_type);
	err = ip6_output(pkb, &out);
	if (err)
		ICMP6_INC_STATS(ICMP6_MIB_OUTERRORS);
	return err;
}

static bool is_error(u8 type)
{
	return type < 128;
}

/*
 * Is the packet at nh (avail bytes) an ICMPv6 error or redirect
 * (RFC 4443 §2.4 (e.1), (e.2))?  Walks the extension headers.
 */
static bool quotes_icmp_error(const u8 *nh, u32 avail)
{
	u32 off = sizeof(struct ipv6hdr);
	u8 next = ((const struct ipv6hdr *)nh)->nexthdr;

	for (int guard = 0; guard < 32; guard++) {
		if (next == IPPROTO_ICMPV6) {
			if (off + 1 > avail)
				return true;          /* cannot tell: be safe */
			return is_error(nh[off]) || nh[off] == NDISC_REDIRECT;
		}
		if (next != IPPROTO_HOPOPTS && next != IPPROTO_DSTOPTS &&
		    next != IPPROTO_ROUTING && next != IPPROTO_FRAGMENT)
			return false;
		/* A chain running past the data: eligible (Linux's is_ineligible). */
		if (off + 4 > avail)
			return false;
		if (next == IPPROTO_FRAGMENT) {
			if (((nh[off + 2] << 8 | nh[off + 3]) & IP6_OFFSET))
				return false;         /* not the first fragment */
			next = nh[off];
			off += 8;
		} else {
			next = nh[off];
			off += ((u32)nh[off + 1] + 1) * 8;
		}
	}
	return true;
}

/* Linux's icmpv6 ratemask: every error type but Packet Too Big. */
static bool ratelimited_type(u8 type)
{
	return is_error(type) && type != ICMPV6_PKT_TOOBIG;
}

void icmpv6_send(struct pkbuf *orig, u8 type, u8 code, u32 info, bool allow_mcast)
{
	const u8 *nh = pkb_network(orig);
	struct ip6_addrs a, *ip6 = &a;
	struct ip6_out out;
	struct icmp6hdr *ih;
	struct pkbuf *pkb;
	struct rt6_result rt;
	u32 avail, qlen;

	if (!nh || nh < orig->head || nh > orig->data + orig->len)
		return;
	avail = (u32)(orig->data + orig->len - nh);
	if (avail < sizeof(struct ipv6hdr))
		return;
	a = ipv6_hdr_addrs((const struct ipv6hdr *)nh);
	/* §2.4 (e.3)-(e.5): not about multicast, unless allowed. */
	if (!allow_mcast && (ipv6_addr_is_multicast(&ip6->daddr) ||
			     orig->pkt_type == PACKET_MULTICAST ||
			     orig->pkt_type == PACKET_BROADCAST))
		return;
	/* (e.6): only to a source that names one node. */
	if (ipv6_addr_any(&ip6->saddr) || ipv6_addr_is_multicast(&ip6->saddr))
		return;
	/* (e.1), (e.2): never about an error or a redirect. */
	if (quotes_icmp_error(nh, avail))
		return;
	if (ip6_route_output(&ip6->saddr, ipv6_addr_scope(&ip6->saddr) <= IPV6_SCOPE_LINK
			     ? IP6CB(orig)->iif : 0, &rt))
		return;
	/* (f): rate limits, except to ourselves over loopback. */
	if (ratelimited_type(type) && !(rt.dev->flags & IFF_LOOPBACK)) {
		if (!icmp_global_allow())
			return;
		if (!icmp_peer_allow(&ip6->saddr, sizeof(ip6->saddr))) {
			ICMP6_INC_STATS(ICMP6_MIB_RATELIMITHOST);
			return;
		}
		icmp_global_consume();
	}
	/* (c): as much of the packet as fits in the minimum MTU. */
	qlen = avail;
	if (qlen > IPV6_MIN_MTU - sizeof(struct ipv6hdr) - sizeof(*ih))
		qlen = IPV6_MIN_MTU - sizeof(struct ipv6hdr) - sizeof(*ih);
	pkb = pkb_alloc(NET_HEADROOM, sizeof(*ih) + qlen);
	if (!pkb) {
		ICMP6_INC_STATS(ICMP6_MIB_OUTERRORS);
		return;
	}
	ih = pkb_put(pkb, sizeof(*ih) + qlen);
	memset(ih, 0, sizeof(*ih));
	ih->icmp6_type = type;
	ih->icmp6_code = code;
	if (type == ICMPV6_PKT_TOOBIG || type == ICMPV6_PARAMPROB)
		ih->un.un_data32[0] = net_htonl(info);
	memcpy(ih + 1, nh, qlen);

	memset(&out, 0, sizeof(out));
	/* From the address the packet was sent to when it is our unicast
	 * address, else as source selection says (Linux's icmp6_send). */
	if (!ipv6_addr_is_multicast(&ip6->daddr) && ipv6_chk_addr(&ip6->daddr, NULL))
		out.saddr = ip6->daddr;
	out.daddr = ip6->saddr;
	if (ipv6_addr_scope(&ip6->saddr) <= IPV6_SCOPE_LINK)
		out.oif = IP6CB(orig)->iif;
	(void)icmpv6_push(pkb, &out);
}

/* RFC 4443 §4.2: an Echo Reply with the request's identifier, sequence
 * and data, from the address it was sent to unless that was multicast. */
static void icmpv6_echo(struct pkbuf *pkb)
{
	const struct ipv6hdr *hdr = (const struct ipv6hdr *)pkb_network(pkb);
	struct ip6_addrs a = ipv6_hdr_addrs(hdr), *ip6 = &a;
	struct pkbuf *reply = pkb_from(NET_HEADROOM, pkb->data, pkb->len);
	struct ip6_out out;

	if (!reply) {
		ICMP6_INC_STATS(ICMP6_MIB_OUTERRORS);
		return;
	}
	((struct icmp6hdr *)reply->data)->icmp6_type = ICMPV6_ECHO_REPLY;
	((struct icmp6hdr *)reply->data)->icmp6_code = 0;
	memset(&out, 0, sizeof(out));
	if (!ipv6_addr_is_multicast(&ip6->daddr))
		out.saddr = ip6->daddr;
	out.daddr = ip6->saddr;
	out.tclass = (u8)(net_ntohl(hdr->vtc_flow) >> 20);
	if (ipv6_addr_scope(&ip6->saddr) <= IPV6_SCOPE_LINK)
		out.oif = IP6CB(pkb)->iif;
	(void)icmpv6_push(reply, &out);
}

/*
 * An error about a packet we sent (RFC 4443 §2.4 (a), (b)): find the
 * quoted transport header past the quoted extension headers and hand
 * the error to that transport.
 */
static void icmpv6_notify(struct pkbuf *pkb)
{
	const struct icmp6hdr *ih = (const struct icmp6hdr *)pkb->data;
	const u8 *q = pkb->data + sizeof(*ih);
	u32 qlen = pkb->len - sizeof(*ih), off = sizeof(struct ipv6hdr);
	const struct ipv6hdr *inner = (const struct ipv6hdr *)q;
	const struct inet6_protocol *proto;
	u32 info = net_ntohl(ih->un.un_data32[0]);
	bool fatal;
	int err;
	u8 next;

	if (qlen < sizeof(*inner) || (net_ntohl(inner->vtc_flow) >> 28) != 6) {
		ICMP6_INC_STATS(ICMP6_MIB_INERRORS);
		return;
	}
	if (ih->icmp6_type == ICMPV6_PKT_TOOBIG) {
		struct in6_addr dst = inner->daddr;

		/* RFC 8201 §4: learn the path MTU for the quoted destination. */
		ip6_update_pmtu(&dst, info);
		info = info < IPV6_MIN_MTU ? IPV6_MIN_MTU : info;
	}
	next = inner->nexthdr;
	for (int guard = 0; guard < 32; guard++) {
		if (next != IPPROTO_HOPOPTS && next != IPPROTO_DSTOPTS &&
		    next != IPPROTO_ROUTING && next != IPPROTO_FRAGMENT)
			break;
		if (off + 8 > qlen)
			return;
		if (next == IPPROTO_FRAGMENT) {
			if (((q[off + 2] << 8 | q[off + 3]) & IP6_OFFSET))
				return;           /* no transport header quoted */
			next = q[off];
			off += 8;
		} else {
			next = q[off];
			off += ((u32)q[off + 1] + 1) * 8;
		}
	}
	if (off + 8 > qlen)
		return;   /* RFC 4443 §2.4 (d): too little quoted to demultiplex */
	err = icmpv6_err_convert(ih->icmp6_type, ih->icmp6_code, &fatal);
	proto = inet6_get_protocol(next);
	if (proto && proto->err)
		proto->err(inner, off, qlen, ih->icmp6_type, ih->icmp6_code, err, info);
}

static void icmpv6_rcv(struct pkbuf *pkb)
{
	struct ip6_addrs a = ipv6_hdr_addrs((const struct ipv6hdr *)pkb_network(pkb)), *ip6 = &a;
	const struct icmp6hdr *ih;
	const struct inet6_ifaddr *ifa;

	ICMP6_INC_STATS(ICMP6_MIB_INMSGS);
	if (!pkb_may_pull(pkb, sizeof(*ih)))
		goto error;
	if (csum_fold(csum_partial(pkb->data, pkb->len,
				   csum_ipv6_pseudo(&ip6->saddr, &ip6->daddr, IPPROTO_ICMPV6,
						    pkb->len))) != 0) {
		ICMP6_INC_STATS(ICMP6_MIB_CSUMERRORS);
		goto error;
	}
	ih = (const struct icmp6hdr *)pkb->data;
	icmp6msg_in[ih->icmp6_type]++;
	/* RFC 4862 §5.4: a tentative address hears only ND (for DAD). */
	ifa = ipv6_get_ifaddr(NULL, &ip6->daddr);
	if (ifa && (ifa->flags & IFA6_F_TENTATIVE) &&
	    ih->icmp6_type != NDISC_NEIGHBOUR_SOLICITATION &&
	    ih->icmp6_type != NDISC_NEIGHBOUR_ADVERTISEMENT)
		goto drop;
	switch (ih->icmp6_type) {
	case ICMPV6_ECHO_REQUEST:
		icmpv6_echo(pkb);
		break;
	case ICMPV6_DEST_UNREACH:
	case ICMPV6_PKT_TOOBIG:
	case ICMPV6_TIME_EXCEED:
	case ICMPV6_PARAMPROB:
		icmpv6_notify(pkb);
		break;
	case ICMPV6_MGM_QUERY:
		mld_query_rcv(pkb);
		break;
	case NDISC_ROUTER_SOLICITATION:
	case NDISC_ROUTER_ADVERTISEMENT:
	case NDISC_NEIGHBOUR_SOLICITATION:
	case NDISC_NEIGHBOUR_ADVERTISEMENT:
	case NDISC_REDIRECT:
		ndisc_rcv(pkb);
		break;
	default:
		/* §2.4 (b): unknown errors go to the upper layer; unknown
		 * informational messages (and, for now, echo replies with no
		 * ping6 socket, and other hosts' MLD reports) are dropped
		 * silently. */
		if (is_error(ih->icmp6_type))
			icmpv6_notify(pkb);
		break;
	}
drop:
	pkb_free(pkb);
	return;
error:
	ICMP6_INC_STATS(ICMP6_MIB_INERRORS);
	pkb_free(pkb);
}

static const struct inet6_protocol icmpv6_protocol = {
	.protocol = IPPROTO_ICMPV6,
	.rcv = icmpv6_rcv,
};

void icmpv6_init(void)
{
	(void)inet6_add_protocol(&icmpv6_protocol);
}

void icmpv6_exit(void)
{
	(void)inet6_del_protocol(&icmpv6_protocol);
}
