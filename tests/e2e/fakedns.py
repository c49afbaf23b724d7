#!/usr/bin/env python3
"""A tiny authoritative DNS server for the bounceq end-to-end test (stdlib only).

It answers on 127.0.0.1:53 (UDP and TCP) inside the test's network namespace,
and only ever with addresses in 127.0.0.0/8:

  * a domain in zone.MX_DOMAINS:   MX 10 mx.<domain>; mx.<domain> A <its 127.0.0.x>
  * a domain in zone.SERVFAIL:     SERVFAIL for every query type
  * anything else (zone.NXDOMAIN included): NXDOMAIN
  * other types (AAAA, TXT, TLSA, ...) for known names: NOERROR, no answer

usage: fakedns.py [--addr 127.0.0.1] [--port 53] [--log FILE] [--ready FILE]
The server writes FILE given by --ready once both sockets are bound.
"""
import argparse
import os
import socket
import socketserver
import struct
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zone  # noqa: E402

T_A, T_NS, T_CNAME, T_SOA, T_PTR, T_MX, T_TXT, T_AAAA = 1, 2, 5, 6, 12, 15, 16, 28
RC_OK, RC_SERVFAIL, RC_NXDOMAIN, RC_FORMERR = 0, 2, 3, 1

LOG = None
LOCK = threading.Lock()


def log(msg):
    if LOG:
        with LOCK:
            LOG.write(msg + "\n")
            LOG.flush()


def parse_name(msg, off):
    labels = []
    jumps = 0
    end = None
    while True:
        if off >= len(msg):
            raise ValueError("name runs past the message")
        n = msg[off]
        if n & 0xC0 == 0xC0:
            if off + 1 >= len(msg) or jumps > 16:
                raise ValueError("bad pointer")
            if end is None:
                end = off + 2
            off = ((n & 0x3F) << 8) | msg[off + 1]
            jumps += 1
            continue
        off += 1
        if n == 0:
            break
        labels.append(msg[off:off + n].decode("ascii", "replace"))
        off += n
    return ".".join(labels).lower(), (end if end is not None else off)


def enc_name(name):
    out = b""
    for label in name.strip(".").split("."):
        if label:
            b = label.encode("ascii")
            out += bytes([len(b)]) + b
    return out + b"\0"


def rr(rtype, ttl, rdata):
    # The owner is always the question name: a pointer to offset 12.
    return struct.pack(">HHHIH", 0xC00C, rtype, 1, ttl, len(rdata)) + rdata


def answer(query):
    if len(query) < 12:
        return None
    qid, flags, qd = struct.unpack(">HHH", query[:6])
    if flags & 0x8000 or qd != 1:
        return struct.pack(">HHHHHH", qid, 0x8000 | RC_FORMERR, 0, 0, 0, 0)
    try:
        qname, off = parse_name(query, 12)
        qtype, qclass = struct.unpack(">HH", query[off:off + 4])
    except (ValueError, struct.error):
        return struct.pack(">HHHHHH", qid, 0x8000 | RC_FORMERR, 0, 0, 0, 0)
    question = query[12:off + 4]
    answers = []
    rcode = RC_OK
    kind = zone.lookup(qname)
    if kind[0] == "servfail":
        rcode = RC_SERVFAIL
    elif kind[0] == "nxdomain":
        rcode = RC_NXDOMAIN
    elif kind[0] == "mx" and qtype == T_MX:
        answers.append(rr(T_MX, 60, struct.pack(">H", 10) + enc_name(kind[1])))
    elif kind[0] == "a" and qtype == T_A:
        answers.append(rr(T_A, 60, socket.inet_aton(kind[1])))
    # Any other type for a known name: NOERROR with no answer (NODATA).
    rflags = 0x8000 | (flags & 0x7800) | 0x0400 | (flags & 0x0100) | 0x0080 | rcode
    head = struct.pack(">HHHHHH", qid, rflags, 1, len(answers), 0, 0)
    log("%s %d -> %s rcode=%d answers=%d" % (qname, qtype, kind[0], rcode, len(answers)))
    return head + question + b"".join(answers)


class UDPHandler(socketserver.BaseRequestHandler):
    def handle(self):
        data, sock = self.request
        resp = answer(data)
        if resp:
            sock.sendto(resp, self.client_address)


class TCPHandler(socketserver.StreamRequestHandler):
    def handle(self):
        self.request.settimeout(10)
        try:
            while True:
                hdr = self.rfile.read(2)
                if len(hdr) < 2:
                    return
                (n,) = struct.unpack(">H", hdr)
                resp = answer(self.rfile.read(n))
                if resp is None:
                    return
                self.wfile.write(struct.pack(">H", len(resp)) + resp)
        except (OSError, socket.timeout):
            return


class UDPServer(socketserver.ThreadingMixIn, socketserver.UDPServer):
    allow_reuse_address = True
    daemon_threads = True


class TCPServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    global LOG
    ap = argparse.ArgumentParser()
    ap.add_argument("--addr", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=53)
    ap.add_argument("--log")
    ap.add_argument("--ready")
    a = ap.parse_args()
    if not a.addr.startswith("127."):
        sys.exit("fakedns: refusing to listen outside 127.0.0.0/8")
    if a.log:
        LOG = open(a.log, "a", encoding="utf-8")
    udp = UDPServer((a.addr, a.port), UDPHandler)
    tcp = TCPServer((a.addr, a.port), TCPHandler)
    threading.Thread(target=tcp.serve_forever, daemon=True).start()
    if a.ready:
        with open(a.ready, "w") as f:
            f.write("%d\n" % os.getpid())
    udp.serve_forever()


if __name__ == "__main__":
    main()
