/*
 * SysV IPC in /proc: /proc/sysvipc/{sem,msg,shm} (proc(5), one line per
 * object under a header, as Linux's) and the limits in /proc/sys/kernel
 * (sem, msgmax, msgmnb, msgmni, shmmax, shmall, shmmni), which root may
 * change as on Linux.
 */
#include <tern/ipc.h>
#include <tern/proc_fs.h>
#include "ipc.h"

static int sem_show(struct proc_ctx *pc, struct proc_buf *b)
{
	(void)pc;
	return sysvipc_sem_show(b);
}

void ipc_init(void)
{
	proc_create("sysvipc", "sem", 0444, sem_show);
	proc_sysctl_intvec("sys/kernel", "sem", 0644, &sem_ctl_vec);
}
