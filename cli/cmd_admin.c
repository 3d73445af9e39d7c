/* cmd_admin.c: the administrative subcommands: init, user, passwd, rekey, check, backup. */
#include "cli/cli.h"
#include "cli/conf.h"
#include "host/batch.h"
#include "host/priv.h"
#include "host/env.h"
#include "host/out.h"
#include "host/prompt.h"
#include "storage/figures_summary.h"
#include "storage/audit.h"
#include "storage/keys.h"
#include "storage/maint.h"
#include "storage/schema.h"
#include "storage/users.h"
#include "storage/login.h"

#include <stdarg.h>
#include <grp.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

__attribute__((format(printf, 1, 2))) static int usage(const char *fmt, ...)
{
    va_list ap;
    char msg[600];
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    out_printf(stderr, "klantvolg: %s\nZie 'klantvolg --help' of man klantvolg.\n", msg);
    return KV_EUSAGE;
}

static int only(struct cli *c, unsigned allowed, const char *cmd)
{
    char msg[200];
    if (args_only(&c->a, allowed, cmd, msg, sizeof msg) != 0)
        return usage("%s", msg);
    return 0;
}

#define OPEN_OPTS (OPT_DB | OPT_USER | OPT_PASSFD)

int cmd_init(struct cli *c)
{
    struct kv_error err;
    struct pass p;
    int rc = only(c, OPT_DB | OPT_USER | OPT_NEWPASSFD | OPT_NAME | OPT_GROUP, "init");
    if (rc || c->a.nwords != 1)
        return rc ? rc : usage("%s", "init neemt geen argumenten");
    if (env_make_parent(c->db_path, &err) != KV_OK)
        return cli_report(&err);
    char prompt[160];
    snprintf(prompt, sizeof prompt, "Nieuw wachtwoord voor beheerder %s: ", c->user);
    if (prompt_new_passphrase(prompt, c->a.newpassfd, &p, &err) != KV_OK)
        return cli_report(&err);
    if (p.len < PASSPHRASE_MIN) {
        pass_free(&p);
        kv_error_set(&err, KV_EUSAGE, "short", "Het wachtwoord is te kort: minstens %d tekens.",
                     PASSPHRASE_MIN);
        return cli_report(&err);
    }
    /* On the served database the file belongs to the installation's group (priv.h). */
    const char *group = c->a.group;
    struct group *g = priv_active() && group == NULL ? getgrgid(getegid()) : NULL;
    if (g != NULL)
        group = g->gr_name;
    rc = db_create(c->db_path, c->user, c->a.name, p.buf, p.len, &KDF_DEFAULT, c->now, group, &err);
    pass_free(&p);
    if (rc != KV_OK)
        return cli_report(&err);
    out_printf(stdout, "Database %s aangemaakt; %s is beheerder.\n", c->db_path, c->user);
    if (group)
        out_printf(stdout,
                   "Gedeeld met groep %s (rechten 0660); het dagboekbestand krijgt dezelfde.\n",
                   group);
    return 0;
}

/* A user's slot as `user list` shows it. */
static const char *slot_column(const struct header *h, const char *name)
{
    struct slot *first = NULL;
    int n = 0;
    for (uint32_t i = 0; i < h->nslots; i++)
        if (strncmp(h->slots[i].name, name, SLOT_NAME_BYTES) == 0 && n++ == 0)
            first = (struct slot *)&h->slots[i];
    if (n > 1)
        return "DUBBEL";
    return first == NULL ? "geen" : slot_is_empty(first) ? "leeg" : "ja";
}

