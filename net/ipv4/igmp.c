/*
 * IPv4 multicast membership per device (see net/igmp.h).  A short list:
 * a host is in few groups.
 */
#include <net/igmp.h>
#include <net/route.h>
#include <uapi/errno.h>

struct ip_mc {
	struct ip_mc *next;
	struct netdev *dev;
	be32 group;
	u32 users;                /* joins not yet left */
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
			m->users++;
			return 0;
		}
	}
	m = net_alloc(sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->dev = dev;
	m->group = group;
	m->users = 1;
	m->next = mc_list;
	mc_list = m;
	return 0;
}

int ip_mc_leave_group(int ifindex, be32 group)
{
	struct netdev *dev = mc_find_dev(ifindex, group);

	if (!dev)
		return -ENODEV;
	for (struct ip_mc **pp = &mc_list; *pp; pp = &(*pp)->next) {
		struct ip_mc *m = *pp;

		if (m->dev != dev || m->group != group)
			continue;
		if (!--m->users) {
			*pp = m->next;
			net_free(m);
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
		if (m->dev == dev && m->group == group)
			return true;
	return false;
}

static void igmp_netdev_event(struct netdev *dev, enum netdev_event ev)
{
	if (ev != NETDEV_UNREGISTER)
		return;
	for (struct ip_mc **pp = &mc_list; *pp;) {
		struct ip_mc *m = *pp;

		if (m->dev == dev) {
			*pp = m->next;
			net_free(m);
		} else {
			pp = &m->next;
		}
	}
}

static struct netdev_notifier igmp_notifier = { .event = igmp_netdev_event };

void igmp_init(void)
{
	register_netdevice_notifier(&igmp_notifier);
}

void igmp_exit(void)
{
	while (mc_list) {
		struct ip_mc *m = mc_list;

		mc_list = m->next;
		net_free(m);
	}
	unregister_netdevice_notifier(&igmp_notifier);
}
