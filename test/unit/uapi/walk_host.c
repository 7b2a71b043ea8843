/* walk.h against the build machine's Linux and glibc headers. */
#define _GNU_SOURCE
#include <time.h>
#include <sys/socket.h>
#include <linux/errqueue.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#define UAPI_WALK uapi_walk_host
#include "walk.h"
