/*
 * setsockopt09: CVE-2021-22600.  A TPACKET_V3 ring of 256 blocks is made
 * and removed, the socket switched to TPACKET_V2, and the ring removed
 * again: on vulnerable kernels the second removal frees the V3 state a
 * second time.  Five rounds, each followed by three block timeouts; as
 * root instead of LTP's namespaces.  Passes when nothing goes wrong.
 */
#include "tst_test.h"
#include "tst_race.h"
#include <linux/if_packet.h>

static int sock = -1;
static unsigned int pagesize;

static void setup(void)
{
	pagesize = SAFE_SYSCONF(_SC_PAGESIZE);
}

static void run(void)
{
	unsigned int i, version = TPACKET_V3;
	struct tpacket_req3 req;

	memset(&req, 0, sizeof(req));
	req.tp_block_size = 4 * pagesize;
	req.tp_frame_size = TPACKET_ALIGNMENT << 7;
	req.tp_retire_blk_tov = 64;
	req.tp_feature_req_word = TP_FT_REQ_FILL_RXHASH;
	for (i = 0; i < 5; i++) {
		req.tp_block_nr = 256;
		req.tp_frame_nr = req.tp_block_size * req.tp_block_nr / req.tp_frame_size;
		sock = SAFE_SOCKET(AF_PACKET, SOCK_RAW, 0);
		TEST(setsockopt(sock, SOL_PACKET, PACKET_VERSION, &version, sizeof(version)));
		if (TST_RET == -1 && TST_ERR == EINVAL)
			tst_brk(TCONF | TTERRNO, "TPACKET_V3 not supported");
		if (TST_RET)
			tst_brk(TBROK | TTERRNO, "setsockopt(PACKET_VERSION, TPACKET_V3)");
		/* Make the ring (and its owner state), then remove it. */
		SAFE_SETSOCKOPT(sock, SOL_PACKET, PACKET_RX_RING, &req, sizeof(req));
		req.tp_block_nr = 0;
		req.tp_frame_nr = 0;
		SAFE_SETSOCKOPT(sock, SOL_PACKET, PACKET_RX_RING, &req, sizeof(req));
		/* Switch versions and remove it again. */
		SAFE_SETSOCKOPT_INT(sock, SOL_PACKET, PACKET_VERSION, TPACKET_V2);
		SAFE_SETSOCKOPT(sock, SOL_PACKET, PACKET_RX_RING, &req, sizeof(req));
		SAFE_CLOSE(sock);
		usleep(req.tp_retire_blk_tov * 3000);
		if (tst_taint_check()) {
			tst_res(TFAIL, "Kernel is vulnerable");
			return;
		}
	}
	tst_res(TPASS, "Nothing bad happened, probably");
}

static void cleanup(void)
{
	if (sock >= 0)
		SAFE_CLOSE(sock);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.needs_root = 1,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "ec6af094ea28"},
		{"linux-git", "c800aaf8d869"},
		{"CVE", "2021-22600"},
		{}
	},
};
