# The MTA's queue while mail waits in it: `bounceq queue` must list the
# deferred cases (servfail, refused, tempfail, greylist and the two kept
# for actions) with their domains and causes, then flush, hold, release
# and delete those two.  Sourced by run.sh after postfix.sh and exim.sh.
# Needs: WORK, NS, BIN, E2E_DIR, in_ns(), wait_for(), PF_ETC / EX_CONF.

# qu_listing MTA > FILE: the MTA's own listing, run in the namespace.
qu_listing() {
	case $1 in
	postfix) in_ns postqueue -c "$PF_ETC" -j ;;
	exim) in_ns exim4 -C "$EX_CONF" -bp ;;
	esac
}

# True once every deferred case is in the listing with its delay reason
# (Exim: a deferral in its msglog).  Keeps the listing as
# $WORK/queue-MTA.raw and Exim's msglog files as $WORK/queue-exim.msglog:
# Exim deletes a message's msglog when it leaves the queue.
qu_ready() {
	qu_listing "$1" > "$WORK/queue-$1.raw" 2>/dev/null || return 1
	if [ "$1" = exim ]; then
		rm -rf "$WORK/queue-exim.msglog"
		cp -r "$EX_DIR/spool/msglog" "$WORK/queue-exim.msglog" 2>/dev/null || return 1
	fi
	python3 "$E2E_DIR/check_queue.py" --mta "$1" --ready "$WORK/queue-$1.raw" \
		--msglog "$WORK/queue-exim.msglog"
}

# Postfix retries the deferred cases every few seconds (the delay warnings
# and expiries below need that), and a message being retried sits in the
# active queue, where `bounceq queue --list` (deferred) rightly does not
# list it.  For the checks the queue manager is held still: stopped
# (SIGSTOP, by PID) at a moment when the active queue is empty and the
# listing shows every case deferred, continued (SIGCONT) afterwards.
pf_qmgr_pid() {
	ps -o pid= -o comm= --ppid "$PF_MASTER_PID" 2>/dev/null | awk '$2 == "qmgr" { print $1 }'
}
qu_freeze() {
	QU_QMGR=$(pf_qmgr_pid)
	[ -n "$QU_QMGR" ] || return 1
	kill -STOP "$QU_QMGR" || return 1
	if [ -z "$(find "$PF_SPOOL/active" -type f 2>/dev/null | head -n1)" ] && qu_ready postfix; then
		return 0
	fi
	kill -CONT "$QU_QMGR"
	return 1
}
qu_thaw() {
	[ -n "${QU_QMGR:-}" ] && kill -CONT "$QU_QMGR"
	QU_QMGR=
}

# queue_check MTA: wait (bounded) for the deferred cases, then check
# `bounceq queue` against them; "passed failed skipped" in $WORK/queue-MTA.
queue_check() {
	_mta=$1
	if ! wait_for 30 "$_mta: deferred cases in the queue listing" qu_ready "$_mta"; then
		echo "FAIL $_mta: queue: the deferred cases never showed up in the listing"
		echo "0 1 0" > "$WORK/queue-$_mta"
		return 0
	fi
	case $_mta in
	postfix) set -- --mta postfix --config-dir "$PF_ETC" ;;
	exim) set -- --mta exim --exim-config "$EX_CONF" ;;
	esac
	_saved=
	[ "$_mta" = exim ] && _saved="--saved $WORK/queue-exim.raw --msglog $WORK/queue-exim.msglog"
	if [ "$_mta" = postfix ] &&
	    ! wait_for 30 "postfix: the queue manager held with every case deferred" qu_freeze; then
		echo "FAIL postfix: queue: the queue manager could not be held still"
		echo "0 1 0" > "$WORK/queue-$_mta"
		return 0
	fi
	# shellcheck disable=SC2086
	python3 "$E2E_DIR/check_queue.py" --mta "$_mta" --bin "$BIN" $_saved \
		--summary "$WORK/queue-$_mta" -- ip netns exec "$NS" "$BIN" queue "$@"
	qu_thaw
	return 0
}

# queue_actions MTA: bounceq's queue actions on the two messages kept for
# them (cases.ACTION_CASES), checked in the MTA's own listing and in the
# fake remote's log.  After queue_check: the queue manager runs again (a
# flush needs it).  "passed failed skipped" in $WORK/actions-MTA.
queue_actions() {
	case $1 in
	postfix) _conf=$PF_ETC ;;
	exim) _conf=$EX_CONF ;;
	esac
	python3 "$E2E_DIR/check_actions.py" --mta "$1" --bin "$BIN" --ns "$NS" --conf "$_conf" \
		--work "$WORK" --smtp-log "$WORK/smtp.log" --summary "$WORK/actions-$1"
	return 0
}
