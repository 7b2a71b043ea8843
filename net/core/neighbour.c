/*
 * The neighbour cache: Linux's NUD state machine for IPv4 and IPv6 next
 * hops (see net/neighbour.h for the states and timers).  The code is the
 * same for both; an entry's protocol picks its key's size, its
 * ethertype and the resolver (ARP's or ND's ops) that probes for it.
 *
 * Entries are kept in one list (the cache is bounded by gc_thresh3).
 * Each entry has one timer, whose meaning depends on the state:
 * INCOMPLETE/PROBE: next request; REACHABLE: becomes STALE;
 * DELAY: becomes PROBE; STALE/FAILED: garbage collection.
 */
#include <net/if_ether.h>
#include <net/neighbour.h>
#include <net/rtnetlink.h>
#include <uapi/errno.h>

struct neigh_parms neigh_parms = {
	.base_reachable_ms = 30000,
	.retrans_ms = 1000,
	.delay_probe_ms = 5000,
	.gc_stale_ms = 60000,
	.ucast_probes = 3,
	.mcast_probes = 3,
	.unres_qlen_bytes = 212992,
	.gc_thresh3 = 1024,
	.locktime_ms = 1000,
};
struct neigh_statistics neigh_stats;

static struct neighbour *neigh_list;
static u32 neigh_entries;
static const struct neigh_ops *ops4, *ops6;

void neigh_set_ops(const struct neigh_ops *o)
{
	ops4 = o;
}

void neigh6_set_ops(const struct neigh_ops *o)
{
	ops6 = o;
}

static const struct neigh_ops *neigh_ops_of(const struct neighbour *n)
{
	return n->protocol == ETH_P_IPV6 ? ops6 : ops4;
}

static u32 key_len(u16 protocol)
{
	return protocol == ETH_P_IPV6 ? 16 : 4;
}

/* Lookup by (device, protocol, key bytes). */
static struct neighbour *lookup(const struct netdev *dev, u16 protocol, const void *key)
{
	neigh_stats.lookups++;
	for (struct neighbour *n = neigh_list; n; n = n->next) {
		if (n->dev == dev && n->protocol == protocol &&
		    memcmp(&n->key6, key, key_len(protocol)) == 0) {
			neigh_stats.hits++;
			return n;
		}
	}
	return NULL;
}

struct neighbour *neigh_lookup(const struct netdev *dev, be32 key)
{
	return lookup(dev, ETH_P_IP, &key);
}

struct neighbour *neigh6_lookup(const struct netdev *dev, const struct in6_addr *key)
{
	return lookup(dev, ETH_P_IPV6, key);
}

struct neighbour *neigh_first(void)
{
	return neigh_list;
}

u32 neigh_count(void)
{
	return neigh_entries;
}

static u64 ms(u64 v)
{
	return v * NSEC_PER_MSEC;
}

/* RFC 4861 §6.3.2's randomisation, which Linux applies to ARP too. */
static u64 random_reachable_ns(void)
{
	u64 base = ms(neigh_parms.base_reachable_ms);

	return base / 2 + (u64)net_random_u32() % (base ? base : 1);
}

static void neigh_destroy(struct neighbour *n)
{
	rtmsg_neigh(RTM_DELNEIGH, n);
	for (struct neighbour **pp = &neigh_list; *pp; pp = &(*pp)->next) {
		if (*pp == n) {
			*pp = n->next;
			break;
		}
	}
	net_timer_cancel(&n->timer);
	pkb_queue_purge(&n->arp_queue);
	neigh_entries--;
	neigh_stats.destroys++;
	net_free(n);
}

static int neigh_xmit(struct neighbour *n, struct pkbuf *pkb)
{
	int err = eth_header(pkb, n->dev, n->protocol, n->ha);

	if (err) {
		n->dev->stats.tx_dropped++;
		pkb_free(pkb);
		return err;
	}
	return dev_queue_xmit(pkb);
}

static void set_state(struct neighbour *n, u8 state)
{
	u64 now = net_now_ns();
	u8 old = n->nud_state;

	n->nud_state = state;
	n->updated_ns = now;
	net_timer_cancel(&n->timer);
	switch (state) {
	case NUD_INCOMPLETE:
	case NUD_PROBE:
		n->probes = 0;
		break;
	case NUD_REACHABLE:
		n->confirmed_ns = now;
		n->reachable_ns = random_reachable_ns();
		net_timer_arm(&n->timer, now + n->reachable_ns);
		break;
	case NUD_DELAY:
		net_timer_arm(&n->timer, now + ms(neigh_parms.delay_probe_ms));
		break;
	case NUD_STALE:
	case NUD_FAILED:
		net_timer_arm(&n->timer, now + ms(neigh_parms.gc_stale_ms));
		break;
	default:
		break;
	}
	/* RTNLGRP_NEIGH hears of resolution, confirmation, ageing and
	 * failure (Linux does not announce the probing states). */
	if (state != old && !(state & (NUD_INCOMPLETE | NUD_DELAY | NUD_PROBE)))
		rtmsg_neigh(RTM_NEWNEIGH, n);
}

