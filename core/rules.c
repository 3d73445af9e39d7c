#include "core/rules.h"
#include "core/clientfields.h"

#include "core/casefile.h"
#include "core/date.h"

#include <string.h>

int rules_not_future(long date, long today, const char *what, struct kv_error *err)
{
    if (date == NO_DATE || today == NO_DATE || date <= today)
        return KV_OK;
    char d[11], t[11];
    date_format_nl(date, d);
    date_format_nl(today, t);
    return kv_error_set(err, KV_EUSAGE, "date after today", "%s (%s) ligt na vandaag (%s).", what,
                        d, t);
}

int rules_end_not_before_start(long start, long end, const char *what, struct kv_error *err)
{
    if (start == NO_DATE || end == NO_DATE || end >= start)
        return KV_OK;
    char s[11], e[11];
    date_format_nl(start, s);
    date_format_nl(end, e);
    return kv_error_set(err, KV_EUSAGE, "end before start",
                        "%s: het einde (%s) ligt voor het "
                        "begin (%s).",
                        what, e, s);
}

int rules_nazorg_period(long start, long end, struct kv_error *err)
{
    if (start == NO_DATE || end == NO_DATE)
        return KV_OK;
    long last = date_add_months(start, RULES_NAZORG_MONTHS);
    if (end <= last)
        return KV_OK;
    char s[11], l[11];
    date_format_nl(start, s);
    date_format_nl(last, l);
    return kv_error_set(err, KV_EUSAGE, "nazorg too long",
                        "Nazorg duurt hooguit %d maanden: "
                        "vanaf %s uiterlijk tot %s.",
                        RULES_NAZORG_MONTHS, s, l);
}

int rules_adult_at(long birth, long on, struct kv_error *err)
{
    if (birth == NO_DATE || on == NO_DATE)
        return KV_OK;
    long adult = date_add_months(birth, 12 * RULES_MIN_AGE);
    if (on >= adult)
        return KV_OK;
    char b[11], o[11];
    date_format_nl(birth, b);
    date_format_nl(on, o);
    return kv_error_set(err, KV_EUSAGE, "client under 18",
                        "Een klant is bij aanmelding "
                        "minstens %d (Participatiewet); geboren %s is op %s te jong.",
                        RULES_MIN_AGE, b, o);
}

int rules_phone(const char *phone, struct kv_error *err)
{
    if (phone == NULL || *phone == '\0')
        return KV_OK;
    int digits = 0, ok = 1;
    for (const char *p = phone; *p && ok; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (*p == '+')
            ok = p == phone;
        else
            ok = strchr(" -.()", *p) != NULL;
    }
    if (ok && digits >= 10 && digits <= 15)
        return KV_OK;
    return kv_error_set(err, KV_EUSAGE, "bad phone",
                        "Telefoonnummer '%.40s' is ongeldig: 10 tot "
                        "15 cijfers, + alleen vooraan (06-12345678, +31 6 1234 5678).",
                        phone);
}

/* Bytes never in an address: white space and controls, and what RFC 5322 reserves. */
static int email_byte_ok(unsigned char c)
{
    return c > ' ' && c != 0x7f && strchr("()<>,;:\\\"[]", c) == NULL;
}

static int email_ok(const char *s)
{
    size_t len = strlen(s);
    const char *at = strchr(s, '@');
    if (len > 254 || at == NULL || at == s || at - s > 64 || strchr(at + 1, '@'))
        return 0;
    for (const char *p = s; *p; p++)
        if (*p != '@' && !email_byte_ok((unsigned char)*p))
            return 0;
    const char *dom = at + 1, *end = s + len;
    if (*dom == '\0' || *dom == '.' || *dom == '-' || end[-1] == '.' || end[-1] == '-' ||
        s[0] == '.' || at[-1] == '.' || strstr(s, "..") || strchr(dom, '.') == NULL)
        return 0;
    return 1;
}

int rules_email(const char *email, struct kv_error *err)
{
    if (email == NULL || *email == '\0' || email_ok(email))
        return KV_OK;
    return kv_error_set(err, KV_EUSAGE, "bad e-mail",
                        "E-mailadres '%.60s' is ongeldig (zoals "
                        "naam@voorbeeld.nl).",
                        email);
}

int rules_postcode(const char *postcode, struct kv_error *err)
{
    char norm[8];
    /* Stored as the forms and `client edit` write it: "1234 AB". */
    if (postcode == NULL || *postcode == '\0' ||
        (client_postcode(postcode, norm) == 0 && strcmp(norm, postcode) == 0))
        return KV_OK;
    return kv_error_set(err, KV_EUSAGE, "bad postcode",
                        "Postcode '%.20s' is ongeldig (zoals "
                        "1234 AB).",
                        postcode);
}

int rules_bsn(const char *bsn, char out[BSN_LEN + 1], struct kv_error *err)
{
    if (bsn_parse(bsn, out))
        return KV_OK;
    return kv_error_set(err, KV_EUSAGE, "bad BSN",
                        "BSN '%.20s' is ongeldig (9 cijfers en de "
                        "elfproef).",
                        bsn ? bsn : "");
}

static const char *const statuses[] = {"aanmelding", "actief", "uitgestroomd",
                                       "nazorg",     "terug",  "afgesloten"};

int rules_client_status(const char *status, struct kv_error *err)
{
    for (size_t i = 0; status && i < sizeof statuses / sizeof statuses[0]; i++)
        if (strcmp(status, statuses[i]) == 0)
            return KV_OK;
    return kv_error_set(err, KV_EUSAGE, "unknown status",
                        "Status '%.30s' bestaat niet "
                        "(aanmelding, actief, uitgestroomd, nazorg, terug of afgesloten).",
                        status ? status : "");
}
