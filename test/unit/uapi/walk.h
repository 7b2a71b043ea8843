/*
 * One walk over a netlink reply and a control-message buffer, compiled
 * twice: by walk_ours.c against include/uapi and by walk_host.c against
 * the build machine's headers.  Every buffer-walking macro of our
 * headers runs here (uapi-names.py refuses a header whose macro is not
 * named in this file), and test_uapi compares the two traces, so the
 * macros are checked by what they do, not how they are written.
 *
 * The including file defines UAPI_WALK (the function's name) after
 * including the headers.  Only well-formed buffers and truncations on
 * which Linux's and glibc's macros agree are walked; our stricter
 * cmsg_nxthdr() is tested on its own in test_uapi.c.
 */
#include <string.h>

int UAPI_WALK(long long *t, int max);

int UAPI_WALK(long long *t, int max)
{
	static union {
		unsigned char b[512];
		unsigned long long align;
	} nl, cm;
	unsigned char *base = nl.b;
	struct nlmsghdr *nlh = (struct nlmsghdr *)base;
	struct ifinfomsg *ifi;
	struct ifaddrmsg *ifa;
	struct rtmsg *rtm;
	struct rtattr *rta = NULL;
	struct msghdr m;
	struct cmsghdr *c;
	struct sock_extended_err ee[2];
	unsigned int mtu = 1500, addr = 0x0100007f, oif = 1;
	int len, alen, n = 0;

#define PUT(v)					\
	do {					\
		if (n < max)			\
			t[n] = (long long)(v);	\
		n++;				\
	} while (0)
#define ADD_ATTR(type, data, size)					\
	do {								\
		rta->rta_type = (type);					\
		rta->rta_len = RTA_LENGTH(size);			\
		memcpy(RTA_DATA(rta), (data), (size));			\
		alen = (int)sizeof(nl.b);				\
		rta = RTA_NEXT(rta, alen);				\
	} while (0)
#define END_MSG(type)							\
	do {								\
		nlh->nlmsg_type = (type);				\
		nlh->nlmsg_len = (unsigned int)((unsigned char *)rta - (unsigned char *)nlh); \
		len = (int)sizeof(nl.b);				\
		nlh = NLMSG_NEXT(nlh, len);				\
	} while (0)

	memset(&nl, 0, sizeof(nl));
	/* RTM_NEWLINK: ifinfomsg, IFLA_IFNAME "eth0", IFLA_MTU */
	ifi = NLMSG_DATA(nlh);
	ifi->ifi_index = 2;
	rta = IFLA_RTA(ifi);
	ADD_ATTR(IFLA_IFNAME, "eth0", 5);
	ADD_ATTR(IFLA_MTU, &mtu, 4);
	END_MSG(RTM_NEWLINK);
	/* RTM_NEWADDR: ifaddrmsg, IFA_LOCAL, IFA_LABEL "lo" */
	ifa = NLMSG_DATA(nlh);
	ifa->ifa_prefixlen = 8;
	rta = IFA_RTA(ifa);
	ADD_ATTR(IFA_LOCAL, &addr, 4);
	ADD_ATTR(IFA_LABEL, "lo", 3);
	END_MSG(RTM_NEWADDR);
	/* RTM_NEWROUTE: rtmsg, RTA_DST (3 bytes: odd length), RTA_OIF */
	rtm = NLMSG_DATA(nlh);
	rtm->rtm_dst_len = 24;
	rta = RTM_RTA(rtm);
	ADD_ATTR(RTA_DST, &addr, 3);
	ADD_ATTR(RTA_OIF, &oif, 4);
	END_MSG(RTM_NEWROUTE);
	/* NLMSG_DONE with its int */
	rta = (struct rtattr *)((unsigned char *)NLMSG_DATA(nlh) + 4);
	END_MSG(NLMSG_DONE);
	len = (int)((unsigned char *)nlh - base);
	PUT(len);

	for (nlh = (struct nlmsghdr *)base; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
		PUT((unsigned char *)nlh - base);
		PUT(nlh->nlmsg_type);
		PUT(NLMSG_PAYLOAD(nlh, 0));
		PUT((unsigned char *)NLMSG_DATA(nlh) - base);
		switch (nlh->nlmsg_type) {
		case RTM_NEWLINK:
			rta = IFLA_RTA(NLMSG_DATA(nlh));
			alen = (int)IFLA_PAYLOAD(nlh);
			break;
		case RTM_NEWADDR:
			rta = IFA_RTA(NLMSG_DATA(nlh));
			alen = (int)IFA_PAYLOAD(nlh);
			break;
		case RTM_NEWROUTE:
			rta = RTM_RTA(NLMSG_DATA(nlh));
			alen = (int)RTM_PAYLOAD(nlh);
			break;
		default:
			alen = 0;
		}
		PUT(alen);
		for (; alen > 0 && RTA_OK(rta, alen); rta = RTA_NEXT(rta, alen)) {
			PUT((unsigned char *)rta - base);
			PUT(rta->rta_type);
			PUT(RTA_PAYLOAD(rta));
			PUT((unsigned char *)RTA_DATA(rta) - base);
		}
		PUT(alen);
	}
	PUT(len);

	/* Truncated reads: a partial header, a length past the end or below a header. */
	nlh = (struct nlmsghdr *)base;
	PUT(NLMSG_OK(nlh, 15));
	PUT(NLMSG_OK(nlh, (int)nlh->nlmsg_len - 1));
	PUT(NLMSG_OK(nlh, (int)nlh->nlmsg_len));
	nlh->nlmsg_len = 15;
	PUT(NLMSG_OK(nlh, 100));
	rta = (struct rtattr *)(base + 64);
	rta->rta_len = 3;
	PUT(RTA_OK(rta, 100));
	rta->rta_len = 9;
	PUT(RTA_OK(rta, 8));
	PUT(RTA_OK(rta, 3));

	/* Three control messages: 4, 12 and 1 data bytes. */
	memset(&cm, 0, sizeof(cm));
	memset(&m, 0, sizeof(m));
	m.msg_control = cm.b;
	m.msg_controllen = CMSG_SPACE(4) + CMSG_SPACE(12) + CMSG_LEN(1);
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_len = CMSG_LEN(4);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c = CMSG_NXTHDR(&m, c);
	c->cmsg_len = CMSG_LEN(12);
	c = CMSG_NXTHDR(&m, c);
	c->cmsg_len = CMSG_LEN(1);
	for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
		PUT((unsigned char *)c - cm.b);
		PUT(c->cmsg_len);
		PUT(CMSG_DATA(c) - cm.b);
	}
	m.msg_controllen = sizeof(struct cmsghdr) - 1;
	PUT(CMSG_FIRSTHDR(&m) != NULL);
	m.msg_controllen = sizeof(struct cmsghdr);
	PUT(CMSG_FIRSTHDR(&m) != NULL);
	m.msg_controllen = CMSG_SPACE(4) + sizeof(struct cmsghdr) - 1;
	PUT(CMSG_NXTHDR(&m, (struct cmsghdr *)cm.b) != NULL);

	/* The offender's address follows the extended error. */
	PUT((unsigned char *)SO_EE_OFFENDER(&ee[0]) - (unsigned char *)ee);
	return n;
#undef PUT
#undef ADD_ATTR
#undef END_MSG
}
