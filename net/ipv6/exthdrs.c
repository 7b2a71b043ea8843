/*
 * IPv6 extension headers on input (RFC 8200 §4): the walk from the
 * IPv6 header to the upper-layer header, in the order §4.1 allows.
 *
 *  Hop-by-Hop (0)    only directly after the IPv6 header (§4.3); else
 *                    Parameter Problem code 1 pointing at the Next
 *                    Header field that names it.
 *  Destination (60)  options (§4.6).
 *  Routing (43)      Segments Left 0: ignored (§4.4); otherwise -- type
 *                    0 (deprecated, RFC 5095 §3) and every type a host
 *                    does not process -- Parameter Problem code 0
 *                    pointing at the Routing Type field.
 *  Fragment (44)     an atomic fragment (offset 0, M 0) is processed as
 *                    a whole packet (RFC 6946 §4); others are reassembled
 *                    (reassembly.c), then the walk goes on.
 *  No Next (59)      nothing follows (§4.7).
 *  anything else     the upper layer; unknown: Parameter Problem code 1.
 *
 * Options (§4.2) are TLVs; Pad1/PadN and, in Hop-by-Hop, Router Alert
 * (RFC 2711) and Jumbo Payload (RFC 2675) are known.  Unknown ones act
 * by the two high bits of their type: 00 skip, 01 discard, 10 discard
 * and send Parameter Problem code 2 pointing at the option, 11 the same
 * unless the destination is multicast.  Like Linux, more than 7 bytes
 * of padding in a row, non-zero PadN bytes (RFC 4942 §2.1.9.5) and more
 * than IP6_MAX_OPTS non-padding options discard the packet.
 * Every discard here counts Ip6InHdrErrors, as Linux does, except an
 * unknown upper layer (Ip6InUnknownProtos).
 */
#include <net/icmpv6.h>
#include <net/ipv6.h>
#include <uapi/errno.h>

#define OPT_PAD1 0
#define OPT_PADN 1
#define OPT_ROUTER_ALERT 5
#define OPT_JUMBO 0xc2

/*
 * Check the options header at `off` (data at the IPv6 header, header
 * length already checked).  0: go on; -1: discarded (pkb still owned by
 * the caller, which frees it and counts).
 */
static int parse_tlv(struct pkbuf *pkb, u32 off, u32 len, bool hbh)
{
	const u8 *p = pkb->data + off;
	struct in6_addr daddr = ((const struct ipv6hdr *)pkb->data)->daddr;
	u32 i = 2, padlen = 0, nopts = 0;

	while (i < len) {
		u8 type = p[i];
		u32 optlen;

		if (type == OPT_PAD1) {
			if (++padlen > 7)
				return -1;
			i++;
			continue;
		}
		if (i + 2 > len)
			return -1;
		optlen = (u32)p[i + 1] + 2;
		if (i + optlen > len)
			return -1;
		if (type == OPT_PADN) {
			padlen += optlen;
			if (padlen > 7)
				return -1;
			for (u32 k = 2; k < optlen; k++)
				if (p[i + k])
					return -1;
			i += optlen;
			continue;
		}
		padlen = 0;
		if (++nopts > IP6_MAX_OPTS)
			return -1;
		if (hbh && type == OPT_ROUTER_ALERT) {
			if (optlen != 4)
				return -1;
			IP6CB(pkb)->flags |= IP6CB_ROUTER_ALERT;
		} else if (hbh && type == OPT_JUMBO) {
			/* RFC 2675 §3: only with a zero Payload Length, which
			 * ipv6_rcv() already refused (no jumbograms here). */
			icmpv6_param_prob(pkb, ICMPV6_HDR_FIELD, off + i);
			return -1;
		} else {
			switch (type >> 6) {
			case 0:
				break;
			case 3:
				if (ipv6_addr_is_multicast(&daddr))
					return -1;
				__attribute__((fallthrough));
			case 2:
				icmpv6_param_prob(pkb, ICMPV6_UNK_OPTION, off + i);
				return -1;
			default:
				return -1;
			}
		}
		i += optlen;
	}
	return 0;
}

