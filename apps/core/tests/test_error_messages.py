"""Every message a DomainError can carry has Korean (apps.core.error_messages): the class
defaults, the messages built by their constructors, and the literal and f-string messages
passed where they are raised. The envelope answers in Korean by default, English on request."""

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from django.conf import settings

import apps
from apps.core.error_messages import KO, korean
from apps.core.errors import DomainError
from apps.core.tests.assertions import assert_error
from apps.feedbacks.services.sharing import ShareLinkUnusable, SharePasswordThrottled
from apps.feedbacks.services.uploads import UploadNotPending
from apps.feedbacks.services.versions import FileTooLarge, UnsupportedVideoType
from apps.feedbacks.storage import PartTooLarge
from apps.projects.services import InvitationNotUsable

HANGUL = re.compile("[가-힣]")
APPS_DIR = Path(apps.__file__).parent


def _domain_errors() -> list[type[DomainError]]:
    for module in pkgutil.walk_packages(apps.__path__, "apps."):
        if not re.search(r"\.(tests|migrations|management)(\.|$)", module.name):
            importlib.import_module(module.name)
    found, todo = [], [DomainError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


DOMAIN_ERRORS = _domain_errors()


def _assert_korean(message: str) -> None:
    translated = korean(message)
    assert translated is not None, f"no Korean for {message!r}"
    assert translated != message and HANGUL.search(translated), (message, translated)


def test_the_catalogue_is_korean():
    for english, translated in KO.items():
        assert translated != english and HANGUL.search(translated), english


@pytest.mark.parametrize("cls", DOMAIN_ERRORS, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_domain_error_default_has_korean(cls):
    _assert_korean(cls.message)


@pytest.mark.parametrize(
    "error",
    [
        FileTooLarge(settings.UPLOAD_SMALL_MAX_BYTES),
        FileTooLarge(settings.UPLOAD_SMALL_MAX_BYTES, hint=" Use a multipart upload (uploads/) for large files."),
        UnsupportedVideoType("image/png"),
        UnsupportedVideoType(""),
        UploadNotPending("completed"),
        PartTooLarge(1024),
        ShareLinkUnusable("expired"),
        ShareLinkUnusable("revoked"),
        SharePasswordThrottled(60),
        *(InvitationNotUsable(state) for state in ("expired", "revoked", "accepted")),
    ],
    ids=repr,
)
def test_messages_built_by_constructors_have_korean(error):
    _assert_korean(error.message)


def _raised_messages():
    """(where, message) for every `SomeDomainError("…")` / `SomeDomainError(f"…")` in the apps;
    an f-string's values become "1", which each catalogue pattern accepts."""
    names = {cls.__name__ for cls in DOMAIN_ERRORS}
    for path in APPS_DIR.rglob("*.py"):
        if {"tests", "migrations"} & set(path.parts):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            func = getattr(node, "func", None)
            name = getattr(func, "id", None) or getattr(func, "attr", None)
            if not isinstance(node, ast.Call) or name not in names or not node.args:
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield f"{path.name}:{node.lineno}", first.value
            elif isinstance(first, ast.JoinedStr):
                parts = [p.value if isinstance(p, ast.Constant) else "1" for p in first.values]
                yield f"{path.name}:{node.lineno}", "".join(parts)


RAISED = list(_raised_messages())


def test_the_scan_sees_raised_messages():
    assert len(RAISED) > 30 and any(message.startswith("pg_dump failed") for _, message in RAISED)


@pytest.mark.parametrize("message", [message for _, message in RAISED], ids=[where for where, _ in RAISED])
def test_every_raised_message_has_korean(message):
    _assert_korean(message)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "message"),
    [(None, "찾을 수 없습니다."), ("ko", "찾을 수 없습니다."), ("en", "Not found."), ("en-US,en;q=0.9", "Not found.")],
)
def test_the_envelope_message_follows_accept_language(api_client, language, message):
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    error = assert_error(api_client.get("/api/v1/no-such-thing/", **headers), 404, "not_found")
    assert error["message"] == message


@pytest.mark.django_db
def test_a_validation_error_says_so_in_both_languages(api_client):
    korean_error = assert_error(api_client.post("/api/v1/auth/login/", {}, format="json"), 400, "validation_error")
    english = api_client.post("/api/v1/auth/login/", {}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert korean_error["message"] == "제출한 데이터가 올바르지 않습니다."
    assert assert_error(english, 400, "validation_error")["message"] == "The submitted data is invalid."
