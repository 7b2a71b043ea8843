/* eventfd.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <sys/eventfd.h>
#define UAPI_SIDE host
#define UAPI_NAME eventfd
#include "eventfd.names.h"
#include "uapi_table.h"
