/*
 * Packet sockets: the protocol engine (see net/packet.h).
 *
 * Sockets are in one list: a host has few (a DHCP client, a capture).
 * One ETH_P_ALL tap on the device layer feeds them all; it is registered
 * while at least one socket is hooked, so a host without packet sockets
 * copies nothing.  The tap gets a private copy of each frame with data
 * at the link header (net/netdev.h); every socket that matches and whose
 * filter accepts gets its own copy of the bytes it keeps.
 *
 * A frame a socket sends is not shown to that socket as PACKET_OUTGOING
 * (Linux's dev_queue_xmit_nit skips the sender): the device layer calls
 * the tap from inside dev_queue_xmit(), so the sender is recorded in
 * tx_origin around that call.
 */
#include <net/checksum.h>
#include <net/filter.h>
#include <net/if_ether.h>
#include <net/packet.h>
#include <net/text.h>
#include <uapi/epoll.h>
#include <uapi/errno.h>
#include <uapi/in.h>
#include <uapi/socket.h>

/* What a queued frame carries besides its bytes (pkb->cb). */
struct packet_cb {
	struct sockaddr_ll sll;  /* as recvfrom gives it; sll_addr zero-padded */
	u32 origlen;             /* tp_len: bytes before the snap length */
	u32 truesize;            /* charged to the socket's rmem */
	u16 net_off;             /* tp_net: network header from data */
	u16 status;              /* tp_status */
};
_Static_assert(sizeof(struct packet_cb) <= sizeof(((struct pkbuf *)0)->cb), "packet_cb fits");
#define PACKET_CB(pkb) ((struct packet_cb *)(pkb)->cb)

struct packet_counters packet_counters;

static struct packet_sock *packet_list;
static u32 packet_socks;
static u32 hooked;                      /* sockets running; the tap is on while > 0 */
static struct packet_sock *tx_origin;   /* sending now (inside dev_queue_xmit) */

static void packet_tap_rcv(struct pkbuf *pkb);
static void packet_notify(struct netdev *dev, enum netdev_event ev);

static struct packet_type packet_tap = { .func = packet_tap_rcv };	/* type: ETH_P_ALL */
static struct netdev_notifier packet_notifier = { .event = packet_notify };

/* ---- hooking ---- */

static void hook(struct packet_sock *ps)
{
	if (ps->running)
		return;
	ps->running = true;
	if (hooked++ == 0) {
		packet_tap.type = net_htons(ETH_P_ALL);
		dev_add_pack(&packet_tap);
	}
}

static void unhook(struct packet_sock *ps)
{
	if (!ps->running)
		return;
	ps->running = false;
	NET_ASSERT(hooked > 0);
	if (--hooked == 0)
		dev_remove_pack(&packet_tap);
}

struct sock *packet_create(u16 type, be16 proto, int *err)
{
	struct packet_sock *ps;

	if (type != SOCK_RAW && type != SOCK_DGRAM) {
		*err = -ESOCKTNOSUPPORT;
		return NULL;
	}
	ps = net_alloc(sizeof(*ps));
	if (!ps) {
		*err = -ENOMEM;
		return NULL;
	}
	/* The protocol is ps->num; sk.protocol (SO_PROTOCOL) stays 0. */
	sock_init(&ps->sk, AF_PACKET, type, 0);
	register_netdevice_notifier(&packet_notifier);	/* once; later calls do nothing */
	ps->num = proto;
	packet_ring_init(ps);
	ps->next = packet_list;
	packet_list = ps;
	packet_socks++;
	if (proto)
		hook(ps);
	*err = 0;
	return &ps->sk;
}

/* ---- memberships (PACKET_ADD_MEMBERSHIP) ---- */

/* Apply (inc 1) or undo (inc -1) one membership on its device. */
static int mc_apply(struct netdev *dev, const struct packet_mclist *ml, int inc)
{
	switch (ml->type) {
	case PACKET_MR_MULTICAST:
	case PACKET_MR_UNICAST:
		/*
		 * Linux adds the address to the device's filter list; Tern's
		 * devices keep none (virtio-net receives every multicast
		 * frame), so only the length is checked, as Linux does.
		 */
		return ml->alen == dev->addr_len ? 0 : -EINVAL;
	case PACKET_MR_PROMISC:
		return dev_set_promiscuity(dev, inc);
	case PACKET_MR_ALLMULTI:
		return dev_set_allmulti(dev, inc);
	}
	return 0;	/* Linux keeps unknown types without effect */
}

