/*
 * The physical page allocator: one bit per page frame (1 = in use) over
 * every frame below the end of usable RAM, found with next-fit search.
 *
 * Setup marks everything used, frees the usable regions of the boot
 * memory map, then reserves what is taken: the first 1 MiB (BIOS data,
 * real-mode structures), the kernel image, the boot modules (initramfs)
 * and its own metadata: the bitmap and mem_map, the array of struct page
 * (one per frame, for the slab allocator now and page reference counts
 * for copy-on-write later).  The metadata is placed in the first usable spot
 * below 4 GiB that overlaps none of those (the boot page tables map only
 * the first 4 GiB).
 *
 * Locking: page_lock (irq-saving) covers the bitmap, the hint and the
 * free counter; allocation may happen in interrupt handlers.
 */
#include <tern/bootinfo.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/panic.h>
#include <tern/printk.h>
#include <tern/spinlock.h>
#include <tern/string.h>

#define LOW_RESERVED	0x100000ull		/* first 1 MiB */
#define BITMAP_LIMIT	0x100000000ull		/* bitmap must be below 4 GiB */
#define BITS_PER_WORD	64

extern const char _boot_start[], _end_phys[];

static u64 *bitmap;
struct page *mem_map;
static u64 nr_frames;		/* frames covered by the bitmap */
static u64 free_count;
static u64 managed_count;
static u64 hint;		/* next-fit start (frame number) */
static DEFINE_SPINLOCK(page_lock);

struct range {
	u64 start, end;
};

static bool test_frame(u64 pfn)
{
	return bitmap[pfn / BITS_PER_WORD] & (1ull << (pfn % BITS_PER_WORD));
}

static void set_frame(u64 pfn)
{
	bitmap[pfn / BITS_PER_WORD] |= 1ull << (pfn % BITS_PER_WORD);
}

static void clear_frame(u64 pfn)
{
	bitmap[pfn / BITS_PER_WORD] &= ~(1ull << (pfn % BITS_PER_WORD));
}

static u64 usable_end(void)
{
	u64 end = 0;

	for (int i = 0; i < boot_info.nr_mmap; i++) {
		const struct mem_region *r = &boot_info.mmap[i];
		if (r->type == MEM_USABLE && r->base + r->len > end)
			end = r->base + r->len;
	}
	return end & PAGE_MASK;
}

static bool overlaps(u64 s, u64 e, const struct range *rs, int n)
{
	for (int i = 0; i < n; i++)
		if (s < rs[i].end && rs[i].start < e)
			return true;
	return false;
}

static bool inside_usable(u64 s, u64 e)
{
	for (int i = 0; i < boot_info.nr_mmap; i++) {
		const struct mem_region *r = &boot_info.mmap[i];
		if (r->type == MEM_USABLE && s >= r->base && e <= r->base + r->len)
			return true;
	}
	return false;
}

/* First page-aligned spot of `size` bytes in usable RAM avoiding `rs`. */
static u64 place_bitmap(u64 size, const struct range *rs, int n)
{
	for (int i = 0; i < boot_info.nr_mmap + n; i++) {
		/* Candidates: each region's start, and the end of each reservation. */
		u64 c = i < boot_info.nr_mmap ? boot_info.mmap[i].base : rs[i - boot_info.nr_mmap].end;
		c = ALIGN_UP(MAX(c, LOW_RESERVED), (u64)PAGE_SIZE);
		if (c + size <= BITMAP_LIMIT && inside_usable(c, c + size) &&
		    !overlaps(c, c + size, rs, n))
			return c;
	}
	return 0;
}

static void reserve_range(u64 start, u64 end)
{
	for (u64 pfn = start / PAGE_SIZE; pfn < DIV_ROUND_UP(end, PAGE_SIZE) && pfn < nr_frames; pfn++) {
		if (!test_frame(pfn)) {
			set_frame(pfn);
			free_count--;
			managed_count--;
		}
	}
}

