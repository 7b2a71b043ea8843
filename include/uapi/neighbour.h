/*
 * rtnetlink neighbour messages (RTM_NEWNEIGH/DELNEIGH/GETNEIGH, `ip
 * neigh`): struct ndmsg, NDA_* attributes, NTF_* flags and the NUD_*
 * states of the neighbour cache (RFC 4861 §7.3.2 names them), with
 * Linux's numbers and layouts.
 */
#ifndef TERN_UAPI_NEIGHBOUR_H
#define TERN_UAPI_NEIGHBOUR_H

#include <stddef.h>
#include <uapi/types.h>
#include <uapi/netlink.h>

struct ndmsg {
	u8 ndm_family;
	u8 ndm_pad1;
	u16 ndm_pad2;
	s32 ndm_ifindex;
	u16 ndm_state;			/* NUD_* */
	u8 ndm_flags;			/* NTF_* */
	u8 ndm_type;			/* RTN_* */
};
_Static_assert(offsetof(struct ndmsg, ndm_state) == 8, "ndm_state");
_Static_assert(sizeof(struct ndmsg) == 12, "ndmsg");

enum {
	NDA_UNSPEC,
	NDA_DST,			/* protocol address */
	NDA_LLADDR,			/* hardware address */
	NDA_CACHEINFO,			/* struct nda_cacheinfo */
	NDA_PROBES,			/* u32 */
	NDA_VLAN,
	NDA_PORT,
	NDA_VNI,
	NDA_IFINDEX,
	NDA_MASTER,
	NDA_LINK_NETNSID,
	NDA_SRC_VNI,
	NDA_PROTOCOL,
	NDA_NH_ID,
	NDA_FDB_EXT_ATTRS,
	NDA_FLAGS_EXT,
	NDA_NDM_STATE_MASK,
	NDA_NDM_FLAGS_MASK,
};

/* ndm_flags */
#define NTF_USE		(1 << 0)
#define NTF_SELF	(1 << 1)
#define NTF_MASTER	(1 << 2)
#define NTF_PROXY	(1 << 3)	/* the same bit as ATF_PUBL */
#define NTF_EXT_LEARNED	(1 << 4)
#define NTF_OFFLOADED	(1 << 5)
#define NTF_STICKY	(1 << 6)
#define NTF_ROUTER	(1 << 7)
/* NDA_FLAGS_EXT bits */
#define NTF_EXT_MANAGED	(1 << 0)

/* Neighbour cache states (ndm_state). */
#define NUD_NONE	0x00
#define NUD_INCOMPLETE	0x01	/* resolving */
#define NUD_REACHABLE	0x02	/* confirmed recently */
#define NUD_STALE	0x04	/* usable, confirm on next use */
#define NUD_DELAY	0x08	/* waiting before probing */
#define NUD_PROBE	0x10	/* probing with unicast */
#define NUD_FAILED	0x20
#define NUD_NOARP	0x40	/* no resolution needed */
#define NUD_PERMANENT	0x80	/* static */

/* NDA_CACHEINFO: ages in clock ticks (USER_HZ). */
struct nda_cacheinfo {
	u32 ndm_confirmed;
	u32 ndm_used;
	u32 ndm_updated;
	u32 ndm_refcnt;
};
_Static_assert(sizeof(struct nda_cacheinfo) == 16, "nda_cacheinfo");

#endif
