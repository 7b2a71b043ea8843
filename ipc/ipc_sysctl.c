/*
 * SysV IPC in /proc: /proc/sysvipc/{sem,msg,shm} (proc(5), one line per
 * object under a header, as Linux's) and the limits in /proc/sys/kernel
 * (sem, msgmax, msgmnb, msgmni, shmmax, shmall, shmmni), which root may
 * change as on Linux.  A changed limit applies to later calls.
 */
#include <tern/errno.h>
#include <tern/ipc.h>
#include <tern/kernel.h>
#include <tern/proc_fs.h>
#include <tern/string.h>
#include "ipc.h"

struct sysvipc_file {
	const char *name;
	int (*show)(struct proc_buf *b);
};

static const struct sysvipc_file sysvipc_files[] = {
	{ "sem", sysvipc_sem_show },
	{ "msg", sysvipc_msg_show },
	{ "shm", sysvipc_shm_show },
};

static int sysvipc_show(struct proc_ctx *pc, struct proc_buf *b)
{
	return ((const struct sysvipc_file *)pc->data)->show(b);
}

/* A one-value limit: an int or an unsigned long, 0..max. */
struct ipc_ctl {
	const char *name;
	int *ival;
	unsigned long *lval;
	unsigned long max;
};

static const struct ipc_ctl ipc_ctls[] = {
	{ "msgmax", &msg_ctlmax, NULL, 0x7fffffff },
	{ "msgmnb", &msg_ctlmnb, NULL, 0x7fffffff },
	{ "msgmni", &msg_ctlmni, NULL, IPCMNI },
	{ "shmmax", NULL, &shm_ctlmax, ~0ul },
	{ "shmall", NULL, &shm_ctlall, ~0ul },
	{ "shmmni", &shm_ctlmni, NULL, IPCMNI },
};

static int ipc_ctl_show(struct proc_ctx *pc, struct proc_buf *b)
{
	const struct ipc_ctl *c = pc->data;

	if (c->ival)
		proc_printf(b, "%d\n", *c->ival);
	else
		proc_printf(b, "%lu\n", *c->lval);
	return 0;
}

/* One number (decimal, 0x hex or 0 octal), blanks around it. */
static ssize_t ipc_ctl_write(struct proc_ctx *pc, const char *buf, size_t n)
{
	const struct ipc_ctl *c = pc->data;
	char text[32], *end;
	size_t i = 0;

	while (i < n && (buf[i] == ' ' || buf[i] == '\t'))
		i++;
	if (i == n || n - i >= sizeof(text) || buf[i] < '0' || buf[i] > '9')
		return -EINVAL;
	memcpy(text, buf + i, n - i);
	text[n - i] = 0;
	unsigned long v = strtoul(text, &end, 0);
	if (end == text || v > c->max)
		return -EINVAL;
	while (*end == ' ' || *end == '\t' || *end == '\n')
		end++;
	if (*end)
		return -EINVAL;
	if (c->ival)
		*c->ival = (int)v;
	else
		*c->lval = v;
	return (ssize_t)n;
}

void ipc_init(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sysvipc_files); i++)
		proc_create_data("sysvipc", sysvipc_files[i].name, 0444, sysvipc_show,
				 &sysvipc_files[i]);
	proc_sysctl_intvec("sys/kernel", "sem", 0644, &sem_ctl_vec);
	for (i = 0; i < ARRAY_SIZE(ipc_ctls); i++)
		proc_sysctl_create("sys/kernel", ipc_ctls[i].name, 0644, ipc_ctl_show,
				   ipc_ctl_write, &ipc_ctls[i]);
}
