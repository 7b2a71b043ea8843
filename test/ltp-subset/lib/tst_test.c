/*
 * tst_test.c: the test driver behind tst_test.h (what it promises is
 * documented there).  Three kinds of process take part:
 *
 *   the library process   main(): options, the shared results page, the
 *                         temporary directory; forks one test process per
 *                         variant, enforces its timeout, reaps it, and
 *                         computes the exit status from the results page;
 *   the test process      runs .setup, the test functions, .cleanup; its
 *                         own process group, so a timeout kills all of it;
 *   the test's children   whatever the test forks; they report on the same
 *                         page and end with exit().
 *
 * Invariant: every result line is counted on the shared page before it
 * is printed, and a process only ever adds to the counters (atomically),
 * so the library process's verdict sees every report made before the
 * test process ended.
 */
#define TST_NO_DEFAULT_MAIN
#include "tst_test.h"

#include <ftw.h>
#include <getopt.h>
#include <sys/utsname.h>
#include <linux/futex.h>

#define DEFAULT_TIMEOUT_S	30
#define CHECKPOINT_COUNT	1024	/* LTP's: a page of futexes */

/* The shared page: counters, then the checkpoint futexes. */
struct results {
	int passed;
	int failed;
	int broken;
	int skipped;
	int warnings;
	int timeout_s;		/* tst_set_timeout() from the test process */
	uint32_t futexes[CHECKPOINT_COUNT];
};

unsigned int tst_variant;
long TST_RET;
int TST_ERR;
int TST_PASS;

static struct tst_test *tst;
static const char *tid = "unknown";
static struct results *results;
static pid_t lib_pid, main_pid;
static volatile pid_t test_pid;
static volatile sig_atomic_t timed_out;
static char tmpdir[256];
static int in_cleanup;
static unsigned int iterations = 1;
static int timeout_s = DEFAULT_TIMEOUT_S;

static void do_exit(int ret) __attribute__((noreturn));
static void rearm_handler(int sig);

/* ---- names ------------------------------------------------------------ */

#define E_(e) [e] = #e
static const char *const errno_names[] = {
	E_(EPERM), E_(ENOENT), E_(ESRCH), E_(EINTR), E_(EIO), E_(ENXIO),
	E_(E2BIG), E_(ENOEXEC), E_(EBADF), E_(ECHILD), E_(EAGAIN), E_(ENOMEM),
	E_(EACCES), E_(EFAULT), E_(ENOTBLK), E_(EBUSY), E_(EEXIST), E_(EXDEV),
	E_(ENODEV), E_(ENOTDIR), E_(EISDIR), E_(EINVAL), E_(ENFILE), E_(EMFILE),
	E_(ENOTTY), E_(ETXTBSY), E_(EFBIG), E_(ENOSPC), E_(ESPIPE), E_(EROFS),
	E_(EMLINK), E_(EPIPE), E_(EDOM), E_(ERANGE), E_(EDEADLK),
	E_(ENAMETOOLONG), E_(ENOLCK), E_(ENOSYS), E_(ENOTEMPTY), E_(ELOOP),
	E_(ENOMSG), E_(EIDRM), E_(ECHRNG), E_(EL2NSYNC), E_(EL3HLT), E_(EL3RST),
	E_(ELNRNG), E_(EUNATCH), E_(ENOCSI), E_(EL2HLT), E_(EBADE), E_(EBADR),
	E_(EXFULL), E_(ENOANO), E_(EBADRQC), E_(EBADSLT), E_(EBFONT),
	E_(ENOSTR), E_(ENODATA), E_(ETIME), E_(ENOSR), E_(ENONET), E_(ENOPKG),
	E_(EREMOTE), E_(ENOLINK), E_(EADV), E_(ESRMNT), E_(ECOMM), E_(EPROTO),
	E_(EMULTIHOP), E_(EDOTDOT), E_(EBADMSG), E_(EOVERFLOW), E_(ENOTUNIQ),
	E_(EBADFD), E_(EREMCHG), E_(ELIBACC), E_(ELIBBAD), E_(ELIBSCN),
	E_(ELIBMAX), E_(ELIBEXEC), E_(EILSEQ), E_(ERESTART), E_(ESTRPIPE),
	E_(EUSERS), E_(ENOTSOCK), E_(EDESTADDRREQ), E_(EMSGSIZE),
	E_(EPROTOTYPE), E_(ENOPROTOOPT), E_(EPROTONOSUPPORT),
	E_(ESOCKTNOSUPPORT), E_(EOPNOTSUPP), E_(EPFNOSUPPORT),
	E_(EAFNOSUPPORT), E_(EADDRINUSE), E_(EADDRNOTAVAIL), E_(ENETDOWN),
	E_(ENETUNREACH), E_(ENETRESET), E_(ECONNABORTED), E_(ECONNRESET),
	E_(ENOBUFS), E_(EISCONN), E_(ENOTCONN), E_(ESHUTDOWN),
	E_(ETOOMANYREFS), E_(ETIMEDOUT), E_(ECONNREFUSED), E_(EHOSTDOWN),
	E_(EHOSTUNREACH), E_(EALREADY), E_(EINPROGRESS), E_(ESTALE),
	E_(EUCLEAN), E_(ENOTNAM), E_(ENAVAIL), E_(EISNAM), E_(EREMOTEIO),
	E_(EDQUOT), E_(ENOMEDIUM), E_(EMEDIUMTYPE), E_(ECANCELED), E_(ENOKEY),
	E_(EKEYEXPIRED), E_(EKEYREVOKED), E_(EKEYREJECTED), E_(EOWNERDEAD),
	E_(ENOTRECOVERABLE), E_(ERFKILL), E_(EHWPOISON),
};
#undef E_

