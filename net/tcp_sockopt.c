/*
 * Socket options at SOL_TCP (tcp(7)), as a table like net/sockopt.c's:
 * every option number Linux x86_64 knows has a row saying whether it is
 * handled, accepted and ignored (with why), or refused (ENOPROTOOPT).
 * The int-valued options are the engine's (tcp_setsockopt and
 * tcp_getsockopt in net/ipv4/tcp.c, host-tested); the rest are here.
 * Kernel code.
 *
 * Linux's rules for this level, kept for every row:
 *  - setsockopt: TCP_CONGESTION and TCP_ULP take a name (at least one
 *    byte, EINVAL); every other value must be at least an int (EINVAL)
 *    and its first int is read (EFAULT) before the name is looked at,
 *    so an unknown name with a short value is EINVAL, not ENOPROTOOPT;
 *  - getsockopt: the length is taken as unsigned, so a negative one
 *    reads as "large" rather than EINVAL; an int result is copied up to
 *    the caller's length, a struct or name likewise, and the length
 *    copied is stored back.
 * Handlers run with sock->lock held and take the stack lock only around
 * engine calls.
 */
#include <net/tcp.h>
#include <tern/inet_sock.h>
#include <tern/kernel.h>
#include <tern/net_platform.h>
#include <tern/socket.h>
#include <tern/string.h>
#include <tern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/in.h>
#include <uapi/tcp.h>

/* The longest congestion-control name with its NUL (TCP_CA_NAME_MAX). */
#define TCP_CA_NAME_MAX	16

static struct tcp_sock *tp_of(struct socket *sock)
{
	return tcp_sk(sock->sk);
}

/* getsockopt's copy-out at this level: min(length as unsigned, size). */
static int tcp_put(struct sockopt *opt, const void *kbuf, size_t size)
{
	u32 len = (u32)opt->len;

	if (len > size)
		len = (u32)size;
	if (len && copy_to_user(opt->uval, kbuf, len))
		return -EFAULT;
	return copy_to_user(opt->ulen, &len, sizeof(len)) ? -EFAULT : 0;
}

/* ---- handlers ---- */

struct tcp_opt {
	/* val: the value's first int (read before the handler runs),
	 * unless the row takes a name (raw). */
	int (*set)(struct socket *sock, struct sockopt *opt, int val);
	int (*get)(struct socket *sock, struct sockopt *opt);
	bool raw;
	const char *doc;
};

/* The engine's int options. */
static int set_engine(struct socket *sock, int name, int val)
{
	int err;

	net_lock();
	err = tcp_setsockopt(tp_of(sock), name, val);
	net_unlock();
	return err;
}

static int get_engine(struct socket *sock, int name, struct sockopt *opt)
{
	int val, err;

	net_lock();
	err = tcp_getsockopt(tp_of(sock), name, &val);
	net_unlock();
	return err ? err : tcp_put(opt, &val, sizeof(val));
}

/* set_<x>/get_<x> for the engine's int option TCP_<X>. */
#define ENGINE(x, name)								\
	static int set_##x(struct socket *sock, struct sockopt *opt, int val)	\
	{									\
		(void)opt;							\
		return set_engine(sock, name, val);				\
	}									\
	static int get_##x(struct socket *sock, struct sockopt *opt)		\
	{									\
		return get_engine(sock, name, opt);				\
	}
ENGINE(nodelay, TCP_NODELAY)
ENGINE(maxseg, TCP_MAXSEG)
ENGINE(cork, TCP_CORK)
ENGINE(keepidle, TCP_KEEPIDLE)
ENGINE(keepintvl, TCP_KEEPINTVL)
ENGINE(keepcnt, TCP_KEEPCNT)
ENGINE(syncnt, TCP_SYNCNT)
ENGINE(linger2, TCP_LINGER2)
ENGINE(defer_accept, TCP_DEFER_ACCEPT)
ENGINE(window_clamp, TCP_WINDOW_CLAMP)
ENGINE(quickack, TCP_QUICKACK)
ENGINE(user_timeout, TCP_USER_TIMEOUT)

/* TCP_INFO: Linux 6.1's struct tcp_info, a prefix for a short buffer. */
static int get_info(struct socket *sock, struct sockopt *opt)
{
	struct tcp_info info;

	net_lock();
	tcp_get_info(tp_of(sock), &info);
	net_unlock();
	return tcp_put(opt, &info, sizeof(info));
}

