from drf_spectacular.openapi import AutoSchema as BaseAutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import AllowAny

ERROR_ENVELOPE = {"$ref": "#/components/schemas/ErrorEnvelope"}


def error_response(description: str) -> OpenApiResponse:
    """For `@extend_schema(responses={409: error_response("…")})`: an error status a view
    answers beyond the ones every operation gets (see `AutoSchema._error_statuses`)."""
    return OpenApiResponse(response=ERROR_ENVELOPE, description=description)


class AutoSchema(BaseAutoSchema):
    """Names serializers nested in views (HackSoft style `LoginView.InputSerializer`) after
    their view — `LoginInput` — so components of different views never collide, and
    documents the error envelope for the statuses every operation can answer."""

    def _get_serializer_name(self, serializer, direction, bypass_extensions=False):
        name = super()._get_serializer_name(serializer, direction, bypass_extensions)
        qualname = type(serializer).__qualname__
        if "." not in qualname:
            return name
        view_name, inner = qualname.rsplit(".", 1)
        view_name = view_name.split(".")[-1].removesuffix("View")
        return f"{view_name}{inner.removesuffix('Serializer')}"

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for status_code, description in self._error_statuses():
            responses.setdefault(
                status_code,
                {"content": {"application/json": {"schema": ERROR_ENVELOPE}}, "description": description},
            )
        return dict(sorted(responses.items()))

    def _error_statuses(self) -> list[tuple[str, str]]:
        statuses = []
        # Query parameters (filters, pagination, export options) are validated too, and the
        # ids and pages they name may not exist (found by schema fuzzing, tests/quality).
        has_query = any(parameter.get("in") == "query" for parameter in self._get_parameters())
        if has_query or (self.method in ("POST", "PUT", "PATCH") and self.get_request_serializer() is not None):
            statuses.append(("400", "Invalid input (`validation_error`, `parse_error`)"))
        if not all(isinstance(permission, AllowAny) for permission in self.view.get_permissions()):
            statuses.append(("401", "Missing or invalid access token"))
            statuses.append(("403", "Your role or account may not do this (`permission_denied`, …)"))
        if "{" in self.path or has_query or self._body_names_objects():
            statuses.append(("404", "Not found, or not visible to you"))
        if self.view.get_throttles():
            statuses.append(("429", "Rate limited (`throttled`, details.retry_after)"))
        return statuses

    def _body_names_objects(self) -> bool:
        """A request body with id fields (say, a preview of `alert`): the id may not exist."""
        serializer = self.get_request_serializer() if self.method in ("POST", "PUT", "PATCH") else None
        if isinstance(serializer, type):
            serializer = serializer()
        fields = getattr(serializer, "fields", {}) if isinstance(serializer, serializers.BaseSerializer) else {}
        return any(isinstance(field, serializers.UUIDField) for field in fields.values())