static bool mc_same(const struct packet_mclist *ml, const struct packet_mreq_max *mr)
{
	return ml->ifindex == mr->mr_ifindex && ml->type == mr->mr_type &&
	       ml->alen == mr->mr_alen && !memcmp(ml->addr, mr->mr_address, ml->alen);
}

int packet_mc_add(struct sock *sk, const struct packet_mreq_max *mr)
{
	struct packet_sock *ps = pkt_sk(sk);
	struct netdev *dev = dev_get_by_index(mr->mr_ifindex);
	struct packet_mclist *ml;
	int err;

	if (!dev)
		return -ENODEV;
	if (mr->mr_alen > dev->addr_len || mr->mr_alen > PACKET_MR_ADDR_MAX)
		return -EINVAL;
	for (ml = ps->mclist; ml; ml = ml->next) {
		if (mc_same(ml, mr)) {
			ml->count++;
			return 0;
		}
	}
	ml = net_alloc(sizeof(*ml));
	if (!ml)
		return -ENOBUFS;
	ml->ifindex = mr->mr_ifindex;
	ml->type = mr->mr_type;
	ml->alen = mr->mr_alen;
	memcpy(ml->addr, mr->mr_address, ml->alen);
	ml->count = 1;
	err = mc_apply(dev, ml, 1);
	if (err) {
		net_free(ml);
		return err;
	}
	ml->next = ps->mclist;
	ps->mclist = ml;
	return 0;
}

int packet_mc_drop(struct sock *sk, const struct packet_mreq_max *mr)
{
	struct packet_sock *ps = pkt_sk(sk);

	for (struct packet_mclist **pp = &ps->mclist; *pp; pp = &(*pp)->next) {
		struct packet_mclist *ml = *pp;
		struct netdev *dev;

		if (!mc_same(ml, mr))
			continue;
		if (--ml->count == 0) {
			*pp = ml->next;
			dev = dev_get_by_index(ml->ifindex);
			if (dev)
				(void)mc_apply(dev, ml, -1);
			net_free(ml);
		}
		break;
	}
	return 0;	/* packet(7): dropping what is not held is no error on Linux */
}

/* Leave the memberships on one device (ifindex), or all (0). */
static void mc_drop_dev(struct packet_sock *ps, int ifindex)
{
	struct packet_mclist **pp = &ps->mclist;

	while (*pp) {
		struct packet_mclist *ml = *pp;
		struct netdev *dev;

		if (ifindex && ml->ifindex != ifindex) {
			pp = &ml->next;
			continue;
		}
		*pp = ml->next;
		dev = dev_get_by_index(ml->ifindex);
		if (dev)
			(void)mc_apply(dev, ml, -1);
		net_free(ml);
	}
}

void packet_close(struct sock *sk)
{
	struct packet_sock *ps = pkt_sk(sk);

	unhook(ps);
	mc_drop_dev(ps, 0);
	/* The caller took the rings' pages (packet_ring_install with none). */
	packet_ring_stop(ps);
	for (struct packet_sock **pp = &packet_list; *pp; pp = &(*pp)->next) {
		if (*pp == ps) {
			*pp = ps->next;
			packet_socks--;
			break;
		}
	}
	pkb_queue_purge(&sk->receive_queue);
	sk_filter_put(sk->filter);
	sk->filter = NULL;
	net_free(ps);
}

void packet_close_all(void)
{
	while (packet_list)
		packet_close(&packet_list->sk);
}

u32 packet_sock_count(void)
{
	return packet_socks;
}

/* ---- devices coming and going (Linux's packet_notifier) ---- */

