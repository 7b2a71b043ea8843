/*
 * vdso.c - the vDSO (vdso(7)): AT_SYSINFO_EHDR names an ELF image that
 * exports __vdso_clock_gettime, __vdso_gettimeofday, __vdso_time,
 * __vdso_clock_getres and __vdso_getcpu at version LINUX_2.6; each
 * agrees with its system call (vDSO readings bracketed by syscall
 * readings), the clocks never go back, realtime follows clock_settime
 * and settimeofday at once, coarse clocks are never ahead of the fine
 * ones, [vdso] and [vvar] are in /proc/self/maps, the data page cannot
 * be written, a write to the (made writable) image stays private to the
 * process, and the vDSO survives fork and exec.
 */
#include "../check.h"

#include <elf.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/time.h>

typedef int (*gettime_fn)(clockid_t, struct timespec *);
typedef int (*gettimeofday_fn)(struct timeval *, void *);
typedef long (*time_fn)(long *);
typedef long (*getcpu_fn)(unsigned *, unsigned *, void *);

struct vdso {
	uintptr_t base;		/* the ELF header (AT_SYSINFO_EHDR) */
	uintptr_t bias;		/* load address - link address */
	const Elf64_Sym *syms;
	const char *strs;
	const Elf64_Half *versym;
	const Elf64_Verdef *verdef;
	size_t nsyms;
};

static const char *const exported[] = {
	"__vdso_clock_gettime", "__vdso_gettimeofday", "__vdso_time",
	"__vdso_clock_getres", "__vdso_getcpu",
};

/* The clocks the vDSO answers itself on Tern; the rest must fall back. */
static const clockid_t vdso_clocks[] = {
	CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_REALTIME_COARSE,
	CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME, CLOCK_TAI,
};

static long long ts_ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000LL + t->tv_nsec;
}

static long long sys_now(clockid_t c)
{
	struct timespec ts;

	if (syscall(SYS_clock_gettime, c, &ts) != 0)
		return -1;
	return ts_ns(&ts);
}

/* Parse the image AT_SYSINFO_EHDR names; NULL with *why set if bad. */
static const char *vdso_open(struct vdso *v)
{
	memset(v, 0, sizeof *v);
	v->base = getauxval(AT_SYSINFO_EHDR);
	if (!v->base)
		return "no AT_SYSINFO_EHDR";
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)v->base;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_type != ET_DYN || eh->e_machine != EM_X86_64 ||
	    eh->e_phentsize != sizeof(Elf64_Phdr))
		return "not an x86_64 ELF64 shared object";
	const Elf64_Phdr *ph = (const Elf64_Phdr *)(v->base + eh->e_phoff);
	const Elf64_Dyn *dyn = NULL;
	int have_load = 0;
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !have_load) {
			v->bias = v->base + ph[i].p_offset - ph[i].p_vaddr;
			have_load = 1;
		}
		if (ph[i].p_type == PT_DYNAMIC)
			dyn = (const Elf64_Dyn *)(v->base + ph[i].p_offset);
	}
	if (!have_load || !dyn)
		return "no PT_LOAD or no PT_DYNAMIC";
	const Elf32_Word *hash = NULL;
	for (; dyn->d_tag != DT_NULL; dyn++) {
		uintptr_t p = v->bias + dyn->d_un.d_ptr;
		switch (dyn->d_tag) {
		case DT_SYMTAB: v->syms = (const Elf64_Sym *)p; break;
		case DT_STRTAB: v->strs = (const char *)p; break;
		case DT_HASH: hash = (const Elf32_Word *)p; break;
		case DT_VERSYM: v->versym = (const Elf64_Half *)p; break;
		case DT_VERDEF: v->verdef = (const Elf64_Verdef *)p; break;
		}
	}
	if (!v->syms || !v->strs || !hash || !v->versym || !v->verdef)
		return "DT_SYMTAB, DT_STRTAB, DT_HASH, DT_VERSYM or DT_VERDEF missing";
	v->nsyms = hash[1];	/* nchain: one per symbol */
	return NULL;
}

