/*
 * Network devices: registration, up/down, transmit and receive entry
 * points, the receive backlog and /proc/net/dev (see net/netdev.h).
 */
#include <net/if_ether.h>
#include <net/netdev.h>
#include <net/text.h>
#include <uapi/errno.h>
#include <uapi/sockios.h>

static struct netdev *dev_list;            /* sorted by ifindex */
static struct netdev_notifier *notifiers;
static struct packet_type *ptype_list;
static struct pkb_queue backlog;           /* netif_rx() -> net_rx_poll() */
static int last_ifindex;

static size_t name_len(const char *s)
{
	size_t n = 0;

	while (n < IFNAMSIZ && s[n])
		n++;
	return n;
}

static bool name_eq(const char *a, const char *b)
{
	size_t n = name_len(a);

	return n == name_len(b) && memcmp(a, b, n) == 0;
}

void register_netdevice_notifier(struct netdev_notifier *nb)
{
	struct netdev_notifier **pp = &notifiers;

	/* Keep registration order: earlier notifiers see events first.
	 * Registering twice is a no-op (it would make the list a loop). */
	for (; *pp; pp = &(*pp)->next)
		if (*pp == nb)
			return;
	nb->next = NULL;
	*pp = nb;
}

void unregister_netdevice_notifier(struct netdev_notifier *nb)
{
	for (struct netdev_notifier **pp = &notifiers; *pp; pp = &(*pp)->next) {
		if (*pp == nb) {
			*pp = nb->next;
			return;
		}
	}
}

static void call_netdevice_notifiers(struct netdev *dev, enum netdev_event ev)
{
	for (struct netdev_notifier *nb = notifiers; nb; nb = nb->next)
		nb->event(dev, ev);
}

static bool have_taps;

static void update_taps(void)
{
	have_taps = false;
	for (struct packet_type *pt = ptype_list; pt; pt = pt->next)
		if (pt->type == net_htons(ETH_P_ALL))
			have_taps = true;
}

void dev_add_pack(struct packet_type *pt)
{
	for (struct packet_type *p = ptype_list; p; p = p->next)
		if (p == pt)
			return;     /* already there */
	pt->next = ptype_list;
	ptype_list = pt;
	update_taps();
}

void dev_remove_pack(struct packet_type *pt)
{
	for (struct packet_type **pp = &ptype_list; *pp; pp = &(*pp)->next) {
		if (*pp == pt) {
			*pp = pt->next;
			break;
		}
	}
	update_taps();
}

struct netdev *alloc_netdev(const char *name)
{
	struct netdev *dev = net_alloc(sizeof(*dev));
	size_t n;

	if (!dev)
		return NULL;
	n = name_len(name);
	if (n >= IFNAMSIZ)
		n = IFNAMSIZ - 1;
	memcpy(dev->name, name, n);
	ether_setup(dev);
	return dev;
}

void free_netdev(struct netdev *dev)
{
	net_free(dev);
}

struct netdev *dev_get_by_name(const char *name)
{
	for (struct netdev *d = dev_list; d; d = d->next)
		if (name_eq(d->name, name))
			return d;
	return NULL;
}

struct netdev *dev_get_by_index(int ifindex)
{
	for (struct netdev *d = dev_list; d; d = d->next)
		if (d->ifindex == ifindex)
			return d;
	return NULL;
}

struct netdev *dev_base(void)
{
	return dev_list;
}

/* Replace a "%d" in the name with the first free unit number (dev_alloc_name). */
static int dev_alloc_name(struct netdev *dev)
{
	char pattern[IFNAMSIZ], cand[IFNAMSIZ];
	size_t n = name_len(dev->name), pos;

	for (pos = 0; pos + 1 < n; pos++)
		if (dev->name[pos] == '%' && dev->name[pos + 1] == 'd')
			break;
	if (pos + 1 >= n)
		return dev_get_by_name(dev->name) ? -EEXIST : 0;
	memcpy(pattern, dev->name, n);
	pattern[n] = 0;
	for (int unit = 0; unit < 32768; unit++) {
		int len = snprintf(cand, sizeof(cand), "%.*s%d%s", (int)pos, pattern,
				   unit, pattern + pos + 2);

		if (len <= 0 || len >= IFNAMSIZ)
			return -EINVAL;
		if (!dev_get_by_name(cand)) {
			memset(dev->name, 0, IFNAMSIZ);
			memcpy(dev->name, cand, (size_t)len);
			return 0;
		}
	}
	return -ENFILE;
}

