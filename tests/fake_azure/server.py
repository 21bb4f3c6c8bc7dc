#!/usr/bin/env python3
"""A fake Azure for vouch's integration tests: Entra ID's token endpoint, Azure Resource
Manager and Microsoft Graph on one loopback HTTPS port, answering from the JSON files
in fixtures/ (see README.md).

    python3 tests/fake_azure/server.py [--scenario NAME] [--request-log FILE]

Binds 127.0.0.1 on a free port, prints exactly one line `READY <port>` on stdout once it
listens, and serves until SIGTERM/SIGINT. Python 3.11 standard library only.
"""

import argparse
import datetime
import hashlib
import http.server
import json
import os
import re
import secrets
import signal
import socket
import socketserver
import ssl
import struct
import sys
import threading
import time
import urllib.parse
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures")
TLS = os.path.join(HERE, "tls")

# The api-version each provider namespace must be called with: the versions
# docs/azure-inventory-schema.md names. A different one is a collector bug.
API_VERSIONS = {
    "microsoft.storage": "2023-05-01",
    "microsoft.sql": "2021-11-01",
    "microsoft.dbforpostgresql": "2022-12-01",
    "microsoft.dbformysql": "2023-12-30",
    "microsoft.network": "2024-05-01",
    "microsoft.keyvault": "2023-07-01",
    "microsoft.insights": "2021-05-01-preview",
    "microsoft.operationalinsights": "2022-10-01",
    "microsoft.security": "2024-01-01",
    "microsoft.recoveryservices": "2023-04-01",
    "microsoft.aadiam": "2017-04-01",
    "microsoft.securityinsights": "2024-09-01",
    "microsoft.authorization": "2020-10-01",
}
# Resource types whose api-version differs from their namespace's: Azure resource access
# reviews exist only in preview versions.
API_VERSIONS_BY_TYPE = {
    ("microsoft.authorization", "accessreviewscheduledefinitions"): "2021-12-01-preview",
}
# The Log Analytics query API through Resource Manager ({workspace id}/api/query).
QUERY_API = "2017-10-01"
SUBSCRIPTIONS_API = "2022-12-01"
RESOURCES_API = "2021-04-01"

# A token's audience is Graph when its scope names Graph: Graph's public hosts, its
# application id, or `localhost` (the test signs in for ARM at https://127.0.0.1:PORT and
# for Graph at https://localhost:PORT, so the two scopes, origin + "/.default", differ).
GRAPH_SCOPE_HOSTS = {"graph.microsoft.com", "graph.microsoft.us", "microsoftgraph.chinacloudapi.cn",
                     "dod-graph.microsoft.us", "localhost"}
GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000"
TOKEN_LIFETIME = 3599
SP_OBJECT_ID = "44444444-4444-4444-4444-444444444444"
MAX_BODY = 64 * 1024

TOKEN_PATH = re.compile(r"^/([^/]+)/oauth2/v2\.0/token$", re.IGNORECASE)
OIDC_PATH = re.compile(r"^/([^/]+)/v2\.0/\.well-known/openid-configuration$", re.IGNORECASE)
SUBSCRIPTION_PATH = re.compile(r"^/subscriptions/([^/]+)(/.*)?$", re.IGNORECASE)

VERBOSE = bool(os.environ.get("FAKE_AZURE_VERBOSE"))


def note(message):
    if VERBOSE:
        print(f"fake_azure: {message}", file=sys.stderr, flush=True)


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%SZ")


