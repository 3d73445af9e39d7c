#include "storage/schema.h"

#include "core/utf8.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* Each entry moves the schema from its index to index+1. Never edit one that has
 * shipped; add another. */
/* figures_dirty's triggers on a table with the client's id in column key. */
#define FIGURES_DIRTY_TRIGGERS(t, key)                                                             \
    "CREATE TRIGGER " t "_figures_ai AFTER INSERT ON " t " BEGIN INSERT OR IGNORE INTO"            \
    " figures_dirty VALUES (NEW." key "); END;"                                                    \
    "CREATE TRIGGER " t "_figures_au AFTER UPDATE ON " t " BEGIN INSERT OR IGNORE INTO"            \
    " figures_dirty VALUES (OLD." key "), (NEW." key "); END;"                                     \
    "CREATE TRIGGER " t "_figures_ad AFTER DELETE ON " t " BEGIN INSERT OR IGNORE INTO"            \
    " figures_dirty VALUES (OLD." key "); END;"
/* The same for a table that reaches its client through a parent (lookup ends in "= "). */
#define FIGURES_DIRTY_VIA(t, key, lookup)                                                          \
    "CREATE TRIGGER " t "_figures_ai AFTER INSERT ON " t " BEGIN INSERT OR IGNORE INTO"            \
    " figures_dirty " lookup "NEW." key "; END;"                                                   \
    "CREATE TRIGGER " t "_figures_au AFTER UPDATE ON " t " BEGIN INSERT OR IGNORE INTO"            \
    " figures_dirty " lookup "OLD." key "; INSERT OR IGNORE INTO figures_dirty " lookup "NEW." key \
    "; END;"                                                                                       \
    "CREATE TRIGGER " t "_figures_ad AFTER DELETE ON " t " BEGIN INSERT OR IGNORE INTO"            \
    " figures_dirty " lookup "OLD." key "; END;"

