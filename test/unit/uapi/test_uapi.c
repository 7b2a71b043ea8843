/*
 * include/uapi against the build machine's Linux and glibc headers
 * (Debian's linux-libc-dev, Linux 6.1): for every header listed as
 * "linux" in headers.txt, the value of every constant, the size and
 * alignment of every struct, the offset and size of every member, the
 * results of the arithmetic macros, and the bytes behind Linux's
 * bit-fields; then the buffer-walking macros by running walk.h against
 * both.  Our headers and Linux's never share a translation unit: each
 * side fills its own tables (uapi_table.h), and this file only compares.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <uapi/errno.h>
#include <uapi/socket.h>
#include <uapi/tcp.h>
#include "uapi_table.h"
#include "headers.h"

#define X_DECL(h) extern const struct uapi_table uapi_ours_##h, uapi_host_##h;
UAPI_HEADERS(X_DECL)

int uapi_walk_ours(long long *t, int max);
int uapi_walk_host(long long *t, int max);
int uapi_errno_glibc(void);

#define MAX_BITS 16

static void header_matches_linux(void **state)
{
	const struct uapi_table *const *pair = *state;
	const struct uapi_table *ours = pair[0], *host = pair[1];
	struct uapi_bits ob[MAX_BITS], hb[MAX_BITS];
	unsigned long i, j, bad = 0;

	/* Both sides come from one generated list; a header defining
	 * nothing would make every comparison below vacuous. */
	assert_int_equal(ours->nconsts, host->nconsts);
	assert_int_equal(ours->nstructs, host->nstructs);
	assert_int_equal(ours->nfields, host->nfields);
	assert_int_equal(ours->nfns, host->nfns);
	assert_int_equal(ours->nbits, host->nbits);
	assert_true(ours->nconsts + ours->nstructs > 0);
	assert_true(ours->nbits <= MAX_BITS);

	for (i = 0; i < ours->nconsts; i++) {
		if (ours->consts[i].value != host->consts[i].value) {
			print_error("%s.h: %s: ours %lld, Linux %lld\n", ours->header,
				    ours->consts[i].name, ours->consts[i].value,
				    host->consts[i].value);
			bad++;
		}
	}
	for (i = 0; i < ours->nstructs; i++) {
		if (ours->structs[i].size != host->structs[i].size ||
		    ours->structs[i].align != host->structs[i].align) {
			print_error("%s.h: struct %s: ours size %lu align %lu, Linux %lu %lu\n",
				    ours->header, ours->structs[i].name, ours->structs[i].size,
				    ours->structs[i].align, host->structs[i].size,
				    host->structs[i].align);
			bad++;
		}
	}
	for (i = 0; i < ours->nfields; i++) {
		if (ours->fields[i].offset != host->fields[i].offset ||
		    ours->fields[i].size != host->fields[i].size) {
			print_error("%s.h: %s: ours offset %lu size %lu, Linux %lu %lu\n",
				    ours->header, ours->fields[i].name, ours->fields[i].offset,
				    ours->fields[i].size, host->fields[i].offset,
				    host->fields[i].size);
			bad++;
		}
	}
	for (i = 0; i < ours->nfns; i++) {
		for (j = 0; j < UAPI_FN_NARGS; j++) {
			if (ours->fns[i].value[j] != host->fns[i].value[j]) {
				print_error("%s.h: %s, input #%lu: ours %lld, Linux %lld\n",
					    ours->header, ours->fns[i].name, j,
					    ours->fns[i].value[j], host->fns[i].value[j]);
				bad++;
			}
		}
	}
	ours->bits(ob);
	host->bits(hb);
	for (i = 0; i < ours->nbits; i++) {
		if (hb[i].offset == (unsigned long)-1 || ob[i].offset != hb[i].offset ||
		    ob[i].value != hb[i].value) {
			print_error("%s.h: bit-field %s: ours byte %lu = %#llx, Linux byte %ld = %#llx\n",
				    ours->header, ob[i].name, ob[i].offset, ob[i].value,
				    (long)hb[i].offset, hb[i].value);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

#define WALK_MAX 512

/* NLMSG_*, RTA_*, IFA_*, IFLA_*, RTM_*, CMSG_*, SO_EE_OFFENDER: same walk, same trace. */
static void buffer_macros_walk_like_linux(void **state)
{
	static long long ours[WALK_MAX], host[WALK_MAX];
	int n_ours, n_host, i, bad = 0;

	(void)state;
	n_ours = uapi_walk_ours(ours, WALK_MAX);
	n_host = uapi_walk_host(host, WALK_MAX);
	assert_int_equal(n_ours, n_host);
	assert_true(n_ours > 40 && n_ours <= WALK_MAX);
	for (i = 0; i < n_ours; i++) {
		if (ours[i] != host[i]) {
			print_error("walk value #%d: ours %lld, Linux %lld\n", i, ours[i], host[i]);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/*
 * Our cmsg_nxthdr() also guards the kernel against hostile lengths,
 * which Linux leaves to CMSG_OK in its loops: it never returns the
 * same header again (a 0 length would loop forever) and never steps
 * past the buffer, whatever cmsg_len says.
 */
static void cmsg_walk_stops_on_bad_lengths(void **state)
{
	union {
		unsigned char b[64];
		u64 align;
	} buf;
	struct cmsghdr *c = (struct cmsghdr *)buf.b, *next;

	(void)state;
	memset(&buf, 0, sizeof(buf));
	assert_null(cmsg_firsthdr(buf.b, 0));
	assert_null(cmsg_firsthdr(buf.b, sizeof(struct cmsghdr) - 1));
	assert_ptr_equal(cmsg_firsthdr(buf.b, sizeof(struct cmsghdr)), c);

	c->cmsg_len = 0;
	assert_null(cmsg_nxthdr(buf.b, sizeof(buf.b), c));
	assert_false(cmsg_ok(buf.b, sizeof(buf.b), c));
	c->cmsg_len = sizeof(struct cmsghdr) - 1;
	assert_null(cmsg_nxthdr(buf.b, sizeof(buf.b), c));
	c->cmsg_len = UINT64_MAX;
	assert_null(cmsg_nxthdr(buf.b, sizeof(buf.b), c));
	assert_false(cmsg_ok(buf.b, sizeof(buf.b), c));
	c->cmsg_len = sizeof(buf.b) + 1;
	assert_null(cmsg_nxthdr(buf.b, sizeof(buf.b), c));
	assert_false(cmsg_ok(buf.b, sizeof(buf.b), c));

	c->cmsg_len = CMSG_LEN(5);	/* 21: the next header is 24 bytes on */
	assert_true(cmsg_ok(buf.b, sizeof(buf.b), c));
	next = cmsg_nxthdr(buf.b, sizeof(buf.b), c);
	assert_ptr_equal(next, buf.b + 24);
	/* A buffer ending inside the next header: no next header. */
	assert_null(cmsg_nxthdr(buf.b, 24 + sizeof(struct cmsghdr) - 1, c));
	assert_ptr_equal(cmsg_nxthdr(buf.b, 24 + sizeof(struct cmsghdr), c), next);
	/* A header past the buffer's end is not OK. */
	next->cmsg_len = 41;
	assert_false(cmsg_ok(buf.b, sizeof(buf.b), next));
	next->cmsg_len = 40;
	assert_true(cmsg_ok(buf.b, sizeof(buf.b), next));
	assert_null(cmsg_nxthdr(buf.b, sizeof(buf.b), next));
}

/* errno_glibc.c compiled: the two errno headers agree; and on the values. */
static void errno_coexists_with_glibc(void **state)
{
	(void)state;
	assert_int_equal(uapi_errno_glibc(), EAGAIN * 10000 + EOPNOTSUPP * 100 + EDEADLK);
}

static void tcp_info_byte_macros_round_trip(void **state)
{
	u8 w = TCPI_WSCALE(7, 14), r = TCPI_RATE_TFO(1, 2);

	(void)state;
	assert_int_equal(TCPI_SND_WSCALE(w), 7);
	assert_int_equal(TCPI_RCV_WSCALE(w), 14);
	assert_int_equal(TCPI_WSCALE(16, 16), 0);	/* out of range is masked */
	assert_int_equal(r, 0x5);
}

int main(void)
{
#define X_PAIR(h) { &uapi_ours_##h, &uapi_host_##h },
	static const struct uapi_table *pairs[][2] = { UAPI_HEADERS(X_PAIR) };
#define X_NAME(h) #h ".h",
	static const char *names[] = { UAPI_HEADERS(X_NAME) };
#define X_COUNT(h) + 1
	struct CMUnitTest tests[0 UAPI_HEADERS(X_COUNT) + 4];
	size_t i, n = 0;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		tests[n++] = (struct CMUnitTest){ .name = names[i],
			.test_func = header_matches_linux, .initial_state = pairs[i] };
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(buffer_macros_walk_like_linux);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(cmsg_walk_stops_on_bad_lengths);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(errno_coexists_with_glibc);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(tcp_info_byte_macros_round_trip);
	assert_int_equal(n, sizeof(tests) / sizeof(tests[0]));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
