#include "core/utf8.h"

#include <string.h>
#include <wchar.h>

int utf8_seq_len(const unsigned char *s, const unsigned char *end)
{
    if (s >= end)
        return 0;
    int n = s[0] < 0x80                    ? 1
            : s[0] >= 0xC2 && s[0] < 0xE0  ? 2
            : s[0] >= 0xE0 && s[0] < 0xF0  ? 3
            : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4
                                           : 0;
    if (n == 0 || end - s < n)
        return 0;
    for (int i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((n == 3 && ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0))) ||
        (n == 4 && ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))))
        return 0; /* overlong, a surrogate, or beyond U+10FFFF */
    return n;
}

size_t utf8_encode(unsigned long cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

int utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + n;
    while (p < e) {
        int k = utf8_seq_len(p, e);
        if (k == 0)
            return 0;
        p += k;
    }
    return 1;
}

char *utf8_copy(char *out, size_t n, const char *s)
{
    size_t len = strlen(s);
    if (n == 0)
        return out;
    if (len >= n) {
        len = n - 1;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--; /* s[len] would be a continuation byte: stop before its character */
    }
    memcpy(out, s, len);
    out[len] = '\0';
    return out;
}

/* ---- folding for search ---------------------------------------------------------------- */

/* Every Latin letter beyond ASCII a Dutch caseload meets, as plain lowercase ASCII: Latin-1
 * (é ë ï ö ü ø å æ ß ...), Latin Extended-A (ı İ ş ğ ç ł ő ą ę ń ś ź ż ć ă ...), the
 * Extended-B letters in use (ș ț ǎ ơ ư ə ...) and Latin Extended Additional (Vietnamese,
 * ẞ). Letters with diacritics lose them; letters of their own (ı ł ø đ ß æ œ ĳ þ) become
 * what a Dutch keyboard types for them. No entry is longer than its UTF-8 form, so folded
 * text never grows. Sorted by code point (binary search). */
