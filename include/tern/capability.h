/*
 * Capabilities (capabilities(7), kernel/capability.c): each process's
 * inheritable, permitted and effective sets live in its struct cred.  A
 * privileged operation asks capable(CAP_...), which tests the effective
 * set.  The sets follow the uid changes and execve(2) as Linux's
 * defaults make them (no file capabilities, no ambient set, keep-caps
 * off), so root has every capability and other users none unless a
 * process drops some with capset(2).
 */
#ifndef TERN_CAPABILITY_H
#define TERN_CAPABILITY_H

#include <tern/fs.h>
#include <uapi/sched.h>

/* Every capability up to CAP_LAST_CAP (the bounding set, which is fixed). */
#define CAP_FULL_SET ((1ull << (CAP_LAST_CAP + 1)) - 1)

/* Does the calling process have cap in its effective set? */
bool capable(int cap);
/* Root's sets: every capability (a new process before fork copies one). */
void cap_set_full(struct cred *c);
/*
 * After a setuid-family call changed real/effective/saved uid (Linux's
 * cap_emulate_setxuid): leaving uid 0 in all three drops permitted and
 * effective; effective 0 -> other drops effective; other -> 0 restores
 * effective from permitted.
 */
void cap_fix_setuid(struct cred *c, u32 old_uid, u32 old_euid, u32 old_suid, u32 new_suid);
/* After setfsuid(2): the file-system capabilities follow fsuid 0. */
void cap_fix_setfsuid(struct cred *c, u32 old_fsuid);
/* At execve, after set-user-ID: root's sets are full, others' empty. */
void cap_exec(struct cred *c);

#endif
