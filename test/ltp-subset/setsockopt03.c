/*
 * setsockopt03: CVE-2016-4997.  IPT_SO_SET_REPLACE with an iptables
 * table whose entry's target offset is too small and whose match claims
 * 0xffff bytes must not crash the kernel: whatever setsockopt returns
 * (ENOPROTOOPT where there is no netfilter) the test passes once the
 * call returned.  The flaw was in the 32-bit compat path: on a 64-bit
 * build this says so (TCONF) and still makes the call, as LTP's does.
 */
#include "tst_test.h"
#include <linux/netfilter_ipv4/ip_tables.h>

#define TOO_SMALL_OFFSET 74
#define OFFSET_OVERWRITE 0xFFFF
#define NEXT_OFFSET (sizeof(struct ipt_entry) + sizeof(struct xt_entry_match) + \
		     sizeof(struct xt_entry_target))
#define PADDING (OFFSET_OVERWRITE - NEXT_OFFSET)

struct payload {
	struct ipt_replace repl;
	struct ipt_entry ent;
	struct xt_entry_match match;
	struct xt_entry_target targ;
	char padding[PADDING];
	struct xt_entry_target targ2;
};

static struct payload *p;

static void setup(void)
{
	if (sizeof(long) > 4)
		tst_res(TCONF, "The vulnerability was only present in 32-bit compat mode");
	p = SAFE_MALLOC(sizeof(*p));
}

static void cleanup(void)
{
	free(p);
}

static void run(void)
{
	int ret, fd = SAFE_SOCKET(AF_INET, SOCK_DGRAM, 0);

	memset(p, 0, sizeof(*p));
	strncpy(p->match.u.user.name, "icmp", sizeof(p->match.u.user.name));
	p->match.u.match_size = OFFSET_OVERWRITE;
	p->ent.next_offset = NEXT_OFFSET;
	p->ent.target_offset = TOO_SMALL_OFFSET;
	p->repl.num_entries = 2;
	p->repl.num_counters = 1;
	p->repl.size = sizeof(*p);
	p->repl.valid_hooks = 0;
	ret = setsockopt(fd, SOL_IP, IPT_SO_SET_REPLACE, p, sizeof(*p));
	tst_res(TPASS | TERRNO, "We didn't cause a crash, setsockopt returned %d", ret);
	SAFE_CLOSE(fd);
}

static struct tst_test test = {
	.setup = setup,
	.cleanup = cleanup,
	.test_all = run,
	.needs_root = 1,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "ce683e5f9d04"},
		{"CVE", "CVE-2016-4997"},
		{}
	},
};
