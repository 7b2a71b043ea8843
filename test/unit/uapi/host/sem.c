/* sem.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/sem.h>
#define UAPI_SIDE host
#define UAPI_NAME sem
#include "sem.names.h"
#include "uapi_table.h"