/* Slots that belong to no user row shown above: planted, left behind, or recovery. */
static int list_other_slots(struct db *db, struct user_rec *u, size_t n, int tsv)
{
    struct kv_error err;
    const struct header *h = db->hdr;
    enum slot_kind *kinds = calloc(h->nslots ? h->nslots : 1, sizeof *kinds);
    if (kinds == NULL || keys_classify(db, h, kinds, &err) != KV_OK) {
        free(kinds);
        return kinds == NULL ? KV_ERR : cli_report(&err);
    }
    int header_printed = 0;
    for (uint32_t i = 0; i < h->nslots; i++) {
        int has_row = 0;
        for (size_t j = 0; j < n && !has_row; j++)
            has_row = u[j].active && strncmp(u[j].name, h->slots[i].name, SLOT_NAME_BYTES) == 0;
        if (has_row && kinds[i] != SLOT_KIND_DUPLICATE)
            continue;
        const char *what = keys_kind_label(kinds[i]);
        if (tsv) {
            out_printf(stdout, "%s\t-\tsleutel: %s\t\t\tja\n", h->slots[i].name, what);
            continue;
        }
        if (!header_printed++)
            out_printf(stdout, "\nSleutels zonder actieve gebruiker of van bijzondere aard:\n");
        out_printf(stdout, "  %-20s %s\n", h->slots[i].name, what);
    }
    free(kinds);
    return 0;
}

static int user_list(struct cli *c, struct db *db)
{
    struct kv_error err;
    struct user_rec *u;
    size_t n;
    enum cli_format fmt;
    if (cli_format(c, FMT_TEXT | FMT_TSV, &fmt) != 0)
        return KV_EUSAGE;
    int tsv = fmt == FMT_TSV;
    if (users_list(db, &u, &n, &err) != KV_OK)
        return cli_report(&err);
    if (!tsv)
        out_printf(stdout, "%-20s %-22s %-14s %-8s %s\n", "GEBRUIKER", "ROL", "STATUS", "SLEUTEL",
                   "NAAM");
    for (size_t i = 0; i < n; i++) {
        const char *status =
            u[i].active ? (u[i].has_slot ? "actief" : "geen sleutel") : "uitgeschakeld";
        const char *role = role_name(u[i].role) ? role_name(u[i].role) : "?";
        const char *slot = slot_column(db->hdr, u[i].name);
        char display[256], hours[32];
        snprintf(hours, sizeof hours, "%g", u[i].hours);
        if (tsv)
            out_tsv(stdout, 7, u[i].name, role, status, u[i].display, u[i].team, hours, slot);
        else
            out_printf(stdout, "%-20s %-22s %-14s %-8s %s\n", u[i].name, role, status, slot,
                       out_line(display, sizeof display, u[i].display));
    }
    int rc = list_other_slots(db, u, n, tsv);
    free(u);
    return rc;
}

/* "28,8" or "28.8": hours per week, more than 0 and at most 60. */
static int parse_hours(const char *v, double *out)
{
    char buf[16], *end;
    if (v == NULL || strlen(v) >= sizeof buf)
        return -1;
    snprintf(buf, sizeof buf, "%s", v);
    char *comma = strchr(buf, ',');
    if (comma)
        *comma = '.';
    double h = strtod(buf, &end);
    if (*buf == '\0' || *end != '\0' || !(h > 0 && h <= 60))
        return -1;
    *out = h;
    return 0;
}

static int user_hours(struct cli *c, struct db *db, const char *name, double hours)
{
    struct kv_error err;
    if (users_set_hours(db, name, hours, c->now, &err) != KV_OK)
        return cli_report(&err);
    char h[32], *dot;
    snprintf(h, sizeof h, "%.1f", hours);
    if ((dot = strchr(h, '.')) != NULL)
        *dot = ','; /* Dutch decimals */
    printf("%s werkt %s uur per week; de caseloadnorm schaalt mee.\n", name, h);
    return 0;
}

static int user_add(struct cli *c, struct db *db, const char *name)
{
    struct kv_error err;
    struct pass p;
    int role = role_parse(c->a.role);
    if (c->a.role == NULL)
        return usage("%s", "user add verwacht --role ROL");
    if (role < 0)
        return usage("onbekende rol '%s' (klantmanager, consulent_inkomen, jobcoach, "
                     "teamleider, kwaliteitsmedewerker, beheerder)",
                     c->a.role);
    char prompt[160];
    snprintf(prompt, sizeof prompt, "Wachtwoord voor nieuwe gebruiker %s: ", name);
    if (prompt_new_passphrase(prompt, c->a.newpassfd, &p, &err) != KV_OK)
        return cli_report(&err);
    struct new_user u = {name, c->a.name, role, c->a.team};
    int rc = keys_user_add(db, &u, p.buf, p.len, &KDF_DEFAULT, c->now, &err);
    pass_free(&p);
    if (rc != KV_OK)
        return cli_report(&err);
    out_printf(stdout, "Gebruiker %s toegevoegd (%s).\n", name, role_name(role));
    double hours;
    if (c->a.hours && parse_hours(c->a.hours, &hours) == 0)
        return user_hours(c, db, name, hours);
    return 0;
}

