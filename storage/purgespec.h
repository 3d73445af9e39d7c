/* purgespec.h: the tables that hold a record kind's rows of one client, for retention
 * (purge.c): each as the condition that picks the rows of client ?1, children before
 * parents. Each record's module declares its own, ending with an entry without table. */
#ifndef KV_STORAGE_PURGESPEC_H
#define KV_STORAGE_PURGESPEC_H

struct purgespec {
    const char *table, *where;
};

#endif