static const struct fold {
    unsigned short cp;
    char ascii[3];
} fold_table[] = {
    {0x00C0, "a"},  {0x00C1, "a"},  {0x00C2, "a"},  {0x00C3, "a"},  {0x00C4, "a"},  {0x00C5, "a"},
    {0x00C6, "ae"}, {0x00C7, "c"},  {0x00C8, "e"},  {0x00C9, "e"},  {0x00CA, "e"},  {0x00CB, "e"},
    {0x00CC, "i"},  {0x00CD, "i"},  {0x00CE, "i"},  {0x00CF, "i"},  {0x00D0, "d"},  {0x00D1, "n"},
    {0x00D2, "o"},  {0x00D3, "o"},  {0x00D4, "o"},  {0x00D5, "o"},  {0x00D6, "o"},  {0x00D8, "o"},
    {0x00D9, "u"},  {0x00DA, "u"},  {0x00DB, "u"},  {0x00DC, "u"},  {0x00DD, "y"},  {0x00DE, "th"},
    {0x00DF, "ss"}, {0x00E0, "a"},  {0x00E1, "a"},  {0x00E2, "a"},  {0x00E3, "a"},  {0x00E4, "a"},
    {0x00E5, "a"},  {0x00E6, "ae"}, {0x00E7, "c"},  {0x00E8, "e"},  {0x00E9, "e"},  {0x00EA, "e"},
    {0x00EB, "e"},  {0x00EC, "i"},  {0x00ED, "i"},  {0x00EE, "i"},  {0x00EF, "i"},  {0x00F0, "d"},
    {0x00F1, "n"},  {0x00F2, "o"},  {0x00F3, "o"},  {0x00F4, "o"},  {0x00F5, "o"},  {0x00F6, "o"},
    {0x00F8, "o"},  {0x00F9, "u"},  {0x00FA, "u"},  {0x00FB, "u"},  {0x00FC, "u"},  {0x00FD, "y"},
    {0x00FE, "th"}, {0x00FF, "y"},  {0x0100, "a"},  {0x0101, "a"},  {0x0102, "a"},  {0x0103, "a"},
    {0x0104, "a"},  {0x0105, "a"},  {0x0106, "c"},  {0x0107, "c"},  {0x0108, "c"},  {0x0109, "c"},
    {0x010A, "c"},  {0x010B, "c"},  {0x010C, "c"},  {0x010D, "c"},  {0x010E, "d"},  {0x010F, "d"},
    {0x0110, "d"},  {0x0111, "d"},  {0x0112, "e"},  {0x0113, "e"},  {0x0114, "e"},  {0x0115, "e"},
    {0x0116, "e"},  {0x0117, "e"},  {0x0118, "e"},  {0x0119, "e"},  {0x011A, "e"},  {0x011B, "e"},
    {0x011C, "g"},  {0x011D, "g"},  {0x011E, "g"},  {0x011F, "g"},  {0x0120, "g"},  {0x0121, "g"},
    {0x0122, "g"},  {0x0123, "g"},  {0x0124, "h"},  {0x0125, "h"},  {0x0126, "h"},  {0x0127, "h"},
    {0x0128, "i"},  {0x0129, "i"},  {0x012A, "i"},  {0x012B, "i"},  {0x012C, "i"},  {0x012D, "i"},
    {0x012E, "i"},  {0x012F, "i"},  {0x0130, "i"},  {0x0131, "i"},  {0x0132, "ij"}, {0x0133, "ij"},
    {0x0134, "j"},  {0x0135, "j"},  {0x0136, "k"},  {0x0137, "k"},  {0x0138, "k"},  {0x0139, "l"},
    {0x013A, "l"},  {0x013B, "l"},  {0x013C, "l"},  {0x013D, "l"},  {0x013E, "l"},  {0x013F, "l"},
    {0x0140, "l"},  {0x0141, "l"},  {0x0142, "l"},  {0x0143, "n"},  {0x0144, "n"},  {0x0145, "n"},
    {0x0146, "n"},  {0x0147, "n"},  {0x0148, "n"},  {0x0149, "n"},  {0x014A, "n"},  {0x014B, "n"},
    {0x014C, "o"},  {0x014D, "o"},  {0x014E, "o"},  {0x014F, "o"},  {0x0150, "o"},  {0x0151, "o"},
    {0x0152, "oe"}, {0x0153, "oe"}, {0x0154, "r"},  {0x0155, "r"},  {0x0156, "r"},  {0x0157, "r"},
    {0x0158, "r"},  {0x0159, "r"},  {0x015A, "s"},  {0x015B, "s"},  {0x015C, "s"},  {0x015D, "s"},
    {0x015E, "s"},  {0x015F, "s"},  {0x0160, "s"},  {0x0161, "s"},  {0x0162, "t"},  {0x0163, "t"},
    {0x0164, "t"},  {0x0165, "t"},  {0x0166, "t"},  {0x0167, "t"},  {0x0168, "u"},  {0x0169, "u"},
    {0x016A, "u"},  {0x016B, "u"},  {0x016C, "u"},  {0x016D, "u"},  {0x016E, "u"},  {0x016F, "u"},
    {0x0170, "u"},  {0x0171, "u"},  {0x0172, "u"},  {0x0173, "u"},  {0x0174, "w"},  {0x0175, "w"},
    {0x0176, "y"},  {0x0177, "y"},  {0x0178, "y"},  {0x0179, "z"},  {0x017A, "z"},  {0x017B, "z"},
    {0x017C, "z"},  {0x017D, "z"},  {0x017E, "z"},  {0x017F, "s"},  {0x0180, "b"},  {0x018F, "e"},
    {0x0192, "f"},  {0x0197, "i"},  {0x019A, "l"},  {0x01A0, "o"},  {0x01A1, "o"},  {0x01AF, "u"},
    {0x01B0, "u"},  {0x01B5, "z"},  {0x01B6, "z"},  {0x01C4, "dz"}, {0x01C5, "dz"}, {0x01C6, "dz"},
    {0x01C7, "lj"}, {0x01C8, "lj"}, {0x01C9, "lj"}, {0x01CA, "nj"}, {0x01CB, "nj"}, {0x01CC, "nj"},
    {0x01CD, "a"},  {0x01CE, "a"},  {0x01CF, "i"},  {0x01D0, "i"},  {0x01D1, "o"},  {0x01D2, "o"},
    {0x01D3, "u"},  {0x01D4, "u"},  {0x01D5, "u"},  {0x01D6, "u"},  {0x01D7, "u"},  {0x01D8, "u"},
    {0x01D9, "u"},  {0x01DA, "u"},  {0x01DB, "u"},  {0x01DC, "u"},  {0x01DD, "e"},  {0x01DE, "a"},
    {0x01DF, "a"},  {0x01E0, "a"},  {0x01E1, "a"},  {0x01E4, "g"},  {0x01E5, "g"},  {0x01E6, "g"},
    {0x01E7, "g"},  {0x01E8, "k"},  {0x01E9, "k"},  {0x01EA, "o"},  {0x01EB, "o"},  {0x01EC, "o"},
    {0x01ED, "o"},  {0x01F0, "j"},  {0x01F1, "dz"}, {0x01F2, "dz"}, {0x01F3, "dz"}, {0x01F4, "g"},
    {0x01F5, "g"},  {0x01F8, "n"},  {0x01F9, "n"},  {0x01FA, "a"},  {0x01FB, "a"},  {0x0200, "a"},
    {0x0201, "a"},  {0x0202, "a"},  {0x0203, "a"},  {0x0204, "e"},  {0x0205, "e"},  {0x0206, "e"},
    {0x0207, "e"},  {0x0208, "i"},  {0x0209, "i"},  {0x020A, "i"},  {0x020B, "i"},  {0x020C, "o"},
    {0x020D, "o"},  {0x020E, "o"},  {0x020F, "o"},  {0x0210, "r"},  {0x0211, "r"},  {0x0212, "r"},
    {0x0213, "r"},  {0x0214, "u"},  {0x0215, "u"},  {0x0216, "u"},  {0x0217, "u"},  {0x0218, "s"},
    {0x0219, "s"},  {0x021A, "t"},  {0x021B, "t"},  {0x021E, "h"},  {0x021F, "h"},  {0x0226, "a"},
    {0x0227, "a"},  {0x0228, "e"},  {0x0229, "e"},  {0x022A, "o"},  {0x022B, "o"},  {0x022C, "o"},
    {0x022D, "o"},  {0x022E, "o"},  {0x022F, "o"},  {0x0230, "o"},  {0x0231, "o"},  {0x0232, "y"},
    {0x0233, "y"},  {0x023A, "a"},  {0x023B, "c"},  {0x023C, "c"},  {0x0246, "e"},  {0x0247, "e"},
    {0x0248, "j"},  {0x0249, "j"},  {0x024C, "r"},  {0x024D, "r"},  {0x024E, "y"},  {0x024F, "y"},
    {0x0259, "e"},  {0x1E00, "a"},  {0x1E01, "a"},  {0x1E02, "b"},  {0x1E03, "b"},  {0x1E04, "b"},
    {0x1E05, "b"},  {0x1E06, "b"},  {0x1E07, "b"},  {0x1E08, "c"},  {0x1E09, "c"},  {0x1E0A, "d"},
    {0x1E0B, "d"},  {0x1E0C, "d"},  {0x1E0D, "d"},  {0x1E0E, "d"},  {0x1E0F, "d"},  {0x1E10, "d"},
    {0x1E11, "d"},  {0x1E12, "d"},  {0x1E13, "d"},  {0x1E14, "e"},  {0x1E15, "e"},  {0x1E16, "e"},
    {0x1E17, "e"},  {0x1E18, "e"},  {0x1E19, "e"},  {0x1E1A, "e"},  {0x1E1B, "e"},  {0x1E1C, "e"},
    {0x1E1D, "e"},  {0x1E1E, "f"},  {0x1E1F, "f"},  {0x1E20, "g"},  {0x1E21, "g"},  {0x1E22, "h"},
    {0x1E23, "h"},  {0x1E24, "h"},  {0x1E25, "h"},  {0x1E26, "h"},  {0x1E27, "h"},  {0x1E28, "h"},
    {0x1E29, "h"},  {0x1E2A, "h"},  {0x1E2B, "h"},  {0x1E2C, "i"},  {0x1E2D, "i"},  {0x1E2E, "i"},
    {0x1E2F, "i"},  {0x1E30, "k"},  {0x1E31, "k"},  {0x1E32, "k"},  {0x1E33, "k"},  {0x1E34, "k"},
    {0x1E35, "k"},  {0x1E36, "l"},  {0x1E37, "l"},  {0x1E38, "l"},  {0x1E39, "l"},  {0x1E3A, "l"},
    {0x1E3B, "l"},  {0x1E3C, "l"},  {0x1E3D, "l"},  {0x1E3E, "m"},  {0x1E3F, "m"},  {0x1E40, "m"},
    {0x1E41, "m"},  {0x1E42, "m"},  {0x1E43, "m"},  {0x1E44, "n"},  {0x1E45, "n"},  {0x1E46, "n"},
    {0x1E47, "n"},  {0x1E48, "n"},  {0x1E49, "n"},  {0x1E4A, "n"},  {0x1E4B, "n"},  {0x1E4C, "o"},
    {0x1E4D, "o"},  {0x1E4E, "o"},  {0x1E4F, "o"},  {0x1E50, "o"},  {0x1E51, "o"},  {0x1E52, "o"},
    {0x1E53, "o"},  {0x1E54, "p"},  {0x1E55, "p"},  {0x1E56, "p"},  {0x1E57, "p"},  {0x1E58, "r"},
    {0x1E59, "r"},  {0x1E5A, "r"},  {0x1E5B, "r"},  {0x1E5C, "r"},  {0x1E5D, "r"},  {0x1E5E, "r"},
    {0x1E5F, "r"},  {0x1E60, "s"},  {0x1E61, "s"},  {0x1E62, "s"},  {0x1E63, "s"},  {0x1E64, "s"},
    {0x1E65, "s"},  {0x1E66, "s"},  {0x1E67, "s"},  {0x1E68, "s"},  {0x1E69, "s"},  {0x1E6A, "t"},
    {0x1E6B, "t"},  {0x1E6C, "t"},  {0x1E6D, "t"},  {0x1E6E, "t"},  {0x1E6F, "t"},  {0x1E70, "t"},
    {0x1E71, "t"},  {0x1E72, "u"},  {0x1E73, "u"},  {0x1E74, "u"},  {0x1E75, "u"},  {0x1E76, "u"},
    {0x1E77, "u"},  {0x1E78, "u"},  {0x1E79, "u"},  {0x1E7A, "u"},  {0x1E7B, "u"},  {0x1E7C, "v"},
    {0x1E7D, "v"},  {0x1E7E, "v"},  {0x1E7F, "v"},  {0x1E80, "w"},  {0x1E81, "w"},  {0x1E82, "w"},
    {0x1E83, "w"},  {0x1E84, "w"},  {0x1E85, "w"},  {0x1E86, "w"},  {0x1E87, "w"},  {0x1E88, "w"},
    {0x1E89, "w"},  {0x1E8A, "x"},  {0x1E8B, "x"},  {0x1E8C, "x"},  {0x1E8D, "x"},  {0x1E8E, "y"},
    {0x1E8F, "y"},  {0x1E90, "z"},  {0x1E91, "z"},  {0x1E92, "z"},  {0x1E93, "z"},  {0x1E94, "z"},
    {0x1E95, "z"},  {0x1E96, "h"},  {0x1E97, "t"},  {0x1E98, "w"},  {0x1E99, "y"},  {0x1E9E, "ss"},
    {0x1EA0, "a"},  {0x1EA1, "a"},  {0x1EA2, "a"},  {0x1EA3, "a"},  {0x1EA4, "a"},  {0x1EA5, "a"},
    {0x1EA6, "a"},  {0x1EA7, "a"},  {0x1EA8, "a"},  {0x1EA9, "a"},  {0x1EAA, "a"},  {0x1EAB, "a"},
    {0x1EAC, "a"},  {0x1EAD, "a"},  {0x1EAE, "a"},  {0x1EAF, "a"},  {0x1EB0, "a"},  {0x1EB1, "a"},
    {0x1EB2, "a"},  {0x1EB3, "a"},  {0x1EB4, "a"},  {0x1EB5, "a"},  {0x1EB6, "a"},  {0x1EB7, "a"},
    {0x1EB8, "e"},  {0x1EB9, "e"},  {0x1EBA, "e"},  {0x1EBB, "e"},  {0x1EBC, "e"},  {0x1EBD, "e"},
    {0x1EBE, "e"},  {0x1EBF, "e"},  {0x1EC0, "e"},  {0x1EC1, "e"},  {0x1EC2, "e"},  {0x1EC3, "e"},
    {0x1EC4, "e"},  {0x1EC5, "e"},  {0x1EC6, "e"},  {0x1EC7, "e"},  {0x1EC8, "i"},  {0x1EC9, "i"},
    {0x1ECA, "i"},  {0x1ECB, "i"},  {0x1ECC, "o"},  {0x1ECD, "o"},  {0x1ECE, "o"},  {0x1ECF, "o"},
    {0x1ED0, "o"},  {0x1ED1, "o"},  {0x1ED2, "o"},  {0x1ED3, "o"},  {0x1ED4, "o"},  {0x1ED5, "o"},
    {0x1ED6, "o"},  {0x1ED7, "o"},  {0x1ED8, "o"},  {0x1ED9, "o"},  {0x1EDA, "o"},  {0x1EDB, "o"},
    {0x1EDC, "o"},  {0x1EDD, "o"},  {0x1EDE, "o"},  {0x1EDF, "o"},  {0x1EE0, "o"},  {0x1EE1, "o"},
    {0x1EE2, "o"},  {0x1EE3, "o"},  {0x1EE4, "u"},  {0x1EE5, "u"},  {0x1EE6, "u"},  {0x1EE7, "u"},
    {0x1EE8, "u"},  {0x1EE9, "u"},  {0x1EEA, "u"},  {0x1EEB, "u"},  {0x1EEC, "u"},  {0x1EED, "u"},
    {0x1EEE, "u"},  {0x1EEF, "u"},  {0x1EF0, "u"},  {0x1EF1, "u"},  {0x1EF2, "y"},  {0x1EF3, "y"},
    {0x1EF4, "y"},  {0x1EF5, "y"},  {0x1EF6, "y"},  {0x1EF7, "y"},  {0x1EF8, "y"},  {0x1EF9, "y"},
};

