#!/usr/bin/env python3
"""Integration tests for `bounceq list` / `bounceq groups` (see run.sh).

Every database is built here with the notmuch CLI from the vendored mail
(tests/data/index, tests/data/sisimai), in a temporary directory, with
HOME, XDG_* and NOTMUCH_CONFIG pointing into it: the user's own notmuch
config and mail are never touched.
"""
import collections, glob, hashlib, json, os, shutil, subprocess, sys, tempfile, time
import urllib.parse

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(TOP, "tests", "data", "index")
SIS = os.path.join(TOP, "tests", "data", "sisimai", "maildir")
DEMO = os.path.join(TOP, "demo", "maildir", "cur")
SUCCESS = ("delivered", "relayed", "expanded", "deliverable")
passed = failed = 0
# Marks every process this run starts (tests/leftover.sh); Box.env keeps it.
RUN_ID = "index-%d-%d" % (os.getpid(), time.time_ns())
os.environ["BOUNCEQ_TEST_RUN"] = RUN_ID


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL: %s%s" % (name, (": " + str(detail)[:2000]) if detail else ""))


def jsonl(text):
    return [json.loads(l) for l in text.splitlines() if l.strip()]


class Box:
    """A private HOME with one notmuch database."""

    def __init__(self, root, name, sources, suffix=".eml"):
        self.root = os.path.join(root, name)
        self.home = os.path.join(self.root, "home")
        self.mail = os.path.join(self.root, "mail")
        self.cfg = os.path.join(self.root, "notmuch-config")
        os.makedirs(self.home)
        for sub, src in sources:
            dst = os.path.join(self.mail, sub)
            os.makedirs(dst, exist_ok=True)
            for f in sorted(os.listdir(src)):
                if os.path.isfile(os.path.join(src, f)) and f.endswith(suffix) and not f.startswith("."):
                    shutil.copy(os.path.join(src, f), dst)
        with open(self.cfg, "w") as f:
            f.write("[database]\npath=%s\n[new]\ntags=new\n" % self.mail)
        self.env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.home,
                    "XDG_CONFIG_HOME": os.path.join(self.home, ".config"),
                    "XDG_CACHE_HOME": os.path.join(self.home, ".cache"),
                    "NOTMUCH_CONFIG": self.cfg, "TZ": "UTC", "LC_ALL": "C.UTF-8",
                    "BOUNCEQ_TEST_RUN": RUN_ID}
        self.notmuch("new")

    def notmuch(self, *args):
        p = subprocess.run(["notmuch"] + list(args), env=self.env, capture_output=True,
                           timeout=600)
        if p.returncode != 0:
            sys.exit("index: notmuch %s failed: %s" % (args, p.stderr.decode()))
        return p.stdout.decode()

    def run(self, *args, env=None):
        e = dict(self.env)
        for k, v in (env or {}).items():
            if v is None:
                e.pop(k, None)
            else:
                e[k] = v
        p = subprocess.run([BIN] + list(args), env=e, capture_output=True, timeout=600)
        return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")

    def stats(self, *args):
        rc, out, err = self.run("list", "--stats", "--json", *args)
        line = [l for l in err.splitlines() if l.startswith("queried ")]
        return rc, (line[0] if line else err), out


def decode_recipients(files):
    """(basename, recipient) multiset from `bounceq decode --json`."""
    res = collections.Counter()
    for i in range(0, len(files), 200):
        p = subprocess.run([BIN, "decode", "--json"] + files[i:i + 200],
                           capture_output=True, timeout=600)
        for o in jsonl(p.stdout.decode("utf-8")):
            if o.get("kind") not in ("dsn", "text") or not o.get("bounce"):
                continue
            for r in o.get("recipients", []):
                res[(o["file"], r.get("recipient"))] += 1
    return res


def list_recipients(rows):
    res = collections.Counter()
    for r in rows:
        if r.get("error") is None:
            res[(r["file"], r["recipient"])] += 1
    return res


