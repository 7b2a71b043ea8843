/* errqueue.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <time.h>
#include <linux/errqueue.h>
#define UAPI_SIDE host
#define UAPI_NAME errqueue
#include "errqueue.names.h"
#include "uapi_table.h"
