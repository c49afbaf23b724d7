#!/bin/sh
# Golden decode tests: tests/golden/run.sh BIN (see golden.py).
exec python3 "$(dirname "$0")/golden.py" check "$1"
