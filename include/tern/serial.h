/* COM1 console (drivers/serial.c). */
#ifndef TERN_SERIAL_H
#define TERN_SERIAL_H

void serial_init(void);

#endif
