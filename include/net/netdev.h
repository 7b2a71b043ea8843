/*
 * Network devices (Linux: struct net_device, net/core/dev.c).
 *
 * A device has a name, an ifindex, IFF_* flags with Linux's values, an
 * MTU, a hardware address, the counters /proc/net/dev shows, and one
 * transmit hook.  Drivers hand received frames to netif_receive() (or,
 * from a context that must not run the stack, to netif_rx(), which
 * queues them for net_rx_poll()).  Every function here runs with the
 * stack lock held.
 *
 * All devices are Ethernet-framed: real NICs, and loopback, which like
 * Linux's carries a 14-byte Ethernet header with all-zero addresses.
 */
#ifndef NET_NETDEV_H
#define NET_NETDEV_H

#include <net/pkbuf.h>
#include <uapi/if.h>		/* IFNAMSIZ, IFF_* */
#include <uapi/if_arp.h>	/* ARPHRD_* */
#include <uapi/if_ether.h>	/* ETH_ALEN, ETH_P_* */

/* Linux's struct rtnl_link_stats64 fields, in its order (netlink later). */
struct net_device_stats {
	u64 rx_packets, tx_packets, rx_bytes, tx_bytes;
	u64 rx_errors, tx_errors, rx_dropped, tx_dropped;
	u64 multicast, collisions;
	u64 rx_length_errors, rx_over_errors, rx_crc_errors, rx_frame_errors;
	u64 rx_fifo_errors, rx_missed_errors;
	u64 tx_aborted_errors, tx_carrier_errors, tx_fifo_errors;
	u64 tx_heartbeat_errors, tx_window_errors;
	u64 rx_compressed, tx_compressed;
	u64 rx_nohandler;
	u64 rx_otherhost_dropped;
};

struct in_ifaddr;

struct netdev {
	struct netdev *next;          /* registration list, ifindex order */
	char name[IFNAMSIZ];          /* NUL-terminated */
	int ifindex;                  /* > 0 once registered */
	u32 flags;                    /* IFF_*; RUNNING = UP and carrier */
	u16 type;                     /* ARPHRD_* */
	u16 hard_header_len;          /* 14: Ethernet */
	u32 features;                 /* NETDEV_F_* */
	u32 mtu, min_mtu, max_mtu;
	u32 tx_queue_len;
	u8 addr_len;
	u8 dev_addr[ETH_ALEN];
	u8 broadcast[ETH_ALEN];
	bool carrier;                 /* link is up (driver's view) */
	/*
	 * Listeners wanting every frame / every multicast frame (packet
	 * sockets' PACKET_MR_PROMISC / ALLMULTI memberships); like Linux's,
	 * these counts are not in the IFF_PROMISC/IFF_ALLMULTI bits of
	 * flags, which SIOCSIFFLAGS sets and SIOCGIFFLAGS reads.
	 */
	u32 promiscuity, allmulti;
	struct net_device_stats stats;
	/*
	 * Send one frame (data at the Ethernet header).  Always consumes pkb;
	 * returns 0 or a negative errno.  Must not call back into the stack's
	 * input path (queue with netif_rx() instead; see loopback.c).
	 */
	int (*xmit)(struct netdev *dev, struct pkbuf *pkb);
	/*
	 * Take a new MTU (already within [min_mtu, max_mtu]) before it is
	 * set, e.g. to resize receive buffers; 0 or a negative errno.  NULL:
	 * any MTU in the range is taken as it is.
	 */
	int (*change_mtu)(struct netdev *dev, u32 mtu);
	/*
	 * Receive polling (Linux's NAPI), for drivers with interrupts: the
	 * interrupt handler masks the device's interrupt and asks the
	 * platform to schedule this poll (the kernel's netif_napi_schedule);
	 * the bottom half calls it with the stack lock held.  It hands at
	 * most `budget` frames to netif_receive(), reclaims finished
	 * transmissions, and returns how many frames it took; below budget
	 * it has unmasked the interrupt (and rescheduled itself if frames
	 * arrived meanwhile).  NULL for devices fed by netif_rx (loopback).
	 */
	int (*poll)(struct netdev *dev, int budget);
	struct netdev *napi_next;     /* the platform's poll list */
	bool napi_scheduled;          /* on it (platform's lock) */
	void *priv;                   /* the driver's */
	struct in_ifaddr *ifa_list;   /* IPv4 addresses (devinet.c) */
};

/* netdev.features */
#define NETDEV_F_HW_CSUM 0x1          /* completes partial checksums itself */

/* Events devices announce to the protocols (Linux's NETDEV_* names). */
enum netdev_event {
	NETDEV_UP = 1,
	NETDEV_DOWN,
	NETDEV_CHANGEADDR,
	NETDEV_CHANGEMTU,
	NETDEV_UNREGISTER,
};

struct netdev_notifier {
	struct netdev_notifier *next;
	void (*event)(struct netdev *dev, enum netdev_event ev);
};
void register_netdevice_notifier(struct netdev_notifier *nb);
void unregister_netdevice_notifier(struct netdev_notifier *nb);

/*
 * A handler for one ethertype (Linux: struct packet_type, dev_add_pack).
 * With type htons(ETH_P_ALL) it is a tap (for AF_PACKET): it gets a
 * private copy of every frame received (before the stack looks at it,
 * other hosts' frames included) and sent, with data at the link header,
 * the mac and network offsets set, pkt_type PACKET_OUTGOING for sent ones.
 */
