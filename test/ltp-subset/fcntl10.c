/* fcntl10: F_SETLKW write and read locks, placed and removed (fcntl_setlk.h). */
#define SETLK_CMD	F_SETLKW
#define SETLK_NAME	"F_SETLKW"
#include "fcntl_setlk.h"
