/* The Internet checksum, RFC 1071: one's-complement sum of 16-bit words. */
#include <net/checksum.h>

u32 csum_partial(const void *data, u32 len, u32 sum)
{
	const u8 *p = data;
	u64 acc = sum;

	/* Words are summed in memory order; folding makes the result the
	 * same whether read big- or little-endian (RFC 1071 §2(B)). */
	while (len >= 2) {
		acc += (u32)(p[0] | (p[1] << 8));
		p += 2;
		len -= 2;
	}
	if (len)
		acc += p[0];
	while (acc >> 32)
		acc = (acc & 0xffffffffu) + (acc >> 32);
	return (u32)acc;
}

u16 csum_fold(u32 sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}

u32 csum_pseudo(be32 saddr, be32 daddr, u8 proto, u16 len)
{
	u64 acc = 0;

	acc += (saddr & 0xffff) + (saddr >> 16);
	acc += (daddr & 0xffff) + (daddr >> 16);
	acc += net_htons(proto);
	acc += net_htons(len);
	while (acc >> 32)
		acc = (acc & 0xffffffffu) + (acc >> 32);
	return (u32)acc;
}

u16 inet_csum(const void *data, u32 len)
{
	return csum_fold(csum_partial(data, len, 0));
}
