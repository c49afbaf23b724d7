#!/bin/sh
# make demo: the terminal UI on the bundled sample bounces, indexed into a
# temporary notmuch database.  Nothing of the user's is read or written:
# HOME, NOTMUCH_CONFIG and the XDG directories point into a temporary
# directory that is removed afterwards.  The queue screen shows the Postfix
# queue listing saved at the end of the demo's month (demo/README.md); the
# notices screen its complaint and auto-replies.
set -eu
cd "$(dirname "$0")/.."
src=demo/maildir
queue=demo/queue-postfix.json
[ -d "$src" ] || src=tests/data/sisimai/maildir/bsd
[ -f "$queue" ] || queue=
command -v notmuch >/dev/null 2>&1 || {
	echo "demo: the notmuch CLI is needed (make deps installs it)" >&2
	exit 1
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bounceq-demo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/home" "$tmp/config" "$tmp/cache" "$tmp/mail/cur" "$tmp/mail/new" "$tmp/mail/tmp"
# A Maildir as given, or a plain directory of message files.
if [ -d "$src/cur" ] || [ -d "$src/new" ]; then
	cp -R "$src/." "$tmp/mail/"
else
	cp "$src"/* "$tmp/mail/cur/"
fi
printf '[database]\npath=%s\n[new]\ntags=new\n[maildir]\nsynchronize_flags=false\n' \
    "$tmp/mail" > "$tmp/notmuch-config"
export HOME="$tmp/home" NOTMUCH_CONFIG="$tmp/notmuch-config" \
    XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
unset NOTMUCH_PROFILE NOTMUCH_DATABASE
echo "demo: indexing $src into a temporary notmuch database..."
notmuch new --quiet 2>"$tmp/notmuch-new.log" || { cat "$tmp/notmuch-new.log" >&2; exit 1; }
# The database holds only the demo's mail, so every message: the bounces
# the default query finds, and the complaint and auto-replies it leaves
# out, which the notices screen (I) lists.
query='*'
if [ -t 0 ] && [ -t 1 ]; then
	./bounceq ${queue:+--queue-file "$queue"} "$query"
else
	# No terminal (CI): show what the start screen would group, what the
	# notices screen would list, and the saved queue of the queue screen.
	./bounceq groups "$query"
	./bounceq list --other "$query"
	[ -z "$queue" ] || ./bounceq queue --file "$queue"
fi
