/*
 * The neighbour cache (Linux: net/core/neighbour.c), shared by ARP and
 * IPv6 Neighbor Discovery (RFC 4861 §7.3.2 defines the same states).
 *
 * One entry per (device, protocol, next-hop address) -- the protocol is
 * the ethertype, ETH_P_IP (a 4-byte key, resolved by ARP) or ETH_P_IPV6
 * (a 16-byte key, resolved by ND) -- with Linux's NUD_* state
 * machine (RFC 1122 §2.3.2.1 for the timeouts' intent):
 *
 *   (new) -> INCOMPLETE: broadcast a request every retrans_time, up to
 *            mcast_probes times, then FAILED (queued packets are dropped
 *            with an ICMP host unreachable to their sender).
 *   REACHABLE: confirmed; after reachable_time (random in [base/2,
 *            3*base/2]) it becomes STALE.
 *   STALE:   still used; the first packet sent moves it to DELAY.
 *   DELAY:   after delay_probe_time without confirmation -> PROBE.
 *   PROBE:   unicast requests every retrans_time, ucast_probes times,
 *            then FAILED.
 *   FAILED:  the next packet restarts resolution (INCOMPLETE).
 *   PERMANENT / NOARP: never change.
 *
 * STALE and FAILED entries unused for gc_staletime are deleted.  While
 * INCOMPLETE, packets wait on a queue bounded by unres_qlen_bytes; the
 * oldest is dropped to make room (counted in unres_discards).
 */
#ifndef NET_NEIGHBOUR_H
#define NET_NEIGHBOUR_H

#include <net/netdev.h>
#include <net/timer.h>
#include <uapi/in6.h>		/* struct in6_addr: IPv6 keys */
#include <uapi/neighbour.h>	/* NUD_* states */

/* States in which the entry's address may be used to send. */
#define NUD_VALID (NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | NUD_PROBE | NUD_STALE | NUD_DELAY)

/* Linux's defaults (Documentation/networking/ip-sysctl.rst, neigh/default). */
struct neigh_parms {
	u64 base_reachable_ms;    /* 30000 */
	u64 retrans_ms;           /* 1000 */
	u64 delay_probe_ms;       /* 5000 */
	u64 gc_stale_ms;          /* 60000 */
	u32 ucast_probes;         /* 3 */
	u32 mcast_probes;         /* 3 */
	u32 unres_qlen_bytes;     /* 212992 */
	u32 gc_thresh3;           /* 1024 entries at most */
	u64 locktime_ms;          /* 1000: a changed address within this of
				     the last change is ignored (ARP) */
};
extern struct neigh_parms neigh_parms;

struct neighbour {
	struct neighbour *next;
	struct netdev *dev;
	u16 protocol;             /* ETH_P_IP or ETH_P_IPV6 (host order) */
	union {
		be32 key;                 /* ETH_P_IP: next-hop IPv4 address */
		struct in6_addr key6;     /* ETH_P_IPV6: next-hop IPv6 address */
	};
	u8 ha[ETH_ALEN];          /* valid in NUD_VALID states */
	u8 nud_state;
	u8 probes;                /* requests sent in this INCOMPLETE/PROBE round */
	u64 confirmed_ns;         /* last confirmation (reply) */
	u64 updated_ns;           /* last state change */
	u64 used_ns;              /* last packet sent through it */
	u64 reachable_ns;         /* this entry's reachable_time */
	struct net_timer timer;
	struct pkb_queue arp_queue;
};

/* /proc/net/stat/arp_cache columns we keep (Linux's names). */
struct neigh_statistics {
	u64 allocs, destroys, lookups, hits, res_failed;
	u64 rcv_probes_mcast, rcv_probes_ucast;
	u64 periodic_gc_runs, forced_gc_runs, unres_discards, table_fulls;
};
extern struct neigh_statistics neigh_stats;

/* What the address family (ARP, ND) supplies. */
struct neigh_ops {
	/* Send a request for n->key; unicast to n->ha when `unicast`. */
	void (*solicit)(struct neighbour *n, bool unicast);
	/* A queued packet is being dropped because resolution failed. */
	void (*error_report)(struct neighbour *n, struct pkbuf *pkb);
};
/* ARP's (ETH_P_IP entries) and ND's (ETH_P_IPV6 entries) operations. */
void neigh_set_ops(const struct neigh_ops *ops);
void neigh6_set_ops(const struct neigh_ops *ops);

struct neighbour *neigh_lookup(const struct netdev *dev, be32 key);

/*
 * Send an IPv4 packet (data at the IP header) to next hop `key` on dev:
 * with a valid entry the Ethernet header is pushed and the frame sent;
 * otherwise it waits for resolution.  Consumes pkb.  Returns 0 (sent or
 * queued) or a negative errno (-ENOBUFS: table full or out of memory).
 */
int neigh_output(struct netdev *dev, be32 key, struct pkbuf *pkb);

/* Flags for neigh_update (Linux's NEIGH_UPDATE_F_* subset). */
#define NEIGH_UPDATE_F_OVERRIDE 0x1   /* may change a different address */
#define NEIGH_UPDATE_F_ADMIN 0x2      /* may touch PERMANENT entries */
#define NEIGH_UPDATE_F_CREATE 0x4     /* create if absent */

/*
 * Set state and (if ha != NULL) address, create when asked; packets
 * waiting are sent when the entry becomes valid.  Returns the entry or
 * NULL (absent and not created, or a permanent entry without ADMIN).
 */
struct neighbour *neigh_update(struct netdev *dev, be32 key, const u8 *ha,
			       u8 new_state, u32 flags);
/* Forward progress seen (Linux neigh_confirm/dst_confirm): -> REACHABLE. */
void neigh_confirm(struct netdev *dev, be32 key);
/* `ip neigh del`: -ENOENT if absent. */
int neigh_delete(struct netdev *dev, be32 key);
/* First entry (iterate with ->next); entries of all devices. */
struct neighbour *neigh_first(void);
u32 neigh_count(void);
/* Drop entries of a device (down/unregister), or all. */
void neigh_ifdown(struct netdev *dev);
void neigh_flush_all(void);

/*
 * The same for IPv6 next hops (ETH_P_IPV6 entries, resolved by ND):
 * neigh6_output() takes a packet with data at the IPv6 header.
 */
struct neighbour *neigh6_lookup(const struct netdev *dev, const struct in6_addr *key);
int neigh6_output(struct netdev *dev, const struct in6_addr *key, struct pkbuf *pkb);
struct neighbour *neigh6_update(struct netdev *dev, const struct in6_addr *key,
				const u8 *ha, u8 new_state, u32 flags);
void neigh6_confirm(struct netdev *dev, const struct in6_addr *key);
int neigh6_delete(struct netdev *dev, const struct in6_addr *key);

#endif
