# The MTA's queue while mail waits in it: `bounceq queue` must list the
# deferred cases (servfail, refused, tempfail, greylist) with their domains
# and causes.  Sourced by run.sh after postfix.sh and exim.sh.
# Needs: WORK, NS, BIN, E2E_DIR, in_ns(), wait_for(), PF_ETC / EX_CONF.

# qu_listing MTA > FILE: the MTA's own listing, run in the namespace.
qu_listing() {
	case $1 in
	postfix) in_ns postqueue -c "$PF_ETC" -j ;;
	exim) in_ns exim4 -C "$EX_CONF" -bp ;;
	esac
}

# True once every deferred case is in the listing (Postfix: with its delay
# reason).  Keeps the listing as $WORK/queue-MTA.raw.
qu_ready() {
	qu_listing "$1" > "$WORK/queue-$1.raw" 2>/dev/null &&
		python3 "$E2E_DIR/check_queue.py" --mta "$1" --ready "$WORK/queue-$1.raw"
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
	python3 "$E2E_DIR/check_queue.py" --mta "$_mta" --bin "$BIN" \
		--summary "$WORK/queue-$_mta" -- ip netns exec "$NS" "$BIN" queue "$@"
	return 0
}
