"""Text no database can store (apps.core.text) is refused at the doors it comes through —
the body parsers, the query string, the URL path — for every route, with a 400 that names
where it sits; each app's tests pin their own routes (feedback, rules, beacons)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.views import APIView

from apps.core.api import parsers
from apps.core.tests.assertions import assert_error
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ME = "/api/v1/users/me/"
# Parsers that hand the view raw bytes (it streams them to storage), never text.
BYTES_ONLY_PARSERS = {"apps.feedbacks.api.views.uploads.RawBodyParser"}


def api_views(patterns=None):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from api_views(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            view = getattr(entry.callback, "cls", None)
            if view is not None and issubclass(view, APIView):
                yield view


def test_every_api_view_parses_text_through_the_checking_parsers():
    ours = {parsers.JSONParser, parsers.MultiPartParser}
    unchecked = {
        f"{view.__module__}.{view.__qualname__}: {parser.__module__}.{parser.__qualname__}"
        for view in api_views()
        for parser in view.parser_classes
        if parser not in ours and f"{parser.__module__}.{parser.__qualname__}" not in BYTES_ONLY_PARSERS
    }
    assert not unchecked, "use apps.core.api.parsers (or add a bytes-only parser here): " + ", ".join(sorted(unchecked))


def test_the_whole_body_is_searched_however_deep(auth_client):
    depth = 500  # deeper than a recursive walk started inside a request could go safely
    raw = '{"display_name":' + "[" * depth + r'"\u0000"' + "]" * depth + "}"

    response = auth_client.patch(ME, data=raw.encode(), content_type="application/json")

    error = assert_error(response, 400, "validation_error")
    assert list(error["details"]) == ["display_name" + ".0" * depth]


def test_a_bad_key_at_the_top_level_is_a_non_field_error(auth_client):
    response = auth_client.patch(ME, data=rb'{"display\u0007name":"x"}', content_type="application/json")

    assert_error(response, 400, "validation_error", details={"non_field_errors"})


def test_the_message_follows_the_request_language(auth_client):
    raw = rb'{"display_name":"a\u0000"}'

    korean = auth_client.patch(ME, data=raw, content_type="application/json", HTTP_ACCEPT_LANGUAGE="ko")
    english = auth_client.patch(ME, data=raw, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")

    assert korean.json()["error"]["details"]["display_name"] == [
        "저장할 수 없는 문자(U+0000: 제어 문자 또는 짝 없는 서로게이트)가 들어 있습니다."
    ]
    assert english.json()["error"]["details"]["display_name"] == [
        "Contains U+0000, a control character or unpaired surrogate, which cannot be stored."
    ]


def test_nul_in_an_admin_search_is_a_400_not_a_database_error(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("admin:users_user_changelist") + "?q=a%00b")

    assert response.status_code == 400
