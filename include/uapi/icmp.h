/*
 * ICMP numbers (RFC 792, RFC 1122, RFC 1812, RFC 8335) as Linux names
 * them, and the raw-socket ICMP filter (raw(7) ICMP_FILTER).  The ICMP
 * header is wire format: include/net/icmp.h.
 */
#ifndef TERN_UAPI_ICMP_H
#define TERN_UAPI_ICMP_H

#include <uapi/types.h>

/* Types. */
#define ICMP_ECHOREPLY		0
#define ICMP_DEST_UNREACH	3
#define ICMP_SOURCE_QUENCH	4
#define ICMP_REDIRECT		5
#define ICMP_ECHO		8
#define ICMP_TIME_EXCEEDED	11
#define ICMP_PARAMETERPROB	12
#define ICMP_TIMESTAMP		13
#define ICMP_TIMESTAMPREPLY	14
#define ICMP_INFO_REQUEST	15
#define ICMP_INFO_REPLY		16
#define ICMP_ADDRESS		17
#define ICMP_ADDRESSREPLY	18
#define NR_ICMP_TYPES		18	/* the highest classic type */
#define ICMP_EXT_ECHO		42	/* RFC 8335 PROBE */
#define ICMP_EXT_ECHOREPLY	43

/* Codes of ICMP_DEST_UNREACH. */
#define ICMP_NET_UNREACH	0
#define ICMP_HOST_UNREACH	1
#define ICMP_PROT_UNREACH	2
#define ICMP_PORT_UNREACH	3
#define ICMP_FRAG_NEEDED	4	/* DF set; the next-hop MTU is in the header */
#define ICMP_SR_FAILED		5
#define ICMP_NET_UNKNOWN	6
#define ICMP_HOST_UNKNOWN	7
#define ICMP_HOST_ISOLATED	8
#define ICMP_NET_ANO		9
#define ICMP_HOST_ANO		10
#define ICMP_NET_UNR_TOS	11
#define ICMP_HOST_UNR_TOS	12
#define ICMP_PKT_FILTERED	13
#define ICMP_PREC_VIOLATION	14
#define ICMP_PREC_CUTOFF	15
#define NR_ICMP_UNREACH		15	/* the highest code */

/* Codes of ICMP_REDIRECT. */
#define ICMP_REDIR_NET		0
#define ICMP_REDIR_HOST		1
#define ICMP_REDIR_NETTOS	2
#define ICMP_REDIR_HOSTTOS	3

/* Codes of ICMP_TIME_EXCEEDED. */
#define ICMP_EXC_TTL		0
#define ICMP_EXC_FRAGTIME	1

/* SOL_RAW option on IPPROTO_ICMP raw sockets: bit n set drops type n. */
#define ICMP_FILTER		1

struct icmp_filter {
	u32 data;
};
_Static_assert(sizeof(struct icmp_filter) == 4, "icmp_filter");

#endif