def small_tests(box):
    n_files = len(glob.glob(os.path.join(box.mail, "cur", "*.eml")))

    # Help and usage errors.
    rc, out, _ = box.run("list", "--help")
    check("list --help", rc == 0 and out.startswith("usage: bounceq list"), out[:200])
    rc, out, _ = box.run("groups", "--help")
    check("groups --help", rc == 0 and out.startswith("usage: bounceq groups"), out[:200])
    rc, _, err = box.run("groups", "--by", "colour")
    check("groups --by bogus exits 2", rc == 2 and "--by" in err, err)
    rc, _, err = box.run("list", "-q", "*", "tag:new")
    check("-q and query words exit 2", rc == 2, err)

    # Where is the database?
    rc, _, err = box.run("list", env={"NOTMUCH_CONFIG": box.root + "/nowhere"})
    check("no database: exit 1, names the place and the options",
          rc == 1 and box.root + "/nowhere" in err and "--database" in err, err)
    rc, out, err = box.run("list", "--json", "--database", box.mail,
                           env={"NOTMUCH_CONFIG": None})
    check("--database without any config", rc == 0 and len(jsonl(out)) > 0, err)
    rc, out2, err = box.run("list", "--json", "--config", box.cfg,
                            env={"NOTMUCH_CONFIG": box.root + "/nowhere"})
    check("--config beats NOTMUCH_CONFIG", rc == 0 and out2 == out, err)
    rc, out3, err = box.run("list", "--json")
    check("NOTMUCH_CONFIG", rc == 0 and out3 == out, err)
    prof = os.path.join(box.home, ".config", "notmuch", "work")
    os.makedirs(prof)
    shutil.copy(box.cfg, os.path.join(prof, "config"))
    rc, out4, err = box.run("list", "--json", env={"NOTMUCH_CONFIG": None,
                                                   "NOTMUCH_PROFILE": "work"})
    check("NOTMUCH_PROFILE", rc == 0 and out4 == out, err)
    rc, out4, err = box.run("list", "--json", "--profile", "work",
                            env={"NOTMUCH_CONFIG": None})
    check("--profile", rc == 0 and out4 == out, err)
    rc, _, err = box.run("list", "--profile", "home", env={"NOTMUCH_CONFIG": None})
    check("--profile without a config: exit 1, names the profile",
          rc == 1 and "notmuch/home/config" in err, err)
    shutil.rmtree(prof)
    rc, _, err = box.run("list", "--database", box.root)
    check("--database without a database: exit 1", rc == 1 and box.root in err, err)

    # Rows: same recipients as decode over the same files.
    rc, out, err = box.run("list", "--json", "--history", "-q", "*")
    rows = jsonl(out)
    files = sorted(glob.glob(os.path.join(box.mail, "cur", "*.eml")))
    check("list -q '*' --history == decode (recipients per file)",
          list_recipients(rows) == decode_recipients(files),
          (list_recipients(rows), decode_recipients(files)))
    keys = ["date", "recipient", "domain", "action", "status", "reply_code", "reason", "hard",
            "remote_mta", "reporting_mta", "diagnostic", "template", "message_id", "file",
            "original_message_id", "original_from", "original_subject", "kind", "chain",
            "chain_len", "superseded", "escalated", "will_retry_until", "tags"]
    check("row keys", all(list(r.keys()) == keys for r in rows), rows[0].keys())
    rc, out, _ = box.run("list", "--json", "--other", "-q", "*")
    other = jsonl(out)
    check("non-failures kept apart",
          sorted(r["kind"] for r in other) == ["feedback", "none"] and
          not any(r["kind"] not in ("dsn", "text") for r in rows), other)
    rc, out, _ = box.run("list", "--json", "--other")
    check("default query leaves the ARF report out",
          [r["message_id"] for r in jsonl(out)] == ["plain1@mx.example.com"], out)

    # Chains.
    rc, out, _ = box.run("list", "--json")
    latest = jsonl(out)
    alice = [r for r in latest if r["recipient"] == "alice@example.org"]
    check("chain: latest state only", len(alice) == 1 and alice[0]["action"] == "failed" and
          alice[0]["chain_len"] == 2 and not alice[0]["superseded"], alice)
    rc, out, _ = box.run("list", "--json", "--history", "--filter", "alice")
    hist = jsonl(out)
    check("chain: --history shows delay then failure",
          [r["action"] for r in hist] == ["delayed", "failed"] and hist[0]["superseded"] and
          hist[0]["chain"] == hist[1]["chain"], hist)

    # Groups: sums add up, both levels, per day.
    for by in ("reason", "status", "domain", "remote-mta", "reporting-mta", "sender", "day",
               "template", "reason,domain", "domain,template"):
        rc, out, err = box.run("groups", "--json", "--by", by)
        gs = jsonl(out)
        ok = rc == 0 and sum(g["rows"] for g in gs) == len(latest)
        for g in gs:
            ok = ok and g["hard"] + g["soft"] <= g["rows"] and \
                sum(g["by_day"].values()) == g["rows"] and g["recipients"] <= g["rows"]
            if "," in by:
                ok = ok and len(g["sub"]) > 0 and sum(s["rows"] for s in g["sub"]) == g["rows"]
            else:
                ok = ok and g["sub"] == []
        check("groups --by %s adds up" % by, ok, out[:1500] + err)
    rc, out, _ = box.run("groups", "--json", "--by", "template")
    tmpl = [g for g in jsonl(out) if g["key"] and g["key"].startswith("550 5.1.1 <*@*>: Recipient")]
    check("template groups alice and bob",
          len(tmpl) == 1 and tmpl[0]["rows"] == 2 and tmpl[0]["recipients"] == 2 and
          tmpl[0]["first"] == "2026-11-05T12:00:00Z" and
          tmpl[0]["by_day"] == {"2026-11-05": 2}, tmpl)
    # Sorting: by name ascending, -r the other way, last seen newest first.
    rc, out, _ = box.run("groups", "--json", "--by", "domain", "--sort", "name")
    keys = [g["key"] for g in jsonl(out) if g["key"] is not None]
    check("groups --sort name", rc == 0 and len(keys) > 2 and keys == sorted(keys), keys)
    rc, out, _ = box.run("groups", "--json", "--by", "domain", "--sort", "name", "-r")
    rkeys = [g["key"] for g in jsonl(out) if g["key"] is not None]
    check("groups --sort name -r", rc == 0 and rkeys == sorted(keys, reverse=True), rkeys)
    rc, out, _ = box.run("groups", "--json", "--by", "domain", "--sort", "last")
    lasts = [g["last"] for g in jsonl(out) if g["key"] is not None and g["last"]]
    check("groups --sort last: newest first", rc == 0 and len(lasts) > 1 and
          lasts == sorted(lasts, reverse=True), lasts)
    rc, out, _ = box.run("groups", "--json", "--by", "domain", "--sort", "soft", "--reverse")
    softs = [g["soft"] for g in jsonl(out) if g["key"] is not None]
    check("groups --sort soft -r: fewest first", rc == 0 and softs == sorted(softs), softs)
    rc, _, err = box.run("groups", "--sort", "colour")
    check("groups --sort with a bad key is a usage error", rc == 2 and "colour" in err and
          "recipients" in err, err)
    rc, out, _ = box.run("groups", "--json", "--by", "domain", "--filter",
                         "domain:example.org or domain:example.net")
    check("groups with a filter", sorted(g["key"] for g in jsonl(out)) ==
          ["example.net", "example.org"], out)

    # Filters.
    def recips(*args):
        rc, out, err = box.run("list", "--json", *args)
        return rc, sorted(r["recipient"] for r in jsonl(out)), err
    # lhost-postfix-01 names kijitora@example.org as the Original-Recipient:
    # the address the sender used, not the final r@p351355.pool.example.ne.jp.
    check("filter domain glob", recips("--filter", "domain:*.org")[1] ==
          ["alice@example.org", "kijitora@example.org"])
    check("filter and/not", recips("--filter", "status:5.1.* and -domain:example.org and "
                                   "template:\"virtual mailbox\"")[1] == ["bob@example.net"])
    check("filter or + parens", recips("--filter", "(bob or alice) and action:failed")[1] ==
          ["alice@example.org", "bob@example.net"])
    check("filter since/until", recips("--filter", "since:2026-11-05 until:2026-11-05")[1] ==
          ["alice@example.org", "bob@example.net"])
    rc, _, err = recips("--filter", "status:5.1.1 and (domain:x")
    check("bad filter: exit 2, column and expectation",
          rc == 2 and "column 27" in err and "expected ')'" in err, err)
    rc, _, err = recips("--filter", "colour:red")
    check("bad filter: unknown field", rc == 2 and "unknown field 'colour'" in err, err)

    export_tests(box)

    # Query: positional words, and bounceq's own config file.
    rc, out, _ = box.run("list", "--json", "--history", "subject:Delayed")
    check("positional query", [r["action"] for r in jsonl(out)] == ["delayed"], out)
    os.makedirs(os.path.join(box.home, ".config", "bounceq"))
    with open(os.path.join(box.home, ".config", "bounceq", "config"), "w") as f:
        f.write("query = subject:Delayed\nbogus = 1\n")
    rc, out, err = box.run("list", "--json", "--history")
    check("config file query and its diagnostics",
          [r["action"] for r in jsonl(out)] == ["delayed"] and "config:2: unknown key" in err,
          out + err)
    rc, out, err = box.run("list", "--json", "--history", "-q", "subject:Undelivered")
    check("-q beats the config file", "delayed" not in [r["action"] for r in jsonl(out)] and
          len(jsonl(out)) > 1, out)
    os.unlink(os.path.join(box.home, ".config", "bounceq", "config"))

    # Tables are readable and terminal-safe.
    rc, out, _ = box.run("list")
    check("list table", rc == 0 and out.startswith("DATE ") and "\x1b" not in out, out[:300])
    rc, out, _ = box.run("groups", "--by", "reason,domain")
    check("groups table", rc == 0 and out.startswith("KEY ") and
          out.rstrip().endswith("rows in %d groups" % len(jsonl(box.run(
              "groups", "--json")[1]))), out[-300:])

    # The cache.
    shutil.rmtree(os.path.join(box.home, ".cache"), ignore_errors=True)
    n_q = int(box.stats()[1].split()[1].rstrip(","))
    rc, st, cold = box.stats()
    check("cache: warm run decodes nothing", st == "queried %d, decoded 0, cached %d" %
          (n_q, n_q), st)
    rc, st, warm = box.stats()
    check("cache: same rows warm and cold", warm == cold)
    shutil.copy(os.path.join(DATA, "extra", "new-failure.eml"), os.path.join(box.mail, "cur"))
    box.notmuch("new")
    rc, st, out = box.stats()
    check("cache: one new mail decodes one", st == "queried %d, decoded 1, cached %d" %
          (n_q + 1, n_q), st)
    check("cache: the new mail is listed",
          any(r["recipient"] == "carol@example.net" for r in jsonl(out)))
    for c in glob.glob(os.path.join(box.home, ".cache", "bounceq", "*.cache")):
        with open(c, "r+b") as f:
            f.seek(30)
            f.write(b"garbage")
    rc, st, out2 = box.stats()
    check("cache: corrupt cache rebuilt", st == "queried %d, decoded %d, cached 0" %
          (n_q + 1, n_q + 1) and out2 == out, st)
    for c in glob.glob(os.path.join(box.home, ".cache", "bounceq", "*.cache")):
        os.truncate(c, 64)
    rc, st, _ = box.stats()
    check("cache: truncated cache rebuilt", "decoded %d," % (n_q + 1) in st, st)
    rc, st, _ = box.stats()
    check("cache: rebuilt cache is used", ", decoded 0, " in st, st)
    other = os.path.join(box.root, "bounceq-rebuilt")
    shutil.copy(BIN, other)     # a new build: another mtime
    os.utime(other, (1, 1))
    p = subprocess.run([other, "list", "--stats", "--json"], env=box.env, capture_output=True)
    check("cache: another build decodes everything again",
          "decoded %d," % (n_q + 1) in p.stderr.decode(), p.stderr)
    box.stats()                 # back to this build's cache
    rc, st, _ = box.stats("--no-cache")
    check("--no-cache decodes all", "decoded %d," % (n_q + 1) in st, st)
    rc, _, before = box.stats()
    box.notmuch("tag", "+seen", "id:fail2@mx.example.com")
    rc, st, after = box.stats()
    def nofile(text):
        return [{k: v for k, v in r.items() if k not in ("file", "tags")} for r in jsonl(text)]
    # (notmuch renames the file for the S flag: the same mail, new name;
    # the rows take the new tags from the query, not from decoding)
    check("cache: a tag change decodes nothing (same mail, rows reused)",
          st == "queried %d, decoded 0, cached %d" % (n_q + 1, n_q + 1) and
          nofile(after) == nofile(before) and
          all(os.path.exists(r["file"]) for r in jsonl(after)), st)
    check("cache: the reused rows carry the new tag",
          all(("seen" in r["tags"]) == (r["message_id"] == "fail2@mx.example.com")
              for r in jsonl(after)), after[:600])
    # A message gone from the query (deleted, or here: a tag takes it out)
    # is gone from the rows, though no changed message says so: the count does.
    q = ("-q", "not tag:gone")
    rc, st, out = box.stats(*q)
    n_all = int(st.split()[1].rstrip(","))
    check("cache: another query is another set", "fail2@mx.example.com" in out, st)
    box.notmuch("tag", "+gone", "id:fail2@mx.example.com")
    rc, st, out = box.stats(*q)
    check("cache: a message that left the query is gone, nothing decoded",
          st == "queried %d, decoded 0, cached %d" % (n_all - 1, n_all - 1) and
          "fail2@mx.example.com" not in out, st)
    box.notmuch("tag", "-gone", "id:fail2@mx.example.com")
    rc, st, out = box.stats(*q)
    check("cache: and back again (new to this cache: decoded once more)",
          st == "queried %d, decoded 1, cached %d" % (n_all, n_all - 1) and
          "fail2@mx.example.com" in out, st)
    box.stats()                 # the default query's cache again

    # A file indexed but gone from disk.
    # (notmuch may have renamed it to add maildir flags)
    for f in glob.glob(os.path.join(box.mail, "cur", "tmpl-b.eml*")):
        os.unlink(f)
    rc, out, err = box.run("list", "--json")
    errs = [r for r in jsonl(out) if r.get("error")]
    check("missing file: a row with the error, exit 0",
          rc == 0 and len(errs) == 1 and "missing" in errs[0]["error"] and
          "tmpl-b.eml" in errs[0]["file"] and
          errs[0]["message_id"] == "fail2@mx.example.com", out + err)
    rc, out, _ = box.run("groups", "--json")
    check("missing file: not counted in groups",
          sum(g["rows"] for g in jsonl(out)) == len([r for r in jsonl(box.run(
              "list", "--json")[1]) if not r.get("error")]))
    return n_files


