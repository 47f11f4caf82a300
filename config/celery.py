import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("videoplanet")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.after_setup_logger.connect
def _quiet_frequent_tasks(**kwargs):
    """Keep `make run` readable: no line per run of the every-few-seconds periodic tasks."""
    from django.conf import settings

    from apps.core.logging import quiet_frequent_tasks

    quiet_frequent_tasks(settings.CELERY_BEAT_SCHEDULE)
