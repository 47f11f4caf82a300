import logging
import re
import uuid

from django import db
from django.core.exceptions import BadRequest, RequestDataTooBig
from django.http import JsonResponse
from django.middleware import common

from .errors import database_unavailable, error_response, is_api
from .request_context import request_id_var
from .signals import unhandled_error
from .text import unstorable_details

logger = logging.getLogger(__name__)

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "throttled",
    500: "server_error",
    503: "service_unavailable",
}


class RequestIdMiddleware:
    """Accepts a sane incoming X-Request-ID or makes one; echoes it and exposes it to logs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


class UnstorableTextMiddleware:
    """The URL's share of apps.core.text: a query parameter or path segment holding NUL, a
    control character or a lone surrogate is refused before any view can filter on it (a
    NUL reaching PostgreSQL is a 500). The API answers the 400 envelope naming the
    parameter (or `path`); other pages get Django's 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        details = unstorable_details({"path": request.path_info}) or unstorable_details(request.GET)
        if not details:
            return self.get_response(request)
        if not is_api(request):
            raise BadRequest("Unstorable characters in the URL.")
        return error_response(400, "validation_error", "The submitted data is invalid.", details)


class ApiErrorMiddleware:
    """Last line of defence for /api/: anything that is not already JSON (Django's
    debug pages, CSRF failures, oversized bodies, crashes) leaves as the envelope."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            is_api(request)
            and response.status_code >= 400
            and "application/json" not in response.get("Content-Type", "")
        ):
            code = _STATUS_CODES.get(response.status_code, "error")
            return self._replace(response, code)
        return response

    def process_exception(self, request, exception):
        if not is_api(request):
            return None
        if isinstance(exception, RequestDataTooBig):
            return error_response(413, "payload_too_large", "The request body is too large.")
        if isinstance(exception, (db.OperationalError, db.InterfaceError)):
            return JsonResponse(database_unavailable(exception), status=503)
        logger.exception("Unhandled error", exc_info=exception)
        unhandled_error.send_robust(sender=None, request=request, exception=exception)
        return error_response(500, "server_error", "Something went wrong on our side.")

    @staticmethod
    def _replace(response, code):
        message = {
            "not_found": "Not found.",
            "method_not_allowed": "Method not allowed.",
            "payload_too_large": "The request body is too large.",
            "permission_denied": "You do not have permission to do this.",
        }.get(code, "The request failed.")
        new = error_response(response.status_code, code, message)
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if header in response:
                new[header] = response[header]
        return new


class CommonMiddleware(common.CommonMiddleware):
    """Django's, except that /api/ paths are never slash-redirected: a redirected POST
    loses its body (and in DEBUG raises an HTML 500), so API clients get the 404 envelope
    instead. Other paths (/admin) keep the redirect."""

    def should_redirect_with_slash(self, request):
        return not is_api(request) and super().should_redirect_with_slash(request)