static void packet_notify(struct netdev *dev, enum netdev_event ev)
{
	for (struct packet_sock *ps = packet_list; ps; ps = ps->next) {
		if (ev == NETDEV_UNREGISTER)
			mc_drop_dev(ps, dev->ifindex);
		if (ps->ifindex != dev->ifindex)
			continue;
		if (ev == NETDEV_DOWN || ev == NETDEV_UNREGISTER) {
			if (ps->running) {
				unhook(ps);
				ps->sk.err = ENETDOWN;
				ps->sk.error_report(&ps->sk);
			}
			if (ev == NETDEV_UNREGISTER)
				ps->ifindex = -1;	/* bound to a device that is gone */
		} else if (ev == NETDEV_UP && ps->num) {
			hook(ps);
		}
	}
}

/* ---- bind, getsockname ---- */

int packet_bind(struct sock *sk, int ifindex, be16 proto)
{
	struct packet_sock *ps = pkt_sk(sk);
	struct netdev *dev = NULL;
	int cur = ps->ifindex < 0 ? 0 : ps->ifindex;
	bool rehook;

	if (ifindex) {
		dev = dev_get_by_index(ifindex);
		if (!dev)
			return -ENODEV;
	}
	if (!proto)
		proto = ps->num;
	/*
	 * Linux's packet_do_bind: the hook moves only when the protocol or
	 * the device changes (a socket whose device went away and that is
	 * bound to "every device" again keeps ifindex -1, as there).
	 */
	rehook = proto != ps->num || (dev ? dev->ifindex : 0) != cur;
	if (rehook) {
		unhook(ps);
		ps->num = proto;
		ps->ifindex = dev ? dev->ifindex : 0;
	}
	if (!proto || !rehook)
		return 0;
	if (!dev || netif_running(dev)) {
		hook(ps);
	} else {
		sk->err = ENETDOWN;
		sk->error_report(sk);
	}
	return 0;
}

int packet_getname(struct sock *sk, struct sockaddr_ll *sll)
{
	struct packet_sock *ps = pkt_sk(sk);
	struct netdev *dev = ps->ifindex > 0 ? dev_get_by_index(ps->ifindex) : NULL;

	memset(sll, 0, sizeof(*sll));
	sll->sll_family = AF_PACKET;
	sll->sll_protocol = ps->num;
	sll->sll_ifindex = ps->ifindex;
	if (dev) {
		sll->sll_hatype = dev->type;
		sll->sll_halen = dev->addr_len;
		memcpy(sll->sll_addr, dev->dev_addr, dev->addr_len);
	}
	return (int)__builtin_offsetof(struct sockaddr_ll, sll_addr) + sll->sll_halen;
}

/* ---- receiving ---- */

/*
 * The EtherType of a frame as the device layer classifies it
 * (eth_type_trans): values below 0x0600 are IEEE 802.3 lengths, the
 * frame then being raw 802.3 (payload starting 0xffff, Novell) or 802.2
 * LLC.  len >= ETH_HLEN.
 */
static be16 frame_protocol(const u8 *frame, u32 len)
{
	u16 type = (u16)(frame[12] << 8 | frame[13]);

	if (type >= ETH_P_802_3_MIN)
		return net_htons(type);
	if (len >= ETH_HLEN + 2 && frame[14] == 0xff && frame[15] == 0xff)
		return net_htons(ETH_P_802_3);
	return net_htons(ETH_P_802_2);
}

/*
 * Linux's NAPI receive path (napi_gro_receive, which virtio-net uses)
 * checks the transport checksum of IPv4 TCP and UDP frames in software
 * when the device did not, and marks the good ones CHECKSUM_UNNECESSARY,
 * which packet(7) reports as TP_STATUS_CSUM_VALID: with a 20-byte IPv4
 * header whose checksum is right, not a fragment, and a total length
 * that is exactly the rest of the frame (otherwise GRO flushes without
 * checking); a UDP checksum of 0 (none) counts as checked
 * (inet_gro_receive, tcp4_gro_receive, udp4_gro_receive).  Tern has no
 * GRO, so the engine applies the same test to what it delivers from
 * such devices (those with a poll routine): a DHCP OFFER from QEMU's
 * user network reads 0x81, its ARP replies 0x1, as on Linux.
 */
