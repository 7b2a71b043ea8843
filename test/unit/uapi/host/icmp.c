/* icmp.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/icmp.h>
#define UAPI_SIDE host
#define UAPI_NAME icmp
#include "icmp.names.h"
#include "uapi_table.h"
