/* Freestanding string and memory functions (lib/string.c). */
#ifndef TERN_STRING_H
#define TERN_STRING_H

#include <tern/types.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
/* Copies at most size-1 bytes and always terminates (when size > 0);
 * returns strlen(src) so truncation is detectable. */
size_t strlcpy(char *dst, const char *src, size_t size);
/* Parses an unsigned decimal or 0x-hex number; *end gets the stop point. */
unsigned long strtoul(const char *s, char **end, int base);

#endif
