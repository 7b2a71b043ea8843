/*
 * IPv4 interface addresses (Linux: struct in_ifaddr, net/ipv4/devinet.c).
 *
 * Adding an address creates, as Linux's fib_add_ifaddr does: a local
 * route for it (table local, scope host), the broadcast route(s) (table
 * local, scope link) and the prefix route (table main, scope link,
 * protocol kernel, src the address; on loopback a local route instead).
 * Removing it removes them.  Bringing the device down removes every route
 * through it; bringing it up adds them again.  Bringing "lo" up adds
 * 127.0.0.1/8 if it has no address, as Linux does.
 */
#ifndef NET_INETDEVICE_H
#define NET_INETDEVICE_H

#include <net/netdev.h>
#include <uapi/if_addr.h>	/* IFA_F_* */

struct in_ifaddr {
	struct in_ifaddr *next;   /* on dev->ifa_list: primaries first */
	struct netdev *dev;
	be32 ifa_local;           /* the address */
	be32 ifa_address;         /* = ifa_local (no point-to-point) */
	be32 ifa_mask;
	be32 ifa_broadcast;       /* 0: none */
	u8 ifa_prefixlen;
	u8 ifa_scope;             /* RT_SCOPE_* */
	u32 ifa_flags;            /* IFA_F_* */
	u32 ifa_rt_priority;      /* metric of the prefix route */
	char ifa_label[IFNAMSIZ];
};

/* What `ip addr add` carries. */
struct ifa_config {
	be32 local;
	u8 prefixlen;
	be32 broadcast;           /* 0: none; 0xffffffff: compute ("brd +") */
	u8 scope;                 /* RT_SCOPE_*; loopback addresses become host */
	u32 flags;                /* IFA_F_NOPREFIXROUTE, ... */
	u32 rt_priority;
	const char *label;        /* NULL: the device name */
};

/*
 * Add an address.  -EINVAL (prefixlen > 32, zero or multicast address),
 * -EEXIST (same address and prefix already there), -ENOMEM.  A second
 * address in an existing subnet becomes secondary (IFA_F_SECONDARY).  On
 * an up Ethernet device a gratuitous ARP announces it (RFC 5227 §3).
 */
int inet_addr_add(struct netdev *dev, const struct ifa_config *cfg);
/* Shorthand: address/prefix, broadcast computed, scope global. */
int inet_addr_add_simple(struct netdev *dev, be32 local, u8 prefixlen);
/*
 * Delete an address (-EADDRNOTAVAIL if absent).  Deleting a primary
 * deletes its secondaries too (Linux's default, promote_secondaries=0).
 */
int inet_addr_del(struct netdev *dev, be32 local, u8 prefixlen);

/* The device's first primary address, or 0. */
be32 inet_dev_primary_addr(const struct netdev *dev);
/*
 * Source address selection (Linux inet_select_addr): a primary address
 * of dev with scope <= `scope`, preferring one on dst's subnet; else any
 * device's address with scope < link.  0 if none.
 */
be32 inet_select_addr(const struct netdev *dev, be32 dst, int scope);
/* The address record holding `addr` on any device, or NULL. */
struct in_ifaddr *inet_ifa_byaddr(be32 addr);
/* Is addr the (directed) broadcast address of one of dev's subnets? */
bool inet_ifa_is_broadcast(const struct netdev *dev, be32 addr);

struct ifreq;
/*
 * The IPv4 address requests of netdevice(7) on a kernel struct ifreq,
 * as Linux's devinet_ioctl answers them: SIOCGIFADDR, SIOCGIFNETMASK,
 * SIOCGIFBRDADDR, SIOCGIFDSTADDR; SIOCSIFADDR (the classful mask and its
 * broadcast; 0.0.0.0 deletes the address), SIOCSIFNETMASK (the broadcast
 * follows only if it was the old mask's), SIOCSIFBRDADDR, SIOCSIFDSTADDR;
 * and SIOCSIFFLAGS, where a label "eth0:1" taken down deletes that
 * address.  ifr_name is a device name or an address label.  The caller
 * has checked CAP_NET_ADMIN for the set requests.  Errors in Linux's
 * order: -EINVAL (a set whose address is not AF_INET, before anything
 * else; a bad mask or class), -ENODEV, -EADDRNOTAVAIL (no address with
 * that label), -EEXIST; -ENOTTY for other requests.  Get requests leave
 * a zeroed sockaddr_in with the answer in ifr_addr.
 */
int devinet_ioctl(unsigned int cmd, struct ifreq *ifr);
/*
 * SIOCGIFCONF (Linux's inet_gifconf over every device, in ifindex
 * order): one struct ifreq per IPv4 address, up or down, with its label
 * and AF_INET address, all else zero.  With buf NULL returns how many
 * there are; else fills at most n and returns how many it filled.
 */
int inet_gifconf(struct ifreq *buf, int n);
/* The prefix length of a netmask whose ones are contiguous, else -1. */
int inet_mask_len(be32 mask);

/* The notifier devinet registers (net_init does). */
void devinet_init(void);
void devinet_exit(void);

#endif
