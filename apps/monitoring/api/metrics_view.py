"""/metrics (outside /api/v1): Prometheus text, behind `Authorization: Bearer $METRICS_TOKEN`."""

import hmac

from django.conf import settings
from django.http import HttpResponse
from prometheus_client import CONTENT_TYPE_LATEST

from apps.core.errors import error_response

from ..metrics import metrics_payload


def metrics_view(request):
    token = settings.METRICS_TOKEN
    if not token:
        return error_response(503, "metrics_disabled", "Set METRICS_TOKEN to enable /metrics.")
    header = request.headers.get("Authorization", "")
    given = header[7:].strip() if header.lower().startswith("bearer ") else ""
    if not given or not hmac.compare_digest(given.encode(), token.encode()):
        response = error_response(401, "not_authenticated", "A valid metrics token is required.")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(metrics_payload(), content_type=CONTENT_TYPE_LATEST)
