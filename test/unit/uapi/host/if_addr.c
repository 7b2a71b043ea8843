/* if_addr.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/if_addr.h>
#define UAPI_SIDE host
#define UAPI_NAME if_addr
#include "if_addr.names.h"
#include "uapi_table.h"
