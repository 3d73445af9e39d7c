#include "cli/demogen.h"

#include "core/date.h"
#include "core/rules.h"
#include "storage/records.h"
#include "storage/intakes.h"
#include "storage/plans.h"
#include "storage/instruments.h"
#include "storage/contacts.h"
#include "storage/outflows.h"
#include "storage/nazorg.h"
#include "storage/assignments.h"
#include "storage/txn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- deterministic randomness ------------------------------------------------------ */

struct rng {
    unsigned long long s;
};

static unsigned long long next(struct rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 2685821657736338717ULL;
}

static int pick(struct rng *r, int n)
{
    return (int)(next(r) % (unsigned long long)n);
}

static int chance(struct rng *r, int percent)
{
    return pick(r, 100) < percent;
}

#define PICK(r, arr) (arr)[pick(r, (int)(sizeof(arr) / sizeof((arr)[0])))]

static const char *const first_names[] = {
    "Sanne",     "Bram",    "Fatima", "Mohammed", "Anouk",   "Jeroen", "Aylin",  "Emre",
    "Lotte",     "Kevin",   "Samira", "Youssef",  "Ingrid",  "Henk",   "Priya",  "Marek",
    "Agnieszka", "Thijs",   "Esra",   "Dewi",     "Wilma",   "Gerrit", "Noor",   "Ahmed",
    "Chantal",   "Ricardo", "Miriam", "Tomasz",   "Ilse",    "Jan",    "Nadia",  "Omar",
    "Femke",     "Kees",    "Leila",  "Rutger",   "Zeynep",  "Dirk",   "Sevda",  "Linh",
    "Abdi",      "Hanna",   "Olga",   "Sjoerd",   "Marieke", "Yusuf",  "Astrid", "Björn",
};
static const char *const last_names[] = {
    "de Jong", "Jansen",  "de Vries",  "van den Berg", "Bakker", "Visser",   "Smit",
    "Meijer",  "Yılmaz",  "El Amrani", "Kowalski",     "Öztürk", "Nguyen",   "Hassan",
    "Mulder",  "de Boer", "Bouzid",    "Nowak",        "Peters", "Hendriks", "van Dijk",
    "Kaya",    "Dekker",  "Brouwer",   "Wiśniewska",   "Çelik",  "Mohamud",  "van Leeuwen",
    "Postma",  "Haddou",  "Groen",     "Willems",
};
static const char *const municipalities[] = {"Berkelland", "Berkelland", "Oost Gelre",
                                             "Winterswijk"};
static const char *const streets[] = {"Molenstraat", "Kerkstraat",    "Stationsweg",
                                      "Beatrixlaan", "Hoofdstraat",   "Julianastraat",
                                      "Esweg",       "Raadhuisstraat"};
static const char *const towns[] = {"Eibergen", "Neede",   "Borculo",
                                    "Ruurlo",   "Groenlo", "Winterswijk"};
static const char *const channels[] = {"gesprek",    "telefoon", "telefoon",
                                       "huisbezoek", "email",    "video"};
static const char *const instroom[] = {
    "ww",           "einde_dienstverband", "relatie",       "azc",   "detentie",
    "einde_studie", "andere_gemeente",     "einde_inkomen", "overig"};
static const char *const barriers[] = {"taal",         "schulden", "psychisch",  "lichamelijk",
                                       "kinderopvang", "vervoer",  "mantelzorg", "huisvesting"};
static const char *const employers[] = {
    "PostNL",    "Albert Heijn",           "Gemeente Berkelland",
    "Randstad",  "Zorggroep Sint Maarten", "Bouwbedrijf Klein",
    "Taxi Oost", "Schoonmaakbedrijf Vos",  "Distributiecentrum Lidl"};
static const char *const instruments[] = {
    "sollicitatietraining", "empowerment",       "cursus",
    "werkervaringsplaats",  "jobcoaching",       "taaltraject",
    "participatieplaats",   "vrijwilligerswerk", "rib_traject",
    "work_first",           "leerwerktraject",   "lks_kort"};

