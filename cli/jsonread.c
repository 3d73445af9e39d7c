#include "cli/jsonread.h"

#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 32

struct p {
    const char *s, *end, *at;
    char *msg;
    size_t msglen;
    int depth;
};

static int fail(struct p *p, const char *why)
{
    snprintf(p->msg, p->msglen, "%s", why);
    return -1;
}

static void ws(struct p *p)
{
    while (p->at < p->end && (*p->at == ' ' || *p->at == '\t' || *p->at == '\n' || *p->at == '\r'))
        p->at++;
}

static int value(struct p *p, struct jval *v);

static int hex4(struct p *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        if (p->at >= p->end)
            return fail(p, "onvolledige \\u-code");
        char c = *p->at++;
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return fail(p, "ongeldige \\u-code");
    }
    *out = v;
    return 0;
}

/* The raw length of the string starting at p->at (after its opening quote), up to its
 * closing quote or the end of the input. Decoding never makes a string longer (an escape
 * is at least as long as what it stands for), so this is what the decoded text needs:
 * allocating the rest of the line instead made every string cost the whole line. */
static size_t raw_length(const struct p *p)
{
    const char *q = p->at;
    while (q < p->end && *q != '"')
        q += *q == '\\' && q + 1 < p->end ? 2 : 1;
    return (size_t)(q - p->at);
}

