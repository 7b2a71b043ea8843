/*
 * names.c - AF_UNIX sockets and their names (unix(7)): the types a
 * socket can have, filesystem names (bind makes an S_IFSOCK node with
 * the umask applied; the path walk's errors; EADDRINUSE; open(2) of the
 * node is ENXIO), abstract names, autobind, getsockname/getpeername
 * lengths, and what connect says for every kind of wrong name.
 */
#include "unixcheck.h"

static int getint(int fd, int name)
{
	int v = -1;
	socklen_t l = sizeof v;

	if (getsockopt(fd, SOL_SOCKET, name, &v, &l) < 0)
		return -1;
	return v;
}

static void create_types(void)
{
	int fd;

	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE(fd >= 0 && getint(fd, SO_TYPE) == SOCK_STREAM &&
		getint(fd, SO_DOMAIN) == AF_UNIX && getint(fd, SO_PROTOCOL) == 0,
		"stream: type %d domain %d protocol %d", getint(fd, SO_TYPE),
		getint(fd, SO_DOMAIN), getint(fd, SO_PROTOCOL));
	fd = socket(AF_UNIX, SOCK_DGRAM, PF_UNIX);
	REQUIRE(fd >= 0 && getint(fd, SO_TYPE) == SOCK_DGRAM, "dgram with PF_UNIX");
	fd = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	REQUIRE(fd >= 0 && getint(fd, SO_TYPE) == SOCK_SEQPACKET, "seqpacket");
	/* Linux: an AF_UNIX SOCK_RAW socket is a datagram socket. */
	fd = socket(AF_UNIX, SOCK_RAW, 0);
	REQUIRE(fd >= 0 && getint(fd, SO_TYPE) == SOCK_DGRAM, "raw: type %d",
		getint(fd, SO_TYPE));
	REQUIRE_ERR(socket(AF_UNIX, SOCK_STREAM, 2), EPROTONOSUPPORT);
	REQUIRE_ERR(socket(AF_UNIX, SOCK_RDM, 0), ESOCKTNOSUPPORT);
	REQUIRE_ERR(socket(AF_UNIX, SOCK_RDM, 7), EPROTONOSUPPORT);
	REQUIRE(getint(fd, SO_ACCEPTCONN) == 0, "SO_ACCEPTCONN");
}

static void bind_path(void)
{
	struct sockaddr_un a, got;
	socklen_t len = path_addr(&a, "s1"), gl = sizeof got;
	struct stat st;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	umask(022);
	REQUIRE_OK(bind(fd, (struct sockaddr *)&a, len));
	REQUIRE_OK(stat("s1", &st));
	REQUIRE(S_ISSOCK(st.st_mode) && (st.st_mode & 07777) == 0755 &&
		st.st_uid == getuid(), "node mode %#o", (unsigned)st.st_mode);
	REQUIRE_OK(getsockname(fd, (struct sockaddr *)&got, &gl));
	REQUIRE(gl == SUN_OFF + 3 && got.sun_family == AF_UNIX &&
		!memcmp(got.sun_path, "s1", 3), "getsockname len %u", (unsigned)gl);
	/* open(2) of a socket node: no such device. */
	REQUIRE_ERR(open("s1", O_RDWR), ENXIO);
	REQUIRE_ERR(open("s1", O_RDONLY | O_NONBLOCK), ENXIO);
	/* The socket's own inode is not the node's. */
	struct stat fst;
	REQUIRE_OK(fstat(fd, &fst));
	REQUIRE(S_ISSOCK(fst.st_mode) && fst.st_ino != st.st_ino, "fstat");

	umask(077);
	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	len = path_addr(&a, "s2");
	REQUIRE_OK(bind(fd, (struct sockaddr *)&a, len));
	REQUIRE_OK(stat("s2", &st));
	REQUIRE((st.st_mode & 07777) == 0700, "umask 077: mode %#o",
		(unsigned)st.st_mode);
	/* The name stays after close; unlinked, it can be bound again. */
	close(fd);
	REQUIRE_OK(stat("s2", &st));
	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	REQUIRE_ERR(bind(fd, (struct sockaddr *)&a, len), EADDRINUSE);
	REQUIRE_OK(unlink("s2"));
	REQUIRE_OK(bind(fd, (struct sockaddr *)&a, len));
}

