/* ICMP and ICMPv6 error rate limits (see net/icmp_rate.h). */
#include <net/icmp_rate.h>
#include <net/timer.h>

#define ICMP_MSGS_PER_SEC 1000
#define ICMP_MSGS_BURST 50
#define ICMP_RATELIMIT_MS 1000
#define XRLIM_BURST_FACTOR 6
#define ICMP_PEERS 64

static u32 icmp_credit = ICMP_MSGS_BURST;
static u64 icmp_credit_stamp;

static struct icmp_peer {
	u8 addr[16];
	u8 len;                  /* 0: unused */
	u64 tokens_ms;
	u64 last_ms;
} icmp_peers[ICMP_PEERS];

bool icmp_global_allow(void)
{
	u64 now = net_now_ns(), delta_ms = (now - icmp_credit_stamp) / NSEC_PER_MSEC;

	if (delta_ms) {
		u64 c = icmp_credit + delta_ms * ICMP_MSGS_PER_SEC / 1000;

		icmp_credit = c > ICMP_MSGS_BURST ? ICMP_MSGS_BURST : (u32)c;
		icmp_credit_stamp = now;
	}
	return icmp_credit > 0;
}

void icmp_global_consume(void)
{
	if (icmp_credit)
		icmp_credit--;
}

bool icmp_peer_allow(const void *addr, u32 len)
{
	u64 now = net_now_ns() / NSEC_PER_MSEC, token;
	struct icmp_peer *p = NULL, *lru = &icmp_peers[0];

	for (unsigned i = 0; i < ICMP_PEERS; i++) {
		struct icmp_peer *q = &icmp_peers[i];

		if (q->len == len && memcmp(q->addr, addr, len) == 0) {
			p = q;
			break;
		}
		if (!q->len || (lru->len && q->last_ms < lru->last_ms))
			lru = q;
	}
	if (!p) {
		/* A new peer starts with a full bucket (Linux: rate_last =
		 * jiffies - 60 s). */
		p = lru;
		memset(p->addr, 0, sizeof(p->addr));
		memcpy(p->addr, addr, len);
		p->len = (u8)len;
		p->tokens_ms = XRLIM_BURST_FACTOR * ICMP_RATELIMIT_MS;
		p->last_ms = now;
	}
	token = p->tokens_ms + (now - p->last_ms);
	p->last_ms = now;
	if (token > XRLIM_BURST_FACTOR * ICMP_RATELIMIT_MS)
		token = XRLIM_BURST_FACTOR * ICMP_RATELIMIT_MS;
	if (token < ICMP_RATELIMIT_MS) {
		p->tokens_ms = token;
		return false;
	}
	p->tokens_ms = token - ICMP_RATELIMIT_MS;
	return true;
}

void icmp_rate_reset(void)
{
	icmp_credit = ICMP_MSGS_BURST;
	icmp_credit_stamp = net_now_ns();
	memset(icmp_peers, 0, sizeof(icmp_peers));
}
