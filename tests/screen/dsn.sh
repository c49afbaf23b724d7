#!/bin/sh
# Writes one RFC 3464 bounce to FILE, as mkmail.sh's are made, for the
# screen tests that add mail while bounceq runs (load.sh, newmail.sh).
# Usage: dsn.sh FILE ID DATE RCPT ACTION STATUS DIAGNOSTIC ORIGINAL-ID
set -eu
{
printf 'Return-Path: <>\n'
printf 'Date: %s\n' "$3"
printf 'From: Mail Delivery System <MAILER-DAEMON@mx.sender.test>\n'
printf 'To: me@sender.test\n'
printf 'Subject: Undelivered Mail Returned to Sender\n'
printf 'Message-ID: <%s@mx.sender.test>\n' "$2"
printf 'Auto-Submitted: auto-replied\n'
printf 'MIME-Version: 1.0\n'
printf 'Content-Type: multipart/report; report-type=delivery-status; boundary="BB"\n\n'
printf -- '--BB\nContent-Type: text/plain; charset=us-ascii\n\n'
printf 'This is the mail system at host mx.sender.test.\n\n'
printf 'Your message could not be delivered to %s.\n\n' "$4"
printf -- '--BB\nContent-Type: message/delivery-status\n\n'
printf 'Reporting-MTA: dns; mx.sender.test\n\n'
printf 'Final-Recipient: rfc822; %s\n' "$4"
printf 'Action: %s\n' "$5"
printf 'Status: %s\n' "$6"
printf 'Remote-MTA: dns; mx.%s\n' "${4#*@}"
printf 'Diagnostic-Code: smtp; %s\n\n' "$7"
printf -- '--BB\nContent-Type: message/rfc822\n\n'
printf 'From: Me <me@sender.test>\n'
printf 'To: %s\n' "$4"
printf 'Subject: Report %s\n' "$2"
printf 'Message-ID: <%s>\n\n' "$8"
printf 'Hello.\n\n'
printf -- '--BB--\n'
} > "$1"
