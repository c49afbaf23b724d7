#!/usr/bin/env python3
"""make bench: bounceq's speed and memory as ratios to baselines measured
in the same run, on the same files, on this machine.  A report: a missed
target is printed as "not met" and never fails the run; a measurement that
cannot be made (a command fails, a screen never appears) does.

Usage: bench.py [--n N] [--out DIR] [--no-scale | --prepare-only] [BOUNCEQ]

--prepare-only builds the synthetic Maildir and its index and stops (to
prepare a large N ahead); --no-scale runs parts 1 and 2 only.

1. Decode speed, single process (threads = 1) and on all cores, of the
   Sisimai corpus x8 against `cat` of the same files (the read floor) and
   Debian's libsisimai-perl (Sisimai 4.25, the reference decoder).
2. Two hostile 20 MB bounces against `cat` of the same file: one with a
   20 MB attachment and a 2 MB line, one whose report lists 200,000
   recipients (in its human part and in its delivery-status part).
3. At scale: a synthetic Maildir of N bounces (tests/bench/synth.py),
   indexed by notmuch once into DIR/N-v<synth version>/ and kept, then
   `notmuch count` of bounceq's default query (the floor every start
   pays), `bounceq groups` with an empty cache (cold) and a full one
   (warm), a filter, and the terminal UI's time to its first screen,
   driven headless in tmux.

Each command runs 3 times (the cold ones fewer at scale); the best wall
time and its peak RSS (GNU time's %M) are reported.  Every bounceq run has
a private HOME, XDG_CONFIG_HOME and XDG_CACHE_HOME, TZ=UTC and
LC_ALL=C.UTF-8.  Results also go to DIR/results-N.json.
"""
import json, os, re, shutil, subprocess, sys, tempfile, threading, time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import synth  # noqa: E402

CORPUS = os.path.join(TOP, "tests", "data", "sisimai", "maildir", "bsd")
COPIES = 8
GNU_TIME = "/usr/bin/time"
FILTER = "reason:userunknown"
# A group row of the groups screen: key, count, hard/soft, share.
GROUP_ROW = re.compile(r"^\S+\s+\d+\s+\d+/\d+\s+[\d.]+%", re.M)
# The status line once loading is over ("N messages: N decoded, N from the cache").
LOADED = re.compile(r"^\d+ messages: \d+ decoded.*$", re.M)
STATS = re.compile(r"queried (\d+), decoded (\d+), cached (\d+)")
POLL = 0.02

results = {"figures": {}, "targets": []}
# What to stop when the run ends early: the tmux server of a TUI run (its
# end hangs up on the bounceq inside).
cleanups = []


def fail(msg):
    for c in cleanups:
        c()
    sys.exit("bench: BROKEN MEASUREMENT: " + msg)


def run(argv, env=None, repeat=3, ok=(0, 1), what=None):
    """Best of REPEAT: (seconds, peak RSS in KiB, stderr of that run, CPU
    seconds (user + system, children included)).  The
    RSS comes from GNU time, whose child is forked from a small process: a
    child forked from this Python would report Python's own peak.  ENV may
    be a function, called before each run (a fresh cache dir for cold
    runs)."""
    best = None
    for _ in range(repeat):
        e = env() if callable(env) else env
        with tempfile.NamedTemporaryFile("r") as rss, tempfile.TemporaryFile("w+") as err:
            t0 = time.perf_counter()
            p = subprocess.run([GNU_TIME, "-q", "-f", "%M %U %S", "-o", rss.name] + argv, env=e,
                               stdout=subprocess.DEVNULL, stderr=err)
            dt = time.perf_counter() - t0
            err.seek(0)
            text = err.read()
            if p.returncode not in ok:
                fail("%s exited %d: %s" % (what or " ".join(argv[:3]), p.returncode, text[-500:]))
            kib, usr, sys_ = rss.read().split()[-3:]
        if best is None or dt < best[0]:
            best = (dt, int(kib), text, float(usr) + float(sys_))
    return best


def stats_of(text, what):
    m = STATS.search(text)
    if not m:
        fail("%s --stats printed no 'queried N, decoded N, cached N': %r" % (what, text[-300:]))
    return tuple(int(x) for x in m.groups())


def target(name, value, op, limit, unit, note=""):
    met = value is not None and (value <= limit if op == "<=" else value >= limit)
    results["targets"].append({"target": name, "value": value, "op": op, "limit": limit,
                               "unit": unit, "met": met, "note": note})


