/* in6.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/in6.h>
#include <linux/ipv6.h>
#define UAPI_SIDE host
#define UAPI_NAME in6
#include "in6.names.h"
#include "uapi_table.h"
