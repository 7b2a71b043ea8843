/*
 * /proc/net (proc(5)): the stack's tables and counters as Linux 6.1
 * prints them.  Kernel code, and only the publishing half: each file's
 * text comes from a portable formatter of the stack (snprintf-shaped:
 * it writes what fits and returns the length it needs), run under the
 * stack lock into the buffer procfs hands over; procfs calls again with
 * a bigger buffer when the text did not fit.  The socket tables learn
 * each socket's owner and inode from the socket layer (sock_proc_info).
 *
 *   dev       dev_proc_format          net/core/dev.c
 *   route     fib_route_proc_format    net/ipv4/route.c
 *   arp       arp_proc_format          net/ipv4/arp.c
 *   tcp       tcp4_proc_format         net/ipv4/proc.c
 *   udp       udp_proc_format          net/ipv4/udp.c
 *   raw       raw_proc_format          net/ipv4/raw.c
 *   packet    packet_proc_format       net/packet/packet.c
 *   snmp      snmp_proc_format         net/ipv4/proc.c (Tcp: from tcp_snmp.c)
 *   netstat   tcp_netstat_format, snmp_ipext_format
 *   sockstat  sockstat_proc_format     net/ipv4/proc.c
 *
 * Other families add theirs with proc_net_register() (see
 * <tern/proc_net.h>).
 */
#include <net/arp.h>
#include <net/netdev.h>
#include <net/packet.h>
#include <net/raw.h>
#include <net/route.h>
#include <net/snmp.h>
#include <net/tcp_mib.h>
#include <net/text.h>
#include <net/udp.h>
#include <tern/printk.h>
#include <tern/proc_fs.h>
#include <tern/proc_net.h>
#include <tern/slab.h>
#include <tern/socket.h>

/* One file: its formatter, with or without the socket information. */
struct proc_net_file {
	proc_net_format_t format;
	int (*plain)(char *buf, size_t size);
};

static int proc_net_show(struct proc_ctx *pc, struct proc_buf *b)
{
	const struct proc_net_file *f = pc->data;
	size_t room = b->len < b->size ? b->size - b->len : 0;
	char *at = room ? b->buf + b->len : NULL;
	int n;

	net_lock();
	n = f->plain ? f->plain(at, room) : f->format(at, room, sock_proc_info);
	net_unlock();
	if (n < 0)
		return n;
	b->len += (size_t)n;       /* beyond size: procfs retries, bigger */
	return 0;
}

static int proc_net_add(const char *name, proc_net_format_t format,
			int (*plain)(char *buf, size_t size))
{
	struct proc_net_file *f = kzalloc(sizeof(*f));
	int err;

	if (!f)
		return -ENOMEM;
	f->format = format;
	f->plain = plain;
	err = proc_create_data("net", name, 0444, proc_net_show, f);
	if (err)
		kfree(f);
	return err;
}

int proc_net_register(const char *name, proc_net_format_t format)
{
	return proc_net_add(name, format, NULL);
}

/* TcpExt then IpExt, as Linux's netstat_seq_show (MPTcpExt: no MPTCP). */
static int netstat_format(char *buf, size_t size)
{
	struct net_text t = NET_TEXT_INIT(buf, size);
	size_t room;
	char *at;

	net_text_add(&t, tcp_netstat_format(buf, size));
	at = net_text_pos(&t, &room);
	net_text_add(&t, snmp_ipext_format(at, room));
	return net_text_len(&t);
}

static int sockstat_format(char *buf, size_t size)
{
	return sockstat_proc_format(buf, size, sock_inuse_get());
}

void proc_net_init(void)
{
	static const struct {
		const char *name;
		proc_net_format_t format;
		int (*plain)(char *buf, size_t size);
	} files[] = {
		{ "dev", NULL, dev_proc_format },
		{ "route", NULL, fib_route_proc_format },
		{ "arp", NULL, arp_proc_format },
		{ "tcp", tcp4_proc_format, NULL },
		{ "udp", udp_proc_format, NULL },
		{ "raw", raw_proc_format, NULL },
		{ "packet", packet_proc_format, NULL },
		{ "snmp", NULL, snmp_proc_format },
		{ "netstat", NULL, netstat_format },
		{ "sockstat", NULL, sockstat_format },
	};

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (proc_net_add(files[i].name, files[i].format, files[i].plain))
			pr_warn("proc: cannot create /proc/net/%s\n", files[i].name);
}
