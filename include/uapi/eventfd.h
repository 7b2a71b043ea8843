/* eventfd2(2) flags, Linux x86_64 values. */
#ifndef TERN_UAPI_EVENTFD_H
#define TERN_UAPI_EVENTFD_H

#define EFD_SEMAPHORE	1		/* read(2) takes 1, not the whole count */
#define EFD_CLOEXEC	02000000	/* O_CLOEXEC */
#define EFD_NONBLOCK	00004000	/* O_NONBLOCK */

#endif
