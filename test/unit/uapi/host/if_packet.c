/* if_packet.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/if_packet.h>
#define UAPI_SIDE host
#define UAPI_NAME if_packet
#include "if_packet.names.h"
#include "uapi_table.h"