const char *tst_strerrno(int err)
{
	if (err == 0)
		return "SUCCESS";
	if (err > 0 && (size_t)err < ARRAY_SIZE(errno_names) && errno_names[err])
		return errno_names[err];
	return "???";
}

#define S_(s) [s] = #s
static const char *const sig_names[] = {
	S_(SIGHUP), S_(SIGINT), S_(SIGQUIT), S_(SIGILL), S_(SIGTRAP),
	S_(SIGABRT), S_(SIGBUS), S_(SIGFPE), S_(SIGKILL), S_(SIGUSR1),
	S_(SIGSEGV), S_(SIGUSR2), S_(SIGPIPE), S_(SIGALRM), S_(SIGTERM),
	S_(SIGSTKFLT), S_(SIGCHLD), S_(SIGCONT), S_(SIGSTOP), S_(SIGTSTP),
	S_(SIGTTIN), S_(SIGTTOU), S_(SIGURG), S_(SIGXCPU), S_(SIGXFSZ),
	S_(SIGVTALRM), S_(SIGPROF), S_(SIGWINCH), S_(SIGIO), S_(SIGPWR),
	S_(SIGSYS),
};
#undef S_

const char *tst_strsig(int sig)
{
	if (sig > 0 && (size_t)sig < ARRAY_SIZE(sig_names) && sig_names[sig])
		return sig_names[sig];
	return "??";
}

/* ---- reporting -------------------------------------------------------- */

static const char *type_name(int ttype)
{
	switch (TTYPE_RESULT(ttype)) {
	case TPASS: return "TPASS";
	case TFAIL: return "TFAIL";
	case TBROK: return "TBROK";
	case TWARN: return "TWARN";
	case TINFO: return "TINFO";
	case TCONF: return "TCONF";
	}
	return "T???";
}

static void count(int ttype)
{
	int *c = NULL;

	if (!results)
		return;
	switch (TTYPE_RESULT(ttype)) {
	case TPASS: c = &results->passed; break;
	case TFAIL: c = &results->failed; break;
	case TBROK: c = &results->broken; break;
	case TWARN: c = &results->warnings; break;
	case TCONF: c = &results->skipped; break;
	}
	if (c)
		__atomic_fetch_add(c, 1, __ATOMIC_SEQ_CST);
}

/* One write(2) per line, so lines of concurrent processes never mix. */
static void print_line(const char *file, int line, int ttype, const char *fmt,
		       va_list va)
{
	char buf[2048];
	int err = errno;
	int n, e = -1;
	const char *slash = strrchr(file, '/');

	n = snprintf(buf, sizeof(buf), "%s:%d: %s: ", slash ? slash + 1 : file,
		     line, type_name(ttype));
	if (n < 0 || (size_t)n >= sizeof(buf))
		n = 0;
	n += vsnprintf(buf + n, sizeof(buf) - n, fmt, va);
	if ((size_t)n >= sizeof(buf) - 64)
		n = sizeof(buf) - 64;
	if (ttype & TERRNO)
		e = err;
	else if (ttype & TTERRNO)
		e = TST_ERR;
	else if (ttype & TRERRNO)
		e = (int)-TST_RET;
	if (e >= 0)
		n += snprintf(buf + n, sizeof(buf) - n, ": %s (%d)",
			      tst_strerrno(e), e);
	buf[n++] = '\n';
	if (write(2, buf, n) < 0)
		(void)0;	/* nowhere left to say it */
	errno = err;
}

void tst_vres_(const char *file, int line, int ttype, const char *fmt,
	       va_list va)
{
	count(ttype);
	print_line(file, line, ttype, fmt, va);
}

