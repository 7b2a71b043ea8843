/*
 * IPv4 multicast membership per device and the host side of IGMPv3
 * (RFC 3376; see net/igmp.h).  A short list: a host is in few groups.
 *
 * RFC 3376 §5.1: when a device's membership of a group changes (the
 * first socket joins, the last one leaves, or the device comes up with
 * members) the host sends a State-Change Report -- CHANGE_TO_EXCLUDE_MODE
 * with no sources for a join, CHANGE_TO_INCLUDE_MODE for a leave, which
 * is what Linux sends for any-source membership -- at once, then
 * [Robustness Variable] - 1 more times at random moments within the
 * Unsolicited Report Interval.  A left group stays on the list, not
 * joined, until its last report is out.  §5.2: a query schedules a
 * Current-State Report (MODE_IS_EXCLUDE) of the groups it asks about at
 * a random moment within its Max Resp Time.
 */
#include <net/checksum.h>
#include <net/igmp.h>
#include <net/inetdevice.h>
#include <net/route.h>
#include <net/timer.h>
#include <uapi/errno.h>

#define IGMP_ROBUSTNESS 2                       /* RFC 3376 §8.1 */
#define IGMP_UNSOLICITED_NS (1 * NSEC_PER_SEC)  /* §8.11, IGMPv3's 1 s */
#define IGMP_V1_MAX_RESP 100                    /* RFC 3376 §7.1: 10 s, in 1/10 s */

struct ip_mc {
	struct ip_mc *next;
	struct netdev *dev;
	be32 group;
	u32 users;                /* joins not yet left; 0: leaving */
	u8 crtype;                /* the State-Change record being reported */
	u8 crcount;               /* copies of it still to send */
	bool query_due;           /* a Current-State Report is scheduled */
	struct net_timer timer;
};

static struct ip_mc *mc_list;

static struct netdev *mc_find_dev(int ifindex, be32 group)
{
	struct route_result rt;

	if (ifindex)
		return dev_get_by_index(ifindex);
	/* Linux's ip_mc_find_dev: the device the route to the group uses. */
	if (ip_route_output(group, 0, &rt))
		return NULL;
	return rt.dev;
}

/*
 * Does the group's membership go on the wire?  Not for 224.0.0.1, which
 * every host is in (RFC 3376 §6), and linux-compat: not on loopback
 * devices (Linux reports there too; nothing listens).
 */
static bool mc_reported(const struct ip_mc *m)
{
	return !(m->dev->flags & IFF_LOOPBACK) && m->group != net_htonl(INADDR_ALLHOSTS_GROUP);
}

/*
 * Send one IGMPv3 Membership Report with one group record (RFC 3376
 * §4.2) from dev: to 224.0.0.22 with TTL 1 and the Router Alert option
 * (§4, RFC 2113), TOS 0xc0 and DF as Linux sends it.
 */
static void igmp_send_report(struct netdev *dev, be32 group, u8 rtype)
{
	static const u8 router_alert[4] = { 0x94, 0x04, 0x00, 0x00 };
	const u32 ihl = sizeof(struct iphdr) + sizeof(router_alert);
	const u32 len = ihl + sizeof(struct igmpv3_report) + sizeof(struct igmpv3_grec);
	struct igmpv3_report *rep;
	struct igmpv3_grec *rec;
	struct pkbuf *pkb;
	struct iphdr *iph;

	if (!netif_running(dev))
		return;
	pkb = pkb_alloc(NET_HEADROOM, len);
	if (!pkb)
		return;
	iph = pkb_put(pkb, len);
	memset(iph, 0, len);
	iph->ihl_version = 0x40 | (u8)(ihl / 4);
	iph->tos = 0xc0;                       /* IPTOS_PREC_INTERNETCONTROL */
	iph->tot_len = net_htons((u16)len);
	iph->frag_off = net_htons(IP_DF);
	iph->ttl = 1;
	iph->protocol = IPPROTO_IGMP;
	iph->saddr = inet_select_addr(dev, 0, RT_SCOPE_LINK);
	iph->daddr = net_htonl(INADDR_ALLRTRS_IGMPV3);
	iph->id = net_htons(ip_select_id());
	memcpy(iph + 1, router_alert, sizeof(router_alert));
	iph->check = inet_csum(iph, ihl);
	rep = (struct igmpv3_report *)((u8 *)iph + ihl);
	rep->type = IGMPV3_HOST_MEMBERSHIP_REPORT;
	rep->ngrec = net_htons(1);
	rec = (struct igmpv3_grec *)(rep + 1);
	rec->grec_type = rtype;
	rec->grec_mca = group;
	rep->csum = inet_csum(rep, sizeof(*rep) + sizeof(*rec));
	(void)ip_output_hdrincl(pkb, iph->daddr, dev->ifindex, false);
}

