/*
 * Values of IPv4 tunables that no single protocol file owns (Linux keeps
 * them in struct netns_ipv4): TCP's buffer sizes.  /proc/sys/net
 * publishes them (net/sysctl_net.c); see net/ip.h for their meaning.
 */
#include <net/ip.h>

u32 sysctl_tcp_rmem[3] = { 4096, 131072, 6291456 };
u32 sysctl_tcp_wmem[3] = { 4096, 16384, 4194304 };

void tcp_mem_sysctl_init(u64 free_bytes)
{
	u64 limit = free_bytes / 128;
	u64 rmax = limit < 6291456 ? limit : 6291456;
	u64 wmax = limit < 4194304 ? limit : 4194304;

	sysctl_tcp_rmem[2] = (u32)(rmax > 131072 ? rmax : 131072);
	sysctl_tcp_wmem[2] = (u32)(wmax > 65536 ? wmax : 65536);
}
