/*
 * bind06: CVE-2018-18559.  bind() of an AF_PACKET socket to lo and back
 * to every device races lo being brought up (the device notifier); on
 * vulnerable kernels the socket's hook could be freed twice.  As root on
 * lo instead of LTP's namespaces; bounded by loops and time; lo is left
 * up.  Passes when the kernel survives.
 */
#include "tst_test.h"
#include "tst_race.h"
#include <net/if.h>
#include <linux/if_packet.h>

static volatile int fd = -1;
static struct sockaddr_ll addr1, addr2;
static struct tst_race race;

static void setup(void)
{
	struct ifreq ifr;

	fd = SAFE_SOCKET(AF_PACKET, SOCK_DGRAM, PF_PACKET);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	SAFE_IOCTL(fd, SIOCGIFINDEX, &ifr);
	SAFE_CLOSE(fd);
	addr1.sll_family = AF_PACKET;
	addr1.sll_ifindex = ifr.ifr_ifindex;
	addr2.sll_family = AF_PACKET;
}

static void do_bind(void)
{
	SAFE_BIND(fd, (struct sockaddr *)&addr1, sizeof(addr1));
	SAFE_BIND(fd, (struct sockaddr *)&addr2, sizeof(addr2));
}

static void run(void)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	tst_race_setup(&race, do_bind, 10000, 2000);
	while (tst_race_run_a(&race)) {
		fd = SAFE_SOCKET(AF_PACKET, SOCK_DGRAM, PF_PACKET);
		ifr.ifr_flags = 0;
		ioctl(fd, SIOCSIFFLAGS, &ifr);
		ifr.ifr_flags = IFF_UP;
		tst_race_start_a(&race);
		ioctl(fd, SIOCSIFFLAGS, &ifr);
		tst_race_end_a(&race);
		SAFE_CLOSE(fd);
	}
	tst_race_cleanup(&race);
	if (tst_taint_check()) {
		tst_res(TFAIL, "Kernel is vulnerable");
		return;
	}
	tst_res(TPASS, "Nothing bad happened (yet)");
}

static void cleanup(void)
{
	struct ifreq ifr;
	int s = socket(AF_INET, SOCK_DGRAM, 0);

	tst_race_cleanup(&race);
	/* lo stays up for the tests after this one. */
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	ifr.ifr_flags = IFF_UP;
	if (s >= 0) {
		ioctl(s, SIOCSIFFLAGS, &ifr);
		close(s);
	}
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.needs_root = 1,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "15fe076edea7"},
		{"CVE", "2018-18559"},
		{}
	},
};
