#!/bin/sh
# Screen tests: drive the real bounceq TUI in tmux (private socket, pinned
# size, TERM, TZ=UTC, LC_ALL=C.UTF-8, private HOME and XDG dirs) over a
# notmuch database built from tests/screen/mkmail.sh, send keys, and poll
# the captured screen for the expected text (never a fixed sleep: every
# wait polls with a timeout).  Usage: tests/screen/run.sh BIN
# Prints "ok"/"not ok" per check and "N passed, N failed" last; exits
# non-zero when a check failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: run.sh BIN}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
[ -x "$bin" ] || { echo "run.sh: $bin is not executable"; echo "0 passed, 1 failed"; exit 1; }

W=$(mktemp -d "${TMPDIR:-/tmp}/bounceq-screen.XXXXXX")
# tmux's sockets live in W too, so nothing is left behind.
TMUX_TMPDIR=$W
export TMUX_TMPDIR
unset TMUX
# One tmux server (socket) per start, so a dying server never races a new one.
SOCKBASE=bounceq-screen-$$
NSOCK=0
SOCK=$SOCKBASE-0
TIMEOUT=${SCREEN_TIMEOUT:-10}
# Marks every process this run starts, through the launcher's env -i too
# (tests/leftover.sh).
BOUNCEQ_TEST_RUN=screen-$$-$(date +%s%N)
export BOUNCEQ_TEST_RUN
pass=0 fail=0
cleanup() {
	i=0
	while [ "$i" -le "$NSOCK" ]; do
		tmux -L "$SOCKBASE-$i" kill-server 2>/dev/null
		i=$((i + 1))
	done
	rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE

ok() { pass=$((pass + 1)); echo "ok - $1"; }
nok() {
	fail=$((fail + 1))
	echo "not ok - $1"
	[ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/#   /'
}

tm() { tmux -L "$SOCK" "$@"; }
screen() { tm capture-pane -p -t bq 2>/dev/null; }
fmt() { tm display-message -p -t bq "$1" 2>/dev/null; }

# wait_for TEXT: polls the screen until it holds TEXT (fixed string).
wait_for() {
	end=$(($(date +%s) + TIMEOUT))
	while :; do
		screen | grep -qF -- "$1" && return 0
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.05
	done
}
# wait_gone TEXT: polls until TEXT is no longer on the screen.
wait_gone() {
	end=$(($(date +%s) + TIMEOUT))
	while :; do
		screen | grep -qF -- "$1" || return 0
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.05
	done
}
# wait_dead: polls until bounceq has exited; prints its exit status.  The
# launcher writes the status and then a marker on the terminal, so once the
# marker shows, tmux has parsed everything bounceq wrote before exiting.
wait_dead() {
	end=$(($(date +%s) + TIMEOUT))
	while :; do
		[ -s "$W/exit.$NSOCK" ] && screen | grep -qF '[bounceq exited]' &&
		    { cat "$W/exit.$NSOCK"; return 0; }
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.05
	done
}
# exit_detail: what a failed exit check shows: the screen, and whether
# the program is still running (a key lost vs a slow or hung exit).
exit_detail() {
	screen
	if pgrep -f "$bin" >/dev/null 2>&1; then echo "(bounceq still running)"
	else echo "(bounceq not running; exit file: $(cat "$W/exit.$NSOCK" 2>/dev/null))"; fi
}
# wait_fmt FORMAT VALUE: polls until tmux reports VALUE for FORMAT (the
# pane's last output may still be on its way when the program has exited).
wait_fmt() {
	end=$(($(date +%s) + TIMEOUT))
	while :; do
		[ "$(fmt "$1")" = "$2" ] && return 0
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.05
	done
}
# wait_line N PREFIX: polls until line N of the screen starts with PREFIX.
# After a resize the program repaints the whole screen, top line first: a
# capture taken as soon as the top line is back can show the rest still
# blank, so what is on a lower line is waited for too.
wait_line() {
	end=$(($(date +%s) + TIMEOUT))
	while :; do
		case $(screen | sed -n "$1p") in "$2"*) return 0 ;; esac
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.05
	done
}
# check NAME TEXT: passes when TEXT appears on the screen in time.
check() {
	if wait_for "$2"; then ok "$1"; else nok "$1" "expected: $2
screen:
$(screen)"; fi
}
check_gone() {
	if wait_gone "$2"; then ok "$1"; else nok "$1" "still there: $2
screen:
$(screen)"; fi
}
keys() { tm send-keys -t bq "$@"; }
# type TEXT: literal text into the program.
typ() { tm send-keys -t bq -l -- "$1"; }

# start TERM COLS ROWS [ARGS...]: a new tmux server running bounceq.
start() {
	term=$1 cols=$2 rows=$3
	shift 3
	# Every run before ends told to quit: it must have, before its
	# terminal goes.  A terminal killed in the middle of an exit was seen
	# to wedge the ASan build for ever (spinning in LeakSanitizer's
	# stop-the-world, its tracer dead): a run left behind.
	if [ "$NSOCK" -gt 0 ]; then
		end=$(($(date +%s) + TIMEOUT))
		while [ ! -s "$W/exit.$NSOCK" ] && [ "$(date +%s)" -lt "$end" ]; do
			sleep 0.05
		done
		[ -s "$W/exit.$NSOCK" ] || nok "run $NSOCK exits when told to quit" "$(exit_detail)"
	fi
	tm kill-server 2>/dev/null
	NSOCK=$((NSOCK + 1))
	SOCK=$SOCKBASE-$NSOCK
	printf 'set -g status off\nset -g default-terminal %s\n' \
	    "$term" > "$W/tmux.conf"
	args=
	for a in "$@"; do args="$args '$a'"; done
	# The launcher ignores SIGINT so it survives C-c and reports the status.
	cat > "$W/launch.$NSOCK" <<LAUNCH
trap '' INT
env -i PATH='$PATH' HOME='$W/home' TERM='$term' TZ=UTC LC_ALL=C.UTF-8 \\
    XDG_CONFIG_HOME='$W/config' XDG_CACHE_HOME='$W/cache' \\
    NOTMUCH_CONFIG='$W/notmuch-config' PAGER='$W/pager.sh --flag' \\
    BOUNCEQ_TEST_RUN='$BOUNCEQ_TEST_RUN' $EXTRA_ENV '$bin' $args 2>'$W/stderr.$NSOCK'
echo \$? > '$W/exit.$NSOCK'
echo '[bounceq exited]'
exec cat >/dev/null
LAUNCH
	tm -f "$W/tmux.conf" new-session -d -s bq -x "$cols" -y "$rows" "sh '$W/launch.$NSOCK'"
}
EXTRA_ENV=

# The test database, and a $PAGER that records what it was asked to show
# (its first argument proves $PAGER is split into words).
mkdir -p "$W/home" "$W/config/bounceq" "$W/cache"
printf '#!/bin/sh\n[ "$1" = --flag ] && cp "$2" "%s/paged"\n' "$W" > "$W/pager.sh"
chmod +x "$W/pager.sh"
sh "$here/mkmail.sh" "$W/mail" || { nok "make test mail"; echo "$pass passed, $fail failed"; exit 1; }
printf '[database]\npath=%s\n[new]\ntags=new\n[maildir]\nsynchronize_flags=false\n' "$W/mail" \
    > "$W/notmuch-config"
if ! command -v notmuch >/dev/null 2>&1; then
	nok "notmuch CLI needed to build the test database (make deps installs it)"
	echo "$pass passed, $fail failed"
	exit 1
fi
NOTMUCH_CONFIG=$W/notmuch-config HOME=$W/home notmuch new >/dev/null 2>&1 ||
    nok "notmuch new"

# 1. Start: the groups screen with the right counts.  11 bounces: 3 user
# unknown, 2 mailbox full, 1 delayed then failed (one failure), 1 to a
# wide-character address, 1 hostile: 8 failures; and 1 delivery notice,
# which is no failure.
start xterm-256color 100 30
title0=$(fmt '#{pane_title}')
check "start: groups screen" "bounceq: groups by reason"
check "start: 8 rows counted (a chain counts once)" "| 8 rows"
check "start: loading finished" "10 messages: 10 decoded"
check "start: the delivery notice is not counted" "| 8 of 8 failures | 1 delivery notice not counted"
# The auto-reply and the complaint are out of the default query (17 shows them).
case $(screen) in *"notice (I"*|*"notices (I"*) nok "start: no notices under the default query" "$(screen)" ;;
*) ok "start: no notices under the default query" ;; esac
s=$(screen)
line=$(printf '%s\n' "$s" | grep -E '^userunknown ')
case $line in *" 3 "*"3/0"*"37.5%"*" 3 2026-11-22"*) ok "start: userunknown 3 rows, 3 hard, 37.5%, 3 recipients, last 2026-11-22" ;;
*) nok "start: userunknown line" "$s" ;; esac
line=$(printf '%s\n' "$s" | grep -E '^mailboxfull ')
case $line in *" 2 "*) ok "start: mailboxfull 2 rows" ;; *) nok "start: mailboxfull line" "$s" ;; esac
case $(printf '%s\n' "$s" | tail -2 | head -1) in "db: $W/mail"*) ok "status line names the database" ;;
*) nok "status line" "$s" ;; esac

