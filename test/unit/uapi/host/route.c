/* route.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/route.h>
#define UAPI_SIDE host
#define UAPI_NAME route
#include "route.names.h"
#include "uapi_table.h"
