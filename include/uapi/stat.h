/*
 * File types and modes (S_IF*), and the x86_64 layouts of struct stat
 * (stat(2), 144 bytes), struct statx (statx(2), 256 bytes) and struct
 * statfs (statfs(2), 120 bytes).  Numbers and structs only.
 */
#ifndef TERN_UAPI_STAT_H
#define TERN_UAPI_STAT_H

#include <stddef.h>
#include <stdint.h>

#define S_IFMT		00170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISUID		0004000
#define S_ISGID		0002000
#define S_ISVTX		0001000

#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)

#define S_IRWXU 00700
#define S_IRUSR 00400
#define S_IWUSR 00200
#define S_IXUSR 00100
#define S_IRWXG 00070
#define S_IRGRP 00040
#define S_IWGRP 00020
#define S_IXGRP 00010
#define S_IRWXO 00007
#define S_IROTH 00004
#define S_IWOTH 00002
#define S_IXOTH 00001

/* x86_64 struct stat (arch/x86/include/uapi/asm/stat.h layout). */
struct stat {
	uint64_t st_dev;
	uint64_t st_ino;
	uint64_t st_nlink;
	uint32_t st_mode;
	uint32_t st_uid;
	uint32_t st_gid;
	uint32_t __pad0;
	uint64_t st_rdev;
	int64_t st_size;
	int64_t st_blksize;
	int64_t st_blocks;	/* 512-byte units */
	uint64_t st_atime;
	uint64_t st_atime_nsec;
	uint64_t st_mtime;
	uint64_t st_mtime_nsec;
	uint64_t st_ctime;
	uint64_t st_ctime_nsec;
	int64_t __reserved[3];
};
_Static_assert(sizeof(struct stat) == 144, "struct stat size");
_Static_assert(offsetof(struct stat, st_mode) == 24, "st_mode");
_Static_assert(offsetof(struct stat, st_rdev) == 40, "st_rdev");
_Static_assert(offsetof(struct stat, st_size) == 48, "st_size");
_Static_assert(offsetof(struct stat, st_atime) == 72, "st_atime");
_Static_assert(offsetof(struct stat, st_mtime) == 88, "st_mtime");
_Static_assert(offsetof(struct stat, st_ctime) == 104, "st_ctime");

struct statx_timestamp {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t __reserved;
};

struct statx {
	uint32_t stx_mask;
	uint32_t stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink;
	uint32_t stx_uid;
	uint32_t stx_gid;
	uint16_t stx_mode;
	uint16_t __spare0[1];
	uint64_t stx_ino;
	uint64_t stx_size;
	uint64_t stx_blocks;
	uint64_t stx_attributes_mask;
	struct statx_timestamp stx_atime;
	struct statx_timestamp stx_btime;
	struct statx_timestamp stx_ctime;
	struct statx_timestamp stx_mtime;
	uint32_t stx_rdev_major;
	uint32_t stx_rdev_minor;
	uint32_t stx_dev_major;
	uint32_t stx_dev_minor;
	uint64_t stx_mnt_id;
	uint32_t stx_dio_mem_align;
	uint32_t stx_dio_offset_align;
	uint64_t __spare3[12];
};
_Static_assert(sizeof(struct statx) == 256, "struct statx size");
_Static_assert(offsetof(struct statx, stx_mode) == 28, "stx_mode");
_Static_assert(offsetof(struct statx, stx_ino) == 32, "stx_ino");
_Static_assert(offsetof(struct statx, stx_atime) == 64, "stx_atime");
_Static_assert(offsetof(struct statx, stx_mtime) == 112, "stx_mtime");
_Static_assert(offsetof(struct statx, stx_rdev_major) == 128, "stx_rdev");
_Static_assert(offsetof(struct statx, stx_mnt_id) == 144, "stx_mnt_id");

#define STATX_TYPE		0x00000001U
#define STATX_MODE		0x00000002U
#define STATX_NLINK		0x00000004U
#define STATX_UID		0x00000008U
#define STATX_GID		0x00000010U
#define STATX_ATIME		0x00000020U
#define STATX_MTIME		0x00000040U
#define STATX_CTIME		0x00000080U
#define STATX_INO		0x00000100U
#define STATX_SIZE		0x00000200U
#define STATX_BLOCKS		0x00000400U
#define STATX_BASIC_STATS	0x000007ffU
#define STATX_BTIME		0x00000800U
#define STATX_MNT_ID		0x00001000U
#define STATX_DIOALIGN		0x00002000U
#define STATX__RESERVED		0x80000000U

/* x86_64 struct statfs (statfs(2), fstatfs(2)). */
struct statfs {
	int64_t f_type;
	int64_t f_bsize;
	uint64_t f_blocks;
	uint64_t f_bfree;
	uint64_t f_bavail;
	uint64_t f_files;
	uint64_t f_ffree;
	struct { int32_t val[2]; } f_fsid;
	int64_t f_namelen;
	int64_t f_frsize;
	int64_t f_flags;
	int64_t f_spare[4];
};
_Static_assert(sizeof(struct statfs) == 120, "struct statfs size");
_Static_assert(offsetof(struct statfs, f_fsid) == 56, "f_fsid");
_Static_assert(offsetof(struct statfs, f_flags) == 80, "f_flags");

/* Device numbers as Linux encodes them in st_rdev / st_dev (dev_t). */
#define MAJOR_OF(dev)	((uint32_t)((((uint64_t)(dev) >> 32) & 0xfffff000) | \
				    (((uint64_t)(dev) >> 8) & 0xfff)))
#define MINOR_OF(dev)	((uint32_t)((((uint64_t)(dev) >> 12) & 0xffffff00) | \
				    ((uint64_t)(dev) & 0xff)))
#define MKDEV_OF(ma, mi) \
	((((uint64_t)(ma) & 0xfffff000) << 32) | (((uint64_t)(ma) & 0xfff) << 8) | \
	 (((uint64_t)(mi) & 0xffffff00) << 12) | ((uint64_t)(mi) & 0xff))

#endif
