/*
 * memfd.c - memfd_create(2) and file seals: the unlinked tmpfs file, its
 * name in /proc, flag and name checks, and what F_SEAL_SHRINK, GROW,
 * WRITE and SEAL refuse (write, ftruncate, mmap, mprotect), F_SEAL_WRITE
 * against a writable shared mapping.  memfd_create(2), fcntl(2).
 */
#define _GNU_SOURCE
#include "../check.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>

static int memfd(const char *name, unsigned int flags)
{
	return (int)syscall(SYS_memfd_create, name, flags);
}

static void create_and_name(void)
{
	char link[64], want[64];
	struct stat st;
	int fd = memfd("tern-test", MFD_CLOEXEC | MFD_ALLOW_SEALING);

	REQUIRE(fd >= 0, "memfd_create: %s", errname(errno));
	REQUIRE_RET(fcntl(fd, F_GETFD), FD_CLOEXEC);
	REQUIRE(fcntl(fd, F_GETFL) & O_RDWR, "not O_RDWR");
	REQUIRE_OK(fstat(fd, &st));
	REQUIRE(st.st_mode == (S_IFREG | 0777), "mode %o", st.st_mode);
	REQUIRE(st.st_nlink == 0 && st.st_size == 0, "nlink %lu size %ld",
		(unsigned long)st.st_nlink, (long)st.st_size);
	snprintf(want, sizeof(want), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(want, link, sizeof(link) - 1);
	REQUIRE(n > 0, "readlink: %s", errname(errno));
	link[n] = 0;
	REQUIRE(!strcmp(link, "/memfd:tern-test (deleted)"), "link '%s'", link);
	REQUIRE_RET(write(fd, "hello", 5), 5);
	REQUIRE_RET(pread(fd, link, 5, 0), 5);
	REQUIRE(!memcmp(link, "hello", 5), "read back '%.5s'", link);
	REQUIRE_OK(ftruncate(fd, 8192));
	REQUIRE_OK(fstat(fd, &st));
	REQUIRE(st.st_size == 8192, "size %ld", (long)st.st_size);
	/* Two of one name are two files. */
	int fd2 = memfd("tern-test", 0);
	REQUIRE(fd2 >= 0, "second memfd: %s", errname(errno));
	REQUIRE_RET(fcntl(fd2, F_GETFD), 0);
	REQUIRE_OK(fstat(fd2, &st));
	REQUIRE(st.st_size == 0, "second memfd size %ld", (long)st.st_size);
	close(fd2);
	close(fd);
}

static void create_errors(void)
{
	char name[260];

	REQUIRE_ERR(memfd("x", 0x100), EINVAL);
	REQUIRE_ERR(memfd((const char *)8, 0), EFAULT);
	memset(name, 'n', sizeof(name));
	name[250] = 0;
	REQUIRE_ERR(memfd(name, 0), EINVAL);
	name[249] = 0;
	int fd = memfd(name, 0);
	REQUIRE(fd >= 0, "a 249-byte name: %s", errname(errno));
	close(fd);
	fd = memfd("", 0);
	REQUIRE(fd >= 0, "an empty name: %s", errname(errno));
	close(fd);
}

static void sealing_needs_allow(void)
{
	int fd = memfd("noseal", 0), p[2];

	REQUIRE(fd >= 0, "memfd_create");
	REQUIRE_RET(fcntl(fd, F_GET_SEALS), F_SEAL_SEAL);
	REQUIRE_ERR(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EPERM);
	close(fd);
	REQUIRE_OK(pipe(p));
	REQUIRE_ERR(fcntl(p[0], F_GET_SEALS), EINVAL);
	REQUIRE_ERR(fcntl(p[0], F_ADD_SEALS, F_SEAL_WRITE), EPERM);	/* not writable */
	REQUIRE_ERR(fcntl(p[1], F_ADD_SEALS, F_SEAL_WRITE), EINVAL);
	close(p[0]);
	close(p[1]);
	/* A tmpfs file that is not a memfd: sealed against sealing. */
	fd = open("/tmp/seal-test", O_RDWR | O_CREAT | O_TRUNC, 0600);
	REQUIRE(fd >= 0, "open /tmp/seal-test");
	REQUIRE_RET(fcntl(fd, F_GET_SEALS), F_SEAL_SEAL);
	REQUIRE_ERR(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW), EPERM);
	close(fd);
	unlink("/tmp/seal-test");
}

