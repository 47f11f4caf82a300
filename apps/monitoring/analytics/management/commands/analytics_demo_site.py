"""Print the demo site's public key (creating the site if needed), for `scripts/run.py`
to hand to the frontend as NEXT_PUBLIC_VP_SITE_KEY."""

from django.core.management.base import BaseCommand

from apps.monitoring.analytics.demo import demo_site_ensure


class Command(BaseCommand):
    help = "Ensure the demo analytics site exists and print its public key."

    def add_arguments(self, parser):
        parser.add_argument("--origin", action="append", default=[], help="another allowed origin")

    def handle(self, *args, **options):
        self.stdout.write(demo_site_ensure(origins=options["origin"]).public_key)