static int string(struct p *p, char **out)
{
    p->at++; /* the opening quote */
    char *o = malloc(raw_length(p) + 1), *w = o;
    if (o == NULL)
        return fail(p, "onvoldoende geheugen");
    while (p->at < p->end && *p->at != '"') {
        unsigned char c = (unsigned char)*p->at;
        if (c < 0x20) {
            free(o);
            return fail(p, "stuurteken in een tekst");
        }
        if (c == '\\') {
            p->at++;
            if (p->at >= p->end)
                break;
            char e = *p->at++;
            unsigned cp;
            switch (e) {
            case '"':
                *w++ = '"';
                break;
            case '\\':
                *w++ = '\\';
                break;
            case '/':
                *w++ = '/';
                break;
            case 'b':
                *w++ = '\b';
                break;
            case 'f':
                *w++ = '\f';
                break;
            case 'n':
                *w++ = '\n';
                break;
            case 'r':
                *w++ = '\r';
                break;
            case 't':
                *w++ = '\t';
                break;
            case 'u':
                if (hex4(p, &cp) != 0) {
                    free(o);
                    return -1;
                }
                if (cp >= 0xD800 && cp < 0xDC00) { /* a surrogate pair */
                    unsigned lo;
                    if (p->end - p->at < 6 || p->at[0] != '\\' || p->at[1] != 'u') {
                        free(o);
                        return fail(p, "ongeldige UTF-16-code in \\u");
                    }
                    p->at += 2;
                    if (hex4(p, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF) {
                        free(o);
                        return fail(p, "ongeldige UTF-16-code in \\u");
                    }
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                } else if (cp >= 0xDC00 && cp < 0xE000) {
                    free(o);
                    return fail(p, "ongeldige UTF-16-code in \\u");
                }
                if (cp == 0) {
                    free(o);
                    return fail(p, "nulteken in een tekst");
                }
                w += utf8_encode(cp, w);
                break;
            default:
                free(o);
                return fail(p, "ongeldige escape in een tekst");
            }
            continue;
        }
        int n = utf8_seq_len((const unsigned char *)p->at, (const unsigned char *)p->end);
        if (n == 0) {
            free(o);
            return fail(p, "ongeldige UTF-8 in een tekst");
        }
        memcpy(w, p->at, (size_t)n);
        w += n;
        p->at += n;
    }
    if (p->at >= p->end) {
        free(o);
        return fail(p, "de regel houdt op midden in een tekst (geen afsluitend aanhalingsteken)");
    }
    p->at++;
    *w = '\0';
    *out = o;
    return 0;
}

static int number(struct p *p, struct jval *v)
{
    const char *start = p->at;
    if (p->at < p->end && *p->at == '-')
        p->at++;
    if (p->at >= p->end || *p->at < '0' || *p->at > '9')
        return fail(p, "ongeldig getal");
    if (*p->at == '0' && p->at + 1 < p->end && p->at[1] >= '0' && p->at[1] <= '9')
        return fail(p, "getal met voorloopnul");
    while (p->at < p->end && *p->at >= '0' && *p->at <= '9')
        p->at++;
    if (p->at < p->end && (*p->at == '.' || *p->at == 'e' || *p->at == 'E'))
        return fail(p, "alleen gehele getallen zijn toegestaan");
    if (p->at - start > 18)
        return fail(p, "getal te groot");
    char buf[24];
    memcpy(buf, start, (size_t)(p->at - start));
    buf[p->at - start] = '\0';
    v->t = J_INT;
    v->i = strtoll(buf, NULL, 10);
    return 0;
}

static int literal(struct p *p, const char *word, struct jval *v, enum jtype t, long long i)
{
    size_t n = strlen(word), have = (size_t)(p->end - p->at);
    if (have < n && memcmp(p->at, word, have) == 0)
        return fail(p, "de regel houdt op midden in een waarde");
    if (have < n || memcmp(p->at, word, n) != 0)
        return fail(p, "onverwacht teken");
    p->at += n;
    v->t = t;
    v->i = i;
    return 0;
}

static int array(struct p *p, struct jval *v)
{
    size_t cap = 0;
    p->at++;
    v->t = J_ARR;
    ws(p);
    if (p->at < p->end && *p->at == ']') {
        p->at++;
        return 0;
    }
    for (;;) {
        if (v->n == cap) {
            cap = cap ? 2 * cap : 4;
            struct jval *items = realloc(v->items, cap * sizeof *items);
            if (items == NULL)
                return fail(p, "onvoldoende geheugen");
            v->items = items;
        }
        memset(&v->items[v->n], 0, sizeof v->items[v->n]);
        if (value(p, &v->items[v->n++]) != 0)
            return -1;
        ws(p);
        if (p->at < p->end && *p->at == ',') {
            p->at++;
            continue;
        }
        if (p->at < p->end && *p->at == ']') {
            p->at++;
            return 0;
        }
        return fail(p, p->at >= p->end ? "de regel houdt op midden in een lijst"
                                       : "',' of ']' verwacht");
    }
}

/* Keys seen in one object, for refusing a duplicate in time linear in the object's
 * size: an open-addressing table of member indexes + 1, used once an object has more
 * members than are worth comparing one by one. */
#define KEYS_LINEAR 16

struct keyset {
    size_t *slot, n;
};

static size_t key_hash(const char *k)
{
    size_t h = (size_t)14695981039346656037ull;
    for (; *k; k++)
        h = (h ^ (unsigned char)*k) * (size_t)1099511628211ull;
    return h;
}

/* Is member i's key among members[0..i)? Adds it. -1: out of memory. */
static int key_seen(struct keyset *ks, const struct jmember *m, size_t i)
{
    if (i < KEYS_LINEAR) {
        for (size_t k = 0; k < i; k++)
            if (strcmp(m[k].key, m[i].key) == 0)
                return 1;
        return 0;
    }
    if (2 * (i + 1) > ks->n) { /* (re)build at twice the members, at most half full */
        size_t n = ks->n ? 2 * ks->n : 4 * KEYS_LINEAR;
        while (2 * (i + 1) > n)
            n *= 2;
        size_t *slot = calloc(n, sizeof *slot);
        if (slot == NULL)
            return -1;
        free(ks->slot);
        ks->slot = slot;
        ks->n = n;
        for (size_t k = 0; k < i; k++) {
            size_t h = key_hash(m[k].key) & (n - 1);
            while (slot[h])
                h = (h + 1) & (n - 1);
            slot[h] = k + 1;
        }
    }
    size_t h = key_hash(m[i].key) & (ks->n - 1);
    for (; ks->slot[h]; h = (h + 1) & (ks->n - 1))
        if (strcmp(m[ks->slot[h] - 1].key, m[i].key) == 0)
            return 1;
    ks->slot[h] = i + 1;
    return 0;
}

static int members(struct p *p, struct jval *v, struct keyset *ks);

static int object(struct p *p, struct jval *v)
{
    struct keyset ks = {NULL, 0};
    int rc = members(p, v, &ks);
    free(ks.slot);
    return rc;
}

static int members(struct p *p, struct jval *v, struct keyset *ks)
{
    size_t cap = 0;
    p->at++;
    v->t = J_OBJ;
    ws(p);
    if (p->at < p->end && *p->at == '}') {
        p->at++;
        return 0;
    }
    for (;;) {
        ws(p);
        if (p->at >= p->end || *p->at != '"')
            return fail(p, p->at >= p->end ? "de regel houdt op midden in een object"
                                           : "veldnaam verwacht");
        if (v->n == cap) {
            cap = cap ? 2 * cap : 8;
            struct jmember *m = realloc(v->members, cap * sizeof *m);
            if (m == NULL)
                return fail(p, "onvoldoende geheugen");
            v->members = m;
        }
        struct jmember *m = &v->members[v->n++];
        memset(m, 0, sizeof *m);
        if (string(p, &m->key) != 0)
            return -1;
        int seen = key_seen(ks, v->members, v->n - 1);
        if (seen != 0)
            return fail(p, seen < 0 ? "onvoldoende geheugen" : "veld komt twee keer voor");
        ws(p);
        if (p->at >= p->end || *p->at != ':')
            return fail(p, "':' verwacht");
        p->at++;
        if (value(p, &m->val) != 0)
            return -1;
        ws(p);
        if (p->at < p->end && *p->at == ',') {
            p->at++;
            continue;
        }
        if (p->at < p->end && *p->at == '}') {
            p->at++;
            return 0;
        }
        return fail(p, p->at >= p->end ? "de regel houdt op midden in een object"
                                       : "',' of '}' verwacht");
    }
}

static int value(struct p *p, struct jval *v)
{
    ws(p);
    if (p->at >= p->end)
        return fail(p, "waarde verwacht, maar de regel houdt op");
    if (++p->depth > MAX_DEPTH)
        return fail(p, "te diep genest");
    int rc;
    switch (*p->at) {
    case '{':
        rc = object(p, v);
        break;
    case '[':
        rc = array(p, v);
        break;
    case '"':
        v->t = J_STR;
        rc = string(p, &v->s);
        break;
    case 't':
        rc = literal(p, "true", v, J_BOOL, 1);
        break;
    case 'f':
        rc = literal(p, "false", v, J_BOOL, 0);
        break;
    case 'n':
        rc = literal(p, "null", v, J_NULL, 0);
        break;
    default:
        rc = number(p, v);
    }
    p->depth--;
    return rc;
}

int json_parse(const char *text, size_t len, struct jval *out, char *msg, size_t msglen,
               size_t *col)
{
    struct p p = {text, text + len, text, msg, msglen, 0};
    memset(out, 0, sizeof *out);
    int rc = value(&p, out);
    if (rc == 0) {
        ws(&p);
        if (p.at != p.end)
            rc = fail(&p, "tekst na het einde van de waarde");
    }
    *col = (size_t)(p.at - text) + 1;
    if (rc != 0) {
        json_free(out);
        memset(out, 0, sizeof *out);
    }
    return rc;
}

void json_free(struct jval *v)
{
    if (v == NULL)
        return;
    for (size_t i = 0; v->t == J_ARR && i < v->n; i++)
        json_free(&v->items[i]);
    for (size_t i = 0; v->t == J_OBJ && i < v->n; i++) {
        free(v->members[i].key);
        json_free(&v->members[i].val);
    }
    free(v->items);
    free(v->members);
    free(v->s);
    v->items = NULL;
    v->members = NULL;
    v->s = NULL;
    v->n = 0;
}

const struct jval *json_get(const struct jval *obj, const char *key)
{
    for (size_t i = 0; obj && obj->t == J_OBJ && i < obj->n; i++)
        if (strcmp(obj->members[i].key, key) == 0)
            return &obj->members[i].val;
    return NULL;
}