/* After a disable: the master key the user may have kept is replaced now if nobody
 * else has the file open, or else at the first moment nobody has. */
static const char *rotate_now(struct db *db)
{
    struct kv_error err;
    int rc = keys_rotate(db, NULL, &err);
    if (rc == KV_OK)
        return "De hoofdsleutel is vervangen: een bewaarde oude sleutel opent niets meer.";
    if (rc == KV_EBUSY)
        return "De hoofdsleutel wordt vervangen zodra niemand de database open heeft; tot dan "
               "meldt 'klantvolg check' het.";
    out_printf(stderr, "klantvolg: %s\n", err.msg);
    return "De hoofdsleutel is nog niet vervangen; 'klantvolg rekey' probeert het opnieuw.";
}

int cmd_user(struct cli *c)
{
    struct kv_error err;
    struct db *db;
    const char *sub = c->a.nwords > 1 ? c->a.words[1] : "";
    unsigned allowed = OPEN_OPTS;
    int want_words = 3;
    double hours = 36;
    if (strcmp(sub, "add") == 0)
        allowed |= OPT_ROLE | OPT_NAME | OPT_TEAM | OPT_NEWPASSFD | OPT_HOURS;
    else if (strcmp(sub, "hours") == 0)
        allowed |= OPT_HOURS;
    else if (strcmp(sub, "enable") == 0)
        allowed |= OPT_NEWPASSFD;
    else if (strcmp(sub, "list") == 0) {
        allowed |= OPT_FORMAT;
        want_words = 2;
    } else if (strcmp(sub, "disable") != 0)
        return usage("%s", "gebruik: klantvolg user add|list|disable|enable|hours ...");
    int rc = only(c, allowed, "user");
    if (rc)
        return rc;
    if (strcmp(sub, "hours") == 0 && c->a.hours == NULL)
        return usage("%s", "user hours verwacht --hours UREN");
    if (c->a.hours && parse_hours(c->a.hours, &hours) != 0)
        return usage("--hours verwacht uren per week (meer dan 0, hooguit 60), niet '%s'",
                     c->a.hours);
    if (c->a.nwords != want_words)
        return want_words == 3 ? usage("user %s verwacht één gebruikersnaam", sub)
                               : usage("user %s neemt geen argumenten", sub);
    if ((rc = cli_open(c, 0, &db)) != 0)
        return rc;
    const char *name = c->a.words[2];
    if (strcmp(sub, "list") == 0) {
        rc = user_list(c, db);
    } else if (strcmp(sub, "add") == 0) {
        rc = user_add(c, db, name);
    } else if (strcmp(sub, "hours") == 0) {
        rc = user_hours(c, db, name, hours);
    } else if (strcmp(sub, "disable") == 0) {
        rc = keys_user_disable(db, name, c->now, &err) == KV_OK ? 0 : cli_report(&err);
        if (rc == 0)
            out_printf(stdout, "Gebruiker %s uitgeschakeld; de sleutel is verwijderd.\n%s\n", name,
                       rotate_now(db));
    } else {
        struct pass p;
        char prompt[160];
        snprintf(prompt, sizeof prompt, "Nieuw wachtwoord voor %s: ", name);
        if (prompt_new_passphrase(prompt, c->a.newpassfd, &p, &err) != KV_OK) {
            rc = cli_report(&err);
        } else {
            rc = keys_user_enable(db, name, p.buf, p.len, &KDF_DEFAULT, c->now, &err);
            pass_free(&p);
            rc = rc == KV_OK ? 0 : cli_report(&err);
            if (rc == 0)
                out_printf(stdout, "Gebruiker %s weer actief.\n", name);
        }
    }
    db_close(db);
    return rc;
}

