/*
 * kmain: the order in which Tern comes up.  Each step relies only on the
 * ones before it:
 *
 *   descriptors (GDT/TSS/IDT: faults get reported from here on)
 *   console (serial) and the command line
 *   CPU features (NX, SMEP, SMAP), boot information, memory map
 *   page allocator, kernel page tables, (kmalloc is ready from here)
 *   TSC clock, local APIC, ACPI MADT and I/O APIC, tick; scheduler;
 *   serial input interrupt; RTC; random; PCI; the network stack and
 *   its devices (virtio-net)
 *   then either the self-tests (test=) or the normal boot threads, and
 *   the boot context becomes the idle task.
 */
#include <asm/cpu.h>
#include <asm/desc.h>
#include <asm/pgtable.h>
#include <tern/acpi.h>
#include <tern/bootinfo.h>
#include <tern/cmdline.h>
#include <tern/init.h>
#include <tern/ioapic.h>
#include <tern/ipc.h>
#include <tern/irq.h>
#include <tern/lapic.h>
#include <tern/mm.h>
#include <tern/net_bh.h>
#include <tern/panic.h>
#include <tern/pci.h>
#include <tern/printk.h>
#include <tern/random.h>
#include <tern/sched.h>
#include <tern/selftest.h>
#include <tern/serial.h>
#include <tern/slab.h>
#include <tern/socket.h>
#include <tern/syscalls.h>
#include <tern/time.h>
#include <tern/vdso.h>
#include <tern/virtio_net.h>
#include <tern/workqueue.h>

#define TERN_VERSION "0.1"

bool uptime_reported;
u64 uptime_report_ns;
DECLARE_WAIT_QUEUE_HEAD(uptime_wq);

__noreturn void kmain(u32 magic, u32 info);

static void print_memory_map(void)
{
	pr_info("boot: multiboot%d from %s\n", boot_info.protocol,
		boot_info.loader[0] ? boot_info.loader : "an unnamed loader");
	pr_info("command line: %s\n", boot_info.cmdline);
	pr_info("memory map:\n");
	for (int i = 0; i < boot_info.nr_mmap; i++) {
		const struct mem_region *r = &boot_info.mmap[i];
		pr_info("  [mem 0x%012lx-0x%012lx] %s\n", (unsigned long)r->base,
			(unsigned long)(r->base + r->len - 1), mem_type_name(r->type));
	}
}

/* The modules (the initramfs) stay where the loader put them, reserved by
 * the page allocator, until start_init_process unpacks and frees them. */
static void report_modules(void)
{
	for (int i = 0; i < boot_info.nr_mods; i++) {
		const struct boot_module *m = &boot_info.mods[i];
		pr_info("initramfs: module %d at 0x%lx-0x%lx, %lu bytes%s%s\n", i,
			(unsigned long)m->start, (unsigned long)m->end,
			(unsigned long)(m->end - m->start), m->cmdline[0] ? ", " : "",
			m->cmdline);
	}
	if (!boot_info.nr_mods)
		pr_info("initramfs: no module given\n");
}

/* Prints one line from a timer-driven sleep: proof the tick, the clock,
 * the scheduler and the wall clock all work. */
static int uptime_thread(void *arg)
{
	(void)arg;
	msleep(UPTIME_REPORT_MS);
	u64 ns = ktime_get_ns();
	struct rtc_time tm;
	time_to_tm(ktime_get_real_ns() / NSEC_PER_SEC, &tm);
	pr_info("uptime: %lu.%03lu s, %lu ticks, %lu pages free, %04d-%02d-%02d %02d:%02d:%02d UTC\n",
		(unsigned long)(ns / NSEC_PER_SEC), (unsigned long)(ns % NSEC_PER_SEC / NSEC_PER_MSEC),
		(unsigned long)jiffies, (unsigned long)nr_free_pages(),
		tm.year, tm.month, tm.day, tm.hour, tm.min, tm.sec);
	uptime_report_ns = ns;
	uptime_reported = true;
	wake_up_all(&uptime_wq);
	return 0;
}

__noreturn void kmain(u32 magic, u32 info)
{
	time_early_init();
	gdt_init();
	idt_init();
	serial_init();
	pr_info("Tern " TERN_VERSION " (x86_64): a kernel that speaks Linux\n");

	multiboot_parse(magic, info);
	cmdline_parse(boot_info.cmdline);
	cpu_init();
	syscall_init();
	print_memory_map();
	page_alloc_init();
	paging_init();
	kmalloc_init();
	vdso_init();
	report_modules();

	irq_init();
	tsc_init();
	lapic_init();
	acpi_init();
	ioapic_init();
	sched_init();
	timer_start();
	workqueue_init();
	local_irq_enable();
	serial_irq_init();
	rtc_init();
	random_init();
	pci_init();
	net_bh_init();
	virtio_net_init();
	socket_init();
	ipc_init();

	if (!kthread_create(uptime_thread, NULL, "uptime"))
		panic("cannot start the uptime thread");
	pr_info("init: %s, console %s\n", kernel_params.init, kernel_params.console);
	if (kernel_params.test)
		selftest_start(kernel_params.test);
	else
		start_init_process();
	cpu_idle();
}