void page_alloc_init(void)
{
	struct range reserved[2 + BOOT_MAX_MODULES];
	int nres = 0;
	u64 end = usable_end();
	u64 usable = 0;

	for (int i = 0; i < boot_info.nr_mmap; i++)
		if (boot_info.mmap[i].type == MEM_USABLE)
			usable += boot_info.mmap[i].len;

	reserved[nres++] = (struct range){ 0, LOW_RESERVED };
	reserved[nres++] = (struct range){ (u64)_boot_start, (u64)_end_phys };
	for (int i = 0; i < boot_info.nr_mods; i++)
		reserved[nres++] = (struct range){ boot_info.mods[i].start, boot_info.mods[i].end };

	nr_frames = end / PAGE_SIZE;
	u64 words = DIV_ROUND_UP(nr_frames, BITS_PER_WORD);
	u64 map_off = ALIGN_UP(words * 8, (u64)64);
	u64 bytes = ALIGN_UP(map_off + nr_frames * sizeof(struct page), (u64)PAGE_SIZE);
	u64 at = place_bitmap(bytes, reserved, nres);
	if (!at)
		panic("not enough memory: no room for the page metadata (%lu KiB)",
		      (unsigned long)(bytes >> 10));
	bitmap = phys_to_virt(at);
	memset(bitmap, 0xff, words * 8);
	mem_map = phys_to_virt(at + map_off);
	memset(mem_map, 0, nr_frames * sizeof(struct page));

	/* Free every whole page of every usable region. */
	for (int i = 0; i < boot_info.nr_mmap; i++) {
		const struct mem_region *r = &boot_info.mmap[i];
		if (r->type != MEM_USABLE)
			continue;
		u64 s = ALIGN_UP(r->base, (u64)PAGE_SIZE) / PAGE_SIZE;
		u64 e = MIN((r->base + r->len) / PAGE_SIZE, nr_frames);
		for (u64 pfn = s; pfn < e; pfn++) {
			if (test_frame(pfn)) {
				clear_frame(pfn);
				free_count++;
				managed_count++;
			}
		}
	}
	for (int i = 0; i < nres; i++)
		reserve_range(reserved[i].start, reserved[i].end);
	reserve_range(at, at + bytes);
	/* No fixed floor: what the machine has after the kernel, the
	 * initramfs and this metadata must be enough to start. */
	if (free_count * PAGE_SIZE < MIN_FREE_BYTES)
		panic("not enough memory: %lu KiB usable, %lu KiB left after the kernel, "
		      "the initramfs and the page metadata; Tern needs %lu KiB free to start",
		      (unsigned long)(usable >> 10), (unsigned long)(free_count * PAGE_SIZE >> 10),
		      (unsigned long)(MIN_FREE_BYTES >> 10));

	pr_info("mm: %lu MiB usable, %lu pages free, page metadata at 0x%lx (%lu KiB)\n",
		(unsigned long)(usable >> 20), (unsigned long)free_count,
		(unsigned long)at, (unsigned long)(bytes >> 10));
}

void free_boot_range(phys_addr_t start, phys_addr_t end)
{
	u64 s = MAX(ALIGN_UP(start, (u64)PAGE_SIZE), LOW_RESERVED) / PAGE_SIZE;
	u64 e = MIN(ALIGN_DOWN(end, (u64)PAGE_SIZE) / PAGE_SIZE, nr_frames);
	unsigned long flags = spin_lock_irqsave(&page_lock);

	for (u64 pfn = s; pfn < e; pfn++) {
		if (test_frame(pfn) && inside_usable(pfn * PAGE_SIZE, (pfn + 1) * PAGE_SIZE)) {
			clear_frame(pfn);
			mem_map[pfn] = (struct page){ 0 };
			free_count++;
			managed_count++;
		}
	}
	spin_unlock_irqrestore(&page_lock, flags);
}

/* Is the aligned block at pfn of n frames entirely free? */
static bool block_free(u64 pfn, u64 n)
{
	for (u64 i = 0; i < n; i++) {
		if ((pfn + i) % BITS_PER_WORD == 0 && n - i >= BITS_PER_WORD) {
			if (bitmap[(pfn + i) / BITS_PER_WORD])
				return false;
			i += BITS_PER_WORD - 1;
		} else if (test_frame(pfn + i)) {
			return false;
		}
	}
	return true;
}

