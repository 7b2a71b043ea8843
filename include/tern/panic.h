/* Fatal errors: print, backtrace, stop (and end QEMU with a failure). */
#ifndef TERN_PANIC_H
#define TERN_PANIC_H

#include <tern/kernel.h>

__noreturn void panic(const char *fmt, ...) __printf(1, 2);

#define BUG_ON(cond)                                                        \
	do {                                                                \
		if (unlikely(cond))                                         \
			panic("BUG at %s:%d: %s", __FILE__, __LINE__, #cond); \
	} while (0)

#define BUG() panic("BUG at %s:%d", __FILE__, __LINE__)

#endif
