/*
 * Dentries: the name tree.  Every rule here runs with vfs_lock held.
 *
 * Invariants:
 *  - A hashed dentry is on its parent's d_subdirs list, ordered by d_pos
 *    (positions only grow, so a reader resuming at a position never sees
 *    an entry twice or skips a survivor: the readdir cursor of ramfs).
 *  - d_count counts: each child (hashed or not) on its parent, each
 *    struct path / open file / cwd / mountpoint holding it, and the pin of
 *    a ramfs name (DCACHE_PINNED).  At zero the dentry is freed at once:
 *    its inode reference and its parent reference are dropped.  Parents
 *    are released in a loop, never by recursion.
 *  - A super block's root is its own parent and is never hashed.
 *  - A hashed dentry is also on the hash chain of (parent, name), so a
 *    lookup costs O(1) whatever the directory's size; d_subdirs keeps
 *    the readdir order.
 */
#include "internal.h"

#define DHASH_BITS	12
#define DHASH_SIZE	(1u << DHASH_BITS)

static struct list_head dentry_hashtable[DHASH_SIZE];
static bool dhash_ready;

/* FNV-1a over the name, mixed with the parent's address. */
static struct list_head *d_bucket(const struct dentry *parent, const char *name, u32 len)
{
	u64 h = 0xcbf29ce484222325ULL ^ ((u64)(uintptr_t)parent >> 4);
	u32 i;

	if (!dhash_ready) {
		for (i = 0; i < DHASH_SIZE; i++)
			INIT_LIST_HEAD(&dentry_hashtable[i]);
		dhash_ready = true;
	}
	for (i = 0; i < len; i++)
		h = (h ^ (u8)name[i]) * 0x100000001b3ULL;
	h ^= h >> 29;
	return &dentry_hashtable[h & (DHASH_SIZE - 1)];
}