void tst_res_(const char *file, int line, int ttype, const char *fmt, ...)
{
	va_list va;

	va_start(va, fmt);
	tst_vres_(file, line, ttype, fmt, va);
	va_end(va);
}

static void run_cleanup(void)
{
	if (in_cleanup)
		return;
	in_cleanup = 1;
	if (tst->cleanup)
		tst->cleanup();
}

void tst_brk_(const char *file, int line, int ttype, const char *fmt, ...)
{
	va_list va;

	va_start(va, fmt);
	tst_vres_(file, line, ttype, fmt, va);
	va_end(va);
	if (getpid() == lib_pid)
		do_exit(TTYPE_RESULT(ttype));
	/* The test process cleans up (once: tst_brk in cleanup just ends). */
	if (getpid() == main_pid)
		run_cleanup();
	exit(TTYPE_RESULT(ttype));
}

static void print_tags(void)
{
	const struct tst_tag *t;

	if (!tst->tags || !tst->tags[0].name)
		return;
	fprintf(stderr, "\nHINT: the test checks these, it may fail without them:\n");
	for (t = tst->tags; t->name; t++)
		fprintf(stderr, "  %s: %s\n", t->name, t->value);
}

static int remove_entry(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	remove(path);
	return 0;
}

static void remove_tmpdir(void)
{
	if (!tmpdir[0])
		return;
	if (chdir("/") != 0)
		(void)0;
	nftw(tmpdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	tmpdir[0] = 0;
}

static void do_exit(int ret)
{
	if (results) {
		if (results->passed && ret == TCONF)
			ret = 0;
		if (results->failed) {
			ret |= TFAIL;
			print_tags();
		}
		if (results->skipped && !results->passed)
			ret |= TCONF;
		if (results->warnings)
			ret |= TWARN;
		if (results->broken)
			ret |= TBROK;
		fprintf(stderr, "\nSummary:\npassed   %d\nfailed   %d\n"
			"broken   %d\nskipped  %d\nwarnings %d\n",
			results->passed, results->failed, results->broken,
			results->skipped, results->warnings);
	}
	remove_tmpdir();
	exit(ret);
}

void tst_exp_(const char *file, int line, enum tst_exp_kind kind, int silent,
	      const char *scall, long val, const int *errs, int nerrs,
	      const char *fmt, ...)
{
	char what[512];
	va_list va;
	int i;

	va_start(va, fmt);
	if (fmt[0])
		vsnprintf(what, sizeof(what), fmt, va);
	else
		snprintf(what, sizeof(what), "%s", scall);
	va_end(va);
	TST_PASS = 0;

	switch (kind) {
	case TST_EXP_ZERO_:
	case TST_EXP_FD_:
	case TST_EXP_NONNEG_:
	case TST_EXP_VAL_:
		if (TST_RET == -1 && !(kind == TST_EXP_VAL_ && val == -1)) {
			tst_res_(file, line, TFAIL | TTERRNO, "%s failed", what);
			return;
		}
		if ((kind == TST_EXP_ZERO_ && TST_RET != 0) ||
		    (kind == TST_EXP_VAL_ && TST_RET != val) ||
		    (kind != TST_EXP_VAL_ && TST_RET < -1) ||
		    (kind == TST_EXP_ZERO_ && TST_RET < 0)) {
			if (kind == TST_EXP_VAL_)
				tst_res_(file, line, TFAIL, "%s returned %ld, expected %ld",
					 what, TST_RET, val);
			else
				tst_res_(file, line, TFAIL, "%s invalid retval %ld",
					 what, TST_RET);
			return;
		}
		TST_PASS = 1;
		if (silent)
			return;
		if (kind == TST_EXP_FD_)
			tst_res_(file, line, TPASS, "%s returned fd %ld", what, TST_RET);
		else if (kind == TST_EXP_NONNEG_)
			tst_res_(file, line, TPASS, "%s returned %ld", what, TST_RET);
		else
			tst_res_(file, line, TPASS, "%s passed", what);
		return;
	case TST_EXP_FAIL_:
	case TST_EXP_FAIL2_:
		if (TST_RET != -1) {
			if (kind == TST_EXP_FAIL_ && TST_RET != 0)
				tst_res_(file, line, TFAIL, "%s invalid retval %ld",
					 what, TST_RET);
			else
				tst_res_(file, line, TFAIL, "%s succeeded (returned %ld)",
					 what, TST_RET);
			return;
		}
		for (i = 0; i < nerrs; i++) {
			if (TST_ERR == errs[i]) {
				TST_PASS = 1;
				if (!silent)
					tst_res_(file, line, TPASS | TTERRNO, "%s", what);
				return;
			}
		}
		if (nerrs == 1)
			tst_res_(file, line, TFAIL | TTERRNO, "%s expected %s", what,
				 tst_strerrno(errs[0]));
		else
			tst_res_(file, line, TFAIL | TTERRNO,
				 "%s failed with an unexpected errno", what);
		return;
	}
}

/* ---- processes -------------------------------------------------------- */

static void check_child_status(pid_t pid, int status)
{
	if (WIFSIGNALED(status))
		tst_brk(TBROK, "Child (%d) killed by signal %s", (int)pid,
			tst_strsig(WTERMSIG(status)));
	if (!WIFEXITED(status))
		tst_brk(TBROK, "Child (%d) exited abnormally", (int)pid);
	switch (WEXITSTATUS(status)) {
	case TPASS:
	case TBROK:
	case TCONF:
		return;
	}
	tst_brk(TBROK, "Invalid child (%d) exit value %d", (int)pid,
		WEXITSTATUS(status));
}

void tst_reap_children(void)
{
	int status;
	pid_t pid;

	for (;;) {
		pid = wait(&status);
		if (pid > 0) {
			check_child_status(pid, status);
			continue;
		}
		if (errno == EINTR)
			continue;
		if (errno != ECHILD)
			tst_brk(TBROK | TERRNO, "wait() failed");
		return;
	}
}

static int results_equal(const struct results *a, const struct results *b)
{
	return a->passed == b->passed && a->failed == b->failed &&
		a->broken == b->broken && a->skipped == b->skipped &&
		a->warnings == b->warnings;
}

static void run_one(int n)
{
	struct results saved = *results;

	if (n < 0)
		tst->test_all();
	else
		tst->test(n);
	/* A child of the test that returned from it ends there, as LTP's. */
	if (getpid() != main_pid)
		exit(0);
	tst_reap_children();
	if (results_equal(&saved, results))
		tst_brk(TBROK, "Test haven't reported results!");
}

/* The test process: setup, every iteration of every test, cleanup. */
static void testrun(void)
{
	unsigned int i, n;

	if (tst->setup)
		tst->setup();
	for (i = 0; i < iterations; i++) {
		if (tst->test_all)
			run_one(-1);
		else
			for (n = 0; n < tst->tcnt; n++)
				run_one(n);
	}
	run_cleanup();
	exit(0);
}

static void alarm_handler(int sig)
{
	static const char msg[] = "Test timed out, sending SIGKILL!\n";

	(void)sig;
	timed_out = 1;
	if (write(2, msg, sizeof(msg) - 1) < 0)
		(void)0;
	if (test_pid > 0)
		kill(-test_pid, SIGKILL);
}

static void int_handler(int sig)
{
	(void)sig;
	if (test_pid > 0)
		kill(-test_pid, SIGKILL);
}

static void fork_testrun(void)
{
	int status;
	pid_t pid;

	timed_out = 0;
	signal(SIGALRM, alarm_handler);
	signal(SIGINT, int_handler);
	signal(SIGUSR1, rearm_handler);
	pid = fork();
	if (pid < 0)
		tst_brk(TBROK | TERRNO, "fork() failed");
	if (pid == 0) {
		signal(SIGALRM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGUSR1, SIG_DFL);
		setpgid(0, 0);
		main_pid = getpid();
		testrun();
	}
	test_pid = pid;
	/* Both sides set the group, so kill(-pid) works from the start. */
	setpgid(pid, pid);
	if (timeout_s > 0)
		alarm(timeout_s);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			tst_brk(TBROK | TERRNO, "waitpid() failed");
	}
	alarm(0);
	/* Whatever the test left behind goes with it. */
	kill(-pid, SIGKILL);
	test_pid = 0;
	signal(SIGALRM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGUSR1, SIG_DFL);

	if (timed_out) {
		tst_res(TINFO, "If you are running on slow machine, try exporting "
			"LTP_TIMEOUT_MUL > 1");
		tst_brk(TBROK, "Test killed! (timeout?)");
	}
	if (WIFSIGNALED(status))
		tst_brk(TBROK, "Test killed by %s!", tst_strsig(WTERMSIG(status)));
}