/* The name of version index ndx, or NULL. */
static const char *vdso_version(const struct vdso *v, unsigned ndx)
{
	const Elf64_Verdef *d = v->verdef;

	for (;;) {
		if ((d->vd_ndx & 0x7fff) == (ndx & 0x7fff)) {
			const Elf64_Verdaux *a = (const Elf64_Verdaux *)((const char *)d + d->vd_aux);
			return v->strs + a->vda_name;
		}
		if (!d->vd_next)
			return NULL;
		d = (const Elf64_Verdef *)((const char *)d + d->vd_next);
	}
}

/* The address of a defined function `name` at version LINUX_2.6, or NULL. */
static void *vdso_sym(const struct vdso *v, const char *name)
{
	for (size_t i = 1; i < v->nsyms; i++) {
		const Elf64_Sym *s = &v->syms[i];
		const char *ver;

		if (ELF64_ST_TYPE(s->st_info) != STT_FUNC || s->st_shndx == SHN_UNDEF ||
		    strcmp(v->strs + s->st_name, name))
			continue;
		ver = vdso_version(v, v->versym[i]);
		if (ver && !strcmp(ver, "LINUX_2.6"))
			return (void *)(v->bias + s->st_value);
	}
	return NULL;
}

/* The five functions, resolved from the image of this process. */
struct vdso_fns {
	gettime_fn gettime, getres;
	gettimeofday_fn gettimeofday;
	time_fn time;
	getcpu_fn getcpu;
};

/* NULL when every function was found, else why not. */
static const char *vdso_resolve(struct vdso_fns *f)
{
	static char why[96];
	void *p[sizeof exported / sizeof exported[0]];
	struct vdso v;
	const char *bad = vdso_open(&v);

	if (bad)
		return bad;
	for (size_t i = 0; i < sizeof p / sizeof p[0]; i++) {
		p[i] = vdso_sym(&v, exported[i]);
		if (!p[i]) {
			snprintf(why, sizeof why, "no %s@LINUX_2.6", exported[i]);
			return why;
		}
	}
	f->gettime = (gettime_fn)p[0];
	f->gettimeofday = (gettimeofday_fn)p[1];
	f->time = (time_fn)p[2];
	f->getres = (gettime_fn)p[3];
	f->getcpu = (getcpu_fn)p[4];
	return NULL;
}

#define VDSO_RESOLVE(f) do {                                                 \
	const char *why_ = vdso_resolve(f);                                  \
	REQUIRE(!why_, "vDSO: %s", why_);                                    \
} while (0)

static void vdso_elf_symbols(void)
{
	struct vdso_fns f;

	VDSO_RESOLVE(&f);
}

/* Each clock: syscall <= vDSO <= syscall, within a second. */
static void vdso_clock_gettime_bracketed(void)
{
	struct vdso_fns f;

	VDSO_RESOLVE(&f);
	gettime_fn gt = f.gettime;
	for (size_t i = 0; i < sizeof vdso_clocks / sizeof vdso_clocks[0]; i++) {
		clockid_t c = vdso_clocks[i];
		struct timespec ts;
		long long a = sys_now(c);
		int r = gt(c, &ts);
		long long b = sys_now(c);

		REQUIRE(r == 0, "clock %d: vDSO returned %d", (int)c, r);
		REQUIRE(ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000L, "clock %d: tv_nsec %ld",
			(int)c, ts.tv_nsec);
		REQUIRE(a >= 0 && a <= ts_ns(&ts) && ts_ns(&ts) <= b && b - a < 1000000000LL,
			"clock %d: syscall %lld, vDSO %lld, syscall %lld", (int)c, a,
			ts_ns(&ts), b);
	}
	/* The others reach the system call: its answer and its errors. */
	struct timespec ts;
	REQUIRE(gt(CLOCK_PROCESS_CPUTIME_ID, &ts) == 0 && ts.tv_nsec < 1000000000L,
		"PROCESS_CPUTIME_ID through the vDSO");
	int r = gt(1000, &ts);
	REQUIRE(r == -EINVAL, "clock 1000: vDSO returned %d, want -EINVAL", r);
}

