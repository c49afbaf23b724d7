#!/bin/sh
# The include checks of tests/lint/includes.py must fail on what they
# forbid: each case copies the tree's sources into a scratch directory,
# breaks one rule there, and expects that check to fail naming the file.
# Prints "lint self-test: N passed, N failed".
cd "$(dirname "$0")/../.." || exit 1
pass=0 fail=0
W=$(mktemp -d) || exit 1
trap 'rm -rf "$W"' EXIT

# case NAME CHECK FILE LINE EXPECT: add LINE to FILE (relative to the
# copy), run CHECK, expect it to fail with EXPECT in its output.
case_() {
	name=$1 check=$2 file=$3 line=$4 expect=$5
	rm -rf "$W/t" && mkdir -p "$W/t" && cp -R core cli tui "$W/t/" || exit 1
	if ! python3 tests/lint/includes.py --root "$W/t" "$check" >/dev/null; then
		fail=$((fail + 1)); echo "lint self-test: FAIL: $name: the clean tree already fails" >&2; return
	fi
	printf '%s\n' "$line" >> "$W/t/$file"
	out=$(python3 tests/lint/includes.py --root "$W/t" "$check")
	if [ $? -ne 0 ] && printf '%s' "$out" | grep -qF "$expect"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "lint self-test: FAIL: $name: got '$out'" >&2
	fi
}

case_ "shared includes decode" arrows core/shared/buf.c \
	'#include "core/decode/bounce.h"' "core/shared/buf.c: includes core/decode/bounce.h (shared -> decode"
case_ "queue includes decode" arrows core/queue/queue.c \
	'#include "core/decode/dsn.h"' "queue -> decode is not an arrow"
case_ "keys includes decode" arrows core/keys/config.c \
	'#include "core/decode/source.h"' "keys -> decode is not an arrow"
case_ "knowledge includes model" arrows core/knowledge/classify.c \
	'#include "core/model/row.h"' "knowledge -> model is not an arrow"
case_ "tui includes a private header" private tui/main.c \
	'#include "core/decode/mime_int.h"' "tui/main.c: includes core/decode/mime_int.h"
case_ "another part includes a private header" private core/index/index.c \
	'#include "core/knowledge/reason_table_int.h"' "private to core/knowledge/"
case_ "bounce includes the decoder" cycles core/decode/bounce.h \
	'#include "core/decode/decode.h"' "include cycle: core/decode/bounce -> core/decode/decode -> core/decode/bounce"

echo "lint self-test: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
