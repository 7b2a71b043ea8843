/*
 * Signals: numbers, sigaction, siginfo, sigaltstack and the x86_64
 * signal frame's ucontext (signal(7), sigaction(2), Linux's
 * arch/x86/include/uapi/asm/sigcontext.h layouts).
 */
#ifndef UAPI_SIGNAL_H
#define UAPI_SIGNAL_H

#include <uapi/types.h>

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31
#define SIGRTMIN	32
#define SIGRTMAX	64
#define _NSIG		64

/* The kernel's sigset_t: one bit per signal, bit (sig - 1). */
typedef u64 sigset_t;
#define sigmask(sig)	(1ull << ((sig) - 1))

#define SIG_DFL		((u64)0)
#define SIG_IGN		((u64)1)

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

#define SA_NOCLDSTOP	0x00000001u
#define SA_NOCLDWAIT	0x00000002u
#define SA_SIGINFO	0x00000004u
#define SA_UNSUPPORTED	0x00000400u
#define SA_EXPOSE_TAGBITS 0x00000800u
#define SA_RESTORER	0x04000000u
#define SA_ONSTACK	0x08000000u
#define SA_RESTART	0x10000000u
#define SA_NODEFER	0x40000000u
#define SA_RESETHAND	0x80000000u

/* rt_sigaction's struct (the kernel's, not libc's). */
struct k_sigaction {
	u64 handler;
	u64 flags;
	u64 restorer;
	sigset_t mask;
};
_Static_assert(sizeof(struct k_sigaction) == 32, "k_sigaction layout");

/* sigaltstack(2). */
typedef struct {
	u64 ss_sp;
	s32 ss_flags;
	u32 __pad;
	u64 ss_size;
} stack_t;
_Static_assert(sizeof(stack_t) == 24, "stack_t layout");
#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1u << 31)
#define MINSIGSTKSZ	2048

/* si_code values (siginfo.h). */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_QUEUE	(-1)
#define SI_TIMER	(-2)
#define SI_TKILL	(-6)
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRERR	2
#define ILL_ILLOPN	2
#define FPE_INTDIV	1
#define TRAP_BRKPT	1
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_TRAPPED	4
#define CLD_STOPPED	5
#define CLD_CONTINUED	6
#define POLL_IN		1	/* SIGPOLL / SIGIO */
#define POLL_OUT	2
#define POLL_MSG	3
#define POLL_ERR	4
#define POLL_PRI	5
#define POLL_HUP	6

/* siginfo_t: 128 bytes; the union starts at offset 16. */
typedef struct {
	s32 si_signo;
	s32 si_errno;
	s32 si_code;
	s32 __pad0;
	union {
		u8 __pad[112];
		struct {		/* kill, tkill, sigqueue */
			s32 pid;
			u32 uid;
			u64 value;
		} kill;
		struct {		/* POSIX timers, setitimer */
			s32 tid;
			s32 overrun;
			u64 value;
		} timer;
		struct {		/* SIGCHLD */
			s32 pid;
			u32 uid;
			s32 status;
			s32 __pad;
			s64 utime;
			s64 stime;
		} chld;
		struct {		/* SIGSEGV, SIGBUS, SIGILL, SIGFPE */
			u64 addr;
		} fault;
		struct {		/* SIGIO, SIGPOLL (fs/fasync.c) */
			s64 band;
			s32 fd;
		} poll;
	};
} siginfo_t;
_Static_assert(sizeof(siginfo_t) == 128, "siginfo layout");
_Static_assert(__builtin_offsetof(siginfo_t, chld.status) == 24, "si_status");
_Static_assert(__builtin_offsetof(siginfo_t, chld.utime) == 32, "si_utime");

/* struct sigcontext (x86_64): what uc_mcontext holds. */
struct sigcontext {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2;
	u64 fpstate;		/* user pointer to a struct fxsave_state */
	u64 reserved1[8];
};
_Static_assert(sizeof(struct sigcontext) == 256, "sigcontext layout");

#define UC_FP_XSTATE		0x1
#define UC_SIGCONTEXT_SS	0x2
#define UC_STRICT_RESTORE_SS	0x4

struct ucontext {
	u64 uc_flags;
	u64 uc_link;
	stack_t uc_stack;
	struct sigcontext uc_mcontext;
	sigset_t uc_sigmask;
};
_Static_assert(__builtin_offsetof(struct ucontext, uc_mcontext) == 40, "ucontext layout");
_Static_assert(sizeof(struct ucontext) == 304, "ucontext size");

/* The legacy FXSAVE image (Intel SDM vol. 1 §10.5.1), 512 bytes. */
struct fxsave_state {
	u16 cwd, swd, twd, fop;
	u64 rip, rdp;
	u32 mxcsr, mxcsr_mask;
	u32 st_space[32];
	u32 xmm_space[64];
	u32 padding[12];
	u32 sw_reserved[12];	/* zero: no xstate extension */
} __attribute__((aligned(16)));
_Static_assert(sizeof(struct fxsave_state) == 512, "fxsave layout");

#endif