/* ---- set-up ----------------------------------------------------------- */

static void setup_ipc(void)
{
	char path[256];
	size_t size = (sizeof(struct results) + 4095) & ~(size_t)4095;
	const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : NULL;
	void *p = MAP_FAILED;
	int fd;

	if (!dir)
		dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	/* As LTP's library: a file in /dev/shm, mapped shared, unlinked. */
	snprintf(path, sizeof(path), "%s/ltp_%s_%d", dir, tid, (int)getpid());
	fd = open(path, O_CREAT | O_EXCL | O_RDWR, 0600);
	if (fd >= 0) {
		if (ftruncate(fd, size) == 0)
			p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		unlink(path);
		close(fd);
	}
	if (p == MAP_FAILED)
		tst_brk(TBROK | TERRNO, "cannot map the results page %s", path);
	memset(p, 0, size);
	results = p;
}

static void make_tmpdir(void)
{
	const char *base = getenv("TMPDIR");

	if (!base || base[0] != '/')
		base = "/tmp";
	snprintf(tmpdir, sizeof(tmpdir), "%s/LTP_%.3sXXXXXX", base, tid);
	if (!mkdtemp(tmpdir)) {
		tmpdir[0] = 0;
		tst_brk(TBROK | TERRNO, "mkdtemp(%s) failed", base);
	}
	/* Open to all: a test that drops to nobody still works in it. */
	if (chmod(tmpdir, 0777) != 0)
		tst_brk(TBROK | TERRNO, "chmod(%s) failed", tmpdir);
	SAFE_CHDIR(tmpdir);
}

