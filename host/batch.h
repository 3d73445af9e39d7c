/* batch.h: work nobody waits for key by key gives way on a busy server. A report over a
 * whole municipality or a backup of it takes a core for seconds; at equal priority the
 * caseworker holding the writers' queue shared the CPU with it, and every save behind
 * him waited for that. Only for work that takes no write turn after the call: a process
 * at low priority holding the writers' queue would hold up every writer (priority
 * inversion), and an unprivileged process cannot raise its priority again. */
#ifndef KV_HOST_BATCH_H
#define KV_HOST_BATCH_H

/* Raise this process's nice value by BATCH_NICE (up to 19; never lowers it). Returns 0,
 * or -1 when the system refused (the work runs on at its priority). */
#define BATCH_NICE 10
int batch_priority(void);

#endif
