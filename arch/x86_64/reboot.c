/*
 * Stopping the machine.  Under QEMU the isa-debug-exit device
 * (tools/qemu-run puts it at port 0xf4) ends the emulator with status
 * (value << 1) | 1: we write 0x10 for success (status 33), 0x01 for
 * failure.  On a machine without it we halt with interrupts off.
 */
#include <asm/cpu.h>
#include <asm/io.h>
#include <tern/reboot.h>
#include <tern/serial.h>

#define DEBUG_EXIT_PORT		0xf4
#define DEBUG_EXIT_SUCCESS	0x10
#define DEBUG_EXIT_FAILURE	0x01

__noreturn void machine_exit(bool success)
{
	local_irq_disable();
	serial_flush();
	outb(DEBUG_EXIT_PORT, success ? DEBUG_EXIT_SUCCESS : DEBUG_EXIT_FAILURE);
	for (;;)
		__asm__ __volatile__("hlt");
}

/* Reset through the keyboard controller's pulse-reset command (0xfe);
 * a triple fault if that does nothing. */
__noreturn void machine_restart(void)
{
	local_irq_disable();
	serial_flush();
	outb(0x64, 0xfe);
	for (int i = 0; i < 1000000; i++)
		cpu_relax();
	struct {
		u16 limit;
		u64 base;
	} __attribute__((packed)) empty = { 0, 0 };
	__asm__ __volatile__("lidt %0\n\tint3" : : "m"(empty));
	for (;;)
		__asm__ __volatile__("hlt");
}

__noreturn void machine_halt(void)
{
	local_irq_disable();
	serial_flush();
	for (;;)
		__asm__ __volatile__("hlt");
}
