"""Shared assertions for API tests: every error, from any layer, is the one envelope."""

_ENVELOPE_KEYS = {"code", "message", "details", "request_id"}


def assert_error(response, status: int, code: str, *, details: set[str] | None = None) -> dict:
    """Asserts status, a JSON body of exactly `{"error": {code, message, details, request_id}}`
    whose request id is the one echoed in X-Request-ID; `details` (when given) is the exact
    set of keys expected in `error.details`. Returns `error`."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == _ENVELOPE_KEYS, error
    assert error["code"] == code, error
    assert isinstance(error["message"], str) and error["message"], error
    assert "ErrorDetail" not in error["message"] and not error["message"].startswith("{"), error
    assert isinstance(error["details"], dict), error
    if details is not None:
        assert set(error["details"]) == set(details), error["details"]
    assert error["request_id"], error
    assert error["request_id"] == response["X-Request-ID"]
    return error
