#!/usr/bin/env python3
"""A real SMTP server for Mailwright's tests, on 127.0.0.1 only.

aiosmtpd speaks SMTP with real TLS (certificates from a throw-away CA made by trustme) and real
AUTH (PLAIN and LOGIN against one username and password). Listeners:

  starttls   STARTTLS required before AUTH and MAIL; AUTH required       (like port 587)
  tls        TLS from the first byte (implicit TLS); AUTH required       (like port 465)
  plain      no TLS; AUTH offered but optional (an internal relay)       (like port 25)
  untrusted  implicit TLS with a certificate from a CA nobody trusts
  wrongname  implicit TLS with a certificate for another host name (other.example)
  expired    implicit TLS with a certificate from the test CA that expired a month ago
  selfsigned implicit TLS with a self-signed certificate (CN mail.self-signed.test)

Beside ca.pem (the CA of the trusted listeners), its directory holds stranger-ca.pem (the
untrusted listener's CA, for the per-tenant CA field), expired-ca.pem (a CA certificate past its
validity) and self-signed.pem (the selfsigned listener's certificate, not a CA).

With --ms-stand-in it also starts the Microsoft stand-in (scripts/ms-stand-in/ms_stand_in.py: token
endpoint and Graph sendMail) in this process, and one more listener in the manner of
smtp.office365.com:587:

  xoauth2    STARTTLS required before AUTH and MAIL; AUTH required; after STARTTLS it offers
             AUTH LOGIN XOAUTH2 (no PLAIN). XOAUTH2 takes base64("user=<mailbox>^Aauth=Bearer
             <token>^A^A") as initial response or after "334 "; the token is checked with the
             stand-in (GET /_stand-in/introspect): it must be live, for https://outlook.office365.com,
             with the role SMTP.SendAsApp, and the mailbox one of the stand-in's mailboxes.
             235 2.7.0 on success (auth user = the mailbox); 535 5.7.139 for the mailbox with SMTP
             AUTH disabled; 535 5.7.3 for anything else. LOGIN always answers 535 5.7.139 (basic
             authentication is disabled), as in a tenant where it has been turned off.

Every accepted message is written to <dir>/mail/<n>.json (envelope, auth user, TLS, raw data).
Once every listener is up it prints one JSON line (also written to <dir>/server.json) with the
ports and the CA file (and with --ms-stand-in, "ms": {"base_url", "fixtures"} of the stand-in).
It exits when its standard input closes, so a test run that dies never leaves it behind.
"""

import argparse
import asyncio
import base64
import binascii
import collections
import itertools
import json
import logging
import os
import socket
import ssl
import sys
import threading
import urllib.parse
import urllib.request
import warnings
from pathlib import Path

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ms-stand-in"))
import ms_stand_in  # noqa: E402  (a sibling script, not a package)

HOST = "127.0.0.1"

