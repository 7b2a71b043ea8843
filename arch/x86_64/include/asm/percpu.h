/*
 * Per-CPU data reached through the kernel's GS base (one CPU today).
 * SYSCALL does not switch stacks: the entry code swaps to the kernel GS
 * base, parks the user rsp in `user_rsp` and loads `kernel_rsp` (the
 * running task's kernel stack top, kept equal to TSS.rsp0).
 */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

#define PERCPU_SELF		0
#define PERCPU_KERNEL_RSP	8
#define PERCPU_USER_RSP		16

#ifndef __ASSEMBLY__
#include <tern/types.h>

struct percpu {
	u64 self;
	u64 kernel_rsp;
	u64 user_rsp;
};
_Static_assert(__builtin_offsetof(struct percpu, kernel_rsp) == PERCPU_KERNEL_RSP, "percpu");
_Static_assert(__builtin_offsetof(struct percpu, user_rsp) == PERCPU_USER_RSP, "percpu");

extern struct percpu cpu0_percpu;
#endif

#endif
