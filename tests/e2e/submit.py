#!/usr/bin/env python3
"""Submit the end-to-end cases (cases.py) to the MTA under test.

Run inside the test's namespace.  SMTP cases go to 127.0.0.1:25 with the
DSN extension (RET=, ENVID=, NOTIFY=, ORCPT=); sendmail cases run the MTA's
sendmail command given with --sendmail (Postfix: -N/-R/-V DSN options;
Exim's sendmail -N means "do not deliver", so there they go plain).

usage: submit.py --mta postfix|exim --run RUNID --sendmail "CMD ARGS" [--only ID,...] [--demo]
Prints one line per case; exits non-zero if any submission failed.
"""
import argparse
import base64
import email.policy
import email.utils
import os
import shlex
import smtplib
import subprocess
import sys
from email.message import EmailMessage

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases as C  # noqa: E402
import zone  # noqa: E402


def xtext(s):
    """RFC 3461 xtext: '+', '=' and anything outside '!'..'~' as +XX."""
    out = []
    for ch in s.encode("utf-8"):
        if ch < 33 or ch > 126 or ch in (ord("+"), ord("=")):
            out.append("+%02X" % ch)
        else:
            out.append(chr(ch))
    return "".join(out)


def encode_subject(s):
    """RFC 2047 B-encoded words, split at character boundaries so that each
    word stays within 75 characters and no space is lost between words (the
    stdlib folder drops the space at a split)."""
    if s.isascii():
        return s
    words, cur = [], ""
    for ch in s:
        if len(base64.b64encode((cur + ch).encode("utf-8"))) > 44:
            words.append(cur)
            cur = ""
        cur += ch
    words.append(cur)
    return "\r\n ".join("=?UTF-8?B?%s?=" % base64.b64encode(w.encode("utf-8")).decode("ascii")
                        for w in words)


def build(case, mta, run):
    m = EmailMessage(policy=email.policy.compat32)
    m["From"] = "E2E Tester <%s>" % C.SENDER
    m["To"] = ", ".join(r.addr for r in case.rcpts)
    m["Subject"] = encode_subject(case.subject)
    m["Date"] = email.utils.formatdate(localtime=False)
    m["Message-ID"] = "<%s>" % case.message_id(mta, run)
    m["X-E2E-Case"] = case.id
    m["MIME-Version"] = "1.0"
    m["Content-Type"] = 'text/plain; charset="utf-8"'
    m["Content-Transfer-Encoding"] = "8bit"
    m.set_payload(case.body.encode("utf-8"))
    return m


def as_bytes(msg, crlf):
    data = msg.as_bytes()
    data = data.replace(b"\r\n", b"\n")
    return data.replace(b"\n", b"\r\n") if crlf else data


def submit_smtp(case, mta, run):
    msg = build(case, mta, run)
    data = as_bytes(msg, True)
    s = smtplib.SMTP(zone.MTA_IP, 25, local_hostname="client.e2e.test", timeout=30)
    try:
        s.ehlo()
        if not s.has_extn("dsn"):
            raise RuntimeError("MTA does not advertise DSN")
        mopts = []
        if case.ret:
            mopts.append("RET=" + case.ret)
        envid = case.envelope_id(mta, run)
        if envid:
            mopts.append("ENVID=" + xtext(envid))
        code, resp = s.mail(C.SENDER, mopts)
        if code != 250:
            raise RuntimeError("MAIL FROM: %d %s" % (code, resp))
        for r in case.rcpts:
            ropts = []
            if r.notify:
                ropts.append("NOTIFY=" + r.notify)
            if r.orcpt:
                ropts.append("ORCPT=rfc822;" + xtext(r.orcpt))
            code, resp = s.rcpt(r.addr, ropts)
            if code not in (250, 251):
                raise RuntimeError("RCPT TO:<%s>: %d %s" % (r.addr, code, resp))
        code, resp = s.data(data)
        if code != 250:
            raise RuntimeError("DATA: %d %s" % (code, resp))
    finally:
        try:
            s.quit()
        except smtplib.SMTPException:
            pass


def submit_sendmail(case, mta, run, sendmail):
    msg = build(case, mta, run)
    cmd = shlex.split(sendmail) + ["-f", C.SENDER, "-i"]
    if mta == "postfix":
        notify = case.rcpts[0].notify
        if notify:
            cmd += ["-N", notify.lower()]
        if case.ret:
            cmd += ["-R", case.ret.lower()]
        envid = case.envelope_id(mta, run)
        if envid:
            cmd += ["-V", envid]
    cmd += ["--"] + [r.addr for r in case.rcpts]
    p = subprocess.run(cmd, input=as_bytes(msg, False),
                       capture_output=True, timeout=30)
    if p.returncode != 0:
        raise RuntimeError("%s: exit %d: %s" % (" ".join(cmd), p.returncode,
                                                 p.stderr.decode("utf-8", "replace")))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mta", required=True, choices=("postfix", "exim"))
    ap.add_argument("--run", required=True)
    ap.add_argument("--sendmail", required=True)
    ap.add_argument("--only")
    ap.add_argument("--demo", action="store_true", help="also the cases of cases.DEMO_CASES")
    a = ap.parse_args()
    only = set(a.only.split(",")) if a.only else None
    bad = 0
    for case in C.CASES + (C.DEMO_CASES if a.demo else []):
        if a.mta not in case.mtas or (only and case.id not in only):
            continue
        try:
            if case.via == "sendmail":
                submit_sendmail(case, a.mta, a.run, a.sendmail)
            else:
                submit_smtp(case, a.mta, a.run)
            print("submitted %-18s via %-8s <%s>" % (case.id, case.via, case.message_id(a.mta, a.run)))
        except (OSError, RuntimeError, smtplib.SMTPException, subprocess.SubprocessError) as e:
            print("SUBMIT FAILED %s: %s" % (case.id, e))
            bad += 1
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
