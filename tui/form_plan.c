/* form_plan.c: a new plan version (discussed with the client, agreed or not, the
 * client's own comments) and a SMART goal in the latest plan. The goal editor shows the
 * SMART lint under each part as the caseworker types; a missing part or a deadline in
 * the past blocks saving, a vague word or a goal without a measure is advice. */
#include "tui/forms.h"

#include "core/casefile.h"
#include "core/date.h"
#include "core/smart.h"
#include "storage/plans.h"

#include <stdio.h>
#include <string.h>

/* ---- plan --------------------------------------------------------------------------- */

static int agreement_needs_discussion(const struct form *f, int i, char *msg, size_t n)
{
    return form_ensure(!form_yes(f, i) || *form_text(f, form_find(f, "besproken")), msg, n,
                       "Akkoord kan pas na bespreking: vul in wanneer het plan besproken is.");
}

static const struct field_spec plan_fields[] = {
    {"datum", "Datum plan", FT_DATE, 1, NULL, form_rule_not_future},
    {"besproken", "Besproken met klant op", FT_DATE, 0, NULL, form_rule_not_future},
    {"akkoord", "Klant akkoord", FT_YESNO, 1, NULL, agreement_needs_discussion},
    {"sollicitatieplicht", "Sollicitatieplicht", FT_YESNO, 1, NULL, NULL},
    {"opmerkingen", "Opmerkingen van de klant", FT_NOTE, 0, NULL, NULL},
};

static int save_plan(struct form_host *h, struct db *db, const char *now, struct kv_error *err)
{
    long id;
    const struct form *f = &h->form;
    int rc = plans_add(db, h->client, formhost_date(h, "datum"), formhost_date(h, "besproken"),
                       form_yes(f, form_find(f, "akkoord")),
                       form_yes(f, form_find(f, "sollicitatieplicht")),
                       formhost_text(h, "opmerkingen"), now, &id, err);
    snprintf(h->saved, sizeof h->saved,
             "Nieuwe versie van het plan vastgelegd; de vorige "
             "blijft bewaard.");
    return rc;
}

struct form_host *forms_plan(struct db *db, long client, long today, struct kv_error *err)
{
    struct form_host *h =
        formhost_new(db, "plan", "Plan van aanpak (nieuwe versie)", plan_fields,
                     (int)(sizeof plan_fields / sizeof plan_fields[0]), client, today, err);
    if (h == NULL)
        return NULL;
    h->save = save_plan;
    formhost_default_date(h, "datum", today);
    formhost_default(h, "sollicitatieplicht", "nee");
    return h;
}

/* ---- goal --------------------------------------------------------------------------- */

static const char *const part_keys[SMART_PART_COUNT] = {"s", "m", "a", "r", "t", "deadline"};

/* A deadline being set may not be past; an existing one under review may stay as it was. */
static int deadline_not_past(const struct form *f, int i, char *msg, size_t n)
{
    const struct form_host *h = f->ctx;
    if (h->record && form_date(f, i) == h->original_date)
        return 1;
    return form_ensure(form_date(f, i) >= f->today, msg, n, "De deadline ligt in het verleden.");
}

static const struct form_option goal_status[] = {
    {"open", "Open"},
    {"behaald", "Behaald"},
    {"niet_behaald", "Niet behaald"},
    {"vervallen", "Vervallen"},
};

static const struct field_spec goal_fields[] = {
    {"s", "Specifiek", FT_NOTE, 1, NULL, NULL},
    {"m", "Meetbaar", FT_NOTE, 1, NULL, NULL},
    {"a", "Acceptabel", FT_NOTE, 1, NULL, NULL},
    {"r", "Realistisch", FT_NOTE, 1, NULL, NULL},
    {"t", "Tijdgebonden", FT_NOTE, 1, NULL, NULL},
    {"deadline", "Deadline", FT_DATE, 1, NULL, deadline_not_past},
    {"status", "Status", FT_CHOICE, 1, NULL, NULL},
    {"evaluatie", "Evaluatie", FT_NOTE, 0, NULL, NULL},
};

