#!/bin/sh
# Install what bounceq needs to build and test, on Debian/Ubuntu, when run as
# root; otherwise name the missing packages and stop.  Called by `make deps`,
# which `make check` and `make demo` depend on.
set -u
PKGS="build-essential pkg-config libgmime-3.0-dev libnotmuch-dev notmuch \
libncurses-dev libcmocka-dev libjansson-dev mandoc tmux python3"
# `make bench` also wants GNU time (peak memory) and Sisimai (the baseline).
[ "${1:-}" = bench ] && PKGS="$PKGS time libsisimai-perl"
# `make demo-data` (tests/e2e/make-demo.sh, regenerating demo/) runs the
# end-to-end MTAs under libfaketime.
[ "${1:-}" = e2e ] && PKGS="$PKGS faketime"
# `make fuzz` wants clang with libFuzzer and its sanitizer runtimes.
[ "${1:-}" = fuzz ] && PKGS="$PKGS clang libclang-rt-14-dev"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
	echo "bounceq: missing build dependencies and no apt-get here:$missing" >&2
	echo "bounceq: install the equivalents of these Debian packages, then run make again." >&2
	exit 1
fi
if [ "$(id -u)" != 0 ]; then
	echo "bounceq: missing Debian packages:$missing" >&2
	echo "bounceq: run as root: apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
echo "bounceq: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q || exit 1
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing || exit 1
