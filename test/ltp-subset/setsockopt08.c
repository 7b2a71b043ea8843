/*
 * setsockopt08: CVE-2021-22555.  An IPT_SO_SET_REPLACE table whose one
 * entry has a "state" match sized so that the converted table ends at a
 * 1024-byte boundary and a "REJECT" target whose target_size is too
 * small (the compat conversion once zeroed padding past the buffer).
 * Given with optlen 1, the kernel must refuse it with EINVAL; a kernel
 * without iptables says ENOPROTOOPT (TCONF).  The buffer is followed by
 * a PROT_NONE page, as LTP's guarded buffer.  As root instead of LTP's
 * user namespace.
 */
#include "tst_test.h"
#include <linux/netfilter_ipv4/ip_tables.h>

static void *buffer;
static size_t bufsize;

static void setup(void)
{
	long pg = SAFE_SYSCONF(_SC_PAGESIZE);
	char *m;

	if (sizeof(long) > 4)
		tst_res(TINFO, "The vulnerability was only present in 32-bit compat mode");
	/* 2048 bytes ending right before a PROT_NONE page. */
	m = SAFE_MMAP(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	SAFE_MPROTECT(m + pg, pg, PROT_NONE);
	buffer = m + pg - 2048;
	bufsize = 2048;
}

static void run(void)
{
	struct ipt_replace *ipt_replace = buffer;
	struct ipt_entry *ipt_entry = &ipt_replace->entries[0];
	struct xt_entry_match *xt_entry_match = (struct xt_entry_match *)&ipt_entry->elems[0];
	const size_t tgt_size = 32;
	const size_t match_size = 1024 - 64 - 112 - 4 - tgt_size - 4;
	struct xt_entry_target *xt_entry_tgt =
		(struct xt_entry_target *)(&ipt_entry->elems[0] + match_size);
	int fd = SAFE_SOCKET(AF_INET, SOCK_DGRAM, 0);

	memset(buffer, 0, bufsize);
	xt_entry_match->u.user.match_size = (uint16_t)match_size;
	strcpy(xt_entry_match->u.user.name, "state");
	xt_entry_tgt->u.user.target_size = (uint16_t)tgt_size;
	strcpy(xt_entry_tgt->u.user.name, "REJECT");
	ipt_entry->target_offset = offsetof(struct ipt_entry, elems) + match_size;
	ipt_entry->next_offset = ipt_entry->target_offset + tgt_size;
	strcpy(ipt_replace->name, "filter");
	ipt_replace->num_entries = 1;
	ipt_replace->num_counters = 1;
	ipt_replace->size = ipt_entry->next_offset;

	TEST(setsockopt(fd, IPPROTO_IP, IPT_SO_SET_REPLACE, buffer, 1));
	if (TST_RET == -1 && TST_ERR == ENOPROTOOPT)
		tst_brk(TCONF | TTERRNO, "setsockopt(%d, IPPROTO_IP, IPT_SO_SET_REPLACE, %p, 1)",
			fd, buffer);
	tst_res((TST_RET == -1 && TST_ERR == EINVAL ? TPASS : TFAIL) | TTERRNO,
		"setsockopt(%d, IPPROTO_IP, IPT_SO_SET_REPLACE, %p, 1)", fd, buffer);
	SAFE_CLOSE(fd);
}

static struct tst_test test = {
	.setup = setup,
	.test_all = run,
	.needs_root = 1,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "b29c457a6511"},
		{"CVE", "2021-22555"},
		{}
	},
};
