/*
 * System-call handlers and the table that maps Linux x86_64 numbers to
 * them (kernel/syscall_table.c).
 *
 * To add a system call: declare `long sys_NAME(...)` here (or in your
 * subsystem's header, included by syscall_table.c) with the argument
 * types of the Linux prototype, and add one line
 *     [__NR_NAME] = SYSCALL(sys_NAME),
 * to kernel/syscall_table.c.  docs/syscalls.md is regenerated from that
 * file by the build.  Handlers return a value or a negative errno; user
 * pointers are `void *`-like and only reach copy_{from,to}_user.
 * Up to six arguments arrive in rdi, rsi, rdx, r10, r8, r9; the table's
 * cast through a generic type is safe on x86_64 (each argument is a
 * full register; the callee reads the width it declares).
 */
#ifndef TERN_SYSCALLS_H
#define TERN_SYSCALLS_H

#include <tern/types.h>
#include <uapi/unistd.h>

typedef long (*syscall_fn_t)(u64, u64, u64, u64, u64, u64);
#define SYSCALL(fn)	((syscall_fn_t)(void (*)(void))(fn))

extern const syscall_fn_t sys_call_table[NR_SYSCALLS];
struct pt_regs;
long syscall_dispatch(u64 nr, struct pt_regs *regs);
/* The Linux name of a number (NULL if none). */
const char *syscall_name(u64 nr);
void syscall_init(void);
/* Boot: unpack the initramfs and start /init as pid 1. */
void start_init_process(void);
void exit_to_user_mode(struct pt_regs *regs);

/* The user register frame at the top of the current task's kernel stack. */
struct pt_regs *current_pt_regs(void);

/* ---- kernel/fork.c, kernel/exit.c, kernel/exec.c ---- */
long sys_fork(void);
long sys_vfork(void);
long sys_clone(unsigned long flags, unsigned long newsp, int *parent_tid,
	       int *child_tid, unsigned long tls);
long sys_execve(const char *path, const char *const *argv, const char *const *envp);
long sys_exit(int code);
long sys_exit_group(int code);
struct rusage;
long sys_wait4(int pid, int *status, int options, struct rusage *ru);
long sys_waitid(int which, int id, void *infop, int options, struct rusage *ru);
long sys_set_tid_address(int *tidptr);
long sys_arch_prctl(int code, unsigned long addr);

/* ---- kernel/sys.c: ids, credentials, limits, uname, reboot ---- */
long sys_getpid(void);
long sys_getppid(void);
long sys_gettid(void);
long sys_getpgid(int pid);
long sys_setpgid(int pid, int pgid);
long sys_getpgrp(void);
long sys_setsid(void);
long sys_getsid(int pid);
long sys_getuid(void);
long sys_geteuid(void);
long sys_getgid(void);
long sys_getegid(void);
long sys_setuid(u32 uid);
long sys_setgid(u32 gid);
long sys_setreuid(u32 ruid, u32 euid);
long sys_setregid(u32 rgid, u32 egid);
long sys_setresuid(u32 ruid, u32 euid, u32 suid);
long sys_setresgid(u32 rgid, u32 egid, u32 sgid);
long sys_getresuid(u32 *ruid, u32 *euid, u32 *suid);
long sys_getresgid(u32 *rgid, u32 *egid, u32 *sgid);
long sys_setfsuid(u32 uid);
long sys_setfsgid(u32 gid);
long sys_getgroups(int size, u32 *list);
long sys_setgroups(int size, const u32 *list);
long sys_capget(void *hdr, void *data);
long sys_capset(void *hdr, const void *data);
long sys_umask(int mask);
long sys_uname(void *buf);
long sys_sysinfo(void *info);
long sys_getrlimit(unsigned int res, void *rlim);
long sys_setrlimit(unsigned int res, const void *rlim);
long sys_prlimit64(int pid, unsigned int res, const void *new_rlim, void *old_rlim);
long sys_getrusage(int who, void *ru);
long sys_times(void *buf);
long sys_syslog(int type, char *buf, int len);
long sys_reboot(int magic1, int magic2, unsigned int cmd, void *arg);
long sys_prctl(int option, unsigned long a2, unsigned long a3, unsigned long a4,
	       unsigned long a5);
long sys_getrandom(void *buf, size_t len, unsigned int flags);
long sys_sched_yield(void);
long sys_sched_getaffinity(int pid, unsigned int len, void *mask);
long sys_sched_setaffinity(int pid, unsigned int len, const void *mask);
long sys_getpriority(int which, int who);
long sys_setpriority(int which, int who, int prio);
long sys_getcpu(unsigned int *cpu, unsigned int *node, void *cache);

/* ---- mm/mmap.c ---- */
long sys_brk(unsigned long brk);
long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, unsigned long fd, unsigned long off);
long sys_munmap(unsigned long addr, size_t len);
long sys_mprotect(unsigned long addr, size_t len, unsigned long prot);
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr);
long sys_msync(unsigned long addr, size_t len, int flags);
long sys_madvise(unsigned long addr, size_t len, int advice);
long sys_mincore(unsigned long addr, size_t len, unsigned char *vec);

/* ---- kernel/signal.c ---- */
long sys_rt_sigaction(int sig, const void *act, void *oact, size_t sigsetsize);
long sys_rt_sigprocmask(int how, const u64 *set, u64 *oset, size_t sigsetsize);
long sys_rt_sigreturn(void);
long sys_rt_sigpending(u64 *set, size_t sigsetsize);
long sys_rt_sigsuspend(const u64 *set, size_t sigsetsize);
long sys_rt_sigtimedwait(const u64 *set, void *info, const void *ts, size_t sigsetsize);
long sys_rt_sigqueueinfo(int pid, int sig, const void *info);
long sys_rt_tgsigqueueinfo(int tgid, int tid, int sig, const void *info);
long sys_sigaltstack(const void *ss, void *old);
long sys_kill(int pid, int sig);
long sys_tkill(int tid, int sig);
long sys_tgkill(int tgid, int tid, int sig);
long sys_pause(void);

/* ---- kernel/time.c (syscalls), kernel/itimer.c ---- */
long sys_nanosleep(const void *req, void *rem);
long sys_clock_nanosleep(int clock, int flags, const void *req, void *rem);
long sys_clock_gettime(int clock, void *tp);
long sys_clock_getres(int clock, void *tp);
long sys_clock_settime(int clock, const void *tp);
long sys_settimeofday(const void *tv, const void *tz);
long sys_gettimeofday(void *tv, void *tz);
long sys_time(long *t);
long sys_setitimer(int which, const void *value, void *ovalue);
long sys_getitimer(int which, void *value);
long sys_alarm(unsigned int seconds);
long sys_restart_syscall(void);
long sys_timer_create(int clock, const void *sev, int *timerid);
long sys_timer_settime(int id, int flags, const void *new_value, void *old_value);
long sys_timer_gettime(int id, void *cur);
long sys_timer_getoverrun(int id);
long sys_timer_delete(int id);

/* ---- kernel/futex.c ---- */
long sys_futex(u32 *uaddr, int op, u32 val, const void *utime, u32 *uaddr2,
	       u32 val3);
long sys_set_robust_list(void *head, size_t len);
long sys_get_robust_list(int pid, void *head, size_t *len);

#endif