int register_netdev(struct netdev *dev)
{
	struct netdev **pp;
	int err;

	if (!dev->name[0] || !dev->xmit || dev->ifindex)
		return -EINVAL;
	err = dev_alloc_name(dev);
	if (err)
		return err;
	/* Linux's dev_new_index: the next number after the last one given. */
	do {
		if (++last_ifindex <= 0)
			last_ifindex = 1;
	} while (dev_get_by_index(last_ifindex));
	dev->ifindex = last_ifindex;
	for (pp = &dev_list; *pp && (*pp)->ifindex < dev->ifindex; pp = &(*pp)->next)
		;
	dev->next = *pp;
	*pp = dev;
	return 0;
}

void unregister_netdev(struct netdev *dev)
{
	struct pkb_queue keep;
	struct pkbuf *pkb;

	if (netif_running(dev))
		dev_close(dev);
	call_netdevice_notifiers(dev, NETDEV_UNREGISTER);
	/* Frames still queued from this device go. */
	pkb_queue_init(&keep);
	while ((pkb = pkb_dequeue(&backlog))) {
		if (pkb->dev == dev)
			pkb_free(pkb);
		else
			pkb_enqueue(&keep, pkb);
	}
	backlog = keep;
	for (struct netdev **pp = &dev_list; *pp; pp = &(*pp)->next) {
		if (*pp == dev) {
			*pp = dev->next;
			break;
		}
	}
	free_netdev(dev);
}

void netdev_unregister_all(void)
{
	/* Highest ifindex first, so "lo" goes last as in Linux's teardown. */
	while (dev_list) {
		struct netdev *last = dev_list;

		while (last->next)
			last = last->next;
		unregister_netdev(last);
	}
	pkb_queue_purge(&backlog);
	last_ifindex = 0;
}

static void update_running(struct netdev *dev)
{
	if ((dev->flags & IFF_UP) && dev->carrier)
		dev->flags |= IFF_RUNNING | IFF_LOWER_UP;
	else
		dev->flags &= ~(u32)(IFF_RUNNING | IFF_LOWER_UP);
}

int dev_open(struct netdev *dev)
{
	if (dev->flags & IFF_UP)
		return 0;
	dev->flags |= IFF_UP;
	update_running(dev);
	call_netdevice_notifiers(dev, NETDEV_UP);
	return 0;
}

int dev_close(struct netdev *dev)
{
	if (!(dev->flags & IFF_UP))
		return 0;
	dev->flags &= ~(u32)IFF_UP;
	update_running(dev);
	call_netdevice_notifiers(dev, NETDEV_DOWN);
	return 0;
}

void netif_carrier_on(struct netdev *dev)
{
	dev->carrier = true;
	update_running(dev);
}

void netif_carrier_off(struct netdev *dev)
{
	dev->carrier = false;
	update_running(dev);
}

int dev_set_mtu(struct netdev *dev, u32 mtu)
{
	int err;

	if (mtu < dev->min_mtu || mtu > dev->max_mtu)
		return -EINVAL;
	if (mtu != dev->mtu) {
		err = dev->change_mtu ? dev->change_mtu(dev, mtu) : 0;
		if (err)
			return err;
		dev->mtu = mtu;
		call_netdevice_notifiers(dev, NETDEV_CHANGEMTU);
	}
	return 0;
}

u32 dev_get_flags(const struct netdev *dev)
{
	const u32 derived = IFF_RUNNING | IFF_LOWER_UP | IFF_DORMANT;
	u32 flags = dev->flags & ~derived;

	if (dev->flags & IFF_UP)
		flags |= dev->flags & (IFF_RUNNING | IFF_LOWER_UP);
	return flags;
}

