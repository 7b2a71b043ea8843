/*
 * The control messages of a sendmsg on an AF_INET datagram socket (UDP,
 * raw, ping), as Linux's ip_cmsg_send and __sock_cmsg_send read them
 * (ip(7), socket(7), cmsg(3)).  Kernel code: it reads the kernel copy of
 * the caller's control buffer and fills a struct ipcm_cookie that the
 * engines take with the datagram.
 *
 * Every message must be whole (cmsg_len at least a header, inside the
 * buffer): EINVAL otherwise.  SOL_IP:
 *   IP_PKTINFO   struct in_pktinfo exactly: ipi_spec_dst is the source
 *                address (0: the route's), ipi_ifindex the device;
 *   IP_TTL       an int, 1..255;
 *   IP_TOS       an int or one byte, 0..255;
 *   IP_PROTOCOL  an int, 1..255 (raw sockets);
 *   IP_RETOPTS   linux-compat: Tern sends no IP options; an empty one
 *                is accepted, others are EINVAL;
 *   anything else EINVAL.
 * SOL_SOCKET:
 *   SO_MARK      a u32, CAP_NET_RAW or CAP_NET_ADMIN (EPERM); no
 *                routing or filtering in Tern looks at marks;
 *   SO_TIMESTAMPING  a u32 of SOF_TIMESTAMPING_TX_* flags (EINVAL for
 *                others); linux-compat: Tern produces no transmit
 *                timestamps, so a request for one is EINVAL too;
 *   SCM_TXTIME   EINVAL (SO_TXTIME is never set on Tern);
 *   SCM_RIGHTS, SCM_CREDENTIALS  ignored (they belong to AF_UNIX);
 *   anything else EINVAL.
 * Other levels are ignored.
 */
#include <net/datagram.h>
#include <tern/inet_sock.h>
#include <tern/socket.h>
#include <tern/string.h>
#include <uapi/errno.h>
#include <uapi/in.h>
#include <uapi/net_tstamp.h>

/* The data of a control message, when it is exactly `size` bytes. */
static const void *cmsg_exact(const struct cmsghdr *c, size_t size)
{
	return c->cmsg_len == CMSG_LEN(size) ? CMSG_DATA(c) : NULL;
}

static int sock_cmsg(const struct cmsghdr *c)
{
	const void *d;
	u32 v;

	switch (c->cmsg_type) {
	case SO_MARK:
		if (!capable_net_raw() && !capable_net_admin())
			return -EPERM;
		return cmsg_exact(c, sizeof(u32)) ? 0 : -EINVAL;
	case SO_TIMESTAMPING_OLD:
	case SO_TIMESTAMPING_NEW:
		d = cmsg_exact(c, sizeof(u32));
		if (!d)
			return -EINVAL;
		memcpy(&v, d, sizeof(v));
		return v ? -EINVAL : 0;
	case SCM_RIGHTS:
	case SCM_CREDENTIALS:
		return 0;
	default:
		return -EINVAL;
	}
}

/* An int control message within [lo, hi] (IP_TTL, IP_PROTOCOL). */
static int cmsg_int(const struct cmsghdr *c, int lo, int hi, s16 *out)
{
	const void *d = cmsg_exact(c, sizeof(int));
	int v;

	if (!d)
		return -EINVAL;
	memcpy(&v, d, sizeof(v));
	if (v < lo || v > hi)
		return -EINVAL;
	*out = (s16)v;
	return 0;
}

static int ip_cmsg(const struct cmsghdr *c, struct ipcm_cookie *ipc)
{
	struct in_pktinfo pi;
	const void *d;
	int v;

	switch (c->cmsg_type) {
	case IP_PKTINFO:
		d = cmsg_exact(c, sizeof(pi));
		if (!d)
			return -EINVAL;
		memcpy(&pi, d, sizeof(pi));
		if (pi.ipi_ifindex)
			ipc->oif = pi.ipi_ifindex;
		ipc->addr = pi.ipi_spec_dst.s_addr;
		ipc->addr_set = true;
		return 0;
	case IP_TTL:
		return cmsg_int(c, 1, 255, &ipc->ttl);
	case IP_TOS:
		if ((d = cmsg_exact(c, sizeof(int)))) {
			memcpy(&v, d, sizeof(v));
		} else if ((d = cmsg_exact(c, 1))) {
			v = *(const u8 *)d;
		} else {
			return -EINVAL;
		}
		if (v < 0 || v > 255)
			return -EINVAL;
		ipc->tos = (s16)v;
		return 0;
	case IP_PROTOCOL:
		return cmsg_int(c, 1, 255, &ipc->protocol);
	case IP_RETOPTS:
		return c->cmsg_len == CMSG_LEN(0) ? 0 : -EINVAL;
	default:
		return -EINVAL;
	}
}

int ip_cmsg_send(const struct kmsghdr *msg, struct ipcm_cookie *ipc)
{
	struct cmsghdr *c;
	int err;

	ipcm_init(ipc);
	if (!msg->control)
		return 0;
	for_each_cmsg(msg, c) {
		if (!cmsg_ok(msg->control, msg->controllen, c))
			return -EINVAL;
		if (c->cmsg_level == SOL_SOCKET)
			err = sock_cmsg(c);
		else if (c->cmsg_level == SOL_IP)
			err = ip_cmsg(c, ipc);
		else
			err = 0;
		if (err)
			return err;
	}
	return 0;
}