def default_query():
    """bounceq's default notmuch query, as bounceq(1) documents it."""
    with open(os.path.join(TOP, "doc", "bounceq.1"), encoding="utf-8") as f:
        man = f.read()
    m = re.search(r"else the default:\n\.Bd -literal[^\n]*\n(.*?)\n\.Ed", man, re.S)
    if not m:
        fail("default query not found in doc/bounceq.1")
    q = " ".join(m.group(1).split("\n"))
    return re.sub(r"\\\[u([0-9A-Fa-f]{4})\]", lambda u: chr(int(u.group(1), 16)), q)


class Env:
    """A private HOME and XDG dirs for bounceq, and a notmuch config."""

    def __init__(self, tmp, nmconfig=None, threads=None):
        self.tmp = tmp
        self.home = os.path.join(tmp, "home")
        self.config = os.path.join(tmp, "config")
        os.makedirs(self.home, exist_ok=True)
        os.makedirs(os.path.join(self.config, "bounceq"), exist_ok=True)
        if threads:
            with open(os.path.join(self.config, "bounceq", "config"), "w") as f:
                f.write("threads = %d\n" % threads)
        self.nmconfig = nmconfig
        self.ncache = 0

    def fresh_cache(self):
        self.ncache += 1
        d = os.path.join(self.tmp, "cache-%d" % self.ncache)
        os.makedirs(d)
        return d

    def vars(self, cache):
        e = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.home,
             "TZ": "UTC", "LC_ALL": "C.UTF-8", "XDG_CONFIG_HOME": self.config,
             "XDG_CACHE_HOME": cache}
        if self.nmconfig:
            e["NOTMUCH_CONFIG"] = self.nmconfig
        return e


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


def bench_decode(binary, tmp):
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
    one = Env(os.path.join(tmp, "env-1"), threads=1)
    alln = Env(os.path.join(tmp, "env-all"))
    print("bench: decode: %d mails, %.1f MB (the Sisimai corpus x%d)" % (len(files), size / 1e6, COPIES))
    cat = run(["cat"] + files)
    bq1 = run([binary, "decode", "--json", md], env=one.vars(one.fresh_cache()), what="decode threads=1")
    bqn = run([binary, "decode", "--json", md], env=alln.vars(alln.fresh_cache()), what="decode")
    n = len(files)
    print("  cat (read floor)                %8.3f s  %7d KiB" % cat[:2])
    print("  bounceq decode, threads = 1     %8.3f s  %7d KiB  %7.0f mails/s  %5.1fx cat" %
          (bq1[0], bq1[1], n / bq1[0], bq1[0] / cat[0]))
    print("  bounceq decode, all %d cores     %8.3f s  %7d KiB  %7.0f mails/s  %5.1fx cat" %
          (os.cpu_count(), bqn[0], bqn[1], n / bqn[0], bqn[0] / cat[0]))
    fig = results["figures"]["decode"] = {
        "mails": n, "bytes": size, "cat_s": cat[0], "cat_kib": cat[1],
        "threads1_s": bq1[0], "threads1_kib": bq1[1], "threads1_per_s": n / bq1[0],
        "threads1_cpu_s": bq1[3],
        "all_s": bqn[0], "all_kib": bqn[1], "all_per_s": n / bqn[0], "sisimai_s": None}
    perl = shutil.which("perl")
    has_sisimai = perl and subprocess.run([perl, "-MSisimai", "-e", "1"],
                                         stderr=subprocess.DEVNULL).returncode == 0
    ratio = cpu_ratio = None
    if has_sisimai:
        # Sisimai reads a flat directory of mails: give it cur/.
        si = run([perl, "-MSisimai", "-e", "my $r = Sisimai->make($ARGV[0]) or exit 3",
                  os.path.join(md, "cur")], what="Sisimai")
        ratio = si[0] / bq1[0]
        print("  Sisimai 4.25 (perl)             %8.3f s  %7d KiB  %7.0f mails/s" % (si[0], si[1], n / si[0]))
        print("  Sisimai / bounceq (threads = 1) %8.1fx time, %.1fx memory" % (ratio, si[1] / bq1[1]))
        cpu_ratio = si[3] / bq1[3]
        fig.update({"sisimai_s": si[0], "sisimai_kib": si[1], "sisimai_ratio": ratio,
                    "sisimai_cpu_s": si[3], "sisimai_cpu_ratio": si[3] / bq1[3]})
        print("  Sisimai / bounceq in CPU time   %8.1fx (%.2f s against %.2f s; steadier on a busy machine)" %
              (si[3] / bq1[3], si[3], bq1[3]))
    else:
        print("  Sisimai baseline: SKIPPED (libsisimai-perl not installed; "
              "apt-get install libsisimai-perl to compare)")
    # Both are one process: on an idle machine wall and CPU time agree; on a
    # busy one only the CPU time is steady, so the target is judged on it.
    target("decode, threads = 1, vs Sisimai (CPU)", cpu_ratio, ">=", 15, "x",
           ("wall %.1fx" % ratio) if has_sisimai else "Sisimai not installed")

    for label, maker, key in (("hostile 20 MB bounce (one 2 MB line)", big_bounce, "hostile_big"),
                              ("hostile report listing 200,000 recipients", many_bounce, "hostile_many")):
        path = os.path.join(tmp, key + ".eml")
        maker(path)
        c = run(["cat", path])
        b = run([binary, "decode", "--json", path], env=alln.vars(alln.fresh_cache()), what=key)
        sz = os.path.getsize(path)
        print("bench: %s, %.1f MB" % (label, sz / 1e6))
        print("  cat                             %8.3f s  %7d KiB" % c[:2])
        print("  bounceq decode --json           %8.3f s  %7d KiB  %5.1fx cat, memory %.1fx the file" %
              (b[0], b[1], b[0] / c[0], b[1] * 1024 / sz))
        results["figures"][key] = {"bytes": sz, "cat_s": c[0], "s": b[0], "kib": b[1]}


