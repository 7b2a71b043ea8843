/*
 * /proc/stat, /proc/uptime, /proc/loadavg, /proc/interrupts (proc(5)).
 *
 * CPU time: user and system are what the processes (and their reaped
 * children) have used; idle is the rest of the time since boot.
 * linux-compat: the kernel's own threads and interrupts are not
 * counted, and "processes" is the highest pid handed out so far (pids
 * are not reused before that number wraps).
 *
 * The load average is kernel/loadavg.c's, sampled by the timer tick.
 *
 * /proc/interrupts has Linux's layout for one CPU: a device line per
 * vector in use ("vector: count  name") and the architecture's lines
 * with Linux's labels, LOC for the local APIC timer and SPU for
 * spurious interrupts.  linux-compat: device lines are numbered by CPU
 * vector, not by Linux's IRQ number, and name no interrupt chip.
 */
#include "internal.h"
#include <asm/desc.h>
#include <tern/irq.h>
#include <tern/loadavg.h>
#include <tern/process.h>
#include <tern/sched.h>
#include <tern/spinlock.h>
#include <tern/time.h>
#include <uapi/time.h>		/* USER_HZ */

#define NS_PER_TICK	(1000000000ull / USER_HZ)

struct totals {
	u64 user_ns, sys_ns;
	int running, blocked, total, threads, last_pid;
};

static void add_one(const struct proc_info *in, void *arg)
{
	struct totals *t = arg;

	t->user_ns += in->utime_ns + in->cutime_ns;
	t->sys_ns += in->stime_ns + in->cstime_ns;
	t->running += in->state == 'R';
	t->blocked += in->state == 'D';
	t->total++;
	t->threads += in->nr_threads;
	if (in->pid > t->last_pid)
		t->last_pid = in->pid;
}

static void totals(struct totals *t)
{
	memset(t, 0, sizeof(*t));
	proc_for_each_info(add_one, t);
}

/* Time used by processes (user, system) and the idle rest, since boot. */
static void user_sys(const struct totals *t, u64 *user, u64 *sys, u64 *idle)
{
	u64 up = ktime_get_ns();

	*user = t->user_ns;
	*sys = t->sys_ns;
	*idle = up > t->user_ns + t->sys_ns ? up - t->user_ns - t->sys_ns : 0;
}

static int stat_show(struct proc_ctx *pc, struct proc_buf *b)
{
	struct totals t;
	u64 user, sys, idle;
	u64 btime = (ktime_get_real_ns() - ktime_get_ns()) / 1000000000ull;

	(void)pc;
	totals(&t);
	user_sys(&t, &user, &sys, &idle);
	for (int cpu = -1; cpu < 1; cpu++) {
		if (cpu < 0)
			proc_printf(b, "cpu ");
		else
			proc_printf(b, "cpu%d", cpu);
		proc_printf(b, " %lu 0 %lu %lu 0 0 0 0 0 0\n",
			    (unsigned long)(user / NS_PER_TICK),
			    (unsigned long)(sys / NS_PER_TICK),
			    (unsigned long)(idle / NS_PER_TICK));
	}
	proc_printf(b, "ctxt %lu\nbtime %lu\nprocesses %d\nprocs_running %d\n"
		    "procs_blocked %d\n",
		    (unsigned long)nr_context_switches, (unsigned long)btime,
		    t.last_pid, t.running, t.blocked);
	return 0;
}

static int uptime_show(struct proc_ctx *pc, struct proc_buf *b)
{
	u64 up = ktime_get_ns(), user, sys, idle;
	struct totals t;

	(void)pc;
	totals(&t);
	user_sys(&t, &user, &sys, &idle);
	proc_printf(b, "%lu.%02lu %lu.%02lu\n",
		    (unsigned long)(up / 1000000000ull),
		    (unsigned long)(up / 10000000ull % 100),
		    (unsigned long)(idle / 1000000000ull),
		    (unsigned long)(idle / 10000000ull % 100));
	return 0;
}

static int loadavg_show(struct proc_ctx *pc, struct proc_buf *b)
{
	struct totals t;
	unsigned long a[3];

	(void)pc;
	totals(&t);
	get_avenrun(a, 0);
	for (int k = 0; k < 3; k++) {
		unsigned long v = a[k] + FIXED_1 / 200;

		proc_printf(b, "%lu.%02lu ", v >> FSHIFT, ((v & (FIXED_1 - 1)) * 100) >> FSHIFT);
	}
	proc_printf(b, "%d/%d %d\n", t.running, t.threads, t.last_pid);
	return 0;
}

static void irq_line(int vector, const char *name, u64 count, void *arg)
{
	struct proc_buf *b = arg;

	if (vector == VEC_LAPIC_TIMER || vector == VEC_SPURIOUS)
		return;		/* the LOC and SPU lines */
	proc_printf(b, "%3d: %10lu   %s\n", vector, (unsigned long)count, name ? name : "");
}

static int interrupts_show(struct proc_ctx *pc, struct proc_buf *b)
{
	(void)pc;
	proc_printf(b, "%11sCPU0       \n", "");
	irq_for_each(irq_line, b);
	proc_printf(b, "LOC: %10lu   Local timer interrupts\n",
		    (unsigned long)READ_ONCE(irq_count[VEC_LAPIC_TIMER]));
	proc_printf(b, "SPU: %10lu   Spurious interrupts\n",
		    (unsigned long)READ_ONCE(irq_count[VEC_SPURIOUS]));
	return 0;
}

void proc_stat_init(void)
{
	proc_create("", "interrupts", 0444, interrupts_show);
	proc_create("", "stat", 0444, stat_show);
	proc_create("", "uptime", 0444, uptime_show);
	proc_create("", "loadavg", 0444, loadavg_show);
}
