/* dsspec.h: how a kind of record travels in a dossier (dossier.c): its export query and
 * its import statement, with the kinds nested in it. Each record's module declares its
 * kinds; dossier.c walks them in the order of the file, so references point backwards. */
#ifndef KV_STORAGE_DSSPEC_H
#define KV_STORAGE_DSSPEC_H

/* Export: the kind's key in the dossier, its query (?1 = client id, or the parent's id
 * for nested kinds; the first column is the internal id, named _id, not exported), and its
 * nested kinds (NULL-terminated). Columns named in the SELECT are the dossier's keys;
 * bookkeeping columns (DS_BK) travel along, so a record keeps who made it and when. */
struct dsspec_out {
    const char *key;
    const char *sql;
    const struct dsspec_out *const *children;
};

#define DS_BK ", created_at, updated_at, updated_by"

/* Position of a referenced record (col) among the client's (?1) records of table, in
 * the order they are exported. */
#define DS_POS(table, order, col)                                                                  \
    "(SELECT n FROM (SELECT id, row_number() OVER (ORDER BY " order ") - 1 AS n FROM " table       \
    " WHERE client_id = ?1) WHERE id = " col ")"

/* Import: insert statements use named parameters equal to the dossier's keys; :_client,
 * :_parent, :_now and :_user are filled in by the importer. dates: the keys holding a
 * date; codes: keys checked against a catalogue kind; refs: keys holding the position of
 * a record of another kind (by its collect name), replaced by the id inserted for it. */
struct dsspec_ref {
    const char *param, *target;
};
struct dsspec_code {
    const char *param, *kind;
};

struct dsspec_in {
    const char *key;
    const char *sql;
    const char *const *dates;
    const struct dsspec_code *codes;
    const struct dsspec_ref *refs;
    const struct dsspec_in *const *children; /* NULL-terminated, or NULL */
    const char *collect;                     /* remember inserted ids under this name, for refs */
    const char *table;                       /* the table it writes, for the row rules; NULL: key */
};

#define DS_IBK ", created_at, updated_at, updated_by"
#define DS_IBKV                                                                                    \
    ", coalesce(:created_at, :_now), coalesce(:updated_at, :_now), coalesce(:updated_by, :_user)"

/* Empty lists, for kinds without dates, codes or references. */
extern const char *const dsspec_no_dates[];
extern const struct dsspec_code dsspec_no_codes[];
extern const struct dsspec_ref dsspec_no_refs[];

#endif
