/*
 * Values of IPv4 tunables that no single protocol file owns (Linux keeps
 * them in struct netns_ipv4): the ping group range and TCP's buffer
 * sizes.  /proc/sys/net publishes them (net/sysctl_net.c); see
 * net/ip.h for their meaning.
 */
#include <net/ip.h>
#include <uapi/errno.h>

/* Linux's default: gid 1 to 0, nobody. */
static u32 ping_low = 1, ping_high = 0;

u32 sysctl_tcp_rmem[3] = { 4096, 131072, 6291456 };
u32 sysctl_tcp_wmem[3] = { 4096, 16384, 4194304 };

void ping_group_range_get(u32 *low, u32 *high)
{
	*low = ping_low;
	*high = ping_high;
}

int ping_group_range_set(u32 low, u32 high)
{
	if (low == 0xffffffffu || high == 0xffffffffu)
		return -EINVAL;            /* not a gid (Linux's gid_valid) */
	if (high < low) {
		low = 1;
		high = 0;
	}
	ping_low = low;
	ping_high = high;
	return 0;
}

bool ping_group_allowed(u32 gid)
{
	return ping_low <= gid && gid <= ping_high;
}

void tcp_mem_sysctl_init(u64 free_bytes)
{
	u64 limit = free_bytes / 128;
	u64 rmax = limit < 6291456 ? limit : 6291456;
	u64 wmax = limit < 4194304 ? limit : 4194304;

	sysctl_tcp_rmem[2] = (u32)(rmax > 131072 ? rmax : 131072);
	sysctl_tcp_wmem[2] = (u32)(wmax > 65536 ? wmax : 65536);
}
