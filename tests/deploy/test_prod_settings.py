"""Production settings as a Kubernetes pod meets them: kubelet probes and the Prometheus
scrape arrive over plain HTTP at the pod's address, inside the cluster."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings


def prod_setting(name: str):
    """The value config.settings.prod computes, in a process of its own (it reads the
    environment at import)."""
    env = dict(
        os.environ,
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="videoplanet.example.com",
        DATABASE_URL="postgres://u@db.example.com:5432/vp",
    )
    code = f"import json; from config.settings import prod; print(json.dumps(prod.{name}))"
    out = subprocess.run([sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, check=True, capture_output=True)
    return json.loads(out.stdout)


@pytest.mark.django_db
def test_probes_and_the_metrics_scrape_are_not_redirected_to_https(settings, client):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = prod_setting("SECURE_REDIRECT_EXEMPT")
    settings.METRICS_TOKEN = "scrape-token"

    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    scrape = client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-token")
    assert scrape.status_code == 200 and b"vp_http_requests" in scrape.content
    assert client.get("/metrics").status_code == 401  # still behind its token
    assert client.get("/api/v1/docs/").status_code == 301  # everything else goes to HTTPS
