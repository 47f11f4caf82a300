import pytest
from rest_framework.test import APIClient

from apps.users.services import token_pair_for
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.server_errors import no_silent_server_errors, server_errors  # noqa: F401 — fixtures for every test


@pytest.fixture(autouse=True)
def _clean_cache():
    """Throttle counters live in the (real Redis) cache and token revocations beside it
    (raw `vp:auth:*` keys, outside the cache's prefix); every test starts from zero."""
    from django.core.cache import cache
    from django_redis import get_redis_connection

    cache.delete_pattern("*")
    redis = get_redis_connection("default")
    for key in redis.scan_iter("vp:auth:*"):
        redis.delete(key)
    yield


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def password() -> str:
    return DEFAULT_PASSWORD


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def make_user(db):
    return UserFactory


@pytest.fixture
def tokens(user) -> dict:
    return token_pair_for(user)


@pytest.fixture
def auth_client(user, tokens) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    return client
