/* udp.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/udp.h>
#define UAPI_SIDE host
#define UAPI_NAME udp
#include "udp.names.h"
#include "uapi_table.h"
