#!/usr/bin/env python3
"""Include-graph checks for tests/lint.sh.

usage: includes.py [--root DIR] arrows [PART] | private | cycles

arrows   every core/<part>/ file includes only its own part and the parts
         the architecture allows (ARROWS below, doc/HACKING.md);
private  a header named *_int.h is included only from its own part of
         core/ (and from tests/), never from tui/ or cli/;
cycles   no cycle among modules.  A header's module is its path without
         _int.h or .h (decode/bounce.h and decode/bounce_int.h are
         "decode/bounce"); a .c file belongs to the module of the first
         header it includes when that is in its folder, its own by the
         project's convention (codes_json.c is part of "knowledge/codes"),
         else of its own path.

Prints one line per violation and exits 1 when there is any.
"""
import os
import re
import sys

ARROWS = {
    "shared": [],
    "knowledge": ["shared"],
    "decode": ["shared", "knowledge"],
    "model": ["shared", "knowledge", "decode"],
    "index": ["shared", "knowledge", "decode", "model"],
    "queue": ["shared", "knowledge"],
    "keys": ["shared"],
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"(core/[^"]+)"', re.M)


def sources(top):
    for root, _dirs, files in os.walk(top):
        for f in sorted(files):
            if f.endswith((".c", ".h")):
                yield os.path.join(root, f)


def includes(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return INCLUDE.findall(f.read())


def part(path):
    """core/decode/rules/x.c -> decode"""
    bits = path.split("/")
    return bits[1] if len(bits) > 2 and bits[0] == "core" else None


def module(path):
    stem = os.path.splitext(path)[0]
    if path.endswith(".c"):
        incs = includes(path)
        if incs and os.path.dirname(incs[0]) == os.path.dirname(path):
            return module(incs[0])
    return stem[:-4] if stem.endswith("_int") else stem


def check_arrows(only=None):
    bad = []
    for src in sources("core"):
        p = part(src)
        if only is not None and p != only:
            continue
        if p is None:
            bad.append(f"{src}: a source file directly in core/")
            continue
        if p not in ARROWS:
            bad.append(f"{src}: core/{p}/ is not a part of the architecture")
            continue
        for inc in includes(src):
            q = part(inc)
            if q != p and q not in ARROWS[p]:
                bad.append(f"{src}: includes {inc} ({p} -> {q} is not an arrow)")
    return bad


def check_private():
    bad = []
    for top in ("core", "cli", "tui"):
        for src in sources(top):
            for inc in includes(src):
                if not inc.endswith("_int.h"):
                    continue
                if top != "core" or part(src) != part(inc):
                    bad.append(f"{src}: includes {inc}, private to core/{part(inc)}/")
    return bad


def check_cycles():
    graph = {}
    for src in sources("core"):
        m = module(src)
        for inc in includes(src):
            n = module(inc)
            if n != m:
                graph.setdefault(m, set()).add(n)
    bad, state, stack = [], {}, []

    def visit(m):
        state[m] = 1
        stack.append(m)
        for n in sorted(graph.get(m, ())):
            if state.get(n) == 1:
                cycle = stack[stack.index(n):] + [n]
                bad.append("include cycle: " + " -> ".join(cycle))
            elif n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    return bad


def main():
    checks = {"arrows": check_arrows, "private": check_private, "cycles": check_cycles}
    args = sys.argv[1:]
    if len(args) == 3 and args[0] == "--root":
        os.chdir(args[1])
        args = args[2:]
    if args[:1] == ["arrows"] and len(args) == 2 and args[1] in ARROWS:
        bad = check_arrows(args[1])
    elif len(args) == 1 and args[0] in checks:
        bad = checks[args[0]]()
    else:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    for line in bad:
        print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
