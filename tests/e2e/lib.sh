# Shared shell helpers for the end-to-end test; sourced by run.sh and
# make-demo.sh.  POSIX sh plus `ip`.

E2E_DIR=${E2E_DIR:-$(cd "$(dirname "$0")" && pwd)}

# in_ns CMD...: run CMD inside the test's network namespace (its own lo,
# its own /etc/resolv.conf and /etc/hosts bind-mounted from /etc/netns/$NS).
in_ns() {
	ip netns exec "$NS" "$@"
}

# wait_for SECONDS WHAT CMD...: poll CMD every 0.25s until it succeeds;
# fail (saying WHAT did not happen) after SECONDS.
wait_for() {
	_limit=$1 _what=$2
	shift 2
	_end=$(( $(date +%s) + _limit ))
	while ! "$@"; do
		if [ "$(date +%s)" -ge "$_end" ]; then
			echo "e2e: timed out after ${_limit}s waiting for: $_what" >&2
			return 1
		fi
		sleep 0.25
	done
	return 0
}

# kill_wait PID: TERM, wait up to 5s, then KILL; only that PID.
kill_wait() {
	[ -n "$1" ] || return 0
	kill -0 "$1" 2>/dev/null || return 0
	kill "$1" 2>/dev/null
	_i=0
	while kill -0 "$1" 2>/dev/null && [ $_i -lt 20 ]; do
		sleep 0.25
		_i=$((_i + 1))
	done
	kill -0 "$1" 2>/dev/null && kill -9 "$1" 2>/dev/null
	return 0
}

# pkg_installed PKG: true when dpkg says PKG is installed.
pkg_installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# pkg_install PKG...: apt-get install what is missing, with no daemon
# started (policy-rc.d answers 101); `apt-get update` only when the first
# try fails.  Logs to $WORK/apt.log.
pkg_install() {
	_missing=
	for _p in "$@"; do
		pkg_installed "$_p" || _missing="$_missing $_p"
	done
	[ -z "$_missing" ] && return 0
	echo "e2e: installing:$_missing"
	_before=$(mta_daemon_pids)
	policy_rc_block
	# shellcheck disable=SC2086
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends $_missing >>"$WORK/apt.log" 2>&1; then
		DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$WORK/apt.log" 2>&1
		# shellcheck disable=SC2086
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends $_missing >>"$WORK/apt.log" 2>&1 || {
			policy_rc_restore
			tail -n 20 "$WORK/apt.log" >&2
			return 1
		}
	fi
	policy_rc_restore
	mta_daemons_kill_new "$_before"
	return 0
}

# /usr/sbin/policy-rc.d exiting 101 keeps package scripts from starting
# daemons; whatever was there before is put back afterwards.
POLICY_RC=/usr/sbin/policy-rc.d
policy_rc_block() {
	if [ -z "${POLICY_SAVED:-}" ]; then
		POLICY_SAVED=none
		if [ -e "$POLICY_RC" ]; then
			cp -p "$POLICY_RC" "$WORK/policy-rc.d.saved"
			POLICY_SAVED=file
		fi
	fi
	printf '#!/bin/sh\n# bounceq e2e: start no daemon during package installs\nexit 101\n' > "$POLICY_RC"
	chmod 755 "$POLICY_RC"
}
policy_rc_restore() {
	case "${POLICY_SAVED:-}" in
	file) cp -p "$WORK/policy-rc.d.saved" "$POLICY_RC" ;;
	none) rm -f "$POLICY_RC" ;;
	esac
	POLICY_SAVED=
}

# PIDs of MTA daemons (Postfix master, Exim) running outside our namespace.
mta_daemon_pids() {
	for _pid in $(pgrep -x master) $(pgrep -x exim4) $(pgrep -x exim); do
		[ "$(ip netns identify "$_pid" 2>/dev/null)" = "${NS:-}" ] &&
			[ -n "${NS:-}" ] && continue
		echo "$_pid"
	done
}

# A package script started an MTA daemon despite policy-rc.d: kill each one
# that was not there before ($1: the PIDs seen before), by PID, and say so.
mta_daemons_kill_new() {
	for _pid in $(mta_daemon_pids); do
		case " $(echo $1) " in *" $_pid "*) continue ;; esac
		echo "e2e: package install started MTA daemon pid $_pid outside the namespace; killing it" >&2
		kill_wait "$_pid"
	done
}

# ns_setup: create namespace $NS with only lo up, and its own resolv.conf
# (the fake DNS on 127.0.0.1) and hosts under /etc/netns/$NS.
ns_setup() {
	[ -d /etc/netns ] || NETNS_DIR_MADE=1
	mkdir -p "/etc/netns/$NS" || return 1
	NS_ETC_MADE=1
	printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:2\n' > "/etc/netns/$NS/resolv.conf"
	printf '127.0.0.1\tlocalhost mta.e2e.test\n' > "/etc/netns/$NS/hosts"
	ip netns add "$NS" || return 1
	NS_MADE=1
	ip -n "$NS" link set lo up || return 1
	# Only lo, and no route anywhere but 127.0.0.0/8.
	if [ "$(ip -n "$NS" -o link show | grep -vc ': lo:')" != 0 ]; then
		echo "e2e: namespace $NS has links other than lo" >&2
		return 1
	fi
	return 0
}

ns_teardown() {
	[ -n "${NS_MADE:-}" ] && ip netns del "$NS" 2>/dev/null
	[ -n "${NS_ETC_MADE:-}" ] && rm -rf "/etc/netns/${NS:?}"
	[ -n "${NETNS_DIR_MADE:-}" ] && rmdir /etc/netns 2>/dev/null
	NS_MADE= NS_ETC_MADE= NETNS_DIR_MADE=
}

# fakes_start: the fake DNS and the fake remote SMTP servers, in $NS.
fakes_start() {
	rm -f "$WORK/dns.ready" "$WORK/smtp.ready"
	# `ip netns exec` execs the command, so $! is the server's own PID.
	ip netns exec "$NS" python3 "$E2E_DIR/fakedns.py" --log "$WORK/dns.log" \
		--ready "$WORK/dns.ready" </dev/null >/dev/null 2>>"$WORK/fakedns.err" &
	DNS_PID=$!
	ip netns exec "$NS" python3 "$E2E_DIR/fakesmtp.py" --log "$WORK/smtp.log" \
		--ready "$WORK/smtp.ready" </dev/null >/dev/null 2>>"$WORK/fakesmtp.err" &
	SMTP_PID=$!
	wait_for 15 "fake DNS server" test -s "$WORK/dns.ready" || { cat "$WORK/fakedns.err" >&2; return 1; }
	wait_for 15 "fake SMTP servers" test -s "$WORK/smtp.ready" || { cat "$WORK/fakesmtp.err" >&2; return 1; }
	return 0
}

fakes_stop() {
	kill_wait "${DNS_PID:-}"
	kill_wait "${SMTP_PID:-}"
	DNS_PID= SMTP_PID=
}
