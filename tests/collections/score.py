#!/usr/bin/env python3
"""Score `BIN decode --json` against the hand labels in labels.tsv.

usage: score.py [BIN] [--show]

BIN defaults to `bounceq` on PATH.  --show lists every disagreement.

labels.tsv columns (tab separated, one message a line):
  file        path relative to this directory
  recipients  comma-separated lowercase addresses the sender used that failed
              or were delayed (the complainant for an ARF feedback report);
              empty for auto-replies, read receipts, success notices, other
              mail, and failures that name no address
  status      x.y.z per recipient (one value for all, or a comma list aligned
              with recipients); "a|b" means either is right; "-" = the mail
              gives no code (not scored)
  hard        yes/no per recipient (same shape as status); "-" = not scored
  kind        failure / delay / feedback / autoreply / success / other

What bounceq reports as "failed" for a message: the rows whose action is
failed or delayed, plus, for a feedback report, its complainants (action
null).  Rows of auto-replies (reason vacation), read receipts and delivered
or relayed rows are not failures.  Kind agreement is reported too but is
not one of the scores the issue asks for.
"""
import json
import os
import subprocess
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
# The mail itself is not in the repository (licences vary; see README.md):
# BOUNCEQ_COLLECTIONS names the folder the projects' files were fetched into.
MAIL = os.environ.get("BOUNCEQ_COLLECTIONS", HERE)
FAIL_ACTIONS = {"failed", "delayed"}
NONFAIL_KINDS = {"feedback", "autoreply", "success", "other"}
# bounceq's "kind" values that agree with each label kind.  A failure that
# names no address has no row, and bounceq calls such a mail "none".
KIND_OK = {"failure": {"dsn", "text", "mdn"}, "delay": {"dsn", "text"},
           "feedback": {"feedback"}, "autoreply": {"autoreply", "mdn"},
           "success": {"dsn"}, "other": {"none"}}


def load_labels(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        assert header == ["file", "recipients", "status", "hard", "kind"], header
        for n, line in enumerate(fh, 2):
            line = line.rstrip("\n")
            if not line:
                continue
            cols = line.split("\t")
            if len(cols) != 5:
                sys.exit(f"labels.tsv:{n}: want 5 columns, got {len(cols)}")
            f, rc, st, hd, kind = cols
            rcpts = [r.strip() for r in rc.split(",") if r.strip()]

            def per(value):
                if value == "-" or value == "":
                    return {r: None for r in rcpts}
                vals = value.split(",")
                if len(vals) == 1:
                    vals = vals * len(rcpts)
                if len(vals) != len(rcpts):
                    sys.exit(f"labels.tsv:{n}: {value!r} does not match {len(rcpts)} recipients")
                return {r: (None if v == "-" else v) for r, v in zip(rcpts, vals)}

            rows.append({"file": f, "rcpts": set(rcpts), "status": per(st),
                         "hard": per(hd), "kind": kind})
    return rows


def decode(binary, path):
    """Return (rows by recipient, kinds, error) for one file."""
    try:
        p = subprocess.run([binary, "decode", "--json", path], capture_output=True,
                           timeout=30, text=True, errors="replace")
    except subprocess.TimeoutExpired:
        return {}, set(), "timeout"
    got, kinds, err = {}, set(), None
    for line in p.stdout.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            err = "bad json"
            continue
        if "error" in obj:
            err = obj["error"]
            continue
        kinds.add(obj.get("kind"))
        for r in obj.get("recipients") or []:
            addr = (r.get("recipient") or "").lower()
            action = r.get("action")
            counts = action in FAIL_ACTIONS or (obj.get("kind") == "feedback" and action is None)
            if r.get("reason") == "vacation":
                counts = False
            if counts and addr:
                got.setdefault(addr, r)
    if p.returncode != 0 and not got and err is None:
        err = f"exit {p.returncode}: {p.stderr.strip()[:200]}"
    return got, kinds, err


def main(argv):
    show = "--show" in argv
    args = [a for a in argv if a != "--show"]
    binary = args[0] if args else "bounceq"
    labels = load_labels(os.path.join(HERE, "labels.tsv"))

    per_project = defaultdict(lambda: [0, 0])
    exact = 0
    st_ok = st_n = 0
    hd_ok = hd_n = 0
    nonfail_reported = []
    kind_ok = 0
    misses = []
    for lab in labels:
        path = os.path.join(MAIL, lab["file"])
        got, kinds, err = decode(binary, path)
        proj = lab["file"].split("/", 1)[0]
        per_project[proj][1] += 1
        gset = set(got)
        notes = []
        if err:
            notes.append(f"error: {err}")
        if gset == lab["rcpts"]:
            exact += 1
            per_project[proj][0] += 1
        else:
            notes.append(f"recipients: want {sorted(lab['rcpts'])} got {sorted(gset)}")
        want_kinds = set(KIND_OK[lab["kind"]])
        if lab["kind"] == "failure" and not lab["rcpts"]:
            want_kinds.add("none")
        if kinds and kinds <= want_kinds:
            kind_ok += 1
        else:
            notes.append(f"kind: label {lab['kind']} got {sorted(k or '-' for k in kinds)}")
        if lab["kind"] in NONFAIL_KINDS and lab["kind"] != "feedback" and gset:
            nonfail_reported.append(lab["file"])
        if lab["kind"] == "feedback":
            if any(r.get("action") in FAIL_ACTIONS or r.get("hard") for r in got.values()):
                nonfail_reported.append(lab["file"])
        for addr in lab["rcpts"] & gset:
            row = got[addr]
            want = lab["status"][addr]
            if want is not None:
                st_n += 1
                if (row.get("status") or "") in want.split("|"):
                    st_ok += 1
                else:
                    notes.append(f"status {addr}: want {want} got {row.get('status')}")
            want = lab["hard"][addr]
            if want is not None:
                hd_n += 1
                if (want == "yes") == bool(row.get("hard")):
                    hd_ok += 1
                else:
                    notes.append(f"hard {addr}: want {want} got {row.get('hard')} ({row.get('reason')})")
        if notes:
            misses.append((lab["file"], lab["kind"], sorted(k for k in kinds if k), notes))

    n = len(labels)
    pct = lambda a, b: (100.0 * a / b) if b else 0.0
    print(f"binary: {binary}")
    print(f"messages: {n} from {len(per_project)} projects")
    print(f"recipients exactly right: {exact}/{n} = {pct(exact, n):.1f}%")
    print(f"status agreement: {st_ok}/{st_n} = {pct(st_ok, st_n):.1f}% (rows where both have the recipient and the label has a code)")
    print(f"hard/soft agreement: {hd_ok}/{hd_n} = {pct(hd_ok, hd_n):.1f}% (rows where both have the recipient and the label says yes/no)")
    print(f"kind agreement: {kind_ok}/{n} = {pct(kind_ok, n):.1f}% (failure/delay = dsn or text, feedback, autoreply, success = dsn, other = none)")
    print(f"complaints/auto-replies/success/other mail reported as failed: {len(nonfail_reported)}")
    for f in nonfail_reported:
        print(f"  {f}")
    print("per project (recipients exactly right / messages):")
    for proj in sorted(per_project):
        ok, tot = per_project[proj]
        print(f"  {proj:45s} {ok:3d}/{tot:3d}")
    if show:
        print("disagreements:")
        for f, kind, kinds, notes in misses:
            print(f"- {f} [label {kind}; bounceq kind {','.join(kinds) or '-'}]")
            for note in notes:
                print(f"    {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
