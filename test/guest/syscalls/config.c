/*
 * config.c - /proc/config.gz, where a kernel has one (Tern; Debian's
 * Linux has none, so there the check only says so): a gzip of CONFIG_
 * lines that tells the truth about the features a program can probe.
 * proc(5).
 */
#define _GNU_SOURCE
#include "../check.h"

#include <sys/socket.h>
#include <sys/syscall.h>

static char config[16384];

/* The decompressed text, or 0 bytes when the kernel has no config.gz. */
static size_t read_config(void)
{
	FILE *p;
	size_t n;

	if (access("/proc/config.gz", R_OK))
		return 0;
	p = popen("zcat /proc/config.gz", "r");
	if (!p) {
		check_note("popen: %s", errname(errno));
		return 0;
	}
	n = fread(config, 1, sizeof(config) - 1, p);
	config[n] = 0;
	return pclose(p) == 0 ? n : 0;
}

/* Whether the config says CONFIG_<name>=y (-1: it says neither). */
static int says(const char *name)
{
	char y[96], no[96];

	snprintf(y, sizeof(y), "\nCONFIG_%s=y\n", name);
	snprintf(no, sizeof(no), "\n# CONFIG_%s is not set\n", name);
	return strstr(config, y) ? 1 : strstr(config, no) ? 0 : -1;
}

static int works_ipv6(void)
{
	int fd = socket(AF_INET6, SOCK_DGRAM, 0);

	return fd >= 0 ? close(fd) == 0 : 0;
}

static int works_sysvipc(void)
{
	return !(syscall(SYS_semget, 0, 1, 0600) < 0 && errno == ENOSYS);
}

static int works_memfd(void)
{
	int fd = (int)syscall(SYS_memfd_create, "c", 0);

	return fd >= 0 ? close(fd) == 0 : 0;
}

static int works_inotify(void)
{
	int fd = (int)syscall(SYS_inotify_init1, 0);

	return fd >= 0 ? close(fd) == 0 : 0;
}

static void config_gz_tells_the_truth(void)
{
	static const struct {
		const char *name;
		int (*works)(void);
	} probes[] = {
		{ "IPV6", works_ipv6 },
		{ "SYSVIPC", works_sysvipc },
		{ "MEMFD_CREATE", works_memfd },
		{ "INOTIFY_USER", works_inotify },
	};

	if (!read_config()) {
		REQUIRE(access("/proc/config.gz", F_OK) != 0, "/proc/config.gz exists but is no gzip");
		check_note("no /proc/config.gz here (CONFIG_IKCONFIG_PROC is off)");
		return;
	}
	REQUIRE(says("NET") == 1 && says("INET") == 1, "CONFIG_NET/INET not =y");
	REQUIRE(says("IKCONFIG_PROC") == 1, "config.gz does not list itself");
	for (unsigned i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		int s = says(probes[i].name), w = probes[i].works();

		if (s >= 0)	/* a config that is silent about a feature says nothing */
			REQUIRE(s == w, "CONFIG_%s says %d, the kernel %s it",
				probes[i].name, s, w ? "has" : "lacks");
	}
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(config_gz_tells_the_truth),
	};

	return run_checks("config", checks, NCHECKS(checks));
}
