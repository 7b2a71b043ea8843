/*
 * signalfd(2): flags and the 128-byte record read(2) returns per
 * signal, Linux x86_64 layout.  Fields that a signal does not use are
 * zero, and so is the padding.
 */
#ifndef TERN_UAPI_SIGNALFD_H
#define TERN_UAPI_SIGNALFD_H

#include <stddef.h>
#include <uapi/types.h>

#define SFD_CLOEXEC	02000000	/* O_CLOEXEC */
#define SFD_NONBLOCK	00004000	/* O_NONBLOCK */

struct signalfd_siginfo {
	u32 ssi_signo;
	s32 ssi_errno;
	s32 ssi_code;
	u32 ssi_pid;
	u32 ssi_uid;
	s32 ssi_fd;			/* SIGIO */
	u32 ssi_tid;			/* POSIX timers */
	u32 ssi_band;			/* SIGIO */
	u32 ssi_overrun;		/* POSIX timers */
	u32 ssi_trapno;
	s32 ssi_status;			/* SIGCHLD */
	s32 ssi_int;			/* sigqueue(3) */
	u64 ssi_ptr;			/* sigqueue(3) */
	u64 ssi_utime;			/* SIGCHLD */
	u64 ssi_stime;			/* SIGCHLD */
	u64 ssi_addr;			/* faults */
	u16 ssi_addr_lsb;
	u16 __pad2;
	s32 ssi_syscall;		/* SIGSYS */
	u64 ssi_call_addr;		/* SIGSYS */
	u32 ssi_arch;			/* SIGSYS */
	u8 __pad[28];
};
_Static_assert(offsetof(struct signalfd_siginfo, ssi_ptr) == 48, "ssi_ptr");
_Static_assert(offsetof(struct signalfd_siginfo, ssi_addr_lsb) == 80, "ssi_addr_lsb");
_Static_assert(offsetof(struct signalfd_siginfo, ssi_call_addr) == 88, "ssi_call_addr");
_Static_assert(offsetof(struct signalfd_siginfo, ssi_arch) == 96, "ssi_arch");
_Static_assert(sizeof(struct signalfd_siginfo) == 128, "signalfd_siginfo is 128 bytes");

#endif
