/* COM1 console (drivers/serial.c). */
#ifndef TERN_SERIAL_H
#define TERN_SERIAL_H

#include <tern/wait.h>

void serial_init(void);
/* Waits until all output has left the UART (before the machine ends). */
void serial_flush(void);

/* Polled output of n bytes with no translation (the tty's write). */
void serial_write_raw(const char *s, size_t n);

/* Interrupt-driven input (after ioapic_init). */
void serial_irq_init(void);
/* Copies up to len received bytes; never blocks.  Readers sleep on
 * serial_rx_wq until it returns nonzero. */
size_t serial_rx_read(char *buf, size_t len);
extern struct wait_queue_head serial_rx_wq;
/* Requests one transmitter-empty interrupt (counted in serial_tx_irqs,
 * woken on serial_tx_wq); used by the interrupt-routing self-test. */
void serial_tx_kick(void);
extern volatile u64 serial_tx_irqs;
extern struct wait_queue_head serial_tx_wq;

#endif
