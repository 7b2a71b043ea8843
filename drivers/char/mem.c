/*
 * The memory character devices (major 1), null(4), zero(4), full(4),
 * random(4):
 *   null     reads end of file, writes vanish;
 *   zero     reads zeros, writes vanish;
 *   full     reads zeros, writes fail with ENOSPC;
 *   random,  read the kernel's random source (RDRAND when present),
 *   urandom  never block; writes are accepted and ignored
 *            (linux-compat: Linux mixes them into its pool).
 * All of them seek to 0 and are always ready for poll.
 */
#include <tern/devices.h>
#include <tern/fs.h>
#include <tern/random.h>
#include <tern/string.h>

static loff_t mem_llseek(struct file *f, loff_t off, int whence)
{
	(void)off;
	(void)whence;
	f->f_pos = 0;
	return 0;
}

static ssize_t null_read(struct file *f, void *buf, size_t n, loff_t *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return 0;
}

static ssize_t sink_write(struct file *f, const void *buf, size_t n, loff_t *pos)
{
	(void)f, (void)buf, (void)pos;
	return (ssize_t)n;
}

static ssize_t zero_read(struct file *f, void *buf, size_t n, loff_t *pos)
{
	(void)f, (void)pos;
	memset(buf, 0, n);
	return (ssize_t)n;
}

static ssize_t full_write(struct file *f, const void *buf, size_t n, loff_t *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return -ENOSPC;
}

static ssize_t random_read(struct file *f, void *buf, size_t n, loff_t *pos)
{
	(void)f, (void)pos;
	get_random_bytes(buf, n);
	return (ssize_t)n;
}

static const struct file_operations null_fops = {
	.llseek = mem_llseek, .read = null_read, .write = sink_write,
};
static const struct file_operations zero_fops = {
	.llseek = mem_llseek, .read = zero_read, .write = sink_write,
};
static const struct file_operations full_fops = {
	.llseek = mem_llseek, .read = zero_read, .write = full_write,
};
static const struct file_operations random_fops = {
	.llseek = mem_llseek, .read = random_read, .write = sink_write,
};

static const struct {
	u32 minor;
	const char *name;
	const struct file_operations *fops;
} mem_devs[] = {
	{ 3, "null", &null_fops },
	{ 5, "zero", &zero_fops },
	{ 7, "full", &full_fops },
	{ 8, "random", &random_fops },
	{ 9, "urandom", &random_fops },
};

int mem_devices_init(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(mem_devs); i++) {
		int err = register_chrdev_region_fops(MEM_MAJOR, mem_devs[i].minor, 1,
						      mem_devs[i].name, mem_devs[i].fops);

		if (err && err != -EBUSY)
			return err;
	}
	return 0;
}
