"""The error envelope from every layer (URL resolver, DRF, throttles, crashes) and the
request id that ties a response to its logs and audit rows."""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.test import override_settings
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from apps.core.tests.assertions import assert_error
from apps.core.throttling import AuthRateThrottle, IPRateThrottle, UserRateThrottle
from apps.users import services as user_services

pytestmark = pytest.mark.django_db

GENERATED_ID = re.compile(r"^[0-9a-f]{32}$")


def test_unknown_api_path_answers_404_envelope(api_client):
    response = api_client.get("/api/v1/no-such-thing/")

    assert_error(response, 404, "not_found", details=set())


@override_settings(DEBUG=True)
def test_unknown_api_path_answers_404_envelope_with_debug_on(api_client):
    response = api_client.get("/api/v1/no-such-thing/")

    assert_error(response, 404, "not_found", details=set())


def test_unknown_api_path_answers_404_envelope_for_post(api_client):
    response = api_client.post("/api/v1/no-such-thing/", {"a": 1}, format="json")

    assert_error(response, 404, "not_found")


@pytest.mark.parametrize("debug", [False, True], ids=["debug_off", "debug_on"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_api_path_without_trailing_slash_answers_404_envelope_not_redirect(auth_client, method, debug):
    with override_settings(DEBUG=debug):
        response = getattr(auth_client, method)("/api/v1/users/me")

    assert_error(response, 404, "not_found")
    assert "Location" not in response


def test_non_api_path_without_trailing_slash_still_redirects(client):
    response = client.get("/admin")

    assert response.status_code == 301
    assert response["Location"] == "/admin/"


def test_wrong_method_answers_405_envelope_with_allow_header(api_client):
    response = api_client.get("/api/v1/auth/login/")

    assert_error(response, 405, "method_not_allowed", details=set())
    assert "POST" in response["Allow"]


def test_malformed_id_in_api_url_answers_404_envelope(auth_client):
    response = auth_client.post("/api/v1/notifications/not-a-uuid/read/")

    assert_error(response, 404, "not_found")


def test_request_id_is_echoed_when_client_sends_a_valid_one(api_client):
    response = api_client.get("/api/v1/no-such-thing/", HTTP_X_REQUEST_ID="client-req-0001.abc")

    assert response["X-Request-ID"] == "client-req-0001.abc"
    assert assert_error(response, 404, "not_found")["request_id"] == "client-req-0001.abc"


def test_request_id_is_generated_when_absent(api_client):
    response = api_client.get("/api/v1/no-such-thing/")

    assert GENERATED_ID.match(response["X-Request-ID"])
    assert assert_error(response, 404, "not_found")["request_id"] == response["X-Request-ID"]


@pytest.mark.parametrize(
    "bad_id",
    ["short", "has spaces in it", "x" * 65, "semi;colon-12345", "new\\nline-12345"],
    ids=["too_short", "spaces", "too_long", "punctuation", "escape"],
)
def test_request_id_is_replaced_when_invalid(api_client, bad_id):
    response = api_client.get("/api/v1/no-such-thing/", HTTP_X_REQUEST_ID=bad_id)

    assert response["X-Request-ID"] != bad_id
    assert GENERATED_ID.match(response["X-Request-ID"])
    assert assert_error(response, 404, "not_found")["request_id"] == response["X-Request-ID"]


def test_request_id_is_set_on_successful_responses(auth_client):
    response = auth_client.get("/api/v1/users/me/", HTTP_X_REQUEST_ID="trace-me-12345678")

    assert response.status_code == 200
    assert response["X-Request-ID"] == "trace-me-12345678"


def test_each_request_gets_its_own_generated_id(api_client):
    first = api_client.get("/api/v1/no-such-thing/")
    second = api_client.get("/api/v1/no-such-thing/")

    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_non_api_admin_login_page_stays_html(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response["X-Request-ID"]


def test_non_api_unknown_path_answers_html_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.server_errors_expected
def test_unhandled_error_in_api_view_answers_500_envelope_without_internals(api_client, user, monkeypatch):
    def explode(**kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(user_services, "user_login", explode)

    response = api_client.post("/api/v1/auth/login/", {"email": user.email, "password": "x"}, format="json")

    error = assert_error(response, 500, "server_error", details=set())
    assert b"secret internal detail" not in response.content
    assert "Traceback" not in error["message"]


def test_auth_endpoint_throttle_answers_429_envelope_with_retry_after(api_client, monkeypatch):
    monkeypatch.setattr(AuthRateThrottle, "rate", "2/min", raising=False)
    for _ in range(2):
        api_client.post("/api/v1/auth/password/reset/", {"email": "someone@example.com"}, format="json")

    response = api_client.post("/api/v1/auth/password/reset/", {"email": "someone@example.com"}, format="json")

    error = assert_error(response, 429, "throttled", details={"retry_after"})
    assert 0 < error["details"]["retry_after"] <= 60
    assert int(response["Retry-After"]) == error["details"]["retry_after"]


def test_auth_endpoint_throttle_ignores_spoofed_x_forwarded_for(api_client, monkeypatch):
    monkeypatch.setattr(AuthRateThrottle, "rate", "2/min", raising=False)
    for n in range(2):
        api_client.post(
            "/api/v1/auth/password/reset/",
            {"email": "someone@example.com"},
            format="json",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )

    response = api_client.post(
        "/api/v1/auth/password/reset/",
        {"email": "someone@example.com"},
        format="json",
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )

    assert_error(response, 429, "throttled")


def test_per_user_throttle_answers_429_envelope(auth_client, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "rate", "2/min", raising=False)
    for _ in range(2):
        assert auth_client.get("/api/v1/users/me/").status_code == 200

    assert_error(auth_client.get("/api/v1/users/me/"), 429, "throttled", details={"retry_after"})


def test_throttle_counts_concurrent_requests_exactly(monkeypatch):
    """The window is checked and recorded in one atomic step: concurrent requests cannot
    overwrite each other's record and slip past the limit."""
    monkeypatch.setattr(IPRateThrottle, "rate", "5/min", raising=False)
    request = APIRequestFactory().get("/api/v1/users/me/")

    with ThreadPoolExecutor(8) as pool:
        allowed = list(pool.map(lambda _: IPRateThrottle().allow_request(Request(request), None), range(24)))

    assert allowed.count(True) == 5


def test_per_user_throttle_counts_each_user_separately(auth_client, make_user, monkeypatch):
    from apps.users.services import token_pair_for

    monkeypatch.setattr(UserRateThrottle, "rate", "2/min", raising=False)
    for _ in range(3):
        auth_client.get("/api/v1/users/me/")
    other = auth_client.__class__()
    other.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(make_user())['access']}")

    assert other.get("/api/v1/users/me/").status_code == 200
