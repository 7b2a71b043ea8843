/*
 * rtnetlink links (rtnetlink(7) RTM_NEWLINK/DELLINK/GETLINK/SETLINK):
 * struct ifinfomsg and the IFLA_* attributes Linux's rtnl_fill_ifinfo
 * puts, in its order; `ip link set` through netlink; RTM_NEWLINK to
 * RTNLGRP_LINK whenever a device changes.  Portable, stack lock held.
 */
#include <net/rtnetlink.h>
#include <uapi/errno.h>
#include <uapi/socket.h>

/* Linux's ifla_policy, for the attributes read here. */
static const struct nla_policy ifla_policy[IFLA_MAX_MTU + 1] = {
	[IFLA_IFNAME] = { NLA_STRING, IFNAMSIZ - 1 },
	[IFLA_ADDRESS] = { NLA_BINARY, 32 },		/* MAX_ADDR_LEN */
	[IFLA_BROADCAST] = { NLA_BINARY, 32 },
	[IFLA_MTU] = { NLA_U32, 0 },
	[IFLA_LINK] = { NLA_U32, 0 },
	[IFLA_MASTER] = { NLA_U32, 0 },
	[IFLA_TXQLEN] = { NLA_U32, 0 },
	[IFLA_WEIGHT] = { NLA_U32, 0 },
	[IFLA_OPERSTATE] = { NLA_U8, 0 },
	[IFLA_LINKMODE] = { NLA_U8, 0 },
	[IFLA_LINKINFO] = { NLA_NESTED, 0 },
	[IFLA_NET_NS_PID] = { NLA_U32, 0 },
	[IFLA_IFALIAS] = { NLA_STRING, 255 },
	[IFLA_EXT_MASK] = { NLA_U32, 0 },
	[IFLA_PROMISCUITY] = { NLA_U32, 0 },
	[IFLA_NUM_TX_QUEUES] = { NLA_U32, 0 },
	[IFLA_NUM_RX_QUEUES] = { NLA_U32, 0 },
	[IFLA_GROUP] = { NLA_U32, 0 },
	[IFLA_CARRIER] = { NLA_U8, 0 },
	[IFLA_PROTO_DOWN] = { NLA_U8, 0 },
	[IFLA_GSO_MAX_SEGS] = { NLA_U32, 0 },
	[IFLA_GSO_MAX_SIZE] = { NLA_U32, 0 },
	[IFLA_MIN_MTU] = { NLA_U32, 0 },
	[IFLA_MAX_MTU] = { NLA_U32, 0 },
};

/* RFC 2863 operational state, as Linux reports it. */
static u8 link_operstate(const struct netdev *dev)
{
	if (!netif_running(dev))
		return IF_OPER_DOWN;
	if (dev->flags & IFF_LOOPBACK)
		return IF_OPER_UNKNOWN;
	return dev->carrier ? IF_OPER_UP : IF_OPER_DOWN;
}

/*
 * linux-compat: Tern has no queueing disciplines; it names what Linux
 * shows for the same device (noop while down, noqueue on loopback, the
 * default pfifo_fast on a NIC).
 */
static const char *link_qdisc(const struct netdev *dev)
{
	if (!netif_running(dev))
		return "noop";
	return dev->flags & IFF_LOOPBACK ? "noqueue" : "pfifo_fast";
}

static void stats32(struct rtnl_link_stats *s32, const struct rtnl_link_stats64 *s)
{
	const u64 *from = (const u64 *)s;
	u32 *to = (u32 *)s32;

	/* The 32-bit set is the first 24 counters of the 64-bit one, truncated. */
	for (size_t i = 0; i < sizeof(*s32) / sizeof(u32); i++)
		to[i] = (u32)from[i];
}

struct link_msg {
	const struct netdev *dev;
	u16 type;
	u16 flags;
	u32 portid, seq, change;
};

