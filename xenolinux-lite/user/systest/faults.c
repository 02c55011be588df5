/*
 * Faults: a child that does something a user program may not (touch the
 * kernel or the hypervisor, run a privileged or undefined instruction,
 * divide by zero, load a bad segment) is killed, and its parent's wait()
 * returns its pid.  Unknown system-call numbers fail with -1.
 */
#include "systest.h"

static int
write_kernel(int unused)
{
    (void)unused;
    *(volatile int *)KERNEL_ADDR = 1;
    return 0;
}

static int
read_hypervisor(int unused)
{
    (void)unused;
    return *(volatile int *)HV_ADDR == 12345;
}

static int
write_past_memory(int unused)
{
    (void)unused;
    *(volatile char *)(sbrk(0) + 64 * PGSIZE) = 1;
    return 0;
}

static int
call_kernel(int unused)
{
    (void)unused;
    asm volatile("call *%0" : : "r"(KERNEL_ADDR) : "memory");
    return 0;
}

static int
undefined_instruction(int unused)
{
    (void)unused;
    asm volatile("ud2");
    return 0;
}

static int
divide_by_zero(int unused)
{
    int quotient;

    asm volatile("divl %2" : "=a"(quotient) : "a"(1), "r"(unused), "d"(0));
    return quotient == 12345;
}

static int
disable_interrupts(int unused)
{
    (void)unused;
    asm volatile("cli");
    return 0;
}

static int
halt(int unused)
{
    (void)unused;
    asm volatile("hlt");
    return 0;
}

static int
port_input(int unused)
{
    unsigned char value;

    (void)unused;
    asm volatile("inb $0x60, %0" : "=a"(value));
    return value == 0x5a;
}

static int
bad_segment(int unused)
{
    (void)unused;
    asm volatile("movw %w0, %%ds" : : "r"(0x1234));
    return 0;
}

static int
software_interrupt(int unused)
{
    (void)unused;
    asm volatile("int $0x80" : : : "memory");
    return 0;
}

static const struct {
    int (*body)(int);
    const char *what;
} faulting[] = {
    { write_kernel, "a child writing to the kernel is killed" },
    { read_hypervisor, "a child reading the hypervisor is killed" },
    { write_past_memory, "a child writing past its memory is killed" },
    { call_kernel, "a child jumping into the kernel is killed" },
    { undefined_instruction, "a child executing ud2 is killed" },
    { divide_by_zero, "a child dividing by zero is killed" },
    { disable_interrupts, "a child executing cli is killed" },
    { halt, "a child executing hlt is killed" },
    { port_input, "a child reading an I/O port is killed" },
    { bad_segment, "a child loading a bad segment is killed" },
    { software_interrupt, "a child raising int $0x80 is killed" },
};

void
test_faults(void)
{
    uint i;

    for (i = 0; i < sizeof(faulting) / sizeof(faulting[0]); i++)
        CHECK(in_child(faulting[i].body, 0) == CHILD_DIED, faulting[i].what);

    CHECK(getpid() > 0, "the parent lives on");
    CHECK(raw_syscall(0) == -1, "system call 0 fails");
    CHECK(raw_syscall(NSYSCALL + 2) == -1, "an unknown system call fails");
    CHECK(raw_syscall(1000) == -1, "system call 1000 fails");
    CHECK(raw_syscall(-1) == -1, "system call -1 fails");
    CHECK(raw_syscall((int)0x80000000) == -1, "system call 0x80000000 fails");
}
