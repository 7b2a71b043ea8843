/*
 * Socket options at SOL_SOCKET (socket(7)), as a table: every option
 * Linux x86_64 knows has a row saying whether it is handled, accepted
 * and ignored (with why), or refused (ENOPROTOOPT); docs/sockets.md is
 * generated from the rows (net/mksockoptdoc.sh).  Kernel code.
 *
 * Linux's rules, kept here for every option:
 *  - setsockopt: except SO_BINDTODEVICE, the value must be at least an
 *    int (EINVAL) and its first int is read first (EFAULT), even for
 *    options that then read a struct;
 *  - getsockopt: a negative length is EINVAL; the result is copied up to
 *    the caller's length (a short buffer gets the first bytes) and the
 *    copied length is stored back.
 * Handlers run with sock->lock held; struct sock fields the engines read
 * change under the stack lock.
 */
#include <net/filter.h>
#include <net/sock.h>
#include <net/tcp.h>
#include <net/netdev.h>
#include <tern/capability.h>
#include <tern/kernel.h>
#include <tern/net_platform.h>
#include <tern/process.h>
#include <tern/slab.h>
#include <tern/socket.h>
#include <tern/string.h>
#include <tern/time.h>
#include <tern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/filter.h>
#include <uapi/if.h>
#include <uapi/in.h>
#include <uapi/time.h>

/* The floors Linux 6.1 on x86_64 applies (the caps: SYSCTL_*MEM_MAX). */
#define SOCK_MIN_RCVBUF		2304
#define SOCK_MIN_SNDBUF		4608
#define SO_PRIORITY_USER_MAX	6	/* above: CAP_NET_ADMIN */

/* ---- values ---- */

int sockopt_get_int(struct sockopt *opt, int *val)
{
	if (opt->len < (int)sizeof(int))
		return -EINVAL;
	return copy_from_user(val, opt->uval, sizeof(int)) ? -EFAULT : 0;
}

int sockopt_get(struct sockopt *opt, void *kbuf, size_t size)
{
	if (opt->len < (int)size)
		return -EINVAL;
	return copy_from_user(kbuf, opt->uval, size) ? -EFAULT : 0;
}

int sockopt_put(struct sockopt *opt, const void *kbuf, size_t size)
{
	int len = opt->len;

	if (len < 0)
		return -EINVAL;
	if ((size_t)len > size)
		len = (int)size;
	if (len && copy_to_user(opt->uval, kbuf, (size_t)len))
		return -EFAULT;
	return copy_to_user(opt->ulen, &len, sizeof(len)) ? -EFAULT : 0;
}

bool capable_net_admin(void)
{
	return capable(CAP_NET_ADMIN);
}

bool capable_net_raw(void)
{
	return capable(CAP_NET_RAW);
}

bool capable_net_bind_service(void)
{
	return capable(CAP_NET_BIND_SERVICE);
}

/* ---- handlers ---- */

struct sol_opt {
	/* val: the first int of the value (read first, unless raw). */
	int (*set)(struct socket *sock, struct sockopt *opt, int val);
	int (*get)(struct socket *sock, struct sockopt *opt);
	const char *doc;
	bool raw;		/* set() reads the value itself: no int first */
};

/* A boolean field of struct sock, set and read under the stack lock. */
#define SK_BOOL(field)								\
	static int set_##field(struct socket *sock, struct sockopt *opt, int val) \
	{									\
		(void)opt;							\
		net_lock();							\
		sock->sk->field = val != 0;					\
		net_unlock();							\
		return 0;							\
	}									\
	static int get_##field(struct socket *sock, struct sockopt *opt)	\
	{									\
		return sockopt_put_int(opt, sock->sk->field);			\
	}
SK_BOOL(reuseaddr)
SK_BOOL(reuseport)
SK_BOOL(passsec)