struct packet_type {
	struct packet_type *next;
	be16 type;                            /* ETH_P_*, network order */
	void (*func)(struct pkbuf *pkb);      /* data after the link header; owns pkb */
};
void dev_add_pack(struct packet_type *pt);
void dev_remove_pack(struct packet_type *pt);

/*
 * A zeroed device with Ethernet defaults (ether_setup); the caller sets
 * name (a "%d" in it is replaced by the first free number), xmit, priv
 * and the address, then registers it.  Freed by unregister_netdev() or,
 * if never registered, by free_netdev().
 */
struct netdev *alloc_netdev(const char *name);
void free_netdev(struct netdev *dev);
/* Assign an ifindex and a unique name; -EEXIST (name taken), -EINVAL. */
int register_netdev(struct netdev *dev);
/* Bring down, drop addresses/routes/neighbours, unlink and free. */
void unregister_netdev(struct netdev *dev);

struct netdev *dev_get_by_name(const char *name);
struct netdev *dev_get_by_index(int ifindex);
/* The registration list (iterate with ->next). */
struct netdev *dev_base(void);

/* ip link set up / down (IFF_UP); announce NETDEV_UP / NETDEV_DOWN. */
int dev_open(struct netdev *dev);
int dev_close(struct netdev *dev);
/*
 * The flags as SIOCGIFFLAGS and RTM_GETLINK report them (Linux's
 * dev_get_flags): RUNNING and LOWER_UP only while up.
 */
u32 dev_get_flags(const struct netdev *dev);
/*
 * SIOCSIFFLAGS (Linux's dev_change_flags): the user may set DEBUG,
 * NOTRAILERS, NOARP, DYNAMIC, MULTICAST, PORTSEL, AUTOMEDIA, PROMISC and
 * ALLMULTI (each of the last two, set, is one more listener in the
 * device's count); UP opens or closes the device; the driver's bits
 * (IFF_VOLATILE) stay.
 */
int dev_change_flags(struct netdev *dev, u32 flags);
/* Driver's link state: IFF_RUNNING follows UP && carrier. */
void netif_carrier_on(struct netdev *dev);
void netif_carrier_off(struct netdev *dev);
/* -EINVAL outside [min_mtu, max_mtu]. */
int dev_set_mtu(struct netdev *dev, u32 mtu);
/* -EADDRNOTAVAIL for a multicast or all-zero address; drops the neighbours. */
int dev_set_mac_address(struct netdev *dev, const u8 *addr);
/* Add inc (+1 or -1) to the promiscuity or allmulti count; -EOVERFLOW. */
int dev_set_promiscuity(struct netdev *dev, int inc);
int dev_set_allmulti(struct netdev *dev, int inc);

static inline bool netif_running(const struct netdev *dev)
{
	return dev->flags & IFF_UP;
}

/*
 * Transmit a frame whose link header is built (pkb->dev set).  Counts
 * tx_packets/bytes, or tx_dropped when the device is down or the driver
 * fails.  Always consumes pkb.
 */
int dev_queue_xmit(struct pkbuf *pkb);

/*
 * Receive entry point: a frame from pkb->dev with data at the link
 * header.  Counts rx_*, strips the link header and hands the packet to
 * the ethertype's handler.  Always consumes pkb.  Stack lock held.
 */
void netif_receive(struct pkbuf *pkb);

/*
 * Queue a frame for the bottom half (net_rx_poll); bounded by
 * NETDEV_MAX_BACKLOG like Linux's netdev_max_backlog, beyond which it is
 * dropped and counted in the device's rx_dropped.  Returns 0 or -ENOBUFS.
 */
#define NETDEV_MAX_BACKLOG 1000
int netif_rx(struct pkbuf *pkb);
/* Deliver frames queued so far (not the ones they cause); returns how many. */
unsigned net_rx_poll(void);
/* Frames waiting in the backlog. */
u32 netif_backlog_len(void);

/* /proc/net/dev, exactly as Linux prints it; returns the length needed. */
int dev_proc_format(char *buf, size_t size);

struct ifreq;
/*
 * The device requests of netdevice(7) on a kernel struct ifreq (Linux's
 * dev_ifsioc_locked and dev_ifsioc): SIOCGIFFLAGS, SIOCSIFFLAGS,
 * SIOCGIFMETRIC, SIOCGIFMTU, SIOCSIFMTU, SIOCGIFHWADDR, SIOCGIFMAP,
 * SIOCGIFINDEX, SIOCGIFTXQLEN, SIOCSIFTXQLEN, SIOCSIFMETRIC and
 * SIOCSIFMAP (-EOPNOTSUPP, as for Linux's devices), and SIOCGIFNAME
 * (which finds the device by ifr_ifindex).  Other requests find the device by ifr_name, cut at
 * IFNAMSIZ - 1 and at a ':' (an alias label names its device).  The
 * caller has copied the ifreq in and checked CAP_NET_ADMIN for the set
 * requests.  Returns 0 (the answer in *ifr), -ENODEV, -EINVAL (an MTU out
 * of range), or -ENOTTY (not one of these requests).
 */
int dev_ifsioc(unsigned int cmd, struct ifreq *ifr);
/* Find the device an ifreq names (cut at IFNAMSIZ - 1 and at ':'). */
struct netdev *dev_get_by_ifr_name(const char *ifr_name);

/* Flush every device (unregister all); for tests and shutdown. */
void netdev_unregister_all(void);

#endif
