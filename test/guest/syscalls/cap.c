/*
 * cap.c - capabilities (capabilities(7), capget(2)/capset(2)): root's
 * three sets, the version handshake, what capset may and may not change,
 * how uid changes move the sets, and that a dropped capability is gone
 * (CAP_NET_BIND_SERVICE: binding port 80 is EACCES).  Runs as root.
 */
#include "../check.h"

#include <linux/capability.h>
#include <netinet/in.h>
#include <sys/socket.h>

/* Bits 0..40 (CAP_LAST_CAP of Linux 6.1): the low word and the high one. */
#define ALL_LO 0xffffffffu
#define ALL_HI 0x1ffu

struct caps {
	struct __user_cap_data_struct d[2];
};

static int capget3(int pid, struct caps *c)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, pid };

	return (int)syscall(SYS_capget, &h, c->d);
}

static int capset3(int pid, const struct caps *c)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, pid };

	return (int)syscall(SYS_capset, &h, c->d);
}

static void clear_bit(__u32 *w, int cap)
{
	w[cap / 32 * 3] &= ~(1u << (cap % 32));
}

/* bind(2) a TCP socket to 0.0.0.0:port; 0 or -errno. */
static int bind_port(unsigned short port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), r, e;

	if (fd < 0)
		return -errno;
	r = bind(fd, (struct sockaddr *)&a, sizeof a);
	e = errno;
	close(fd);
	return r < 0 ? -e : 0;
}

static void root_has_every_capability(void)
{
	struct caps c;

	memset(&c, 0x5a, sizeof c);
	REQUIRE_OK(capget3(0, &c));
	REQUIRE(c.d[0].effective == ALL_LO && c.d[0].permitted == ALL_LO &&
		c.d[1].effective == ALL_HI && c.d[1].permitted == ALL_HI,
		"effective %08x%08x permitted %08x%08x", c.d[1].effective,
		c.d[0].effective, c.d[1].permitted, c.d[0].permitted);
	REQUIRE(c.d[0].inheritable == 0 && c.d[1].inheritable == 0,
		"inheritable %08x%08x", c.d[1].inheritable, c.d[0].inheritable);
	/* Version 1 carries the low word only. */
	{
		struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_1, 0 };
		struct __user_cap_data_struct d[2];

		memset(d, 0x5a, sizeof d);
		REQUIRE_OK(syscall(SYS_capget, &h, d));
		REQUIRE(d[0].effective == ALL_LO && d[1].effective == 0x5a5a5a5au,
			"v1 wrote %08x %08x", d[0].effective, d[1].effective);
	}
}

/* An unknown version is EINVAL with the kernel's version written back. */
static void version_handshake(void)
{
	struct __user_cap_header_struct h = { 0x12345678, 0 };
	struct caps c;

	REQUIRE_ERR(syscall(SYS_capget, &h, c.d), EINVAL);
	REQUIRE(h.version == _LINUX_CAPABILITY_VERSION_3, "version 0x%x", h.version);
	/* Asking with no data (libcap's probe) is not an error. */
	h.version = 0;
	REQUIRE_OK(syscall(SYS_capget, &h, NULL));
	REQUIRE(h.version == _LINUX_CAPABILITY_VERSION_3, "probe: version 0x%x", h.version);
	h.version = 0;
	REQUIRE_ERR(syscall(SYS_capset, &h, c.d), EINVAL);
	REQUIRE_ERR(syscall(SYS_capget, BADPTR, c.d), EFAULT);
	h.version = _LINUX_CAPABILITY_VERSION_3;
	REQUIRE_ERR(syscall(SYS_capget, &h, BADPTR), EFAULT);
	h.pid = -1;
	REQUIRE_ERR(syscall(SYS_capget, &h, c.d), EINVAL);
}

/* Dropping an effective capability takes the right; raising it again
 * from the permitted set gives it back. */
static void effective_drop_and_raise(void)
{
	struct caps c;
	int r;

	REQUIRE_OK(capget3(0, &c));
	clear_bit(&c.d[0].effective, CAP_NET_BIND_SERVICE);
	REQUIRE_OK(capset3(0, &c));
	REQUIRE((r = bind_port(80)) == -EACCES, "bind 80 without the capability: %s",
		errname(-r));
	REQUIRE((r = bind_port(1024)) == 0, "bind 1024: %s", errname(-r));
	c.d[0].effective |= 1u << CAP_NET_BIND_SERVICE;
	REQUIRE_OK(capset3(0, &c));
	REQUIRE((r = bind_port(80)) == 0, "bind 80 with it back: %s", errname(-r));
}

