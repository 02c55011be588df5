/*
 * domctl argument checks (hypervisor/common/domctl_check.c): who may call,
 * the interface version, and each command's own ranges, before any state
 * is looked at.
 */
// uses: hypervisor/common/domctl_check.c
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "hypervisor/include/domctl_check.h"
#include "public/xen.h"
#include "public/errno.h"

static xen_domctl_t op_for(uint32_t cmd)
{
    xen_domctl_t op;
    memset(&op, 0, sizeof(op));
    op.cmd = cmd;
    op.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    return op;
}

static void test_unprivileged_caller_gets_eperm(void **state)
{
    (void)state;
    xen_domctl_t op = op_for(XEN_DOMCTL_getdomaininfo);
    assert_int_equal(domctl_check(&op, 0), -EPERM);
    assert_int_equal(domctl_check(&op, 1), 0);
}

static void test_wrong_interface_version_gets_eacces(void **state)
{
    (void)state;
    xen_domctl_t op = op_for(XEN_DOMCTL_getdomaininfo);
    op.interface_version = 3;
    assert_int_equal(domctl_check(&op, 1), -EACCES);
    op.interface_version = XEN_DOMCTL_INTERFACE_VERSION + 1;
    assert_int_equal(domctl_check(&op, 1), -EACCES);
}

static void test_unknown_command_gets_enosys(void **state)
{
    (void)state;
    xen_domctl_t op = op_for(XEN_DOMCTL_shadow_op);
    assert_int_equal(domctl_check(&op, 1), -ENOSYS);
    op = op_for(999);
    assert_int_equal(domctl_check(&op, 1), -ENOSYS);
}

static void test_createdomain_reserved_ids_refused(void **state)
{
    (void)state;
    xen_domctl_t op = op_for(XEN_DOMCTL_createdomain);
    op.domain = 0;                          /* pick one */
    assert_int_equal(domctl_check(&op, 1), 0);
    op.domain = DOMID_FIRST_RESERVED - 1;
    assert_int_equal(domctl_check(&op, 1), 0);
    op.domain = DOMID_FIRST_RESERVED;
    assert_int_equal(domctl_check(&op, 1), -EINVAL);
    op.domain = DOMID_SELF;
    assert_int_equal(domctl_check(&op, 1), -EINVAL);
    op.domain = 0xFFFF;
    assert_int_equal(domctl_check(&op, 1), -EINVAL);
}

static void test_max_vcpus_beyond_limit_refused(void **state)
{
    (void)state;
    xen_domctl_t op = op_for(XEN_DOMCTL_max_vcpus);
    op.u.max_vcpus.max = MAX_VIRT_CPUS;
    assert_int_equal(domctl_check(&op, 1), 0);
    op.u.max_vcpus.max = MAX_VIRT_CPUS + 1;
    assert_int_equal(domctl_check(&op, 1), -EINVAL);
}

static void test_max_mem_beyond_32bit_frames_refused(void **state)
{
    (void)state;
    xen_domctl_t op = op_for(XEN_DOMCTL_max_mem);
    op.u.max_mem.max_memkb = 4ull * 0xFFFFFFFFull;
    assert_int_equal(domctl_check(&op, 1), 0);
    op.u.max_mem.max_memkb = 4ull * 0x100000000ull;
    assert_int_equal(domctl_check(&op, 1), -EINVAL);
}

static void test_scheduler_op_rules(void **state)
{
    (void)state;
    xen_domctl_t op = op_for(XEN_DOMCTL_scheduler_op);
    op.u.scheduler_op.sched_id = XEN_SCHEDULER_SEDF;
    assert_int_equal(domctl_check(&op, 1), -EINVAL);
    op.u.scheduler_op.sched_id = XEN_SCHEDULER_CREDIT;
    op.u.scheduler_op.cmd = XEN_DOMCTL_SCHEDOP_getinfo;
    assert_int_equal(domctl_check(&op, 1), 0);
    op.u.scheduler_op.cmd = XEN_DOMCTL_SCHEDOP_putinfo;
    op.u.scheduler_op.u.credit.cap = 100;
    assert_int_equal(domctl_check(&op, 1), 0);
    op.u.scheduler_op.u.credit.cap = 101;
    assert_int_equal(domctl_check(&op, 1), -EINVAL);
    op.u.scheduler_op.cmd = 7;
    op.u.scheduler_op.u.credit.cap = 0;
    assert_int_equal(domctl_check(&op, 1), -EINVAL);
}

static void test_vcpu_number_beyond_limit_esrch(void **state)
{
    (void)state;
    xen_domctl_t op = op_for(XEN_DOMCTL_setvcpucontext);
    op.u.vcpucontext.vcpu = MAX_VIRT_CPUS - 1;
    assert_int_equal(domctl_check(&op, 1), 0);
    op.u.vcpucontext.vcpu = MAX_VIRT_CPUS;
    assert_int_equal(domctl_check(&op, 1), -ESRCH);
    op = op_for(XEN_DOMCTL_getvcpuinfo);
    op.u.getvcpuinfo.vcpu = 0x80000000u;
    assert_int_equal(domctl_check(&op, 1), -ESRCH);
}

static void test_hypercall_init_frame_above_4gb_eacces(void **state)
{
    (void)state;
    xen_domctl_t op = op_for(XEN_DOMCTL_hypercall_init);
    op.u.hypercall_init.gmfn = 0xFFFFF;
    assert_int_equal(domctl_check(&op, 1), 0);
    op.u.hypercall_init.gmfn = 1ull << 32;
    assert_int_equal(domctl_check(&op, 1), -EACCES);
}

static void test_vcpu_context_ranges(void **state)
{
    (void)state;
    static vcpu_guest_context_t c;
    memset(&c, 0, sizeof(c));
    assert_int_equal(vcpu_context_check(&c), 0);
    c.ldt_ents = 8192;
    c.ldt_base = 0x10000;
    assert_int_equal(vcpu_context_check(&c), 0);
    c.ldt_ents = 8193;
    assert_int_equal(vcpu_context_check(&c), -EINVAL);
    c.ldt_ents = 1;
    c.ldt_base = 0x10010;                   /* not page aligned */
    assert_int_equal(vcpu_context_check(&c), -EINVAL);
    c.ldt_base = HYPERVISOR_VIRT_START;
    assert_int_equal(vcpu_context_check(&c), -EINVAL);
    c.ldt_ents = 0;
    c.ldt_base = 0;
    c.gdt_ents = FIRST_RESERVED_GDT_ENTRY;
    assert_int_equal(vcpu_context_check(&c), 0);
    c.gdt_ents = FIRST_RESERVED_GDT_ENTRY + 1;
    assert_int_equal(vcpu_context_check(&c), -EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unprivileged_caller_gets_eperm),
        cmocka_unit_test(test_wrong_interface_version_gets_eacces),
        cmocka_unit_test(test_unknown_command_gets_enosys),
        cmocka_unit_test(test_createdomain_reserved_ids_refused),
        cmocka_unit_test(test_max_vcpus_beyond_limit_refused),
        cmocka_unit_test(test_max_mem_beyond_32bit_frames_refused),
        cmocka_unit_test(test_scheduler_op_rules),
        cmocka_unit_test(test_vcpu_number_beyond_limit_esrch),
        cmocka_unit_test(test_hypercall_init_frame_above_4gb_eacces),
        cmocka_unit_test(test_vcpu_context_ranges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
