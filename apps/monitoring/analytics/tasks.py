"""Web analytics' beat tasks (schedule and queues in config/settings/celery.py)."""

from celery import shared_task


@shared_task(acks_late=True, ignore_result=True)
def analytics_tick() -> int:
    from .services import tick_send

    return tick_send()


@shared_task(acks_late=True, ignore_result=True)
def analytics_rollup() -> int:
    from .services import rollups_run

    return rollups_run()


@shared_task(acks_late=True, ignore_result=True)
def analytics_prune() -> dict:
    from .services import retention_run

    return retention_run()
