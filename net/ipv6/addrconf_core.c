/*
 * IPv6 address helpers (RFC 4291): classification, prefixes, the
 * solicited-node and Ethernet multicast mappings, interface identifiers
 * and the text form (RFC 5952).
 */
#include <net/ipv6.h>

const struct in6_addr in6addr_linklocal_allnodes = {
	.s6_addr = { 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 } };
const struct in6_addr in6addr_linklocal_allrouters = {
	.s6_addr = { 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 } };
const struct in6_addr in6addr_loopback_addr = {
	.s6_addr = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 } };

void addrconf_addr_solict_mult(const struct in6_addr *addr, struct in6_addr *s)
{
	memset(s, 0, sizeof(*s));
	s->s6_addr[0] = 0xff;
	s->s6_addr[1] = 0x02;
	s->s6_addr[11] = 0x01;
	s->s6_addr[12] = 0xff;
	memcpy(&s->s6_addr[13], &addr->s6_addr[13], 3);
}

u32 ipv6_addr_common_bits(const struct in6_addr *a, const struct in6_addr *b)
{
	for (u32 i = 0; i < 16; i++) {
		u8 x = a->s6_addr[i] ^ b->s6_addr[i];

		if (x)
			return i * 8 + (u32)__builtin_clz(x) - 24;
	}
	return 128;
}

bool ipv6_prefix_equal(const struct in6_addr *a, const struct in6_addr *b, u32 plen)
{
	return ipv6_addr_common_bits(a, b) >= plen;
}

u8 ipv6_addr_scope(const struct in6_addr *a)
{
	/* RFC 6724 §3.1: multicast carries its scope; loopback and
	 * link-local unicast are link-local; everything else is global
	 * (site-local fec0::/10 is deprecated, RFC 3879, but keeps its scope). */
	if (ipv6_addr_is_multicast(a))
		return ipv6_mc_scope(a);
	if (ipv6_addr_loopback(a) || ipv6_addr_is_linklocal(a))
		return IPV6_SCOPE_LINK;
	if (a->s6_addr[0] == 0xfe && (a->s6_addr[1] & 0xc0) == 0xc0)
		return IPV6_SCOPE_SITE;
	return IPV6_SCOPE_GLOBAL;
}

void ipv6_eth_mc_map(const struct in6_addr *a, u8 *mac)
{
	mac[0] = 0x33;
	mac[1] = 0x33;
	memcpy(mac + 2, &a->s6_addr[12], 4);
}

void ipv6_eui64_from_mac(const u8 *mac, u8 *id)
{
	/* RFC 2464 §4: insert ff:fe in the middle, invert the U/L bit. */
	id[0] = mac[0] ^ 0x02;
	id[1] = mac[1];
	id[2] = mac[2];
	id[3] = 0xff;
	id[4] = 0xfe;
	id[5] = mac[3];
	id[6] = mac[4];
	id[7] = mac[5];
}

const char *ipv6_ntop(const struct in6_addr *a, char *buf)
{
	/* RFC 5952 §4.2: the longest run (first if tied) of two or more
	 * zero groups becomes "::"; hex in lower case without leading zeros. */
	int best = -1, best_len = 1, i, n = 0;

	for (i = 0; i < 8; i++) {
		int j = i;

		while (j < 8 && a->s6_addr16[j] == 0)
			j++;
		if (j - i > best_len) {
			best = i;
			best_len = j - i;
		}
		if (j > i)
			i = j - 1;
	}
	for (i = 0; i < 8; i++) {
		if (i == best) {
			n += snprintf(buf + n, 46 - (size_t)n, "::");
			i += best_len - 1;
			continue;
		}
		n += snprintf(buf + n, 46 - (size_t)n, "%s%x",
			      (i && i != best + best_len) ? ":" : "",
			      net_ntohs(a->s6_addr16[i]));
	}
	return buf;
}
