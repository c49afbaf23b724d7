#!/bin/sh
# Regenerate demo/ from real MTA output over a month: Postfix and Exim (the
# end-to-end test's private configurations, fake DNS and fake remote SMTP
# servers, all inside a network namespace made for the run) are started once
# per step of the schedule below with their clock set to that step's day
# and hour by libfaketime (Debian package faketime), so the MTAs themselves
# write the dates: delay warnings after 4 hours, bounces once a message is
# 2 days old, success notices, an out-of-office reply (Exim's autoreply
# transport).  Everything the test sender's Maildir received is kept as
# demo/maildir/, with one third-party ARF complaint sample (neither MTA
# makes those; see demo/README.md), and each MTA's queue listing at the
# last step as demo/queue-postfix.json (postqueue -j) and
# demo/queue-exim.txt (exim -bp, with its msglog files beside it in
# demo/queue-exim.msglog/).
#
# usage: tests/e2e/make-demo.sh            (as root, from anywhere)
# DEMO_START=YYYY-MM-DD sets day 0 (default: 30 days before today, UTC).
# Exit: 0 demo/ rewritten, 1 failed (demo/ left as it was), 77 cannot run here.
set -u
cd "$(dirname "$0")/../.." || exit 1
TOP=$(pwd)
E2E_DIR=$TOP/tests/e2e
. "$E2E_DIR/lib.sh"
. "$E2E_DIR/postfix.sh"
. "$E2E_DIR/exim.sh"

skip() { echo "make-demo: cannot run here: $*" >&2; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (network namespaces, installing and running MTAs)"
command -v ip >/dev/null 2>&1 || skip "no 'ip' command (iproute2)"
command -v apt-get >/dev/null 2>&1 || skip "no apt-get"
command -v python3 >/dev/null 2>&1 || skip "no python3"
[ -z "$(mta_daemon_pids)" ] || skip "an MTA daemon is already running on this machine"

START=$(date +%s)
WORK=$(mktemp -d /tmp/bqdemo.XXXXXX) || exit 1
chmod 755 "$WORK"
NS=bqdemo$$
MAIL_UID=$(id -u nobody) MAIL_GID=$(id -g nobody)
DAY0=$(date -u -d "${DEMO_START:-30 days ago}" +%Y-%m-%d) || exit 1

cleanup() {
	pf_stop 2>/dev/null
	ex_stop 2>/dev/null
	fakes_stop
	ns_teardown
	policy_rc_restore
	if [ -n "${E2E_KEEP:-}" ]; then echo "make-demo: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

pkg_install notmuch faketime || skip "cannot install notmuch and faketime with apt-get"
FT_LIB=$(dpkg -L libfaketime 2>/dev/null | grep '/libfaketime\.so\.1$' | head -n1)
if [ -z "$FT_LIB" ] || [ ! -f "$FT_LIB" ]; then
	skip "libfaketime.so.1 not found (package libfaketime)"
fi

# The faked clock: a constant offset from the real one (FAKETIME "+N"/"-N"
# seconds), the same in every process, so what a daemon started a few
# seconds after another sees agrees with it.  NO_FAKE_STAT: file times are
# what the MTAs set (Postfix keeps a deferred message's next retry time as
# its file's mtime), not shifted a second time.  Every command in the
# namespace runs under it: the MTAs, their listing commands, the submitter
# (whose Date header is then of the same day).  The fake DNS and SMTP
# servers run on the real clock: nothing they say carries a date.
FT_OFF=+0
clock_at() { # DAY HH:MM: the faked clock reads day DAY (0-29) of the month at HH:MM UTC
	_t=$(date -u -d "$DAY0 + $1 days $2" +%s) || return 1
	_off=$((_t - $(date +%s)))
	case $_off in -*) FT_OFF=$_off ;; *) FT_OFF=+$_off ;; esac
	NOW_LABEL=$(date -u -d "@$_t" '+%Y-%m-%d %H:%M')
	RUNID=$(date -u -d "@$_t" +%m%d%H%M)
}
in_ns() {
	ip netns exec "$NS" env LD_PRELOAD="$FT_LIB" FAKETIME="$FT_OFF" NO_FAKE_STAT=1 \
		FAKETIME_DONT_FAKE_MONOTONIC=1 "$@"
}