static void vdso_gettimeofday_time(void)
{
	struct vdso_fns f;

	VDSO_RESOLVE(&f);
	gettimeofday_fn gtod = f.gettimeofday;
	time_fn tm = f.time;
	struct timeval tv;
	long long a = sys_now(CLOCK_REALTIME);
	int r = gtod(&tv, NULL);
	long long b = sys_now(CLOCK_REALTIME);
	long long us = tv.tv_sec * 1000000LL + tv.tv_usec;
	REQUIRE(r == 0 && tv.tv_usec >= 0 && tv.tv_usec < 1000000, "gettimeofday: %d, usec %ld",
		r, (long)tv.tv_usec);
	REQUIRE(a / 1000 <= us && us <= b / 1000, "realtime %lld ns, gettimeofday %lld us, %lld ns",
		a, us, b);

	long t1 = 0;
	a = sys_now(CLOCK_REALTIME);
	long t0 = tm(&t1);
	b = sys_now(CLOCK_REALTIME);
	REQUIRE(t0 == t1, "time returned %ld, stored %ld", t0, t1);
	REQUIRE(a / 1000000000 <= t0 && t0 <= b / 1000000000, "realtime %lld ns, time %ld, %lld ns",
		a, t0, b);
	REQUIRE(tm(NULL) >= t0, "time(NULL) went back");
}

static void vdso_getres_getcpu(void)
{
	struct vdso_fns f;

	VDSO_RESOLVE(&f);
	gettime_fn res = f.getres;
	getcpu_fn gc = f.getcpu;
	for (size_t i = 0; i < sizeof vdso_clocks / sizeof vdso_clocks[0]; i++) {
		clockid_t c = vdso_clocks[i];
		struct timespec a, b;

		REQUIRE(syscall(SYS_clock_getres, c, &a) == 0, "clock_getres %d: %s", (int)c,
			errname(errno));
		REQUIRE(res(c, &b) == 0, "vDSO clock_getres %d failed", (int)c);
		REQUIRE(a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec,
			"clock %d: resolution %lld ns (syscall), %lld ns (vDSO)", (int)c, ts_ns(&a),
			ts_ns(&b));
		REQUIRE(res(c, NULL) == 0, "vDSO clock_getres %d, NULL", (int)c);
	}
	struct timespec ts;
	int r = res(1000, &ts);
	REQUIRE(r == -EINVAL, "clock_getres 1000: vDSO returned %d, want -EINVAL", r);

	/* The CPU may change between the two calls: one agreement of three
	 * tries is enough. */
	int same = 0;
	for (int i = 0; i < 3 && !same; i++) {
		unsigned c1 = ~0u, n1 = ~0u, c2 = ~1u, n2 = ~1u;
		REQUIRE(gc(&c1, &n1, NULL) == 0, "vDSO getcpu failed");
		REQUIRE_OK(syscall(SYS_getcpu, &c2, &n2, NULL));
		same = c1 == c2 && n1 == n2;
	}
	REQUIRE(same, "vDSO getcpu never agreed with the syscall");
	REQUIRE(gc(NULL, NULL, NULL) == 0, "vDSO getcpu(NULL, NULL)");
}

/* Many reads, through libc and through the vDSO: never backwards. */
static void vdso_monotonic_never_back(void)
{
	struct vdso_fns f;

	VDSO_RESOLVE(&f);
	gettime_fn gt = f.gettime;
	static const clockid_t mono[] = { CLOCK_MONOTONIC, CLOCK_MONOTONIC_COARSE,
					   CLOCK_BOOTTIME, CLOCK_MONOTONIC_RAW };
	for (size_t k = 0; k < sizeof mono / sizeof mono[0]; k++) {
		struct timespec ts;
		long long prev = sys_now(mono[k]), t;
		for (int i = 0; i < 50000; i++) {
			if (i & 1) {
				gt(mono[k], &ts);
				t = ts_ns(&ts);
			} else {
				t = now_ns(mono[k]);
			}
			REQUIRE(t >= prev, "clock %d went back by %lld ns at read %d", (int)mono[k],
				prev - t, i);
			prev = t;
		}
		t = sys_now(mono[k]);
		REQUIRE(t >= prev, "clock %d: the syscall is %lld ns behind the vDSO", (int)mono[k],
			prev - t);
	}
}

