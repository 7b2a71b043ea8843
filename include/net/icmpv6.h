/*
 * ICMPv6 (RFC 4443): the header, type and code numbers (with Linux's
 * names), the errors we send, and the Icmp6 counters of /proc/net/snmp6.
 */
#ifndef NET_ICMPV6_H
#define NET_ICMPV6_H

#include <net/ipv6.h>

struct icmp6hdr {
	u8 icmp6_type;
	u8 icmp6_code;
	u16 icmp6_cksum;
	union {
		be32 un_data32[1];
		be16 un_data16[2];
		u8 un_data8[4];
		struct { be16 identifier, sequence; } echo;
	} un;
} __attribute__((packed));
_Static_assert(sizeof(struct icmp6hdr) == 8, "icmp6hdr layout");
#define icmp6_identifier un.echo.identifier
#define icmp6_sequence un.echo.sequence
#define icmp6_mtu un.un_data32[0]
#define icmp6_pointer un.un_data32[0]

/* Error messages (type < 128, RFC 4443 §2.1) */
#define ICMPV6_DEST_UNREACH 1
#define ICMPV6_PKT_TOOBIG 2
#define ICMPV6_TIME_EXCEED 3
#define ICMPV6_PARAMPROB 4
/* Informational messages */
#define ICMPV6_ECHO_REQUEST 128
#define ICMPV6_ECHO_REPLY 129
#define ICMPV6_MGM_QUERY 130
#define ICMPV6_MGM_REPORT 131
#define ICMPV6_MGM_REDUCTION 132
#define NDISC_ROUTER_SOLICITATION 133
#define NDISC_ROUTER_ADVERTISEMENT 134
#define NDISC_NEIGHBOUR_SOLICITATION 135
#define NDISC_NEIGHBOUR_ADVERTISEMENT 136
#define NDISC_REDIRECT 137
#define ICMPV6_MLD2_REPORT 143

/* Destination Unreachable codes (RFC 4443 §3.1) */
#define ICMPV6_NOROUTE 0
#define ICMPV6_ADM_PROHIBITED 1
#define ICMPV6_NOT_NEIGHBOUR 2
#define ICMPV6_ADDR_UNREACH 3
#define ICMPV6_PORT_UNREACH 4
#define ICMPV6_POLICY_FAIL 5
#define ICMPV6_REJECT_ROUTE 6
/* Time Exceeded codes (§3.3) */
#define ICMPV6_EXC_HOPLIMIT 0
#define ICMPV6_EXC_FRAGTIME 1
/* Parameter Problem codes (§3.4) */
#define ICMPV6_HDR_FIELD 0
#define ICMPV6_UNK_NEXTHDR 1
#define ICMPV6_UNK_OPTION 2
#define ICMPV6_HDR_INCOMP 3        /* RFC 7112: first fragment lacks the header chain */

/* Icmp6: the non-per-type fields, in Linux's order. */
enum {
	ICMP6_MIB_INMSGS,
	ICMP6_MIB_INERRORS,
	ICMP6_MIB_OUTMSGS,
	ICMP6_MIB_OUTERRORS,
	ICMP6_MIB_CSUMERRORS,
	ICMP6_MIB_RATELIMITHOST,
	ICMP6_MIB_MAX
};
extern u64 icmp6_mib[ICMP6_MIB_MAX];
extern u64 icmp6msg_in[256], icmp6msg_out[256];
#define ICMP6_INC_STATS(f) (icmp6_mib[f]++)

void icmpv6_init(void);
void icmpv6_exit(void);

/*
 * Send an ICMPv6 error about the received packet `orig` (network header
 * at pkb_network(orig)), following RFC 4443 §2.4: never about an ICMPv6
 * error or a redirect; not about a packet to a multicast address or
 * received as link-layer multicast/broadcast, except Packet Too Big and
 * Parameter Problem code 2 (`allow_mcast`, the option type's 10 bits);
 * never to an unspecified, multicast or loopback-from-the-wire source;
 * the quote fills the message to the minimum MTU (1280, §2.4 (c)).
 * Rate limited (§2.4 (f)) like Linux: the global ICMP credit shared with
 * IPv4 and a per-destination token bucket, for every error type but
 * Packet Too Big (Linux's icmpv6 ratemask).  `info` is the MTU of
 * PKT_TOOBIG or the pointer of PARAMPROB.  Does not consume orig.
 */
void icmpv6_send(struct pkbuf *orig, u8 type, u8 code, u32 info, bool allow_mcast);
/* Parameter problem pointing at byte `pointer` of orig's IPv6 packet. */
static inline void icmpv6_param_prob(struct pkbuf *orig, u8 code, u32 pointer)
{
	icmpv6_send(orig, ICMPV6_PARAMPROB, code, pointer, code == ICMPV6_UNK_OPTION);
}

/* Checksum, count and send an ICMPv6 message in pkb (data at its header). */
int icmpv6_push(struct pkbuf *pkb, const struct ip6_out *out);
/* Count a message of `type` sent (Icmp6OutMsgs, Icmp6OutType<n>). */
void icmpv6_out_count(u8 type);
/* Linux's icmpv6_err_convert: errno and whether it is hard (fatal). */
int icmpv6_err_convert(u8 type, u8 code, bool *fatal);

#endif
