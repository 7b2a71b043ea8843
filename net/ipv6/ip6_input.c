/*
 * IPv6 input (RFC 8200 §3; Linux's ipv6_rcv / ip6_rcv_core): header
 * validation and the "is it for us" decision, then the extension-header
 * walk (exthdrs.c).  Checks, each drop counted:
 *   IPv6 not running on the device           -> Ip6InDiscards
 *   shorter than a header, version != 6      -> Ip6InHdrErrors
 *   multicast source (RFC 4291 §2.7), loopback source or destination
 *   from the wire (§2.5.3), multicast scope 0 or interface-local from
 *   the wire (§2.7)                          -> Ip6InAddrErrors
 *   v4-mapped source (RFC 4942 §3.1.1)      -> Ip6InHdrErrors
 *   Payload Length 0 (a jumbogram, RFC 2675): linux-compat, not taken
 *                                            -> Ip6InHdrErrors
 *   frame shorter than the payload length    -> Ip6InTruncatedPkts
 *   not ours (a host does not forward)       -> Ip6InAddrErrors
 *   multicast to a group not joined          -> Ip6InDiscards
 *                                               (linux-compat: Linux counts none)
 * Link-layer padding beyond the payload is trimmed.  The Hop Limit is
 * not checked: only forwarding decrements it (§3).
 */
#include <net/icmpv6.h>
#include <net/if_ether.h>
#include <net/ipv6.h>

void ipv6_rcv(struct pkbuf *pkb)
{
	const struct inet6_dev *idev = in6_dev_get(pkb->dev);
	const struct ipv6hdr *ip6;
	struct ip6_addrs a;
	bool from_lo = pkb->dev->flags & IFF_LOOPBACK;
	u32 plen;

	IP6_INC_STATS(IP6_MIB_INRECEIVES);
	IP6_ADD_STATS(IP6_MIB_INOCTETS, pkb->len);
	if (!idev || !idev->running) {
		IP6_INC_STATS(IP6_MIB_INDISCARDS);
		goto drop;
	}
	if (!pkb_may_pull(pkb, sizeof(*ip6)))
		goto hdr_error;
	ip6 = (const struct ipv6hdr *)pkb->data;
	a = ipv6_hdr_addrs(ip6);
	if ((net_ntohl(ip6->vtc_flow) >> 28) != 6)
		goto hdr_error;
	IP6_INC_STATS(IP6_MIB_INNOECTPKTS + ((net_ntohl(ip6->vtc_flow) >> 20) & 3));
	if (ipv6_addr_is_multicast(&a.saddr))
		goto addr_error;
	if (!from_lo && (ipv6_addr_loopback(&a.saddr) || ipv6_addr_loopback(&a.daddr)))
		goto addr_error;
	if (ipv6_addr_is_multicast(&a.daddr) &&
	    (ipv6_mc_scope(&a.daddr) == 0 ||
	     (!from_lo && ipv6_mc_scope(&a.daddr) == IPV6_SCOPE_INTERFACE)))
		goto addr_error;
	if (ipv6_addr_v4mapped(&a.saddr))
		goto hdr_error;
	plen = net_ntohs(ip6->payload_len);
	if (plen == 0 && ip6->nexthdr == IPPROTO_HOPOPTS)
		goto hdr_error;
	if (pkb->len < sizeof(*ip6) + plen) {
		IP6_INC_STATS(IP6_MIB_INTRUNCATEDPKTS);
		goto drop;
	}
	pkb_trim(pkb, sizeof(*ip6) + plen);
	pkb_set_network(pkb);
	memset(IP6CB(pkb), 0, sizeof(struct ip6_cb));
	IP6CB(pkb)->iif = pkb->dev->ifindex;

	if (ipv6_addr_is_multicast(&a.daddr)) {
		IP6_INC_STATS(IP6_MIB_INMCASTPKTS);
		IP6_ADD_STATS(IP6_MIB_INMCASTOCTETS, pkb->len);
		if (!ipv6_chk_mcast_addr(pkb->dev, &a.daddr)) {
			IP6_INC_STATS(IP6_MIB_INDISCARDS);
			goto drop;
		}
		IP6CB(pkb)->flags |= IP6CB_MCAST;
	} else if (!ipv6_chk_addr(&a.daddr, pkb->dev)) {
		/* Tentative addresses are not ours yet (RFC 4862 §5.4): but
		 * ND messages to them must reach DAD. */
		const struct inet6_ifaddr *ifa = ipv6_get_ifaddr(pkb->dev, &a.daddr);

		if (!ifa || !(ifa->flags & IFA6_F_TENTATIVE) || ip6->nexthdr != IPPROTO_ICMPV6)
			goto addr_error;
	}
	ipv6_deliver(pkb);
	return;

addr_error:
	IP6_INC_STATS(IP6_MIB_INADDRERRORS);
	goto drop;
hdr_error:
	IP6_INC_STATS(IP6_MIB_INHDRERRORS);
drop:
	pkb_free(pkb);
}