int cmd_passwd(struct cli *c)
{
    struct kv_error err;
    struct db *db;
    struct pass p;
    int rc = only(c, OPEN_OPTS | OPT_NEWPASSFD, "passwd");
    if (rc || c->a.nwords != 1)
        return rc ? rc : usage("%s", "passwd neemt geen argumenten");
    if ((rc = cli_open(c, 0, &db)) != 0)
        return rc;
    if (prompt_new_passphrase("Nieuw wachtwoord: ", c->a.newpassfd, &p, &err) != KV_OK) {
        db_close(db);
        return cli_report(&err);
    }
    rc = keys_passwd(db, p.buf, p.len, &KDF_DEFAULT, &err);
    pass_free(&p);
    db_close(db);
    if (rc != KV_OK)
        return cli_report(&err);
    out_printf(stdout, "Wachtwoord van %s gewijzigd.\n", c->user);
    return 0;
}

int cmd_rekey(struct cli *c)
{
    struct kv_error err;
    struct db *db;
    int rc = only(c, OPEN_OPTS, "rekey");
    if (rc || c->a.nwords != 1)
        return rc ? rc : usage("%s", "rekey neemt geen argumenten");
    /* The rotation is this command's own work, reported below, not the open's. */
    if ((rc = cli_open(c, DB_NO_ROTATE, &db)) != 0)
        return rc;
    int dropped = 0;
    rc = keys_rekey(db, &dropped, &err);
    db_close(db);
    if (rc != KV_OK)
        return cli_report(&err);
    out_printf(stdout,
               "Nieuwe hoofdsleutel voor %s; alle actieve gebruikers houden hun wachtwoord.\n",
               c->db_path);
    if (dropped)
        out_printf(stdout, "%d sleutel(s) zonder actieve gebruiker verwijderd.\n", dropped);
    return 0;
}

static const char *copy_state(enum hdr_copy_state s)
{
    switch (s) {
    case HDR_COPY_OK:
        return "in orde";
    case HDR_COPY_SHORT:
        return "ontbreekt (bestand te kort)";
    case HDR_COPY_FOREIGN:
        return "onbekend formaat";
    case HDR_COPY_FORGED:
        return "BESCHADIGD (MAC klopt niet: gewijzigd buiten klantvolg om)";
    default:
        return "BESCHADIGD";
    }
}

static void print_slots(const struct check_report *r)
{
    if (!r->slots_checked) {
        out_printf(stdout, "Sleutels:       %u, niet nagegaan (beschadigde pagina's)\n", r->nslots);
        return;
    }
    out_printf(stdout, "Sleutels:       %u, waarvan %u niet in orde\n", r->nslots, r->bad_slots);
    for (uint32_t i = 0; i < r->nnotes; i++)
        out_printf(stdout, "  sleutel %-20s %s\n", r->notes[i].name,
                   keys_kind_label(r->notes[i].kind));
    if (r->bad_slots)
        out_printf(stdout,
                   "                Verwijder ze met 'klantvolg rekey' (nieuwe hoofdsleutel).\n");
    if (r->rotate_pending) {
        char when[32] = "?";
        time_t t = (time_t)r->rotate_since;
        struct tm tm;
        if (localtime_r(&t, &tm) != NULL)
            strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
        out_printf(stdout,
                   "Hoofdsleutel:   sleutelwissel nodig sinds %s (een gebruiker is "
                   "uitgeschakeld);\n                gebeurt zodra niemand de database open heeft, "
                   "of met 'klantvolg rekey'.\n",
                   when);
    }
}

struct schema_out {
    int version, shown;
};

static void print_diff(enum schema_diff kind, const char *type, const char *name, void *ctx)
{
    struct schema_out *o = ctx;
    char text[300], safe[300];
    if (o->shown++ == 0)
        out_printf(stdout,
                   "Schema:         NIET IN ORDE: buiten klantvolg om gewijzigd (versie "
                   "%d):\n",
                   o->version);
    schema_diff_text(kind, type, name, text, sizeof text);
    out_printf(stdout, "                %s\n", out_line(safe, sizeof safe, text));
}