def dir_mb(path):
    total = 0
    for root, _dirs, fs in os.walk(path):
        for f in fs:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total / 1e6


def prepare(n, out):
    """The synthetic Maildir and its notmuch database, built once per N
    and synth version and kept."""
    base = os.path.join(out, "%d-v%d" % (n, synth.VERSION))
    os.makedirs(base, exist_ok=True)
    mail = os.path.join(base, "mail")
    nmconfig = os.path.join(base, "notmuch-config")
    done = os.path.join(base, "indexed.json")
    info_path = os.path.join(base, "synth.json")
    if not os.path.exists(info_path) or not os.path.isdir(mail):
        free = shutil.disk_usage(out).free
        need = n * 14000           # ~6 KB of mail and ~7 KB of database a message
        print("bench: disk: %.1f GB free at %s, about %.1f GB needed" % (free / 1e9, out, need / 1e9))
        if free < need * 1.2:
            fail("not enough disk for N=%d (df -h %s)" % (n, out))
        if os.path.exists(done):
            os.unlink(done)
        print("bench: writing %d synthetic bounces into %s (synth v%d)" % (n, mail, synth.VERSION), flush=True)
        t0 = time.time()
        info = synth.build(n, base)
        print("bench: written in %.0f s, %.1f MB" % (time.time() - t0, info["bytes"] / 1e6))
    with open(info_path) as f:
        info = json.load(f)
    with open(nmconfig, "w") as f:
        f.write("[database]\npath=%s\n[new]\ntags=new\nignore=LICENSE.sisimai\n"
                "[maildir]\nsynchronize_flags=false\n" % mail)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": base,
           "NOTMUCH_CONFIG": nmconfig, "LC_ALL": "C.UTF-8"}
    if not os.path.exists(done):
        log = os.path.join(base, "notmuch-new.log")
        print("bench: notmuch new over %d files (once; log in %s)" % (n, log), flush=True)
        t0 = time.time()
        with open(log, "w") as lf:
            p = subprocess.Popen(["notmuch", "new"], env=env, stdout=lf, stderr=lf)
            stop = threading.Event()

            def ticker():
                while not stop.wait(30):
                    c = subprocess.run(["notmuch", "count", "*"], env=env, capture_output=True,
                                       text=True, timeout=60)
                    cnt = c.stdout.strip() if c.returncode == 0 else "?"
                    el = time.time() - t0
                    rate = int(cnt) / el if cnt.isdigit() else 0
                    eta = " (about %.0f min left)" % ((n - int(cnt)) / rate / 60) if rate else ""
                    print("bench: indexing: %4.0f s, %s of %d messages in the database, %.0f MB%s" %
                          (el, cnt, n, dir_mb(os.path.join(mail, ".notmuch")), eta), flush=True)
            th = threading.Thread(target=ticker, daemon=True)
            th.start()
            rc = p.wait()
            stop.set()
        if rc != 0:
            fail("notmuch new exited %d (see %s)" % (rc, log))
        dt = time.time() - t0
        with open(done, "w") as f:
            json.dump({"seconds": dt, "files_per_s": n / dt}, f)
        print("bench: indexed in %.0f s (%.0f files/s)" % (dt, n / dt))
    with open(done) as f:
        idx = json.load(f)
    return base, nmconfig, info, idx


