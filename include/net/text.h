/*
 * Text for /proc files: snprintf into what is left of a caller's buffer,
 * counting what would have been written, so a formatter returns the
 * length it needs like snprintf does (buf may be NULL to ask for it).
 * Every /proc/net formatter of the stack writes through this one helper.
 */
#ifndef NET_TEXT_H
#define NET_TEXT_H

#include <tern/net_platform.h>

struct net_text {
	char *buf;
	size_t size;
	size_t off;	/* bytes produced so far (may exceed size) */
};

#define NET_TEXT_INIT(b, s) { (b), (s), 0 }

void net_text_printf(struct net_text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Where the next bytes go and how many fit, for a formatter that
 * writes itself snprintf-style; then net_text_add() what it returned. */
static inline char *net_text_pos(const struct net_text *t, size_t *room)
{
	size_t at = t->off < t->size ? t->off : t->size;

	*room = t->buf ? t->size - at : 0;
	return t->buf ? t->buf + at : NULL;
}

static inline void net_text_add(struct net_text *t, int n)
{
	if (n > 0)
		t->off += (size_t)n;
}

static inline int net_text_len(const struct net_text *t)
{
	return (int)t->off;
}

#endif
