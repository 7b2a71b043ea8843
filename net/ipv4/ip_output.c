/*
 * IPv4 output (RFC 791 §3.1, RFC 1122 §3.2.1): header construction,
 * route, fragmentation, link-layer addressing, transmit.
 *
 * Counters: OutRequests per datagram handed in and routed, OutNoRoutes
 * (route.c), OutDiscards when the link layer refuses it, OutTransmits per
 * packet given to a device, FragOKs/FragFails/FragCreates.
 */
#include <net/checksum.h>
#include <net/if_ether.h>
#include <net/igmp.h>
#include <net/inetdevice.h>
#include <net/ip.h>
#include <net/neighbour.h>
#include <net/route.h>
#include <net/snmp.h>
#include <uapi/errno.h>

static u16 ip_ident;
static bool ip_ident_seeded;

u16 ip_select_id(void)
{
	/* RFC 6864 §4.1: unique per (src, dst, protocol) for the datagram's
	 * lifetime; one counter from a random start satisfies that. */
	if (!ip_ident_seeded) {
		ip_ident = (u16)net_random_u32();
		ip_ident_seeded = true;
	}
	return ip_ident++;
}

struct xmit_ctx {
	const struct route_result *rt;
	be32 daddr;
};

/* RFC 1112 §6.4: 01:00:5e + the low 23 bits of the group. */
static void ip_eth_mc_map(be32 group, u8 *mac)
{
	u32 g = net_ntohl(group);

	mac[0] = 0x01;
	mac[1] = 0x00;
	mac[2] = 0x5e;
	mac[3] = (g >> 16) & 0x7f;
	mac[4] = (g >> 8) & 0xff;
	mac[5] = g & 0xff;
}

/* One finished datagram or fragment (data at its IP header) to the link. */
static int ip_finish_output2(struct pkbuf *pkb, void *arg)
{
	struct xmit_ctx *ctx = arg;
	struct netdev *dev = ctx->rt->dev;
	u8 mac[ETH_ALEN];
	int err;

	IP_INC_STATS(IPSTATS_MIB_OUTTRANSMITS);
	IP_ADD_STATS(IPSTATS_MIB_OUTOCTETS, pkb->len);
	if (ctx->rt->type == RTN_MULTICAST) {
		IP_INC_STATS(IPSTATS_MIB_OUTMCASTPKTS);
		IP_ADD_STATS(IPSTATS_MIB_OUTMCASTOCTETS, pkb->len);
	} else if (ctx->rt->type == RTN_BROADCAST) {
		IP_INC_STATS(IPSTATS_MIB_OUTBCASTPKTS);
		IP_ADD_STATS(IPSTATS_MIB_OUTBCASTOCTETS, pkb->len);
	}
	pkb->dev = dev;
	if (dev->flags & IFF_LOOPBACK) {
		err = eth_header(pkb, dev, ETH_P_IP, dev->dev_addr);
	} else if (ctx->rt->type == RTN_BROADCAST || ipv4_is_lbcast(ctx->daddr) ||
		   inet_ifa_is_broadcast(dev, ctx->daddr)) {
		err = eth_header(pkb, dev, ETH_P_IP, NULL);
	} else if (ipv4_is_multicast(ctx->daddr)) {
		ip_eth_mc_map(ctx->daddr, mac);
		err = eth_header(pkb, dev, ETH_P_IP, mac);
	} else if (dev->flags & IFF_NOARP) {
		err = eth_header(pkb, dev, ETH_P_IP, dev->broadcast);
	} else {
		err = neigh_output(dev, ctx->rt->gateway ? ctx->rt->gateway : ctx->daddr, pkb);
		if (err)
			IP_INC_STATS(IPSTATS_MIB_OUTDISCARDS);
		return err;
	}
	if (err) {
		IP_INC_STATS(IPSTATS_MIB_OUTDISCARDS);
		pkb_free(pkb);
		return err;
	}
	err = dev_queue_xmit(pkb);
	if (err)
		IP_INC_STATS(IPSTATS_MIB_OUTDISCARDS);
	return err;
}

