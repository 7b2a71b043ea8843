/*
 * Device interrupt routing: the MADT was found (on QEMU's PC machine it
 * always exists) and a real device interrupt travels UART -> ISA IRQ 4
 * -> I/O APIC -> LAPIC -> our handler -> a wait-queue wake-up.  The
 * UART's transmitter-empty interrupt is the one we can cause at will.
 */
#include <tern/acpi.h>
#include <tern/printk.h>
#include <tern/selftest.h>
#include <tern/serial.h>
#include <tern/time.h>
#include <tern/wait.h>

static int test_ioapic(void)
{
	if (!acpi_info.found) {
		pr_err("ioapic: no MADT found\n");
		return -1;
	}
	for (int round = 0; round < 3; round++) {
		u64 before = serial_tx_irqs;
		serial_tx_kick();
		if (!wait_event_timeout(serial_tx_wq, serial_tx_irqs > before, NSEC_PER_SEC)) {
			pr_err("ioapic: no UART interrupt within 1 s (round %d)\n", round);
			return -1;
		}
	}
	pr_info("ioapic: %lu UART interrupts delivered\n", (unsigned long)serial_tx_irqs);
	return 0;
}
SELFTEST(ioapic, test_ioapic, true);
