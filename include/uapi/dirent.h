/* getdents64(2) records: struct linux_dirent64 and the d_type values. */
#ifndef TERN_UAPI_DIRENT_H
#define TERN_UAPI_DIRENT_H

#include <stddef.h>
#include <stdint.h>

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12
#define DT_WHT		14

/*
 * One record; d_reclen covers the NUL-terminated name rounded up to 8
 * bytes, so the next record is 8-byte aligned.  Padding bytes are zeroed.
 */
struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;		/* opaque position of the NEXT record */
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
};
_Static_assert(offsetof(struct linux_dirent64, d_off) == 8, "d_off");
_Static_assert(offsetof(struct linux_dirent64, d_reclen) == 16, "d_reclen");
_Static_assert(offsetof(struct linux_dirent64, d_type) == 18, "d_type");
_Static_assert(offsetof(struct linux_dirent64, d_name) == 19, "d_name");

#endif
