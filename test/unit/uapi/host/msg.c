/* msg.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/msg.h>
#define UAPI_SIDE host
#define UAPI_NAME msg
#include "msg.names.h"
#include "uapi_table.h"