char *kstrndup(const char *s, size_t n)
{
	char *p = kmalloc(n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

static int d_set_name(struct dentry *d, const char *name, u32 len)
{
	char *p;

	if (len < sizeof(d->d_iname)) {
		p = d->d_iname;
	} else {
		p = kmalloc(len + 1);
		if (!p)
			return -ENOMEM;
	}
	memcpy(p, name, len);
	p[len] = '\0';
	if (d->d_name && d->d_name != d->d_iname)
		kfree(d->d_name);
	d->d_name = p;
	d->d_namelen = len;
	return 0;
}

static struct dentry *__d_alloc(struct super_block *sb, const char *name, u32 len)
{
	struct dentry *d = kzalloc(sizeof(*d));

	if (!d)
		return NULL;
	if (d_set_name(d, name, len)) {
		kfree(d);
		return NULL;
	}
	d->d_sb = sb;
	d->d_count = 1;
	d->d_next_pos = 2;	/* 0 and 1 are "." and ".." */
	INIT_LIST_HEAD(&d->d_child);
	INIT_LIST_HEAD(&d->d_subdirs);
	INIT_LIST_HEAD(&d->d_hash_node);
	return d;
}

/* A negative, unhashed child of parent, holding a reference on parent. */
struct dentry *d_alloc(struct dentry *parent, const char *name, u32 len)
{
	struct dentry *d = __d_alloc(parent->d_sb, name, len);

	if (!d)
		return NULL;
	d->d_parent = dget(parent);
	return d;
}

struct dentry *d_alloc_root(struct inode *root)
{
	struct dentry *d = __d_alloc(root->i_sb, "/", 1);

	if (!d)
		return NULL;
	d->d_parent = d;
	d->d_inode = root;
	return d;
}

static void d_hash(struct dentry *d)
{
	struct dentry *parent = d->d_parent;

	d->d_pos = parent->d_next_pos++;
	list_add_tail(&d->d_child, &parent->d_subdirs);
	list_add(&d->d_hash_node, d_bucket(parent, d->d_name, d->d_namelen));
	d->d_flags |= DCACHE_HASHED;
}

static void d_unhash(struct dentry *d)
{
	if (d_hashed(d)) {
		list_del_init(&d->d_child);
		list_del_init(&d->d_hash_node);
		d->d_flags &= ~DCACHE_HASHED;
	}
}

void d_pin(struct dentry *d)
{
	if (!(d->d_flags & DCACHE_PINNED)) {
		d->d_flags |= DCACHE_PINNED;
		d->d_count++;
	}
}

void d_instantiate(struct dentry *d, struct inode *inode)
{
	assert_vfs_locked();
	d->d_inode = inode;
	if (!d_hashed(d))
		d_hash(d);
	d_pin(d);
}

void d_add(struct dentry *d, struct inode *inode)
{
	assert_vfs_locked();
	d->d_inode = inode;
	if (!d_hashed(d))
		d_hash(d);
}

void d_delete(struct dentry *d)
{
	assert_vfs_locked();
	d_unhash(d);
	if (d->d_flags & DCACHE_PINNED) {
		d->d_flags &= ~DCACHE_PINNED;
		dput(d);
	}
}

struct dentry *d_lookup(struct dentry *parent, const char *name, u32 len)
{
	struct dentry *d;

	assert_vfs_locked();
	list_for_each_entry(d, d_bucket(parent, name, len), d_hash_node)
		if (d->d_parent == parent && d->d_namelen == len &&
		    !memcmp(d->d_name, name, len))
			return dget(d);
	return NULL;
}

struct dentry *dget(struct dentry *d)
{
	assert_vfs_locked();
	d->d_count++;
	return d;
}

void dput(struct dentry *d)
{
	if (d)
		assert_vfs_locked();
	while (d) {
		struct dentry *parent;

		BUG_ON(d->d_count == 0);
		if (--d->d_count)
			return;
		/* Last reference: nobody can reach it, free it. */
		d_unhash(d);
		parent = d->d_parent == d ? NULL : d->d_parent;
		iput(d->d_inode);
		if (d->d_name != d->d_iname)
			kfree(d->d_name);
		kfree(d);
		d = parent;
	}
}

char *d_name_buf(u32 len, int *err)
{
	char *buf = NULL;

	*err = 0;
	if (len >= sizeof(((struct dentry *)0)->d_iname)) {
		buf = kmalloc(len + 1);
		if (!buf)
			*err = -ENOMEM;
	}
	return buf;
}

void d_move(struct dentry *d, struct dentry *new_parent, const char *name, u32 len,
	    char *buf)
{
	struct dentry *old_parent = d->d_parent;
	char *p = buf ? buf : d->d_iname;

	if (d->d_name != d->d_iname)
		kfree(d->d_name);
	memcpy(p, name, len);
	p[len] = '\0';
	d_unhash(d);	/* off the old (parent, name) chain */
	d->d_name = p;
	d->d_namelen = len;
	d->d_parent = dget(new_parent);
	d_hash(d);
	dput(old_parent);
}

/* Swap a and b: parents, names and readdir positions.  Allocates nothing. */
void d_exchange(struct dentry *a, struct dentry *b)
{
	struct list_head mark;
	struct dentry *tp;
	char tmp[sizeof(a->d_iname)];
	char *an = a->d_name == a->d_iname ? NULL : a->d_name;
	char *bn = b->d_name == b->d_iname ? NULL : b->d_name;
	u64 tpos;
	u32 tlen;

	/* a takes b's place in its list and b takes a's (works when adjacent). */
	list_add_tail(&mark, &a->d_child);
	list_del_init(&a->d_child);
	list_add_tail(&a->d_child, &b->d_child);
	list_del_init(&b->d_child);
	list_add_tail(&b->d_child, &mark);
	list_del_init(&mark);
	tp = a->d_parent;
	a->d_parent = b->d_parent;
	b->d_parent = tp;
	tpos = a->d_pos;
	a->d_pos = b->d_pos;
	b->d_pos = tpos;
	memcpy(tmp, a->d_iname, sizeof(tmp));
	memcpy(a->d_iname, b->d_iname, sizeof(tmp));
	memcpy(b->d_iname, tmp, sizeof(tmp));
	a->d_name = bn ? bn : a->d_iname;
	b->d_name = an ? an : b->d_iname;
	tlen = a->d_namelen;
	a->d_namelen = b->d_namelen;
	b->d_namelen = tlen;
	/* New (parent, name) pairs: new hash chains. */
	list_del_init(&a->d_hash_node);
	list_del_init(&b->d_hash_node);
	list_add(&a->d_hash_node, d_bucket(a->d_parent, a->d_name, a->d_namelen));
	list_add(&b->d_hash_node, d_bucket(b->d_parent, b->d_name, b->d_namelen));
}

/* Is d the ancestor or d itself?  (Within one super block.) */
bool d_is_ancestor(struct dentry *ancestor, struct dentry *d)
{
	for (;;) {
		if (d == ancestor)
			return true;
		if (d->d_parent == d)
			return false;
		d = d->d_parent;
	}
}

/*
 * The name of p as seen from root, built backwards at the end of
 * buf[0..size): names up to root, crossing from each mount's root to its
 * mountpoint; "(unreachable)" prefixed when root is not an ancestor (a
 * chroot elsewhere), as getcwd(2) reports.  Returns the start of the
 * NUL-terminated name inside buf, or NULL if it does not fit.
 */
const char *d_path(const struct path *p, const struct path *root, char *buf,
		   size_t size)
{
	static const char unreach[] = "(unreachable)";
	struct path at = *p;
	char *end, *s;

	assert_vfs_locked();
	if (size < 2)
		return NULL;
	end = buf + size - 1;
	*end = '\0';
	s = end;
	while (!path_equal(&at, root)) {
		struct dentry *d = at.dentry;

		if (d == at.mnt->mnt_root) {
			if (at.mnt->mnt_parent == at.mnt) {
				if ((size_t)(s - buf) < sizeof(unreach) - 1 + (s == end))
					return NULL;
				if (s == end)
					*--s = '/';
				s -= sizeof(unreach) - 1;
				memcpy(s, unreach, sizeof(unreach) - 1);
				return s;
			}
			at.dentry = at.mnt->mnt_mountpoint;
			at.mnt = at.mnt->mnt_parent;
			continue;
		}
		if ((size_t)(s - buf) < d->d_namelen + 1)
			return NULL;
		s -= d->d_namelen;
		memcpy(s, d->d_name, d->d_namelen);
		*--s = '/';
		at.dentry = d->d_parent;
	}
	if (s == end)
		*--s = '/';
	return s;
}
