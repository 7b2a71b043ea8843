/*
 * Boot-time setup of the file-side services that are not the VFS core:
 * pipes, the memory devices, the serial tty, devtmpfs and procfs.
 * devices_init() is called once after vfs_init(), before init runs.
 *
 * Device numbers follow Linux's devices.txt: mem 1:3 null, 1:5 zero,
 * 1:7 full, 1:8 random, 1:9 urandom; tty 4:64 ttyS0, 5:0 tty,
 * 5:1 console; rtc0 253:0 (Linux's rtc major is dynamic, 253 a usual one).
 */
#ifndef TERN_DEVICES_H
#define TERN_DEVICES_H

#define MEM_MAJOR		1
#define TTY_MAJOR		4
#define TTYAUX_MAJOR		5
#define RTC_MAJOR		253

int devices_init(void);

/* drivers/char/mem.c */
int mem_devices_init(void);
/* drivers/rtc.c: /dev/rtc0 */
int rtc_dev_init(void);
/* fs/devtmpfs.c: registers the "devtmpfs" file system type. */
int devtmpfs_init(void);

#endif
