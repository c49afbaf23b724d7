#!/usr/bin/env python3
"""A fake Postfix for the cli and screen tests of bounceq's queue actions.

Copy it into the test's temporary directory as `postqueue`, with a
`postsuper` link beside it, and a `state.json` there (postqueue -j lines):

  postqueue [-c DIR] -j          prints state.json
  postqueue [-c DIR] -i ID | -f  does nothing (a flush)
  postsuper [-c DIR] -h|-H|-d ID [-h|-H|-d ID...]
                                 moves the messages to hold, back to deferred
                                 (only from hold), or deletes them; with
                                 FAKE_NOT_ROOT set it refuses as Postfix
                                 does for a user who is not root.

Every call is appended to `calls` beside it, one line: name and arguments.
"""
import json
import os
import sys


def main():
    here = os.path.dirname(os.path.abspath(sys.argv[0]))
    name, args = os.path.basename(sys.argv[0]), sys.argv[1:]
    with open(os.path.join(here, "calls"), "a") as f:
        f.write(" ".join([name] + args) + "\n")
    path = os.path.join(here, "state.json")
    with open(path) as f:
        msgs = [json.loads(line) for line in f if line.strip()]
    if args[:1] == ["-c"]:
        args = args[2:]
    if name == "postqueue":
        if args == ["-j"]:
            for m in msgs:
                print(json.dumps(m))
        return 0
    if os.environ.get("FAKE_NOT_ROOT"):
        print("postsuper: fatal: use of this command is reserved for the superuser",
              file=sys.stderr)
        return 1
    to = {"-h": "hold", "-H": "deferred", "-d": None}
    for opt, qid in zip(args[0::2], args[1::2]):
        for m in [m for m in msgs if m["queue_id"] == qid]:
            if to[opt] is None:
                msgs.remove(m)
            elif opt != "-H" or m["queue_name"] == "hold":
                m["queue_name"] = to[opt]
    with open(path, "w") as f:
        f.writelines(json.dumps(m) + "\n" for m in msgs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
