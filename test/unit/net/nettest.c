/* Shared helpers for the IPv4 core tests (see nettest.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "nettest.h"

const u8 our_mac[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
const u8 peer_mac[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 };
const u8 gw_mac[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0xfe };
const u8 bcast_mac[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
struct netdev *eth0;
static long alloc_base;

void env_setup(bool static_peer)
{
	alloc_base = host_live_allocations();
	assert_int_equal(pkb_live_count(), 0);
	fake_clock_set(1000 * NSEC_PER_SEC);
	fake_random_seed(42);
	net_lock();
	assert_int_equal(net_init(), 0);
	assert_int_equal(dev_open(loopback_dev), 0);
	eth0 = fakedev_create("eth0", our_mac);
	assert_non_null(eth0);
	assert_int_equal(dev_open(eth0), 0);
	assert_int_equal(inet_addr_add_simple(eth0, OUR_IP, 24), 0);
	fakedev_purge(eth0);
	if (static_peer) {
		assert_non_null(neigh_update(eth0, PEER_IP, peer_mac, NUD_PERMANENT,
					     NEIGH_UPDATE_F_ADMIN | NEIGH_UPDATE_F_CREATE));
		assert_non_null(neigh_update(eth0, GW_IP, gw_mac, NUD_PERMANENT,
					     NEIGH_UPDATE_F_ADMIN | NEIGH_UPDATE_F_CREATE));
	}
	snmp_reset();
	memset(&eth0->stats, 0, sizeof(eth0->stats));
	memset(&loopback_dev->stats, 0, sizeof(loopback_dev->stats));
	memset(&arp_stats, 0, sizeof(arp_stats));
	memset(&neigh_stats, 0, sizeof(neigh_stats));
	net_unlock();
}

void net_run_until_idle(void)
{
	for (int guard = 0; guard < 10000; guard++) {
		unsigned n;

		net_lock();
		n = net_poll(net_now_ns());
		net_unlock();
		if (!n)
			break;
	}
}

void env_teardown(void)
{
	/* A failed assertion may have left the test inside a locked region. */
	if (host_lock_held())
		net_unlock();
	net_lock();
	net_exit();
	net_unlock();
	eth0 = NULL;
	assert_int_equal(net_timer_next(), UINT64_MAX);
	assert_int_equal(pkb_live_count(), 0);
	assert_int_equal(host_live_allocations(), alloc_base);
}

int env_setup_cmocka(void **state)
{
	(void)state;
	env_setup(true);
	return 0;
}

int env_setup_arp_cmocka(void **state)
{
	(void)state;
	env_setup(false);
	return 0;
}

int env_teardown_cmocka(void **state)
{
	(void)state;
	env_teardown();
	return 0;
}

u32 build_ip(u8 *buf, be32 saddr, be32 daddr, u8 proto, u16 id, u16 frag_off,
	     u8 ttl, const void *payload, u32 len)
{
	struct iphdr *ip = (struct iphdr *)buf;

	ip->ihl_version = 0x45;
	ip->tos = 0;
	ip->tot_len = net_htons((u16)(20 + len));
	ip->id = net_htons(id);
	ip->frag_off = net_htons(frag_off);
	ip->ttl = ttl;
	ip->protocol = proto;
	ip->check = 0;
	ip->saddr = saddr;
	ip->daddr = daddr;
	ip->check = inet_csum(ip, 20);
	if (len && payload)
		memcpy(buf + 20, payload, len);
	return 20 + len;
}

u32 build_udp(u8 *buf, be32 saddr, be32 daddr, u16 sport, u16 dport,
	      const void *payload, u32 len, bool csum)
{
	struct udphdr *uh = (struct udphdr *)buf;
	u32 ulen = 8 + len;

	uh->source = net_htons(sport);
	uh->dest = net_htons(dport);
	uh->len = net_htons((u16)ulen);
	uh->check = 0;
	if (len)
		memcpy(buf + 8, payload, len);
	if (csum) {
		uh->check = csum_fold(csum_partial(buf, ulen,
						   csum_pseudo(saddr, daddr, IPPROTO_UDP, (u16)ulen)));
		if (!uh->check)
			uh->check = 0xffff;
	}
	return ulen;
}

