/*
 * /proc/net/snmp6 (Linux's net/ipv6/proc.c): one "%-32s\t%lu" line per
 * counter -- Ip6, then Icmp6 (its fields, the per-type names for every
 * type that has one, In then Out, and Icmp6In/OutType<n> for each type
 * seen).  linux-compat: the Udp6/UdpLite6 groups follow when UDP runs
 * over IPv6.
 */
#include <net/icmpv6.h>
#include <net/text.h>

u64 ip6_mib[IP6_MIB_MAX];
u64 icmp6_mib[ICMP6_MIB_MAX];
u64 icmp6msg_in[256], icmp6msg_out[256];

static const char *const ip6_names[IP6_MIB_MAX] = {
	[IP6_MIB_INRECEIVES] = "InReceives",
	[IP6_MIB_INHDRERRORS] = "InHdrErrors",
	[IP6_MIB_INTOOBIGERRORS] = "InTooBigErrors",
	[IP6_MIB_INNOROUTES] = "InNoRoutes",
	[IP6_MIB_INADDRERRORS] = "InAddrErrors",
	[IP6_MIB_INUNKNOWNPROTOS] = "InUnknownProtos",
	[IP6_MIB_INTRUNCATEDPKTS] = "InTruncatedPkts",
	[IP6_MIB_INDISCARDS] = "InDiscards",
	[IP6_MIB_INDELIVERS] = "InDelivers",
	[IP6_MIB_OUTFORWDATAGRAMS] = "OutForwDatagrams",
	[IP6_MIB_OUTREQUESTS] = "OutRequests",
	[IP6_MIB_OUTDISCARDS] = "OutDiscards",
	[IP6_MIB_OUTNOROUTES] = "OutNoRoutes",
	[IP6_MIB_REASMTIMEOUT] = "ReasmTimeout",
	[IP6_MIB_REASMREQDS] = "ReasmReqds",
	[IP6_MIB_REASMOKS] = "ReasmOKs",
	[IP6_MIB_REASMFAILS] = "ReasmFails",
	[IP6_MIB_FRAGOKS] = "FragOKs",
	[IP6_MIB_FRAGFAILS] = "FragFails",
	[IP6_MIB_FRAGCREATES] = "FragCreates",
	[IP6_MIB_INMCASTPKTS] = "InMcastPkts",
	[IP6_MIB_OUTMCASTPKTS] = "OutMcastPkts",
	[IP6_MIB_INOCTETS] = "InOctets",
	[IP6_MIB_OUTOCTETS] = "OutOctets",
	[IP6_MIB_INMCASTOCTETS] = "InMcastOctets",
	[IP6_MIB_OUTMCASTOCTETS] = "OutMcastOctets",
	[IP6_MIB_INBCASTOCTETS] = "InBcastOctets",
	[IP6_MIB_OUTBCASTOCTETS] = "OutBcastOctets",
	[IP6_MIB_INNOECTPKTS] = "InNoECTPkts",
	[IP6_MIB_INECT1PKTS] = "InECT1Pkts",
	[IP6_MIB_INECT0PKTS] = "InECT0Pkts",
	[IP6_MIB_INCEPKTS] = "InCEPkts",
	[IP6_MIB_OUTTRANSMITS] = "OutTransmits",
};

static const char *const icmp6_names[ICMP6_MIB_MAX] = {
	[ICMP6_MIB_INMSGS] = "InMsgs",
	[ICMP6_MIB_INERRORS] = "InErrors",
	[ICMP6_MIB_OUTMSGS] = "OutMsgs",
	[ICMP6_MIB_OUTERRORS] = "OutErrors",
	[ICMP6_MIB_CSUMERRORS] = "InCsumErrors",
	[ICMP6_MIB_RATELIMITHOST] = "OutRateLimitHost",
};

/* Linux's icmp6type2name. */
static const char *const icmp6_type_names[256] = {
	[ICMPV6_DEST_UNREACH] = "DestUnreachs",
	[ICMPV6_PKT_TOOBIG] = "PktTooBigs",
	[ICMPV6_TIME_EXCEED] = "TimeExcds",
	[ICMPV6_PARAMPROB] = "ParmProblems",
	[ICMPV6_ECHO_REQUEST] = "Echos",
	[ICMPV6_ECHO_REPLY] = "EchoReplies",
	[ICMPV6_MGM_QUERY] = "GroupMembQueries",
	[ICMPV6_MGM_REPORT] = "GroupMembResponses",
	[ICMPV6_MGM_REDUCTION] = "GroupMembReductions",
	[NDISC_ROUTER_SOLICITATION] = "RouterSolicits",
	[NDISC_ROUTER_ADVERTISEMENT] = "RouterAdvertisements",
	[NDISC_NEIGHBOUR_SOLICITATION] = "NeighborSolicits",
	[NDISC_NEIGHBOUR_ADVERTISEMENT] = "NeighborAdvertisements",
	[NDISC_REDIRECT] = "Redirects",
	[ICMPV6_MLD2_REPORT] = "MLDv2Reports",
};

