/* term.h - text from an archive or a source, printed for a person: no
 * byte of it may reach the terminal as a control sequence. */
#ifndef VB_TERM_H
#define VB_TERM_H

#include <stddef.h>
#include <stdio.h>

/* Length of the valid UTF-8 sequence at s[0..n), or 0 when it is not one
 * (overlong forms, surrogates and code points past U+10FFFF are not). */
size_t utf8_seq(const unsigned char *s, size_t n);

/* Whether s[0..n) is valid UTF-8 throughout. */
int utf8_valid(const char *s, size_t n);

/* Write s[0..n) to f with every control character (C0, DEL, C1: ESC
 * starts the sequences that retitle a window, move the cursor or worse)
 * and every byte that is not valid UTF-8 replaced by U+FFFD. With
 * keep_lines, newlines, carriage returns and tabs pass (a document's text). */
void term_text(FILE *f, const char *s, size_t n, int keep_lines);

/* term_text of a C string, on one line. */
void term_str(FILE *f, const char *s);

/* Write s to f with control characters and invalid UTF-8 as \xNN, so a
 * damaged byte is seen for what it is (verify's messages). */
void term_escaped(FILE *f, const char *s);

#endif
