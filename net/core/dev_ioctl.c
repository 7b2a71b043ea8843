/*
 * The interface, route and ARP ioctls of sockets (netdevice(7), arp(7),
 * route(8)'s SIOCADDRT; Linux's sock_ioctl/dev_ioctl, inet_ioctl,
 * devinet_ioctl, ip_rt_ioctl, arp_ioctl).  Kernel code, and only the
 * user-memory half: each request's struct is copied in here, the
 * privilege checked (CAP_NET_ADMIN for every change, before anything
 * else but the copy, as Linux orders it), the stack's portable function
 * does the work on the kernel copy under the stack lock
 * (dev_ifsioc, devinet_ioctl, inet_gifconf in net/core/dev.c and
 * net/ipv4/devinet.c; ip_rt_ioctl in route.c; arp_ioctl in arp.c), and
 * the answer is copied out after the lock is dropped.
 *
 * Two entry points: dev_ioctl() for the device requests every socket
 * family answers (musl's if_nametoindex asks an AF_UNIX socket), and
 * inet_ioctl(), which AF_INET and AF_PACKET sockets use, adding the IPv4
 * address, route and ARP requests.  Anything else is ENOTTY.
 */
#include <net/arp.h>
#include <net/inetdevice.h>
#include <net/netdev.h>
#include <net/route.h>
#include <tern/inet_sock.h>
#include <tern/net_platform.h>
#include <tern/slab.h>
#include <tern/socket.h>
#include <tern/string.h>
#include <tern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/if.h>
#include <uapi/if_arp.h>
#include <uapi/route.h>
#include <uapi/sockios.h>

/* The type byte of an ioctl number (Linux's _IOC_TYPE). */
static unsigned int ioc_type(unsigned int cmd)
{
	return (cmd >> 8) & 0xff;
}

/*
 * SIOCGIFCONF (Linux's dev_ifconf): with ifc_buf NULL the length all
 * entries need, else the entries that fit whole in ifc_len bytes;
 * ifc_len is set to the bytes written (or needed).
 */
static long dev_ifconf(unsigned long arg)
{
	struct ifconf ifc, *uifc = (struct ifconf *)arg;
	struct ifreq *kbuf = NULL;
	int n, room, done;
	long err = 0;

	if (copy_from_user(&ifc, uifc, sizeof(ifc)))
		return -EFAULT;
	net_lock();
	n = inet_gifconf(NULL, 0);
	net_unlock();
	if (ifc.ifc_buf) {
		room = ifc.ifc_len > 0 ? ifc.ifc_len / (int)sizeof(struct ifreq) : 0;
		if (room > n)
			room = n;
		if (room) {
			kbuf = kmalloc((size_t)room * sizeof(*kbuf));
			if (!kbuf)
				return -ENOMEM;
		}
		/* Addresses may have come or gone since the count: this
		 * fills at most what was counted. */
		net_lock();
		done = room ? inet_gifconf(kbuf, room) : 0;
		net_unlock();
		if (done && copy_to_user(ifc.ifc_buf, kbuf, (size_t)done * sizeof(*kbuf)))
			err = -EFAULT;
		kfree(kbuf);
		n = done;
	}
	if (err)
		return err;
	ifc.ifc_len = n * (int)sizeof(struct ifreq);
	return copy_to_user(&uifc->ifc_len, &ifc.ifc_len, sizeof(ifc.ifc_len)) ? -EFAULT : 0;
}

long dev_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct ifreq ifr;
	bool set = false;
	long err;

	(void)sock;
	if (cmd == SIOCGIFCONF)
		return dev_ifconf(arg);
	/* Linux hands only the 0x89 requests to the device layer, copying
	 * an ifreq in first whatever the request. */
	if (ioc_type(cmd) != SOCK_IOC_TYPE)
		return -ENOTTY;
	if (copy_from_user(&ifr, (void *)arg, sizeof(ifr)))
		return -EFAULT;
	switch (cmd) {
	case SIOCSIFFLAGS:
	case SIOCSIFMTU:
	case SIOCSIFTXQLEN:
	case SIOCSIFMETRIC:
	case SIOCSIFMAP:
		if (!capable_net_admin())
			return -EPERM;     /* before the name is looked up */
		set = true;
		break;
	case SIOCGIFNAME:
	case SIOCGIFFLAGS:
	case SIOCGIFMETRIC:
	case SIOCGIFMTU:
	case SIOCGIFHWADDR:
	case SIOCGIFMAP:
	case SIOCGIFINDEX:
	case SIOCGIFTXQLEN:
		break;
	default:
		return -ENOTTY;
	}
	ifr.ifr_name[IFNAMSIZ - 1] = 0;
	net_lock();
	err = dev_ifsioc(cmd, &ifr);
	net_unlock();
	if (!err && !set && copy_to_user((void *)arg, &ifr, sizeof(ifr)))
		err = -EFAULT;
	return err;
}

