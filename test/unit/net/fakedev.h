/*
 * A fake Ethernet device for host tests: frames the stack transmits are
 * captured in a queue the test inspects; frames the test injects go
 * through netif_receive() under the stack lock, then the backlog is
 * drained (as the kernel's bottom half would).  Also used by the fuzzers.
 */
#ifndef TEST_FAKEDEV_H
#define TEST_FAKEDEV_H

#include <net/netdev.h>

/* A registered (down) Ethernet device; call with the stack lock held. */
struct netdev *fakedev_create(const char *name, const u8 mac[ETH_ALEN]);
/* Next captured frame (data at the Ethernet header) or NULL; caller frees. */
struct pkbuf *fakedev_pop(struct netdev *dev);
u32 fakedev_pending(struct netdev *dev);
void fakedev_purge(struct netdev *dev);
/* Make the driver fail the next n transmits with -ENOBUFS. */
void fakedev_fail_next(struct netdev *dev, u32 n);
/* Inject one frame as received (takes and releases the stack lock). */
void fakedev_rx(struct netdev *dev, const void *frame, u32 len);
/* Run the bottom half until the backlog is empty (takes the lock). */
void net_settle(void);

#endif