/* SO_REUSEPORT is an internet sockets' option: EOPNOTSUPP elsewhere. */
static int set_reuseport_checked(struct socket *sock, struct sockopt *opt, int val)
{
	if (val && sock->family != AF_INET && sock->family != AF_INET6)
		return -EOPNOTSUPP;
	return set_reuseport(sock, opt, val);
}
SK_BOOL(broadcast)
SK_BOOL(dontroute)
SK_BOOL(oobinline)
SK_BOOL(no_check_tx)
SK_BOOL(lock_filter)

static int set_debug(struct socket *sock, struct sockopt *opt, int val)
{
	if (val && !capable_net_admin())
		return -EACCES;
	(void)opt;
	sock->sk->debug = val != 0;
	return 0;
}

static int get_debug(struct socket *sock, struct sockopt *opt)
{
	return sockopt_put_int(opt, sock->sk->debug);
}

static int get_type(struct socket *sock, struct sockopt *opt)
{
	return sockopt_put_int(opt, sock->type);
}

static int get_protocol(struct socket *sock, struct sockopt *opt)
{
	return sockopt_put_int(opt, sock->sk->protocol);
}

static int get_domain(struct socket *sock, struct sockopt *opt)
{
	return sockopt_put_int(opt, sock->family);
}

static int get_error(struct socket *sock, struct sockopt *opt)
{
	int err;

	net_lock();
	err = sock->sk->err;
	sock->sk->err = 0;
	net_unlock();
	return sockopt_put_int(opt, err);
}

static int get_acceptconn(struct socket *sock, struct sockopt *opt)
{
	return sockopt_put_int(opt, sock->sk->listening);	/* TCP: tcp_set_state keeps it */
}

/* SO_SNDBUF/SO_RCVBUF: doubled (bookkeeping overhead), floored, and
 * capped by net.core.[rw]mem_max unless forced (socket(7)). */
static u32 buf_size(int val, u32 max, u32 min)
{
	u32 v = (u32)val;

	if (max && v > max)
		v = max;
	if (v > 0x7fffffffu / 2)
		v = 0x7fffffffu / 2;
	v *= 2;
	return v < min ? min : v;
}

static int set_sndbuf_common(struct socket *sock, int val, u32 max)
{
	net_lock();
	sock->sk->userlocks |= SOCK_SNDBUF_LOCK;
	sock->sk->sndbuf = buf_size(val, max, SOCK_MIN_SNDBUF);
	sock->sk->write_space(sock->sk);
	net_unlock();
	return 0;
}

static int set_rcvbuf_common(struct socket *sock, int val, u32 max)
{
	net_lock();
	sock->sk->userlocks |= SOCK_RCVBUF_LOCK;
	sock->sk->rcvbuf = buf_size(val, max, SOCK_MIN_RCVBUF);
	net_unlock();
	return 0;
}

static int set_sndbuf(struct socket *sock, struct sockopt *opt, int val)
{
	(void)opt;
	return set_sndbuf_common(sock, val, SYSCTL_WMEM_MAX);
}

static int set_rcvbuf(struct socket *sock, struct sockopt *opt, int val)
{
	(void)opt;
	return set_rcvbuf_common(sock, val, SYSCTL_RMEM_MAX);
}

static int set_sndbufforce(struct socket *sock, struct sockopt *opt, int val)
{
	(void)opt;
	if (!capable_net_admin())
		return -EPERM;
	return set_sndbuf_common(sock, val < 0 ? 0 : val, 0);
}

static int set_rcvbufforce(struct socket *sock, struct sockopt *opt, int val)
{
	(void)opt;
	if (!capable_net_admin())
		return -EPERM;
	return set_rcvbuf_common(sock, val < 0 ? 0 : val, 0);
}

static int get_sndbuf(struct socket *sock, struct sockopt *opt)
{
	return sockopt_put_int(opt, (int)sock->sk->sndbuf);
}

static int get_rcvbuf(struct socket *sock, struct sockopt *opt)
{
	return sockopt_put_int(opt, (int)sock->sk->rcvbuf);
}

static int set_buf_lock(struct socket *sock, struct sockopt *opt, int val)
{
	(void)opt;
	if (val & ~SOCK_BUF_LOCK_MASK)
		return -EINVAL;
	net_lock();
	sock->sk->userlocks = (u8)((sock->sk->userlocks & ~SOCK_BUF_LOCK_MASK) | val);
	net_unlock();
	return 0;
}

