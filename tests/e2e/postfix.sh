# Postfix side of the end-to-end test; sourced by run.sh and make-demo.sh.
# Needs: WORK (the run's scratch directory), NS (the namespace), in_ns().
#
# Postfix runs from a private configuration directory ($WORK/postfix/etc,
# `postfix -c`), with its queue, data directory and log under $WORK, so a
# run neither reads nor changes /etc/postfix or /var/spool/postfix, and every
# run starts from an empty queue.

pf_install() {
	# Debian's "Local only" sets default_transport/relay_transport = error;
	# the private main.cf below sets every parameter we rely on anyway.
	printf '%s\n' \
		"postfix postfix/main_mailer_type select Local only" \
		"postfix postfix/mailname string mta.e2e.test" | debconf-set-selections
	pkg_install postfix
}

pf_configure() {
	PF_ETC=$WORK/postfix/etc
	PF_SPOOL=$WORK/postfix/spool
	PF_DATA=$WORK/postfix/data
	PF_LOG=$WORK/postfix/maillog
	mkdir -p "$PF_ETC" "$PF_SPOOL" "$PF_DATA"
	chown postfix "$PF_DATA"
	: > "$PF_LOG"
	cat > "$PF_ETC/main.cf" <<PFEOF
# bounceq end-to-end test: loopback only, inside network namespace $NS.
compatibility_level = 3.6
queue_directory = $PF_SPOOL
data_directory = $PF_DATA
maillog_file = $PF_LOG
maillog_file_prefixes = $WORK
myhostname = mta.e2e.test
mydomain = e2e.test
myorigin = \$myhostname
mydestination =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_recipient_restrictions = permit_mynetworks, reject
default_transport = smtp
relay_transport = smtp
relayhost =
alias_maps =
alias_database =
local_recipient_maps =
notify_classes =
biff = no
append_dot_mydomain = no
smtp_tls_security_level = none
smtpd_tls_security_level = none
smtp_connect_timeout = 5s
smtp_helo_timeout = 10s
# Bounces and success notices for local.e2e.test land in Maildirs.
virtual_mailbox_domains = local.e2e.test
virtual_mailbox_base = $WORK/mail
virtual_mailbox_maps = inline:{ {bqtest@local.e2e.test = bqtest/}, {sink@local.e2e.test = sink/} }
virtual_uid_maps = static:$MAIL_UID
virtual_gid_maps = static:$MAIL_GID
virtual_minimum_uid = 1
# Delayed then expired within seconds: a warning after 6s, a bounce after 25s.
delay_warning_time = 6s
maximal_queue_lifetime = 25s
bounce_queue_lifetime = 25s
queue_run_delay = 2s
minimal_backoff_time = 2s
maximal_backoff_time = 4s
PFEOF
	# Every daemon unchrooted: `postfix start` does not populate a chroot.
	cat > "$PF_ETC/master.cf" <<'PFEOF'
smtp      inet  n       -       n       -       -       smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
PFEOF
}

pf_start() {
	in_ns postfix -c "$PF_ETC" start >>"$WORK/postfix/start.log" 2>&1 || {
		cat "$WORK/postfix/start.log" "$PF_LOG" >&2
		return 1
	}
	wait_for 20 "Postfix master" pf_listening || return 1
	PF_MASTER_PID=$(head -n1 "$PF_SPOOL/pid/master.pid" 2>/dev/null | tr -d ' ')
	echo "postfix: master pid $PF_MASTER_PID, log $PF_LOG"
}

pf_listening() {
	in_ns python3 -c 'import socket,sys; s=socket.socket(); s.settimeout(1); sys.exit(s.connect_ex(("127.0.0.1",25)))' 2>/dev/null
}

pf_queue_empty() {
	[ -z "$(find "$PF_SPOOL/incoming" "$PF_SPOOL/active" "$PF_SPOOL/deferred" \
		"$PF_SPOOL/maildrop" "$PF_SPOOL/hold" -type f 2>/dev/null | head -n1)" ]
}

# pf_sendmail ARGS... < message: Postfix's sendmail, inside the namespace.
pf_sendmail() {
	in_ns sendmail -C "$PF_ETC" "$@"
}

pf_stop() {
	[ -n "${PF_ETC:-}" ] || return 0
	if [ -f "$PF_SPOOL/pid/master.pid" ]; then
		in_ns postfix -c "$PF_ETC" stop >/dev/null 2>&1
		pid=$(head -n1 "$PF_SPOOL/pid/master.pid" 2>/dev/null | tr -d ' ')
		[ -n "$pid" ] && kill_wait "$pid"
	fi
	[ -n "${PF_MASTER_PID:-}" ] && kill_wait "$PF_MASTER_PID"
	PF_MASTER_PID=
}
