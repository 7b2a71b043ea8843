/*
 * SYN cookies (RFC 4987 §3.6) and the keyed hash TCP uses for them and
 * for RFC 6528 initial sequence numbers.
 *
 * Cookie layout (the classic construction): with H1, H2 keyed hashes of
 * the 4-tuple (H2 also of the minute counter),
 *   cookie = H1 + ISN_peer + (count << 24) + ((H2(count) + mss_index) & 0xffffff)
 * so the listener can recover count and mss_index from the ACK alone.
 * The MSS survives in the cookie; window scale and SACK-permitted ride in
 * the low bits of our timestamp when the SYN had timestamps, as on Linux
 * (tcp_minisocks.c).  Without timestamps a cookie connection runs
 * without those options.
 */
#include <net/tcp.h>

#define COOKIE_MAX_AGE 2     /* minutes, like Linux's MAX_SYNCOOKIE_AGE */

/* Linux's table of MSS values a cookie can carry. */
static const u16 msstab[] = { 536, 1300, 1440, 1460 };

static u64 keys[4][2];
static bool keys_ready;

static u64 rotl(u64 x, int b)
{
	return (x << b) | (x >> (64 - b));
}

#define SIPROUND                                                     \
	do {                                                         \
		v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32); \
		v2 += v3; v3 = rotl(v3, 16); v3 ^= v2;               \
		v0 += v3; v3 = rotl(v3, 21); v3 ^= v0;               \
		v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32); \
	} while (0)

/* SipHash-2-4 of a 16-byte message (a, b, c, d). */
u64 tcp_keyed_hash(int key, u32 a, u32 b, u32 c, u32 d)
{
	u64 k0, k1, v0, v1, v2, v3, m[2];
	int i, r;

	if (!keys_ready) {
		for (i = 0; i < 4; i++) {
			keys[i][0] = (u64)net_random_u32() << 32 | net_random_u32();
			keys[i][1] = (u64)net_random_u32() << 32 | net_random_u32();
		}
		keys_ready = true;
	}
	k0 = keys[key & 3][0];
	k1 = keys[key & 3][1];
	v0 = k0 ^ 0x736f6d6570736575ull;
	v1 = k1 ^ 0x646f72616e646f6dull;
	v2 = k0 ^ 0x6c7967656e657261ull;
	v3 = k1 ^ 0x7465646279746573ull;
	m[0] = (u64)b << 32 | a;
	m[1] = (u64)d << 32 | c;
	for (i = 0; i < 2; i++) {
		v3 ^= m[i];
		for (r = 0; r < 2; r++)
			SIPROUND;
		v0 ^= m[i];
	}
	{
		u64 last = (u64)16 << 56;

		v3 ^= last;
		for (r = 0; r < 2; r++)
			SIPROUND;
		v0 ^= last;
	}
	v2 ^= 0xff;
	for (r = 0; r < 4; r++)
		SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

static u32 minute_count(void)
{
	return (u32)(net_now_ns() / (60 * NSEC_PER_SEC)) & 0xff;
}

static u32 h1(be32 s, be32 d, be16 sp, be16 dp)
{
	return (u32)tcp_keyed_hash(1, s, d, (u32)sp << 16 | dp, 0);
}

static u32 h2(be32 s, be32 d, be16 sp, be16 dp, u32 count)
{
	return (u32)tcp_keyed_hash(2, s, d, (u32)sp << 16 | dp, count);
}

u32 tcp_cookie_make(be32 saddr, be32 daddr, be16 sport, be16 dport, u32 seq, u16 *mss)
{
	u32 idx = 0, count = minute_count(), i;

	for (i = 0; i < sizeof(msstab) / sizeof(msstab[0]); i++)
		if (msstab[i] <= *mss)
			idx = i;
	*mss = msstab[idx];
	return h1(saddr, daddr, sport, dport) + seq + (count << 24) +
	       ((h2(saddr, daddr, sport, dport, count) + idx) & 0xffffff);
}

u16 tcp_cookie_check(be32 saddr, be32 daddr, be16 sport, be16 dport, u32 seq, u32 cookie)
{
	u32 diff = cookie - h1(saddr, daddr, sport, dport) - seq;
	u32 count = diff >> 24, idx;

	if (((minute_count() - count) & 0xff) > COOKIE_MAX_AGE)
		return 0;
	idx = (diff - h2(saddr, daddr, sport, dport, count)) & 0xffffff;
	if (idx >= sizeof(msstab) / sizeof(msstab[0]))
		return 0;
	return msstab[idx];
}
