/* in.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/in.h>
#define UAPI_SIDE host
#define UAPI_NAME in
#include "in.names.h"
#include "uapi_table.h"
