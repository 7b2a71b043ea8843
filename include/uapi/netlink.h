/*
 * Netlink as user space sees it (netlink(7), RFC 3549): protocol
 * numbers, the socket address, the message header and its flags, the
 * error message, socket options, and the attribute header, with Linux's
 * numbers and layouts.  Messages and attributes are aligned to 4 bytes;
 * the NLMSG_* and NLA_* macros do that arithmetic the way user programs
 * expect (musl and busybox walk replies with NLMSG_OK/NLMSG_NEXT).
 */
#ifndef TERN_UAPI_NETLINK_H
#define TERN_UAPI_NETLINK_H

#include <stddef.h>
#include <uapi/types.h>
#include <uapi/socket.h>

/* socket(AF_NETLINK, type, protocol) protocols. */
#define NETLINK_ROUTE		0	/* rtnetlink(7) */
#define NETLINK_UNUSED		1
#define NETLINK_USERSOCK	2
#define NETLINK_FIREWALL	3
#define NETLINK_SOCK_DIAG	4
#define NETLINK_INET_DIAG	NETLINK_SOCK_DIAG
#define NETLINK_NFLOG		5
#define NETLINK_XFRM		6
#define NETLINK_SELINUX		7
#define NETLINK_ISCSI		8
#define NETLINK_AUDIT		9
#define NETLINK_FIB_LOOKUP	10
#define NETLINK_CONNECTOR	11
#define NETLINK_NETFILTER	12
#define NETLINK_IP6_FW		13
#define NETLINK_DNRTMSG		14
#define NETLINK_KOBJECT_UEVENT	15	/* uevents (mdev -d, udev) */
#define NETLINK_GENERIC		16
#define NETLINK_SCSITRANSPORT	18
#define NETLINK_ECRYPTFS	19
#define NETLINK_RDMA		20
#define NETLINK_CRYPTO		21
#define NETLINK_SMC		22
#define MAX_LINKS		32	/* protocols are below this */

/* A netlink address: nl_pid 0 is the kernel; nl_groups a bitmask. */
struct sockaddr_nl {
	sa_family_t nl_family;
	u16 nl_pad;
	u32 nl_pid;
	u32 nl_groups;
};
_Static_assert(offsetof(struct sockaddr_nl, nl_pid) == 4, "nl_pid");
_Static_assert(sizeof(struct sockaddr_nl) == 12, "sockaddr_nl");

/* Every message starts with this (16 bytes). */
struct nlmsghdr {
	u32 nlmsg_len;		/* header included */
	u16 nlmsg_type;
	u16 nlmsg_flags;	/* NLM_F_* */
	u32 nlmsg_seq;
	u32 nlmsg_pid;		/* sender's port id */
};
_Static_assert(offsetof(struct nlmsghdr, nlmsg_seq) == 8, "nlmsg_seq");
_Static_assert(sizeof(struct nlmsghdr) == 16, "nlmsghdr");

/* nlmsg_flags: all messages. */
#define NLM_F_REQUEST		0x01
#define NLM_F_MULTI		0x02	/* part of a dump; NLMSG_DONE ends it */
#define NLM_F_ACK		0x04	/* answer with an NLMSG_ERROR (0 = success) */
#define NLM_F_ECHO		0x08
#define NLM_F_DUMP_INTR		0x10	/* the dump changed while it ran */
#define NLM_F_DUMP_FILTERED	0x20
/* GET requests */
#define NLM_F_ROOT		0x100
#define NLM_F_MATCH		0x200
#define NLM_F_ATOMIC		0x400
#define NLM_F_DUMP		(NLM_F_ROOT | NLM_F_MATCH)
/* NEW requests */
#define NLM_F_REPLACE		0x100
#define NLM_F_EXCL		0x200
#define NLM_F_CREATE		0x400
#define NLM_F_APPEND		0x800
/* DELETE requests */
#define NLM_F_NONREC		0x100
#define NLM_F_BULK		0x200
/* acknowledgements */
#define NLM_F_CAPPED		0x100
#define NLM_F_ACK_TLVS		0x200

