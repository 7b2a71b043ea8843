/* Kernel functions return negative errno values (-ENOMEM, ...). */
#ifndef TERN_ERRNO_H
#define TERN_ERRNO_H

#include <uapi/errno.h>

#endif
