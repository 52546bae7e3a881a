#!/usr/bin/env python3
"""A local stand-in for the Microsoft identity platform and Microsoft Graph sendMail, for tests.

Microsoft cannot be reached from our machines, so Mailwright's Microsoft 365 provider is tested
against this server. It speaks the wire format of the project's email-protocols reference, sections 1-3 (token endpoint,
Graph sendMail, and the token checks behind SMTP XOAUTH2), on 127.0.0.1 only.
Login and Graph share one base URL: point both the login authority and the Graph base at it.

  POST /{tenant}/oauth2/v2.0/token         client-credentials grant (form body or HTTP Basic)
  POST /v1.0/users/{upn}/sendMail          Graph sendMail (JSON body), 202 + request-id
  GET  /_stand-in/sent                     accepted Graph messages (test-only)
  GET  /_stand-in/stats                    {"token_requests": {client_id: n}, "graph_requests": n}
                                           (every request counts, failed ones too; "" = no client_id)
  POST /_stand-in/reset                    204; forgets messages, counters, tokens, the "busy" state
  GET  /_stand-in/introspect?token=T       {"active", "aud", "tenant", "client_id", "roles", "expires_at"}
                                           (expires_at in Unix seconds; unknown token: active false)
  POST /_stand-in/expire                   204; every token issued so far is now expired

Fixtures (FIXTURES below, also in the info line): one tenant (GUID or its domain), three apps
("sender" with Mail.Send for Graph and SMTP.SendAsApp for Outlook; "expired" whose secret has
expired; "no_permission" whose tokens carry no roles) and mailboxes that succeed, are inactive,
are always throttled (429, Retry-After: 10), are throttled once after each reset (429,
Retry-After: 1, then 202), or have SMTP AUTH disabled (for the SMTP test server's XOAUTH2 check).

Errors follow Microsoft's shapes: AADSTS errors {"error", "error_description", "error_codes",
"timestamp", "trace_id", "correlation_id", "error_uri"}; Graph errors {"error": {"code",
"message", "innerError": {"request-id", "date", "client-request-id"?}}} with a request-id header.
Tenants "common", "organizations" and "consumers" are not modelled (they are not tenants here).

Use as a module: `server, base_url = start()` serves in a daemon thread (server.shutdown() stops
it). Run standalone: `python ms_stand_in.py [--port N] [--token-lifetime S]` prints one JSON line
{"base_url": ..., "fixtures": {...}} and exits when its standard input closes, so a test run
that dies never leaves it behind.
"""

import argparse
import base64
import binascii
import json
import re
import secrets
import sys
import threading
import time
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, unquote_plus, urlsplit

GRAPH = "https://graph.microsoft.com"
OUTLOOK = "https://outlook.office365.com"
# Resources a scope may name, by URI or by the first-party application ID.
RESOURCES = {
    GRAPH: GRAPH,
    "00000003-0000-0000-c000-000000000000": GRAPH,
    OUTLOOK: OUTLOOK,
    "00000002-0000-0ff1-ce00-000000000000": OUTLOOK,
}

TENANT_ID = "8f4c2d8e-6a3b-4c1d-9e2f-1a2b3c4d5e6f"
TENANT_DOMAIN = "contoso.onmicrosoft.com"
TENANT_NAME = "Contoso"

FIXTURES = {
    "tenant_id": TENANT_ID,
    "tenant_domain": TENANT_DOMAIN,
    "scopes": {"graph": GRAPH + "/.default", "outlook": OUTLOOK + "/.default"},
    "apps": {
        "sender": {
            "client_id": "3f1b9a2c-7d4e-4b8a-9c6f-0e2d5a7b1c93",
            "secret": "Xy7~k2Q.abcDEF_ghiJKL-mnoPQRstuVWX12",
            "secret_id": "b6e0c4d2-1a9f-4e3b-8d7c-5f2a6e9b0d14",
            "roles": {GRAPH: ["Mail.Send"], OUTLOOK: ["SMTP.SendAsApp"]},
        },
        "expired": {
            "client_id": "a7c3e9f1-2b5d-4f8e-b1a6-c9d0e3f2a584",
            "secret": "Ab3~Zq8.expiredSECRET_value-0123456789",
            "secret_id": "d2f8a1c6-9e3b-47d5-a0c8-1b6e4f9d2a37",
            "roles": {GRAPH: ["Mail.Send"], OUTLOOK: ["SMTP.SendAsApp"]},
        },
        "no_permission": {
            "client_id": "5e9d2b7a-c4f1-4a36-8e0b-7d1c3a9f6e25",
            "secret": "Np5~Rt2.noPERMsecret_value-9876543210ab",
            "secret_id": "e1a4c7f9-3d6b-4c2e-9f8a-2b5d8e1c4f60",
            "roles": {GRAPH: [], OUTLOOK: []},
        },
    },
    "mailboxes": {
        "ok": "sender@contoso.onmicrosoft.com",
        "inactive": "inactive@contoso.onmicrosoft.com",
        "throttled": "throttled@contoso.onmicrosoft.com",
        "busy": "busy@contoso.onmicrosoft.com",
        "smtp_disabled": "smtpoff@contoso.onmicrosoft.com",
    },
}