def address(a):
    """The address as export names it: the domain in lower case."""
    local, at, dom = a.rpartition("@")
    return local + at + dom.lower() if at else a


def failures(rows):
    """address -> its failure rows, oldest first (what export counts)."""
    res = {}
    for r in rows:
        if r.get("error") or r["recipient"] is None or \
                r["action"] in ("delivered", "relayed", "expanded") or \
                r["reason"] in ("delivered", "feedback", "vacation"):
            continue
        res.setdefault(address(r["recipient"]), []).append(r)
    for v in res.values():
        v.sort(key=lambda r: r["date"] or "")
    return res


def export_tests(box):
    """bounceq export against what list --json --history says."""
    rc, out, _ = box.run("list", "--json", "--history")
    want = failures(jsonl(out))
    rc, out, err = box.run("export", "--format", "json")
    ex = jsonl(out)
    check("export json: one record per address, sorted",
          rc == 0 and [e["address"] for e in ex] == sorted(want) and len(ex) > 3, out + err)
    ok = True
    for e in ex:
        rows = want.get(e["address"], [])
        last = rows[-1] if rows else {}
        ok = ok and e["count"] == len(rows) and e["last_seen"] == last.get("date") and \
            e["first_seen"] == rows[0]["date"] and e["reason"] == last.get("reason") and \
            e["status"] == last.get("status") and e["hard"] == last.get("hard") and \
            e["diagnostic"] == last.get("diagnostic") and \
            list(e) == ["address", "reason", "status", "hard", "count", "first_seen",
                        "last_seen", "diagnostic"]
    check("export json: counts, first/last seen and the latest failure", ok, ex)
    alice = [e for e in ex if e["address"] == "alice@example.org"]
    check("export: a delay and its failure are two failures, the latest one shown",
          len(alice) == 1 and alice[0]["count"] == 2 and alice[0]["reason"] == "userunknown"
          and alice[0]["hard"] is True, alice)
    rc, plain, _ = box.run("export")
    check("export plain: the same addresses, one a line",
          rc == 0 and plain == "".join(a + "\n" for a in sorted(want)), plain)
    rc, out, _ = box.run("export", "--filter", "domain:example.org or domain:example.net",
                         "--hard")
    sub = failures([r for rows in want.values() for r in rows
                    if r["domain"] in ("example.org", "example.net")])
    hard = sorted(a for a, rows in sub.items() if rows[-1]["hard"])
    check("export --filter --hard: filtered rows, latest failure hard",
          rc == 0 and out.splitlines() == hard and len(hard) >= 2 and
          len(hard) < len(sub), (out, hard, sorted(sub)))
    rc, out, _ = box.run("export", "--format", "csv", "--filter", "alice")
    lines = out.split("\r\n")
    check("export csv: header, one record, CRLF",
          rc == 0 and lines[0] == "address,reason,status,hard,count,first_seen,last_seen,"
          "diagnostic" and len(lines) == 3 and lines[2] == "" and
          lines[1].startswith("alice@example.org,userunknown,5.1.1,yes,2,"), out)
    rc, _, err = box.run("export", "--format", "xml")
    check("export --format xml: usage error", rc == 2 and "xml" in err, err)
    # Escalation with thresholds from the config file: one soft failure on
    # one day is enough, so every address with a soft failure is escalated.
    cfgdir = os.path.join(box.home, ".config", "bounceq")
    os.makedirs(cfgdir, exist_ok=True)
    with open(os.path.join(cfgdir, "config"), "w") as f:
        f.write("escalate.count = 1\nescalate.days = 1\n")
    softs = sorted(a for a, rows in want.items() if any(r["hard"] is not True for r in rows))
    rc, out, err = box.run("export", "--escalated")
    check("export --escalated (escalate.count = 1, days = 1)",
          rc == 0 and out.splitlines() == softs and 0 < len(softs) < len(want), (out, softs, err))
    rc, out, _ = box.run("list", "--json", "--history", "--filter", "escalated:yes")
    check("list --filter escalated:yes: every row of those addresses",
          sorted({address(r["recipient"]) for r in jsonl(out)}) == softs and
          all(r["escalated"] for r in jsonl(out)), out)
    os.unlink(os.path.join(cfgdir, "config"))
    os.rmdir(cfgdir)
    rc, out, _ = box.run("export", "--escalated")
    check("export --escalated with the defaults (3 over 3 days): none here",
          rc == 0 and out == "", out)