static int get_buf_lock(struct socket *sock, struct sockopt *opt)
{
	return sockopt_put_int(opt, sock->sk->userlocks & SOCK_BUF_LOCK_MASK);
}

static int set_keepalive(struct socket *sock, struct sockopt *opt, int val)
{
	(void)opt;
	net_lock();
	if (sock->sk->protocol == IPPROTO_TCP && sock->type == SOCK_STREAM)
		tcp_set_keepalive(tcp_sk(sock->sk), val != 0);
	else
		sock->sk->keepalive = val != 0;
	net_unlock();
	return 0;
}

static int get_keepalive(struct socket *sock, struct sockopt *opt)
{
	return sockopt_put_int(opt, sock->sk->keepalive);
}

static int set_priority(struct socket *sock, struct sockopt *opt, int val)
{
	(void)opt;
	if ((val < 0 || val > SO_PRIORITY_USER_MAX) && !capable_net_admin())
		return -EPERM;
	sock->sk->priority = (u32)val;
	return 0;
}

static int get_priority(struct socket *sock, struct sockopt *opt)
{
	return sockopt_put_int(opt, (int)sock->sk->priority);
}

static int set_linger(struct socket *sock, struct sockopt *opt, int val)
{
	struct linger l;
	int err;

	(void)val;
	err = sockopt_get(opt, &l, sizeof(l));
	if (err)
		return err;
	sock->linger_on = l.l_onoff != 0;
	if (l.l_onoff)
		sock->linger_s = l.l_linger < 0 ? 0x7fffffff : l.l_linger;
	return 0;
}

static int get_linger(struct socket *sock, struct sockopt *opt)
{
	struct linger l = { sock->linger_on, sock->linger_on ? sock->linger_s : 0 };

	return sockopt_put(opt, &l, sizeof(l));
}

static int set_ignored(struct socket *sock, struct sockopt *opt, int val)
{
	(void)sock;
	(void)opt;
	(void)val;
	return 0;
}

static int set_rcvlowat(struct socket *sock, struct sockopt *opt, int val)
{
	(void)opt;
	if (val < 0)
		val = 0x7fffffff;
	net_lock();
	sock->sk->rcvlowat = val ? val : 1;
	sock->sk->data_ready(sock->sk);	/* a lower mark may make it readable */
	net_unlock();
	return 0;
}

static int get_rcvlowat(struct socket *sock, struct sockopt *opt)
{
	return sockopt_put_int(opt, sock->sk->rcvlowat);
}

static int get_one(struct socket *sock, struct sockopt *opt)
{
	(void)sock;
	return sockopt_put_int(opt, 1);
}

/*
 * SO_RCVTIMEO/SO_SNDTIMEO: a struct timeval (16 bytes).  Linux keeps it
 * in jiffies; the value read back is what was set, rounded up to Tern's
 * tick (1 ms).  A negative tv_sec means "no timeout" (with a warning on
 * Linux), tv_usec outside [0, 1e6) is EDOM.
 */
static int set_timeo(u64 *dst, struct sockopt *opt)
{
	struct __kernel_timeval tv;
	int err = sockopt_get(opt, &tv, sizeof(tv));

	if (err)
		return err;
	if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
		return -EDOM;
	if (tv.tv_sec < 0) {
		*dst = 0;
		return 0;
	}
	if ((u64)tv.tv_sec > 0x7fffffffull)
		*dst = 0;	/* as good as forever */
	else
		*dst = (u64)tv.tv_sec * NSEC_PER_SEC +
		       DIV_ROUND_UP((u64)tv.tv_usec, 1000) * 1000000ull;
	return 0;
}

static int get_timeo(u64 ns, struct sockopt *opt)
{
	struct __kernel_timeval tv = { (s64)(ns / NSEC_PER_SEC),
				       (s64)(ns % NSEC_PER_SEC / 1000) };

	return sockopt_put(opt, &tv, sizeof(tv));
}