/*
 * Linux's ip_mc_output: the sending host hears its own broadcast, and
 * its multicast to a group it is in (a copy goes through the receive
 * path via the backlog, never inline).
 */
static void ip_loopback_broadcast(const struct pkbuf *pkb, struct netdev *dev)
{
	be32 daddr = ((const struct iphdr *)pkb->data)->daddr;
	u8 mac[ETH_ALEN];
	struct pkbuf *copy;

	if (dev->flags & IFF_LOOPBACK)
		return;
	copy = pkb_copy(pkb, NET_HEADROOM);
	if (!copy)
		return;
	if (ipv4_is_multicast(daddr))
		ip_eth_mc_map(daddr, mac);
	if (eth_header(copy, dev, ETH_P_IP, ipv4_is_multicast(daddr) ? mac : NULL)) {
		pkb_free(copy);
		return;
	}
	copy->dev = dev;
	(void)netif_rx(copy);
}

int ip_output(struct pkbuf *pkb, const struct ip_out *out)
{
	struct route_result rt;
	struct xmit_ctx ctx;
	struct iphdr *iph;
	be32 saddr, daddr;
	u32 tot_len;
	int err;

	err = ip_route_output(out->daddr, out->oif, &rt);
	if (err) {
		pkb_free(pkb);
		return err;
	}
	daddr = out->daddr ? out->daddr : rt.prefsrc;   /* 0.0.0.0: ourselves */
	saddr = out->saddr ? out->saddr : rt.prefsrc;
	/* Our header goes in front: we need a private, roomy buffer. */
	if (pkb->refcnt > 1 || pkb_headroom(pkb) < sizeof(*iph) + rt.dev->hard_header_len) {
		struct pkbuf *copy = pkb_copy(pkb, NET_HEADROOM);

		pkb_free(pkb);
		if (!copy) {
			IP_INC_STATS(IPSTATS_MIB_OUTDISCARDS);
			return -ENOBUFS;
		}
		pkb = copy;
	}
	tot_len = pkb->len + sizeof(*iph);
	if (tot_len > 0xffff) {
		IP_INC_STATS(IPSTATS_MIB_OUTDISCARDS);
		pkb_free(pkb);
		return -EMSGSIZE;
	}
	IP_INC_STATS(IPSTATS_MIB_OUTREQUESTS);
	iph = pkb_push(pkb, sizeof(*iph));
	iph->ihl_version = 0x45;
	iph->tos = out->tos;
	iph->tot_len = net_htons((u16)tot_len);
	iph->id = net_htons(ip_select_id());
	iph->frag_off = out->df ? net_htons(IP_DF) : 0;
	/* RFC 1122 §3.2.1.7: never send TTL 0; multicast defaults to 1. */
	iph->ttl = out->ttl ? out->ttl : ipv4_is_multicast(daddr) ? 1 : IP_DEFAULT_TTL;
	iph->protocol = out->protocol;
	iph->saddr = saddr;
	iph->daddr = daddr;
	iph->check = 0;
	iph->check = inet_csum(iph, sizeof(*iph));
	pkb_set_network(pkb);
	pkb->protocol = net_htons(ETH_P_IP);
	memset(IPCB(pkb), 0, sizeof(struct ip_cb));
	IPCB(pkb)->rt_type = rt.type;

	ctx.rt = &rt;
	ctx.daddr = daddr;
	if (tot_len > rt.mtu && out->df) {
		/* RFC 1191: the sender must shrink; the socket sees EMSGSIZE. */
		IP_INC_STATS(IPSTATS_MIB_FRAGFAILS);
		pkb_free(pkb);
		return -EMSGSIZE;
	}
	/* Linux's ip_mc_output: our own broadcasts, and multicasts to a group
	 * we are in (IP_MULTICAST_LOOP, on by default), are heard locally. */
	if (rt.type == RTN_BROADCAST ||
	    (rt.type == RTN_MULTICAST && !out->mc_noloop && ip_check_mc(rt.dev, daddr)))
		ip_loopback_broadcast(pkb, rt.dev);
	if (tot_len > rt.mtu)
		return ip_fragment(pkb, rt.mtu, ip_finish_output2, &ctx);
	return ip_finish_output2(pkb, &ctx);
}