def corpus_test(root):
    subs = [(d, os.path.join(SIS, d)) for d in sorted(os.listdir(SIS))]
    box = Box(root, "corpus", subs)
    nmsg = int(box.notmuch("count", "*").strip())
    rc, out, err = box.run("list", "--json", "--history", "-q", "*")
    rows = jsonl(out)
    # Delivery notices are no failures: listed only when the filter asks.
    rc3, out3, _ = box.run("list", "--json", "--history", "-q", "*", "-f", "success:yes")
    succ = jsonl(out3)
    check("corpus: success rows apart", rc3 == 0 and succ and
          all(r["action"] in ("delivered", "relayed", "expanded", "deliverable") for r in succ) and
          not any(r["action"] in ("delivered", "relayed", "expanded", "deliverable")
                  for r in rows), out3[:500])
    rows += succ
    rc2, out2, _ = box.run("list", "--json", "--other", "-q", "*")
    other = jsonl(out2)
    seen = {r["file"] for r in rows} | {r["file"] for r in other}
    check("corpus: every message listed once", rc == 0 and len(seen) == nmsg,
          (len(seen), nmsg, err[-500:]))
    got = list_recipients(rows)
    want = decode_recipients(sorted(seen))
    check("corpus: list == decode recipients (%d)" % sum(want.values()), got == want,
          (got - want, want - got))
    # How much of the corpus does the default query find?
    rc, out, _ = box.run("list", "--json", "--history")
    found = {r["file"] for r in jsonl(out) if not r.get("error")}
    rc, out, _ = box.run("list", "--json", "--history", "-f", "success:yes")
    found |= {r["file"] for r in jsonl(out) if not r.get("error")}
    bounces = {f for f, _ in want}
    print("index: corpus %d messages, %d failure reports; the default query finds %d of them"
          % (nmsg, len(bounces), len(found & bounces)))
    # Every failure report the decoder recognises must be found: Japanese
    # subjects, post_master senders, SES through SNS, fml's notices.
    check("corpus: the default query finds every failure report",
          bounces <= found, sorted(os.path.basename(f) for f in bounces - found))
    rc, st, _ = box.stats()
    rc, st, _ = box.stats()
    check("corpus: warm run decodes nothing", ", decoded 0, " in st, st)