u32 build_icmp(u8 *buf, u8 type, u8 code, be32 rest, const void *payload, u32 len)
{
	struct icmphdr *ih = (struct icmphdr *)buf;

	ih->type = type;
	ih->code = code;
	ih->checksum = 0;
	ih->un.gateway = rest;
	if (len && payload)
		memcpy(buf + 8, payload, len);
	ih->checksum = inet_csum(buf, 8 + len);
	return 8 + len;
}

void inject_ip_from(const u8 *src_mac, const u8 *dst_mac, const void *ip, u32 len)
{
	static u8 frame[70000];
	struct ethhdr *eth = (struct ethhdr *)frame;

	memcpy(eth->h_dest, dst_mac, ETH_ALEN);
	memcpy(eth->h_source, src_mac, ETH_ALEN);
	eth->h_proto = net_htons(ETH_P_IP);
	memcpy(frame + 14, ip, len);
	fakedev_rx(eth0, frame, 14 + len);
}

void inject_ip(const void *ip, u32 len)
{
	inject_ip_from(peer_mac, our_mac, ip, len);
}

void inject_udp(be32 saddr, be32 daddr, u16 sport, u16 dport, const void *data, u32 len)
{
	static u8 udp[70000], ip[70000];
	u32 ulen = build_udp(udp, saddr, daddr, sport, dport, data, len, true);
	u32 n = build_ip(ip, saddr, daddr, IPPROTO_UDP, 7, 0, 64, udp, ulen);

	inject_ip(ip, n);
}

void inject_arp(u16 op, const u8 *sha, be32 sip, const u8 *tha, be32 tip, const u8 *eth_dst)
{
	u8 frame[14 + 28];
	struct ethhdr *eth = (struct ethhdr *)frame;
	struct arphdr_eth *arp = (struct arphdr_eth *)(frame + 14);

	memcpy(eth->h_dest, eth_dst, ETH_ALEN);
	memcpy(eth->h_source, sha, ETH_ALEN);
	eth->h_proto = net_htons(ETH_P_ARP);
	arp->ar_hrd = net_htons(ARPHRD_ETHER);
	arp->ar_pro = net_htons(ETH_P_IP);
	arp->ar_hln = 6;
	arp->ar_pln = 4;
	arp->ar_op = net_htons(op);
	memcpy(arp->ar_sha, sha, 6);
	memcpy(arp->ar_sip, &sip, 4);
	memcpy(arp->ar_tha, tha, 6);
	memcpy(arp->ar_tip, &tip, 4);
	fakedev_rx(eth0, frame, sizeof(frame));
}

bool pop_frame(struct netdev *dev, struct frame *f)
{
	memset(f, 0, sizeof(*f));
	f->pkb = fakedev_pop(dev);
	if (!f->pkb)
		return false;
	assert_true(f->pkb->len >= 14);
	f->eth = (const struct ethhdr *)f->pkb->data;
	f->type = net_ntohs(f->eth->h_proto);
	if (f->type == ETH_P_IP) {
		assert_true(f->pkb->len >= 34);
		f->ip = (const struct iphdr *)(f->pkb->data + 14);
		assert_int_equal(inet_csum(f->ip, ip_hdrlen(f->ip)), 0);
		f->l4 = (const u8 *)f->ip + ip_hdrlen(f->ip);
		f->l4_len = net_ntohs(f->ip->tot_len) - ip_hdrlen(f->ip);
		assert_true(14u + net_ntohs(f->ip->tot_len) <= f->pkb->len);
	} else if (f->type == ETH_P_ARP) {
		assert_true(f->pkb->len >= 14 + 28);
		f->arp = (const struct arphdr_eth *)(f->pkb->data + 14);
	}
	return true;
}

void frame_free(struct frame *f)
{
	pkb_free(f->pkb);
	f->pkb = NULL;
}

s64 ctr(const char *group, const char *field)
{
	s64 v = snmp_get(group, field);

	if (v < 0)
		fail_msg("unknown counter %s %s", group, field);
	return v;
}
