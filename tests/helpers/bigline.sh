#!/bin/bash
# bigline.sh MB: one dossier line of about MB MiB, as export writes it: a client with
# instruments (each about 480 bytes, bookkeeping included) until the line is that long.
# Fixed content, for the large-line import test and bench/jsonread.sh.
exec awk -v mb="${1:-6}" 'BEGIN {
    want = mb * 1048576
    line = "{\"bsn\":\"123456782\",\"first_name\":\"Anna\",\"last_name\":\"de Boer\",\"birth_date\":\"1980-05-01\",\"applied_on\":\"2020-01-05\",\"instruments\":["
    item = "{\"instrument\":\"werkervaringsplaats\",\"goal\":null,\"provider\":\"Sociaal werkbedrijf Oost\",\"start\":\"2021-03-01\",\"planned_end\":\"2021-09-01\",\"actual_end\":\"2021-08-15\",\"cost_cents\":125000,\"status\":\"afgerond\",\"end_reason\":\"afgerond\",\"result\":\"Werkritme opgebouwd; \\\"goed\\\" beoordeeld, met een verslag van de werkgever over houding, inzet en samenwerking\",\"certificate_promised\":1,\"certificate_received\":0,\"created_at\":\"2021-03-01 09:00:00\",\"updated_at\":\"2021-08-15 16:30:00\",\"updated_by\":\"km.bakker\",\"extensions\":[]}"
    printf "%s", line
    n = length(line)
    for (i = 0; n + length(item) + 3 < want; i++) {
        printf "%s%s", (i ? "," : ""), item
        n += length(item) + 1
    }
    printf "]}\n"
}'
