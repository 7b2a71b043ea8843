/* socket.h's names in the build machine's headers. */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <linux/socket.h>
#define UAPI_SIDE host
#define UAPI_NAME socket
#include "socket.names.h"
#include "uapi_table.h"