static int set_rcvtimeo(struct socket *sock, struct sockopt *opt, int val)
{
	(void)val;
	return set_timeo(&sock->rcvtimeo_ns, opt);
}

static int set_sndtimeo(struct socket *sock, struct sockopt *opt, int val)
{
	(void)val;
	return set_timeo(&sock->sndtimeo_ns, opt);
}

static int get_rcvtimeo(struct socket *sock, struct sockopt *opt)
{
	return get_timeo(sock->rcvtimeo_ns, opt);
}

static int get_sndtimeo(struct socket *sock, struct sockopt *opt)
{
	return get_timeo(sock->sndtimeo_ns, opt);
}

static int set_timestamp(struct socket *sock, struct sockopt *opt, int val)
{
	(void)opt;
	sock->timestamp = val != 0;
	sock->timestampns = false;
	return 0;
}

static int set_timestampns(struct socket *sock, struct sockopt *opt, int val)
{
	(void)opt;
	sock->timestamp = val != 0;
	sock->timestampns = val != 0;
	return 0;
}

static int get_timestamp(struct socket *sock, struct sockopt *opt)
{
	return sockopt_put_int(opt, sock->timestamp && !sock->timestampns);
}

static int get_timestampns(struct socket *sock, struct sockopt *opt)
{
	return sockopt_put_int(opt, sock->timestampns);
}

static int set_passcred(struct socket *sock, struct sockopt *opt, int val)
{
	(void)opt;
	sock->passcred = val != 0;
	return 0;
}

static int get_passcred(struct socket *sock, struct sockopt *opt)
{
	return sockopt_put_int(opt, sock->passcred);
}

static int set_mark(struct socket *sock, struct sockopt *opt, int val)
{
	(void)opt;
	if (!capable_net_admin())
		return -EPERM;
	sock->mark = (u32)val;
	return 0;
}

static int get_mark(struct socket *sock, struct sockopt *opt)
{
	return sockopt_put_int(opt, (int)sock->mark);
}

/* Bind to a device by index (0: unbind); changing a binding needs CAP_NET_RAW. */
static int bind_to_index(struct socket *sock, int ifindex)
{
	int err = 0;

	if (ifindex < 0)
		return -EINVAL;
	net_lock();
	if (sock->sk->bound_ifindex && !capable_net_raw())
		err = -EPERM;
	else if (ifindex && !dev_get_by_index(ifindex))
		err = -ENODEV;
	else
		sock->sk->bound_ifindex = ifindex;
	net_unlock();
	return err;
}

static int set_bindtoifindex(struct socket *sock, struct sockopt *opt, int val)
{
	(void)opt;
	return bind_to_index(sock, val);
}

static int get_bindtoifindex(struct socket *sock, struct sockopt *opt)
{
	return sockopt_put_int(opt, sock->sk->bound_ifindex);
}

/* SO_BINDTODEVICE's value is a name (no int first; any length). */
static int set_bindtodevice(struct socket *sock, struct sockopt *opt, int val)
{
	char name[IFNAMSIZ];
	int len = opt->len, ifindex = 0;

	(void)val;
	if (len < 0)
		return -EINVAL;
	if (len > IFNAMSIZ - 1)
		len = IFNAMSIZ - 1;
	memset(name, 0, sizeof(name));
	if (len && copy_from_user(name, opt->uval, (size_t)len))
		return -EFAULT;
	if (name[0]) {
		struct netdev *dev;

		net_lock();
		dev = dev_get_by_name(name);
		ifindex = dev ? dev->ifindex : -1;
		net_unlock();
		if (ifindex < 0)
			return -ENODEV;
	}
	return bind_to_index(sock, ifindex);
}

