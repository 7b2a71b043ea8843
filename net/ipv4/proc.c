/*
 * The IPv4 MIB counters and their /proc/net/snmp text, printed exactly
 * as Linux's net/ipv4/proc.c prints it (field names and order, spacing,
 * IcmpMsg lines of at most 16 nonzero types); the Tcp: group comes from
 * tcp_snmp_format().
 */
#include <net/ip.h>
#include <net/raw.h>
#include <net/snmp.h>
#include <net/tcp.h>
#include <net/tcp_mib.h>
#include <net/text.h>
#include <net/udp.h>

u64 ip_mib[IPSTATS_MIB_MAX];
u64 icmp_mib[ICMP_MIB_MAX];
u64 icmpmsg_in[256], icmpmsg_out[256];
u64 udp_mib[UDP_MIB_MAX];
u64 udplite_mib[UDP_MIB_MAX];

static const char *const ip_names[] = {
	"InReceives", "InHdrErrors", "InAddrErrors", "ForwDatagrams",
	"InUnknownProtos", "InDiscards", "InDelivers", "OutRequests",
	"OutDiscards", "OutNoRoutes", "ReasmTimeout", "ReasmReqds",
	"ReasmOKs", "ReasmFails", "FragOKs", "FragFails", "FragCreates",
	"OutTransmits",
};
_Static_assert(sizeof(ip_names) / sizeof(ip_names[0]) == IPSTATS_MIB_OUTTRANSMITS + 1,
	       "Ip: names");

static const char *const ipext_names[] = {
	"InNoRoutes", "InTruncatedPkts", "InMcastPkts", "OutMcastPkts",
	"InBcastPkts", "OutBcastPkts", "InOctets", "OutOctets", "InMcastOctets",
	"OutMcastOctets", "InBcastOctets", "OutBcastOctets", "InCsumErrors",
	"InNoECTPkts", "InECT1Pkts", "InECT0Pkts", "InCEPkts", "ReasmOverlaps",
};
#define IPEXT_FIRST IPSTATS_MIB_INNOROUTES
_Static_assert(sizeof(ipext_names) / sizeof(ipext_names[0]) == IPSTATS_MIB_MAX - IPEXT_FIRST,
	       "IpExt: names");

/* Linux's icmpmibmap: the per-type Icmp: columns, in this order. */
static const struct { const char *name; u8 type; } icmp_types[] = {
	{ "DestUnreachs", 3 }, { "TimeExcds", 11 }, { "ParmProbs", 12 },
	{ "SrcQuenchs", 4 }, { "Redirects", 5 }, { "Echos", 8 },
	{ "EchoReps", 0 }, { "Timestamps", 13 }, { "TimestampReps", 14 },
	{ "AddrMasks", 17 }, { "AddrMaskReps", 18 },
};
#define N_ICMP_TYPES (sizeof(icmp_types) / sizeof(icmp_types[0]))

static const char *const udp_names[] = {
	"InDatagrams", "NoPorts", "InErrors", "OutDatagrams", "RcvbufErrors",
	"SndbufErrors", "InCsumErrors", "IgnoredMulti", "MemErrors",
};
_Static_assert(sizeof(udp_names) / sizeof(udp_names[0]) == UDP_MIB_MAX, "Udp: names");


static void icmpmsg_line(struct net_text *o, const u16 *type, const u64 *vals, int count)
{
	if (!count)
		return;
	net_text_printf(o, "IcmpMsg:");
	for (int j = 0; j < count; j++) {
		net_text_printf(o, " %sType%u", type[j] & 0x100 ? "Out" : "In", type[j] & 0xffu);
	}
	net_text_printf(o, "\nIcmpMsg:");
	for (int j = 0; j < count; j++)
		net_text_printf(o, " %llu", (unsigned long long)vals[j]);
	net_text_printf(o, "\n");
}

