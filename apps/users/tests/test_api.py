"""Accounts through the real HTTP path (APIClient → middleware → DRF → PostgreSQL/Redis):
register, login, token refresh and logout, access tokens, profile, WebSocket tickets."""

import json
import threading
from datetime import timedelta

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from apps.core.models import AuditLog
from apps.core.tests.assertions import assert_error
from apps.users.models import User
from apps.users.services import token_pair_for
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

REGISTER = "/api/v1/auth/register/"
LOGIN = "/api/v1/auth/login/"
REFRESH = "/api/v1/auth/refresh/"
LOGOUT = "/api/v1/auth/logout/"
WS_TICKET = "/api/v1/auth/ws-ticket/"
ME = "/api/v1/users/me/"

STRONG_PASSWORD = "Blue-Lantern-Orbit-77"
USER_FIELDS = {"id", "email", "display_name", "avatar", "locale", "timezone", "is_staff", "date_joined"}


def registration(**overrides) -> dict:
    return {"email": "new.member@example.com", "password": STRONG_PASSWORD, "display_name": "김감독", **overrides}


def bearer_client(access: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


def jti(raw_refresh: str) -> str:
    return RefreshToken(raw_refresh, verify=False)["jti"]


def is_blacklisted(raw_refresh: str) -> bool:
    return BlacklistedToken.objects.filter(token__jti=jti(raw_refresh)).exists()


# --- register -------------------------------------------------------------------------


def _assert_weak_password_refused(api_client, password: str, email: str = "new.member@example.com"):
    response = api_client.post(REGISTER, registration(email=email, password=password), format="json")
    error = assert_error(response, 400, "validation_error", details={"password"})
    assert error["details"]["password"]
    assert not User.objects.exists()


def test_register_rejects_too_short_password(api_client):
    _assert_weak_password_refused(api_client, "Ab1-x")


def test_register_rejects_common_password(api_client):
    _assert_weak_password_refused(api_client, "qwertyuiop")


def test_register_rejects_numeric_password(api_client):
    _assert_weak_password_refused(api_client, "83920174615")


def test_register_rejects_password_similar_to_email(api_client):
    _assert_weak_password_refused(api_client, "moonlight.studio", email="moonlight.studio@example.com")


def test_register_rejects_unknown_field_is_staff(api_client):
    response = api_client.post(REGISTER, registration(is_staff=True), format="json")

    assert_error(response, 400, "validation_error", details={"is_staff"})
    assert not User.objects.exists()
    assert not User.objects.filter(is_staff=True).exists()


def test_register_rejects_missing_fields(api_client):
    response = api_client.post(REGISTER, {}, format="json")

    assert_error(response, 400, "validation_error", details={"email", "password", "display_name"})
    assert not User.objects.exists()


def test_register_rejects_email_given_as_number(api_client):
    response = api_client.post(REGISTER, registration(email=12345), format="json")

    assert_error(response, 400, "validation_error", details={"email"})
    assert not User.objects.exists()


def test_register_rejects_password_given_as_list(api_client):
    response = api_client.post(REGISTER, registration(password=[STRONG_PASSWORD]), format="json")

    assert_error(response, 400, "validation_error", details={"password"})
    assert not User.objects.exists()


def test_register_rejects_invalid_email(api_client):
    response = api_client.post(REGISTER, registration(email="not-an-email"), format="json")

    assert_error(response, 400, "validation_error", details={"email"})
    assert not User.objects.exists()


def test_register_rejects_blank_display_name(api_client):
    response = api_client.post(REGISTER, registration(display_name="   "), format="json")

    assert_error(response, 400, "validation_error", details={"display_name"})
    assert not User.objects.exists()


def test_register_rejects_unsupported_locale(api_client):
    response = api_client.post(REGISTER, registration(locale="fr"), format="json")

    assert_error(response, 400, "validation_error", details={"locale"})
    assert not User.objects.exists()


def test_register_rejects_malformed_json_with_parse_error(api_client):
    response = api_client.post(REGISTER, data='{"email": "a@example.com", ', content_type="application/json")

    assert_error(response, 400, "parse_error")
    assert not User.objects.exists()


def test_register_rejects_json_array_body(api_client):
    response = api_client.post(REGISTER, data=json.dumps([registration()]), content_type="application/json")

    assert_error(response, 400, "validation_error", details={"non_field_errors"})
    assert not User.objects.exists()


def test_register_rejects_deeply_nested_json_with_parse_error(api_client):
    body = "[" * 100_000 + "]" * 100_000  # well under the size limit, too deep for the decoder

    response = api_client.post(REGISTER, data=body, content_type="application/json")

    assert_error(response, 400, "parse_error")
    assert not User.objects.exists()


def test_register_rejects_json_null_body(api_client):
    response = api_client.post(REGISTER, data="null", content_type="application/json")

    assert_error(response, 400, "validation_error", details={"non_field_errors"})
    assert not User.objects.exists()


def test_register_rejects_nul_character_in_display_name(api_client):
    response = api_client.post(REGISTER, registration(display_name="Kim\x00"), format="json")

    assert_error(response, 400, "validation_error", details={"display_name"})
    assert not User.objects.exists()


def test_register_rejects_2mb_body_with_413(api_client):
    body = json.dumps(registration(display_name="x" * (2 * 1024 * 1024)))

    response = api_client.post(REGISTER, data=body, content_type="application/json")

    assert_error(response, 413, "payload_too_large")
    assert not User.objects.exists()


def test_register_rejects_text_plain_with_415(api_client):
    response = api_client.post(REGISTER, data=json.dumps(registration()), content_type="text/plain")

    assert_error(response, 415, "unsupported_media_type")
    assert not User.objects.exists()


# --- login ----------------------------------------------------------------------------


def login(client: APIClient, email: str, password: str = DEFAULT_PASSWORD):
    return client.post(LOGIN, {"email": email, "password": password}, format="json")


def test_login_returns_tokens_and_user_and_audits_success(api_client, user):
    response = login(api_client, user.email)

    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"access", "refresh", "user", "device_token"}
    assert body["user"]["id"] == str(user.pk)
    assert set(body["user"]) == USER_FIELDS
    assert bearer_client(body["access"]).get(ME).status_code == 200
    entry = AuditLog.objects.get(action="login.succeeded")
    assert (entry.actor, entry.target, entry.ip) == (user, str(user.pk), "127.0.0.1")
    assert entry.request_id == response["X-Request-ID"]