/* A coarse reading is never ahead of a fine one taken after it, and not
 * far behind (the coarse resolution, with room for a late tick). */
static void vdso_coarse_not_ahead(void)
{
	static const clockid_t pairs[][2] = {
		{ CLOCK_REALTIME_COARSE, CLOCK_REALTIME },
		{ CLOCK_MONOTONIC_COARSE, CLOCK_MONOTONIC },
	};

	for (size_t k = 0; k < 2; k++) {
		struct timespec res;
		REQUIRE_OK(clock_getres(pairs[k][0], &res));
		long long lag_max = 2 * ts_ns(&res) + 100000000LL;
		for (int i = 0; i < 20000; i++) {
			long long c = i % 4 == 1 ? sys_now(pairs[k][0]) : now_ns(pairs[k][0]);
			long long f = now_ns(pairs[k][1]);
			REQUIRE(c <= f, "clock %d: coarse %lld ahead of fine %lld", (int)pairs[k][0],
				c, f);
			REQUIRE(f - c <= lag_max, "clock %d: coarse %lld ns behind (resolution %lld)",
				(int)pairs[k][0], f - c, ts_ns(&res));
		}
	}
}

/* Set the wall clock to `to` ns; 0 or an errno. */
static int set_realtime(long long to, int use_tod)
{
	if (use_tod) {
		struct timeval tv = { to / 1000000000, to % 1000000000 / 1000 };
		return settimeofday(&tv, NULL) ? errno : 0;
	}
	struct timespec ts = { to / 1000000000, to % 1000000000 };
	return clock_settime(CLOCK_REALTIME, &ts) ? errno : 0;
}

/*
 * Root moves the wall clock an hour forward (clock_settime), then back
 * (settimeofday): the very next vDSO readings follow, coarse included,
 * and the monotonic clock does not jump.
 * The clock is put back where it would have been, to the microsecond.
 */
static void vdso_realtime_follows_settime(void)
{
	const long long hour = 3600 * 1000000000LL;
	struct vdso_fns f;

	VDSO_RESOLVE(&f);
	gettime_fn gt = f.gettime;
	time_fn tm = f.time;
	REQUIRE(geteuid() == 0, "needs root (euid %d)", (int)geteuid());
	long long m0 = sys_now(CLOCK_MONOTONIC), r0 = sys_now(CLOCK_REALTIME);
	for (int step = 0; step < 2; step++) {
		long long shift = step == 0 ? hour : -hour;
		struct timespec f, c, mb, ma;
		gt(CLOCK_MONOTONIC, &mb);
		long long base = r0 + (sys_now(CLOCK_MONOTONIC) - m0);
		int e = set_realtime(base + shift, step);
		gt(CLOCK_REALTIME, &f);
		gt(CLOCK_REALTIME_COARSE, &c);
		gt(CLOCK_MONOTONIC, &ma);
		long t = tm(NULL);
		long long lib = now_ns(CLOCK_REALTIME);
		/* Undo before judging, so a failure leaves the clock right. */
		set_realtime(r0 + (sys_now(CLOCK_MONOTONIC) - m0), 0);
		REQUIRE(e == 0, "setting the clock: %s", errname(e));
		REQUIRE(ts_ns(&ma) >= ts_ns(&mb) && ts_ns(&ma) - ts_ns(&mb) < 1000000000LL,
			"monotonic %lld before setting the wall clock, %lld after", ts_ns(&mb),
			ts_ns(&ma));
		long long want = base + shift;
		REQUIRE(ts_ns(&f) >= want - 1000 && ts_ns(&f) - want < 1000000000LL,
			"%s %+lld s: vDSO realtime %lld ns, set to %lld",
			step ? "settimeofday" : "clock_settime", shift / 1000000000, ts_ns(&f), want);
		REQUIRE(ts_ns(&c) <= ts_ns(&f) && ts_ns(&f) - ts_ns(&c) < 1000000000LL,
			"coarse realtime %lld, fine %lld", ts_ns(&c), ts_ns(&f));
		REQUIRE(t >= want / 1000000000 - 1 && t <= want / 1000000000 + 1,
			"time() %ld, set to %lld s", t, want / 1000000000);
		REQUIRE(lib >= ts_ns(&f) && lib - want < 1000000000LL,
			"libc realtime %lld after vDSO %lld", lib, ts_ns(&f));
	}
	long long back = sys_now(CLOCK_REALTIME) - (r0 + (sys_now(CLOCK_MONOTONIC) - m0));
	REQUIRE(back > -1000000000LL && back < 1000000000LL, "clock restored %lld ns off", back);
}

