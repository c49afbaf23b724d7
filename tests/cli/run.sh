#!/bin/sh
# Command-line behaviour of `bounceq decode` and `queue` on good and bad input: exit
# statuses, error objects, stderr messages, other files still decoded, and
# no raw control characters on output.  Usage: tests/cli/run.sh BIN
BIN=${1:?usage: run.sh BIN}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
cd "$(dirname "$0")/../.." || exit 1
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
# Marks every process this run starts (tests/leftover.sh).
BOUNCEQ_TEST_RUN=cli-$$-$(date +%s%N)
export BOUNCEQ_TEST_RUN
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
"$BIN" --queue-command /usr/bin/true </dev/null >/dev/null 2>"$T/qcmd"
check "TUI --queue-command whose name says no MTA exits 2" '[ $? -eq 2 ] && grep -q "^bounceq: --queue-command: .*/usr/bin/true.* named neither postqueue... nor exim" "$T/qcmd"'
"$BIN" --queue-command /opt/postfix/sbin/postqueue --queue-file "$T/q" </dev/null >/dev/null 2>"$T/qcmd"
check "TUI --queue-command with --queue-file exits 2" '[ $? -eq 2 ] && grep -q "not both" "$T/qcmd"'

# bounceq queue on saved listings (tests/data/queue: real Postfix 3.7 and
# Exim 4.96 output from the e2e run, and hand-made hostile ones).
Q=tests/data/queue
NOW=2026-11-28T14:30:00Z
"$BIN" queue --file "$Q/postfix-e2e-deferred.json" --json --now "$NOW" >"$T/q.json" 2>"$T/q.err"
check "queue --json exit 0" '[ $? -eq 0 ] && [ ! -s "$T/q.err" ]'
check "queue --json contract" 'python3 - "$T/q.json" <<PYEOF
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 1
o = json.loads(lines[0])
assert list(o) == ["mta", "queue", "now", "messages", "recipients", "skipped", "by", "buckets", "rows", "total", "causes"], list(o)
assert (o["mta"], o["queue"], o["now"], o["by"]) == ("postfix", "deferred", "2026-11-28T14:30:00Z", "domain")
assert (o["messages"], o["recipients"], o["skipped"]) == (4, 5, 0)
assert o["buckets"] == [5, 10, 20, 40, 80, 160, 320, 640, 1280]
assert [(r["key"], r["total"]) for r in o["rows"]] == [("bank.test", 2), ("refused.test", 1), ("remote.test", 1), ("servfail.test", 1)]
assert all(len(r["counts"]) == 10 for r in o["rows"])
assert o["rows"][0]["counts"][2] == 2 and o["rows"][0]["reasons"] == {"blocked": 2}
assert o["total"] == {"total": 5, "counts": [0, 0, 5, 0, 0, 0, 0, 0, 0, 0]}
c = {x["reason"]: (x["count"], x["domains"], x["hard"]) for x in o["causes"]}
assert c == {"blocked": (2, 1, False), "networkerror": (2, 2, False), "expired": (1, 1, False)}, c
assert o["causes"][0]["example"].startswith("host mx.bank.test[127.0.0.2] said: 451 4.7.1")
PYEOF'
"$BIN" queue --file "$Q/postfix-e2e-deferred.json" --list --json --now "$NOW" >"$T/ql.json" 2>&1
check "queue --list --json: one object per recipient" 'python3 - "$T/ql.json" <<PYEOF
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 5
assert list(rows[0]) == ["queue_id", "queue", "arrival", "age_minutes", "size", "sender", "recipient", "domain", "delay_reason", "status", "reply_code", "reason", "hard"]
r = [x for x in rows if x["recipient"] == "tempfail@remote.test"][0]
assert (r["queue_id"], r["queue"], r["arrival"], r["age_minutes"], r["size"]) == ("2EBF3A867D1", "deferred", "2026-11-28T14:12:41Z", 17, 526)
assert (r["status"], r["reply_code"], r["reason"], r["hard"]) == ("4.4.7", "450", "expired", False)
PYEOF'
"$BIN" queue --file "$Q/postfix-e2e-deferred.json" --now "$NOW" >"$T/q.txt" 2>&1
check "queue table: header, TOTAL, rows, causes with their meaning" 'grep -q "^ *T  *5  *10  *20 .* 1280  *1280+$" "$T/q.txt" && grep -q "^TOTAL  *5  *0  *0  *5 " "$T/q.txt" && grep -q "^bank.test  *2 " "$T/q.txt" && grep -q "^blocked  *2  *1  *no  *host mx.bank.test" "$T/q.txt" && grep -q "greylisting" "$T/q.txt"'
"$BIN" queue --file "$Q/postfix-e2e-deferred.json" --list --now "$NOW" >"$T/ql.txt" 2>&1
check "queue --list table" 'grep -q "^QUEUE_ID  *QUEUE  *AGE  *SIZE  *RECIPIENT  *REASON  *STATUS  *DELAY_REASON" "$T/ql.txt" && grep -q "^2EBF3A867D1  *deferred  *17m  *526  *tempfail@remote.test  *expired  *4.4.7  *host mx.remote.test" "$T/ql.txt" && [ "$(wc -l < "$T/ql.txt")" -eq 6 ]'
"$BIN" queue --file "$Q/postfix-e2e-deferred.json" --by reason --top 1 --json --now "$NOW" >"$T/qr.json" 2>&1
check "queue --by reason --top 1 folds the rest" 'python3 -c "import json,sys; o=json.load(open(sys.argv[1])); assert [(r[\"key\"], r[\"total\"]) for r in o[\"rows\"]] == [(\"blocked\", 2), (\"(others)\", 3)], o[\"rows\"]" "$T/qr.json"'
"$BIN" queue --file - --list --json --now "$NOW" < "$Q/exim-e2e-deferred.txt" >"$T/qe.json" 2>&1
check "queue --file - reads exim -bp from stdin" '[ $? -eq 0 ] && [ "$(grep -c "\"queue\": \"queued\"" "$T/qe.json")" -eq 5 ] && grep -q "\"queue_id\": \"1xXJAz-0006cZ-1z\".*\"recipient\": \"greylist@bank.test\".*\"reason\": \"undefined\"" "$T/qe.json"'
# Exim's delay reasons from its msglog files (real ones, Exim 4.96).
"$BIN" queue --file "$Q/exim-e2e-msglog.txt" --exim-msglog "$Q/exim-msglog" --list --json --now "$NOW" >"$T/qm.json" 2>"$T/qm.err"
check "queue --exim-msglog: Exim's reasons, as Postfix's for the same causes" '[ $? -eq 0 ] && [ ! -s "$T/qm.err" ] && python3 - "$T/qm.json" <<PYEOF
import json, sys
got = {r["recipient"]: (r["reason"], r["status"], r["reply_code"]) for r in map(json.loads, open(sys.argv[1]))}
assert got == {
    "someone@servfail.test": ("networkerror", "4.4.0", None),
    "someone@refused.test": ("networkerror", "4.4.0", None),
    "tempfail@remote.test": ("expired", "4.4.7", "450"),
    "greylist@bank.test": ("blocked", "4.7.1", "451"),
    "greylist+2@bank.test": ("blocked", "4.7.1", "451"),
}, got
PYEOF'
mkdir -p "$T/split/G" "$T/split/H"
cp "$Q/exim-msglog/1xXJTG-00057Y-2n" "$T/split/G/"
cp "$Q/exim-msglog/1xXJTH-00058N-0v" "$T/split/H/"
"$BIN" queue --file "$Q/exim-e2e-msglog.txt" --exim-msglog "$T/split" --by reason --json --now "$NOW" >"$T/qs.json" 2>&1
check "queue --exim-msglog: split spool layout, missing files undefined" '[ $? -eq 0 ] && python3 -c "import json,sys; o=json.load(open(sys.argv[1])); c={x[\"reason\"]: x[\"count\"] for x in o[\"causes\"]}; assert c == {\"blocked\": 2, \"networkerror\": 1, \"undefined\": 2}, c" "$T/qs.json"'
mkdir -p "$T/evil"
printf '2026-11-28 12:55:01 someone@refused.test R=r T=t defer (-44) H=\033]0;pwned\007 [1.2.3.4]: 451 \033[31mred\n' > "$T/evil/1xXJTG-00057Y-2n"
"$BIN" queue --file "$Q/exim-e2e-msglog.txt" --exim-msglog "$T/evil" --list --now "$NOW" >"$T/qe.txt" 2>&1
check "queue --exim-msglog: hostile msglog text shown escaped" '[ $? -eq 0 ] && grep -q "someone@refused.test .*host " "$T/qe.txt" && ! LC_ALL=C grep -q "$(printf "[\033\007]")" "$T/qe.txt"'
"$BIN" queue --file "$Q/exim-e2e-msglog.txt" --exim-msglog "$T/missing" >/dev/null 2>"$T/qmm.err"
check "queue --exim-msglog: missing directory exits 1" '[ $? -eq 1 ] && grep -q "^bounceq: queue: $T/missing: no such file or directory" "$T/qmm.err"'
"$BIN" queue --file "$Q/postfix-e2e-deferred.json" --exim-msglog "$Q/exim-msglog" >/dev/null 2>"$T/qmp.err"
check "queue --exim-msglog on a Postfix listing exits 2" '[ $? -eq 2 ] && grep -q "for Exim listings" "$T/qmp.err"'
"$BIN" queue --mta postfix --exim-msglog "$Q/exim-msglog" --file - </dev/null >/dev/null 2>&1
check "queue --exim-msglog with --mta postfix exits 2" '[ $? -eq 2 ]'
"$BIN" queue --file "$Q/postfix-hostile.json" --queue all --now "$NOW" >"$T/qh.txt" 2>&1
check "queue: hostile listing, bad lines skipped, no raw ESC/BEL" '[ $? -eq 0 ] && grep -q "^evil.example  *1 " "$T/qh.txt" && ! LC_ALL=C grep -q "$(printf "[\033\007]")" "$T/qh.txt"'
"$BIN" queue --file "$Q/postfix-hostile.json" --queue all --list --json --now "$NOW" >"$T/qh.json" 2>&1
check "queue --list --json escapes hostile text" '[ "$(wc -l < "$T/qh.json")" -eq 3 ] && grep -q "u001b" "$T/qh.json" && ! LC_ALL=C grep -q "$(printf "[\033\007]")" "$T/qh.json"'
"$BIN" queue --file "$T/missing" >/dev/null 2>"$T/qm.err"
check "queue: missing file exits 1 with a message" '[ $? -eq 1 ] && grep -q "^bounceq: queue: $T/missing: no such file or directory" "$T/qm.err"'
"$BIN" queue --file "$Q/junk.bin" >/dev/null 2>"$T/qj.err"
check "queue: binary junk exits 1: not a queue listing" '[ $? -eq 1 ] && grep -q "^bounceq: queue: .*junk.bin: not a mail queue listing" "$T/qj.err"'
"$BIN" queue --file "$T/empty" --json --now "$NOW" >"$T/q0.json" 2>&1
check "queue: an empty listing is an empty queue" '[ $? -eq 0 ] && grep -q "\"messages\": 0, \"recipients\": 0" "$T/q0.json"'
"$BIN" queue --bogus >/dev/null 2>&1
check "queue: unknown option exits 2" '[ $? -eq 2 ]'
"$BIN" queue --file "$Q/junk.bin" --by colour >/dev/null 2>"$T/qb.err"
check "queue: bad --by exits 2" '[ $? -eq 2 ] && grep -q "bad --by" "$T/qb.err"'
"$BIN" queue --top -3 --file - </dev/null >/dev/null 2>&1
check "queue: bad --top exits 2" '[ $? -eq 2 ]'
"$BIN" queue --file - extra </dev/null >/dev/null 2>&1
check "queue: stray argument exits 2" '[ $? -eq 2 ]'
"$BIN" queue --help | grep -q "usage: bounceq queue"
check "queue --help" '[ $? -eq 0 ]'

left=$(sh tests/leftover.sh "$BOUNCEQ_TEST_RUN")
[ -n "$left" ] && printf 'cli: still running after the run (now killed):\n%s\n' "$left" >&2
check "no bounceq process left running" '[ -z "$left" ]'

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
