/* fcntl23: a read lease (F_SETLEASE F_RDLCK) on a file opened O_RDONLY (fcntl_lease.h). */
#define LEASE_TYPE	F_RDLCK
#define LEASE_OFLAGS	O_RDONLY
#include "fcntl_lease.h"