/* The [vdso] and [vvar] lines of /proc/self/maps: start and perms. */
static int find_map(const char *name, unsigned long *start, unsigned long *end, char perms[5])
{
	char buf[16384];

	if (read_text("/proc/self/maps", buf, sizeof buf) <= 0)
		return 0;
	for (char *l = buf; l && *l; ) {
		char *nl = strchr(l, '\n');
		if (nl)
			*nl = 0;
		size_t n = strlen(l), k = strlen(name);
		if (n >= k && !strcmp(l + n - k, name) &&
		    sscanf(l, "%lx-%lx %4s", start, end, perms) == 3)
			return 1;
		l = nl ? nl + 1 : NULL;
	}
	return 0;
}

static void vdso_in_proc_maps(void)
{
	unsigned long vs, ve, ds, de;
	char vp[5], dp[5];
	uintptr_t ehdr = getauxval(AT_SYSINFO_EHDR);

	REQUIRE(find_map("[vdso]", &vs, &ve, vp), "no [vdso] in /proc/self/maps");
	REQUIRE(find_map("[vvar]", &ds, &de, dp), "no [vvar] in /proc/self/maps");
	REQUIRE(vs == ehdr, "[vdso] at %lx, AT_SYSINFO_EHDR %lx", vs, (unsigned long)ehdr);
	REQUIRE(!strcmp(vp, "r-xp"), "[vdso] %s, want r-xp", vp);
	REQUIRE(!strcmp(dp, "r--p"), "[vvar] %s, want r--p", dp);
	REQUIRE(ve > vs && de > ds && (de <= vs || ds >= ve), "[vvar] %lx-%lx, [vdso] %lx-%lx",
		ds, de, vs, ve);
}

/* Writing the data page: SIGSEGV in a child, EFAULT from the kernel,
 * EACCES from mprotect; the clock is unharmed. */
static void vvar_not_writable(void)
{
	unsigned long s, e;
	char p[5];

	REQUIRE(find_map("[vvar]", &s, &e, p), "no [vvar] in /proc/self/maps");
	pid_t pid = fork();
	REQUIRE(pid >= 0, "fork: %s", errname(errno));
	if (pid == 0) {
		*(volatile char *)s = 1;
		_exit(0);
	}
	int st = wait_status(pid);
	REQUIRE(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "write to [vvar]: status %#x", st);

	int fds[2];
	REQUIRE_OK(pipe(fds));
	REQUIRE(write(fds[1], "12345678", 8) == 8, "pipe write");
	errno = 0;
	long r = read(fds[0], (void *)s, 8);
	int err = errno;
	close(fds[0]);
	close(fds[1]);
	REQUIRE(r == -1 && err == EFAULT, "read into [vvar]: %ld (%s), want EFAULT", r,
		errname(err));
	REQUIRE_ERR(mprotect((void *)s, 4096, PROT_READ | PROT_WRITE), EACCES);
	long long a = sys_now(CLOCK_MONOTONIC), b = now_ns(CLOCK_MONOTONIC);
	REQUIRE(a <= b && b - a < 1000000000LL, "clock after the attempts: %lld, %lld", a, b);
}

