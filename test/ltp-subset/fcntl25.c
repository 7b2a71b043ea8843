/* fcntl25: a write lease (F_SETLEASE F_WRLCK) on a file opened O_RDONLY (fcntl_lease.h). */
#define LEASE_TYPE	F_WRLCK
#define LEASE_OFLAGS	O_RDONLY
#include "fcntl_lease.h"
