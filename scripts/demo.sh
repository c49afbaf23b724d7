#!/bin/sh
# make demo: show bounceq on the bundled sample bounces.  Until the terminal
# UI lands this decodes the samples and prints the table.
set -eu
cd "$(dirname "$0")/.."
dir=demo/maildir
[ -d "$dir" ] || dir=tests/data/mail
echo "bounceq decode $dir"
./bounceq decode "$dir"
