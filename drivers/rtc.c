/*
 * The CMOS real-time clock (MC146818): read once at boot for the wall
 * clock; afterwards wall time = the monotonic clock + an offset kept in
 * the vDSO's data page (include/tern/vdso.h), which user space reads too.
 * Registers: 0 sec, 2 min, 4 hour, 7 day, 8 month, 9 year, 0x32 century
 * (QEMU and most PCs), status A bit 7 = update in progress, status B
 * bit 2 = binary (else BCD), bit 1 = 24-hour (else 12-hour, bit 7 of the
 * hour = PM).  The time is read twice until two reads agree, so an
 * update in the middle cannot tear it.
 */
#include <asm/cpu.h>
#include <asm/io.h>
#include <tern/capability.h>
#include <tern/devices.h>
#include <tern/errno.h>
#include <tern/eventpoll.h>
#include <tern/fs.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/time.h>
#include <tern/uaccess.h>
#include <tern/vdso.h>

#define CMOS_ADDR	0x70
#define CMOS_DATA	0x71
#define MAX_TRIES	1000

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

/* The CMOS clock's time now (an update in the middle cannot tear it). */
static void cmos_get_time(struct rtc_time *tm)
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
	tm->sec = binary ? a[0] : bcd(a[0]);
	tm->min = binary ? a[1] : bcd(a[1]);
	tm->hour = binary ? (a[2] & 0x7f) : bcd(a[2] & 0x7f);
	tm->day = binary ? a[3] : bcd(a[3]);
	tm->month = binary ? a[4] : bcd(a[4]);
	int year = binary ? a[5] : bcd(a[5]);
	int century = binary ? a[6] : bcd(a[6]);
	if (!h24)
		tm->hour = tm->hour % 12 + (pm ? 12 : 0);
	tm->year = century >= 19 && century <= 30 ? century * 100 + year : 2000 + year;
}

static void cmos_write(u8 reg, u8 v)
{
	outb(CMOS_ADDR, reg | 0x80);
	outb(CMOS_DATA, v);
}

static u8 to_bcd(int v)
{
	return (u8)((v / 10) << 4 | v % 10);
}

/*
 * Set the CMOS clock: status B bit 7 (SET) stops the updates while the
 * registers are written in the clock's own format (BCD or binary,
 * 12- or 24-hour); clearing it starts the clock from the new time.
 */
static void cmos_set_time(const struct rtc_time *tm)
{
	u8 status_b = cmos_read(0x0b);
	bool binary = status_b & 0x04, h24 = status_b & 0x02;
	int hour = tm->hour;
	u8 pm = 0;
	static const u8 regs[7] = { 0x00, 0x02, 0x04, 0x07, 0x08, 0x09, 0x32 };
	int v[7];

	if (!h24) {
		pm = hour >= 12 ? 0x80 : 0;
		hour = hour % 12 ? hour % 12 : 12;
	}
	v[0] = tm->sec;
	v[1] = tm->min;
	v[2] = hour;
	v[3] = tm->day;
	v[4] = tm->month;
	v[5] = tm->year % 100;
	v[6] = tm->year / 100;
	cmos_write(0x0b, status_b | 0x80);
	for (int i = 0; i < 7; i++)
		cmos_write(regs[i], (binary ? (u8)v[i] : to_bcd(v[i])) | (i == 2 ? pm : 0));
	cmos_write(0x0b, status_b & ~0x80);
}

void rtc_init(void)
{
	struct rtc_time tm;

	cmos_get_time(&tm);
	ktime_set_real_ns(mktime_utc(&tm) * (s64)NSEC_PER_SEC);
	pr_info("rtc: %04d-%02d-%02d %02d:%02d:%02d UTC\n", tm.year, tm.month,
		tm.day, tm.hour, tm.min, tm.sec);
}

u64 ktime_get_real_ns(void)
{
	return vdso_clock_ns(&vvar.data, CLOCK_REALTIME);
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
	struct vdso_data *vd = &vvar.data;
	unsigned long fl = local_irq_save();

	WRITE_ONCE(vd->seq, vd->seq + 1);
	barrier();
	vd->real_offset = (s64)(ns - ktime_get_ns());
	barrier();
	WRITE_ONCE(vd->seq, vd->seq + 1);
	local_irq_restore(fl);
	timerfd_clock_was_set();
}

