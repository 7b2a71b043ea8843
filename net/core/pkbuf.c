/* Packet buffers: allocation, reference counting, header push/pull, queues. */
#include <net/checksum.h>
#include <net/pkbuf.h>

static u64 live_buffers;

static struct pkbuf *alloc(u32 headroom, u32 len, bool zero)
{
	u32 size = headroom + len;
	struct pkbuf *pkb;

	if (size < headroom)
		return NULL; /* overflow */
	if (zero) {
		pkb = net_alloc(sizeof(*pkb) + size);
	} else {
		pkb = net_alloc_nozero(sizeof(*pkb) + size);
		if (pkb)
			memset(pkb, 0, sizeof(*pkb));
	}
	if (!pkb)
		return NULL;
	pkb->head = (u8 *)(pkb + 1);
	pkb->data = pkb->head + headroom;
	pkb->size = size;
	pkb->refcnt = 1;
	pkb->mac_off = pkb->network_off = pkb->transport_off = -1;
	pkb->tstamp_ns = net_now_ns();
	live_buffers++;
	return pkb;
}

struct pkbuf *pkb_alloc(u32 headroom, u32 len)
{
	return alloc(headroom, len, true);
}

struct pkbuf *pkb_alloc_uninit(u32 headroom, u32 len)
{
	return alloc(headroom, len, false);
}

struct pkbuf *pkb_from(u32 headroom, const void *data, u32 len)
{
	struct pkbuf *pkb = pkb_alloc(headroom, len);

	if (pkb)
		memcpy(pkb_put(pkb, len), data, len);
	return pkb;
}

struct pkbuf *pkb_copy(const struct pkbuf *src, u32 headroom)
{
	u32 room = pkb_headroom(src);
	struct pkbuf *pkb;
	s32 shift;

	if (room < headroom)
		room = headroom;
	pkb = pkb_from(room, src->data, src->len);
	if (!pkb)
		return NULL;
	/* Keep layer offsets pointing at the same bytes in the copy. */
	shift = (s32)room - (s32)pkb_headroom(src);
	pkb->dev = src->dev;
	pkb->protocol = src->protocol;
	pkb->pkt_type = src->pkt_type;
	pkb->csum_ok = src->csum_ok;
	pkb->csum_partial = src->csum_partial;
	pkb->csum_offset = src->csum_offset;
	pkb->csum_start = src->csum_start + shift;
	pkb->tstamp_ns = src->tstamp_ns;
	pkb->mac_off = src->mac_off < 0 || src->mac_off + shift < 0 ? -1 : src->mac_off + shift;
	pkb->network_off = src->network_off < 0 || src->network_off + shift < 0 ? -1 : src->network_off + shift;
	pkb->transport_off = src->transport_off < 0 || src->transport_off + shift < 0 ? -1 : src->transport_off + shift;
	memcpy(pkb->cb, src->cb, sizeof(pkb->cb));
	return pkb;
}

struct pkbuf *pkb_get(struct pkbuf *pkb)
{
	NET_ASSERT(pkb->refcnt > 0);
	pkb->refcnt++;
	return pkb;
}

struct pkbuf *pkb_clone(struct pkbuf *pkb)
{
	struct pkbuf *c = net_alloc(sizeof(*c));

	if (!c)
		return NULL;
	*c = *pkb;
	c->next = NULL;
	c->refcnt = 1;
	c->size = pkb_headroom(pkb) + pkb->len;	/* no tailroom */
	/* The buffer's owner: the original, or its own owner if a clone. */
	c->data_owner = pkb_get(pkb->data_owner ? pkb->data_owner : pkb);
	live_buffers++;
	return c;
}

void pkb_free(struct pkbuf *pkb)
{
	if (!pkb)
		return;
	NET_ASSERT(pkb->refcnt > 0);
	if (--pkb->refcnt)
		return;
	live_buffers--;
	pkb_free(pkb->data_owner);
	net_free(pkb);
}

void *pkb_push(struct pkbuf *pkb, u32 n)
{
	if (pkb_headroom(pkb) < n)
		return NULL;
	pkb->data -= n;
	pkb->len += n;
	return pkb->data;
}

void *pkb_pull(struct pkbuf *pkb, u32 n)
{
	u8 *old = pkb->data;

	if (pkb->len < n)
		return NULL;
	pkb->data += n;
	pkb->len -= n;
	return old;
}

void *pkb_put(struct pkbuf *pkb, u32 n)
{
	u8 *tail = pkb->data + pkb->len;

	if (pkb_tailroom(pkb) < n)
		return NULL;
	pkb->len += n;
	return tail;
}

void pkb_trim(struct pkbuf *pkb, u32 len)
{
	if (pkb->len > len)
		pkb->len = len;
}

void pkb_queue_init(struct pkb_queue *q)
{
	q->first = q->last = NULL;
	q->count = q->bytes = 0;
}

void pkb_enqueue(struct pkb_queue *q, struct pkbuf *pkb)
{
	pkb->next = NULL;
	if (q->last)
		q->last->next = pkb;
	else
		q->first = pkb;
	q->last = pkb;
	q->count++;
	q->bytes += pkb->len;
}

struct pkbuf *pkb_dequeue(struct pkb_queue *q)
{
	struct pkbuf *pkb = q->first;

	if (!pkb)
		return NULL;
	q->first = pkb->next;
	if (!q->first)
		q->last = NULL;
	pkb->next = NULL;
	q->count--;
	q->bytes -= pkb->len;
	return pkb;
}

void pkb_queue_purge(struct pkb_queue *q)
{
	struct pkbuf *pkb;

	while ((pkb = pkb_dequeue(q)))
		pkb_free(pkb);
}

u64 pkb_live_count(void)
{
	return live_buffers;
}

void pkb_set_csum_partial(struct pkbuf *pkb, u32 start, u32 offset)
{
	pkb->csum_partial = 1;
	pkb->csum_start = (s32)(pkb_headroom(pkb) + start);
	pkb->csum_offset = (u16)offset;
}

void pkb_csum_complete(struct pkbuf *pkb)
{
	u8 *start, *field;
	u16 sum;
	u32 len;

	if (!pkb->csum_partial)
		return;
	start = pkb->head + pkb->csum_start;
	NET_ASSERT(start >= pkb->data && start + pkb->csum_offset + 2 <= pkb->data + pkb->len);
	len = (u32)(pkb->data + pkb->len - start);
	field = start + pkb->csum_offset;
	sum = csum_fold(csum_partial(start, len, 0));
	/* A computed 0 goes out as all ones (RFC 768: 0 means none for UDP;
	 * the same value in one's complement for TCP). */
	if (sum == 0)
		sum = 0xffff;
	memcpy(field, &sum, 2);
	pkb->csum_partial = 0;
}