int dev_change_flags(struct netdev *dev, u32 flags)
{
	const u32 user = IFF_DEBUG | IFF_NOTRAILERS | IFF_NOARP | IFF_DYNAMIC |
			 IFF_MULTICAST | IFF_PORTSEL | IFF_AUTOMEDIA;
	u32 old = dev->flags;
	int err = 0;

	dev->flags = (flags & user) | (old & (IFF_UP | IFF_VOLATILE | IFF_PROMISC | IFF_ALLMULTI));
	if ((flags ^ old) & IFF_UP)
		err = flags & IFF_UP ? dev_open(dev) : dev_close(dev);
	/* The user's PROMISC and ALLMULTI (Linux's gflags) each count as a
	 * listener of the device, beside packet sockets' memberships. */
	if ((flags ^ old) & IFF_PROMISC) {
		dev->flags ^= IFF_PROMISC;
		(void)dev_set_promiscuity(dev, flags & IFF_PROMISC ? 1 : -1);
	}
	if ((flags ^ old) & IFF_ALLMULTI) {
		dev->flags ^= IFF_ALLMULTI;
		(void)dev_set_allmulti(dev, flags & IFF_ALLMULTI ? 1 : -1);
	}
	return err;
}

int dev_set_mac_address(struct netdev *dev, const u8 *addr)
{
	/* Linux's eth_prepare_mac_addr_change: a valid unicast address. */
	if (is_multicast_ether_addr(addr) || is_zero_ether_addr(addr))
		return -EADDRNOTAVAIL;
	memcpy(dev->dev_addr, addr, ETH_ALEN);
	call_netdevice_notifiers(dev, NETDEV_CHANGEADDR);
	return 0;
}

/* A listener count: it never wraps (Linux's __dev_set_promiscuity
 * refuses to overflow), and only what was added is taken away. */
static int dev_count_add(u32 *count, int inc)
{
	if (inc > 0 && *count == 0xffffffffu)
		return -EOVERFLOW;
	NET_ASSERT(inc > 0 || *count > 0);
	*count += (u32)inc;
	return 0;
}

int dev_set_promiscuity(struct netdev *dev, int inc)
{
	return dev_count_add(&dev->promiscuity, inc);
}

int dev_set_allmulti(struct netdev *dev, int inc)
{
	return dev_count_add(&dev->allmulti, inc);
}

/* Copies for the ETH_P_ALL taps; data of `pkb` is at the link header. */
static void deliver_taps(const struct pkbuf *pkb, u8 pkt_type)
{
	for (struct packet_type *pt = ptype_list; pt; pt = pt->next) {
		struct pkbuf *copy;

		if (pt->type != net_htons(ETH_P_ALL))
			continue;
		copy = pkb_copy(pkb, 0);
		if (!copy)
			continue;          /* the tap misses one; the packet goes on */
		pkb_set_mac(copy);
		copy->network_off = copy->mac_off + pkb->dev->hard_header_len;
		copy->pkt_type = pkt_type;
		pt->func(copy);
	}
}

/*
 * The bytes a frame adds to the counters: loopback counts the packet
 * without its link header, as Linux's loopback_xmit does (it counts after
 * eth_type_trans has pulled it).
 */
static u32 stats_len(const struct netdev *dev, u32 len)
{
	if ((dev->flags & IFF_LOOPBACK) && len >= dev->hard_header_len)
		return len - dev->hard_header_len;
	return len;
}

int dev_queue_xmit(struct pkbuf *pkb)
{
	struct netdev *dev = pkb->dev;
	u32 len = stats_len(dev, pkb->len);
	int err;

	NET_ASSERT(dev);
	if (!(dev->flags & IFF_UP)) {
		dev->stats.tx_dropped++;
		pkb_free(pkb);
		return -ENETDOWN;
	}
	if (pkb->csum_partial && !(dev->features & NETDEV_F_HW_CSUM))
		pkb_csum_complete(pkb);
	if (have_taps)
		deliver_taps(pkb, PACKET_OUTGOING);
	err = dev->xmit(dev, pkb);
	if (err) {
		dev->stats.tx_dropped++;
		return err;
	}
	dev->stats.tx_packets++;
	dev->stats.tx_bytes += len;
	return 0;
}

