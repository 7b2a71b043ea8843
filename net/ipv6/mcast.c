/*
 * MLDv2 for a host (RFC 3810): reports of the groups a device has joined.
 *
 *  - Joining a group sends an unsolicited State Change Report
 *    (CHANGE_TO_EXCLUDE_MODE, no sources: "all sources") [Robustness
 *    Variable] = 2 times, at random moments within the Unsolicited
 *    Report Interval (1 s) (§6.1); leaving sends CHANGE_TO_INCLUDE_MODE
 *    with no sources (§6.1) at once.  linux-compat: Linux repeats the
 *    leave report too.
 *  - A Query (§5.1; MLDv1's 24-byte form too, answered in MLDv2 --
 *    linux-compat: no MLDv1 compatibility mode) is answered after a
 *    random delay within its Maximum Response Delay by a Current State
 *    Report (MODE_IS_EXCLUDE) of every group (§6.2).
 *  - ff02::1 and interface-local groups are never reported (§6).
 * Reports go from the link-local address (:: while it is tentative,
 * §5.2.13) to ff02::16 with hop limit 1 and a Router Alert (§5).
 */
#include <net/icmpv6.h>
#include <net/ip.h>		/* NET_HEADROOM */
#include <net/mld.h>

#define MLD2_ALL_MCR { .s6_addr = { 0xff, 0x02, [15] = 0x16 } }
#define MLD2_MODE_IS_EXCLUDE 2
#define MLD2_CHANGE_TO_INCLUDE 3
#define MLD2_CHANGE_TO_EXCLUDE 4
#define MLD_ROBUSTNESS 2
#define MLD_UNSOLICITED_MS 1000

struct mld_statistics mld_stats;

static bool reportable(const struct in6_addr *g)
{
	return ipv6_mc_scope(g) > IPV6_SCOPE_INTERFACE &&
	       !ipv6_addr_equal(g, &in6addr_linklocal_allnodes);
}

/* Send one report with the records (type, group) of `n` groups. */
static void mld_send(struct inet6_dev *idev, const u8 *types, const struct in6_addr *groups, u32 n)
{
	static const u8 hbh[8] = { 0, 0, 5, 2, 0, 0, 1, 0 };   /* Router Alert: MLD, PadN */
	u32 len = 8 + 20 * n;
	struct inet6_ifaddr *ll = ipv6_get_lladdr(idev->dev, false);
	struct ip6_out out;
	struct pkbuf *pkb;
	u8 *p;

	if (!n)
		return;
	pkb = pkb_alloc(NET_HEADROOM + sizeof(hbh), len);
	if (!pkb) {
		ICMP6_INC_STATS(ICMP6_MIB_OUTERRORS);
		return;
	}
	p = pkb_put(pkb, len);
	memset(p, 0, len);
	p[0] = ICMPV6_MLD2_REPORT;
	p[6] = (u8)(n >> 8);
	p[7] = (u8)n;
	for (u32 i = 0; i < n; i++) {
		u8 *r = p + 8 + 20 * i;

		r[0] = types[i];
		memcpy(r + 4, &groups[i], 16);
	}
	memset(&out, 0, sizeof(out));
	if (ll)
		out.saddr = ll->addr;
	out.unspec_src = !ll;
	out.daddr = (struct in6_addr)MLD2_ALL_MCR;
	out.hop_limit = 1;
	out.oif = idev->dev->ifindex;
	out.mc_noloop = true;
	out.hbh = hbh;
	out.hbh_len = sizeof(hbh);
	mld_stats.reports_sent++;
	(void)icmpv6_push(pkb, &out);
}

#define MAX_RECORDS 64   /* 64 * 20 + 8 + 48 < 1280: one report fits the minimum MTU */

static void mld_timer(struct net_timer *t)
{
	struct inet6_dev *idev = net_container_of(t, struct inet6_dev, mld_timer);
	/* Static: the stack lock is held, and 1.3 KiB is much for a stack. */
	static u8 types[MAX_RECORDS];
	static struct in6_addr groups[MAX_RECORDS];
	bool again = false;
	u32 n = 0;

	if (!idev->running)
		return;
	for (struct ifmcaddr6 *m = idev->mc_list; m; m = m->next) {
		if (!reportable(&m->addr))
			continue;
		if (m->reports_left) {
			if (n == MAX_RECORDS) {
				again = true;
				break;
			}
			types[n] = MLD2_CHANGE_TO_EXCLUDE;
			groups[n++] = m->addr;
			if (--m->reports_left)
				again = true;
		} else if (idev->mld_query_pending && n < MAX_RECORDS) {
			types[n] = MLD2_MODE_IS_EXCLUDE;
			groups[n++] = m->addr;
		}
	}
	idev->mld_query_pending = false;
	mld_send(idev, types, groups, n);
	if (again)
		net_timer_arm_in(&idev->mld_timer,
				 (u64)(net_random_u32() % MLD_UNSOLICITED_MS + 1) * NSEC_PER_MSEC);
}

/* Arm the report timer within `max_ms` unless it will fire sooner. */
static void mld_schedule(struct inet6_dev *idev, u32 max_ms)
{
	u64 when = net_now_ns() + (u64)(net_random_u32() % (max_ms ? max_ms : 1)) * NSEC_PER_MSEC;

	if (!idev->running)
		return;
	if (net_timer_pending(&idev->mld_timer) && idev->mld_timer.expires_ns <= when)
		return;
	net_timer_arm(&idev->mld_timer, when);
}

void mld_init_dev(struct inet6_dev *idev)
{
	net_timer_init(&idev->mld_timer, mld_timer);
}

void mld_join(struct inet6_dev *idev, struct ifmcaddr6 *m)
{
	if (!reportable(&m->addr))
		return;
	m->reports_left = MLD_ROBUSTNESS;
	mld_schedule(idev, MLD_UNSOLICITED_MS);
}

void mld_leave(struct inet6_dev *idev, const struct in6_addr *group)
{
	static const u8 type = MLD2_CHANGE_TO_INCLUDE;

	if (idev->running && reportable(group))
		mld_send(idev, &type, group, 1);
}

void mld_rejoin_all(struct inet6_dev *idev)
{
	for (struct ifmcaddr6 *m = idev->mc_list; m; m = m->next)
		mld_join(idev, m);
}

void mld_query_rcv(struct pkbuf *pkb)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)pkb_network(pkb);
	struct ip6_addrs a = ipv6_hdr_addrs(ip6);
	struct inet6_dev *idev = in6_dev_get(pkb->dev);
	u32 max_ms;

	/* §5.1.14 / §6.2: from a link-local source, hop limit 1, at least
	 * MLDv1's 24 bytes; the Maximum Response Code is in ms (a large
	 * one encodes mantissa and exponent, §5.1.3). */
	if (!ipv6_addr_is_linklocal(&a.saddr) || ip6->hop_limit != 1 || pkb->len < 24 || !idev) {
		mld_stats.bad_queries++;
		return;
	}
	mld_stats.queries++;
	max_ms = (u32)pkb->data[4] << 8 | pkb->data[5];
	if (pkb->len >= 28 && max_ms >= 32768)
		max_ms = ((max_ms & 0x0fff) | 0x1000) << (((max_ms >> 12) & 7) + 3);
	idev->mld_query_pending = true;
	mld_schedule(idev, max_ms);
}
