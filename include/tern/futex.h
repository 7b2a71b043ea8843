/* Futexes (kernel/futex.c): futex(2) and the exit path's wake-up. */
#ifndef TERN_FUTEX_H
#define TERN_FUTEX_H

#include <tern/types.h>

/* Wake up to n waiters on a private futex of the current mm. */
int futex_wake_addr(u32 *uaddr, int n);
/* Thread exit: mark the robust futexes it holds OWNER_DIED and wake. */
struct task;
void exit_robust_list(struct task *t);

#endif