# The month, one step a line: day hour cases...  Each step starts the MTA
# at that time, forces a delivery attempt of everything queued (postqueue
# -f, exim -qff), submits the cases (cases.py, DEMO_CASES), waits until the
# queue holds only deferred mail, and stops the MTA.  A message deferred at
# one step gets its delay warning at the next step 4 hours on and bounces
# at the first step 2 days after it came in.  "-" submits nothing.
SCHEDULE=${DEMO_SCHEDULE:-'
0  09:10 multi
1  10:05 nxdomain unknown-1
2  09:30 tempfail
2  15:20 ret-full
3  11:00 success-delivered
4  09:45 utf8-subject
5  14:10 postdata
6  10:30 greylist
6  16:40 full-1
7  09:00 spam-1 autoreply
8  11:15 success-relayed
9  10:00 relay-1
10 09:20 refused
10 15:30 big-1
11 10:40 unknown-1
12 09:50 orcpt-envid
13 11:30 -
14 10:10 multi
15 09:05 servfail
15 15:45 autoreply
16 10:20 nxdomain
17 09:35 full-1 success-delivered
18 14:00 spam-1
19 10:00 notify-never unknown-1
20 09:15 postdata big-1
21 11:45 success-relayed
22 10:30 utf8-subject
23 09:40 relay-1 unknown-1
24 10:05 ret-full
25 09:55 full-1
26 10:15 multi
27 09:25 nxdomain
28 09:00 refused-2
28 14:20 servfail-2
29 10:10 tempfail-2 spam-1
29 15:00 greylist-2
29 17:30 -
'}

pf_demo_configure() {
	pf_configure || return 1
	# Postfix cleans its daemons' environment: pass the clock on.  Day-scale
	# timers instead of the test's seconds.
	postconf -c "$PF_ETC" -e \
		"import_environment = MAIL_CONFIG MAIL_DEBUG MAIL_LOGTAG TZ LANG=C LD_PRELOAD FAKETIME NO_FAKE_STAT FAKETIME_DONT_FAKE_MONOTONIC" \
		"delay_warning_time = 4h" "maximal_queue_lifetime = 2d" "bounce_queue_lifetime = 2d" \
		"queue_run_delay = 300s" "minimal_backoff_time = 300s" "maximal_backoff_time = 4000s"
}

ex_demo_configure() {
	ex_configure || return 1
	# Exim runs itself again for deliveries, bounces and warnings, mostly
	# from a process that has become the Exim user: Debian's set-uid root
	# binary then starts in secure mode, and the dynamic loader ignores
	# LD_PRELOAD, so those processes would read the real clock.  A copy
	# without the set-uid bit (exim_path) keeps libfaketime in every Exim
	# process; it cannot regain root, so deliveries are made only by the
	# queue runs this script starts as root (queue_only below).
	EX_BIN=$EX_DIR/exim4
	cp /usr/sbin/exim4 "$EX_BIN" && chmod 0755 "$EX_BIN" || return 1
	# Exim empties its environment at start (keep_environment) and again
	# when it runs itself for a delivery: keep the clock.  Day-scale
	# warnings and retry cutoff.  An out-of-office mailbox (autoreply
	# transport) for away@local.e2e.test.
	python3 - "$EX_CONF" "$EX_BIN" <<'PYEOF' || return 1
import sys
conf, exim_path = sys.argv[1:3]
s = open(conf).read()
def sub(old, new):
    global s
    if old not in s:
        sys.exit("make-demo: %s: no %r to replace" % (conf, old))
    s = s.replace(old, new, 1)
sub("keep_environment =\n", "exim_path = %s\nkeep_environment =\n" % exim_path)
sub("keep_environment =\n",
    "keep_environment = LD_PRELOAD : FAKETIME : NO_FAKE_STAT : FAKETIME_DONT_FAKE_MONOTONIC\n")
sub("delay_warning = 6s : 1h\n", "delay_warning = 4h : 3d\n"
    "# Deliveries only from the queue runs make-demo.sh starts as root.\n"
    "queue_only = true\n")
sub("*   *   F,20s,3s\n", "*   *   F,2d,2h\n")
sub("begin routers\n", """begin routers
away_vacation:
  driver = accept
  domains = local.e2e.test
  local_parts = away
  condition = ${if !eq{$sender_address}{}}
  transport = away_reply

""")
sub("begin transports\n", """begin transports
away_reply:
  driver = autoreply
  # It submits the reply by running exim_path, which only the Exim user
  # may (the spool is its own).
  user = Debian-exim
  to = ${sender_address}
  from = Alex Away <away@local.e2e.test>
  subject = Out of office: $h_subject:
  text = "I am away until Monday with no access to e-mail.\\nYour message has not been forwarded.\\n"

""")
open(conf, "w").write(s)
PYEOF
}

# No queue runs of the daemon's own, and the daemon run straight from `ip
# netns exec` (not through the in_ns function) so that $! is its PID.
ex_demo_start() {
	ip netns exec "$NS" env LD_PRELOAD="$FT_LIB" FAKETIME="$FT_OFF" NO_FAKE_STAT=1 \
		FAKETIME_DONT_FAKE_MONOTONIC=1 "$EX_BIN" -C "$EX_CONF" -bdf </dev/null \
		>>"$EX_DIR/daemon.out" 2>&1 &
	EX_PID=$!
	if ! wait_for 20 "Exim daemon" ex_listening || ! kill -0 "$EX_PID" 2>/dev/null; then
		cat "$EX_DIR/daemon.out" "$EX_DIR/log/paniclog" 2>/dev/null >&2
		return 1
	fi
}
ex_daemon_stop() {
	[ -n "${EX_PID:-}" ] && kill_wait "$EX_PID"
	EX_PID=
	for _p in $(pgrep -f -- "-C $EX_CONF" 2>/dev/null); do kill_wait "$_p"; done
}

# What has to stand still for a step to be over: the queue listing, the
# delivered mail, and (Postfix) nothing in incoming/active/maildrop.
settle_sig() {
	case $1 in
	postfix)
		[ -z "$(find "$PF_SPOOL/incoming" "$PF_SPOOL/active" "$PF_SPOOL/maildrop" \
			-type f 2>/dev/null | head -n1)" ] || { echo busy; return; }
		in_ns postqueue -c "$PF_ETC" -j 2>/dev/null | python3 -c \
			'import sys,json; print(sorted(json.loads(l)["queue_id"] for l in sys.stdin if l.strip()))' ;;
	exim)
		pgrep -f -- "-C $EX_CONF" 2>/dev/null | grep -vx "$EX_PID" | grep -q . && { echo busy; return; }
		in_ns "$EX_BIN" -C "$EX_CONF" -bpr 2>/dev/null | awk '/^ *[0-9]+[mhd] /{print $3}' | sort | tr '\n' ' ' ;;
	esac
	find "$WORK/mail-$1" -type f | wc -l
}
settled() {
	[ "$1" = exim ] && in_ns timeout 120 "$EX_BIN" -C "$EX_CONF" -q >/dev/null 2>&1
	_sig=$(settle_sig "$1")
	case $_sig in busy*) STABLE=0; LAST_SIG=; return 1 ;; esac
	if [ "$_sig" = "${LAST_SIG:-}" ]; then STABLE=$((STABLE + 1)); else STABLE=0; LAST_SIG=$_sig; fi
	[ "$STABLE" -ge 8 ]     # 2 s unchanged (polled every 0.25 s)
}

