#!/usr/bin/env python3
"""`bounceq queue --flush|--hold|--release|--delete` on the real MTA's queue.

usage: check_actions.py --mta M --bin BIN --ns NS --conf CONF --work DIR
                        --smtp-log FILE [--summary FILE]

Acts on the two messages of cases.py kept for it (ACTION_CASES: one
recipient each, NOTIFY=NEVER, deferred by the fake remote until they
expire, so what is done to them changes no other expectation), with
bounceq run in the namespace NS on the MTA whose configuration is CONF
(Postfix: -c DIR; Exim: -C FILE), and checks each step in the MTA's own
listing (postqueue -j queue_name, exim -bp "*** frozen ***"):

  off      with queue.actions not set, --hold is refused and nothing changes;
  flush    --flush ID: a new delivery attempt reaches the fake remote
           (fakesmtp's log; Exim's -M before bounceq returns) or the message
           leaves the queue;
  hold     --hold ID ID: both on hold, and no attempt while they are;
  release  --release --domain D: the one of D leaves hold, the other stays;
  delete   --delete ID: gone from the listing; again: "not in the queue".

Whatever of the two is left on hold at the end is deleted with the MTA's
own command, so the queue can empty.  Prints PASS/FAIL lines; --summary
FILE gets "passed failed skipped".
"""
import argparse
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases as C  # noqa: E402

# Seconds without any delivery attempt that prove a hold: more than
# Postfix's maximal_backoff_time plus queue_run_delay (4 + 2) and Exim's
# retry interval plus its queue runner's (3 + 2).
HELD_QUIET = 6.5


class Run:
    def __init__(self, a):
        self.a = a
        self.passed = self.failed = 0
        self.ns = ["ip", "netns", "exec", a.ns]
        self.on = os.path.join(a.work, "actions-on")
        self.off = os.path.join(a.work, "actions-off")
        for d, text in ((self.on, "queue.actions = yes\n"), (self.off, "# nothing\n")):
            os.makedirs(os.path.join(d, "bounceq"), exist_ok=True)
            with open(os.path.join(d, "bounceq", "config"), "w") as f:
                f.write(text)

    def check(self, name, cond, detail=""):
        if cond:
            self.passed += 1
            print("PASS %s: actions: %s" % (self.a.mta, name))
        else:
            self.failed += 1
            print("FAIL %s: actions: %s: %s" % (self.a.mta, name, detail))
        return cond

    def bounceq(self, *args, config=None):
        """bounceq queue ARGS in the namespace; (status, stdout, stderr).

        Exim refuses to touch a message a delivery process holds ("is
        locked"); its queue runner retries the deferred ones every few
        seconds, so that answer is tried again, a few times."""
        mta = (["--mta", "postfix", "--config-dir", self.a.conf] if self.a.mta == "postfix"
               else ["--mta", "exim", "--exim-config", self.a.conf])
        cmd = self.ns + ["env", "XDG_CONFIG_HOME=" + (config or self.on), self.a.bin,
                         "queue"] + mta + list(args)
        for _ in range(5):
            p = subprocess.run(cmd, capture_output=True, timeout=90, stdin=subprocess.DEVNULL)
            out, err = p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")
            if "is locked" not in err:
                break
            print("e2e: %s: actions: %s said 'locked'; again" % (self.a.mta, args[0]))
            time.sleep(0.5)
        return p.returncode, out, err

    def listing(self):
        """{queue ID: held} from the MTA's own listing."""
        if self.a.mta == "postfix":
            p = subprocess.run(self.ns + ["postqueue", "-c", self.a.conf, "-j"],
                               capture_output=True, timeout=60)
            out = {}
            for line in p.stdout.decode(errors="replace").splitlines():
                try:
                    m = json.loads(line)
                except ValueError:
                    continue
                out[m.get("queue_id")] = m.get("queue_name") == "hold"
            return out
        p = subprocess.run(self.ns + ["exim4", "-C", self.a.conf, "-bp"], capture_output=True,
                           timeout=60)
        out = {}
        for line in p.stdout.decode(errors="replace").splitlines():
            words = line.split()
            # "<age> <size> <id> <sender> [*** frozen ***]"; recipients are indented deeper.
            if len(words) >= 3 and not line.startswith("      ") and "-" in words[2]:
                out[words[2]] = line.rstrip().endswith("*** frozen ***")
        return out

    def attempts(self, addr):
        """RCPT commands for addr that reached the fake remote so far."""
        n = 0
        try:
            with open(self.a.smtp_log, encoding="utf-8", errors="replace") as f:
                for line in f:
                    try:
                        r = json.loads(line)
                    except ValueError:
                        continue
                    n += r.get("event") == "rcpt" and r.get("rcpt") == addr
        except OSError:
            pass
        return n

    def mta_delete(self, qid):
        cmd = (["postsuper", "-c", self.a.conf, "-d", qid] if self.a.mta == "postfix"
               else ["exim4", "-C", self.a.conf, "-Mrm", qid])
        subprocess.run(self.ns + cmd, capture_output=True, timeout=60)


def addresses():
    """(flush-and-hold address, delete address, the first one's domain)."""
    by_id = {c.id: c.rcpts[0].addr for c in C.CASES if c.id in C.ACTION_CASES}
    flush, delete = by_id["queue-act-flush"], by_id["queue-act-delete"]
    return flush, delete, flush.rsplit("@", 1)[1]


