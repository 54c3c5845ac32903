/* draw.c - SDL2 + SDL2_ttf: fonts, the text caches, painting a frame.
 *
 * Text is the expensive part of a frame: TTF_RenderUTF8_Blended allocates
 * and rasterises a surface each call. So every run of text is rendered
 * once into a texture and kept in a cache keyed by what it looks like
 * (bytes, face, size, colour), evicted least-recently-used when the cache
 * passes DRAW_CACHE_BYTES; a frame like the previous one costs only blits.
 * Widths are asked for far more often than text is drawn (layout measures
 * every word), so they have a small cache of their own.
 */
#include "draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <SDL_ttf.h>

#define MAX_FONTS 24        /* open (face, size) pairs */
#define WCACHE 8192         /* width cache slots, a power of two */
#define TBUCKETS 2048       /* texture hash buckets, a power of two */
#define TMAX_ENTRIES 6000

static const char *const face_files[LF_NFACES] = {
    "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSansMono.ttf"
};

typedef struct {
    TTF_Font *font;
    int face, px;
    unsigned long used;     /* frame it was last used in */
} gfont;

typedef struct {
    uint64_t key;           /* 0: empty */
    int w;
} wslot;

typedef struct tent {
    uint64_t hash;
    int face, px;
    uint32_t rgb;
    char *s;
    size_t n;
    SDL_Texture *tex;
    int w, h;
    size_t bytes;
    struct tent *hnext;                 /* bucket chain */
    struct tent *prev, *next;           /* LRU list, most recent first */
} tent;

struct drawer {
    SDL_Renderer *r;
    void *data[LF_NFACES];              /* font files, read once */
    size_t size[LF_NFACES];
    gfont fonts[MAX_FONTS];
    int nfonts;
    unsigned long frame;
    wslot *wc;
    tent *buckets[TBUCKETS];
    tent *lru, *lru_tail;
    size_t bytes, entries;
    unsigned long renders;
};

/* ---- fonts ----------------------------------------------------------- */

