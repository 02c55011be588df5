/*
 * priv: privileged instructions executed by the ring-1 guest kernel raise
 * #GP (vector 13, error code 0, saved EIP at the instruction) and have no
 * effect.  One check group per instruction: cli, sti, hlt, outb to 0x80,
 * inb from 0x60, mov to CR3 (the guest keeps running on its page tables),
 * mov to CR0 with WP clear (a write to a read-only page still faults),
 * lgdt, lidt, ltr (the tables are unchanged), wbinvd, invlpg, rdmsr,
 * wrmsr, and clts (the virtual TS set with fpu_taskswitch stays set).
 *
 * The operands are chosen to be harmless should an instruction run after
 * all: lgdt/lidt/ltr reload the current values, wrmsr writes
 * SYSENTER_CS, which the hypervisor does not use.
 *
 * Xen 3.0.4 emulates some of these for a PV kernel instead of forwarding
 * the #GP (ABI 5.2: CLTS, MOV to CR0/CR3, WBINVD, RDMSR/WRMSR, port I/O
 * the domain may use).  This hypervisor emulates none of them; these
 * checks pin that down and must change if emulation is added.
 */
#include "tests/guests/lib/guest.h"
#include "hypervisor/include/lib.h"

#define EFLAGS_IF 0x200
#define CR0_PE 0x00000001
#define CR0_PG 0x80000000

/* A 6-byte GDTR/IDTR image as sgdt/sidt store it. */
struct table_reg {
    uint16_t limit;
    uint32_t base;
} __attribute__((packed));


void try_cli(void *), try_sti(void *), try_hlt(void *), try_outb(void *),
    try_inb(void *), try_mov_cr3(void *), try_mov_cr0(void *),
    try_lgdt(void *), try_lidt(void *), try_ltr(void *), try_wbinvd(void *),
    try_invlpg(void *), try_rdmsr(void *), try_wrmsr(void *),
    try_clts(void *);
extern char cli_at[], sti_at[], hlt_at[], outb_at[], inb_at[], mov_cr3_at[],
    mov_cr0_at[], lgdt_at[], lidt_at[], ltr_at[], wbinvd_at[], invlpg_at[],
    rdmsr_at[], wrmsr_at[], clts_at[];

/*
 * Each routine: set up operands (from the pointer argument where there is
 * one), then the instruction at label NAME_at.
 */
__asm__(
    ".text\n"
    "try_cli:\n"
    "cli_at:  cli\n"
    "    ret\n"
    "try_sti:\n"
    "sti_at:  sti\n"
    "    ret\n"
    "try_hlt:\n"
    "hlt_at:  hlt\n"
    "    ret\n"
    "try_outb:\n"
    "    movb $0x55, %al\n"
    "outb_at: outb %al, $0x80\n"
    "    ret\n"
    "try_inb:\n"
    "inb_at:  inb $0x60, %al\n"
    "    ret\n"
    "try_mov_cr3:\n"
    "    xorl %eax, %eax\n"
    "mov_cr3_at: movl %eax, %cr3\n"
    "    ret\n"
    "try_mov_cr0:\n"
    "    movl 4(%esp), %eax\n"
    "    movl (%eax), %eax\n"
    "mov_cr0_at: movl %eax, %cr0\n"
    "    ret\n"
    "try_lgdt:\n"
    "    movl 4(%esp), %eax\n"
    "lgdt_at: lgdt (%eax)\n"
    "    ret\n"
    "try_lidt:\n"
    "    movl 4(%esp), %eax\n"
    "lidt_at: lidt (%eax)\n"
    "    ret\n"
    "try_ltr:\n"
    "    movl 4(%esp), %eax\n"
    "    movw (%eax), %ax\n"
    "ltr_at:  ltr %ax\n"
    "    ret\n"
    "try_wbinvd:\n"
    "wbinvd_at: wbinvd\n"
    "    ret\n"
    "try_invlpg:\n"
    "    movl 4(%esp), %eax\n"
    "invlpg_at: invlpg (%eax)\n"
    "    ret\n"
    "try_rdmsr:\n"
    "    movl $0x10, %ecx\n"                /* IA32_TIME_STAMP_COUNTER */
    "rdmsr_at: rdmsr\n"
    "    ret\n"
    "try_wrmsr:\n"
    "    movl $0x174, %ecx\n"               /* IA32_SYSENTER_CS */
    "    xorl %eax, %eax\n"
    "    xorl %edx, %edx\n"
    "wrmsr_at: wrmsr\n"
    "    ret\n"
    "try_clts:\n"
    "clts_at: clts\n"
    "    ret\n");

static void x87_op(void *arg)
{
    (void)arg;
    __asm__ volatile("fninit");
}

/* Write back the word that is already there: harmless if it succeeds. */
static void rewrite_word(void *p)
{
    volatile uint32_t *w = p;
    *w = *w;
}