/* The IPv4 address requests and SIOCSIFFLAGS of an AF_INET socket. */
static long devinet_ioctl_user(unsigned int cmd, unsigned long arg)
{
	struct ifreq ifr;
	bool get = cmd == SIOCGIFADDR || cmd == SIOCGIFBRDADDR || cmd == SIOCGIFNETMASK ||
		   cmd == SIOCGIFDSTADDR;
	long err;

	if (copy_from_user(&ifr, (void *)arg, sizeof(ifr)))
		return -EFAULT;
	if (!get && !capable_net_admin())
		return -EPERM;
	ifr.ifr_name[IFNAMSIZ - 1] = 0;
	net_lock();
	err = devinet_ioctl(cmd, &ifr);
	net_unlock();
	if (!err && get && copy_to_user((void *)arg, &ifr, sizeof(ifr)))
		err = -EFAULT;
	return err;
}

/* SIOCADDRT / SIOCDELRT: struct rtentry, and the device name it points to. */
static long rt_ioctl_user(unsigned int cmd, unsigned long arg)
{
	struct rtentry rt;
	char devname[IFNAMSIZ];
	int devname_err = 0;
	long err;

	if (copy_from_user(&rt, (void *)arg, sizeof(rt)))
		return -EFAULT;
	if (!capable_net_admin())
		return -EPERM;
	memset(devname, 0, sizeof(devname));
	/* Linux reads IFNAMSIZ - 1 bytes of rt_dev; a fault there is its
	 * answer only once the addresses have been checked. */
	if (rt.rt_dev && copy_from_user(devname, rt.rt_dev, IFNAMSIZ - 1))
		devname_err = -EFAULT;
	net_lock();
	err = ip_rt_ioctl(cmd, &rt, rt.rt_dev ? devname : NULL, devname_err);
	net_unlock();
	return err;
}

/* SIOCSARP / SIOCGARP / SIOCDARP: struct arpreq. */
static long arp_ioctl_user(unsigned int cmd, unsigned long arg)
{
	struct arpreq r;
	long err;

	if (cmd != SIOCGARP && !capable_net_admin())
		return -EPERM;             /* Linux checks before the copy */
	if (copy_from_user(&r, (void *)arg, sizeof(r)))
		return -EFAULT;
	net_lock();
	err = arp_ioctl(cmd, &r);
	net_unlock();
	if (!err && cmd == SIOCGARP && copy_to_user((void *)arg, &r, sizeof(r)))
		err = -EFAULT;
	return err;
}

long inet_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	/* The IPv4 requests are AF_INET's and (Linux's packet_ioctl passes
	 * them on) AF_PACKET's; other families get the device layer only. */
	if (sock->family != AF_INET && sock->family != AF_PACKET)
		return dev_ioctl(sock, cmd, arg);
	switch (cmd) {
	case SIOCADDRT:
	case SIOCDELRT:
		return rt_ioctl_user(cmd, arg);
	case SIOCSARP:
	case SIOCGARP:
	case SIOCDARP:
		return arp_ioctl_user(cmd, arg);
	case SIOCGIFADDR:
	case SIOCGIFBRDADDR:
	case SIOCGIFNETMASK:
	case SIOCGIFDSTADDR:
	case SIOCSIFADDR:
	case SIOCSIFBRDADDR:
	case SIOCSIFNETMASK:
	case SIOCSIFDSTADDR:
	case SIOCSIFFLAGS:
		return devinet_ioctl_user(cmd, arg);
	default:
		return dev_ioctl(sock, cmd, arg);
	}
}
