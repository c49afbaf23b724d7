#!/bin/sh
# The bounceq processes a test suite left running:
#	tests/leftover.sh RUN_ID [GRACE]
# A suite runner exports BOUNCEQ_TEST_RUN=RUN_ID (unique: the suite's name,
# its PID and the time) before it starts anything, so every process it
# starts carries the marker in its environment, also through `env -i`
# launchers that pass it on.  At its end the runner calls this, which
# looks for the processes whose environment holds exactly that marker and
# whose program is bounceq (any build or copy: bounceq*, also the query
# helper it starts) or a unit-test program (test_*), gives them GRACE
# seconds (default 10) to exit by themselves, then prints
# "PID: COMMAND LINE" for each one still there, kills it (SIGKILL, by PID)
# and exits 1.  Exits 0 when none is left.  Suites run from other worktrees
# at the same time carry other markers: they are never counted or touched.
id=${1:?usage: leftover.sh RUN_ID [GRACE]}
grace=${2:-10}

find_left() {
	# NUL-separated environ: -z makes each variable a line, -x a whole one.
	for f in $(grep -lsxzF "BOUNCEQ_TEST_RUN=$id" /proc/[0-9]*/environ 2>/dev/null); do
		d=${f%/environ}
		exe=$(readlink "$d/exe" 2>/dev/null) || continue	# gone, or a zombie
		exe=${exe% (deleted)}
		case ${exe##*/} in
		bounceq* | test_*) echo "${d#/proc/}" ;;
		esac
	done
}

end=$(($(date +%s) + grace))
while left=$(find_left); [ -n "$left" ] && [ "$(date +%s)" -lt "$end" ]; do
	sleep 0.1
done
[ -z "$left" ] && exit 0
for pid in $left; do
	echo "$pid: $(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)"
	kill -KILL "$pid" 2>/dev/null
done
exit 1
