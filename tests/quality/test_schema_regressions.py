"""What schema fuzzing found, pinned: each case is one thing the OpenAPI document used to get
wrong about the app's real answers."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from apps.monitoring.models import NotificationChannel
from apps.users.services import token_pair_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def responses(schema, method: str, path: str) -> set[str]:
    return set(schema["paths"]["/api/v1/" + path][method]["responses"])


def test_a_page_past_the_end_and_bad_filters_are_documented(schema):
    """`?page=999` answers 404 and `?status=nonsense` 400 on every paginated list."""
    assert {"400", "404"} <= responses(schema, "get", "projects/")
    assert {"400", "404"} <= responses(schema, "get", "monitoring/alerts/")
    assert {"400", "404"} <= responses(schema, "get", "notifications/")  # a garbled cursor


def test_query_validation_on_a_delete_is_documented(schema):
    assert "400" in responses(schema, "delete", "feedback/{feedback_id}/reactions/")


def test_refusals_of_signed_in_callers_are_documented(schema):
    """A role without the action, a non-staff caller of monitoring, someone else's invitation."""
    assert "403" in responses(schema, "patch", "projects/{project_id}/")
    assert "403" in responses(schema, "get", "monitoring/hosts/")
    assert "403" in responses(schema, "post", "invitations/{token}/accept/")
    assert "403" not in responses(schema, "post", "auth/password/reset/")  # public


def test_an_unknown_id_in_a_body_is_documented(schema):
    assert "404" in responses(schema, "post", "monitoring/templates/preview/")


def test_email_channels_have_an_empty_url_and_the_schema_allows_it(schema, api_client):
    staff = UserFactory(is_staff=True)
    channel = NotificationChannel.objects.create(name="ops", kind="email", recipients=["ops@example.com"])
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(staff)['access']}")

    body = api_client.get(f"/api/v1/monitoring/channels/{channel.pk}/").json()

    assert body["url"] == ""
    assert "format" not in schema["components"]["schemas"]["ChannelOut"]["properties"]["url"]


def test_a_channel_patch_without_rotation_has_no_secret_and_the_schema_says_so(schema, api_client):
    staff = UserFactory(is_staff=True)
    channel = NotificationChannel.objects.create(name="ops", kind="email", recipients=["ops@example.com"])
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(staff)['access']}")

    body = api_client.patch(f"/api/v1/monitoring/channels/{channel.pk}/", {"name": "ops 2"}, format="json").json()

    assert "secret" not in body
    patch = schema["paths"]["/api/v1/monitoring/channels/{id}/"]["patch"]["responses"]["200"]
    assert patch["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ChannelOut"}