/* The permitted set only shrinks; effective stays within it. */
static void permitted_only_shrinks(void)
{
	struct caps c, now;

	REQUIRE_OK(capget3(0, &c));
	clear_bit(&c.d[0].effective, CAP_NET_RAW);
	clear_bit(&c.d[0].permitted, CAP_NET_RAW);
	REQUIRE_OK(capset3(0, &c));
	c.d[0].permitted |= 1u << CAP_NET_RAW;
	REQUIRE_ERR(capset3(0, &c), EPERM);
	clear_bit(&c.d[0].permitted, CAP_NET_RAW);
	c.d[0].effective |= 1u << CAP_NET_RAW;
	REQUIRE_ERR(capset3(0, &c), EPERM);
	REQUIRE_OK(capget3(0, &now));
	REQUIRE(!(now.d[0].permitted & (1u << CAP_NET_RAW)) &&
		!(now.d[0].effective & (1u << CAP_NET_RAW)) &&
		(now.d[0].permitted & (1u << CAP_NET_ADMIN)),
		"after the refusals: permitted %08x effective %08x",
		now.d[0].permitted, now.d[0].effective);
	/* Only the caller's own sets. */
	REQUIRE_ERR(capset3(getppid(), &now), EPERM);
}

/* Leaving uid 0 everywhere drops everything, for good. */
static void setuid_drops_everything(void)
{
	struct caps c;
	int r;

	REQUIRE_OK(setuid(65534));
	REQUIRE_OK(capget3(0, &c));
	REQUIRE(!c.d[0].effective && !c.d[0].permitted && !c.d[1].effective &&
		!c.d[1].permitted, "nobody: effective %08x permitted %08x",
		c.d[0].effective, c.d[0].permitted);
	c.d[0].permitted = c.d[0].effective = 1u << CAP_NET_BIND_SERVICE;
	REQUIRE_ERR(capset3(0, &c), EPERM);
	REQUIRE((r = bind_port(80)) == -EACCES, "nobody: bind 80 %s", errname(-r));
}

/* An effective uid away from 0 empties effective; back at 0 it is
 * permitted again. */
static void seteuid_round_trip(void)
{
	struct caps c;

	REQUIRE_OK(seteuid(65534));
	REQUIRE_OK(capget3(0, &c));
	REQUIRE(!c.d[0].effective && c.d[0].permitted == ALL_LO,
		"euid 65534: effective %08x permitted %08x", c.d[0].effective,
		c.d[0].permitted);
	REQUIRE_OK(seteuid(0));
	REQUIRE_OK(capget3(0, &c));
	REQUIRE(c.d[0].effective == ALL_LO && c.d[1].effective == ALL_HI,
		"euid 0 again: effective %08x%08x", c.d[1].effective, c.d[0].effective);
}

/* Another process's sets can be read; a child has its parent's. */
static void other_process(void)
{
	struct caps c, mine;
	pid_t pid;
	int p[2];
	char b;

	REQUIRE_OK(capget3(0, &mine));
	clear_bit(&mine.d[0].effective, CAP_NET_ADMIN);
	REQUIRE_OK(capset3(0, &mine));
	REQUIRE_OK(pipe(p));
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		(void)!read(p[0], &b, 1);
		_exit(0);
	}
	close(p[0]);
	REQUIRE_OK(capget3(pid, &c));
	REQUIRE(c.d[0].effective == mine.d[0].effective &&
		c.d[0].permitted == mine.d[0].permitted, "child: effective %08x, "
		"mine %08x", c.d[0].effective, mine.d[0].effective);
	close(p[1]);
	wait_status(pid);
	REQUIRE_ERR(capget3(pid, &c), ESRCH);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(root_has_every_capability),
		CHECK(version_handshake),
		CHECK(effective_drop_and_raise),
		CHECK(permitted_only_shrinks),
		CHECK(setuid_drops_everything),
		CHECK(seteuid_round_trip),
		CHECK(other_process),
	};

	return run_checks("cap", checks, NCHECKS(checks));
}