class Tui:
    """bounceq's terminal UI in a detached tmux session of fixed size."""

    def __init__(self, tmp, binary, env, cols=120, rows=40):
        self.tmp, self.binary, self.env, self.cols, self.rows = tmp, binary, env, cols, rows
        self.n = 0

    def tm(self, *args, check=True):
        p = subprocess.run(["tmux", "-L", self.sock] + list(args), capture_output=True, text=True,
                           env=dict(os.environ, TMUX_TMPDIR=self.tmp), timeout=10)
        if check and p.returncode != 0:
            fail("tmux %s: %s" % (args[0], p.stderr.strip()))
        return p.stdout

    def screen(self):
        return self.tm("capture-pane", "-p", "-t", "bq", check=False)

    def wait(self, pred, timeout, what):
        end = time.perf_counter() + timeout
        while True:
            s = self.screen()
            if pred(s):
                return time.perf_counter(), s
            if time.perf_counter() > end:
                fail("TUI: %s did not appear within %.0f s; screen:\n%s\nstderr: %s" %
                     (what, timeout, s, self.stderr()))
            time.sleep(POLL)

    def stderr(self):
        try:
            with open(self.errf) as f:
                return f.read()[-500:]
        except OSError:
            return ""

    def start(self, cache):
        self.n += 1
        self.sock = "bqbench-%d-%d" % (os.getpid(), self.n)
        self.exitf = os.path.join(self.tmp, "exit.%d" % self.n)
        self.errf = os.path.join(self.tmp, "stderr.%d" % self.n)
        self.rssf = os.path.join(self.tmp, "rss.%d" % self.n)
        e = self.env.vars(cache)
        e["TERM"] = "xterm-256color"
        launch = os.path.join(self.tmp, "launch.%d" % self.n)
        q = lambda s: "'" + s.replace("'", "'\\''") + "'"
        with open(launch, "w") as f:
            f.write("env -i %s %s -q -f %%M -o %s %s 2>%s\necho $? > %s\necho '[bounceq exited]'\n"
                    "exec cat >/dev/null\n" % (" ".join(q("%s=%s" % kv) for kv in sorted(e.items())),
                                               GNU_TIME, q(self.rssf), q(self.binary), q(self.errf),
                                               q(self.exitf)))
        conf = os.path.join(self.tmp, "tmux.conf")
        with open(conf, "w") as f:
            f.write("set -g status off\nset -g default-terminal xterm-256color\n")
        t0 = time.perf_counter()
        cleanups.append(self.kill)
        self.tm("-f", conf, "new-session", "-d", "-s", "bq", "-x", str(self.cols), "-y",
                str(self.rows), "sh " + q(launch))
        return t0

    def kill(self):
        if self.kill in cleanups:
            cleanups.remove(self.kill)
            self.tm("kill-server", check=False)

    def quit(self):
        self.tm("send-keys", "-t", "bq", "q", check=False)
        end = time.time() + 60
        while not (os.path.exists(self.exitf) and os.path.getsize(self.exitf) > 0):
            if time.time() > end:
                fail("TUI did not exit within 60 s of q")
            time.sleep(POLL)
        self.kill()
        with open(self.exitf) as f:
            rc = int(f.read().strip() or "-1")
        if rc != 0:
            fail("TUI exited %d: %s" % (rc, self.stderr()))
        with open(self.rssf) as f:
            return int(f.read().split()[-1])

    def session(self, cache, timeout, with_filter):
        """Time to the first group row and to the end of loading, then (if
        asked) the time from the Enter of a limit to the screen that shows
        it; the peak RSS."""
        t0 = self.start(cache)
        t1, _ = self.wait(lambda s: GROUP_ROW.search(s), timeout, "a group row")
        t2, s = self.wait(lambda s: LOADED.search(s), timeout, "the end of loading")
        r = {"first_row_s": t1 - t0, "loaded_s": t2 - t0, "status": LOADED.search(s).group(0).strip()}
        if with_filter:
            # Keys are queued in order: no need to wait for the prompt.
            self.tm("send-keys", "-t", "bq", "l")
            self.tm("send-keys", "-t", "bq", "-l", "--", FILTER)
            t3 = time.perf_counter()
            self.tm("send-keys", "-t", "bq", "Enter")
            t4, s = self.wait(lambda s: ("limit: " + FILTER) in s and GROUP_ROW.search(s), 60,
                              "the limited screen")
            r["filter_s"] = t4 - t3
        r["kib"] = self.quit()
        return r