/* A SMART goal, or one written the way the audits found them. */
static const char *const smart_goals[][5] = {
    {"Solliciteren op functies als orderpicker in de regio", "Minimaal 4 sollicitaties per maand",
     "Klant wil zelf logistiek werk en heeft ingestemd", "Heeft rijbewijs en heftruckcertificaat",
     "Evaluatie na 3 maanden"},
    {"Taalniveau A2 halen", "Examen A2 lezen en spreken behaald",
     "Klant wil zelfstandig kunnen bellen", "Volgt 2 lessen per week",
     "Examen voor het einde van het traject"},
    {"Werk in de zorg als helpende", "Diploma helpende niveau 2 en 16 uur per week werk",
     "Eigen wens van de klant", "Heeft stage-ervaring in de thuiszorg", "Binnen 12 maanden"},
};
static const char *const vague_goals[][5] = {
    {"Voorlopig eerst aan de schulden werken", "Zo veel mogelijk rust", "Klant is akkoord",
     "Haalbaar", "Op termijn"},
    {"Proberen vrijwilligerswerk te vinden", "Regelmatig iets doen", "Wellicht",
     "Misschien later meer", "Zo snel mogelijk"},
};

/* A valid BSN, unique within the run: the first eight digits walk a permutation of
 * 10000000..99999999 (a step by a prime that shares no factor with the range), so no two
 * clients collide however many are made; candidates whose check digit would be 10 are
 * skipped. Random digits collided at a few thousand clients. */
static void make_bsn(unsigned long long *k, char out[10])
{
    for (;;) {
        unsigned long long base = 10000000ULL + (*k)++ * 7919ULL % 90000000ULL;
        int sum = 0;
        snprintf(out, 10, "%08llu", base);
        for (int i = 0; i < 8; i++)
            sum += (9 - i) * (out[i] - '0');
        int check = sum % 11;
        if (check <= 9) {
            out[8] = (char)('0' + check);
            out[9] = '\0';
            return;
        }
    }
}

struct gen {
    struct db *db;
    const struct demogen *g;
    struct rng r;
    struct kv_error *err;
    unsigned long long bsn_k;      /* position in the BSN permutation */
    long completed, completed_end; /* the current client's completed instrument, 0 none */
    int uninformed;                /* the one handover the client was not told of is made */
    int kept;                      /* the current client's caseload is kept up (no backlog) */
    long *credit;                  /* per caseworker: the weighted round robin's running credit */
};

/* A number spread from n and salt (a splitmix step): demo details that must not use up
 * the generator's sequence. */
static unsigned long spread(unsigned long long n, unsigned salt)
{
    unsigned long long z = n * 0x9E3779B97F4A7C15ULL + salt;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return (unsigned long)((z ^ (z >> 31)) & 0x7fffffffUL);
}

/* The kind of caseload as 0 werk, 1 perspectief, 2 meedoen. */
static int demo_kind(const char *indeling)
{
    return strcmp(indeling, "werk") == 0 ? 0 : strcmp(indeling, "perspectief") == 0 ? 1 : 2;
}

/* The ladder step at intake for a kind of caseload. */
static int first_step(long id, int k)
{
    return (k == 0 ? 4 : k == 1 ? 3 : 1) + (int)(spread((unsigned long long)id, 2) % 2);
}

/* The days the ladder is looked at again after the intake: the first, then each next. */
static long first_review(long id, long intake_day)
{
    return intake_day + 150 + (long)(spread((unsigned long long)id, 2) % 60);
}

static long next_review(long id, long d)
{
    return d + 180 + (long)(spread((unsigned long long)id, 2) % 90);
}

/* The step after a review on day d: most clients move up a step or two over a year, some
 * fall back. */
static int review_step(long id, long d, int step, const char **why)
{
    unsigned long m = spread((unsigned long long)id, (unsigned)d) % 100;
    step += m < 45 ? 1 : m < 80 ? 0 : -1;
    *why = m < 45 ? "Stap gezet" : m < 80 ? "Geen verandering" : "Terugval";
    return step < 1 ? 1 : step > 6 ? 6 : step;
}

/* The ladder step on a day (for a re-diagnosis, which confirms where the client stands). */
static int step_on(long id, int k, long intake_day, long day)
{
    const char *why;
    int step = first_step(id, k);
    for (long d = first_review(id, intake_day); d <= day; d = next_review(id, d))
        step = review_step(id, d, step, &why);
    return step;
}

