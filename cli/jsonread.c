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
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return fail(p, "ongeldige \\u-code");
    }
    *out = v;
    return 0;
}

static int string(struct p *p, char **out)
{
    p->at++; /* the opening quote */
    char *o = malloc((size_t)(p->end - p->at) + 1), *w = o;
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
            case '"': *w++ = '"'; break;
            case '\\': *w++ = '\\'; break;
            case '/': *w++ = '/'; break;
            case 'b': *w++ = '\b'; break;
            case 'f': *w++ = '\f'; break;
            case 'n': *w++ = '\n'; break;
            case 'r': *w++ = '\r'; break;
            case 't': *w++ = '\t'; break;
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

static int object(struct p *p, struct jval *v)
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
        for (size_t k = 0; k + 1 < v->n; k++)
            if (strcmp(v->members[k].key, m->key) == 0)
                return fail(p, "veld komt twee keer voor");
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
    case '{': rc = object(p, v); break;
    case '[': rc = array(p, v); break;
    case '"': v->t = J_STR; rc = string(p, &v->s); break;
    case 't': rc = literal(p, "true", v, J_BOOL, 1); break;
    case 'f': rc = literal(p, "false", v, J_BOOL, 0); break;
    case 'n': rc = literal(p, "null", v, J_NULL, 0); break;
    default: rc = number(p, v);
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
