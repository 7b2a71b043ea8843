/*
 * panic(): the kernel cannot go on.  Print the reason and a backtrace,
 * then end the machine with a failure status (machine_exit), so a test
 * run fails loudly instead of hanging.
 */
#include <stdarg.h>
#include <asm/cpu.h>
#include <tern/panic.h>
#include <tern/printk.h>
#include <tern/reboot.h>
#include <tern/spinlock.h>
#include <tern/stacktrace.h>

__noreturn void panic(const char *fmt, ...)
{
	static int panicking;
	char msg[256];
	va_list ap;

	local_irq_disable();
	printk_emergency_mode();
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (panicking++) {
		printk(KERN_EMERG "nested panic: %s\n", msg);
		machine_exit(false);
	}
	printk(KERN_EMERG "\nKernel panic: %s\n", msg);
	printk(KERN_EMERG "Call trace:\n");
	dump_stack();
	printk(KERN_EMERG "---[ end Kernel panic: %s ]---\n", msg);
	machine_exit(false);
}

__noreturn void spin_lockup(spinlock_t *l)
{
	panic("spinlock lockup: \"%s\" held and never released (deadlock?)",
	      l->name ? l->name : "?");
}