/* The intake's three classifications, each with its own motivation. */
static void intake_classes(struct intake_in *in, const char *indeling, char trede[8])
{
    static const char *const werkfit[][2] = {{"a1", "b1"}, {"b1", "b2"}, {"activering", "geen"}};
    static const char *const why[] = {"Kort van de arbeidsmarkt, kan direct solliciteren",
                                      "Eerst ritme en taal, dan werk",
                                      "Meedoen in de wijk; werk nu niet haalbaar"};
    int k = demo_kind(indeling);
    snprintf(trede, 8, "trede%d", step_on(in->client, k, in->date, in->date));
    in->classification_motivation = why[k];
    in->trede = trede;
    in->trede_motivation = "Vastgesteld in het gesprek bij de intake";
    in->werkfit = werkfit[k][spread((unsigned long long)in->client, 2) / 2 % 2];
    in->werkfit_motivation = "Conclusie van de Werkfit-toets";
}

/* The ladder steps after the intake, each its own classification. */
static int classify_over_time(struct gen *x, long id, const char *indeling, long intake_day)
{
    int step = first_step(id, demo_kind(indeling));
    char code[8];
    for (long d = first_review(id, intake_day); d < x->g->today; d = next_review(id, d)) {
        const char *why;
        step = review_step(id, d, step, &why);
        snprintf(code, sizeof code, "trede%d", step);
        if (records_classify(x->db, id, "trede", d, code, why, x->g->now, x->err) != KV_OK)
            return -1;
    }
    return 0;
}

static long new_client(struct gen *x, const char *first, const char *last, long applied,
                       const char *status, const char *doelgroepen, const char *caseworker)
{
    char bsn[10];
    long id = 0;
    make_bsn(&x->bsn_k, bsn);
    struct client_in c = {0};
    c.bsn = bsn;
    c.first_name = first;
    c.last_name = last;
    c.birth_date = x->g->today - 365L * (19 + pick(&x->r, 46)) - pick(&x->r, 365);
    /* A client registered years ago was 18 then (the Participatiewet's age, core/rules.h). */
    long adult = date_add_months(applied, -12 * RULES_MIN_AGE);
    if (c.birth_date > adult)
        c.birth_date = adult;
    c.municipality = PICK(&x->r, municipalities);
    c.phone = "06-12345678";
    /* Most contact details were checked within the year; some never, as in practice. A
     * kept-up caseload re-checks them all year round, so a few fall due each week. */
    if (x->kept)
        c.contact_verified_on = chance(&x->r, 98) ? x->g->today - pick(&x->r, 365) : NO_DATE;
    else
        c.contact_verified_on = chance(&x->r, 85) ? x->g->today - pick(&x->r, 330) : NO_DATE;
    if (c.contact_verified_on != NO_DATE && c.contact_verified_on < applied)
        c.contact_verified_on = applied;
    c.applied_on = applied;
    c.benefit_start = applied + 14;
    c.instroomreden = PICK(&x->r, instroom);
    /* Address and later classifications come from the number, not the generator's
     * sequence, so the rest of the demo stays as it was. */
    char number[8], postcode[8];
    unsigned long h = spread(x->bsn_k, 1);
    snprintf(number, sizeof number, "%lu", 1 + h % 120);
    snprintf(postcode, sizeof postcode, "%lu %c%c", 7150 + h % 40, 'A' + (int)(h / 40 % 26),
             'A' + (int)(h / 1040 % 26));
    c.street = streets[h / 7 % (sizeof streets / sizeof streets[0])];
    c.house_number = number;
    c.postcode = postcode;
    c.city = towns[h / 11 % (sizeof towns / sizeof towns[0])];
    c.came_active = 0;
    (void)status; /* the status follows from the records made next */
    c.doelgroepen = doelgroepen;
    c.vrijstelling_until = NO_DATE;
    if (records_client_add(x->db, &c, x->g->now, &id, x->err) != KV_OK)
        return -1;
    if (assignments_open(x->db, id, caseworker, "klantmanager", applied + 1, "", NO_DATE, x->g->now,
                         x->err) != KV_OK)
        return -1;
    return id;
}