void netif_receive(struct pkbuf *pkb)
{
	struct netdev *dev = pkb->dev;

	NET_ASSERT(dev);
	dev->stats.rx_packets++;
	dev->stats.rx_bytes += stats_len(dev, pkb->len);
	if (!(dev->flags & IFF_UP)) {
		dev->stats.rx_dropped++;
		pkb_free(pkb);
		return;
	}
	if (have_taps && pkb->len >= dev->hard_header_len) {
		const u8 *d = pkb->data;

		/* Classify for the taps as eth_type_trans will. */
		deliver_taps(pkb, (d[0] & 1) ? ((d[0] & d[1] & d[2] & d[3] & d[4] & d[5]) == 0xff
						? PACKET_BROADCAST : PACKET_MULTICAST)
				  : memcmp(d, dev->dev_addr, ETH_ALEN) ? PACKET_OTHERHOST : PACKET_HOST);
	}
	if (eth_type_trans(pkb, dev) < 0) {
		dev->stats.rx_errors++;
		dev->stats.rx_length_errors++;
		pkb_free(pkb);
		return;
	}
	if (pkb->pkt_type == PACKET_MULTICAST)
		dev->stats.multicast++;
	if (pkb->pkt_type == PACKET_OTHERHOST) {
		/* Not our MAC (promiscuous NIC or a switch flooding). */
		dev->stats.rx_otherhost_dropped++;
		pkb_free(pkb);
		return;
	}
	for (struct packet_type *pt = ptype_list; pt; pt = pt->next) {
		if (pt->type == pkb->protocol) {
			pt->func(pkb);
			return;
		}
	}
	dev->stats.rx_nohandler++;
	pkb_free(pkb);
}

int netif_rx(struct pkbuf *pkb)
{
	if (backlog.count >= NETDEV_MAX_BACKLOG) {
		pkb->dev->stats.rx_dropped++;
		pkb_free(pkb);
		return -ENOBUFS;
	}
	pkb_enqueue(&backlog, pkb);
	net_request_poll();
	return 0;
}

unsigned net_rx_poll(void)
{
	/* Only what is queued now: replies queued meanwhile wait for the
	 * next call, so one call is bounded and never recursive. */
	u32 budget = backlog.count;
	unsigned done = 0;
	struct pkbuf *pkb;

	while (budget-- && (pkb = pkb_dequeue(&backlog))) {
		netif_receive(pkb);
		done++;
	}
	return done;
}

u32 netif_backlog_len(void)
{
	return backlog.count;
}

/* Linux's dev_seq_show layout (net/core/net-procfs.c). */
int dev_proc_format(char *buf, size_t size)
{
	struct net_text t = NET_TEXT_INIT(buf, size);

	net_text_printf(&t, "Inter-|   Receive                                                |  Transmit\n");
	net_text_printf(&t, " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n");
	for (struct netdev *d = dev_list; d; d = d->next) {
		const struct net_device_stats *s = &d->stats;

		net_text_printf(&t, "%6s: %7llu %7llu %4llu %4llu %4llu %5llu %10llu %9llu "
		     "%8llu %7llu %4llu %4llu %4llu %5llu %7llu %10llu\n",
		     d->name,
		     (unsigned long long)s->rx_bytes, (unsigned long long)s->rx_packets,
		     (unsigned long long)s->rx_errors,
		     (unsigned long long)(s->rx_dropped + s->rx_missed_errors),
		     (unsigned long long)s->rx_fifo_errors,
		     (unsigned long long)(s->rx_length_errors + s->rx_over_errors +
					  s->rx_crc_errors + s->rx_frame_errors),
		     (unsigned long long)s->rx_compressed, (unsigned long long)s->multicast,
		     (unsigned long long)s->tx_bytes, (unsigned long long)s->tx_packets,
		     (unsigned long long)s->tx_errors, (unsigned long long)s->tx_dropped,
		     (unsigned long long)s->tx_fifo_errors, (unsigned long long)s->collisions,
		     (unsigned long long)(s->tx_carrier_errors + s->tx_aborted_errors +
					  s->tx_window_errors + s->tx_heartbeat_errors),
		     (unsigned long long)s->tx_compressed);
	}
	return net_text_len(&t);
}

