"""Settings for the Celery worker the kill test starts: dev settings with a short broker
visibility timeout, so a message the killed worker held unacknowledged comes back in
seconds instead of the production hour."""

from config.settings.dev import *  # noqa: F403

CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
