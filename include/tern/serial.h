/* COM1 console (drivers/serial.c). */
#ifndef TERN_SERIAL_H
#define TERN_SERIAL_H

void serial_init(void);
/* Waits until all output has left the UART (before the machine ends). */
void serial_flush(void);

#endif