def bench_scale(binary, n, out, tmp):
    base, nmconfig, info, idx = prepare(n, out)
    env = Env(os.path.join(tmp, "scale"), nmconfig=nmconfig)
    query = default_query()
    figs = results["figures"]
    figs["synth"] = info
    figs["index"] = idx
    nm_env = env.vars(env.fresh_cache())
    cnt = subprocess.run(["notmuch", "count", query], env=nm_env, capture_output=True, text=True)
    if cnt.returncode != 0:
        fail("notmuch count: " + cnt.stderr)
    matched = int(cnt.stdout.strip())
    big = n > 200000
    print("bench: at scale: %d synthetic bounces (synth v%d, %.0f MB), %d match the default query;"
          " notmuch new took %.0f s (%.0f files/s)" %
          (n, info["version"], info["bytes"] / 1e6, matched, idx["seconds"], idx["files_per_s"]))
    count = run(["notmuch", "count", query], env=nm_env, what="notmuch count")
    print("  notmuch count (default query)   %8.3f s  %7d KiB   (the floor of every start; CPU %.2f s)" %
          (count[0], count[1], count[3]))

    cold_dirs = []

    def cold_env():
        d = env.fresh_cache()
        cold_dirs.append(d)
        return env.vars(d)
    cold = run([binary, "groups", "--stats"], env=cold_env, repeat=1 if big else 2, ok=(0,),
               what="groups (cold)")
    q, d, c = stats_of(cold[2], "groups (cold)")
    if q != matched:
        print("  note: bounceq queried %d messages, notmuch count says %d" % (q, matched))
    print("  bounceq groups, cold cache      %8.3f s  %7d KiB  %7.0f bounces/s  %5.1fx count"
          "  (queried %d, decoded %d, cached %d; CPU %.1f s)" %
          (cold[0], cold[1], q / cold[0], cold[0] / count[0], q, d, c, cold[3]))
    warm_cache = cold_dirs[-1]
    wenv = env.vars(warm_cache)
    warm = run([binary, "groups", "--stats"], env=wenv, ok=(0,), what="groups (warm)")
    wq, wd, wc = stats_of(warm[2], "groups (warm)")
    print("  bounceq groups, warm cache      %8.3f s  %7d KiB  %5.1fx count"
          "  (queried %d, decoded %d, cached %d; CPU %.1f s)" %
          (warm[0], warm[1], warm[0] / count[0], wq, wd, wc, warm[3]))
    filt = run([binary, "groups", "--filter", FILTER], env=wenv, ok=(0,), what="groups --filter")
    print("  bounceq groups --filter %s %8.3f s  %7d KiB  %5.2fx warm groups" %
          (FILTER, filt[0], filt[1], filt[0] / warm[0]))

    tui = Tui(os.path.join(tmp, "tui"), binary, env)
    os.makedirs(tui.tmp)
    bound = max(300, n / 200)

    def best_warm(cache):
        # Three runs when a run is quick; a build whose TUI does not read
        # that cache loads everything again: one run then.
        best = None
        for _ in range(3):
            r = tui.session(cache, bound, with_filter=True)
            if best is None or r["first_row_s"] < best["first_row_s"]:
                best = r
            if r["loaded_s"] > 10:
                break
        return best

    def show(label, r):
        print("  TUI, %-28s first group row %7.3f s, all loaded %7.3f s, peak %7d KiB, %5.1fx count" %
              (label + ":", r["first_row_s"], r["loaded_s"], r["kib"], r["first_row_s"] / count[0]))
        print("       status line: %s" % r["status"])
    tcache = env.fresh_cache()
    tc = tui.session(tcache, bound, with_filter=False)
    show("cold cache", tc)
    print("       (%.0f bounces/s to the end of loading)" % (q / tc["loaded_s"]))
    tw = best_warm(tcache)
    show("warm, cache of a TUI run", tw)
    print("  TUI limit %s: Enter to the limited screen %.3f s" % (FILTER, tw["filter_s"]))
    after = run([binary, "groups", "--stats"], env=env.vars(tcache), repeat=1, ok=(0,),
                what="groups after the TUI")
    aq, ad, ac = stats_of(after[2], "groups after the TUI")
    print("  bounceq groups --stats after those TUI runs: queried %d, decoded %d, cached %d%s" %
          (aq, ad, ac, "" if ad == 0 else "  (it could not use the TUI's cache)"))
    tg = best_warm(warm_cache)
    show("warm, cache of groups", tg)

    figs["scale"] = {
        "n": n, "matched": matched,
        "count_s": count[0], "count_kib": count[1], "count_cpu_s": count[3],
        "cold_s": cold[0], "cold_kib": cold[1], "cold_per_s": q / cold[0], "cold_cpu_s": cold[3],
        "warm_cpu_s": warm[3],
        "cold_stats": [q, d, c],
        "warm_s": warm[0], "warm_kib": warm[1], "warm_ratio_count": warm[0] / count[0],
        "warm_stats": [wq, wd, wc],
        "filter_s": filt[0], "filter_kib": filt[1], "filter": FILTER,
        "tui_warm": tw, "tui_cold": tc, "tui_warm_groups_cache": tg,
        "after_tui_stats": [aq, ad, ac]}
    target("warm groups vs notmuch count", warm[0] / count[0], "<=", 2, "x")
    target("warm groups peak RSS", warm[1] / 1024, "<=", 150, "MB")
    target("cold groups rate", q / cold[0], ">=", 6000, "bounces/s")
    target("cold groups peak RSS", cold[1] / 1024, "<=", 250, "MB")
    target("TUI warm, first screen", tw["first_row_s"], "<=", 1, "s", "cache of a TUI run")
    target("TUI warm, first screen after groups", tg["first_row_s"], "<=", 1, "s",
           "cache written by groups")
    if n >= 1000000:
        target("N=1M warm start (TUI first screen)", tw["first_row_s"], "<=", 5, "s")
        target("N=1M warm start (groups)", warm[0], "<=", 5, "s")
    else:
        results["targets"].append({"target": "N=1M warm start", "value": None, "op": "<=",
                                   "limit": 5, "unit": "s", "met": None,
                                   "note": "run make bench N=1000000"})


