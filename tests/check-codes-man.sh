#!/bin/sh
# doc/bounceq-codes.7 is generated from the code tables (core/codes_*.c) by
# `bounceq explain --list --man`.  This check fails when the committed page
# differs from a freshly generated one (run `make codes-man` and commit),
# or when mandoc finds a warning in it.
# Usage: sh tests/check-codes-man.sh [BOUNCEQ]   (default ./bounceq)
cd "$(dirname "$0")/.." || exit 1
bin=${1:-./bounceq}
page=doc/bounceq-codes.7
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT

if ! "$bin" explain --list --man >"$tmp"; then
	echo "check-codes-man: FAIL: $bin explain --list --man failed" >&2
	exit 1
fi
if ! cmp -s "$tmp" "$page"; then
	diff -u "$page" "$tmp" | head -40 >&2
	echo "check-codes-man: FAIL: $page is stale; run 'make codes-man' and commit it" >&2
	exit 1
fi
if command -v mandoc >/dev/null 2>&1; then
	out=$(mandoc -Tlint -Wwarning "$page" 2>&1)
	if [ -n "$out" ]; then
		echo "$out" >&2
		echo "check-codes-man: FAIL: mandoc -Tlint $page" >&2
		exit 1
	fi
fi
echo "check-codes-man: $page matches the tables"
