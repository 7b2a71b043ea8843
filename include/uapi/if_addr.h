/*
 * rtnetlink address messages (RTM_NEWADDR/DELADDR/GETADDR, rtnetlink(7)):
 * struct ifaddrmsg, the IFA_* attributes and IFA_F_* flags, with Linux's
 * numbers and layouts.
 */
#ifndef TERN_UAPI_IF_ADDR_H
#define TERN_UAPI_IF_ADDR_H

#include <stddef.h>
#include <uapi/types.h>
#include <uapi/netlink.h>

struct ifaddrmsg {
	u8 ifa_family;
	u8 ifa_prefixlen;
	u8 ifa_flags;			/* IFA_F_*, low 8 bits (IFA_FLAGS has all) */
	u8 ifa_scope;			/* RT_SCOPE_* */
	u32 ifa_index;			/* ifindex */
};
_Static_assert(sizeof(struct ifaddrmsg) == 8, "ifaddrmsg");

/*
 * For IPv4, IFA_LOCAL is the interface's own address and IFA_ADDRESS
 * the peer's on a point-to-point link (else the same as IFA_LOCAL).
 */
enum {
	IFA_UNSPEC,
	IFA_ADDRESS,
	IFA_LOCAL,
	IFA_LABEL,			/* string: "eth0", "eth0:1" */
	IFA_BROADCAST,
	IFA_ANYCAST,
	IFA_CACHEINFO,			/* struct ifa_cacheinfo */
	IFA_MULTICAST,
	IFA_FLAGS,			/* u32 IFA_F_* */
	IFA_RT_PRIORITY,		/* u32: metric of the prefix route */
	IFA_TARGET_NETNSID,
	IFA_PROTO,			/* u8 IFAPROT_* */
};

#define IFA_F_SECONDARY		0x01
#define IFA_F_TEMPORARY		IFA_F_SECONDARY
#define IFA_F_NODAD		0x02
#define IFA_F_OPTIMISTIC	0x04
#define IFA_F_DADFAILED		0x08
#define IFA_F_HOMEADDRESS	0x10
#define IFA_F_DEPRECATED	0x20
#define IFA_F_TENTATIVE		0x40
#define IFA_F_PERMANENT		0x80
#define IFA_F_MANAGETEMPADDR	0x100
#define IFA_F_NOPREFIXROUTE	0x200
#define IFA_F_MCAUTOJOIN	0x400
#define IFA_F_STABLE_PRIVACY	0x800

/* IFA_CACHEINFO: lifetimes in seconds, stamps in hundredths since boot. */
struct ifa_cacheinfo {
	u32 ifa_prefered;
	u32 ifa_valid;
	u32 cstamp;
	u32 tstamp;
};
_Static_assert(sizeof(struct ifa_cacheinfo) == 16, "ifa_cacheinfo");

/* IFA_PROTO values: who made the address. */
#define IFAPROT_UNSPEC		0
#define IFAPROT_KERNEL_LO	1
#define IFAPROT_KERNEL_RA	2
#define IFAPROT_KERNEL_LL	3

/* The first attribute after an ifaddrmsg, and the attributes' length. */
#define IFA_RTA(ifa)	((struct rtattr *)((char *)(ifa) + NLMSG_ALIGN(sizeof(struct ifaddrmsg))))
#define IFA_PAYLOAD(nlh) NLMSG_PAYLOAD(nlh, sizeof(struct ifaddrmsg))

#endif