static void mc_free(struct ip_mc *m)
{
	net_timer_cancel(&m->timer);
	net_free(m);
}

static void mc_unlink(struct ip_mc *m)
{
	for (struct ip_mc **pp = &mc_list; *pp; pp = &(*pp)->next) {
		if (*pp == m) {
			*pp = m->next;
			return;
		}
	}
}

/* A random moment within `range_ns` from now. */
static void mc_arm_random(struct ip_mc *m, u64 range_ns)
{
	u64 delay = range_ns ? ((u64)net_random_u32() * range_ns) >> 32 : 0;

	net_timer_arm_in(&m->timer, delay);
}

static void igmp_timer_fire(struct net_timer *t)
{
	struct ip_mc *m = net_container_of(t, struct ip_mc, timer);

	if (m->crcount) {
		igmp_send_report(m->dev, m->group, m->crtype);
		m->query_due = false;          /* the change report answers it */
		if (--m->crcount) {
			mc_arm_random(m, IGMP_UNSOLICITED_NS);
			return;
		}
	} else if (m->query_due && m->users) {
		igmp_send_report(m->dev, m->group, IGMPV3_MODE_IS_EXCLUDE);
		m->query_due = false;
	}
	if (!m->users) {
		mc_unlink(m);
		mc_free(m);
	}
}

/* RFC 3376 §5.1: report a change of state now and then again. */
static void mc_state_change(struct ip_mc *m, u8 rtype)
{
	m->crtype = rtype;
	m->crcount = IGMP_ROBUSTNESS;
	net_timer_cancel(&m->timer);
	igmp_timer_fire(&m->timer);
}

