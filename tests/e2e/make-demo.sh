#!/bin/sh
# Regenerate demo/maildir/ from real MTA output: runs the end-to-end test
# (tests/e2e/run.sh: Postfix and Exim, as root, in a private network
# namespace) and keeps every bounce, delay warning and success notice that
# the two MTAs delivered to the test sender's Maildir.
# usage: tests/e2e/make-demo.sh [BIN]   (from the top of the tree; BIN
# defaults to ./bounceq, which run.sh also checks the mail with)
set -u
cd "$(dirname "$0")/../.." || exit 1
BIN=${1:-./bounceq}
out=$(mktemp -d /tmp/bqdemo.XXXXXX) || exit 1
trap 'rm -rf "$out"' EXIT
E2E_DEMO_OUT=$out sh tests/e2e/run.sh "$BIN"
rc=$?
if [ $rc = 77 ]; then
	echo "make-demo: the end-to-end run was skipped; demo/maildir left as it was" >&2
	exit 77
fi
n=$(find "$out/cur" -type f 2>/dev/null | wc -l)
if [ "$n" -lt 20 ]; then
	echo "make-demo: only $n messages collected; demo/maildir left as it was" >&2
	exit 1
fi
[ $rc = 0 ] || echo "make-demo: note: some checks failed (see above); the mail itself is real MTA output" >&2
rm -rf demo/maildir
mkdir -p demo/maildir/cur demo/maildir/new demo/maildir/tmp
cp "$out/cur/"* demo/maildir/cur/
touch demo/maildir/new/.keep demo/maildir/tmp/.keep
echo "make-demo: demo/maildir/ now has $n messages from Postfix and Exim ($(date -u +%Y-%m-%d))"