/* TCP_CONGESTION: only the first optlen bytes of the name count. */
static int set_congestion(struct socket *sock, struct sockopt *opt, int val)
{
	char name[TCP_CA_NAME_MAX];
	long n;
	int err;

	(void)val;
	if (opt->len < 1)
		return -EINVAL;
	memset(name, 0, sizeof(name));
	n = strncpy_from_user(name, opt->uval, (size_t)MIN(opt->len, TCP_CA_NAME_MAX - 1));
	if (n < 0)
		return -EFAULT;
	name[MIN(n, TCP_CA_NAME_MAX - 1)] = 0;
	net_lock();
	err = tcp_set_congestion(tp_of(sock), name);
	net_unlock();
	return err;
}

static int get_congestion(struct socket *sock, struct sockopt *opt)
{
	char name[TCP_CA_NAME_MAX];

	memset(name, 0, sizeof(name));
	net_lock();
	strlcpy(name, tp_of(sock)->cong->name, sizeof(name));
	net_unlock();
	return tcp_put(opt, name, sizeof(name));
}

/* TCP_CC_INFO: the algorithm's own report; Reno and CUBIC have none. */
static int get_cc_info(struct socket *sock, struct sockopt *opt)
{
	(void)sock;
	return tcp_put(opt, NULL, 0);
}

/* TCP_ULP: no upper-layer protocol (kTLS, ...) is built in. */
static int set_ulp(struct socket *sock, struct sockopt *opt, int val)
{
	char name[TCP_CA_NAME_MAX];

	(void)sock;
	(void)val;
	if (opt->len < 1)
		return -EINVAL;
	if (strncpy_from_user(name, opt->uval, (size_t)MIN(opt->len, TCP_CA_NAME_MAX - 1)) < 0)
		return -EFAULT;
	return -ENOENT;
}

static int get_ulp(struct socket *sock, struct sockopt *opt)
{
	(void)sock;
	return tcp_put(opt, NULL, 0);	/* none attached: an empty name */
}

/* TCP_INQ: recvmsg adds a TCP_CM_INQ message (the socket layer's). */
static int set_inq(struct socket *sock, struct sockopt *opt, int val)
{
	(void)opt;
	if (val < 0 || val > 1)
		return -EINVAL;
	inet_sk_of(sock)->cmsg_inq = val;
	return 0;
}

static int get_inq(struct socket *sock, struct sockopt *opt)
{
	int val = inet_sk_of(sock)->cmsg_inq;

	return tcp_put(opt, &val, sizeof(val));
}

#define OPT(s, g, d) { s, g, false, d }
#define OPT_RAW(s, g, d) { s, g, true, d }

/*
 * The SOL_TCP table.  Rows without a `set` (or `get`) refuse that
 * direction with ENOPROTOOPT, as do names with no row.  The doc strings
 * say what Tern does; linux-compat marks where it is less than Linux.
 */
