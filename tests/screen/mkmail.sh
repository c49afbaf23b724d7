#!/bin/sh
# Writes the screen tests' mail into the Maildir DIR/cur: RFC 3464 bounces
# with known causes (so the expected counts are known), one delivery that
# was delayed and then failed (a chain; the delay says Will-Retry-Until),
# one delivery notice (no failure: never counted), one to a recipient in wide
# characters, one bounce whose diagnostic holds
# terminal escape sequences and a bidi override, and the sent original of
# one bounce (for open-sent).  Usage: mkmail.sh DIR
set -eu
dir=$1/cur
mkdir -p "$dir" "$1/new" "$1/tmp"
n=0

# dsn ID DATE RCPT ACTION STATUS DIAGNOSTIC ORIGINAL-ID  ($retry: Will-Retry-Until)
dsn() {
	n=$((n + 1))
	{
	printf 'Return-Path: <>\n'
	printf 'Date: %s\n' "$2"
	printf 'From: Mail Delivery System <MAILER-DAEMON@mx.sender.test>\n'
	printf 'To: me@sender.test\n'
	printf 'Subject: Undelivered Mail Returned to Sender\n'
	printf 'Message-ID: <%s@mx.sender.test>\n' "$1"
	printf 'Auto-Submitted: auto-replied\n'
	printf 'MIME-Version: 1.0\n'
	printf 'Content-Type: multipart/report; report-type=delivery-status; boundary="BB"\n\n'
	printf -- '--BB\nContent-Type: text/plain; charset=us-ascii\n\n'
	printf 'This is the mail system at host mx.sender.test.\n\n'
	printf 'I am sorry to have to inform you that your message could not\n'
	printf 'be delivered to %s.\n\n' "$3"
	printf -- '--BB\nContent-Type: message/delivery-status\n\n'
	printf 'Reporting-MTA: dns; mx.sender.test\n'
	printf 'Arrival-Date: %s\n\n' "$2"
	printf 'Final-Recipient: rfc822; %s\n' "$3"
	printf 'Original-Recipient: rfc822; %s\n' "$3"
	printf 'Action: %s\n' "$4"
	printf 'Status: %s\n' "$5"
	printf 'Remote-MTA: dns; mx.%s\n' "${3#*@}"
	[ -z "${retry:-}" ] || printf 'Will-Retry-Until: %s\n' "$retry"
	printf 'Diagnostic-Code: smtp; %s\n\n' "$6"
	printf -- '--BB\nContent-Type: message/rfc822\n\n'
	printf 'From: Me <me@sender.test>\n'
	printf 'To: %s\n' "$3"
	printf 'Subject: Quarterly report %s\n' "$1"
	printf 'Date: %s\n' "$2"
	printf 'Message-ID: <%s>\n\n' "$7"
	printf 'Hello, here is the report.\n\n'
	printf -- '--BB--\n'
	} > "$dir/$n.$1:2,"
}

dsn uu1 'Fri, 20 Nov 2026 10:00:00 +0000' alice@example.com failed 5.1.1 \
    '550 5.1.1 <alice@example.com>: Recipient address rejected: User unknown' orig-1@sender.test
dsn uu2 'Sat, 21 Nov 2026 10:00:00 +0000' bob@example.com failed 5.1.1 \
    '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown' orig-2@sender.test
dsn uu3 'Sun, 22 Nov 2026 10:00:00 +0000' carol@example.com failed 5.1.1 \
    '550 5.1.1 <carol@example.com>: Recipient address rejected: User unknown' orig-3@sender.test
dsn mf1 'Mon, 23 Nov 2026 10:00:00 +0000' xavier@example.org failed 5.2.2 \
    '552 5.2.2 <xavier@example.org>: Mailbox full, quota exceeded' orig-4@sender.test
dsn mf2 'Tue, 24 Nov 2026 10:00:00 +0000' yvonne@example.org failed 5.2.2 \
    '552 5.2.2 <yvonne@example.org>: Mailbox full, quota exceeded' orig-5@sender.test
retry='Sat, 28 Nov 2026 09:30:00 +0100'
dsn dl1 'Wed, 25 Nov 2026 08:00:00 +0000' dave@example.net delayed 4.4.1 \
    'connect to mx.example.net[192.0.2.1]:25: Connection timed out' orig-6@sender.test
retry=
dsn dl2 'Thu, 26 Nov 2026 08:00:00 +0000' dave@example.net failed 4.4.1 \
    'connect to mx.example.net[192.0.2.1]:25: Connection timed out' orig-6@sender.test
dsn ok1 'Thu, 26 Nov 2026 09:00:00 +0000' erin@example.com delivered 2.0.0 \
    '250 2.0.0 Ok: queued as 4XYZ' orig-9@sender.test
# A recipient in wide (CJK) characters: columns must still line up.
dsn wide 'Thu, 26 Nov 2026 12:00:00 +0000' "$(printf '\347\224\250\346\210\267')@example.jp" failed 5.1.2 \
    '550 5.1.2 Host or domain name not found' orig-8@sender.test
esc=$(printf '\033') bel=$(printf '\007') rlo=$(printf '\342\200\256')
dsn evil 'Fri, 27 Nov 2026 10:00:00 +0000' mallory@example.com failed 5.7.1 \
    "550 5.7.1 ${esc}]0;PWNED-TITLE${bel}${esc}[31mred${esc}[0m ${rlo}gnp.exe rejected" orig-7@sender.test

# Two notices that are no failures (the notices screen, I): an automatic
# reply whose subject holds a terminal escape, and an ARF complaint about
# the second report.  The default query takes in neither.
cat > "$dir/away-1:2," <<MAIL
From: Alex Away <away@example.com>
To: me@sender.test
Subject: Out of office: Quarterly report uu2 ${esc}]0;NOTICE-TITLE${bel}
Date: Sat, 21 Nov 2026 11:00:00 +0000
Message-ID: <away-1@example.com>
Auto-Submitted: auto-replied

I am away until Monday.
MAIL
cat > "$dir/arf-1:2," <<'MAIL'
From: Abuse Desk <abuse@isp.example.net>
To: me@sender.test
Subject: Abuse report for uu2
Date: Sun, 22 Nov 2026 12:00:00 +0000
Message-ID: <arf-1@isp.example.net>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="FB"

--FB
Content-Type: text/plain; charset=us-ascii

A user of ours called this message spam.

--FB
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: isp-fbl/1.0
Version: 1
Original-Mail-From: <me@sender.test>
Arrival-Date: Sun, 22 Nov 2026 11:00:00 +0000
Reported-Domain: sender.test

--FB
Content-Type: message/rfc822

From: Me <me@sender.test>
To: bob@isp.example.net
Subject: Quarterly report uu2
Date: Sat, 21 Nov 2026 10:00:00 +0000
Message-ID: <orig-2b@sender.test>

Hello, here is the report.

--FB--
MAIL

# The sent original of the first bounce, as the user's own copy.
cat > "$dir/sent-1:2,S" <<'MAIL'
From: Me <me@sender.test>
To: alice@example.com
Subject: Quarterly report uu1
Date: Fri, 20 Nov 2026 09:59:00 +0000
Message-ID: <orig-1@sender.test>

This is the copy I kept of the quarterly report.
MAIL