def queue_ids(r, want):
    """{address: queue ID} for the addresses want, from bounceq's own list."""
    rc, out, err = r.bounceq("--list", "--json", "--queue", "all")
    ids = {}
    for line in out.splitlines():
        try:
            o = json.loads(line)
        except ValueError:
            continue
        if o.get("recipient") in want:
            ids[o["recipient"]] = o["queue_id"]
    r.check("the messages kept for actions are in the queue", rc == 0 and len(ids) == len(want),
            "exit %d, found %r of %r: %s" % (rc, ids, want, err[:300]))
    return ids


def step_off(r, a_id):
    rc, out, err = r.bounceq("--hold", a_id, "--yes", config=r.off)
    r.check("off: --hold refused without queue.actions = yes",
            rc == 1 and "turned off in the configuration" in err and out == "",
            "exit %d, out %r, err %r" % (rc, out, err[:300]))
    r.check("off: the message is not on hold", r.listing().get(a_id) is False,
            "listing %r" % r.listing())


def step_flush(r, a_id, a_addr):
    before = r.attempts(a_addr)
    rc, out, err = r.bounceq("--flush", a_id, "--yes")
    r.check("flush: --flush ID exits 0 and says so",
            rc == 0 and out.startswith("flushed 1 message: %s (" % a_id),
            "exit %d, out %r, err %r" % (rc, out, err[:300]))
    # exim -M attempts the delivery before it returns (before the retry
    # time: no queue run would have); postqueue -i asks the queue manager.
    if r.a.mta == "exim":
        r.check("flush: exim -M attempted the delivery before bounceq returned",
                r.attempts(a_addr) > before or a_id not in r.listing(),
                "attempts %d before, %d after" % (before, r.attempts(a_addr)))
    end = time.time() + 10
    while time.time() < end and r.attempts(a_addr) == before and a_id in r.listing():
        time.sleep(0.2)
    after = r.attempts(a_addr)
    r.check("flush: a delivery attempt reached the remote (or the message left the queue)",
            after > before or a_id not in r.listing(),
            "attempts %d before, %d after; listing %r" % (before, after, r.listing()))


def step_hold(r, a_id, d_id, a_addr):
    rc, out, err = r.bounceq("--hold", a_id, d_id, "--yes")
    r.check("hold: --hold ID ID exits 0 and names both",
            rc == 0 and out.strip() == "held 2 messages: %s, %s" % (a_id, d_id),
            "exit %d, out %r, err %r" % (rc, out, err[:300]))
    held = r.listing()
    where = "postqueue -j queue_name hold" if r.a.mta == "postfix" else "exim -bp *** frozen ***"
    r.check("hold: both on hold in the MTA's listing (%s)" % where,
            held.get(a_id) is True and held.get(d_id) is True, "listing %r" % held)
    time.sleep(1)
    before = r.attempts(a_addr)
    time.sleep(HELD_QUIET)
    r.check("hold: no delivery attempt while on hold (%.1f s)" % HELD_QUIET,
            r.attempts(a_addr) == before and r.listing().get(a_id) is True,
            "attempts %d, then %d; listing %r" % (before, r.attempts(a_addr), r.listing()))
    rc, out, err = r.bounceq("--hold", a_id, "--yes")
    r.check("hold: again is refused by name", rc == 1 and "is on hold already" in err,
            "exit %d, err %r" % (rc, err[:300]))


def step_release(r, a_id, d_id, domain):
    rc, out, err = r.bounceq("--release", "--domain", domain, "--yes")
    r.check("release: --release --domain %s releases its one message" % domain,
            rc == 0 and out.strip() == "released 1 message: %s" % a_id,
            "exit %d, out %r, err %r" % (rc, out, err[:300]))
    held = r.listing()
    r.check("release: it is off hold in the MTA's listing, the other still on hold",
            held.get(a_id, False) is False and held.get(d_id) is True, "listing %r" % held)


def step_delete(r, d_id):
    rc, out, err = r.bounceq("--delete", d_id, "--yes")
    r.check("delete: --delete ID exits 0 and says so",
            rc == 0 and out.strip() == "deleted 1 message: %s" % d_id,
            "exit %d, out %r, err %r" % (rc, out, err[:300]))
    r.check("delete: gone from the MTA's listing", d_id not in r.listing(),
            "listing %r" % r.listing())
    rc, out, err = r.bounceq("--delete", d_id, "--yes")
    r.check("delete: again: not in the queue, exit 1",
            rc == 1 and "%s is not in the queue" % d_id in err, "exit %d, err %r" % (rc, err[:300]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mta", required=True, choices=("postfix", "exim"))
    ap.add_argument("--bin", required=True)
    ap.add_argument("--ns", required=True)
    ap.add_argument("--conf", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--smtp-log", required=True)
    ap.add_argument("--summary")
    a = ap.parse_args()
    r = Run(a)
    a_addr, d_addr, domain = addresses()
    ids = queue_ids(r, {a_addr, d_addr})
    if len(ids) == 2:
        a_id, d_id = ids[a_addr], ids[d_addr]
        try:
            step_off(r, a_id)
            step_flush(r, a_id, a_addr)
            step_hold(r, a_id, d_id, a_addr)
            step_release(r, a_id, d_id, domain)
            step_delete(r, d_id)
        finally:
            # Held mail never expires: nothing of it may stay behind.
            for qid, held in r.listing().items():
                if qid in (a_id, d_id) and held:
                    r.mta_delete(qid)
    print("%s: actions: %d passed, %d failed" % (a.mta, r.passed, r.failed))
    if a.summary:
        with open(a.summary, "w") as f:
            f.write("%d %d 0\n" % (r.passed, r.failed))
    sys.exit(1 if r.failed else 0)


if __name__ == "__main__":
    main()
