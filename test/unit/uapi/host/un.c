/* un.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/sockios.h>
#include <linux/un.h>
#define UAPI_SIDE host
#define UAPI_NAME un
#include "un.names.h"
#include "uapi_table.h"
