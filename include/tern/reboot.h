/* Ending the machine (arch/x86_64/reboot.c). */
#ifndef TERN_REBOOT_H
#define TERN_REBOOT_H

#include <tern/kernel.h>

/* Under QEMU: exit with a success (0x10) or failure status; else halt. */
__noreturn void machine_exit(bool success);

#endif
