"""GET/PUT notifications/preferences/: every kind with its mode (defaults: mentions, review
decisions and approvals at once, the rest in the daily digest), partial updates, and one
400 envelope per kind of bad input."""

import pytest

from apps.core.models import NotificationPreference
from apps.core.notify import KINDS
from apps.core.tests.assertions import assert_error

pytestmark = pytest.mark.django_db

URL = "/api/v1/notifications/preferences/"
DEFAULTS = {
    "mention": "instant",
    "reply": "digest",
    "comment": "digest",
    "review": "instant",
    "version": "digest",
    "approval": "instant",
    "team": "digest",
    "alert": "digest",
}
# Alerts only ever reach staff: nobody else is shown that setting.
MEMBER_DEFAULTS = {kind: mode for kind, mode in DEFAULTS.items() if kind != "alert"}


def modes(response) -> dict[str, str]:
    assert response.status_code == 200, response.content
    return {item["kind"]: item["mode"] for item in response.json()["kinds"]}


def test_defaults_list_every_kind_but_staff_alerts(auth_client):
    response = auth_client.get(URL)

    assert modes(response) == MEMBER_DEFAULTS
    assert [item["kind"] for item in response.json()["kinds"]] == [kind for kind in KINDS if kind != "alert"]


def test_staff_also_see_and_set_operations_alerts(make_user):
    from apps.projects.tests.conftest import client_for

    staff = client_for(make_user(is_staff=True))

    assert modes(staff.get(URL)) == DEFAULTS
    assert modes(staff.put(URL, {"kinds": [{"kind": "alert", "mode": "instant"}]}, format="json"))["alert"] == "instant"


def test_put_changes_the_named_kinds_and_keeps_the_others(auth_client, user):
    body = {"kinds": [{"kind": "mention", "mode": "digest"}, {"kind": "team", "mode": "off"}]}

    saved = modes(auth_client.put(URL, body, format="json"))

    assert saved == {**MEMBER_DEFAULTS, "mention": "digest", "team": "off"}
    assert modes(auth_client.get(URL)) == saved
    assert NotificationPreference.objects.get(user=user).modes == {"mention": "digest", "team": "off"}

    again = modes(auth_client.put(URL, {"kinds": [{"kind": "team", "mode": "in_app"}]}, format="json"))
    assert again == {**MEMBER_DEFAULTS, "mention": "digest", "team": "in_app"}


def test_preferences_are_per_user(auth_client, make_user):
    from apps.projects.tests.conftest import client_for

    auth_client.put(URL, {"kinds": [{"kind": "mention", "mode": "off"}]}, format="json")

    assert modes(client_for(make_user()).get(URL)) == MEMBER_DEFAULTS


def test_put_rejects_an_unknown_mode(auth_client):
    response = auth_client.put(URL, {"kinds": [{"kind": "mention", "mode": "sometimes"}]}, format="json")

    assert_error(response, 400, "validation_error", details={"kinds"})
    assert not NotificationPreference.objects.exists()


def test_put_rejects_an_unknown_kind(auth_client):
    response = auth_client.put(URL, {"kinds": [{"kind": "newsletter", "mode": "off"}]}, format="json")

    assert_error(response, 400, "validation_error", details={"kinds"})


def test_put_rejects_a_kind_named_twice(auth_client):
    body = {"kinds": [{"kind": "mention", "mode": "off"}, {"kind": "mention", "mode": "instant"}]}

    assert_error(auth_client.put(URL, body, format="json"), 400, "validation_error", details={"kinds"})


def test_put_rejects_an_empty_list_and_unknown_fields(auth_client):
    assert_error(auth_client.put(URL, {"kinds": []}, format="json"), 400, "validation_error", details={"kinds"})
    assert_error(
        auth_client.put(URL, {"kinds": [{"kind": "mention", "mode": "off"}], "extra": 1}, format="json"),
        400,
        "validation_error",
        details={"extra"},
    )


def test_preferences_need_sign_in(api_client):
    assert_error(api_client.get(URL), 401, "not_authenticated")
