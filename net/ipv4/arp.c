/*
 * ARP (RFC 826) for IPv4 over Ethernet: requests for unresolved next
 * hops, replies for our addresses, learning from what we hear.
 *
 * Linux's defaults are followed: arp_ignore=0 (answer for any local
 * address on any interface), arp_accept=0 (an unsolicited ARP updates an
 * existing entry but creates none, except that a request for one of our
 * addresses creates a STALE entry for its sender, RFC 826 "merge").
 */
#include <net/arp.h>
#include <net/icmp.h>
#include <net/if_ether.h>
#include <net/inetdevice.h>
#include <net/net.h>
#include <net/route.h>
#include <net/text.h>
#include <uapi/errno.h>
#include <uapi/in.h>
#include <uapi/sockios.h>

struct arp_stats arp_stats;

static be32 get_ip(const u8 *p)
{
	be32 v;

	memcpy(&v, p, 4);
	return v;
}

int arp_send(u16 op, struct netdev *dev, be32 dest_ip, be32 src_ip,
	     const u8 *dest_hw, const u8 *target_hw)
{
	struct pkbuf *pkb = pkb_alloc(NET_HEADROOM, sizeof(struct arphdr_eth));
	struct arphdr_eth *arp;

	if (!pkb) {
		arp_stats.out_failed++;
		return -ENOBUFS;
	}
	arp = pkb_put(pkb, sizeof(*arp));
	arp->ar_hrd = net_htons(ARPHRD_ETHER);
	arp->ar_pro = net_htons(ETH_P_IP);
	arp->ar_hln = ETH_ALEN;
	arp->ar_pln = 4;
	arp->ar_op = net_htons(op);
	memcpy(arp->ar_sha, dev->dev_addr, ETH_ALEN);
	memcpy(arp->ar_sip, &src_ip, 4);
	if (target_hw)
		memcpy(arp->ar_tha, target_hw, ETH_ALEN);
	else
		memset(arp->ar_tha, 0, ETH_ALEN);
	memcpy(arp->ar_tip, &dest_ip, 4);
	if (eth_header(pkb, dev, ETH_P_ARP, dest_hw)) {
		pkb_free(pkb);
		arp_stats.out_failed++;
		return -ENOBUFS;
	}
	if (op == ARPOP_REQUEST)
		arp_stats.out_requests++;
	else
		arp_stats.out_replies++;
	return dev_queue_xmit(pkb);
}

void arp_announce(struct netdev *dev, be32 addr)
{
	/* RFC 5227 §3: sender and target IP both the address, target
	 * hardware zero, broadcast. */
	arp_stats.gratuitous_sent++;
	(void)arp_send(ARPOP_REQUEST, dev, addr, addr, NULL, NULL);
}

static void arp_solicit(struct neighbour *n, bool unicast)
{
	be32 saddr = inet_select_addr(n->dev, n->key, RT_SCOPE_LINK);

	(void)arp_send(ARPOP_REQUEST, n->dev, n->key, saddr,
		       unicast ? n->ha : NULL, NULL);
}

static void arp_error_report(struct neighbour *n, struct pkbuf *pkb)
{
	(void)n;
	/* Linux's arp_error_report: tell the sender the host is unreachable. */
	icmp_send(pkb, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 0);
}

static const struct neigh_ops arp_neigh_ops = {
	.solicit = arp_solicit,
	.error_report = arp_error_report,
};

