/* if_link.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/if_link.h>
#define UAPI_SIDE host
#define UAPI_NAME if_link
#include "if_link.names.h"
#include "uapi_table.h"
