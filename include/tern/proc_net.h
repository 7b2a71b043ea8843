/*
 * /proc/net and /proc/sys/net (net/proc_net.c, net/sysctl_net.c).
 *
 * A family publishes a table under /proc/net with proc_net_register():
 * its formatter is portable stack code of snprintf's shape -- it writes
 * at most size bytes at buf (buf may be NULL when size is 0) and returns
 * the length the whole text needs, or a negative errno.  It runs with
 * the stack lock held, so it may walk the engine's sockets; for each it
 * asks info(sk, &uid, &inode) for the owner's uid and the socket inode
 * (0 and 0 for a sock without a socket).  (AF_PACKET's packet_proc_format
 * is published so, from proc_net_init.)  Boot time only (no removal).
 */
#ifndef TERN_PROC_NET_H
#define TERN_PROC_NET_H

#include <net/sock.h>

typedef int (*proc_net_format_t)(char *buf, size_t size, sock_proc_info_fn info);

/* /proc/net/<name>, mode 0444: -EEXIST, -ENOMEM. */
int proc_net_register(const char *name, proc_net_format_t format);

/* The stack's own files: dev, route, arp, tcp, udp, raw, packet, snmp, netstat, sockstat. */
void proc_net_init(void);

/* /proc/sys/net/ipv4 and /proc/sys/net/core (net/sysctl_net.c). */
void sysctl_net_init(void);

#endif
