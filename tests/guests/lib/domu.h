/*
 * For test guests that run as a domU, built by a dom0 test guest: checks
 * that also decide how the domain shuts down, so that dom0 learns the
 * outcome from the shutdown reason (poweroff: every check held; crash:
 * one failed) as well as the log does from "FAIL:" lines.
 */
#ifndef TEST_GUEST_DOMU_H
#define TEST_GUEST_DOMU_H
#include "tests/guests/lib/guest.h"

extern unsigned int domu_failures;

/* check() that also counts the failure for domu_finish(). */
#define domu_check(ok, ...)                     \
    do {                                        \
        int ok_ = !!(ok);                       \
        if (!ok_)                               \
            domu_failures++;                    \
        check(ok_, __VA_ARGS__);                \
    } while (0)

/* Print the RESULT line; power off if every domu_check held, else crash. */
void domu_finish(void) __attribute__((noreturn));
#endif
