#!/bin/sh
# Integration tests of `bounceq list` and `bounceq groups` against
# throwaway notmuch databases: tests/index/run.sh BIN.  Prints
# "N passed, N failed" last; exits non-zero when anything failed.
exec python3 "$(dirname "$0")/run.py" "$@"
