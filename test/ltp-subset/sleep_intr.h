/*
 * sleep_intr.h: nanosleep02's and nanosleep03's frame: child() runs in a
 * child process, which the parent interrupts with SIGINT (caught, the
 * handler does nothing) once the child sleeps; then the child is reaped.
 * Call sleep_intr_setup() from .setup.
 */
#ifndef SLEEP_INTR_H
#define SLEEP_INTR_H

#include "tst_test.h"

static void sleep_intr_handler(int sig)
{
	(void)sig;
}

static void sleep_intr_setup(void)
{
	SAFE_SIGNAL(SIGINT, sleep_intr_handler);
}

static void sleep_intr_run(void (*child)(void))
{
	pid_t pid = SAFE_FORK();

	if (pid == 0) {
		child();
		exit(0);
	}
	TST_PROCESS_STATE_WAIT(pid, 'S', 0);
	SAFE_KILL(pid, SIGINT);
	tst_reap_children();
}

#endif
