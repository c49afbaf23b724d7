#!/usr/bin/env python3
"""make bench: bounceq's decode speed and memory as ratios to baselines
measured in the same run, on the same files, on this machine.

Baselines: `cat` of the same files (the read floor) and, when installed,
Debian's libsisimai-perl (Sisimai 4.25, the reference bounce decoder).
Also two hostile 20 MB bounces against `cat` of the same file: one with a
20 MB attachment and a 2 MB line, one whose report lists 200,000
recipients (in its human part and in its delivery-status part).  Each command runs 3 times; the best wall time and its
peak RSS (from wait4) are reported.
"""
import os, shutil, subprocess, sys, tempfile, time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(TOP, "tests", "data", "sisimai", "maildir", "bsd")
COPIES = 8


GNU_TIME = "/usr/bin/time"


def run(argv):
    """Best of 3: (seconds, peak RSS in KiB).  The RSS comes from GNU time,
    whose child is forked from a small process: a child forked from this
    Python would report Python's own peak."""
    best = None
    for _ in range(3):
        with tempfile.NamedTemporaryFile("r") as rss:
            t0 = time.perf_counter()
            p = subprocess.run([GNU_TIME, "-q", "-f", "%M", "-o", rss.name] + argv,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            dt = time.perf_counter() - t0
            if p.returncode not in (0, 1):
                sys.exit("bench: %s failed (%d)" % (argv[0], p.returncode))
            kib = int(rss.read().split()[-1])
        if best is None or dt < best[0]:
            best = (dt, kib)
    return best


def big_bounce(path):
    line = b"A" * 76 + b"\n"
    with open(path, "wb") as f:
        f.write(b"From: MAILER-DAEMON@big.example\nSubject: Undelivered Mail\n"
                b"MIME-Version: 1.0\nContent-Type: multipart/report; "
                b"report-type=delivery-status; boundary=B\n\n--B\nContent-Type: text/plain\n\n")
        f.write(b"x" * (2 << 20) + b"\n")                  # one 2 MB line
        f.write(b"--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; big.example\n\n"
                b"Final-Recipient: rfc822; someone@example.com\nAction: failed\nStatus: 5.3.4\n"
                b"Diagnostic-Code: smtp; 552 5.3.4 Message too big\n\n--B\n"
                b"Content-Type: message/rfc822\n\nFrom: a@example.com\nSubject: big\n"
                b"Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n")
        f.write(line * ((18 << 20) // len(line)))
        f.write(b"\n--B--\n")


def many_bounce(path, n=200000):
    with open(path, "wb") as f:
        f.write(b"From: MAILER-DAEMON@big.example\nSubject: Undelivered Mail\n"
                b"MIME-Version: 1.0\nContent-Type: multipart/report; "
                b"report-type=delivery-status; boundary=B\n\n--B\nContent-Type: text/plain\n\n")
        for i in range(n):
            f.write(b"<u%d@example.org>: 550 User unknown\n" % i)
        f.write(b"\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; big.example\n\n")
        for i in range(n):
            f.write(b"Final-Recipient: rfc822; u%d@example.org\nAction: failed\nStatus: 5.1.1\n\n" % i)
        f.write(b"--B--\n")


def main():
    if not os.access(GNU_TIME, os.X_OK):
        sys.exit("bench: GNU time is needed for peak memory (apt-get install time)")
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(TOP, "bounceq"))
    tmp = tempfile.mkdtemp(prefix="bounceq-bench-")
    try:
        md = os.path.join(tmp, "maildir")
        os.makedirs(os.path.join(md, "cur"))
        os.makedirs(os.path.join(md, "new"))
        names = sorted(os.listdir(CORPUS))
        files = []
        for k in range(COPIES):
            for n in names:
                dst = os.path.join(md, "cur", "%d-%s" % (k, n))
                shutil.copyfile(os.path.join(CORPUS, n), dst)
                files.append(dst)
        size = sum(os.path.getsize(f) for f in files)
        print("bench: %d mails, %.1f MB (the Sisimai corpus x%d)" % (len(files), size / 1e6, COPIES))
        cat = run(["cat"] + files)
        bq = run([binary, "decode", "--json", md])
        print("  cat (read floor)        %7.3f s  %7d KiB" % cat)
        print("  bounceq decode --json   %7.3f s  %7d KiB  %6.0f mails/s" % (bq + (len(files) / bq[0],)))
        print("  ratio bounceq / cat     %7.1fx time" % (bq[0] / cat[0]))
        perl = shutil.which("perl")
        has_sisimai = perl and subprocess.run([perl, "-MSisimai", "-e", "1"],
                                             stderr=subprocess.DEVNULL).returncode == 0
        if has_sisimai:
            # Sisimai reads a flat directory of mails: give it cur/.
            si = run([perl, "-MSisimai", "-e", "my $r = Sisimai->make($ARGV[0]) or exit 3", os.path.join(md, "cur")])
            print("  Sisimai 4.25 (perl)     %7.3f s  %7d KiB  %6.0f mails/s" % (si + (len(files) / si[0],)))
            print("  ratio Sisimai / bounceq %7.1fx time, %.1fx memory" % (si[0] / bq[0], si[1] / bq[1]))
        else:
            print("  Sisimai baseline: SKIPPED (libsisimai-perl not installed; "
                  "apt-get install libsisimai-perl to compare)")
        big = os.path.join(tmp, "big.eml")
        big_bounce(big)
        bc = run(["cat", big])
        bb = run([binary, "decode", "--json", big])
        print("bench: hostile 20 MB bounce (%.1f MB, one 2 MB line)" % (os.path.getsize(big) / 1e6))
        print("  cat                     %7.3f s  %7d KiB" % bc)
        print("  bounceq decode --json   %7.3f s  %7d KiB" % bb)
        print("  ratio bounceq / cat     %7.1fx time, memory %.1fx the file size" %
              (bb[0] / bc[0], bb[1] * 1024 / os.path.getsize(big)))
        many = os.path.join(tmp, "many.eml")
        many_bounce(many)
        mc = run(["cat", many])
        mb = run([binary, "decode", "--json", many])
        print("bench: hostile report listing 200,000 recipients (%.1f MB)" % (os.path.getsize(many) / 1e6))
        print("  cat                     %7.3f s  %7d KiB" % mc)
        print("  bounceq decode --json   %7.3f s  %7d KiB" % mb)
        print("  ratio bounceq / cat     %7.1fx time, memory %.1fx the file size" %
              (mb[0] / mc[0], mb[1] * 1024 / os.path.getsize(many)))
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