/* Intake, plan with one goal, contacts: the ordinary course of an active case. */
static int casework(struct gen *x, long id, long applied, const char *classification, int smart,
                    long last_contact)
{
    long intake_day = applied + 7 + pick(&x->r, 20), plan, goal, instrument;
    x->completed = 0;
    struct intake_in in = {.client = id,
                           .date = intake_day,
                           .classification = classification,
                           .uitstroomdoel = chance(&x->r, 70) ? "regulier" : "vrijwilligerswerk",
                           .barriers = PICK(&x->r, barriers),
                           .wishes = "Werk dichtbij huis",
                           .work_history = "Productiewerk en schoonmaak"};
    long iid;
    char trede[8];
    if (*classification)
        intake_classes(&in, classification, trede);
    if (intakes_add(x->db, &in, x->g->now, &iid, x->err) != KV_OK)
        return -1;
    if (*classification && classify_over_time(x, id, classification, intake_day) != 0)
        return -1;
    /* A yearly re-diagnosis for most long-running cases: a new version, the old kept. */
    if (x->g->today - intake_day > 365 && chance(&x->r, x->kept ? 97 : 75)) {
        in.date = x->kept ? x->g->today - pick(&x->r, 365) : x->g->today - 20 - pick(&x->r, 320);
        in.client_comments = "Herdiagnose: situatie besproken";
        if (*classification) { /* where the client stands on the ladder that day */
            snprintf(trede, sizeof trede, "trede%d",
                     step_on(id, demo_kind(classification), intake_day, in.date));
            in.trede_motivation = "Herdiagnose: trede opnieuw vastgesteld";
        }
        if (intakes_add(x->db, &in, x->g->now, &iid, x->err) != KV_OK)
            return -1;
    }
    if (plans_add(x->db, id, intake_day + 14, intake_day + 14, chance(&x->r, 85), chance(&x->r, 60),
                  "", x->g->now, &plan, x->err) != KV_OK)
        return -1;
    const char *const *t = smart ? PICK(&x->r, smart_goals) : PICK(&x->r, vague_goals);
    struct goal_in gl = {
        plan,
        id,
        t[0],
        t[1],
        t[2],
        t[3],
        t[4],
        smart || chance(&x->r, 50) ? x->g->today - (x->kept ? 3 : 30) + pick(&x->r, 200) : NO_DATE,
        NULL};
    if (plans_goal_add(x->db, &gl, x->g->now, &goal, x->err) != KV_OK)
        return -1;
    for (long d = intake_day; d <= last_contact; d += 20 + pick(&x->r, 60))
        if (contacts_add(x->db, id, d, PICK(&x->r, channels), "", "Voortgang besproken", x->g->now,
                         NULL, x->err) != KV_OK)
            return -1;
    if (contacts_add(x->db, id, last_contact, PICK(&x->r, channels), "", "Laatste gesprek",
                     x->g->now, NULL, x->err) != KV_OK)
        return -1;
    /* An instrument in one of its states: running, ending soon, overdue, done, stopped,
     * planned. */
    if (chance(&x->r, 65)) {
        int state = pick(&x->r, 6);
        long start = state == 1 ? x->g->today - 170 : intake_day + 20;
        struct instrument_in ins = {
            id,   PICK(&x->r, instruments), goal, start, NO_DATE, -1, NULL, NO_DATE, NULL,
            NULL, chance(&x->r, 20),        0};
        if (x->kept && state <= 2) {
            /* Running since recently, ending in the coming months (or weeks). */
            long recent = x->g->today - pick(&x->r, 60);
            ins.start = recent > ins.start ? recent : ins.start;
            ins.planned_end = x->g->today + (state == 2 ? pick(&x->r, 45) : 1 + pick(&x->r, 120));
        } else if (state == 2) {
            ins.planned_end = x->g->today - 10 - pick(&x->r, 40); /* ended, nothing recorded */
        }
        if (state == 3) {
            ins.status = "afgerond";
            ins.planned_end = ins.actual_end = start + 60;
            ins.end_reason = "afgerond";
            ins.result = "Doel van het instrument bereikt";
        }
        if (state == 4) {
            ins.status = "voortijdig_gestopt";
            ins.planned_end = start + 120;
            ins.actual_end = start + 21;
            ins.end_reason = "beter_alternatief";
            ins.result = "Vrijwilligerswerk bleek nuttiger";
        }
        if (state == 5) {
            ins.status = "gepland";
            ins.start = x->g->today + 7 + pick(&x->r, 30);
        }
        if (ins.planned_end != NO_DATE && ins.planned_end < ins.start)
            ins.planned_end = ins.start;
        if (instruments_add(x->db, &ins, x->g->now, &instrument, x->err) != KV_OK)
            return -1;
        if (state == 3)
            x->completed = instrument, x->completed_end = ins.actual_end;
    }
    if (chance(&x->r, 15) &&
        records_reminder_add(x->db, id, x->g->today + pick(&x->r, 20) - (x->kept ? 0 : 5),
                             "Terugbellen over de voortgang", NO_DATE, x->g->now, x->err) != KV_OK)
        return -1;
    return 0;
}