static int get_bindtodevice(struct socket *sock, struct sockopt *opt)
{
	char name[IFNAMSIZ];
	struct netdev *dev;
	int len;

	if (opt->len < 0)
		return -EINVAL;
	if (!sock->sk->bound_ifindex) {
		len = 0;
		return copy_to_user(opt->ulen, &len, sizeof(len)) ? -EFAULT : 0;
	}
	if (opt->len < IFNAMSIZ)
		return -EINVAL;
	net_lock();
	dev = dev_get_by_index(sock->sk->bound_ifindex);
	if (dev)
		memcpy(name, dev->name, IFNAMSIZ);
	net_unlock();
	if (!dev)
		return -ENODEV;
	len = (int)strlen(name) + 1;
	if (copy_to_user(opt->uval, name, (size_t)len) ||
	    copy_to_user(opt->ulen, &len, sizeof(len)))
		return -EFAULT;
	return 0;
}

/* SO_ATTACH_FILTER: a struct sock_fprog whose program is user memory. */
static int set_attach_filter(struct socket *sock, struct sockopt *opt, int val)
{
	struct sock_fprog prog;
	struct sk_filter *f, *old;
	int err;

	(void)val;
	if (opt->len != (int)sizeof(prog))
		return -EINVAL;
	if (copy_from_user(&prog, opt->uval, sizeof(prog)))
		return -EFAULT;
	if (!prog.filter)
		return -EINVAL;
	err = sk_filter_alloc(prog.len, &f);
	if (err)
		return err;
	if (copy_from_user(f->insns, prog.filter, (size_t)prog.len * sizeof(f->insns[0]))) {
		net_lock();
		sk_filter_put(f);
		net_unlock();
		return -EFAULT;
	}
	net_lock();
	err = sk_filter_prepare(f);
	if (err) {
		sk_filter_put(f);
	} else if (sock->sk->lock_filter) {
		sk_filter_put(f);
		err = -EPERM;
	} else {
		old = sock->sk->filter;
		sock->sk->filter = f;
		sk_filter_put(old);
	}
	net_unlock();
	return err;
}

static int set_detach_filter(struct socket *sock, struct sockopt *opt, int val)
{
	int err = 0;

	(void)opt;
	(void)val;
	net_lock();
	if (sock->sk->lock_filter)
		err = -EPERM;
	else if (!sock->sk->filter)
		err = -ENOENT;
	else {
		sk_filter_put(sock->sk->filter);
		sock->sk->filter = NULL;
	}
	net_unlock();
	return err;
}

/* SO_GET_FILTER: the program's length in instructions (as the result
 * length), and the instructions when the buffer holds them all. */
static int get_filter(struct socket *sock, struct sockopt *opt)
{
	struct sk_filter *f;
	int n = 0, err = 0;

	if (opt->len < 0)
		return -EINVAL;
	net_lock();
	f = sock->sk->filter ? sk_filter_get(sock->sk->filter) : NULL;
	net_unlock();
	if (f) {
		n = (int)f->len;
		if (opt->len && opt->len < n)
			err = -EINVAL;
		else if (opt->len &&
			 copy_to_user(opt->uval, f->insns, (size_t)n * sizeof(f->insns[0])))
			err = -EFAULT;
		net_lock();
		sk_filter_put(f);
		net_unlock();
	}
	if (!err && copy_to_user(opt->ulen, &n, sizeof(n)))
		err = -EFAULT;
	return err;
}

static int get_peercred(struct socket *sock, struct sockopt *opt)
{
	/* Set by AF_UNIX at connect; otherwise no peer process (pid 0, ids -1). */
	struct { s32 pid; u32 uid, gid; } cred;

	net_lock();
	cred.pid = sock->sk->peer_pid;
	cred.uid = sock->sk->peer_uid;
	cred.gid = sock->sk->peer_gid;
	net_unlock();
	return sockopt_put(opt, &cred, sizeof(cred));
}

static int get_peername(struct socket *sock, struct sockopt *opt)
{
	struct sockaddr_storage addr;
	int len;

	memset(&addr, 0, sizeof(addr));
	len = sock->ops->getname ? sock->ops->getname(sock, &addr, 2) : -ENOTCONN;
	if (len < 0)
		return -ENOTCONN;
	/* Linux: a buffer longer than the address is EINVAL; a shorter one
	 * gets the first bytes. */
	if (opt->len > len)
		return -EINVAL;
	if (opt->len < 0)
		return -EINVAL;
	if (copy_to_user(opt->uval, &addr, (size_t)opt->len) ||
	    copy_to_user(opt->ulen, &opt->len, sizeof(opt->len)))
		return -EFAULT;
	return 0;
}

