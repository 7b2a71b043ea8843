/*
 * The CMOS real-time clock (MC146818): read once at boot for the wall
 * clock; afterwards wall time = that reading + the monotonic clock.
 * Registers: 0 sec, 2 min, 4 hour, 7 day, 8 month, 9 year, 0x32 century
 * (QEMU and most PCs), status A bit 7 = update in progress, status B
 * bit 2 = binary (else BCD), bit 1 = 24-hour (else 12-hour, bit 7 of the
 * hour = PM).  The time is read twice until two reads agree, so an
 * update in the middle cannot tear it.
 */
#include <asm/cpu.h>
#include <asm/io.h>
#include <tern/eventpoll.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/time.h>

#define CMOS_ADDR	0x70
#define CMOS_DATA	0x71
#define MAX_TRIES	1000

static s64 boot_real_ns;	/* Unix time (ns) at monotonic time boot_mono_ns */
static u64 boot_mono_ns;

static u8 cmos_read(u8 reg)
{
	outb(CMOS_ADDR, reg | 0x80);	/* bit 7: keep NMIs disabled while reading */
	return inb(CMOS_DATA);
}

static void read_raw(u8 r[7])
{
	static const u8 regs[7] = { 0x00, 0x02, 0x04, 0x07, 0x08, 0x09, 0x32 };

	for (int tries = 0; tries < MAX_TRIES && (cmos_read(0x0a) & 0x80); tries++)
		;
	for (int i = 0; i < 7; i++)
		r[i] = cmos_read(regs[i]);
}

static int bcd(u8 v)
{
	return (v >> 4) * 10 + (v & 0xf);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (March-based years). */
s64 mktime_utc(const struct rtc_time *tm)
{
	s64 y = tm->year - (tm->month <= 2);
	s64 era = (y >= 0 ? y : y - 399) / 400;
	s64 yoe = y - era * 400;
	s64 mp = (tm->month + 9) % 12;			/* March = 0 */
	s64 doy = (153 * mp + 2) / 5 + tm->day - 1;
	s64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	s64 days = era * 146097 + doe - 719468;		/* 719468: 0000-03-01 .. 1970-01-01 */

	return days * 86400 + tm->hour * 3600 + tm->min * 60 + tm->sec;
}

void time_to_tm(s64 secs, struct rtc_time *tm)
{
	s64 days = secs / 86400, rem = secs % 86400;

	if (rem < 0) {
		rem += 86400;
		days--;
	}
	tm->hour = rem / 3600;
	tm->min = rem % 3600 / 60;
	tm->sec = rem % 60;
	/* Inverse of mktime_utc's day count. */
	s64 z = days + 719468;
	s64 era = (z >= 0 ? z : z - 146096) / 146097;
	s64 doe = z - era * 146097;
	s64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	s64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	s64 mp = (5 * doy + 2) / 153;
	tm->day = doy - (153 * mp + 2) / 5 + 1;
	tm->month = mp < 10 ? mp + 3 : mp - 9;
	tm->year = yoe + era * 400 + (tm->month <= 2);
}

void rtc_init(void)
{
	u8 a[7], b[7];
	int tries = 0;

	read_raw(a);
	do {
		memcpy(b, a, sizeof(a));
		read_raw(a);
	} while (memcmp(a, b, sizeof(a)) && ++tries < MAX_TRIES);

	u8 status_b = cmos_read(0x0b);
	bool binary = status_b & 0x04, h24 = status_b & 0x02;
	bool pm = !h24 && (a[2] & 0x80);
	struct rtc_time tm;
	tm.sec = binary ? a[0] : bcd(a[0]);
	tm.min = binary ? a[1] : bcd(a[1]);
	tm.hour = binary ? (a[2] & 0x7f) : bcd(a[2] & 0x7f);
	tm.day = binary ? a[3] : bcd(a[3]);
	tm.month = binary ? a[4] : bcd(a[4]);
	int year = binary ? a[5] : bcd(a[5]);
	int century = binary ? a[6] : bcd(a[6]);
	if (!h24)
		tm.hour = tm.hour % 12 + (pm ? 12 : 0);
	tm.year = century >= 19 && century <= 30 ? century * 100 + year : 2000 + year;

	boot_mono_ns = ktime_get_ns();
	boot_real_ns = mktime_utc(&tm) * (s64)NSEC_PER_SEC;
	pr_info("rtc: %04d-%02d-%02d %02d:%02d:%02d UTC\n", tm.year, tm.month,
		tm.day, tm.hour, tm.min, tm.sec);
}

u64 ktime_get_real_ns(void)
{
	return boot_real_ns + (ktime_get_ns() - boot_mono_ns);
}

void ktime_get_real_ts64(struct timespec64 *ts)
{
	u64 ns = ktime_get_real_ns();

	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
}

/* clock_settime(CLOCK_REALTIME): move the wall clock, not the RTC;
 * absolute realtime timerfds follow (or are cancelled). */
void ktime_set_real_ns(u64 ns)
{
	boot_real_ns = ns - (ktime_get_ns() - boot_mono_ns);
	timerfd_clock_was_set();
}