# 2. Drill down into the first group (userunknown).
keys g g Enter
check "drill-down: list of the group" "List: reason = userunknown | 3 rows"
check "drill-down: rows" "carol@example.com"
s=$(screen)
case $s in *carol@example.com*bob@example.com*alice@example.com*) ok "drill-down: every recipient, newest first" ;;
*) nok "drill-down: order" "$s" ;; esac

# 3. The bounce screen explains the code.
keys Enter
check "bounce: opens" "Bounce: carol@example.com failed 5.1.1"
check "bounce: explanation of 5.1.1" "Bad destination mailbox address"
check "bounce: plain explanation" "this mailbox does not exist"
check "bounce: per-recipient fields" "Final-Recipient: carol@example.com"
check "bounce: the address the sender used" "Recipient: carol@example.com"
check "bounce: per-message fields" "Reporting-MTA: mx.sender.test"

# The raw bounce file in $PAGER (run with argv, terminal handed back).
keys e
end=$(($(date +%s) + TIMEOUT))
until [ -s "$W/paged" ] || [ "$(date +%s)" -ge "$end" ]; do sleep 0.05; done
if cmp -s "$W/paged" "$W/mail/cur/3.uu3:2,"; then ok "external pager: got the bounce file"
else nok "external pager: file" "$(ls -l "$W/paged" 2>&1)"; fi
check "external pager: screen back" "Bounce: carol@example.com"

# 4. The returned original in the pager, then the sent original.
keys v
check "original: returned part in the pager" "Pager: Returned original (message/rfc822)"
check "original: its subject" "Subject: Quarterly report uu3"
keys q
check "original: back on the bounce" "Bounce: carol@example.com"
# alice's bounce returns orig-1, whose sent copy is in the database.
keys q G Enter
check "sent: alice's bounce" "Bounce: alice@example.com"
keys s
check "sent: the sent original from notmuch" "This is the copy I kept"
keys q q
keys /
typ "bob"
keys Enter
wait_for "List: reason = userunknown" >/dev/null
keys Enter
check "search in the list then open" "Bounce: bob@example.com"
keys s
check "sent: missing original is reported" "not in the notmuch database"
keys q q

# Tag two rows, pipe their addresses to a program (argv, no shell), export
# them, and add the notmuch tag to their bounces (the one write).
keys Enter
check "tags: list" "List: reason = userunknown | 3 rows"
keys g g t t
check "tags: two tagged" "| 2 tagged"
keys '\;' '|'
check "pipe: prompt for the tagged addresses" "pipe addresses to:"
typ "cat"
keys Enter
check "pipe: program output on the terminal" "[press Enter to return to bounceq]"
s=$(screen)
case $s in *bob@example.com*carol@example.com*) ok "pipe: the tagged addresses, sorted" ;;
*) nok "pipe: addresses" "$s" ;; esac
case $s in *alice@*) nok "pipe: untagged address piped" "$s" ;; *) ok "pipe: only tagged rows" ;; esac
# A resize while it waits for Enter must not end the wait: Enter would
# then reach bounceq and open the bounce under the cursor.  The unbound
# F12 after it names the screen that got it.
tm resize-window -t bq -x 100 -y 28
keys Enter
check "pipe: back in the list" "List: reason = userunknown"
keys F12
check "pipe: a resize did not end the wait for Enter" "is not bound on the list screen"
tm resize-window -t bq -x 100 -y 30
wait_line 29 "limit: " || nok "pipe: back to 100x30" "$(screen)"
# A program that cannot run: bounceq says so where the program's output
# would be (its stderr), waits for Enter, and reports a shell's 127.  The
# terminal still shows the first pipe's prompt: wait for a second one.
keys '\;' '|'
check "pipe nowhere: prompt" "pipe addresses to:"
typ "bounceq-no-such-command --flag"
keys Enter
end=$(($(date +%s) + TIMEOUT))
until [ "$(screen | grep -cF '[press Enter to return to bounceq]')" -ge 2 ] ||
    [ "$(date +%s)" -ge "$end" ]; do sleep 0.05; done
[ "$(screen | grep -cF '[press Enter to return to bounceq]')" -ge 2 ] &&
    ok "pipe nowhere: waits for Enter" || nok "pipe nowhere: no prompt" "$(screen)"
printf 'bounceq: cannot run bounceq-no-such-command: No such file or directory\n' \
    > "$W/stderr-expected.$NSOCK"
if cmp -s "$W/stderr.$NSOCK" "$W/stderr-expected.$NSOCK"; then ok "pipe nowhere: the error on stderr"
else nok "pipe nowhere: stderr" "$(cat "$W/stderr.$NSOCK")"; fi
keys Enter
check "pipe nowhere: status 127 on the message line" "bounceq-no-such-command exited with status 127"
check "pipe nowhere: back in the list" "List: reason = userunknown"
keys w
check "export: the format is asked first" "export format (plain, csv, json): plain"
keys Enter
check "export: then the file" "export addresses to file: bounceq-addresses.txt"
keys C-u
typ "$W/export.txt"
keys Enter
check "export: visible rows written" "wrote 3 addresses to $W/export.txt (plain)"
if [ "$(cat "$W/export.txt" 2>/dev/null | tr '\n' ' ')" = "alice@example.com bob@example.com carol@example.com " ]; then
	ok "export: file holds the addresses"
