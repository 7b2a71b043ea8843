/* tcp.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/tcp.h>
#define UAPI_SIDE host
#define UAPI_NAME tcp
#include "tcp.names.h"
#include "uapi_table.h"