APPS_BY_ID = {app["client_id"]: dict(app, name=name) for name, app in FIXTURES["apps"].items()}
EXPIRED_APPS = {FIXTURES["apps"]["expired"]["client_id"]}
MAILBOXES = {address: kind for kind, address in FIXTURES["mailboxes"].items()}

GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
DNS_NAME = re.compile(r"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")
TOKEN_PATH = re.compile(r"^/([^/]*)/oauth2/v2\.0/token$")
SENDMAIL_PATH = re.compile(r"^/v1\.0/users/([^/]+)/sendmail$", re.IGNORECASE)
MAX_BODY = 64 * 1024 * 1024

# Graph's message type: properties a sendMail message may carry (anything else is an OData error).
MESSAGE_PROPERTIES = {
    "attachments", "bccRecipients", "body", "bodyPreview", "categories", "ccRecipients", "changeKey",
    "conversationId", "conversationIndex", "createdDateTime", "extensions", "flag", "from",
    "hasAttachments", "id", "importance", "inferenceClassification", "internetMessageHeaders",
    "internetMessageId", "isDeliveryReceiptRequested", "isDraft", "isRead", "isReadReceiptRequested",
    "lastModifiedDateTime", "multiValueExtendedProperties", "parentFolderId", "receivedDateTime",
    "replyTo", "sender", "sentDateTime", "singleValueExtendedProperties", "subject", "toRecipients",
    "uniqueBody", "webLink",
}
RECIPIENT_LISTS = ("toRecipients", "ccRecipients", "bccRecipients", "replyTo")
THROTTLED = "Please retry again later."


def _new_token() -> str:
    """An opaque bearer token of a real token's size and shape (three base64url parts, "eyJ...")."""
    header = base64.urlsafe_b64encode(b'{"typ":"JWT","alg":"RS256","kid":"stand-in"}').rstrip(b"=").decode()
    return f"{header}.{secrets.token_urlsafe(900)}.{secrets.token_urlsafe(256)}"


class State:
    """Everything the stand-in remembers; one lock guards it all."""

    def __init__(self, token_lifetime: int):
        self.token_lifetime = token_lifetime
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.tokens = {}
            self.sent = []
            self.token_requests = {}
            self.graph_requests = 0
            self.busy_answered = False


