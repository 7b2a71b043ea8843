/*
 * The kernel command line (kernel/cmdline.c): space-separated
 * `key=value` words (a bare word is a key with an empty value).
 * Understood today:
 *   console=ttyS0     the console (the only one there is)
 *   loglevel=N        print messages of level < N on the console (0-8)
 *   init=/path        first user program (next issue; default /init)
 *   test=a,b,...      run kernel self-tests and end QEMU with the verdict
 *                     ("test=list" names them, "test=all" runs the safe ones)
 */
#ifndef TERN_CMDLINE_H
#define TERN_CMDLINE_H

#include <tern/types.h>

void cmdline_parse(const char *cmdline);
/* Value of the last `key=...` word, or NULL if absent. */
const char *cmdline_get(const char *key);

struct kernel_params {
	const char *console;
	const char *init;
	const char *test;	/* NULL: normal boot */
};
extern struct kernel_params kernel_params;

#endif
