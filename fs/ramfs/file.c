/*
 * ramfs regular files: page-granular data in a per-inode radix tree,
 * sparse (holes read as zeros), truncation both ways, SEEK_DATA/HOLE.
 * All data and i_size changes happen under inode->i_lock.
 */
#include <tern/mm.h>
#include "internal.h"

_Static_assert(PAGE_SIZE_FS == PAGE_SIZE, "ramfs data pages are whole pages");

static u64 radix_capacity(u32 height)
{
	return height ? 1ULL << (RADIX_SHIFT * height) : 0;
}

/* Find (create: make) the slot holding page `index`.  i_lock held. */
static void **page_slot(struct ramfs_inode *ri, u64 index, bool create)
{
	void **slot;
	u32 level;

	if (index >= radix_capacity(ri->height)) {
		if (!create)
			return NULL;
		while (index >= radix_capacity(ri->height)) {
			if (ri->root) {
				void **node = kzalloc(RADIX_SLOTS * sizeof(void *));

				if (!node)
					return NULL;
				node[0] = ri->root;
				ri->root = node;
			}
			ri->height++;
		}
	}
	slot = &ri->root;
	for (level = ri->height; level > 0; level--) {
		void **node;

		if (!*slot) {
			if (!create)
				return NULL;
			*slot = kzalloc(RADIX_SLOTS * sizeof(void *));
			if (!*slot)
				return NULL;
		}
		node = *slot;
		slot = &node[(index >> (RADIX_SHIFT * (level - 1))) & (RADIX_SLOTS - 1)];
	}
	return slot;
}

static void *find_page(struct ramfs_inode *ri, u64 index)
{
	void **slot = page_slot(ri, index, false);

	return slot ? *slot : NULL;
}

/* The lowest present page index >= start, or false.  Skips whole holes. */
static bool next_page(struct ramfs_inode *ri, u64 start, u64 *found)
{
	u64 idx = start, cap = radix_capacity(ri->height);

	while (idx < cap) {
		void *node = ri->root;
		u32 level = ri->height;

		for (;;) {
			if (!node) {
				u64 span = 1ULL << (RADIX_SHIFT * level);

				idx = (idx & ~(span - 1)) + span;
				break;
			}
			if (level == 0) {
				*found = idx;
				return true;
			}
			node = ((void **)node)[(idx >> (RADIX_SHIFT * (level - 1))) &
					       (RADIX_SLOTS - 1)];
			level--;
		}
	}
	return false;
}

static u64 data_pages;	/* every instance's, for meminfo and sysinfo */

u64 ramfs_data_pages(void)
{
	return __atomic_load_n(&data_pages, __ATOMIC_RELAXED);
}

static void account(struct inode *inode, s64 pages)
{
	__atomic_fetch_add(&data_pages, (u64)pages, __ATOMIC_RELAXED);
	RAMFS_I(inode)->pages += pages;
	inode->i_blocks = RAMFS_I(inode)->pages * (PAGE_SIZE_FS / 512);
	inode->i_sb->s_bytes += pages * PAGE_SIZE_FS;
}

/* Free every page and node.  Iterative: an explicit stack per level. */
void ramfs_free_data(struct inode *inode)
{
	struct ramfs_inode *ri = RAMFS_I(inode);
	struct { void **node; u32 slot; } stack[RADIX_MAX_HEIGHT + 1];
	int top = 0;

	if (!ri->root) {
		ri->height = 0;
		return;
	}
	if (ri->height == 0) {	/* cannot happen: root implies height >= 1 */
		ri->root = NULL;
		return;
	}
	stack[0].node = ri->root;
	stack[0].slot = 0;
	/* stack[i] is a node at level height - i; level-1 nodes hold pages. */
	while (top >= 0) {
		u32 level = ri->height - (u32)top;
		void **node = stack[top].node;

		if (stack[top].slot == RADIX_SLOTS) {
			kfree(node);
			top--;
			if (top >= 0)
				stack[top].slot++;
			continue;
		}
		void *child = node[stack[top].slot];

		if (!child) {
			stack[top].slot++;
		} else if (level == 1) {
			free_pages_virt(child, 0);
			account(inode, -1);
			stack[top].slot++;
		} else {
			top++;
			stack[top].node = child;
			stack[top].slot = 0;
		}
	}
	ri->root = NULL;
	ri->height = 0;
}

