/*
 * Boot milestones and services seen from the outside:
 *   boot    - the timer-driven uptime line gets printed (tick, clock,
 *             a kernel thread sleeping on a timer, a wait queue wake-up)
 *   printk  - the log ring buffer holds what was printed, in order,
 *             with timestamps (what dmesg will read)
 *   module  - boot modules were recorded, are readable and reserved in
 *             the page allocator
 *   pci     - enumeration found a host bridge; any virtio-net has a BAR
 */
#include <tern/bootinfo.h>
#include <tern/init.h>
#include <tern/mm.h>
#include <tern/pci.h>
#include <tern/printk.h>
#include <tern/selftest.h>
#include <tern/spinlock.h>
#include <tern/string.h>
#include <tern/time.h>

static int test_boot(void)
{
	if (!wait_event_timeout(uptime_wq, uptime_reported, 5 * NSEC_PER_SEC)) {
		pr_err("boot: no uptime line within 5 s\n");
		return -1;
	}
	/* Its thread sleeps UPTIME_REPORT_MS from its start in early boot: a
	 * line seconds later means a runnable thread or a timer waited for
	 * something else to wake the CPU (a lost wake-up of the idle loop). */
	if (uptime_report_ns > 3 * NSEC_PER_SEC) {
		pr_err("boot: the uptime line came at %lu ms, after a %d ms sleep\n",
		       (unsigned long)(uptime_report_ns / NSEC_PER_MSEC), UPTIME_REPORT_MS);
		return -1;
	}
	return 0;
}
SELFTEST(boot, test_boot, true);

static char logbuf[4096];

static int test_printk(void)
{
	u64 start = log_next_pos();
	u64 stamp = ktime_get_ns();

	printk("printk probe %lu one\n", (unsigned long)stamp);
	printk(KERN_DEBUG "printk probe %lu two (below the console level)\n", (unsigned long)stamp);
	u64 pos = start;
	size_t n = log_read(logbuf, sizeof(logbuf) - 1, &pos);
	logbuf[n] = '\0';
	char want1[64], want2[64];
	snprintf(want1, sizeof(want1), "] printk probe %lu one\n", (unsigned long)stamp);
	snprintf(want2, sizeof(want2), "] printk probe %lu two", (unsigned long)stamp);
	const char *a = NULL, *b = NULL;
	for (const char *p = logbuf; *p; p++) {
		if (!a && !strncmp(p, want1, strlen(want1)))
			a = p;
		if (!b && !strncmp(p, want2, strlen(want2)))
			b = p;
	}
	if (!a || !b || b < a || logbuf[0] != '[') {
		pr_err("printk: the ring buffer lost or reordered lines\n");
		return -1;
	}
	if (log_first_pos() > start || pos != log_next_pos()) {
		pr_err("printk: ring buffer positions inconsistent\n");
		return -1;
	}
	return 0;
}
SELFTEST(printk, test_printk, true);

static int test_module_body(void);

/* No other thread runs meanwhile: page counts stay exact. */
static int test_module(void)
{
	preempt_disable();
	int rc = test_module_body();
	preempt_enable();
	return rc;
}

static int test_module_body(void)
{
	if (!boot_info.nr_mods) {
		pr_err("module: the loader gave no module\n");
		return -1;
	}
	for (int i = 0; i < boot_info.nr_mods; i++) {
		const struct boot_module *m = &boot_info.mods[i];
		const u8 *data = phys_to_virt(m->start);
		char head[9];
		for (int j = 0; j < 8; j++)
			head[j] = (m->end - m->start > (u64)j && data[j] >= 32 && data[j] < 127) ? data[j] : '.';
		head[8] = '\0';
		pr_info("module: %d: %lu bytes, starts \"%s\"\n", i,
			(unsigned long)(m->end - m->start), head);
	}
	/* Drain the allocator and check no page inside a module comes out. */
	phys_addr_t head = 0;
	int clash = 0;
	for (phys_addr_t p; (p = alloc_pages(0));) {
		for (int i = 0; i < boot_info.nr_mods; i++)
			if (p + PAGE_SIZE > boot_info.mods[i].start && p < boot_info.mods[i].end)
				clash++;
		*(phys_addr_t *)phys_to_virt(p) = head;
		head = p;
	}
	while (head) {
		phys_addr_t next = *(phys_addr_t *)phys_to_virt(head);
		free_pages(head, 0);
		head = next;
	}
	if (clash) {
		pr_err("module: %d module pages were handed out by the allocator\n", clash);
		return -1;
	}
	return 0;
}
SELFTEST(module, test_module, false);

static int test_pci(void)
{
	struct pci_dev *d;
	bool host = false;

	list_for_each_entry(d, &pci_devices, list)
		if (d->class == 0x06 && d->subclass == 0x00)
			host = true;
	if (!host) {
		pr_err("pci: no host bridge found\n");
		return -1;
	}
	for (u16 id = 0x1000; id <= 0x1041; id += 0x41) {
		for (d = pci_find_device(0x1af4, id, NULL); d; d = pci_find_device(0x1af4, id, d)) {
			bool bar = false;
			for (int i = 0; i < 6; i++)
				bar |= d->bar[i].size != 0;
			pr_info("pci: virtio-net %02x:%02x.%x (1af4:%04x)%s\n", d->bus, d->dev,
				d->fn, id, bar ? "" : " without BARs");
			if (!bar)
				return -1;
		}
	}
	return 0;
}
SELFTEST(pci, test_pci, true);
