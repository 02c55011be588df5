/*
 * The boot sequence: from the multiboot entry to dom0's first instruction.
 */
#include "hypervisor/include/console.h"
#include "hypervisor/include/options.h"
#include "hypervisor/include/shutdown.h"
#include "hypervisor/include/mm.h"
#include "hypervisor/include/domain.h"
#include "hypervisor/include/dom0_build.h"
#include "hypervisor/include/traps.h"
#include "hypervisor/include/lib.h"
#include "hypervisor/include/time.h"
#include "hypervisor/include/sched.h"
#include "arch/x86_32/multiboot.h"
#include "arch/x86_32/tables.h"
#include "arch/x86_32/cpu.h"
#include "arch/x86_32/pit.h"

#define HV_STACK_PAGES 4

static struct hv_options opts;
static struct boot_module boot_modules[2];
static char hv_cmdline[1024];

static void report_bad_option(const char *word, const char *why)
{
    printk(LOG_WARN, "ignoring option '%s': %s\n", word, why);
}

/* Copy the module's string, minus its first word (the image's name). */
static void module_cmdline(const struct multiboot_module *m, char *out,
                           size_t n)
{
    out[0] = 0;
    if (!m->string)
        return;
    const char *s = maddr_to_virt(m->string);
    while (*s == ' ')
        s++;
    while (*s && *s != ' ')
        s++;
    while (*s == ' ')
        s++;
    strlcpy_hv(out, s, n);
}

static int read_modules(const struct multiboot_info *mbi)
{
    if (!(mbi->flags & MBI_MODS) || mbi->mods_count == 0)
        return 0;
    const struct multiboot_module *m = maddr_to_virt(mbi->mods_addr);
    int n = mbi->mods_count > 2 ? 2 : (int)mbi->mods_count;
    for (int i = 0; i < n; i++) {
        boot_modules[i].start = m[i].mod_start;
        boot_modules[i].end = m[i].mod_end;
        module_cmdline(&m[i], boot_modules[i].cmdline,
                       sizeof(boot_modules[i].cmdline));
    }
    return n;
}

/* Xen's default: all free memory less 1/16 of it, at most 128 MB less. */
static uint32_t dom0_pages(void)
{
    uint32_t avail = domheap_free_count();
    if (opts.dom0_mem_bytes) {
        uint64_t want = opts.dom0_mem_bytes >> PAGE_SHIFT;
        if (want > avail) {
            printk(LOG_WARN, "dom0_mem: only %u MB available\n", avail >> 8);
            want = avail;
        }
        return (uint32_t)want;
    }
    uint32_t reserve = MIN(avail / 16, 128u << 8);
    return avail - reserve;
}


void hv_start(uint32_t magic, uint32_t mbi_maddr)
{
    const struct multiboot_info *mbi = maddr_to_virt(mbi_maddr);

    console_init(NULL);
    if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
        panic("not started by a multiboot loader (magic %#x)", magic);
    if (mbi->flags & MBI_CMDLINE)
        strlcpy_hv(hv_cmdline, maddr_to_virt(mbi->cmdline), sizeof(hv_cmdline));
    options_defaults(&opts);
    int rejected = options_parse(hv_cmdline, &opts, NULL);
    console_init(opts.console);
    console_set_level(opts.loglvl);
    shutdown_set_exit_port(opts.qemu_exit_port);
    printk(LOG_INFO, "xenhv: a Xen 3.0-compatible hypervisor for 32-bit x86\n");
    printk(LOG_INFO, "command line: %s\n", hv_cmdline);
    if (rejected)
        options_parse(hv_cmdline, &opts, report_bad_option);

    int nr_mods = read_modules(mbi);
    frames_init(mbi);
    hv_slots_init();
    cpu_tables_init();
    write_cr0(read_cr0() | CR0_WP);
    write_cr4(read_cr4() & ~CR4_TSD);

    void *stack = alloc_xenheap_pages(HV_STACK_PAGES);
    if (!stack)
        panic("out of memory for the hypervisor stack");
    entry_percpu->hv_stack_top = (uint32_t)(uintptr_t)stack +
                                 HV_STACK_PAGES * PAGE_SIZE;
    time_init();
    irq_init();
    frames_report(LOG_INFO);

    if (nr_mods == 0)
        panic("no dom0 kernel: give it as the first multiboot module");
    struct domain *d0 = domain_create(0, 1);
    if (!d0)
        panic("cannot create dom0");
    char err[160];
    if (dom0_build(d0, &boot_modules[0], nr_mods > 1 ? &boot_modules[1] : NULL,
                   dom0_pages(), err, sizeof(err)) < 0)
        panic("cannot build dom0: %s", err);
    for (int i = 0; i < nr_mods; i++)
        frames_release_range(boot_modules[i].start, boot_modules[i].end);
    frames_report(LOG_INFO);

    if (opts.selftest_fault) {
        printk(LOG_INFO, "selftest: reading an unmapped hypervisor address\n");
        (void)*(volatile uint32_t *)(MAPWIN_START + (MAPWIN_PAGES - 1) * PAGE_SIZE);
    }

    domain_update_wallclock(d0);
    printk(LOG_INFO, "starting dom0\n");
    sched_request();
    return_to_guest();
}
