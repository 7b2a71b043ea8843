/* Between the files of ipc/: the /proc/sys/kernel tables each kind owns. */
#ifndef IPC_INTERNAL_H
#define IPC_INTERNAL_H

#include <tern/proc_fs.h>

extern const struct ctl_intvec sem_ctl_vec;
/* The single-value limits (/proc/sys/kernel/msgmax ...), plain stores. */
extern int msg_ctlmax, msg_ctlmnb, msg_ctlmni;
extern unsigned long shm_ctlmax, shm_ctlall;
extern int shm_ctlmni;

#endif
