/* fcntl09: F_SETLK write and read locks, placed and removed (fcntl_setlk.h). */
#define SETLK_CMD	F_SETLK
#define SETLK_NAME	"F_SETLK"
#include "fcntl_setlk.h"
