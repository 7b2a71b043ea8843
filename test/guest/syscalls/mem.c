/*
 * mem.c - memory: brk, mmap (anonymous, file private/shared, /dev/shm
 * shared across fork), munmap, mprotect and the faults it causes, mremap,
 * madvise, and the errors of each.
 */
#include "../check.h"

#include <setjmp.h>
#include <stdint.h>
#include <sys/mman.h>

#define PAGE 4096

/* Runs fn in a child; returns the child's wait status. */
static int in_child(void (*fn)(void *), void *arg)
{
	pid_t pid = fork();

	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	return wait_status(pid);
}

static void brk_grow_shrink(void)
{
	char *cur = (char *)syscall(SYS_brk, 0), *got;

	REQUIRE(cur != NULL && cur != (char *)-1, "brk(0) = %p", (void *)cur);
	got = (char *)syscall(SYS_brk, cur + 64 * 1024);
	REQUIRE(got == cur + 64 * 1024, "grow: brk = %p, want %p",
		(void *)got, (void *)(cur + 64 * 1024));
	REQUIRE(cur[0] == 0 && cur[64 * 1024 - 1] == 0,
		"new break memory is not zero");
	memset(cur, 0x5a, 64 * 1024);
	got = (char *)syscall(SYS_brk, cur);
	REQUIRE(got == cur, "shrink: brk = %p", (void *)got);
	got = (char *)syscall(SYS_brk, cur + PAGE);
	REQUIRE(got == cur + PAGE && cur[0] == 0,
		"memory given back and taken again is not zero");
}

static void brk_invalid_keeps_break(void)
{
	char *cur = (char *)syscall(SYS_brk, 0);

	/* Linux answers a failed brk with the unchanged break, not -1. */
	REQUIRE((char *)syscall(SYS_brk, 4096) == cur,
		"brk below the data segment moved the break");
	REQUIRE((char *)syscall(SYS_brk, 0) == cur, "break moved");
}

static void mmap_anon_zeroed(void)
{
	size_t len = 1 << 20, i;
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	REQUIRE(p != MAP_FAILED, "mmap: %s", errname(errno));
	REQUIRE(((uintptr_t)p & (PAGE - 1)) == 0, "not page aligned: %p",
		(void *)p);
	for (i = 0; i < len; i += 512)
		REQUIRE(p[i] == 0, "byte %zu not zero", i);
	memset(p, 0xab, len);
	REQUIRE(p[len - 1] == 0xab, "write lost");
	REQUIRE_OK(munmap(p, len));
}

static int make_file(const char *name, size_t len)
{
	char buf[PAGE];
	size_t i;
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return -1;
	for (i = 0; i < sizeof buf; i++)
		buf[i] = (char)('a' + i % 26);
	for (i = 0; i < len; i += sizeof buf)
		if (write(fd, buf, sizeof buf) != (ssize_t)sizeof buf)
			return -1;
	return fd;
}

static void mmap_file_private(void)
{
	char buf[4];
	int fd = make_file("private", 2 * PAGE);
	char *p;

	REQUIRE_OK(fd);
	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	REQUIRE(p != MAP_FAILED, "mmap: %s", errname(errno));
	REQUIRE(p[0] == 'a' && p[PAGE + 1] == 'b',
		"mapping does not show the file");
	p[0] = 'Z';
	REQUIRE(pread(fd, buf, 1, 0) == 1, "pread: %s", errname(errno));
	REQUIRE(buf[0] == 'a', "private write reached the file");
	REQUIRE(pwrite(fd, "QQ", 2, 0) == 2, "pwrite: %s", errname(errno));
	/* The page we wrote is our copy. */
	REQUIRE(p[0] == 'Z' && p[1] == 'b', "private copy lost: \"%.2s\"", p);
}

/*
 * A private file page that was only read still shows the file as it is
 * now: mmap(2) leaves it unspecified, Linux maps the file's own page
 * until the first write copies it.
 */
