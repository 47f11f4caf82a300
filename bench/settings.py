"""Settings for the Daphne server the benchmarks start: the development settings (real
Redis, the database the bench prepared) plus a URLconf that adds the bare baseline views."""

import os

from config.settings.dev import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

if os.environ.get("BENCH_WITHOUT_DENYLIST") == "1":
    # The baseline of bench_api's revocation row: authentication as before issue 19, plain
    # simplejwt with no Redis denylist and no password-hash claim check.
    REST_FRAMEWORK = {  # noqa: F405
        **REST_FRAMEWORK,  # noqa: F405
        "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework_simplejwt.authentication.JWTAuthentication"],
    }
    SIMPLE_JWT = {**SIMPLE_JWT, "CHECK_REVOKE_TOKEN": False}  # noqa: F405
