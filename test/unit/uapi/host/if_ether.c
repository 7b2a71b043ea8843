/* if_ether.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/if_ether.h>
#define UAPI_SIDE host
#define UAPI_NAME if_ether
#include "if_ether.names.h"
#include "uapi_table.h"
