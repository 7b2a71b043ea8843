/*
 * The tables test_uapi compares: for one include/uapi header, what one
 * side (our header, or the build machine's Linux/glibc headers) says
 * about every name uapi-names.py found in it.  Built twice per header
 * from the same generated lists, in separate translation units, so the
 * two sets of headers never meet.
 */
#ifndef TEST_UAPI_TABLE_H
#define TEST_UAPI_TABLE_H

/* arguments the one-argument arithmetic macros are compared on */
#define UAPI_FN_ARGS(X, m) \
	X(m, 0) X(m, 1) X(m, 2) X(m, 3) X(m, 4) X(m, 5) X(m, 6) X(m, 7) X(m, 8) \
	X(m, 9) X(m, 12) X(m, 15) X(m, 16) X(m, 17) X(m, 20) X(m, 31) X(m, 64) \
	X(m, 100) X(m, 1023) X(m, 4093) X(m, 65535)
#define UAPI_FN_NARGS 21

struct uapi_const {
	const char *name;
	long long value;
};

struct uapi_struct {
	const char *name;
	unsigned long size, align;
};

struct uapi_field {
	const char *name;		/* "tag.member" */
	unsigned long offset, size;
};

struct uapi_fn {
	const char *name;
	long long value[UAPI_FN_NARGS];
};

/* One bit-field (Linux) inside one byte (ours). */
struct uapi_bits {
	const char *name;		/* "tag.linux_member" (Linux's name) */
	unsigned long offset;		/* of the byte; -1: not one byte */
	long long value;		/* the byte with only that field all ones */
};

struct uapi_table {
	const char *header;
	const struct uapi_const *consts;
	unsigned long nconsts;
	const struct uapi_struct *structs;
	unsigned long nstructs;
	const struct uapi_field *fields;
	unsigned long nfields;
	const struct uapi_fn *fns;
	unsigned long nfns;
	void (*bits)(struct uapi_bits *out);
	unsigned long nbits;
};

#endif

/*
 * With UAPI_SIDE (ours or host) and UAPI_NAME (the header's name)
 * defined, the headers and NAME.names.h included: define the table
 * uapi_<side>_<name>.
 */
#ifdef UAPI_SIDE
#include <stddef.h>

#define UAPI_GLUE4_(a, b, c, d) a##b##c##d
#define UAPI_GLUE4(a, b, c, d) UAPI_GLUE4_(a, b, c, d)
#define UAPI_TABLE UAPI_GLUE4(uapi_, UAPI_SIDE, _, UAPI_NAME)
#define UAPI_STR_(x) #x
#define UAPI_STR(x) UAPI_STR_(x)

#define UAPI_X_CONST(n) { #n, (long long)(n) },
#define UAPI_X_STRUCT(t) { #t, sizeof(struct t), _Alignof(struct t) },
#define UAPI_X_FIELD(t, f) { #t "." #f, offsetof(struct t, f), sizeof(((struct t *)0)->f) },
#define UAPI_X_ARG(m, a) (long long)(m(a)),
#define UAPI_X_FN(m) { #m, { UAPI_FN_ARGS(UAPI_X_ARG, m) } },
#define UAPI_X_COUNT(...) + 1

static const struct uapi_const uapi_consts[] = { UAPI_CONSTS(UAPI_X_CONST) { 0, 0 } };
static const struct uapi_struct uapi_structs[] = { UAPI_STRUCTS(UAPI_X_STRUCT) { 0, 0, 0 } };
static const struct uapi_field uapi_fields[] = { UAPI_FIELDS(UAPI_X_FIELD) { 0, 0, 0 } };
static const struct uapi_fn uapi_fns[] = { UAPI_FN1(UAPI_X_FN) { 0, { 0 } } };

/*
 * Our side names the byte and builds its value with our macro; Linux's
 * side sets the bit-field to all ones in a zeroed struct and looks for
 * the one byte that changed.
 */
#ifdef UAPI_OURS
#define UAPI_X_BITS(t, ours, lx, value) \
	out[n++] = (struct uapi_bits){ #t "." #lx, offsetof(struct t, ours), (value) };
#else
#define UAPI_X_BITS(t, ours, lx, value)						\
	do {									\
		struct t s;							\
		const unsigned char *p = (const unsigned char *)&s;		\
		unsigned long i, at = (unsigned long)-1, hits = 0;		\
		__builtin_memset(&s, 0, sizeof(s));				\
		s.lx--;    		/* unsigned: wraps to all ones */	\
		for (i = 0; i < sizeof(s); i++)					\
			if (p[i]) {						\
				at = i;						\
				hits++;						\
			}							\
		out[n++] = (struct uapi_bits){ #t "." #lx,			\
			hits == 1 ? at : (unsigned long)-1, hits == 1 ? p[at] : -1 }; \
	} while (0);
#endif

static void uapi_bits(struct uapi_bits *out)
{
	unsigned long n = 0;

	UAPI_BITS(UAPI_X_BITS)
	(void)out;
	(void)n;
}

const struct uapi_table UAPI_TABLE = {
	UAPI_STR(UAPI_NAME),
	uapi_consts, sizeof(uapi_consts) / sizeof(uapi_consts[0]) - 1,
	uapi_structs, sizeof(uapi_structs) / sizeof(uapi_structs[0]) - 1,
	uapi_fields, sizeof(uapi_fields) / sizeof(uapi_fields[0]) - 1,
	uapi_fns, sizeof(uapi_fns) / sizeof(uapi_fns[0]) - 1,
	uapi_bits, 0 UAPI_BITS(UAPI_X_COUNT),
};
#endif
