# Makefile - builds vbpack, vraagbaak and the tests; see README.md.
#   make            build both programs into the top folder
#   make test       build and run every test
#   make check      the tests again under AddressSanitizer + UBSan (build-san/)
#   make check-layers  the modules' boundaries (make test runs it)
#   make HOST=aarch64-linux-gnu   a cross build (or arm-linux-gnueabihf), in build-HOST/
#   make test-cross HOST=...      its tests under qemu-user (make deps HOST=... first)
#   make bench      benchmarks against gzip, xz and SQLite FTS5
#   make deps       install the Debian packages the build needs
#   make install    PREFIX=... (default /usr/local)
include config.mk

B ?= build
ifeq ($(SAN),1)
CFLAGS  += $(SANFLAGS)
LDFLAGS += $(SANFLAGS)
OPT = -O1 -g
endif

FORMAT_SRC = $(sort $(wildcard format/*.c))
PACKER_SRC = $(sort $(filter-out packer/vbpack.c,$(wildcard packer/*.c)))
READER_SRC = $(sort $(filter-out reader/main.c,$(wildcard reader/*.c)))
TEST_SRC   = $(sort $(wildcard tests/test_*.c))
# the benchmark tools that need more than the build (SQLite): make bench
BENCH_TOOL_SRC = tests/tool_fts.c
TOOL_SRC   = $(sort $(filter-out $(BENCH_TOOL_SRC),$(wildcard tests/tool_*.c)))

FORMAT_OBJ = $(FORMAT_SRC:%.c=$(B)/%.o)
PACKER_OBJ = $(PACKER_SRC:%.c=$(B)/%.o)
READER_OBJ = $(READER_SRC:%.c=$(B)/%.o)
TESTS      = $(TEST_SRC:tests/%.c=$(B)/tests/%)
TOOLS      = $(TOOL_SRC:tests/%.c=$(B)/tests/%)
BENCH_TOOLS = $(BENCH_TOOL_SRC:tests/%.c=$(B)/tests/%)

PROGS = $(B)/vbpack $(if $(wildcard reader/main.c),$(B)/vraagbaak)

all: $(PROGS) $(TOOLS)
ifeq ($(B),build)
	@cp -f $(B)/vbpack vbpack
	@if [ -f $(B)/vraagbaak ]; then cp -f $(B)/vraagbaak vraagbaak; fi
endif

$(B)/format/%.o: format/%.c
	@mkdir -p $(@D)
	@echo "CC $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(FORMAT_CFLAGS) -MMD -MP -c $< -o $@
$(B)/packer/%.o: packer/%.c
	@mkdir -p $(@D)
	@echo "CC $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -Iformat $(if $(filter packer/sync.c,$<),$(CURL_CFLAGS)) -MMD -MP -c $< -o $@
$(B)/reader/%.o: reader/%.c
	@mkdir -p $(@D)
	@echo "CC $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -Iformat $(SDL_CFLAGS) -MMD -MP -c $< -o $@
$(B)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	@echo "CC $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -Iformat -Ipacker -Ireader $(SDL_CFLAGS) -MMD -MP -c $< -o $@

$(B)/libformat.a: $(FORMAT_OBJ)
	@rm -f $@
	@$(AR) rcs $@ $^

$(B)/libpacker.a: $(PACKER_OBJ)
	@rm -f $@
	@$(AR) rcs $@ $^
$(B)/libreader.a: $(READER_OBJ)
	@rm -f $@
	@$(AR) rcs $@ $^

$(B)/vbpack: $(B)/packer/vbpack.o $(B)/libpacker.a $(B)/libformat.a
	@echo "LD $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(FORMAT_LIBS)
$(B)/vraagbaak: $(B)/reader/main.o $(B)/libreader.a $(B)/libformat.a
	@echo "LD $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(SDL_LIBS) $(FORMAT_LIBS)

# Every test links the shared fixtures (tests/testlib.c), the archive
# library and the packer's and the reader's parts (all but the two
# main()s, as libraries: a test pulls what it uses).
$(B)/tests/test_%: $(B)/tests/test_%.o $(B)/tests/testlib.o $(B)/libreader.a $(B)/libpacker.a $(B)/libformat.a
	@echo "LD $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(TEST_LIBS) $(SDL_LIBS) $(FORMAT_LIBS)
# the corpus generator's other files (tests/gen_*.c)
$(B)/tests/tool_gen: $(patsubst %.c,$(B)/%.o,$(wildcard tests/gen_*.c))
$(B)/tests/tool_%: $(B)/tests/tool_%.o $(B)/libpacker.a $(B)/libformat.a
	@echo "LD $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(FORMAT_LIBS) $(if $(findstring fts,$*),-lsqlite3)

test: check-layers $(PROGS) $(TESTS) $(TOOLS)
	@B=$(B) sh tests/run.sh $(TESTS)

# The boundaries between the modules (tests/check_layers.sh, on the
# sources and the objects): no lmdb.h or zlib.h outside format/, SDL only
# in the reader's SDL files, no packer header in the reader, nothing of
# the programs in format/, sqlite3.h only in the bench tools, and no two
# files of a module that call each other (failing for the modules in
# CIRCLES_STRICT, reported for the others).
CIRCLES_STRICT ?= format,packer,reader
check-layers: $(FORMAT_OBJ) $(PACKER_OBJ) $(B)/packer/vbpack.o $(READER_OBJ)
	@CIRCLES_STRICT=$(CIRCLES_STRICT) sh tests/check_layers.sh . $(B)

check:
	$(MAKE) B=build-san SAN=1 test

# make test-cross HOST=aarch64-linux-gnu: the cross-built programs and
# tests under qemu-user, and the same archive bytes as this machine's
# build (which it builds too); see tests/cross.sh.
test-cross: $(PROGS) $(TESTS) $(TOOLS)
	@test -n "$(HOST)" || { echo "make test-cross HOST=aarch64-linux-gnu (or arm-linux-gnueabihf)"; exit 2; }
	@$(MAKE) --no-print-directory HOST= B=build build/vbpack build/tests/tool_gen
	@B=$(B) sh tests/cross.sh $(HOST)

bench: all $(BENCH_TOOLS)
	sh tests/bench.sh

fuzz:
	sh tests/fuzz.sh

deps:
	HOST=$(HOST) sh .ci/deps

# The programs, their manual pages, the bash completion, the desktop
# entry, MIME type and icons, and the bundled fonts (NOFONTS=1 leaves
# them out: the Debian package uses the system's DejaVu instead).
SHARE = $(DESTDIR)$(PREFIX)/share
ICONS = $(SHARE)/icons/hicolor
install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR)/man1 $(SHARE)/applications \
		$(SHARE)/mime/packages $(SHARE)/bash-completion/completions $(ICONS)/scalable/apps
	cp -f $(PROGS) $(DESTDIR)$(PREFIX)/bin/
	cp -f dist/man/vbpack.1 dist/man/vraagbaak.1 $(DESTDIR)$(MANDIR)/man1/
	cp -f dist/vbpack.bash-completion $(SHARE)/bash-completion/completions/vbpack
	cp -f dist/vraagbaak.desktop $(SHARE)/applications/
	cp -f dist/vraagbaak-mime.xml $(SHARE)/mime/packages/vraagbaak.xml
	cp -f dist/icons/vraagbaak.svg $(ICONS)/scalable/apps/
	for s in 16 32 48 64 128 256; do mkdir -p $(ICONS)/$${s}x$${s}/apps && \
		cp -f dist/icons/vraagbaak-$$s.png $(ICONS)/$${s}x$${s}/apps/vraagbaak.png; done
	if [ -z "$(NOFONTS)" ]; then mkdir -p $(DESTDIR)$(FONTDIR) && \
		cp -f fonts/*.ttf fonts/LICENSE* $(DESTDIR)$(FONTDIR)/; fi
	-[ -n "$(DESTDIR)" ] || update-mime-database $(PREFIX)/share/mime 2>/dev/null || true

clean:
	rm -rf build build-san build-deb build-aarch64-linux-gnu build-arm-linux-gnueabihf vbpack vraagbaak

.PHONY: all test test-cross check check-layers bench fuzz deps install clean
.SECONDARY:

-include $(shell find $(B) -name '*.d' 2>/dev/null)
