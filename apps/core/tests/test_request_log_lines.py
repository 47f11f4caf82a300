"""Under `make run` (development settings, DEBUG on) a 4xx is one JSON line on stderr: not
also Django's own plain "Unauthorized: /api/v1/users/me/" from its default `django` handler."""

import importlib
import json
import logging

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils.log import configure_logging

pytestmark = pytest.mark.django_db


@pytest.fixture
def development_logging(settings):
    """Configures logging as `django.setup()` does under config.settings.dev (Django's
    DEFAULT_LOGGING first, then LOGGING); called inside the test, so its handlers write to the
    stderr capsys captures. The test run's logging is restored afterwards."""
    settings.DEBUG = True  # dev's default: Django's plain console handler only speaks when on
    development = importlib.import_module("config.settings.dev")
    assert development.DEBUG is True
    yield lambda: configure_logging(django_settings.LOGGING_CONFIG, development.LOGGING)
    configure_logging(django_settings.LOGGING_CONFIG, django_settings.LOGGING)


def test_a_401_is_logged_once_as_json(development_logging, capsys):
    development_logging()
    response = Client().get("/api/v1/users/me/")
    for handler in logging.getLogger().handlers:
        handler.flush()

    assert response.status_code == 401
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "/api/v1/users/me/" in line]
    assert len(lines) == 1, err
    record = json.loads(lines[0])
    assert record["logger"] == "django.request"
    assert record["level"] == "WARNING"
    assert record["message"] == "Unauthorized: /api/v1/users/me/"


def test_django_loggers_keep_their_level_and_reach_the_json_handler(development_logging):
    development_logging()
    django_logger = logging.getLogger("django")
    assert django_logger.handlers == [] and django_logger.propagate
    assert logging.getLogger("django.request").getEffectiveLevel() <= logging.WARNING
    (root_handler,) = logging.getLogger().handlers
    assert root_handler.formatter.__class__.__name__ == "JsonFormatter"