void arp_rcv(struct pkbuf *pkb)
{
	struct netdev *dev = pkb->dev;
	const struct arphdr_eth *arp;
	struct neighbour *n;
	be32 sip, tip;
	u16 op;
	u8 tip_type;

	if (dev->flags & (IFF_NOARP | IFF_LOOPBACK)) {
		arp_stats.in_noarp_dev++;
		goto drop;
	}
	if (!pkb_may_pull(pkb, sizeof(*arp))) {
		arp_stats.in_truncated++;
		goto drop;
	}
	arp = (const struct arphdr_eth *)pkb->data;
	op = net_ntohs(arp->ar_op);
	/* RFC 826 "Packet Reception": hardware and protocol type we speak,
	 * lengths matching them. */
	if (arp->ar_hrd != net_htons(ARPHRD_ETHER) || arp->ar_pro != net_htons(ETH_P_IP) ||
	    arp->ar_hln != ETH_ALEN || arp->ar_pln != 4 ||
	    (op != ARPOP_REQUEST && op != ARPOP_REPLY)) {
		arp_stats.in_unsupported++;
		goto drop;
	}
	sip = get_ip(arp->ar_sip);
	tip = get_ip(arp->ar_tip);
	if (op == ARPOP_REQUEST)
		arp_stats.in_requests++;
	else
		arp_stats.in_replies++;
	if (ipv4_is_multicast(tip) || ipv4_is_loopback(tip) || ipv4_is_multicast(sip) ||
	    ipv4_is_loopback(sip) || ipv4_is_lbcast(sip) ||
	    is_multicast_ether_addr(arp->ar_sha)) {
		arp_stats.in_bogus++;
		goto drop;
	}
	tip_type = inet_addr_type(tip);
	if (!sip) {
		/* RFC 5227 §2.1.1 probe (sender 0.0.0.0): answer if it is ours,
		 * so the prober sees the conflict; learn nothing. */
		if (op == ARPOP_REQUEST && tip_type == RTN_LOCAL)
			(void)arp_send(ARPOP_REPLY, dev, sip, tip, arp->ar_sha, arp->ar_sha);
		goto drop;
	}
	if (op == ARPOP_REQUEST && tip_type == RTN_LOCAL) {
		if (is_broadcast_ether_addr(pkb_mac(pkb)))
			neigh_stats.rcv_probes_mcast++;
		else
			neigh_stats.rcv_probes_ucast++;
		/* Merge the sender (RFC 826), then reply to its address. */
		(void)neigh_update(dev, sip, arp->ar_sha, NUD_STALE,
				   NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_CREATE);
		(void)arp_send(ARPOP_REPLY, dev, sip, tip, arp->ar_sha, arp->ar_sha);
		goto drop;
	}
	/* A reply, a gratuitous announcement, or someone else's request:
	 * update an entry we already have, never create one. */
	n = neigh_lookup(dev, sip);
	if (n) {
		/* Linux: broadcast replies and requests do not prove
		 * reachability; of back-to-back replies with different
		 * addresses the first wins for locktime (several proxies);
		 * a gratuitous ARP always overrides. */
		bool to_us = op == ARPOP_REPLY && pkb->pkt_type == PACKET_HOST;
		bool override = sip == tip ||
				net_now_ns() >= n->updated_ns + neigh_parms.locktime_ms * NSEC_PER_MSEC;

		(void)neigh_update(dev, sip, arp->ar_sha, to_us ? NUD_REACHABLE : NUD_STALE,
				   override ? NEIGH_UPDATE_F_OVERRIDE : 0);
	} else {
		arp_stats.in_not_for_us++;
	}
drop:
	pkb_free(pkb);
}

