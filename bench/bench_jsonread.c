/* bench_jsonread: the import's JSON reader (cli/jsonread.c) on one large dossier line, made
 * here as export writes it (a client with N instruments, bookkeeping fields included),
 * against reading the same bytes once (a copy and a scan for quotes). Reports time and
 * memory (growth of the resident peak and of the address space while the tree is held)
 * for each, and their ratio, so a reader that costs more than a constant per byte shows.
 *   bench_jsonread [MB ...]      sizes of the line in MiB (default 1.5 6)
 * Linux: memory from /proc/self/status; the resident peak is reset through
 * /proc/self/clear_refs before each measurement. */
#include "cli/jsonread.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A field of /proc/self/status in KiB ("VmHWM", "VmSize"). */
static long status_kib(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    size_t n = strlen(field);
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0 && line[n] == ':')
            v = strtol(line + n + 1, NULL, 10);
    if (f)
        fclose(f);
    return v;
}

static void reset_peak(void)
{
    FILE *f = fopen("/proc/self/clear_refs", "w");
    if (f) {
        fputs("5", f);
        fclose(f);
    }
}

/* One client line of about want bytes: instruments until it is that long. */
static char *dossier_line(size_t want, size_t *len, size_t *instruments)
{
    static const char head[] =
        "{\"bsn\":\"111222333\",\"first_name\":\"Anna\",\"last_name\":\"de Boer\","
        "\"birth_date\":\"1980-05-01\",\"applied_on\":\"2020-01-05\",\"instruments\":[";
    static const char item[] =
        "{\"instrument\":\"werkervaringsplaats\",\"goal\":null,\"provider\":\"Sociaal werkbedrijf "
        "Oost\",\"start\":\"2021-03-01\",\"planned_end\":\"2021-09-01\",\"actual_end\":"
        "\"2021-08-15\",\"cost_cents\":125000,\"status\":\"afgerond\",\"end_reason\":\"afgerond\","
        "\"result\":\"Werkritme opgebouwd; \\\"goed\\\" beoordeeld\",\"certificate_promised\":1,"
        "\"certificate_received\":0,\"created_at\":\"2021-03-01 09:00:00\",\"updated_at\":"
        "\"2021-08-15 16:30:00\",\"updated_by\":\"km.bakker\",\"extensions\":[]}";
    size_t cap = want + sizeof head + sizeof item + 8, n = 0;
    char *s = malloc(cap);
    if (s == NULL)
        return NULL;
    memcpy(s, head, sizeof head - 1);
    n = sizeof head - 1;
    *instruments = 0;
    while (n + sizeof item + 4 < want) {
        if (*instruments)
            s[n++] = ',';
        memcpy(s + n, item, sizeof item - 1);
        n += sizeof item - 1;
        (*instruments)++;
    }
    memcpy(s + n, "]}", 3);
    *len = n + 2;
    return s;
}

static void run(double mib)
{
    size_t len, instruments;
    char *line = dossier_line((size_t)(mib * 1024 * 1024), &len, &instruments);
    if (line == NULL) {
        fprintf(stderr, "bench_jsonread: out of memory\n");
        exit(1);
    }
    /* Reading the same bytes: a copy, and a pass that finds every quote. */
    long vm0 = status_kib("VmSize");
    reset_peak();
    long rss0 = status_kib("VmHWM");
    double t0 = seconds();
    char *copy = malloc(len);
    size_t quotes = 0;
    if (copy != NULL) {
        memcpy(copy, line, len);
        for (const char *q = copy; (q = memchr(q, '"', (size_t)(copy + len - q))) != NULL; q++)
            quotes++;
    }
    double t_read = seconds() - t0;
    long rss_read = status_kib("VmHWM") - rss0, vm_read = status_kib("VmSize") - vm0;
    free(copy);

    struct jval v;
    char msg[200];
    size_t col;
    vm0 = status_kib("VmSize");
    reset_peak();
    rss0 = status_kib("VmHWM");
    t0 = seconds();
    int rc = json_parse(line, len, &v, msg, sizeof msg, &col);
    double t_parse = seconds() - t0;
    long rss_parse = status_kib("VmHWM") - rss0, vm_parse = status_kib("VmSize") - vm0;
    if (rc != 0) {
        fprintf(stderr, "bench_jsonread: %s (kolom %zu)\n", msg, col);
        exit(1);
    }
    json_free(&v);
    double kib = (double)len / 1024;
    printf("line %.1f MiB, %zu instruments, %zu quotes\n", (double)len / 1048576, instruments,
           quotes);
    printf("  read the bytes  %8.3f s  peak +%7ld KiB  address space +%7ld KiB\n", t_read, rss_read,
           vm_read);
    printf("  json_parse      %8.3f s  peak +%7ld KiB  address space +%7ld KiB\n", t_parse,
           rss_parse, vm_parse);
    printf("  per input byte: parse peak %.1f, address space %.1f (reading: %.1f); "
           "time %.0f x reading\n",
           (double)rss_parse / kib, (double)vm_parse / kib, (double)rss_read / kib,
           t_read > 0 ? t_parse / t_read : 0.0);
    free(line);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        run(1.5);
        run(6);
    }
    for (int i = 1; i < argc; i++)
        run(atof(argv[i]));
    return 0;
}
