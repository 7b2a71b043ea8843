/*
 * Split virtqueues (Virtio 1.x §2.7).
 *
 * A queue of `num` entries (a power of 2) is three rings in one
 * physically contiguous, zeroed block, laid out as the legacy interface
 * requires and the modern one accepts:
 *
 *   descriptor table  num * 16 bytes           (driver writes)
 *   available ring    flags, idx, ring[num]    (driver writes)
 *   -- pad to 4096 --
 *   used ring         flags, idx, ring[num]    (device writes)
 *
 * Indices are free-running u16 counters; entry i lives in slot
 * i & (num - 1).  The driver publishes a chain by writing its head into
 * the next available slot and then advancing avail->idx; the device
 * returns it by writing (head, bytes written) into the next used slot
 * and advancing used->idx.  The driver keeps its own record of every
 * descriptor (the free list, each chain's length and owner) and never
 * reads the descriptor table back, so a device can at worst make a
 * queue "broken", not corrupt the kernel.
 *
 * Ordering (x86: the device is cache-coherent, stores are seen in
 * order, loads are done in order): a compiler barrier keeps ring
 * entries ahead of the index that publishes them; a full barrier
 * separates publishing (avail->idx, avail->flags) from reading what the
 * device decided (used->flags, used->idx), the store-load pair x86 can
 * reorder.
 */
#include <tern/errno.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/slab.h>
#include <tern/string.h>
#include <tern/virtio.h>

#define virt_wmb()	barrier()
#define virt_rmb()	barrier()
#define virt_mb()	__asm__ __volatile__("mfence" ::: "memory")

static size_t vring_used_offset(u16 num)
{
	return ALIGN_UP(sizeof(struct vring_desc) * num + sizeof(struct vring_avail) +
			sizeof(u16) * (num + 1u), (size_t)VRING_LEGACY_ALIGN);
}

static size_t vring_bytes(u16 num)
{
	return vring_used_offset(num) + sizeof(struct vring_used) +
	       sizeof(struct vring_used_elem) * num + sizeof(u16);
}

static unsigned order_for(size_t bytes)
{
	unsigned order = 0;

	while (((size_t)PAGE_SIZE << order) < bytes)
		order++;
	return order;
}

struct virtqueue *vring_create(struct virtio_device *vdev, u16 index, u16 num,
			       const struct vq_info *info)
{
	struct virtqueue *vq;
	size_t bytes;
	u8 *ring;

	if (!num || (num & (num - 1)) || num > 32768)
		return NULL;
	bytes = vring_bytes(num);
	if (order_for(bytes) > MAX_ORDER)
		return NULL;
	vq = kzalloc(sizeof(*vq));
	if (!vq)
		return NULL;
	vq->state = kzalloc(sizeof(*vq->state) * num);
	vq->ring_order = order_for(bytes);
	ring = get_free_pages(vq->ring_order);
	if (!vq->state || !ring) {
		if (ring)
			free_pages_virt(ring, vq->ring_order);
		kfree(vq->state);
		kfree(vq);
		return NULL;
	}
	memset(ring, 0, (size_t)PAGE_SIZE << vq->ring_order);
	vq->ring = ring;
	vq->desc = (struct vring_desc *)ring;
	vq->avail = (struct vring_avail *)(ring + sizeof(struct vring_desc) * num);
	vq->used = (struct vring_used *)(ring + vring_used_offset(num));
	vq->desc_phys = virt_to_phys(vq->desc);
	vq->avail_phys = virt_to_phys(vq->avail);
	vq->used_phys = virt_to_phys(vq->used);
	vq->vdev = vdev;
	vq->index = index;
	vq->num = num;
	vq->num_free = num;
	vq->name = info->name;
	vq->callback = info->callback;
	for (u16 i = 0; i < num; i++)
		vq->state[i].next = (u16)((i + 1u) & (num - 1u));
	if (!vq->callback)
		vq->avail->flags = VRING_AVAIL_F_NO_INTERRUPT;
	return vq;
}

void vring_free(struct virtqueue *vq)
{
	if (!vq)
		return;
	free_pages_virt(vq->ring, vq->ring_order);
	kfree(vq->state);
	kfree(vq);
}

