/*
 * TCP's counters and their /proc formatting: the "Tcp:" group of
 * /proc/net/snmp (RFC 4022 objects in Linux's order and spelling) and the
 * "TcpExt:" group of /proc/net/netstat.
 */
#include <net/tcp.h>

u64 tcp_mib[TCP_MIB_MAX];
u64 tcp_ext_mib[LINUX_MIB_MAX];

static const char *const ext_names[LINUX_MIB_MAX] = {
#define X(e, n) [LINUX_MIB_##e] = n,
	TCP_EXT_MIB_LIST
#undef X
};

/* Append to buf[*len..size) like snprintf, tracking the length needed. */
static void put(char *buf, size_t size, int *len, const char *fmt, unsigned long long v,
		const char *s)
{
	size_t off = (size_t)*len < size ? (size_t)*len : size;
	int n = s ? snprintf(buf + off, size - off, fmt, s)
		  : snprintf(buf + off, size - off, fmt, v);

	if (n > 0)
		*len += n;
}

int tcp_snmp_format(char *buf, size_t size)
{
	static const char *const names =
		"Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens "
		"AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs "
		"OutRsts InCsumErrors\n";
	int len = 0, i;

	if (size)
		buf[0] = 0;
	put(buf, size, &len, "%s", 0, names);
	/* RtoAlgorithm 1 = "other" (RFC 6298); MaxConn -1 = dynamic. */
	put(buf, size, &len, "Tcp: 1 %llu", TCP_RTO_MIN_MS, NULL);
	put(buf, size, &len, " %llu -1", TCP_RTO_MAX_MS, NULL);
	for (i = 0; i < TCP_MIB_MAX; i++)
		put(buf, size, &len, " %llu", tcp_mib[i], NULL);
	put(buf, size, &len, "%s", 0, "\n");
	return len;
}

int tcp_netstat_format(char *buf, size_t size)
{
	int len = 0, i;

	if (size)
		buf[0] = 0;
	put(buf, size, &len, "%s", 0, "TcpExt:");
	for (i = 0; i < LINUX_MIB_MAX; i++)
		put(buf, size, &len, " %s", 0, ext_names[i]);
	put(buf, size, &len, "%s", 0, "\nTcpExt:");
	for (i = 0; i < LINUX_MIB_MAX; i++)
		put(buf, size, &len, " %llu", tcp_ext_mib[i], NULL);
	put(buf, size, &len, "%s", 0, "\n");
	return len;
}

void tcp_mib_reset(void)
{
	u64 estab = tcp_mib[TCP_MIB_CURRESTAB];

	memset(tcp_mib, 0, sizeof(tcp_mib));
	memset(tcp_ext_mib, 0, sizeof(tcp_ext_mib));
	tcp_mib[TCP_MIB_CURRESTAB] = estab;      /* a gauge, not a counter */
}
