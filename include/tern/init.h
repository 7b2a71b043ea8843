/* Boot milestones others can wait for (kernel/main.c). */
#ifndef TERN_INIT_H
#define TERN_INIT_H

#include <tern/wait.h>

/* Set, with a wake-up on uptime_wq, when the timer-driven uptime line
 * has been printed. */
extern bool uptime_reported;
extern u64 uptime_report_ns;	/* ktime of that line */
extern struct wait_queue_head uptime_wq;

#define UPTIME_REPORT_MS 20

#endif
