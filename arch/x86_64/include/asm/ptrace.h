/*
 * The register frame an interrupt, exception (and later a syscall) saves
 * on the kernel stack.  Order matches arch/x86_64/entry.S: general
 * registers pushed by the stub, then vector and error code, then what
 * the CPU pushes (rip, cs, rflags, rsp, ss).
 */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#include <tern/types.h>

struct pt_regs {
	u64 r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	u64 rax, rcx, rdx, rsi, rdi;
	u64 vector;
	u64 error_code;
	u64 rip, cs, rflags, rsp, ss;
};

static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) != 0;
}

#endif