static void mmap_file_private_sees_file_writes(void)
{
	int fd = make_file("private2", 2 * PAGE);
	char *p;

	REQUIRE_OK(fd);
	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	REQUIRE(p != MAP_FAILED, "mmap: %s", errname(errno));
	REQUIRE(p[PAGE + 1] == 'b', "mapping does not show the file");
	REQUIRE(pwrite(fd, "Q", 1, PAGE) == 1, "pwrite: %s", errname(errno));
	REQUIRE(p[PAGE] == 'Q', "the file's write is not seen through the "
		"private page that was only read ('%c')", p[PAGE]);
	p[PAGE] = 'Z';
	REQUIRE(pwrite(fd, "R", 1, PAGE + 2) == 1, "pwrite: %s", errname(errno));
	REQUIRE(p[PAGE] == 'Z' && p[PAGE + 2] == 'c',
		"after our write the page is our copy: \"%.3s\"", p + PAGE);
}

static void mmap_file_offset(void)
{
	int fd = make_file("offset", 3 * PAGE);
	char *p;

	REQUIRE_OK(fd);
	REQUIRE(pwrite(fd, "XYZ", 3, 2 * PAGE) == 3, "pwrite: %s", errname(errno));
	p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 2 * PAGE);
	REQUIRE(p != MAP_FAILED, "mmap: %s", errname(errno));
	REQUIRE(memcmp(p, "XYZ", 3) == 0, "offset mapping shows the wrong page");
	REQUIRE(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 100) == MAP_FAILED &&
		errno == EINVAL, "unaligned offset not EINVAL");
}

static void mmap_file_shared(void)
{
	char buf[8];
	int fd = make_file("shared", PAGE);
	char *p;

	REQUIRE_OK(fd);
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(p != MAP_FAILED, "mmap: %s", errname(errno));
	memcpy(p + 100, "hello", 5);
	REQUIRE_OK(msync(p, PAGE, MS_SYNC));
	REQUIRE(pread(fd, buf, 5, 100) == 5 && memcmp(buf, "hello", 5) == 0,
		"shared write not in the file");
	REQUIRE(pwrite(fd, "world", 5, 200) == 5, "pwrite: %s", errname(errno));
	REQUIRE(memcmp(p + 200, "world", 5) == 0,
		"file write not in the shared mapping");
}

static void mmap_shm_across_fork(void)
{
	int fd = open("/dev/shm/tern-mem-check", O_RDWR | O_CREAT | O_TRUNC,
		      0600);
	volatile int *p;
	pid_t pid;
	int st;

	REQUIRE_OK(fd);
	REQUIRE_OK(unlink("/dev/shm/tern-mem-check"));
	REQUIRE_OK(ftruncate(fd, PAGE));
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(p != MAP_FAILED, "mmap: %s", errname(errno));
	pid = fork();
	if (pid == 0) {
		p[10] = 1234;
		while (p[11] != 5678)
			sleep_ms(1);
		_exit(0);
	}
	while (p[10] != 1234)
		sleep_ms(1);
	p[11] = 5678;
	st = wait_status(pid);
	REQUIRE(st == 0, "child status 0x%x", st);
}

static void mmap_anon_shared_fork(void)
{
	int *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid;

	REQUIRE(p != MAP_FAILED, "mmap: %s", errname(errno));
	pid = fork();
	if (pid == 0) {
		p[0] = 77;
		_exit(0);
	}
	REQUIRE(wait_status(pid) == 0, "child failed");
	REQUIRE(p[0] == 77, "child's write to MAP_SHARED not seen (%d)", p[0]);
}

static void mmap_private_cow_fork(void)
{
	int *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pid_t pid;
	int st;

	REQUIRE(p != MAP_FAILED, "mmap: %s", errname(errno));
	p[0] = 1;
	pid = fork();
	if (pid == 0) {
		p[0] = 2;
		_exit(p[0] == 2 ? 0 : 1);
	}
	st = wait_status(pid);
	REQUIRE(st == 0, "child status 0x%x", st);
	REQUIRE(p[0] == 1, "child's private write reached the parent");
}

