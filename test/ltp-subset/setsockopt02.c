/*
 * setsockopt02: CVE-2017-7308.  A TPACKET_V3 receive ring whose
 * tp_sizeof_priv has the high bit set (so the private area is bigger
 * than the block) must be refused with EINVAL (no 32-bit wrap-around);
 * a sane tp_sizeof_priv must be accepted, which shows the refusal is
 * about that field.  Our own test after LTP's of the same name.
 */
#include "tst_test.h"
#include <linux/if_ether.h>
#include <linux/if_packet.h>

static int sk = -1;
static long pgsz;

static void setup(void)
{
	pgsz = SAFE_SYSCONF(_SC_PAGESIZE);
}

static void cleanup(void)
{
	if (sk >= 0)
		SAFE_CLOSE(sk);
}

/* A V3 ring of two one-page blocks with the given private area size. */
static int make_ring(unsigned int sizeof_priv)
{
	struct tpacket_req3 req;
	int ver = TPACKET_V3;

	memset(&req, 0, sizeof(req));
	req.tp_block_size = pgsz;
	req.tp_block_nr = 2;
	req.tp_frame_size = pgsz;
	req.tp_frame_nr = 2;
	req.tp_retire_blk_tov = 100;
	req.tp_sizeof_priv = sizeof_priv;
	sk = SAFE_SOCKET(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	TEST(setsockopt(sk, SOL_PACKET, PACKET_VERSION, &ver, sizeof(ver)));
	if (TST_RET == -1 && TST_ERR == EINVAL)
		tst_brk(TCONF | TTERRNO, "TPACKET_V3 not supported");
	if (TST_RET)
		tst_brk(TBROK | TTERRNO, "setsockopt(PACKET_VERSION, TPACKET_V3)");
	return setsockopt(sk, SOL_PACKET, PACKET_RX_RING, &req, sizeof(req));
}

static void run(unsigned int n)
{
	if (n == 0) {
		TEST(make_ring(512));
		if (TST_RET)
			tst_brk(TBROK | TTERRNO, "a ring with sane settings was refused");
		tst_res(TPASS, "a ring with tp_sizeof_priv 512 is accepted");
	} else {
		TEST(make_ring(3U << 30));
		if (TST_RET == -1 && TST_ERR != EINVAL)
			tst_brk(TBROK | TTERRNO, "unexpected setsockopt() error");
		if (TST_RET)
			tst_res(TPASS | TTERRNO, "tp_sizeof_priv 3 << 30 refused");
		else
			tst_res(TFAIL, "tp_sizeof_priv 3 << 30 accepted");
	}
	SAFE_CLOSE(sk);
}

static struct tst_test test = {
	.test = run,
	.tcnt = 2,
	.needs_root = 1,
	.setup = setup,
	.cleanup = cleanup,
	.tags = (const struct tst_tag[]) {
		{"CVE", "2017-7308"},
		{}
	},
};
