"""Access tokens revoked at once (core.revocation) through the real HTTP and WebSocket paths:
logout, sign out everywhere, password change and reset, deactivation. The denylist is the
test run's real Redis; nothing of ours is mocked."""

import pytest
import redis
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from apps.core.models import AuditLog
from apps.core.tests.assertions import assert_error
from apps.users.models import User
from apps.users.services import token_pair_for
from config.asgi import application
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/api/v1/auth/login/"
REFRESH = "/api/v1/auth/refresh/"
LOGOUT = "/api/v1/auth/logout/"
LOGOUT_ALL = "/api/v1/auth/logout-all/"
CHANGE = "/api/v1/auth/password/change/"
CONFIRM = "/api/v1/auth/password/reset/confirm/"
WS_TICKET = "/api/v1/auth/ws-ticket/"
ME = "/api/v1/users/me/"
NEW_PASSWORD = "Violet-Harbor-Engine-42"
ORIGIN = (b"origin", b"http://localhost:3000")


def bearer(access: str, **headers) -> APIClient:
    client = APIClient(**headers)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


def works(access: str) -> bool:
    return bearer(access).get(ME).status_code == 200


def assert_revoked(access: str) -> dict:
    response = bearer(access).get(ME)
    error = assert_error(response, 401, "token_revoked")
    assert response["WWW-Authenticate"].startswith("Bearer")
    return error


@pytest.fixture
def redis_client():
    with redis.Redis.from_url(settings.REDIS_URL) as client:
        yield client
        client.delete(*(client.keys("vp:auth:*") or ["vp:auth:none"]))


# --- logout ---------------------------------------------------------------------------


def test_logout_revokes_the_access_token_it_was_sent_with_at_once(user, tokens, redis_client):
    other = token_pair_for(user)
    assert works(tokens["access"])

    response = bearer(tokens["access"]).post(LOGOUT, {"refresh": tokens["refresh"]}, format="json")

    assert response.status_code == 204, response.content
    error = assert_revoked(tokens["access"])
    assert error["message"] == "세션이 종료되었습니다. 다시 로그인하세요."
    assert works(other["access"])  # another device stays signed in
    jti = AccessToken(tokens["access"])["jti"]
    assert 0 < redis_client.ttl(f"vp:auth:revoked:{jti}") <= settings.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"].seconds + 1


def test_revoked_token_message_is_english_for_english_requests(user, tokens, redis_client):
    bearer(tokens["access"]).post(LOGOUT, {"refresh": tokens["refresh"]}, format="json")

    response = bearer(tokens["access"]).get(ME, HTTP_ACCEPT_LANGUAGE="en")

    error = assert_error(response, 401, "token_revoked")
    assert error["message"] == "Your session has ended. Sign in again."


# --- sign out everywhere --------------------------------------------------------------


def test_logout_all_ends_every_session_of_the_user_only(api_client, user, tokens, make_user, redis_client):
    laptop, phone = token_pair_for(user), token_pair_for(user)
    stranger = token_pair_for(make_user())

    response = bearer(laptop["access"]).post(LOGOUT_ALL)

    assert response.status_code == 204, response.content
    for session in (tokens, laptop, phone):
        assert_revoked(session["access"])
        assert_error(api_client.post(REFRESH, {"refresh": session["refresh"]}, format="json"), 401, "token_invalid")
    assert works(stranger["access"])
    assert AuditLog.objects.filter(action="logout.everywhere", actor=user).count() == 1


def test_sign_in_right_after_logout_all_works(api_client, user, tokens, redis_client):
    bearer(tokens["access"]).post(LOGOUT_ALL)

    response = api_client.post(LOGIN, {"email": user.email, "password": DEFAULT_PASSWORD}, format="json")

    assert response.status_code == 200, response.content
    assert works(response.json()["access"])  # minted in the same second as the epoch, after it
    assert api_client.post(REFRESH, {"refresh": response.json()["refresh"]}, format="json").status_code == 200


def test_logout_all_requires_authentication(api_client, db):
    assert_error(api_client.post(LOGOUT_ALL), 401, "not_authenticated")


def test_logout_all_with_a_revoked_token_is_refused(user, tokens, redis_client):
    assert bearer(tokens["access"]).post(LOGOUT_ALL).status_code == 204

    assert_error(bearer(tokens["access"]).post(LOGOUT_ALL), 401, "token_revoked")


# --- password change and reset --------------------------------------------------------


