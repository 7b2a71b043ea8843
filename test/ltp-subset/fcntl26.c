/* fcntl26: a write lease (F_SETLEASE F_WRLCK) on a file opened O_WRONLY (fcntl_lease.h). */
#define LEASE_TYPE	F_WRLCK
#define LEASE_OFLAGS	O_WRONLY
#include "fcntl_lease.h"
