/*
 * The test guests' command line (start_info->cmd_line): words separated
 * by spaces, each a bare word or key=value.  A dom0 test guest learns
 * its scenario from it; a domU learns the domain ids, ports and grant
 * references its builder chose for it.
 */
#ifndef TEST_GUEST_ARGS_H
#define TEST_GUEST_ARGS_H
#include <stdint.h>

/* The first word of the command line, copied into buf ("" if none). */
void arg_first_word(char *buf, unsigned int size);
/* The value of key=value as a number (decimal or 0x hex): 0, or -1 if absent. */
int arg_uint(const char *key, uint32_t *out);
/* Copy the value of key=value into buf: 0, or -1 if absent. */
int arg_str(const char *key, char *buf, unsigned int size);
#endif
