/*
 * Stack timers: an intrusive binary min-heap (see net/timer.h).
 *
 * Invariants, all under the stack lock:
 *  - heap_size timers are armed; they are exactly the nodes of a
 *    complete binary tree rooted at heap_root, numbered 1..heap_size in
 *    level order (position p has children 2p and 2p+1);
 *  - every node's parent link names the node whose left or right link
 *    names it (the root's parent is NULL);
 *  - no node is before its parent in (expires_ns, seq) order, so the
 *    root is the earliest timer;
 *  - seq values are unique: each arm takes the next one, so among equal
 *    deadlines the one armed first fires first.
 *
 * The path from the root to position p follows the bits of p below its
 * highest set bit (0 = left, 1 = right); that is how an insertion finds
 * the first free place and a removal finds the last node, in O(log n)
 * steps with no array behind the heap.
 */
#include <net/timer.h>

static struct net_timer *heap_root;
static u32 heap_size;
static u64 arm_seq;
static u64 visits;

void net_timer_init(struct net_timer *t, void (*fn)(struct net_timer *t))
{
	t->parent = t->left = t->right = NULL;
	t->fn = fn;
	t->expires_ns = 0;
	t->seq = 0;
	t->armed = false;
}

/* Is a due before b? */
static bool before(const struct net_timer *a, const struct net_timer *b)
{
	visits++;
	if (a->expires_ns != b->expires_ns)
		return a->expires_ns < b->expires_ns;
	return a->seq < b->seq;
}

/* The node at level-order position pos, 1 <= pos <= heap_size. */
static struct net_timer *node_at(u32 pos)
{
	struct net_timer *n = heap_root;

	for (int bit = 30 - __builtin_clz(pos); bit >= 0; bit--) {
		visits++;
		n = (pos >> bit) & 1 ? n->right : n->left;
	}
	return n;
}

/* Whatever pointed down at `from` (its parent, or heap_root) now names `to`. */
static void replace_in_parent(struct net_timer *from, struct net_timer *to)
{
	struct net_timer *p = from->parent;

	if (!p)
		heap_root = to;
	else if (p->left == from)
		p->left = to;
	else
		p->right = to;
}

/* Exchange c with its parent: c moves up a level, the parent down. */
static void swap_with_parent(struct net_timer *c)
{
	struct net_timer *p = c->parent;
	struct net_timer *cl = c->left, *cr = c->right;

	replace_in_parent(p, c);
	c->parent = p->parent;
	if (p->left == c) {
		c->left = p;
		c->right = p->right;
		if (c->right)
			c->right->parent = c;
	} else {
		c->right = p;
		c->left = p->left;
		if (c->left)
			c->left->parent = c;
	}
	p->parent = c;
	p->left = cl;
	p->right = cr;
	if (cl)
		cl->parent = p;
	if (cr)
		cr->parent = p;
}

static void sift_up(struct net_timer *t)
{
	while (t->parent && before(t, t->parent))
		swap_with_parent(t);
}

static void sift_down(struct net_timer *t)
{
	for (;;) {
		struct net_timer *m = t->left;

		if (!m)
			return;
		if (t->right && before(t->right, m))
			m = t->right;
		if (!before(m, t))
			return;
		swap_with_parent(m);
	}
}

/* t's key changed (or t was just placed): restore the order around it. */
static void reposition(struct net_timer *t)
{
	if (t->parent && before(t, t->parent))
		sift_up(t);
	else
		sift_down(t);
}

static void heap_insert(struct net_timer *t)
{
	t->left = t->right = NULL;
	heap_size++;
	if (heap_size == 1) {
		t->parent = NULL;
		heap_root = t;
		return;
	}
	t->parent = node_at(heap_size / 2);
	if (heap_size & 1)
		t->parent->right = t;
	else
		t->parent->left = t;
	sift_up(t);
}

static void heap_remove(struct net_timer *t)
{
	struct net_timer *last = node_at(heap_size);

	/* Take the last node out of the tree, then put it where t was. */
	replace_in_parent(last, NULL);
	heap_size--;
	if (last != t) {
		last->parent = t->parent;
		last->left = t->left;
		last->right = t->right;
		if (last->left)
			last->left->parent = last;
		if (last->right)
			last->right->parent = last;
		replace_in_parent(t, last);
		reposition(last);
	}
	t->parent = t->left = t->right = NULL;
	t->armed = false;
}

void net_timer_arm(struct net_timer *t, u64 expires_ns)
{
	bool was_empty = heap_root == NULL;
	u64 old_next = net_timer_next();

	t->expires_ns = expires_ns;
	t->seq = ++arm_seq;
	if (t->armed) {
		reposition(t);
	} else {
		t->armed = true;
		heap_insert(t);
	}
	if (was_empty || heap_root->expires_ns < old_next)
		net_timers_changed(heap_root->expires_ns);
}

void net_timer_arm_in(struct net_timer *t, u64 delay_ns)
{
	net_timer_arm(t, net_now_ns() + delay_ns);
}

void net_timer_cancel(struct net_timer *t)
{
	if (t->armed)
		heap_remove(t);
}

unsigned net_timer_run(u64 now)
{
	unsigned fired = 0;
	struct net_timer *t;

	/*
	 * One timer at a time off the top: whatever a handler arms or
	 * cancels is in the heap (or gone from it) before the next pick.
	 */
	while ((t = heap_root) && t->expires_ns <= now) {
		heap_remove(t);
		t->fn(t);
		fired++;
	}
	return fired;
}

u64 net_timer_next(void)
{
	return heap_root ? heap_root->expires_ns : UINT64_MAX;
}

u32 net_timer_count(void)
{
	return heap_size;
}

u64 net_timer_visits(void)
{
	return visits;
}

bool net_timer_heap_ok(void)
{
	u64 saved = visits;
	bool ok = (heap_size == 0) == (heap_root == NULL);

	if (heap_root && heap_root->parent)
		ok = false;
	for (u32 pos = 1; ok && pos <= heap_size; pos++) {
		struct net_timer *n = node_at(pos);

		if (!n || !n->armed)
			ok = false;
		else if (pos > 1 && (n->parent != node_at(pos / 2) || before(n, n->parent)))
			ok = false;
		else if ((n->left != NULL) != (2 * (u64)pos <= heap_size) ||
			 (n->right != NULL) != (2 * (u64)pos + 1 <= heap_size))
			ok = false;
		else if ((n->left && n->left->parent != n) || (n->right && n->right->parent != n))
			ok = false;
	}
	visits = saved;	/* the check is not part of any operation's cost */
	return ok;
}
