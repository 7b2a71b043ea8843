/* Symbolized backtraces (arch/x86_64/stacktrace.c). */
#ifndef TERN_STACKTRACE_H
#define TERN_STACKTRACE_H

#include <tern/kallsyms.h>

struct pt_regs;
/* Prints rip, then the frame-pointer chain starting at rbp. */
void print_backtrace(u64 rip, u64 rbp);
/* Backtrace of the caller. */
void dump_stack(void);
void show_regs(const struct pt_regs *regs);

#endif
