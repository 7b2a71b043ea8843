/*
 * monitor.c - what `ip monitor` shows (busybox has no monitor applet,
 * so this is one): a socket in RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR and
 * RTNLGRP_IPV4_ROUTE while a child changes things with busybox `ip`
 * (netlink for addresses and routes, ioctls for links).  Each event is
 * printed as one line of its essentials and the lines are compared with
 * what Linux sends, repeated lines folded (Linux announces a link change
 * once or twice depending on its link watcher's timing).
 *
 * linux-compat: taking the link down and up is not among the steps:
 * Linux keeps an address's host-scope local route while the link is
 * down, Tern removes it with the others and announces it again on up.
 */
#include "../check.h"

#include <arpa/inet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <poll.h>
#include <stdint.h>
#include <sys/socket.h>

static struct rtattr *attr(struct rtattr *a, int len, int type)
{
	for (; RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type == type)
			return a;
	return NULL;
}

static const char *ip4(struct rtattr *a)
{
	static char s[4][20];
	static int i;

	if (!a)
		return "-";
	i = (i + 1) % 4;
	inet_ntop(AF_INET, RTA_DATA(a), s[i], sizeof(s[i]));
	return s[i];
}

/* One line per event, or 0 for ones not shown. */
static int format(struct nlmsghdr *h, char *line, size_t len)
{
	const char *what = h->nlmsg_type == RTM_NEWLINK ? "link"
		: h->nlmsg_type == RTM_NEWADDR ? "addr"
		: h->nlmsg_type == RTM_DELADDR ? "deladdr"
		: h->nlmsg_type == RTM_NEWROUTE ? "route"
		: h->nlmsg_type == RTM_DELROUTE ? "delroute" : NULL;

	if (!what)
		return 0;
	if (h->nlmsg_type == RTM_NEWLINK) {
		struct ifinfomsg *ifi = NLMSG_DATA(h);
		struct rtattr *n = attr(IFLA_RTA(ifi), IFLA_PAYLOAD(h), IFLA_IFNAME);
		struct rtattr *m = attr(IFLA_RTA(ifi), IFLA_PAYLOAD(h), IFLA_MTU);

		snprintf(line, len, "%s %s mtu %u%s%s", what, n ? (char *)RTA_DATA(n) : "-",
			 m ? *(unsigned *)RTA_DATA(m) : 0, ifi->ifi_flags & IFF_UP ? " UP" : "",
			 ifi->ifi_flags & IFF_RUNNING ? " RUNNING" : "");
	} else if (h->nlmsg_type == RTM_NEWADDR || h->nlmsg_type == RTM_DELADDR) {
		struct ifaddrmsg *ifa = NLMSG_DATA(h);
		struct rtattr *l = attr(IFA_RTA(ifa), IFA_PAYLOAD(h), IFA_LOCAL);
		struct rtattr *lb = attr(IFA_RTA(ifa), IFA_PAYLOAD(h), IFA_LABEL);

		snprintf(line, len, "%s %s/%u dev %d label %s", what, ip4(l), ifa->ifa_prefixlen,
			 ifa->ifa_index, lb ? (char *)RTA_DATA(lb) : "-");
	} else {
		struct rtmsg *r = NLMSG_DATA(h);
		struct rtattr *d = attr(RTM_RTA(r), RTM_PAYLOAD(h), RTA_DST);
		struct rtattr *g = attr(RTM_RTA(r), RTM_PAYLOAD(h), RTA_GATEWAY);
		struct rtattr *o = attr(RTM_RTA(r), RTM_PAYLOAD(h), RTA_OIF);

		if (r->rtm_family != AF_INET)
			return 0;
		snprintf(line, len, "%s table %u type %u %s/%u via %s oif %d scope %u proto %u", what,
			 r->rtm_table, r->rtm_type, d ? ip4(d) : "0.0.0.0", r->rtm_dst_len, ip4(g),
			 o ? *(int *)RTA_DATA(o) : 0, r->rtm_scope, r->rtm_protocol);
	}
	return 1;
}