static bool gro_csum_checked(const u8 *frame, u32 len)
{
	const u8 *ip = frame + ETH_HLEN;
	be32 saddr, daddr;
	u32 l4len;
	u16 check;

	if (len < ETH_HLEN + 20 || frame[12] != 0x08 || frame[13] != 0x00 || ip[0] != 0x45)
		return false;
	if ((ip[6] & 0x3f) || ip[7])		/* MF or a fragment offset */
		return false;
	if (inet_csum(ip, 20) || (u32)(ip[2] << 8 | ip[3]) != len - ETH_HLEN)
		return false;
	l4len = len - ETH_HLEN - 20;
	if (ip[9] == IPPROTO_UDP) {
		if (l4len < 8)
			return false;
		check = (u16)(ip[26] << 8 | ip[27]);
		if (!check)
			return true;
	} else if (ip[9] != IPPROTO_TCP) {
		return false;
	}
	memcpy(&saddr, ip + 12, 4);
	memcpy(&daddr, ip + 16, 4);
	return !csum_fold(csum_partial(ip + 20, l4len, csum_pseudo(saddr, daddr, ip[9], (u16)l4len)));
}

/* Does socket ps want this frame? */
static bool packet_match(const struct packet_sock *ps, const struct pkbuf *pkb, be16 proto)
{
	if (!ps->running)
		return false;
	if (ps->ifindex && ps->ifindex != pkb->dev->ifindex)
		return false;
	if (pkb->pkt_type == PACKET_OUTGOING) {
		/* Only taps see frames leaving, and never their own. */
		return ps->num == net_htons(ETH_P_ALL) && ps != tx_origin && !ps->ignore_outgoing;
	}
	return ps->num == net_htons(ETH_P_ALL) || ps->num == proto;
}

static void count_drop(struct packet_sock *ps)
{
	ps->drops++;
	ps->stat_drops++;
	packet_counters.rx_dropped++;
}

/*
 * Linux: a checksum left to the device is "not ready", one checked on
 * arrival is "valid".  lo marks every frame checked so that the stack
 * skips the work; Linux's lo leaves them unchecked (or partial), so
 * frames on lo never read "valid" here either.
 */
static u32 frame_csum_status(const struct pkbuf *pkb, const struct netdev *dev, bool csum_checked)
{
	if (pkb->csum_partial)
		return TP_STATUS_CSUMNOTREADY;
	if (pkb->pkt_type != PACKET_OUTGOING && !(dev->flags & IFF_LOOPBACK) &&
	    (pkb->csum_ok || csum_checked))
		return TP_STATUS_CSUM_VALID;
	return 0;
}

/*
 * Linux's packet_rcv for one socket: the socket's view of the frame
 * (from the link header for SOCK_RAW, from the network header for
 * SOCK_DGRAM), the filter's verdict as the snap length, the room check,
 * then a copy of the kept bytes with the address and auxiliary data.
 */
