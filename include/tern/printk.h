/*
 * Kernel log.  printk() takes an optional level prefix as Linux does
 * (KERN_ERR "text"); messages go to the ring buffer always and to the
 * consoles when their level is below the console loglevel (loglevel=).
 */
#ifndef TERN_PRINTK_H
#define TERN_PRINTK_H

#include <stdarg.h>
#include <tern/kernel.h>

#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"

#define LOGLEVEL_DEFAULT	6	/* a message without a prefix */
#define CONSOLE_LOGLEVEL_DEFAULT 7	/* print levels 0..6 */

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);
/* printk at an explicit numeric level (0..7), e.g. for net_log(). */
int vprintk_level(int level, const char *fmt, va_list ap);

#define pr_emerg(fmt, ...)	printk(KERN_EMERG fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(KERN_NOTICE fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG fmt, ##__VA_ARGS__)

/* Console loglevel: messages with level < this reach the consoles. */
extern int console_loglevel;

/*
 * A console: something printk() writes to.  write() is called with
 * interrupts off and the log lock held; it must not sleep or printk.
 */
struct console {
	const char *name;
	void (*write)(struct console *con, const char *s, size_t n);
	struct console *next;
};
void register_console(struct console *con);

/*
 * The log ring buffer (what dmesg reads).  log_read() copies bytes of
 * formatted log text starting at *pos (a sequence number of bytes ever
 * logged) and advances *pos; text overwritten since is skipped.  Returns
 * the number of bytes copied.
 */
size_t log_read(char *buf, size_t len, u64 *pos);
/* Sequence number of the first byte still in the buffer / next byte. */
u64 log_first_pos(void);
u64 log_next_pos(void);

/* Emergency output (panic, exceptions): straight to the consoles,
 * ignoring the log lock so a crash while printing still shows. */
void printk_emergency_mode(void);

int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