else nok "export: file" "$(cat "$W/export.txt" 2>&1)"; fi
# CSV to the same file: asked first; n keeps the file, y overwrites it.
keys w C-u
typ "csv"
keys Enter
check "export: csv proposes a .csv name" "export addresses to file: bounceq-addresses.csv"
keys C-u
typ "$W/export.txt"
keys Enter
check "export: an existing file is not overwritten unasked" "export.txt exists: overwrite it with 3 addresses (csv)? (y/n)"
keys n
check "export: n does nothing" "nothing done"
[ "$(head -c 5 "$W/export.txt")" = "alice" ] && ok "export: n kept the file" || nok "export: n kept the file" "$(cat "$W/export.txt")"
keys w C-u
typ "csv"
keys Enter C-u
typ "$W/export.txt"
keys Enter
check "export: asked again" "overwrite it with 3 addresses (csv)? (y/n)"
keys y
check "export: y overwrites" "wrote 3 addresses to $W/export.txt (csv)"
if head -1 "$W/export.txt" | grep -q '^address,reason,status,hard,count,first_seen,last_seen,diagnostic.$' &&
    [ "$(wc -l < "$W/export.txt")" -eq 4 ] && grep -q '^bob@example.com,userunknown,' "$W/export.txt"; then
	ok "export: the file is CSV with a header and one line per address"
else nok "export: csv file" "$(cat "$W/export.txt" 2>&1)"; fi
keys w C-u
typ "xml"
keys Enter
check "export: an unknown format keeps the prompt" "unknown export format 'xml' (plain, csv, json)"
keys Escape
keys '\;' +
check "mark-handled: asks first for two messages" "tag 2 messages +bounceq-handled? (y/n)"
keys y
check "mark-handled: tagged in notmuch" "tagged 2 messages bounceq-handled; u undoes"
n=$(NOTMUCH_CONFIG=$W/notmuch-config HOME=$W/home notmuch count tag:bounceq-handled 2>&1)
[ "$n" = 2 ] && ok "mark-handled: notmuch count is 2" || nok "mark-handled: notmuch count" "$n"
check "mark-handled: the handled rows leave the list" "List: reason = userunknown | 1 rows"
check "mark-handled: the status line counts them" "| 2 handled hidden (a shows)"
keys a
check "toggle-handled: shown again" "List: reason = userunknown | 3 rows"
check "toggle-handled: status line says so" "| handled shown"
keys a
check "toggle-handled: hidden again" "List: reason = userunknown | 1 rows"
keys u
check "undo: asks first for two messages" "undo +bounceq-handled on 2 messages? (y/n)"
keys y
check "undo: done" "undone: +bounceq-handled taken back from 2 messages"
check "undo: the rows are back" "List: reason = userunknown | 3 rows"
n=$(NOTMUCH_CONFIG=$W/notmuch-config HOME=$W/home notmuch count tag:bounceq-handled 2>&1)
[ "$n" = 0 ] && ok "undo: notmuch count is 0" || nok "undo: notmuch count" "$n"
keys C-t q

# A whole group marked handled from the groups screen: it goes, a shows
# it again, an export follows what is shown, u puts the tags back
# (notmuch agrees at each step).
check "group tag: back on groups" "bounceq: groups by reason"
keys /
typ "mailboxfull"
keys Enter
keys +
check "group tag: asks first" "tag 2 messages +bounceq-handled? (y/n)"
keys n
check "group tag: n does nothing" "nothing done"
keys +
check "group tag: asks again" "tag 2 messages +bounceq-handled? (y/n)"
keys y
check "group tag: done" "tagged 2 messages bounceq-handled; u undoes"
check "group tag: 6 rows left" "| 6 rows"
check_gone "group tag: the group is hidden" "mailboxfull "
n=$(NOTMUCH_CONFIG=$W/notmuch-config HOME=$W/home notmuch count tag:bounceq-handled 2>&1)
[ "$n" = 2 ] && ok "group tag: notmuch count is 2" || nok "group tag: notmuch count" "$n"
keys a
check "group tag: a shows the group" "mailboxfull "
check "group tag: 8 rows with the handled" "| 8 rows"
# Export from the groups screen while the handled group is shown, then
# hidden: the file follows what the screen shows (the group under the
# cursor, put on the handled group by a search).
keys /
typ "mailboxfull"
keys Enter
keys w
check "group tag: export asks the format" "export format (plain, csv, json):"
keys C-u
typ "plain"
keys Enter
check "group tag: export asks the file" "export addresses to file:"
keys C-u
typ "$W/export-shown.txt"
keys Enter
check "group tag: export with the handled shown" "wrote "
grep -qx "xavier@example.org" "$W/export-shown.txt" 2>/dev/null &&
    ok "group tag: the shown handled rows are exported" ||
    nok "group tag: export shown" "$(cat "$W/export-shown.txt" 2>&1)"
keys a
check_gone "group tag: hidden again" "mailboxfull "
keys w
check "group tag: export asks again" "export format (plain, csv, json): plain"
keys C-u
typ "plain"
keys Enter
check "group tag: export asks the file again" "export addresses to file:"
keys C-u
typ "$W/export-hidden.txt"
keys Enter
check "group tag: export with the handled hidden" "wrote "
if [ -s "$W/export-hidden.txt" ] && ! grep -q "xavier@example.org\|yvonne@example.org" "$W/export-hidden.txt"; then
	ok "group tag: hidden handled rows are not exported"
else nok "group tag: export hidden" "$(cat "$W/export-hidden.txt" 2>&1)"; fi
keys u y
check "group tag: undone" "undone: +bounceq-handled taken back from 2 messages"
check "group tag: the group is back" "mailboxfull "
check "group tag: 8 rows again" "| 8 rows"
n=$(NOTMUCH_CONFIG=$W/notmuch-config HOME=$W/home notmuch count tag:bounceq-handled 2>&1)
[ "$n" = 0 ] && ok "group tag: notmuch count back to 0" || nok "group tag: notmuch count" "$n"
keys u
check "undo: nothing left to undo" "nothing to undo"

# 5. Limit with a filter, then a bad filter.
check "back on groups" "bounceq: groups by reason"
keys l
typ "domain:example.org"
keys Enter
check "limit: shown in the status line" "limit: domain:example.org"
check "limit: counts follow" "| 2 rows"
check_gone "limit: other groups hidden" "userunknown"
keys l C-u
typ "status:(5.1.1"
keys Enter
check "bad filter: says where" "bad filter at column"
keys Escape
keys C-x
check "limit-clear" "limit: none"
# The newest entry is the bad expression; one more Up finds the good one.
keys l Up Up
check "limit: history with Up" "limit: domain:example.org"
keys C-u Escape
keys 4
check "quick filter: transient only" "| 1 rows"
keys A
check "quick filter: all again" "| 8 rows"

# 6. Grouping keys and the second level.
keys c
check "group-next: by status" "groups by status"
keys s
check "group-split: second level" "groups by status > domain"
keys C s
check "group-prev: back to reason" "groups by reason |"

# Sorting: o / O on the groups, :sort KEY [asc|desc] on groups and list.
check "sort: groups by count by default" "| sort count desc |"
keys o
check "sort-next on groups: by hard failures" "| sort hard desc |"
s=$(screen)
case $(printf '%s\n' "$s" | sed -n 3p) in userunknown*) ok "sort hard: userunknown (3 hard) first" ;;
*) nok "sort hard: first line" "$s" ;; esac
keys :
typ "sort name asc"
keys Enter
check ":sort name asc on groups" "| sort name asc |"
# The group lines (from line 3 to the blank one) are in alphabetical order.
names=$(screen | sed -n '3,$p' | sed '/^ *$/,$d' | awk '{print $1}')
if [ -n "$names" ] && [ "$names" = "$(printf '%s\n' "$names" | LC_ALL=C sort)" ]; then
	ok ":sort name: groups alphabetical"
