"""Replace share-link, invitation and unsubscribe tokens already stored in analytics paths
(events, sessions' entry/exit pages, daily rollups' page breakdowns) with `:token`, as
ingestion now does for new events. Idempotent; no schema change."""

from django.core.management.base import BaseCommand
from django.db import transaction

from apps.monitoring.analytics.ingest import TOKEN_PATH_RE, redact_path
from apps.monitoring.analytics.models import AnalyticsRollup, Event, Session

PATTERN = TOKEN_PATH_RE.pattern.replace("[^/?#]+", "[^:/?#][^/?#]*")  # not already `:token`


def _merge(a, b):
    """Counts of two paths that become one: numbers add, [n, v] pairs add element-wise."""
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a + b
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [_merge(x, y) for x, y in zip(a, b, strict=True)]
    return a


def scrub_rollup_data(data):
    """The same dict with every path key redacted (merged when two become one)."""
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            value = scrub_rollup_data(value)
            new_key = redact_path(key) if isinstance(key, str) and key.startswith("/") else key
            out[new_key] = _merge(out[new_key], value) if new_key in out else value
        return out
    if isinstance(data, list):
        return [scrub_rollup_data(item) for item in data]
    if isinstance(data, str) and data.startswith("/"):
        return redact_path(data)
    return data


class Command(BaseCommand):
    help = "Redact share-link/invitation/unsubscribe tokens already stored in analytics paths."

    def handle(self, *args, **options):
        counts = {"events": 0, "sessions": 0, "rollups": 0}
        with transaction.atomic():
            for event in Event.objects.filter(path__regex=PATTERN).only("id", "path").iterator():
                Event.objects.filter(pk=event.pk).update(path=redact_path(event.path))
                counts["events"] += 1
            sessions = Session.objects.filter(entry_page__regex=PATTERN) | Session.objects.filter(
                exit_page__regex=PATTERN
            )
            for session in sessions.only("id", "entry_page", "exit_page").iterator():
                Session.objects.filter(pk=session.pk).update(
                    entry_page=redact_path(session.entry_page), exit_page=redact_path(session.exit_page)
                )
                counts["sessions"] += 1
            for rollup in AnalyticsRollup.objects.all().iterator():
                scrubbed = scrub_rollup_data(rollup.data)
                if scrubbed != rollup.data:
                    AnalyticsRollup.objects.filter(pk=rollup.pk).update(data=scrubbed)
                    counts["rollups"] += 1
        self.stdout.write(
            f"Scrubbed {counts['events']} events, {counts['sessions']} sessions, {counts['rollups']} rollups."
        )
