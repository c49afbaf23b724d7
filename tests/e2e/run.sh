#!/bin/sh
# bounceq end-to-end test with real mail servers: Postfix and Exim (Debian's
# packages) bounce mail to a fake remote SMTP server and a fake DNS, all
# inside a network namespace made for the run; bounceq must report exactly
# what was provoked.  See tests/e2e/README.md.
#
# usage: tests/e2e/run.sh BIN [postfix] [exim]
# Exit: 0 all passed, 1 a check failed (or the run broke), 77 cannot run here
# (not root, no `ip netns`, packages not installable): skipped, not passed.
# The last line is "N passed, N failed" (", N skipped" when some were).
set -u

BIN=${1:-}
[ -n "$BIN" ] || { echo "usage: $0 BIN [postfix] [exim]" >&2; exit 2; }
shift
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
E2E_DIR=$(cd "$(dirname "$0")" && pwd)
. "$E2E_DIR/lib.sh"
. "$E2E_DIR/postfix.sh"
. "$E2E_DIR/exim.sh"
. "$E2E_DIR/queue.sh"

skip() {
	echo "e2e: SKIPPED: $*"
	echo "0 passed, 0 failed, 1 skipped"
	exit 77
}

[ -x "$BIN" ] || { echo "e2e: $BIN is not an executable" >&2; echo "0 passed, 1 failed"; exit 1; }
[ "$(id -u)" = 0 ] || skip "needs root (network namespaces, installing and running MTAs)"
command -v ip >/dev/null 2>&1 || skip "no 'ip' command (iproute2)"
command -v apt-get >/dev/null 2>&1 || skip "no apt-get: Postfix and Exim cannot be installed here"
command -v python3 >/dev/null 2>&1 || skip "no python3"
if [ -n "$(mta_daemon_pids)" ]; then
	skip "an MTA daemon is already running on this machine (pid $(mta_daemon_pids | tr '\n' ' ')); not touching it"
fi

START=$(date +%s)
# Marks every process this run starts (tests/leftover.sh).
BOUNCEQ_TEST_RUN=e2e-$$-$(date +%s%N)
export BOUNCEQ_TEST_RUN
WORK=$(mktemp -d /tmp/bqe2e.XXXXXX) || exit 1
chmod 755 "$WORK"
NS=bqe2e$$
RUN=$(date +%Y%m%d%H%M%S)
MAIL_UID=$(id -u nobody) MAIL_GID=$(id -g nobody)

cleanup() {
	# A queue manager held still by queue.sh must run again to stop.
	qu_thaw 2>/dev/null
	pf_stop 2>/dev/null
	ex_stop 2>/dev/null
	fakes_stop
	ns_teardown
	policy_rc_restore
	if [ -n "${E2E_KEEP:-}" ]; then
		echo "e2e: kept $WORK"
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# A throwaway namespace proves we may make one (no privileges, no netns
# support in a container: skip).
ip netns add "${NS}probe" 2>/dev/null || skip "cannot create a network namespace (ip netns add failed)"
ip netns del "${NS}probe"

pkg_install notmuch || skip "cannot install notmuch with apt-get"

ns_setup || { echo "e2e: namespace setup failed"; echo "0 passed, 1 failed"; exit 1; }
fakes_start || { echo "e2e: fake servers did not start"; echo "0 passed, 1 failed"; exit 1; }

# Installed MTA first: installing the other one removes it.
MTAS=${*:-}
if [ -z "$MTAS" ]; then
	if pkg_installed exim4-daemon-light && ! pkg_installed postfix; then
		MTAS="exim postfix"
	else
		MTAS="postfix exim"
	fi
fi

PASSED=0 FAILED=0 SKIPPED=0
add_counts() {
	read -r p f s < "$1" || return 1
	PASSED=$((PASSED + p)) FAILED=$((FAILED + f)) SKIPPED=$((SKIPPED + s))
}

# run_mta postfix|exim: install, configure, start, submit, wait, stop, check.
run_mta() {
	mta=$1
	t0=$(date +%s)
	mkdir -p "$WORK/mail-$mta"
	chown "$MAIL_UID:$MAIL_GID" "$WORK/mail-$mta"
	rm -f "$WORK/mail"
	ln -s "mail-$mta" "$WORK/mail"
	case $mta in
	postfix)
		pf_install || { echo "e2e: cannot install postfix"; return 77; }
		pf_configure && pf_start || return 1
		sendmail="sendmail -C $PF_ETC"
		empty=pf_queue_empty ;;
	exim)
		ex_install || { echo "e2e: cannot install exim4-daemon-light"; return 77; }
		ex_configure && ex_start || return 1
		sendmail=$(ex_sendmail_cmd)
		empty=ex_queue_empty ;;
	esac
	in_ns python3 "$E2E_DIR/submit.py" --mta "$mta" --run "$RUN" --sendmail "$sendmail" || return 1
	# While the deferred cases wait for their retries: bounceq queue.
	queue_check "$mta"
	add_counts "$WORK/queue-$mta"
	# Then acting on it: flush, hold, release, delete.
	queue_actions "$mta"
	add_counts "$WORK/actions-$mta" || {
		echo "FAIL $mta: actions: check_actions.py wrote no summary"
		FAILED=$((FAILED + 1))
	}
	# Delay warnings come after 6s, expiry after 20-25s; the queue then
	# empties and the last bounces are delivered locally.
	wait_for 150 "$mta queue to empty" $empty || return 1
	sleep 1
	wait_for 20 "$mta queue to empty" $empty || return 1
	case $mta in
	postfix) pf_stop ;;
	exim) ex_stop ;;
	esac
	echo "e2e: $mta: mail phase took $(( $(date +%s) - t0 ))s"
	# notmuch indexes the bounces; the checker uses the index too.
	cat > "$WORK/notmuch-$mta.config" <<NMEOF
