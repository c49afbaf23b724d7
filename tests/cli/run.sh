#!/bin/sh
# Command-line behaviour of `bounceq decode` on good and bad input: exit
# statuses, error objects, stderr messages, other files still decoded, and
# no raw control characters on output.  Usage: tests/cli/run.sh BIN
BIN=${1:?usage: run.sh BIN}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
cd "$(dirname "$0")/../.." || exit 1
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
pass=0 fail=0
check() { # name, condition (eval'd)
	if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "cli: FAIL: $1" >&2; fi
}
M=tests/data/mail

: > "$T/empty"
# Fixed pseudo-random bytes: fresh ones could, once in a while, start with
# something that looks like a header line.
python3 -c 'import random, sys; r = random.Random(20261128); sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(4096)))' > "$T/random"
mkdir -p "$T/nomail/cur" "$T/nomail/new"
"$BIN" decode --json "$T/empty" "$M/nested.eml" "$T/random" "$T/nomail" "$T/missing" \
	"$M/b64-dsn.eml" >"$T/out" 2>"$T/err"
rc=$?
check "exit status 1 when some input is bad" '[ $rc -eq 1 ]'
check "one JSON line per input" '[ "$(wc -l < "$T/out")" -eq 6 ]'
check "good files still decoded" 'grep -q "\"recipient\": \"bob@example.net\"" "$T/out" && grep -q "\"recipient\": \"dan@example.net\"" "$T/out"'
check "empty file error" 'grep -q "\"file\": \"$T/empty\", \"error\": \"empty file\"" "$T/out"'
check "random bytes error" 'grep -q "\"file\": \"$T/random\", \"error\": \"not a mail message\"" "$T/out"'
check "directory without mail error" 'grep -q "\"file\": \"$T/nomail\", \"error\": \"no mail found\"" "$T/out"'
check "missing path error" 'grep -q "\"file\": \"$T/missing\", \"error\": \"no such file or directory\"" "$T/out"'
check "errors named on stderr" '[ "$(grep -c "^bounceq: " "$T/err")" -eq 4 ]'
check "output is valid JSON" 'python3 -c "import json,sys; [json.loads(l) for l in open(sys.argv[1])]" "$T/out"'

"$BIN" decode "$M/nested.eml" "$M/plain.eml" >"$T/table" 2>&1
check "table exit 0 on good input" '[ $? -eq 0 ]'
check "table has header and rows" 'grep -q "^FILE .*RECIPIENT .*ACTION .*STATUS .*REPLY .*DIAGNOSTIC" "$T/table" && grep -q "bob@example.net .*failed .*5.1.1 .*550" "$T/table"'

# Hostile text: a diagnostic with escape sequences, BEL, bidi override and a bad byte.
printf 'From: MAILER-DAEMON@x.example\nSubject: t\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; x.example\n\nFinal-Recipient: rfc822; evil\033]0;pwned\007@example.com\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 \033[31mred\033[0m \342\200\256gnp.exe \377\n\n--b--\n' > "$T/evil.eml"
"$BIN" decode "$T/evil.eml" >"$T/evil.table" 2>&1
"$BIN" decode --json "$T/evil.eml" >"$T/evil.json" 2>&1
check "no raw ESC/BEL in table" '! LC_ALL=C grep -q "$(printf "[\033\007]")" "$T/evil.table"'
check "no raw bidi override in table" '! grep -q "$(printf "\342\200\256")" "$T/evil.table"'
check "escapes shown visibly" 'grep -q "\\\\e\[31mred" "$T/evil.table" && grep -q "<U+202E>" "$T/evil.table"'
check "no raw ESC/BEL in JSON" '! LC_ALL=C grep -q "$(printf "[\033\007]")" "$T/evil.json"'
check "JSON escapes them" 'grep -q "u001b" "$T/evil.json" && grep -q "u202e" "$T/evil.json"'

# stdin, CR-only input, mbox indices
tr '\n' '\r' < "$M/nested.eml" | "$BIN" decode --json - > "$T/stdin" 2>&1
check "stdin with CR-only line endings" 'grep -q "\"file\": \"-\".*\"recipient\": \"bob@example.net\"" "$T/stdin"'
"$BIN" decode --json "$M/three.mbox" > "$T/mbox" 2>&1
check "mbox messages carry their index" '[ "$(grep -c "\"index\": [123]," "$T/mbox")" -eq 3 ]'

"$BIN" decode >/dev/null 2>&1
check "usage error exits 2" '[ $? -eq 2 ]'
"$BIN" decode --help | grep -q "usage: bounceq decode"
check "decode --help" '[ $? -eq 0 ]'
"$BIN" --help | grep -q "usage: bounceq"
check "--help" '[ $? -eq 0 ]'

"$BIN" decod "$M/nested.eml" </dev/null >/dev/null 2>"$T/typo"
check "a mistyped command is an error, not a query" '[ $? -eq 2 ] && grep -q "did you mean .decode." "$T/typo"'
"$BIN" tag:bounce </dev/null >/dev/null 2>"$T/notty"
check "the TUI without a terminal says so" '[ $? -eq 2 ] && grep -q "needs a terminal" "$T/notty"'

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
