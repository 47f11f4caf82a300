"""Password change and reset-by-email through the real HTTP path."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from apps.core.models import AuditLog
from apps.core.tests.assertions import assert_error
from apps.users.models import User
from apps.users.services import token_pair_for
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/api/v1/auth/login/"
REFRESH = "/api/v1/auth/refresh/"
CHANGE = "/api/v1/auth/password/change/"
RESET = "/api/v1/auth/password/reset/"
CONFIRM = "/api/v1/auth/password/reset/confirm/"

NEW_PASSWORD = "Quiet-River-Stone-58"
LINK = re.compile(r"(?P<url>\S+/reset-password/confirm\?uid=(?P<uid>[\w-]+)&token=(?P<token>[\w-]+))")


def login_status(client, email: str, password: str) -> int:
    return client.post(LOGIN, {"email": email, "password": password}, format="json").status_code


def password_unchanged(user) -> bool:
    user.refresh_from_db()
    return user.check_password(DEFAULT_PASSWORD)


# --- change ---------------------------------------------------------------------------


def test_password_change_rejects_wrong_old_password(auth_client, user):
    response = auth_client.post(CHANGE, {"old_password": "Not-My-Password-1", "new_password": NEW_PASSWORD})

    assert_error(response, 400, "validation_error", details={"old_password"})
    assert password_unchanged(user)
    assert not AuditLog.objects.filter(action="password.changed").exists()


def test_password_change_rejects_weak_new_password(auth_client, user):
    response = auth_client.post(CHANGE, {"old_password": DEFAULT_PASSWORD, "new_password": "12345678"})

    error = assert_error(response, 400, "validation_error", details={"new_password"})
    assert error["details"]["new_password"]
    assert password_unchanged(user)


def test_password_change_rejects_new_password_similar_to_email(auth_client, user):
    response = auth_client.post(CHANGE, {"old_password": DEFAULT_PASSWORD, "new_password": user.email})

    assert_error(response, 400, "validation_error", details={"new_password"})
    assert password_unchanged(user)


def test_password_change_rejects_missing_fields(auth_client, user):
    response = auth_client.post(CHANGE, {})

    assert_error(response, 400, "validation_error", details={"old_password", "new_password"})
    assert password_unchanged(user)


def test_password_change_requires_authentication(api_client, user):
    response = api_client.post(CHANGE, {"old_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD})

    assert_error(response, 401, "not_authenticated")
    assert password_unchanged(user)


def test_password_change_switches_password_and_revokes_refresh_tokens(api_client, auth_client, user, tokens):
    other_session = token_pair_for(user)

    response = auth_client.post(CHANGE, {"old_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD})

    assert response.status_code == 200, response.content
    assert set(response.json()) == {"access", "refresh"}  # the caller's session goes on with a new pair
    assert_error(
        api_client.post(LOGIN, {"email": user.email, "password": DEFAULT_PASSWORD}), 401, "invalid_credentials"
    )
    assert login_status(api_client, user.email, NEW_PASSWORD) == 200
    for refresh in (tokens["refresh"], other_session["refresh"]):
        assert_error(api_client.post(REFRESH, {"refresh": refresh}), 401, "token_invalid")
    # Every refresh token issued before the change is blacklisted; only the answer's and the
    # new login's are live.
    live = OutstandingToken.objects.filter(user=user, blacklistedtoken__isnull=True)
    assert live.count() == 2
    entry = AuditLog.objects.get(action="password.changed")
    assert (entry.actor, entry.request_id) == (user, response["X-Request-ID"])


# --- reset request --------------------------------------------------------------------


def request_reset(client, email: str, capture):
    with capture(execute=True):
        return client.post(RESET, {"email": email})


def test_password_reset_for_unknown_email_answers_202_and_sends_nothing(
    api_client, user, mailoutbox, django_capture_on_commit_callbacks
):
    response = request_reset(api_client, "nobody@example.com", django_capture_on_commit_callbacks)

    assert response.status_code == 202
    assert response.content == b""
    assert mailoutbox == []
    entry = AuditLog.objects.get(action="password.reset_requested")
    assert (entry.target, entry.data) == ("nobody@example.com", {"known": False})


def test_password_reset_for_inactive_user_sends_nothing(
    api_client, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    inactive = make_user(is_active=False)

    response = request_reset(api_client, inactive.email, django_capture_on_commit_callbacks)

    assert response.status_code == 202
    assert mailoutbox == []


def test_password_reset_sends_one_korean_email_with_confirm_link(
    api_client, user, mailoutbox, django_capture_on_commit_callbacks
):
    response = request_reset(api_client, user.email, django_capture_on_commit_callbacks)

    assert response.status_code == 202
    assert response.content == b""
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [user.email]
    assert message.subject == "[VideoPlanet] 비밀번호 재설정 안내"
    match = LINK.search(message.body)
    assert match, message.body
    assert match["url"].startswith(f"{settings.FRONTEND_URL}/reset-password/confirm?uid=")
    assert message.alternatives and message.alternatives[0][1] == "text/html"
    assert AuditLog.objects.get(action="password.reset_requested").data == {"known": True}


def test_password_reset_email_uses_english_for_english_users(
    api_client, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    english = make_user(locale="en")

    request_reset(api_client, english.email, django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "[VideoPlanet] Reset your password"
    assert LINK.search(mailoutbox[0].body)


def test_password_reset_email_lookup_is_case_insensitive(
    api_client, user, mailoutbox, django_capture_on_commit_callbacks
):
    request_reset(api_client, user.email.upper(), django_capture_on_commit_callbacks)

    assert [m.to for m in mailoutbox] == [[user.email]]


def test_password_reset_rejects_invalid_email(api_client, mailoutbox, db):
    response = api_client.post(RESET, {"email": "not-an-email"})

    assert_error(response, 400, "validation_error", details={"email"})
    assert mailoutbox == []


# --- reset confirm --------------------------------------------------------------------


@pytest.fixture
def reset_link(api_client, user, mailoutbox, django_capture_on_commit_callbacks) -> dict:
    request_reset(api_client, user.email, django_capture_on_commit_callbacks)
    match = LINK.search(mailoutbox[0].body)
    return {"uid": match["uid"], "token": match["token"]}


def test_password_reset_confirm_sets_new_password_and_revokes_refresh_tokens(api_client, user, tokens, reset_link):
    response = api_client.post(CONFIRM, {**reset_link, "new_password": NEW_PASSWORD})

    assert response.status_code == 204, response.content
    assert login_status(api_client, user.email, NEW_PASSWORD) == 200
    assert login_status(api_client, user.email, DEFAULT_PASSWORD) == 401
    assert_error(api_client.post(REFRESH, {"refresh": tokens["refresh"]}), 401, "token_invalid")
    assert AuditLog.objects.filter(action="password.reset", actor=user).count() == 1


def test_password_reset_link_works_only_once(api_client, user, reset_link):
    assert api_client.post(CONFIRM, {**reset_link, "new_password": NEW_PASSWORD}).status_code == 204

    response = api_client.post(CONFIRM, {**reset_link, "new_password": "Second-Attempt-Pass-3"})

    assert_error(response, 400, "reset_link_invalid")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_password_reset_link_is_invalidated_by_a_later_login(api_client, user, reset_link):
    # The reset token hashes last_login: remembering the password and logging in spends it.
    assert login_status(api_client, user.email, DEFAULT_PASSWORD) == 200

    response = api_client.post(CONFIRM, {**reset_link, "new_password": NEW_PASSWORD})

    assert_error(response, 400, "reset_link_invalid")
    assert password_unchanged(user)


def test_password_reset_confirm_rejects_garbage_uid(api_client, user, reset_link):
    response = api_client.post(CONFIRM, {**reset_link, "uid": "garbage", "new_password": NEW_PASSWORD})

    assert_error(response, 400, "reset_link_invalid")
    assert password_unchanged(user)


def test_password_reset_confirm_rejects_uid_of_unknown_user(api_client, user, reset_link):
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    unknown = urlsafe_base64_encode(force_bytes("00000000-0000-0000-0000-000000000000"))

    response = api_client.post(CONFIRM, {**reset_link, "uid": unknown, "new_password": NEW_PASSWORD})

    assert_error(response, 400, "reset_link_invalid")
    assert password_unchanged(user)


def test_password_reset_confirm_rejects_garbage_token(api_client, user, reset_link):
    response = api_client.post(CONFIRM, {**reset_link, "token": "abc-123", "new_password": NEW_PASSWORD})

    assert_error(response, 400, "reset_link_invalid")
    assert password_unchanged(user)


def test_password_reset_confirm_rejects_expired_link(api_client, user, reset_link, monkeypatch):
    later = default_token_generator._now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)

    response = api_client.post(CONFIRM, {**reset_link, "new_password": NEW_PASSWORD})

    assert_error(response, 400, "reset_link_invalid")
    assert password_unchanged(user)


def test_password_reset_confirm_rejects_weak_password_and_keeps_the_old_one(api_client, user, reset_link):
    response = api_client.post(CONFIRM, {**reset_link, "new_password": "password"})

    assert_error(response, 400, "validation_error", details={"new_password"})
    assert password_unchanged(user)
    assert not AuditLog.objects.filter(action="password.reset").exists()
    # The link was not spent by the failed attempt.
    assert api_client.post(CONFIRM, {**reset_link, "new_password": NEW_PASSWORD}).status_code == 204


def test_password_reset_confirm_rejects_missing_fields(api_client, db):
    response = api_client.post(CONFIRM, {})

    assert_error(response, 400, "validation_error", details={"uid", "token", "new_password"})


def test_password_reset_confirm_does_not_touch_other_users(api_client, user, make_user, reset_link):
    bystander = make_user()

    assert api_client.post(CONFIRM, {**reset_link, "new_password": NEW_PASSWORD}).status_code == 204

    bystander.refresh_from_db()
    assert bystander.check_password(DEFAULT_PASSWORD)
    assert User.objects.count() == 2