int snmp_proc_format(char *buf, size_t size)
{
	struct net_text o = NET_TEXT_INIT(buf, size);
	u16 type[16];
	u64 vals[16];
	int count = 0;

	if (buf && size)
		buf[0] = 0;
	/* Linux 6.1's columns: OutTransmits (6.3) is kept but not shown. */
	net_text_printf(&o, "Ip: Forwarding DefaultTTL");
	for (unsigned i = 0; i <= IPSTATS_MIB_FRAGCREATES; i++)
		net_text_printf(&o, " %s", ip_names[i]);
	/* Forwarding 2: not a router (RFC 4293 ipForwarding notForwarding). */
	net_text_printf(&o, "\nIp: %d", 2);
	net_text_printf(&o, " %d", IP_DEFAULT_TTL);
	for (unsigned i = 0; i <= IPSTATS_MIB_FRAGCREATES; i++)
		net_text_printf(&o, " %llu", (unsigned long long)ip_mib[i]);

	net_text_printf(&o, "\nIcmp: InMsgs InErrors InCsumErrors");
	for (unsigned i = 0; i < N_ICMP_TYPES; i++)
		net_text_printf(&o, " In%s", icmp_types[i].name);
	net_text_printf(&o, " OutMsgs OutErrors OutRateLimitGlobal OutRateLimitHost");
	for (unsigned i = 0; i < N_ICMP_TYPES; i++)
		net_text_printf(&o, " Out%s", icmp_types[i].name);
	net_text_printf(&o, "\nIcmp: %llu", (unsigned long long)icmp_mib[ICMP_MIB_INMSGS]);
	net_text_printf(&o, " %llu", (unsigned long long)icmp_mib[ICMP_MIB_INERRORS]);
	net_text_printf(&o, " %llu", (unsigned long long)icmp_mib[ICMP_MIB_CSUMERRORS]);
	for (unsigned i = 0; i < N_ICMP_TYPES; i++)
		net_text_printf(&o, " %llu", (unsigned long long)icmpmsg_in[icmp_types[i].type]);
	net_text_printf(&o, " %llu", (unsigned long long)icmp_mib[ICMP_MIB_OUTMSGS]);
	net_text_printf(&o, " %llu", (unsigned long long)icmp_mib[ICMP_MIB_OUTERRORS]);
	net_text_printf(&o, " %llu", (unsigned long long)icmp_mib[ICMP_MIB_RATELIMITGLOBAL]);
	net_text_printf(&o, " %llu", (unsigned long long)icmp_mib[ICMP_MIB_RATELIMITHOST]);
	for (unsigned i = 0; i < N_ICMP_TYPES; i++)
		net_text_printf(&o, " %llu", (unsigned long long)icmpmsg_out[icmp_types[i].type]);
	net_text_printf(&o, "\n");

	/* IcmpMsg: nonzero In types then Out types, 16 per line pair. */
	for (unsigned i = 0; i < 512; i++) {
		u64 v = i < 256 ? icmpmsg_in[i] : icmpmsg_out[i - 256];

		if (v) {
			type[count] = (u16)i;
			vals[count++] = v;
		}
		if (count == 16) {
			icmpmsg_line(&o, type, vals, count);
			count = 0;
		}
	}
	icmpmsg_line(&o, type, vals, count);

	{
		/* TCP prints its own group (net/ipv4/tcp_snmp.c). */
		size_t room;
		char *at = net_text_pos(&o, &room);

		net_text_add(&o, tcp_snmp_format(at, room));
	}

	net_text_printf(&o, "Udp:");
	for (unsigned i = 0; i < UDP_MIB_MAX; i++)
		net_text_printf(&o, " %s", udp_names[i]);
	net_text_printf(&o, "\nUdp:");
	for (unsigned i = 0; i < UDP_MIB_MAX; i++)
		net_text_printf(&o, " %llu", (unsigned long long)udp_mib[i]);
	net_text_printf(&o, "\nUdpLite:");
	for (unsigned i = 0; i < UDP_MIB_MAX; i++)
		net_text_printf(&o, " %s", udp_names[i]);
	net_text_printf(&o, "\nUdpLite:");
	for (unsigned i = 0; i < UDP_MIB_MAX; i++)
		net_text_printf(&o, " %llu", (unsigned long long)udplite_mib[i]);
	net_text_printf(&o, "\n");
	return net_text_len(&o);
}

