/* Interrupt handler registration (arch/x86_64/irq.c). */
#ifndef TERN_IRQ_H
#define TERN_IRQ_H

#include <tern/types.h>

struct pt_regs;
typedef void (*irq_handler_t)(struct pt_regs *regs, void *data);

void irq_init(void);
/* Installs handler for vector (>= 32); returns 0 or -1 if taken. */
int irq_register(int vector, irq_handler_t handler, void *data);
void irq_dispatch(struct pt_regs *regs);
/* C side of every interrupt and exception stub (entry.S). */
void interrupt_dispatch(struct pt_regs *regs);
/* Interrupts seen per vector (for /proc/interrupts later, and tests). */
extern u64 irq_count[256];

#endif
