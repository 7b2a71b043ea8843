/* shm.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <limits.h>
#include <linux/shm.h>
#define UAPI_SIDE host
#define UAPI_NAME shm
#include "shm.names.h"
#include "uapi_table.h"