/* Linux's arp_seq_show / arp_format_neigh_entry. */
int arp_proc_format(char *buf, size_t size)
{
	struct net_text t = NET_TEXT_INIT(buf, size);

	net_text_printf(&t, "IP address       HW type     Flags       HW address            Mask     Device\n");
	for (const struct neighbour *nb = neigh_first(); nb; nb = nb->next) {
		const u8 *a = (const u8 *)&nb->key, *h = nb->ha;
		char ip[16], hw[18];
		unsigned flags = 0;

		if ((nb->nud_state & NUD_NOARP) || nb->protocol != ETH_P_IP)
			continue;
		if (nb->nud_state & NUD_PERMANENT)
			flags = 0x6;        /* ATF_PERM | ATF_COM */
		else if (nb->nud_state & NUD_VALID)
			flags = 0x2;        /* ATF_COM */
		snprintf(ip, sizeof(ip), "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
		snprintf(hw, sizeof(hw), "%02x:%02x:%02x:%02x:%02x:%02x",
			 h[0], h[1], h[2], h[3], h[4], h[5]);
		net_text_printf(&t, "%-16s 0x%-10x0x%-10x%-17s     %-8s %s\n", ip, (unsigned)nb->dev->type,
		     flags, hw, "*", nb->dev->name);
	}
	return net_text_len(&t);
}

/* ---- SIOCSARP / SIOCGARP / SIOCDARP (Linux's arp_ioctl) ---- */

/* ATF_* flags of an entry's state (Linux's arp_state_to_flags). */
static int arp_state_to_flags(const struct neighbour *n)
{
	if (n->nud_state & NUD_PERMANENT)
		return ATF_PERM | ATF_COM;
	if (n->nud_state & NUD_VALID)
		return ATF_COM;
	return 0;
}

/*
 * The device an on-link route to ip leads to (Linux: ip_route_output
 * with RTO_ONLINK, so a route through a gateway does not count).
 */
static int arp_route_dev(be32 ip, struct netdev **dev)
{
	struct fib_result res;
	int err = fib_lookup_scope(ip, 0, RT_SCOPE_LINK, &res);

	if (err)
		return err;
	*dev = res.type == RTN_LOCAL ? loopback_dev : res.route->dev;
	return *dev ? 0 : -EINVAL;
}

static int arp_req_set(struct arpreq *r, be32 ip, struct netdev *dev)
{
	const struct neighbour *n;
	int err;

	if (r->arp_flags & ATF_PERM)
		r->arp_flags |= ATF_COM;
	if (!dev) {
		err = arp_route_dev(ip, &dev);
		if (err)
			return err;
	}
	if (r->arp_ha.sa_family != dev->type)
		return -EINVAL;
	if (!(r->arp_flags & ATF_COM)) {
		/* No address given: only an entry that has one may be
		 * marked (Linux's neigh_update: -EINVAL otherwise). */
		n = neigh_lookup(dev, ip);
		if (!n || !(n->nud_state & NUD_VALID))
			return -EINVAL;
	}
	n = neigh_update(dev, ip, r->arp_flags & ATF_COM ? (const u8 *)r->arp_ha.sa_data : NULL,
			 r->arp_flags & ATF_PERM ? NUD_PERMANENT : NUD_STALE,
			 NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_ADMIN | NEIGH_UPDATE_F_CREATE);
	return n ? 0 : -ENOBUFS;
}

static int arp_req_get(struct arpreq *r, be32 ip, struct netdev *dev)
{
	const struct neighbour *n = neigh_lookup(dev, ip);
	size_t len;

	if (!n || n->nud_state == NUD_NOARP)
		return -ENXIO;
	memcpy(r->arp_ha.sa_data, n->ha, dev->addr_len);
	r->arp_flags = arp_state_to_flags(n);
	r->arp_ha.sa_family = dev->type;
	len = strlen(dev->name);
	memcpy(r->arp_dev, dev->name, len + 1);
	return 0;
}

static int arp_req_delete(be32 ip, struct netdev *dev)
{
	const struct neighbour *n;
	int err;

	if (!dev) {
		err = arp_route_dev(ip, &dev);
		if (err)
			return err;
	}
	n = neigh_lookup(dev, ip);
	if (!n)
		return -ENXIO;
	/* Linux removes a NOARP or unused entry too, but says ENXIO. */
	err = n->nud_state & ~NUD_NOARP ? 0 : -ENXIO;
	(void)neigh_delete(dev, ip);
	return err;
}

int arp_ioctl(unsigned int cmd, struct arpreq *r)
{
	struct sockaddr_in pa, mask;
	struct netdev *dev = NULL;

	if (cmd != SIOCSARP && cmd != SIOCGARP && cmd != SIOCDARP)
		return -ENOTTY;
	if (r->arp_pa.sa_family != AF_INET)
		return -EPFNOSUPPORT;
	if (!(r->arp_flags & ATF_PUBL) && (r->arp_flags & (ATF_NETMASK | ATF_DONTPUB)))
		return -EINVAL;
	if (!(r->arp_flags & ATF_NETMASK)) {
		memcpy(&mask, &r->arp_netmask, sizeof(mask));
		mask.sin_addr.s_addr = 0xffffffffu;
		memcpy(&r->arp_netmask, &mask, sizeof(mask));
	}
	if (r->arp_dev[0]) {
		char name[IFNAMSIZ];

		memcpy(name, r->arp_dev, IFNAMSIZ);
		name[IFNAMSIZ - 1] = 0;
		dev = dev_get_by_name(name);
		if (!dev)
			return -ENODEV;
		if (!r->arp_ha.sa_family)
			r->arp_ha.sa_family = dev->type;
		if ((r->arp_flags & ATF_COM) && r->arp_ha.sa_family != dev->type)
			return -EINVAL;
	} else if (cmd == SIOCGARP) {
		return -ENODEV;
	}
	memcpy(&pa, &r->arp_pa, sizeof(pa));
	if ((r->arp_flags & ATF_PUBL) && cmd != SIOCGARP)
		return -EOPNOTSUPP;        /* linux-compat: no proxy ARP */
	switch (cmd) {
	case SIOCSARP:
		return arp_req_set(r, pa.sin_addr.s_addr, dev);
	case SIOCDARP:
		return arp_req_delete(pa.sin_addr.s_addr, dev);
	default:
		return arp_req_get(r, pa.sin_addr.s_addr, dev);
	}
}

static void arp_netdev_event(struct netdev *dev, enum netdev_event ev)
{
	if (ev == NETDEV_DOWN || ev == NETDEV_UNREGISTER || ev == NETDEV_CHANGEADDR)
		neigh_ifdown(dev);
}

static struct packet_type arp_packet_type = { .func = arp_rcv };
static struct netdev_notifier arp_notifier = { .event = arp_netdev_event };

void arp_init(void)
{
	arp_packet_type.type = net_htons(ETH_P_ARP);
	dev_add_pack(&arp_packet_type);
	register_netdevice_notifier(&arp_notifier);
	neigh_set_ops(&arp_neigh_ops);
}

void arp_exit(void)
{
	dev_remove_pack(&arp_packet_type);
	unregister_netdevice_notifier(&arp_notifier);
	neigh_set_ops(NULL);
	neigh_flush_all();
	memset(&arp_stats, 0, sizeof(arp_stats));
}