def test_password_change_revokes_other_sessions_and_answers_a_working_pair(api_client, user, tokens, redis_client):
    other = token_pair_for(user)

    response = bearer(tokens["access"]).post(
        CHANGE, {"old_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD}, format="json"
    )

    assert response.status_code == 200, response.content
    assert_revoked(other["access"])
    assert_revoked(tokens["access"])  # replaced by the answer's pair
    fresh = response.json()
    assert works(fresh["access"])
    assert api_client.post(REFRESH, {"refresh": fresh["refresh"]}, format="json").status_code == 200


def test_password_change_revokes_old_tokens_even_without_the_redis_denylist(user, tokens, redis_client):
    """The fallback in PostgreSQL: tokens carry a hash of the password (CHECK_REVOKE_TOKEN)."""
    bearer(tokens["access"]).post(CHANGE, {"old_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD})
    redis_client.delete(*redis_client.keys("vp:auth:*"))  # as if Redis had lost the epoch

    assert_revoked(tokens["access"])


def test_password_reset_confirm_revokes_every_access_token(api_client, user, tokens, redis_client):
    link = {"uid": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)}

    response = api_client.post(CONFIRM, {**link, "new_password": NEW_PASSWORD}, format="json")

    assert response.status_code == 204, response.content
    assert_revoked(tokens["access"])
    assert redis_client.get(f"vp:auth:epoch:{user.pk}") is not None


# --- deactivation ---------------------------------------------------------------------


def test_deactivating_a_user_revokes_their_tokens_and_refresh(api_client, user, tokens, redis_client):
    user.is_active = False
    user.save()  # what the admin's change form does

    assert_revoked(tokens["access"])
    assert redis_client.get(f"vp:auth:epoch:{user.pk}") is not None
    assert_error(api_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json"), 401, "token_invalid")


def test_deactivation_through_the_admin_revokes_tokens(client, user, tokens, redis_client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    form = {
        "email": user.email,
        "display_name": user.display_name,
        "locale": user.locale,
        "timezone": str(user.timezone),
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }  # is_active left unchecked

    response = client.post(f"/admin/users/user/{user.pk}/change/", form)

    assert response.status_code == 302, response.content[:2000]
    assert not User.objects.get(pk=user.pk).is_active
    assert redis_client.get(f"vp:auth:epoch:{user.pk}") is not None
    assert_revoked(tokens["access"])


def test_saving_an_active_user_revokes_nothing(user, tokens, redis_client):
    user.display_name = "새 이름"
    user.save()

    assert works(tokens["access"])
    assert redis_client.get(f"vp:auth:epoch:{user.pk}") is None


# --- WebSocket ------------------------------------------------------------------------


async def expect_4401(communicator: WebsocketCommunicator) -> None:
    assert await communicator.receive_output(timeout=5) == {"type": "websocket.close", "code": 4401}
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_ws_ticket_is_refused_to_a_revoked_token_and_an_unused_ticket_dies_with_it(redis_client):
    user = await database_sync_to_async(UserFactory)()
    tokens = await sync_to_async(token_pair_for)(user)
    client = await sync_to_async(bearer)(tokens["access"])
    response = await sync_to_async(client.post)(WS_TICKET)
    assert response.status_code == 200, response.content
    ticket = response.json()["ticket"]

    assert (await sync_to_async(client.post)(LOGOUT_ALL)).status_code == 204

    assert_error(await sync_to_async(client.post)(WS_TICKET), 401, "token_revoked")
    communicator = WebsocketCommunicator(application, f"/ws/notifications/?ticket={ticket}", headers=[ORIGIN])
    await communicator.connect(timeout=5)
    await expect_4401(communicator)


@pytest.mark.django_db(transaction=True)
async def test_ws_bearer_with_a_revoked_token_is_refused(redis_client):
    user = await database_sync_to_async(UserFactory)()
    tokens = await sync_to_async(token_pair_for)(user)
    headers = [(b"authorization", f"Bearer {tokens['access']}".encode())]
    communicator = WebsocketCommunicator(application, "/ws/notifications/", headers=headers)
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    assert (await communicator.receive_json_from(timeout=5))["type"] == "hello"
    await communicator.disconnect()

    client = await sync_to_async(bearer)(tokens["access"])
    assert (await sync_to_async(client.post)(LOGOUT_ALL)).status_code == 204

    communicator = WebsocketCommunicator(application, "/ws/notifications/", headers=headers)
    await communicator.connect(timeout=5)
    await expect_4401(communicator)


async def _bearer_socket(access: str) -> WebsocketCommunicator:
    headers = [(b"authorization", f"Bearer {access}".encode())]
    communicator = WebsocketCommunicator(application, "/ws/notifications/", headers=headers)
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    assert (await communicator.receive_json_from(timeout=5))["type"] == "hello"
    return communicator


@pytest.mark.django_db(transaction=True)
async def test_open_sockets_close_with_4401_when_their_token_is_revoked(redis_client):
    user = await database_sync_to_async(UserFactory)()
    laptop, phone = await sync_to_async(token_pair_for)(user), await sync_to_async(token_pair_for)(user)
    laptop_socket, phone_socket = await _bearer_socket(laptop["access"]), await _bearer_socket(phone["access"])

    logout = await sync_to_async(bearer(laptop["access"]).post)(LOGOUT, {"refresh": laptop["refresh"]}, format="json")
    assert logout.status_code == 204
    await expect_4401(laptop_socket)
    await phone_socket.send_json_to({"type": "ping"})  # another session's socket stays open
    assert await phone_socket.receive_json_from(timeout=5) == {"type": "pong"}

    assert (await sync_to_async(bearer(phone["access"]).post)(LOGOUT_ALL)).status_code == 204
    await expect_4401(phone_socket)


@pytest.mark.django_db(transaction=True)
async def test_a_socket_opened_with_a_ticket_closes_on_sign_out_everywhere(redis_client):
    user = await database_sync_to_async(UserFactory)()
    tokens = await sync_to_async(token_pair_for)(user)
    client = await sync_to_async(bearer)(tokens["access"])
    ticket = (await sync_to_async(client.post)(WS_TICKET)).json()["ticket"]
    communicator = WebsocketCommunicator(application, f"/ws/notifications/?ticket={ticket}", headers=[ORIGIN])
    assert (await communicator.connect(timeout=5))[0]
    assert (await communicator.receive_json_from(timeout=5))["type"] == "hello"

    assert (await sync_to_async(client.post)(LOGOUT_ALL)).status_code == 204

    await expect_4401(communicator)