struct netdev *dev_get_by_ifr_name(const char *ifr_name)
{
	char name[IFNAMSIZ];
	size_t n = name_len(ifr_name);

	if (n >= IFNAMSIZ)
		n = IFNAMSIZ - 1;          /* Linux: ifr_name[IFNAMSIZ - 1] = 0 */
	memcpy(name, ifr_name, n);
	name[n] = 0;
	for (size_t i = 0; i < n; i++)
		if (name[i] == ':')
			name[i] = 0;       /* "eth0:1" is an address label of eth0 */
	return dev_get_by_name(name);
}

int dev_ifsioc(unsigned int cmd, struct ifreq *ifr)
{
	struct netdev *dev;
	size_t n;

	switch (cmd) {
	case SIOCGIFNAME:
		dev = dev_get_by_index(ifr->ifr_ifindex);
		if (!dev)
			return -ENODEV;
		/* Linux copies the name and its NUL; the rest stays. */
		n = name_len(dev->name);
		memcpy(ifr->ifr_name, dev->name, n);
		ifr->ifr_name[n] = 0;
		return 0;
	case SIOCGIFFLAGS:
	case SIOCSIFFLAGS:
	case SIOCGIFMETRIC:
	case SIOCGIFMTU:
	case SIOCSIFMTU:
	case SIOCGIFHWADDR:
	case SIOCGIFMAP:
	case SIOCGIFINDEX:
	case SIOCGIFTXQLEN:
	case SIOCSIFTXQLEN:
	case SIOCSIFMETRIC:
	case SIOCSIFMAP:
		break;
	default:
		return -ENOTTY;
	}
	dev = dev_get_by_ifr_name(ifr->ifr_name);
	if (!dev)
		return -ENODEV;
	switch (cmd) {
	case SIOCGIFFLAGS:
		/* Only the low 16 bits fit (LOWER_UP and above are lost). */
		ifr->ifr_flags = (s16)(dev_get_flags(dev) & 0xffff);
		return 0;
	case SIOCSIFFLAGS:
		/* ifr_flags is a short; Linux widens it with its sign. */
		return dev_change_flags(dev, (u32)(s32)ifr->ifr_flags);
	case SIOCGIFMETRIC:
		ifr->ifr_metric = 0;       /* Linux: always 0 */
		return 0;
	case SIOCGIFMTU:
		ifr->ifr_mtu = (s32)dev->mtu;
		return 0;
	case SIOCSIFMTU:
		if (ifr->ifr_mtu < 0)
			return -EINVAL;
		return dev_set_mtu(dev, (u32)ifr->ifr_mtu);
	case SIOCGIFHWADDR:
		/* sa_family and the address bytes; the rest is the caller's. */
		if (dev->addr_len)
			memcpy(ifr->ifr_hwaddr.sa_data, dev->dev_addr,
			       dev->addr_len < sizeof(ifr->ifr_hwaddr.sa_data)
				       ? dev->addr_len : sizeof(ifr->ifr_hwaddr.sa_data));
		else
			memset(ifr->ifr_hwaddr.sa_data, 0, sizeof(ifr->ifr_hwaddr.sa_data));
		ifr->ifr_hwaddr.sa_family = dev->type;
		return 0;
	case SIOCGIFMAP:
		/* No device here has ISA-style resources. */
		memset(&ifr->ifr_map, 0, sizeof(ifr->ifr_map));
		return 0;
	case SIOCGIFINDEX:
		ifr->ifr_ifindex = dev->ifindex;
		return 0;
	case SIOCGIFTXQLEN:
		ifr->ifr_qlen = (s32)dev->tx_queue_len;
		return 0;
	case SIOCSIFTXQLEN:
		if (ifr->ifr_qlen < 0)
			return -EINVAL;
		dev->tx_queue_len = (u32)ifr->ifr_qlen;
		return 0;
	case SIOCSIFMETRIC:            /* Linux: no device takes a metric */
	case SIOCSIFMAP:               /* nor a resource map */
		return -EOPNOTSUPP;
	}
	return -ENOTTY;
}