static void packet_rcv_one(struct packet_sock *ps, const struct pkbuf *pkb, be16 proto,
			   bool csum_checked)
{
	const struct netdev *dev = pkb->dev;
	const u8 *mac = pkb->data;
	u32 hh = dev->hard_header_len, total = pkb->len, snap, len;
	bool raw = ps->sk.type == SOCK_RAW;
	const u8 *data = raw ? mac : mac + (total < hh ? total : hh);
	struct packet_cb *cb;
	struct pkbuf *copy;

	len = (u32)(mac + total - data);
	snap = len;
	if (ps->sk.filter) {
		struct bpf_ctx ctx;
		u32 res;

		memset(&ctx, 0, sizeof(ctx));
		ctx.mac = mac;
		ctx.network = total >= hh ? mac + hh : NULL;
		ctx.protocol = net_ntohs(proto);
		ctx.hatype = dev->type;
		ctx.pkttype = pkb->pkt_type;
		ctx.ifindex = (u32)dev->ifindex;
		res = sk_filter_apply(ps->sk.filter, data, len, &ctx);
		if (!res) {
			packet_counters.rx_filtered++;
			return;
		}
		if (res < snap)
			snap = res;
	}
	if (ps->rx_ring.pages) {
		struct sockaddr_ll sll;
		struct packet_frame f = {
			.data = data, .len = len, .snap = snap, .maclen = raw ? hh : 0,
			.tstamp_ns = pkb->pkt_type == PACKET_OUTGOING ? net_now_ns() : pkb->tstamp_ns,
			.sll = &sll,
		};

		memset(&sll, 0, sizeof(sll));
		sll.sll_family = AF_PACKET;
		sll.sll_protocol = proto;
		sll.sll_ifindex = dev->ifindex;
		sll.sll_hatype = dev->type;
		sll.sll_pkttype = pkb->pkt_type;
		if (total >= ETH_HLEN) {
			sll.sll_halen = ETH_ALEN;
			memcpy(sll.sll_addr, mac + ETH_ALEN, ETH_ALEN);
		}
		f.status = frame_csum_status(pkb, dev, csum_checked);
		packet_ring_rcv(ps, &f);
		return;
	}
	if (ps->rmem >= ps->sk.rcvbuf) {
		count_drop(ps);
		return;
	}
	copy = pkb_from(0, data, snap);
	if (!copy) {
		count_drop(ps);
		return;
	}
	/* The copy belongs to no device: that may go while it is queued. */
	copy->tstamp_ns = pkb->pkt_type == PACKET_OUTGOING ? net_now_ns() : pkb->tstamp_ns;
	copy->pkt_type = pkb->pkt_type;
	copy->protocol = proto;
	cb = PACKET_CB(copy);
	memset(cb, 0, sizeof(*cb));
	cb->sll.sll_family = AF_PACKET;
	cb->sll.sll_protocol = proto;
	cb->sll.sll_ifindex = dev->ifindex;
	cb->sll.sll_hatype = dev->type;
	cb->sll.sll_pkttype = pkb->pkt_type;
	if (total >= ETH_HLEN) {
		/* Every device is Ethernet-framed: the source is the address. */
		cb->sll.sll_halen = ETH_ALEN;
		memcpy(cb->sll.sll_addr, mac + ETH_ALEN, ETH_ALEN);
	}
	cb->origlen = len;
	cb->net_off = raw ? (u16)hh : 0;
	cb->status = TP_STATUS_USER | frame_csum_status(pkb, dev, csum_checked);
	cb->truesize = copy->size + (u32)sizeof(*copy);
	ps->rmem += cb->truesize;
	ps->stat_packets++;
	packet_counters.rx_queued++;
	pkb_enqueue(&ps->sk.receive_queue, copy);
	ps->sk.data_ready(&ps->sk);
}

/* The tap: pkb is ours, data at the link header, pkt_type set. */
static void packet_tap_rcv(struct pkbuf *pkb)
{
	int checked = -1;	/* gro_csum_checked(), once it is needed */
	be16 proto;

	if (!pkb->dev || pkb->len < ETH_HLEN) {
		pkb_free(pkb);
		return;
	}
	/* A frame leaving keeps the protocol its sender gave it (Linux's
	 * skb->protocol); an arriving one is classified from its header. */
	proto = pkb->pkt_type == PACKET_OUTGOING && pkb->protocol
		? pkb->protocol : frame_protocol(pkb->data, pkb->len);
	for (struct packet_sock *ps = packet_list; ps; ps = ps->next) {
		if (!packet_match(ps, pkb, proto))
			continue;
		if (checked < 0)
			checked = pkb->pkt_type != PACKET_OUTGOING && pkb->dev->poll &&
				  !pkb->csum_ok && !pkb->csum_partial &&
				  gro_csum_checked(pkb->data, pkb->len);
		packet_rcv_one(ps, pkb, proto, checked > 0);
	}
	pkb_free(pkb);
}

int packet_recv_take(struct sock *sk, bool peek, struct pkbuf **out)
{
	struct packet_sock *ps = pkt_sk(sk);
	struct pkbuf *pkb = pkb_peek(&sk->receive_queue);
	int err = sk->err;

	/* Linux's skb_recv_datagram: a pending error (ENETDOWN) first. */
	if (err) {
		sk->err = 0;
		return -err;
	}
	if (!pkb)
		return -EAGAIN;
	if (peek) {
		*out = pkb_get(pkb);
		return 0;
	}
	pkb_dequeue(&sk->receive_queue);
	ps->rmem -= PACKET_CB(pkb)->truesize;
	*out = pkb;
	return 0;
}

