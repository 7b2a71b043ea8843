/* fcntl24: a write lease (F_SETLEASE F_WRLCK) on a file opened O_RDWR (fcntl_lease.h). */
#define LEASE_TYPE	F_WRLCK
#define LEASE_OFLAGS	O_RDWR
#include "fcntl_lease.h"
