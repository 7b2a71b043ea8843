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

/*
 * Append to buf[len..size) like snprintf, with len tracking the length the
 * whole text needs (so a short buffer still learns the full size).
 * Uses the enclosing function's buf, size and len.
 */
#define PUT(...)                                                              \
	do {                                                                  \
		size_t off_ = (size_t)len < size ? (size_t)len : size;        \
		int n_ = snprintf(buf + off_, size - off_, __VA_ARGS__);      \
		if (n_ > 0)                                                   \
			len += n_;                                            \
	} while (0)

int tcp_snmp_format(char *buf, size_t size)
{
	static const char *const names =
		"Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens "
		"AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs "
		"OutRsts InCsumErrors\n";
	int len = 0, i;

	if (size)
		buf[0] = 0;
	PUT("%s", names);
	/* RtoAlgorithm 1 = "other" (RFC 6298); MaxConn -1 = dynamic. */
	PUT("Tcp: 1 %llu", (unsigned long long)TCP_RTO_MIN_MS);
	PUT(" %llu -1", (unsigned long long)TCP_RTO_MAX_MS);
	for (i = 0; i < TCP_MIB_MAX; i++)
		PUT(" %llu", (unsigned long long)tcp_mib[i]);
	PUT("%s", "\n");
	return len;
}

int tcp_netstat_format(char *buf, size_t size)
{
	int len = 0, i;

	if (size)
		buf[0] = 0;
	PUT("%s", "TcpExt:");
	for (i = 0; i < LINUX_MIB_MAX; i++)
		PUT(" %s", ext_names[i]);
	PUT("%s", "\nTcpExt:");
	for (i = 0; i < LINUX_MIB_MAX; i++)
		PUT(" %llu", (unsigned long long)tcp_ext_mib[i]);
	PUT("%s", "\n");
	return len;
}

void tcp_mib_reset(void)
{
	u64 estab = tcp_mib[TCP_MIB_CURRESTAB];

	memset(tcp_mib, 0, sizeof(tcp_mib));
	memset(tcp_ext_mib, 0, sizeof(tcp_ext_mib));
	tcp_mib[TCP_MIB_CURRESTAB] = estab;      /* a gauge, not a counter */
}
