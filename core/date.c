#include "core/date.h"

#include <stdio.h>
#include <string.h>

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int md[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return (m == 2 && leap(y)) ? 29 : md[m - 1];
}

bool date_valid(int y, int m, int d)
{
    return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
long date_days(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void date_ymd(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Reads 1..maxlen digits; returns chars consumed or 0. */
static int digits(const char *s, int maxlen, int *val)
{
    int n = 0, v = 0;
    while (n < maxlen && s[n] >= '0' && s[n] <= '9')
        v = v * 10 + (s[n++] - '0');
    *val = v;
    return n;
}

bool date_parse(const char *s, long *days)
{
    int a, b, c, n1, n2, n3;
    if (s == NULL)
        return false;
    n1 = digits(s, 4, &a);
    if (n1 == 0 || s[n1] != '-')
        return false;
    n2 = digits(s + n1 + 1, 2, &b);
    if (n2 == 0 || s[n1 + 1 + n2] != '-')
        return false;
    n3 = digits(s + n1 + n2 + 2, 4, &c);
    if (n3 == 0 || s[n1 + n2 + 2 + n3] != '\0')
        return false;
    int y, m, d;
    if (n1 == 4 && n2 == 2 && n3 == 2) {
        y = a;
        m = b;
        d = c; /* ISO 2026-03-01 */
    } else if (n1 <= 2 && n3 == 4) {
        d = a;
        m = b;
        y = c; /* Dutch 1-3-2026 */
    } else {
        return false;
    }
    if (!date_valid(y, m, d))
        return false;
    *days = date_days(y, m, d);
    return true;
}

void date_format_iso(long days, char out[11])
{
    int y, m, d;
    date_ymd(days, &y, &m, &d);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}

long date_add_months(long days, int months)
{
    int y, m, d;
    date_ymd(days, &y, &m, &d);
    int total = y * 12 + (m - 1) + months;
    y = total / 12;
    m = total % 12 + 1;
    if (d > month_days(y, m))
        d = month_days(y, m);
    return date_days(y, m, d);
}

void date_format_nl(long days, char out[11])
{
    int y, m, d;
    date_ymd(days, &y, &m, &d);
    snprintf(out, 11, "%u-%u-%04u", (unsigned)d % 100u, (unsigned)m % 100u, (unsigned)y % 10000u);
}