static u64 find_block(u64 n)
{
	u64 start = ALIGN_DOWN(hint, n);

	for (u64 step = 0, pfn = start; step < nr_frames; step += n) {
		if (pfn + n > nr_frames)
			pfn = 0;
		/* Skip full words quickly when looking for single pages. */
		if (n == 1 && bitmap[pfn / BITS_PER_WORD] == ~0ull) {
			u64 next = ALIGN_UP(pfn + 1, (u64)BITS_PER_WORD);
			step += next - pfn - 1;
			pfn = next;
			continue;
		}
		if (block_free(pfn, n))
			return pfn;
		pfn += n;
	}
	return 0;
}

phys_addr_t alloc_pages(unsigned order)
{
	u64 n = 1ull << order;
	phys_addr_t addr = 0;

	if (order > MAX_ORDER)
		return 0;
	unsigned long flags = spin_lock_irqsave(&page_lock);
	if (free_count >= n) {
		u64 pfn = find_block(n);
		if (pfn) {	/* frame 0 is always reserved, so 0 = none */
			for (u64 i = 0; i < n; i++)
				set_frame(pfn + i);
			free_count -= n;
			hint = pfn + n;
			addr = pfn * PAGE_SIZE;
		}
	}
	spin_unlock_irqrestore(&page_lock, flags);
	return addr;
}

void free_pages(phys_addr_t addr, unsigned order)
{
	u64 n = 1ull << order, pfn = addr / PAGE_SIZE;

	BUG_ON(addr & (PAGE_SIZE - 1) || pfn + n > nr_frames);
	unsigned long flags = spin_lock_irqsave(&page_lock);
	if (order == 0 && (mem_map[pfn].flags & PG_FILEMAP) && mem_map[pfn].refcount) {
		/* Still mapped by a process: the last unmapping frees it. */
		mem_map[pfn].flags |= PG_ORPHAN;
		spin_unlock_irqrestore(&page_lock, flags);
		return;
	}
	for (u64 i = 0; i < n; i++) {
		if (!test_frame(pfn + i))
			panic("free_pages: double free of page 0x%lx",
			      (unsigned long)((pfn + i) * PAGE_SIZE));
		clear_frame(pfn + i);
		mem_map[pfn + i] = (struct page){ 0 };
	}
	free_count += n;
	spin_unlock_irqrestore(&page_lock, flags);
}

void page_filemap_get(phys_addr_t pa)
{
	unsigned long flags = spin_lock_irqsave(&page_lock);
	struct page *pg = phys_to_page(pa);

	pg->refcount++;
	pg->flags |= PG_FILEMAP;
	spin_unlock_irqrestore(&page_lock, flags);
}

void page_filemap_put(phys_addr_t pa)
{
	unsigned long flags = spin_lock_irqsave(&page_lock);
	struct page *pg = phys_to_page(pa);
	bool orphan = false;

	BUG_ON(!pg->refcount);
	if (--pg->refcount == 0) {
		orphan = pg->flags & PG_ORPHAN;
		pg->flags &= ~(PG_FILEMAP | PG_ORPHAN);
	}
	spin_unlock_irqrestore(&page_lock, flags);
	if (orphan)
		free_pages(pa, 0);
}

void *get_free_pages(unsigned order)
{
	phys_addr_t p = alloc_pages(order);

	return p ? phys_to_virt(p) : NULL;
}

void free_pages_virt(void *p, unsigned order)
{
	if (p)
		free_pages(virt_to_phys(p), order);
}

void *get_zeroed_page(void)
{
	void *p = get_free_pages(0);

	if (p)
		memset(p, 0, PAGE_SIZE);
	return p;
}

u64 nr_free_pages(void)
{
	return READ_ONCE(free_count);
}

u64 nr_managed_pages(void)
{
	return managed_count;
}

phys_addr_t max_phys_addr(void)
{
	return nr_frames * PAGE_SIZE;
}