# The implicit-TLS listeners require AUTH without "requiring TLS": they are TLS from the first byte.
warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
logging.getLogger("mail.log").setLevel(logging.ERROR)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Recorder:
    """Stores each message as JSON and answers with a queue id, like a real MTA.

    Some recipients misbehave on purpose, as real servers do:
      reject@...           550 5.1.1 at RCPT (a permanent refusal)
      defer-N@...          451 4.3.0 at RCPT the first N times this address is tried, then OK
      defer-always@...     451 4.3.0 at RCPT every time
      slow-MS@...          answers RCPT only after MS milliseconds, then OK
    """

    def __init__(self, mail_dir: Path, listener: str):
        self.mail_dir = mail_dir
        self.listener = listener

    counter = itertools.count(1)
    deferred = collections.Counter()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("slow-") and local[5:].isdigit():
            await asyncio.sleep(int(local[5:]) / 1000)
        if local == "reject":
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown [stand-in]" % address
        if local == "defer-always" or (
                local.startswith("defer-") and local[6:].isdigit()
                and Recorder.deferred[address.lower()] < int(local[6:])):
            Recorder.deferred[address.lower()] += 1
            return "451 4.3.0 <%s>: Temporary failure, try again later [stand-in]" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        n = next(Recorder.counter)
        queue_id = f"MW{os.getpid()}X{n:04d}"
        record = {
            "queue_id": queue_id,
            "listener": self.listener,
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "auth_user": session.auth_data if session.authenticated else None,
            # The client's port: messages sent on one connection share it.
            "peer_port": session.peer[1] if isinstance(session.peer, tuple) else None,
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


# Access tokens are 1.5-3 KB, and clients such as lettre send the XOAUTH2 initial response on the
# AUTH line, which Office 365 accepts; aiosmtpd's 512-octet command limit would answer 500. RFC 4954
# section 4 names 12288 octets as a sufficient limit for SASL responses: use it for AUTH lines.
AUTH_LINE_LIMIT = 12288


class LongAuthSMTP(SMTP):
    """aiosmtpd's SMTP with room for a real-sized XOAUTH2 response; other limits stay as they were."""

    line_length_limit = AUTH_LINE_LIMIT + 2  # read by SMTP.__init__ for the stream reader's limit

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.line_length_limit = SMTP.line_length_limit  # DATA lines: still 1000 octets + CRLF
        self.command_size_limits = collections.defaultdict(
            lambda: SMTP.command_size_limit, {"AUTH": AUTH_LINE_LIMIT})


class LongAuthController(Controller):
    def factory(self):
        return LongAuthSMTP(self.handler, **self.SMTP_kwargs)


class XOAuth2Recorder(Recorder):
    """The "xoauth2" listener's handler: XOAUTH2 checked against the Microsoft stand-in."""

    FAILED = "535 5.7.3 Authentication unsuccessful [stand-in]"
    SMTP_AUTH_DISABLED = ("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled "
                          "for the Tenant. Visit https://aka.ms/smtp_auth_disabled")

    def __init__(self, mail_dir: Path, listener: str, ms_base_url: str, mailboxes: dict):
        super().__init__(mail_dir, listener)
        self.ms_base_url = ms_base_url
        self.mailboxes = {address.lower(): kind for kind, address in mailboxes.items()}

    def introspect(self, token: str) -> dict:
        url = f"{self.ms_base_url}/_stand-in/introspect?token={urllib.parse.quote(token, safe='')}"
        with urllib.request.urlopen(url, timeout=10) as response:
            return json.load(response)

    # aiosmtpd calls a handler's auth_<MECHANISM>(server, args) with args = ["XOAUTH2", <initial response>?].
    async def auth_XOAUTH2(self, server, args):
        if len(args) == 1:
            # No initial response: an empty challenge, then one line of base64. Read here rather than
            # with server.challenge_auth, which answers bad base64 itself with 501 instead of 535.
            await server.push("334 ")
            try:
                line = await server._reader.readline()
            except (ValueError, asyncio.LimitOverrunError):
                line = b"\r\n"
            if not line:  # connection closed
                return AuthResult(success=False, handled=True)
            blob = line.strip()
            if blob == b"*":
                await server.push("501 5.7.0 Auth aborted")
                return AuthResult(success=False, handled=True)
        else:
            blob = args[1].encode("ascii", "replace")
        try:
            text = base64.b64decode(blob, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return AuthResult(success=False, handled=False, message=self.FAILED)
        # "user=" mailbox ^A "auth=Bearer " token ^A ^A
        if not text.endswith("\x01\x01"):
            return AuthResult(success=False, handled=False, message=self.FAILED)
        fields = dict(part.partition("=")[::2] for part in text[:-2].split("\x01"))
        user, auth = fields.get("user", ""), fields.get("auth", "")
        scheme, _, token = auth.partition(" ")
        if not user or scheme.lower() != "bearer" or not token:
            return AuthResult(success=False, handled=False, message=self.FAILED)
        try:
            info = await asyncio.get_running_loop().run_in_executor(None, self.introspect, token)
        except OSError:
            return AuthResult(success=False, handled=False, message="454 4.7.0 Temporary authentication failure")
        if not (info.get("active") and info.get("aud") == "https://outlook.office365.com"
                and "SMTP.SendAsApp" in (info.get("roles") or [])):
            return AuthResult(success=False, handled=False, message=self.FAILED)
        kind = self.mailboxes.get(user.lower())
        if kind is None:
            return AuthResult(success=False, handled=False, message=self.FAILED)
        if kind == "smtp_disabled":
            return AuthResult(success=False, handled=False, message=self.SMTP_AUTH_DISABLED)
        return AuthResult(success=True, auth_data=user)


def basic_auth_disabled(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=False, handled=False,
                      message="535 5.7.139 Authentication unsuccessful, basic authentication is disabled.")



def write_expired_ca(path: Path) -> None:
    """A CA certificate (basicConstraints CA:TRUE) whose validity ended a month ago."""
    import datetime
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Expired Test CA")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=400)).not_valid_after(now - datetime.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", required=True, type=Path, help="state directory (certificates, mail)")
    parser.add_argument("--user", default="mailer@example.test")
    parser.add_argument("--password", default="correct horse battery staple")
    parser.add_argument("--ms-stand-in", action="store_true",
                        help="also start the Microsoft stand-in and the xoauth2 listener")
    parser.add_argument("--ms-token-lifetime", type=int, default=3599,
                        help="expires_in of the stand-in's tokens, seconds (with --ms-stand-in)")
    args = parser.parse_args()

    mail_dir = args.dir / "mail"
    mail_dir.mkdir(parents=True, exist_ok=True)
    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(args.dir / "ca.pem"))
    stranger_ca = trustme.CA()
    # For the tenant CA field: the CA no one else trusts, and a CA certificate that has expired.
    stranger_ca.cert_pem.write_to_path(str(args.dir / "stranger-ca.pem"))
    write_expired_ca(args.dir / "expired-ca.pem")

    def server_context(issuer: trustme.CA, *names: str) -> ssl.SSLContext:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        issuer.issue_cert(*names).configure_cert(ctx)
        return ctx

    def self_signed_context(*names: str) -> ssl.SSLContext:
        """A certificate issued by itself (no CA), as small servers often have."""
        import datetime
        import ipaddress
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "mail.self-signed.test")])
        now = datetime.datetime.now(datetime.timezone.utc)
        alt = [x509.IPAddress(ipaddress.ip_address(n)) if n[0].isdigit() else x509.DNSName(n) for n in names]
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=90))
                .add_extension(x509.SubjectAlternativeName(alt), critical=False)
                .sign(key, hashes.SHA256()))
        cert_file, key_file = args.dir / "self-signed.pem", args.dir / "self-signed.key"
        cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_cert_chain(str(cert_file), str(key_file))
        return ctx

    def expired_context(*names: str) -> ssl.SSLContext:
        """Issued by the trusted CA, but its validity ended a month ago."""
        import datetime
        now = datetime.datetime.now(datetime.timezone.utc)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ca.issue_cert(*names, not_before=now - datetime.timedelta(days=400),
                      not_after=now - datetime.timedelta(days=30)).configure_cert(ctx)
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
        "expired": dict(ssl_context=expired_context("localhost", "127.0.0.1"), auth_require_tls=False, **common),
        "selfsigned": dict(ssl_context=self_signed_context("localhost", "127.0.0.1"), auth_require_tls=False, **common),
    }

    ms_server = None
    if args.ms_stand_in:
        ms_server, ms_base_url = ms_stand_in.start(token_lifetime=args.ms_token_lifetime)
        listeners["xoauth2"] = dict(
            tls_context=good, require_starttls=True, auth_required=True,
            authenticator=basic_auth_disabled, auth_exclude_mechanism=["CRAM-MD5", "PLAIN"],
            handler=XOAuth2Recorder(mail_dir, "xoauth2", ms_base_url, ms_stand_in.FIXTURES["mailboxes"]),
            controller_class=LongAuthController,
        )

    controllers, ports = [], {}
    for name, options in listeners.items():
        port = free_port()
        ssl_context = options.pop("ssl_context", None)
        handler = options.pop("handler", None) or Recorder(mail_dir, name)
        controller_class = options.pop("controller_class", Controller)
        controller = controller_class(
            handler, hostname=HOST, port=port, ssl_context=ssl_context,
            server_hostname="localhost", ready_timeout=10, **options,
        )
        controller.start()
        controllers.append(controller)
        ports[name] = port

    info = {"ports": ports, "ca_file": str((args.dir / "ca.pem").resolve()), "mail_dir": str(mail_dir.resolve()),
            "user": args.user}
    if ms_server is not None:
        info["ms"] = {"base_url": ms_base_url, "fixtures": ms_stand_in.FIXTURES}
    (args.dir / "server.json").write_text(json.dumps(info))
    print(json.dumps(info), flush=True)

    ms_stand_in.wait_until_stdin_closes()
    for controller in controllers:
        controller.stop()
    if ms_server is not None:
        ms_server.shutdown()


if __name__ == "__main__":
    main()
