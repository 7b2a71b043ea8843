/*
 * glibc's <errno.h> and <uapi/errno.h> in one translation unit (host
 * tests of net/ may do this): it compiles only while every errno macro
 * of ours has glibc's exact replacement tokens.  glibc's comes first:
 * the compiler says nothing about a redefinition inside a system
 * header, so only this order makes a mismatch an error (-Werror).
 */
#include <errno.h>
#include <uapi/errno.h>

int uapi_errno_glibc(void);

int uapi_errno_glibc(void)
{
	return EWOULDBLOCK * 10000 + ENOTSUP * 100 + EDEADLOCK;
}
