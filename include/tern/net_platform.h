/*
 * The one seam between the network stack (net/) and whatever runs it.
 *
 * net/ includes no other kernel header: the kernel implements these
 * functions in kernel/net_platform.c, the host test programs in
 * test/unit/net/platform_host.c.  Everything here is deliberately small:
 * time, memory, one lock, randomness, logging.  Timers are built on top of
 * net_now_ns() inside net/core/timer.c; the platform only has to call
 * net_timer_run() often enough (the kernel from its network bottom half,
 * the host tests whenever they advance their fake clock), and hears
 * through net_timers_changed() when that has become sooner.  The stack
 * asks for that bottom half with net_request_poll().
 */
#ifndef TERN_NET_PLATFORM_H
#define TERN_NET_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
/* u8..s64, and be16/be32 for values kept in network byte order. */
#include <uapi/types.h>

/* Monotonic time in nanoseconds since an arbitrary start. */
u64 net_now_ns(void);

/*
 * The earliest stack timer is now due at next_ns (net_now_ns() clock):
 * called, with the stack lock held, when net_timer_arm() makes the
 * earliest deadline earlier than it was or arms the only timer, so the
 * platform can bring its wake-up forward.  It must not call back into
 * the stack; it only (re)programs when net_timer_run() is next called.
 */
void net_timers_changed(u64 next_ns);

/* Zeroed allocation; NULL when out of memory.  net_free(NULL) is a no-op. */
void *net_alloc(size_t size);
/*
 * The same, not zeroed (packet data the caller fills at once: zeroing
 * 64 KiB per segment is a pass over memory for nothing).  The host
 * platforms fill it with a poison pattern, so a test sees anything that
 * relies on zeros.
 */
void *net_alloc_nozero(size_t size);
void net_free(void *p);

/*
 * The stack lock.  Every entry into net/ (frame input, timer run, socket
 * calls) holds it; the stack never sleeps while holding it.  Not recursive.
 */
void net_lock(void);
void net_unlock(void);

/*
 * The stack asks for its bottom half (net_poll) to run soon, outside the
 * current call: netif_rx() queued a frame (loopback transmits).  Called
 * with the stack lock held; the platform must not run the stack from
 * inside this call.  The kernel runs the bottom half when the outermost
 * net_unlock() releases the lock or in its network thread; host tests
 * call net_poll() themselves.
 */
void net_request_poll(void);

/* Uniformly random bits (ISNs, IP ids, port offsets, cookies' secrets). */
u32 net_random_u32(void);

/* Logging; level is a printk-style 0 (emergency) .. 7 (debug). */
void net_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Stop everything: an invariant of the stack was broken. */
_Noreturn void net_panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define NET_ASSERT(cond)                                                      \
	do {                                                                  \
		if (!(cond))                                                  \
			net_panic("%s:%d: assertion failed: %s", __FILE__,   \
				  __LINE__, #cond);                           \
	} while (0)

/* Byte order: x86_64 is little-endian; these are the only conversions. */
static inline u16 net_htons(u16 x) { return __builtin_bswap16(x); }
static inline u16 net_ntohs(be16 x) { return __builtin_bswap16(x); }
static inline u32 net_htonl(u32 x) { return __builtin_bswap32(x); }
static inline u32 net_ntohl(be32 x) { return __builtin_bswap32(x); }

/* Freestanding string helpers the stack may use (the platform provides them). */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int snprintf(char *buf, size_t size, const char *fmt, ...);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
