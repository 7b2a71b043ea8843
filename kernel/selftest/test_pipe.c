/*
 * Pipes and poll/select in the kernel, driven from kernel threads (the
 * in-guest suite tests them through system calls):
 *  - data in order, FIONREAD-sized reads, EOF after the writer closes,
 *    EPIPE after the reader closes;
 *  - capacity: 64 KiB fit, then a non-blocking write is EAGAIN and
 *    POLLOUT is off; a blocked writer resumes when a reader drains;
 *  - a reader blocked in read wakes when data arrives;
 *  - poll: a sleeping poller wakes on write (POLLIN), timeouts end the
 *    sleep, POLLNVAL for a closed fd, POLLHUP/POLLERR on the far end's
 *    close; select reports the same and EBADF for a closed fd;
 *  - every page comes back.
 */
#include <tern/fdtable.h>
#include <tern/mm.h>
#include <tern/pipe.h>
#include <tern/poll.h>
#include <tern/printk.h>
#include <tern/sched.h>
#include <tern/selftest.h>
#include <tern/slab.h>
#include <tern/string.h>
#include <tern/time.h>
#include <tern/vfs.h>

#define FAIL(...) do { pr_err("selftest pipe: " __VA_ARGS__); return -1; } while (0)

static struct vfs_ctx ctx;
static int rfd, wfd;
static volatile int phase;
static volatile long thread_result;
static DECLARE_WAIT_QUEUE_HEAD(phase_wq);

static int make_pipe(int flags)
{
	struct file *fp[2];
	int err = create_pipe_files(fp, flags, 0, 0);

	if (err)
		return err;
	rfd = fd_alloc_install(ctx.files, fp[0], ctx.nofile, false);
	wfd = fd_alloc_install(ctx.files, fp[1], ctx.nofile, false);
	return rfd < 0 || wfd < 0 ? -EMFILE : 0;
}

static ssize_t fd_read(int fd, void *buf, size_t n)
{
	struct file *f = fget(ctx.files, fd);
	ssize_t r;

	if (!f)
		return -EBADF;
	r = vfs_read(f, buf, n);
	fput(f);
	return r;
}

static ssize_t fd_write(int fd, const void *buf, size_t n)
{
	struct file *f = fget(ctx.files, fd);
	ssize_t r;

	if (!f)
		return -EBADF;
	r = vfs_write(f, buf, n);
	fput(f);
	return r;
}

static int blocked_reader(void *arg)
{
	char buf[16];

	(void)arg;
	phase = 1;
	wake_up(&phase_wq);
	thread_result = fd_read(rfd, buf, sizeof(buf));
	if (thread_result == 5 && memcmp(buf, "hello", 5))
		thread_result = -1000;
	phase = 2;
	wake_up(&phase_wq);
	return 0;
}

static int poller(void *arg)
{
	struct pollfd pfd = { .fd = rfd, .events = POLLIN };

	(void)arg;
	phase = 1;
	wake_up(&phase_wq);
	thread_result = do_poll_fds(&ctx, &pfd, 1, POLL_NO_DEADLINE);
	if (thread_result == 1 && pfd.revents != (POLLIN))
		thread_result = -2000 - pfd.revents;
	phase = 2;
	wake_up(&phase_wq);
	return 0;
}

static int blocked_writer(void *arg)
{
	static char big[8192];

	(void)arg;
	memset(big, 'w', sizeof(big));
	phase = 1;
	wake_up(&phase_wq);
	thread_result = fd_write(wfd, big, sizeof(big));
	phase = 2;
	wake_up(&phase_wq);
	return 0;
}

static int run_thread(int (*fn)(void *), void (*poke)(void))
{
	phase = 0;
	thread_result = -9999;
	if (!kthread_create(fn, NULL, "pipetest"))
		return -ENOMEM;
	if (!wait_event_timeout(phase_wq, phase >= 1, 2 * NSEC_PER_SEC))
		return -ETIMEDOUT;
	msleep(20);		/* let it block */
	if (phase != 1)
		return -EBUSY;	/* it did not block */
	poke();
	if (!wait_event_timeout(phase_wq, phase == 2, 2 * NSEC_PER_SEC))
		return -ETIMEDOUT;
	return 0;
}

static void poke_hello(void)
{
	fd_write(wfd, "hello", 5);
}

static char drain_buf[PIPE_DEF_SIZE];
static void poke_drain(void)
{
	fd_read(rfd, drain_buf, sizeof(drain_buf));
}

static int close_both(void)
{
	int a = close_fd(ctx.files, rfd), b = close_fd(ctx.files, wfd);

	return a ? a : b;
}

