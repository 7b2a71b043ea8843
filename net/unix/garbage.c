/*
 * Garbage collection of AF_UNIX sockets in flight (unix(7) SCM_RIGHTS).
 * Kernel code.
 *
 * A socket whose file is referenced only from messages queued on unix
 * sockets can never be received by anyone if those queues belong, in
 * turn, only to such sockets: a cycle (a socket sent over itself, two
 * sockets sent over each other) keeps itself alive.  The collector finds
 * them the way Linux's classic unix_gc does:
 *
 *  1. candidates: sockets all of whose file references are in flight
 *     (f_count == inflight);
 *  2. each candidate's count drops by the references queued on other
 *     candidates; what is left comes from outside the candidates;
 *  3. a candidate with references from outside is reachable, and so is
 *     every candidate queued on a reachable one (repeated until stable);
 *  4. the descriptors queued on the unreachable candidates are taken off
 *     their messages and closed, which releases the cycle.
 *
 * Steps 1-4 up to the closing run under net_lock, which also guards
 * every change to a queue and to `inflight` (scm.c), so the picture is
 * consistent; a file gains a reference only from a queue (MSG_PEEK or a
 * receive), and both take net_lock.  The collector runs when a unix
 * socket is released while descriptors are in flight; it does not nest.
 */
#include <net/pkbuf.h>
#include <tern/af_unix.h>
#include <tern/fs.h>
#include <tern/net_platform.h>
#include <tern/socket.h>

static bool gc_running;

typedef void (*gc_visit_fn)(struct unix_sock *v);

/* Call visit for each candidate socket queued on u (and on the
 * connections waiting in a listener's queue). */
static void gc_scan(struct unix_sock *u, gc_visit_fn visit)
{
	struct pkbuf *pkb, *q;
	u32 i;

	for (pkb = pkb_peek(&u->sk.receive_queue); pkb; pkb = pkb->next) {
		struct unix_cb *cb = UNIXCB(pkb);

		if (cb->request) {
			for (q = pkb_peek(&cb->from->sk.receive_queue); q; q = q->next) {
				struct unix_fp *fp = UNIXCB(q)->fp;

				for (i = 0; fp && i < fp->count; i++) {
					struct unix_sock *v = unix_sock_of_file(fp->files[i]);

					if (v && v->gc_candidate)
						visit(v);
				}
			}
			continue;
		}
		for (i = 0; cb->fp && i < cb->fp->count; i++) {
			struct unix_sock *v = unix_sock_of_file(cb->fp->files[i]);

			if (v && v->gc_candidate)
				visit(v);
		}
	}
}

static void gc_dec(struct unix_sock *v)
{
	v->gc_refs--;
}

static bool gc_changed;

static void gc_reach(struct unix_sock *v)
{
	if (!v->gc_alive && v->gc_refs <= 0) {
		v->gc_refs = 1;
		gc_changed = true;
	}
}

/* Take the descriptors off everything queued on u (net_lock held). */
static void gc_collect(struct unix_sock *u, struct unix_fp **list)
{
	struct pkbuf *pkb, *q;

	for (pkb = pkb_peek(&u->sk.receive_queue); pkb; pkb = pkb->next) {
		struct unix_fp *fp;

		if (UNIXCB(pkb)->request) {
			for (q = pkb_peek(&UNIXCB(pkb)->from->sk.receive_queue); q; q = q->next) {
				fp = unix_fp_detach(q);
				if (fp) {
					fp->next = *list;
					*list = fp;
				}
			}
			continue;
		}
		fp = unix_fp_detach(pkb);
		if (fp) {
			fp->next = *list;
			*list = fp;
		}
	}
}

void unix_gc(void)
{
	struct unix_fp *list = NULL, *fp;
	struct unix_sock *u;

	net_lock();
	if (gc_running || !unix_tot_inflight) {
		net_unlock();
		return;
	}
	gc_running = true;
	list_for_each_entry(u, &unix_sockets, node) {
		struct socket *sock = u->sk.owner;

		u->gc_candidate = u->gc_alive = false;
		if (u->inflight && sock && sock->file &&
		    __atomic_load_n(&sock->file->f_count, __ATOMIC_ACQUIRE) == u->inflight) {
			u->gc_candidate = true;
			u->gc_refs = (s32)u->inflight;
		}
	}
	list_for_each_entry(u, &unix_sockets, node)
		if (u->gc_candidate)
			gc_scan(u, gc_dec);
	do {
		gc_changed = false;
		list_for_each_entry(u, &unix_sockets, node)
			if (u->gc_candidate && !u->gc_alive && u->gc_refs > 0) {
				u->gc_alive = true;
				gc_changed = true;
				gc_scan(u, gc_reach);
			}
	} while (gc_changed);
	list_for_each_entry(u, &unix_sockets, node)
		if (u->gc_candidate && !u->gc_alive)
			gc_collect(u, &list);
	net_unlock();

	/* Closing them releases the cycle (and may run more releases). */
	while ((fp = list)) {
		list = fp->next;
		fp->next = NULL;
		unix_fp_put(fp);
	}
	net_lock();
	gc_running = false;
	net_unlock();
}
