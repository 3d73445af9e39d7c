#include "host/batch.h"

#include <errno.h>
#include <sys/resource.h>

int batch_priority(void)
{
    errno = 0;
    int now = getpriority(PRIO_PROCESS, 0); /* -1 is a valid nice value: errno tells */
    if (now == -1 && errno != 0)
        return -1;
    int want = now + BATCH_NICE > 19 ? 19 : now + BATCH_NICE;
    return want > now ? setpriority(PRIO_PROCESS, 0, want) : 0;
}