/*
 * The walk: pkb has data at the IPv6 header (network header set).
 * Delivers to the upper layer or frees pkb, counting.
 */
void ipv6_deliver(struct pkbuf *pkb)
{
	const struct inet6_protocol *proto;
	u32 off = sizeof(struct ipv6hdr), nhoff = 6;
	u8 nexthdr = ((const struct ipv6hdr *)pkb->data)->nexthdr;

	for (;;) {
		const u8 *h = pkb->data + off;
		u32 hlen;

		switch (nexthdr) {
		case IPPROTO_HOPOPTS:
		case IPPROTO_DSTOPTS:
			if (nexthdr == IPPROTO_HOPOPTS && off != sizeof(struct ipv6hdr)) {
				IP6_INC_STATS(IP6_MIB_INUNKNOWNPROTOS);
				icmpv6_param_prob(pkb, ICMPV6_UNK_NEXTHDR, nhoff);
				goto drop;
			}
			if (!pkb_may_pull(pkb, off + 2))
				goto hdr_error;
			hlen = ((u32)h[1] + 1) * 8;
			if (!pkb_may_pull(pkb, off + hlen))
				goto hdr_error;
			if (parse_tlv(pkb, off, hlen, nexthdr == IPPROTO_HOPOPTS))
				goto hdr_error;
			if (nexthdr == IPPROTO_HOPOPTS)
				IP6CB(pkb)->flags |= IP6CB_HOPOPTS;
			break;
		case IPPROTO_ROUTING: {
			const struct ipv6_rt_hdr *rth = (const struct ipv6_rt_hdr *)h;

			if (!pkb_may_pull(pkb, off + sizeof(*rth)))
				goto hdr_error;
			hlen = ((u32)rth->hdrlen + 1) * 8;
			if (!pkb_may_pull(pkb, off + hlen))
				goto hdr_error;
			if (rth->segments_left) {
				icmpv6_param_prob(pkb, ICMPV6_HDR_FIELD, off + 2);
				goto hdr_error;
			}
			break;
		}
		case IPPROTO_FRAGMENT: {
			const struct frag_hdr *fh = (const struct frag_hdr *)h;

			if (!pkb_may_pull(pkb, off + sizeof(*fh)))
				goto hdr_error;
			hlen = sizeof(*fh);
			if (!(fh->frag_off & net_htons(IP6_OFFSET | IP6_MF))) {
				/* RFC 6946 §4: an atomic fragment is a whole packet. */
				IP6CB(pkb)->flags |= IP6CB_FRAGMENTED;
				break;
			}
			if (ipv6_frag_rcv(&pkb, off))
				return;            /* kept for reassembly, or dropped */
			/* Reassembled: the fragment header is gone and the field
			 * at nhoff names what followed it. */
			nexthdr = pkb->data[nhoff];
			continue;
		}
		case IPPROTO_NONE:
			/* RFC 8200 §4.7: nothing follows; whatever does is ignored. */
			IP6_INC_STATS(IP6_MIB_INDELIVERS);
			goto drop;
		default:
			proto = inet6_get_protocol(nexthdr);
			if (!proto) {
				IP6_INC_STATS(IP6_MIB_INUNKNOWNPROTOS);
				icmpv6_param_prob(pkb, ICMPV6_UNK_NEXTHDR, nhoff);
				goto drop;
			}
			IP6CB(pkb)->nhoff = (u16)nhoff;
			pkb_pull(pkb, off);
			pkb_set_transport(pkb);
			IP6_INC_STATS(IP6_MIB_INDELIVERS);
			proto->rcv(pkb);
			return;
		}
		nexthdr = h[0];
		nhoff = off;
		off += hlen;
	}

hdr_error:
	IP6_INC_STATS(IP6_MIB_INHDRERRORS);
drop:
	pkb_free(pkb);
}
