#!/usr/bin/env python3
"""A real SMTP server for Mailwright's tests, on 127.0.0.1 only.

aiosmtpd speaks SMTP with real TLS (certificates from a throw-away CA made by trustme) and real
AUTH (PLAIN and LOGIN against one username and password). Listeners:

  starttls   STARTTLS required before AUTH and MAIL; AUTH required       (like port 587)
  tls        TLS from the first byte (implicit TLS); AUTH required       (like port 465)
  plain      no TLS; AUTH offered but optional (an internal relay)       (like port 25)
  untrusted  implicit TLS with a certificate from a CA nobody trusts
  wrongname  implicit TLS with a certificate for another host name (other.example)

Every accepted message is written to <dir>/mail/<n>.json (envelope, auth user, TLS, raw data).
Once every listener is up it prints one JSON line (also written to <dir>/server.json) with the
ports and the CA file. It exits when its standard input closes, so a test run that dies never
leaves it behind.
"""

import argparse
import asyncio
import itertools
import json
import logging
import os
import socket
import ssl
import sys
import threading
import warnings
from pathlib import Path

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

HOST = "127.0.0.1"

# The implicit-TLS listeners require AUTH without "requiring TLS": they are TLS from the first byte.
warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
logging.getLogger("mail.log").setLevel(logging.ERROR)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Recorder:
    """Stores each message as JSON and answers with a queue id, like a real MTA."""

    def __init__(self, mail_dir: Path, listener: str):
        self.mail_dir = mail_dir
        self.listener = listener

    counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        n = next(Recorder.counter)
        queue_id = f"MW{os.getpid()}X{n:04d}"
        record = {
            "queue_id": queue_id,
            "listener": self.listener,
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "auth_user": session.auth_data if session.authenticated else None,
            # STARTTLS sets session.ssl; implicit TLS shows only on the transport.
            "tls": session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
            "data": envelope.content.decode("utf-8", "replace"),
        }
        tmp = self.mail_dir / f".{n:04d}.tmp"
        tmp.write_text(json.dumps(record))
        tmp.rename(self.mail_dir / f"{n:04d}.json")
        return f"250 2.0.0 Ok: queued as {queue_id}"


def authenticator(user: str, password: str):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == user
            and auth_data.password.decode() == password
        )
        return AuthResult(success=ok, handled=False, auth_data=user if ok else None)

    return check


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", required=True, type=Path, help="state directory (certificates, mail)")
    parser.add_argument("--user", default="mailer@example.test")
    parser.add_argument("--password", default="correct horse battery staple")
    args = parser.parse_args()

    mail_dir = args.dir / "mail"
    mail_dir.mkdir(parents=True, exist_ok=True)
    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(args.dir / "ca.pem"))
    stranger_ca = trustme.CA()

    def server_context(issuer: trustme.CA, *names: str) -> ssl.SSLContext:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        issuer.issue_cert(*names).configure_cert(ctx)
        return ctx

    good = server_context(ca, "localhost", "127.0.0.1")
    auth = authenticator(args.user, args.password)
    common = dict(authenticator=auth, auth_exclude_mechanism=["CRAM-MD5"])
    listeners = {
        "starttls": dict(tls_context=good, require_starttls=True, auth_required=True, **common),
        "tls": dict(ssl_context=good, auth_required=True, auth_require_tls=False, **common),
        "plain": dict(auth_required=False, auth_require_tls=False, **common),
        "untrusted": dict(ssl_context=server_context(stranger_ca, "localhost", "127.0.0.1"), auth_require_tls=False, **common),
        "wrongname": dict(ssl_context=server_context(ca, "other.example"), auth_require_tls=False, **common),
    }

    controllers, ports = [], {}
    for name, options in listeners.items():
        port = free_port()
        ssl_context = options.pop("ssl_context", None)
        controller = Controller(
            Recorder(mail_dir, name), hostname=HOST, port=port, ssl_context=ssl_context,
            server_hostname="localhost", ready_timeout=10, **options,
        )
        controller.start()
        controllers.append(controller)
        ports[name] = port

    info = {"ports": ports, "ca_file": str((args.dir / "ca.pem").resolve()), "mail_dir": str(mail_dir.resolve()),
            "user": args.user}
    (args.dir / "server.json").write_text(json.dumps(info))
    print(json.dumps(info), flush=True)

    # Stay up until stdin closes (the test harness ended) or we are signalled.
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    for controller in controllers:
        controller.stop()


if __name__ == "__main__":
    main()
