#!/usr/bin/env python3
"""Fake "remote" SMTP servers for the bounceq end-to-end test (stdlib only).

Two listeners, each on its own 127.0.0.x:25 inside the test's namespace:

  rcpt mode (zone.REMOTE_IP) answers RCPT TO by the recipient's local part
  (anything after a '+' is ignored, so unknown+x@ behaves like unknown@):
      unknown   550 5.1.1     full      552 5.2.2     spam   554 5.7.1 (spam)
      relay     554 5.7.1 (relay denied)               tempfail 450 4.4.7
      greylist  451 4.7.1     big       552 5.3.4     anything else 250
  postdata mode (zone.POSTDATA_IP) accepts every RCPT and rejects the
  message after DATA with 550 5.7.26.

Every transaction is logged, one JSON object a line, to --log.  Neither
listener advertises DSN, PIPELINING or STARTTLS.
usage: fakesmtp.py --log FILE --ready FILE
"""
import argparse
import json
import os
import socketserver
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zone  # noqa: E402

RCPT_REPLIES = {
    "unknown": "550 5.1.1 <{a}>: Recipient address rejected: User unknown in virtual mailbox table",
    "full": "552 5.2.2 <{a}>: Mailbox full, quota exceeded",
    "spam": "554 5.7.1 <{a}>: Message rejected as spam by content filter",
    "relay": "554 5.7.1 <{a}>: Relay access denied",
    "tempfail": "450 4.4.7 <{a}>: Temporary failure, please try again later",
    "greylist": "451 4.7.1 <{a}>: Greylisted, see https://greylist.test/",
    "big": "552 5.3.4 <{a}>: Message size exceeds fixed limit",
}
POSTDATA_REPLY = ("550 5.7.26 Unauthenticated email from {d} is not accepted "
                  "due to domain's DMARC policy")

LOCK = threading.Lock()
LOGF = None


def log(rec):
    with LOCK:
        LOGF.write(json.dumps(rec, sort_keys=True) + "\n")
        LOGF.flush()


def angle(arg):
    """The address inside <...> of a MAIL FROM:/RCPT TO: argument."""
    s = arg.find("<")
    e = arg.find(">", s + 1)
    if s < 0 or e < 0:
        return arg.split()[0] if arg.split() else ""
    return arg[s + 1:e]


class Handler(socketserver.StreamRequestHandler):
    timeout = 60

    def reply(self, line):
        self.wfile.write((line + "\r\n").encode("utf-8"))
        self.wfile.flush()

    def handle(self):
        mode = self.server.mode
        name = "mx.fake-%s.test" % mode
        self.reply("220 %s ESMTP fake remote (%s)" % (name, mode))
        sender, rcpts, accepted = None, [], []
        while True:
            raw = self.rfile.readline(4096)
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb = line[:4].upper()
            arg = line[5:] if len(line) > 5 else ""
            if line.upper().startswith("EHLO"):
                self.reply("250-%s" % name)
                self.reply("250-8BITMIME")
                self.reply("250-ENHANCEDSTATUSCODES")
                self.reply("250 SIZE 10240000")
            elif verb == "HELO":
                self.reply("250 %s" % name)
            elif line.upper().startswith("MAIL FROM:"):
                sender, rcpts, accepted = angle(line[10:]), [], []
                self.reply("250 2.1.0 Ok")
            elif line.upper().startswith("RCPT TO:"):
                addr = angle(line[8:])
                local = addr.split("@")[0].split("+")[0].lower()
                if mode == "rcpt" and local in RCPT_REPLIES:
                    r = RCPT_REPLIES[local].format(a=addr)
                else:
                    r = "250 2.1.5 Ok"
                    accepted.append(addr)
                rcpts.append(addr)
                log({"mode": mode, "event": "rcpt", "from": sender, "rcpt": addr, "reply": r})
                self.reply(r)
            elif verb == "DATA":
                if not accepted:
                    self.reply("554 5.5.1 Error: no valid recipients")
                    continue
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                size = 0
                msgid = None
                while True:
                    d = self.rfile.readline(1 << 20)
                    if not d:
                        return
                    if d in (b".\r\n", b".\n"):
                        break
                    size += len(d)
                    if msgid is None and d[:11].lower() == b"message-id:":
                        msgid = d[11:].decode("utf-8", "replace").strip()
                if mode == "postdata":
                    dom = sender.split("@")[-1] if sender else "unknown"
                    r = POSTDATA_REPLY.format(d=dom)
                else:
                    r = "250 2.0.0 Ok: queued as FAKE%d" % (abs(hash((msgid, size))) % 100000)
                log({"mode": mode, "event": "data", "from": sender, "rcpts": accepted,
                     "message_id": msgid, "size": size, "reply": r})
                self.reply(r)
                sender, rcpts, accepted = None, [], []
            elif verb == "RSET":
                sender, rcpts, accepted = None, [], []
                self.reply("250 2.0.0 Ok")
            elif verb == "NOOP":
                self.reply("250 2.0.0 Ok")
            elif verb == "QUIT":
                self.reply("221 2.0.0 Bye")
                return
            else:
                self.reply("502 5.5.2 Error: command not recognized")


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    global LOGF
    ap = argparse.ArgumentParser()
    ap.add_argument("--log", required=True)
    ap.add_argument("--ready")
    ap.add_argument("--port", type=int, default=25)
    a = ap.parse_args()
    LOGF = open(a.log, "a", encoding="utf-8")
    servers = []
    for ip, mode in ((zone.REMOTE_IP, "rcpt"), (zone.POSTDATA_IP, "postdata")):
        s = Server((ip, a.port), Handler)
        s.mode = mode
        servers.append(s)
    for s in servers[1:]:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    if a.ready:
        with open(a.ready, "w") as f:
            f.write("%d\n" % os.getpid())
    servers[0].serve_forever()


if __name__ == "__main__":
    main()
