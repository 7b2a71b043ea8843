/*
 * The socket error queue (IP_RECVERR, MSG_ERRQUEUE; ip(7)): the
 * extended error each queued message carries as a control message,
 * and the timestamping records, Linux x86_64 layouts.  The offending
 * address follows the structure in the same control message
 * (SO_EE_OFFENDER).
 */
#ifndef TERN_UAPI_ERRQUEUE_H
#define TERN_UAPI_ERRQUEUE_H

#include <stddef.h>
#include <uapi/types.h>
#include <uapi/time.h>

/* ICMP extension information (RFC 4884) about the original datagram. */
struct sock_ee_data_rfc4884 {
	u16 len;
	u8 flags;
	u8 reserved;
};

struct sock_extended_err {
	u32 ee_errno;			/* positive errno */
	u8 ee_origin;			/* SO_EE_ORIGIN_* */
	u8 ee_type;			/* ICMP type for ORIGIN_ICMP */
	u8 ee_code;
	u8 ee_pad;
	u32 ee_info;			/* e.g. the MTU for EMSGSIZE */
	union {
		u32 ee_data;
		struct sock_ee_data_rfc4884 ee_rfc4884;
	};
};
_Static_assert(offsetof(struct sock_extended_err, ee_info) == 8, "ee_info");
_Static_assert(sizeof(struct sock_extended_err) == 16, "sock_extended_err");

#define SO_EE_ORIGIN_NONE		0
#define SO_EE_ORIGIN_LOCAL		1
#define SO_EE_ORIGIN_ICMP		2
#define SO_EE_ORIGIN_ICMP6		3
#define SO_EE_ORIGIN_TXSTATUS		4
#define SO_EE_ORIGIN_ZEROCOPY		5
#define SO_EE_ORIGIN_TXTIME		6
#define SO_EE_ORIGIN_TIMESTAMPING	SO_EE_ORIGIN_TXSTATUS

/* The sockaddr that follows an extended error (the ICMP sender). */
#define SO_EE_OFFENDER(ee)	((struct sockaddr *)((ee) + 1))

#define SO_EE_CODE_ZEROCOPY_COPIED	1
#define SO_EE_CODE_TXTIME_INVALID_PARAM	1
#define SO_EE_CODE_TXTIME_MISSED	2
#define SO_EE_RFC4884_FLAG_INVALID	1

/* SCM_TIMESTAMPING: software, (deprecated), hardware stamps. */
struct scm_timestamping {
	struct __kernel_timespec ts[3];
};
_Static_assert(sizeof(struct scm_timestamping) == 48, "scm_timestamping");

/* ee_info of a timestamping error-queue message. */
enum {
	SCM_TSTAMP_SND,
	SCM_TSTAMP_SCHED,
	SCM_TSTAMP_ACK,
};

#endif
