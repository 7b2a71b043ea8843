/* Ending the machine (arch/x86_64/reboot.c). */
#ifndef TERN_REBOOT_H
#define TERN_REBOOT_H

#include <tern/kernel.h>

/* Under QEMU: exit with a success (0x10) or failure status; else halt. */
__noreturn void machine_exit(bool success);
/* reboot(2): RESTART resets the machine, HALT stops the CPU. */
__noreturn void machine_restart(void);
__noreturn void machine_halt(void);

#endif
