# bounceq — one GNU makefile.  `make` builds ./bounceq; `make check` installs
# missing Debian packages (as root), builds, and runs every test, also under
# ASan+UBSan.  `make demo` shows bounceq on the bundled sample bounces.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DESTDIR ?=

CC      ?= cc
PKGS     = gmime-3.0 ncursesw jansson
WARN     = -Wall -Wextra -Wshadow -Wpointer-arith -Wstrict-prototypes \
           -Wmissing-prototypes -Wformat=2 -Wundef -Wcast-align \
           -Wwrite-strings -Wvla -Wnull-dereference
CSTD     = -std=c11 -D_DEFAULT_SOURCE
OPT     ?= -O2 -g
WERROR  ?=
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# Debian ships no notmuch.pc: fall back to plain -lnotmuch.
NM_CFLAGS  := $(shell pkg-config --cflags notmuch 2>/dev/null)
NM_LIBS    := $(shell pkg-config --libs notmuch 2>/dev/null || echo -lnotmuch)
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

ALL_CFLAGS = $(CSTD) $(WARN) $(WERROR) $(OPT) -I. $(PKG_CFLAGS) $(NM_CFLAGS) $(CFLAGS) $(XCFLAGS)
ALL_LIBS   = $(PKG_LIBS) $(NM_LIBS) $(LDLIBS)

