/*
 * Random sequences of name-space and file operations on a few short
 * names, checking after every step that the tree is consistent: each
 * inode's link count equals the names pointing at it (directories: 2 +
 * subdirectories), every child's parent is its directory, readdir
 * positions increase, and every error is a plain negative errno.  At the
 * end everything is closed and the teardown proves nothing leaked.
 */
#include <stdio.h>
#include <string.h>
#include "fs_test.h"

/* White-box: the name-space lock, to call d_lookup directly. */
extern spinlock_t vfs_lock;

static u64 rng = 0x2545f4914f6cdd1dULL;

static u32 rnd(u32 n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (u32)(rng % n);
}

static void random_path(char *buf, size_t size)
{
	static const char *names[] = { "a", "b", "c", "a", "b", "..", ".", "d" };
	int depth = 1 + (int)rnd(3);
	size_t n = 0;

	if (rnd(4))
		n += (size_t)snprintf(buf + n, size - n, "/");
	for (int i = 0; i < depth; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? "/" : "", names[rnd(8)]);
	if (!rnd(8))
		snprintf(buf + n, size - n, "/");
}

/* The white-box check: walk the whole tree without recursion. */
struct seen {
	struct inode *inode;
	u32 names, subdirs;
};

static struct seen seen[4096];
static int nseen;

static struct seen *seen_of(struct inode *inode)
{
	for (int i = 0; i < nseen; i++)
		if (seen[i].inode == inode)
			return &seen[i];
	assert_true(nseen < (int)ARRAY_SIZE(seen));
	seen[nseen] = (struct seen){ inode, 0, 0 };
	return &seen[nseen++];
}

static void check_tree(void)
{
	struct path root;
	struct dentry *stack[256], *d;
	int top = 0;

	nseen = 0;
	assert_ok(vfs_path_lookupat(T, AT_FDCWD, "/", 0, &root));
	stack[top++] = root.dentry;
	seen_of(root.dentry->d_inode)->names = 1;
	while (top) {
		struct dentry *dir = stack[--top];
		u64 last_pos = 0;

		list_for_each_entry(d, &dir->d_subdirs, d_child) {
			struct seen *s;

			assert_ptr_equal(d->d_parent, dir);
			assert_true(d_hashed(d));
			assert_true(d->d_pos > last_pos);
			assert_true(d->d_pos < dir->d_next_pos);
			last_pos = d->d_pos;
			assert_non_null(d->d_inode);
			/* The hash chains find exactly this dentry by its name. */
			spin_lock(&vfs_lock);
			{
				struct dentry *found = d_lookup(dir, d->d_name, d->d_namelen);

				assert_ptr_equal(found, d);
				dput(found);
			}
			spin_unlock(&vfs_lock);
			s = seen_of(d->d_inode);
			s->names++;
			if (S_ISDIR(d->d_inode->i_mode)) {
				seen_of(dir->d_inode)->subdirs++;
				assert_true(top < (int)ARRAY_SIZE(stack));
				stack[top++] = d;
			}
		}
	}
	for (int i = 0; i < nseen; i++) {
		struct inode *inode = seen[i].inode;

		if (S_ISDIR(inode->i_mode)) {
			assert_int_equal(seen[i].names, 1);
			assert_int_equal(inode->i_nlink, 2 + seen[i].subdirs);
		} else {
			assert_int_equal(inode->i_nlink, seen[i].names);
		}
	}
	path_put(&root);
}

static int ok_count[16], tries[16];

static void one_step(int *fds, int nfds)
{
	u32 op;
	char p1[64], p2[64], buf[512];
	struct kstat k;
	long r = 0;
	int slot = (int)rnd((u32)nfds);

	random_path(p1, sizeof(p1));
	random_path(p2, sizeof(p2));
	op = rnd(16);
	switch (op) {
	case 0: r = vfs_mkdirat(T, AT_FDCWD, p1, 0755); break;
	case 1: r = vfs_rmdir(T, AT_FDCWD, p1); break;
	case 2: r = put_str(T, p1, "data", 0644); break;
	case 3: r = vfs_unlinkat(T, AT_FDCWD, p1, 0); break;
	case 4: r = vfs_linkat(T, AT_FDCWD, p1, AT_FDCWD, p2, rnd(2) ? AT_SYMLINK_FOLLOW : 0); break;
	case 5: r = vfs_symlinkat(T, rnd(2) ? p2 : "a", AT_FDCWD, p1); break;
	case 6:
	case 7: r = vfs_renameat2(T, AT_FDCWD, p1, AT_FDCWD, p2, rnd(3) == 0 ? RENAME_EXCHANGE :
				    rnd(3) == 0 ? RENAME_NOREPLACE : 0); break;
	case 8:
		if (fds[slot] >= 0)
			close_fd(T->files, fds[slot]);
		fds[slot] = xopen(T, p1, rnd(2) ? O_RDONLY : O_RDWR | O_CREAT, 0644);
		r = fds[slot] < 0 ? fds[slot] : 0;
		break;
	case 9:
		if (fds[slot] >= 0) {
			struct file *f = fget(T->files, fds[slot]);

			r = rnd(2) ? vfs_write(f, "xyz", 3) : vfs_getdents64(f, buf, 64 + rnd(200));
			fput(f);
		}
		break;
	case 10: r = vfs_truncate(T, p1, rnd(9000)); break;
	case 11: r = vfs_chdir(T, p1); break;
	case 12: r = st(T, p1, &k, rnd(2) ? AT_SYMLINK_NOFOLLOW : 0); break;
	case 13: r = vfs_getcwd(T, buf, sizeof(buf)); break;
	case 14: r = vfs_readlinkat(T, AT_FDCWD, p1, buf, sizeof(buf)); break;
	case 15: r = vfs_unlinkat(T, AT_FDCWD, p1, AT_REMOVEDIR); break;
	}
	assert_true(r >= -133);
	tries[op]++;
	ok_count[op] += r >= 0;
}

static void random_operations_keep_the_tree_consistent(void **state)
{
	int fds[6], round;

	(void)state;
	for (round = 0; round < 100; round++) {
		int i;

		for (i = 0; i < 6; i++)
			fds[i] = -1;
		for (i = 0; i < 500; i++) {
			one_step(fds, 6);
			check_tree();
		}
		for (i = 0; i < 6; i++)
			if (fds[i] >= 0)
				assert_ok(close_fd(T->files, fds[i]));
		/* A fresh VFS each round: the teardown checks for leaks. */
		assert_ok(fs_teardown(NULL));
		assert_ok(fs_setup(NULL));
	}
	/* The random paths must make real changes, not only errors. */
	for (round = 0; round < 16; round++) {
		print_message("op %2d: %4d of %4d succeeded\n", round, ok_count[round], tries[round]);
		assert_true(ok_count[round] > 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FS_TEST(random_operations_keep_the_tree_consistent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
