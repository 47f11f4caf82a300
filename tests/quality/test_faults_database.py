"""Fault injection: the database connection is killed in the middle of a request (another
connection runs pg_terminate_backend on it after the first rows of a write are in). The
client gets the 503 envelope, nothing of the write survives, and the next request works."""

import psycopg
import pytest
from django.db import connection
from django.db.models.signals import post_save
from rest_framework.test import APIClient

from apps.projects.models import Activity, Membership, Project
from apps.users.services import token_pair_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("pg_terminate_backend needs PostgreSQL (DATABASE_URL); CI runs it")


def _terminate(pid: int) -> None:
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as killer:
        killer.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_a_connection_killed_mid_write_answers_503_and_writes_nothing(postgres):
    owner = UserFactory()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(owner)['access']}")
    killed = []

    def kill_after_first_rows(sender, instance, created, **kwargs):
        # The project row and its owner membership are written; the activity is not yet.
        if created and not killed:
            killed.append(connection.connection.info.backend_pid)
            _terminate(killed[0])

    post_save.connect(kill_after_first_rows, sender=Membership, weak=False)
    try:
        response = client.post("/api/v1/projects/", {"name": "Half written"}, format="json")
    finally:
        post_save.disconnect(kill_after_first_rows, sender=Membership)
    connection.close()  # what the server does with an unusable connection at request end

    assert killed, "the fault was never injected"
    assert response.status_code == 503, response.content
    error = response.json()["error"]
    assert error["code"] == "service_unavailable"
    assert set(error) == {"code", "message", "details", "request_id"}
    assert response["X-Request-ID"] == error["request_id"]
    assert not Project.objects.filter(name="Half written").exists()
    assert not Membership.objects.filter(user=owner).exists()
    assert not Activity.objects.filter(actor=owner).exists()

    again = client.post("/api/v1/projects/", {"name": "Whole"}, format="json")
    assert again.status_code == 201, again.content
    assert Project.objects.filter(name="Whole", owner=owner).count() == 1


def test_a_dead_connection_at_authentication_is_503_not_500(postgres):
    """The first query of a request (the token's user) on a connection the server dropped."""
    owner = UserFactory()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(owner)['access']}")
    connection.ensure_connection()
    _terminate(connection.connection.info.backend_pid)

    response = client.get("/api/v1/users/me/")
    connection.close()

    assert response.status_code == 503, response.content
    assert response.json()["error"]["code"] == "service_unavailable"
    assert client.get("/api/v1/users/me/").status_code == 200
