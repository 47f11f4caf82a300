"""Sample this machine into the monitoring history: once, or every interval with --loop
(for a host that runs no Celery worker)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from apps.monitoring.services.samples import host_collect


class Command(BaseCommand):
    help = "Collect host metrics (psutil) once, or continuously with --loop."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="", help="Host name to record under (default: this machine's)")
        parser.add_argument("--loop", action="store_true", help="Keep sampling every --interval seconds")
        parser.add_argument("--interval", type=float, default=None, help="Seconds between samples")
        parser.add_argument("--count", type=int, default=0, help="With --loop: stop after this many samples")

    def handle(self, *args, **options):
        interval = options["interval"] or settings.MONITORING_COLLECT_INTERVAL
        done = 0
        while True:
            started = time.monotonic()
            host, count = host_collect(name=options["host"] or None)
            done += 1
            self.stdout.write(f"{host.name}: {count} values")
            if not options["loop"] or (options["count"] and done >= options["count"]):
                return
            time.sleep(max(0.0, interval - (time.monotonic() - started)))