/* The lint's advice under each part; what blocks saving shows as an error anyway. */
static void advise_goal(struct form_host *h)
{
    struct form *f = &h->form;
    struct smart_goal g = {{NULL}, NO_DATE, true};
    for (int p = SMART_S; p <= SMART_T; p++)
        g.part[p] = form_text(f, form_find(f, part_keys[p]));
    g.deadline = form_date(f, form_find(f, "deadline"));
    struct smart_report r;
    smart_lint(&g, f->today, &r);
    for (int p = 0; p < SMART_PART_COUNT; p++)
        f->fields[form_find(f, part_keys[p])].hint[0] = '\0';
    for (int i = 0; i < r.n; i++) {
        if (r.f[i].kind != SMART_VAGUE_WORD && r.f[i].kind != SMART_NOT_MEASURABLE)
            continue;
        struct field *fd = &f->fields[form_find(f, part_keys[r.f[i].part])];
        size_t k = strlen(fd->hint);
        snprintf(fd->hint + k, sizeof fd->hint - k, "%s%s", k ? "; " : "", r.f[i].reason);
    }
}

static int save_goal(struct form_host *h, struct db *db, const char *now, struct kv_error *err)
{
    long plan, id;
    int rc = plans_latest(db, h->client, &plan, err);
    if (rc != KV_OK)
        return rc;
    /* A goal needs a plan: start one rather than lose what was typed; it shows as not yet
     * discussed with the client until a plan version says otherwise. */
    int started = plan == 0;
    if (started &&
        (rc = plans_add(db, h->client, h->form.today, NO_DATE, 0, 0, "", now, &plan, err)) != KV_OK)
        return rc;
    struct goal_in g = {plan,
                        h->client,
                        formhost_text(h, "s"),
                        formhost_text(h, "m"),
                        formhost_text(h, "a"),
                        formhost_text(h, "r"),
                        formhost_text(h, "t"),
                        formhost_date(h, "deadline"),
                        formhost_text(h, "status")};
    rc = plans_goal_add(db, &g, now, &id, err);
    if (rc == KV_OK && *formhost_text(h, "evaluatie"))
        rc = plans_goal_evaluate(db, id, formhost_text(h, "evaluatie"), now, err);
    snprintf(h->saved, sizeof h->saved, "Doel vastgelegd%s: %s",
             started ? " in een nieuw plan "
                       "(nog te bespreken)"
                     : "",
             g.s);
    return rc;
}

static int save_goal_edit(struct form_host *h, struct db *db, const char *now, struct kv_error *err)
{
    struct goal_in g = {0,
                        h->client,
                        formhost_text(h, "s"),
                        formhost_text(h, "m"),
                        formhost_text(h, "a"),
                        formhost_text(h, "r"),
                        formhost_text(h, "t"),
                        formhost_date(h, "deadline"),
                        formhost_text(h, "status")};
    snprintf(h->saved, sizeof h->saved, "Doel gewijzigd: %s", g.s);
    return plans_goal_update(db, h->record, h->version, &g, formhost_text(h, "evaluatie"), now,
                             err);
}

struct form_host *forms_goal_edit(struct db *db, long client, const struct goal_row *r, long today,
                                  struct kv_error *err)
{
    struct form_host *h = forms_goal(db, client, today, err);
    if (h == NULL)
        return NULL;
    snprintf(h->title, sizeof h->title, "SMART-doel wijzigen");
    h->kind = "doel-wijzigen";
    h->record = r->id;
    h->version = r->version;
    h->original_date = r->deadline;
    h->save = save_goal_edit;
    for (int p = SMART_S; p <= SMART_T; p++)
        formhost_default(h, part_keys[p], r->smart[p]);
    if (r->deadline != NO_DATE)
        formhost_default_date(h, "deadline", r->deadline);
    formhost_default(h, "status", r->status);
    formhost_default(h, "evaluatie", r->evaluation);
    advise_goal(h);
    return h;
}

struct form_host *forms_goal(struct db *db, long client, long today, struct kv_error *err)
{
    struct form_host *h =
        formhost_new(db, "doel", "SMART-doel", goal_fields,
                     (int)(sizeof goal_fields / sizeof goal_fields[0]), client, today, err);
    if (h == NULL)
        return NULL;
    h->save = save_goal;
    h->advise = advise_goal;
    form_set_options(&h->form, form_find(&h->form, "status"), goal_status,
                     sizeof goal_status / sizeof goal_status[0]);
    formhost_default(h, "status", "open");
    return h;
}
