/* ICMP for IPv4 (RFC 792, RFC 1122 §3.2.2). */
#ifndef NET_ICMP_H
#define NET_ICMP_H

#include <net/ip.h>
#include <uapi/icmp.h>		/* ICMP types and codes, ICMP_FILTER */

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

/*
 * The ICMP error being handed to the transports (data at its ICMP
 * header, network header at its IP header), for a net_protocol.err
 * handler that queues it (IP_RECVERR); NULL outside that call.
 */
const struct pkbuf *icmp_current_error(void);

/* Count an ICMP message of `type` sent (OutMsgs, OutType<n>). */
void icmp_out_count(u8 type);

#endif