static void sh(const char *cmd)
{
	if (system(cmd) != 0)
		fprintf(stderr, "monitor: '%s' failed\n", cmd);
}

/*
 * eth0 down without addresses, then 10.0.2.15/24 and up, with its
 * carrier (Linux reports that a moment later; at most 5 s).
 */
static void setup(void)
{
	sh("for f in /proc/sys/net/ipv6/conf/*/disable_ipv6; do [ -e $f ] && echo 1 > $f; done;"
	   " ip link set lo up; ip link set eth0 down; ip link set eth0 mtu 1500;"
	   " ip addr flush dev eth0 2>/dev/null || ip addr flush dev eth0;"
	   " ip addr add 10.0.2.15/24 dev eth0; ip link set eth0 up;"
	   " i=0; while ip link show eth0 | grep -q NO-CARRIER && [ $i -lt 50 ]; do"
	   " sleep 0.1; i=$((i + 1)); done");
}

/* What Linux sends for the steps below (table 255 local, 254 main). */
static const char *const expected[] = {
	"addr 10.0.2.16/32 dev 2 label eth0",
	"route table 255 type 2 10.0.2.16/32 via - oif 2 scope 254 proto 2",
	"route table 254 type 1 10.0.2.128/25 via 10.0.2.2 oif 2 scope 0 proto 3",
	"delroute table 254 type 1 10.0.2.128/25 via 10.0.2.2 oif 2 scope 0 proto 3",
	"link eth0 mtu 1400 UP RUNNING",
	"deladdr 10.0.2.16/32 dev 2 label eth0",
	"delroute table 255 type 2 10.0.2.16/32 via - oif 2 scope 254 proto 2",
	"link eth0 mtu 1500 UP RUNNING",
};

static void ip_monitor(void)
{
	static char buf[32768];
	char got[64][128], line[128];
	int fd, n = 0;
	struct sockaddr_nl sa = {
		.nl_family = AF_NETLINK,
		.nl_groups = RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV4_ROUTE,
	};
	pid_t child;

	setup();
	REQUIRE_OK(fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE));
	REQUIRE(bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0, "bind: %s", strerror(errno));
	child = fork();
	REQUIRE(child >= 0, "fork");
	if (child == 0) {
		/* One change at a time, each given time to be announced. */
		static const char *const steps[] = {
			"ip addr add 10.0.2.16/32 dev eth0",
			"ip route add 10.0.2.128/25 via 10.0.2.2",
			"ip route del 10.0.2.128/25 via 10.0.2.2",
			"ip link set eth0 mtu 1400",
			"ip addr del 10.0.2.16/32 dev eth0",
			"ip link set eth0 mtu 1500",
		};
		for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
			usleep(100000);
			sh(steps[i]);
		}
		_exit(0);
	}
	/* Read until the last change came, or 5 s of nothing. */
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t len;

		if (poll(&p, 1, 5000) <= 0)
			break;
		len = recv(fd, buf, sizeof(buf), 0);
		REQUIRE(len > 0, "recv: %s", strerror(errno));
		for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
			if (!format(h, line, sizeof(line)))
				continue;
			if (n && !strcmp(got[n - 1], line))
				continue;	/* a repeated announcement */
			REQUIRE(n < 64, "too many events");
			strcpy(got[n++], line);
		}
		if (n && !strcmp(got[n - 1], expected[sizeof(expected) / sizeof(expected[0]) - 1]))
			break;
	}
	waitpid(child, NULL, 0);
	for (int i = 0; i < n; i++)
		printf("# event %s\n", got[i]);
	REQUIRE(n == (int)(sizeof(expected) / sizeof(expected[0])), "%d events, want %d", n,
		(int)(sizeof(expected) / sizeof(expected[0])));
	for (int i = 0; i < n; i++)
		REQUIRE(!strcmp(got[i], expected[i]), "event %d: '%s', want '%s'", i, got[i],
			expected[i]);
}

static const struct check checks[] = {
	CHECK(ip_monitor),
};

int main(void)
{
	return run_checks("monitor", checks, NCHECKS(checks));
}
