/* The TAP-backed device, impairment layer and event loop (see tapdev.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <net/if_ether.h>
#include <net/net.h>
#include <net/netdev.h>
#include <net/timer.h>
#include "tapdev.h"

#define FRAME_MAX 65536
#define READ_BATCH 256

struct tap_counts tap_counts;

/* A frame held back by the impairment layer. */
struct held {
	struct held *next;
	u64 due_ns;
	u32 len;
	u8 data[];
};

static int tap_fd = -1;
static struct netdev *tap_dev;
static struct impair imp;
static u64 rng;
static struct held *queue[2];   /* per direction, sorted by due_ns */

/* xorshift64*: repeatable from the printed seed. */
static u64 rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dull;
}

static bool chance(double p)
{
	return p > 0 && (double)(rnd() >> 11) / 9007199254740992.0 < p;
}

static void deliver(int dir, const u8 *data, u32 len)
{
	if (dir == TAP_TX) {
		if (write(tap_fd, data, len) != (ssize_t)len)
			tap_counts.write_errors++;
		return;
	}
	struct pkbuf *pkb = pkb_from(64, data, len);

	if (!pkb)
		return;
	pkb->dev = tap_dev;
	netif_receive(pkb);      /* stack lock held */
}

static void hold(int dir, const u8 *data, u32 len, u64 due)
{
	struct held *h = malloc(sizeof(*h) + len), **pp;

	if (!h)
		return;
	h->due_ns = due;
	h->len = len;
	memcpy(h->data, data, len);
	/* Stable: after every frame due at the same time or earlier. */
	for (pp = &queue[dir]; *pp && (*pp)->due_ns <= due; pp = &(*pp)->next)
		;
	h->next = *pp;
	*pp = h;
}

/* One frame through the impairment layer in direction dir. */
static void impair_frame(int dir, const u8 *data, u32 len)
{
	static u8 copy[FRAME_MAX];
	int copies = 1;

	tap_counts.frames[dir]++;
	if (chance(imp.loss)) {
		tap_counts.dropped[dir]++;
		return;
	}
	if (chance(imp.dup)) {
		tap_counts.duplicated[dir]++;
		copies = 2;
	}
	for (int i = 0; i < copies; i++) {
		u64 delay = dir == TAP_TX ? (u64)imp.delay_ms * NSEC_PER_MSEC : 0;
		const u8 *out = data;

		if (len > ETH_HLEN && chance(imp.corrupt)) {
			/* One byte the IP or transport checksum covers. */
			u32 at = ETH_HLEN + (u32)(rnd() % (len - ETH_HLEN));

			memcpy(copy, data, len);
			copy[at] ^= (u8)(1 + rnd() % 255);
			out = copy;
			tap_counts.corrupted[dir]++;
		}
		if (chance(imp.reorder)) {
			delay += NSEC_PER_MSEC + rnd() % (3 * NSEC_PER_MSEC);
			tap_counts.reordered[dir]++;
		}
		if (delay == 0 && !queue[dir])
			deliver(dir, out, len);
		else
			hold(dir, out, len, net_now_ns() + delay);
	}
}

static void release_due(u64 now)
{
	for (int dir = 0; dir < 2; dir++) {
		struct held *h;

		while ((h = queue[dir]) && h->due_ns <= now) {
			queue[dir] = h->next;
			deliver(dir, h->data, h->len);
			free(h);
		}
	}
}

static int tap_xmit(struct netdev *dev, struct pkbuf *pkb)
{
	(void)dev;
	if (!tap_lock_held())
		net_panic("tap_xmit without the stack lock");
	impair_frame(TAP_TX, pkb->data, pkb->len);
	pkb_free(pkb);
	return 0;
}

struct netdev *tapdev_create(int fd, const u8 mac[6], const struct impair *im)
{
	tap_fd = fd;
	imp = *im;
	rng = im->seed ? im->seed : 1;
	tap_dev = eth_dev_create("eth0", mac, tap_xmit, NULL);
	return tap_dev;
}

void tapdev_poll(u64 max_wait_ns)
{
	static u8 buf[FRAME_MAX];
	u64 now = net_now_ns(), until = now + max_wait_ns, t;
	struct pollfd pfd = { .fd = tap_fd, .events = POLLIN };
	struct timespec ts;
	int guard;

	net_lock();
	t = net_timer_next();
	net_unlock();
	if (t < until)
		until = t;
	for (int dir = 0; dir < 2; dir++)
		if (queue[dir] && queue[dir]->due_ns < until)
			until = queue[dir]->due_ns;
	t = until > now ? until - now : 0;
	ts.tv_sec = (time_t)(t / NSEC_PER_SEC);
	ts.tv_nsec = (long)(t % NSEC_PER_SEC);
	if (ppoll(&pfd, 1, &ts, NULL) < 0 && errno != EINTR)
		net_panic("ppoll: %s", strerror(errno));

	net_lock();
	for (int i = 0; i < READ_BATCH; i++) {
		ssize_t n = read(tap_fd, buf, sizeof(buf));

		if (n <= 0)
			break;
		impair_frame(TAP_RX, buf, (u32)n);
	}
	release_due(net_now_ns());
	for (guard = 0; guard < 64 && net_poll(net_now_ns()); guard++)
		;
	net_unlock();
}

void tapdev_print_counts(const char *prefix)
{
	const struct tap_counts *c = &tap_counts;

	printf("%simpairment seed=%llu: to-linux frames=%llu dropped=%llu dup=%llu "
	       "corrupt=%llu reordered=%llu; to-stack frames=%llu dropped=%llu dup=%llu "
	       "corrupt=%llu reordered=%llu\n", prefix, (unsigned long long)imp.seed,
	       (unsigned long long)c->frames[0], (unsigned long long)c->dropped[0],
	       (unsigned long long)c->duplicated[0], (unsigned long long)c->corrupted[0],
	       (unsigned long long)c->reordered[0], (unsigned long long)c->frames[1],
	       (unsigned long long)c->dropped[1], (unsigned long long)c->duplicated[1],
	       (unsigned long long)c->corrupted[1], (unsigned long long)c->reordered[1]);
}
