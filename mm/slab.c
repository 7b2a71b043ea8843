/*
 * kmalloc: slab-style size classes.
 *
 * Each class has a list of slabs with free objects.  A slab is a block
 * of 2^order pages from the page allocator starting with a struct slab
 * header, followed by equal-size objects; free objects are chained
 * through their first word.  Every page of a slab has PG_SLAB and
 * points at the header (struct page.private), which is how kfree finds
 * the slab of any object.  A slab that becomes completely free goes back
 * to the page allocator at once, so kmalloc holds no memory it does not
 * use (the allocator tests rely on it).
 *
 * Requests above the largest class get whole pages (PG_LARGE, the order
 * kept in struct page.private of the first page).
 *
 * Locking: one irq-saving spinlock per class.
 */
#include <tern/kernel.h>
#include <tern/list.h>
#include <tern/mm.h>
#include <tern/panic.h>
#include <tern/slab.h>
#include <tern/spinlock.h>
#include <tern/string.h>

#define SLAB_MAGIC	0x51ab51ab
#define POISON_FREE	0x6b

struct slab {
	u32 magic;
	u16 inuse;		/* objects handed out */
	u16 total;		/* objects in this slab */
	struct kmem_class *cls;
	void *freelist;
	struct list_head list;	/* on cls->partial while it has free objects */
	u8 pad[24];		/* header is 64 bytes: objects stay 16-aligned */
};
_Static_assert(sizeof(struct slab) == 64, "slab header size");

struct kmem_class {
	size_t size;
	unsigned order;		/* slab size: 2^order pages */
	spinlock_t lock;
	struct list_head partial;
	u64 allocs, frees, slabs;
};

static struct kmem_class classes[] = {
	{ .size = 16 },  { .size = 32 },  { .size = 64 },  { .size = 128 },
	{ .size = 192 }, { .size = 256 }, { .size = 512 }, { .size = 1024, .order = 2 },
	{ .size = 2048, .order = 2 },
};

/* List heads cannot be statically initialised in the table. */
void kmalloc_init(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(classes); i++) {
		INIT_LIST_HEAD(&classes[i].partial);
		spin_lock_init(&classes[i].lock, "kmalloc");
	}
}

static struct kmem_class *class_for(size_t size)
{
	for (size_t i = 0; i < ARRAY_SIZE(classes); i++)
		if (size <= classes[i].size)
			return &classes[i];
	return NULL;
}

static struct slab *slab_new(struct kmem_class *c)
{
	size_t bytes = (size_t)PAGE_SIZE << c->order;
	struct slab *s = get_free_pages(c->order);

	if (!s)
		return NULL;
	s->magic = SLAB_MAGIC;
	s->inuse = 0;
	s->total = (bytes - sizeof(*s)) / c->size;
	s->cls = c;
	s->freelist = NULL;
	/* Chain objects so that the lowest address is handed out first. */
	for (int i = s->total - 1; i >= 0; i--) {
		void **obj = (void **)((char *)(s + 1) + (size_t)i * c->size);
		*obj = s->freelist;
		s->freelist = obj;
	}
	for (unsigned i = 0; i < (1u << c->order); i++) {
		struct page *pg = virt_to_page((char *)s + (size_t)i * PAGE_SIZE);
		pg->flags = PG_SLAB;
		pg->private = s;
	}
	c->slabs++;
	return s;
}

static void *large_alloc(size_t size)
{
	unsigned order = 0;

	while (((size_t)PAGE_SIZE << order) < size)
		order++;
	void *p = get_free_pages(order);
	if (p) {
		struct page *pg = virt_to_page(p);
		pg->flags = PG_LARGE;
		pg->private = (void *)(uintptr_t)order;
	}
	return p;
}

void *kmalloc(size_t size)
{
	struct kmem_class *c = class_for(size ? size : 1);
	void *obj = NULL;

	if (!c)
		return large_alloc(size);
	BUG_ON(!c->partial.next);	/* kmalloc before kmalloc_init */
	unsigned long flags = spin_lock_irqsave(&c->lock);
	if (list_empty(&c->partial)) {
		struct slab *s = slab_new(c);
		if (s)
			list_add(&s->list, &c->partial);
	}
	if (!list_empty(&c->partial)) {
		struct slab *s = list_first_entry(&c->partial, struct slab, list);
		obj = s->freelist;
		s->freelist = *(void **)obj;
		s->inuse++;
		if (!s->freelist)
			list_del_init(&s->list);	/* full */
		c->allocs++;
	}
	spin_unlock_irqrestore(&c->lock, flags);
	return obj;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

static struct slab *slab_of(const void *p, struct page **pgp)
{
	struct page *pg = virt_to_page(p);

	*pgp = pg;
	if (!(pg->flags & PG_SLAB))
		return NULL;
	struct slab *s = pg->private;
	if (s->magic != SLAB_MAGIC)
		panic("kfree: corrupt slab header at %p", (void *)s);
	return s;
}

void kfree(const void *p)
{
	struct page *pg;

	if (!p)
		return;
	if ((u64)p < PAGE_OFFSET || virt_to_phys(p) >= max_phys_addr())
		panic("kfree: %p is not a kmalloc pointer", p);
	struct slab *s = slab_of(p, &pg);
	if (!s) {
		if (!(pg->flags & PG_LARGE) || ((u64)p & (PAGE_SIZE - 1)))
			panic("kfree: %p is not a kmalloc pointer", p);
		free_pages_virt((void *)p, (unsigned)(uintptr_t)pg->private);
		return;
	}
	struct kmem_class *c = s->cls;
	size_t off = (const char *)p - (const char *)(s + 1);
	if (off % c->size || off / c->size >= s->total)
		panic("kfree: %p is not the start of a %zu-byte object", p, c->size);

	unsigned long flags = spin_lock_irqsave(&c->lock);
	memset((void *)p, POISON_FREE, c->size);
	bool was_full = s->freelist == NULL;
	*(void **)p = s->freelist;
	s->freelist = (void *)p;
	s->inuse--;
	c->frees++;
	if (s->inuse == 0) {
		if (!was_full)
			list_del_init(&s->list);
		c->slabs--;
		s->magic = 0;
		free_pages_virt(s, c->order);
	} else if (was_full) {
		list_add(&s->list, &c->partial);
	}
	spin_unlock_irqrestore(&c->lock, flags);
}

size_t ksize(const void *p)
{
	struct page *pg;
	struct slab *s = slab_of(p, &pg);

	if (s)
		return s->cls->size;
	return (size_t)PAGE_SIZE << (unsigned)(uintptr_t)pg->private;
}

int kmalloc_nr_classes(void)
{
	return ARRAY_SIZE(classes);
}

void kmalloc_get_stats(int i, struct kmalloc_stats *st)
{
	struct kmem_class *c = &classes[i];

	st->size = c->size;
	st->allocs = c->allocs;
	st->frees = c->frees;
	st->slabs = c->slabs;
}
