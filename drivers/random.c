/*
 * The kernel's random source: a 64-bit SplitMix generator (a Weyl
 * sequence through a strong bit mixer), seeded at boot from the TSC and
 * the wall clock, with each output XORed with RDRAND when the CPU has it
 * (Intel SDM vol. 1 §7.3.17: retry a few times, it can run dry).
 * Locking: rng_lock (irq-saving) protects the state.
 */
#include <asm/cpu.h>
#include <tern/printk.h>
#include <tern/random.h>
#include <tern/spinlock.h>
#include <tern/string.h>
#include <tern/time.h>

#define RDRAND_RETRIES 10

static u64 state;
static bool have_rdrand;
static DEFINE_SPINLOCK(rng_lock);

static bool rdrand64(u64 *v)
{
	for (int i = 0; i < RDRAND_RETRIES; i++) {
		bool ok;
		__asm__ __volatile__("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
		if (ok)
			return true;
	}
	return false;
}

static u64 mix64(u64 z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

void random_init(void)
{
	u32 a, b, c, d;
	u64 hw = 0;

	cpuid(1, 0, &a, &b, &c, &d);
	have_rdrand = c & (1u << 30);
	state = mix64(rdtsc()) ^ mix64(ktime_get_real_ns() + 1);
	if (have_rdrand && rdrand64(&hw))
		state ^= hw;
	pr_info("random: %s\n", have_rdrand ? "RDRAND mixed into every output" :
		"no RDRAND; seeded from TSC and RTC only (weak)");
}

u64 get_random_u64(void)
{
	unsigned long flags = spin_lock_irqsave(&rng_lock);
	u64 v;

	state += 0x9e3779b97f4a7c15ull;
	v = mix64(state ^ rdtsc());
	spin_unlock_irqrestore(&rng_lock, flags);
	u64 hw;
	if (have_rdrand && rdrand64(&hw))
		v ^= hw;
	return v;
}

u32 get_random_u32(void)
{
	return (u32)get_random_u64();
}

void get_random_bytes(void *buf, size_t len)
{
	u8 *p = buf;

	while (len) {
		u64 v = get_random_u64();
		size_t n = len < sizeof(v) ? len : sizeof(v);
		memcpy(p, &v, n);
		p += n;
		len -= n;
	}
}
