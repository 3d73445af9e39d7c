#include "core/roles.h"

#include <string.h>

static const char *const names[ROLE_COUNT] = {
    [ROLE_KLANTMANAGER] = "klantmanager",
    [ROLE_CONSULENT_INKOMEN] = "consulent_inkomen",
    [ROLE_JOBCOACH] = "jobcoach",
    [ROLE_TEAMLEIDER] = "teamleider",
    [ROLE_KWALITEITSMEDEWERKER] = "kwaliteitsmedewerker",
    [ROLE_BEHEERDER] = "beheerder",
};

const char *role_name(enum role r)
{
    return (r >= 0 && r < ROLE_COUNT) ? names[r] : NULL;
}

const char *role_label(int r, const char *none)
{
    const char *s = role_name(r);
    return s ? s : none;
}

int role_parse(const char *s)
{
    for (int i = 0; s != NULL && i < ROLE_COUNT; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

bool role_casework(int r)
{
    return r == ROLE_KLANTMANAGER || r == ROLE_CONSULENT_INKOMEN || r == ROLE_JOBCOACH;
}

bool role_sees_all(int r)
{
    return r == ROLE_TEAMLEIDER || r == ROLE_KWALITEITSMEDEWERKER;
}

bool role_administers(int r)
{
    return r == ROLE_BEHEERDER;
}

bool role_oversees(int r)
{
    return r == ROLE_TEAMLEIDER || r == ROLE_BEHEERDER;
}

bool user_name_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > USER_NAME_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
            return false;
    }
    return true;
}