# step MTA DAY HH:MM CASES...
step() {
	_mta=$1 _day=$2 _hm=$3
	shift 3
	clock_at "$_day" "$_hm" || return 1
	case $_mta in
	postfix)
		pf_start >/dev/null || return 1
		in_ns postqueue -c "$PF_ETC" -f >/dev/null 2>&1 ;;
	exim)
		ex_demo_start || return 1
		in_ns timeout 120 "$EX_BIN" -C "$EX_CONF" -qff >/dev/null 2>&1 ;;
	esac
	if [ "$*" != "-" ]; then
		case $_mta in
		postfix) _sm="sendmail -C $PF_ETC" ;;
		exim) _sm="$EX_BIN -C $EX_CONF" ;;
		esac
		_only=$(echo "$*" | tr ' ' ',')
		in_ns python3 "$E2E_DIR/submit.py" --demo --mta "$_mta" --run "$RUNID" \
			--sendmail "$_sm" --only "$_only" >"$WORK/submit.out" 2>&1 || {
			cat "$WORK/submit.out" >&2; return 1; }
	fi
	STABLE=0 LAST_SIG=
	wait_for 120 "$_mta: the queue to settle at $NOW_LABEL" settled "$_mta" || return 1
	echo "make-demo: $_mta $NOW_LABEL $*: $(find "$WORK/mail-$_mta/bqtest" -type f 2>/dev/null | wc -l) reports so far"
	return 0
}