static void bind_errors(void)
{
	struct sockaddr_un a;
	socklen_t len;
	struct stat st;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0), fd2;

	REQUIRE_OK(close(open("file", O_CREAT | O_WRONLY, 0644)));
	len = path_addr(&a, "file");
	REQUIRE_ERR(bind(fd, (struct sockaddr *)&a, len), EADDRINUSE);
	len = path_addr(&a, "nodir/s");
	REQUIRE_ERR(bind(fd, (struct sockaddr *)&a, len), ENOENT);
	len = path_addr(&a, "file/s");
	REQUIRE_ERR(bind(fd, (struct sockaddr *)&a, len), ENOTDIR);
	/* Bad lengths and families: EINVAL. */
	len = path_addr(&a, "x");
	REQUIRE_ERR(bind(fd, (struct sockaddr *)&a, 1), EINVAL);
	REQUIRE_ERR(bind(fd, (struct sockaddr *)&a, sizeof a + 1), EINVAL);
	a.sun_family = AF_INET;
	REQUIRE_ERR(bind(fd, (struct sockaddr *)&a, len), EINVAL);
	REQUIRE(stat("x", &st) < 0 && errno == ENOENT, "a failed bind left a node");
	/* A bound socket cannot be bound again: EINVAL, and no node is left;
	 * an existing name is EADDRINUSE first (bind03). */
	len = path_addr(&a, "b1");
	REQUIRE_OK(bind(fd, (struct sockaddr *)&a, len));
	len = path_addr(&a, "b2");
	REQUIRE_ERR(bind(fd, (struct sockaddr *)&a, len), EINVAL);
	REQUIRE(stat("b2", &st) < 0 && errno == ENOENT, "rebind left b2");
	len = path_addr(&a, "file");
	REQUIRE_ERR(bind(fd, (struct sockaddr *)&a, len), EADDRINUSE);
	/* Another socket on the same name. */
	fd2 = socket(AF_UNIX, SOCK_DGRAM, 0);
	len = path_addr(&a, "b1");
	REQUIRE_ERR(bind(fd2, (struct sockaddr *)&a, len), EADDRINUSE);
}

static void bind_eacces(void)
{
	struct sockaddr_un a;
	socklen_t len;
	int fd;

	REQUIRE_OK(mkdir("ro", 0755));
	REQUIRE(become_nobody(), "cannot become nobody");
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	len = path_addr(&a, "ro/s");
	REQUIRE_ERR(bind(fd, (struct sockaddr *)&a, len), EACCES);
}

static void abstract_names(void)
{
	struct sockaddr_un a, got;
	socklen_t len = abstract_addr(&a, "abs"), gl = sizeof got;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0), fd2, fd3;

	REQUIRE_OK(bind(fd, (struct sockaddr *)&a, len));
	REQUIRE_OK(getsockname(fd, (struct sockaddr *)&got, &gl));
	REQUIRE(gl == len && !memcmp(&got, &a, len), "getsockname len %u, want %u",
		(unsigned)gl, (unsigned)len);
	fd2 = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE_ERR(bind(fd2, (struct sockaddr *)&a, len), EADDRINUSE);
	/* The same bytes one shorter or longer are other names. */
	REQUIRE_OK(bind(fd2, (struct sockaddr *)&a, len - 1));
	fd3 = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE_OK(bind(fd3, (struct sockaddr *)&a, len + 1));
	/* Each type has its own abstract names. */
	fd3 = socket(AF_UNIX, SOCK_DGRAM, 0);
	REQUIRE_OK(bind(fd3, (struct sockaddr *)&a, len));
	/* Freed when the socket closes. */
	close(fd);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE_OK(bind(fd, (struct sockaddr *)&a, len));
	/* A stream connect to a datagram-only abstract name: refused. */
	close(fd);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE_ERR(connect(fd, (struct sockaddr *)&a, len), ECONNREFUSED);
}

