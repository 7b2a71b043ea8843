/*
 * devices_init(): the file-side services, in dependency order (the
 * device table before the file system that names the devices).
 */
#include <tern/devices.h>
#include <tern/pipe.h>
#include <tern/printk.h>
#include <tern/proc_fs.h>
#include <tern/tty.h>

int devices_init(void)
{
	static bool done;
	static const struct {
		const char *what;
		int (*fn)(void);
	} steps[] = {
		{ "pipefs", pipe_init },
		{ "mem devices", mem_devices_init },
		{ "tty", tty_init },
		{ "rtc", rtc_dev_init },
		{ "devtmpfs", devtmpfs_init },
		{ "procfs", proc_init },
	};

	if (done)
		return 0;	/* once (the self-tests may have run it) */
	done = true;
	for (unsigned int i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		int err = steps[i].fn();

		if (err) {
			pr_err("devices: %s: error %d\n", steps[i].what, err);
			return err;
		}
	}
	return 0;
}
