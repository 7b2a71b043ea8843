/*
 * The 16550 UART on COM1 as the kernel console: 115200 baud, 8N1, polled
 * output (a console must work with interrupts off and during a crash).
 *
 * Input is interrupt-driven (ISA IRQ 4 through the I/O APIC): received
 * bytes go to a ring buffer, and readers sleep on serial_rx_wq (the tty
 * layer builds on serial_rx_read()).  The transmitter-empty interrupt
 * is enabled only on request (serial_tx_kick), one-shot.
 * Locking: serial_lock (irq-saving) protects the receive ring and IER.
 */
#include <asm/io.h>
#include <tern/ioapic.h>
#include <tern/irq.h>
#include <tern/lapic.h>
#include <tern/printk.h>
#include <tern/serial.h>
#include <tern/spinlock.h>

#define COM1		0x3f8
#define UART_THR	0	/* transmit holding register */
#define UART_RBR	0	/* receive buffer */
#define UART_IER	1
#define UART_IIR	2	/* read: interrupt identification */
#define UART_FCR	2	/* write: FIFO control */
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_MSR	6
#define IER_RX		0x01
#define IER_THRE	0x02
#define MCR_OUT2	0x08	/* gates the UART's interrupt line on PCs */
#define LSR_DR		0x01	/* data ready */
#define COM1_IRQ	4
#define RX_BUF_SIZE	1024
#define LSR_THRE	0x20	/* transmitter holding register empty */
#define LSR_TEMT	0x40	/* transmitter completely idle */
#define LCR_DLAB	0x80
#define SPIN_LIMIT	100000	/* bounded wait: a missing UART never hangs us */

/* The last byte sent, and whether a program (the tty) sent it. */
static char last_out = '\n';
static bool last_from_tty;

static void serial_putc(char c)
{
	for (int i = 0; i < SPIN_LIMIT && !(inb(COM1 + UART_LSR) & LSR_THRE); i++)
		;
	outb(COM1 + UART_THR, c);
	last_out = c;
}

/*
 * Kernel messages: a message that follows a program's unfinished line
 * (a prompt, a partial write) starts on a line of its own, so neither
 * is torn; the kernel's own continuations are left as they are.
 */
static void serial_write(struct console *con, const char *s, size_t n)
{
	(void)con;
	if (n && last_from_tty && last_out != '\n') {
		serial_putc('\r');
		serial_putc('\n');
	}
	last_from_tty = false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

/* The tty's output: bytes as they are (the line discipline did OPOST). */
void serial_write_raw(const char *s, size_t n)
{
	if (n)
		last_from_tty = true;
	for (size_t i = 0; i < n; i++)
		serial_putc(s[i]);
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

DECLARE_WAIT_QUEUE_HEAD(serial_rx_wq);
DECLARE_WAIT_QUEUE_HEAD(serial_tx_wq);
volatile u64 serial_tx_irqs;
static DEFINE_SPINLOCK(serial_lock);
static char rx_buf[RX_BUF_SIZE];
static u32 rx_head, rx_tail;	/* head: next write; empty when equal */
static u64 rx_dropped;
static u8 ier;

static void serial_interrupt(struct pt_regs *regs, void *data)
{
	bool rx = false, tx = false;

	(void)regs;
	(void)data;
	spin_lock(&serial_lock);
	/* Bounded: a stuck UART cannot keep us here. */
	for (int n = 0; n < 16; n++) {
		u8 iir = inb(COM1 + UART_IIR);
		if (iir & 1)
			break;			/* nothing pending */
		switch ((iir >> 1) & 7) {
		case 2:				/* received data */
		case 6:				/* FIFO timeout */
			for (int i = 0; i < 64 && (inb(COM1 + UART_LSR) & LSR_DR); i++) {
				char c = inb(COM1 + UART_RBR);
				if (rx_head - rx_tail < RX_BUF_SIZE)
					rx_buf[rx_head++ % RX_BUF_SIZE] = c;
				else
					rx_dropped++;
				rx = true;
			}
			break;
		case 1:				/* transmitter empty: one-shot */
			ier &= ~IER_THRE;
			outb(COM1 + UART_IER, ier);
			serial_tx_irqs++;
			tx = true;
			break;
		case 3:
			inb(COM1 + UART_LSR);
			break;
		default:
			inb(COM1 + UART_MSR);
			break;
		}
	}
	spin_unlock(&serial_lock);
	lapic_eoi();
	if (rx)
		wake_up_all(&serial_rx_wq);
	if (tx)
		wake_up_all(&serial_tx_wq);
}

void serial_irq_init(void)
{
	u8 vec = irq_alloc_vector();

	if (!vec || irq_register(vec, serial_interrupt, NULL, "ttyS0") ||
	    ioapic_route_isa_irq(COM1_IRQ, vec)) {
		pr_err("serial: cannot route IRQ %d; input disabled\n", COM1_IRQ);
		return;
	}
	unsigned long flags = spin_lock_irqsave(&serial_lock);
	outb(COM1 + UART_MCR, 0x03 | MCR_OUT2);
	ier = IER_RX;
	outb(COM1 + UART_IER, ier);
	spin_unlock_irqrestore(&serial_lock, flags);
	pr_info("serial: ttyS0 input on IRQ %d (vector %u)\n", COM1_IRQ, vec);
}

size_t serial_rx_read(char *buf, size_t len)
{
	unsigned long flags = spin_lock_irqsave(&serial_lock);
	size_t n = 0;

	while (n < len && rx_tail != rx_head)
		buf[n++] = rx_buf[rx_tail++ % RX_BUF_SIZE];
	spin_unlock_irqrestore(&serial_lock, flags);
	return n;
}

void serial_tx_kick(void)
{
	unsigned long flags = spin_lock_irqsave(&serial_lock);

	ier |= IER_THRE;
	outb(COM1 + UART_IER, ier);
	spin_unlock_irqrestore(&serial_lock, flags);
}
