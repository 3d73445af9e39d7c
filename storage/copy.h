/* copy.h: a complete, consistent copy of an open database into a new file, under a
 * given header and master key; the way both backup and rekey write files. The copy is
 * built in a temporary file beside dest (0600, exclusive) and appears at dest only
 * when complete and synced. */
#ifndef KV_STORAGE_COPY_H
#define KV_STORAGE_COPY_H

#include "storage/db.h"

enum copy_mode {
    COPY_NEW,     /* dest must not exist */
    COPY_REPLACE, /* rename over dest (backup --force) */
    COPY_ROTATE,  /* rename over src's own file (rekey): src's SQLite connection is closed
                   * first, so src can only be closed afterwards; the caller holds the file
                   * exclusively, so no WAL of the old key is left beside the new file */
};

int copy_database(struct db *src, struct header *h, const unsigned char *master, const char *dest,
                  enum copy_mode mode, struct kv_error *err);

/* The same copy, left under a private temporary name next to dest (dest.new-XXXXXX,
 * created with O_EXCL, mode 0600, the process's own group), for a caller that changes it
 * before it is put in place (a checkout prunes it): *tmp (malloc'ed) names it, and the
 * caller links or renames it into place, or unlinks it. On an error nothing is left. */
int copy_database_private(struct db *src, struct header *h, const unsigned char *master,
                          const char *dest, char **tmp, struct kv_error *err);

#endif
