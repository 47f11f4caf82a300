# VideoPlanet backend: one image for Daphne (web), Celery worker, Celery beat and migrate,
# chosen by the command (deploy/entrypoint.sh). Build from the repository root:
#   podman build -f deploy/backend.Dockerfile -t videoplanet-backend .
# BASE_IMAGE: any Debian bookworm (CI passes a debootstrapped localhost/localbase:bookworm).
# PIP_CERT: a CA bundle for pip when HTTPS goes through an intercepting proxy; mount it at
# build time (-v host.crt:/run/host-ca.crt:ro --build-arg PIP_CERT=/run/host-ca.crt), never
# copy it in. Empty by default. No secrets are read at build time.
ARG BASE_IMAGE=debian:bookworm-slim

FROM ${BASE_IMAGE} AS python
# Debian's python3 is 3.11, the project's version; ca-certificates for HTTPS at run time
# (S3, OpenAI, Sentry, webhooks).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3=3.11.2-1+b1 ca-certificates=20250419~deb12u2 \
 && rm -rf /var/lib/apt/lists/*

FROM python AS build
ARG PIP_CERT=
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3-venv=3.11.2-1+b1 \
 && rm -rf /var/lib/apt/lists/*
ENV PIP_CERT=${PIP_CERT} PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY requirements/base.txt requirements/prod.txt /tmp/requirements/
# Wheels only: nothing is compiled, so the final stage needs no compiler or headers.
RUN python3 -m venv /opt/venv \
 && /opt/venv/bin/pip install --only-binary=:all: -r /tmp/requirements/prod.txt \
 && /opt/venv/bin/pip uninstall -y pip \
 && find /opt/venv -name '__pycache__' -prune -exec rm -rf {} +

FROM python
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.prod \
    PORT=8000
RUN useradd --uid 10001 --user-group --home-dir /app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY . /app
# Static files are collected into the image (served by WhiteNoise) with the base settings
# (the production ones demand a secret and a database, which a build must not have).
# Bytecode is compiled now: the app user cannot write it at run time.
RUN DJANGO_SETTINGS_MODULE=config.settings.base python manage.py collectstatic --noinput --verbosity 0 \
 && python -m compileall -q /app /opt/venv \
 && mkdir -p /app/var/media /app/var/backups \
 && chown -R app:app /app/var
# prometheus-client multiprocess files: wiped by the entrypoint at every start.
ENV PROMETHEUS_MULTIPROC_DIR=/tmp/prometheus
USER 10001
EXPOSE 8000
ENTRYPOINT ["/app/deploy/entrypoint.sh"]
CMD ["web"]