static int is_hex5(const char *p)
{
	int i;

	for (i = 0; i < 5; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f')))
			return 0;
	return 1;
}

static void autobind(void)
{
	struct sockaddr_un a, got, got2;
	socklen_t gl = sizeof got;
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0), fd2;

	memset(&a, 0, sizeof a);
	a.sun_family = AF_UNIX;
	REQUIRE_OK(bind(fd, (struct sockaddr *)&a, SUN_OFF));
	REQUIRE_OK(getsockname(fd, (struct sockaddr *)&got, &gl));
	REQUIRE(gl == SUN_OFF + 6 && got.sun_path[0] == 0 && is_hex5(got.sun_path + 1),
		"autobind name: len %u", (unsigned)gl);
	/* Again: no change, no error. */
	REQUIRE_OK(bind(fd, (struct sockaddr *)&a, SUN_OFF));
	gl = sizeof got2;
	REQUIRE_OK(getsockname(fd, (struct sockaddr *)&got2, &gl));
	REQUIRE(gl == SUN_OFF + 6 && !memcmp(&got, &got2, gl), "name changed");
	/* Another socket gets another name; others can send to it. */
	fd2 = socket(AF_UNIX, SOCK_DGRAM, 0);
	REQUIRE_OK(bind(fd2, (struct sockaddr *)&a, SUN_OFF));
	gl = sizeof got2;
	REQUIRE_OK(getsockname(fd2, (struct sockaddr *)&got2, &gl));
	REQUIRE(memcmp(&got, &got2, SUN_OFF + 6), "two sockets, one name");
	REQUIRE(sendto(fd2, "hi", 2, 0, (struct sockaddr *)&got, SUN_OFF + 6) == 2,
		"sendto the autobound name: %s", errname(errno));
	/* A bound socket takes no other name. */
	gl = path_addr(&a, "later");
	REQUIRE_ERR(bind(fd, (struct sockaddr *)&a, gl), EINVAL);
}

/* SO_PASSCRED makes an unbound socket autobind when it sends or connects. */
static void autobind_passcred(void)
{
	struct sockaddr_un a, from;
	socklen_t len = abstract_addr(&a, "pc"), fl = sizeof from;
	int r = socket(AF_UNIX, SOCK_DGRAM, 0), s = socket(AF_UNIX, SOCK_DGRAM, 0);
	int on = 1, l, c;
	char buf[8];

	REQUIRE_OK(bind(r, (struct sockaddr *)&a, len));
	REQUIRE(sendto(s, "a", 1, 0, (struct sockaddr *)&a, len) == 1, "sendto");
	REQUIRE(recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl) == 1 &&
		fl == 0, "unbound sender: addrlen %u", (unsigned)fl);
	REQUIRE_OK(setsockopt(s, SOL_SOCKET, SO_PASSCRED, &on, sizeof on));
	REQUIRE(sendto(s, "b", 1, 0, (struct sockaddr *)&a, len) == 1, "sendto");
	fl = sizeof from;
	REQUIRE(recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl) == 1 &&
		fl == SUN_OFF + 6 && from.sun_path[0] == 0 && is_hex5(from.sun_path + 1),
		"SO_PASSCRED sender: addrlen %u", (unsigned)fl);

	l = listener(SOCK_STREAM, "L", 5);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE(l >= 0, "listener");
	REQUIRE_OK(setsockopt(c, SOL_SOCKET, SO_PASSCRED, &on, sizeof on));
	REQUIRE_OK(connect_path(c, "L"));
	fl = sizeof from;
	REQUIRE_OK(getsockname(c, (struct sockaddr *)&from, &fl));
	REQUIRE(fl == SUN_OFF + 6, "connect with SO_PASSCRED: name len %u", (unsigned)fl);
}

