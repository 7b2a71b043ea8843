/*
 * The system-call table: Linux x86_64 number -> handler, one line each,
 * designated initializers in number order.  Empty slots are -ENOSYS
 * (kernel/syscall.c).  docs/syscalls.md is generated from the lines
 * below by kernel/mksyscalldoc.sh: keep the `[__NR_x] = SYSCALL(sys_y),`
 * form.
 */
#include <tern/syscalls.h>

const syscall_fn_t sys_call_table[NR_SYSCALLS] = {
	/* (handlers arrive with the process code) */
};
