/*
 * Packet buffers.
 *
 * One contiguous buffer per packet: [head ... data ... data+len ... end).
 * Headers are prepended by pkb_push() into the headroom without copying;
 * parsers consume them with pkb_pull(), which refuses to read past len, so
 * every parser checks its length by construction.  A reference count lets
 * a packet sit on several queues (e.g. a retransmission queue and a device
 * ring) at once; data is shared then and must be treated as read-only —
 * use pkb_copy() for a private, writable copy.
 */
#ifndef NET_PKBUF_H
#define NET_PKBUF_H

#include <tern/net_platform.h>
#include <uapi/if_packet.h>	/* PACKET_HOST ...: pkt_type, as sll_pkttype shows it */

struct netdev;

struct pkbuf {
	struct pkbuf *next;      /* link in a pkb_queue; owned by the queue */
	u8 *head;                /* start of the allocation */
	u8 *data;                /* first valid byte */
	u32 len;                 /* valid bytes from data */
	u32 size;                /* bytes from head to end */
	u32 refcnt;
	struct netdev *dev;      /* device received on / to send on */
	be16 protocol;           /* ethertype, network order */
	u8 pkt_type;             /* PACKET_HOST/BROADCAST/MULTICAST/OTHERHOST/OUTGOING */
	u8 csum_ok;              /* 1: transport checksum verified by device */
	/*
	 * Checksum offload (Linux's CHECKSUM_PARTIAL): the transport checksum
	 * is not computed yet.  The field at csum_start + csum_offset (from
	 * head) holds the folded pseudo-header sum; summing from csum_start
	 * to the end and storing the complement completes it.  A device that
	 * cannot leave it undone gets it completed by dev_queue_xmit().
	 */
	u8 csum_partial;
	u16 csum_offset;
	s32 csum_start;
	s32 mac_off;             /* offsets from head; -1 when unset */
	s32 network_off;
	s32 transport_off;
	u64 tstamp_ns;           /* time of arrival */
	/*
	 * A clone (pkb_clone) has no bytes of its own: head..end are the
	 * owner's, which it holds a reference to.  The clone's data, len
	 * and headroom are its own; its tailroom is none.
	 */
	struct pkbuf *data_owner;
	/* Scratch space owned by the layer currently holding the packet. */
	u8 cb[48] __attribute__((aligned(8)));
};

/* A FIFO of packets with a byte count. */
struct pkb_queue {
	struct pkbuf *first, *last;
	u32 count;
	u32 bytes;
};

/* Allocate with `headroom` bytes reserved in front and room for `len` more. */
struct pkbuf *pkb_alloc(u32 headroom, u32 len);
/*
 * The same with the bytes not zeroed: for callers that write every byte
 * they pkb_put() at once (copies of payload).  Headers pushed in front
 * must be written whole, as they always are.
 */
struct pkbuf *pkb_alloc_uninit(u32 headroom, u32 len);
/* A new buffer holding a copy of data[0..len) with `headroom` in front. */
struct pkbuf *pkb_from(u32 headroom, const void *data, u32 len);
/*
 * A second header over the same bytes (Linux's skb_clone): its own
 * data/len/offsets, the original's buffer, which stays allocated until
 * both are freed.  Whoever writes into the buffer must know nobody else
 * does: the headroom in front of data is the clone's to push headers
 * into only while the original has no other clone (pkb_is_cloned), and
 * nobody writes the bytes from data on.  NULL when out of memory.
 */
struct pkbuf *pkb_clone(struct pkbuf *pkb);
/* Does a clone of pkb exist (or hold its buffer)? */
static inline bool pkb_is_cloned(const struct pkbuf *pkb)
{
	return pkb->refcnt > 1 || pkb->data_owner;
}
/* Private copy (data and metadata), with at least `headroom`. */
struct pkbuf *pkb_copy(const struct pkbuf *pkb, u32 headroom);
struct pkbuf *pkb_get(struct pkbuf *pkb);   /* one more reference */
void pkb_free(struct pkbuf *pkb);           /* drop a reference; NULL ok */

static inline u32 pkb_headroom(const struct pkbuf *pkb)
{
	return (u32)(pkb->data - pkb->head);
}

static inline u32 pkb_tailroom(const struct pkbuf *pkb)
{
	return pkb->size - pkb_headroom(pkb) - pkb->len;
}

/* Prepend n bytes; returns the new data pointer, NULL if no headroom. */
void *pkb_push(struct pkbuf *pkb, u32 n);
/* Consume n bytes from the front; returns the old data pointer, NULL if len < n. */
void *pkb_pull(struct pkbuf *pkb, u32 n);
/* Append n bytes; returns a pointer to them, NULL if no tailroom. */
void *pkb_put(struct pkbuf *pkb, u32 n);
/* Shorten to len bytes (no-op if already shorter). */
void pkb_trim(struct pkbuf *pkb, u32 len);

static inline bool pkb_may_pull(const struct pkbuf *pkb, u32 n)
{
	return pkb->len >= n;
}

/* Layer offsets: record the current data position / get a pointer back. */
static inline void pkb_set_network(struct pkbuf *pkb)
{
	pkb->network_off = (s32)pkb_headroom(pkb);
}

static inline void pkb_set_transport(struct pkbuf *pkb)
{
	pkb->transport_off = (s32)pkb_headroom(pkb);
}

static inline void pkb_set_mac(struct pkbuf *pkb)
{
	pkb->mac_off = (s32)pkb_headroom(pkb);
}

static inline u8 *pkb_network(const struct pkbuf *pkb)
{
	return pkb->network_off < 0 ? NULL : pkb->head + pkb->network_off;
}

static inline u8 *pkb_transport(const struct pkbuf *pkb)
{
	return pkb->transport_off < 0 ? NULL : pkb->head + pkb->transport_off;
}

static inline u8 *pkb_mac(const struct pkbuf *pkb)
{
	return pkb->mac_off < 0 ? NULL : pkb->head + pkb->mac_off;
}

/*
 * Mark the transport checksum as left for the device: the transport
 * header starts `start` bytes after data, its check field is `offset`
 * bytes into it and already holds the folded pseudo-header sum.
 */
void pkb_set_csum_partial(struct pkbuf *pkb, u32 start, u32 offset);
/* Compute a partial checksum in software (a device without offload). */
void pkb_csum_complete(struct pkbuf *pkb);

void pkb_queue_init(struct pkb_queue *q);
void pkb_enqueue(struct pkb_queue *q, struct pkbuf *pkb);   /* at the tail */
struct pkbuf *pkb_dequeue(struct pkb_queue *q);             /* from the head */
static inline struct pkbuf *pkb_peek(const struct pkb_queue *q)
{
	return q->first;
}
void pkb_queue_purge(struct pkb_queue *q);                  /* free all */

/* Live buffers, for leak checks in tests and in /proc later. */
u64 pkb_live_count(void);

#endif
