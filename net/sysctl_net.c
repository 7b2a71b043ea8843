/*
 * /proc/sys/net (sysctl(8); ip-sysctl.rst and Documentation/admin-guide/
 * sysctl/net.rst for the meanings): the network tunables, with Linux's
 * defaults as Debian's 6.1 shows them.  Kernel code, the publishing
 * half only: the values live in the stack (net/ip.h, net/ping.h,
 * net/sock.h, net/tcp.h), and the integer files share procfs's one shape
 * (proc_sysctl_intvec: tab-separated, proc_dointvec_minmax's parsing).
 *
 * A file is writable (mode 0644, root only, as on Linux) where Linux's
 * is and the stack honours a new value; where the stack has the value
 * built in, the file tells it and is read-only (0444, EACCES on
 * opening for writing, root included).  linux-compat: ip_forward,
 * ip_default_ttl, ip_unprivileged_port_start, tcp_fin_timeout,
 * tcp_timestamps, tcp_sack, tcp_window_scaling, tcp_keepalive_*,
 * icmp_echo_ignore_*, tcp_rmem, tcp_wmem, somaxconn, rmem_* and wmem_*
 * are writable on Linux and read-only here until the stack takes them
 * as variables (tcp_rmem and tcp_wmem are the values TCP is to size
 * new sockets' buffers by; it does not yet).
 */
#include <net/ip.h>
#include <net/ping.h>
#include <net/sock.h>
#include <net/tcp.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/proc_fs.h>
#include <tern/proc_net.h>
#include <tern/string.h>
#include <uapi/errno.h>
#include <uapi/socket.h>

#define IPV4 "sys/net/ipv4"
#define CORE "sys/net/core"

/* ---- values the stack holds (taken under its lock) ---- */

static void port_range_get(int *v)
{
	u16 low, high;

	net_lock();
	inet_get_local_port_range(&low, &high);
	net_unlock();
	v[0] = low;
	v[1] = high;
}

static int port_range_set(const int *v)
{
	int err;

	/* Linux: not inverted, and not into the privileged ports. */
	if (v[1] < v[0] || v[0] < IP_PROT_SOCK)
		return -EINVAL;
	net_lock();
	err = inet_set_local_port_range((u16)v[0], (u16)v[1]);
	net_unlock();
	return err;
}

static void ping_range_get(int *v)
{
	u32 low, high;

	net_lock();
	ping_group_range_get(&low, &high);
	net_unlock();
	v[0] = (int)low;
	v[1] = (int)high;
}

static int ping_range_set(const int *v)
{
	int err;

	net_lock();
	err = ping_group_range_set((u32)v[0], (u32)v[1]);
	net_unlock();
	return err;
}

static void syncookies_get(int *v)
{
	net_lock();
	v[0] = tcp_syncookies_enabled;
	net_unlock();
}

static int syncookies_set(const int *v)
{
	net_lock();
	tcp_syncookies_enabled = v[0];
	net_unlock();
	return 0;
}

static void tcp_rmem_get(int *v)
{
	net_lock();
	for (int i = 0; i < 3; i++)
		v[i] = (int)sysctl_tcp_rmem[i];
	net_unlock();
}

static void tcp_wmem_get(int *v)
{
	net_lock();
	for (int i = 0; i < 3; i++)
		v[i] = (int)sysctl_tcp_wmem[i];
	net_unlock();
}

/* ---- values built into the stack ---- */

/* linux-compat: Tern never forwards (ip_route_input refuses others' packets). */
static void ip_forward_get(int *v) { v[0] = 0; }
static void default_ttl_get(int *v) { v[0] = IP_DEFAULT_TTL; }
static void prot_sock_get(int *v) { v[0] = IP_PROT_SOCK; }
static void fin_timeout_get(int *v) { v[0] = TCP_FIN_TIMEOUT_MS / 1000; }
/* tcp_create offers timestamps, SACK and window scaling on every connection. */
static void tcp_option_on_get(int *v) { v[0] = 1; }
static void keepalive_time_get(int *v) { v[0] = TCP_KEEPIDLE_DEFAULT; }
static void keepalive_intvl_get(int *v) { v[0] = TCP_KEEPINTVL_DEFAULT; }
static void keepalive_probes_get(int *v) { v[0] = TCP_KEEPCNT_DEFAULT; }
/* icmp.c answers every echo but those to broadcast and multicast addresses. */
static void echo_ignore_all_get(int *v) { v[0] = 0; }
static void echo_ignore_bcast_get(int *v) { v[0] = 1; }
static void somaxconn_get(int *v) { v[0] = SOMAXCONN; }
static void rmem_default_get(int *v) { v[0] = SOCK_DEFAULT_RCVBUF; }
static void wmem_default_get(int *v) { v[0] = SOCK_DEFAULT_SNDBUF; }
static void rmem_max_get(int *v) { v[0] = SYSCTL_RMEM_MAX; }
static void wmem_max_get(int *v) { v[0] = SYSCTL_WMEM_MAX; }

#define INTVEC(n_, min_, max_, get_, set_) \
	{ .n = (n_), .min = (min_), .max = (max_), .get = (get_), .set = (set_) }