static int fill_link(struct nl_buf *b, const struct link_msg *m)
{
	const struct netdev *dev = m->dev;
	struct rtnl_link_stats64 s64;
	struct rtnl_link_stats s32;
	struct rtnl_link_ifmap map;
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifm;

	nlh = nlmsg_put(b, m->portid, m->seq, m->type, sizeof(*ifm), m->flags);
	if (!nlh)
		return -EMSGSIZE;
	ifm = nlmsg_data(nlh);
	ifm->ifi_family = AF_UNSPEC;
	ifm->ifi_type = dev->type;
	ifm->ifi_index = dev->ifindex;
	ifm->ifi_flags = dev_get_flags(dev);
	ifm->ifi_change = m->change;

	_Static_assert(sizeof(struct net_device_stats) >= sizeof(s64), "stats64 order");
	memcpy(&s64, &dev->stats, sizeof(s64));
	stats32(&s32, &s64);
	memset(&map, 0, sizeof(map));
	if (nla_put_string(b, IFLA_IFNAME, dev->name) ||
	    nla_put_u32(b, IFLA_TXQLEN, dev->tx_queue_len) ||
	    nla_put_u8(b, IFLA_OPERSTATE, link_operstate(dev)) ||
	    nla_put_u8(b, IFLA_LINKMODE, IF_LINK_MODE_DEFAULT) ||
	    nla_put_u32(b, IFLA_MTU, dev->mtu) ||
	    nla_put_u32(b, IFLA_MIN_MTU, dev->min_mtu) ||
	    nla_put_u32(b, IFLA_MAX_MTU, dev->max_mtu) ||
	    nla_put_u32(b, IFLA_GROUP, 0) ||
	    nla_put_u32(b, IFLA_PROMISCUITY, dev->promiscuity) ||
	    nla_put_u32(b, IFLA_NUM_TX_QUEUES, 1) ||
	    nla_put_u32(b, IFLA_NUM_RX_QUEUES, 1) ||
	    nla_put_u8(b, IFLA_CARRIER, dev->carrier) ||
	    nla_put_string(b, IFLA_QDISC, link_qdisc(dev)) ||
	    nla_put_u8(b, IFLA_PROTO_DOWN, 0) ||
	    nla_put(b, IFLA_MAP, sizeof(map), &map) ||
	    (dev->addr_len && nla_put(b, IFLA_ADDRESS, dev->addr_len, dev->dev_addr)) ||
	    (dev->addr_len && nla_put(b, IFLA_BROADCAST, dev->addr_len, dev->broadcast)) ||
	    nla_put(b, IFLA_STATS64, sizeof(s64), &s64) ||
	    nla_put(b, IFLA_STATS, sizeof(s32), &s32)) {
		nlmsg_cancel(b, nlh);
		return -EMSGSIZE;
	}
	nlmsg_end(b, nlh);
	return 0;
}

static int fill_link_cb(struct nl_buf *b, const void *arg)
{
	return fill_link(b, arg);
}

void rtmsg_ifinfo(u16 type, const struct netdev *dev, u32 change)
{
	struct link_msg m = {
		.dev = dev, .type = type, .portid = rtnl_cur.portid, .seq = rtnl_cur.seq,
		.change = change,
	};

	rtnl_notify(RTNLGRP_LINK, fill_link_cb, &m);
}

int rtnl_dumplink(struct nl_buf *b, struct rtnl_dump *cb)
{
	u32 idx = 0;

	for (const struct netdev *dev = dev_base(); dev; dev = dev->next, idx++) {
		struct link_msg m = {
			.dev = dev, .type = RTM_NEWLINK, .flags = NLM_F_MULTI,
			.portid = cb->req->portid, .seq = cb->nlh->nlmsg_seq,
		};

		if (idx < cb->cursor[0])
			continue;
		if (fill_link(b, &m)) {
			cb->cursor[0] = idx;
			return 1;
		}
	}
	return 0;
}

/* The device a link request names: ifi_index, else IFLA_IFNAME. */
static int link_lookup(const struct ifinfomsg *ifm, const struct nlattr **tb,
		       struct netdev **devp)
{
	char name[IFNAMSIZ];

	*devp = NULL;
	if (ifm->ifi_index > 0) {
		*devp = dev_get_by_index(ifm->ifi_index);
	} else if (tb[IFLA_IFNAME]) {
		nla_strscpy(name, tb[IFLA_IFNAME], sizeof(name));
		*devp = dev_get_by_name(name);
	} else {
		return -EINVAL;
	}
	return *devp ? 0 : -ENODEV;
}

int rtnl_getlink(const struct nlmsghdr *nlh, const struct rtnl_req *req)
{
	const struct nlattr *tb[IFLA_MAX_MTU + 1];
	struct ifinfomsg ifm;
	struct netdev *dev;
	struct link_msg m;
	int err;

	err = nlmsg_parse(nlh, sizeof(ifm), tb, IFLA_MAX_MTU, ifla_policy, false);
	if (err)
		return err;
	memcpy(&ifm, nlmsg_data(nlh), sizeof(ifm));
	err = link_lookup(&ifm, tb, &dev);
	if (err)
		return err;
	m = (struct link_msg){
		.dev = dev, .type = RTM_NEWLINK, .portid = req->portid, .seq = nlh->nlmsg_seq,
	};
	return rtnl_unicast_one(req, fill_link_cb, &m);
}

/* dev_valid_name: 1..15 bytes, not "." or "..", no '/', ':' or space;
 * linux-compat: nor '%' (no "%d" templates). */
static bool valid_name(const char *s)
{
	size_t n = strlen(s);

	if (!n || n >= IFNAMSIZ || nl_streq(s, ".") || nl_streq(s, ".."))
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '/' || s[i] == ':' || s[i] == ' ' || s[i] == '%' || (s[i] >= '\t' && s[i] <= '\r'))
			return false;
	return true;
}