static void shrink_and_grow(void)
{
	int fd = memfd("sg", MFD_ALLOW_SEALING);
	char buf[16];

	REQUIRE(fd >= 0, "memfd_create");
	REQUIRE_RET(fcntl(fd, F_GET_SEALS), 0);
	REQUIRE_ERR(fcntl(fd, F_ADD_SEALS, 0x40), EINVAL);
	REQUIRE_RET(write(fd, "0123456789", 10), 10);
	REQUIRE_OK(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK));
	REQUIRE_RET(fcntl(fd, F_GET_SEALS), F_SEAL_SHRINK);
	REQUIRE_ERR(ftruncate(fd, 5), EPERM);
	REQUIRE_OK(ftruncate(fd, 20));
	REQUIRE_OK(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW));
	REQUIRE_RET(fcntl(fd, F_GET_SEALS), F_SEAL_SHRINK | F_SEAL_GROW);
	REQUIRE_ERR(ftruncate(fd, 21), EPERM);
	REQUIRE_OK(ftruncate(fd, 20));
	REQUIRE_RET(pwrite(fd, "ab", 2, 18), 2);		/* inside: fine */
	REQUIRE_ERR(pwrite(fd, "abc", 3, 18), EPERM);	/* past the end */
	REQUIRE_RET(pread(fd, buf, 2, 18), 2);
	REQUIRE(!memcmp(buf, "ab", 2), "pwrite inside lost");
	close(fd);
}

static void write_seal(void)
{
	int fd = memfd("w", MFD_ALLOW_SEALING);

	REQUIRE(fd >= 0, "memfd_create");
	REQUIRE_OK(ftruncate(fd, 4096));
	char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(m != MAP_FAILED, "mmap shared: %s", errname(errno));
	m[0] = 'M';
	REQUIRE_ERR(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EBUSY);
	REQUIRE_OK(munmap(m, 4096));
	REQUIRE_OK(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
	REQUIRE_ERR(write(fd, "x", 1), EPERM);
	REQUIRE_ERR(pwrite(fd, "x", 1, 0), EPERM);
	REQUIRE(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED &&
		errno == EPERM, "writable shared mmap of a sealed file: %s", errname(errno));
	char *r = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	REQUIRE(r != MAP_FAILED, "read-only shared mmap: %s", errname(errno));
	REQUIRE(r[0] == 'M', "the mapping's write was lost");
	REQUIRE_ERR(mprotect(r, 4096, PROT_READ | PROT_WRITE), EACCES);
	munmap(r, 4096);
	char *pv = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	REQUIRE(pv != MAP_FAILED, "private mmap: %s", errname(errno));
	pv[0] = 'p';	/* a private copy: the file does not change */
	char c;
	REQUIRE_RET(pread(fd, &c, 1, 0), 1);
	REQUIRE(c == 'M', "the file changed through a private mapping");
	munmap(pv, 4096);
	REQUIRE_OK(fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL));
	REQUIRE_ERR(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK), EPERM);
	REQUIRE_RET(fcntl(fd, F_GET_SEALS), F_SEAL_WRITE | F_SEAL_SEAL);
	close(fd);
}

/* F_ADD_SEALS needs a descriptor open for writing. */
static void add_needs_write(void)
{
	char path[64];
	int fd = memfd("ro", MFD_ALLOW_SEALING);

	REQUIRE(fd >= 0, "memfd_create");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	int ro = open(path, O_RDONLY);
	REQUIRE(ro >= 0, "reopen %s: %s", path, errname(errno));
	REQUIRE_ERR(fcntl(ro, F_ADD_SEALS, F_SEAL_GROW), EPERM);
	REQUIRE_RET(fcntl(ro, F_GET_SEALS), 0);
	REQUIRE_OK(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW));
	REQUIRE_RET(fcntl(ro, F_GET_SEALS), F_SEAL_GROW);
	close(ro);
	close(fd);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(create_and_name),
		CHECK(create_errors),
		CHECK(sealing_needs_allow),
		CHECK(shrink_and_grow),
		CHECK(write_seal),
		CHECK(add_needs_write),
	};

	return run_checks("memfd", checks, NCHECKS(checks));
}
