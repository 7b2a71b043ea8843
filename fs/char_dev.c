/*
 * The character-device table: (major, minor range) -> file_operations.
 * Drivers register here; opening a S_IFCHR inode (ramfs, devtmpfs) finds
 * its fops through chrdev_lookup().  A small array: Tern has few devices.
 */
#include "internal.h"

#define MAX_CHRDEV_REGIONS	64

struct chrdev_region {
	u32 major, baseminor, count;
	const char *name;
	const struct file_operations *fops;
};

static DEFINE_SPINLOCK(chrdev_lock);
static struct chrdev_region regions[MAX_CHRDEV_REGIONS];

const struct file_operations *fifo_fops;

static bool overlaps(const struct chrdev_region *r, u32 major, u32 base, u32 count)
{
	return r->fops && r->major == major && base < r->baseminor + r->count &&
	       r->baseminor < base + count;
}

int register_chrdev_region_fops(u32 major, u32 baseminor, u32 count,
				const char *name,
				const struct file_operations *fops)
{
	struct chrdev_region *free_slot = NULL;
	unsigned int i;
	int err = 0;

	if (!fops || count == 0 || major >= (1u << (32 - MINORBITS)) ||
	    baseminor > MINORMASK || count > MINORMASK + 1 - baseminor)
		return -EINVAL;
	spin_lock(&chrdev_lock);
	for (i = 0; i < MAX_CHRDEV_REGIONS; i++) {
		if (overlaps(&regions[i], major, baseminor, count))
			err = -EBUSY;
		else if (!regions[i].fops && !free_slot)
			free_slot = &regions[i];
	}
	if (!err && !free_slot)
		err = -ENOSPC;
	if (!err)
		*free_slot = (struct chrdev_region){ major, baseminor, count, name, fops };
	spin_unlock(&chrdev_lock);
	return err;
}

void unregister_chrdev_region_fops(u32 major, u32 baseminor, u32 count)
{
	unsigned int i;

	spin_lock(&chrdev_lock);
	for (i = 0; i < MAX_CHRDEV_REGIONS; i++)
		if (regions[i].fops && regions[i].major == major &&
		    regions[i].baseminor == baseminor && regions[i].count == count)
			regions[i].fops = NULL;
	spin_unlock(&chrdev_lock);
}

const struct file_operations *chrdev_lookup(u32 dev)
{
	const struct file_operations *fops = NULL;
	u32 major = MAJOR(dev), minor = MINOR(dev);
	unsigned int i;

	spin_lock(&chrdev_lock);
	for (i = 0; i < MAX_CHRDEV_REGIONS; i++)
		if (overlaps(&regions[i], major, minor, 1))
			fops = regions[i].fops;
	spin_unlock(&chrdev_lock);
	return fops;
}