const char *utf8_fold_char(unsigned long cp)
{
    size_t lo = 0, hi = sizeof fold_table / sizeof fold_table[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (fold_table[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < sizeof fold_table / sizeof fold_table[0] && fold_table[lo].cp == cp
               ? fold_table[lo].ascii
               : NULL;
}

static unsigned long decode(const unsigned char *s, int n)
{
    static const unsigned char lead_mask[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    unsigned long cp = s[0] & lead_mask[n];
    for (int i = 1; i < n; i++)
        cp = cp << 6 | (s[i] & 0x3F);
    return cp;
}

size_t utf8_fold(const char *s, char *out, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
    size_t len = 0, written = 0;
    while (p < end) {
        int k = utf8_seq_len(p, end);
        char ascii[5];
        const char *put;
        size_t m;
        if (k == 0) { /* not UTF-8: the byte as it is */
            ascii[0] = (char)*p;
            put = ascii;
            m = 1;
            k = 1;
        } else if (k == 1) {
            ascii[0] = (char)(*p >= 'A' && *p <= 'Z' ? *p + ('a' - 'A') : *p);
            put = ascii;
            m = 1;
        } else if ((put = utf8_fold_char(decode(p, k))) != NULL) {
            m = strlen(put);
        } else {
            put = (const char *)p;
            m = (size_t)k;
        }
        if (written == len && len + m < n) { /* once one does not fit, none after it */
            memcpy(out + written, put, m);
            written += m;
        }
        len += m;
        p += k;
    }
    if (n > 0)
        out[written] = '\0';
    return len;
}

size_t utf8_next(const char *s, const char *end, unsigned long *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    if (s >= end)
        return 0;
    int n = utf8_seq_len(p, (const unsigned char *)end);
    if (n == 0) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = decode(p, n);
    return (size_t)n;
}

int utf8_width(unsigned long cp)
{
    int w = wcwidth((wchar_t)cp);
    return w < 0 ? 1 : w;
}