static void setup_bufs(void)
{
	struct tst_buffers *b;

	for (b = tst->bufs; b && b->ptr; b++) {
		void *p = b->str ? (void *)tst_strdup(b->str) : tst_alloc(b->size);

		*(void **)b->ptr = p;
	}
}

/* Reads the kernel's config as LTP does: /proc/config.gz through zcat,
 * else $KCONFIG_PATH, else /boot/config-<release>. */
static FILE *open_kconfig(int *piped)
{
	const char *path = getenv("KCONFIG_PATH");
	struct utsname u;
	char buf[320];

	*piped = 0;
	if (path)
		return fopen(path, "r");
	if (access("/proc/config.gz", R_OK) == 0) {
		*piped = 1;
		return popen("zcat /proc/config.gz", "r");
	}
	uname(&u);
	snprintf(buf, sizeof(buf), "/boot/config-%s", u.release);
	return fopen(buf, "r");
}

static void check_kconfigs(void)
{
	const char *const *need;
	char line[512];
	int missing = 0, piped;
	FILE *f;

	if (!tst->needs_kconfigs || getenv("KCONFIG_SKIP_CHECK"))
		return;
	f = open_kconfig(&piped);
	if (!f)
		tst_brk(TBROK, "Cannot find the kernel config (/proc/config.gz, "
			"$KCONFIG_PATH, /boot/config-*)");
	/* Each need: "CONFIG_X" (y or m) or "CONFIG_X=value" exactly. */
	int found[64] = { 0 };
	int n = 0;

	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		for (need = tst->needs_kconfigs, n = 0; *need && n < 64; need++, n++) {
			size_t len = strlen(*need);

			if (strncmp(line, *need, len) != 0)
				continue;
			if (strchr(*need, '='))
				found[n] |= line[len] == 0;
			else if (line[len] == '=')
				found[n] |= !strcmp(line + len + 1, "y") ||
					!strcmp(line + len + 1, "m");
		}
	}
	if (piped)
		pclose(f);
	else
		fclose(f);
	for (need = tst->needs_kconfigs, n = 0; *need && n < 64; need++, n++) {
		if (!found[n]) {
			tst_res(TINFO, "Missing kernel %s", *need);
			missing = 1;
		}
	}
	if (missing)
		tst_brk(TCONF, "Aborting due to unsuitable kernel config, see above!");
}

static void set_timeout(int seconds)
{
	const char *mul = getenv("LTP_TIMEOUT_MUL");
	double m = 1;

	if (seconds < 0) {
		timeout_s = -1;
		tst_res(TINFO, "Timeout per run is disabled");
		return;
	}
	if (mul) {
		char *end;

		m = strtod(mul, &end);
		if (*end || m < 1)
			tst_brk(TBROK, "LTP_TIMEOUT_MUL must be a number >= 1 (%s)", mul);
	}
	timeout_s = (int)(seconds * m + 0.999);
	tst_res(TINFO, "Timeout per run is %dh %02dm %02ds", timeout_s / 3600,
		(timeout_s / 60) % 60, timeout_s % 60);
}

long long tst_multiply_timeout(long long t)
{
	const char *mul = getenv("LTP_TIMEOUT_MUL");
	double m = mul ? strtod(mul, NULL) : 1;

	return m > 1 ? (long long)(t * m) : t;
}

/* From the test process: the library process rearms its alarm. */
void tst_set_timeout(int seconds)
{
	set_timeout(seconds);
	if (getpid() == lib_pid)
		return;
	results->timeout_s = timeout_s;
	kill(lib_pid, SIGUSR1);
}

static void rearm_handler(int sig)
{
	(void)sig;
	timeout_s = results->timeout_s;
	alarm(timeout_s > 0 ? timeout_s : 0);
}

