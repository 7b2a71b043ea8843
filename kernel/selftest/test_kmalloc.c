/*
 * kmalloc size classes: for sizes across every class (and just above
 * each boundary, and large sizes), allocate many objects, check size and
 * 16-byte alignment, fill each with its own pattern, verify no object
 * was overwritten by another, free them all, and check that every page
 * went back to the page allocator.
 */
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/selftest.h>
#include <tern/spinlock.h>
#include <tern/slab.h>
#include <tern/string.h>

#define OBJECTS 300

static const size_t sizes[] = {
	1, 8, 16, 17, 32, 33, 64, 65, 100, 128, 129, 192, 200, 256, 257,
	512, 513, 1000, 1024, 1025, 2048, 2049, 4096, 10000, 70000,
};

static void *objs[OBJECTS];

static int check_size(size_t size)
{
	int n = size > 4096 ? 20 : OBJECTS;

	for (int i = 0; i < n; i++) {
		objs[i] = kmalloc(size);
		if (!objs[i]) {
			pr_err("kmalloc: %zu bytes #%d failed\n", size, i);
			return -1;
		}
		if ((u64)objs[i] & 15) {
			pr_err("kmalloc: %zu bytes at %p is not 16-byte aligned\n", size, objs[i]);
			return -1;
		}
		if (ksize(objs[i]) < size) {
			pr_err("kmalloc: ksize %zu < %zu\n", ksize(objs[i]), size);
			return -1;
		}
		memset(objs[i], (u8)(i + 1), size);
	}
	for (int i = 0; i < n; i++) {
		const u8 *b = objs[i];
		for (size_t j = 0; j < size; j++) {
			if (b[j] != (u8)(i + 1)) {
				pr_err("kmalloc: %zu-byte object #%d overwritten at %zu\n", size, i, j);
				return -1;
			}
		}
	}
	for (int i = 0; i < n; i++)
		kfree(objs[i]);
	return 0;
}

static int test_kmalloc_body(void);

/* No other thread runs meanwhile: page counts stay exact. */
static int test_kmalloc(void)
{
	preempt_disable();
	int rc = test_kmalloc_body();
	preempt_enable();
	return rc;
}

static int test_kmalloc_body(void)
{
	u64 before = nr_free_pages();

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		if (check_size(sizes[i]))
			return -1;
	void *z = kzalloc(300);
	for (int i = 0; z && i < 300; i++)
		if (((u8 *)z)[i]) {
			pr_err("kzalloc: byte %d not zero\n", i);
			return -1;
		}
	kfree(z);
	kfree(NULL);
	for (int c = 0; c < kmalloc_nr_classes(); c++) {
		struct kmalloc_stats st;
		kmalloc_get_stats(c, &st);
		pr_info("kmalloc: class %4zu: %lu allocs, %lu frees, %lu slabs\n", st.size,
			(unsigned long)st.allocs, (unsigned long)st.frees, (unsigned long)st.slabs);
	}
	if (nr_free_pages() != before) {
		pr_err("kmalloc: %ld pages not returned\n", (long)(before - nr_free_pages()));
		return -1;
	}
	return 0;
}
SELFTEST(kmalloc, test_kmalloc, true);