static int get_cookie(struct socket *sock, struct sockopt *opt)
{
	u64 cookie = sock->ino;	/* unique per socket for its lifetime */

	return sockopt_put(opt, &cookie, sizeof(cookie));
}

/* Values Linux stores and reads back without Tern acting on them. */
static int set_incoming_cpu(struct socket *sock, struct sockopt *opt, int val)
{
	(void)opt;
	sock->incoming_cpu = val;
	return 0;
}

static int get_incoming_cpu(struct socket *sock, struct sockopt *opt)
{
	return sockopt_put_int(opt, sock->incoming_cpu);
}

static int set_rxq_ovfl(struct socket *sock, struct sockopt *opt, int val)
{
	(void)opt;
	sock->rxq_ovfl = val != 0;
	return 0;
}

static int get_rxq_ovfl(struct socket *sock, struct sockopt *opt)
{
	return sockopt_put_int(opt, sock->rxq_ovfl);
}

#define OPT(s, g, d) { s, g, d, false }
#define OPT_RAW(s, g, d) { s, g, d, true }

/*
 * The SOL_SOCKET table.  Rows without a `set` refuse setting with
 * ENOPROTOOPT, rows without a `get` refuse reading; options with no row
 * give ENOPROTOOPT both ways.  The doc strings become docs/sockets.md.
 */
