/* walk.h against Tern's headers. */
#include <uapi/errqueue.h>
#include <uapi/rtnetlink.h>
#include <uapi/socket.h>
#define UAPI_WALK uapi_walk_ours
#include "walk.h"