static int test_pipe(void)
{
	static char buf[PIPE_DEF_SIZE + 16];
	u64 free_before;
	struct pollfd pfd[2];
	unsigned long sets[3], res[3];
	ssize_t r;
	u64 t0;
	int err;

	err = pipe_init();
	if (err)
		FAIL("pipe_init: %d\n", err);
	free_before = nr_free_pages();
	ctx.files = files_alloc();
	ctx.nofile = 1024;
	if (!ctx.files)
		FAIL("no files\n");

	/* Basic data, then EOF. */
	if (make_pipe(0))
		FAIL("create\n");
	if (fd_write(wfd, "abc", 3) != 3 || fd_write(wfd, "def", 3) != 3)
		FAIL("write\n");
	r = fd_read(rfd, buf, 4);
	if (r != 4 || memcmp(buf, "abcd", 4))
		FAIL("read 4 gave %ld\n", (long)r);
	r = fd_read(rfd, buf, 100);
	if (r != 2 || memcmp(buf, "ef", 2))
		FAIL("read rest gave %ld\n", (long)r);

	/* Blocked reader wakes on data. */
	err = run_thread(blocked_reader, poke_hello);
	if (err || thread_result != 5)
		FAIL("blocked reader: %d, read %ld\n", err, (long)thread_result);

	/* Poller sleeps, wakes on write with POLLIN. */
	err = run_thread(poller, poke_hello);
	if (err || thread_result != 1)
		FAIL("poller: %d, result %ld\n", err, (long)thread_result);
	fd_read(rfd, buf, sizeof(buf));

	/* Timeout: nothing ready for 30 ms. */
	pfd[0] = (struct pollfd){ .fd = rfd, .events = POLLIN };
	t0 = ktime_get_ns();
	err = do_poll_fds(&ctx, pfd, 1, t0 + 30 * NSEC_PER_MSEC);
	if (err != 0 || ktime_get_ns() - t0 < 30 * NSEC_PER_MSEC)
		FAIL("poll timeout: %d after %lu ns\n", err,
		     (unsigned long)(ktime_get_ns() - t0));

	/* Capacity: 64 KiB fit; then EAGAIN and no POLLOUT. */
	memset(buf, 'x', sizeof(buf));
	if (fd_write(wfd, buf, PIPE_DEF_SIZE) != PIPE_DEF_SIZE)
		FAIL("64 KiB write\n");
	{
		struct file *f = fget(ctx.files, wfd);

		vfs_setfl(f, O_NONBLOCK, &(struct cred){ 0 });
		r = vfs_write(f, buf, 1);
		vfs_setfl(f, 0, &(struct cred){ 0 });
		fput(f);
	}
	if (r != -EAGAIN)
		FAIL("write to full pipe gave %ld\n", (long)r);
	pfd[0] = (struct pollfd){ .fd = wfd, .events = POLLOUT };
	if (do_poll_fds(&ctx, pfd, 1, 0) != 0)
		FAIL("POLLOUT on a full pipe\n");
	/* A blocked 8 KiB writer resumes once the reader drains. */
	err = run_thread(blocked_writer, poke_drain);
	if (err || thread_result != 8192)
		FAIL("blocked writer: %d, wrote %ld\n", err, (long)thread_result);
	if (fd_read(rfd, buf, sizeof(buf)) != 8192)
		FAIL("drain after writer\n");

	/* select: read set ready after a write, EBADF for a closed fd. */
	fd_write(wfd, "s", 1);
	sets[0] = 1ul << rfd;
	err = do_select_fds(&ctx, (unsigned)rfd + 1, sets, NULL, NULL, res, 0);
	if (err != 1 || res[0] != (1ul << rfd))
		FAIL("select: %d %lx\n", err, res[0]);
	sets[0] = 1ul << 40;
	err = do_select_fds(&ctx, 41, sets, NULL, NULL, res, 0);
	if (err != -EBADF)
		FAIL("select on closed fd: %d\n", err);

	/* POLLNVAL, then POLLHUP after the writer closes, and EOF. */
	pfd[0] = (struct pollfd){ .fd = 40, .events = POLLIN };
	pfd[1] = (struct pollfd){ .fd = rfd, .events = POLLIN };
	close_fd(ctx.files, wfd);
	err = do_poll_fds(&ctx, pfd, 2, 0);
	if (err != 2 || pfd[0].revents != POLLNVAL ||
	    pfd[1].revents != (POLLIN | POLLHUP))
		FAIL("nval/hup: %d %x %x\n", err, pfd[0].revents, pfd[1].revents);
	if (fd_read(rfd, buf, 10) != 1 || fd_read(rfd, buf, 10) != 0)
		FAIL("EOF after writer closed\n");
	close_fd(ctx.files, rfd);

	/* EPIPE and POLLERR once the reader is gone. */
	if (make_pipe(0))
		FAIL("create 2\n");
	close_fd(ctx.files, rfd);
	if (fd_write(wfd, "x", 1) != -EPIPE)
		FAIL("no EPIPE\n");
	pfd[0] = (struct pollfd){ .fd = wfd, .events = POLLOUT };
	if (do_poll_fds(&ctx, pfd, 1, 0) != 1 || !(pfd[0].revents & POLLERR))
		FAIL("no POLLERR: %x\n", pfd[0].revents);
	close_fd(ctx.files, wfd);

	/* F_SETPIPE_SZ keeps the data. */
	if (make_pipe(0))
		FAIL("create 3\n");
	fd_write(wfd, "keep", 4);
	{
		struct file *f = fget(ctx.files, rfd);

		r = pipe_fcntl(f, F_SETPIPE_SZ, 5000);
		if (r != 8192 || pipe_fcntl(f, F_GETPIPE_SZ, 0) != 8192)
			FAIL("F_SETPIPE_SZ gave %ld\n", (long)r);
		fput(f);
	}
	if (fd_read(rfd, buf, 10) != 4 || memcmp(buf, "keep", 4))
		FAIL("data lost by F_SETPIPE_SZ\n");
	if (close_both())
		FAIL("close\n");

	files_put(ctx.files);
	msleep(5);	/* the test threads' stacks are freed by the next switch */
	if (nr_free_pages() != free_before)
		FAIL("pages: %lu before, %lu after\n", (unsigned long)free_before,
		     (unsigned long)nr_free_pages());
	return 0;
}
SELFTEST(pipe, test_pipe, true);