int ip_mc_join_group(int ifindex, be32 group)
{
	struct netdev *dev;
	struct ip_mc *m;

	if (!ipv4_is_multicast(group))
		return -EINVAL;
	dev = mc_find_dev(ifindex, group);
	if (!dev)
		return -ENODEV;
	for (m = mc_list; m; m = m->next) {
		if (m->dev == dev && m->group == group) {
			/* Joined again while its leave was still being told. */
			if (!m->users++ && mc_reported(m))
				mc_state_change(m, IGMPV3_CHANGE_TO_EXCLUDE);
			return 0;
		}
	}
	m = net_alloc(sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->dev = dev;
	m->group = group;
	m->users = 1;
	net_timer_init(&m->timer, igmp_timer_fire);
	m->next = mc_list;
	mc_list = m;
	if (mc_reported(m))
		mc_state_change(m, IGMPV3_CHANGE_TO_EXCLUDE);
	return 0;
}

int ip_mc_leave_group(int ifindex, be32 group)
{
	struct netdev *dev = mc_find_dev(ifindex, group);

	if (!dev)
		return -ENODEV;
	for (struct ip_mc **pp = &mc_list; *pp; pp = &(*pp)->next) {
		struct ip_mc *m = *pp;

		if (m->dev != dev || m->group != group || !m->users)
			continue;
		if (--m->users)
			return 0;
		if (mc_reported(m) && netif_running(dev)) {
			/* Kept until the last TO_IN report is out (the timer
			 * frees it, perhaps right here). */
			mc_state_change(m, IGMPV3_CHANGE_TO_INCLUDE);
		} else {
			*pp = m->next;
			mc_free(m);
		}
		return 0;
	}
	return -EADDRNOTAVAIL;
}

bool ip_check_mc(const struct netdev *dev, be32 group)
{
	if (!(dev->flags & IFF_MULTICAST) && !(dev->flags & IFF_LOOPBACK))
		return false;
	if (group == net_htonl(INADDR_ALLHOSTS_GROUP))
		return true;
	for (const struct ip_mc *m = mc_list; m; m = m->next)
		if (m->dev == dev && m->group == group && m->users)
			return true;
	return false;
}

/* RFC 3376 §4.1.1: the Max Resp Code of a query, in 1/10 s. */
static u32 igmp_max_resp(const u8 *q, u32 len)
{
	u8 code = q[1];

	if (len < sizeof(struct igmpv3_query))
		return code ? code : IGMP_V1_MAX_RESP;  /* IGMPv2, or v1's 0 */
	if (code < 128)
		return code;
	return ((u32)(code & 0x0f) | 0x10) << (((code >> 4) & 0x07) + 3);
}

/* RFC 3376 §5.2: schedule the report of one group for a query. */
static void igmp_query_group(struct ip_mc *m, u64 range_ns)
{
	u64 due;

	if (!m->users || !mc_reported(m) || m->crcount)
		return;             /* a state change is being reported anyway */
	due = net_now_ns() + range_ns;
	if (m->query_due && net_timer_pending(&m->timer) && m->timer.expires_ns <= due)
		return;             /* already due sooner */
	m->query_due = true;
	mc_arm_random(m, range_ns);
}

/*
 * Received IGMP (data at its header): queries are answered; reports of
 * other hosts need nothing from a v3 host.  linux-compat: no IGMPv1/v2
 * compatibility mode (RFC 3376 §7): an older querier's query is
 * answered with a v3 report, where Linux would switch to its version.
 */
static void igmp_rcv(struct pkbuf *pkb)
{
	const u8 *q = pkb->data;
	struct netdev *dev = pkb->dev;
	be32 group;
	u64 range;

	if (pkb->len < 8 || inet_csum(pkb->data, pkb->len) != 0 || !dev)
		goto out;
	/* §7.1: 8 bytes (v1, v2) or at least 12 (v3); others are ignored. */
	if (q[0] != IGMP_HOST_MEMBERSHIP_QUERY || (pkb->len != 8 && pkb->len < 12))
		goto out;
	memcpy(&group, q + 4, sizeof(group));
	if (group && !ipv4_is_multicast(group))
		goto out;
	range = (u64)igmp_max_resp(q, pkb->len) * 100 * NSEC_PER_MSEC;
	for (struct ip_mc *m = mc_list; m; m = m->next)
		if (m->dev == dev && (!group || m->group == group))
			igmp_query_group(m, range);
out:
	pkb_free(pkb);
}

static void igmp_netdev_event(struct netdev *dev, enum netdev_event ev)
{
	for (struct ip_mc **pp = &mc_list; *pp;) {
		struct ip_mc *m = *pp;

		if (m->dev != dev) {
			pp = &m->next;
			continue;
		}
		/* Down: nothing more is sent (Linux's ip_mc_down); a group
		 * being left is forgotten.  Up: the members announce
		 * themselves again (ip_mc_up). */
		if (ev == NETDEV_UNREGISTER || (ev == NETDEV_DOWN && !m->users)) {
			*pp = m->next;
			mc_free(m);
			continue;
		}
		if (ev == NETDEV_DOWN) {
			net_timer_cancel(&m->timer);
			m->crcount = 0;
			m->query_due = false;
		} else if (ev == NETDEV_UP && m->users && mc_reported(m)) {
			mc_state_change(m, IGMPV3_CHANGE_TO_EXCLUDE);
		}
		pp = &m->next;
	}
}

static struct netdev_notifier igmp_notifier = { .event = igmp_netdev_event };

static const struct net_protocol igmp_protocol = {
	.protocol = IPPROTO_IGMP,
	.rcv = igmp_rcv,
};

void igmp_init(void)
{
	register_netdevice_notifier(&igmp_notifier);
	(void)inet_add_protocol(&igmp_protocol);
}

void igmp_exit(void)
{
	while (mc_list) {
		struct ip_mc *m = mc_list;

		mc_list = m->next;
		mc_free(m);
	}
	(void)inet_del_protocol(&igmp_protocol);
	unregister_netdevice_notifier(&igmp_notifier);
}
