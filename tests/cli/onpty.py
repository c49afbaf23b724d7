#!/usr/bin/env python3
"""Runs a command on a new pseudo-terminal and answers its question.

usage: onpty.py ANSWER CMD...
Types ANSWER and Enter once "[y/N]" appears; prints what the command wrote
and exits with its status (the command is given 20 seconds).
"""
import os
import pty
import select
import subprocess
import sys
import time


def main():
    answer, cmd = sys.argv[1], sys.argv[2:]
    master, slave = pty.openpty()
    p = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    out, sent, end = b"", False, time.time() + 20
    while time.time() < end:
        ready, _, _ = select.select([master], [], [], 0.1)
        if not ready:
            if p.poll() is not None:
                break
            continue
        try:
            data = os.read(master, 4096)
        except OSError:  # the command closed the terminal
            break
        if not data:
            break
        out += data
        if not sent and b"[y/N]" in out:
            os.write(master, answer.encode() + b"\n")
            sent = True
    try:
        rc = p.wait(timeout=max(0.1, end - time.time()))
    except subprocess.TimeoutExpired:
        p.kill()
        rc = p.wait()
    os.close(master)
    sys.stdout.write(out.decode("utf-8", "replace").replace("\r\n", "\n"))
    sys.exit(rc)


if __name__ == "__main__":
    main()
