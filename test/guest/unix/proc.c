/*
 * proc.c - /proc/net/unix in Linux's format: the header, then per
 * socket "Num: RefCount Protocol Flags Type St Inode Path" with the
 * fields Linux prints (listening flag, type, state, socket inode, name
 * with '@' for an abstract name's NULs).
 */
#include "unixcheck.h"

struct line {
	unsigned ref, proto, flags, type, st;
	unsigned long ino;
	char path[128];
	int has_path;
};

static char text[65536];

static int read_proc(void)
{
	int fd = open("/proc/net/unix", O_RDONLY), n, total = 0;

	if (fd < 0)
		return -1;
	while ((n = read(fd, text + total, sizeof text - 1 - total)) > 0)
		total += n;
	close(fd);
	text[total] = 0;
	return total;
}

/* The line of the socket with this inode (0: the first with that path). */
static int find_line(unsigned long ino, const char *path, struct line *out, char *raw)
{
	char *p = strchr(text, '\n');

	while (p && *++p) {
		char *e = strchr(p, '\n');
		int n = 0;

		if (!e)
			return 0;
		memset(out, 0, sizeof *out);
		if (sscanf(p, "%*16[0-9a-f]: %8x %8x %8x %4x %2x %lu%n", &out->ref, &out->proto,
			   &out->flags, &out->type, &out->st, &out->ino, &n) == 6) {
			if (p[n] == ' ') {
				out->has_path = 1;
				snprintf(out->path, sizeof out->path, "%.*s", (int)(e - p - n - 1),
					 p + n + 1);
			}
			if ((ino && out->ino == ino) ||
			    (!ino && path && out->has_path && !strcmp(out->path, path))) {
				snprintf(raw, 256, "%.*s", (int)(e - p), p);
				return 1;
			}
		}
		p = e;
	}
	return 0;
}

static unsigned long ino_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 ? (unsigned long)st.st_ino : 0;
}

static void header_and_format(void)
{
	struct line ln;
	char raw[256], cwd[200], want[300];
	int l, d, sv[2], i, n = 0;

	REQUIRE(getcwd(cwd, sizeof cwd), "getcwd");
	snprintf(want, sizeof want, "%s/lst", cwd);
	l = listener(SOCK_STREAM, want, 5);
	d = socket(AF_UNIX, SOCK_DGRAM, 0);
	REQUIRE(l >= 0 && d >= 0, "setup");
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv));
	REQUIRE(read_proc() > 0, "read /proc/net/unix: %s", errname(errno));
	REQUIRE(!strncmp(text, "Num       RefCount Protocol Flags    Type St Inode Path\n", 56),
		"header: %.60s", text);
	/* Every line: 16 hex digits, ':', the fields at fixed widths. */
	for (char *p = strchr(text, '\n') + 1; *p; n++) {
		char *e = strchr(p, '\n');

		REQUIRE(e && e - p >= 52, "short line %.60s", p);
		for (i = 0; i < 16; i++)
			REQUIRE(strchr("0123456789abcdef", p[i]), "Num: %.60s", p);
		REQUIRE(p[16] == ':' && p[17] == ' ' && p[26] == ' ' && p[35] == ' ' &&
			p[44] == ' ' && p[49] == ' ' && p[52] == ' ', "layout: %.60s", p);
		p = e + 1;
	}
	REQUIRE(n >= 4, "only %d sockets listed", n);
	/* The listener: __SO_ACCEPTCON, stream, unconnected, its inode and path. */
	REQUIRE(find_line(ino_of(l), NULL, &ln, raw), "listener not listed");
	REQUIRE(ln.flags == 0x10000 && ln.type == 1 && ln.st == 1 && ln.proto == 0 &&
		ln.ref == 2 && ln.has_path && !strcmp(ln.path, want), "listener: %s", raw);
	/* An unbound datagram socket: no path. */
	REQUIRE(find_line(ino_of(d), NULL, &ln, raw), "dgram not listed");
	REQUIRE(ln.flags == 0 && ln.type == 2 && ln.st == 1 && !ln.has_path && ln.ref == 2,
		"dgram: %s", raw);
	/* A connected pair: St 03, one more reference (the peer's). */
	REQUIRE(find_line(ino_of(sv[0]), NULL, &ln, raw), "pair not listed");
	REQUIRE(ln.type == 5 && ln.st == 3 && ln.ref == 3 && !ln.has_path, "pair: %s", raw);
	/* The inode column is printed %5lu. */
	snprintf(want, sizeof want, " %5lu", ino_of(d));
	REQUIRE(find_line(ino_of(d), NULL, &ln, raw) && strstr(raw, want), "inode width: %s",
		raw);
}

static void names_and_states(void)
{
	struct sockaddr_un a;
	struct line ln;
	char raw[256], want[128];
	socklen_t len;
	int s = socket(AF_UNIX, SOCK_DGRAM, 0), l, c;

	/* An abstract name: '@' for its NULs. */
	len = abstract_addr(&a, "proc");
	a.sun_path[3] = 0;
	REQUIRE_OK(bind(s, (struct sockaddr *)&a, len));
	snprintf(want, sizeof want, "@%c%c@%s", a.sun_path[1], a.sun_path[2], a.sun_path + 4);
	REQUIRE(read_proc() > 0 && find_line(ino_of(s), NULL, &ln, raw), "not listed");
	REQUIRE(ln.has_path && !strcmp(ln.path, want), "abstract: %s (want %s)", raw, want);
	/* A connection not yet accepted: no inode, St 02, the listener's name. */
	l = listener(SOCK_STREAM, "/tmp/unix-proc-l", 5);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE(l >= 0 && connect_path(c, "/tmp/unix-proc-l") == 0, "connect");
	REQUIRE(read_proc() > 0, "read");
	int found = 0;
	for (char *p = strchr(text, '\n') + 1; *p; p = strchr(p, '\n') + 1)
		if (strstr(p, " 02     0 /tmp/unix-proc-l\n") == strchr(p, '\n') - 26)
			found = 1;
	REQUIRE(found, "no embryo line:\n%s", text);
	REQUIRE(find_line(ino_of(c), NULL, &ln, raw) && ln.st == 3 && ln.ref == 3,
		"client: %s", raw);
	int acc = accept(l, NULL, NULL);
	REQUIRE(read_proc() > 0 && find_line(ino_of(acc), NULL, &ln, raw) && ln.st == 3 &&
		!strcmp(ln.path, "/tmp/unix-proc-l"), "accepted: %s", raw);
	unlink("/tmp/unix-proc-l");
	/* Closed sockets leave. */
	unsigned long ino = ino_of(s);
	close(s);
	REQUIRE(read_proc() > 0 && !find_line(ino, NULL, &ln, raw), "closed socket listed");
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(header_and_format),
		CHECK(names_and_states),
	};

	return run_checks("unix_proc", checks, NCHECKS(checks));
}
