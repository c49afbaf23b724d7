#!/bin/sh
# Runs every fuzz harness for FUZZ_SECONDS (default 60) each, seeded from
# the test data.  Usage: tests/fuzz/run.sh BUILDDIR [NAME...]
# BUILDDIR holds the fuzz_NAME binaries; the growing corpora live in
# BUILDDIR/corpus/NAME, seeds in BUILDDIR/seed/NAME, and crashes, hangs
# (-timeout=5), leaks and sanitizer reports in BUILDDIR/crashes/.
set -u
B=$1
shift
SECS=${FUZZ_SECONDS:-60}
NAMES=${*:-"bounce dsn filter keymap sesjson smtpcode escape json queue msglog cache"}
mkdir -p "$B/crashes" "$B/logs"

# Seeds: copies, so libFuzzer never writes into tests/data.
seed() {
	d=$B/seed/$1
	[ -d "$d" ] && return 0
	mkdir -p "$d"
	case $1 in
	bounce|dsn|smtpcode|escape|json)
		cp tests/data/mail/* "$d"/
		# Every fifth vendored bounce: each MTA family, a tenth the time.
		ls tests/data/sisimai/maildir/bsd/*.eml | awk 'NR % 5 == 1' |
			while read -r f; do cp "$f" "$d"/; done ;;
	filter)
		sed -n 's/.*[^a-z_]\(m\|expect_error\)("\([^"]*\)".*/\2/p' \
			tests/unit/test_filter.c |
			awk '{ f = sprintf("%s/s%03d", d, NR); print > f; close(f) }' d="$d"
		printf 'status:5.1.1 and -reason:spam\nuser@example.com\nexample.com\nfailed\n5.1.1\n550\nmailbox\n' > "$d/row" ;;
	keymap)
		cp keymaps/*.keys "$d"/ ;;
	sesjson)
		# The JSON bodies of the SES notifications in the corpus.
		for f in tests/data/sisimai/maildir/bsd/lhost-amazonses-*.eml; do
			sed '1,/^\r\{0,1\}$/d' "$f" > "$d/${f##*/}"
		done ;;
	queue)
		find tests/data/queue -maxdepth 1 -type f -exec cp {} "$d"/ \; ;;
	msglog)
		# The first line is the address looked up (fuzz_msglog.c).
		for f in tests/data/queue/exim-msglog/*; do
			sed -n 's/^[^ ]* [^ ]* \([^ ]*@[^ ]*\) R=.*/\1/p' "$f" | head -n 1 |
				cat - "$f" > "$d/${f##*/}"
		done ;;
	cache)
		# Odd first byte: lines written as a cache and read back;
		# even: the bytes as a cache file (re-sealed).
		printf '\001uuid-1\nbounceq test\nfrom:MAILER-DAEMON\nuser@example.com\n5.1.1\nuserunknown\n' > "$d/lines"
		printf '\001\n\n\n' > "$d/empty-lines"
		printf '\000BOUNCEQC\002\000\000\000\004\003\002\001' > "$d/head" ;;
	esac
}

maxlen() {
	case $1 in
	bounce) echo 131072 ;;
	dsn|sesjson|queue|msglog|cache) echo 32768 ;;
	filter|keymap) echo 8192 ;;
	*) echo 4096 ;;
	esac
}

fail=0
for n in $NAMES; do
	seed "$n"
	mkdir -p "$B/corpus/$n"
	log=$B/logs/$n.log
	printf 'fuzz %-9s %ss ... ' "$n" "$SECS"
	ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	"$B/fuzz_$n" -max_total_time="$SECS" -timeout=5 -rss_limit_mb=2048 \
	    -max_len="$(maxlen "$n")" -print_final_stats=1 \
	    -artifact_prefix="$B/crashes/$n-" \
	    "$B/corpus/$n" "$B/seed/$n" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	if [ $rc = 0 ]; then
		echo "ok, ${runs:-?} executions"
	else
		echo "FAILED (exit $rc), see $log and $B/crashes/"
		grep -m1 -E 'ERROR|runtime error|deadly signal|timeout' "$log"
		fail=1
	fi
done
exit $fail
