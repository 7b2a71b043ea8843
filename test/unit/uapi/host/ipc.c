/* ipc.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/ipc.h>
#define UAPI_SIDE host
#define UAPI_NAME ipc
#include "ipc.names.h"
#include "uapi_table.h"
