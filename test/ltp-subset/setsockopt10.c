/*
 * setsockopt10: CVE-2023-0461.  A connected TCP socket given the "tls"
 * upper-layer protocol (TCP_ULP) and a TLS_TX key, then disconnected
 * with connect(AF_UNSPEC), must not be allowed to listen (its ULP cannot
 * be cloned to accepted sockets): the disconnect is EOPNOTSUPP or the
 * listen EINVAL.  A kernel without TLS refuses TCP_ULP with ENOENT
 * (TCONF).  Two processes, as LTP's: the child serves the first
 * connection, then connects to the parent's socket if it listens.
 */
#include "tst_test.h"
#include <linux/tls.h>
#include <netinet/tcp.h>

static struct tls12_crypto_info_aes_gcm_128 opts = {
	.info = {
		.version = TLS_1_2_VERSION,
		.cipher_type = TLS_CIPHER_AES_GCM_128,
	},
	.iv = { 'i', 'v' },
	.key = { 'k', 'e', 'y' },
	.salt = { 's', 'a', 'l', 't' },
	.rec_seq = { 'r', 'e', 'c', 's' },
};

static struct sockaddr_in tcp0_addr, tcp1_addr;
static const struct sockaddr unspec_addr = { .sa_family = AF_UNSPEC };
static int tcp0_sk = -1, tcp1_sk = -1, tcp2_sk = -1, tcp3_sk = -1;

static void loopback_any_port(struct sockaddr_in *a)
{
	memset(a, 0, sizeof(*a));
	a->sin_family = AF_INET;
	a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
}

/* Where to connect to reach fd (LTP's tst_get_connect_address). */
static socklen_t connect_address(int fd, struct sockaddr_in *a)
{
	socklen_t len = sizeof(*a);

	SAFE_GETSOCKNAME(fd, (struct sockaddr *)a, &len);
	return len;
}

static void setup(void)
{
	loopback_any_port(&tcp0_addr);
	loopback_any_port(&tcp1_addr);
}

static void cleanup(void)
{
	if (tcp0_sk >= 0)
		SAFE_CLOSE(tcp0_sk);
	if (tcp1_sk >= 0)
		SAFE_CLOSE(tcp1_sk);
	if (tcp2_sk >= 0)
		SAFE_CLOSE(tcp2_sk);
	if (tcp3_sk >= 0)
		SAFE_CLOSE(tcp3_sk);
}

static void child(void)
{
	struct sockaddr_in sa;
	socklen_t len = connect_address(tcp1_sk, &sa);

	SAFE_CLOSE(tcp1_sk);
	tst_res(TINFO, "child: Listen for tcp1 connection");
	SAFE_LISTEN(tcp0_sk, 1);
	TST_CHECKPOINT_WAKE(0);
	tcp3_sk = SAFE_ACCEPT(tcp0_sk, NULL, 0);
	TST_CHECKPOINT_WAIT(1);
	SAFE_CLOSE(tcp3_sk);
	SAFE_CLOSE(tcp0_sk);
	tcp3_sk = SAFE_SOCKET(AF_INET, SOCK_STREAM, 0);
	TST_CHECKPOINT_WAIT(2);
	tst_res(TINFO, "child: connect for tcp2 connection");
	TEST(connect(tcp3_sk, (struct sockaddr *)&sa, len));
	if (TST_RET == -1) {
		tst_res(TINFO | TTERRNO, "child: could not connect to tcp1");
		exit(0);
	}
	TST_CHECKPOINT_WAIT(3);
	exit(0);
}

static void run(void)
{
	struct sockaddr_in sa;
	socklen_t len;
	pid_t pid;

	tcp0_sk = SAFE_SOCKET(AF_INET, SOCK_STREAM, 0);
	tcp1_sk = SAFE_SOCKET(AF_INET, SOCK_STREAM, 0);
	SAFE_BIND(tcp0_sk, (struct sockaddr *)&tcp0_addr, sizeof(tcp0_addr));
	SAFE_BIND(tcp1_sk, (struct sockaddr *)&tcp1_addr, sizeof(tcp1_addr));
	pid = SAFE_FORK();
	if (!pid)
		child();
	len = connect_address(tcp0_sk, &sa);
	SAFE_CLOSE(tcp0_sk);
	TST_CHECKPOINT_WAIT(0);
	tst_res(TINFO, "parent: Connect for tcp0 connection");
	SAFE_CONNECT(tcp1_sk, (struct sockaddr *)&sa, len);
	TEST(setsockopt(tcp1_sk, SOL_TCP, TCP_ULP, "tls", 3));
	if (TST_RET == -1 && TST_ERR == ENOENT) {
		TST_CHECKPOINT_WAKE(1);
		TST_CHECKPOINT_WAKE(2);
		tst_reap_children();
		tst_brk(TCONF | TTERRNO, "parent: setsockopt failed: The TLS module is probably not loaded");
	}
	if (TST_RET == -1)
		tst_brk(TBROK | TTERRNO, "parent: setsockopt failed");
	SAFE_SETSOCKOPT(tcp1_sk, SOL_TLS, TLS_TX, &opts, sizeof(opts));
	TST_CHECKPOINT_WAKE(1);
	tst_res(TINFO, "parent: Disconnect by setting unspec address");
	len = connect_address(tcp1_sk, &sa);
	TEST(connect(tcp1_sk, &unspec_addr, sizeof(unspec_addr)));
	if (TST_RET == -1) {
		if (TST_ERR == EOPNOTSUPP)
			tst_res(TPASS | TTERRNO, "parent: tls disallows disconnect");
		else
			tst_res(TFAIL | TTERRNO, "parent: unexpected errno from connect");
		TST_CHECKPOINT_WAKE(2);
		tst_reap_children();
		return;
	}
	SAFE_BIND(tcp1_sk, (struct sockaddr *)&sa, len);
	TEST(listen(tcp1_sk, 1));
	if (TST_RET == -1) {
		if (TST_ERR == EINVAL)
			tst_res(TPASS | TTERRNO, "parent: Can't listen on disconnected TLS socket");
		else
			tst_res(TCONF | TTERRNO, "parent: Can't listen on disconnected TLS socket, "
				"but the errno is not EINVAL as expected");
		TST_CHECKPOINT_WAKE(2);
		tst_reap_children();
		return;
	}
	tst_res(TINFO, "parent: Can listen on disconnected TLS socket");
	TST_CHECKPOINT_WAKE(2);
	tcp2_sk = SAFE_ACCEPT(tcp1_sk, NULL, 0);
	SAFE_CLOSE(tcp2_sk);
	SAFE_CLOSE(tcp1_sk);
	TST_CHECKPOINT_WAKE(3);
	tst_reap_children();
	tst_res(TCONF, "parent: We're still here, maybe the kernel can clone the TLS-ULP context now?");
}

static struct tst_test test = {
	.setup = setup,
	.cleanup = cleanup,
	.test_all = run,
	.forks_child = 1,
	.needs_checkpoints = 1,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "2c02d41d71f90"},
		{"CVE", "2023-0461"},
		{}
	},
};
