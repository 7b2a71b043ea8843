/* neighbour.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/neighbour.h>
#define UAPI_SIDE host
#define UAPI_NAME neighbour
#include "neighbour.names.h"
#include "uapi_table.h"
