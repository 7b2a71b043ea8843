/* /proc/net/snmp text: Linux's groups, field names, order and layout. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <string.h>

#include "nettest.h"

static char text[8192];

/* The line after the one that starts with `header`, or NULL. */
static const char *line_after(const char *buf, const char *header)
{
	const char *p = strstr(buf, header);

	if (!p)
		return NULL;
	p = strchr(p, '\n');
	return p ? p + 1 : NULL;
}

static int words(const char *line)
{
	int n = 0;

	for (const char *p = line; *p && *p != '\n'; p++)
		if (*p == ' ')
			n++;
	return n;
}

static void groups_have_linux_names_in_order(void **state)
{
	static const char *const headers[] = {
		"Ip: Forwarding DefaultTTL InReceives InHdrErrors InAddrErrors ForwDatagrams "
		"InUnknownProtos InDiscards InDelivers OutRequests OutDiscards OutNoRoutes "
		"ReasmTimeout ReasmReqds ReasmOKs ReasmFails FragOKs FragFails FragCreates\n",
		"Icmp: InMsgs InErrors InCsumErrors InDestUnreachs InTimeExcds InParmProbs "
		"InSrcQuenchs InRedirects InEchos InEchoReps InTimestamps InTimestampReps "
		"InAddrMasks InAddrMaskReps OutMsgs OutErrors OutRateLimitGlobal "
		"OutRateLimitHost OutDestUnreachs OutTimeExcds OutParmProbs OutSrcQuenchs "
		"OutRedirects OutEchos OutEchoReps OutTimestamps OutTimestampReps "
		"OutAddrMasks OutAddrMaskReps\n",
		"Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens "
		"AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs "
		"OutRsts InCsumErrors\n",
		"Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors "
		"InCsumErrors IgnoredMulti MemErrors\n",
		"UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors "
		"SndbufErrors InCsumErrors IgnoredMulti MemErrors\n",
	};
	const char *prev = text;
	int n;

	(void)state;
	n = L(snmp_proc_format(text, sizeof(text)));
	assert_true(n > 0 && (size_t)n < sizeof(text));
	assert_int_equal((size_t)n, strlen(text));
	assert_memory_equal(text, "Ip: Forwarding", 14);
	for (unsigned i = 0; i < sizeof(headers) / sizeof(headers[0]); i++) {
		const char *h = strstr(text, headers[i]), *v;
		char group[16];

		assert_non_null(h);
		assert_true(h >= prev);              /* in Linux's order */
		prev = h;
		v = line_after(text, headers[i]);
		memcpy(group, headers[i], (size_t)(strchr(headers[i], ' ') - headers[i]));
		group[strchr(headers[i], ' ') - headers[i]] = 0;
		assert_memory_equal(v, group, strlen(group));
		assert_int_equal(words(v), words(h));
	}
	assert_non_null(strstr(text, "\nIp: 2 64 0 0"));
	assert_null(strstr(text, "IcmpMsg"));    /* only when a type was seen */
	assert_int_equal(text[n - 1], '\n');
}

static void counters_and_icmpmsg_lines(void **state)
{
	u8 msg[64], pkt[128];
	u32 n;

	(void)state;
	inject_udp(PEER_IP, OUR_IP, 5000, 9, "x", 1);       /* -> OutType3 */
	n = build_icmp(msg, ICMP_ECHO, 0, 0, "p", 1);
	inject_ip(pkt, build_ip(pkt, PEER_IP, OUR_IP, IPPROTO_ICMP, 1, 0, 64, msg, n));
	fakedev_purge(eth0);
	L(snmp_proc_format(text, sizeof(text)));
	assert_non_null(strstr(text, "\nIcmpMsg: InType8 OutType0 OutType3\nIcmpMsg: 1 1 1\n"));
	assert_non_null(strstr(text, "\nIp: 2 64 2 0 0 0 0 0 2 2 0 0 0 0 0 0 0 0 0\n"));
	assert_non_null(strstr(text, "\nIcmp: 1 0 0 0 0 0 0 0 1 0 0 0 0 0 2 0 0 0 1 0 0 0 0 0 1 0 0 0 0\n"));
	assert_non_null(strstr(text, "\nUdp: 0 1 0 0 0 0 0 0 0\n"));
	/* IcmpMsg groups of 16 types per line pair, In before Out. */
	for (int t = 0; t < 20; t++)
		icmpmsg_in[100 + t] = 5;
	L(snmp_proc_format(text, sizeof(text)));
	assert_non_null(strstr(text, "\nIcmpMsg: InType8 InType100 InType101"));
	assert_non_null(strstr(text, "InType114\nIcmpMsg: 1 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5\n"
				     "IcmpMsg: InType115 InType116 InType117 InType118 InType119 "
				     "OutType0 OutType3\nIcmpMsg: 5 5 5 5 5 1 1\n"));
	assert_int_equal(ctr("IcmpMsg", "InType100"), 5);
	assert_int_equal(snmp_get("Ip", "NoSuchField"), -1);
	assert_int_equal(snmp_get("Nope", "InReceives"), -1);
}

static void ipext_has_linux_fields(void **state)
{
	u8 udp[64], ip[128];
	u32 n;

	(void)state;
	n = build_udp(udp, PEER_IP, BCAST_IP, 5000, 9, "x", 1, true);
	n = build_ip(ip, PEER_IP, BCAST_IP, IPPROTO_UDP, 1, 0, 64, udp, n);
	ip[1] = 0x03;                           /* ECN CE */
	ip[10] = ip[11] = 0;
	memcpy(ip + 10, &(u16){ inet_csum(ip, 20) }, 2);
	inject_ip_from(peer_mac, bcast_mac, ip, n);
	L(snmp_ipext_format(text, sizeof(text)));
	assert_string_equal(text,
		"IpExt: InNoRoutes InTruncatedPkts InMcastPkts OutMcastPkts InBcastPkts "
		"OutBcastPkts InOctets OutOctets InMcastOctets OutMcastOctets InBcastOctets "
		"OutBcastOctets InCsumErrors InNoECTPkts InECT1Pkts InECT0Pkts InCEPkts "
		"ReasmOverlaps\n"
		"IpExt: 0 0 0 0 1 0 29 0 0 0 29 0 0 0 0 0 1 0\n");
	assert_int_equal(ctr("IpExt", "InCEPkts"), 1);
}

static void short_buffer_is_safe_and_reports_length(void **state)
{
	char small[40];
	int full, n;

	(void)state;
	full = L(snmp_proc_format(text, sizeof(text)));
	memset(small, 'Z', sizeof(small));
	n = L(snmp_proc_format(small, 20));
	assert_int_equal(n, full);
	assert_int_equal(small[19], 0);
	assert_memory_equal(small, text, 19);
	assert_int_equal(small[20], 'Z');
	assert_int_equal(L(snmp_proc_format(NULL, 0)), full);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, env_setup_cmocka, env_teardown_cmocka)
		T(groups_have_linux_names_in_order),
		T(counters_and_icmpmsg_lines),
		T(ipext_has_linux_fields),
		T(short_buffer_is_safe_and_reports_length),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
