/* Interrupt handler registration (arch/x86_64/irq.c). */
#ifndef TERN_IRQ_H
#define TERN_IRQ_H

#include <tern/types.h>

struct pt_regs;
typedef void (*irq_handler_t)(struct pt_regs *regs, void *data);

void irq_init(void);
/* Installs handler for vector (>= 32); returns 0 or -1 if taken.  The
 * name is what /proc/interrupts shows. */
int irq_register(int vector, irq_handler_t handler, void *data, const char *name);
void irq_dispatch(struct pt_regs *regs);
/* C side of every interrupt and exception stub (entry.S). */
void interrupt_dispatch(struct pt_regs *regs);
/* Interrupts seen per vector (/proc/interrupts, tests). */
extern u64 irq_count[256];
/* Each registered vector's name and count, in vector order. */
void irq_for_each(void (*fn)(int vector, const char *name, u64 count, void *arg), void *arg);

#endif
