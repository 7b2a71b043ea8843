/*
 * setsockopt06: CVE-2016-8655.  PACKET_RX_RING (a TPACKET_V3 ring with
 * its block timer) races PACKET_VERSION switching back to TPACKET_V1 on
 * the same socket; the kernel must never end with a ring of one version
 * driven as another (on vulnerable kernels: a use-after-free when the
 * timer fires).  LTP runs the race in a user and network namespace to
 * get CAP_NET_RAW; this test runs as root instead, and bounds the race
 * by loops and time (the emulator is slow).  Passes when the kernel
 * survives without a taint.
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

static void set_ring(void)
{
	struct tpacket_req3 req;

	memset(&req, 0, sizeof(req));
	req.tp_block_size = pagesize;
	req.tp_block_nr = 1;
	req.tp_frame_size = pagesize;
	req.tp_frame_nr = 1;
	req.tp_retire_blk_tov = 100;
	setsockopt(sock, SOL_PACKET, PACKET_RX_RING, &req, sizeof(req));
}

static void run(void)
{
	int v1 = TPACKET_V1, v3 = TPACKET_V3;

	tst_race_setup(&race, set_ring, 2000, 2000);
	while (tst_race_run_a(&race)) {
		sock = SAFE_SOCKET(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
		TEST(setsockopt(sock, SOL_PACKET, PACKET_VERSION, &v3, sizeof(v3)));
		if (TST_RET == -1 && TST_ERR == EINVAL)
			tst_brk(TCONF | TTERRNO, "TPACKET_V3 not supported");
		if (TST_RET)
			tst_brk(TBROK | TTERRNO, "setsockopt(PACKET_VERSION, TPACKET_V3)");
		tst_race_start_a(&race);
		setsockopt(sock, SOL_PACKET, PACKET_VERSION, &v1, sizeof(v1));
		tst_race_end_a(&race);
		SAFE_CLOSE(sock);
	}
	tst_race_cleanup(&race);
	/* The rings' 100 ms block timers: let any that is left fire. */
	usleep(300000);
	if (tst_taint_check()) {
		tst_res(TFAIL, "Kernel is vulnerable");
		return;
	}
	tst_res(TPASS, "Nothing bad happened, probably");
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
		{"linux-git", "84ac7260236a"},
		{"CVE", "2016-8655"},
		{}
	},
};