class Fixtures:
    """routes.json, the chosen scenario's overrides, and the files they name."""

    def __init__(self, scenario):
        with open(os.path.join(FIXTURES, "routes.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        scenarios = manifest["scenarios"]
        if scenario not in scenarios:
            raise SystemExit(f"unknown scenario {scenario!r}; known: {', '.join(sorted(scenarios))}")
        self.tenant = manifest["tenant"].lower()
        self.client_id = manifest["client_id"].lower()
        self.client_secret = manifest["client_secret"]
        self.denied = {s.lower() for s in manifest["denied_subscriptions"]}
        routes = dict(manifest["routes"])
        routes.update(scenarios[scenario].get("routes", {}))
        self.routes = {normalize(p): spec for p, spec in routes.items()}
        self.bodies = {}
        for spec in self.routes.values():
            for rel in [spec.get("file"), *(spec.get("pages") or []), (spec.get("first") or {}).get("file")]:
                if rel and rel not in self.bodies:
                    with open(os.path.join(FIXTURES, rel), encoding="utf-8") as f:
                        self.bodies[rel] = f.read()
        self.subscriptions = set()
        self.known_ids = set()
        for path, spec in self.routes.items():
            m = SUBSCRIPTION_PATH.match(path)
            if m and m.group(2) is None:
                self.subscriptions.add(m.group(1))
            for rel in [spec.get("file"), *(spec.get("pages") or [])]:
                self._collect_ids(rel)
        self.subscriptions |= self.denied
        self._first_served = set()
        self._lock = threading.Lock()

    def _collect_ids(self, rel):
        try:
            body = json.loads(self.bodies[rel])
        except (ValueError, KeyError):
            return
        items = body.get("value") if isinstance(body, dict) else None
        for item in items if isinstance(items, list) else [body]:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                self.known_ids.add(normalize("/" + item["id"].lstrip("/")))

    def take_first(self, path):
        """True once per path: whether this request gets the route's `first` answer."""
        with self._lock:
            if path in self._first_served:
                return False
            self._first_served.add(path)
            return True


def normalize(path):
    return urllib.parse.unquote(path).rstrip("/").lower() or "/"


class Faults:
    """Per-request fault injection, deterministic under a seed: the n-th request of a
    given method and target (path and query) gets the same fault in every run, whatever
    order concurrent requests arrive in. SPEC is comma-separated `name=value`:
    `seed` (any text), the rates `throttle` (429 + Retry-After), `error` (500, 502, 503
    with Retry-After, or 504), `reset` (the connection is reset without an answer) and
    `hang` (no answer for `hang_seconds`), each 0..1; `retry_after` (seconds, default 1).
    The sign-in and the subscription list are spared: they decide whether a scan runs at
    all, and their failures are tested on their own."""

    KINDS = ("throttle", "error", "reset", "hang")

    def __init__(self, spec, log):
        self.seed = "0"
        self.rates = {k: 0.0 for k in self.KINDS}
        self.retry_after = "1"
        self.hang_seconds = 30.0
        for part in filter(None, (p.strip() for p in spec.split(","))):
            name, _, value = part.partition("=")
            if name == "seed":
                self.seed = value
            elif name in self.rates:
                self.rates[name] = float(value)
            elif name == "retry_after":
                self.retry_after = value
            elif name == "hang_seconds":
                self.hang_seconds = float(value)
            else:
                raise SystemExit(f"--faults: unknown setting {name!r}")
        if sum(self.rates.values()) > 1:
            raise SystemExit("--faults: the rates add up to more than 1")
        self.log = log
        self._seen = {}
        self._lock = threading.Lock()

    def decide(self, target):
        """(kind or None, a byte of the same hash, to vary the answer within a kind)."""
        with self._lock:
            n = self._seen.get(target, 0)
            self._seen[target] = n + 1
        digest = hashlib.sha256(f"{self.seed}\0{target}\0{n}".encode()).digest()
        u = int.from_bytes(digest[:8], "big") / 2 ** 64
        edge = 0.0
        for kind in self.KINDS:
            edge += self.rates[kind]
            if u < edge:
                return kind, digest[8]
        return None, digest[8]

    def note(self, line):
        if self.log is not None:
            with self._lock:
                self.log.write(line + "\n")
                self.log.flush()


class Tokens:
    def __init__(self):
        self._tokens = {}
        self._lock = threading.Lock()

    def issue(self, audience, scope):
        token = f"fake-{audience}-{secrets.token_hex(24)}"
        with self._lock:
            self._tokens[token] = (audience, scope, time.monotonic() + TOKEN_LIFETIME)
        return token

    def lookup(self, token):
        with self._lock:
            return self._tokens.get(token)


def scope_audience(scope):
    """'graph', 'arm', or None when the scope is not a single resource's `/.default`."""
    if not scope.endswith("/.default") or len(scope) <= len("/.default"):
        return None
    resource = scope[: -len("/.default")]
    if resource.lower() == GRAPH_APP_ID:
        return "graph"
    parsed = urllib.parse.urlsplit(resource)
    if parsed.scheme not in ("https", "api") or not parsed.netloc:
        return None
    return "graph" if (parsed.hostname or "").lower() in GRAPH_SCOPE_HOSTS else "arm"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-azure"

    def version_string(self):
        return self.server_version
    timeout = 60

    # ------------------------------------------------------------ plumbing
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        note(f"{self.address_string()} {format % args}")

    def handle(self):
        try:
            super().handle()
        except (ConnectionError, ssl.SSLError, TimeoutError, OSError) as e:
            note(f"connection dropped: {e!r}")
            self.close_connection = True

    def __getattr__(self, name):
        # Every method without its own do_X (PUT, DELETE, FOO...) lands here.
        if name.startswith("do_"):
            return self.dispatch
        raise AttributeError(name)

    def do_GET(self):
        self.dispatch()

    def do_POST(self):
        self.dispatch()

    def send(self, status, body, content_type="application/json; charset=utf-8", headers=None):
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-cache")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        self.wfile.flush()

    def send_json(self, status, obj, headers=None):
        self.send(status, json.dumps(obj, indent=2) + "\n", headers=headers)

    def arm_error(self, status, code, message, headers=None):
        rid = str(uuid.uuid4())
        h = {"x-ms-request-id": rid, "x-ms-correlation-request-id": rid,
             "x-ms-failure-cause": "gateway"}
        h.update(headers or {})
        self.send_json(status, {"error": {"code": code, "message": message}}, headers=h)

    def graph_error(self, status, code, message, headers=None):
        rid = str(uuid.uuid4())
        h = {"request-id": rid, "client-request-id": rid}
        h.update(headers or {})
        self.send_json(status, {"error": {"code": code, "message": message, "innerError": {
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S"),
            "request-id": rid, "client-request-id": rid}}},
            headers=h)

    def aad_error(self, status, error, code, description):
        trace, corr = str(uuid.uuid4()), str(uuid.uuid4())
        stamp = now_iso()
        self.send_json(status, {
            "error": error,
            "error_description": f"AADSTS{code}: {description} Trace ID: {trace} Correlation ID: {corr} Timestamp: {stamp}",
            "error_codes": [code],
            "timestamp": stamp,
            "trace_id": trace,
            "correlation_id": corr,
            "error_uri": f"https://login.microsoftonline.com/error?code={code}",
        })

    def origin(self):
        host = self.headers.get("Host", "")
        if not re.fullmatch(r"(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}", host):
            host = f"127.0.0.1:{self.server.server_address[1]}"
        return f"https://{host}"

    def read_body(self):
        """The request body, or None (after answering 400/411) when it cannot be read."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
            self.send(411, "chunked request bodies are not supported\n", "text/plain; charset=utf-8")
            return None
        raw = self.headers.get("Content-Length", "0").strip() or "0"
        if not raw.isdigit() or int(raw) > MAX_BODY:
            self.close_connection = True
            self.send(400, "bad Content-Length\n", "text/plain; charset=utf-8")
            return None
        return self.rfile.read(int(raw)) if int(raw) else b""

    def record(self):
        log = self.server.request_log
        if log is None:
            return
        line = f"{self.command} {self.path}".replace("\r", "\\r").replace("\n", "\\n")
        with self.server.log_lock:
            if not log.closed:
                log.write(line + "\n")
                log.flush()

    # ------------------------------------------------------------ routing
    def dispatch(self):
        self.record()
        if not self.path.startswith("/") or "\x00" in self.path:
            self.close_connection = True
            self.send(400, "bad request target\n", "text/plain; charset=utf-8")
            return
        raw_path, _, query = self.path.partition("?")
        path = urllib.parse.unquote(raw_path.partition("#")[0])
        if "//" in path.rstrip("/"):
            # e.g. a base URL with a trailing slash joined to "/subscriptions"
            self.close_connection = True
            self.arm_error(400, "InvalidRequestUri", f"The request URI path '{raw_path}' has an empty segment.")
            return
        body = b""
        if self.command not in ("GET", "HEAD") or self.headers.get("Content-Length") or \
                self.headers.get("Transfer-Encoding"):
            body = self.read_body()
            if body is None:
                return
        faults = self.server.faults
        spared = TOKEN_PATH.match(path) or OIDC_PATH.match(path) or normalize(path) == "/subscriptions"
        if faults is not None and not spared:
            kind, pick = faults.decide(f"{self.command} {self.path}")
            if kind is not None:
                self.inject(faults, kind, pick, path.lower().startswith("/v1.0/"))
                return
        m = TOKEN_PATH.match(path)
        if m:
            if self.command != "POST":
                self.aad_error(405, "invalid_request", 900561,
                               f"The endpoint only accepts POST requests. Received a {self.command} request.")
                return
            self.token(m.group(1), body)
            return
        m = OIDC_PATH.match(path)
        if m and self.command == "GET":
            self.openid_configuration(m.group(1))
            return
        graph = path.lower().startswith("/v1.0/") or path.lower() == "/v1.0"
        if self.command != "GET":
            msg = f"The requested resource does not support http method '{self.command}'."
            if graph:
                self.graph_error(405, "Request_BadRequest", msg)
            else:
                self.arm_error(405, "MethodNotAllowed", msg, headers={"Allow": "GET"})
            return
        if graph:
            self.graph(path)
        else:
            self.arm(path, query)

    # ------------------------------------------------------------ faults
    def inject(self, faults, kind, pick, graph):
        """Answers with the fault, in the shape ARM or Graph use for it."""
        if kind == "throttle":
            faults.note(f"throttle 429 {self.command} {self.path}")
            headers = {"Retry-After": faults.retry_after}
            if graph:
                self.graph_error(429, "TooManyRequests", "Too many requests.", headers=headers)
            else:
                self.arm_error(429, "TooManyRequests",
                               "The request is being throttled as the limit has been reached for operation type - "
                               "Read_ObservationWindow_00:05:00. For more information, see - "
                               "https://aka.ms/srpthrottlinglimits", headers=headers)
        elif kind == "error":
            status, code = [(500, "InternalServerError"), (502, "BadGateway"),
                            (503, "ServiceUnavailable"), (504, "GatewayTimeout")][pick % 4]
            faults.note(f"error {status} {self.command} {self.path}")
            headers = {"Retry-After": faults.retry_after} if status == 503 else {}
            if graph:
                self.graph_error(status, code, "The service encountered an internal error.", headers=headers)
            else:
                self.arm_error(status, code, "The server encountered an internal error; please retry the request.",
                               headers=headers)
        elif kind == "reset":
            faults.note(f"reset - {self.command} {self.path}")
            # SO_LINGER 0: the close sends RST, not FIN, and no answer is sent.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
        else:
            faults.note(f"hang - {self.command} {self.path}")
            time.sleep(faults.hang_seconds)
            self.close_connection = True

    # ------------------------------------------------------------ Entra ID
    def token(self, tenant, body):
        fx = self.server.fixtures
        if tenant.lower() != fx.tenant:
            self.aad_error(400, "invalid_request", 90002,
                           f"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are "
                           "signing into the correct cloud. Check with your subscription administrator, this may "
                           "happen if there are no active subscriptions for the tenant.")
            return
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        try:
            if ctype != "application/x-www-form-urlencoded":
                raise ValueError("not a form")
            form = urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True,
                                         strict_parsing=bool(body), max_num_fields=20)
            if any(len(v) != 1 for v in form.values()):
                raise ValueError("repeated parameter")
            form = {k: v[0] for k, v in form.items()}
        except (ValueError, UnicodeDecodeError):
            self.aad_error(400, "invalid_request", 9002313, "Invalid request. Request is malformed or invalid.")
            return
        for name in ("grant_type", "client_id", "scope"):
            if not form.get(name):
                self.aad_error(400, "invalid_request", 900144,
                               f"The request body must contain the following parameter: '{name}'.")
                return
        if form["grant_type"] != "client_credentials":
            self.aad_error(400, "unsupported_grant_type", 70003,
                           f"The app requested an unsupported grant type '{form['grant_type']}'.")
            return
        if form["client_id"].lower() != fx.client_id:
            self.aad_error(400, "unauthorized_client", 700016,
                           f"Application with identifier '{form['client_id']}' was not found in the directory "
                           f"'{tenant}'. This can happen if the application has not been installed by the "
                           "administrator of the tenant or consented to by any user in the tenant. You may have "
                           "sent your authentication request to the wrong tenant.")
            return
        if "client_secret" not in form and "client_assertion" not in form:
            self.aad_error(401, "invalid_client", 7000216,
                           "'client_assertion', 'client_secret' or 'request' is required for the "
                           "'client_credentials' grant type.")
            return
        if form.get("client_secret") != fx.client_secret:
            self.aad_error(401, "invalid_client", 7000215,
                           "Invalid client secret provided. Ensure the secret being sent in the request is the "
                           f"client secret value, not the client secret ID, for a secret added to app '{fx.client_id}'.")
            return
        scope = form["scope"].strip()
        if " " in scope:
            self.aad_error(400, "invalid_scope", 70011,
                           f"The provided request must include a 'scope' input parameter. The provided value for the "
                           f"input parameter 'scope' is not valid. The scope {scope} is not valid. "
                           "Only one resource may be requested with the client credentials flow.")
            return
        audience = scope_audience(scope)
        if audience is None:
            self.aad_error(400, "invalid_scope", 1002012,
                           f"The provided value for scope {scope} is not valid. Client credential flows must have "
                           "a scope value with /.default suffixed to the resource identifier (application ID URI).")
            return
        token = self.server.tokens.issue(audience, scope)
        note(f"issued a {audience} token for {scope}")
        self.send_json(200, {"token_type": "Bearer", "expires_in": TOKEN_LIFETIME,
                             "ext_expires_in": TOKEN_LIFETIME, "access_token": token})

    def openid_configuration(self, tenant):
        fx = self.server.fixtures
        if tenant.lower() != fx.tenant:
            self.aad_error(400, "invalid_tenant", 90002, f"Tenant '{tenant}' not found.")
            return
        o = self.origin()
        self.send_json(200, {
            "token_endpoint": f"{o}/{fx.tenant}/oauth2/v2.0/token",
            "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
            "issuer": f"{o}/{fx.tenant}/v2.0",
            "authorization_endpoint": f"{o}/{fx.tenant}/oauth2/v2.0/authorize",
            "tenant_region_scope": "EU",
        })

    def bearer(self):
        """(audience, problem): the audience of this request's token, or why there is none."""
        auth = self.headers.get("Authorization")
        if not auth:
            return None, "missing"
        scheme, _, token = auth.strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None, "malformed"
        found = self.server.tokens.lookup(token.strip())
        if found is None:
            return None, "unknown"
        audience, scope, expires = found
        if time.monotonic() > expires:
            return None, "expired"
        return audience, scope

    # ------------------------------------------------------------ Graph
    def graph(self, path):
        audience, detail = self.bearer()
        if audience is None:
            self.graph_error(401, "InvalidAuthenticationToken", {
                "missing": "Access token is empty.",
                "expired": "Lifetime validation failed, the token is expired.",
            }.get(detail, "IDX14100: JWT is not well formed, there are no dots (.)."))
            return
        if audience != "graph":
            self.graph_error(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.")
            return
        key = normalize(path)
        spec = self.server.fixtures.routes.get(key)
        if spec is None:
            segment = path.rstrip("/").rsplit("/", 1)[-1]
            self.graph_error(400, "BadRequest", f"Resource not found for the segment '{segment}'.")
            return
        self.serve(key, spec, {}, graph=True)

    # ------------------------------------------------------------ ARM
    def arm(self, path, query):
        audience, detail = self.bearer()
        if audience is None:
            if detail == "missing":
                self.arm_error(401, "AuthenticationFailed",
                               "Authentication failed. The 'Authorization' header is missing.",
                               headers={"WWW-Authenticate": 'Bearer authorization_uri="https://login.microsoftonline.com/", '
                                        'error="invalid_token", error_description="The authentication failed because of '
                                        'missing \'Authorization\' header."'})
            elif detail == "expired":
                self.arm_error(401, "ExpiredAuthenticationToken",
                               "The access token expiry UTC time is earlier than current UTC time.")
            else:
                self.arm_error(401, "AuthenticationFailed",
                               "Authentication failed. The 'Authorization' header is provided in an invalid format "
                               "or the token was not issued by this server.")
            return
        if audience != "arm":
            self.arm_error(401, "InvalidAuthenticationTokenAudience",
                           f"The access token has been obtained for wrong audience or resource '{detail[:-len('/.default')]}'. "
                           "It should exactly match with one of the allowed audiences "
                           "'https://management.core.windows.net/','https://management.core.windows.net',"
                           "'https://management.azure.com/','https://management.azure.com'.")
            return
        try:
            params = urllib.parse.parse_qs(query, keep_blank_values=True, max_num_fields=50)
        except ValueError:
            self.arm_error(400, "InvalidQueryParameterValue", "The query string is malformed.")
            return
        versions = params.get("api-version", [])
        expected = expected_api_version(path)
        if not versions or versions == [""]:
            self.arm_error(400, "MissingApiVersionParameter",
                           "The api-version query parameter (?api-version=) is required for all requests.")
            return
        if len(versions) > 1 or (expected and versions[0] != expected):
            self.arm_error(400, "InvalidApiVersionParameter",
                           f"The api-version '{','.join(versions)}' is invalid. The supported versions are "
                           f"'{expected or 'unknown'}'.")
            return
        fx = self.server.fixtures
        key = normalize(path)
        m = SUBSCRIPTION_PATH.match(key)
        if m and m.group(1) in fx.denied:
            self.authorization_failed(path.rstrip("/"))
            return
        spec = fx.routes.get(key)
        if spec is None:
            self.not_found(path.rstrip("/"))
            return
        self.serve(key, spec, params)

    def authorization_failed(self, path):
        m = SUBSCRIPTION_PATH.match(path)
        subscription, tail = m.group(1), (m.group(2) or "").lower()
        if tail == "":
            action, scope = "Microsoft.Resources/subscriptions/read", f"/subscriptions/{subscription}"
        elif tail == "/resources":
            action, scope = "Microsoft.Resources/subscriptions/resources/read", f"/subscriptions/{subscription}"
        else:
            action, scope = arm_action(path), path
            if re.fullmatch(r"/providers/[^/]+/[^/]+", tail):
                scope = f"/subscriptions/{subscription}"
        fx = self.server.fixtures
        self.arm_error(403, "AuthorizationFailed",
                       f"The client '{fx.client_id}' with object id '{SP_OBJECT_ID}' does not have authorization to "
                       f"perform action '{action}' over scope '{scope}' or the scope is invalid. If access was "
                       "recently granted, please refresh your credentials.")

    def not_found(self, path):
        fx = self.server.fixtures
        m = SUBSCRIPTION_PATH.match(path)
        if m and m.group(1).lower() not in fx.subscriptions:
            self.arm_error(404, "SubscriptionNotFound", f"The subscription '{m.group(1)}' could not be found.")
            return
        segs = path.strip("/").split("/")
        lower = [s.lower() for s in segs]
        if "providers" in lower:
            i = len(lower) - 1 - lower[::-1].index("providers")
            rest = segs[i + 1:]
            rg = segs[3] if len(segs) > 3 and lower[2] == "resourcegroups" else None
            if len(rest) >= 4:  # namespace/type/name/childtype[/childname...]
                parent = "/" + "/".join(segs[: i + 4])
                if parent.lower() not in fx.known_ids:
                    self.arm_error(404, "ParentResourceNotFound",
                                   "Can not perform requested operation on nested resource. Parent resource "
                                   f"'{rest[2]}' not found.")
                    return
                if rest[3].lower() == "managementpolicies":
                    self.arm_error(404, "ManagementPolicyNotFound",
                                   f"No ManagementPolicy found for account {rest[2]}")
                    return
            if len(rest) >= 3:
                self.arm_error(404, "ResourceNotFound",
                               f"The Resource '{'/'.join(rest)}' under resource group '{rg or '<none>'}' was not "
                               "found. For more details please go to https://aka.ms/ARMResourceNotFoundFix")
                return
        self.arm_error(404, "ResourceNotFound" if "providers" in lower else "InvalidResourceType",
                       f"The resource '{path}' was not found." if "providers" in lower else
                       f"The resource type could not be found for the request path '{path}'.")

    # ------------------------------------------------------------ answers
    def serve(self, key, spec, params, graph=False):
        fx = self.server.fixtures
        first = spec.get("first")
        if first and fx.take_first(key):
            self.send_fixture(first, graph)
            return
        pages = spec.get("pages")
        if pages:
            tokens = params.get("$skipToken", []) or params.get("$skiptoken", [])
            if not tokens:
                index = 0
            else:
                m = re.fullmatch(r"page-(\d+)", tokens[0])
                index = int(m.group(1)) - 1 if m and len(tokens) == 1 else -1
                if not 1 <= index < len(pages):
                    self.arm_error(400, "InvalidSkipToken", f"The skip token '{tokens[0]}' is not valid.")
                    return
            self.send_fixture({"file": pages[index]}, graph)
            return
        self.send_fixture(spec, graph)

    def send_fixture(self, spec, graph):
        status = int(spec.get("status", 200))
        if "oversize_mib" in spec:
            # A well-formed list padded past what a client should read.
            pad = "x" * (int(spec["oversize_mib"]) << 20)
            self.send(status, '{"value": [], "padding": "' + pad + '"}')
            return
        body = self.server.fixtures.bodies[spec["file"]].replace("{origin}", self.origin()) \
            .replace("{port}", str(self.server.server_address[1]))
        rid = str(uuid.uuid4())
        headers = {"request-id": rid, "client-request-id": rid} if graph else \
            {"x-ms-request-id": rid, "x-ms-correlation-request-id": rid,
             "x-ms-ratelimit-remaining-subscription-reads": "11999"}
        headers.update(spec.get("headers", {}))
        if status >= 400 and not graph:
            headers["x-ms-failure-cause"] = "gateway"
        self.send(status, body, spec.get("content_type", "application/json; charset=utf-8"), headers)


def expected_api_version(path):
    """The api-version the path's provider takes; None for a path this fake does not know."""
    segs = [s.lower() for s in path.strip("/").split("/")]
    if segs[:1] == ["subscriptions"] and len(segs) <= 2:
        return SUBSCRIPTIONS_API
    if segs[:1] == ["subscriptions"] and len(segs) == 3 and segs[2] == "resources":
        return RESOURCES_API
    if "providers" in segs:
        i = len(segs) - 1 - segs[::-1].index("providers")
        if i + 1 < len(segs):
            if segs[-2:] == ["api", "query"]:
                return QUERY_API
            if i + 2 < len(segs) and (segs[i + 1], segs[i + 2]) in API_VERSIONS_BY_TYPE:
                return API_VERSIONS_BY_TYPE[(segs[i + 1], segs[i + 2])]
            return API_VERSIONS.get(segs[i + 1])
    return None


def arm_action(path):
    """The read action ARM would name for a path, e.g. Microsoft.Storage/storageAccounts/read."""
    segs = path.strip("/").split("/")
    lower = [s.lower() for s in segs]
    if "providers" not in lower:
        return "Microsoft.Resources/subscriptions/resources/read"
    i = len(lower) - 1 - lower[::-1].index("providers")
    rest = segs[i + 1:]
    names = {n.lower(): n for n in (
        "Microsoft.Storage", "Microsoft.Sql", "Microsoft.DBforPostgreSQL", "Microsoft.DBforMySQL",
        "Microsoft.Network", "Microsoft.KeyVault", "Microsoft.Insights", "Microsoft.OperationalInsights",
        "Microsoft.Security", "Microsoft.RecoveryServices", "microsoft.aadiam",
        "Microsoft.SecurityInsights", "Microsoft.Authorization")}
    types = {t.lower(): t for t in (
        "storageAccounts", "blobServices", "managementPolicies", "servers", "firewallRules", "auditingSettings",
        "databases", "transparentDataEncryption", "flexibleServers", "configurations", "networkSecurityGroups",
        "vaults", "diagnosticSettings", "workspaces", "tables", "pricings", "backupProtectedItems", "alertRules",
        "roleAssignmentScheduleInstances", "roleEligibilityScheduleInstances", "roleManagementPolicyAssignments",
        "accessReviewScheduleDefinitions")}
    parts = [names.get(rest[0].lower(), rest[0])] if rest else []
    parts += [types.get(t.lower(), t) for t in rest[1::2]]
    return "/".join(parts + ["read"])


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = False
    request_queue_size = 64

    def __init__(self, fixtures, request_log, faults=None):
        super().__init__(("127.0.0.1", 0), Handler)
        self.fixtures = fixtures
        self.faults = faults
        self.tokens = Tokens()
        self.request_log = request_log
        self.log_lock = threading.Lock()
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_cert_chain(os.path.join(TLS, "server.pem"), os.path.join(TLS, "server.key"))
        ctx.set_alpn_protocols(["http/1.1"])
        self.ssl_context = ctx

    def finish_request(self, request, client_address):
        # The TLS handshake runs here, in the connection's own thread, so a client that
        # connects and never speaks cannot stall the accept loop.
        request.settimeout(30)
        try:
            tls = self.ssl_context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as e:
            note(f"TLS handshake with {client_address} failed: {e!r}")
            return
        try:
            self.RequestHandlerClass(tls, client_address, self)
        finally:
            try:
                tls.close()
            except OSError:
                pass

    def handle_error(self, request, client_address):
        if VERBOSE:
            super().handle_error(request, client_address)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", default="default")
    parser.add_argument("--request-log", metavar="FILE")
    parser.add_argument("--faults", metavar="SPEC", help="inject faults (see the Faults class)")
    parser.add_argument("--fault-log", metavar="FILE", help="one line per injected fault")
    args = parser.parse_args()

    fixtures = Fixtures(args.scenario)
    log = open(args.request_log, "a", encoding="utf-8") if args.request_log else None
    fault_log = open(args.fault_log, "a", encoding="utf-8") if args.fault_log else None
    faults = Faults(args.faults, fault_log) if args.faults else None
    server = Server(fixtures, log, faults)

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"READY {server.server_address[1]}", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if log:
            with server.log_lock:
                log.close()
    # Connection threads may sit in a blocking TLS read; leave without waiting for them.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