/*
 * RFC 791 §3.2 "Fragmentation": every fragment but the last carries a
 * multiple of 8 data bytes and MF; offsets are in 8-byte units.  Our own
 * headers carry no options, so each fragment gets the same header.
 */
int ip_fragment(struct pkbuf *pkb, u32 mtu,
		int (*out)(struct pkbuf *frag, void *ctx), void *ctx)
{
	const struct iphdr *iph = (const struct iphdr *)pkb->data;
	u32 hlen = ip_hdrlen(iph), payload, max_data, offset = 0;
	u16 orig_off = net_ntohs(iph->frag_off);
	u32 base = (u32)(orig_off & IP_OFFMASK) * 8;
	int err = 0;

	payload = pkb->len - hlen;
	if (mtu < hlen + 8) {
		IP_INC_STATS(IPSTATS_MIB_FRAGFAILS);
		pkb_free(pkb);
		return -EMSGSIZE;
	}
	max_data = (mtu - hlen) & ~7u;
	while (offset < payload) {
		u32 len = payload - offset > max_data ? max_data : payload - offset;
		bool more = offset + len < payload || (orig_off & IP_MF);
		struct pkbuf *frag = pkb_alloc(NET_HEADROOM, hlen + len);
		struct iphdr *fh;

		if (!frag) {
			err = -ENOBUFS;
			break;
		}
		fh = pkb_put(frag, hlen + len);
		memcpy(fh, iph, hlen);
		memcpy((u8 *)fh + hlen, pkb->data + hlen + offset, len);
		fh->tot_len = net_htons((u16)(hlen + len));
		fh->frag_off = net_htons((u16)((orig_off & IP_DF) | ((base + offset) / 8) |
					       (more ? IP_MF : 0)));
		fh->check = 0;
		fh->check = inet_csum(fh, hlen);
		pkb_set_network(frag);
		frag->protocol = pkb->protocol;
		memcpy(frag->cb, pkb->cb, sizeof(frag->cb));
		IP_INC_STATS(IPSTATS_MIB_FRAGCREATES);
		err = out(frag, ctx);
		if (err)
			break;
		offset += len;
	}
	pkb_free(pkb);
	if (err) {
		IP_INC_STATS(IPSTATS_MIB_FRAGFAILS);
		return err;
	}
	IP_INC_STATS(IPSTATS_MIB_FRAGOKS);
	return 0;
}

int ip_output_hdrincl(struct pkbuf *pkb, be32 daddr, int oif, bool broadcast_ok)
{
	struct route_result rt;
	struct xmit_ctx ctx;
	int err;

	err = ip_route_output(daddr, oif, &rt);
	if (err) {
		pkb_free(pkb);
		return err;
	}
	if (rt.type == RTN_BROADCAST && !broadcast_ok) {
		pkb_free(pkb);
		return -EACCES;
	}
	if (pkb->len > rt.mtu) {
		/* raw(7): IP_HDRINCL datagrams are not fragmented. */
		pkb_free(pkb);
		return -EMSGSIZE;
	}
	if (pkb->refcnt > 1 || pkb_headroom(pkb) < rt.dev->hard_header_len) {
		struct pkbuf *copy = pkb_copy(pkb, NET_HEADROOM);

		pkb_free(pkb);
		if (!copy) {
			IP_INC_STATS(IPSTATS_MIB_OUTDISCARDS);
			return -ENOBUFS;
		}
		pkb = copy;
	}
	IP_INC_STATS(IPSTATS_MIB_OUTREQUESTS);
	pkb_set_network(pkb);
	pkb->protocol = net_htons(ETH_P_IP);
	memset(IPCB(pkb), 0, sizeof(struct ip_cb));
	IPCB(pkb)->rt_type = rt.type;
	ctx.rt = &rt;
	ctx.daddr = daddr ? daddr : rt.prefsrc;
	if (rt.type == RTN_BROADCAST)
		ip_loopback_broadcast(pkb, rt.dev);
	return ip_finish_output2(pkb, &ctx);
}
