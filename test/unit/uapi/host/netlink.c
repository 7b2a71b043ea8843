/* netlink.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/netlink.h>
#define UAPI_SIDE host
#define UAPI_NAME netlink
#include "netlink.names.h"
#include "uapi_table.h"