B ?= build
CORE_SRC = $(sort $(wildcard core/*/*.c) $(wildcard core/decode/rules/*.c))
CLI_SRC  = $(sort $(wildcard cli/*.c))
TUI_SRC  = $(sort $(wildcard tui/*.c))
CORE_OBJ = $(CORE_SRC:%.c=$(B)/%.o)
GEN_OBJ  = $(B)/gen/keymap_default.o
APP_OBJ  = $(CLI_SRC:%.c=$(B)/%.o) $(TUI_SRC:%.c=$(B)/%.o)
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
MANS     = $(sort $(wildcard doc/*.[157]))

.PHONY: all deps check check-build unit golden cli index screen lint asan e2e demo demo-data install uninstall clean bench fuzz
all: bounceq

# Copy then rename: a running ./bounceq (a test, the demo) keeps its inode.
bounceq: $(B)/bounceq
	cp $(B)/bounceq $@.tmp && mv -f $@.tmp $@

$(B)/bounceq: $(APP_OBJ) $(B)/libcore.a
	$(CC) $(ALL_CFLAGS) -o $@ $(APP_OBJ) $(B)/libcore.a $(ALL_LIBS) $(LDFLAGS)

$(B)/libcore.a: $(CORE_OBJ) $(GEN_OBJ)
	@rm -f $@
	ar rcs $@ $^

# The default key bindings are keymaps/default.keys itself, compiled in as
# a C string (keymap_default_text, core/keys/keymap.h).
$(B)/gen/keymap_default.c: keymaps/default.keys
	@mkdir -p $(dir $@)
	{ echo '/* Generated from keymaps/default.keys by the Makefile. */'; \
	  echo '#include "core/keys/keymap.h"'; \
	  echo 'const char keymap_default_text[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $<; \
	  echo ';'; } > $@.tmp && mv $@.tmp $@

$(B)/gen/%.o: $(B)/gen/%.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/tests/test_%: tests/unit/test_%.c $(B)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $< $(B)/libcore.a $(ALL_LIBS) $(CMOCKA_LIBS)

-include $(CORE_OBJ:.o=.d) $(APP_OBJ:.o=.d)

deps:
	@sh scripts/deps.sh

unit: $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

golden: bounceq
	@sh tests/golden/run.sh ./bounceq

cli: bounceq
	@sh tests/cli/run.sh ./bounceq

index: bounceq
	@sh tests/index/run.sh ./bounceq

screen: bounceq
	@sh tests/screen/run.sh ./bounceq

# Real Postfix and Exim bounces, inside a private network namespace (root,
# Debian).  Where it cannot run it says why and exits 77: a visible skip,
# never a pass.
e2e: bounceq
	@sh tests/e2e/run.sh ./bounceq; rc=$$?; \
	if [ $$rc = 77 ]; then echo "make e2e: SKIPPED (see the reason above); not counted as passed"; \
	else exit $$rc; fi

lint: bounceq
	@sh tests/lint.sh
	@sh tests/check-codes-man.sh ./bounceq

# doc/bounceq-codes.7 is generated from the code tables (core/knowledge/codes_*.c), so
# the manual cannot drift from `bounceq explain`; tests/check-codes-man.sh
# fails when the committed page is stale.
.PHONY: codes-man
codes-man: doc/bounceq-codes.7

doc/bounceq-codes.7: $(B)/bounceq
	$(B)/bounceq explain --list --man > $@.tmp && mv $@.tmp $@

# The whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer,
# in its own build directory so the normal objects stay untouched.
asan:
	@$(MAKE) --no-print-directory B=build/asan OPT="-O1 -g" XCFLAGS="$(SANFLAGS)" \
		LDFLAGS="$(SANFLAGS)" build/asan/bounceq build-asan-unit
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	 sh tests/run-unit.sh $(patsubst $(B)/%,build/asan/%,$(UNIT_BIN))
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	 sh tests/golden/run.sh build/asan/bounceq
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	 sh tests/cli/run.sh build/asan/bounceq
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	 sh tests/index/run.sh build/asan/bounceq
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	 sh tests/screen/run.sh build/asan/bounceq

build-asan-unit: $(UNIT_BIN)

check: deps
	@$(MAKE) --no-print-directory check-build

check-build: all unit golden cli index screen lint asan e2e
	@echo "make check: all tests passed"

demo: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh

# Rewrites demo/ from a month of real Postfix and Exim mail (as root; see
# demo/README.md).  Shares the e2e lock: both install and run the MTAs.
demo-data:
	@sh scripts/deps.sh e2e
	@flock /tmp/e2e.lock sh tests/e2e/make-demo.sh

# Speed and memory as ratios to baselines measured in the same run, on this
# machine (tests/bench/bench.py; doc/HACKING.md "Performance" says what each
# line means): decode rate against cat and Sisimai 4.25, two hostile
# bounces, and at scale, over N synthetic bounces (tests/bench/synth.py)
# indexed by notmuch once into build/bench/N-vVERSION/ and kept: notmuch
# count of the default query, cold and warm `bounceq groups`, a filter, the
# TUI's first screen (headless, in tmux).  Targets are printed met / NOT
# MET and never fail the run; a broken measurement does.  Results also in
# build/bench/results-N.json.  `make bench N=1000000` works too (about 13 GB
# of disk, and notmuch new takes an hour or more on 2 cores).  Not part of
# `make check`.
N ?= 100000
bench:
	@sh scripts/deps.sh bench
	@$(MAKE) --no-print-directory all
	@python3 tests/bench/bench.py --n $(N) ./bounceq

# Coverage-guided fuzzing of everything that reads hostile input
# (tests/fuzz/fuzz_*.c), FUZZ_SECONDS each, with clang's libFuzzer and
# ASan+UBSan; the core is rebuilt with clang in build/fuzz/.  Crashes, hangs
# (-timeout=5) and leaks land in build/fuzz/crashes/.  Not part of `check`.
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all \
                -fno-omit-frame-pointer
FUZZ_NAMES    = $(patsubst tests/fuzz/fuzz_%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_BIN      = $(FUZZ_NAMES:%=build/fuzz/fuzz_%)

fuzz:
	@sh scripts/deps.sh fuzz
	@$(MAKE) --no-print-directory B=build/fuzz CC=$(FUZZ_CC) OPT="-O1 -g" \
		XCFLAGS="-fsanitize=fuzzer-no-link $(FUZZ_SAN)" fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh build/fuzz $(FUZZ_NAMES)

fuzz-build: $(FUZZ_BIN)

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/check.h build/fuzz/libcore.a
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< \
		build/fuzz/libcore.a $(ALL_LIBS)

install: bounceq
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	install -m 755 bounceq $(DESTDIR)$(BINDIR)/bounceq
	for m in $(MANS); do s=$${m##*.}; install -m 644 $$m $(DESTDIR)$(MANDIR)/man$$s/; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/bounceq
	for m in $(MANS); do s=$${m##*.}; rm -f $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; done

clean:
	rm -rf build bounceq