def test_login_records_last_login(api_client, user):
    assert user.last_login is None

    assert login(api_client, user.email).status_code == 200

    user.refresh_from_db()
    assert user.last_login is not None


def test_login_rejects_wrong_password_with_401_and_audits_failure(api_client, user):
    response = login(api_client, user.email, "Wrong-Password-1")

    error = assert_error(response, 401, "invalid_credentials", details=set())
    assert error["message"] == "이메일 또는 비밀번호가 올바르지 않습니다."
    assert "access" not in response.json()
    entry = AuditLog.objects.get(action="login.failed")
    assert (entry.actor, entry.target) == (None, user.email)
    assert not AuditLog.objects.filter(action="login.succeeded").exists()
    english = api_client.post(
        LOGIN, {"email": user.email, "password": "Wrong-Password-1"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert assert_error(english, 401, "invalid_credentials")["message"] == "The email or password is incorrect."


def test_login_with_unknown_email_answers_like_wrong_password(api_client, user):
    wrong_password = login(api_client, user.email, "Wrong-Password-1")
    unknown_email = login(api_client, "nobody@example.com", "Wrong-Password-1")

    a = assert_error(wrong_password, 401, "invalid_credentials")
    b = assert_error(unknown_email, 401, "invalid_credentials")
    assert (a["message"], a["details"]) == (b["message"], b["details"])
    assert AuditLog.objects.filter(action="login.failed", target="nobody@example.com").count() == 1


def test_login_email_is_case_insensitive(api_client, user):
    response = login(api_client, user.email.upper())

    assert response.status_code == 200, response.content
    assert response.json()["user"]["id"] == str(user.pk)


def test_login_refuses_inactive_user_with_401(api_client, make_user):
    inactive = make_user(is_active=False)

    assert_error(login(api_client, inactive.email), 401, "invalid_credentials")


def test_login_rejects_missing_password(api_client, user):
    response = api_client.post(LOGIN, {"email": user.email}, format="json")

    assert_error(response, 400, "validation_error", details={"password"})
    assert not AuditLog.objects.exists()


# --- refresh --------------------------------------------------------------------------


def test_refresh_rotates_to_a_new_pair(api_client, user, tokens):
    response = api_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json")

    assert response.status_code == 200, response.content
    pair = response.json()
    assert set(pair) == {"access", "refresh"}
    assert pair["refresh"] != tokens["refresh"] and pair["access"] != tokens["access"]
    assert is_blacklisted(tokens["refresh"])
    assert not is_blacklisted(pair["refresh"])
    assert bearer_client(pair["access"]).get(ME).json()["id"] == str(user.pk)
    assert api_client.post(REFRESH, {"refresh": pair["refresh"]}, format="json").status_code == 200


def test_refresh_ignores_an_expired_access_token_in_the_header(user, tokens):
    # The client's "refresh once on 401" flow may still send the stale access token.
    stale = AccessToken.for_user(user)
    stale.set_exp(from_time=timezone.now() - timedelta(hours=1), lifetime=timedelta(minutes=5))

    response = bearer_client(str(stale)).post(REFRESH, {"refresh": tokens["refresh"]}, format="json")

    assert response.status_code == 200, response.content


def test_refresh_rejects_reused_refresh_token_with_401(api_client, tokens):
    assert api_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json").status_code == 200

    response = api_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json")

    assert_error(response, 401, "token_invalid")


def test_refresh_rejects_garbage_token_with_401(api_client, db):
    response = api_client.post(REFRESH, {"refresh": "not.a.token"}, format="json")

    assert_error(response, 401, "token_invalid")


def test_refresh_rejects_access_token_with_401(api_client, tokens):
    response = api_client.post(REFRESH, {"refresh": tokens["access"]}, format="json")

    assert_error(response, 401, "token_invalid")
    assert not BlacklistedToken.objects.exists()


def test_refresh_rejects_token_of_deactivated_user_with_401(api_client, user, tokens):
    User.objects.filter(pk=user.pk).update(is_active=False)

    response = api_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json")

    assert_error(response, 401, "token_invalid")


def test_refresh_rejects_missing_token(api_client, db):
    response = api_client.post(REFRESH, {}, format="json")

    assert_error(response, 400, "validation_error", details={"refresh"})


@pytest.mark.django_db(transaction=True)
def test_concurrent_refreshes_with_same_token_mint_exactly_one_pair():
    user = UserFactory()
    raw_refresh = token_pair_for(user)["refresh"]
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def refresh() -> None:
        try:
            client = APIClient()
            barrier.wait(timeout=5)
            statuses.append(client.post(REFRESH, {"refresh": raw_refresh}, format="json").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=refresh) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(statuses) == [200, 401]
    # One pair minted: the original plus exactly one new outstanding refresh token.
    assert OutstandingToken.objects.filter(user=user).count() == 2
    assert BlacklistedToken.objects.filter(token__jti=jti(raw_refresh)).count() == 1


# --- logout ---------------------------------------------------------------------------


def test_logout_revokes_the_refresh_token(api_client, auth_client, user, tokens):
    response = auth_client.post(LOGOUT, {"refresh": tokens["refresh"]}, format="json")

    assert response.status_code == 204
    assert response.content == b""
    assert is_blacklisted(tokens["refresh"])
    assert AuditLog.objects.filter(action="logout", actor=user).count() == 1
    assert_error(api_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json"), 401, "token_invalid")


def test_logout_requires_authentication(api_client, tokens):
    response = api_client.post(LOGOUT, {"refresh": tokens["refresh"]}, format="json")

    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not is_blacklisted(tokens["refresh"])


def test_logout_refuses_someone_elses_refresh_token_with_403(api_client, auth_client, make_user):
    other_refresh = token_pair_for(make_user())["refresh"]

    response = auth_client.post(LOGOUT, {"refresh": other_refresh}, format="json")

    assert_error(response, 403, "permission_denied")
    assert not is_blacklisted(other_refresh)
    assert api_client.post(REFRESH, {"refresh": other_refresh}, format="json").status_code == 200


def test_logout_rejects_garbage_refresh_token(auth_client):
    response = auth_client.post(LOGOUT, {"refresh": "garbage"}, format="json")

    assert_error(response, 401, "token_invalid")
    assert not BlacklistedToken.objects.exists()


# --- access tokens --------------------------------------------------------------------


def test_expired_access_token_is_rejected_with_token_invalid(user):
    token = AccessToken.for_user(user)
    token.set_exp(from_time=timezone.now() - timedelta(hours=1), lifetime=timedelta(minutes=5))

    response = bearer_client(str(token)).get(ME)

    assert_error(response, 401, "token_invalid")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_garbage_bearer_token_is_rejected_with_token_invalid(db):
    response = bearer_client("xyz").get(ME)

    assert_error(response, 401, "token_invalid")


def test_refresh_token_is_not_accepted_as_access_token(tokens):
    response = bearer_client(tokens["refresh"]).get(ME)

    assert_error(response, 401, "token_invalid")


def test_access_token_of_deactivated_user_is_rejected_with_401(auth_client, user):
    User.objects.filter(pk=user.pk).update(is_active=False)  # no signal: the row alone refuses it

    response = auth_client.get(ME)

    assert_error(response, 401, "token_revoked")


def test_malformed_authorization_header_is_rejected_with_401(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer two parts")

    error = assert_error(client.get(ME), 401, "authentication_failed")
    assert error["details"] == {"code": "bad_authorization_header"}


def test_non_bearer_authorization_header_is_treated_as_anonymous(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz")

    assert_error(client.get(ME), 401, "not_authenticated")


def test_access_token_of_deleted_user_is_rejected_with_401(auth_client, user):
    user.delete()

    response = auth_client.get(ME)

    assert_error(response, 401, "authentication_failed")


# --- users/me -------------------------------------------------------------------------


def test_me_returns_own_profile(auth_client, user):
    response = auth_client.get(ME)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == USER_FIELDS
    assert (body["id"], body["email"], body["display_name"]) == (str(user.pk), user.email, user.display_name)
    assert (body["locale"], body["timezone"], body["is_staff"]) == ("ko", "Asia/Seoul", False)


def test_me_requires_authentication(api_client, db):
    assert_error(api_client.get(ME), 401, "not_authenticated")


def test_me_patch_updates_display_name_locale_and_timezone(auth_client, user):
    response = auth_client.patch(
        ME, {"display_name": "Director Kim", "locale": "en", "timezone": "Europe/Berlin"}, format="json"
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["display_name"], body["locale"], body["timezone"]) == ("Director Kim", "en", "Europe/Berlin")
    user.refresh_from_db()
    assert (user.display_name, user.locale, str(user.timezone)) == ("Director Kim", "en", "Europe/Berlin")


def test_me_patch_with_one_field_leaves_the_others(auth_client, user):
    response = auth_client.patch(ME, {"locale": "en"}, format="json")

    assert response.status_code == 200
    user.refresh_from_db()
    assert (user.locale, str(user.timezone)) == ("en", "Asia/Seoul")
    assert user.display_name.startswith("사용자")


def test_me_patch_rejects_is_staff_as_unknown_field(auth_client, user):
    original = user.display_name

    response = auth_client.patch(ME, {"is_staff": True, "display_name": "Sneaky"}, format="json")

    assert_error(response, 400, "validation_error", details={"is_staff"})
    user.refresh_from_db()
    assert (user.is_staff, user.display_name) == (False, original)


def test_me_patch_rejects_email_as_unknown_field(auth_client, user):
    original = user.email

    response = auth_client.patch(ME, {"email": "taken.over@example.com"}, format="json")

    assert_error(response, 400, "validation_error", details={"email"})
    user.refresh_from_db()
    assert user.email == original


def test_me_patch_rejects_unsupported_locale(auth_client, user):
    response = auth_client.patch(ME, {"locale": "jp"}, format="json")

    assert_error(response, 400, "validation_error", details={"locale"})
    user.refresh_from_db()
    assert user.locale == "ko"


def test_me_patch_rejects_unknown_timezone(auth_client, user):
    response = auth_client.patch(ME, {"timezone": "Mars/Olympus_Mons"}, format="json")

    assert_error(response, 400, "validation_error", details={"timezone"})
    user.refresh_from_db()
    assert str(user.timezone) == "Asia/Seoul"


def test_me_patch_rejects_timezone_the_model_does_not_offer(auth_client, user):
    # "Factory" is in zoneinfo but not among the model field's choices: the model's own
    # validation (full_clean in the service) must still answer 400, not crash.
    response = auth_client.patch(ME, {"timezone": "Factory"}, format="json")

    assert_error(response, 400, "validation_error", details={"timezone"})
    user.refresh_from_db()
    assert str(user.timezone) == "Asia/Seoul"


def test_me_patch_rejects_blank_display_name(auth_client, user):
    original = user.display_name

    response = auth_client.patch(ME, {"display_name": ""}, format="json")

    assert_error(response, 400, "validation_error", details={"display_name"})
    user.refresh_from_db()
    assert user.display_name == original


def test_me_put_is_not_allowed(auth_client):
    response = auth_client.put(ME, {"display_name": "x"}, format="json")

    assert_error(response, 405, "method_not_allowed")


# --- ws-ticket ------------------------------------------------------------------------


def test_ws_ticket_is_issued_and_stored_in_redis(auth_client, user):
    response = auth_client.post(WS_TICKET)

    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"ticket", "expires_in"}
    assert body["expires_in"] == 30
    with redis.Redis.from_url(settings.REDIS_URL) as client:
        key = f"vp:wsticket:{body['ticket']}"
        assert json.loads(client.get(key))["user_id"] == str(user.pk)
        assert 0 < client.ttl(key) <= 30
        client.delete(key)


def test_ws_ticket_requires_authentication(api_client, db):
    assert_error(api_client.post(WS_TICKET), 401, "not_authenticated")
