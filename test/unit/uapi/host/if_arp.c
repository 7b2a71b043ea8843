/* if_arp.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/if_arp.h>
#define UAPI_SIDE host
#define UAPI_NAME if_arp
#include "if_arp.names.h"
#include "uapi_table.h"
