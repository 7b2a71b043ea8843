/*
 * IPv6 transport registration (Linux's inet6_add_protocol) and the
 * RFC 8200 §8.1 pseudo-header for transport checksums.
 */
#include <net/checksum.h>
#include <net/ipv6.h>
#include <uapi/errno.h>

static const struct inet6_protocol *inet6_protos[256];

int inet6_add_protocol(const struct inet6_protocol *proto)
{
	if (inet6_protos[proto->protocol])
		return -EEXIST;
	inet6_protos[proto->protocol] = proto;
	return 0;
}

int inet6_del_protocol(const struct inet6_protocol *proto)
{
	if (inet6_protos[proto->protocol] != proto)
		return -ENOENT;
	inet6_protos[proto->protocol] = NULL;
	return 0;
}

const struct inet6_protocol *inet6_get_protocol(u8 protocol)
{
	return inet6_protos[protocol];
}

u32 csum_ipv6_pseudo(const struct in6_addr *saddr, const struct in6_addr *daddr,
		     u8 proto, u32 len)
{
	/* Source, destination, 32-bit upper-layer length, 3 zero bytes and
	 * the next header value. */
	be32 tail[2] = { net_htonl(len), net_htonl(proto) };
	u32 sum = csum_partial(saddr, sizeof(*saddr), 0);

	sum = csum_partial(daddr, sizeof(*daddr), sum);
	return csum_partial(tail, sizeof(tail), sum);
}
