/* /proc text into a caller's buffer (see net/text.h). */
#include <net/text.h>

void net_text_printf(struct net_text *t, const char *fmt, ...)
{
	size_t room;
	char *at = net_text_pos(t, &room);
	va_list ap;

	va_start(ap, fmt);
	net_text_add(t, vsnprintf(at, room, fmt, ap));
	va_end(ap);
}