static int outflow(struct gen *x, long id, long date, int temporary, int nazorg_running)
{
    long out;
    /* Berkelland: werk 40-50 %, verhuizing 15-25 %, opleiding 4-11 %; nazorg follows work. */
    static const char *const reasons[] = {
        "werk", "werk",       "werk",       "werk",      "werk",
        "werk", "verhuizing", "verhuizing", "opleiding", "andere_uitkering"};
    const char *reason = nazorg_running ? "werk" : PICK(&x->r, reasons);
    int work = strcmp(reason, "werk") == 0;
    temporary = temporary && work;
    struct outflow_in o = {id,
                           date,
                           reason,
                           work ? PICK(&x->r, employers) : "",
                           temporary ? "tijdelijk"
                           : work    ? "vast"
                                     : "",
                           temporary ? x->g->today + 10 + pick(&x->r, 80) : NO_DATE,
                           work ? 16 + 4 * pick(&x->r, 6) : 0,
                           0,
                           work ? (chance(&x->r, 50) ? "eigen_initiatief" : "jobcoach") : "",
                           0};
    if (o.contract_end != NO_DATE && o.contract_end < date)
        o.contract_end = date + 30;
    /* A job the jobcoach found after a completed instrument is credited to that one; the
     * rest are not attributed (eigen initiatief), as the attributed-outflow report shows. */
    if (work && strcmp(o.route, "jobcoach") == 0 && x->completed != 0 && x->completed_end <= date)
        o.instrument = x->completed;
    if (outflows_add(x->db, &o, x->g->now, &out, x->err) != KV_OK)
        return -1;
    /* A kept-up caseload did its follow-ups at 3, 6 and 12 months, within days of each. */
    static const int months[] = {3, 6, 12};
    for (size_t m = 0; x->kept && m < 3; m++) {
        long due = date_add_months(date, months[m]), done = due + pick(&x->r, 10);
        if (due <= x->g->today && chance(&x->r, 95) &&
            outflows_followup_add(x->db, out, months[m], done < x->g->today ? done : x->g->today, 1,
                                  "", x->g->now, x->err) != KV_OK)
            return -1;
    }
    if (nazorg_running)
        return nazorg_add(x->db, id, out, date, date + 182, 1, 30, x->g->now, x->err);
    return 0;
}

/* The caseworker of the next client: in turn, each as often as her share (a smooth
 * weighted round robin: the one with the most credit, which then pays the total), so
 * equal shares give 0, 1, 2, ... and every prefix of the clients is spread fairly. */
static int next_caseworker(struct gen *x, int i)
{
    const struct demogen_caseload *l = x->g->loads;
    int n = x->g->n_caseworkers, best = 0;
    if (l == NULL)
        return i % n;
    long total = 0;
    for (int j = 0; j < n; j++) {
        x->credit[j] += l[j].share;
        total += l[j].share;
        if (x->credit[j] > x->credit[best])
            best = j;
    }
    x->credit[best] -= total;
    return best;
}

/* A classification for a client of this mix; cls is 0..99. */
static const char *classify(enum demogen_mix mix, int cls)
{
    if (mix == DEMOGEN_WERK) /* the Werk teams: werk and perspectief */
        return cls < 35 ? "werk" : cls < 93 ? "perspectief" : "";
    if (mix == DEMOGEN_MEEDOEN)
        return cls < 95 ? "meedoen" : "";
    /* Berkelland: Werk 17 %, Perspectief 36 %, Meedoen 40 % */
    return cls < 17 ? "werk" : cls < 53 ? "perspectief" : cls < 93 ? "meedoen" : "";
}

/* The default contact norms (days) by classification, as the schema's config sets them. */
static int contact_norm(const char *classification)
{
    return strcmp(classification, "werk") == 0          ? 30
           : strcmp(classification, "perspectief") == 0 ? 60
           : strcmp(classification, "meedoen") == 0     ? 120
                                                        : 90;
}

