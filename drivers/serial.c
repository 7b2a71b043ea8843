/*
 * The 16550 UART on COM1 as the kernel console: 115200 baud, 8N1, polled
 * output (a console must work with interrupts off and during a crash).
 * Receive (for the tty) comes with the next issue.
 */
#include <asm/io.h>
#include <tern/printk.h>
#include <tern/serial.h>

#define COM1		0x3f8
#define UART_THR	0	/* transmit holding register */
#define UART_IER	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define LSR_THRE	0x20	/* transmitter holding register empty */
#define LSR_TEMT	0x40	/* transmitter completely idle */
#define LCR_DLAB	0x80
#define SPIN_LIMIT	100000	/* bounded wait: a missing UART never hangs us */

static void serial_putc(char c)
{
	for (int i = 0; i < SPIN_LIMIT && !(inb(COM1 + UART_LSR) & LSR_THRE); i++)
		;
	outb(COM1 + UART_THR, c);
}

static void serial_write(struct console *con, const char *s, size_t n)
{
	(void)con;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

/* Wait (bounded) until everything written has left the UART. */
void serial_flush(void)
{
	for (int i = 0; i < SPIN_LIMIT && !(inb(COM1 + UART_LSR) & LSR_TEMT); i++)
		;
}

static struct console serial_console = {
	.name = "ttyS0",
	.write = serial_write,
};

void serial_init(void)
{
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + 0, 1);		/* divisor 1: 115200 baud */
	outb(COM1 + 1, 0);
	outb(COM1 + UART_LCR, 0x03);	/* 8 data bits, no parity, 1 stop */
	outb(COM1 + UART_FCR, 0xc7);	/* FIFOs on, cleared */
	outb(COM1 + UART_MCR, 0x03);	/* DTR, RTS */
	register_console(&serial_console);
}
