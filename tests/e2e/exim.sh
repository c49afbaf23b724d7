# Exim side of the end-to-end test; sourced by run.sh and make-demo.sh.
# Needs: WORK, NS, in_ns(), MAIL_UID/MAIL_GID.
#
# Exim runs with a private configuration file (exim -C) whose spool, retry
# database and logs live under $WORK: every run starts empty, /etc/exim4 and
# /var/spool/exim4 are not touched.  Exim drops root for -C files that are
# not in its trusted list, so the file is listed in /etc/exim4/trusted_configs
# for the run and taken out again by ex_stop.

EX_TRUSTED=/etc/exim4/trusted_configs

ex_install() {
	pkg_install exim4-daemon-light
}

ex_configure() {
	EX_DIR=$WORK/exim
	EX_CONF=$EX_DIR/exim.conf
	mkdir -p "$EX_DIR/spool" "$EX_DIR/log"
	chown Debian-exim:Debian-exim "$EX_DIR/spool" "$EX_DIR/log"
	cat > "$EX_CONF" <<EXEOF
# bounceq end-to-end test: loopback only, inside network namespace $NS.
primary_hostname = mta.e2e.test
qualify_domain = local.e2e.test
local_interfaces = 127.0.0.1
daemon_smtp_ports = 25
disable_ipv6 = true
spool_directory = $EX_DIR/spool
log_file_path = $EX_DIR/log/%slog
pid_file_path = $EX_DIR/exim.pid
exim_user = Debian-exim
exim_group = Debian-exim
never_users = root
trusted_users = root
host_lookup =
keep_environment =
rfc1413_hosts =
tls_advertise_hosts =
# DSN (RET, ENVID, NOTIFY, ORCPT) for our own submissions.
dsn_advertise_hosts = 127.0.0.1
acl_smtp_rcpt = acl_check_rcpt
# One delay warning after 6s (the next would be an hour later).
delay_warning = 6s : 1h

begin acl
acl_check_rcpt:
  accept hosts = :
  accept hosts = 127.0.0.0/8
  deny   message = relay not permitted

begin routers
local_maildir:
  driver = accept
  domains = local.e2e.test
  local_parts = bqtest : sink
  transport = maildir_delivery

dnslookup:
  driver = dnslookup
  domains = ! local.e2e.test
  transport = remote_smtp
  no_more

begin transports
remote_smtp:
  driver = smtp
  hosts_avoid_tls = *
  hosts_try_chunking =
  hosts_try_prdr =
  hosts_try_fastopen =
  connect_timeout = 5s

maildir_delivery:
  driver = appendfile
  directory = $WORK/mail/\${local_part_data}
  maildir_format
  create_directory
  delivery_date_add
  envelope_to_add
  return_path_add
  user = $MAIL_UID
  group = $MAIL_GID
  mode = 0600

begin retry
# Retry every 3s; give up 20s after the first failure.
*   *   F,20s,3s
EXEOF
	chmod 644 "$EX_CONF"
	if [ -f "$EX_TRUSTED" ]; then
		cp -p "$EX_TRUSTED" "$WORK/exim-trusted.saved"
		EX_TRUSTED_SAVED=file
	else
		EX_TRUSTED_SAVED=none
	fi
	echo "$EX_CONF" >> "$EX_TRUSTED"
}

ex_start() {
	ip netns exec "$NS" exim4 -C "$EX_CONF" -bdf -q2s </dev/null \
		>>"$EX_DIR/daemon.out" 2>&1 &
	EX_PID=$!
	if ! wait_for 20 "Exim daemon" ex_listening || ! kill -0 "$EX_PID" 2>/dev/null; then
		echo "e2e: Exim did not start:" >&2
		cat "$EX_DIR/daemon.out" "$EX_DIR/log/paniclog" 2>/dev/null >&2
		return 1
	fi
	echo "exim: daemon pid $EX_PID, logs in $EX_DIR/log"
}

# True once Exim accepts connections, or once it has died (ex_start checks).
ex_listening() {
	kill -0 "$EX_PID" 2>/dev/null || return 0
	in_ns python3 -c 'import socket,sys; s=socket.socket(); s.settimeout(1); sys.exit(s.connect_ex(("127.0.0.1",25)))' 2>/dev/null
}

ex_queue_empty() {
	[ "$(in_ns exim4 -C "$EX_CONF" -bpc 2>/dev/null)" = 0 ]
}

ex_sendmail_cmd() {
	echo "exim4 -C $EX_CONF"
}

ex_stop() {
	[ -n "${EX_PID:-}" ] && kill_wait "$EX_PID"
	EX_PID=
	# Delivery processes the daemon forked may outlive it briefly.
	if [ -n "${EX_DIR:-}" ]; then
		for _p in $(pgrep -f -- "-C $EX_CONF" 2>/dev/null); do
			kill_wait "$_p"
		done
	fi
	case "${EX_TRUSTED_SAVED:-}" in
	file) cp -p "$WORK/exim-trusted.saved" "$EX_TRUSTED" ;;
	none) rm -f "$EX_TRUSTED" ;;
	esac
	EX_TRUSTED_SAVED=
}