# month MTA: install, configure, every step, keep the last queue listing.
month() {
	_m=$1 t0=$(date +%s)
	mkdir -p "$WORK/mail-$_m"
	chown "$MAIL_UID:$MAIL_GID" "$WORK/mail-$_m"
	rm -f "$WORK/mail"
	ln -s "mail-$_m" "$WORK/mail"
	case $_m in
	postfix) pf_install && pf_demo_configure || return 1 ;;
	exim) ex_install && ex_demo_configure || return 1 ;;
	esac
	# A redirected loop, not a pipe: it runs in this shell, so a failed
	# step returns with the MTA's PID known to cleanup().
	while read -r d hm cases; do
		[ -n "$d" ] || continue
		_c=
		for c in $cases; do
			[ "$c" = autoreply ] && [ "$_m" != exim ] && continue
			_c="$_c $c"
		done
		[ -n "$_c" ] || _c=-
		# shellcheck disable=SC2086
		step "$_m" "$d" "$hm" $_c || return 1
		# Kept from every step, so the last one's stays: the queue as the
		# postmaster sees it at the end of the month.
		case $_m in
		postfix) in_ns postqueue -c "$PF_ETC" -j > "$WORK/queue-postfix.json"; _rc=$?; pf_stop ;;
		exim)
			# exim -bp gives no delay reasons: its msglog files do
			# (bounceq queue --exim-msglog).
			in_ns "$EX_BIN" -C "$EX_CONF" -bp > "$WORK/queue-exim.txt"; _rc=$?
			rm -rf "$WORK/queue-exim.msglog"
			cp -r "$EX_DIR/spool/msglog" "$WORK/queue-exim.msglog" || _rc=1
			ex_daemon_stop ;;
		esac
		[ "$_rc" = 0 ] || return 1
	done <<SCHEDEOF
$SCHEDULE
SCHEDEOF
	[ "$_m" = exim ] && ex_stop
	echo "make-demo: $_m: the month took $(( $(date +%s) - t0 ))s"
}

ip netns add "${NS}probe" 2>/dev/null || skip "cannot create a network namespace"
ip netns del "${NS}probe"
ns_setup || { echo "make-demo: namespace setup failed" >&2; exit 1; }
fakes_start || { echo "make-demo: fake servers did not start" >&2; exit 1; }

if pkg_installed exim4-daemon-light && ! pkg_installed postfix; then MTAS="exim postfix"; else MTAS="postfix exim"; fi
MTAS=${DEMO_MTAS:-$MTAS}
for m in $MTAS; do
	month "$m" || { echo "make-demo: $m: failed; demo/ left as it was" >&2
		tail -n 30 "$WORK/postfix/maillog" "$WORK/exim/log/mainlog" 2>/dev/null >&2; exit 1; }
done

n=$(find "$WORK"/mail-*/bqtest -type f | wc -l)
if [ "$n" -lt 40 ]; then
	echo "make-demo: only $n messages collected; demo/ left as it was" >&2
	exit 1
fi
rm -rf demo/maildir
mkdir -p demo/maildir/cur demo/maildir/new demo/maildir/tmp
find "$WORK"/mail-*/bqtest -type f -exec cp {} demo/maildir/cur/ \;
# The complaint: a real-format ARF report from the Sisimai corpus (BSD
# 2-Clause, see demo/README.md), unmodified.
cp tests/data/sisimai/maildir/bsd/arf-25.eml demo/maildir/cur/sisimai-arf-25.eml
touch demo/maildir/new/.keep demo/maildir/tmp/.keep
cp "$WORK/queue-postfix.json" demo/queue-postfix.json
cp "$WORK/queue-exim.txt" demo/queue-exim.txt
rm -rf demo/queue-exim.msglog
cp -r "$WORK/queue-exim.msglog" demo/queue-exim.msglog
echo "make-demo: demo/maildir/ now has $((n + 1)) messages ($DAY0 + 29 days), in $(( $(date +%s) - START ))s"
