"""Every notification has a message key, so it is read in its reader's language (list,
realtime event, e-mail): the welcome the demo seeds, an operator's message, and — by a scan of
the code — every place a notification is created."""

import ast
import importlib
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.management import call_command
from rest_framework.test import APIClient

from apps.core.models import Notification, StreamEvent
from apps.core.notify import MESSAGES
from apps.core.services import notification_create
from apps.users.models import User
from apps.users.services import token_pair_for
from tests.factories import UserFactory

APPS = Path(settings.BASE_DIR) / "apps"
# The functions that create a notification, and where their message key goes.
CREATORS = {"notification_create": None, "notify": None, "notify_member": 2}


def client_for(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(user)['access']}")
    return client


def titles(user: User, language: str) -> list[str]:
    response = client_for(user).get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["results"]]


def test_the_welcome_reads_in_the_readers_language(db):
    call_command("seed_demo")
    client = User.objects.get(email="client@videoplanet.local")  # the demo's English speaker
    director = User.objects.get(email="director@videoplanet.local")

    assert "Welcome to VideoPlanet" in titles(client, "en")
    assert "VideoPlanet에 오신 것을 환영합니다" in titles(director, "ko")
    welcome = Notification.objects.get(recipient=director, verb="system.welcome")
    assert welcome.key == "system.welcome"

    # The director switches the UI to English: the profile follows (PATCH users/me) and the
    # frontend sends Accept-Language: en.
    assert client_for(director).patch("/api/v1/users/me/", {"locale": "en"}, format="json").status_code == 200
    listed = titles(director, "en")
    assert "Welcome to VideoPlanet" in listed
    assert not any("환영" in title for title in listed)


def test_every_seeded_notification_has_a_known_key(db):
    call_command("seed_demo")
    keys = set(Notification.objects.values_list("key", flat=True))
    assert keys and keys <= set(MESSAGES)


def test_an_operators_message_is_shown_as_typed_with_a_key(db, capsys):
    user = UserFactory(locale="en")
    call_command("notify_user", user.email, "서버 점검 안내 22:00", "--url", "/projects")

    notification = Notification.objects.get(recipient=user)
    assert (notification.key, notification.params) == ("system.message", {"text": "서버 점검 안내 22:00"})
    assert titles(user, "en") == ["서버 점검 안내 22:00"]
    event = StreamEvent.objects.get(stream=f"user:{user.pk}", type="notification.created")
    assert event.data["title"] == "서버 점검 안내 22:00"


def test_a_notification_without_a_known_key_is_refused(db):
    user = UserFactory()
    for key in ("", "system.unheard_of"):
        with pytest.raises(ValueError, match="every notification has a key"):
            notification_create(recipient=user, key=key)
    assert not Notification.objects.exists()


def test_rows_from_before_keys_get_one(db):
    """Migration core 0004: a welcome and an operator's message stored with a literal title."""
    user = UserFactory(locale="en")
    welcome = Notification.objects.create(
        recipient=user, verb="system.welcome", title="VideoPlanet에 오신 것을 환영합니다"
    )
    message = Notification.objects.create(recipient=user, verb="system.message", title="점검 안내")

    importlib.import_module("apps.core.migrations.0004_notification_keys_for_system_rows").backfill(django_apps, None)

    welcome.refresh_from_db()
    message.refresh_from_db()
    assert (welcome.key, message.key, message.params) == ("system.welcome", "system.message", {"text": "점검 안내"})
    assert titles(user, "en") == ["점검 안내", "Welcome to VideoPlanet"]


def _calls() -> list[tuple[str, ast.Call]]:
    found = []
    for path in APPS.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                found.append((f"{path.relative_to(APPS)}:{node.lineno} {name}", node))
    return found


def test_every_notification_in_the_code_is_made_with_a_key():
    """A notification is made only through notification_create / notify / notify_member, each
    with a message key (a literal one must be in MESSAGES); never Notification.objects.create."""
    checked = 0
    for where, call in _calls():
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in ("create", "bulk_create", "get_or_create"):
            owner = func.value
            assert not (
                isinstance(owner, ast.Attribute)
                and owner.attr == "objects"
                and getattr(owner.value, "id", None) == "Notification"
                and "core/services.py" not in where
            ), f"{where}: create notifications with notification_create or notify (a message key)"
        name = where.rsplit(" ", 1)[1]
        if name not in CREATORS:
            continue
        keywords = {keyword.arg: keyword.value for keyword in call.keywords}
        position = CREATORS[name]
        key = keywords.get("key")
        if key is None and position is not None and len(call.args) > position:
            key = call.args[position]
        if key is None and None in keywords:
            continue  # a wrapper passing its caller's **kwargs on: its callers are checked
        assert key is not None, f"{where}: a notification without a message key"
        if isinstance(key, ast.Constant):
            assert key.value in MESSAGES, f"{where}: {key.value!r} is not in notify.MESSAGES"
        checked += 1
    assert checked >= 10  # the scan found the app's notifications