/* Linux's dev_change_name: -EBUSY while up, -EEXIST when taken. */
static int link_rename(struct netdev *dev, const struct nlattr *a)
{
	char name[IFNAMSIZ];

	nla_strscpy(name, a, sizeof(name));
	if (nl_streq(name, dev->name))
		return 0;
	if (!valid_name(name))
		return -EINVAL;
	if (netif_running(dev))
		return -EBUSY;
	if (dev_get_by_name(name))
		return -EEXIST;
	memset(dev->name, 0, sizeof(dev->name));
	memcpy(dev->name, name, strlen(name));
	rtmsg_ifinfo(RTM_NEWLINK, dev, 0);
	return 0;
}

/* Linux's do_setlink, for what a host's devices can change. */
static int do_setlink(struct netdev *dev, const struct ifinfomsg *ifm, const struct nlattr **tb)
{
	int err;

	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) < dev->addr_len)
			return -EINVAL;
		err = dev_set_mac_address(dev, nla_data(tb[IFLA_ADDRESS]));
		if (err)
			return err;
	}
	if (tb[IFLA_MTU]) {
		err = dev_set_mtu(dev, nla_get_u32(tb[IFLA_MTU]));
		if (err)
			return err;
	}
	if (ifm->ifi_index > 0 && tb[IFLA_IFNAME]) {
		err = link_rename(dev, tb[IFLA_IFNAME]);
		if (err)
			return err;
	}
	if (tb[IFLA_BROADCAST]) {
		/* linux-compat: the Ethernet broadcast address stays. */
		return -EOPNOTSUPP;
	}
	if (ifm->ifi_flags || ifm->ifi_change) {
		u32 flags = ifm->ifi_flags;

		if (ifm->ifi_change)
			flags = (flags & ifm->ifi_change) | (dev->flags & ~ifm->ifi_change);
		err = dev_change_flags(dev, flags);
		if (err)
			return err;
	}
	if (tb[IFLA_TXQLEN]) {
		u32 q = nla_get_u32(tb[IFLA_TXQLEN]);

		if (q != dev->tx_queue_len) {
			dev->tx_queue_len = q;
			rtmsg_ifinfo(RTM_NEWLINK, dev, 0);
		}
	}
	return 0;
}

static int setlink_common(const struct nlmsghdr *nlh, bool newlink)
{
	const struct nlattr *tb[IFLA_MAX_MTU + 1];
	struct ifinfomsg ifm;
	struct netdev *dev;
	int err;

	err = nlmsg_parse(nlh, sizeof(ifm), tb, IFLA_MAX_MTU, ifla_policy, false);
	if (err)
		return err;
	memcpy(&ifm, nlmsg_data(nlh), sizeof(ifm));
	if (ifm.ifi_index > 0)
		dev = dev_get_by_index(ifm.ifi_index);
	else if (tb[IFLA_IFNAME])
		(void)link_lookup(&ifm, tb, &dev);
	else
		dev = NULL;
	if (!newlink) {
		if (!dev)
			return ifm.ifi_index > 0 || tb[IFLA_IFNAME] ? -ENODEV : -EINVAL;
		return do_setlink(dev, &ifm, tb);
	}
	if (dev) {
		if (nlh->nlmsg_flags & NLM_F_EXCL)
			return -EEXIST;
		if (nlh->nlmsg_flags & NLM_F_REPLACE)
			return -EOPNOTSUPP;
		return do_setlink(dev, &ifm, tb);
	}
	if (!(nlh->nlmsg_flags & NLM_F_CREATE))
		return -ENODEV;
	/* linux-compat: no virtual device kinds to create. */
	return -EOPNOTSUPP;
}

int rtnl_setlink(const struct nlmsghdr *nlh, const struct rtnl_req *req)
{
	(void)req;
	return setlink_common(nlh, false);
}

int rtnl_newlink(const struct nlmsghdr *nlh, const struct rtnl_req *req)
{
	(void)req;
	return setlink_common(nlh, true);
}

/* Physical devices cannot be deleted (Linux: no dellink in their ops). */
int rtnl_dellink(const struct nlmsghdr *nlh, const struct rtnl_req *req)
{
	const struct nlattr *tb[IFLA_MAX_MTU + 1];
	struct ifinfomsg ifm;
	struct netdev *dev;
	int err;

	(void)req;
	err = nlmsg_parse(nlh, sizeof(ifm), tb, IFLA_MAX_MTU, ifla_policy, false);
	if (err)
		return err;
	memcpy(&ifm, nlmsg_data(nlh), sizeof(ifm));
	err = link_lookup(&ifm, tb, &dev);
	if (err)
		return err;
	return -EOPNOTSUPP;
}

/* Every device event is an RTM_NEWLINK (unregistering: RTM_DELLINK). */
static void rtnl_netdev_event(struct netdev *dev, enum netdev_event ev)
{
	rtmsg_ifinfo(ev == NETDEV_UNREGISTER ? RTM_DELLINK : RTM_NEWLINK, dev,
		     ev == NETDEV_UP || ev == NETDEV_DOWN ? IFF_UP : 0);
}

static struct netdev_notifier rtnl_notifier = { .event = rtnl_netdev_event };

void rtnetlink_init(void)
{
	register_netdevice_notifier(&rtnl_notifier);
}