[database]
path=$WORK/mail-$mta/bqtest
[new]
tags=new
[maildir]
synchronize_flags=false
NMEOF
	NOTMUCH_CONFIG=$WORK/notmuch-$mta.config notmuch new >/dev/null 2>>"$WORK/notmuch.err" || {
		cat "$WORK/notmuch.err" >&2; return 1; }
	python3 "$E2E_DIR/check.py" --bin "$BIN" --mta "$mta" --run "$RUN" \
		--maildir "$WORK/mail-$mta/bqtest" \
		--notmuch-config "$WORK/notmuch-$mta.config" --summary "$WORK/summary-$mta"
	add_counts "$WORK/summary-$mta"
	# The terminal UI once over the same real-MTA database.
	sh "$E2E_DIR/screen.sh" "$BIN" "$WORK/notmuch-$mta.config" "$mta" "$WORK/screen-$mta"
	add_counts "$WORK/screen-$mta"
	# make-demo.sh collects the real bounces.
	if [ -n "${E2E_DEMO_OUT:-}" ]; then
		mkdir -p "$E2E_DEMO_OUT/cur"
		cp "$WORK/mail-$mta/bqtest/new/"* "$E2E_DEMO_OUT/cur/"
	fi
	return 0
}

for m in $MTAS; do
	run_mta "$m"
	rc=$?
	if [ $rc = 77 ]; then
		echo "e2e: SKIP $m: its package could not be installed"
		SKIPPED=$((SKIPPED + 1))
	elif [ $rc != 0 ]; then
		echo "e2e: FAIL $m: the mail phase broke; logs follow" >&2
		tail -n 30 "$WORK/postfix/maillog" "$WORK/exim/log/mainlog" 2>/dev/null >&2
		FAILED=$((FAILED + 1))
		pf_stop 2>/dev/null
		ex_stop 2>/dev/null
	fi
done

if [ "$PASSED" != 0 ] || [ "$FAILED" != 0 ]; then
	if left=$(sh "$E2E_DIR/../leftover.sh" "$BOUNCEQ_TEST_RUN"); then
		echo "PASS e2e: no bounceq process left running"
		PASSED=$((PASSED + 1))
	else
		echo "FAIL e2e: bounceq processes still running after the run (now killed):"
		printf '%s\n' "$left" | sed 's/^/    /'
		FAILED=$((FAILED + 1))
	fi
fi
echo "e2e: total run time $(( $(date +%s) - START ))s"
if [ "$PASSED" = 0 ] && [ "$FAILED" = 0 ]; then
	echo "e2e: SKIPPED: no MTA could be tested"
	echo "0 passed, 0 failed, $SKIPPED skipped"
	exit 77
fi
if [ "$SKIPPED" -gt 0 ]; then
	echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
else
	echo "$PASSED passed, $FAILED failed"
fi
[ "$FAILED" = 0 ]
