"""One error envelope for every failure under /api/:
{"error": {"code", "message", "details", "request_id"}}."""

import logging

from django import db
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.fields import get_error_detail
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError

from .error_messages import localise
from .request_context import current_request_id
from .signals import unhandled_error

logger = logging.getLogger(__name__)


class DomainError(Exception):
    """A business rule said no. Subclasses set a stable `code` and HTTP status."""

    code = "domain_error"
    status_code: int = status.HTTP_400_BAD_REQUEST
    message = "The request could not be completed."

    def __init__(self, message: str | None = None, *, details: dict | None = None):
        self.message = message or self.message
        self.details = details or {}
        super().__init__(self.message)


class Conflict(DomainError):
    code = "conflict"
    status_code = status.HTTP_409_CONFLICT


class NotFound(DomainError):
    """A service found nothing to act on (or nothing this user may see): the same 404 as a
    view's scoped lookup."""

    code = "not_found"
    status_code = status.HTTP_404_NOT_FOUND
    message = "Not found."


class ServiceUnavailable(DomainError):
    code = "service_unavailable"
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    message = "A backing service is unavailable. Try again shortly."


def envelope(code: str, message: str, details: dict | None = None) -> dict:
    """`message` is given in English and answered in the request's language (Korean by default)."""
    return {
        "error": {
            "code": code,
            "message": localise(message),
            "details": details or {},
            "request_id": current_request_id(),
        }
    }


def database_unavailable(exc: Exception) -> dict:
    """A lost or refused database connection is an outage to retry, not a bug: 503. The
    transaction died with the connection, so nothing of the request was written."""
    logger.warning("Database unavailable: %s", exc)
    return envelope("service_unavailable", "The database is unavailable right now. Try again shortly.")


def error_response(status_code: int, code: str, message: str, details: dict | None = None):
    return JsonResponse(envelope(code, message, details), status=status_code)


# DRF's default codes, renamed where ours are clearer to clients.
_DRF_CODES = {
    exceptions.ValidationError: "validation_error",
    exceptions.ParseError: "parse_error",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "throttled",
}


def _details(data) -> dict:
    if isinstance(data, dict):
        return {k: v for k, v in data.items() if k != "detail"}
    if isinstance(data, list):
        return {"non_field_errors": data}
    return {}


def api_exception_handler(exc, context):
    """DRF exception handler: every exception becomes the envelope."""
    if isinstance(exc, DomainError):
        return Response(envelope(exc.code, exc.message, exc.details), status=exc.status_code)
    if isinstance(exc, (InvalidToken, TokenError)):
        return Response(
            envelope("token_invalid", "The token is invalid or expired."),
            status=status.HTTP_401_UNAUTHORIZED,
            headers={"WWW-Authenticate": 'Bearer realm="api"'},
        )
    if isinstance(exc, (db.OperationalError, db.InterfaceError)):
        return Response(database_unavailable(exc), status=status.HTTP_503_SERVICE_UNAVAILABLE)
    if isinstance(exc, RequestDataTooBig):
        return Response(
            envelope("payload_too_large", "The request body is too large."),
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, DjangoValidationError):
        # A model's full_clean() in a service: the same 400 as an input serializer's.
        detail = get_error_detail(exc)
        if isinstance(detail, dict) and NON_FIELD_ERRORS in detail:
            detail["non_field_errors"] = detail.pop(NON_FIELD_ERRORS)
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, SuspiciousOperation):
        exc = exceptions.ParseError("The request was malformed.")

    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("Unhandled API error", exc_info=exc)
        unhandled_error.send_robust(sender=None, request=context.get("request"), exception=exc)
        return Response(
            envelope("server_error", "Something went wrong on our side."),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )

    # An APIException of ours may name its envelope code (core.api.authentication.TokenRevoked).
    code = getattr(exc, "envelope_code", None) or next(
        (c for cls, c in _DRF_CODES.items() if isinstance(exc, cls)), "error"
    )
    if isinstance(exc, exceptions.ValidationError):
        message = "The submitted data is invalid."
        details = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
    else:
        detail = getattr(exc, "detail", "")
        if isinstance(detail, dict):  # simplejwt's {"detail": …, "code": …}
            detail = detail.get("detail", "")
        message = str(detail) or "The request failed."
        details = _details(response.data)
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        details = {"retry_after": int(exc.wait)}
    response.data = envelope(code, message, details)
    return response


# --- Django-level handlers: errors raised outside DRF views (URL not found, crashes) ---


# Outside /api/ (admin, docs) Django's own pages stay; the API always gets JSON.
def handler400(request, exception=None):
    if not is_api(request):
        return defaults.bad_request(request, exception)
    return error_response(400, "bad_request", "The request was malformed.")


def handler403(request, exception=None):
    if not is_api(request):
        return defaults.permission_denied(request, exception)
    return error_response(403, "permission_denied", "You do not have permission to do this.")


def handler404(request, exception=None):
    if not is_api(request):
        return defaults.page_not_found(request, exception)
    return error_response(404, "not_found", "Not found.")


def handler500(request):
    if not is_api(request):
        return defaults.server_error(request)
    return error_response(500, "server_error", "Something went wrong on our side.")


def is_api(request) -> bool:
    return request.path.startswith("/api/")