/* Send a request and arm the retransmission (INCOMPLETE and PROBE). */
static void neigh_probe(struct neighbour *n)
{
	const struct neigh_ops *ops = neigh_ops_of(n);

	n->probes++;
	if (ops && ops->solicit)
		ops->solicit(n, n->nud_state == NUD_PROBE);
	net_timer_arm(&n->timer, net_now_ns() + ms(neigh_parms.retrans_ms));
}

static void neigh_fail(struct neighbour *n)
{
	const struct neigh_ops *ops = neigh_ops_of(n);
	struct pkbuf *pkb;

	neigh_stats.res_failed++;
	set_state(n, NUD_FAILED);
	/* RFC 1122 §2.3.2.2: the queued packets are dropped; their senders
	 * hear about it through ICMP host unreachable. */
	while ((pkb = pkb_dequeue(&n->arp_queue))) {
		if (ops && ops->error_report)
			ops->error_report(n, pkb);
		pkb_free(pkb);
	}
}

static void neigh_timer(struct net_timer *t)
{
	struct neighbour *n = net_container_of(t, struct neighbour, timer);
	u64 now = net_now_ns();

	switch (n->nud_state) {
	case NUD_INCOMPLETE:
		if (n->probes >= neigh_parms.mcast_probes)
			neigh_fail(n);
		else
			neigh_probe(n);
		break;
	case NUD_PROBE:
		if (n->probes >= neigh_parms.ucast_probes)
			neigh_fail(n);
		else
			neigh_probe(n);
		break;
	case NUD_REACHABLE:
		set_state(n, NUD_STALE);
		break;
	case NUD_DELAY:
		if (n->confirmed_ns + ms(neigh_parms.delay_probe_ms) > now &&
		    n->confirmed_ns >= n->updated_ns) {
			set_state(n, NUD_REACHABLE);
		} else {
			set_state(n, NUD_PROBE);
			neigh_probe(n);
		}
		break;
	case NUD_STALE:
	case NUD_FAILED:
		/* Periodic GC: unused for gc_staletime -> gone. */
		neigh_stats.periodic_gc_runs++;
		if (n->used_ns + ms(neigh_parms.gc_stale_ms) <= now &&
		    n->updated_ns + ms(neigh_parms.gc_stale_ms) <= now)
			neigh_destroy(n);
		else
			net_timer_arm(&n->timer, now + ms(neigh_parms.gc_stale_ms));
		break;
	default:
		break;
	}
}

/* Make room by dropping an unused STALE/FAILED entry (forced GC). */
static bool neigh_forced_gc(void)
{
	neigh_stats.forced_gc_runs++;
	for (struct neighbour *n = neigh_list; n; n = n->next) {
		if ((n->nud_state & (NUD_STALE | NUD_FAILED | NUD_NONE)) ||
		    n->nud_state == NUD_NONE) {
			if (!n->arp_queue.count) {
				neigh_destroy(n);
				return true;
			}
		}
	}
	return false;
}

static struct neighbour *neigh_create(struct netdev *dev, u16 protocol, const void *key)
{
	struct neighbour *n;

	if (neigh_entries >= neigh_parms.gc_thresh3 && !neigh_forced_gc()) {
		neigh_stats.table_fulls++;
		return NULL;
	}
	n = net_alloc(sizeof(*n));
	if (!n)
		return NULL;
	n->dev = dev;
	n->protocol = protocol;
	memcpy(&n->key6, key, key_len(protocol));
	n->nud_state = NUD_NONE;
	n->updated_ns = n->used_ns = net_now_ns();
	net_timer_init(&n->timer, neigh_timer);
	pkb_queue_init(&n->arp_queue);
	n->next = neigh_list;
	neigh_list = n;
	neigh_entries++;
	neigh_stats.allocs++;
	return n;
}

static void neigh_queue(struct neighbour *n, struct pkbuf *pkb)
{
	/* Bounded by bytes (unres_qlen_bytes); the oldest goes first. */
	while (n->arp_queue.count &&
	       n->arp_queue.bytes + pkb->len > neigh_parms.unres_qlen_bytes) {
		pkb_free(pkb_dequeue(&n->arp_queue));
		neigh_stats.unres_discards++;
	}
	if (pkb->len > neigh_parms.unres_qlen_bytes) {
		neigh_stats.unres_discards++;
		pkb_free(pkb);
		return;
	}
	pkb_enqueue(&n->arp_queue, pkb);
}

