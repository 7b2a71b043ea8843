/* ICMP for IPv4 (RFC 792, RFC 1122 §3.2.2). */
#ifndef NET_ICMP_H
#define NET_ICMP_H

#include <net/ip.h>

#define ICMP_ECHOREPLY 0
#define ICMP_DEST_UNREACH 3
#define ICMP_SOURCE_QUENCH 4
#define ICMP_REDIRECT 5
#define ICMP_ECHO 8
#define ICMP_TIME_EXCEEDED 11
#define ICMP_PARAMETERPROB 12
#define ICMP_TIMESTAMP 13
#define ICMP_TIMESTAMPREPLY 14
#define ICMP_INFO_REQUEST 15
#define ICMP_INFO_REPLY 16
#define ICMP_ADDRESS 17
#define ICMP_ADDRESSREPLY 18
#define NR_ICMP_TYPES 18

/* Destination unreachable codes */
#define ICMP_NET_UNREACH 0
#define ICMP_HOST_UNREACH 1
#define ICMP_PROT_UNREACH 2
#define ICMP_PORT_UNREACH 3
#define ICMP_FRAG_NEEDED 4
#define ICMP_SR_FAILED 5
#define ICMP_PKT_FILTERED 13
#define NR_ICMP_UNREACH 15
/* Time exceeded codes */
#define ICMP_EXC_TTL 0
#define ICMP_EXC_FRAGTIME 1

struct icmphdr {
	u8 type;
	u8 code;
	u16 checksum;
	union {
		struct { be16 id, sequence; } echo;
		be32 gateway;
		struct { be16 unused, mtu; } frag;
		u8 pointer;
	} un;
} __attribute__((packed));
_Static_assert(sizeof(struct icmphdr) == 8, "icmphdr layout");

void icmp_init(void);
void icmp_rcv(struct pkbuf *pkb);

/*
 * Send an ICMP error about the received (or locally generated) packet
 * `orig`, whose network header is at pkb_network(orig).  Applies RFC 1122
 * §3.2.2's rules: never about an ICMP error, a non-first fragment, a
 * link/IP broadcast or multicast, or a non-unicast source; quotes the
 * header and as much data as fits in 576 bytes; rate limited like Linux
 * (icmp_msgs_per_sec/icmp_msgs_burst globally, icmp_ratelimit per
 * destination host except over loopback, for the types in icmp_ratemask).  `info` is
 * the next-hop MTU for FRAG_NEEDED or the pointer for PARAMETERPROB.
 * Does not consume orig.
 */
void icmp_send(struct pkbuf *orig, u8 type, u8 code, u32 info);

/*
 * Linux's icmp_err_convert: errno and whether the error is "hard" (fatal
 * to a connected socket) for a DEST_UNREACH code.
 */
struct icmp_err {
	int errno_;
	bool fatal;
};
extern const struct icmp_err icmp_err_convert[NR_ICMP_UNREACH + 1];

/*
 * Is an ICMP error "hard", i.e. reported to a connected datagram socket
 * without IP_RECVERR?  Hard: parameter problems, and destination
 * unreachables that icmp_err_convert marks fatal, plus FRAG_NEEDED
 * (Linux's default PMTU discovery policy treats it as hard).
 */
bool icmp_err_is_hard(u8 type, u8 code);

#endif
