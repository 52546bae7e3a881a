#!/usr/bin/env python3
"""Measures the outbox (release build), printing each figure and ratio.

delivery    2,000 queued messages of about 2 KB drained to Postfix's smtp-sink on loopback, with 1
            and with 4 SMTP connections, beside Postfix's smtp-source sending the same number of
            the same size to the same sink with the same connection count, 5 times each,
            alternating; the medians are compared. Target: at least 0.8 of smtp-source's rate.
acceptance  messages accepted per second by POST /api/v1/messages (one per request) and
            /api/v1/messages/batch (100 per request), with 1 and 16 concurrent clients. Every
            accepted message is committed with synchronous=FULL first; the fsync cost of the data
            directory's disk is printed too.

postgres    with MAILWRIGHT_BENCH_POSTGRES set (bench-outbox.sh starts a throwaway cluster): the
            same drain with 4 connections on SQLite, on PostgreSQL with one instance, and on
            PostgreSQL with two instances sharing the outbox (4 connections each), medians of
            RUNS; and the acceptance rate on PostgreSQL.

Everything listens on 127.0.0.1 and is stopped at the end. Usage: bench_outbox.py MAILWRIGHT_BINARY
"""

import base64
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = 2000
SIZE = 2048
RUNS = 5
PASSWORD = "bench outbox passphrase"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


class Sink:
    """Postfix's smtp-sink: accepts and discards, counting nothing we rely on."""

    def __enter__(self):
        self.port = free_port()
        self.process = subprocess.Popen(["smtp-sink", "-u", "nobody", "-c", f"127.0.0.1:{self.port}", "256"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.port)
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait()


def smtp_source(port, connections):
    started = time.monotonic()
    subprocess.run(["smtp-source", "-l", str(SIZE), "-m", str(MESSAGES), "-s", str(connections),
                    "-f", "a@x.test", "-t", "b@x.test", f"127.0.0.1:{port}"], check=True)
    return time.monotonic() - started


def postgres_database():
    """A new database on the benchmark's PostgreSQL cluster, or None (SQLite)."""
    server = os.environ.get("MAILWRIGHT_BENCH_POSTGRES")
    if not server:
        return None
    name = "bench_" + os.urandom(6).hex()
    return subprocess.run([str(ROOT / "scripts/pg.sh"), "createdb", server, name], capture_output=True,
                          check=True).stdout.decode().strip()


class Mailwright:
    """One installation: SQLite in a temporary data directory, or a PostgreSQL database (with a
    given key), served by `instances` processes."""

    def __init__(self, binary, connections, postgres=False, instances=1):
        self.binary = binary
        self.data = tempfile.mkdtemp(prefix="mailwright-outbox-bench-")
        self.ports = [free_port() for _ in range(instances)]
        self.port = self.ports[0]
        self.connections = connections
        self.env = dict(os.environ)
        self.env.pop("DATABASE_URL", None)
        if postgres:
            self.env["DATABASE_URL"] = postgres_database()
            self.env["MAILWRIGHT_SECRET_KEY"] = base64.b64encode(os.urandom(32)).decode()

    def cli(self, *args, stdin=""):
        return subprocess.run([self.binary, *args, "--data-dir", self.data], input=stdin.encode(),
                              capture_output=True, check=True, env=self.env).stdout.decode().strip()

    def __enter__(self):
        self.cli("tenant", "add", "bench", "--name", "Bench")
        self.cli("user", "add", "--tenant", "bench", "--email", "admin@bench.example", "--admin", stdin=PASSWORD + "\n")
        self.token = self.cli("token", "create", "--tenant", "bench", "--name", "bench", "--scope", "send-read")
        env = dict(self.env, MAILWRIGHT_SMTP_CONNECTIONS=str(self.connections), MAILWRIGHT_LOG="warn")
        self.log = open(Path(self.data) / "server.log", "w")
        self.processes = [
            subprocess.Popen([self.binary, "serve", "--addr", f"127.0.0.1:{port}", "--data-dir", self.data,
                              "--site-root", str(ROOT / "target/site")],
                             env=env, stdout=self.log, stderr=subprocess.STDOUT)
            for port in self.ports]
        for port in self.ports:
            wait_for_port(port)
        self.cookie = None
        response = self.post("/api/auth/sign-in", {"form": {"email": "admin@bench.example", "password": PASSWORD}})
        self.cookie = response.headers["set-cookie"].split(";")[0]
        return self

    def __exit__(self, *exc):
        for process in self.processes:
            process.terminate()
            process.wait()
        subprocess.run(["rm", "-rf", self.data])

    def post(self, path, body, token=None):
        headers = {"content-type": "application/json"}
        if self.cookie:
            headers["cookie"] = self.cookie
        if token:
            headers["authorization"] = f"Bearer {token}"
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=json.dumps(body).encode(),
                                         headers=headers)
        return urllib.request.urlopen(request, timeout=60)

    def save_smtp(self, port):
        form = {"host": "127.0.0.1", "port": str(port), "security": "None", "sender_email": "reports@bench.example",
                "sender_name": "", "auth_enabled": False, "username_same_as_sender": True, "username": "",
                "password": ""}
        current = json.load(self.post("/api/email-provider/get", {}))
        self.post("/api/email-provider/smtp", {"form": form, "based_on": current["version"]})

    def waiting(self):
        text = urllib.request.urlopen(f"http://127.0.0.1:{self.port}/metrics", timeout=10).read().decode()
        return sum(int(n) for n in re.findall(r'^mailwright_outbox_messages\{status="\w+"\} (\d+)$', text, re.M))

    def queue(self, count):
        message = {"to": ["b@x.test"], "subject": "Outbox benchmark", "text": "x" * (SIZE - 300),
                   "category": "notification"}
        for start in range(0, count, 500):
            self.post("/api/v1/messages/batch", {"messages": [message] * min(500, count - start)}, token=self.token)


