/* script.h - running the reader from a script of commands (script.c):
 * typing, keys, clicks, waiting, screenshots and statistics, for tests and
 * benchmarks; docs/READER.md lists the commands.
 */
#ifndef VB_SCRIPT_H
#define VB_SCRIPT_H

#include "app.h"

/* Run the commands of file ("-": standard input) against a. Returns 0, 1
 * when a command failed or the view ended on the error screen, 2 when the
 * file cannot be read. */
int script_run(app *a, const char *file);

#endif