else nok ":sort name: order" "$names"; fi
keys O
check "sort-reverse on groups" "| sort name desc |"
keys :
typ "sort bogus"
keys Enter
check ":sort: unknown key lists the valid ones" "unknown sort key 'bogus' on the groups screen (count, hard, soft, recipients, last, name)"
keys :
typ "sort name sideways"
keys Enter
check ":sort: bad direction" "usage: sort KEY [asc|desc]"
keys :
typ "sort recent"
keys Enter
check ":sort: an alias, natural direction" "| sort last desc |"
keys L
check "sort: list opens by date" "| sort date desc"
keys :
typ "sort recipient asc"
keys Enter
check ":sort recipient asc on the list" "| sort recipient asc"
s=$(screen)
case $(printf '%s\n' "$s" | sed -n 3p) in *alice@example.com*) ok ":sort recipient: alice first" ;;
*) nok ":sort recipient: first row" "$s" ;; esac
keys :
typ "sort nope"
keys Enter
check ":sort: the list's keys" "unknown sort key 'nope' on the list screen (date, recipient, domain, status, reason, action)"
keys q '?' :
typ "sort count"
keys Enter
check ":sort: not on the help screen" "sort: nothing to sort on the help screen"
keys q :
typ "sort count"
keys Enter
check ":sort count: back to the default" "| sort count desc |"

# The delayed-then-failed delivery: one row, its history on demand.
keys /
typ "expired"
keys Enter Enter
check "chain: one row for the delivery" "List: reason = expired | 1 rows"
check "chain: marked as having history" "F+ "
keys H
check "chain: history shows both rows" "List: reason = expired | 2 rows"
check "chain: the delayed row" " D~ "
keys H g g Enter
check "chain: bounce screen shows the timeline" \
    "Delivery timeline (2 notices for this message and recipient, oldest first)"
check "chain: the outcome and how long it took" "Gave up after 1 d: 1 delay notice, then the failure."
# Scroll the events into view: the bottom line shows once they are up.
keys j j j j j j j j
wait_for "Returned original" >/dev/null
s=$(screen)
case $s in *"2026-11-25 08:00 UTC  first delay  delayed   4.4.1"*"will retry until 2026-11-28 08:30 UTC"*"2026-11-26 08:00 UTC  +1 d         failed    4.4.1"*)
	ok "chain: first delay, its deadline, then the failure a day later" ;;
*) nok "chain: timeline order" "$s" ;; esac
keys q q

# The delivery notice: listed only when the limit asks for it.
keys l
typ "success:yes"
keys Enter
check "success: the groups count none, and say where they are" \
    "no failures match; delivery notices are never grouped (L lists them)"
check "success: the status line still counts it apart" "| 0 of 8 failures | 1 delivery notice"
keys L
check "success: the list shows it" "erin@example.com"
keys Enter
check "success: its timeline" "Delivered: no delay notice came before."
keys q q C-x
check "success: limit cleared" "limit: none"

# Wide characters: the list of everything keeps its columns aligned.
keys L
check "list-all: opens" "List: every failure"
s=$(screen)
wide=$(printf '%s\n' "$s" | grep -F '@example.jp')
other=$(printf '%s\n' "$s" | grep -F 'alice@example.com')
col() { printf '%s' "$1" | perl -CS -ne 'if (/^(.*?)\b5\.\d\.\d\b/) { my $p = $1; my $w = () = $p =~ /\p{Ea=W}/g; print length($p) + $w }'; }
cw=$(col "$wide") co=$(col "$other")
if [ -n "$cw" ] && [ "$cw" = "$co" ]; then ok "wide: status column at display column $cw on both rows"
else nok "wide: columns misaligned ($cw vs $co)" "$wide
$other"; fi
keys q

# 7. Help, generated from the bindings.
keys '?'
check "help: opens" "Help | q back"
check "help: lists actions with keys" "move-down"
keys /
typ "limit every"
keys Enter
check "help: describes limit" "limit every screen with a filter expression"
keys q
check "help: q goes back" "bounceq: groups by reason"

# 8. Run-time :bind, and an unbound key says so.
keys :
typ "bind groups x help"
keys Enter x
check ":bind takes effect" "Help | q back"
keys q
keys z
check "unbound key is reported" "z is not bound on the groups screen"

# Key sequences: g waits for a second key (shown on the status line), gg
# goes to the first line, Esc or an unbound continuation cancels.
keys G g
check "sequence: the pending prefix on the status line" "| keys: g... (Esc cancels)"
keys Escape
check_gone "sequence: Esc cancels it" "keys: g..."
keys g z
check "sequence: an unbound continuation is reported" "gz is not bound on the groups screen"
check_gone "sequence: and cancels it" "keys: g..."
keys j g g Enter
check "sequence: gg goes to the first line" "List: reason = userunknown"
keys q :
typ "bind groups zx help"
keys Enter z
check "sequence: :bind a new one waits" "| keys: z..."
keys x
check "sequence: z x runs it" "Help | q back"
keys /
typ "move-first"
keys Enter
check "sequence: help shows gg" "gg <Home>"
keys q :
typ "bind groups z quit"
keys Enter
check "sequence: a prefix of a binding is refused" "'z' cannot be bound: it starts 'zx' in groups (help); unbind that first"
keys :
typ "unbind groups zx"
keys Enter

# 9. Hostile text: escaped, and the terminal title untouched.
keys l
typ "recipient:mallory"
keys Enter
check "hostile: group shown" "| 1 rows"
keys Enter
check "hostile: list shows the escape visibly" '550 5.7.1 \e]0;PWN'
keys Enter
check "hostile: bounce screen escapes ESC and BEL" '\e]0;PWNED-TITLE\x07\e[31mred\e[0m'
check "hostile: bidi override shown as a code point" '<U+202E>gnp.exe'
title1=$(fmt '#{pane_title}')
if [ "$title1" = "$title0" ] && ! printf '%s' "$title1" | grep -q PWNED; then
	ok "hostile: terminal title untouched ($title1)"
else
	nok "hostile: terminal title changed" "before: $title0, after: $title1"
fi
keys q q C-x

# 10. Resize to 80x24: everything still lays out.
tm resize-window -t bq -x 80 -y 24
check "resize: groups redrawn" "bounceq: groups by reason"
if wait_line 23 "limit: "; then ok "resize: status line on row 23 of 24"
else s=$(screen); nok "resize: status line" "rows=$(printf '%s\n' "$s" | wc -l)
$s"; fi
s=$(screen)
long=$(printf '%s\n' "$s" | perl -CS -ne 'print if length($_) > 81' | head -1)
[ -z "$long" ] && ok "resize: no line wider than 80 columns" || nok "resize: wide line" "$long"

# 11. q restores the terminal and exits 0.
keys q
st=$(wait_dead)
[ "$st" = 0 ] && ok "quit: exit status 0" || nok "quit: exit status '$st'" "$(exit_detail)"
wait_fmt '#{alternate_on}' 0 && ok "quit: alternate screen left" ||
    nok "quit: still in the alternate screen"
wait_fmt '#{cursor_flag}' 1 && ok "quit: cursor visible again" || nok "quit: cursor hidden"

# 12. Other terminals, 80x24: starts, draws, quits cleanly.
for term in screen tmux-256color linux; do
	start "$term" 80 24
	check "TERM=$term: groups" "userunknown"
	keys Enter
	check "TERM=$term: drill-down" "List: reason = userunknown"
	keys Q
	st=$(wait_dead)
	[ "$st" = 0 ] && ok "TERM=$term: Q exits 0" || nok "TERM=$term: exit status '$st'" "$(exit_detail)"
