/*
 * Pipes and FIFOs (fs/pipe.c), pipe(7) and fifo(7).
 *
 * One struct pipe_inode_info per pipe, hung on the inode's i_pipe: the
 * pipefs inode of an anonymous pipe, or the FIFO's inode in its file
 * system.  It lives while any file has it open (`files`), so a FIFO with
 * nobody on it holds no memory.  Data is a byte ring of `size` bytes
 * (64 KiB by default, F_SETPIPE_SZ changes it) in single pages, each
 * allocated when data first reaches it.
 *
 * Data moves straight between the caller's buffers (an iov_iter,
 * docs/design.md §6) and the ring's pages, so the ring is guarded by a
 * sleeping lock: pipe->mutex is held by whoever reads, writes or resizes
 * it (pages, head, len, size), across the user copies; it is never held
 * while waiting for room or data.
 *
 * Locks: inode->i_lock guards i_pipe and `files` (attach/detach); then
 * pipe->lock guards the counters (readers, writers, r_counter,
 * w_counter) and the publication of a new ring by F_SETPIPE_SZ; poll and
 * FIONREAD read len and size without the mutex.  Order: mutex, then
 * pipe->lock.  Readers sleep on rd_wait, writers and FIFO openers on
 * wr_wait / rd_wait; every wake-up carries its POLL* key (wake_up_poll)
 * so poll and epoll callbacks can filter.  A write wakes the readers
 * once: when it ends, or before it sleeps for room.
 */
#ifndef TERN_PIPE_H
#define TERN_PIPE_H

#include <tern/fs.h>
#include <tern/mutex.h>
#include <tern/wait.h>

#define PIPE_BUF		4096		/* pipe(7): atomic write size */
#define PIPE_DEF_SIZE		65536		/* 16 pages, as Linux */
#define PIPE_MAX_SIZE		1048576		/* /proc/sys/fs/pipe-max-size's default */

struct pipe_inode_info {
	spinlock_t lock;
	struct mutex mutex;	/* the ring: see above */
	struct wait_queue_head rd_wait, wr_wait;
	u8 **pages;		/* size / PAGE_SIZE_FS slots, NULL until used */
	u32 size;		/* capacity in bytes, a power-of-two of pages */
	u32 head;		/* offset of the oldest byte */
	u32 len;		/* bytes held */
	u32 readers, writers;	/* open files with FMODE_READ / FMODE_WRITE */
	u32 r_counter, w_counter; /* opens so far (FIFO open waits on them) */
	u32 files;		/* open files (under inode->i_lock) */
	u32 user;		/* the creator's real uid: its pages count there */
	/*
	 * Packet mode (pipe(2) O_DIRECT): while a packet is held, the data
	 * is a queue of segments, one per packet or run of plain bytes,
	 * at most one per page of the pipe as Linux's buffers; nsegs == 0
	 * is a plain byte stream.  Entries: length | PIPE_SEG_PACKET.
	 */
	u32 *segs;		/* size / PAGE_SIZE_FS slots */
	u32 seg_head, nsegs;
};

#define PIPE_SEG_PACKET		0x80000000u

/* Boot: the pipefs mount and the FIFO hook (fifo_fops). */
int pipe_init(void);
/*
 * pipe2(2): two new files, [0] reading and [1] writing, with O_NONBLOCK
 * from flags; the inode is owned by uid/gid.
 */
int create_pipe_files(struct file *res[2], int flags, u32 uid, u32 gid);
/* F_GETPIPE_SZ / F_SETPIPE_SZ; -EBADF when f is not a pipe or FIFO. */
long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg);
bool file_is_pipe(const struct file *f);
struct iovec;
/* vmsplice(2): copies between the user's vectors and a pipe. */
long sys_vmsplice(int fd, const struct iovec *uiov, unsigned long nr_segs, unsigned int flags);
/* /proc/sys/fs/pipe-max-size, pipe-user-pages-soft, pipe-user-pages-hard. */
void pipe_sysctl_init(void);

#endif
