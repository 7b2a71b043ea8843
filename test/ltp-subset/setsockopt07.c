/*
 * setsockopt07: CVE-2017-1000111.  PACKET_RESERVE (1 << 30) races the
 * creation of a TPACKET_V3 receive ring of one page: the reserve a
 * ring was sized for must be the reserve it keeps, so after a ring was
 * made, PACKET_RESERVE never reads more than the block size.  As root
 * instead of LTP's namespaces; the race is bounded by loops and time.
 */
#include "tst_test.h"
#include "tst_race.h"
#include <linux/if_ether.h>
#include <linux/if_packet.h>

static volatile int sock = -1;
static unsigned int pagesize;
static struct tst_race race;

static void setup(void)
{
	pagesize = SAFE_SYSCONF(_SC_PAGESIZE);
}

static void set_reserve(void)
{
	unsigned int val = 1 << 30;

	setsockopt(sock, SOL_PACKET, PACKET_RESERVE, &val, sizeof(val));
}

static void run(void)
{
	unsigned int val, version = TPACKET_V3;
	socklen_t vsize = sizeof(val);
	struct tpacket_req3 req;

	memset(&req, 0, sizeof(req));
	req.tp_block_size = pagesize;
	req.tp_block_nr = 1;
	req.tp_frame_size = pagesize;
	req.tp_frame_nr = 1;
	req.tp_retire_blk_tov = 100;
	tst_race_setup(&race, set_reserve, 500, 2000);
	while (tst_race_run_a(&race)) {
		sock = SAFE_SOCKET(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
		TEST(setsockopt(sock, SOL_PACKET, PACKET_VERSION, &version, sizeof(version)));
		if (TST_RET == -1 && TST_ERR == EINVAL)
			tst_brk(TCONF | TTERRNO, "TPACKET_V3 not supported");
		if (TST_RET)
			tst_brk(TBROK | TTERRNO, "setsockopt(PACKET_VERSION, TPACKET_V3)");
		tst_race_start_a(&race);
		TEST(setsockopt(sock, SOL_PACKET, PACKET_RX_RING, &req, sizeof(req)));
		tst_race_end_a(&race);
		vsize = sizeof(val);
		SAFE_GETSOCKOPT(sock, SOL_PACKET, PACKET_RESERVE, &val, &vsize);
		SAFE_CLOSE(sock);
		if (TST_RET == -1 && TST_ERR == EINVAL)
			continue;	/* the reserve came first: the ring was refused */
		if (TST_RET)
			tst_brk(TBROK | TTERRNO, "Invalid setsockopt() return value");
		if (val > req.tp_block_size) {
			tst_race_cleanup(&race);
			tst_res(TFAIL, "PACKET_RESERVE checks bypassed");
			return;
		}
	}
	tst_race_cleanup(&race);
	tst_res(TPASS, "Cannot reproduce bug");
}

static void cleanup(void)
{
	tst_race_cleanup(&race);
	if (sock >= 0)
		close(sock);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.needs_root = 1,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "c27927e372f0"},
		{"CVE", "2017-1000111"},
		{}
	},
};
