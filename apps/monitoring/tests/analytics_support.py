"""Helpers for the web analytics tests."""

import json
import time

from apps.monitoring.analytics.models import Site

from .factories import SiteFactory

ORIGIN = "https://shop.example"
CHROME_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1"
)
VID = "v_visitor0001"
SID = "s_session0001"


def make_site(**overrides) -> Site:
    return SiteFactory(**{"allowed_origins": [ORIGIN], **overrides})


def now_ms(offset_seconds: float = 0) -> int:
    return int((time.time() + offset_seconds) * 1000)


def event(kind: str = "page_view", *, sid: str = SID, path: str = "/", ts: int | None = None, **extra) -> dict:
    return {"type": kind, "ts": now_ms() if ts is None else ts, "sid": sid, "path": path, **extra}


def send(
    client,
    site_or_key,
    events,
    *,
    vid: str = VID,
    origin: str | None = ORIGIN,
    content_type: str = "application/json",
    ua: str = CHROME_MAC,
    slash: bool = False,
    raw: bytes | None = None,
    ip: str = "203.0.113.7",
):
    key = site_or_key if isinstance(site_or_key, str) else site_or_key.public_key
    body = raw if raw is not None else json.dumps({"site": key, "vid": vid, "events": events}).encode()
    headers = {"HTTP_USER_AGENT": ua, "REMOTE_ADDR": ip}
    if origin is not None:
        headers["HTTP_ORIGIN"] = origin
    url = "/api/v1/monitoring/events/" if slash else "/api/v1/monitoring/events"
    return client.generic("POST", url, body, content_type=content_type, **headers)