/* Set i_size; pages wholly past the end are freed, a partial tail zeroed. */
int ramfs_truncate(struct inode *inode, loff_t size)
{
	struct ramfs_inode *ri = RAMFS_I(inode);
	u64 first = DIV_ROUND_UP((u64)size, PAGE_SIZE_FS), idx;

	if (size < 0)
		return -EINVAL;
	if (size > inode->i_sb->s_maxbytes)
		return -EFBIG;
	/* memfd_create(2)'s seals (none on other files). */
	if ((size < inode->i_size && (inode->i_seals & F_SEAL_SHRINK)) ||
	    (size > inode->i_size && (inode->i_seals & F_SEAL_GROW)))
		return -EPERM;
	if (size < inode->i_size) {
		if (size == 0) {
			ramfs_free_data(inode);
		} else {
			while (next_page(ri, first, &idx)) {
				void **slot = page_slot(ri, idx, false);

				free_pages_virt(*slot, 0);
				*slot = NULL;
				account(inode, -1);
				first = idx + 1;
			}
			if (size % PAGE_SIZE_FS) {
				char *page = find_page(ri, (u64)size / PAGE_SIZE_FS);

				if (page)
					memset(page + size % PAGE_SIZE_FS, 0,
					       PAGE_SIZE_FS - size % PAGE_SIZE_FS);
			}
		}
	}
	inode->i_size = size;
	return 0;
}

static ssize_t ramfs_read(struct file *f, void *buf, size_t n, loff_t *pos)
{
	struct inode *inode = f->f_inode;
	struct ramfs_inode *ri = RAMFS_I(inode);
	size_t done = 0;
	loff_t p = *pos;

	if (p < 0)
		return -EINVAL;
	spin_lock(&inode->i_lock);
	if (p < inode->i_size && n > (u64)(inode->i_size - p))
		n = (size_t)(inode->i_size - p);
	while (p < inode->i_size && done < n) {
		size_t off = (size_t)(p % PAGE_SIZE_FS);
		size_t chunk = MIN(PAGE_SIZE_FS - off, n - done);
		char *page = find_page(ri, (u64)p / PAGE_SIZE_FS);

		if (page)
			memcpy((char *)buf + done, page + off, chunk);
		else
			memset((char *)buf + done, 0, chunk);
		done += chunk;
		p += (loff_t)chunk;
	}
	if (!(f->f_flags & O_NOATIME))
		touch_atime(inode);
	spin_unlock(&inode->i_lock);
	*pos = p;
	return (ssize_t)done;
}

