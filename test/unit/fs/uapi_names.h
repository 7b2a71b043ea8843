/*
 * The ABI numbers and struct fields test_uapi checks: once against
 * Tern's include/uapi headers (test_uapi.c) and once against the build
 * machine's Linux/glibc headers (uapi_host.c).  X-macro lists.
 */
#define UAPI_VALUES(X) \
	X(EPERM) X(ENOENT) X(ESRCH) X(EINTR) X(EIO) X(ENXIO) X(E2BIG) X(ENOEXEC) \
	X(EBADF) X(ECHILD) X(EAGAIN) X(ENOMEM) X(EACCES) X(EFAULT) X(ENOTBLK) \
	X(EBUSY) X(EEXIST) X(EXDEV) X(ENODEV) X(ENOTDIR) X(EISDIR) X(EINVAL) \
	X(ENFILE) X(EMFILE) X(ENOTTY) X(ETXTBSY) X(EFBIG) X(ENOSPC) X(ESPIPE) \
	X(EROFS) X(EMLINK) X(EPIPE) X(EDOM) X(ERANGE) X(EDEADLK) X(ENAMETOOLONG) \
	X(ENOLCK) X(ENOSYS) X(ENOTEMPTY) X(ELOOP) X(EWOULDBLOCK) X(ENOMSG) X(EIDRM) \
	X(ECHRNG) X(EL2NSYNC) X(EL3HLT) X(EL3RST) X(ELNRNG) X(EUNATCH) X(ENOCSI) \
	X(EL2HLT) X(EBADE) X(EBADR) X(EXFULL) X(ENOANO) X(EBADRQC) X(EBADSLT) \
	X(EDEADLOCK) X(EBFONT) X(ENOSTR) X(ENODATA) X(ETIME) X(ENOSR) X(ENONET) \
	X(ENOPKG) X(EREMOTE) X(ENOLINK) X(EADV) X(ESRMNT) X(ECOMM) X(EPROTO) \
	X(EMULTIHOP) X(EDOTDOT) X(EBADMSG) X(EOVERFLOW) X(ENOTUNIQ) X(EBADFD) \
	X(EREMCHG) X(ELIBACC) X(ELIBBAD) X(ELIBSCN) X(ELIBMAX) X(ELIBEXEC) X(EILSEQ) \
	X(ERESTART) X(ESTRPIPE) X(EUSERS) X(ENOTSOCK) X(EDESTADDRREQ) X(EMSGSIZE) \
	X(EPROTOTYPE) X(ENOPROTOOPT) X(EPROTONOSUPPORT) X(ESOCKTNOSUPPORT) \
	X(EOPNOTSUPP) X(ENOTSUP) X(EPFNOSUPPORT) X(EAFNOSUPPORT) X(EADDRINUSE) \
	X(EADDRNOTAVAIL) X(ENETDOWN) X(ENETUNREACH) X(ENETRESET) X(ECONNABORTED) \
	X(ECONNRESET) X(ENOBUFS) X(EISCONN) X(ENOTCONN) X(ESHUTDOWN) X(ETOOMANYREFS) \
	X(ETIMEDOUT) X(ECONNREFUSED) X(EHOSTDOWN) X(EHOSTUNREACH) X(EALREADY) \
	X(EINPROGRESS) X(ESTALE) X(EUCLEAN) X(ENOTNAM) X(ENAVAIL) X(EISNAM) \
	X(EREMOTEIO) X(EDQUOT) X(ENOMEDIUM) X(EMEDIUMTYPE) X(ECANCELED) X(ENOKEY) \
	X(EKEYEXPIRED) X(EKEYREVOKED) X(EKEYREJECTED) X(EOWNERDEAD) \
	X(ENOTRECOVERABLE) X(ERFKILL) X(EHWPOISON) \
	X(O_ACCMODE) X(O_RDONLY) X(O_WRONLY) X(O_RDWR) X(O_CREAT) X(O_EXCL) \
	X(O_NOCTTY) X(O_TRUNC) X(O_APPEND) X(O_NONBLOCK) X(O_DSYNC) X(O_DIRECT) \
	X(O_DIRECTORY) X(O_NOFOLLOW) X(O_NOATIME) X(O_CLOEXEC) X(O_SYNC) X(O_PATH) \
	X(O_TMPFILE) X(AT_FDCWD) X(AT_SYMLINK_NOFOLLOW) X(AT_EACCESS) X(AT_REMOVEDIR) \
	X(AT_SYMLINK_FOLLOW) X(AT_NO_AUTOMOUNT) X(AT_EMPTY_PATH) \
	X(AT_STATX_SYNC_TYPE) X(AT_STATX_FORCE_SYNC) X(AT_STATX_DONT_SYNC) \
	X(F_DUPFD) X(F_GETFD) X(F_SETFD) X(F_GETFL) X(F_SETFL) X(F_GETLK) X(F_SETLK) \
	X(F_SETLKW) X(F_SETOWN) X(F_GETOWN) X(F_SETSIG) X(F_GETSIG) X(F_SETLEASE) \
	X(F_GETLEASE) X(F_NOTIFY) X(F_DUPFD_CLOEXEC) X(F_SETPIPE_SZ) X(F_GETPIPE_SZ) \
	X(FD_CLOEXEC) X(RENAME_NOREPLACE) X(RENAME_EXCHANGE) X(RENAME_WHITEOUT) \
	X(SEEK_SET) X(SEEK_CUR) X(SEEK_END) X(SEEK_DATA) X(SEEK_HOLE) \
	X(UTIME_NOW) X(UTIME_OMIT) X(F_OK) X(R_OK) X(W_OK) X(X_OK) \
	X(S_IFMT) X(S_IFSOCK) X(S_IFLNK) X(S_IFREG) X(S_IFBLK) X(S_IFDIR) X(S_IFCHR) \
	X(S_IFIFO) X(S_ISUID) X(S_ISGID) X(S_ISVTX) \
	X(STATX_TYPE) X(STATX_MODE) X(STATX_NLINK) X(STATX_UID) X(STATX_GID) \
	X(STATX_ATIME) X(STATX_MTIME) X(STATX_CTIME) X(STATX_INO) X(STATX_SIZE) \
	X(STATX_BLOCKS) X(STATX_BASIC_STATS) X(STATX_BTIME) X(STATX_MNT_ID) \
	X(DT_UNKNOWN) X(DT_FIFO) X(DT_CHR) X(DT_DIR) X(DT_BLK) X(DT_REG) X(DT_LNK) \
	X(DT_SOCK) X(DT_WHT) \
	X(MS_RDONLY) X(MS_NOSUID) X(MS_NODEV) X(MS_NOEXEC) X(MS_REMOUNT) X(MS_BIND) \
	X(MS_MOVE) X(MS_REC) X(MNT_FORCE) X(MNT_DETACH) X(MNT_EXPIRE) \
	X(UMOUNT_NOFOLLOW) X(ST_RDONLY) X(ST_NOSUID) X(ST_NODEV) X(ST_NOEXEC) \
	X(ST_RELATIME)