/* The last contact: in a kept-up caseload within the norm, spread so that a handful of
 * clients fall due each day and a few are overdue; with the backlog, some clients out of
 * sight for months, as the audits found. */
static long last_contact(struct gen *x, const char *classification, const char *status)
{
    long t = x->g->today;
    if (!x->kept)
        return chance(&x->r, 20) ? t - 150 - pick(&x->r, 300) : t - pick(&x->r, 80);
    if (strcmp(status, "nazorg") == 0)
        return t - pick(&x->r, 31); /* monthly nazorg contact */
    int norm = contact_norm(classification);
    return chance(&x->r, 4) ? t - norm - 1 - pick(&x->r, 45) : t - pick(&x->r, norm + 1);
}

static int generated(struct gen *x)
{
    static const char *const status[] = {"actief",       "actief",    "actief", "actief",
                                         "actief",       "actief",    "actief", "nazorg",
                                         "uitgestroomd", "aanmelding"};
    for (int i = 0; i < x->g->clients; i++) {
        int j = next_caseworker(x, i);
        const char *cw = x->g->caseworkers[j];
        x->kept = x->g->loads != NULL && !x->g->loads[j].backlog;
        const char *st = PICK(&x->r, status);
        long applied = strcmp(st, "aanmelding") == 0 ? x->g->today - pick(&x->r, x->kept ? 21 : 25)
                                                     : x->g->today - 60 - pick(&x->r, 1800);
        int cls = pick(&x->r, 100);
        const char *classification =
            classify(x->g->loads ? x->g->loads[j].mix : DEMOGEN_MIXED, cls);
        const char *tags = chance(&x->r, 15) ? "statushouder" : chance(&x->r, 15) ? "55plus" : "";
        long id =
            new_client(x, PICK(&x->r, first_names), PICK(&x->r, last_names), applied, st, tags, cw);
        if (id < 0)
            return -1;
        if (strcmp(st, "aanmelding") == 0)
            continue;
        long last = last_contact(x, classification, st);
        if (last < applied + 10)
            last = applied + 10;
        if (casework(x, id, applied, classification, chance(&x->r, x->kept ? 90 : 70), last) != 0)
            return -1;
        /* Some clients changed klantmanager this year: the history keeps both. */
        if (strcmp(st, "actief") == 0 && chance(&x->r, 8)) {
            long when = x->g->today - 10 - pick(&x->r, 300);
            const char *next_cw = x->g->caseworkers[(j + 1) % x->g->n_caseworkers];
            /* The Veenendaal finding once: the first client handed to the first klantmanager
             * (the demo's own) was not told; her agenda and the teamleider show it. */
            int untold = !x->uninformed && next_cw == x->g->caseworkers[0];
            if (when > applied + 1) {
                if (assignments_open(x->db, id, next_cw, "klantmanager", when,
                                     "Overdracht: lopende afspraken en wensen besproken",
                                     untold ? NO_DATE : when + 3, x->g->now, x->err) != KV_OK)
                    return -1;
                x->uninformed |= untold;
            }
        }
        if (strcmp(st, "actief") != 0 && outflow(x, id, x->g->today - 20 - pick(&x->r, 150),
                                                 chance(&x->r, 60), strcmp(st, "nazorg") == 0) != 0)
            return -1;
    }
    return 0;
}

