"""Evaluate every enabled alert rule once now (what the `evaluate_alert_rules` beat task
does every interval): for a deployment without beat, scripts and end-to-end tests."""

from django.core.management.base import BaseCommand

from apps.monitoring.services.alerts import rules_evaluate


class Command(BaseCommand):
    help = "Evaluate all enabled alert rules once."

    def handle(self, *args, **options):
        totals = rules_evaluate()
        self.stdout.write(f"rules={totals['rules']} fired={totals['fired']} resolved={totals['resolved']}")
