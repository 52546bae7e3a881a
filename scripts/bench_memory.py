#!/usr/bin/env python3
"""Measures the resident memory of a `mailwright` server, idle and around sign-ins.

Starts the binary on a fresh data directory (127.0.0.1 only) and prints, from /proc:
  1. RSS after the first page, and idle 5 s later (budget: 25 MB);
  2. RSS after 50 sign-ins, 10 at a time, then 30 s idle (budget: 40 MB);
  3. the peak RSS while 200 sign-in attempts spread over 20 accounts arrive at once
     (budget: 150 MB), and how they were answered.
Every sign-in uses the account's real password, so each one computes an Argon2id hash.
Usage: bench_memory.py MAILWRIGHT_BINARY
"""

import collections
import json
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 3459
PASSWORD = "bench sign-in passphrase"
ACCOUNTS = [f"user{i}@bench.example" for i in range(20)]


def kb(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/{pid}/status")


def sign_in(email):
    body = json.dumps({"form": {"email": email, "password": PASSWORD}}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}/api/auth/sign-in",
        data=body,
        headers={"content-type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


def burst(emails, at_once):
    with ThreadPoolExecutor(max_workers=at_once) as pool:
        return collections.Counter(pool.map(sign_in, emails))


def main():
    binary = sys.argv[1]
    data = tempfile.mkdtemp(prefix="mailwright-bench-")
    common = ["--data-dir", data]
    run = lambda *args, **kw: subprocess.run([binary, *args, *common], check=True,
                                             capture_output=True, **kw)
    run("tenant", "add", "bench", "--name", "Bench")
    for email in ACCOUNTS:
        run("user", "add", "--tenant", "bench", "--email", email, input=PASSWORD.encode())
    log = open(Path(data) / "server.log", "w")
    server = subprocess.Popen(
        [binary, "serve", "--addr", f"127.0.0.1:{PORT}", "--site-root", str(ROOT / "target/site"), *common],
        stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/login", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        pid = server.pid
        print(f"RSS after first page:                       {kb(pid, 'VmRSS'):>7} kB")
        time.sleep(5)
        print(f"RSS idle (5 s later):                       {kb(pid, 'VmRSS'):>7} kB  (budget 25600 kB)")

        answers = burst([ACCOUNTS[i % 20] for i in range(50)], 10)
        after = kb(pid, "VmRSS")
        time.sleep(30)
        print(f"RSS right after 50 sign-ins (10 at a time): {after:>7} kB  answers {dict(answers)}")
        print(f"RSS 30 s after them:                        {kb(pid, 'VmRSS'):>7} kB  (budget 40960 kB)")

        Path(f"/proc/{pid}/clear_refs").write_text("5")  # resets VmHWM, the peak
        started = time.monotonic()
        answers = burst([ACCOUNTS[i % 20] for i in range(200)], 200)
        took = time.monotonic() - started
        print(f"peak RSS, 200 sign-ins at once:             {kb(pid, 'VmHWM'):>7} kB  (budget 153600 kB)"
              f"  answers {dict(answers)} in {took:.1f} s")
        time.sleep(30)
        print(f"RSS 30 s after them:                        {kb(pid, 'VmRSS'):>7} kB")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