done

# Ctrl-C (SIGINT) also restores the terminal, and says so in the status.
start xterm-256color 100 30
check "signal: started" "userunknown"
keys C-c
st=$(wait_dead)
[ "$st" = 130 ] && ok "signal: SIGINT exits 130 after cleanup" || nok "signal: exit status '$st'" "$(exit_detail)"
wait_fmt '#{alternate_on}' 0 && ok "signal: alternate screen left" || nok "signal: alternate screen"

# 13. NO_COLOR: attributes only; without it, colours.
start xterm-256color 100 30
wait_for "10 messages" >/dev/null
if tm capture-pane -p -e -t bq | grep -q '\[3[0-7]m\|\[3[0-7];\|;3[0-7]m\|38;5;\|\[4[0-7]m\|;4[0-7]m'; then
	ok "colours on by default"
else nok "colours on by default" "$(tm capture-pane -p -e -t bq | head -3 | cat -v)"; fi
keys Q
EXTRA_ENV="NO_COLOR=1"
start xterm-256color 100 30
wait_for "10 messages" >/dev/null
if tm capture-pane -p -e -t bq | grep -q '\[3[0-7]m\|\[3[0-7];\|;3[0-7]m\|38;5;\|\[4[0-7]m\|;4[0-7]m'; then
	nok "NO_COLOR: no colour codes" "$(tm capture-pane -p -e -t bq | head -3 | cat -v)"
else ok "NO_COLOR: no colour codes"; fi
keys Q
EXTRA_ENV=

# 13b. Colours from the config file reach the terminal (SGR codes in the
# capture); a bad line is reported as file:line; NO_COLOR still wins.
printf 'color.title = green magenta\ncolor.soft = 196 default underline\ncolor.bogus = red\n' \
    > "$W/config/bounceq/config"
start xterm-256color 100 30
check "colour config: bad line as file:line" "$W/config/bounceq/config:3: unknown colour area 'bogus'"
wait_for "10 messages" >/dev/null
sgr=$(tm capture-pane -p -e -t bq)
case $(printf '%s\n' "$sgr" | head -1) in
*'[32m'*'[45mbounceq: groups by'* | *'[32;45mbounceq: groups by'*) ok "colour config: title green on magenta" ;;
*) nok "colour config: title" "$(printf '%s\n' "$sgr" | head -1 | cat -v)" ;; esac
line=$(printf '%s\n' "$sgr" | grep -F mailboxfull)
case $line in *'38;5;196m'*) ok "colour config: soft rows in colour 196" ;;
*) nok "colour config: soft rows" "$(printf '%s' "$line" | cat -v)" ;; esac
case $line in *'[4m'*|*'[4;'*|*';4m'*) ok "colour config: soft rows underlined" ;;
*) nok "colour config: underline" "$(printf '%s' "$line" | cat -v)" ;; esac
case $line in *'[32m'*'█'*) ok "colour config: the sparkline in its own colour (green)" ;;
*) nok "colour config: sparkline" "$(printf '%s' "$line" | cat -v)" ;; esac
keys Q
wait_dead >/dev/null
EXTRA_ENV="NO_COLOR=1"
start xterm-256color 100 30
wait_for "10 messages" >/dev/null
if tm capture-pane -p -e -t bq | grep -q '\[3[0-7]m\|\[3[0-7];\|;3[0-7]m\|38;5;\|\[4[0-7]m\|;4[0-7]m'; then
	nok "colour config: NO_COLOR still wins" "$(tm capture-pane -p -e -t bq | head -3 | cat -v)"
else ok "colour config: NO_COLOR still wins"; fi
keys Q
wait_dead >/dev/null
EXTRA_ENV=
rm -f "$W/config/bounceq/config"

# 13c. Escalation from the config file: with one soft failure on one day
# enough, the mailbox-full rows are marked E in the list; the hard ones not.
printf 'escalate.count = 1\nescalate.days = 1\n' > "$W/config/bounceq/config"
start xterm-256color 100 30 --filter 'reason:mailboxfull or reason:userunknown'
wait_for "9 messages" >/dev/null
keys :
typ "group reason"
keys Enter
wait_for "userunknown" >/dev/null
keys :
typ "limit reason:mailboxfull"
keys Enter Enter
wait_for "List: reason = mailboxfull" >/dev/null
s=$(screen)
if printf '%s\n' "$s" | grep -q '^ E[ +~] .*mailboxfull' &&
    ! printf '%s\n' "$s" | grep -q '^ [FD][ +~] .*mailboxfull'; then
	ok "escalated: soft rows marked E"
else nok "escalated: soft rows marked E" "$s"; fi
keys q :
typ "limit reason:userunknown"
keys Enter Enter
wait_for "List: reason = userunknown" >/dev/null
s=$(screen)
if printf '%s\n' "$s" | grep -q '^ F[ +~] .*userunknown' &&
    ! printf '%s\n' "$s" | grep -q '^ E'; then
	ok "escalated: hard-only addresses not marked"
else nok "escalated: hard-only addresses not marked" "$s"; fi
keys Q
wait_dead >/dev/null
rm -f "$W/config/bounceq/config"

# 14. Keymaps: a bad line is reported as file:line and bounceq still starts;
# the user's file and -k both apply.
printf 'bind groups y help\nbind groups y explode\n' > "$W/config/bounceq/keys"
printf '# mine\nbind groups w quit\n' > "$W/my.keys"
start xterm-256color 100 30 -k "$W/my.keys"
check "keymap: error as file:line" "$W/config/bounceq/keys:2: unknown action 'explode'"
check "keymap: still starts" "userunknown"
keys y
check "keymap: user's file applies" "Help | q back"
keys q w
st=$(wait_dead)
[ "$st" = 0 ] && ok "keymap: -k file applies (w quits)" || nok "keymap: -k file" "$(screen)"
rm -f "$W/config/bounceq/keys"

# 15. Warm start uses the cache.
start xterm-256color 100 30
check "warm start: rows from the cache" "0 decoded, 10 from the cache"
keys q
wait_dead >/dev/null

# 15b. One cache for every front end: the TUI's is the CLI's (and back).
rm -rf "$W/cache"
mkdir -p "$W/cache"
start xterm-256color 100 30
check "shared cache: the TUI decodes from scratch" "10 messages: 10 decoded, 0 from the cache"
keys q
wait_dead >/dev/null
cli_stats() {
	env -i PATH="$PATH" HOME="$W/home" TZ=UTC LC_ALL=C.UTF-8 XDG_CONFIG_HOME="$W/config" \
	    XDG_CACHE_HOME="$W/cache" NOTMUCH_CONFIG="$W/notmuch-config" \
	    BOUNCEQ_TEST_RUN="$BOUNCEQ_TEST_RUN" "$bin" groups --stats 2>&1 >/dev/null
}
st=$(cli_stats)
[ "$st" = "queried 10, decoded 0, cached 10" ] && ok "shared cache: groups --stats after the TUI decodes 0" ||
    nok "shared cache: groups --stats after the TUI" "$st"
rm -rf "$W/cache"
mkdir -p "$W/cache"
st=$(cli_stats)
case $st in *"decoded 10,"*) ok "shared cache: the CLI decodes from scratch" ;;
*) nok "shared cache: the CLI cold" "$st" ;; esac
start xterm-256color 100 30
check "shared cache: the TUI after the CLI decodes 0" "10 messages: 0 decoded, 10 from the cache"
keys q
wait_dead >/dev/null

