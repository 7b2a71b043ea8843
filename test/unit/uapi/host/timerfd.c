/* timerfd.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/timerfd.h>
#define UAPI_SIDE host
#define UAPI_NAME timerfd
#include "timerfd.names.h"
#include "uapi_table.h"