int packet_recv_name(const struct pkbuf *pkb, struct sockaddr_ll *sll)
{
	int len;

	*sll = PACKET_CB(pkb)->sll;
	/* Linux: the address's own length, but never less than the struct. */
	len = (int)__builtin_offsetof(struct sockaddr_ll, sll_addr) + sll->sll_halen;
	return len < (int)sizeof(*sll) ? (int)sizeof(*sll) : len;
}

void packet_auxdata(const struct pkbuf *pkb, struct tpacket_auxdata *aux)
{
	const struct packet_cb *cb = PACKET_CB(pkb);

	memset(aux, 0, sizeof(*aux));
	aux->tp_status = cb->status;
	aux->tp_len = cb->origlen;
	aux->tp_snaplen = pkb->len;
	aux->tp_mac = 0;
	aux->tp_net = cb->net_off;
	/* No VLAN acceleration: tp_vlan_tci and tp_vlan_tpid stay 0. */
}

u32 packet_next_len(struct sock *sk)
{
	struct pkbuf *pkb = pkb_peek(&sk->receive_queue);

	return pkb ? pkb->len : 0;
}

u32 packet_poll(struct sock *sk)
{
	/* Sends never wait for buffer space: always writable. */
	u32 mask = EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND;

	if (sk->err)
		mask |= EPOLLERR;
	if (sk->receive_queue.count)
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask | packet_ring_poll(pkt_sk(sk));
}

u32 packet_stats_take(struct sock *sk, struct tpacket_stats_v3 *st)
{
	struct packet_sock *ps = pkt_sk(sk);

	st->tp_drops = ps->stat_drops;
	st->tp_packets = ps->stat_packets + ps->stat_drops;
	st->tp_freeze_q_cnt = ps->stat_freeze;
	ps->stat_packets = ps->stat_drops = ps->stat_freeze = 0;
	return ps->version == TPACKET_V3 ? sizeof(struct tpacket_stats_v3)
					 : sizeof(struct tpacket_stats);
}

/* ---- sending ---- */

struct send_route {
	struct netdev *dev;
	be16 proto;
	const u8 *daddr;	/* SOCK_DGRAM: the link destination, or NULL */
};

/*
 * Linux's packet_snd up to the copy of the data: the device and protocol
 * from the address or the binding, and the first size check (with room
 * for a VLAN tag, which only the frame itself can confirm).
 */
static int send_route(struct packet_sock *ps, const struct sockaddr_ll *addr, int addrlen,
		      u32 len, struct send_route *rt)
{
	u32 reserve;

	rt->daddr = NULL;
	if (!addr) {
		rt->dev = ps->ifindex > 0 ? dev_get_by_index(ps->ifindex) : NULL;
		rt->proto = ps->num;
	} else {
		if (addrlen < (int)sizeof(*addr) ||
		    addrlen < (int)__builtin_offsetof(struct sockaddr_ll, sll_addr) + addr->sll_halen)
			return -EINVAL;
		rt->proto = addr->sll_protocol;
		rt->dev = dev_get_by_index(addr->sll_ifindex);
		if (ps->sk.type == SOCK_DGRAM) {
			if (rt->dev && addrlen < (int)__builtin_offsetof(struct sockaddr_ll, sll_addr) +
						 rt->dev->addr_len)
				return -EINVAL;
			rt->daddr = addr->sll_addr;
		}
	}
	if (!rt->dev)
		return -ENXIO;
	if (!netif_running(rt->dev))
		return -ENETDOWN;
	reserve = ps->sk.type == SOCK_RAW ? rt->dev->hard_header_len : 0;
	if ((u64)len > (u64)rt->dev->mtu + reserve + 4)	/* + VLAN_HLEN */
		return -EMSGSIZE;
	return 0;
}

int packet_send_check(struct sock *sk, const struct sockaddr_ll *addr, int addrlen, u32 len)
{
	struct send_route rt;

	return send_route(pkt_sk(sk), addr, addrlen, len, &rt);
}