/* struct, field: offset and size must match. */
#define UAPI_FIELDS(F) \
	F(stat, st_dev) F(stat, st_ino) F(stat, st_nlink) F(stat, st_mode) \
	F(stat, st_uid) F(stat, st_gid) F(stat, st_rdev) F(stat, st_size) \
	F(stat, st_blksize) F(stat, st_blocks) F(stat, st_atime) F(stat, st_mtime) \
	F(stat, st_ctime) \
	F(statx, stx_mask) F(statx, stx_blksize) F(statx, stx_attributes) \
	F(statx, stx_nlink) F(statx, stx_uid) F(statx, stx_gid) F(statx, stx_mode) \
	F(statx, stx_ino) F(statx, stx_size) F(statx, stx_blocks) \
	F(statx, stx_attributes_mask) F(statx, stx_atime) F(statx, stx_btime) \
	F(statx, stx_ctime) F(statx, stx_mtime) F(statx, stx_rdev_major) \
	F(statx, stx_rdev_minor) F(statx, stx_dev_major) F(statx, stx_dev_minor) \
	F(statfs, f_type) F(statfs, f_bsize) F(statfs, f_blocks) F(statfs, f_bfree) \
	F(statfs, f_bavail) F(statfs, f_files) F(statfs, f_ffree) F(statfs, f_fsid) \
	F(statfs, f_namelen) F(statfs, f_frsize) F(statfs, f_flags)

struct uapi_value {
	const char *name;
	long long value;
};
struct uapi_field {
	const char *name;
	unsigned long offset, size;
};
#define UAPI_X_VALUE(n) { #n, (long long)(n) },
#define UAPI_X_FIELD(s, f) { #s "." #f, offsetof(struct s, f), sizeof(((struct s *)0)->f) },