/*
 * A child makes its image writable and scribbles on it (as a debugger's
 * breakpoint would): the write is the child's own (copy-on-write), the
 * parent's and the next child's images are untouched.
 */
static void vdso_write_is_private(void)
{
	uintptr_t ehdr = getauxval(AT_SYSINFO_EHDR);
	unsigned long s, e;
	char p[5];

	REQUIRE(ehdr, "no AT_SYSINFO_EHDR");
	/* The whole mapping: Linux will not split a special mapping. */
	REQUIRE(find_map("[vdso]", &s, &e, p) && s == ehdr, "no [vdso] at AT_SYSINFO_EHDR");
	volatile unsigned char *pad = (volatile unsigned char *)ehdr + EI_PAD + 3;
	unsigned char orig = *pad;

	for (int round = 0; round < 2; round++) {
		pid_t pid = fork();
		REQUIRE(pid >= 0, "fork: %s", errname(errno));
		if (pid == 0) {
			if (*pad != orig)
				_exit(3);
			if (round == 1)
				_exit(0);
			if (mprotect((void *)s, e - s, PROT_READ | PROT_WRITE | PROT_EXEC))
				_exit(100 + errno);
			*pad = orig ^ 0x5a;
			_exit(*pad == (orig ^ 0x5a) ? 0 : 5);
		}
		int st = wait_status(pid);
		REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 0, "round %d: child status %#x", round, st);
		REQUIRE(*pad == orig, "round %d: the parent's image changed", round);
	}
	REQUIRE(now_ns(CLOCK_MONOTONIC) > 0, "clock after the write");
}

/* The exec'd copy of this program: the vDSO is there and agrees. */
static int exec_child(void)
{
	struct vdso_fns f;
	struct timespec ts;

	if (vdso_resolve(&f))
		return 10;
	long long a = sys_now(CLOCK_MONOTONIC);
	if (f.gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 11;
	long long b = sys_now(CLOCK_MONOTONIC);
	return a <= ts_ns(&ts) && ts_ns(&ts) <= b ? 0 : 12;
}

static void vdso_across_fork_exec(void)
{
	uintptr_t ehdr = getauxval(AT_SYSINFO_EHDR);
	REQUIRE(ehdr, "no AT_SYSINFO_EHDR");
	pid_t pid = fork();
	REQUIRE(pid >= 0, "fork: %s", errname(errno));
	if (pid == 0) {
		struct vdso_fns f;
		struct timespec ts;
		if (getauxval(AT_SYSINFO_EHDR) != ehdr || vdso_resolve(&f))
			_exit(20);
		long long a = sys_now(CLOCK_REALTIME);
		if (f.gettime(CLOCK_REALTIME, &ts) || ts_ns(&ts) < a || ts_ns(&ts) > sys_now(CLOCK_REALTIME))
			_exit(21);
		execl("/proc/self/exe", "vdso", "exec-child", (char *)NULL);
		_exit(22);
	}
	int st = wait_status(pid);
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child status %#x (exit %d)", st,
		WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

int main(int argc, char **argv)
{
	static const struct check checks[] = {
		CHECK(vdso_elf_symbols),
		CHECK(vdso_clock_gettime_bracketed),
		CHECK(vdso_gettimeofday_time),
		CHECK(vdso_getres_getcpu),
		CHECK(vdso_monotonic_never_back),
		CHECK(vdso_coarse_not_ahead),
		CHECK(vdso_realtime_follows_settime),
		CHECK(vdso_in_proc_maps),
		CHECK(vvar_not_writable),
		CHECK(vdso_write_is_private),
		CHECK(vdso_across_fork_exec),
	};

	if (argc == 2 && !strcmp(argv[1], "exec-child"))
		return exec_child();
	return run_checks("vdso", checks, NCHECKS(checks));
}
