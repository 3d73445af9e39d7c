#include "storage/dsspec.h"

#include <stddef.h>

const char *const dsspec_no_dates[] = {NULL};
const struct dsspec_code dsspec_no_codes[] = {{NULL, NULL}};
const struct dsspec_ref dsspec_no_refs[] = {{NULL, NULL}};