static const struct ctl_intvec port_range = INTVEC(2, 1, 65535, port_range_get, port_range_set);
static const struct ctl_intvec ping_range = INTVEC(2, 0, 0x7fffffff, ping_range_get,
						   ping_range_set);
/* linux-compat: 2 (cookies always, not only when the SYN queue is full)
 * is not offered. */
static const struct ctl_intvec syncookies = INTVEC(1, 0, 1, syncookies_get, syncookies_set);

static const struct {
	const char *dir, *name;
	struct ctl_intvec vec;
} ro[] = {
	{ IPV4, "ip_forward", INTVEC(1, 0, 0, ip_forward_get, NULL) },
	{ IPV4, "ip_default_ttl", INTVEC(1, 0, 0, default_ttl_get, NULL) },
	{ IPV4, "ip_unprivileged_port_start", INTVEC(1, 0, 0, prot_sock_get, NULL) },
	{ IPV4, "tcp_fin_timeout", INTVEC(1, 0, 0, fin_timeout_get, NULL) },
	{ IPV4, "tcp_timestamps", INTVEC(1, 0, 0, tcp_option_on_get, NULL) },
	{ IPV4, "tcp_sack", INTVEC(1, 0, 0, tcp_option_on_get, NULL) },
	{ IPV4, "tcp_window_scaling", INTVEC(1, 0, 0, tcp_option_on_get, NULL) },
	{ IPV4, "tcp_keepalive_time", INTVEC(1, 0, 0, keepalive_time_get, NULL) },
	{ IPV4, "tcp_keepalive_intvl", INTVEC(1, 0, 0, keepalive_intvl_get, NULL) },
	{ IPV4, "tcp_keepalive_probes", INTVEC(1, 0, 0, keepalive_probes_get, NULL) },
	{ IPV4, "icmp_echo_ignore_all", INTVEC(1, 0, 0, echo_ignore_all_get, NULL) },
	{ IPV4, "icmp_echo_ignore_broadcasts", INTVEC(1, 0, 0, echo_ignore_bcast_get, NULL) },
	{ IPV4, "tcp_rmem", INTVEC(3, 0, 0, tcp_rmem_get, NULL) },
	{ IPV4, "tcp_wmem", INTVEC(3, 0, 0, tcp_wmem_get, NULL) },
	{ CORE, "somaxconn", INTVEC(1, 0, 0, somaxconn_get, NULL) },
	{ CORE, "rmem_default", INTVEC(1, 0, 0, rmem_default_get, NULL) },
	{ CORE, "wmem_default", INTVEC(1, 0, 0, wmem_default_get, NULL) },
	{ CORE, "rmem_max", INTVEC(1, 0, 0, rmem_max_get, NULL) },
	{ CORE, "wmem_max", INTVEC(1, 0, 0, wmem_max_get, NULL) },
};

/* ---- tcp_congestion_control: a name ---- */

/* The default the last write chose (tcp_cong.c has no getter). */
static char cong_name[16] = "cubic";

static int cong_show(struct proc_ctx *pc, struct proc_buf *b)
{
	char name[sizeof(cong_name)];

	(void)pc;
	net_lock();
	memcpy(name, cong_name, sizeof(name));
	net_unlock();
	proc_printf(b, "%s\n", name);
	return 0;
}

static ssize_t cong_write(struct proc_ctx *pc, const char *buf, size_t n)
{
	char name[sizeof(cong_name)];
	size_t len = 0;
	int err;

	(void)pc;
	/* proc_dostring: the text up to a newline; longer than the
	 * field is cut (Linux's TCP_CA_NAME_MAX is 16 with the NUL). */
	while (len < n && buf[len] != '\n' && buf[len])
		len++;
	if (len >= sizeof(name))
		len = sizeof(name) - 1;
	memcpy(name, buf, len);
	name[len] = 0;
	net_lock();
	err = tcp_set_default_congestion(name);
	if (!err)
		memcpy(cong_name, name, sizeof(name));
	net_unlock();
	return err < 0 ? err : (ssize_t)n;
}

void sysctl_net_init(void)
{
	int err = 0;

	/* Linux's tcp_init: the largest buffers from free memory. */
	net_lock();
	tcp_mem_sysctl_init(nr_free_pages() * PAGE_SIZE);
	err = tcp_set_default_congestion(cong_name);
	net_unlock();
	err = err ?: proc_sysctl_intvec(IPV4, "ip_local_port_range", 0644, &port_range);
	err = err ?: proc_sysctl_intvec(IPV4, "ping_group_range", 0644, &ping_range);
	err = err ?: proc_sysctl_intvec(IPV4, "tcp_syncookies", 0644, &syncookies);
	err = err ?: proc_sysctl_create(IPV4, "tcp_congestion_control", 0644, cong_show,
					cong_write, NULL);
	for (size_t i = 0; !err && i < sizeof(ro) / sizeof(ro[0]); i++)
		err = proc_sysctl_intvec(ro[i].dir, ro[i].name, 0444, &ro[i].vec);
	if (err)
		pr_warn("sysctl: /proc/sys/net incomplete (error %d)\n", err);
}