static ssize_t ramfs_write(struct file *f, const void *buf, size_t n, loff_t *pos)
{
	struct inode *inode = f->f_inode;
	struct ramfs_inode *ri = RAMFS_I(inode);
	loff_t p, maxbytes = inode->i_sb->s_maxbytes;
	size_t done = 0;
	bool nospace = false;
	ssize_t ret;

	spin_lock(&inode->i_lock);
	/* write(2) O_APPEND: the offset is the end, atomically with the write. */
	p = (f->f_flags & O_APPEND) ? inode->i_size : *pos;
	if (p < 0) {
		ret = -EINVAL;
		goto out;
	}
	if (n == 0) {
		ret = 0;
		goto out;
	}
	if ((inode->i_seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)) ||
	    ((inode->i_seals & F_SEAL_GROW) && (u64)p + n > (u64)inode->i_size)) {
		ret = -EPERM;	/* memfd_create(2)'s seals */
		goto out;
	}
	if (p >= maxbytes) {
		ret = -EFBIG;
		goto out;
	}
	if ((u64)n > (u64)(maxbytes - p))
		n = (size_t)(maxbytes - p);
	while (done < n) {
		size_t off = (size_t)(p % PAGE_SIZE_FS);
		size_t chunk = MIN(PAGE_SIZE_FS - off, n - done);
		void **slot = page_slot(ri, (u64)p / PAGE_SIZE_FS, true);

		if (slot && !*slot) {
			if (!ramfs_room_for_page(inode->i_sb)) {
				nospace = true;
				break;
			}
			*slot = get_zeroed_page();
			if (*slot)
				account(inode, 1);
		}
		if (!slot || !*slot)
			break;
		memcpy((char *)*slot + off, (const char *)buf + done, chunk);
		done += chunk;
		p += (loff_t)chunk;
	}
	if (done == 0) {
		ret = nospace ? -ENOSPC : -ENOMEM;	/* tmpfs(5) size= full */
		goto out;
	}
	if (p > inode->i_size)
		inode->i_size = p;
	inode_set_mctime_now(inode);
	/* write(2): a write by an unprivileged process drops set-id bits. */
	inode->i_mode = mode_after_kill_privs(inode, &f->f_cred);
	*pos = p;
	ret = (ssize_t)done;
out:
	spin_unlock(&inode->i_lock);
	return ret;
}

/* lseek(2) incl. SEEK_DATA/SEEK_HOLE at page granularity. */
static loff_t ramfs_llseek(struct file *f, loff_t off, int whence)
{
	struct inode *inode = f->f_inode;
	struct ramfs_inode *ri = RAMFS_I(inode);
	loff_t size, ret;
	u64 idx;

	if (whence != SEEK_DATA && whence != SEEK_HOLE)
		return generic_file_llseek(f, off, whence);
	spin_lock(&inode->i_lock);
	size = inode->i_size;
	if (off < 0 || off >= size) {
		ret = -ENXIO;	/* lseek(2): offset beyond the end */
	} else if (whence == SEEK_DATA) {
		if (!next_page(ri, (u64)off / PAGE_SIZE_FS, &idx) ||
		    (loff_t)(idx * PAGE_SIZE_FS) >= size)
			ret = -ENXIO;
		else
			ret = MAX(off, (loff_t)(idx * PAGE_SIZE_FS));
	} else {
		idx = (u64)off / PAGE_SIZE_FS;
		while ((loff_t)(idx * PAGE_SIZE_FS) < size && find_page(ri, idx))
			idx++;
		ret = MIN(size, MAX(off, (loff_t)(idx * PAGE_SIZE_FS)));
	}
	spin_unlock(&inode->i_lock);
	if (ret >= 0) {
		spin_lock(&f->f_lock);
		f->f_pos = ret;
		spin_unlock(&f->f_lock);
	}
	return ret;
}

static int ramfs_fsync(struct file *f, int datasync)
{
	(void)f;
	(void)datasync;
	return 0;	/* memory is the backing store: nothing to flush */
}

/*
 * The page holding file page `index` (create: allocate a zeroed one for a
 * hole), for the mm code's mappings; NULL for a hole or out of memory.
 * Pages are whole, aligned pages from the page allocator and stay put
 * until truncated away or the inode is evicted.
 */
void *ramfs_get_page(struct inode *inode, u64 index, bool create)
{
	struct ramfs_inode *ri = RAMFS_I(inode);
	void **slot, *page = NULL;

	spin_lock(&inode->i_lock);
	slot = page_slot(ri, index, create);
	if (slot && !*slot && create && ramfs_room_for_page(inode->i_sb)) {
		*slot = get_zeroed_page();
		if (*slot)
			account(inode, 1);
	}
	if (slot)
		page = *slot;
	spin_unlock(&inode->i_lock);
	return page;
}

const struct file_operations ramfs_file_operations = {
	.llseek = ramfs_llseek,
	.read = ramfs_read,
	.write = ramfs_write,
	.fsync = ramfs_fsync,
};
