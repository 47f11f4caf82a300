"""Settings for the Daphne server the benchmarks start: the development settings (real
Redis, the database the bench prepared) plus a URLconf that adds the bare baseline views."""

from config.settings.dev import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