static int output(struct netdev *dev, u16 protocol, const void *key, struct pkbuf *pkb)
{
	struct neighbour *n = lookup(dev, protocol, key);

	if (!n) {
		n = neigh_create(dev, protocol, key);
		if (!n) {
			pkb_free(pkb);
			return -ENOBUFS;
		}
	}
	n->used_ns = net_now_ns();
	switch (n->nud_state) {
	case NUD_STALE:
		set_state(n, NUD_DELAY);
		__attribute__((fallthrough)); /* DELAY still uses the cached address */
	case NUD_REACHABLE:
	case NUD_DELAY:
	case NUD_PROBE:
	case NUD_PERMANENT:
	case NUD_NOARP:
		return neigh_xmit(n, pkb);
	case NUD_INCOMPLETE:
		neigh_queue(n, pkb);
		return 0;
	default: /* NONE, FAILED: start (again) */
		set_state(n, NUD_INCOMPLETE);
		neigh_queue(n, pkb);
		neigh_probe(n);
		return 0;
	}
}

int neigh_output(struct netdev *dev, be32 key, struct pkbuf *pkb)
{
	return output(dev, ETH_P_IP, &key, pkb);
}

int neigh6_output(struct netdev *dev, const struct in6_addr *key, struct pkbuf *pkb)
{
	return output(dev, ETH_P_IPV6, key, pkb);
}

static struct neighbour *update(struct netdev *dev, u16 protocol, const void *key,
				const u8 *ha, u8 new_state, u32 flags)
{
	struct neighbour *n = lookup(dev, protocol, key);
	struct pkbuf *pkb;
	bool changed_ha;

	if (!n) {
		if (!(flags & NEIGH_UPDATE_F_CREATE))
			return NULL;
		n = neigh_create(dev, protocol, key);
		if (!n)
			return NULL;
	}
	if ((n->nud_state & (NUD_PERMANENT | NUD_NOARP)) && !(flags & NEIGH_UPDATE_F_ADMIN))
		return NULL;
	changed_ha = ha && (n->nud_state & NUD_VALID) && !ether_addr_equal(ha, n->ha);
	if (changed_ha && !(flags & NEIGH_UPDATE_F_OVERRIDE))
		return n;  /* Linux: a different address without override is ignored */
	if (ha) {
		if (changed_ha)
			n->updated_ns = net_now_ns();
		memcpy(n->ha, ha, ETH_ALEN);
	}
	/* STALE for an entry already valid with the same address keeps its state. */
	if (new_state == NUD_STALE && !changed_ha && (n->nud_state & NUD_VALID) &&
	    !(flags & NEIGH_UPDATE_F_ADMIN))
		new_state = n->nud_state;
	if (new_state != n->nud_state || new_state == NUD_REACHABLE)
		set_state(n, new_state);
	if (new_state == NUD_REACHABLE)
		n->confirmed_ns = net_now_ns();
	if (n->nud_state & NUD_VALID) {
		while ((pkb = pkb_dequeue(&n->arp_queue)))
			(void)neigh_xmit(n, pkb);
	}
	return n;
}

struct neighbour *neigh_update(struct netdev *dev, be32 key, const u8 *ha,
			       u8 new_state, u32 flags)
{
	return update(dev, ETH_P_IP, &key, ha, new_state, flags);
}

struct neighbour *neigh6_update(struct netdev *dev, const struct in6_addr *key,
				const u8 *ha, u8 new_state, u32 flags)
{
	return update(dev, ETH_P_IPV6, key, ha, new_state, flags);
}

static void confirm(struct neighbour *n)
{
	if (n && (n->nud_state & (NUD_STALE | NUD_DELAY | NUD_PROBE | NUD_REACHABLE)))
		set_state(n, NUD_REACHABLE);
}

void neigh_confirm(struct netdev *dev, be32 key)
{
	confirm(neigh_lookup(dev, key));
}

void neigh6_confirm(struct netdev *dev, const struct in6_addr *key)
{
	confirm(neigh6_lookup(dev, key));
}

static int delete(struct neighbour *n)
{
	if (!n)
		return -ENOENT;
	neigh_destroy(n);
	return 0;
}

int neigh_delete(struct netdev *dev, be32 key)
{
	return delete(neigh_lookup(dev, key));
}

int neigh6_delete(struct netdev *dev, const struct in6_addr *key)
{
	return delete(neigh6_lookup(dev, key));
}

void neigh_ifdown(struct netdev *dev)
{
	struct neighbour *n = neigh_list, *next;

	for (; n; n = next) {
		next = n->next;
		if (n->dev == dev)
			neigh_destroy(n);
	}
}

void neigh_flush_all(void)
{
	while (neigh_list)
		neigh_destroy(neigh_list);
	memset(&neigh_stats, 0, sizeof(neigh_stats));
}