# 16. The MTA's queue (M), on the listings captured in tests/data/queue/
# (--queue-file stands in for postqueue/exim).  Ages depend on the clock,
# so only the T column and the causes are checked, not the age buckets.
Q=$here/../data/queue
cp "$Q/postfix-e2e-deferred.json" "$W/queue.json"
start xterm-256color 100 30 --queue-file "$W/queue.json"
check "queue: groups first" "bounceq: groups by reason"
keys M
check "queue: header (MTA, queue, counts)" "Queue: postfix deferred | 4 messages, 5 recipients | read "
check "queue: header says how often it reads" ", every 10s"
s=$(screen)
printf '%s\n' "$s" | grep -qE '^TOTAL +5( +[0-9]+){10}$' && ok "queue: TOTAL row, T = 5, ten age columns" ||
    nok "queue: TOTAL row" "$s"
printf '%s\n' "$s" | grep -qE '^bank\.test +2 ' && ok "queue: bank.test has 2 recipients (first: most)" ||
    nok "queue: bank.test row" "$s"
n=$(printf '%s\n' "$s" | grep -cE '^(refused|remote|servfail)\.test +1 ')
[ "$n" = 3 ] && ok "queue: three more domains with 1 recipient each" || nok "queue: other domains ($n)" "$s"
printf '%s\n' "$s" | grep -qE '^blocked +2 +1 soft host mx\.bank\.test' &&
    ok "queue: cause blocked, 2 recipients, 1 domain, soft, its delay reason" || nok "queue: cause blocked" "$s"
printf '%s\n' "$s" | grep -qE '^networkerror +2 +2 soft ' && ok "queue: cause networkerror, 2 domains" ||
    nok "queue: cause networkerror" "$s"
keys j Enter
check "queue: drill-down into bank.test" "Queue deferred: domain = bank.test | 2 recipients"
check "queue: its recipients" "greylist+2@bank.test"
s=$(screen)
case $s in *"greylist@bank.test"*"4.7.1"*"blocked"*) ok "queue: recipient, status, reason shown" ;;
*) nok "queue: recipient row" "$s" ;; esac
keys Enter
check "queue: one recipient in full" "Pager: queued recipient"
check "queue: its delay reason" "Delay reason: host mx.bank.test[127.0.0.2] said: 451 4.7.1"
keys q
check "queue: q back to the recipients" "Queue deferred: domain = bank.test"
keys /
typ "servfail"
keys Enter
check "queue: search stays within the domain" "not found: servfail"
keys q
check "queue: q back to the table" "Queue: postfix deferred | 4 messages"
keys /
typ "refused"
keys Enter Enter
check "queue: search the table, open the domain found" "Queue deferred: domain = refused.test | 1 recipient |"
check "queue: its delay reason" "connect to mx.refused.test"
keys q
# r reads again at once (the automatic read is 10 s away).
head -1 "$Q/postfix-e2e-deferred.json" > "$W/queue.new" && mv "$W/queue.new" "$W/queue.json"
keys r
if TIMEOUT=5 wait_for "Queue: postfix deferred | 1 message, 1 recipient |"; then ok "queue: r reads the listing again"
else nok "queue: r" "$(screen)"; fi
check "queue: the table follows" "remote.test"
check_gone "queue: gone domains leave the table" "bank.test"
keys '?'
check "queue: help lists the queue keys" "queue: the MTA's queue"
check "queue: help shows refresh" "refresh"
check "queue: help shows queue-next" "queue-next"
keys q
check "queue: help closed" "Queue: postfix deferred"
# 80x24 and smaller: still laid out, nothing wider than the screen.
tm resize-window -t bq -x 80 -y 24
check "queue: resize to 80x24" "Queue: postfix deferred"
wait_line 23 "limit: " && ok "queue: status line on row 23 of 24" || nok "queue: status line" "$(screen)"
s=$(screen)
long=$(printf '%s\n' "$s" | perl -CS -ne 'print if length($_) > 81' | head -1)
[ -z "$long" ] && ok "queue: 80 columns, no wider line" || nok "queue: wide line at 80" "$long"
tm resize-window -t bq -x 40 -y 10
check "queue: 40x10 still drawn" "Queue: postfix"
s=$(screen)
long=$(printf '%s\n' "$s" | perl -CS -ne 'print if length($_) > 41' | head -1)
[ -z "$long" ] && ok "queue: 40 columns, no wider line" || nok "queue: wide line at 40" "$long"
tm resize-window -t bq -x 100 -y 30
keys q
check "queue: q back to the groups" "bounceq: groups by reason"
keys M
check "queue: M opens it again" "Queue: postfix deferred"
keys Q
st=$(wait_dead)
[ "$st" = 0 ] && ok "queue: Q exits 0" || nok "queue: exit status '$st'" "$(exit_detail)"
wait_fmt '#{alternate_on}' 0 && ok "queue: alternate screen left" || nok "queue: alternate screen"

# The automatic refresh, and a listing that goes away: the last good one
# stays, the error is on the message line.
cp "$Q/postfix-e2e-deferred.json" "$W/queue.json"
start xterm-256color 100 30 --queue-file "$W/queue.json" --queue-refresh 1
keys M
check "queue watch: first read" "4 messages, 5 recipients | read "
check "queue watch: every second" ", every 1s"
keys j Enter
check "queue watch: drill-down" "Queue deferred: domain = bank.test | 2 recipients"
head -1 "$Q/postfix-e2e-deferred.json" > "$W/queue.new" && mv "$W/queue.new" "$W/queue.json"
check "queue watch: the list follows by itself" "Queue deferred: domain = bank.test | 0 recipients"
keys q
check "queue watch: the table too" "1 message, 1 recipient |"
rm -f "$W/queue.json"
check "queue watch: a failed read is reported" "queue.json: no such file or directory (showing the last good listing)"
check "queue watch: the last good listing stays" "1 message, 1 recipient |"
keys Q
wait_dead >/dev/null

# Not a listing, and Exim's listing.
start xterm-256color 100 30 --queue-file "$Q/junk.bin"
keys M
check "queue junk: the error" "junk.bin: not a mail queue listing"
check "queue junk: the screen says so" "no queue listing: see the message below"
keys Q
wait_dead >/dev/null
: > "$W/empty.json"
start xterm-256color 100 30 --queue-file "$W/empty.json"
keys M
check "queue empty: an empty listing is an empty queue" "nothing waits in the deferred queue"
s=$(screen)
printf '%s\n' "$s" | grep -qE '^TOTAL +0( +0){10}$' && ok "queue empty: TOTAL all zero" || nok "queue empty: TOTAL" "$s"
keys Q
wait_dead >/dev/null
start xterm-256color 100 30 --queue-file "$Q/exim-e2e-deferred.txt"
keys M
check "queue exim: header" "Queue: exim queued | 4 messages, 5 recipients"
s=$(screen)
printf '%s\n' "$s" | grep -qE '^undefined +5 +4 soft -' &&
    ok "queue exim: no delay reasons listed, so 5 undefined in 4 domains" || nok "queue exim: causes" "$s"
keys Q
wait_dead >/dev/null

# A UTF-8 domain keeps the T column aligned (display width, not bytes).
printf '%s\n' '{"queue_name": "deferred", "queue_id": "U1", "arrival_time": 1795870000, "sender": "", "recipients": [{"address": "x@\u4f8b\u3048.jp", "delay_reason": "connect to mx[192.0.2.9]:25: Connection timed out"}, {"address": "y@plain.test"}]}' \
    > "$W/utf8.json"
