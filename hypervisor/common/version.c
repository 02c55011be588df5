/* xen_version (#17): we report the 3.0 interface that we implement. */
#include "hypervisor/include/domain.h"
#include "hypervisor/include/hypercall.h"
#include "hypervisor/include/mm.h"
#include "hypervisor/include/lib.h"
#include "public/version.h"
#include "public/errno.h"

#define HV_EXTRAVERSION "-xenhv"

static long copy_string_out(uint32_t dst, const char *s, size_t size)
{
    char buf[1024];
    memset(buf, 0, size);
    strlcpy_hv(buf, s, size);
    return copy_to_guest(dst, buf, size) < 0 ? -EFAULT : 0;
}

long do_xen_version(const uint32_t arg[5])
{
    uint32_t cmd = arg[0], p = arg[1];
    switch (cmd) {
    case XENVER_version:
        return (3 << 16) | 0;
    case XENVER_extraversion:
        return copy_string_out(p, HV_EXTRAVERSION, sizeof(xen_extraversion_t));
    case XENVER_compile_info: {
        xen_compile_info_t info;
        memset(&info, 0, sizeof(info));
        strlcpy_hv(info.compiler, "gcc " __VERSION__, sizeof(info.compiler));
        strlcpy_hv(info.compile_by, "xenhv", sizeof(info.compile_by));
        strlcpy_hv(info.compile_domain, "local", sizeof(info.compile_domain));
        strlcpy_hv(info.compile_date, __DATE__, sizeof(info.compile_date));
        return copy_to_guest(p, &info, sizeof(info)) < 0 ? -EFAULT : 0;
    }
    case XENVER_capabilities:
        return copy_string_out(p, "xen-3.0-x86_32", sizeof(xen_capabilities_info_t));
    case XENVER_changeset:
        return copy_string_out(p, "unavailable", sizeof(xen_changeset_info_t));
    case XENVER_platform_parameters: {
        xen_platform_parameters_t pp = { .virt_start = HYPERVISOR_VIRT_START };
        return copy_to_guest(p, &pp, sizeof(pp)) < 0 ? -EFAULT : 0;
    }
    case XENVER_get_features: {
        xen_feature_info_t fi;
        if (copy_from_guest(&fi, p, sizeof(fi)) < 0)
            return -EFAULT;
        if (fi.submap_idx != 0)
            return -EINVAL;
        fi.submap = 0;
        return copy_to_guest(p, &fi, sizeof(fi)) < 0 ? -EFAULT : 0;
    }
    case XENVER_pagesize:
        return p ? -EINVAL : (long)PAGE_SIZE;
    case XENVER_guest_handle: {
        xen_domain_handle_t h;
        memset(h, 0, sizeof(h));
        return copy_to_guest(p, h, sizeof(h)) < 0 ? -EFAULT : 0;
    }
    default:
        return -ENOSYS;
    }
}
