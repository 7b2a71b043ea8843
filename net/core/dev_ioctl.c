/*
 * The interface, route and ARP ioctls of AF_INET sockets (netdevice(7),
 * arp(7); Linux's dev_ioctl, devinet_ioctl, ip_rt_ioctl, arp_ioctl).
 * Kernel code: struct ifreq is copied in and out here; the stack's
 * device, address, route and neighbour calls do the work under the
 * stack lock.
 *
 * Handled so far: SIOCGIFFLAGS, SIOCSIFFLAGS, SIOCGIFINDEX, SIOCGIFNAME.
 * The rest of netdevice(7)'s list is ENOTTY until it is written here.
 */
#include <net/netdev.h>
#include <tern/inet_sock.h>
#include <tern/net_platform.h>
#include <tern/socket.h>
#include <tern/string.h>
#include <tern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/if.h>
#include <uapi/sockios.h>

/* The flags user space sees: IFF_* with RUNNING/LOWER_UP from the carrier. */
static short dev_user_flags(const struct netdev *dev)
{
	return (short)(dev->flags & 0xffff);
}

/* IFF_UP toggles the device; the other settable bits are stored. */
static int dev_change_flags(struct netdev *dev, unsigned int flags)
{
	const unsigned int settable = IFF_DEBUG | IFF_NOTRAILERS | IFF_NOARP | IFF_PROMISC |
				      IFF_ALLMULTI | IFF_MULTICAST;
	int err = 0;

	if ((flags & IFF_UP) && !(dev->flags & IFF_UP))
		err = dev_open(dev);
	else if (!(flags & IFF_UP) && (dev->flags & IFF_UP))
		err = dev_close(dev);
	if (!err)
		dev->flags = (dev->flags & ~settable) | (flags & settable);
	return err;
}

long inet_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct ifreq ifr;
	struct netdev *dev;
	long err = 0;

	(void)sock;
	switch (cmd) {
	case SIOCGIFFLAGS:
	case SIOCSIFFLAGS:
	case SIOCGIFINDEX:
	case SIOCGIFNAME:
		break;
	default:
		return -ENOTTY;
	}
	if (copy_from_user(&ifr, (void *)arg, sizeof(ifr)))
		return -EFAULT;
	ifr.ifr_name[IFNAMSIZ - 1] = '\0';
	if (cmd == SIOCSIFFLAGS && !capable_net_admin())
		return -EPERM;
	net_lock();
	dev = cmd == SIOCGIFNAME ? dev_get_by_index(ifr.ifr_ifindex) : dev_get_by_name(ifr.ifr_name);
	if (!dev) {
		net_unlock();
		return -ENODEV;
	}
	switch (cmd) {
	case SIOCGIFFLAGS:
		ifr.ifr_flags = dev_user_flags(dev);
		break;
	case SIOCSIFFLAGS:
		err = dev_change_flags(dev, (unsigned short)ifr.ifr_flags);
		break;
	case SIOCGIFINDEX:
		ifr.ifr_ifindex = dev->ifindex;
		break;
	case SIOCGIFNAME:
		memcpy(ifr.ifr_name, dev->name, IFNAMSIZ);
		break;
	}
	net_unlock();
	if (!err && cmd != SIOCSIFFLAGS && copy_to_user((void *)arg, &ifr, sizeof(ifr)))
		err = -EFAULT;
	return err;
}
