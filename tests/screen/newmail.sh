# Sourced by run.sh (its helpers, $W, $bin): new mail while bounceq runs.
# A database of three bounces; the list of every failure, the newest
# tagged and the cursor on the second; then two newer bounces are copied
# into the Maildir and `notmuch new` indexes them.  With refresh = 1 they
# appear by themselves within the refresh period (a bounded wait, no key),
# "2 new" on the status line, the tag and the cursor still on their rows
# (the cursor's row moved two lines down: Enter opens the same bounce).
# With refresh = 0 nothing comes by itself, and $ brings it at once.
N=$W/nm
mkdir -p "$N/cur" "$N/new" "$N/tmp" "$W/nmcfg/bounceq" "$W/nmcfg0/bounceq"
nm_dsn() {	# FILE-ID HOUR RCPT
	sh "$here/dsn.sh" "$N/cur/$1:2," "$1" \
	    "$(date -u -d "@$((1795000000 + $2 * 3600))" '+%a, %d %b %Y %H:%M:%S +0000')" \
	    "$3" failed 5.1.1 "550 5.1.1 <$3>: user unknown" "$1@sender.test"
}
nm_dsn nm1 1 one@example.com
nm_dsn nm2 2 two@example.com
nm_dsn nm3 3 three@example.com
printf '[database]\npath=%s\n[new]\ntags=new\n[maildir]\nsynchronize_flags=false\n' "$N" \
    > "$W/nm-config"
nm_new() { NOTMUCH_CONFIG=$W/nm-config HOME=$W/home notmuch new >/dev/null 2>&1; }
nm_new || nok "new mail: notmuch new"
printf 'refresh = 1\n' > "$W/nmcfg/bounceq/config"
printf 'refresh = 0\n' > "$W/nmcfg0/bounceq/config"

EXTRA_ENV="XDG_CONFIG_HOME=$W/nmcfg XDG_CACHE_HOME=$W/nm-cache"
start xterm-256color 100 30 --config "$W/nm-config"
check "new mail: loaded" "3 messages: 3 decoded"
keys L
check "new mail: the list" "List: every failure | 3 rows"
# Newest first: three, two, one.  Tag three (the cursor moves to two).
keys g g t
check "new mail: one tagged" "| 1 tagged"
nm_dsn nm4 4 four@example.com
nm_dsn nm5 5 five@example.com
nm_new || nok "new mail: notmuch new of two more"
TIMEOUT=5 check "new mail: appears within the refresh period, without a key" "| 2 new"
check "new mail: the list has them" "List: every failure | 5 rows"
s=$(screen)
case $s in *five@example.com*four@example.com*three@example.com*two@example.com*one@*) ok "new mail: newest first" ;;
*) nok "new mail: order" "$s" ;; esac
case $(printf '%s\n' "$s" | grep -F 'three@example.com') in '*'*) ok "new mail: the tagged row stays tagged" ;;
*) nok "new mail: tag lost" "$s" ;; esac
check "new mail: still one tagged" "| 1 tagged"
keys Enter
check "new mail: the cursor stayed on its row" "Bounce: two@example.com failed 5.1.1"
keys q
check_gone "new mail: a key clears N new" "| 2 new"
keys Q
wait_dead >/dev/null

# refresh = 0: only $ looks.  The list sorted by recipient stays so.
EXTRA_ENV="XDG_CONFIG_HOME=$W/nmcfg0 XDG_CACHE_HOME=$W/nm-cache"
start xterm-256color 100 30 --config "$W/nm-config"
check "sync: loaded (from the cache)" "5 messages: 0 decoded, 5 from the cache"
keys L o
check "sync: sorted by recipient" "sort recipient asc"
# five, four, one, three, two: the cursor on four.  aaron sorts first.
keys j
nm_dsn nm6 6 aaron@example.com
nm_new || nok "sync: notmuch new"
# Longer than a refresh period would be: nothing comes by itself.
sleep 2
case $(screen) in *aaron@*) nok "sync: refresh = 0 loaded new mail by itself" "$(screen)" ;;
*) ok "sync: refresh = 0 waits for the key" ;; esac
keys '$'
check "sync: \$ loads it at once" "| 1 new"
check "sync: the new row" "aaron@example.com"
check "sync: the sort stays" "List: every failure | 6 rows | sort recipient asc"
keys Enter
check "sync: the cursor stayed on its row" "Bounce: four@example.com"
keys q '$'
check "sync: nothing new" "no new mail"
keys '?'
check "sync: on the help screen" "look for new mail in the notmuch database now"
keys Q
wait_dead >/dev/null
EXTRA_ENV=
