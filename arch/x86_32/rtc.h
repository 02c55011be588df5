/* The CMOS real-time clock. */
#ifndef ARCH_X86_32_RTC_H
#define ARCH_X86_32_RTC_H
struct rtc_time {
    unsigned int year, mon, day, hour, min, sec;
};
/* Read the date and time (UTC, as the RTC is kept on PCs for Xen). */
void rtc_read(struct rtc_time *t);
#endif