static void touch_byte(void *p)
{
	*(volatile char *)p = 1;
}

static void read_byte(void *p)
{
	(void)*(volatile char *)p;
}

static void munmap_then_segv(void)
{
	char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int st;

	REQUIRE(p != MAP_FAILED, "mmap: %s", errname(errno));
	REQUIRE_OK(munmap(p + PAGE, PAGE));
	st = in_child(touch_byte, p);
	REQUIRE(st == 0, "the page that stayed mapped faulted (0x%x)", st);
	st = in_child(read_byte, p + PAGE);
	REQUIRE(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
		"reading an unmapped page: status 0x%x, want SIGSEGV", st);
}

static void mprotect_write_segv(void)
{
	char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int st;

	REQUIRE(p != MAP_FAILED, "mmap: %s", errname(errno));
	REQUIRE_OK(mprotect(p, PAGE, PROT_READ));
	st = in_child(read_byte, p);
	REQUIRE(st == 0, "reading a read-only page faulted (0x%x)", st);
	st = in_child(touch_byte, p);
	REQUIRE(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
		"writing a read-only page: status 0x%x, want SIGSEGV", st);
	REQUIRE_OK(mprotect(p, PAGE, PROT_READ | PROT_WRITE));
	st = in_child(touch_byte, p);
	REQUIRE(st == 0, "write after PROT_WRITE came back faulted");
}

static sigjmp_buf segv_jump;
static volatile siginfo_t segv_info;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	segv_info.si_signo = si->si_signo;
	segv_info.si_code = si->si_code;
	segv_info.si_addr = si->si_addr;
	siglongjmp(segv_jump, 1);
}

static int fault_info(void *addr, int write)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	memset((void *)&segv_info, 0, sizeof segv_info);
	if (sigsetjmp(segv_jump, 1) == 0) {
		if (write)
			*(volatile char *)addr = 1;
		else
			(void)*(volatile char *)addr;
		return 0;
	}
	return 1;
}

static void segv_siginfo_accerr(void)
{
	char *p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	REQUIRE(p != MAP_FAILED, "mmap: %s", errname(errno));
	REQUIRE(fault_info(p + 5, 1), "write to a read-only page did not fault");
	REQUIRE(segv_info.si_signo == SIGSEGV && segv_info.si_code == SEGV_ACCERR,
		"signo %d code %d, want SIGSEGV SEGV_ACCERR",
		segv_info.si_signo, segv_info.si_code);
	REQUIRE(segv_info.si_addr == p + 5, "si_addr %p, want %p",
		segv_info.si_addr, (void *)(p + 5));
}

static void segv_siginfo_maperr(void)
{
	char *p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	REQUIRE(p != MAP_FAILED, "mmap: %s", errname(errno));
	REQUIRE_OK(munmap(p, PAGE));
	REQUIRE(fault_info(p + 8, 0), "read of an unmapped page did not fault");
	REQUIRE(segv_info.si_code == SEGV_MAPERR && segv_info.si_addr == p + 8,
		"code %d addr %p, want SEGV_MAPERR at %p", segv_info.si_code,
		segv_info.si_addr, (void *)(p + 8));
}

static void prot_none_faults(void)
{
	char *p = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	REQUIRE(p != MAP_FAILED, "mmap: %s", errname(errno));
	REQUIRE(fault_info(p, 0), "reading PROT_NONE did not fault");
	REQUIRE(segv_info.si_code == SEGV_ACCERR, "code %d, want SEGV_ACCERR",
		segv_info.si_code);
}