/* The realistic cases of DOMAIN.md, each as a named client. */
static int domain_cases(struct gen *x)
{
    const char *const *cw = x->g->caseworkers;
    int n = x->g->n_caseworkers;
    long t = x->g->today, id, out, plan, intake;
    struct kv_error *e = x->err;
    const char *now = x->g->now;

    /* 1. Nearly 50, temporary teacher contract, found work herself; nazorg about to end. */
    if ((id = new_client(x, "Marjolein", "Verhoef", t - 240, "nazorg", "", cw[0])) < 0 ||
        casework(x, id, t - 240, "werk", 1, t - 40) != 0)
        return -1;
    /* Two providers each ended an instrument "to work" around her outflow: both would
     * count her as their success, although she found the job herself. */
    struct instrument_in i1a = {id,         "rib_traject", 0,      t - 230,         t - 50, -1,
                                "afgerond", t - 178,       "werk", "Werk gevonden", 0,      0};
    struct instrument_in i1b = {id,         "jobcoaching", 0,      t - 220,     t - 40, -1,
                                "afgerond", t - 170,       "werk", "Geplaatst", 0,      0};
    if (instruments_add(x->db, &i1a, now, NULL, e) != KV_OK ||
        instruments_add(x->db, &i1b, now, NULL, e) != KV_OK)
        return -1;
    struct outflow_in o1 = {id,
                            t - 175,
                            "werk",
                            "Openbare basisschool De Wegwijzer",
                            "tijdelijk",
                            t + 20,
                            28,
                            0,
                            "eigen_initiatief",
                            0};
    if (outflows_add(x->db, &o1, now, &out, e) != KV_OK ||
        nazorg_add(x->db, id, out, t - 175, t + 7, 1, 30, now, e) != KV_OK)
        return -1;

    /* 2. Refugee with administration courses, on box-folding for 9 months. */
    if ((id = new_client(x, "Rahim", "Ahmadi", t - 400, "actief", "statushouder", cw[1 % n])) < 0)
        return -1;
    struct intake_in in2 = {.client = id,
                            .date = t - 380,
                            .classification = "perspectief",
                            .uitstroomdoel = "regulier",
                            .barriers = "taal",
                            .diplomas = "Administratieve cursussen (Iran)",
                            .wishes = "Administratief werk"};
    if (intakes_add(x->db, &in2, now, &intake, e) != KV_OK ||
        plans_add(x->db, id, t - 370, t - 370, 1, 0, "Wil administratief werk", now, &plan, e) !=
            KV_OK)
        return -1;
    struct instrument_in i2 = {
        id, "participatieplaats", 0, t - 275, NO_DATE, -1, NULL, NO_DATE, NULL, NULL, 0, 0};
    if (instruments_add(x->db, &i2, now, NULL, e) != KV_OK ||
        contacts_add(x->db, id, t - 200, "gesprek", "", "Vraagt opnieuw om administratief werk",
                     now, NULL, e) != KV_OK ||
        records_request_add(x->db, id, t - 12, "Overstap naar administratief werk", NO_DATE, now,
                            e) != KV_OK)
        return -1;

    /* 3. Young woman with a physical limitation; a certificate promised, never received. */
    if ((id = new_client(x, "Kim", "Brinkman", t - 500, "actief", "arbeidsbeperking,jongere",
                         cw[2 % n])) < 0 ||
        casework(x, id, t - 500, "perspectief", 1, t - 25) != 0)
        return -1;
    struct instrument_in i3 = {
        id, "cursus",   0,       t - 200,    t - 110,
        -1, "afgerond", t - 110, "afgerond", "Cursus gevolgd; certificaat toegezegd",
        1,  0};
    if (instruments_add(x->db, &i3, now, NULL, e) != KV_OK)
        return -1;

    /* 4. Verkeersregelaar, then beveiliger (diplomas, no job), then postbode via the jobcoach. */
    if ((id = new_client(x, "Dennis", "Kuipers", t - 700, "uitgestroomd", "", cw[3 % n])) < 0 ||
        casework(x, id, t - 700, "werk", 1, t - 60) != 0)
        return -1;
    struct instrument_in i4a = {
        id, "cursus",   0,       t - 600,    t - 560,
        -1, "afgerond", t - 560, "afgerond", "Diploma verkeersregelaar; geen baan",
        1,  1};
    struct instrument_in i4b = {
        id, "cursus",   0,       t - 500,    t - 440,
        -1, "afgerond", t - 440, "afgerond", "Diploma beveiliger; geen baan",
        1,  1};
    struct outflow_in o4 = {id, t - 95, "werk", "PostNL", "vast", NO_DATE, 32, 0, "jobcoach", 0};
    if (instruments_add(x->db, &i4a, now, NULL, e) != KV_OK ||
        instruments_add(x->db, &i4b, now, NULL, e) != KV_OK ||
        outflows_add(x->db, &o4, now, NULL, e) != KV_OK)
        return -1;

    /* 5. 64 years old: the diagnosis says volunteer work, the plan demands applications. */
    if ((id = new_client(x, "Gerard", "Hofman", t - 300, "actief", "55plus", cw[4 % n])) < 0)
        return -1;
    struct intake_in in5 = {.client = id,
                            .date = t - 290,
                            .classification = "meedoen",
                            .uitstroomdoel = "vrijwilligerswerk",
                            .barriers = "lichamelijk",
                            .classification_motivation = "Vrijwilligerswerk is de beste optie"};
    if (intakes_add(x->db, &in5, now, &intake, e) != KV_OK ||
        plans_add(x->db, id, t - 280, t - 280, 0, 1, "Klant begrijpt de sollicitatieplicht niet",
                  now, &plan, e) != KV_OK ||
        contacts_add(x->db, id, t - 100, "telefoon", "", "", now, NULL, e) != KV_OK)
        return -1;

    /* 6. Dyslexic, a neighbour as begeleider, an exemption buried in letters. */
    struct client_in c6 = {0};
    char bsn6[10];
    make_bsn(&x->bsn_k, bsn6);
    c6.bsn = bsn6;
    c6.first_name = "Henk";
    c6.last_name = "Oosterhuis";
    c6.birth_date = t - 365L * 52;
    c6.contact_verified_on = t - 30;
    c6.communication_needs = "laaggeletterd,begeleider";
    c6.applied_on = t - 900;
    c6.benefit_start = t - 880;
    c6.arbeidsverplichting = "vrijgesteld";
    c6.vrijstelling_reason = "Medische beperking; buurman is begeleider";
    c6.vrijstelling_until = t + 25;
    if (records_client_add(x->db, &c6, now, &id, e) != KV_OK ||
        assignments_open(x->db, id, cw[0], "klantmanager", t - 899, "", NO_DATE, now, e) != KV_OK ||
        casework(x, id, t - 900, "meedoen", 0, t - 70) != 0 ||
        plans_add(x->db, id, t - 60, t - 60, 0, 1, "Brief: sollicitatieplicht", now, &plan, e) !=
            KV_OK)
        return -1;

    /* 7. A leer-werktraject stopped after 3 weeks for volunteer work that helped more. */
    if ((id = new_client(x, "Sevda", "Arslan", t - 260, "actief", "", cw[1 % n])) < 0 ||
        casework(x, id, t - 260, "perspectief", 1, t - 15) != 0)
        return -1;
    struct instrument_in i7a = {id,
                                "leerwerktraject",
                                0,
                                t - 150,
                                NO_DATE,
                                -1,
                                "voortijdig_gestopt",
                                t - 129,
                                "beter_alternatief",
                                "Vrijwilligerswerk was nuttiger",
                                0,
                                0};
    struct instrument_in i7b = {
        id, "vrijwilligerswerk", 0, t - 125, t + 60, -1, NULL, NO_DATE, NULL, NULL, 0, 0};
    if (instruments_add(x->db, &i7a, now, NULL, e) != KV_OK ||
        instruments_add(x->db, &i7b, now, NULL, e) != KV_OK)
        return -1;

    /* 8. Part-time taxi driver with an aanvullende uitkering: a partial outflow. */
    if ((id = new_client(x, "Johan", "Wessels", t - 1000, "actief", "", cw[2 % n])) < 0 ||
        casework(x, id, t - 1000, "werk", 1, t - 35) != 0)
        return -1;
    struct outflow_in o8 = {id,      t - 45, "werk", "Taxi Oost", "tijdelijk",
                            t + 140, 16,     1,      "netwerk",   0};
    return outflows_add(x->db, &o8, now, NULL, e) == KV_OK ? 0 : -1;
}

int demogen_run(struct db *db, const struct demogen *g, struct kv_error *err)
{
    struct gen x = {db,
                    g,
                    {g->seed ? g->seed : 1},
                    err,
                    g->seed % 90000000ULL,
                    0,
                    0,
                    0,
                    0,
                    calloc((size_t)g->n_caseworkers, sizeof(long))};
    if (x.credit == NULL)
        return kv_error_nomem(err);
    int rc = db_begin_bulk(db, "demo", err);
    if (rc != KV_OK) {
        free(x.credit);
        return rc;
    }
    /* The DOMAIN.md cases are the audits' stories: made as a backlog would have them. */
    if (domain_cases(&x) != 0 || generated(&x) != 0) {
        db_rollback(db);
        free(x.credit);
        return err->status ? (int)err->status : KV_ERR;
    }
    free(x.credit);
    return db_commit(db, err);
}
