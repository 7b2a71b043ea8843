/*
 * epoll(7) and the other readiness files: eventfd(2), timerfd_create(2),
 * signalfd(2).  The design is in docs/design.md ("Readiness: poll and
 * epoll"); the system calls are declared in <tern/fs_syscalls.h>.
 */
#ifndef TERN_EVENTPOLL_H
#define TERN_EVENTPOLL_H

#include <tern/types.h>

struct file;
struct file_operations;

/*
 * A new fd for an anonymous-inode file (fs/anon_inodes.c) with the
 * caller's private data; flags: O_NONBLOCK and O_CLOEXEC.  Returns the fd
 * (and the file in *out, when out is not NULL) or -EMFILE/-ENOMEM; on
 * failure priv is the caller's to free.
 */
long anon_inode_getfd(const char *name, const struct file_operations *fops,
		      void *priv, int flags, struct file **out);

/*
 * The most epoll instances stacked above any other file (epoll_ctl(2):
 * "nesting depth ... greater than 5").  Walks of the epoll graph recurse
 * at most one level past it.
 */
#define EP_MAX_NESTS	5

/* fput's hook (fs.h file_ep_release): drop every epoll item watching f. */
void eventpoll_release_file(struct file *f);

/* signalfd: a signal was queued (tasklist_lock held); wakes pollers. */
void signalfd_notify(void);
/* timerfd: CLOCK_REALTIME was set (clock_settime, settimeofday). */
void timerfd_clock_was_set(void);

#endif
