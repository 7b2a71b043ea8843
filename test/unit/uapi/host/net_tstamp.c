/* net_tstamp.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/net_tstamp.h>
#define UAPI_SIDE host
#define UAPI_NAME net_tstamp
#include "net_tstamp.names.h"
#include "uapi_table.h"
