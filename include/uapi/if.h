/*
 * Network interfaces as user space sees them (netdevice(7)): name
 * length, the IFF_* flags (SIOCGIFFLAGS, ifinfomsg.ifi_flags), link
 * operational states (RFC 2863), and the structures the SIOC*IF* ioctls
 * carry, with Linux x86_64's numbers and layouts.
 */
#ifndef TERN_UAPI_IF_H
#define TERN_UAPI_IF_H

#include <stddef.h>
#include <uapi/types.h>
#include <uapi/socket.h>

#define IFNAMSIZ	16	/* interface name, NUL included */
#define IFALIASZ	256	/* IFLA_IFALIAS */
#define ALTIFNAMSIZ	128	/* IFLA_ALT_IFNAME */
#define IFHWADDRLEN	6

/* Interface flags.  Only the low 16 fit SIOCGIFFLAGS's short. */
#define IFF_UP		0x1
#define IFF_BROADCAST	0x2
#define IFF_DEBUG	0x4
#define IFF_LOOPBACK	0x8
#define IFF_POINTOPOINT	0x10
#define IFF_NOTRAILERS	0x20
#define IFF_RUNNING	0x40	/* up and the link has carrier (RFC 2863 "up") */
#define IFF_NOARP	0x80
#define IFF_PROMISC	0x100
#define IFF_ALLMULTI	0x200
#define IFF_MASTER	0x400
#define IFF_SLAVE	0x800
#define IFF_MULTICAST	0x1000
#define IFF_PORTSEL	0x2000
#define IFF_AUTOMEDIA	0x4000
#define IFF_DYNAMIC	0x8000
#define IFF_LOWER_UP	0x10000	/* the driver reports carrier */
#define IFF_DORMANT	0x20000
#define IFF_ECHO	0x40000

/* Flags the driver owns; SIOCSIFFLAGS and RTM_NEWLINK cannot change them. */
#define IFF_VOLATILE	(IFF_LOOPBACK | IFF_POINTOPOINT | IFF_BROADCAST | IFF_ECHO | \
			 IFF_MASTER | IFF_SLAVE | IFF_RUNNING | IFF_LOWER_UP | IFF_DORMANT)

/* IFLA_OPERSTATE values (RFC 2863 ifOperStatus). */
enum {
	IF_OPER_UNKNOWN,
	IF_OPER_NOTPRESENT,
	IF_OPER_DOWN,
	IF_OPER_LOWERLAYERDOWN,
	IF_OPER_TESTING,
	IF_OPER_DORMANT,
	IF_OPER_UP,
};

/* IFLA_LINKMODE values. */
enum {
	IF_LINK_MODE_DEFAULT,
	IF_LINK_MODE_DORMANT,
	IF_LINK_MODE_TESTING,
};

/* SIOCGIFMAP / SIOCSIFMAP: a device's bus resources (24 bytes). */
struct ifmap {
	u64 mem_start;
	u64 mem_end;
	u16 base_addr;
	u8 irq;
	u8 dma;
	u8 port;
};
_Static_assert(offsetof(struct ifmap, base_addr) == 16, "ifmap.base_addr");
_Static_assert(offsetof(struct ifmap, port) == 20, "ifmap.port");
_Static_assert(sizeof(struct ifmap) == 24, "ifmap");

/* SIOCWANDEV: a type, a size, and a pointer to protocol settings. */
struct if_settings {
	u32 type;
	u32 size;
	void *ifs_ifsu;
};
_Static_assert(sizeof(struct if_settings) == 16, "if_settings");

/*
 * The SIOC*IF* request: a name, then one value whose meaning the ioctl
 * picks.  The union is as big as its largest member (struct ifmap), so
 * the whole request is 40 bytes; SIOCGIFCONF returns arrays of them.
 * Linux names the members through macros (ifr_addr and so on); here
 * they are the members of an anonymous union, spelled the same.
 * ifr_metric, ifr_ifindex, ifr_qlen and ifr_bandwidth share one int.
 */
struct ifreq {
	char ifr_name[IFNAMSIZ];
	union {
		struct sockaddr ifr_addr;
		struct sockaddr ifr_dstaddr;
		struct sockaddr ifr_broadaddr;
		struct sockaddr ifr_netmask;
		struct sockaddr ifr_hwaddr;
		s16 ifr_flags;
		s32 ifr_metric;
		s32 ifr_ifindex;
		s32 ifr_qlen;
		s32 ifr_bandwidth;
		s32 ifr_mtu;
		struct ifmap ifr_map;
		char ifr_slave[IFNAMSIZ];
		char ifr_newname[IFNAMSIZ];
		void *ifr_data;
		struct if_settings ifr_settings;
	};
};
_Static_assert(offsetof(struct ifreq, ifr_addr) == 16, "ifreq value");
_Static_assert(sizeof(struct ifreq) == 40, "ifreq is 40 bytes");

/* SIOCGIFCONF: a buffer of ifc_len bytes, filled with struct ifreq. */
struct ifconf {
	s32 ifc_len;
	union {
		char *ifc_buf;
		struct ifreq *ifc_req;
	};
};
_Static_assert(offsetof(struct ifconf, ifc_buf) == 8, "ifc_buf");
_Static_assert(sizeof(struct ifconf) == 16, "ifconf");

#endif
