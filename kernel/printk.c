/*
 * printk: format, timestamp, append to the log ring buffer, and write to
 * the consoles if the level passes console_loglevel.
 *
 * The ring buffer holds the most recent LOG_BUF_SIZE bytes of formatted
 * text ("[    1.234567] message\n").  Positions are byte sequence numbers
 * since boot: byte p lives at log_buf[p % LOG_BUF_SIZE] while
 * p >= log_next - LOG_BUF_SIZE.  log_lock protects both the buffer and
 * console output (so lines never interleave); it is taken with
 * interrupts off, as printk may be called from interrupt handlers.
 */
#include <tern/printk.h>
#include <tern/spinlock.h>
#include <tern/string.h>
#include <tern/time.h>

#define LOG_BUF_SIZE	(64 * 1024)
#define LINE_MAX_LEN	512

static char log_buf[LOG_BUF_SIZE];
static u64 log_next;		/* sequence number of the next byte */
static DEFINE_SPINLOCK(log_lock);
static struct console *consoles;
static bool emergency;		/* crash path: ignore log_lock */

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;

void register_console(struct console *con)
{
	unsigned long flags = spin_lock_irqsave(&log_lock);

	con->next = consoles;
	consoles = con;
	/* Replay what was logged before this console existed. */
	u64 start = log_next > LOG_BUF_SIZE ? log_next - LOG_BUF_SIZE : 0;
	for (u64 p = start; p < log_next; p++)
		con->write(con, &log_buf[p % LOG_BUF_SIZE], 1);
	spin_unlock_irqrestore(&log_lock, flags);
}

void printk_emergency_mode(void)
{
	emergency = true;
}

static void log_store(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		log_buf[(log_next + i) % LOG_BUF_SIZE] = s[i];
	log_next += n;
}

static void console_emit(const char *s, size_t n)
{
	for (struct console *c = consoles; c; c = c->next)
		c->write(c, s, n);
}

int vprintk_level(int level, const char *fmt, va_list ap)
{
	char line[LINE_MAX_LEN];
	static bool at_line_start = true;	/* under log_lock */
	int n = 0;

	va_list ap2;
	va_copy(ap2, ap);
	int body = vsnprintf(line + 32, sizeof(line) - 32, fmt, ap2);
	va_end(ap2);
	if (body > (int)sizeof(line) - 33)
		body = sizeof(line) - 33;

	unsigned long flags = 0;
	if (!emergency)
		flags = spin_lock_irqsave(&log_lock);
	/* A timestamp starts each new line (continuations get none). */
	if (at_line_start) {
		u64 ns = ktime_get_ns();
		n = snprintf(line, 32, "[%5lu.%06lu] ", (unsigned long)(ns / 1000000000),
			     (unsigned long)(ns % 1000000000 / 1000));
	}
	memmove(line + n, line + 32, body);
	n += body;
	if (n)
		at_line_start = line[n - 1] == '\n';
	log_store(line, n);
	if (level < console_loglevel)
		console_emit(line, n);
	if (!emergency)
		spin_unlock_irqrestore(&log_lock, flags);
	return body;
}

int vprintk(const char *fmt, va_list ap)
{
	int level = LOGLEVEL_DEFAULT;

	if (fmt[0] == KERN_SOH[0] && fmt[1] >= '0' && fmt[1] <= '7') {
		level = fmt[1] - '0';
		fmt += 2;
	}
	return vprintk_level(level, fmt, ap);
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

u64 log_first_pos(void)
{
	return log_next > LOG_BUF_SIZE ? log_next - LOG_BUF_SIZE : 0;
}

u64 log_next_pos(void)
{
	return READ_ONCE(log_next);
}

size_t log_read(char *buf, size_t len, u64 *pos)
{
	unsigned long flags = spin_lock_irqsave(&log_lock);
	u64 first = log_first_pos();
	size_t n = 0;

	if (*pos < first)
		*pos = first;	/* overwritten meanwhile: skip ahead */
	while (n < len && *pos < log_next) {
		buf[n++] = log_buf[*pos % LOG_BUF_SIZE];
		(*pos)++;
	}
	spin_unlock_irqrestore(&log_lock, flags);
	return n;
}