static void no_exec_without_prot_exec(void)
{
	/* A lone `ret` instruction. */
	unsigned char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pid_t pid;
	int st;

	REQUIRE(p != MAP_FAILED, "mmap: %s", errname(errno));
	p[0] = 0xc3;
	REQUIRE_OK(mprotect(p, PAGE, PROT_READ | PROT_EXEC));
	((void (*)(void))p)();
	REQUIRE_OK(mprotect(p, PAGE, PROT_READ | PROT_WRITE));
	pid = fork();
	if (pid == 0) {
		((void (*)(void))p)();
		_exit(0);
	}
	st = wait_status(pid);
	REQUIRE(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
		"calling into a non-executable page: status 0x%x", st);
}

static void mremap_grow_move(void)
{
	size_t i;
	char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *q;

	REQUIRE(p != MAP_FAILED, "mmap: %s", errname(errno));
	/* Occupy the page after p so growing in place is impossible. */
	REQUIRE(mmap(p + PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
		     MAP_FIXED_NOREPLACE, -1, 0) != MAP_FAILED ||
		errno == EEXIST, "could not place a neighbour");
	for (i = 0; i < PAGE; i++)
		p[i] = (char)i;
	q = mremap(p, PAGE, 16 * PAGE, MREMAP_MAYMOVE);
	REQUIRE(q != MAP_FAILED, "mremap: %s", errname(errno));
	/* The neighbour is in the way: the mapping moved, and its old
	 * place is unmapped (mprotect(2) answers ENOMEM there). */
	REQUIRE(q != p, "grew in place over the neighbour");
	REQUIRE_ERR(mprotect(p, PAGE, PROT_READ), ENOMEM);
	for (i = 0; i < PAGE; i++)
		REQUIRE(q[i] == (char)i, "byte %zu lost in the move", i);
	REQUIRE(q[15 * PAGE] == 0, "grown part not zero");
	q[16 * PAGE - 1] = 1;
	q = mremap(q, 16 * PAGE, 2 * PAGE, 0);
	REQUIRE(q != MAP_FAILED, "shrink: %s", errname(errno));
	REQUIRE(q[5] == 5, "shrink lost data");
}

static void mremap_errors(void)
{
	char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	REQUIRE(p != MAP_FAILED, "mmap: %s", errname(errno));
	REQUIRE(mremap(p + 1, PAGE, 2 * PAGE, MREMAP_MAYMOVE) == MAP_FAILED &&
		errno == EINVAL, "unaligned address: %s", errname(errno));
	REQUIRE(mremap(p, PAGE, 2 * PAGE, 0xf0) == MAP_FAILED &&
		errno == EINVAL, "bad flags: %s", errname(errno));
	REQUIRE_OK(munmap(p + PAGE, PAGE));
	REQUIRE(mmap(p + PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
		     MAP_FIXED, -1, 0) == p + PAGE, "refill");
	/* Growing in place over a neighbour without MAYMOVE: ENOMEM. */
	REQUIRE(mremap(p, PAGE, 2 * PAGE, 0) == MAP_FAILED && errno == ENOMEM,
		"grow into a neighbour: %s", errname(errno));
}

static void mmap_errors(void)
{
	int fd = make_file("ro", PAGE);

	REQUIRE_OK(fd);
	REQUIRE(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) ==
		MAP_FAILED && errno == EINVAL, "len 0: %s", errname(errno));
	REQUIRE(mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0) ==
		MAP_FAILED && errno == EINVAL, "neither PRIVATE nor SHARED: %s",
		errname(errno));
	REQUIRE(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, -1, 0) == MAP_FAILED &&
		errno == EBADF, "file mapping of fd -1: %s", errname(errno));
	close(fd);
	fd = open("ro", O_RDONLY);
	REQUIRE_OK(fd);
	REQUIRE(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) ==
		MAP_FAILED && errno == EACCES, "writable shared map of a "
		"read-only fd: %s", errname(errno));
	REQUIRE(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0) !=
		MAP_FAILED, "private writable map of a read-only fd: %s",
		errname(errno));
}