static void usage(void)
{
	struct tst_option *o;

	fprintf(stderr, "usage: %s [-h] [-i N]", tid);
	for (o = tst->options; o && o->optstr; o++)
		fprintf(stderr, "\n  %s", o->help);
	fprintf(stderr, "\n");
}

static void parse_opts(int argc, char *argv[])
{
	char optstr[128] = "hi:";
	struct tst_option *o;
	int c;

	for (o = tst->options; o && o->optstr; o++)
		strncat(optstr, o->optstr, sizeof(optstr) - strlen(optstr) - 1);
	while ((c = getopt(argc, argv, optstr)) != -1) {
		int n = 1;

		switch (c) {
		case 'h':
			usage();
			exit(0);
		case 'i':
			if (tst_parse_int(optarg, &n, 0, 1000000))
				tst_brk(TBROK, "Invalid -i '%s'", optarg);
			iterations = n;
			continue;
		case '?':
			usage();
			tst_brk(TBROK, "Invalid option");
		}
		for (o = tst->options; o && o->optstr; o++) {
			if (o->optstr[0] == c) {
				*o->arg = o->optstr[1] == ':' ? optarg : (char *)"";
				break;
			}
		}
	}
	if (optind < argc)
		tst_brk(TBROK, "Unexpected argument '%s'", argv[optind]);
}

void tst_run_tcases(int argc, char *argv[], struct tst_test *self)
{
	struct utsname u;
	int variants, timeout;

	tst = self;
	tid = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	lib_pid = getpid();
	setup_ipc();
	if (!tst->test_all && !(tst->test && tst->tcnt))
		tst_brk(TBROK, "No test function specified");
	parse_opts(argc, argv);
	uname(&u);
	tst_res(TINFO, "Tested kernel: %s %s %s", u.sysname, u.release, u.machine);
	if (tst->needs_root && geteuid() != 0)
		tst_brk(TCONF, "Test needs root");
	check_kconfigs();
	if (tst->needs_tmpdir || tst->needs_checkpoints)
		make_tmpdir();
	setup_bufs();
	timeout = tst->timeout ? tst->timeout : DEFAULT_TIMEOUT_S;
	set_timeout(timeout);

	variants = tst->test_variants > 0 ? tst->test_variants : 1;
	for (tst_variant = 0; tst_variant < (unsigned int)variants; tst_variant++)
		fork_testrun();
	do_exit(0);
}

/* ---- checkpoints ------------------------------------------------------ */

static void check_checkpoints(const char *file, int line, unsigned int id)
{
	if (!tst->needs_checkpoints)
		tst_brk_(file, line, TBROK, "Set test.needs_checkpoints = 1");
	if (id >= CHECKPOINT_COUNT)
		tst_brk_(file, line, TBROK, "Checkpoint id %u out of range", id);
}

static long futex(uint32_t *uaddr, int op, uint32_t val,
		  const struct timespec *ts)
{
	return syscall(SYS_futex, uaddr, op, val, ts, NULL, 0);
}

int tst_checkpoint_wait(unsigned int id, unsigned int msec)
{
	struct timespec ts = { msec / 1000, (msec % 1000) * 1000000L };

	/* The word never changes: only a FUTEX_WAKE ends the wait. */
	return futex(&results->futexes[id], FUTEX_WAIT,
		     results->futexes[id], &ts) == 0 ? 0 : -1;
}

int tst_checkpoint_wake(unsigned int id, unsigned int nr_wake,
			unsigned int msec)
{
	unsigned int woken = 0;
	long r;

	tst_timer_start(CLOCK_MONOTONIC);
	for (;;) {
		r = futex(&results->futexes[id], FUTEX_WAKE, nr_wake - woken, NULL);
		if (r < 0)
			return -1;
		woken += r;
		if (woken >= nr_wake)
			return 0;
		if (tst_timer_expired_ms(msec)) {
			errno = ETIMEDOUT;
			return -1;
		}
		usleep(1000);
	}
}

void tst_safe_checkpoint_wait_(const char *file, int line, unsigned int id,
			       unsigned int msec)
{
	check_checkpoints(file, line, id);
	if (!msec)
		msec = TST_CHECKPOINT_TIMEOUT_MS;
	if (tst_checkpoint_wait(id, msec))
		tst_brk_(file, line, TBROK | TERRNO,
			 "tst_checkpoint_wait(%u, %u) failed", id, msec);
}

void tst_safe_checkpoint_wake_(const char *file, int line, unsigned int id,
			       unsigned int nr_wake, unsigned int msec)
{
	check_checkpoints(file, line, id);
	if (!msec)
		msec = TST_CHECKPOINT_TIMEOUT_MS;
	if (tst_checkpoint_wake(id, nr_wake, msec))
		tst_brk_(file, line, TBROK | TERRNO,
			 "tst_checkpoint_wake(%u, %u, %u) failed", id, nr_wake, msec);
}

