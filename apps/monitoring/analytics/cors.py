"""CORS for the tracker's ingestion route only. django-cors-headers allows just the
frontend origins (CORS_ALLOWED_ORIGINS); tracked sites live on any origin, so for
`/api/v1/monitoring/events[/]` every origin gets the CORS headers, without credentials
(CORS_ALLOW_CREDENTIALS is off, the tracker sends none). That is safe because the route
takes no cookies or tokens and returns nothing private; who may send events is decided
by the view, which checks Origin against the site's allowed origins (403 otherwise)."""

import re

from corsheaders.signals import check_request_enabled

INGEST_PATH = re.compile(r"^/api/v1/monitoring/events/?$")


def allow_ingest_origins(sender, request, **kwargs) -> bool:
    return bool(INGEST_PATH.match(request.path))


def connect() -> None:
    check_request_enabled.connect(allow_ingest_origins, dispatch_uid="analytics-ingest-cors")