int virtqueue_add(struct virtqueue *vq, const struct vq_buf *bufs, unsigned out,
		  unsigned in, void *token)
{
	unsigned total = out + in;
	u16 head, i;

	if (!token || !total)
		return -EINVAL;
	if (vq->broken)
		return -EIO;
	if (total > vq->num_free)
		return -ENOSPC;
	head = i = vq->free_head;
	for (unsigned n = 0; n < total; n++) {
		struct vring_desc *d = &vq->desc[i];
		u16 next = vq->state[i].next;

		d->addr = bufs[n].addr;
		d->len = bufs[n].len;
		d->flags = (n >= out ? VRING_DESC_F_WRITE : 0) |
			   (n + 1 < total ? VRING_DESC_F_NEXT : 0);
		d->next = n + 1 < total ? next : 0;
		i = next;
	}
	/* The chain keeps its free-list links in state[]: freeing it walks them. */
	vq->free_head = i;
	vq->num_free -= (u16)total;
	vq->state[head].token = token;
	vq->state[head].ndescs = (u16)total;

	vq->avail->ring[vq->avail_idx & (vq->num - 1)] = head;
	virt_wmb();			/* descriptors and slot before the index */
	vq->avail_idx++;
	WRITE_ONCE(vq->avail->idx, vq->avail_idx);
	vq->added++;
	vq->buffers_added++;
	return 0;
}

bool virtqueue_kick(struct virtqueue *vq)
{
	if (!vq->added)
		return false;
	vq->added = 0;
	virt_mb();			/* avail->idx out before used->flags is read */
	if (READ_ONCE(vq->used->flags) & VRING_USED_F_NO_NOTIFY) {
		vq->kicks_suppressed++;
		return false;
	}
	vq->notify(vq);
	vq->kicks++;
	return true;
}

/* A broken queue has nothing more: its owner must not poll it forever. */
bool virtqueue_more_used(const struct virtqueue *vq)
{
	return !READ_ONCE(vq->broken) && READ_ONCE(vq->used->idx) != READ_ONCE(vq->last_used);
}

static void free_chain(struct virtqueue *vq, u16 head)
{
	u16 tail = head, n = vq->state[head].ndescs;

	for (u16 k = 1; k < n; k++)
		tail = vq->state[tail].next;
	vq->state[tail].next = vq->free_head;
	vq->free_head = head;
	vq->num_free += n;
	vq->state[head].token = NULL;
	vq->state[head].ndescs = 0;
}

void *virtqueue_get_buf(struct virtqueue *vq, u32 *len)
{
	const struct vring_used_elem *e;
	u16 used_idx;
	u32 id;
	void *token;

	if (vq->broken)
		return NULL;
	used_idx = READ_ONCE(vq->used->idx);
	if (used_idx == vq->last_used)
		return NULL;
	virt_rmb();			/* the index before the entry it covers */
	e = &vq->used->ring[vq->last_used & (vq->num - 1)];
	id = READ_ONCE(e->id);
	if ((u16)(used_idx - vq->last_used) > vq->num || id >= vq->num ||
	    !vq->state[id].token) {
		vq->broken = true;
		pr_err("virtio: queue %s: device returned bad buffer %u (used idx %u, ours %u)\n",
		       vq->name, id, used_idx, vq->last_used);
		return NULL;
	}
	if (len)
		*len = READ_ONCE(e->len);
	token = vq->state[id].token;
	free_chain(vq, (u16)id);
	WRITE_ONCE(vq->last_used, (u16)(vq->last_used + 1));
	if (!(vq->last_used & (vq->num - 1)))
		vq->wraps++;
	vq->buffers_used++;
	return token;
}

void virtqueue_disable_cb(struct virtqueue *vq)
{
	WRITE_ONCE(vq->avail->flags, VRING_AVAIL_F_NO_INTERRUPT);
}

bool virtqueue_enable_cb(struct virtqueue *vq)
{
	WRITE_ONCE(vq->avail->flags, 0);
	virt_mb();			/* flags out before used->idx is read */
	return !virtqueue_more_used(vq);
}

void *virtqueue_detach_unused(struct virtqueue *vq)
{
	for (u16 i = 0; i < vq->num; i++) {
		void *token = vq->state[i].token;

		if (token) {
			free_chain(vq, i);
			return token;
		}
	}
	return NULL;
}

bool vring_interrupt(struct virtqueue *vq)
{
	if (!virtqueue_more_used(vq))
		return false;
	vq->callbacks++;
	if (vq->callback)
		vq->callback(vq);
	return true;
}