class GraphError(Exception):
    def __init__(self, status: int, code: str, message: str, headers=None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = headers or {}


class TokenError(Exception):
    def __init__(self, status: int, error: str, code: int, text: str):
        super().__init__(text)
        self.status, self.error, self.code, self.text = status, error, code, text


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ms-stand-in/1"
    verbose = False

    @property
    def state(self) -> State:
        return self.server.state

    def log_message(self, format, *args):  # stdout is the info line only; logs go to stderr on request
        if self.verbose:
            sys.stderr.write("ms-stand-in: " + (format % args) + "\n")

    # ---- plumbing ------------------------------------------------------------------------------

    def _read_body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if not length:
            return b""
        try:
            n = int(length)
        except ValueError:
            n = -1
        if n < 0 or n > MAX_BODY:
            self.close_connection = True
            return b""
        return self.rfile.read(n)

    def _send(self, status: int, body: bytes = b"", content_type=None, headers=None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def _send_json(self, status: int, value, content_type="application/json; charset=utf-8", headers=None):
        self._send(status, json.dumps(value).encode(), content_type, headers)

    def _media_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()

    # ---- routing -------------------------------------------------------------------------------

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path == "/_stand-in/sent":
            with self.state.lock:
                sent = list(self.state.sent)
            return self._send_json(200, sent)
        if url.path == "/_stand-in/stats":
            with self.state.lock:
                stats = {"token_requests": dict(self.state.token_requests),
                         "graph_requests": self.state.graph_requests}
            return self._send_json(200, stats)
        if url.path == "/_stand-in/introspect":
            token = (parse_qs(url.query).get("token") or [""])[0]
            return self._send_json(200, self.introspect(token))
        if url.path.startswith("/v1.0/"):
            return self._graph_unsupported(url.path)
        if TOKEN_PATH.match(url.path) or url.path in ("/_stand-in/reset", "/_stand-in/expire"):
            return self._send(405, b"", headers={"Allow": "POST"})
        return self._send(404)

    def do_POST(self):
        body = self._read_body()
        url = urlsplit(self.path)
        if url.path == "/_stand-in/reset":
            self.state.reset()
            return self._send(204)
        if url.path == "/_stand-in/expire":
            now = time.time()
            with self.state.lock:
                for record in self.state.tokens.values():
                    record["expires_at"] = min(record["expires_at"], now - 1)
            return self._send(204)
        match = TOKEN_PATH.match(url.path)
        if match:
            return self.token(unquote(match.group(1)), body)
        if url.path.startswith("/v1.0/"):
            return self.graph(url.path, body)
        if url.path.startswith("/_stand-in/"):
            return self._send(405, b"", headers={"Allow": "GET"})
        return self._send(404)

    # ---- token endpoint ------------------------------------------------------------------------

    def token(self, tenant: str, body: bytes) -> None:
        client_id = None
        try:
            client_id, result = self._issue(tenant, body)
            self._send_json(200, result, headers={"Cache-Control": "no-store, no-cache", "Pragma": "no-cache"})
        except TokenError as e:
            now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%SZ")
            trace, correlation = str(uuid.uuid4()), str(uuid.uuid4())
            description = (f"AADSTS{e.code}: {e.text}\r\nTrace ID: {trace}\r\n"
                           f"Correlation ID: {correlation}\r\nTimestamp: {now}")
            self._send_json(e.status, {
                "error": e.error, "error_description": description, "error_codes": [e.code],
                "timestamp": now, "trace_id": trace, "correlation_id": correlation,
                "error_uri": f"https://login.microsoftonline.com/error?code={e.code}",
            }, headers={"Cache-Control": "no-store, no-cache", "Pragma": "no-cache"})
        finally:
            key = client_id if client_id is not None else self._guess_client_id(body)
            with self.state.lock:
                self.state.token_requests[key] = self.state.token_requests.get(key, 0) + 1

    def _guess_client_id(self, body: bytes) -> str:
        """The client_id the request named (for the statistics), even when the request failed early."""
        basic = self._basic_credentials()
        if basic:
            return basic[0]
        try:
            return (parse_qs(body.decode("utf-8"), keep_blank_values=True).get("client_id") or [""])[0]
        except UnicodeDecodeError:
            return ""

    def _basic_credentials(self):
        header = self.headers.get("Authorization") or ""
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return ("", None)
        user, colon, password = decoded.partition(":")
        if not colon:
            return ("", None)
        # RFC 6749 2.3.1: both parts are form-urlencoded before they are joined and base64-encoded.
        return (unquote_plus(user), unquote_plus(password))

    def _issue(self, tenant: str, body: bytes):
        malformed = TokenError(400, "invalid_request", 9002313, "Invalid request. Request is malformed or invalid.")

        if not (GUID.match(tenant) or DNS_NAME.match(tenant)):
            raise TokenError(400, "invalid_request", 900023,
                             f"Specified tenant identifier '{tenant}' is neither a valid DNS name, nor a valid external domain.")
        if tenant.lower() not in (TENANT_ID, TENANT_DOMAIN):
            raise TokenError(400, "invalid_tenant", 90002,
                             f"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are "
                             "signing into the correct cloud. Check with your subscription administrator, this may "
                             "happen if there are no active subscriptions for the tenant.")
        if self._media_type() != "application/x-www-form-urlencoded":
            # A body that is not a form has no readable parameters at all.
            raise TokenError(400, "invalid_request", 900144,
                             "The request body must contain the following parameter: 'grant_type'.")
        try:
            form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
        except (UnicodeDecodeError, ValueError):
            raise malformed
        if any(len(values) > 1 for values in form.values()):
            raise malformed
        field = {name: values[0] for name, values in form.items()}
        if "resource" in field:
            raise TokenError(400, "invalid_request", 901002, "The 'resource' request parameter is not supported.")

        grant_type = field.get("grant_type")
        if not grant_type:
            raise TokenError(400, "invalid_request", 900144,
                             "The request body must contain the following parameter: 'grant_type'.")
        if grant_type != "client_credentials":
            raise TokenError(400, "unsupported_grant_type", 70003,
                             f"The app requested an unsupported grant type '{grant_type}'.")

        client_id, client_secret = field.get("client_id"), field.get("client_secret")
        basic = self._basic_credentials()
        if basic is not None:
            basic_id, basic_secret = basic
            if basic_secret is None or client_secret is not None or (client_id and client_id != basic_id):
                # RFC 6749 2.3: one client authentication method per request.
                raise malformed
            client_id, client_secret = basic_id, basic_secret
        if not client_id:
            raise TokenError(400, "invalid_request", 900144,
                             "The request body must contain the following parameter: 'client_id'.")
        app = APPS_BY_ID.get(client_id.lower())
        if app is None:
            raise TokenError(400, "unauthorized_client", 700016,
                             f"Application with identifier '{client_id}' was not found in the directory "
                             f"'{TENANT_NAME}'. This can happen if the application has not been installed by the "
                             "administrator of the tenant or consented to by any user in the tenant. You may have "
                             "sent your authentication request to the wrong tenant.")
        if not client_secret:
            raise TokenError(400, "invalid_request", 7000218,
                             "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.")
        if not secrets.compare_digest(client_secret.encode(), app["secret"].encode()):
            raise TokenError(401, "invalid_client", 7000215,
                             "Invalid client secret provided. Ensure the secret being sent in the request is the "
                             "client secret value, not the client secret ID, for a secret added to app "
                             f"'{app['client_id']}'.")
        if app["client_id"] in EXPIRED_APPS:
            raise TokenError(401, "invalid_client", 7000222,
                             f"The provided client secret keys for app '{app['client_id']}' are expired. Visit the "
                             "Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or "
                             "consider using certificate credentials for added security: https://aka.ms/certCreds.")

        scope = (field.get("scope") or "").strip()
        if not scope:
            raise TokenError(400, "invalid_request", 900144,
                             "The request body must contain the following parameter: 'scope'.")
        audiences = set()
        for item in scope.split():
            if not item.lower().endswith("/.default"):
                raise TokenError(400, "invalid_scope", 1002012,
                                 f"The provided value for scope {item} is not valid. Client credential flows must "
                                 "have a scope value with /.default suffixed to the resource identifier "
                                 "(application ID URI).")
            resource = RESOURCES.get(item[: -len("/.default")].rstrip("/").lower())
            if resource is None:
                raise TokenError(400, "invalid_scope", 70011,
                                 f"The provided value for the input parameter 'scope' is not valid. The scope {item} "
                                 "is not valid.")
            audiences.add(resource)
        if len(audiences) > 1:
            raise TokenError(400, "invalid_scope", 28000,
                             "Provided value for the input parameter scope is not valid because it contains more "
                             "than one resource. Scope " + scope + " is not valid.")
        audience = audiences.pop()

        token = _new_token()
        lifetime = self.state.token_lifetime
        with self.state.lock:
            self.state.tokens[token] = {
                "aud": audience, "tenant": TENANT_ID, "client_id": app["client_id"],
                "roles": list(app["roles"][audience]), "expires_at": time.time() + lifetime,
            }
        return app["client_id"], {"token_type": "Bearer", "expires_in": lifetime,
                                  "ext_expires_in": lifetime, "access_token": token}

    def introspect(self, token: str) -> dict:
        with self.state.lock:
            record = self.state.tokens.get(token)
            record = dict(record) if record else None
        if record is None:
            return {"active": False, "aud": None, "tenant": None, "client_id": None, "roles": [], "expires_at": None}
        return {"active": time.time() < record["expires_at"], **record}

    # ---- Graph ---------------------------------------------------------------------------------

    def _graph_error(self, e: GraphError, request_id: str) -> None:
        client_request_id = self.headers.get("client-request-id")
        headers = {"request-id": request_id}
        if client_request_id:
            headers["client-request-id"] = client_request_id
        headers.update(e.headers)
        date = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
        if e.status == 429:
            # The documented throttling body, key order included.
            body = {"error": {"code": "TooManyRequests",
                              "innerError": {"code": "429", "date": date, "message": "Please retry after",
                                             "request-id": request_id, "status": "429"},
                              "message": e.message}}
        else:
            inner = {"request-id": request_id, "date": date}
            if client_request_id:
                inner["client-request-id"] = client_request_id
            body = {"error": {"code": e.code, "message": e.message, "innerError": inner}}
        self._send_json(e.status, body, content_type="application/json", headers=headers)

    def _graph_unsupported(self, path: str) -> None:
        with self.state.lock:
            self.state.graph_requests += 1
        request_id = str(uuid.uuid4())
        if SENDMAIL_PATH.match(path):
            error = GraphError(405, "BadRequest", f"The HTTP method '{self.command}' is not supported for sendMail.")
        else:
            error = GraphError(404, "ResourceNotFound", f"The stand-in implements only POST /v1.0/users/{{id}}/sendMail, not '{path}'.")
        self._graph_error(error, request_id)

    def graph(self, path: str, body: bytes) -> None:
        with self.state.lock:
            self.state.graph_requests += 1
        request_id = str(uuid.uuid4())
        try:
            match = SENDMAIL_PATH.match(path)
            if not match:
                raise GraphError(404, "ResourceNotFound",
                                 f"The stand-in implements only POST /v1.0/users/{{id}}/sendMail, not '{path}'.")
            upn = unquote(match.group(1))
            token = self._check_bearer()
            message = self._check_payload(body)
            self._check_mailbox(upn)
        except GraphError as e:
            return self._graph_error(e, request_id)
        record = {"request_id": request_id, "upn": upn, "body": message, "client_id": token["client_id"],
                  "time": datetime.now(timezone.utc).isoformat()}
        with self.state.lock:
            self.state.sent.append(record)
        headers = {"request-id": request_id}
        if self.headers.get("client-request-id"):
            headers["client-request-id"] = self.headers["client-request-id"]
        self._send(202, b"", headers=headers)

    def _check_bearer(self) -> dict:
        challenge = {"WWW-Authenticate": 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/'
                                         'common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"'}
        scheme, _, token = (self.headers.get("Authorization") or "").strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise GraphError(401, "InvalidAuthenticationToken", "Access token is empty.", challenge)
        record = self.introspect(token)
        if not record["active"]:
            raise GraphError(401, "InvalidAuthenticationToken", "Access token validation failure.", challenge)
        if record["aud"] != GRAPH:
            raise GraphError(401, "InvalidAuthenticationToken",
                             "Access token validation failure. Invalid audience.", challenge)
        if "Mail.Send" not in record["roles"]:
            raise GraphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.")
        return record

    def _check_payload(self, body: bytes):
        if self._media_type() != "application/json":
            raise GraphError(400, "BadRequest",
                             "Content-Type must be application/json (the stand-in does not implement MIME sendMail).")
        try:
            payload = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise GraphError(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type "
                                                "header is set and payload is of valid JSON format.")
        if not isinstance(payload, dict):
            raise GraphError(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type "
                                                "header is set and payload is of valid JSON format.")
        _only(payload, {"message", "saveToSentItems"}, "microsoft.graph.sendMail")
        message = payload.get("message")
        if not isinstance(message, dict):
            raise GraphError(400, "ErrorInvalidRequest", "The 'message' parameter is required and must be an object.")
        save = payload.get("saveToSentItems", True)
        if not (isinstance(save, bool) or (isinstance(save, str) and save.lower() in ("true", "false"))):
            raise GraphError(400, "BadRequest", "Cannot convert the literal to the expected type 'Edm.Boolean' "
                                                "for 'saveToSentItems'.")

        _only(message, MESSAGE_PROPERTIES, "microsoft.graph.message")
        if not isinstance(message.get("subject"), str):
            raise GraphError(400, "ErrorInvalidRequest", "message.subject must be a string.")
        content = message.get("body")
        if not isinstance(content, dict):
            raise GraphError(400, "ErrorInvalidRequest", "message.body must be an itemBody object.")
        _only(content, {"contentType", "content"}, "microsoft.graph.itemBody")
        if not isinstance(content.get("contentType"), str) or content["contentType"].lower() not in ("text", "html"):
            raise GraphError(400, "ErrorInvalidRequest",
                             "message.body.contentType must be 'Text' or 'HTML' (got %s)." % json.dumps(content.get("contentType")))
        if not isinstance(content.get("content"), str):
            raise GraphError(400, "ErrorInvalidRequest", "message.body.content must be a string.")

        addresses = []
        for name in RECIPIENT_LISTS:
            if name not in message:
                continue
            items = message[name]
            if not isinstance(items, list):
                raise GraphError(400, "ErrorInvalidRequest", f"message.{name} must be a list of recipients.")
            for item in items:
                addresses.append(_recipient(item, f"message.{name}"))
        for name in ("from", "sender"):
            if name in message:
                addresses.append(_recipient(message[name], f"message.{name}"))
        if not message.get("toRecipients"):
            raise GraphError(400, "ErrorInvalidRecipients",
                             "At least one recipient isn't valid., A message can't be sent because it contains no recipients.")
        for address in addresses:
            if not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+", address):
                raise GraphError(400, "ErrorInvalidRecipients", "At least one recipient isn't valid.")
        return payload

    def _check_mailbox(self, upn: str) -> None:
        kind = MAILBOXES.get(upn.lower())
        if kind is None:
            raise GraphError(404, "ErrorInvalidUser", f"The requested user '{upn}' is invalid.")
        if kind == "inactive":
            raise GraphError(404, "MailboxNotEnabledForRESTAPI",
                             "The mailbox is either inactive, soft-deleted, or is hosted on-premise.")
        if kind == "throttled":
            raise GraphError(429, "TooManyRequests", THROTTLED, {"Retry-After": "10"})
        if kind == "busy":
            with self.state.lock:
                first, self.state.busy_answered = not self.state.busy_answered, True
            if first:
                raise GraphError(429, "TooManyRequests", THROTTLED, {"Retry-After": "1"})

    def handle_one_request(self):
        try:
            super().handle_one_request()
        except (ConnectionResetError, BrokenPipeError):
            self.close_connection = True


def _only(obj: dict, allowed, type_name: str) -> None:
    for key in obj:
        if key not in allowed and not key.startswith("@"):
            raise GraphError(400, "BadRequest", f"The property '{key}' does not exist on type '{type_name}'. Make "
                                                "sure to only use property names that are defined by the type.")


def _recipient(item, where: str) -> str:
    if not isinstance(item, dict) or not isinstance(item.get("emailAddress"), dict):
        raise GraphError(400, "ErrorInvalidRequest", f"{where}: each recipient must be {{\"emailAddress\": {{\"address\": ...}}}}.")
    _only(item, {"emailAddress"}, "microsoft.graph.recipient")
    email = item["emailAddress"]
    _only(email, {"address", "name"}, "microsoft.graph.emailAddress")
    if not isinstance(email.get("address"), str):
        raise GraphError(400, "ErrorInvalidRequest", f"{where}: emailAddress.address must be a string.")
    if "name" in email and not isinstance(email["name"], (str, type(None))):
        raise GraphError(400, "ErrorInvalidRequest", f"{where}: emailAddress.name must be a string.")
    return email["address"]


def start(host: str = "127.0.0.1", port: int = 0, token_lifetime: int = 3599, verbose: bool = False):
    """Starts the stand-in in a daemon thread; returns (server, base_url). Stop with server.shutdown()."""
    handler = type("StandInHandler", (Handler,), {"verbose": verbose})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    server.state = State(token_lifetime)
    base_url = f"http://{host}:{server.server_address[1]}"
    server.base_url = base_url
    threading.Thread(target=server.serve_forever, name="ms-stand-in", daemon=True).start()
    return server, base_url


def wait_until_stdin_closes() -> None:
    """Blocks until standard input closes (the test harness ended) or we are interrupted, so a
    test run that dies never leaves a server behind."""
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--token-lifetime", type=int, default=3599, help="expires_in of issued tokens, seconds")
    parser.add_argument("--verbose", action="store_true", help="log requests to stderr")
    args = parser.parse_args()

    server, base_url = start(port=args.port, token_lifetime=args.token_lifetime, verbose=args.verbose)
    print(json.dumps({"base_url": base_url, "fixtures": FIXTURES}), flush=True)

    wait_until_stdin_closes()
    server.shutdown()
    server.server_close()


if __name__ == "__main__":
    main()