start xterm-256color 100 30 --queue-file "$W/utf8.json"
keys M
check "queue utf8: the domain shown" "例え.jp"
s=$(screen)
# Display column of the T count: the domain cell's width (wide characters count 2).
colT() { printf '%s\n' "$s" | grep -F -- "$1" | perl -CS -ne '/^(\S+ +)\d/ && print length($1) + (() = $1 =~ /\p{Ea=W}/g)'; }
cw=$(colT "例え.jp") co=$(colT "plain.test")
if [ -n "$cw" ] && [ "$cw" = "$co" ]; then ok "queue utf8: T column at display column $cw on both rows"
else nok "queue utf8: T column misaligned ($cw vs $co)" "$s"; fi
keys Q
wait_dead >/dev/null

# A listing that never comes (a FIFO nobody writes, like a hung postqueue):
# the screen says it is reading, keys still work, and quitting does not wait.
mkfifo "$W/hang.fifo"
start xterm-256color 100 30 --queue-file "$W/hang.fifo"
keys M
check "queue hung: reading shown" "reading the queue..."
keys q
check "queue hung: q answers at once" "bounceq: groups by reason"
keys M Q
st=$(wait_dead)
[ "$st" = 0 ] && ok "queue hung: Q exits 0 without waiting for the read" ||
    nok "queue hung: exit status '$st'" "$(exit_detail)"

# A queue command that never answers (a hung postqueue): leaving the
# queue screen kills it, quitting too, at once, and neither waits for it.
# The fake says its PID, then sleeps in a copy of sleep(1) named so that
# tests/leftover.sh counts it (bounceq-*) if it outlives the run; it
# ignores SIGHUP, so the end of its terminal does not hide a leak.
cp "$(command -v sleep)" "$W/bounceq-slow-sleep"
cat > "$W/postqueue" <<SLOW
#!/bin/sh
trap '' HUP
echo \$\$ > '$W/slow.pid.tmp' && mv '$W/slow.pid.tmp' '$W/slow.pid'
exec '$W/bounceq-slow-sleep' 3600
SLOW
chmod +x "$W/postqueue"
# slow_pid: waits for the fake to start; prints its PID.
slow_pid() {
	end=$(($(date +%s) + TIMEOUT))
	until [ -s "$W/slow.pid" ] || [ "$(date +%s)" -ge "$end" ]; do sleep 0.05; done
	cat "$W/slow.pid" 2>/dev/null
	rm -f "$W/slow.pid"
}
# alive PID: the process still runs (a zombie counts: nobody reaped it).
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }
start xterm-256color 100 30 --queue-command "$W/postqueue"
keys M
check "queue slow: reading shown" "reading the queue..."
pid=$(slow_pid)
[ -n "$pid" ] && ok "queue slow: the command runs" || nok "queue slow: the command never started" "$(screen)"
keys q
check "queue slow: q answers at once" "bounceq: groups by reason"
alive "$pid" && nok "queue slow: leaving the screen killed the command" "$(ps -o pid,stat,args -p "$pid")" ||
    ok "queue slow: leaving the screen killed the command"
keys M
pid=$(slow_pid)
[ -n "$pid" ] && ok "queue slow: M runs it again" || nok "queue slow: no second command" "$(screen)"
t0=$(date +%s%N)
keys Q
st=$(wait_dead)
ms=$((($(date +%s%N) - t0) / 1000000))
[ "$st" = 0 ] && ok "queue slow: Q exits 0" || nok "queue slow: exit status '$st'" "$(exit_detail)"
[ "$ms" -lt 5000 ] && ok "queue slow: quit did not wait for the command (${ms} ms)" ||
    nok "queue slow: quit took ${ms} ms"
alive "$pid" && nok "queue slow: no command outlives bounceq" "$(ps -o pid,stat,args -p "$pid")" ||
    ok "queue slow: no command outlives bounceq"

# Queue actions on a fake Postfix (tests/fake-postfix.py in $W/act: its
# postqueue -j lists state.json, its postsuper changes it, every call is
# logged).  Off by default: the key says so and nothing runs.
mkdir -p "$W/act" "$W/actcfg/bounceq"
cp "$here/../fake-postfix.py" "$W/act/postqueue"
chmod +x "$W/act/postqueue"
ln -s postqueue "$W/act/postsuper"
cp "$Q/postfix-e2e-deferred.json" "$W/act/state.json"
printf 'queue.actions = yes\n' > "$W/actcfg/bounceq/config"
pf_state() { python3 -c 'import json,sys; print(" ".join("%s=%s" % (m["queue_id"], m["queue_name"]) for m in map(json.loads, open(sys.argv[1]))))' "$W/act/state.json"; }
supers() { cat "$W/act/calls" 2>/dev/null | grep -c '^postsuper'; }
S0=$(pf_state)
start xterm-256color 120 30 --queue-command "$W/act/postqueue"
keys M
check "queue actions: the fake's listing" "Queue: postfix deferred | 4 messages, 5 recipients"
keys /
typ "bank"
keys Enter h
check "queue actions off: h says how to turn them on" "hold: queue actions are turned off in the configuration: write 'queue.actions = yes'"
[ "$(supers)" = 0 ] && ok "queue actions off: postsuper never ran" || nok "queue actions off: postsuper ran" "$(cat "$W/act/calls")"
keys Q
wait_dead >/dev/null
EXTRA_ENV="XDG_CONFIG_HOME=$W/actcfg"
start xterm-256color 120 30 --queue-command "$W/act/postqueue"
keys M
check "queue actions: on" "Queue: postfix deferred | 4 messages, 5 recipients"
keys /
typ "bank"
keys Enter h
check "queue actions: h asks what it will do, to how many" "Hold 1 message (2 recipients) for bank.test in the deferred queue: 2F5DAA867E1? (y/n)"
keys n
check "queue actions: n does nothing" "nothing done"
[ "$(supers)" = 0 ] && [ "$(pf_state)" = "$S0" ] &&
    ok "queue actions: n left the queue alone" || nok "queue actions: n changed something" "$(cat "$W/act/calls"; pf_state)"
keys h y
check "queue actions: y holds it, the queue read again says so" "held 1 message for bank.test: 1 on hold"
check "queue actions: the header follows" "Queue: postfix deferred | 3 of 4 messages, 3 recipients"
grep -qx 'postsuper -h 2F5DAA867E1' "$W/act/calls" && ok "queue actions: postsuper -h ID ran" ||
    nok "queue actions: postsuper call" "$(cat "$W/act/calls")"
case $(pf_state) in *"2F5DAA867E1=hold"*) ok "queue actions: on hold in the queue" ;;
*) nok "queue actions: not on hold" "$(pf_state)" ;; esac
keys c c
check "queue actions: the hold queue" "Queue: postfix hold | 1 of 4 messages, 2 recipients"
keys /
typ "bank"
keys Enter h
check "queue actions: holding what is on hold is refused, counted" "nothing to hold here: no message for bank.test in the hold queue (1 on hold already; c shows the others)"
keys H
check "queue actions: H asks to release it" "Release 1 message (2 recipients) for bank.test in the hold queue: 2F5DAA867E1? (y/n)"
keys y
check "queue actions: released" "released 1 message for bank.test: 1 off hold"
check "queue actions: nothing left on hold" "nothing waits in the hold queue"
keys c c
check "queue actions: back to the deferred queue" "Queue: postfix deferred | 4 messages, 5 recipients"
keys gg f
check "queue actions: f on TOTAL asks for all of them" "Flush 4 messages (5 recipients) in the deferred queue: 2EBF3A867D1, 2D7C2A867C1, 2E0FEA867C2, and 1 more? (y/n)"
keys y
check "queue actions: flushed, all still waiting" "flushed 4 messages: 4 still waiting"
grep -qx 'postqueue -f' "$W/act/calls" && ok "queue actions: the whole queue with postqueue -f" ||
    nok "queue actions: postqueue call" "$(cat "$W/act/calls")"
