#!/usr/bin/env python3
"""Measures what a Mailwright test send adds to the bare SMTP exchange (budget: at most 20%).

Starts the SMTP test server and a `mailwright` binary on 127.0.0.1, saves a StartTLS
configuration through the API, then times, one after the other:
  bare       Python's smtplib: connect, STARTTLS, AUTH, MAIL, RCPT, DATA, QUIT
  mailwright POST /api/email-provider/test (HTTP, authorization, database read, the same SMTP
             exchange through lettre, the report written back to the database)
and prints the median of each and the overhead. Usage: bench_send.py MAILWRIGHT_BINARY [ROUNDS]
"""

import json
import os
import smtplib
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery staple"
PORT = 3461
ADMIN = "bench-admin@example.org"
ADMIN_PASSWORD = "bench admin passphrase"
session = {}


def post(path, body):
    headers = {"content-type": "application/json"}
    if "cookie" in session:
        headers["cookie"] = session["cookie"]
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", data=json.dumps(body).encode(), headers=headers)
    with urllib.request.urlopen(request, timeout=35) as response:
        cookie = response.headers.get("set-cookie", "")
        if cookie.startswith("mw_session="):
            session["cookie"] = cookie.split(";")[0]
        return json.loads(response.read())


def add_admin(binary, data_dir):
    """The tenant and its admin, made with the CLI like a scripted install."""
    run = lambda args, stdin="": subprocess.run(  # noqa: E731
        [binary, *args, "--data-dir", data_dir], input=stdin, text=True, check=True, stdout=subprocess.DEVNULL)
    run(["tenant", "add", "bench", "--name", "Bench"])
    run(["user", "add", "--tenant", "bench", "--email", ADMIN, "--admin"], ADMIN_PASSWORD + "\n")


def main():
    binary, rounds = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30
    work = Path(tempfile.mkdtemp(prefix="mailwright-bench-"))
    smtp = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts/smtp-test-server/smtp_test_server.py"), "--dir", str(work / "smtp")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    info = json.loads(smtp.stdout.readline())
    env = dict(os.environ, MAILWRIGHT_ADDR=f"127.0.0.1:{PORT}", MAILWRIGHT_DATA_DIR=str(work / "data"),
               MAILWRIGHT_SMTP_CA_FILE=info["ca_file"], MAILWRIGHT_SITE_ROOT=str(ROOT / "target/site"),
               MAILWRIGHT_LOG="warn")
    add_admin(binary, str(work / "data"))
    server = subprocess.Popen([binary, "serve"], env=env)
    try:
        for _ in range(100):
            try:
                post("/api/auth/me", {})
                break
            except OSError:
                time.sleep(0.1)
        post("/api/auth/sign-in", {"form": {"email": ADMIN, "password": ADMIN_PASSWORD}})
        port = info["ports"]["starttls"]
        post("/api/email-provider/smtp", {"form": {
            "host": "localhost", "port": str(port), "security": "StartTls", "sender_email": info["user"],
            "sender_name": "Bench", "auth_enabled": True, "username_same_as_sender": True, "username": "",
            "password": PASSWORD}})

        context = ssl.create_default_context(cafile=info["ca_file"])

        def bare():
            message = EmailMessage()
            message["From"], message["To"] = f"Bench <{info['user']}>", "admin@example.org"
            message["Subject"] = "Test email from Mailwright Administration"
            message.set_content("This is a test email from Mailwright.\n" * 8)
            with smtplib.SMTP("localhost", port, timeout=30) as client:
                client.starttls(context=context)
                client.login(info["user"], PASSWORD)
                client.send_message(message)

        smtp_only = []

        def mailwright():
            test = post("/api/email-provider/test", {"request": {"recipient": "admin@example.org"}})
            report = test.get("report", test)
            assert "Accepted" in report["outcome"], report
            smtp_only.append(report["elapsed_ms"])

        timings = {"bare": [], "mailwright": []}
        for _ in range(3):  # warm up both paths
            bare(), mailwright()
        for _ in range(rounds):  # interleaved, so both see the same machine load
            for name, send in (("bare", bare), ("mailwright", mailwright)):
                started = time.perf_counter()
                send()
                timings[name].append((time.perf_counter() - started) * 1000)
        bare_ms = statistics.median(timings["bare"])
        mw_ms = statistics.median(timings["mailwright"])
        print(f"rounds: {rounds} (StartTLS + AUTH on 127.0.0.1)")
        print(f"bare SMTP exchange (smtplib)     median {bare_ms:7.2f} ms")
        print(f"mailwright test send (HTTP API)  median {mw_ms:7.2f} ms")
        print(f"  of which SMTP, as Mailwright timed it: median {statistics.median(smtp_only[3:]):5.0f} ms (1 ms resolution)")
        print(f"overhead: {100 * (mw_ms / bare_ms - 1):+.1f}% (budget +20%)")
    finally:
        server.terminate()
        server.wait()
        smtp.stdin.close()
        smtp.wait()


if __name__ == "__main__":
    main()
