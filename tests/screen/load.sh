# Sourced by run.sh (its helpers, $W, $bin): the counts while a cold load
# streams in.  40 deliveries bounced three times each (delayed, delayed,
# failed), so 120 messages make 40 failures once chained.  Their dates
# interleave the chains, and bounceq reads the newest first: by the 64th
# message every chain has two rows, and counting rows rather than chains
# would show 64.  The load is slowed without a knob in bounceq: after
# `notmuch new` three of the files (the 50th, 70th and 100th read) become
# named pipes, and reading one waits until the test writes the bounce
# into it.  Each time, the screen that bounceq drew before it blocked is
# read: its counts must never exceed the final chain-merged count, and the
# status line says how far decoding is, fitted to 80 columns.
S=$W/slow
mkdir -p "$S/cur" "$S/new" "$S/tmp" "$W/slow-saved"
m=0
while [ "$m" -lt 120 ]; do
	k=$((m % 40))
	case $((m / 40)) in 2) act=failed st=5.4.7 ;; *) act=delayed st=4.4.1 ;; esac
	sh "$here/dsn.sh" "$S/cur/$m.slow:2," "slow$m" \
	    "$(date -u -d "@$((1795000000 + m * 3600))" '+%a, %d %b %Y %H:%M:%S +0000')" \
	    "user$k@example.com" "$act" "$st" "451 4.4.1 connect to mx.example.com: timed out" \
	    "chain$k@sender.test"
	m=$((m + 1))
done
printf '[database]\npath=%s\n[new]\ntags=new\n[maildir]\nsynchronize_flags=false\n' "$S" \
    > "$W/slow-config"
NOTMUCH_CONFIG=$W/slow-config HOME=$W/home notmuch new >/dev/null 2>&1 || nok "slow load: notmuch new"
# The m-th message is read 120-m-th (newest first).
for m in 70 50 20; do
	mv "$S/cur/$m.slow:2," "$W/slow-saved/$m"
	mkfifo "$S/cur/$m.slow:2,"
done

# slow_counts: the rows of the groups title and the failures of the status line.
slow_counts() {
	screen | sed -n -e 's/.*| \([0-9]*\) rows (.*/rows \1/p' \
	    -e 's/.* \([0-9]*\) of \([0-9]*\) failures.*/failures \1 \2/p'
}
EXTRA_ENV="XDG_CACHE_HOME=$W/slow-cache"
start xterm-256color 80 24 --config "$W/slow-config"
seen=0 worst=0 rate=0 narrow=0
for m in 70 50 20; do
	# The pipe's turn: bounceq waits in open(); what it drew before is up.
	n=$((120 - m - 1))
	check "slow load: waits at message $((n + 1))" "of 120" >/dev/null
	# Long enough that the next batch regroups (every 300 ms) and has a
	# rate (500 ms of samples at least, progress.h): 0.4 s was too short
	# on a loaded machine, where the samples before a pause come late.
	sleep 1
	s=$(screen)
	line=$(printf '%s\n' "$s" | grep -F ' failures' | tail -1)
	case $line in *"decoding "*" of 120"*) narrow=$((narrow + 1)) ;; esac
	case $line in *"/s"*) rate=$((rate + 1)) ;; esac
	for v in $(slow_counts | sed 's/^[a-z]* //'); do
		[ "$v" -gt "$worst" ] && worst=$v
	done
	seen=$((seen + 1))
	printf '%s\n' "$s" >> "$W/slow-screens"
	timeout 10 sh -c 'cat "$1" > "$2"' _ "$W/slow-saved/$m" "$S/cur/$m.slow:2," ||
	    nok "slow load: bounceq read the pipe of message $m"
	# The next screen shows how far it came after this block.
	wait_gone "decoding $(printf '%s' "$line" | sed -n 's/.*decoding \([0-9,]*\) of 120.*/\1/p') of 120" >/dev/null
done
check "slow load: finished" "120 messages: 120 decoded"
final=$(slow_counts | sed -n 's/^failures \([0-9]*\) .*/\1/p')
[ "$final" = 40 ] && ok "slow load: 40 failures once chained" || nok "slow load: final count '$final'" "$(screen)"
# The screens at the pipes, as decoding went on: chains already merged.
mid=$(sed -n 's/.*| \([0-9]*\) rows (.*/\1/p' "$W/slow-screens" | tr '\n' ' ')
case $mid in *[1-9]*) ok "slow load: counts shown during the load ($mid)" ;;
*) nok "slow load: no count seen during the load" "$(cat "$W/slow-screens")" ;; esac
[ "$seen" = 3 ] && [ "$worst" -le "${final:-0}" ] &&
    ok "slow load: counts during the load never above the final $final (at most $worst)" ||
    nok "slow load: a count during the load was $worst, above the final ${final:-?}" "$(cat "$W/slow-screens")"
[ "$narrow" -ge 2 ] && ok "slow load: decoding x of 120 on an 80-column status line" ||
    nok "slow load: progress cut off the status line" "$(cat "$W/slow-screens")"
[ "$rate" -ge 1 ] && ok "slow load: the rate on the status line" ||
    nok "slow load: no rate shown" "$(cat "$W/slow-screens")"
keys q
wait_dead >/dev/null
EXTRA_ENV=