static void getname_lengths(void)
{
	struct sockaddr_un a, got;
	socklen_t gl = sizeof got;
	char path[120];
	int fd = socket(AF_UNIX, SOCK_STREAM, 0), sv[2];

	/* Unbound: just the family. */
	REQUIRE_OK(getsockname(fd, (struct sockaddr *)&got, &gl));
	REQUIRE(gl == SUN_OFF && got.sun_family == AF_UNIX, "unbound: len %u",
		(unsigned)gl);
	REQUIRE_ERR(getpeername(fd, (struct sockaddr *)&got, &gl), ENOTCONN);
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	gl = sizeof got;
	REQUIRE_OK(getpeername(sv[0], (struct sockaddr *)&got, &gl));
	REQUIRE(gl == SUN_OFF, "socketpair peer: len %u", (unsigned)gl);
	/* The longest path with its NUL fills sun_path: 110. */
	memset(path, 'p', 107);
	path[107] = 0;
	gl = path_addr(&a, path);
	REQUIRE(gl == sizeof a, "setup");
	REQUIRE_OK(bind(fd, (struct sockaddr *)&a, gl));
	gl = sizeof got;
	REQUIRE_OK(getsockname(fd, (struct sockaddr *)&got, &gl));
	REQUIRE(gl == sizeof a && !memcmp(got.sun_path, path, 108), "len %u", (unsigned)gl);
	/* A short buffer gets the first bytes and the full length. */
	gl = 4;
	memset(&got, 0x55, sizeof got);
	REQUIRE_OK(getsockname(fd, (struct sockaddr *)&got, &gl));
	REQUIRE(gl == sizeof a && got.sun_path[0] == 'p' && got.sun_path[1] == 'p' &&
		(unsigned char)got.sun_path[2] == 0x55, "short buffer: len %u", (unsigned)gl);
	/* A name given with trailing bytes after its NUL counts to the NUL. */
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	path_addr(&a, "t1");
	memcpy(a.sun_path + 3, "junk", 4);
	REQUIRE_OK(bind(fd, (struct sockaddr *)&a, sizeof a));
	gl = sizeof got;
	REQUIRE_OK(getsockname(fd, (struct sockaddr *)&got, &gl));
	REQUIRE(gl == SUN_OFF + 3, "trailing junk: len %u", (unsigned)gl);
	/* No NUL given: the length decides where the path ends. */
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	path_addr(&a, "t2xyz");
	REQUIRE_OK(bind(fd, (struct sockaddr *)&a, SUN_OFF + 2));
	REQUIRE(access("t2", F_OK) == 0, "no node t2");
	gl = sizeof got;
	REQUIRE_OK(getsockname(fd, (struct sockaddr *)&got, &gl));
	REQUIRE(gl == SUN_OFF + 3 && !memcmp(got.sun_path, "t2", 3), "len %u", (unsigned)gl);
}

static void connect_errors(void)
{
	struct sockaddr_un a;
	socklen_t len;
	int s = socket(AF_UNIX, SOCK_STREAM, 0), d = socket(AF_UNIX, SOCK_DGRAM, 0);
	int l, b;

	len = path_addr(&a, "missing");
	REQUIRE_ERR(connect(s, (struct sockaddr *)&a, len), ENOENT);
	REQUIRE_ERR(connect(d, (struct sockaddr *)&a, len), ENOENT);
	REQUIRE_ERR(sendto(d, "x", 1, 0, (struct sockaddr *)&a, len), ENOENT);
	len = path_addr(&a, "nodir/x");
	REQUIRE_ERR(connect(s, (struct sockaddr *)&a, len), ENOENT);
	REQUIRE_OK(close(open("reg", O_CREAT | O_WRONLY, 0666)));
	len = path_addr(&a, "reg/x");
	REQUIRE_ERR(connect(s, (struct sockaddr *)&a, len), ENOTDIR);
	/* Not a socket node: refused. */
	len = path_addr(&a, "reg");
	REQUIRE_ERR(connect(s, (struct sockaddr *)&a, len), ECONNREFUSED);
	REQUIRE_ERR(sendto(d, "x", 1, 0, (struct sockaddr *)&a, len), ECONNREFUSED);
	/* A socket node whose socket is gone: refused. */
	REQUIRE_OK(mknod("fake", S_IFSOCK | 0666, 0));
	len = path_addr(&a, "fake");
	REQUIRE_ERR(connect(s, (struct sockaddr *)&a, len), ECONNREFUSED);
	/* Bound but not listening: refused. */
	b = socket(AF_UNIX, SOCK_STREAM, 0);
	len = path_addr(&a, "notlistening");
	REQUIRE_OK(bind(b, (struct sockaddr *)&a, len));
	REQUIRE_ERR(connect(s, (struct sockaddr *)&a, len), ECONNREFUSED);
	/* Another type at the name (connect03). */
	l = listener(SOCK_STREAM, "stream", 5);
	REQUIRE(l >= 0, "listener");
	REQUIRE_ERR(connect_path(d, "stream"), EPROTOTYPE);
	REQUIRE_ERR(sendto(d, "x", 1, 0, (struct sockaddr *)&a,
			   path_addr(&a, "stream")), EPROTOTYPE);
	b = socket(AF_UNIX, SOCK_DGRAM, 0);
	len = path_addr(&a, "dgram");
	REQUIRE_OK(bind(b, (struct sockaddr *)&a, len));
	REQUIRE_ERR(connect(s, (struct sockaddr *)&a, len), EPROTOTYPE);
	b = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	REQUIRE_ERR(connect_path(b, "stream"), EPROTOTYPE);
	/* Bad addresses. */
	REQUIRE_ERR(connect(s, (struct sockaddr *)&a, SUN_OFF), EINVAL);
	REQUIRE_ERR(connect(s, (struct sockaddr *)&a, sizeof a + 1), EINVAL);
	a.sun_family = AF_INET;
	REQUIRE_ERR(connect(s, (struct sockaddr *)&a, len), EINVAL);
	REQUIRE_ERR(connect(d, (struct sockaddr *)&a, len), EINVAL);
	REQUIRE_ERR(connect(d, (struct sockaddr *)&a, 1), EINVAL);
	/* An abstract name nobody has. */
	len = abstract_addr(&a, "nobody-here");
	REQUIRE_ERR(connect(s, (struct sockaddr *)&a, len), ECONNREFUSED);
	REQUIRE_ERR(sendto(d, "x", 1, 0, (struct sockaddr *)&a, len), ECONNREFUSED);
}

