/* sockios.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <asm/ioctls.h>
#include <linux/sockios.h>
#define UAPI_SIDE host
#define UAPI_NAME sockios
#include "sockios.names.h"
#include "uapi_table.h"
