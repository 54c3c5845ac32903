/* vbpack.c - the `vbpack` command: finds the command named by the first
 * argument in the table and runs it. The commands are in pack.c (pack),
 * archive_cmd.c (info, verify, ls, cat, export), search_cmd.c (search,
 * suggest) and edition_cmd.c (update, merge, diff, patch); what they
 * share (usage, die, opening an archive) in cli.c.
 */
#include <stdio.h>
#include <string.h>
#include "cmd.h"
#include "dist.h"

static const struct {
    const char *name;
    int (*fn)(int argc, char **argv);
} commands[] = {
    {"pack", cmd_pack},
    {"info", cmd_info},
    {"verify", cmd_verify},
    {"ls", cmd_ls},
    {"cat", cmd_cat},
    {"export", cmd_export},
    {"search", cmd_search},
    {"suggest", cmd_suggest},
    {"update", cmd_update},
    {"merge", cmd_merge},
    {"diff", cmd_diff},
    {"patch", cmd_patch},
    {"catalog", cmd_catalog},
    {"publish", cmd_publish},
    {"sync", cmd_sync},
    {"bench-get", cmd_bench_get},
};

int main(int argc, char **argv)
{
    fmt_guard_start(); /* a damaged archive: an error, not a crash */
    if (argc < 2)
        usage();
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    if (!strcmp(argv[1], "--version")) {
        printf("vbpack %s\n", VERSION);
        return 0;
    }
    usage();
}
