/*
 * IPv6 output (RFC 8200 §3, §4.5; Linux's ip6_output.c): header
 * construction, source selection, route, fragmentation, link-layer
 * addressing and transmit.
 *
 * Counters: Ip6OutRequests per packet handed in and routed,
 * Ip6OutNoRoutes, Ip6OutDiscards when no source or the link layer
 * refuses it, Ip6OutTransmits (and octets) per packet given to a device,
 * Ip6FragOKs/FragFails/FragCreates.
 */
#include <net/if_ether.h>
#include <net/ip.h>		/* NET_HEADROOM */
#include <net/ipv6.h>
#include <net/neighbour.h>
#include <uapi/errno.h>

/* One finished packet or fragment (data at its IPv6 header) to the link. */
static int ip6_finish_output(struct pkbuf *pkb, void *arg)
{
	const struct rt6_result *rt = arg;
	struct in6_addr daddr = ((const struct ipv6hdr *)pkb->data)->daddr;
	struct netdev *dev = rt->dev;
	u8 mac[ETH_ALEN];
	int err;

	IP6_INC_STATS(IP6_MIB_OUTTRANSMITS);
	IP6_ADD_STATS(IP6_MIB_OUTOCTETS, pkb->len);
	pkb->dev = dev;
	pkb->protocol = net_htons(ETH_P_IPV6);
	if (dev->flags & IFF_LOOPBACK) {
		err = eth_header(pkb, dev, ETH_P_IPV6, dev->dev_addr);
	} else if (ipv6_addr_is_multicast(&daddr)) {
		IP6_INC_STATS(IP6_MIB_OUTMCASTPKTS);
		IP6_ADD_STATS(IP6_MIB_OUTMCASTOCTETS, pkb->len);
		ipv6_eth_mc_map(&daddr, mac);
		err = eth_header(pkb, dev, ETH_P_IPV6, mac);
	} else if (dev->flags & IFF_NOARP) {
		err = eth_header(pkb, dev, ETH_P_IPV6, dev->broadcast);
	} else {
		err = neigh6_output(dev, &rt->nexthop, pkb);
		if (err)
			IP6_INC_STATS(IP6_MIB_OUTDISCARDS);
		return err;
	}
	if (err) {
		IP6_INC_STATS(IP6_MIB_OUTDISCARDS);
		pkb_free(pkb);
		return err;
	}
	err = dev_queue_xmit(pkb);
	if (err)
		IP6_INC_STATS(IP6_MIB_OUTDISCARDS);
	return err;
}

/* Our own multicast to a group we are in is heard locally (Linux's
 * ip6_mc_output), through the backlog, never inline. */
static void ip6_mc_loop(const struct pkbuf *pkb, struct netdev *dev)
{
	struct in6_addr daddr = ((const struct ipv6hdr *)pkb->data)->daddr;
	struct pkbuf *copy;
	u8 mac[ETH_ALEN];

	if (dev->flags & IFF_LOOPBACK)
		return;
	copy = pkb_copy(pkb, NET_HEADROOM);
	if (!copy)
		return;
	ipv6_eth_mc_map(&daddr, mac);
	if (eth_header(copy, dev, ETH_P_IPV6, mac)) {
		pkb_free(copy);
		return;
	}
	copy->dev = dev;
	(void)netif_rx(copy);
}

/*
 * RFC 8200 §4.5: the unfragmentable part (the IPv6 header and a
 * Hop-by-Hop header, `unfrag` bytes) is repeated in each fragment,
 * followed by a Fragment header and a piece of the rest, a multiple of 8
 * bytes but for the last.  The Identification is random per packet
 * (RFC 7739 §5).  Consumes pkb.
 */
static int ip6_fragment(struct pkbuf *pkb, u32 mtu, u32 unfrag, u8 *nexthdr_field,
			struct rt6_result *rt)
{
	u32 payload = pkb->len - unfrag, max_data, offset = 0;
	u8 nexthdr = *nexthdr_field;
	be32 ident = net_htonl(net_random_u32());
	int err = 0;