int snmp_ipext_format(char *buf, size_t size)
{
	struct net_text o = NET_TEXT_INIT(buf, size);

	if (buf && size)
		buf[0] = 0;
	net_text_printf(&o, "IpExt:");
	for (unsigned i = IPEXT_FIRST; i < IPSTATS_MIB_MAX; i++)
		net_text_printf(&o, " %s", ipext_names[i - IPEXT_FIRST]);
	net_text_printf(&o, "\nIpExt:");
	for (unsigned i = IPEXT_FIRST; i < IPSTATS_MIB_MAX; i++)
		net_text_printf(&o, " %llu", (unsigned long long)ip_mib[i]);
	net_text_printf(&o, "\n");
	return net_text_len(&o);
}

static bool str_eq(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n == strlen(b) && memcmp(a, b, n) == 0;
}

static s64 parse_type(const char *s)
{
	u32 v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (u32)(*s - '0');
		if (v > 255)
			return -1;
	}
	return v;
}

s64 snmp_get(const char *group, const char *field)
{
	if (str_eq(group, "Ip")) {
		if (str_eq(field, "Forwarding"))
			return 2;
		if (str_eq(field, "DefaultTTL"))
			return IP_DEFAULT_TTL;
		for (unsigned i = 0; i <= IPSTATS_MIB_OUTTRANSMITS; i++)
			if (str_eq(field, ip_names[i]))
				return (s64)ip_mib[i];
	} else if (str_eq(group, "IpExt")) {
		for (unsigned i = IPEXT_FIRST; i < IPSTATS_MIB_MAX; i++)
			if (str_eq(field, ipext_names[i - IPEXT_FIRST]))
				return (s64)ip_mib[i];
	} else if (str_eq(group, "Icmp")) {
		static const struct { const char *n; int i; } fixed[] = {
			{ "InMsgs", ICMP_MIB_INMSGS }, { "InErrors", ICMP_MIB_INERRORS },
			{ "InCsumErrors", ICMP_MIB_CSUMERRORS }, { "OutMsgs", ICMP_MIB_OUTMSGS },
			{ "OutErrors", ICMP_MIB_OUTERRORS },
			{ "OutRateLimitGlobal", ICMP_MIB_RATELIMITGLOBAL },
			{ "OutRateLimitHost", ICMP_MIB_RATELIMITHOST },
		};
		for (unsigned i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
			if (str_eq(field, fixed[i].n))
				return (s64)icmp_mib[fixed[i].i];
		for (unsigned i = 0; i < N_ICMP_TYPES; i++) {
			if (!memcmp(field, "In", 2) && str_eq(field + 2, icmp_types[i].name))
				return (s64)icmpmsg_in[icmp_types[i].type];
			if (!memcmp(field, "Out", 3) && str_eq(field + 3, icmp_types[i].name))
				return (s64)icmpmsg_out[icmp_types[i].type];
		}
	} else if (str_eq(group, "IcmpMsg")) {
		s64 t;

		if (!memcmp(field, "InType", 6) && (t = parse_type(field + 6)) >= 0)
			return (s64)icmpmsg_in[t];
		if (!memcmp(field, "OutType", 7) && (t = parse_type(field + 7)) >= 0)
			return (s64)icmpmsg_out[t];
	} else if (str_eq(group, "Udp") || str_eq(group, "UdpLite")) {
		const u64 *mib = str_eq(group, "Udp") ? udp_mib : udplite_mib;

		for (unsigned i = 0; i < UDP_MIB_MAX; i++)
			if (str_eq(field, udp_names[i]))
				return (s64)mib[i];
	}
	return -1;
}

void snmp_reset(void)
{
	memset(ip_mib, 0, sizeof(ip_mib));
	memset(icmp_mib, 0, sizeof(icmp_mib));
	memset(icmpmsg_in, 0, sizeof(icmpmsg_in));
	memset(icmpmsg_out, 0, sizeof(icmpmsg_out));
	memset(udp_mib, 0, sizeof(udp_mib));
	memset(udplite_mib, 0, sizeof(udplite_mib));
}

/* ---- /proc/net/tcp: Linux's tcp4_seq_show ---- */

struct tcp_table {
	struct net_text text;
	int slot;
	bool listeners;           /* this pass prints LISTEN, the next the rest */
	sock_proc_info_fn info;
};

static void tcp_table_line(struct tcp_sock *tp, void *arg)
{
	struct tcp_table *t = arg;
	u32 uid = 0;
	u64 ino = 0;
	size_t room;
	char *at;

	/* Linux lists what is hashed: listeners, then connections and
	 * TIME_WAITs; a socket only bound or closed is not there. */
	if (!tp->in_ehash && !tp->in_lhash && tp->state != TCP_TIME_WAIT)
		return;
	if ((tp->state == TCP_LISTEN) != t->listeners)
		return;
	if (t->info)
		t->info(&tp->sk, &uid, &ino);
	at = net_text_pos(&t->text, &room);
	net_text_add(&t->text, tcp_proc_format(tp, t->slot++, uid, (unsigned long)ino, at, room));
}

int tcp4_proc_format(char *buf, size_t size, sock_proc_info_fn info)
{
	struct tcp_table t = { NET_TEXT_INIT(buf, size), 0, true, info };

	net_text_add(&t.text, tcp_proc_header(buf, size));
	tcp_for_each(tcp_table_line, &t);
	t.listeners = false;
	tcp_for_each(tcp_table_line, &t);
	return net_text_len(&t.text);
}

/* ---- /proc/net/sockstat: Linux's sockstat_seq_show ---- */

#define SOCKSTAT_PAGE 4096u

static u64 mem_pages(u64 bytes)
{
	return (bytes + SOCKSTAT_PAGE - 1) / SOCKSTAT_PAGE;
}

struct tcp_counts {
	u32 inuse, orphan, tw, alloc;
	u32 ownerless;            /* socks without a socket: orphans, unaccepted */
	u64 mem;
};

static void tcp_count(struct tcp_sock *tp, void *arg)
{
	struct tcp_counts *c = arg;

	if (tp->state == TCP_TIME_WAIT) {
		c->tw++;                   /* Linux: a timewait sock, not a sock */
		return;
	}
	if (tp->parent && tp->state == TCP_SYN_RECV)
		return;                    /* Linux: a request sock, not a sock */
	c->alloc++;
	if (!tp->sk.owner)
		c->ownerless++;
	if (tp->in_ehash || tp->in_lhash)
		c->inuse++;
	if (tp->user_closed && tp->state != TCP_CLOSE)
		c->orphan++;
	/* Linux charges whole pages per socket (sk_forward_alloc). */
	c->mem += mem_pages((u64)tp->write_queue.bytes + tp->sk.receive_queue.bytes +
			    tp->ooo_bytes);
}

static u64 udp_mem;

/* udp_proc_format's per-socket call, used to visit every bound socket. */
static void udp_count(struct sock *sk, u32 *uid, u64 *inode)
{
	*uid = 0;
	*inode = 0;
	udp_mem += mem_pages(udp_sk(sk)->rmem);
}

int sockstat_proc_format(char *buf, size_t size, u32 sockets_used)
{
	struct tcp_counts tcp = { 0 };

	tcp_for_each(tcp_count, &tcp);
	udp_mem = 0;
	(void)udp_proc_format(NULL, 0, udp_count);
	return snprintf(buf, size,
			"sockets: used %u\n"
			"TCP: inuse %u orphan %u tw %u alloc %u mem %llu\n"
			"UDP: inuse %u mem %llu\n"
			"UDPLITE: inuse %u\n"
			"RAW: inuse %u\n"
			"FRAG: inuse %u memory %u\n",
			sockets_used + tcp.ownerless, tcp.inuse, tcp.orphan, tcp.tw, tcp.alloc,
			(unsigned long long)tcp.mem, udp_sock_count(),
			(unsigned long long)udp_mem, 0u, raw_sock_count(),
			ip_frag_queue_count(), ip_frag_mem());
}
