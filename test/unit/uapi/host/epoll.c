/* epoll.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <linux/eventpoll.h>
#define UAPI_SIDE host
#define UAPI_NAME epoll
#include "epoll.names.h"
#include "uapi_table.h"