static const struct tcp_opt sol_tcp[] = {
	[TCP_NODELAY] = OPT(set_nodelay, get_nodelay, "handled: Nagle's algorithm off (RFC 9293 §3.7.4)"),
	[TCP_MAXSEG] = OPT(set_maxseg, get_maxseg, "handled: 0 or 88..32767; reads the user's value until connected, then the MSS in use"),
	[TCP_CORK] = OPT(set_cork, get_cork, "handled: partial segments held until uncorked, or one RTO at most (tcp(7)'s 200 ms ceiling)"),
	[TCP_KEEPIDLE] = OPT(set_keepidle, get_keepidle, "handled: 1..32767 s"),
	[TCP_KEEPINTVL] = OPT(set_keepintvl, get_keepintvl, "handled: 1..32767 s"),
	[TCP_KEEPCNT] = OPT(set_keepcnt, get_keepcnt, "handled: 1..127"),
	[TCP_SYNCNT] = OPT(set_syncnt, get_syncnt, "handled: 1..127 SYN retransmissions (a listener's: its SYN-ACKs')"),
	[TCP_LINGER2] = OPT(set_linger2, get_linger2, "handled: an orphan's FIN_WAIT2 lifetime, at most 120 s; negative resets at once"),
	[TCP_DEFER_ACCEPT] = OPT(set_defer_accept, get_defer_accept, "handled: accept waits for data for about that many seconds, rounded up to SYN-ACK timeouts (1, 3, 7, ... s) as Linux reads it back; a connecting socket's handshake ACK waits for its first data"),
	[TCP_WINDOW_CLAMP] = OPT(set_window_clamp, get_window_clamp, "handled: the most the receive window offers (at least 1152); 0 only on a closed socket"),
	[TCP_INFO] = OPT(NULL, get_info, "read-only: Linux 6.1's struct tcp_info; pacing, delivery-rate and busy-time fields read 0 (linux-compat)"),
	[TCP_QUICKACK] = OPT(set_quickack, get_quickack, "handled: 0 makes ACKs wait to ride on replies (interactive mode), 1 sends a waiting ACK and leaves that mode"),
	[TCP_CONGESTION] = OPT_RAW(set_congestion, get_congestion, "handled: cubic (the default) or reno; ENOENT for any other name"),
	[TCP_MD5SIG] = OPT(NULL, NULL, "refused: no TCP-MD5 signatures (RFC 2385)"),
	[TCP_THIN_LINEAR_TIMEOUTS] = OPT(NULL, NULL, "refused: no thin-stream retransmission rules"),
	[TCP_THIN_DUPACK] = OPT(NULL, NULL, "refused: no thin-stream retransmission rules"),
	[TCP_USER_TIMEOUT] = OPT(set_user_timeout, get_user_timeout, "handled: ms of unacknowledged data before the connection fails (ETIMEDOUT)"),
	[TCP_REPAIR] = OPT(NULL, NULL, "refused: no repair mode (checkpoint/restore)"),
	[TCP_REPAIR_QUEUE] = OPT(NULL, NULL, "refused: no repair mode"),
	[TCP_QUEUE_SEQ] = OPT(NULL, NULL, "refused: no repair mode"),
	[TCP_REPAIR_OPTIONS] = OPT(NULL, NULL, "refused: no repair mode"),
	[TCP_FASTOPEN] = OPT(NULL, NULL, "refused: no TCP Fast Open (RFC 7413)"),
	[TCP_TIMESTAMP] = OPT(NULL, NULL, "refused: no repair mode to set the timestamp clock"),
	[TCP_NOTSENT_LOWAT] = OPT(NULL, NULL, "refused: writability does not look at unsent bytes"),
	[TCP_CC_INFO] = OPT(NULL, get_cc_info, "read-only: empty (Reno and CUBIC report nothing extra, as on Linux)"),
	[TCP_SAVE_SYN] = OPT(NULL, NULL, "refused: SYNs are not kept"),
	[TCP_SAVED_SYN] = OPT(NULL, NULL, "refused: SYNs are not kept"),
	[TCP_REPAIR_WINDOW] = OPT(NULL, NULL, "refused: no repair mode"),
	[TCP_FASTOPEN_CONNECT] = OPT(NULL, NULL, "refused: no TCP Fast Open"),
	[TCP_ULP] = OPT_RAW(set_ulp, get_ulp, "handled: no upper-layer protocol exists, so setting one is ENOENT and reading gives an empty name"),
	[TCP_MD5SIG_EXT] = OPT(NULL, NULL, "refused: no TCP-MD5 signatures"),
	[TCP_FASTOPEN_KEY] = OPT(NULL, NULL, "refused: no TCP Fast Open"),
	[TCP_FASTOPEN_NO_COOKIE] = OPT(NULL, NULL, "refused: no TCP Fast Open"),
	[TCP_ZEROCOPY_RECEIVE] = OPT(NULL, NULL, "refused: no zero-copy receive (mmap of a socket)"),
	[TCP_INQ] = OPT(set_inq, get_inq, "handled: recvmsg adds TCP_CM_INQ with the bytes left unread"),
	[TCP_TX_DELAY] = OPT(NULL, NULL, "refused: no transmit delay (a testing aid)"),
};

int tcp_setsockopt_sock(struct socket *sock, int level, int name, struct sockopt *opt)
{
	const struct tcp_opt *o;
	int val = 0, err;

	if (level != SOL_TCP)
		return ip_setsockopt(sock, level, name, opt);
	o = name >= 0 && (size_t)name < ARRAY_SIZE(sol_tcp) ? &sol_tcp[name] : NULL;
	if (!o || !o->raw) {
		err = sockopt_get_int(opt, &val);
		if (err)
			return err;
	}
	if (!o || !o->set)
		return -ENOPROTOOPT;
	return o->set(sock, opt, val);
}

int tcp_getsockopt_sock(struct socket *sock, int level, int name, struct sockopt *opt)
{
	const struct tcp_opt *o;

	if (level != SOL_TCP)
		return ip_getsockopt(sock, level, name, opt);
	o = name >= 0 && (size_t)name < ARRAY_SIZE(sol_tcp) ? &sol_tcp[name] : NULL;
	if (!o || !o->get)
		return -ENOPROTOOPT;
	return o->get(sock, opt);
}