/* The link header for SOCK_DGRAM (Linux's dev_hard_header -> eth_header). */
static int build_header(struct pkbuf **pkbp, const struct send_route *rt, u32 len)
{
	static const u8 zero[ETH_ALEN];
	struct netdev *dev = rt->dev;
	const u8 *daddr = rt->daddr;
	u16 type = net_ntohs(rt->proto);
	struct ethhdr *eth;

	if (!daddr) {
		/* Without a destination only lo and NOARP devices have one. */
		if (!(dev->flags & (IFF_LOOPBACK | IFF_NOARP)))
			return -EINVAL;
		daddr = zero;
	}
	if (pkb_headroom(*pkbp) < dev->hard_header_len) {
		struct pkbuf *copy = pkb_copy(*pkbp, dev->hard_header_len);

		if (!copy)
			return -ENOBUFS;
		pkb_free(*pkbp);
		*pkbp = copy;
	}
	if (eth_header(*pkbp, dev, type, daddr))
		return -EINVAL;
	/* 802.3 and 802.2 frames carry their length where the type goes. */
	if (type == ETH_P_802_3 || type == ETH_P_802_2) {
		eth = (struct ethhdr *)(*pkbp)->data;
		eth->h_proto = net_htons((u16)len);
	}
	return 0;
}

int packet_send(struct sock *sk, struct pkbuf *pkb, const struct sockaddr_ll *addr, int addrlen)
{
	struct packet_sock *ps = pkt_sk(sk);
	u32 len = pkb->len, reserve = 0;
	struct send_route rt;
	be16 frame_type;
	int err;

	err = send_route(ps, addr, addrlen, len, &rt);
	if (err)
		goto fail;
	if (sk->type == SOCK_DGRAM) {
		err = build_header(&pkb, &rt, len);
		if (err)
			goto fail;
	} else {
		/* The caller's frame must hold at least the device's header. */
		reserve = rt.dev->hard_header_len;
		if (len < reserve) {
			err = -EINVAL;
			goto fail;
		}
		pkb_set_mac(pkb);
		pkb->dev = rt.dev;
		/* Bound to no protocol or to all: the frame says which. */
		if (!rt.proto || rt.proto == net_htons(ETH_P_ALL))
			rt.proto = ((const struct ethhdr *)pkb->data)->h_proto;
	}
	frame_type = ((const struct ethhdr *)pkb->data)->h_proto;
	if (len > rt.dev->mtu + reserve &&
	    !(rt.dev->type == ARPHRD_ETHER && frame_type == net_htons(ETH_P_8021Q))) {
		err = -EMSGSIZE;
		goto fail;
	}
	pkb->network_off = pkb->mac_off + (s32)rt.dev->hard_header_len;
	pkb->transport_off = -1;
	pkb->protocol = rt.proto;
	pkb->pkt_type = 0;
	pkb->csum_ok = 0;
	pkb->csum_partial = 0;
	tx_origin = ps;
	err = dev_queue_xmit(pkb);
	tx_origin = NULL;
	if (err) {
		packet_counters.tx_errors++;
		return err;
	}
	packet_counters.tx_frames++;
	return (int)len;
fail:
	pkb_free(pkb);
	return err;
}

/* ---- /proc/net/packet ---- */

int packet_proc_format(char *buf, size_t size, sock_proc_info_fn info)
{
	struct net_text t = NET_TEXT_INIT(buf, size);

	/* Linux's packet_seq_show; the kernel pointer reads as zeros. */
	net_text_printf(&t, "sk               RefCnt Type Proto  Iface R Rmem   User   Inode\n");
	for (struct packet_sock *ps = packet_list; ps; ps = ps->next) {
		u32 uid = 0;
		u64 ino = 0;

		if (info)
			info(&ps->sk, &uid, &ino);
		net_text_printf(&t, "%016llx %-6d %-4d %04x   %-5d %1d %-6u %-6u %-6llu\n", 0ull,
		     (int)ps->sk.refcnt, (int)ps->sk.type, (unsigned)net_ntohs(ps->num),
		     ps->ifindex, ps->running ? 1 : 0, ps->rmem, uid, (unsigned long long)ino);
	}
	return net_text_len(&t);
}
