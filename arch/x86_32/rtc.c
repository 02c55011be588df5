/* CMOS RTC: wait for no update in progress, read, decode BCD if used. */
#include "arch/x86_32/rtc.h"
#include "arch/x86_32/io.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71

static unsigned int cmos(unsigned int reg)
{
    outb(CMOS_INDEX, (uint8_t)reg);
    return inb(CMOS_DATA);
}

static unsigned int bcd(unsigned int v)
{
    return (v & 0x0F) + (v >> 4) * 10;
}

void rtc_read(struct rtc_time *t)
{
    for (int spin = 0; spin < 100000 && (cmos(0x0A) & 0x80); spin++)
        ;
    unsigned int sec = cmos(0x00), min = cmos(0x02), hour = cmos(0x04);
    unsigned int day = cmos(0x07), mon = cmos(0x08), year = cmos(0x09);
    unsigned int century = cmos(0x32);
    if (!(cmos(0x0B) & 0x04)) {         /* BCD mode */
        sec = bcd(sec);
        min = bcd(min);
        hour = bcd(hour & 0x7F) | (hour & 0x80);
        day = bcd(day);
        mon = bcd(mon);
        year = bcd(year);
        century = bcd(century);
    }
    if (!(cmos(0x0B) & 0x02) && (hour & 0x80))  /* 12-hour clock, PM */
        hour = ((hour & 0x7F) % 12) + 12;
    t->sec = sec;
    t->min = min;
    t->hour = hour & 0x7F;
    t->day = day;
    t->mon = mon;
    t->year = (century >= 19 && century <= 21 ? century : 20) * 100 + year;
}
