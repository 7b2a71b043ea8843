/*
 * Kernel self-tests, selected with test= on the command line
 * (kernel/selftest.c).  A test returns 0 for pass or a negative errno and
 * says why through printk.  SELFTEST(name, fn, in_all) registers one;
 * in_all = false for tests that end the machine on purpose (deliberate
 * faults), which run only when named.
 */
#ifndef TERN_SELFTEST_H
#define TERN_SELFTEST_H

#include <tern/types.h>

struct selftest {
	const char *name;
	int (*fn)(void);
	bool in_all;
};

#define SELFTEST(tname, tfn, all)                                         \
	static const struct selftest __selftest_##tname                   \
	__attribute__((used, section(".selftests"), aligned(8))) = {      \
		.name = #tname, .fn = tfn, .in_all = all,                 \
	}

/* Starts the self-test thread; it ends the machine with the verdict. */
void selftest_start(const char *list);

#endif
