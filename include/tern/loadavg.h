/* The load average (kernel/loadavg.c). */
#ifndef TERN_LOADAVG_H
#define TERN_LOADAVG_H

#include <tern/types.h>

#define FSHIFT		11		/* bits of fraction in avenrun[] */
#define FIXED_1		(1ul << FSHIFT)
#define SI_LOAD_SHIFT	16		/* sysinfo(2) loads[] scale */

void loadavg_tick(u64 now_ns);
u64 loadavg_next_sample(void);	/* monotonic ns of the next sample */
/* The 1, 5, 15 minute loads, in FSHIFT + shift bits of fraction. */
void get_avenrun(unsigned long loads[3], int shift);

#endif
