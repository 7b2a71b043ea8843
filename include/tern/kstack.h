/* Kernel stacks with guard pages (mm/kstack.c). */
#ifndef TERN_KSTACK_H
#define TERN_KSTACK_H

#include <tern/types.h>

/* THREAD_SIZE bytes of stack (lowest address returned), guard below;
 * NULL when out of memory or slots. */
void *kstack_alloc(void);
void kstack_free(void *stack);
/* Is addr in the guard area below some kernel stack? */
bool kstack_guard_hit(u64 addr);

#endif