static uint32_t read_eflags(void)
{
    uint32_t f;
    __asm__ volatile("pushfl; popl %0" : "=r"(f));
    return f;
}

/* Run the instruction; it must raise #GP(0) with EIP at the instruction. */
static void expect_gp(const char *name, void (*fn)(void *), void *arg,
                      const void *at)
{
    uint32_t before = trap_count;
    int trapped = guest_try(fn, arg);
    if (!trapped) {
        printf("%s: no exception\n", name);
        check(0, "%s ran in ring 1 without an exception", name);
        return;
    }
    printf("%s: vector %u error %x eip %08x\n", name, last_trap.vector,
           last_trap.error, last_trap.eip);
    check(trap_count - before == 1, "%s: %u exceptions", name,
          trap_count - before);
    check(last_trap.vector == 13, "%s: vector %u, expected 13", name,
          last_trap.vector);
    check(last_trap.error == 0, "%s: error code %x, expected 0", name,
          last_trap.error);
    check(last_trap.eip == (uint32_t)at, "%s: eip %08x, expected %08x", name,
          last_trap.eip, (uint32_t)at);
}

static void test_interrupt_flag(void)
{
    expect_gp("cli", try_cli, NULL, cli_at);
    check(read_eflags() & EFLAGS_IF, "cli cleared the real IF");
    expect_gp("sti", try_sti, NULL, sti_at);
    expect_gp("hlt", try_hlt, NULL, hlt_at);
}

static void test_port_io(void)
{
    expect_gp("outb 0x80", try_outb, NULL, outb_at);
    expect_gp("inb 0x60", try_inb, NULL, inb_at);
}

static void test_control_registers(void)
{
    /* CR3 = 0 would kill us at once: still running means unchanged. */
    expect_gp("mov to cr3", try_mov_cr3, NULL, mov_cr3_at);
    printf("still running after mov to cr3\n");

    /* smsw is allowed in ring 1; build a CR0 with WP (bit 16) clear. */
    uint16_t msw;
    __asm__ volatile("smsw %0" : "=r"(msw));
    uint32_t cr0 = CR0_PG | CR0_PE | msw;
    expect_gp("mov to cr0 (WP clear)", try_mov_cr0, &cr0, mov_cr0_at);
    uint32_t *l2 = (uint32_t *)start_info->pt_base;
    int faulted = guest_try(rewrite_word, &l2[0xC0000000u >> 22]);
    printf("write to read-only page after mov to cr0: %s, vector %u error %x\n",
           faulted ? "faulted" : "no exception", last_trap.vector,
           last_trap.error);
    check(faulted && last_trap.vector == 14 && last_trap.error == 3,
          "write to the read-only L2 after mov to cr0 did not #PF(3): WP "
          "cleared?");
}

static void test_descriptor_tables(void)
{
    struct table_reg gdtr, idtr, g, i;
    uint16_t tr, t;
    __asm__ volatile("sgdt %0; sidt %1; str %2"
                     : "=m"(gdtr), "=m"(idtr), "=m"(tr));
    expect_gp("lgdt", try_lgdt, &gdtr, lgdt_at);
    expect_gp("lidt", try_lidt, &idtr, lidt_at);
    expect_gp("ltr", try_ltr, &tr, ltr_at);
    __asm__ volatile("sgdt %0; sidt %1; str %2" : "=m"(g), "=m"(i), "=m"(t));
    check(g.base == gdtr.base && g.limit == gdtr.limit, "GDTR changed");
    check(i.base == idtr.base && i.limit == idtr.limit, "IDTR changed");
    check(t == tr, "TR changed");
}

static void test_cache_tlb_msr(void)
{
    expect_gp("wbinvd", try_wbinvd, NULL, wbinvd_at);
    expect_gp("invlpg", try_invlpg, (void *)start_info, invlpg_at);
    expect_gp("rdmsr", try_rdmsr, NULL, rdmsr_at);
    expect_gp("wrmsr", try_wrmsr, NULL, wrmsr_at);
}

/* clts must not clear the virtual TS: the next x87 op still gets #NM. */
static void test_clts(void)
{
    check(HYPERCALL1(__HYPERVISOR_fpu_taskswitch, 1) == 0, "fpu_taskswitch(1)");
    expect_gp("clts", try_clts, NULL, clts_at);
    int faulted = guest_try(x87_op, NULL);
    printf("x87 after clts: %s, vector %u\n",
           faulted ? "faulted" : "no exception", last_trap.vector);
    check(faulted && last_trap.vector == 7, "clts cleared TS: no #NM");
}

void guest_main(void)
{
    printf("priv guest: privileged instructions in ring 1\n");
    check(install_trap_table() == 0, "set_trap_table");
    test_interrupt_flag();
    test_port_io();
    test_control_registers();
    test_descriptor_tables();
    test_cache_tlb_msr();
    test_clts();
}
