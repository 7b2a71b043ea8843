/*
 * IPv4, ICMP and UDP counters: the Ip:, Icmp:, IcmpMsg:, Udp: and
 * UdpLite: groups of Linux's /proc/net/snmp (RFC 4293 / RFC 4113 names),
 * in Linux's order, plus the IpExt: fields we keep for drops that group
 * has no column for.  snmp_proc_format() prints them exactly as Linux's
 * net/ipv4/proc.c does, with the Tcp: group from tcp_snmp_format().
 */
#ifndef NET_SNMP_H
#define NET_SNMP_H

#include <net/sock.h>
#include <tern/net_platform.h>

/* Ip: after Forwarding and DefaultTTL (which are constants). */
enum {
	IPSTATS_MIB_INRECEIVES,
	IPSTATS_MIB_INHDRERRORS,
	IPSTATS_MIB_INADDRERRORS,
	IPSTATS_MIB_FORWDATAGRAMS,
	IPSTATS_MIB_INUNKNOWNPROTOS,
	IPSTATS_MIB_INDISCARDS,
	IPSTATS_MIB_INDELIVERS,
	IPSTATS_MIB_OUTREQUESTS,
	IPSTATS_MIB_OUTDISCARDS,
	IPSTATS_MIB_OUTNOROUTES,
	IPSTATS_MIB_REASMTIMEOUT,
	IPSTATS_MIB_REASMREQDS,
	IPSTATS_MIB_REASMOKS,
	IPSTATS_MIB_REASMFAILS,
	IPSTATS_MIB_FRAGOKS,
	IPSTATS_MIB_FRAGFAILS,
	IPSTATS_MIB_FRAGCREATES,
	IPSTATS_MIB_OUTTRANSMITS,
	/* IpExt: (/proc/net/netstat), in Linux's order */
	IPSTATS_MIB_INNOROUTES,
	IPSTATS_MIB_INTRUNCATEDPKTS,
	IPSTATS_MIB_INMCASTPKTS,
	IPSTATS_MIB_OUTMCASTPKTS,
	IPSTATS_MIB_INBCASTPKTS,
	IPSTATS_MIB_OUTBCASTPKTS,
	IPSTATS_MIB_INOCTETS,
	IPSTATS_MIB_OUTOCTETS,
	IPSTATS_MIB_INMCASTOCTETS,
	IPSTATS_MIB_OUTMCASTOCTETS,
	IPSTATS_MIB_INBCASTOCTETS,
	IPSTATS_MIB_OUTBCASTOCTETS,
	IPSTATS_MIB_CSUMERRORS,
	IPSTATS_MIB_NOECTPKTS,      /* + (tos & 3): ECT1, ECT0, CE follow */
	IPSTATS_MIB_ECT1PKTS,
	IPSTATS_MIB_ECT0PKTS,
	IPSTATS_MIB_CEPKTS,
	IPSTATS_MIB_REASM_OVERLAPS,
	IPSTATS_MIB_MAX
};

/* Icmp: the non-per-type fields. */
enum {
	ICMP_MIB_INMSGS,
	ICMP_MIB_INERRORS,
	ICMP_MIB_CSUMERRORS,
	ICMP_MIB_OUTMSGS,
	ICMP_MIB_OUTERRORS,
	ICMP_MIB_RATELIMITGLOBAL,
	ICMP_MIB_RATELIMITHOST,
	ICMP_MIB_MAX
};

enum {
	UDP_MIB_INDATAGRAMS,
	UDP_MIB_NOPORTS,
	UDP_MIB_INERRORS,
	UDP_MIB_OUTDATAGRAMS,
	UDP_MIB_RCVBUFERRORS,
	UDP_MIB_SNDBUFERRORS,
	UDP_MIB_CSUMERRORS,
	UDP_MIB_IGNOREDMULTI,
	UDP_MIB_MEMERRORS,
	UDP_MIB_MAX
};

extern u64 ip_mib[IPSTATS_MIB_MAX];
extern u64 icmp_mib[ICMP_MIB_MAX];
/* IcmpMsg: InType<n> and OutType<n>; the Icmp: In/Out<Type> fields are these. */
extern u64 icmpmsg_in[256], icmpmsg_out[256];
extern u64 udp_mib[UDP_MIB_MAX];
extern u64 udplite_mib[UDP_MIB_MAX];

#define IP_INC_STATS(f) (ip_mib[f]++)
#define IP_ADD_STATS(f, n) (ip_mib[f] += (n))
#define ICMP_INC_STATS(f) (icmp_mib[f]++)
#define UDP_INC_STATS(f) (udp_mib[f]++)

/* /proc/net/snmp text; returns the length needed (like snprintf). */
int snmp_proc_format(char *buf, size_t size);
/* The two IpExt: lines of /proc/net/netstat (after TcpExt:, see tcp_netstat_format). */
int snmp_ipext_format(char *buf, size_t size);
/*
 * /proc/net/tcp (Linux's tcp4_seq_show): the header, then every listener,
 * then every connection and TIME_WAIT, one line each (tcp_proc_format);
 * sockets only bound are not listed.  info tells each socket's owner uid
 * and inode.  Returns the length needed, like snprintf.
 */
int tcp4_proc_format(char *buf, size_t size, sock_proc_info_fn info);
/*
 * /proc/net/sockstat as Linux prints it.  "sockets: used" counts socks
 * as Linux does: sockets_used, the socket layer's count, plus the TCP
 * socks no socket holds (orphans on their way out, connections not yet
 * accepted); TCP inuse (listening or connected), orphan (closed by
 * the user, still in the stack), tw (TIME_WAIT), alloc (every TCP socket
 * but TIME_WAITs and embryonic ones) and mem (pages their queues hold);
 * UDP inuse (bound) and mem; RAW inuse; FRAG queues and their bytes.
 */
int sockstat_proc_format(char *buf, size_t size, u32 sockets_used);
/*
 * Value of a field by its /proc name: ("Ip", "InReceives"), ("Icmp",
 * "OutDestUnreachs"), ("IcmpMsg", "InType3"), ("Udp", "NoPorts"), and the
 * IpExt fields kept ("IpExt", "InCsumErrors").  -1 if unknown.
 */
s64 snmp_get(const char *group, const char *field);
/* Zero all counters (tests). */
void snmp_reset(void);

#endif
