/* roles.h: the closed set of user roles and what a user name may look like.
 * Role names are the Dutch ones stored in the database and typed on the command line. */
#ifndef KV_CORE_ROLES_H
#define KV_CORE_ROLES_H

#include <stdbool.h>

enum role {
    ROLE_KLANTMANAGER,
    ROLE_CONSULENT_INKOMEN,
    ROLE_JOBCOACH,
    ROLE_TEAMLEIDER,
    ROLE_KWALITEITSMEDEWERKER,
    ROLE_BEHEERDER,
    ROLE_COUNT
};

/* Stored/typed name of a role ("klantmanager"); NULL for an out-of-range value. */
const char *role_name(enum role r);

/* role_name, or none for a stored value that is no role (-1): for messages. */
const char *role_label(int r, const char *none);

/* Parse a role name; returns -1 when it is not one. */
int role_parse(const char *s);

/* What a role may do, in one place (storage enforces it; screens and commands ask it so
 * they can refuse at once). int role: a stored value may be out of range (-1). */
/* Has a caseload and writes client content: klantmanager, consulent inkomen, jobcoach. */
bool role_casework(int r);
/* Reads every client of the teams, writes only assignments: teamleider,
 * kwaliteitsmedewerker. */
bool role_sees_all(int r);
/* Users, keys, catalogues and settings, never client content: beheerder. */
bool role_administers(int r);
/* Reads the audit log, imports in bulk and revokes anyone's offline copy: teamleider,
 * beheerder. */
bool role_oversees(int r);

/* A user name: 1..63 bytes of a-z, 0-9, '.', '_', '-', starting with a letter or
 * digit. Login names of the server accounts fit this; nothing else needs to. */
bool user_name_valid(const char *s);

#define USER_NAME_MAX 63

#endif