int tst_process_state_wait_(const char *file, int line, pid_t pid,
			    char state, unsigned int msec)
{
	char path[64], buf[512];
	long long waited = 0;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	for (;;) {
		int fd = open(path, O_RDONLY);
		ssize_t n;
		char *p;

		if (fd < 0)
			tst_brk_(file, line, TBROK | TERRNO, "open(%s) failed", path);
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			tst_brk_(file, line, TBROK | TERRNO, "read(%s) failed", path);
		buf[n] = 0;
		/* "pid (comm) S ...": the state follows the last ')'. */
		p = strrchr(buf, ')');
		if (!p || p[1] != ' ')
			tst_brk_(file, line, TBROK, "%s: unexpected format", path);
		if (p[2] == state)
			return 0;
		if (p[2] == 'Z')	/* it will never get there */
			tst_brk_(file, line, TBROK, "process %d exited while waiting "
				 "for state '%c'", (int)pid, state);
		if (msec && waited >= msec) {
			errno = ETIMEDOUT;
			return -1;
		}
		usleep(10000);
		waited += 10;
	}
}

/* ---- helpers ---------------------------------------------------------- */

unsigned short tst_get_unused_port(int family, int type)
{
	struct sockaddr_storage ss;
	socklen_t len;
	unsigned short port;
	int fd;

	memset(&ss, 0, sizeof(ss));
	ss.ss_family = family;
	if (family == AF_INET)
		len = sizeof(struct sockaddr_in);
	else if (family == AF_INET6)
		len = sizeof(struct sockaddr_in6);
	else
		tst_brk(TBROK, "tst_get_unused_port: unknown family %d", family);
	fd = SAFE_SOCKET(family, type, 0);
	SAFE_BIND(fd, (struct sockaddr *)&ss, len);
	SAFE_GETSOCKNAME(fd, (struct sockaddr *)&ss, &len);
	SAFE_CLOSE(fd);
	if (family == AF_INET)
		port = ((struct sockaddr_in *)&ss)->sin_port;
	else
		port = ((struct sockaddr_in6 *)&ss)->sin6_port;
	return port;	/* network byte order, as LTP's */
}