	if (mtu < unfrag + sizeof(struct frag_hdr) + 8) {
		IP6_INC_STATS(IP6_MIB_FRAGFAILS);
		pkb_free(pkb);
		return -EMSGSIZE;
	}
	max_data = (mtu - unfrag - sizeof(struct frag_hdr)) & ~7u;
	*nexthdr_field = IPPROTO_FRAGMENT;
	while (offset < payload) {
		u32 len = payload - offset > max_data ? max_data : payload - offset;
		bool more = offset + len < payload;
		u32 flen = unfrag + sizeof(struct frag_hdr) + len;
		struct pkbuf *frag = pkb_alloc(NET_HEADROOM, flen);
		struct frag_hdr *fh;
		u8 *p;

		if (!frag) {
			err = -ENOBUFS;
			break;
		}
		p = pkb_put(frag, flen);
		memcpy(p, pkb->data, unfrag);
		((struct ipv6hdr *)p)->payload_len = net_htons((u16)(flen - sizeof(struct ipv6hdr)));
		fh = (struct frag_hdr *)(p + unfrag);
		fh->nexthdr = nexthdr;
		fh->reserved = 0;
		fh->frag_off = net_htons((u16)(offset | (more ? IP6_MF : 0)));
		fh->identification = ident;
		memcpy(fh + 1, pkb->data + unfrag + offset, len);
		pkb_set_network(frag);
		IP6_INC_STATS(IP6_MIB_FRAGCREATES);
		err = ip6_finish_output(frag, rt);
		if (err)
			break;
		offset += len;
	}
	pkb_free(pkb);
	if (err) {
		IP6_INC_STATS(IP6_MIB_FRAGFAILS);
		return err;
	}
	IP6_INC_STATS(IP6_MIB_FRAGOKS);
	return 0;
}

int ip6_output(struct pkbuf *pkb, const struct ip6_out *out)
{
	struct rt6_result rt;
	struct ipv6hdr *ip6;
	struct in6_addr saddr;
	const struct inet6_dev *idev;
	u32 tot_len, unfrag;
	u8 *nexthdr_field;
	int err;

	err = ip6_route_output(&out->daddr, out->oif, &rt);
	if (err) {
		IP6_INC_STATS(IP6_MIB_OUTNOROUTES);
		pkb_free(pkb);
		return err;
	}
	saddr = out->saddr;
	if (ipv6_addr_any(&saddr) && !out->unspec_src &&
	    ipv6_dev_get_saddr(rt.local ? NULL : rt.dev, &out->daddr, &saddr)) {
		IP6_INC_STATS(IP6_MIB_OUTDISCARDS);
		pkb_free(pkb);
		return -EADDRNOTAVAIL;
	}
	/* Our headers go in front: we need a private, roomy buffer. */
	if (pkb_is_cloned(pkb) ||
	    pkb_headroom(pkb) < sizeof(*ip6) + out->hbh_len + rt.dev->hard_header_len) {
		struct pkbuf *copy = pkb_copy(pkb, NET_HEADROOM + out->hbh_len);

		pkb_free(pkb);
		if (!copy) {
			IP6_INC_STATS(IP6_MIB_OUTDISCARDS);
			return -ENOBUFS;
		}
		pkb = copy;
	}
	tot_len = pkb->len + out->hbh_len;
	if (tot_len > 0xffff) {
		IP6_INC_STATS(IP6_MIB_OUTDISCARDS);
		pkb_free(pkb);
		return -EMSGSIZE;
	}
	IP6_INC_STATS(IP6_MIB_OUTREQUESTS);
	if (out->hbh_len) {
		u8 *h = pkb_push(pkb, out->hbh_len);

		memcpy(h, out->hbh, out->hbh_len);
		h[0] = out->nexthdr;
	}
	ip6 = pkb_push(pkb, sizeof(*ip6));
	ip6->vtc_flow = net_htonl(6u << 28 | (u32)out->tclass << 20 | (out->flowlabel & 0xfffff));
	ip6->payload_len = net_htons((u16)tot_len);
	ip6->nexthdr = out->hbh_len ? IPPROTO_HOPOPTS : out->nexthdr;
	idev = in6_dev_get(rt.dev);
	if (out->hop_limit)
		ip6->hop_limit = out->hop_limit;
	else if (ipv6_addr_is_multicast(&out->daddr))
		ip6->hop_limit = 1;           /* RFC 3493 §5.2: multicast hops default 1 */
	else
		ip6->hop_limit = idev ? (u8)idev->cnf.hop_limit : IPV6_DEFAULT_HOPLIMIT;
	ip6->saddr = saddr;
	ip6->daddr = out->daddr;
	pkb_set_network(pkb);
	memset(IP6CB(pkb), 0, sizeof(struct ip6_cb));   /* locally made: no iif */
	unfrag = sizeof(*ip6) + out->hbh_len;
	nexthdr_field = out->hbh_len ? pkb->data + sizeof(*ip6) : &ip6->nexthdr;

	if (ipv6_addr_is_multicast(&out->daddr) && !out->mc_noloop &&
	    ipv6_chk_mcast_addr(rt.dev, &out->daddr))
		ip6_mc_loop(pkb, rt.dev);
	if (pkb->len > rt.mtu) {
		if (out->dontfrag) {
			IP6_INC_STATS(IP6_MIB_FRAGFAILS);
			pkb_free(pkb);
			return -EMSGSIZE;
		}
		return ip6_fragment(pkb, rt.mtu, unfrag, nexthdr_field, &rt);
	}
	return ip6_finish_output(pkb, &rt);
}