def main():
    args = sys.argv[1:]
    n, out, scale, binary = 100000, os.path.join(TOP, "build", "bench"), True, None
    prepare_only = False
    while args:
        a = args.pop(0)
        if a == "--n":
            n = int(args.pop(0))
        elif a == "--out":
            out = args.pop(0)
        elif a == "--no-scale":
            scale = False
        elif a == "--prepare-only":
            prepare_only = True
        else:
            binary = a
    if not os.access(GNU_TIME, os.X_OK):
        sys.exit("bench: GNU time is needed for peak memory (apt-get install time)")
    if scale and not shutil.which("tmux"):
        sys.exit("bench: tmux is needed for the terminal UI figures")
    binary = os.path.abspath(binary or os.path.join(TOP, "bounceq"))
    os.makedirs(out, exist_ok=True)
    if prepare_only:
        base = prepare(n, out)[0]
        print("bench: %s is ready" % base)
        return
    ver = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
    results.update({"n": n, "bounceq": ver, "cpus": os.cpu_count(),
                    "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())})
    load = os.getloadavg()[0]
    results["load_start"] = load
    print("bench: %s, %d CPUs, N=%d, load average %.1f%s" %
          (ver, os.cpu_count(), n, load, "  (a busy machine: wall times are noisy; CPU times steadier)"
           if load > os.cpu_count() else ""))
    t0 = time.time()
    tmp = tempfile.mkdtemp(prefix="bounceq-bench-")
    try:
        bench_decode(binary, tmp)
        if scale:
            bench_scale(binary, n, out, tmp)
    finally:
        for c in list(cleanups):
            c()
        shutil.rmtree(tmp, ignore_errors=True)
    print("bench: targets")
    for t in results["targets"]:
        v = t["value"]
        shown = "%10.2f %-9s" % (v, t["unit"]) if v is not None else "%10s %-9s" % ("-", "")
        state = {True: "met", False: "NOT MET", None: "n/a"}[t["met"] if v is not None else None]
        goal = "target %s %g %s" % (t["op"], t["limit"], t["unit"])
        print("  %-40s %s  %-28s %s%s" % (t["target"], shown, goal, state,
                                         ("  (" + t["note"] + ")") if t["note"] else ""))
    results["seconds"] = time.time() - t0
    results["load_end"] = os.getloadavg()[0]
    path = os.path.join(out, "results-%d.json" % n)
    with open(path, "w") as f:
        json.dump(results, f, indent=1)
    print("bench: results in %s (%.0f s)" % (path, results["seconds"]))


if __name__ == "__main__":
    main()