#define NLMSG_ALIGNTO		4u
#define NLMSG_ALIGN(len)	(((len) + NLMSG_ALIGNTO - 1) & ~(NLMSG_ALIGNTO - 1))
#define NLMSG_HDRLEN		((int)NLMSG_ALIGN(sizeof(struct nlmsghdr)))
#define NLMSG_LENGTH(len)	((len) + NLMSG_HDRLEN)
#define NLMSG_SPACE(len)	NLMSG_ALIGN(NLMSG_LENGTH(len))
#define NLMSG_DATA(nlh)		((void *)((char *)(nlh) + NLMSG_HDRLEN))
/* Advance to the next message, taking its aligned length off `len`. */
#define NLMSG_NEXT(nlh, len)	((len) -= NLMSG_ALIGN((nlh)->nlmsg_len), \
				 (struct nlmsghdr *)((char *)(nlh) + NLMSG_ALIGN((nlh)->nlmsg_len)))
/* A whole header in `len` bytes, and a length between a header and `len`. */
#define NLMSG_OK(nlh, len)	((len) >= (int)sizeof(struct nlmsghdr) && \
				 (nlh)->nlmsg_len >= sizeof(struct nlmsghdr) && \
				 (nlh)->nlmsg_len <= (unsigned int)(len))
/* Bytes after a family header of `len` bytes. */
#define NLMSG_PAYLOAD(nlh, len)	((nlh)->nlmsg_len - NLMSG_SPACE(len))

/* Control message types (below NLMSG_MIN_TYPE, for every protocol). */
#define NLMSG_NOOP		0x1
#define NLMSG_ERROR		0x2	/* struct nlmsgerr */
#define NLMSG_DONE		0x3	/* end of a dump (an int payload) */
#define NLMSG_OVERRUN		0x4
#define NLMSG_MIN_TYPE		0x10

/* NLMSG_ERROR payload: a negative errno (0: ACK) and the request's header. */
struct nlmsgerr {
	s32 error;
	struct nlmsghdr msg;
};
_Static_assert(sizeof(struct nlmsgerr) == 20, "nlmsgerr");

/* Extended ACK attributes after struct nlmsgerr (NETLINK_EXT_ACK). */
enum nlmsgerr_attrs {
	NLMSGERR_ATTR_UNUSED,
	NLMSGERR_ATTR_MSG,
	NLMSGERR_ATTR_OFFS,
	NLMSGERR_ATTR_COOKIE,
	NLMSGERR_ATTR_POLICY,
	NLMSGERR_ATTR_MISS_TYPE,
	NLMSGERR_ATTR_MISS_NEST,
};

/* SOL_NETLINK socket options. */
#define NETLINK_ADD_MEMBERSHIP		1
#define NETLINK_DROP_MEMBERSHIP		2
#define NETLINK_PKTINFO			3
#define NETLINK_BROADCAST_ERROR		4
#define NETLINK_NO_ENOBUFS		5
#define NETLINK_RX_RING			6
#define NETLINK_TX_RING			7
#define NETLINK_LISTEN_ALL_NSID		8
#define NETLINK_LIST_MEMBERSHIPS	9
#define NETLINK_CAP_ACK			10
#define NETLINK_EXT_ACK			11
#define NETLINK_GET_STRICT_CHK		12

/* NETLINK_PKTINFO control message. */
struct nl_pktinfo {
	u32 group;
};

/* Netlink socket states (sock_diag). */
enum {
	NETLINK_UNCONNECTED = 0,
	NETLINK_CONNECTED,
};

/*
 * An attribute: a 4-byte header, then nla_len - NLA_HDRLEN bytes of
 * payload, padded to 4.  Two high bits of nla_type are flags.
 */
struct nlattr {
	u16 nla_len;
	u16 nla_type;
};
_Static_assert(sizeof(struct nlattr) == 4, "nlattr");

#define NLA_F_NESTED		(1 << 15)
#define NLA_F_NET_BYTEORDER	(1 << 14)
#define NLA_TYPE_MASK		(~(NLA_F_NESTED | NLA_F_NET_BYTEORDER))
#define NLA_ALIGNTO		4
#define NLA_ALIGN(len)		(((len) + NLA_ALIGNTO - 1) & ~(NLA_ALIGNTO - 1))
#define NLA_HDRLEN		((int)NLA_ALIGN(sizeof(struct nlattr)))

#endif