void *tst_get_bad_addr(void (*cleanup)(void))
{
	void *p;

	(void)cleanup;
	p = mmap(NULL, 1, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		tst_brk(TBROK | TERRNO, "mmap() failed");
	return p;
}

/* size bytes ending right at a PROT_NONE page: overruns fault. */
void tst_close_fds(int *fds, int n)
{
	for (int i = 0; i < n; i++) {
		if (fds[i] >= 0)
			close(fds[i]);
		fds[i] = -1;
	}
}

void *tst_alloc(size_t size)
{
	size_t page = sysconf(_SC_PAGESIZE);
	size_t pages = (size + page - 1) / page + 1;
	char *p = SAFE_MMAP(NULL, pages * page, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	SAFE_MPROTECT(p + (pages - 1) * page, page, PROT_NONE);
	return p + (pages - 1) * page - size;
}

char *tst_strdup(const char *s)
{
	char *p = tst_alloc(strlen(s) + 1);

	return strcpy(p, s);
}

int tst_parse_long(const char *str, long *val, long min, long max)
{
	char *end;
	long v;

	if (!str)
		return 0;
	errno = 0;
	v = strtol(str, &end, 10);
	if (errno || *end || end == str)
		return EINVAL;
	if (v < min || v > max)
		return ERANGE;
	*val = v;
	return 0;
}

int tst_parse_int(const char *str, int *val, int min, int max)
{
	long v;
	int r;

	if (!str)
		return 0;
	r = tst_parse_long(str, &v, min, max);
	if (!r)
		*val = (int)v;
	return r;
}

int tst_is_virt(void)
{
	const char *o = getenv("LTP_VIRT_OVERRIDE");
	char line[1024];
	int virt = 0;
	FILE *f;

	/* As LTP: an empty override means "not virtualised". */
	if (o)
		return o[0] != 0;
	f = fopen("/proc/cpuinfo", "r");
	if (!f)
		return 0;
	while (!virt && fgets(line, sizeof(line), f))
		virt = !strncmp(line, "flags", 5) && strstr(line, " hypervisor");
	fclose(f);
	return virt;
}

int tst_kvercmp(int r1, int r2, int r3)
{
	struct utsname u;
	int a = 0, b = 0, c = 0;

	uname(&u);
	sscanf(u.release, "%d.%d.%d", &a, &b, &c);
	return (a * 65536 + b * 256 + c) - (r1 * 65536 + r2 * 256 + r3);
}

static struct timespec timer_t0, timer_t1;
static clockid_t timer_clk = CLOCK_MONOTONIC;

void tst_timer_start(clockid_t clk)
{
	timer_clk = clk;
	clock_gettime(clk, &timer_t0);
}

void tst_timer_stop(void)
{
	clock_gettime(timer_clk, &timer_t1);
}

long long tst_timespec_to_us(struct timespec t)
{
	return (long long)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

long long tst_timespec_diff_us(struct timespec a, struct timespec b)
{
	return ((long long)a.tv_sec - b.tv_sec) * 1000000 +
		(a.tv_nsec - b.tv_nsec) / 1000;
}

long long tst_timer_elapsed_us(void)
{
	return tst_timespec_diff_us(timer_t1, timer_t0);
}

long long tst_timer_elapsed_ms(void)
{
	return tst_timer_elapsed_us() / 1000;
}

int tst_timer_expired_ms(long long ms)
{
	struct timespec now;

	clock_gettime(timer_clk, &now);
	return tst_timespec_diff_us(now, timer_t0) >= ms * 1000;
}

/* ---- SAFE_* bodies that need more than a return-value check ---------- */

static void check_len(const char *file, int line, const char *what,
		      ssize_t r, size_t want, int strict)
{
	if (r < 0)
		tst_brk_(file, line, TBROK | TERRNO, "%s failed", what);
	if (strict && (size_t)r != want)
		tst_brk_(file, line, TBROK, "%s: short transfer (%zd of %zu bytes)",
			 what, r, want);
}

ssize_t safe_write_(const char *file, int line, int strict, int fd,
		    const void *buf, size_t n)
{
	ssize_t r = write(fd, buf, n);

	check_len(file, line, "write()", r, n, strict);
	return r;
}

ssize_t safe_read_(const char *file, int line, int strict, int fd, void *buf,
		   size_t n)
{
	ssize_t r = read(fd, buf, n);

	check_len(file, line, "read()", r, n, strict);
	return r;
}

ssize_t safe_send_(const char *file, int line, int strict, int fd,
		   const void *buf, size_t n, int flags)
{
	ssize_t r = send(fd, buf, n, flags);

	check_len(file, line, "send()", r, n, strict);
	return r;
}

ssize_t safe_sendto_(const char *file, int line, int strict, int fd,
		     const void *buf, size_t n, int flags,
		     const struct sockaddr *a, socklen_t al)
{
	ssize_t r = sendto(fd, buf, n, flags, a, al);

	check_len(file, line, "sendto()", r, n, strict);
	return r;
}

ssize_t safe_recv_(const char *file, int line, size_t want, int fd, void *buf,
		   size_t n, int flags)
{
	ssize_t r = recv(fd, buf, n, flags);

	check_len(file, line, "recv()", r, want, want != 0);
	return r;
}

ssize_t safe_sendmsg_(const char *file, int line, size_t want, int fd,
		      const struct msghdr *m, int flags)
{
	ssize_t r = sendmsg(fd, m, flags);

	check_len(file, line, "sendmsg()", r, want, want != 0);
	return r;
}

ssize_t safe_recvmsg_(const char *file, int line, size_t want, int fd,
		      struct msghdr *m, int flags)
{
	ssize_t r = recvmsg(fd, m, flags);

	check_len(file, line, "recvmsg()", r, want, want != 0);
	return r;
}

void safe_file_printf_(const char *file, int line, const char *path,
		       const char *fmt, ...)
{
	va_list va;
	FILE *f = fopen(path, "w");

	if (!f)
		tst_brk_(file, line, TBROK | TERRNO, "fopen(%s, w) failed", path);
	va_start(va, fmt);
	vfprintf(f, fmt, va);
	va_end(va);
	if (fclose(f))
		tst_brk_(file, line, TBROK | TERRNO, "fclose(%s) failed", path);
}

void safe_file_scanf_(const char *file, int line, const char *path,
		      const char *fmt, ...)
{
	va_list va;
	int want = 0, got;
	const char *p;
	FILE *f = fopen(path, "r");

	if (!f)
		tst_brk_(file, line, TBROK | TERRNO, "fopen(%s, r) failed", path);
	for (p = fmt; *p; p++)
		if (p[0] == '%' && p[1] != '%' && p[1] != '*')
			want++;
		else if (p[0] == '%')
			p++;
	va_start(va, fmt);
	got = vfscanf(f, fmt, va);
	va_end(va);
	fclose(f);
	if (got != want)
		tst_brk_(file, line, TBROK, "%s: expected %d items, parsed %d",
			 path, want, got);
}