/* The schema against the one the migrations make: anything else would run inside every
 * user's transactions (storage/schema.h). */
static int check_schema(struct db *db, int *sound, struct kv_error *err)
{
    struct schema_out o = {schema_version(db->sql), 0};
    int n = 0;
    if (o.version > schema_latest()) {
        out_printf(stdout,
                   "Schema:         versie %d, nieuwer dan deze klantvolg: niet "
                   "vergeleken\n",
                   o.version);
        return KV_OK;
    }
    int rc = schema_compare(db->sql, print_diff, &o, &n);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "compare schema", err);
    if (n == 0)
        out_printf(stdout, "Schema:         versie %d, zoals klantvolg het maakt\n", o.version);
    else
        *sound = 0;
    return KV_OK;
}

/* The screens' per-client summary against the records (figures_summary.h): derived, so
 * a wrong row is no lost data, but the pressure screen and the team's list would show it;
 * --repair writes every row again. */
static int check_summary(struct db *db, int repair, int *sound, struct kv_error *err)
{
    struct summary_verdict v;
    int version = schema_version(db->sql);
    if (version < SCHEMA_FIGURES)
        return KV_OK;
    if (version != schema_latest()) { /* check does not migrate: rows of another layout */
        out_printf(stdout,
                   "Samenvatting:   niet vergeleken (schemaversie %d; de eerste opening "
                   "brengt haar bij)\n",
                   version);
        return KV_OK;
    }
    int rc = figures_summary_verify(db, &v, err);
    if (rc != KV_OK)
        return rc;
    if (v.wrong > 0 && repair) {
        if ((rc = figures_summary_rebuild(db, err)) != KV_OK)
            return rc;
        out_printf(stdout,
                   "Samenvatting:   %ld van %ld rijen klopten niet; elke rij is opnieuw "
                   "geschreven.\n",
                   v.wrong, v.rows);
        return KV_OK;
    }
    if (v.wrong > 0) {
        out_printf(stdout,
                   "Samenvatting:   %ld van %ld rijen kloppen niet met de dossiers (eerste: "
                   "klant %ld).\n                Herstel: 'klantvolg check --repair'.\n",
                   v.wrong, v.rows, v.first_wrong);
        *sound = 0;
    } else if (v.stale > 0)
        out_printf(stdout,
                   "Samenvatting:   %ld rijen, in orde (%ld wachten op de volgende opslag)\n",
                   v.rows, v.stale);
    else
        out_printf(stdout, "Samenvatting:   %ld rijen, in orde\n", v.rows);
    return KV_OK;
}

