/* output.h - the -o of pack, update, merge, diff and patch: what may be
 * written over, and what must not be (a source being read). */
#ifndef VB_OUTPUT_H
#define VB_OUTPUT_H

/* Refuse (die, exit 1) an output that exists and is not a regular file:
 * a symlink, FIFO, device node, socket or folder is never replaced (as
 * root, -o /dev/null would replace the system's). A new name or a regular
 * file is accepted, and remembered for out_not_input(). */
void out_check(const char *out);

/* Whether the file (dev, ino) is the output given to out_check(): the
 * source or input named by what would be overwritten by its own result.
 * Returns 1 after printing the message (the caller drops what it wrote
 * and exits 1), else 0. */
int out_is_input(const char *what, unsigned long long dev,
                 unsigned long long ino);

/* The same for a path given on the command line (a file or a tar; a
 * missing path is left to the reader of it to report), before anything
 * is written: dies (exit 1). */
void out_not_path(const char *path);

#endif
