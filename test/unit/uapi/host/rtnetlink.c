/* rtnetlink.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/rtnetlink.h>
#define UAPI_SIDE host
#define UAPI_NAME rtnetlink
#include "rtnetlink.names.h"
#include "uapi_table.h"