def success_test(root):
    """Delivery notices of real Postfix and Exim runs are no failures."""
    box = Box(root, "demo", [("cur", DEMO)], suffix="")
    files = sorted(glob.glob(os.path.join(box.mail, "cur", "*")))
    want = collections.Counter()
    retry = {}
    for i in range(0, len(files), 200):
        p = subprocess.run([BIN, "decode", "--json"] + files[i:i + 200],
                           capture_output=True, timeout=600)
        for o in jsonl(p.stdout.decode("utf-8")):
            for r in o.get("recipients", []) if o.get("kind") in ("dsn", "text") else []:
                if (r.get("action") or "").lower() in SUCCESS:
                    want[(o["file"], r.get("recipient"))] += 1
                retry[(o["file"], r.get("recipient"))] = r.get("will_retry_until")
    rc, out, _ = box.run("list", "--json", "--history", "-f", "action:delayed")
    got = {(r["file"], r["recipient"]): r["will_retry_until"] for r in jsonl(out)}
    check("will_retry_until: as the delay notices say", got and
          any(got.values()) and all(retry.get(k) == v for k, v in got.items()), got)
    check("success: the demo holds delivery notices", sum(want.values()) > 0, want)
    rc, out, _ = box.run("list", "--json", "--history")
    rows = jsonl(out)
    check("success: list leaves them out", rc == 0 and rows and
          not [r for r in rows if r["action"] in SUCCESS], out[:500])
    rc, out, _ = box.run("list", "--json", "--history", "-f", "success:yes")
    check("success: success:yes lists every one", list_recipients(jsonl(out)) == want,
          out[:500])
    rc, out, _ = box.run("list", "--json", "-f", "action:delivered")
    dl = jsonl(out)
    check("success: action:delivered lists them", dl and
          all(r["action"] == "delivered" for r in dl), out[:500])
    rc, out, _ = box.run("list", "--json", "-f", "success:yes")
    latest = len(jsonl(out))
    failures = len([r for r in jsonl(box.run("list", "--json")[1]) if not r.get("error")])
    rc, out, _ = box.run("groups", "--json")
    groups = jsonl(out)
    check("success: groups count failures only",
          sum(g["rows"] for g in groups) == failures and
          "delivered" not in [g["key"] for g in groups], out)
    rc, out, _ = box.run("groups")
    check("success: groups say how many were not counted",
          out.rstrip().endswith("; %d delivery notices not counted "
                                "(list --filter success:yes shows them)" % latest) and
          ("%d rows in %d groups;" % (failures, len(groups))) in out, out[-300:])


