/* signalfd.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/signalfd.h>
#define UAPI_SIDE host
#define UAPI_NAME signalfd
#include "signalfd.names.h"
#include "uapi_table.h"
