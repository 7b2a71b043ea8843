/*
 * ltplib CASE: the library's own checks.  Each case is a tiny test whose
 * verdict is known; runtest/tern-net runs it under expect-status, which
 * requires its exit status (LTP's bits) and a line of its output.  So a
 * library that reports PASS for a failure, loses a child's result, or
 * never enforces its timeout fails the suite.
 *
 *   pass       one TPASS                                  -> 0
 *   fail       TPASS then TFAIL                           -> 1
 *   brk        tst_brk(TBROK) in setup; cleanup still runs -> 2
 *   conf       tst_brk(TCONF) in setup                    -> 32
 *   confpass   a TCONF case and a TPASS case              -> 0
 *   warn       TWARN and TPASS                            -> 4
 *   silent     a test function that reports nothing       -> 2
 *   timeout    sleeps past its 1 s timeout                -> 2
 *   childfail  a forked child reports TFAIL               -> 1
 *   childsig   a forked child dies of SIGSEGV             -> 2
 *   checkpoint parent and child hand over twice           -> 0
 *   variants   two variants, each reports its number      -> 0
 *   experrno   TST_EXP_FAIL sees the wrong errno          -> 1
 *   expok      TST_EXP_FAIL/PASS/FD that hold             -> 0
 *   expsucc    TST_EXP_FAIL on a call that succeeds       -> 1
 *   safe       a SAFE_ call fails: TBROK naming it        -> 2
 *   tmpdir     runs in a fresh, empty, writable directory -> 0
 */
#define TST_NO_DEFAULT_MAIN
#include "tst_test.h"

static struct tst_test test;
static const char *which;

static void setup_brk(void)
{
	tst_brk(TBROK, "broken on purpose");
}

static void cleanup_note(void)
{
	tst_res(TINFO, "cleanup ran");
}

static void setup_conf(void)
{
	tst_brk(TCONF, "not configured on purpose");
}

static void run_pass(void)
{
	tst_res(TPASS, "passing on purpose");
}

static void run_fail(void)
{
	tst_res(TPASS, "a pass first");
	tst_res(TFAIL, "failing on purpose");
}

static void run_confpass(unsigned int n)
{
	if (n == 0)
		tst_res(TCONF, "case 0 not supported on purpose");
	else
		tst_res(TPASS, "case 1 passes");
}

static void run_warn(void)
{
	tst_res(TWARN, "warning on purpose");
	tst_res(TPASS, "and a pass");
}

static void run_silent(void)
{
}

static void run_timeout(void)
{
	sleep(5);
	tst_res(TPASS, "should have been killed");
}

static void run_childfail(void)
{
	if (!SAFE_FORK()) {
		tst_res(TFAIL, "child fails on purpose");
		exit(0);
	}
}

static void run_childsig(void)
{
	if (!SAFE_FORK()) {
		raise(SIGSEGV);
		exit(0);
	}
	tst_res(TPASS, "parent passes");
}

static void run_checkpoint(void)
{
	if (!SAFE_FORK()) {
		TST_CHECKPOINT_WAIT(0);
		tst_res(TPASS, "child woken by checkpoint 0");
		TST_CHECKPOINT_WAKE(1);
		exit(0);
	}
	TST_CHECKPOINT_WAKE(0);
	TST_CHECKPOINT_WAIT(1);
	tst_res(TPASS, "parent woken by checkpoint 1");
}

static void run_variants(void)
{
	tst_res(TPASS, "variant %u", tst_variant);
}

static void run_experrno(void)
{
	TST_EXP_FAIL(close(-1), EINVAL, "close(-1) wants EINVAL on purpose");
}

static void run_expok(void)
{
	int fd;

	TST_EXP_FAIL(close(-1), EBADF);
	TST_EXP_FD(open("/dev/null", O_WRONLY));
	fd = TST_RET;
	TST_EXP_VAL(write(fd, "ab", 2), 2, "write(/dev/null, 2 bytes)");
	TST_EXP_PASS(close(fd));
}

static void run_expsucc(void)
{
	TST_EXP_FAIL(getpid() * 0, EINVAL, "a call returning 0");
}

static void run_safe(void)
{
	SAFE_OPEN("/nonexistent/file", O_RDONLY);
	tst_res(TFAIL, "SAFE_OPEN returned");
}

static void run_tmpdir(void)
{
	char cwd[256];
	int fd;

	if (!getcwd(cwd, sizeof(cwd)))
		tst_brk(TBROK | TERRNO, "getcwd");
	fd = SAFE_OPEN("file", O_CREAT | O_RDWR, 0600);
	SAFE_CLOSE(fd);
	tst_res(strstr(cwd, "/LTP_") ? TPASS : TFAIL, "working in %s", cwd);
}

static const struct {
	const char *name;
	struct tst_test t;
} cases[] = {
	{ "pass", { .test_all = run_pass } },
	{ "fail", { .test_all = run_fail } },
	{ "brk", { .test_all = run_pass, .setup = setup_brk,
		   .cleanup = cleanup_note } },
	{ "conf", { .test_all = run_pass, .setup = setup_conf } },
	{ "confpass", { .test = run_confpass, .tcnt = 2 } },
	{ "warn", { .test_all = run_warn } },
	{ "silent", { .test_all = run_silent } },
	{ "timeout", { .test_all = run_timeout, .timeout = 1 } },
	{ "childfail", { .test_all = run_childfail, .forks_child = 1 } },
	{ "childsig", { .test_all = run_childsig, .forks_child = 1 } },
	{ "checkpoint", { .test_all = run_checkpoint, .forks_child = 1,
			  .needs_checkpoints = 1 } },
	{ "variants", { .test_all = run_variants, .test_variants = 2 } },
	{ "experrno", { .test_all = run_experrno } },
	{ "expok", { .test_all = run_expok } },
	{ "expsucc", { .test_all = run_expsucc } },
	{ "safe", { .test_all = run_safe } },
	{ "tmpdir", { .test_all = run_tmpdir, .needs_tmpdir = 1 } },
};

int main(int argc, char *argv[])
{
	size_t i;

	if (argc < 2) {
		fprintf(stderr, "usage: ltplib CASE\n");
		return 2;
	}
	which = argv[1];
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		if (!strcmp(cases[i].name, which)) {
			test = cases[i].t;
			tst_run_tcases(argc - 1, argv + 1, &test);
		}
	}
	fprintf(stderr, "ltplib: no case %s\n", which);
	return 2;
}
