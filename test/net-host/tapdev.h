/*
 * The stack's Ethernet device on a TAP file descriptor, with a seeded
 * impairment layer between the two (loss, reordering, duplication,
 * corruption in both directions; a fixed delay on the stack -> Linux
 * side), and the event loop that drives the stack: poll() on the TAP fd
 * with a timeout from net_timer_next() and the impairment queues, frames
 * into netif_receive(), then net_poll() for the backlog and timers.
 */
#ifndef TEST_NET_HOST_TAPDEV_H
#define TEST_NET_HOST_TAPDEV_H

#include <tern/net_platform.h>

struct netdev;

struct impair {
	double loss;          /* probability a frame is dropped */
	double reorder;       /* probability a frame is held back 1-4 ms */
	double dup;           /* probability a frame is sent twice */
	double corrupt;       /* probability one byte after the Ethernet header flips */
	u32 delay_ms;         /* every stack -> Linux frame waits this long */
	u64 seed;             /* of the impairment's random choices */
};

enum { TAP_TX, TAP_RX };  /* stack -> Linux, Linux -> stack */

struct tap_counts {
	u64 frames[2], dropped[2], duplicated[2], corrupted[2], reordered[2];
	u64 write_errors;
};
extern struct tap_counts tap_counts;

/* Attach to TAP device `name` (no stack headers: tapfd.c). */
int tapfd_open(const char *name);
/* The stack's device "eth0" on that fd (stack lock held); NULL on error. */
struct netdev *tapdev_create(int fd, const u8 mac[6], const struct impair *imp);
/*
 * One turn of the loop: wait until a frame arrives, a timer or a held
 * frame is due, or max_wait_ns passes; then feed frames in, release
 * held frames and run the bottom half.  Takes and releases the lock.
 */
void tapdev_poll(u64 max_wait_ns);
/* One line of impairment counters (for the test's log). */
void tapdev_print_counts(const char *prefix);
bool tap_lock_held(void);

#endif