/* Call fn(name, value) for every line of the file, in its order. */
static void snmp6_walk(void (*fn)(const char *name, u64 v, void *arg), void *arg)
{
	char name[40];

	for (int i = 0; i < IP6_MIB_MAX; i++) {
		snprintf(name, sizeof(name), "Ip6%s", ip6_names[i]);
		fn(name, ip6_mib[i], arg);
	}
	for (int i = 0; i < ICMP6_MIB_MAX; i++) {
		snprintf(name, sizeof(name), "Icmp6%s", icmp6_names[i]);
		fn(name, icmp6_mib[i], arg);
	}
	for (int dir = 0; dir < 2; dir++) {
		for (int t = 0; t < 256; t++) {
			if (!icmp6_type_names[t])
				continue;
			snprintf(name, sizeof(name), "Icmp6%s%s", dir ? "Out" : "In",
				 icmp6_type_names[t]);
			fn(name, dir ? icmp6msg_out[t] : icmp6msg_in[t], arg);
		}
	}
	for (int dir = 0; dir < 2; dir++) {
		for (int t = 0; t < 256; t++) {
			u64 v = dir ? icmp6msg_out[t] : icmp6msg_in[t];

			if (!v)
				continue;
			snprintf(name, sizeof(name), "Icmp6%sType%d", dir ? "Out" : "In", t);
			fn(name, v, arg);
		}
	}
}

static void print_line(const char *name, u64 v, void *arg)
{
	net_text_printf(arg, "%-32s\t%llu\n", name, (unsigned long long)v);
}

int snmp6_proc_format(char *buf, size_t size)
{
	struct net_text t = NET_TEXT_INIT(buf, size);

	snmp6_walk(print_line, &t);
	return net_text_len(&t);
}

struct find {
	const char *name;
	s64 value;
};

static void find_line(const char *name, u64 v, void *arg)
{
	struct find *f = arg;

	if (f->value < 0 && strlen(name) == strlen(f->name) &&
	    memcmp(name, f->name, strlen(name)) == 0)
		f->value = (s64)v;
}

static bool has_prefix(const char *s, const char *pre)
{
	while (*pre)
		if (*s++ != *pre++)
			return false;
	return true;
}

s64 snmp6_get(const char *name)
{
	struct find f = { name, -1 };
	const char *p = name;

	/* Per-type counters that are zero are not walked: answer 0 for them. */
	if (has_prefix(p, "Icmp6InType") || has_prefix(p, "Icmp6OutType")) {
		bool out = p[5] == 'O';
		u32 t = 0;

		for (p += out ? 12 : 11; *p >= '0' && *p <= '9'; p++)
			t = t * 10 + (u32)(*p - '0');
		return t < 256 ? (s64)(out ? icmp6msg_out[t] : icmp6msg_in[t]) : -1;
	}
	snmp6_walk(find_line, &f);
	return f.value;
}

/*
 * /proc/net/if_inet6 (Linux's if6_seq_show): per address, the 32 hex
 * digits, then ifindex, prefix length, scope and flags in hex, and the
 * device name right-aligned in 8 columns.  The scope column is Linux's
 * IFA_* value: 0x10 host (::1), 0x20 link, 0x40 site, 0 global.
 */
static unsigned if_inet6_scope(const struct inet6_ifaddr *ifa)
{
	if (ipv6_addr_loopback(&ifa->addr))
		return 0x10;
	switch (ifa->scope) {
	case IPV6_SCOPE_LINK:
		return 0x20;
	case IPV6_SCOPE_SITE:
		return 0x40;
	default:
		return 0;
	}
}

int if_inet6_proc_format(char *buf, size_t size)
{
	struct net_text t = NET_TEXT_INIT(buf, size);

	for (const struct inet6_ifaddr *ifa = ipv6_addr_first(); ifa; ifa = ifa->next) {
		for (int i = 0; i < 16; i++)
			net_text_printf(&t, "%02x", ifa->addr.s6_addr[i]);
		net_text_printf(&t, " %02x %02x %02x %02x %8s\n", (unsigned)ifa->dev->ifindex,
				ifa->prefix_len, if_inet6_scope(ifa), (unsigned)(ifa->flags & 0xff),
				ifa->dev->name);
	}
	return net_text_len(&t);
}

void snmp6_reset(void)
{
	memset(ip6_mib, 0, sizeof(ip6_mib));
	memset(icmp6_mib, 0, sizeof(icmp6_mib));
	memset(icmp6msg_in, 0, sizeof(icmp6msg_in));
	memset(icmp6msg_out, 0, sizeof(icmp6msg_out));
}