int cmd_check(struct cli *c)
{
    struct kv_error err;
    struct db *db;
    struct check_report r;
    int rc = only(c, OPEN_OPTS | OPT_REPAIR, "check");
    if (rc || c->a.nwords != 1)
        return rc ? rc : usage("%s", "check neemt geen argumenten");
    if ((rc = cli_open(c, DB_NO_MIGRATE, &db)) != 0)
        return rc;
    if (maint_check(db, &r, &err) != KV_OK) {
        db_close(db);
        return cli_report(&err);
    }
    out_printf(stdout, "Database:       %s\n", c->db_path);
    out_printf(stdout, "Kop, kopie A:   %s\n", copy_state(r.copy[0]));
    out_printf(stdout, "Kop, kopie B:   %s\n", copy_state(r.copy[1]));
    if (r.copies_differ)
        out_printf(
            stdout,
            "Kop:            één kopie is ouder: een wijziging van de kop is onderbroken; de "
            "nieuwste kopie geldt.\n                Gelijktrekken: 'klantvolg check --repair'.\n");
    out_printf(stdout, "Pagina's:       %u, waarvan %u niet echt\n", r.pages, r.bad_pages);
    if (r.first_bad)
        out_printf(stdout, "Eerste beschadigde pagina: %u\n", r.first_bad);
    out_printf(stdout, "Integriteit:    %s\n", r.integrity);
    print_slots(&r);
    int sound = maint_sound(&r);
    int header_only = (!sound || r.copies_differ) && r.bad_pages == 0 && r.integrity_ok &&
                      (r.copy[0] == HDR_COPY_OK || r.copy[1] == HDR_COPY_OK);
    if (header_only && (c->a.given & OPT_REPAIR)) {
        if (maint_repair_header(db, &err) != KV_OK) {
            db_close(db);
            return cli_report(&err);
        }
        out_printf(stdout, "Kop hersteld: beide kopieën zijn opnieuw geschreven.\n");
        sound = 1;
    } else if (header_only && !sound) {
        out_printf(stdout, "Eén kopie van de kop is niet in orde; de andere wordt gebruikt. "
                           "Herstel met 'klantvolg check --repair'.\n");
    }
    int schema_sound = 1;
    if (r.bad_pages == 0 && r.integrity_ok && check_schema(db, &schema_sound, &err) != KV_OK) {
        db_close(db);
        return cli_report(&err);
    }
    sound &= schema_sound;
    if (r.bad_pages == 0 && r.integrity_ok && schema_version(db->sql) >= SCHEMA_AUDIT) {
        struct audit_verdict v;
        if (audit_verify(db, &v, &err) != KV_OK) {
            db_close(db);
            return cli_report(&err);
        }
        if (v.bad_id) {
            out_printf(stdout, "Auditlog:       NIET IN ORDE: %s\n", v.why);
            sound = 0;
        } else {
            out_printf(stdout, "Auditlog:       %ld regels, keten in orde", v.entries);
            if (v.erased)
                out_printf(stdout, " (%ld toelichtingen gewist bij een purge)", v.erased);
            out_printf(stdout, "\nAuditlog, kop:  %ld %s\n", v.head_id, v.head);
        }
    }
    /* A schema that differs is not repaired around: its triggers would run in the repair. */
    if (r.bad_pages == 0 && r.integrity_ok &&
        check_summary(db, (c->a.given & OPT_REPAIR) && schema_sound, &sound, &err) != KV_OK) {
        db_close(db);
        return cli_report(&err);
    }
    db_close(db);
    out_printf(stdout, "Resultaat:      %s\n", sound ? "in orde" : "NIET IN ORDE");
    return sound ? 0 : KV_EDAMAGED;
}

/* On the served database a backup is sealed to the recovery key and made in the database
 * directory, then handed to the user's file with her own ids (priv.h): it opens with no
 * passphrase, so holding it gives her nothing. Without a recovery key configured, a
 * privileged backup is refused rather than made readable. */
int cmd_backup(struct cli *c)
{
    struct kv_error err;
    struct db *db;
    int rc = only(c, OPEN_OPTS | OPT_FORCE, "backup");
    if (rc || c->a.nwords != 2)
        return rc ? rc : usage("%s", "backup verwacht één doelbestand");
    if (priv_active() && !c->has_recovery) {
        out_printf(stderr,
                   "klantvolg: op deze server zijn back-ups alleen mogelijk met een "
                   "herstelsleutel; zet 'recovery-key = ...' in %s (zie 'klantvolg recovery-key "
                   "new')\n",
                   conf_path());
        return KV_ERR;
    }
    if ((rc = cli_open(c, 0, &db)) != 0)
        return rc;
    batch_priority(); /* reads only from here on (host/batch.h) */
    const char *dest = c->a.words[1];
    int force = (c->a.given & OPT_FORCE) != 0;
    char *spool = priv_active() ? priv_spool_path(c->db_path) : NULL;
    if (priv_active() && spool == NULL) {
        rc = kv_error_nomem(&err);
    } else {
        rc = maint_backup(db, spool ? spool : dest, spool ? 0 : force,
                          c->has_recovery ? c->recovery_pk : NULL, &err);
        if (rc == KV_OK && spool)
            rc = priv_deliver(spool, dest, force, &err);
    }
    free(spool);
    db_close(db);
    if (rc != KV_OK)
        return cli_report(&err);
    out_printf(stdout, "Back-up geschreven naar %s.\n", dest);
    if (c->has_recovery)
        out_printf(stdout,
                   "Hij opent alleen met de herstelsleutel: klantvolg restore %s --key SLEUTEL "
                   "--to BESTAND.\n",
                   dest);
    return 0;
}
