/* vstate.c - what a person sees, as one line of JSON (the script command
 * `state`): the screen, the query, the counts, the rows on screen, the
 * case shown with its documents, the suggestions, any notice and the
 * damage banner. Tests check the reader through it without reading
 * pixels (docs/READER.md, "Checking what is shown").
 *
 * It reads the view as the last frame left it (view_render() ran) and the
 * archives for the case's documents; it changes nothing.
 */
#include "vstate.h"
#include "vlist.h"
#include "vstyle.h"

#include <stdio.h>
#include <string.h>

static void jstr(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");

    fputc('"', f);
    for (; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p == '\t')
            fputs("\\t", f);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static const char *kind_code(int k)
{
    return k == FMT_ANSWER ? "answer" : k == FMT_NOTICE ? "notice" : "question";
}

static void kinds(FILE *f, unsigned bits)
{
    static const int order[] = {FMT_QUESTION, FMT_NOTICE, FMT_ANSWER};
    int i, first = 1;

    fputc('[', f);
    for (i = 0; i < 3; i++)
        if (bits & (1u << order[i])) {
            fprintf(f, "%s\"%s\"", first ? "" : ",", kind_code(order[i]));
            first = 0;
        }
    fputc(']', f);
}

static void row(FILE *f, const view *v, const vrow *r, int first)
{
    char label[200];
    int role;
    int32_t asked = r->asked ? r->asked : r->kind == FMT_QUESTION ? r->date : 0;

    style_status(v, r->status, r->answer_days, asked, label, sizeof label, &role);
    if (*style_status_mark(v, r->status)) {
        size_t n = strlen(label);
        snprintf(label + n, sizeof label - n, " (%s)", style_status_mark(v, r->status));
    }
    fprintf(f, "%s{\"zaak\":", first ? "" : ",");
    jstr(f, r->zaak && r->zaak[0] ? r->zaak : r->id);
    fputs(",\"title\":", f);
    jstr(f, r->subject);
    fputs(",\"kinds\":", f);
    kinds(f, r->kinds_held ? r->kinds_held : 1u << r->kind);
    if (list_searching(v)) {
        fputs(",\"matched\":", f);
        kinds(f, r->kinds_matched);
    }
    fprintf(f, ",\"status\":\"%s\",\"label\":", style_status_code(r->status));
    jstr(f, label);
    if (r->damaged)
        fputs(",\"damaged\":true", f);
    fputc('}', f);
}

static void rows(FILE *f, view *v)
{
    int i, n = 0;

    fputs(",\"rows\":[", f);
    if (list_searching(v)) {
        int rh = style_row_h(v, 1);
        size_t k = rh > 0 ? (size_t)(v->res.scroll / rh) : 0;
        int vis = list_visible_rows(v) + 1;
        for (; k < v->res.nrows && n < vis; k++, n++)
            row(f, v, &v->res.rows[k], n == 0);
    } else {
        for (i = 0; i < v->browse.nvis; i++) {
            vbrowse_slot *s = list_slot_peek(v, v->browse.vis[i]);
            if (s)
                row(f, v, &s->row, n++ == 0);
        }
    }
    fputc(']', f);
}

/* The case shown: its documents in every archive of the library, each
 * marked damaged when its record cannot be read whole. */
static void the_case(FILE *f, view *v)
{
    char label[200];
    int role, k, first = 1, status = FMT_STATUS_NONE, days = -1;
    int32_t asked = 0;
    uint32_t docs[64];
    size_t n, i;
    fmt_summary s;
    fmt_doc d;

    memset(&s, 0, sizeof s);
    memset(&d, 0, sizeof d);
    fputs(",\"case\":{\"zaak\":", f);
    jstr(f, v->cs.zaak);
    fputs(",\"title\":", f);
    jstr(f, v->cs.title ? v->cs.title : "");
    if (keep_is_bookmarked(&v->keep, v->cs.zaak))
        fputs(",\"bookmarked\":true", f);
    fputs(",\"documents\":[", f);
    for (k = 0; k < v->narch; k++) {
        fmt_archive *a = v->arch[k].a;
        uint32_t one;
        if (!a)
            continue;
        if (fmt_zaak_docs(a, v->cs.zaak, docs, 64, &n) != FMT_OK) {
            if (fmt_find(a, v->cs.zaak, &one) != FMT_OK)
                continue;
            docs[0] = one;
            n = 1;
        }
        for (i = 0; i < n && i < 64; i++) {
            int bad = fmt_get(a, docs[i], &d) != FMT_OK;
            int sok = fmt_get_summary(a, docs[i], &s) == FMT_OK;
            fprintf(f, "%s{\"id\":", first ? "" : ",");
            jstr(f, sok ? s.id : "");
            fprintf(f, ",\"kind\":\"%s\",\"damaged\":%s}", kind_code(sok ? s.kind : 0),
                    bad || !sok ? "true" : "false");
            first = 0;
            if (sok && (status == FMT_STATUS_NONE || s.status == FMT_STATUS_ANSWERED ||
                        s.status == FMT_STATUS_LATE)) {
                status = s.status;
                if (s.answer_days >= 0)
                    days = s.answer_days;
            }
            if (sok && s.kind == FMT_QUESTION && s.submitted)
                asked = s.submitted;
        }
    }
    fputc(']', f);
    style_status(v, status, days, asked, label, sizeof label, &role);
    fprintf(f, ",\"status\":\"%s\",\"label\":", style_status_code(status));
    jstr(f, label);
    fputc('}', f);
    fmt_summary_free(&s);
    fmt_doc_free(&d);
}

/* The editions open: each archive once (a split one by its first part,
 * with how many parts it has), its file's name, title, edition and what
 * the background check said of it. */
static void editions(FILE *f, const view *v)
{
    int i, first = 1;

    fputs(",\"editions\":[", f);
    for (i = 0; i < v->narch; i++) {
        const varch *A = &v->arch[i];
        const char *file = A->path ? strrchr(A->path, '/') : NULL;
        if (!A->a || A->info.part > 1)
            continue;
        fputs(first ? "{\"file\":" : ",{\"file\":", f);
        jstr(f, file ? file + 1 : A->path);
        fputs(",\"title\":", f);
        jstr(f, A->info.title);
        fputs(",\"edition\":", f);
        jstr(f, A->info.edition);
        fprintf(f, ",\"parts\":%u,\"checked\":\"%s\"}", A->info.nparts ? A->info.nparts : 1,
                A->checked > 0 ? "matches" : A->checked < 0 ? "mismatch" : "not yet");
        first = 0;
    }
    fputc(']', f);
}

void view_state_json(view *v, FILE *f)
{
    static const char *const screens[] = {"home", "case", "saved", "stats", "about",
                                          "error", "error"};
    const char *screen = v->screen >= 0 && v->screen <= SC_NOARCH ? screens[v->screen] : "?";
    const char *msg = "";
    char line[512];
    int i;

    if (v->help)
        screen = "help";
    else if (v->screen == SC_LIST && list_searching(v))
        screen = "results";
    fputs("{\"screen\":", f);
    jstr(f, screen);
    fputs(",\"query\":", f);
    jstr(f, v->query.text);
    if (v->screen == SC_LIST && list_searching(v) && v->res.have && !v->res.err)
        fprintf(f, ",\"cases\":%zu,\"documents\":%zu", v->res.total, v->res.docs);
    if (v->screen == SC_LIST && !v->help)
        rows(f, v);
    if (v->screen == SC_DOC && !v->help)
        the_case(f, v);
    if (v->screen == SC_ABOUT && !v->help) { /* each archive's checksum, as said */
        fputs(",\"archives\":[", f);
        for (i = 0; i < v->narch; i++) {
            fprintf(f, "%s{\"checksum\":", i ? "," : "");
            jstr(f, v->arch[i].info.checksum);
            fprintf(f, ",\"checked\":\"%s\"}", v->arch[i].checked > 0 ? "matches"
                    : v->arch[i].checked < 0 ? "mismatch" : "not yet");
        }
        fputc(']', f);
    }
    if (list_sugg_current(v)) {
        fputs(",\"suggestions\":[", f);
        for (i = 0; i < v->nsugg; i++) {
            list_sugg_label(v, i, line, sizeof line);
            fputs(i ? "," : "", f);
            jstr(f, line);
        }
        fputc(']', f);
    }
    /* the notice or error a person reads now */
    if (v->screen == SC_ERROR || v->screen == SC_NOARCH)
        msg = v->errmsg[0] ? v->errmsg : v->errtitle;
    else if (v->toast_until && v->toast[0])
        msg = v->toast;
    else if (v->screen == SC_LIST && list_searching(v) && v->res.err)
        msg = v->res.msg;
    else if (v->screen == SC_LIST && list_searching(v) && v->res.unfinished)
        msg = v->res.hint;
    else if (v->screen == SC_LIST && list_searching(v) && v->res.have && v->res.skipped) {
        snprintf(line, sizeof line, style_text(v, S_SKIPPED), v->res.skipped);
        msg = line;
    } else if (v->screen == SC_LIST && list_searching(v) && v->res.have && !v->res.total)
        msg = style_text(v, list_too_short(v) ? S_TYPE_MORE : S_NOHITS);
    if (*msg) {
        fputs(",\"message\":", f);
        jstr(f, msg);
    }
    if (v->damaged) {
        fputs(",\"banner\":", f);
        jstr(f, style_text(v, S_BANNER_DAMAGED));
    }
    editions(f, v);
    fputs("}\n", f);
    fflush(f);
}