static const struct sol_opt sol_socket[] = {
	[SO_DEBUG] = OPT(set_debug, get_debug, "handled (setting 1 needs CAP_NET_ADMIN: EACCES); no debug output"),
	[SO_REUSEADDR] = OPT(set_reuseaddr, get_reuseaddr, "handled"),
	[SO_TYPE] = OPT(NULL, get_type, "read-only"),
	[SO_ERROR] = OPT(NULL, get_error, "read-only; reading clears the pending error"),
	[SO_DONTROUTE] = OPT(set_dontroute, get_dontroute, "accepted and stored; routing ignores it"),
	[SO_BROADCAST] = OPT(set_broadcast, get_broadcast, "handled (UDP and raw sends to broadcast addresses)"),
	[SO_SNDBUF] = OPT(set_sndbuf, get_sndbuf, "handled: doubled, floored at 4608, capped by wmem_max 212992"),
	[SO_RCVBUF] = OPT(set_rcvbuf, get_rcvbuf, "handled: doubled, floored at 2304, capped by rmem_max 212992"),
	[SO_SNDBUFFORCE] = OPT(set_sndbufforce, NULL, "handled (CAP_NET_ADMIN, no cap; read it as SO_SNDBUF)"),
	[SO_RCVBUFFORCE] = OPT(set_rcvbufforce, NULL, "handled (CAP_NET_ADMIN, no cap; read it as SO_RCVBUF)"),
	[SO_KEEPALIVE] = OPT(set_keepalive, get_keepalive, "handled (TCP keepalive probes)"),
	[SO_OOBINLINE] = OPT(set_oobinline, get_oobinline, "handled (TCP: the urgent byte stays in the stream, not out of band)"),
	[SO_NO_CHECK] = OPT(set_no_check_tx, get_no_check_tx, "accepted and stored; UDP checksums are always sent"),
	[SO_PRIORITY] = OPT(set_priority, get_priority, "accepted and stored (0..6, more with CAP_NET_ADMIN); no queueing discipline uses it"),
	[SO_LINGER] = OPT(set_linger, get_linger, "handled: {1, 0} resets on close; a positive linger time closes gracefully without waiting (linux-compat)"),
	[SO_BSDCOMPAT] = OPT(set_ignored, NULL, "accepted and ignored, as on Linux"),
	[SO_REUSEPORT] = OPT(set_reuseport_checked, get_reuseport, "handled (bind sharing; no load balancing between the sockets)"),
	[SO_PASSCRED] = OPT(set_passcred, get_passcred, "handled (AF_UNIX: SCM_CREDENTIALS on receive, and an unbound sender or connector autobinds)"),
	[SO_PEERCRED] = OPT(NULL, get_peercred, "read-only: the AF_UNIX peer process at connect/socketpair/listen time; {pid 0, uid -1, gid -1} otherwise, as Linux"),
	[SO_RCVLOWAT] = OPT(set_rcvlowat, get_rcvlowat, "handled (TCP receive and poll wait for this many bytes)"),
	[SO_SNDLOWAT] = OPT(NULL, get_one, "reads 1; not changeable, as on Linux"),
	[SO_RCVTIMEO_OLD] = OPT(set_rcvtimeo, get_rcvtimeo, "handled (EAGAIN after the timeout; EINTR on a signal)"),
	[SO_SNDTIMEO_OLD] = OPT(set_sndtimeo, get_sndtimeo, "handled"),
	[SO_BINDTODEVICE] = OPT_RAW(set_bindtodevice, get_bindtodevice, "handled (routes and receives through that device only)"),
	[SO_ATTACH_FILTER] = OPT(set_attach_filter, get_filter, "handled: classic BPF, validated as Linux; SO_GET_FILTER reads it back"),
	[SO_DETACH_FILTER] = OPT(set_detach_filter, NULL, "handled (ENOENT without a filter)"),
	[SO_PEERNAME] = OPT(NULL, get_peername, "read-only (ENOTCONN unconnected)"),
	[SO_TIMESTAMP_OLD] = OPT(set_timestamp, get_timestamp, "handled (SCM_TIMESTAMP on receive)"),
	[SO_ACCEPTCONN] = OPT(NULL, get_acceptconn, "read-only"),
	[SO_TIMESTAMPNS_OLD] = OPT(set_timestampns, get_timestampns, "handled (SCM_TIMESTAMPNS on receive)"),
	[SO_PASSSEC] = OPT(set_passsec, get_passsec, "stored; no security labels to pass"),
	[SO_MARK] = OPT(set_mark, get_mark, "accepted and stored (CAP_NET_ADMIN); no policy routing"),
	[SO_PROTOCOL] = OPT(NULL, get_protocol, "read-only"),
	[SO_DOMAIN] = OPT(NULL, get_domain, "read-only"),
	[SO_RXQ_OVFL] = OPT(set_rxq_ovfl, get_rxq_ovfl, "stored; no drop-count control message is sent"),
	[SO_LOCK_FILTER] = OPT(set_lock_filter, get_lock_filter, "handled (the filter can no longer change: EPERM)"),
	[SO_INCOMING_CPU] = OPT(set_incoming_cpu, get_incoming_cpu, "stored (-1 until set; one CPU)"),
	[SO_COOKIE] = OPT(NULL, get_cookie, "read-only: unique per socket"),
	[SO_BINDTOIFINDEX] = OPT(set_bindtoifindex, get_bindtoifindex, "handled"),
	[SO_BUF_LOCK] = OPT(set_buf_lock, get_buf_lock, "handled"),
};

int sock_setsockopt(struct socket *sock, int name, struct sockopt *opt)
{
	const struct sol_opt *o = NULL;
	int val = 0, err;

	if (name >= 0 && (size_t)name < ARRAY_SIZE(sol_socket))
		o = &sol_socket[name];
	if (!o || !o->raw) {
		err = sockopt_get_int(opt, &val);
		if (err)
			return err;
	}
	if (!o || !o->set)
		return -ENOPROTOOPT;
	return o->set(sock, opt, val);
}

int sock_getsockopt(struct socket *sock, int name, struct sockopt *opt)
{
	const struct sol_opt *o;

	if (opt->len < 0)
		return -EINVAL;
	if (name < 0 || (size_t)name >= ARRAY_SIZE(sol_socket))
		return -ENOPROTOOPT;
	o = &sol_socket[name];
	if (!o->get)
		return -ENOPROTOOPT;
	return o->get(sock, opt);
}