def maildir_hashes(box):
    """Sorted sha256 of every file's bytes under the Maildir (names may change:
    maildir flag synchronisation renames files, it must never rewrite one)."""
    hs = []
    for d, _, fs in os.walk(box.mail):
        if ".notmuch" in d.split(os.sep):
            continue
        for f in fs:
            with open(os.path.join(d, f), "rb") as fh:
                hs.append(hashlib.sha256(fh.read()).hexdigest())
    return sorted(hs)


def notmuch_ids(box, query):
    out = box.notmuch("search", "--output=messages", query)
    return sorted(l[3:] for l in out.splitlines() if l.startswith("id:"))


def notmuch_tags(box):
    """message-id -> sorted tags, from `notmuch dump`."""
    res = {}
    for l in box.notmuch("dump").splitlines():
        if " -- id:" not in l:
            continue
        tags, mid = l.split(" -- id:", 1)
        res[urllib.parse.unquote(mid)] = sorted(urllib.parse.unquote(t[1:])
                                                for t in tags.split() if t.startswith("+"))
    return res


def tag_tests(root):
    box = Box(root, "tags", [("cur", os.path.join(DATA, "mail", "cur"))])
    with open(box.cfg, "a") as f:
        f.write("[maildir]\nsynchronize_flags=true\n")
    before = maildir_hashes(box)

    def rows(*args):
        rc, out, err = box.run("list", "--json", "--history", *args)
        return rc, jsonl(out), err

    # Every row carries its message's tags, decoded (cold) or from the cache (warm).
    for run in ("cold", "warm"):
        rc, rs, err = rows()
        nm = notmuch_tags(box)
        check("tags: %s rows carry notmuch's tags" % run,
              rc == 0 and rs and all(r["tags"] == nm[r["message_id"]] for r in rs),
              [(r["message_id"], r["tags"]) for r in rs])

    # Usage errors.
    rc, _, err = box.run("tag", "+bounceq-handled")
    check("tag: no -- is a usage error", rc == 2 and "after --" in err, err)
    for bad in (["--", "handled"], ["--", "+"], ["--", "+a", "-a"], ["--", "+a\x1bb"], ["--"]):
        rc, _, err = box.run("tag", *bad)
        check("tag: bad changes %r exit 2" % bad[1:], rc == 2 and "\x1b" not in err, err)
    rc, out, _ = box.run("tag", "--help")
    check("tag --help", rc == 0 and out.startswith("usage: bounceq tag"), out[:200])

    # One row: its bounce and no other gets the tag.
    rc, rs, _ = rows("--filter", "recipient:kijitora@example.ed.jp")
    one = rs[0]["message_id"] if len(rs) == 1 else None
    rc, out, err = box.run("tag", "--dry-run", "--filter", "recipient:kijitora@example.ed.jp",
                           "--", "+bounceq-handled")
    check("tag --dry-run: says what would change", rc == 0 and "would change 1 of 1 message" in out
          and one in out, out + err)
    check("tag --dry-run: changes nothing", notmuch_ids(box, "tag:bounceq-handled") == [], "")
    rc, out, err = box.run("tag", "--filter", "recipient:kijitora@example.ed.jp", "--",
                           "+bounceq-handled")
    check("tag one row: prints the change", rc == 0 and
          out.splitlines() == ["+bounceq-handled  " + str(one), "changed 1 of 1 message"],
          out + err)
    check("tag one row: notmuch search agrees",
          notmuch_ids(box, "tag:bounceq-handled") == [one], notmuch_ids(box, "tag:bounceq-handled"))
    rc, out, _ = box.run("tag", "--all", "--filter", "recipient:kijitora@example.ed.jp", "--",
                         "+bounceq-handled")
    check("tag again: nothing changes", rc == 0 and "changed 0 of 1 message (1 already so)" in out,
          out)

    # Hidden by default, shown by --all, found by tag:.
    rc, shown, err = rows()
    check("hidden: list leaves the handled row out",
          rc == 0 and one not in [r["message_id"] for r in shown], shown)
    check("hidden: list says how many on stderr",
          "1 row of handled messages (tag bounceq-handled) hidden; --all shows them" in err, err)
    rc, alls, _ = rows("--all")
    check("--all: the handled row is back", len(alls) == len(shown) + 1 and
          one in [r["message_id"] for r in alls], (len(alls), len(shown)))
    rc, tagged, _ = rows("--all", "--filter", "tag:bounceq-handled")
    check("tag: filter finds the handled row",
          [r["message_id"] for r in tagged] == [one] and "bounceq-handled" in tagged[0]["tags"],
          tagged)
    rc, none, _ = rows("--filter", "tag:bounceq-handled")
    check("tag: filter without --all finds nothing", none == [], none)
    rc, out, _ = box.run("groups")
    check("groups footer counts the hidden row", "; 1 hidden (handled: tag bounceq-handled; "
          "--all shows them)" in out, out)
    rc, out2, _ = box.run("groups", "--all")
    check("groups --all: nothing hidden", "hidden" not in out2 and out2 != out, out2)
    rc, gj, err = box.run("groups", "--json")
    check("groups --json: the count on stderr, JSON untouched",
          all(json.loads(l) for l in gj.splitlines()) and "1 row of handled" in err, err)

    # Untag the one row: only with --all can it be selected.
    rc, out, _ = box.run("tag", "--filter", "tag:bounceq-handled", "--", "-bounceq-handled")
    check("untag without --all: nothing selected", "no rows selected" in out and
          notmuch_ids(box, "tag:bounceq-handled") == [one], out)
    rc, out, _ = box.run("tag", "--all", "--filter", "tag:bounceq-handled", "--", "-bounceq-handled")
    check("untag one row", rc == 0 and "-bounceq-handled  " + str(one) in out and
          notmuch_ids(box, "tag:bounceq-handled") == [], out)

    # A selection: every bounce behind the rows of a filter, several tags at once.
    rc, sel, _ = rows("--filter", "domain:example.org")
    want = sorted(set(r["message_id"] for r in sel))
    rc, out, err = box.run("tag", "--filter", "domain:example.org", "--", "+bounceq-handled",
                           "+triaged", "-new")
    check("tag a selection: every message once", rc == 0 and len(want) > 1 and
          "changed %d of %d messages" % (len(want), len(want)) in out, out + err)
    check("tag a selection: notmuch search agrees (+)",
          notmuch_ids(box, "tag:bounceq-handled and tag:triaged") == want,
          (notmuch_ids(box, "tag:triaged"), want))
    check("tag a selection: notmuch search agrees (-)",
          not set(notmuch_ids(box, "tag:new")) & set(want), notmuch_ids(box, "tag:new"))
    rc, rest, _ = rows()
    check("tag a selection: all of it hidden",
          not set(r["message_id"] for r in rest) & set(want), rest)
    rc, out, _ = box.run("tag", "--all", "--filter", "tag:triaged", "--", "-bounceq-handled",
                         "-triaged", "+new")
    check("untag a selection", rc == 0 and notmuch_ids(box, "tag:triaged") == [] and
          notmuch_ids(box, "tag:bounceq-handled") == [], out)

    # The config's handled tag.
    cdir = os.path.join(box.home, ".config", "bounceq")
    os.makedirs(cdir, exist_ok=True)
    with open(os.path.join(cdir, "config"), "w") as f:
        f.write("handled = done\n")
    box.run("tag", "--filter", "recipient:kijitora@example.ed.jp", "--", "+done")
    rc, rs, err = rows()
    check("handled = done hides the rows tagged done",
          one not in [r["message_id"] for r in rs] and "(tag done)" in err, err)
    box.run("tag", "--all", "--filter", "tag:done", "--", "-done")
    os.remove(os.path.join(cdir, "config"))

    # Maildir flags follow the tags (synchronize_flags): a rename, never a rewrite.
    names = sorted(os.listdir(os.path.join(box.mail, "cur")))
    rc, out, err = box.run("tag", "--filter", "recipient:kijitora@example.ed.jp", "--", "+flagged")
    renamed = sorted(os.listdir(os.path.join(box.mail, "cur")))
    check("flags: +flagged renames the file (:2,F)", rc == 0 and
          len([n for n in renamed if ":2," in n and "F" in n.split(":2,")[1]]) == 1, renamed)
    rc, rs, _ = rows("--filter", "tag:flagged")
    check("flags: the row names the file as it is now",
          len(rs) == 1 and os.path.exists(rs[0]["file"]) and ":2," in rs[0]["file"], rs)
    box.run("tag", "--filter", "tag:flagged", "--", "-flagged")
    check("flags: -flagged takes the F away",
          not any("F" in n.split(":2,")[1] for n in os.listdir(os.path.join(box.mail, "cur"))
                  if ":2," in n), os.listdir(os.path.join(box.mail, "cur")))
    check("mail bytes unchanged (sorted sha256 of every file: names may carry flags)",
          maildir_hashes(box) == before and len(before) == len(names), "")


def main():
    global BIN
    if len(sys.argv) != 2:
        sys.exit("usage: tests/index/run.sh BIN")
    BIN = os.path.abspath(sys.argv[1])
    if shutil.which("notmuch") is None:
        sys.exit("index: the notmuch CLI is needed (Debian package notmuch)")
    root = tempfile.mkdtemp(prefix="bounceq-index-")
    try:
        small_tests(Box(root, "small", [("cur", os.path.join(DATA, "mail", "cur"))]))
        success_test(root)


        tag_tests(root)
        corpus_test(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    left = subprocess.run(["sh", os.path.join(TOP, "tests", "leftover.sh"), RUN_ID],
                          capture_output=True, text=True)
    check("no bounceq process left running", left.returncode == 0,
          "still running after the run (now killed):\n" + left.stdout)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
