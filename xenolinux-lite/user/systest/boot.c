/*
 * Our boot extensions (boot.h): bootrun copies the kernel's "run="
 * option whole or not at all, and refuses bad buffers; poweroff is for
 * init alone, so systest (never pid 1) must get -1 and go on running.
 */
#include "systest.h"
#include "boot.h"

#define NAME_MAX_LEN 64

void
test_boot(void)
{
    static char name[NAME_MAX_LEN], again[NAME_MAX_LEN];
    int n;

    n = bootrun(name, sizeof(name));
    CHECK(n >= 0 && (uint)n == strlen(name),
          "bootrun returns the length of the name it copied");
    printf(1, "systest:   booted with run=%s\n", n > 0 ? name : "(none)");
    if (n > 0) {
        CHECK(bootrun(again, n) == -1, "bootrun without room for the NUL fails");
        CHECK(bootrun(again, n + 1) == n && strcmp(again, name) == 0,
              "bootrun with just enough room copies the same name");
    }
    CHECK(bootrun(name, 0) == -1, "bootrun into 0 bytes fails");
    CHECK(bootrun(KERNEL_ADDR, NAME_MAX_LEN) == -1,
          "bootrun into the kernel's memory fails");
    CHECK(bootrun(sbrk(0), NAME_MAX_LEN) == -1,
          "bootrun past the end of memory fails");

    CHECK(getpid() != 1, "systest is not init");
    CHECK(poweroff() == -1, "poweroff by a process other than init fails");
}
