/* vfield.c - editing a one-line text field: the search query, find in
 * document and jump to (see vfield.h). No state beyond the field itself.
 */
#include "vfield.h"

#include <stdio.h>
#include <string.h>

/* Edit keys common to the three fields; 1 when the key was used. */
int field_key(vfield *f, int key)
{
    char *buf = f->text;
    size_t len = strlen(buf), c = f->cur > len ? len : f->cur;

    switch (key) {
    case VK_LEFT:
        while (c > 0 && ((unsigned char)buf[--c] & 0xc0) == 0x80)
            ;
        break;
    case VK_RIGHT:
        if (c < len)
            c += lay_u8len(buf + c, len - c);
        break;
    case VK_TOP:
        c = 0;
        break;
    case VK_BOTTOM:
        c = len;
        break;
    case VK_BACKSPACE: {
        size_t s = c;
        if (c == 0)
            return 1;
        while (s > 0 && ((unsigned char)buf[--s] & 0xc0) == 0x80)
            ;
        memmove(buf + s, buf + c, len - c + 1);
        c = s;
        break;
    }
    case VK_DELETE:
        if (c < len) {
            size_t k = lay_u8len(buf + c, len - c);
            memmove(buf + c, buf + c + k, len - c - k + 1);
        }
        break;
    default:
        return 0;
    }
    f->cur = c;
    return 1;
}

void field_insert(vfield *f, const char *text)
{
    char *buf = f->text;
    size_t len = strlen(buf), n = 0, c = f->cur > len ? len : f->cur, cap = sizeof f->text;

    /* only printable text; a newline or tab typed into a field is a space */
    while (text[n] && (unsigned char)text[n] >= 0x20)
        n++;
    if (n == 0 || len + n + 1 > cap)
        return;
    memmove(buf + c + n, buf + c, len - c + 1);
    memcpy(buf + c, text, n);
    f->cur = c + n;
}

void field_set(vfield *f, const char *text)
{
    if (text != f->text)
        snprintf(f->text, sizeof f->text, "%s", text ? text : "");
    f->cur = strlen(f->text);
}

void field_clear(vfield *f)
{
    f->text[0] = '\0';
    f->cur = 0;
}
