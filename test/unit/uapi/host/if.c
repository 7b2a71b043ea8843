/* if.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/if.h>
#define UAPI_SIDE host
#define UAPI_NAME if
#include "if.names.h"
#include "uapi_table.h"
