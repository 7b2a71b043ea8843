/*
 * A minimal sysfs (sysfs(5)): the standard top-level directories and the
 * few files that describe what Tern has -- the console's tty and the one
 * CPU.  It is served by the procfs machinery (generated files, names
 * looked up afresh), so a mount of "sysfs" is honest about being small:
 * what is missing is absent, not faked.
 */
#include "internal.h"
#include <tern/cmdline.h>
#include <tern/proc_fs.h>

struct proc_node sysfs_root = { .name = "/", .kind = PROC_DIR, .mode = 0555 };

/* /sys/class/tty/console/active: the console device, "ttyS0". */
static int console_active_show(struct proc_ctx *pc, struct proc_buf *b)
{
	const char *c = kernel_params.console ? kernel_params.console : "ttyS0";
	size_t n = 0;

	(void)pc;
	while (c[n] && c[n] != ',')	/* console=ttyS0,115200 */
		n++;
	proc_printf(b, "%.*s\n", (int)n, c);
	return 0;
}

/* The CPU lists of /sys/devices/system/cpu: Tern runs on CPU 0 only. */
static int cpu_list_show(struct proc_ctx *pc, struct proc_buf *b)
{
	(void)pc;
	proc_printf(b, "0\n");
	return 0;
}

static void add_file(const char *dir, const char *name, proc_show_t show)
{
	struct proc_node *d = proc_mkdir_path_in(&sysfs_root, dir), *n;

	n = d ? proc_add(d, name, PROC_FILE, 0444) : NULL;
	if (n)
		n->show = show;
}

void sysfs_tree_init(void)
{
	static const char *const dirs[] = {
		"block", "bus", "class", "dev", "devices", "firmware", "fs",
		"kernel", "module", "power",
	};

	sysfs_root.index = proc_new_index();
	for (unsigned int i = 0; i < ARRAY_SIZE(dirs); i++)
		proc_mkdir_path_in(&sysfs_root, dirs[i]);
	add_file("class/tty/console", "active", console_active_show);
	add_file("devices/system/cpu", "online", cpu_list_show);
	add_file("devices/system/cpu", "possible", cpu_list_show);
	add_file("devices/system/cpu", "present", cpu_list_show);
}
