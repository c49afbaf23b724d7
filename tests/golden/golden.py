#!/usr/bin/env python3
"""Golden tests for `bounceq decode --json`.

  golden.py check BIN    compare with tests/golden/expected.jsonl and check the
                         accuracy gate against Sisimai's expected.tsv
  golden.py update BIN   rewrite expected.jsonl from BIN's output (review the diff!)

expected.jsonl holds, per vendored mail, the facts a postmaster relies on
(kind, recipients, actions, statuses, reply codes, reasons, the returned
original), so any change in what bounceq reports shows up as a failure.
The accuracy gate is independent truth: Sisimai's own expectations, scored
by position; x.0.9NN / x.9.NNN pseudo-codes compare by class only.
"""
import csv, json, os, re, subprocess, sys, time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLD = os.path.join(TOP, "tests", "golden", "expected.jsonl")
GATE = os.path.join(TOP, "tests", "golden", "gate.tsv")
SIS = os.path.join("tests", "data", "sisimai")
DIRS = [os.path.join(SIS, "maildir", d) for d in ("bsd", "dos", "mac", "not")] + \
       [os.path.join("tests", "data", "mail"), os.path.join(SIS, "mailbox")]
PSEUDO = re.compile(r"^[245]\.(0\.9\d\d|9\.\d+)$")
ALIASES = {"toomanyconn": "ratelimited", "speeding": "ratelimited",
           "mesgtoobig": "emailtoolarge", "exceedlimit": "emailtoolarge"}


def files():
    out = []
    for d in DIRS:
        full = os.path.join(TOP, d)
        for n in sorted(os.listdir(full)):
            if not n.startswith(".") and os.path.isfile(os.path.join(full, n)):
                out.append(os.path.join(d, n))
    return out


def decode(binary, paths):
    res = {}
    for i in range(0, len(paths), 150):
        p = subprocess.run([binary, "decode", "--json"] + paths[i:i + 150], cwd=TOP,
                           capture_output=True, timeout=300)
        if p.returncode not in (0, 1):
            sys.exit("golden: %s exited with %d on %s..: %s" %
                     (binary, p.returncode, paths[i], p.stderr.decode(errors="replace")[-2000:]))
        for line in p.stdout.decode("utf-8").splitlines():
            o = json.loads(line)  # invalid JSON is a failure in itself
            key = o["file"] + ("#%d" % o["index"] if "index" in o else "")
            res[key] = o
    return res


def project(o):
    if "error" in o:
        return {"error": o["error"]}
    rs = []
    for r in o.get("recipients", []):
        rs.append({k: r.get(k) for k in ("recipient", "original_recipient", "action", "status",
                                         "status_source", "reply_code", "reason", "hard")})
    orig = o.get("original") or {}
    return {"kind": o.get("kind"), "bounce": o.get("bounce"), "mta": o.get("mta"),
            "original": {"message_id": orig.get("message_id"), "part": orig.get("part")},
            "recipients": rs}


def score(res):
    rows = {}
    with open(os.path.join(TOP, SIS, "expected.tsv"), newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            rows.setdefault(os.path.join(SIS, r["file"]), []).append(r)
    n = dict.fromkeys(("count", "count_ok", "status", "status_ok", "reply", "reply_ok",
                       "reason", "reason_ok", "neg", "neg_ok"), 0)
    for path, exp in rows.items():
        got = res.get(path) or {}
        dec = [r for r in got.get("recipients") or []]
        exp = sorted(exp, key=lambda r: int(r["recipient_index"]))
        n["count"] += 1
        n["count_ok"] += len(dec) == len(exp)
        for i, e in enumerate(exp):
            d = dec[i] if i < len(dec) else {}
            if e["status"]:
                st = d.get("status") or ""
                n["status"] += 1
                n["status_ok"] += (st[:1] == e["status"][:1]) if PSEUDO.match(e["status"]) \
                    else st == e["status"]
            if e["replycode"]:
                n["reply"] += 1
                n["reply_ok"] += str(d.get("reply_code") or "") == e["replycode"]
            n["reason"] += 1
            want = ALIASES.get(e["reason"].lower(), e["reason"].lower())
            n["reason_ok"] += (d.get("reason") or "") == want
    for path in res:
        if path.startswith(os.path.join(SIS, "maildir", "not")):
            n["neg"] += 1
            n["neg_ok"] += not res[path].get("recipients")
    return {k: 100.0 * n[k + "_ok"] / n[k] if n[k] else 100.0
            for k in ("count", "status", "reply", "reason", "neg")}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("check", "update"):
        sys.exit("usage: golden.py check|update BIN")
    binary = os.path.abspath(sys.argv[2])
    # Marks every process this run starts (tests/leftover.sh).
    run_id = "golden-%d-%d" % (os.getpid(), time.time_ns())
    os.environ["BOUNCEQ_TEST_RUN"] = run_id
    res = decode(binary, files())
    got = {k: project(v) for k, v in sorted(res.items())}
    if sys.argv[1] == "update":
        with open(GOLD, "w") as f:
            for k, v in got.items():
                f.write(json.dumps({"file": k, **v}, ensure_ascii=False, sort_keys=True) + "\n")
        print("golden: wrote %d entries to %s" % (len(got), GOLD))
        return
    want = {}
    with open(GOLD) as f:
        for line in f:
            o = json.loads(line)
            want[o.pop("file")] = o
    passed = failed = 0
    for k in sorted(set(want) | set(got)):
        if want.get(k) == got.get(k):
            passed += 1
            continue
        failed += 1
        if failed <= 15:
            print("golden: FAIL %s\n  want %s\n  got  %s" % (k, json.dumps(want.get(k), ensure_ascii=False),
                                                       json.dumps(got.get(k), ensure_ascii=False)))
    sc = score(res)
    with open(GATE) as f:
        gate = {r[0]: float(r[1]) for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")}
    for k, v in sc.items():
        ok = v >= gate.get(k, 0)
        print("golden: accuracy %-7s %5.1f%% (gate %5.1f%%) %s" % (k, v, gate.get(k, 0), "ok" if ok else "FAIL"))
        passed += ok
        failed += not ok
    left = subprocess.run(["sh", os.path.join(TOP, "tests", "leftover.sh"), run_id],
                          capture_output=True, text=True)
    if left.returncode != 0:
        print("golden: FAIL still running after the run (now killed):\n" + left.stdout, end="")
    passed += left.returncode == 0
    failed += left.returncode != 0
    print("golden: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