keys /
typ "remote"
keys Enter Enter
check "queue actions: a domain's recipients" "Queue deferred: domain = remote.test | 1 recipient"
keys D
check "queue actions: D on a recipient asks for its message, and says it is for good" "Delete 1 message (1 recipient), for good and without a bounce to the senders: 2EBF3A867D1? (y/n)"
keys y
check "queue actions: deleted" "deleted 1 message: 1 gone"
check "queue actions: the list follows" "no recipient waits here any more"
case $(pf_state) in *2EBF3A867D1*) nok "queue actions: still in the queue" "$(pf_state)" ;;
*) ok "queue actions: gone from the queue" ;; esac
keys Q
st=$(wait_dead)
[ "$st" = 0 ] && ok "queue actions: Q exits 0" || nok "queue actions: exit status '$st'" "$(exit_detail)"
# Not root: postsuper's refusal on the message line.
EXTRA_ENV="XDG_CONFIG_HOME=$W/actcfg FAKE_NOT_ROOT=1"
start xterm-256color 120 30 --queue-command "$W/act/postqueue"
keys M
check "queue actions not root: listing" "Queue: postfix deferred | 3 messages"
keys /
typ "bank"
keys Enter h y
check "queue actions not root: not permitted, in the MTA's words" "hold: not permitted: postsuper: fatal: use of this command is reserved for the superuser"
keys Q
wait_dead >/dev/null
EXTRA_ENV=

# Hostile text: escaped in the table, the list and the pager; title kept.
EXTRA_ENV="NO_COLOR=1"
start xterm-256color 100 30 --queue-file "$Q/postfix-hostile.json"
title0=$(fmt '#{pane_title}')
keys M
check "queue hostile: deferred first, of all messages" "Queue: postfix deferred | 1 of 2 messages, 1 recipient |"
keys c
check "queue hostile: c shows all queues" "Queue: postfix all | 2 messages, 3 recipients"
check "queue hostile: 5 unreadable lines" "5 unreadable"
keys c
check "queue hostile: then hold" "Queue: postfix hold | 1 of 2 messages, 2 recipients"
keys /
typ "evil"
keys Enter Enter
check "queue hostile: drill-down" "Queue hold: domain = evil.example | 1 recipient |"
check "queue hostile: escapes visible in the list" 'esc\e]0;x\x07@evil'
keys Enter
check "queue hostile: escapes visible in the pager" 'Recipient:    esc\e]0;x\x07@evil.example'
check "queue hostile: wide characters kept" "Delay reason: é😀"
[ "$(fmt '#{pane_title}')" = "$title0" ] && ok "queue hostile: terminal title untouched" ||
    nok "queue hostile: title changed" "$(fmt '#{pane_title}')"
if tm capture-pane -p -e -t bq | grep -q '\[3[0-7]m\|\[3[0-7];\|;3[0-7]m\|38;5;\|\[4[0-7]m\|;4[0-7]m'; then
	nok "queue NO_COLOR: no colour codes" "$(tm capture-pane -p -e -t bq | head -3 | cat -v)"
else ok "queue NO_COLOR: no colour codes"; fi
keys q q q
check "queue hostile: back on the groups" "bounceq: groups by reason"
keys q
st=$(wait_dead)
[ "$st" = 0 ] && ok "queue hostile: q exits 0" || nok "queue hostile: exit status '$st'" "$(exit_detail)"
wait_fmt '#{cursor_flag}' 1 && ok "queue hostile: cursor visible again" || nok "queue hostile: cursor"
EXTRA_ENV=

# 17. The notices (I): under the query '*' the auto-reply, the complaint
# and the sent original (other mail) the default query leaves out are
# counted on the status line and listed newest first, escaped; Enter shows
# one raw in the pager, e hands it to $PAGER, q goes back.  A cache of its
# own, so the runs above keep theirs.
EXTRA_ENV="XDG_CACHE_HOME=$W/notices-cache"
start xterm-256color 120 30 '*'
title0=$(fmt '#{pane_title}')
check "notices: every message of the database loaded" "13 messages: 13 decoded"
check "notices: the status line counts them and names the key" "| 3 notices (I shows them)"
keys I
check "notices: the screen opens" "Notices: auto-replies, complaints, receipts, other mail | 3 messages"
check "notices: the complaint, from the reported message's sender" "complaint  Me <me@sender.test>"
check "notices: the auto-reply's subject, its escape shown" \
    'auto-reply                                  Out of office: Quarterly report uu2 \e]0;NOTICE-TITLE\x07'
s=$(screen)
case $s in *"2026-11-22 12:00 complaint"*"2026-11-21 11:00 auto-reply"*"2026-11-20 09:59 other"*)
	ok "notices: newest first, the sent original as other mail" ;;
*) nok "notices: order" "$s" ;; esac
[ "$(fmt '#{pane_title}')" = "$title0" ] && ok "notices: terminal title untouched" ||
    nok "notices: title changed" "$(fmt '#{pane_title}')"
keys /
typ "out of office"
keys Enter Enter
check "notices: search, then Enter shows the auto-reply raw" "Pager: $W/mail/cur/away-1:2, |"
check "notices: the auto-reply's text" "I am away until Monday."
keys q
check "notices: q goes back to the notices" "Notices: auto-replies, complaints, receipts, other mail"
rm -f "$W/paged"
keys e
end=$(($(date +%s) + TIMEOUT))
until [ -s "$W/paged" ] || [ "$(date +%s)" -ge "$end" ]; do sleep 0.05; done
if cmp -s "$W/paged" "$W/mail/cur/away-1:2,"; then ok "notices: e hands the message under the cursor to \$PAGER"
else nok "notices: external pager" "$(ls -l "$W/paged" 2>&1)"; fi
keys g g Enter
check "notices: Enter on the complaint shows the report" "Feedback-Type: abuse"
keys q q
check "notices: q q back on the groups" "bounceq: groups by reason"
keys q
st=$(wait_dead)
[ "$st" = 0 ] && ok "notices: q exits 0" || nok "notices: exit status '$st'" "$(exit_detail)"
EXTRA_ENV=

# A slowed cold load (load.sh); new mail while bounceq runs (newmail.sh).
. "$here/load.sh"
. "$here/newmail.sh"

# No bounceq outlives its terminal: the last server goes (the others went
# at each start), and whatever of this run still runs is a failure.
tm kill-server 2>/dev/null
left=$(sh "$here/../leftover.sh" "$BOUNCEQ_TEST_RUN")
[ -z "$left" ] && ok "no bounceq process left running" ||
    nok "no bounceq process left running (now killed)" "$left"

# Nothing on stderr in any run (a sanitizer build reports there) but what
# a run expects (stderr-expected.N).
for f in "$W"/stderr.[0-9]*; do
	n=${f##*.}
	if [ -e "$W/stderr-expected.$n" ]; then
		if cmp -s "$f" "$W/stderr-expected.$n"; then ok "stderr of run $n is what it expects"
		else nok "stderr of run $n is what it expects" "$(head -40 "$f")"; fi
	elif [ -s "$f" ]; then nok "stderr of run $n is empty" "$(head -40 "$f")"
	else ok "stderr of run $n is empty"; fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
