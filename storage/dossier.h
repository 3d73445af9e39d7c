/* dossier.h: everything stored about clients, as a stream of values for export (and the
 * same layout read back by import). Which tables, which columns, and how records refer
 * to each other is one spec table in dossier.c; references are positions in the client's
 * own arrays, never database ids, so a dossier means the same in any database.
 * Storage emits values; the caller decides the text format (JSON lines). */
#ifndef KV_STORAGE_DOSSIER_H
#define KV_STORAGE_DOSSIER_H

#include "storage/db.h"

struct dossier_visitor {
    void (*begin_client)(void *ctx);
    void (*end_client)(void *ctx);
    void (*begin_array)(void *ctx, const char *key);
    void (*end_array)(void *ctx);
    void (*begin_object)(void *ctx);
    void (*end_object)(void *ctx);
    /* One field of the current object (or of the client); v is NULL, integer or text. */
    void (*field)(void *ctx, const char *key, sqlite3_value *v);
    /* One element of a list of codes (doelgroepen). */
    void (*code)(void *ctx, const char *code);
};

/* Visit every client the user may see (client 0: own and duo clients, all of them for
 * teamleider and kwaliteitsmedewerker) or one client (any in reach, waarneming included).
 * A client out of reach is KV_EAUTH, an unknown one KV_ERR. */
int dossier_visit(struct db *db, long client, const struct dossier_visitor *v, void *ctx,
                  struct kv_error *err);

/* The same for an export that leaves the program: first one audit entry per client
 * ("export", with what: the format), and nothing at all when that cannot be written. */
int dossier_export(struct db *db, long client, const char *what, const struct dossier_visitor *v,
                   void *ctx, struct kv_error *err);

/* ---- import ------------------------------------------------------------------------ */

/* What import reads, whatever the text format: a tree of objects, arrays and values that
 * the caller provides through these functions. */
struct dossier_node;

/* DV_BOOL: true or false, which no field of the format takes (flags are 0 or 1); kept
 * apart from DV_INT so that import can say so. */
enum dossier_kind { DV_ABSENT, DV_NULL, DV_INT, DV_BOOL, DV_TEXT, DV_ARRAY, DV_OBJECT };

struct dossier_source {
    enum dossier_kind (*kind)(const struct dossier_node *n);
    long long (*integer)(const struct dossier_node *n);
    const char *(*text)(const struct dossier_node *n);
    /* Member of an object (NULL when absent), elements of an array, keys of an object. */
    const struct dossier_node *(*get)(const struct dossier_node *obj, const char *key);
    size_t (*count)(const struct dossier_node *n);
    const struct dossier_node *(*item)(const struct dossier_node *arr, size_t i);
    const char *(*key)(const struct dossier_node *obj, size_t i);
};

/* Insert one client's dossier inside the caller's transaction. Each field has one type:
 * text (dates, codes, the BSN and free text), a whole number (cost_cents, hours_per_week,
 * months, frequency_days), a flag (0 or 1) or a reference (a position among the client's
 * records of the kind it names; a signal acknowledgement's ref only for the kinds of
 * signal that concern a record, else 0); anything else is refused. Every record obeys
 * the rules every writer obeys (rowrules.h; today from now). On failure err says which
 * field (as a path like "intakes[1].date") and why; the caller rolls back. */
int dossier_import(struct db *db, const struct dossier_source *src,
                   const struct dossier_node *client, const char *now, struct kv_error *err);

#endif
