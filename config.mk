# config.mk - what a packager edits: version, paths, flags, libraries.
VERSION = 0.1
PREFIX  = /usr/local
DATADIR = $(PREFIX)/share/vraagbaak
FONTDIR = $(DATADIR)/fonts
MANDIR  = $(PREFIX)/share/man

PKG_CONFIG = pkg-config

# Cross builds: make HOST=aarch64-linux-gnu (or arm-linux-gnueabihf) uses
# Debian's cross compiler and the multiarch libraries of that machine
# (make deps HOST=... installs them); objects go to build-HOST/.
HOST =
ifneq ($(HOST),)
CC         = $(HOST)-gcc
AR         = $(HOST)-ar
PKG_CONFIG = $(HOST)-pkg-config
B          = build-$(HOST)
endif

# format/ is the only code that sees lmdb.h and zlib.h; reader/ alone sees SDL.
FORMAT_CFLAGS = $(shell $(PKG_CONFIG) --cflags lmdb zlib libutf8proc 2>/dev/null)
FORMAT_LIBS   = $(shell $(PKG_CONFIG) --libs lmdb zlib libutf8proc 2>/dev/null || echo -llmdb -lz -lutf8proc) -lstemmer -lm -lpthread
SDL_CFLAGS    = $(shell $(PKG_CONFIG) --cflags sdl2 SDL2_ttf 2>/dev/null)
SDL_LIBS      = $(shell $(PKG_CONFIG) --libs sdl2 SDL2_ttf 2>/dev/null)
# libcurl: vbpack's sync loads it (dlopen) for HTTP(S); only its header is
# needed to build. TLS, proxies and redirects are its job.
CURL_CFLAGS   = $(shell $(PKG_CONFIG) --cflags libcurl 2>/dev/null)
TEST_LIBS     = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

CPPFLAGS = -DVERSION=\"$(VERSION)\" -DFONTDIR=\"$(FONTDIR)\" -DDATADIR=\"$(DATADIR)\" -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
OPT      = -O2 -g
CFLAGS   = -std=c11 $(WARN) $(OPT)
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
