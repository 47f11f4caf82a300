"""Standard Webhooks sending: `webhook-id`, `webhook-timestamp` and
`webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, a 5 s timeout, no
redirects (http.client never follows them; a 3xx is a failed try), and a connection made
to the address the SSRF guard approved."""

import base64
import hashlib
import hmac
import http.client
import secrets
import socket
import ssl
import time
from dataclasses import dataclass

from django.conf import settings

from .netguard import url_resolve_checked


def secret_generate() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def _key(secret: str) -> bytes:
    raw = secret.removeprefix("whsec_")
    try:
        return base64.b64decode(raw, validate=True)
    except ValueError:
        return raw.encode()


def signature(*, secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signature_verify(*, secret: str, headers: dict, body: bytes, tolerance: int = 300) -> bool:
    """What a receiver does (used by our tests)."""
    message_id, timestamp = headers.get("webhook-id", ""), headers.get("webhook-timestamp", "")
    if not message_id or not timestamp.isdigit() or abs(time.time() - int(timestamp)) > tolerance:
        return False
    expected = signature(secret=secret, message_id=message_id, timestamp=int(timestamp), body=body)
    return any(hmac.compare_digest(expected, candidate) for candidate in headers.get("webhook-signature", "").split())


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, ip, timeout):
        super().__init__(host, port, timeout=timeout)
        self._ip = ip

    def connect(self):
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, ip, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._ip = ip

    def connect(self):
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


@dataclass
class Outcome:
    ok: bool
    status_code: int | None = None
    latency_ms: int = 0
    error: str = ""


def json_post(*, url: str, body: bytes, headers: dict[str, str] | None = None) -> Outcome:
    """POST a JSON body to `url` through the SSRF guard (raises UnsafeURL), pinned to the
    checked address, with the timeout; a 2xx is delivered, anything else a failed try."""
    started = time.monotonic()
    scheme, host, port, path, ip = url_resolve_checked(url)  # raises UnsafeURL
    headers = {"Content-Type": "application/json", "User-Agent": "VideoPlanet-Webhooks/1.0", **(headers or {})}
    connection_class = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
    connection = connection_class(host, port, ip, settings.MONITORING_WEBHOOK_TIMEOUT)
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(65536)
        status = response.status
    except (OSError, http.client.HTTPException) as exc:
        latency = int((time.monotonic() - started) * 1000)
        kind = "timeout" if isinstance(exc, TimeoutError | socket.timeout) else type(exc).__name__
        return Outcome(ok=False, latency_ms=latency, error=f"{kind}: {exc}"[:500])
    finally:
        connection.close()
    latency = int((time.monotonic() - started) * 1000)
    if 200 <= status < 300:
        return Outcome(ok=True, status_code=status, latency_ms=latency)
    error = "redirect not followed" if 300 <= status < 400 else f"HTTP {status}"
    return Outcome(ok=False, status_code=status, latency_ms=latency, error=error)


def webhook_send(*, url: str, secret: str, message_id: str, body: bytes) -> Outcome:
    timestamp = int(time.time())
    headers = {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret=secret, message_id=message_id, timestamp=timestamp, body=body),
    }
    return json_post(url=url, body=body, headers=headers)