static void mmap_fixed_replaces(void)
{
	char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *q;

	REQUIRE(p != MAP_FAILED, "mmap: %s", errname(errno));
	memset(p, 7, 3 * PAGE);
	q = mmap(p + PAGE, PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	REQUIRE(q == p + PAGE, "MAP_FIXED returned %p, want %p", (void *)q,
		(void *)(p + PAGE));
	REQUIRE(p[0] == 7 && q[0] == 0 && p[2 * PAGE] == 7,
		"MAP_FIXED did not replace exactly one page");
	REQUIRE(mmap(p, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
		     MAP_FIXED_NOREPLACE, -1, 0) == MAP_FAILED &&
		errno == EEXIST, "MAP_FIXED_NOREPLACE over a mapping: %s",
		errname(errno));
}

static void munmap_mprotect_errors(void)
{
	char *p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	REQUIRE(p != MAP_FAILED, "mmap: %s", errname(errno));
	REQUIRE_ERR(munmap(p + 1, PAGE), EINVAL);
	REQUIRE_ERR(munmap(p, 0), EINVAL);
	/* musl's mprotect() rounds the address down: ask the kernel. */
	REQUIRE_ERR(syscall(SYS_mprotect, p + 1, PAGE, PROT_READ), EINVAL);
	REQUIRE_ERR(syscall(SYS_mprotect, p, PAGE, 0x1000), EINVAL);
	REQUIRE_OK(munmap(p, PAGE));
	/* Unmapping nothing is not an error; protecting nothing is. */
	REQUIRE_OK(munmap(p, PAGE));
	REQUIRE_ERR(mprotect(p, PAGE, PROT_READ), ENOMEM);
}

static void madvise_dontneed_zeroes(void)
{
	char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	REQUIRE(p != MAP_FAILED, "mmap: %s", errname(errno));
	memset(p, 1, 4 * PAGE);
	REQUIRE_OK(madvise(p, 4 * PAGE, MADV_DONTNEED));
	REQUIRE(p[0] == 0 && p[3 * PAGE + 7] == 0,
		"anonymous page not zero after MADV_DONTNEED");
	REQUIRE_ERR(madvise(p + 1, PAGE, MADV_DONTNEED), EINVAL);
}

static void mmap_large_lazy(void)
{
	/* 64 MiB of address space, touched sparsely. */
	size_t len = 64u << 20, i;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	REQUIRE(p != MAP_FAILED, "mmap: %s", errname(errno));
	for (i = 0; i < len; i += 1u << 20)
		p[i] = (char)(i >> 20);
	for (i = 0; i < len; i += 1u << 20)
		REQUIRE(p[i] == (char)(i >> 20), "lost a write at %zu", i);
	REQUIRE_OK(munmap(p, len));
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(brk_grow_shrink),
		CHECK(brk_invalid_keeps_break),
		CHECK(mmap_anon_zeroed),
		CHECK(mmap_file_private),
		CHECK(mmap_file_private_sees_file_writes),
		CHECK(mmap_file_offset),
		CHECK(mmap_file_shared),
		CHECK(mmap_shm_across_fork),
		CHECK(mmap_anon_shared_fork),
		CHECK(mmap_private_cow_fork),
		CHECK(munmap_then_segv),
		CHECK(mprotect_write_segv),
		CHECK(segv_siginfo_accerr),
		CHECK(segv_siginfo_maperr),
		CHECK(prot_none_faults),
		CHECK(no_exec_without_prot_exec),
		CHECK(mremap_grow_move),
		CHECK(mremap_errors),
		CHECK(mmap_errors),
		CHECK(mmap_fixed_replaces),
		CHECK(munmap_mprotect_errors),
		CHECK(madvise_dontneed_zeroes),
		CHECK(mmap_large_lazy),
	};

	return run_checks("mem", checks, NCHECKS(checks));
}
