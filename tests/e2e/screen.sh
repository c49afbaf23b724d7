#!/bin/sh
# The TUI over the real-MTA database of one e2e run:
#   tests/e2e/screen.sh BIN NOTMUCH_CONFIG LABEL SUMMARY
# Opens bounceq in tmux (private socket, 100x30, TERM, TZ, LC_ALL, private
# HOME and XDG dirs) on the database that Postfix's or Exim's bounces were
# indexed into, and checks that the groups screen shows, for every reason,
# the count `bounceq groups --json` reports (which check.py holds against
# what was provoked), that Enter drills into a group and into a bounce with
# its explanation, and that q leaves with status 0.  Every wait polls with
# a timeout.  Writes "passed failed skipped" to SUMMARY.
set -u
BIN=$1 CONF=$2 LABEL=$3 SUMMARY=$4
W=$(mktemp -d "${TMPDIR:-/tmp}/bqe2e-screen.XXXXXX")
SOCK=bqe2e-screen-$$
TMUX_TMPDIR=$W
export TMUX_TMPDIR
unset TMUX
pass=0 fail=0
cleanup() { tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
ok() { pass=$((pass + 1)); echo "PASS $LABEL: screen: $1"; }
nok() { fail=$((fail + 1)); echo "FAIL $LABEL: screen: $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/    /'; }
screen() { tmux -L "$SOCK" capture-pane -p -t bq 2>/dev/null; }
wait_re() {	# wait_re REGEX: poll the screen for an extended regex, 10 s at most
	end=$(($(date +%s) + 10))
	while :; do
		screen | grep -qE -- "$1" && return 0
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.05
	done
}
mkdir -p "$W/home" "$W/config" "$W/cache"
env="HOME=$W/home XDG_CONFIG_HOME=$W/config XDG_CACHE_HOME=$W/cache TZ=UTC LC_ALL=C.UTF-8 TERM=xterm-256color NO_COLOR=1"
# shellcheck disable=SC2086
env $env "$BIN" groups --json --config "$CONF" > "$W/groups.json" 2>"$W/groups.err" || {
	nok "bounceq groups --json failed" "$(cat "$W/groups.err")"; echo "$pass $fail 0" > "$SUMMARY"; exit 1; }
tmux -L "$SOCK" new-session -d -s bq -x 100 -y 30 \
	"env $env $BIN --config $CONF; echo \$? > $W/exit; echo '[bounceq exited]'; sleep 30"
if wait_re 'groups by reason'; then ok "groups screen appears"; else nok "groups screen appears" "$(screen)"; fi
python3 - "$W/groups.json" > "$W/expect" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    g = json.loads(line)
    print("%s %d" % (g["key"], g["rows"]))
PY
while read -r key rows; do
	if wait_re "^$key +$rows "; then ok "$key: $rows rows"; else nok "$key: $rows rows" "$(screen)"; fi
done < "$W/expect"
top=$(head -n 1 "$W/expect" | cut -d' ' -f1)
tmux -L "$SOCK" send-keys -t bq Enter
if wait_re "List: reason = $top"; then ok "Enter drills into $top"; else nok "Enter drills into $top" "$(screen)"; fi
tmux -L "$SOCK" send-keys -t bq Enter
if wait_re '^What it means'; then ok "bounce screen explains the status"; else nok "bounce screen explains the status" "$(screen)"; fi
tmux -L "$SOCK" send-keys -t bq q q q
end=$(($(date +%s) + 10))
while [ ! -s "$W/exit" ] && [ "$(date +%s)" -lt "$end" ]; do sleep 0.05; done
if [ "$(cat "$W/exit" 2>/dev/null)" = 0 ]; then ok "q exits 0"; else nok "q exits 0" "$(screen)"; fi
echo "$pass $fail 0" > "$SUMMARY"
[ "$fail" = 0 ]