/* connect and sendto need write permission on the node (connect03). */
static void connect_eacces(void)
{
	struct sockaddr_un a;
	socklen_t len;
	int l = listener(SOCK_STREAM, "ls", 5), d = socket(AF_UNIX, SOCK_DGRAM, 0);
	int s;

	REQUIRE(l >= 0, "listener");
	len = path_addr(&a, "ds");
	REQUIRE_OK(bind(d, (struct sockaddr *)&a, len));
	REQUIRE_OK(chmod("ls", 0755));
	REQUIRE_OK(chmod("ds", 0755));
	REQUIRE_OK(chmod(".", 0755));
	REQUIRE(become_nobody(), "cannot become nobody");
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE_ERR(connect_path(s, "ls"), EACCES);
	s = socket(AF_UNIX, SOCK_DGRAM, 0);
	REQUIRE_ERR(sendto(s, "x", 1, 0, (struct sockaddr *)&a, len), EACCES);
	REQUIRE_ERR(connect(s, (struct sockaddr *)&a, len), EACCES);
}

/* A relative name is looked up from the caller's directory, each time. */
static void relative_names(void)
{
	int l = listener(SOCK_STREAM, "rel", 5), s;
	char cwd[256];

	REQUIRE(l >= 0 && getcwd(cwd, sizeof cwd), "setup");
	REQUIRE_OK(mkdir("sub", 0755));
	REQUIRE_OK(chdir("sub"));
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE_ERR(connect_path(s, "rel"), ENOENT);
	REQUIRE_OK(connect_path(s, "../rel"));
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	strcat(cwd, "/rel");
	REQUIRE_OK(connect_path(s, cwd));
	/* A symlink to the node works too. */
	REQUIRE_OK(symlink(cwd, "link"));
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE_OK(connect_path(s, "link"));
	/* Renamed, the node still leads to the socket. */
	REQUIRE_OK(rename(cwd, "moved"));
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE_OK(connect_path(s, "moved"));
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(create_types),
		CHECK(bind_path),
		CHECK(bind_errors),
		CHECK(bind_eacces),
		CHECK(abstract_names),
		CHECK(autobind),
		CHECK(autobind_passcred),
		CHECK(getname_lengths),
		CHECK(connect_errors),
		CHECK(connect_eacces),
		CHECK(relative_names),
	};

	return run_checks("unix_names", checks, NCHECKS(checks));
}