/*
 * /dev/rtc0 (rtc(4)): the CMOS clock as the RTC class device, with the
 * ioctls hwclock(8) uses.  RTC_RD_TIME reads the clock itself, not the
 * system time; RTC_SET_TIME (CAP_SYS_TIME, else EACCES) sets only the
 * clock, as on Linux; the time is UTC or local as the caller keeps it.
 * One opener at a time (EBUSY), as Linux's rtc-dev.
 * linux-compat: no interrupts, so no RTC_UIE/AIE/PIE ioctls (ENOTTY)
 * and no read(2) or poll of events; the major number is Linux's first
 * dynamic one (Linux allocates it at boot).
 */
struct linux_rtc_time {		/* <linux/rtc.h> struct rtc_time */
	s32 tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
};
_Static_assert(sizeof(struct linux_rtc_time) == 36, "rtc_time layout");

#define RTC_RD_TIME	0x80247009	/* _IOR('p', 0x09, struct rtc_time) */
#define RTC_SET_TIME	0x4024700a	/* _IOW('p', 0x0a, struct rtc_time) */

static int rtc_busy;

static int rtc_open(struct inode *inode, struct file *f)
{
	(void)inode;
	(void)f;
	return __atomic_exchange_n(&rtc_busy, 1, __ATOMIC_ACQUIRE) ? -EBUSY : 0;
}

static int rtc_release(struct inode *inode, struct file *f)
{
	(void)inode;
	(void)f;
	__atomic_store_n(&rtc_busy, 0, __ATOMIC_RELEASE);
	return 0;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const u8 days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return days[m - 1] + (m == 2 && leap(y));
}

static long rtc_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct linux_rtc_time u;
	struct rtc_time tm;

	(void)f;
	switch (cmd) {
	case RTC_RD_TIME: {
		s64 days;

		cmos_get_time(&tm);
		days = mktime_utc(&tm) / 86400;
		memset(&u, 0, sizeof(u));
		u.tm_sec = tm.sec;
		u.tm_min = tm.min;
		u.tm_hour = tm.hour;
		u.tm_mday = tm.day;
		u.tm_mon = tm.month - 1;
		u.tm_year = tm.year - 1900;
		u.tm_wday = (int)((days % 7 + 11) % 7);	/* 1970-01-01 was a Thursday */
		for (int m = 1; m < tm.month; m++)
			u.tm_yday += month_days(tm.year, m);
		u.tm_yday += tm.day - 1;
		return copy_to_user((void *)arg, &u, sizeof(u)) ? -EFAULT : 0;
	}
	case RTC_SET_TIME:
		if (!capable(CAP_SYS_TIME))
			return -EACCES;
		if (copy_from_user(&u, (const void *)arg, sizeof(u)))
			return -EFAULT;
		/* Linux's rtc_valid_tm(); the CMOS holds years 1970..2999. */
		if (u.tm_year < 70 || u.tm_year > 999 || u.tm_mon < 0 || u.tm_mon > 11 ||
		    u.tm_mday < 1 || u.tm_mday > month_days(u.tm_year + 1900, u.tm_mon + 1) ||
		    u.tm_hour < 0 || u.tm_hour > 23 || u.tm_min < 0 || u.tm_min > 59 ||
		    u.tm_sec < 0 || u.tm_sec > 59)
			return -EINVAL;
		tm.sec = u.tm_sec;
		tm.min = u.tm_min;
		tm.hour = u.tm_hour;
		tm.day = u.tm_mday;
		tm.month = u.tm_mon + 1;
		tm.year = u.tm_year + 1900;
		cmos_set_time(&tm);
		return 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations rtc_fops = {
	.open = rtc_open,
	.release = rtc_release,
	.ioctl = rtc_ioctl,
};

int rtc_dev_init(void)
{
	int err = register_chrdev_region_fops(RTC_MAJOR, 0, 1, "rtc", &rtc_fops);

	return err == -EBUSY ? 0 : err;
}
