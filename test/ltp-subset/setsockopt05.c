/*
 * setsockopt05: CVE-2017-1000112.  A 4000-byte UDP send with MSG_MORE on
 * lo with an MTU of 1500 (so the corked datagram must be fragmented),
 * then SO_NO_CHECK, then a last byte that sends it: on vulnerable kernels
 * switching between UFO and fragmentation corrupted memory.  1000 rounds
 * (bounded by time too, for the emulator).  LTP does this in a new
 * network namespace; as root this test uses lo itself and gives it its
 * MTU back afterwards.  Beyond LTP's check, the first round's datagram
 * must arrive whole (4001 bytes).
 */
#include "tst_test.h"
#include "tst_race.h"
#include <net/if.h>

#define BUFSIZE 4000

static struct sockaddr_in addr;
static int dst_sock = -1, old_mtu = -1;

static void setup(void)
{
	struct ifreq ifr;
	socklen_t addrlen = sizeof(addr);

	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	dst_sock = SAFE_SOCKET(AF_INET, SOCK_DGRAM, 0);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	SAFE_IOCTL(dst_sock, SIOCGIFMTU, &ifr);
	old_mtu = ifr.ifr_mtu;
	ifr.ifr_mtu = 1500;
	SAFE_IOCTL(dst_sock, SIOCSIFMTU, &ifr);
	SAFE_IOCTL(dst_sock, SIOCGIFFLAGS, &ifr);
	ifr.ifr_flags |= IFF_UP;
	SAFE_IOCTL(dst_sock, SIOCSIFFLAGS, &ifr);
	SAFE_BIND(dst_sock, (struct sockaddr *)&addr, addrlen);
	SAFE_GETSOCKNAME(dst_sock, (struct sockaddr *)&addr, &addrlen);
}

static void cleanup(void)
{
	if (dst_sock != -1 && old_mtu > 0) {
		struct ifreq ifr;

		memset(&ifr, 0, sizeof(ifr));
		strcpy(ifr.ifr_name, "lo");
		ifr.ifr_mtu = old_mtu;
		ioctl(dst_sock, SIOCSIFMTU, &ifr);
	}
	if (dst_sock != -1)
		SAFE_CLOSE(dst_sock);
}

static void run(void)
{
	static char buf[BUFSIZE], got[BUFSIZE + 16];
	int sock, i;

	memset(buf, 0x42, BUFSIZE);
	tst_timer_start(CLOCK_MONOTONIC);
	for (i = 0; i < 1000 && !tst_timer_expired_ms(3000); i++) {
		sock = SAFE_SOCKET(AF_INET, SOCK_DGRAM, 0);
		SAFE_CONNECT(sock, (struct sockaddr *)&addr, sizeof(addr));
		SAFE_SEND(1, sock, buf, BUFSIZE, MSG_MORE);
		SAFE_SETSOCKOPT_INT(sock, SOL_SOCKET, SO_NO_CHECK, 1);
		send(sock, buf, 1, 0);
		SAFE_CLOSE(sock);
		if (i == 0) {
			ssize_t n = recv(dst_sock, got, sizeof(got), MSG_DONTWAIT);

			if (n != BUFSIZE + 1 || memcmp(got, buf, BUFSIZE)) {
				tst_res(TFAIL | TERRNO, "the corked datagram arrived as %zd bytes", n);
				return;
			}
		}
		if (tst_taint_check()) {
			tst_res(TFAIL, "Kernel is vulnerable");
			return;
		}
	}
	tst_res(TINFO, "%d rounds", i);
	tst_res(TPASS, "Nothing bad happened, probably");
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.needs_root = 1,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "85f1bd9a7b5a"},
		{"CVE", "2017-1000112"},
		{}
	},
};