static const char *const migrations[] = {
    /* 0 -> 1: users and the bookkeeping columns every table carries */
    "CREATE TABLE users ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  display_name TEXT NOT NULL DEFAULT '',"
    "  role TEXT NOT NULL CHECK (role IN ('klantmanager','consulent_inkomen','jobcoach',"
    "       'teamleider','kwaliteitsmedewerker','beheerder')),"
    "  team TEXT NOT NULL DEFAULT '',"
    "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL,"
    "  updated_by TEXT NOT NULL,"
    "  version INTEGER NOT NULL DEFAULT 1"
    ");",
    /* 1 -> 2: the case file. Dates are ISO text (YYYY-MM-DD); money is integer cents.
     * History is rows, never overwrites: intakes, plans and classifications are versions,
     * assignments have from/to dates. Catalogues are data a beheerder can change. */
    "CREATE TABLE catalogue ("
    "  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, code TEXT NOT NULL, label TEXT NOT NULL,"
    "  grp TEXT NOT NULL DEFAULT '', sort INTEGER NOT NULL DEFAULT 0,"
    "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)), created_at TEXT NOT NULL, "
    "updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1, "
    "UNIQUE (kind, code));"
    "CREATE TABLE instrument_catalogue ("
    "  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
    "  category TEXT NOT NULL, provider TEXT NOT NULL DEFAULT '',"
    "  default_days INTEGER NOT NULL CHECK (default_days > 0),"
    "  max_days INTEGER NOT NULL DEFAULT 0 CHECK (max_days >= 0),"
    "  default_cost_cents INTEGER NOT NULL DEFAULT 0 CHECK (default_cost_cents >= 0),"
    "  target_group TEXT NOT NULL DEFAULT '', expected_result TEXT NOT NULL DEFAULT '',"
    "  active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, "
    "updated_by TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1);"
    "CREATE TABLE config (key TEXT PRIMARY KEY, value TEXT NOT NULL, created_at TEXT NOT NULL, "
    "updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1);"
    "CREATE TABLE clients ("
    "  id INTEGER PRIMARY KEY, bsn TEXT NOT NULL UNIQUE CHECK (length(bsn) = 9),"
    "  first_name TEXT NOT NULL, last_name TEXT NOT NULL, birth_date TEXT,"
    "  gender TEXT NOT NULL DEFAULT '', household TEXT NOT NULL DEFAULT '',"
    "  municipality TEXT NOT NULL DEFAULT '', address TEXT NOT NULL DEFAULT '',"
    "  phone TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '', contact_verified_on TEXT,"
    "  language_level TEXT NOT NULL DEFAULT '', communication_needs TEXT NOT NULL DEFAULT '',"
    "  applied_on TEXT, benefit_start TEXT, instroomreden TEXT NOT NULL DEFAULT '',"
    "  arbeidsverplichting TEXT NOT NULL DEFAULT 'volledig'"
    "    CHECK (arbeidsverplichting IN ('volledig','gedeeltelijk','vrijgesteld')),"
    "  vrijstelling_reason TEXT NOT NULL DEFAULT '', vrijstelling_until TEXT,"
    "  status TEXT NOT NULL DEFAULT 'aanmelding' CHECK (status IN"
    "    ('aanmelding','actief','uitgestroomd','nazorg','afgesloten')),"
    "  closed_on TEXT, notes TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, updated_at TEXT "
    "NOT NULL, updated_by TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1);"
    "CREATE TABLE client_doelgroepen (client_id INTEGER NOT NULL REFERENCES clients(id),"
    "  code TEXT NOT NULL, PRIMARY KEY (client_id, code)) WITHOUT ROWID;"
    "CREATE TABLE classifications ("
    "  id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES clients(id),"
    "  date TEXT NOT NULL, code TEXT NOT NULL, motivation TEXT NOT NULL DEFAULT '', created_at "
    "TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, version INTEGER NOT NULL "
    "DEFAULT 1);"
    "CREATE INDEX classifications_client ON classifications(client_id, date);"
    "CREATE TABLE assignments ("
    "  id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES clients(id),"
    "  user_id INTEGER NOT NULL REFERENCES users(id),"
    "  role_in_case TEXT NOT NULL DEFAULT 'klantmanager' CHECK (role_in_case IN"
    "    ('klantmanager','consulent_inkomen','jobcoach')),"
    "  from_date TEXT NOT NULL, to_date TEXT, handover_note TEXT NOT NULL DEFAULT '',"
    "  client_informed_on TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by "
    "TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1, CHECK (to_date IS NULL OR to_date >= "
    "from_date));"
    "CREATE INDEX assignments_user ON assignments(user_id, to_date);"
    "CREATE INDEX assignments_client ON assignments(client_id);"
    "CREATE TABLE intakes ("
    "  id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES clients(id),"
    "  date TEXT NOT NULL, work_history TEXT NOT NULL DEFAULT '', education TEXT NOT NULL DEFAULT "
    "'',"
    "  diplomas TEXT NOT NULL DEFAULT '', availability TEXT NOT NULL DEFAULT '',"
    "  motivation TEXT NOT NULL DEFAULT '', competences TEXT NOT NULL DEFAULT '',"
    "  wishes TEXT NOT NULL DEFAULT '', regelingen TEXT NOT NULL DEFAULT '',"
    "  classification TEXT NOT NULL DEFAULT '', classification_motivation TEXT NOT NULL DEFAULT '',"
    "  uitstroomdoel TEXT NOT NULL DEFAULT '', client_comments TEXT NOT NULL DEFAULT '', "
    "created_at TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, version INTEGER "
    "NOT NULL DEFAULT 1);"
    "CREATE INDEX intakes_client ON intakes(client_id, date);"
    "CREATE TABLE intake_barriers ("
    "  id INTEGER PRIMARY KEY, intake_id INTEGER NOT NULL REFERENCES intakes(id),"
    "  kind TEXT NOT NULL, approach TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, updated_at "
    "TEXT NOT NULL, updated_by TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1);"
    "CREATE TABLE plans ("
    "  id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES clients(id),"
    "  date TEXT NOT NULL, discussed_on TEXT, client_agreed INTEGER CHECK (client_agreed IN (0,1)),"
    "  client_comments TEXT NOT NULL DEFAULT '', demands_applications INTEGER NOT NULL DEFAULT 0,"
    "  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, version "
    "INTEGER NOT NULL DEFAULT 1);"
    "CREATE INDEX plans_client ON plans(client_id, date);"
    "CREATE TABLE goals ("
    "  id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plans(id),"
    "  client_id INTEGER NOT NULL REFERENCES clients(id),"
    "  specifiek TEXT NOT NULL DEFAULT '', meetbaar TEXT NOT NULL DEFAULT '',"
    "  acceptabel TEXT NOT NULL DEFAULT '', realistisch TEXT NOT NULL DEFAULT '',"
    "  tijdgebonden TEXT NOT NULL DEFAULT '', deadline TEXT,"
    "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN"
    "    ('open','behaald','niet_behaald','vervallen')),"
    "  evaluation TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, updated_at TEXT NOT NULL, "
    "updated_by TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1);"
    "CREATE INDEX goals_client ON goals(client_id);"
    "CREATE TABLE client_instruments ("
    "  id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES clients(id),"
    "  catalogue_id INTEGER NOT NULL REFERENCES instrument_catalogue(id),"
    "  goal_id INTEGER REFERENCES goals(id), provider TEXT NOT NULL DEFAULT '',"
    "  start TEXT NOT NULL, planned_end TEXT NOT NULL, actual_end TEXT,"
    "  cost_cents INTEGER NOT NULL DEFAULT 0 CHECK (cost_cents >= 0),"
    "  status TEXT NOT NULL DEFAULT 'lopend' CHECK (status IN"
    "    ('gepland','lopend','afgerond','voortijdig_gestopt')),"
    "  end_reason TEXT NOT NULL DEFAULT '', result TEXT NOT NULL DEFAULT '',"
    "  certificate_promised INTEGER NOT NULL DEFAULT 0, certificate_received INTEGER NOT NULL "
    "DEFAULT 0,"
    "  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, version "
    "INTEGER NOT NULL DEFAULT 1, CHECK (planned_end >= start), CHECK (actual_end IS NULL OR "
    "actual_end >= start));"
    "CREATE INDEX client_instruments_client ON client_instruments(client_id);"
    "CREATE TABLE instrument_extensions ("
    "  id INTEGER PRIMARY KEY, instrument_id INTEGER NOT NULL REFERENCES client_instruments(id),"
    "  old_end TEXT NOT NULL, new_end TEXT NOT NULL, reason TEXT NOT NULL CHECK (reason <> ''),"
    "  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, version "
    "INTEGER NOT NULL DEFAULT 1, CHECK (new_end > old_end));"
    "CREATE TABLE contacts ("
    "  id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES clients(id),"
    "  date TEXT NOT NULL, channel TEXT NOT NULL DEFAULT '', participants TEXT NOT NULL DEFAULT '',"
    "  summary TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, updated_at TEXT NOT NULL, "
    "updated_by TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1);"
    "CREATE INDEX contacts_client ON contacts(client_id, date);"
    "CREATE TABLE agreements ("
    "  id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES clients(id),"
    "  contact_id INTEGER REFERENCES contacts(id), text TEXT NOT NULL, due TEXT, done_on TEXT, "
    "created_at TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, version INTEGER "
    "NOT NULL DEFAULT 1);"
    "CREATE TABLE outflows ("
    "  id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES clients(id),"
    "  date TEXT NOT NULL, reason TEXT NOT NULL, employer TEXT NOT NULL DEFAULT '',"
    "  contract_kind TEXT NOT NULL DEFAULT '', contract_end TEXT,"
    "  hours_per_week INTEGER NOT NULL DEFAULT 0, partial INTEGER NOT NULL DEFAULT 0,"
    "  route TEXT NOT NULL DEFAULT '', instrument_id INTEGER REFERENCES client_instruments(id),"
    "  returned_on TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT "
    "NULL, version INTEGER NOT NULL DEFAULT 1);"
    "CREATE INDEX outflows_client ON outflows(client_id);"
    "CREATE TABLE nazorg ("
    "  id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES clients(id),"
    "  outflow_id INTEGER REFERENCES outflows(id), start TEXT NOT NULL, end TEXT,"
    "  consent INTEGER NOT NULL DEFAULT 1, frequency_days INTEGER NOT NULL DEFAULT 30,"
    "  with_employer INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT "
    "NULL, updated_by TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1);"
    "CREATE TABLE followups ("
    "  id INTEGER PRIMARY KEY, outflow_id INTEGER NOT NULL REFERENCES outflows(id),"
    "  months INTEGER NOT NULL CHECK (months IN (3,6,12)), date TEXT NOT NULL,"
    "  still_off_benefit INTEGER, note TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, "
    "updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1, "
    "UNIQUE (outflow_id, months));"
    "CREATE TABLE requests ("
    "  id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES clients(id),"
    "  date TEXT NOT NULL, what TEXT NOT NULL, answered_on TEXT, created_at TEXT NOT NULL, "
    "updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1);"
    "CREATE TABLE reminders ("
    "  id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES clients(id),"
    "  due TEXT NOT NULL, text TEXT NOT NULL, done_on TEXT, created_at TEXT NOT NULL, updated_at "
    "TEXT NOT NULL, updated_by TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1);"
    "CREATE TABLE signal_acks ("
    "  id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES clients(id),"
    "  kind TEXT NOT NULL, ref INTEGER NOT NULL DEFAULT 0, due TEXT NOT NULL,"
    "  done INTEGER NOT NULL DEFAULT 0, snoozed_until TEXT, note TEXT NOT NULL DEFAULT '', "
    "created_at TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, version INTEGER "
    "NOT NULL DEFAULT 1);"
    "CREATE INDEX signal_acks_client ON signal_acks(client_id);",

    /* 2 -> 3: catalogues and configuration seeded with the defaults from DOMAIN.md; a
     * beheerder may change them afterwards. */
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('classificatie', 'trede1', 'Trede 1: geïsoleerd', 'participatieladder', 1, "
    "'2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('classificatie', 'trede2', 'Trede 2: sociale contacten buiten de deur', "
    "'participatieladder', 2, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('classificatie', 'trede3', 'Trede 3: deelname aan georganiseerde activiteiten', "
    "'participatieladder', 3, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('classificatie', 'trede4', 'Trede 4: onbetaald werk', 'participatieladder', 4, "
    "'2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('classificatie', 'trede5', 'Trede 5: betaald werk met ondersteuning', "
    "'participatieladder', 5, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('classificatie', 'trede6', 'Trede 6: betaald werk', 'participatieladder', 6, "
    "'2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('classificatie', 'werk', 'Werk', 'indeling', 1, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('classificatie', 'perspectief', 'Perspectief', 'indeling', 2, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('classificatie', 'meedoen', 'Meedoen', 'indeling', 3, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('classificatie', 'a1', 'A1 Werkfit regulier', 'werkfit', 1, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('classificatie', 'a2', 'A2 Werkfit Banenafspraak', 'werkfit', 2, '2026-01-01 "
    "00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('classificatie', 'b1', 'B1 Kansrijk voor plaatsing', 'werkfit', 3, '2026-01-01 "
    "00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('classificatie', 'b2', 'B2 Op weg naar werk', 'werkfit', 4, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('classificatie', 'activering', 'Activering en overige', 'werkfit', 5, '2026-01-01 "
    "00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('classificatie', 'geen', 'Geen mogelijkheden', 'werkfit', 6, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('doelgroep', 'statushouder', 'Statushouder', '', 1, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('doelgroep', '55plus', '55-plus', '', 2, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('doelgroep', 'arbeidsbeperking', 'Arbeidsbeperking / doelgroepregister', '', 3, "
    "'2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('doelgroep', 'jongere', 'Jongere', '', 4, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('doelgroep', 'alleenstaande_ouder', 'Alleenstaande ouder', '', 5, '2026-01-01 "
    "00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('doelgroep', 'ggz', 'GGZ', '', 6, '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('doelgroep', 'hoogopgeleid', 'Hoogopgeleid', '', 7, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('doelgroep', 'zelfstandige', 'Zelfstandige (Bbz)', '', 8, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('belemmering', 'lichamelijk', 'Lichamelijk', '', 1, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('belemmering', 'psychisch', 'Psychisch', '', 2, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('belemmering', 'taal', 'Taal', '', 3, '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('belemmering', 'schulden', 'Schulden', '', 4, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('belemmering', 'kinderopvang', 'Kinderopvang', '', 5, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('belemmering', 'verslaving', 'Verslaving', '', 6, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('belemmering', 'huisvesting', 'Huisvesting', '', 7, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('belemmering', 'vervoer', 'Vervoer', '', 8, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('belemmering', 'mantelzorg', 'Mantelzorg', '', 9, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('belemmering', 'crisis', 'Persoonlijke crisis', '', 10, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('instroomreden', 'ww', 'Einde WW', '', 1, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('instroomreden', 'einde_dienstverband', 'Einde dienstbetrekking of ziekte', '', 2, "
    "'2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('instroomreden', 'relatie', 'Relatiebeëindiging', '', 3, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('instroomreden', 'azc', 'Uit AZC', '', 4, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('instroomreden', 'detentie', 'Uit detentie', '', 5, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('instroomreden', 'einde_studie', 'Einde studie', '', 6, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('instroomreden', 'andere_gemeente', 'Uit andere gemeente', '', 7, '2026-01-01 "
    "00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('instroomreden', 'inrichting', 'Uit inrichting', '', 8, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('instroomreden', 'einde_inkomen', 'Einde ander inkomen', '', 9, '2026-01-01 "
    "00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('instroomreden', 'overig', 'Overig', '', 10, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('uitstroomreden', 'werk', 'Werk in loondienst', '', 1, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('uitstroomreden', 'zelfstandige', 'Werk als zelfstandige', '', 2, '2026-01-01 "
    "00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('uitstroomreden', 'opleiding', 'Opleiding', '', 3, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('uitstroomreden', 'verhuizing', 'Verhuizing', '', 4, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('uitstroomreden', 'pensioen', 'Pensioen', '', 5, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('uitstroomreden', 'andere_uitkering', 'Andere uitkering', '', 6, '2026-01-01 "
    "00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('uitstroomreden', 'relatie', 'Samenwonen of huwelijk', '', 7, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('uitstroomreden', 'overig', 'Overig', '', 8, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('eindreden', 'afgerond', 'Volgens plan afgerond', '', 1, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('eindreden', 'werk', 'Uitgestroomd naar werk', '', 2, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('eindreden', 'beter_alternatief', 'Ander instrument passender', '', 3, '2026-01-01 "
    "00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('eindreden', 'ziekte', 'Ziekte', '', 4, '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('eindreden', 'geen_medewerking', 'Geen medewerking', '', 5, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('eindreden', 'aanbieder', 'Aanbieder gestopt', '', 6, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('eindreden', 'overig', 'Overig', '', 7, '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('route', 'eigen_initiatief', 'Eigen initiatief', '', 1, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('route', 'jobcoach', 'Jobcoach / matching', '', 2, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('route', 'reintegratiebedrijf', 'Re-integratiebedrijf', '', 3, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('route', 'uitzendbureau', 'Uitzendbureau', '', 4, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('route', 'netwerk', 'Netwerk', '', 5, '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('route', 'oud_werkgever', 'Oud-werkgever', '', 6, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('route', 'wsp', 'Werkgeversservicepunt', '', 7, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('kanaal', 'gesprek', 'Gesprek op kantoor', '', 1, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('kanaal', 'huisbezoek', 'Huisbezoek', '', 2, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('kanaal', 'telefoon', 'Telefoon', '', 3, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('kanaal', 'video', 'Beeldbellen', '', 4, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('kanaal', 'email', 'E-mail', '', 5, '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('kanaal', 'brief', 'Brief', '', 6, '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('uitstroomdoel', 'regulier', 'Regulier werk', '', 1, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('uitstroomdoel', 'lks', 'Werk met loonkostensubsidie', '', 2, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('uitstroomdoel', 'beschut', 'Beschut werk', '', 3, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('uitstroomdoel', 'vrijwilligerswerk', 'Vrijwilligerswerk', '', 4, '2026-01-01 "
    "00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('uitstroomdoel', 'opleiding', 'Opleiding', '', 5, '2026-01-01 00:00:00', '2026-01-01 "
    "00:00:00', 'klantvolg');"
    "INSERT INTO catalogue (kind, code, label, grp, sort, created_at, updated_at, updated_by) "
    "VALUES ('uitstroomdoel', 'zelfstandige', 'Zelfstandige', '', 6, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO instrument_catalogue (code, name, category, provider, default_days, max_days, "
    "default_cost_cents, target_group, expected_result, created_at, updated_at, updated_by) VALUES "
    "('sollicitatietraining', 'Sollicitatietraining', 'training', 'Re-integratiebedrijf', 42, 0, "
    "75000, '', 'Zelfstandig solliciteren', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO instrument_catalogue (code, name, category, provider, default_days, max_days, "
    "default_cost_cents, target_group, expected_result, created_at, updated_at, updated_by) VALUES "
    "('empowerment', 'Empowermenttraining', 'training', 'Re-integratiebedrijf', 56, 0, 90000, '', "
    "'Zelfvertrouwen en regie', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO instrument_catalogue (code, name, category, provider, default_days, max_days, "
    "default_cost_cents, target_group, expected_result, created_at, updated_at, updated_by) VALUES "
    "('scholing_roc', 'Scholing ROC', 'scholing', 'ROC', 300, 0, 250000, '', 'Diploma of "
    "certificaat', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO instrument_catalogue (code, name, category, provider, default_days, max_days, "
    "default_cost_cents, target_group, expected_result, created_at, updated_at, updated_by) VALUES "
    "('cursus', 'Cursus', 'scholing', '', 90, 0, 80000, '', 'Certificaat', '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO instrument_catalogue (code, name, category, provider, default_days, max_days, "
    "default_cost_cents, target_group, expected_result, created_at, updated_at, updated_by) VALUES "
    "('werkervaringsplaats', 'Werkervaringsplaats', 'werkervaring', '', 183, 366, 0, '', "
    "'Werkritme en referentie', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO instrument_catalogue (code, name, category, provider, default_days, max_days, "
    "default_cost_cents, target_group, expected_result, created_at, updated_at, updated_by) VALUES "
    "('leerwerktraject', 'Leer-werktraject', 'werkervaring', '', 183, 366, 150000, '', 'Vakdiploma "
    "en werkervaring', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO instrument_catalogue (code, name, category, provider, default_days, max_days, "
    "default_cost_cents, target_group, expected_result, created_at, updated_at, updated_by) VALUES "
    "('proefplaatsing', 'Proefplaatsing', 'plaatsing', '', 60, 90, 0, '', 'Dienstverband', "
    "'2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO instrument_catalogue (code, name, category, provider, default_days, max_days, "
    "default_cost_cents, target_group, expected_result, created_at, updated_at, updated_by) VALUES "
    "('detachering', 'Detachering', 'plaatsing', 'Sociaal werkbedrijf', 90, 92, 0, '', "
    "'Dienstverband bij inlener', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO instrument_catalogue (code, name, category, provider, default_days, max_days, "
    "default_cost_cents, target_group, expected_result, created_at, updated_at, updated_by) VALUES "
    "('jobcoaching', 'Jobcoaching', 'begeleiding', 'Jobcoach', 183, 0, 300000, 'arbeidsbeperking', "
    "'Duurzame plaatsing', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO instrument_catalogue (code, name, category, provider, default_days, max_days, "
    "default_cost_cents, target_group, expected_result, created_at, updated_at, updated_by) VALUES "
    "('lks_kort', 'Loonkostensubsidie kortdurend', 'subsidie', '', 183, 366, 300000, '', "
    "'Dienstverband', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO instrument_catalogue (code, name, category, provider, default_days, max_days, "
    "default_cost_cents, target_group, expected_result, created_at, updated_at, updated_by) VALUES "
    "('lks_lang', 'Loonkostensubsidie langdurig', 'subsidie', '', 365, 0, 0, 'arbeidsbeperking', "
    "'Dienstverband', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO instrument_catalogue (code, name, category, provider, default_days, max_days, "
    "default_cost_cents, target_group, expected_result, created_at, updated_at, updated_by) VALUES "
    "('participatieplaats', 'Participatieplaats', 'participatie', '', 365, 730, 0, '', "
    "'Werkritme', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO instrument_catalogue (code, name, category, provider, default_days, max_days, "
    "default_cost_cents, target_group, expected_result, created_at, updated_at, updated_by) VALUES "
    "('tegenprestatie', 'Tegenprestatie', 'participatie', '', 183, 0, 0, '', 'Maatschappelijke "
    "bijdrage', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO instrument_catalogue (code, name, category, provider, default_days, max_days, "
    "default_cost_cents, target_group, expected_result, created_at, updated_at, updated_by) VALUES "
    "('vrijwilligerswerk', 'Vrijwilligerswerk', 'participatie', '', 183, 0, 0, '', 'Sociale "
    "contacten en ritme', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO instrument_catalogue (code, name, category, provider, default_days, max_days, "
    "default_cost_cents, target_group, expected_result, created_at, updated_at, updated_by) VALUES "
    "('taaltraject', 'Taaltraject', 'scholing', 'Taalaanbieder', 183, 0, 120000, 'statushouder', "
    "'Taalniveau A2 of B1', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO instrument_catalogue (code, name, category, provider, default_days, max_days, "
    "default_cost_cents, target_group, expected_result, created_at, updated_at, updated_by) VALUES "
    "('work_first', 'Work First', 'traject', 'Re-integratiebedrijf', 365, 548, 450000, '', 'Werk "
    "binnen 12 maanden, 6 maanden nazorg', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO instrument_catalogue (code, name, category, provider, default_days, max_days, "
    "default_cost_cents, target_group, expected_result, created_at, updated_at, updated_by) VALUES "
    "('rib_traject', 'Re-integratiebedrijf-traject', 'traject', 'Re-integratiebedrijf', 183, 365, "
    "350000, '', 'Plaatsing op werk', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.intake_dagen', '21', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.plan_dagen', '42', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.herdiagnose_dagen', '365', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.contactgegevens_dagen', '365', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.vraag_dagen', '10', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.nazorg_frequentie_dagen', '30', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('norm.contact_dagen', '90', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('norm.contact_dagen.werk', '30', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('norm.contact_dagen.perspectief', '60', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('norm.contact_dagen.meedoen', '120', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');",
    /* 3 -> 4: the lead time of every signal kind (days before the due date it counts as
     * due soon), and caseload weights per classification in percent: a Meedoen client
     * weighs about 85/200 of a Werk client, after Berkelland's caseload figures. */
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.vooraf.intake', '7', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.vooraf.plan', '14', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.vooraf.doel', '14', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.vooraf.afspraak', '7', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.vooraf.instrument_einde', '14', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.vooraf.instrument_verlopen', '0', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.vooraf.max_duur', '14', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.vooraf.contract_einde', '30', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.vooraf.nazorg_einde', '14', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.vooraf.nazorg_contact', '7', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.vooraf.followup', '14', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.vooraf.contactnorm', '14', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.vooraf.herdiagnose', '30', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.vooraf.vrijstelling', '30', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.vooraf.contactgegevens', '30', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.vooraf.vraag', '3', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('signaal.vooraf.herinnering', '7', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES ('gewicht.werk', "
    "'100', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('gewicht.perspectief', '100', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('gewicht.meedoen', '45', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES ('gewicht', '100', "
    "'2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');",
    /* 4 -> 5: full-text search over client names, BSN and notes (the caseload's '/'),
     * kept current by triggers so every way a client is written (screens, import) is
     * found. Diacritics are folded: "ozturk" finds Öztürk. */
    "CREATE VIRTUAL TABLE client_search USING fts5(first_name, last_name, bsn, notes, "
    "content='clients', content_rowid='id', tokenize='unicode61 remove_diacritics 2');"
    "CREATE TRIGGER clients_search_ai AFTER INSERT ON clients BEGIN "
    "INSERT INTO client_search(rowid, first_name, last_name, bsn, notes) "
    "VALUES (new.id, new.first_name, new.last_name, new.bsn, new.notes); END;"
    "CREATE TRIGGER clients_search_ad AFTER DELETE ON clients BEGIN "
    "INSERT INTO client_search(client_search, rowid, first_name, last_name, bsn, notes) "
    "VALUES ('delete', old.id, old.first_name, old.last_name, old.bsn, old.notes); END;"
    "CREATE TRIGGER clients_search_au AFTER UPDATE OF first_name, last_name, bsn, notes ON clients "
    "BEGIN INSERT INTO client_search(client_search, rowid, first_name, last_name, bsn, notes) "
    "VALUES ('delete', old.id, old.first_name, old.last_name, old.bsn, old.notes); "
    "INSERT INTO client_search(rowid, first_name, last_name, bsn, notes) "
    "VALUES (new.id, new.first_name, new.last_name, new.bsn, new.notes); END;"
    "INSERT INTO client_search(client_search) VALUES ('rebuild');",
    /* 5 -> 6: a form interrupted by a lost connection (SIGHUP), a kill (SIGTERM) or the
     * idle lock is kept here, inside the encrypted file and never in a plaintext file,
     * one per user, and offered at the next start. The record's version travels along,
     * so a colleague's change in between is still a conflict. The idle lock's delay in
     * minutes is configuration (0: never). */
    "CREATE TABLE drafts ("
    "  id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL UNIQUE REFERENCES users(id),"
    "  kind TEXT NOT NULL, client_id INTEGER, record_id INTEGER, record_version INTEGER,"
    "  body TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT "
    "NULL, version INTEGER NOT NULL DEFAULT 1);"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('vergrendel_na_minuten', '10', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');",
    /* 6 -> 7: the audit log (audit.h): a hash chain of who opened, changed, exported or
     * purged what, and failed logins. No foreign key to clients: entries outlive a purge.
     * How many years after a case closed its records may be purged (bewaartermijn). */
    "CREATE TABLE audit ("
    "  id INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, action TEXT NOT NULL,"
    "  client_id INTEGER, record TEXT NOT NULL DEFAULT '', detail TEXT NOT NULL DEFAULT '',"
    "  detail_hash TEXT NOT NULL, prev TEXT NOT NULL, hash TEXT NOT NULL);"
    "CREATE INDEX audit_client ON audit(client_id, action, at);"
    "CREATE INDEX audit_user ON audit(user, at);"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('bewaartermijn_jaren', '7', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');",
    /* 7 -> 8: offline copies (offline.h). On the server, checkouts: whose caseload is out
     * in which copy (its database id), since when, and how far it has been checked in. In
     * a copy, offline names the server database and the checkout, and offline_changes
     * keeps each write transaction's changeset until it is checked in. */
    "CREATE TABLE checkouts ("
    "  id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),"
    "  path TEXT NOT NULL, copy_dbid TEXT NOT NULL DEFAULT '',"
    "  state TEXT NOT NULL CHECK (state IN ('wordt_gemaakt','uit','ingecheckt','ingetrokken')),"
    "  applied INTEGER NOT NULL DEFAULT 0, audit_applied INTEGER NOT NULL DEFAULT 0,"
    "  clients INTEGER NOT NULL DEFAULT 0, since TEXT NOT NULL,"
    "  done_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, "
    "version INTEGER NOT NULL DEFAULT 1);"
    "CREATE TABLE offline (id INTEGER PRIMARY KEY CHECK (id = 1), server_dbid TEXT NOT NULL,"
    "  checkout_id INTEGER NOT NULL, user TEXT NOT NULL, since TEXT NOT NULL,"
    "  checked_in INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE offline_changes (seq INTEGER PRIMARY KEY, at TEXT NOT NULL,"
    "  changes INTEGER NOT NULL, changeset BLOB NOT NULL);",
    /* 8 -> 9: caseload norms, in (weighted) clients per caseworker, by kind of caseload:
     * the team or cluster a caseworker is in. After Berkelland's figures: 85 for a general
     * caseload, about 200 for Meedoen, 70 for a youth unit. And indexes on parent ids. */
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES ('norm.caseload', "
    "'85', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('norm.caseload.meedoen', '200', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('norm.caseload.jongeren', '70', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    /* The reports look up a record's children by parent: without these, by a full scan
     * per parent (quadratic on a large file). */
    "CREATE INDEX IF NOT EXISTS nazorg_outflow ON nazorg(outflow_id);"
    "CREATE INDEX IF NOT EXISTS extensions_instrument ON instrument_extensions(instrument_id);"
    "CREATE INDEX IF NOT EXISTS barriers_intake ON intake_barriers(intake_id);",
    /* 9 -> 10: one model of a caseload norm. A norm counts clients of one kind per
     * full-time klantmanager, and a klantmanager's hours per week scale it (0.8 FTE of
     * 36 hours: 68 Werk clients instead of 85). The weights per classification went:
     * applied on top of the Meedoen norm they discounted a Meedoen client twice. */
    "ALTER TABLE users ADD COLUMN hours_per_week REAL NOT NULL DEFAULT 36"
    "  CHECK (hours_per_week > 0 AND hours_per_week <= 60);"
    "DELETE FROM config WHERE key = 'gewicht' OR key LIKE 'gewicht.%';"
    "INSERT OR IGNORE INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('norm.caseload.werk', '85', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg');"
    "INSERT OR IGNORE INTO config (key, value, created_at, updated_at, updated_by) VALUES "
    "('norm.caseload.perspectief', '85', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
    "'klantvolg');",
    /* 10 -> 11: the header generation (db.h): the sequence number of the last header
     * written, in the same transaction as that write, so an older header put back over
     * the file is refused at open. */
    "CREATE TABLE header_gen (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);"
    "INSERT INTO header_gen (id, seq) VALUES (1, 0);",
    /* 11 -> 12: the search index holds folded text (kv_fold, core/utf8.h): unicode61's
     * remove_diacritics misses the letters of their own (ı ł ø ß æ), so "yilmaz" did not
     * find Yılmaz. Its content is a view of the folded columns, so a rebuild and an
     * integrity check read what the triggers index. The BSN column also holds the digits
     * the lists show (the last three), so typing those finds the client. */
    "DROP TRIGGER clients_search_ai; DROP TRIGGER clients_search_ad;"
    "DROP TRIGGER clients_search_au; DROP TABLE client_search;"
    "CREATE VIEW client_search_text AS SELECT id, kv_fold(first_name) AS first_name,"
    " kv_fold(last_name) AS last_name, bsn || ' ' || substr(bsn, -3) AS bsn,"
    " kv_fold(notes) AS notes FROM clients;"
    "CREATE VIRTUAL TABLE client_search USING fts5(first_name, last_name, bsn, notes, "
    "content='client_search_text', content_rowid='id', tokenize='unicode61 remove_diacritics 2');"
    "CREATE TRIGGER clients_search_ai AFTER INSERT ON clients BEGIN "
    "INSERT INTO client_search(rowid, first_name, last_name, bsn, notes) "
    "VALUES (new.id, kv_fold(new.first_name), kv_fold(new.last_name), "
    "new.bsn || ' ' || substr(new.bsn, -3), kv_fold(new.notes)); END;"
    "CREATE TRIGGER clients_search_ad AFTER DELETE ON clients BEGIN "
    "INSERT INTO client_search(client_search, rowid, first_name, last_name, bsn, notes) "
    "VALUES ('delete', old.id, kv_fold(old.first_name), kv_fold(old.last_name), "
    "old.bsn || ' ' || substr(old.bsn, -3), kv_fold(old.notes)); END;"
    "CREATE TRIGGER clients_search_au AFTER UPDATE OF first_name, last_name, bsn, notes ON clients "
    "BEGIN INSERT INTO client_search(client_search, rowid, first_name, last_name, bsn, notes) "
    "VALUES ('delete', old.id, kv_fold(old.first_name), kv_fold(old.last_name), "
    "old.bsn || ' ' || substr(old.bsn, -3), kv_fold(old.notes)); "
    "INSERT INTO client_search(rowid, first_name, last_name, bsn, notes) "
    "VALUES (new.id, kv_fold(new.first_name), kv_fold(new.last_name), "
    "new.bsn || ' ' || substr(new.bsn, -3), kv_fold(new.notes)); END;"
    "INSERT INTO client_search(client_search) VALUES ('rebuild');",
    /* 12 -> 13: the client record (issue 15, items 9-11).
     * Three classifications instead of one pick list: the kind of caseload (indeling:
     * werk, perspectief, meedoen), the participatieladder (trede 1-6) and the Werkfit
     * conclusion each become their own catalogue kind, and every classification row says
     * which of the three it is (axis), so a client has one of each, each with its own
     * history (date, motivation, who). Existing rows move to the axis of their code.
     * The address in parts (straat, huisnummer, postcode, woonplaats); the old one-line
     * address moves into street so nothing is lost.
     * The status is no longer kept by hand but derived from the records (status.h): the
     * facts it is derived from are this view, so every reader asks the same question. The
     * old column now only says a client came in active (imported from another system with
     * the intake done there). */
    "UPDATE catalogue SET kind = CASE grp WHEN 'participatieladder' THEN 'trede' "
    " WHEN 'werkfit' THEN 'werkfit' ELSE 'indeling' END WHERE kind = 'classificatie';"
    "ALTER TABLE classifications ADD COLUMN axis TEXT NOT NULL DEFAULT 'indeling'"
    "  CHECK (axis IN ('indeling','trede','werkfit'));"
    "UPDATE classifications SET axis = coalesce((SELECT g.kind FROM catalogue g WHERE"
    "  g.code = classifications.code AND g.kind IN ('indeling','trede','werkfit')"
    "  ORDER BY g.kind = 'indeling' DESC LIMIT 1), 'indeling');"
    "CREATE INDEX classifications_axis ON classifications(client_id, axis, date);"
    "ALTER TABLE clients ADD COLUMN street TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE clients ADD COLUMN house_number TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE clients ADD COLUMN postcode TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE clients ADD COLUMN city TEXT NOT NULL DEFAULT '';"
    "UPDATE clients SET street = address, address = '' WHERE address <> '';"
    "CREATE VIEW client_status_facts AS SELECT c.id AS client_id, c.closed_on,"
    " c.status = 'actief' AS came_active,"
    " (SELECT max(date) FROM intakes WHERE client_id = c.id) AS last_intake,"
    " o.date AS last_outflow, coalesce(o.partial, 0) AS partial, o.returned_on,"
    " (SELECT max(z.start) FROM nazorg z WHERE z.outflow_id = o.id) AS nazorg_start,"
    " (SELECT CASE WHEN count(*) > count(z.end) THEN NULL ELSE max(z.end) END"
    "  FROM nazorg z WHERE z.outflow_id = o.id) AS nazorg_end"
    " FROM clients c LEFT JOIN outflows o ON o.id = (SELECT id FROM outflows"
    "  WHERE client_id = c.id ORDER BY date DESC, id DESC LIMIT 1);",
    /* 13 -> 14: each classification an intake makes keeps its own motivation (issue 15,
     * item 9): one shared "motivering indeling" said nothing about why a trede or a Werkfit
     * conclusion was chosen. The intake also keeps the trede and Werkfit it set, so the
     * intakes can be read side by side; older intakes take them (and the shared motivation)
     * from the classification rows they wrote on their own date. */
    "ALTER TABLE intakes ADD COLUMN trede TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE intakes ADD COLUMN trede_motivation TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE intakes ADD COLUMN werkfit TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE intakes ADD COLUMN werkfit_motivation TEXT NOT NULL DEFAULT '';"
    "UPDATE intakes SET"
    " trede = coalesce((SELECT k.code FROM classifications k WHERE k.client_id ="
    "  intakes.client_id AND k.axis = 'trede' AND k.date = intakes.date ORDER BY k.id DESC"
    "  LIMIT 1), ''),"
    " trede_motivation = coalesce((SELECT k.motivation FROM classifications k WHERE"
    "  k.client_id = intakes.client_id AND k.axis = 'trede' AND k.date = intakes.date"
    "  ORDER BY k.id DESC LIMIT 1), ''),"
    " werkfit = coalesce((SELECT k.code FROM classifications k WHERE k.client_id ="
    "  intakes.client_id AND k.axis = 'werkfit' AND k.date = intakes.date ORDER BY k.id DESC"
    "  LIMIT 1), ''),"
    " werkfit_motivation = coalesce((SELECT k.motivation FROM classifications k WHERE"
    "  k.client_id = intakes.client_id AND k.axis = 'werkfit' AND k.date = intakes.date"
    "  ORDER BY k.id DESC LIMIT 1), '');"
    /* Gemeente becomes a pick from a catalogue (walkthrough finding): a typo at
     * registration reached the council reports. The municipalities a file already names
     * (its clients' and its own setting) start the list, so nothing stored becomes unknown;
     * a file with none accepts any name until the beheerder adds the first. */
    "INSERT OR IGNORE INTO catalogue (kind, code, label, sort, created_at, updated_at,"
    " updated_by) SELECT 'gemeente', lower(replace(replace(replace(name, ' ', '_'), '-', '_'),"
    " '''', '')), name, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'klantvolg' FROM"
    " (SELECT DISTINCT trim(municipality) AS name FROM clients UNION SELECT trim(value) FROM"
    " config WHERE key = 'gemeente') WHERE name <> '';",
    /* The pressure screen's figures of a municipality (caseload_load_figures) from indexes
     * alone: a client's latest classification per axis with its code (the table's rows
     * carry the motivation), and partial indexes of the records still open, which are a
     * fraction of each table (each with the columns its condition names, so that the
     * index covers the query). classifications_axis is this index's prefix. */
    "DROP INDEX classifications_axis;"
    "CREATE INDEX classifications_latest ON classifications(client_id, axis, date, id, code);"
    "CREATE INDEX goals_open ON goals(client_id, deadline, status)"
    " WHERE status = 'open' AND deadline IS NOT NULL;"
    "CREATE INDEX client_instruments_running ON client_instruments(client_id, start,"
    " planned_end, catalogue_id, actual_end, status)"
    " WHERE actual_end IS NULL AND status <> 'gepland';"
    "CREATE INDEX agreements_open ON agreements(client_id, due, done_on)"
    " WHERE done_on IS NULL AND due IS NOT NULL;"
    "CREATE INDEX requests_open ON requests(client_id, date, answered_on)"
    " WHERE answered_on IS NULL;"
    "CREATE INDEX reminders_open ON reminders(client_id, due, done_on) WHERE done_on IS NULL;",

    /* The pressure screen's per-client summary (figures_summary.h): each client's figures
     * case file as one row, and the clients whose row is stale. Every table the figures
     * read marks the client it concerns, whichever path writes it (tracked saves, bulk
     * import and demo, checkin, purge, raw SQL); the commit pipeline rewrites the marked
     * rows. A user's name is not in the rows (resolved at read time), so users has none.
     * Every client starts marked: db_open fills the rows right after this migration, and
     * until then a reader reads marked clients narrowly. */
    "CREATE TABLE figures_summary (client_id INTEGER PRIMARY KEY, v INTEGER NOT NULL,"
    " facts BLOB NOT NULL);"
    "CREATE TABLE figures_dirty (client_id INTEGER PRIMARY KEY);" FIGURES_DIRTY_TRIGGERS(
        "clients", "id") FIGURES_DIRTY_TRIGGERS("classifications", "client_id")
        FIGURES_DIRTY_TRIGGERS("assignments", "client_id") FIGURES_DIRTY_TRIGGERS(
            "intakes", "client_id") FIGURES_DIRTY_TRIGGERS("plans", "client_id")
            FIGURES_DIRTY_TRIGGERS("goals", "client_id")
                FIGURES_DIRTY_TRIGGERS("client_instruments", "client_id")
                    FIGURES_DIRTY_TRIGGERS("contacts", "client_id")
                        FIGURES_DIRTY_TRIGGERS("agreements", "client_id")
                            FIGURES_DIRTY_TRIGGERS("outflows", "client_id")
                                FIGURES_DIRTY_TRIGGERS("nazorg", "client_id")
                                    FIGURES_DIRTY_TRIGGERS("requests", "client_id")
                                        FIGURES_DIRTY_TRIGGERS("reminders", "client_id")
                                            FIGURES_DIRTY_TRIGGERS("signal_acks", "client_id")
    /* A follow-up reaches its client through its outflow. */
    FIGURES_DIRTY_VIA("followups", "outflow_id", "SELECT client_id FROM outflows WHERE id = ")
    /* A catalogue entry's maximum duration is in every running instrument of it. */
    "CREATE TRIGGER instrument_catalogue_figures_au AFTER UPDATE ON instrument_catalogue BEGIN"
    " INSERT OR IGNORE INTO figures_dirty SELECT client_id FROM client_instruments WHERE"
    " catalogue_id IN (OLD.id, NEW.id); END;"
    "INSERT INTO figures_dirty SELECT id FROM clients;",

    /* The summary serves the team's werkvoorraad too, whose filter reads a client's
     * doelgroepen: the rows carry them (FIGURES_BLOB_VERSION 2), their table marks its
     * client, and every client is marked for db_open to write its row again. */
    FIGURES_DIRTY_TRIGGERS("client_doelgroepen", "client_id")
    /* (the marks) */ "INSERT OR IGNORE INTO figures_dirty SELECT id FROM clients;",

    /* An index for every foreign key whose child column still had none (version 9 made
     * three). Deleting a parent row makes SQLite look for its children: without an index,
     * a scan of the child table. Every save undoes its own changes once for the write
     * check (txn.c's judge_before), so a contact saved meant a scan of every agreement of
     * the municipality, and a goal one of every instrument: at 40,000 clients most of a
     * save. */
    "CREATE INDEX goals_plan ON goals(plan_id);"
    "CREATE INDEX client_instruments_goal ON client_instruments(goal_id);"
    "CREATE INDEX client_instruments_catalogue ON client_instruments(catalogue_id);"
    "CREATE INDEX agreements_client ON agreements(client_id);"
    "CREATE INDEX agreements_contact ON agreements(contact_id);"
    "CREATE INDEX outflows_instrument ON outflows(instrument_id);"
    "CREATE INDEX nazorg_client ON nazorg(client_id);"
    "CREATE INDEX followups_outflow ON followups(outflow_id);"
    "CREATE INDEX requests_client ON requests(client_id);"
    "CREATE INDEX reminders_client ON reminders(client_id);",
};

#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))
_Static_assert(N_MIGRATIONS >= SCHEMA_FIGURES_REFILL, "SCHEMA_FIGURES_REFILL is a migration");

int schema_latest(void)
{
    return N_MIGRATIONS;
}

int schema_version(sqlite3 *db)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* kv_fold(text): utf8_fold, for the search index's view and triggers. */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *s = (const char *)sqlite3_value_text(argv[0]);
    if (s == NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    size_t n = strlen(s) + 1; /* folding never lengthens */
    char *out = sqlite3_malloc64(n);
    if (out == NULL) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    utf8_fold(s, out, n);
    sqlite3_result_text(ctx, out, -1, sqlite3_free);
}

int schema_functions(sqlite3 *db)
{
    int rc = sqlite3_create_function(db, "kv_fold", 1,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                     sql_fold, NULL, NULL);
    return rc;
}

int schema_migrate(sqlite3 *db, int target, char **errmsg)
{
    int rc = schema_functions(db);
    if (rc != SQLITE_OK)
        return rc;
    /* Up to date (every open but the first after an upgrade): no write lock, which
     * would make each open wait for the writer of the moment. */
    int now = schema_version(db);
    if (now >= 0 && now == target && now <= N_MIGRATIONS)
        return SQLITE_OK;
    rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, errmsg);
    if (rc != SQLITE_OK)
        return rc;
    int v = schema_version(db);
    if (v < 0) {
        rc = sqlite3_errcode(db);
        goto fail;
    }
    if (v > N_MIGRATIONS) {
        *errmsg = sqlite3_mprintf("database schema version %d is newer than this program (%d)", v,
                                  N_MIGRATIONS);
        rc = SQLITE_ERROR;
        goto fail;
    }
    for (; v < target && v < N_MIGRATIONS; v++) {
        rc = sqlite3_exec(db, migrations[v], NULL, NULL, errmsg);
        if (rc != SQLITE_OK)
            goto fail;
        char *set = sqlite3_mprintf("PRAGMA user_version=%d", v + 1);
        rc = set ? sqlite3_exec(db, set, NULL, NULL, errmsg) : SQLITE_NOMEM;
        sqlite3_free(set);
        if (rc != SQLITE_OK)
            goto fail;
    }
    return sqlite3_exec(db, "COMMIT", NULL, NULL, errmsg);
fail:
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* ---- comparing with the schema the migrations make ---------------------------------- */

struct object {
    char *type, *name, *tbl, *sql; /* sql NULL for SQLite's automatic indexes */
    int optional;                  /* may be absent: statistics ANALYZE makes */
};

struct objects {
    struct object *v;
    size_t n;
};

static void objects_free(struct objects *o)
{
    for (size_t i = 0; i < o->n; i++) {
        sqlite3_free(o->v[i].type);
        sqlite3_free(o->v[i].name);
        sqlite3_free(o->v[i].tbl);
        sqlite3_free(o->v[i].sql);
    }
    sqlite3_free(o->v);
    o->v = NULL;
    o->n = 0;
}

static char *column(sqlite3_stmt *st, int i, int *nomem)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    if (t == NULL)
        return NULL;
    char *s = sqlite3_mprintf("%s", (const char *)t);
    *nomem |= s == NULL;
    return s;
}

/* Every object of db's main schema, ordered by type and name (BINARY, as strcmp). */
static int objects_load(sqlite3 *db, struct objects *o)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db,
                                "SELECT type, name, tbl_name, sql FROM main.sqlite_schema "
                                "ORDER BY type, name",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    size_t cap = 0;
    int nomem = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (o->n == cap) {
            cap = cap ? 2 * cap : 64;
            struct object *v = sqlite3_realloc64(o->v, cap * sizeof *v);
            if (v == NULL) {
                rc = SQLITE_NOMEM;
                break;
            }
            o->v = v;
        }
        struct object *x = &o->v[o->n++];
        x->type = column(st, 0, &nomem);
        x->name = column(st, 1, &nomem);
        x->tbl = column(st, 2, &nomem);
        x->sql = column(st, 3, &nomem);
        x->optional = x->name && strncmp(x->name, "sqlite_stat", 11) == 0;
        if (nomem || x->type == NULL || x->name == NULL) {
            rc = nomem ? SQLITE_NOMEM : SQLITE_CORRUPT;
            break;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* What the migrations up to version make, in a private in-memory database; ANALYZE adds
 * the statistics tables a file may hold once SQLite has analysed it. */
static int objects_expected(int version, struct objects *o)
{
    sqlite3 *mem = NULL;
    char *msg = NULL;
    int rc = sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(mem, "PRAGMA temp_store=MEMORY", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = schema_migrate(mem, version, &msg);
    sqlite3_free(msg);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(mem, "ANALYZE", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = objects_load(mem, o);
    sqlite3_close(mem);
    return rc;
}

static int same(const char *a, const char *b)
{
    return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

static int order(const struct object *a, const struct object *b)
{
    int c = strcmp(a->type, b->type);
    return c ? c : strcmp(a->name, b->name);
}

int schema_compare(sqlite3 *db, schema_diff_fn found, void *ctx, int *ndiff)
{
    struct objects want = {0}, have = {0};
    int v = schema_version(db);
    *ndiff = 0;
    if (v < 0)
        return sqlite3_errcode(db) != SQLITE_OK ? sqlite3_errcode(db) : SQLITE_ERROR;
    if (v > N_MIGRATIONS)
        return SQLITE_ERROR;
    int rc = objects_load(db, &have);
    if (rc == SQLITE_OK)
        rc = objects_expected(v, &want);
    size_t i = 0, k = 0;
    while (rc == SQLITE_OK && (i < want.n || k < have.n)) {
        const struct object *w = i < want.n ? &want.v[i] : NULL;
        const struct object *h = k < have.n ? &have.v[k] : NULL;
        int c = w == NULL ? 1 : h == NULL ? -1 : order(w, h);
        int differs = 1;
        enum schema_diff d = c < 0 ? SCHEMA_MISSING : c > 0 ? SCHEMA_EXTRA : SCHEMA_CHANGED;
        if (c <= 0)
            i++;
        if (c >= 0)
            k++;
        if (c < 0)
            differs = !w->optional;
        else if (c == 0)
            differs = !same(w->tbl, h->tbl) || !same(w->sql, h->sql);
        if (!differs)
            continue;
        ++*ndiff;
        if (found)
            found(d, c < 0 ? w->type : h->type, c < 0 ? w->name : h->name, ctx);
    }
    objects_free(&want);
    objects_free(&have);
    return rc;
}

void schema_diff_text(enum schema_diff kind, const char *type, const char *name, char *out,
                      size_t n)
{
    static const char *const types[][2] = {
        {"table", "tabel"}, {"index", "index"}, {"view", "view"}, {"trigger", "trigger"}};
    const char *t = type;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(type, types[i][0]) == 0)
            t = types[i][1];
    snprintf(out, n, "%s '%s' %s", t, name,
             kind == SCHEMA_EXTRA     ? "onbekend"
             : kind == SCHEMA_MISSING ? "ontbreekt"
                                      : "gewijzigd");
}