def delivery(binary, connections, sink_port, postgres=False, instances=1):
    with Mailwright(binary, connections, postgres, instances) as mw:
        # No provider yet: the messages wait (the tenant's sending is paused), then the save
        # below releases them all at once and the clock runs until the outbox is empty.
        mw.queue(MESSAGES)
        time.sleep(1.5)
        started = time.monotonic()
        mw.save_smtp(sink_port)
        while mw.waiting() > 0:
            time.sleep(0.02)
            if time.monotonic() - started > 120:
                raise RuntimeError("the outbox did not drain in 120 s")
        return time.monotonic() - started


def acceptance(binary, clients, batch, postgres=False):
    with Mailwright(binary, 1, postgres) as mw:
        message = {"to": ["b@x.test"], "subject": "Accept", "text": "x" * (SIZE - 300), "category": "notification"}
        per_client = max(1, 2000 // clients // batch)
        body = json.dumps({"messages": [message] * batch} if batch > 1 else message)
        path = "/api/v1/messages/batch" if batch > 1 else "/api/v1/messages"
        headers = {"content-type": "application/json", "authorization": f"Bearer {mw.token}"}
        errors = []

        def client():
            conn = http.client.HTTPConnection("127.0.0.1", mw.port, timeout=60)
            for _ in range(per_client):
                conn.request("POST", path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != 202:
                    errors.append(response.status)
            conn.close()

        threads = [threading.Thread(target=client) for _ in range(clients)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        took = time.monotonic() - started
        if errors:
            raise RuntimeError(f"refused: {errors[:5]}")
        return clients * per_client * batch / took


def fsync_cost(directory):
    path = Path(directory) / "fsync-probe"
    with open(path, "wb") as f:
        started = time.monotonic()
        for _ in range(200):
            f.write(b"x" * 4096)
            f.flush()
            os.fsync(f.fileno())
        took = time.monotonic() - started
    path.unlink()
    return took / 200


def main():
    binary = sys.argv[1]
    print(f"fsync of a 4 KB write on this disk: {fsync_cost(tempfile.gettempdir()) * 1e6:.0f} µs")
    for connections in (1, 4):
        # Both sides vary by tens of percent from run to run on a small machine: each pair is
        # run RUNS times, alternating, and the medians are compared.
        sources, outboxes = [], []
        for _ in range(RUNS):
            with Sink() as sink:
                sources.append(smtp_source(sink.port, connections))
                outboxes.append(delivery(binary, connections, sink.port))
        source, outbox = statistics.median(sources), statistics.median(outboxes)
        ratio = source / outbox
        print(f"delivery, {connections} connection(s), median of {RUNS}: smtp-source {MESSAGES} in {source:.2f} s "
              f"({MESSAGES / source:.0f}/s); outbox {MESSAGES} in {outbox:.2f} s ({MESSAGES / outbox:.0f}/s); "
              f"ratio {ratio:.2f} (target >= 0.8); outbox runs {', '.join(f'{t:.2f}' for t in outboxes)} s")
    for clients in (1, 16):
        for batch in (1, 100):
            rate = acceptance(binary, clients, batch)
            kind = "single" if batch == 1 else f"batches of {batch}"
            print(f"acceptance, {clients} client(s), {kind}: {rate:.0f} messages/s")
    if os.environ.get("MAILWRIGHT_BENCH_POSTGRES"):
        postgres_figures(binary)


def postgres_figures(binary):
    setups = [("SQLite, 1 instance", False, 1), ("PostgreSQL, 1 instance", True, 1),
              ("PostgreSQL, 2 instances", True, 2)]
    times = {name: [] for name, _, _ in setups}
    for _ in range(RUNS):
        for name, postgres, instances in setups:
            with Sink() as sink:
                times[name].append(delivery(binary, 4, sink.port, postgres, instances))
    for name, _, instances in setups:
        took = statistics.median(times[name])
        print(f"delivery on {name} ({4 * instances} connections in all), median of {RUNS}: {MESSAGES} in "
              f"{took:.2f} s ({MESSAGES / took:.0f}/s); runs {', '.join(f'{t:.2f}' for t in times[name])} s")
    for clients in (1, 16):
        rate = acceptance(binary, clients, 1, postgres=True)
        print(f"acceptance on PostgreSQL, {clients} client(s), single: {rate:.0f} messages/s")


if __name__ == "__main__":
    main()
