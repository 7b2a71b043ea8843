/*
 * Bringing the stack up and running its bottom half.
 *
 * The platform calls net_init() once, then, from its network bottom half
 * (after a driver interrupt, and at least as often as net_timer_next()
 * asks), net_poll(now) with the stack lock held: it delivers frames
 * queued with netif_rx() (loopback transmits land there, so a packet sent
 * to ourselves is never processed inside the call that sent it) and runs
 * due timers.  The platform should call it again while it returns non-zero
 * (a delivered packet may queue a reply).
 */
#ifndef NET_NET_H
#define NET_NET_H

#include <net/netdev.h>

/* Register ARP, IPv4, ICMP, UDP, TCP and create "lo" (down); -EBUSY if up. */
int net_init(void);
/* Tear everything down (tests): devices, routes, neighbours, sockets, counters. */
void net_exit(void);
/* Bottom half: backlog then timers; returns packets delivered + timers fired. */
unsigned net_poll(u64 now_ns);

/* The loopback device, "lo", ifindex 1 (net/core/loopback.c). */
extern struct netdev *loopback_dev;
int loopback_init(void);

#endif
