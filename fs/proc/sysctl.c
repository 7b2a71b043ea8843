/*
 * /proc/sys files (sysctl(8), proc(5) "/proc/sys"): a node flagged as a
 * sysctl, so that its mode binds root too (Linux's sysctl_perm), and
 * the integer-vector shape most of them share (Linux's
 * proc_dointvec_minmax), parsed and printed here once.
 */
#include "internal.h"
#include <tern/proc_fs.h>

int proc_sysctl_create(const char *dir, const char *name, umode_t mode, proc_show_t show,
		       proc_write_t write, const void *data)
{
	struct proc_node *n;
	int err = proc_create_node(dir, name, mode, show, data, &n);

	if (err)
		return err;
	n->write = write;
	n->sysctl = true;
	return 0;
}

static int intvec_show(struct proc_ctx *pc, struct proc_buf *b)
{
	const struct ctl_intvec *vec = pc->data;
	int v[PROC_INTVEC_MAX];

	vec->get(v);
	for (int i = 0; i < vec->n; i++)
		proc_printf(b, "%s%d", i ? "\t" : "", v[i]);
	proc_printf(b, "\n");
	return 0;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/*
 * One number at buf[*pos..n) (Linux's proc_get_long): an optional '-',
 * digits in base 0 (0x hex, leading 0 octal), at most 21 characters,
 * then a blank or the end.  -EINVAL otherwise, or on overflow.
 */
static int get_long(const char *buf, size_t n, size_t *pos, long *out)
{
	size_t p = *pos, start;
	unsigned long v = 0, base = 10;
	bool neg = false;

	if (p < n && buf[p] == '-') {
		neg = true;
		p++;
	}
	start = p;
	if (p + 1 < n && buf[p] == '0' && (buf[p + 1] == 'x' || buf[p + 1] == 'X')) {
		base = 16;
		p += 2;
	} else if (p < n && buf[p] == '0') {
		base = 8;
	}
	size_t digits = p;
	for (; p < n; p++) {
		char c = buf[p];
		unsigned long d = c >= '0' && c <= '9' ? (unsigned long)(c - '0')
				: c >= 'a' && c <= 'f' ? (unsigned long)(c - 'a' + 10)
				: c >= 'A' && c <= 'F' ? (unsigned long)(c - 'A' + 10) : 99;

		if (d >= base)
			break;
		if (v > (~0ul - d) / base)
			return -EINVAL;
		v = v * base + d;
	}
	if (p == digits || p - start > 21 || (p < n && !is_blank(buf[p])))
		return -EINVAL;
	/* Linux's do_proc_dointvec_conv: the value must fit an int. */
	if (neg ? v > 0x80000000ul : v > 0x7ffffffful)
		return -EINVAL;
	*out = neg ? -(long)v : (long)v;
	*pos = p;
	return 0;
}

static ssize_t intvec_write(struct proc_ctx *pc, const char *buf, size_t n)
{
	const struct ctl_intvec *vec = pc->data;
	int v[PROC_INTVEC_MAX];
	size_t pos = 0;
	int i, err;

	if (n > PAGE_SIZE_FS - 1)
		n = PAGE_SIZE_FS - 1;
	vec->get(v);
	for (i = 0; i < vec->n; i++) {
		long val;

		while (pos < n && is_blank(buf[pos]))
			pos++;
		if (pos == n)
			break;
		err = get_long(buf, n, &pos, &val);
		if (err)
			return err;
		if (val < vec->min || val > vec->max)
			return -EINVAL;
		v[i] = (int)val;
	}
	if (i == 0)
		return -EINVAL;            /* nothing but blanks */
	while (pos < n && is_blank(buf[pos]))
		pos++;
	err = vec->set(v);
	return err < 0 ? err : (ssize_t)pos;
}

int proc_sysctl_intvec(const char *dir, const char *name, umode_t mode,
		       const struct ctl_intvec *vec)
{
	if (vec->n < 1 || vec->n > PROC_INTVEC_MAX)
		return -EINVAL;
	return proc_sysctl_create(dir, name, vec->set ? mode : mode & 0444, intvec_show,
				  vec->set ? intvec_write : NULL, vec);
}