static void *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && n < (64L << 20) &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n)) &&
        fread(buf, 1, (size_t)n, f) == (size_t)n) {
        *len = (size_t)n;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

static TTF_Font *font(drawer *g, int face, int px)
{
    int i, victim = 0;
    SDL_RWops *rw;
    TTF_Font *f;

    if (face < 0 || face >= LF_NFACES)
        face = LF_REGULAR;
    if (px < 4)
        px = 4;
    for (i = 0; i < g->nfonts; i++)
        if (g->fonts[i].face == face && g->fonts[i].px == px) {
            g->fonts[i].used = g->frame;
            return g->fonts[i].font;
        }
    rw = SDL_RWFromConstMem(g->data[face], (int)g->size[face]);
    if (!rw || !(f = TTF_OpenFontRW(rw, 1, px)))
        return NULL;
    if (g->nfonts < MAX_FONTS) {
        victim = g->nfonts++;
    } else {
        for (i = 1; i < g->nfonts; i++)
            if (g->fonts[i].used < g->fonts[victim].used)
                victim = i;
        TTF_CloseFont(g->fonts[victim].font);
    }
    g->fonts[victim] = (gfont){ f, face, px, g->frame };
    return f;
}

/* ---- widths ---------------------------------------------------------- */

static uint64_t hash(int face, int px, uint32_t rgb, const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    h ^= ((uint64_t)(unsigned)face << 56) ^ ((uint64_t)(unsigned)px << 40) ^
         ((uint64_t)rgb << 8) ^ n;
    h *= 0x9e3779b97f4a7c15ull;
    return h ? h : 1;
}

#define MEASURE_MAX 8192   /* bytes: wider than any screen */

static int width(void *ctx, int face, int px, const char *s, size_t n)
{
    drawer *g = ctx;
    uint64_t k;
    wslot *slot;
    TTF_Font *f;
    char buf[512], *p = buf;
    int w = 0, h;

    if (n == 0)
        return 0;
    /* SDL_ttf costs about a microsecond a byte: what no screen can show
     * is not measured (layout and one-line fields never ask for more; a
     * forged archive's subject of megabytes must not hold up a frame) */
    if (n > MEASURE_MAX) {
        n = MEASURE_MAX;
        while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
            n--;
    }
    k = hash(face, px, 0, s, n);
    slot = &g->wc[k & (WCACHE - 1)];
    if (slot->key == k)
        return slot->w;
    if (!(f = font(g, face, px)))
        return (int)n * px / 2;
    if (n >= sizeof buf && !(p = malloc(n + 1)))
        return (int)n * px / 2;
    memcpy(p, s, n);
    p[n] = '\0';
    if (TTF_SizeUTF8(f, p, &w, &h) != 0)
        w = (int)n * px / 2;
    if (p != buf)
        free(p);
    slot->key = k;
    slot->w = w;
    return w;
}

static int height(void *ctx, int face, int px)
{
    TTF_Font *f = font(ctx, face, px);
    return f ? TTF_FontLineSkip(f) : px + px / 4;
}

lay_measure draw_measure(drawer *g)
{
    lay_measure m = { width, height, g };
    return m;
}

/* ---- the texture cache ----------------------------------------------- */

static void lru_unlink(drawer *g, tent *e)
{
    if (e->prev)
        e->prev->next = e->next;
    else
        g->lru = e->next;
    if (e->next)
        e->next->prev = e->prev;
    else
        g->lru_tail = e->prev;
    e->prev = e->next = NULL;
}

static void lru_front(drawer *g, tent *e)
{
    e->next = g->lru;
    e->prev = NULL;
    if (g->lru)
        g->lru->prev = e;
    g->lru = e;
    if (!g->lru_tail)
        g->lru_tail = e;
}

static void evict(drawer *g, tent *e)
{
    tent **pp = &g->buckets[e->hash & (TBUCKETS - 1)];

    while (*pp && *pp != e)
        pp = &(*pp)->hnext;
    if (*pp)
        *pp = e->hnext;
    lru_unlink(g, e);
    g->bytes -= e->bytes;
    g->entries--;
    SDL_DestroyTexture(e->tex);
    free(e->s);
    free(e);
}

void draw_flush(drawer *g)
{
    int i, k = 0;

    while (g->lru)
        evict(g, g->lru);
    /* keep only the fonts of the last frame: a zoom leaves many sizes */
    for (i = 0; i < g->nfonts; i++) {
        if (g->fonts[i].used + 1 >= g->frame)
            g->fonts[k++] = g->fonts[i];
        else
            TTF_CloseFont(g->fonts[i].font);
    }
    g->nfonts = k;
    memset(g->wc, 0, WCACHE * sizeof *g->wc);
}

static tent *lookup(drawer *g, uint64_t h, int face, int px, uint32_t rgb, const char *s,
                    size_t n)
{
    tent *e;

    for (e = g->buckets[h & (TBUCKETS - 1)]; e; e = e->hnext)
        if (e->hash == h && e->face == face && e->px == px && e->rgb == rgb && e->n == n &&
            !memcmp(e->s, s, n))
            return e;
    return NULL;
}

static tent *render(drawer *g, int face, int px, uint32_t rgb, const char *s, size_t n)
{
    uint64_t h = hash(face, px, rgb, s, n);
    SDL_Color c = { (Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, 255 };
    SDL_Surface *surf;
    TTF_Font *f;
    tent *e = lookup(g, h, face, px, rgb, s, n);

    if (e) {
        lru_unlink(g, e);
        lru_front(g, e);
        return e;
    }
    if (!(f = font(g, face, px)) || !(e = calloc(1, sizeof *e)) || !(e->s = malloc(n + 1))) {
        free(e);
        return NULL;
    }
    memcpy(e->s, s, n);
    e->s[n] = '\0';
    surf = TTF_RenderUTF8_Blended(f, e->s, c);
    g->renders++;
    if (!surf || !(e->tex = SDL_CreateTextureFromSurface(g->r, surf))) {
        SDL_FreeSurface(surf);
        free(e->s);
        free(e);
        return NULL;
    }
    e->w = surf->w;
    e->h = surf->h;
    e->bytes = (size_t)surf->w * (size_t)surf->h * 4 + sizeof *e + n;
    SDL_FreeSurface(surf);
    e->hash = h;
    e->face = face;
    e->px = px;
    e->rgb = rgb;
    e->n = n;
    e->hnext = g->buckets[h & (TBUCKETS - 1)];
    g->buckets[h & (TBUCKETS - 1)] = e;
    lru_front(g, e);
    g->bytes += e->bytes;
    g->entries++;
    /* never evict what this frame just drew: the tail is least recent */
    while ((g->bytes > DRAW_CACHE_BYTES || g->entries > TMAX_ENTRIES) && g->lru_tail &&
           g->lru_tail != e)
        evict(g, g->lru_tail);
    return e;
}

/* ---- painting -------------------------------------------------------- */

static void set_color(SDL_Renderer *r, uint32_t rgb, int alpha)
{
    SDL_SetRenderDrawBlendMode(r, alpha && alpha < 255 ? SDL_BLENDMODE_BLEND : SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r, (Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb,
                           (Uint8)(alpha ? alpha : 255));
}

void draw_list(drawer *g, const dlist *dl)
{
    size_t i;

    g->frame++;
    SDL_RenderSetClipRect(g->r, NULL);
    for (i = 0; i < dl->n; i++) {
        const dcmd *c = &dl->c[i];
        SDL_Rect rc = { c->x, c->y, c->w, c->h };
        tent *e;
        switch (c->type) {
        case DC_RECT:
            set_color(g->r, c->rgb, c->alpha);
            SDL_RenderFillRect(g->r, &rc);
            break;
        case DC_FRAME:
            set_color(g->r, c->rgb, 255);
            SDL_RenderDrawRect(g->r, &rc);
            break;
        case DC_CLIP:
            SDL_RenderSetClipRect(g->r, c->w > 0 ? &rc : NULL);
            break;
        case DC_TEXT:
            if (c->off + (size_t)c->len > dl->slen)
                break;
            e = render(g, c->face, c->px, c->rgb, dl->str + c->off, c->len);
            if (e) {
                SDL_Rect dst = { c->x, c->y, e->w, e->h };
                SDL_RenderCopy(g->r, e->tex, NULL, &dst);
            }
            break;
        }
    }
    SDL_RenderSetClipRect(g->r, NULL);
}

/* ---- setting up ------------------------------------------------------ */

drawer *draw_open(SDL_Renderer *r, const char *fontdir, char *err, size_t errlen)
{
    drawer *g = calloc(1, sizeof *g);
    char path[4096];
    int i;

    if (!g || !(g->wc = calloc(WCACHE, sizeof *g->wc))) {
        free(g);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    g->r = r;
    if (!TTF_WasInit() && TTF_Init() != 0) {
        snprintf(err, errlen, "TTF_Init: %s", TTF_GetError());
        draw_close(g);
        return NULL;
    }
    for (i = 0; i < LF_NFACES; i++) {
        snprintf(path, sizeof path, "%s/%s", fontdir, face_files[i]);
        if (!(g->data[i] = read_file(path, &g->size[i]))) {
            snprintf(err, errlen, "cannot read the font %s", path);
            draw_close(g);
            return NULL;
        }
    }
    if (!font(g, LF_REGULAR, 16)) {
        snprintf(err, errlen, "%s/%s: %s", fontdir, face_files[0], TTF_GetError());
        draw_close(g);
        return NULL;
    }
    return g;
}

void draw_close(drawer *g)
{
    int i;

    if (!g)
        return;
    while (g->lru)
        evict(g, g->lru);
    for (i = 0; i < g->nfonts; i++)
        TTF_CloseFont(g->fonts[i].font);
    for (i = 0; i < LF_NFACES; i++)
        free(g->data[i]);
    free(g->wc);
    free(g);
    if (TTF_WasInit())
        TTF_Quit();
}

size_t draw_cache_bytes(const drawer *g)
{
    return g->bytes;
}

unsigned long draw_renders(const drawer *g)
{
    return g->renders;
}
